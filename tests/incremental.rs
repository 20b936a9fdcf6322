//! `serve` re-renders only what a change touched; this proves that what it then serves is what a
//! full build would make. Random sequences of edits (add, change body or only its end, subject,
//! tags, date, draft, links, rename, delete, break and fix, profile and stylesheet edits, assets) are
//! applied to a generated site, and after each step the preview's whole output is compared,
//! file by file, with a fresh full render, or its problems with the full render's.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use brief::Error;
use brief::model::BuildOptions;
use brief::pipeline::{self, Request};
use brief::serve::Preview;

const SUBJECTS: [&str; 7] = [
    "Sergey Lavrov",
    "Sergei Lavrov",
    "Antony Blinken",
    "Annalena Baerbock",
    "Kassym-Jomart Tokayev",
    "Jens Stoltenberg",
    "Wendy Sherman",
];
const TAGS: [&str; 7] = [
    "NATO",
    "nato",
    "Russia",
    "Ukraine",
    "Energy",
    "Élections",
    "OSCE",
];
const WORDS: [&str; 8] = [
    "talks",
    "Geneva",
    "pipeline",
    "summit",
    "sanctions",
    "troops",
    "ceasefire",
    "vote",
];

/// A small deterministic generator (xorshift), so that a failing sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// One briefing's front matter and body, rewritten to disk as a whole on each edit.
#[derive(Clone)]
struct Briefing {
    title: String,
    date: String,
    subject: String,
    tags: Vec<String>,
    draft: bool,
    body: String,
}

impl Briefing {
    fn random(rng: &mut Rng) -> Self {
        let mut briefing = Briefing {
            title: format!("{} {}", rng.pick(&WORDS), rng.pick(&WORDS)),
            date: String::new(),
            subject: rng.pick(&SUBJECTS).to_owned(),
            tags: Vec::new(),
            draft: false,
            body: String::new(),
        };
        briefing.new_date(rng);
        briefing.new_tags(rng);
        briefing.new_body(rng, &[]);
        briefing
    }

    fn new_date(&mut self, rng: &mut Rng) {
        self.date = format!("2022-{:02}-{:02}", 1 + rng.below(3), 1 + rng.below(28));
    }

    fn new_tags(&mut self, rng: &mut Rng) {
        self.tags = (0..1 + rng.below(3))
            .map(|_| rng.pick(&TAGS).to_owned())
            .collect();
    }

    /// A new body, linking now and then to another briefing's file, a tag or a person.
    fn new_body(&mut self, rng: &mut Rng, others: &[String]) {
        let mut body = format!(
            "## Why is he in the news?\n\nThe {} in {}.\n\n## Why do we care?\n\nBecause.\n",
            rng.pick(&WORDS),
            rng.pick(&WORDS)
        );
        match rng.below(4) {
            0 if !others.is_empty() => {
                let other = &others[rng.below(others.len())];
                body.push_str(&format!("\nSee [the other one]({other}).\n"));
            }
            1 => body.push_str("\nSee [the tag](/tags/nato/) and [a map](../images/map.svg).\n"),
            _ => {}
        }
        self.body = body;
    }

    fn text(&self) -> String {
        let tags = self.tags.join(", ");
        format!(
            "---\ntitle: {}\ndate: {}\nsubject: {}\nage: 60\nnationality: Westphalian\n\
             care-rating: 5\ntags: [{tags}]\ndraft: {}\n---\n{}",
            self.title, self.date, self.subject, self.draft, self.body
        )
    }
}

/// The site on disk and what the test knows of it.
struct Site {
    root: PathBuf,
    /// File name (in content/briefings/) → briefing.
    briefings: BTreeMap<String, Briefing>,
    /// A file broken on purpose, and its text to restore on the next step.
    broken: Option<(PathBuf, String)>,
    next_name: usize,
}

impl Site {
    fn create(rng: &mut Rng) -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        fs::write(
            root.join("site.yaml"),
            "title: Random\nbase-url: https://example.org/sub/\nper-page: 2\n",
        )
        .unwrap();
        for folder in ["content/briefings", "content/people", "content/images"] {
            fs::create_dir_all(root.join(folder)).unwrap();
        }
        fs::write(root.join("content/images/map.svg"), "<svg/>").unwrap();
        fs::write(
            root.join("content/people/sergey-lavrov.md"),
            "---\nname: Sergey Lavrov\naliases: [Sergei Lavrov]\nborn: 1950-03-21\nnationality: Russian\n---\nA minister.\n",
        )
        .unwrap();
        let mut site = Site {
            root,
            briefings: BTreeMap::new(),
            broken: None,
            next_name: 0,
        };
        for _ in 0..7 {
            let briefing = Briefing::random(rng);
            site.add(briefing);
        }
        (dir, site)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.join("content/briefings").join(name)
    }

    fn write(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, self.briefings[name].text()).unwrap();
        path
    }

    fn add(&mut self, briefing: Briefing) -> PathBuf {
        self.next_name += 1;
        let name = format!("b-{}.md", self.next_name);
        self.briefings.insert(name.clone(), briefing);
        self.write(&name)
    }

    fn names(&self) -> Vec<String> {
        self.briefings.keys().cloned().collect()
    }

    /// Applies one random edit; returns what it did and the paths it changed.
    fn edit(&mut self, rng: &mut Rng) -> (String, Vec<PathBuf>) {
        if let Some((path, text)) = self.broken.take() {
            fs::write(&path, text).unwrap();
            return ("fix the broken file".into(), vec![path]);
        }
        let names = self.names();
        let name = names[rng.below(names.len())].clone();
        let what = rng.below(15);
        let mut changed = Vec::new();
        let entry = self.briefings.get_mut(&name).unwrap();
        match what {
            0 | 1 => {
                let briefing = Briefing::random(rng);
                return ("add a briefing".into(), vec![self.add(briefing)]);
            }
            2 => {
                let others: Vec<String> = names.iter().filter(|n| **n != name).cloned().collect();
                entry.new_body(rng, &others);
            }
            3 => entry.subject = rng.pick(&SUBJECTS).to_owned(),
            4 => entry.new_tags(rng),
            5 => entry.new_date(rng),
            6 => entry.draft = !entry.draft,
            7 => entry.title = format!("{} again", entry.title),
            // Below the first paragraph: lists and indexes stay as they were.
            13 => entry
                .body
                .push_str(&format!("\nMore on the {}.\n", rng.pick(&WORDS))),
            8 if names.len() > 2 => {
                let briefing = self.briefings.remove(&name).unwrap();
                let path = self.path(&name);
                fs::remove_file(&path).unwrap();
                self.next_name += 1;
                let new_name = format!("b-{}.md", self.next_name);
                self.briefings.insert(new_name.clone(), briefing);
                let new_path = self.write(&new_name);
                return (format!("rename {name}"), vec![path, new_path]);
            }
            9 if names.len() > 2 => {
                self.briefings.remove(&name);
                let path = self.path(&name);
                fs::remove_file(&path).unwrap();
                return (format!("delete {name}"), vec![path]);
            }
            10 => {
                let path = self.path(&name);
                let text = fs::read_to_string(&path).unwrap();
                fs::write(&path, text.replacen("title:", "titel:", 1)).unwrap();
                self.broken = Some((path.clone(), text));
                return (format!("break {name}"), vec![path]);
            }
            11 => {
                let path = self.root.join("content/people/sergey-lavrov.md");
                let born = format!("born: 19{}-03-21", 40 + rng.below(20));
                let text = fs::read_to_string(&path).unwrap();
                let old = text
                    .lines()
                    .find(|l| l.starts_with("born:"))
                    .unwrap()
                    .to_owned();
                fs::write(&path, text.replace(&old, &born)).unwrap();
                return ("edit a profile".into(), vec![path]);
            }
            12 => {
                let path = self.root.join("content/images/map.svg");
                fs::write(&path, format!("<svg id=\"v{}\"/>", rng.below(100))).unwrap();
                return ("edit an image".into(), vec![path]);
            }
            _ => {
                let folder = self.root.join("themes/default/static");
                fs::create_dir_all(&folder).unwrap();
                let path = folder.join("extra.css");
                fs::write(&path, format!("p {{ margin: {}px }}", rng.below(9))).unwrap();
                changed.push(path);
                return ("edit a stylesheet".into(), changed);
            }
        }
        changed.push(self.write(&name));
        (format!("edit {name} ({what})"), changed)
    }
}

fn request(root: &Path) -> Request {
    Request {
        root: root.to_owned(),
        base_url: Some("http://127.0.0.1:1111/sub/".into()),
        options: BuildOptions {
            drafts: false,
            future: false,
            today: "2022-12-31".parse().unwrap(),
        },
        lint: false,
    }
}

/// Every file of an output, as bytes, by path.
fn files(output: &brief::output::Output) -> BTreeMap<String, Vec<u8>> {
    output
        .paths()
        .map(|p| {
            let file = output.get(p).unwrap();
            (p.to_owned(), file.content.bytes().unwrap().into_owned())
        })
        .collect()
}

fn run(seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    let (_dir, mut site) = Site::create(&mut rng);
    let request = request(&site.root);
    let preview = Preview::new(request.clone());
    preview.rebuild(&[], false).unwrap();
    let mut history = Vec::new();
    for step in 0..steps {
        let (what, changed) = site.edit(&mut rng);
        history.push(what);
        preview.rebuild(&changed, false).unwrap();
        let context = || format!("seed {seed}, step {step}: {}", history.join("; "));
        match pipeline::render(&request) {
            Ok((_, full)) => {
                assert_eq!(preview.problems(), None, "{}", context());
                let (served, _) = preview.current();
                let (served, full) = (files(&served), files(&full));
                let paths = |f: &BTreeMap<String, Vec<u8>>| f.keys().cloned().collect::<Vec<_>>();
                assert_eq!(paths(&served), paths(&full), "{}", context());
                for (path, bytes) in &full {
                    assert!(
                        served[path] == *bytes,
                        "{path} differs from a full build after {}",
                        context()
                    );
                }
            }
            Err(Error::Content(problems)) => {
                assert_eq!(preview.problems(), Some(problems), "{}", context());
            }
            Err(other) => panic!("{other} after {}", context()),
        }
    }
}

#[test]
fn random_edits_serve_what_a_full_build_makes() {
    for seed in 1..=12 {
        run(seed * 7919, 40);
    }
}

/// A folder replaced wholesale may be reported as the folder alone: every file under it is
/// read again.
#[test]
fn a_changed_folder_means_every_file_under_it() {
    let mut rng = Rng(42);
    let (_dir, site) = Site::create(&mut rng);
    let request = request(&site.root);
    let preview = Preview::new(request.clone());
    preview.rebuild(&[], false).unwrap();
    let name = site.names()[0].clone();
    let path = site.path(&name);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("Because.", "Because the folder was replaced.", 1),
    )
    .unwrap();
    let folder = site.root.join("content/briefings");
    preview.rebuild(&[folder], false).unwrap();
    let (served, _) = preview.current();
    let (_, full) = pipeline::render(&request).unwrap();
    assert_eq!(files(&served), files(&full));
    let page = format!("briefings/{}/index.html", name.trim_end_matches(".md"));
    let html = String::from_utf8(files(&served)[&page].clone()).unwrap();
    assert!(html.contains("Because the folder was replaced."), "{html}");
}

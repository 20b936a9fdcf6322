//! `serve` re-renders only what a change touched; this proves that what it then serves is what a
//! full build would make. Random sequences of edits (add, change body or only its end, title,
//! care rating, age, summary, subject, tags, who-else-cares, nationality, date, draft, links,
//! rename, delete, break and fix, profile and stylesheet edits, assets) are applied to a
//! generated site, and after each step the preview's whole output and warnings are compared,
//! file by file, with a fresh full render, or its problems with the full render's. Edits that
//! change only what a briefing says take `serve`'s quickest way (a patch of the last site); the
//! test checks that they did.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use brief::Error;
use brief::diagnostic::Diagnostics;
use brief::model::BuildOptions;
use brief::pipeline::{self, Request};
use brief::serve::{Outcome, Preview, Report, Served};

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
/// Not Russian, which is the profile's: its page comes and goes with the briefings about
/// Sergey Lavrov that leave their nationality to the profile.
const NATIONALITIES: [&str; 4] = ["Westphalian", "Kazakh", "German", "Polish"];
/// Templates a change to which reaches some pages and not others.
const TEMPLATES: [&str; 4] = [
    "partials/meter.html",
    "partials/card.html",
    "partials/pagination.html",
    "partials/list.html",
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
    age: u32,
    care_rating: u32,
    summary: Option<String>,
    who_else_cares: Vec<String>,
    /// Left out only for Sergey Lavrov, whose profile gives it.
    nationality: Option<String>,
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
            age: 60,
            care_rating: 5,
            summary: None,
            who_else_cares: Vec::new(),
            nationality: None,
        };
        let subject = briefing.subject.clone();
        briefing.new_subject(rng, &subject);
        briefing.new_date(rng);
        briefing.new_tags(rng);
        briefing.new_body(rng, &[]);
        briefing
    }

    /// One of the nationalities, or, for a briefing about Sergey Lavrov, as often as not none.
    fn new_nationality(&mut self, rng: &mut Rng) {
        self.nationality = match self.subject == "Sergey Lavrov" && rng.below(2) == 0 {
            true => None,
            false => Some(rng.pick(&NATIONALITIES).to_owned()),
        };
    }

    /// A new subject. Most briefings say Westphalian: a person whose latest briefing says
    /// another nationality is shown differently everywhere, which no patch can do. A briefing
    /// about Sergey Lavrov as often as not leaves it to his profile; one about anyone else
    /// must say it.
    fn new_subject(&mut self, rng: &mut Rng, subject: &str) {
        self.subject = subject.to_owned();
        let profiled = subject == "Sergey Lavrov" && rng.below(2) == 0;
        self.nationality = (!profiled)
            .then(|| self.nationality.take())
            .map(|n| n.unwrap_or_else(|| NATIONALITIES[0].to_owned()));
    }

    fn new_date(&mut self, rng: &mut Rng) {
        self.date = format!("2022-{:02}-{:02}", 1 + rng.below(3), 1 + rng.below(28));
    }

    fn new_tags(&mut self, rng: &mut Rng) {
        self.tags = (0..1 + rng.below(3))
            .map(|_| rng.pick(&TAGS).to_owned())
            .collect();
    }

    /// A new body, linking now and then to another briefing's file, a tag, an image or a person.
    fn new_body(&mut self, rng: &mut Rng, others: &[String]) {
        let mut body = format!(
            "## Why is he in the news?\n\nThe {} in {}.\n\n## Why do we care?\n\nBecause.\n",
            rng.pick(&WORDS),
            rng.pick(&WORDS)
        );
        match rng.below(5) {
            0 if !others.is_empty() => {
                let other = &others[rng.below(others.len())];
                body.push_str(&format!("\nSee [the other one]({other}).\n"));
            }
            1 => body.push_str("\nSee [the tag](/tags/nato/) and [a map](../images/map.svg).\n"),
            // A page that comes and goes with the briefings about him.
            2 => body.push_str("\nSee [his page](/people/jens-stoltenberg/).\n"),
            _ => {}
        }
        self.body = body;
    }

    fn text(&self) -> String {
        let tags = self.tags.join(", ");
        let who = self.who_else_cares.join(", ");
        let summary = match &self.summary {
            Some(summary) => format!("summary: {summary}\n"),
            None => String::new(),
        };
        let nationality = match &self.nationality {
            Some(nationality) => format!("nationality: {nationality}\n"),
            None => String::new(),
        };
        format!(
            "---\ntitle: {}\ndate: {}\nsubject: {}\nage: {}\n{nationality}\
             care-rating: {}\ntags: [{tags}]\nwho-else-cares: [{who}]\n{summary}draft: {}\n---\n{}",
            self.title, self.date, self.subject, self.age, self.care_rating, self.draft, self.body
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
            "title: Random\nbase-url: https://example.org/sub/\nper-page: 2\nper-term-page: 2\nfeed-limit: 3\n",
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
        let what = rng.below(23);
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
            3 => {
                let subject = rng.pick(&SUBJECTS);
                entry.new_subject(rng, subject);
            }
            4 => entry.new_tags(rng),
            5 => entry.new_date(rng),
            6 => entry.draft = !entry.draft,
            7 => entry.title = format!("{} again", entry.title),
            // Below the first paragraph: lists and indexes stay as they were.
            13 => entry
                .body
                .push_str(&format!("\nMore on the {}.\n", rng.pick(&WORDS))),
            14 => entry.care_rating = rng.below(11) as u32,
            // Sergey Lavrov's profile makes him 71 or 72 in 2022: other ages are warned about.
            15 => entry.age = [60, 71, 72][rng.below(3)],
            16 => {
                entry.summary = match entry.summary {
                    Some(_) => None,
                    None => Some(format!("All about the {}.", rng.pick(&WORDS))),
                }
            }
            // Two briefings saved at once (a search and replace, a checkout).
            20 if names.len() > 1 => {
                let other = names
                    [(names.iter().position(|n| *n == name).unwrap() + 1) % names.len()]
                .clone();
                let subject = rng.pick(&SUBJECTS).to_owned();
                for one in [&name, &other] {
                    let briefing = self.briefings.get_mut(one).unwrap();
                    briefing.title = format!("{} too", briefing.title);
                    if rng.below(2) == 0 {
                        briefing.new_subject(rng, &subject);
                    }
                    changed.push(self.write(one));
                }
                return (format!("edit {name} and {other}"), changed);
            }
            18 | 19 => {
                // A template of the site's own default theme, over the built-in one.
                let name = rng.pick(&TEMPLATES);
                let path = self.root.join("themes/default/templates").join(name);
                let text = fs::read_to_string(&path).unwrap_or_else(|_| {
                    let built_in =
                        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
                    fs::read_to_string(built_in.join(name)).unwrap()
                });
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(&path, format!("{text}<!-- edit {} -->\n", rng.below(1000))).unwrap();
                return (format!("edit the template {name}"), vec![path]);
            }
            22 => entry.new_nationality(rng),
            17 => {
                let count = rng.below(3);
                entry.who_else_cares = (0..count).map(|_| rng.pick(&SUBJECTS).to_owned()).collect();
            }
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
        // As `serve` asks: the patch must lint what it replaces as a full run would.
        lint: true,
        lenient: true,
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

/// Applies `steps` random edits; returns how many were rebuilt by patching the last site, how
/// many of those linked its people and terms anew, and how many by rendering again only the
/// pages a template change reaches.
fn run(seed: u64, steps: usize) -> (usize, usize, usize) {
    let mut rng = Rng(seed);
    let (_dir, mut site) = Site::create(&mut rng);
    let request = request(&site.root);
    let preview = Preview::new(request.clone());
    preview.rebuild(&[], false).unwrap();
    let mut history = Vec::new();
    let (mut patched, mut relinked, mut rethemed) = (0, 0, 0);
    for step in 0..steps {
        let (what, changed) = site.edit(&mut rng);
        history.push(what);
        let rebuilt = preview.rebuild(&changed, false).unwrap();
        let context = || format!("seed {seed}, step {step}: {}", history.join("; "));
        match pipeline::render(&request) {
            Ok((prepared, full)) => {
                let shown = shown(&prepared.problems, &prepared.warnings);
                assert_eq!(preview.report(), shown, "{}", context());
                let Outcome::Done {
                    warnings,
                    problems,
                    timings,
                    ..
                } = rebuilt.outcome
                else {
                    panic!("the rebuild failed after {}", context());
                };
                assert_eq!(warnings, prepared.warnings, "{}", context());
                assert_eq!(problems, prepared.problems, "{}", context());
                let stages: Vec<&str> = timings.0.iter().map(|(stage, _)| *stage).collect();
                if stages.contains(&"patch") || stages.contains(&"relink") {
                    patched += 1;
                }
                if stages.contains(&"relink") {
                    relinked += 1;
                }
                if stages.contains(&"theme") {
                    rethemed += 1;
                }
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
                assert_eq!(preview.report(), reported(problems), "{}", context());
            }
            Err(other) => panic!("{other} after {}", context()),
        }
    }
    (patched, relinked, rethemed)
}

#[test]
fn random_edits_serve_what_a_full_build_makes() {
    let runs: Vec<(usize, usize, usize)> = (1..=12).map(|seed| run(seed * 7919, 40)).collect();
    let patched: usize = runs.iter().map(|r| r.0).sum();
    let relinked: usize = runs.iter().map(|r| r.1).sum();
    let rethemed: usize = runs.iter().map(|r| r.2).sum();
    eprintln!(
        "{patched} of 480 rebuilds were patches, {relinked} of them relinked; {rethemed} rethemed"
    );
    assert!(
        rethemed >= 15,
        "only {rethemed} of 480 rebuilds re-rendered for templates"
    );
    // Half the edit kinds keep a briefing in its place: the quick ways must have been taken
    // often enough for the comparisons above to have tested them.
    assert!(
        patched >= 100,
        "only {patched} of 480 rebuilds were patches"
    );
    assert!(
        relinked >= 20,
        "only {relinked} of 480 rebuilds relinked people and terms"
    );
}

/// A folder replaced wholesale may be reported as the folder alone: every file under it is
/// read again.
#[test]
fn a_changed_folder_means_every_file_under_it() {
    // The first of the generated sites that builds (a body may link to a person who has no
    // page in it).
    let (_dir, site) = (42..)
        .map(|seed| Site::create(&mut Rng(seed)))
        .find(|(_, site)| pipeline::render(&request(&site.root)).is_ok())
        .unwrap();
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

/// An edit the quick way cannot render (here, a card template that fails on one title) is
/// rendered the full way, which reports the problem as a build would; fixing the title alone
/// then brings what a full build makes, with the new subject that came with the broken title.
#[test]
fn an_edit_that_fails_to_render_is_reported_and_then_fixed() {
    let mut rng = Rng(7);
    let (_dir, mut site) = Site::create(&mut rng);
    let card = site
        .root
        .join("themes/default/templates/partials/card.html");
    fs::create_dir_all(card.parent().unwrap()).unwrap();
    fs::write(
        &card,
        "<p>{{ briefing.title }}</p>{% if briefing.title == \"boom\" %}{{ no.such.thing }}{% endif %}\n",
    )
    .unwrap();
    let request = request(&site.root);
    let preview = Preview::new(request.clone());
    preview.rebuild(&[], false).unwrap();
    let name = site.names()[0].clone();
    let title = site.briefings[&name].title.clone();
    let subject = match site.briefings[&name].subject.as_str() {
        "Wendy Sherman" => "Jens Stoltenberg",
        _ => "Wendy Sherman",
    };
    for (new_title, breaks) in [("boom", true), (title.as_str(), false)] {
        let briefing = site.briefings.get_mut(&name).unwrap();
        briefing.title = new_title.to_owned();
        briefing.subject = subject.to_owned();
        let path = site.write(&name);
        preview.rebuild(&[path], false).unwrap();
        match pipeline::render(&request) {
            Err(Error::Content(problems)) => {
                assert!(breaks, "{problems}");
                assert_eq!(preview.report(), reported(problems));
            }
            Ok((prepared, full)) => {
                assert!(!breaks, "the card template did not fail");
                let shown = shown(&prepared.problems, &prepared.warnings);
                assert_eq!(preview.report(), shown);
                assert_eq!(files(&preview.current().0), files(&full));
            }
            Err(other) => panic!("{other}"),
        }
    }
}

/// A relink that numbers the tags anew (by first appearance, newest first) must renumber the
/// tags of the briefings it did not touch, which later pages show: here the briefing's
/// neighbour at once, and another briefing's page at the next edit.
#[test]
fn a_tag_edit_that_renumbers_the_tags_is_patched_like_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("site.yaml"),
        "title: Tags\nbase-url: https://example.org/\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("content/briefings")).unwrap();
    let write = |name: &str, day: u32, tags: &str, end: &str| {
        let text = format!(
            "---\ntitle: On day {day}\ndate: 2022-03-{day:02}\nsubject: Wendy Sherman\nage: 70\n\
             nationality: Westphalian\ncare-rating: 5\ntags: [{tags}]\n---\nText.{end}\n"
        );
        let path = root.join("content/briefings").join(name);
        fs::write(&path, text).unwrap();
        path
    };
    write("a.md", 3, "Energy", "");
    write("b.md", 2, "Ukraine", "");
    write("c.md", 1, "Energy, Ukraine", "");
    let request = request(root);
    let preview = Preview::new(request.clone());
    preview.rebuild(&[], false).unwrap();
    // Ukraine now appears first: the two tags swap numbers.
    let edits = [
        ("a.md", 3, "Ukraine, Energy", ""),
        ("c.md", 1, "Energy, Ukraine", " More."),
    ];
    for (n, (name, day, tags, end)) in edits.into_iter().enumerate() {
        let path = write(name, day, tags, end);
        let rebuilt = preview.rebuild(&[path], false).unwrap();
        let Outcome::Done { timings, .. } = rebuilt.outcome else {
            panic!("edit {n} failed");
        };
        let stage = ["relink", "patch"][n];
        assert!(
            timings.0.iter().any(|(s, _)| *s == stage),
            "edit {n}: no {stage}"
        );
        let (_, full) = pipeline::render(&request).unwrap();
        let (served, full) = (files(&preview.current().0), files(&full));
        assert!(served.keys().eq(full.keys()), "after edit {n}");
        for (path, bytes) in &full {
            assert!(served[path] == *bytes, "{path} differs after edit {n}");
        }
    }
}

/// An edit that names someone anew and breaks the briefing (no age, and no profile to give
/// it) is reported as a full build reports it, in the person's name as first spelt; like a
/// lenient full build, the preview leaves the briefing out and serves the rest.
#[test]
fn a_relink_that_raises_an_error_is_reported_like_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("site.yaml"),
        "title: Errors\nbase-url: https://example.org/\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("content/briefings")).unwrap();
    let write = |name: &str, day: u32, subject: &str, age: &str, tags: &str| {
        let text = format!(
            "---\ntitle: On day {day}\ndate: 2022-03-{day:02}\nsubject: {subject}\n{age}\
             nationality: Westphalian\ncare-rating: 5\ntags: [{tags}]\n---\nText.\n"
        );
        let path = root.join("content/briefings").join(name);
        fs::write(&path, text).unwrap();
        path
    };
    write("a.md", 3, "Wendy Sherman", "age: 70\n", "Energy");
    write("b.md", 2, "wendy sherman", "age: 70\n", "Energy");
    let request = request(root);
    let preview = Preview::new(request.clone());
    preview.rebuild(&[], false).unwrap();
    let path = write("b.md", 2, "wendy sherman", "", "Energy, Ukraine");
    preview.rebuild(&[path], false).unwrap();
    let Ok((prepared, full)) = pipeline::render(&request) else {
        panic!("a lenient build stops at a broken briefing");
    };
    let problems = prepared.problems.to_string();
    assert!(
        problems.contains("Wendy Sherman has no profile"),
        "{problems}"
    );
    let shown = shown(&prepared.problems, &prepared.warnings);
    assert_eq!(preview.report(), shown);
    assert_eq!(files(&preview.current().0), files(&full));
    let strict = Request {
        lenient: false,
        ..request
    };
    let Err(Error::Content(strict)) = pipeline::render(&strict) else {
        panic!("a strict build went on past a broken briefing");
    };
    let errors: Diagnostics = strict.iter().filter(|d| d.is_error()).cloned().collect();
    assert_eq!(errors.to_string(), problems);
}

/// What the preview reports after a good rebuild: the errors it went on past and the warnings.
fn shown(problems: &Diagnostics, warnings: &Diagnostics) -> Option<Report> {
    let all: Diagnostics = problems.iter().chain(warnings.iter()).cloned().collect();
    (!all.is_empty()).then(|| Report {
        served: Served::This,
        problems: all.sorted(),
    })
}

/// What the preview reports after a failed rebuild, the first having built.
fn reported(problems: Diagnostics) -> Option<Report> {
    Some(Report {
        served: Served::Last,
        problems,
    })
}

/// Leaving a broken briefing out can break another: a link to the page of a person only the
/// first one named. The lenient run leaves that one out too, on its next assembly, and serves
/// the rest; a strict one reports the first alone, as the build always has.
#[test]
fn a_briefing_left_out_takes_with_it_the_links_to_the_pages_only_it_made() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("site.yaml"),
        "title: T\nbase-url: https://example.org/\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("content/briefings")).unwrap();
    let write = |name: &str, subject: &str, age: &str, body: &str| {
        let text = format!(
            "---\ntitle: {name}\ndate: 2022-03-01\nsubject: {subject}\n{age}nationality: Westphalian\n\
             care-rating: 5\n---\n{body}\n"
        );
        fs::write(
            root.join("content/briefings").join(format!("{name}.md")),
            text,
        )
        .unwrap();
    };
    write("first", "Nova Person", "", "Text.");
    write(
        "second",
        "Old Hand",
        "age: 50\n",
        "See [her](/people/nova-person/).",
    );
    write("third", "Old Hand", "age: 50\n", "Fine.");
    let (prepared, output) = pipeline::render(&request(root)).expect("a lenient build");
    let files: Vec<String> = (prepared.problems.iter())
        .filter(|d| d.is_error())
        .map(|d| d.file.display().to_string())
        .collect();
    assert_eq!(
        files,
        ["content/briefings/first.md", "content/briefings/second.md"],
        "{}",
        prepared.problems
    );
    assert!(output.get("briefings/third/index.html").is_some());
    for left_out in ["first", "second"] {
        let page = output
            .get(&format!("briefings/{left_out}/index.html"))
            .unwrap();
        let page = String::from_utf8(page.content.bytes().unwrap().into_owned()).unwrap();
        assert!(
            page.contains("This briefing is not published yet"),
            "{page}"
        );
    }
    let strict = Request {
        lenient: false,
        ..request(root)
    };
    let Err(Error::Content(problems)) = pipeline::render(&strict) else {
        panic!("a strict build went on past a broken briefing");
    };
    let errors: Vec<String> = (problems.iter())
        .filter(|d| d.is_error())
        .map(|d| d.file.display().to_string())
        .collect();
    assert_eq!(errors, ["content/briefings/first.md"], "{problems}");
}

//! `brief init` makes a site ready for members: a guide in the site's own name, with neutral
//! examples and a template that builds once filled in, and pages with no leftovers of the
//! example site. (What `init` prints and refuses is in `new.rs`.)

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{brief, read};

/// Names of the association's own site, which a new site must not show.
const LEFTOVERS: [&str; 6] = ["Lavrov", "NATO", "nato", "Russia", "RAIA", "patience"];

/// A new site made by `brief init` in `<temporary folder>/campus-briefings`.
fn new_site() -> (tempfile::TempDir, PathBuf) {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("campus-briefings");
    brief(&["init", dir.to_str().unwrap()]).succeeds();
    (parent, dir)
}

fn root(dir: &Path) -> &str {
    dir.to_str().unwrap()
}

#[test]
fn the_guide_names_the_site_its_folder_and_where_the_documentation_is() {
    let (_parent, dir) = new_site();
    let guide = read(&dir, "CONTRIBUTING.md");
    assert!(
        guide.starts_with("# Writing a briefing for Campus Briefings\n"),
        "{guide}"
    );
    assert!(guide.contains("In the folder of the site (`campus-briefings`):"));
    assert!(guide.contains("If something is unclear, ask an editor of Campus Briefings."));
    assert!(guide.contains("repository: https://github.com/raia-briefings/briefings."));
    assert!(guide.contains("`docs/errors.md`"));
    for word in LEFTOVERS {
        assert!(!guide.contains(word), "the guide says {word}:\n{guide}");
    }
    assert!(!guide.contains('%'), "a token was left: {guide}");
    assert!(read(&dir, "site.yaml").contains("\ntitle: Campus Briefings\n"));
}

#[test]
fn the_new_sites_pages_show_its_own_name_and_no_example_names() {
    let (_parent, dir) = new_site();
    brief(&["build", "--root", root(&dir)]).succeeds();
    let home = read(&dir, "public/index.html");
    assert!(home.contains("<title>Campus Briefings</title>"), "{home}");
    let search = read(&dir, "public/search/index.html");
    assert!(
        search.contains(r#"placeholder="A name, a tag or a word""#),
        "{search}"
    );
    for page in [&home, &search] {
        for word in LEFTOVERS {
            assert!(!page.contains(word), "{word} on:\n{page}");
        }
    }
}

/// The template of the guide's "What a briefing looks like".
fn guide_template(guide: &str) -> &str {
    let start = guide.find("```markdown\n").expect("a template") + "```markdown\n".len();
    &guide[start..start + guide[start..].find("```\n").unwrap()]
}

/// `template` as a member fills it in: each FILL IN line of the front matter by its key, and
/// each one of the body with a sentence.
fn filled_in(template: &str) -> String {
    let values = [
        ("title:", Some("title: Talks resume")),
        ("date:", Some("date: 2024-03-20")),
        ("subject:", Some("subject: T. Vell")),
        ("age:", None),
        ("nationality:", None),
        ("care-rating:", Some("care-rating: 4")),
        ("author:", Some("author: A Member")),
        ("- title:", Some("  - title: Talks resume")),
        ("url:", Some("    url: https://example.org/news/talks")),
        ("publisher:", Some("    publisher: Example News")),
        ("date: FILL IN  # optional", Some("    date: 2024-03-19")),
    ];
    let mut lines = Vec::new();
    let mut in_body = false;
    for line in template.lines() {
        in_body |= line.starts_with("## ");
        if !line.contains("FILL IN") {
            lines.push(line.to_owned());
        } else if in_body {
            lines.push(
                line.replace("FILL IN/10", "4/10")
                    .replace("FILL IN", "Text"),
            );
        } else {
            let key = line.trim_start();
            let value = values.iter().rev().find(|(k, _)| key.starts_with(k));
            let (_, value) = value.unwrap_or_else(|| panic!("no value for {line}"));
            lines.extend(value.map(str::to_owned));
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_guides_template_builds_once_filled_in_and_not_before() {
    let (_parent, dir) = new_site();
    let template = guide_template(&read(&dir, "CONTRIBUTING.md")).to_owned();
    let path = dir.join("content/briefings/2024-03-20-talks-resume.md");
    fs::write(&path, &template).unwrap();
    let check = brief(&["check", "--root", root(&dir), "--format", "json"]);
    let problems: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let codes: Vec<&str> = (problems.as_array().unwrap().iter())
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"E0050"), "{problems:#}");

    fs::write(&path, filled_in(&template)).unwrap();
    let check = brief(&["check", "--root", root(&dir)]).succeeds();
    assert!(
        check.stdout.contains(": 0 errors and 0 warnings"),
        "{}",
        check.stdout
    );
    brief(&["build", "--root", root(&dir)]).succeeds();
    let page = read(&dir, "public/people/tomas-vell/index.html");
    assert!(page.contains("Talks resume"), "{page}");
}

//! `brief new briefing`, `brief new person` and `brief init`, end to end with the real binary:
//! what they print, the files they write, what they refuse, and that a scaffold fails the
//! build until its placeholders are filled in.

mod common;

use std::fs;

use common::{Run, TestSite, brief, read};

const LAVROV: &str = "---\nname: Sergey Lavrov\naliases: [Sergei Lavrov]\nborn: 1950-03-21\nnationality: Russian\n---\nRussia's foreign minister.\n";

/// A profile that knows the birth date but not the nationality.
const BAERBOCK: &str =
    "---\nname: Annalena Baerbock\nborn: 1980-12-15\n---\nGermany's foreign minister.\n";

/// What `brief new briefing` writes for someone the site has no profile of, on `date`.
fn blinken_scaffold(date: &str) -> String {
    format!(
        r#"---
title: "FILL IN: the headline, e.g. Russia's fading patience"
date: {date}
subject: Antony Blinken
age: FILL IN  # whole years on that date; or leave it out and give `born` in content/people/antony-blinken.md
nationality: "FILL IN: e.g. Russian; or leave it out and give it in content/people/antony-blinken.md"
care-rating: FILL IN  # how much should readers care, 0 to 10
tags: []
who-else-cares: []
author: "FILL IN: your name, or the association's"
sources:
  - title: "FILL IN: the article's headline"
    url: "FILL IN: the article's full address, starting with https://"
    publisher: "FILL IN: e.g. Reuters"
    date: FILL IN  # YYYY-MM-DD, the day it was published
---
## Why is he in the news?

FILL IN: what happened this week, and what did they say or do? (Make the heading "Why is she…" or "Why are they…" as fits.)

## Why do we care?

FILL IN: why it matters to us, students of foreign affairs.

## Why should you care?

FILL IN: why it matters to the reader; end with "You should care N/10", N as in care-rating.

## Who else cares?

FILL IN: the other people involved; list them in who-else-cares too.

## Any further comments?

FILL IN: anything else worth saying.
"#
    )
}

/// Runs `brief new <kind> <args…> --root <site>`.
fn new_in(site: &TestSite, kind: &str, args: &[&str]) -> Run {
    let mut all = vec!["new", kind];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", site.root().to_str().unwrap()]);
    brief(&all)
}

fn next_step(site: &TestSite) -> String {
    format!(
        "Next: replace every FILL IN in it, then run `brief check --root {}`\n",
        site.root().to_string_lossy().replace('\\', "/")
    )
}

/// The scaffold with every placeholder line replaced by what a member would write.
fn filled_in(scaffold: &str) -> String {
    let mut heading = "";
    let mut lines = Vec::new();
    for line in scaffold.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            heading = h;
        }
        if !line.contains("FILL IN") {
            lines.push(line.to_owned());
            continue;
        }
        let key = line.split(':').next().unwrap();
        let real = match (key, heading) {
            ("title", _) => "title: Blinken writes back",
            ("age", _) => "age: 59",
            ("nationality", _) => "nationality: American",
            ("care-rating", _) => "care-rating: 6",
            ("author", _) => "author: RAIA members and alumni",
            ("  - title", _) => "  - title: The US hands over its written reply",
            ("    url", _) => "    url: https://example.org/news/us-reply",
            ("    publisher", _) => "    publisher: Example News",
            ("    date", _) => "    date: 2022-01-26",
            ("FILL IN", "Why should you care?") => "It is in writing now. You should care 6/10.",
            ("FILL IN", _) => "Washington answered Moscow's drafts on paper, as asked.",
            _ => panic!("a placeholder this test does not know how to fill: {line}"),
        };
        lines.push(real.to_owned());
    }
    lines.join("\n") + "\n"
}

#[test]
fn a_plain_name_gets_todays_scaffold_and_its_path_printed() {
    let site = TestSite::empty();
    let before = jiff::Zoned::now().date().to_string();
    let run = new_in(&site, "briefing", &["Antony  Blinken"]).succeeds();
    let after = jiff::Zoned::now().date().to_string();
    // Around midnight the day may change while the command runs.
    let today = if run.stdout.contains(&before) {
        before
    } else {
        after
    };
    let path = format!("content/briefings/{today}-antony-blinken.md");
    assert_eq!(run.stdout, format!("Created {path}\n{}", next_step(&site)));
    assert_eq!(run.stderr, "");
    assert_eq!(read(site.root(), &path), blinken_scaffold(&today));
}

#[test]
fn an_alias_becomes_the_canonical_name_and_the_profile_gives_age_and_nationality() {
    let site = TestSite::empty();
    site.write("content/people/sergey-lavrov.md", LAVROV);
    let run = new_in(
        &site,
        "briefing",
        &["sergei lavrov", "--date", "2022-01-20"],
    )
    .succeeds();
    assert!(
        run.stdout
            .starts_with("Created content/briefings/2022-01-20-sergey-lavrov.md\n")
    );
    let text = read(site.root(), "content/briefings/2022-01-20-sergey-lavrov.md");
    assert!(text.contains("\ndate: 2022-01-20\nsubject: Sergey Lavrov\ncare-rating: FILL IN"));
    assert!(
        !text.contains("age:") && !text.contains("nationality:"),
        "{text}"
    );
}

#[test]
fn a_profile_without_nationality_leaves_only_that_placeholder() {
    let site = TestSite::empty();
    site.write("content/people/annalena-baerbock.md", BAERBOCK);
    new_in(
        &site,
        "briefing",
        &["Annalena Baerbock", "--date", "2022-01-18"],
    )
    .succeeds();
    let text = read(
        site.root(),
        "content/briefings/2022-01-18-annalena-baerbock.md",
    );
    assert!(!text.contains("age:"), "{text}");
    assert!(text.contains("\nnationality: \"FILL IN: e.g. Russian; or leave it out and give it in content/people/annalena-baerbock.md\"\n"));
}

#[test]
fn title_and_date_name_the_file_and_fill_the_front_matter() {
    let site = TestSite::empty();
    site.write("content/people/sergey-lavrov.md", LAVROV);
    let args = [
        "Sergey Lavrov",
        "--title",
        "Russia's fading patience: yes",
        "--date",
        "2022-01-14",
    ];
    let run = new_in(&site, "briefing", &args).succeeds();
    let path = "content/briefings/2022-01-14-russias-fading-patience-yes.md";
    assert_eq!(run.stdout, format!("Created {path}\n{}", next_step(&site)));
    let text = read(site.root(), path);
    assert!(text.starts_with("---\ntitle: 'Russia''s fading patience: yes'\ndate: 2022-01-14\nsubject: Sergey Lavrov\n"), "{text}");
}

#[test]
fn an_existing_briefing_is_never_overwritten() {
    let site = TestSite::empty();
    site.write("content/people/sergey-lavrov.md", LAVROV);
    let path = "content/briefings/2022-01-20-sergey-lavrov.md";
    new_in(
        &site,
        "briefing",
        &["Sergey Lavrov", "--date", "2022-01-20"],
    )
    .succeeds();
    site.write(path, "a member's work in progress\n");
    let run = new_in(
        &site,
        "briefing",
        &["Sergei Lavrov", "--date", "2022-01-20"],
    )
    .fails_with(1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "error: could not create `{path}`: it already exists; choose another headline with --title, or another day with --date\n"
        )
    );
    assert_eq!(read(site.root(), path), "a member's work in progress\n");
}

#[test]
fn a_briefing_in_a_sub_folder_with_the_same_url_is_a_clash_too() {
    let site = TestSite::empty();
    site.write("content/briefings/2022/2022-01-20-lavrov.md", "kept\n");
    let run = new_in(
        &site,
        "briefing",
        &["Sergey Lavrov", "--title", "Lavrov", "--date", "2022-01-20"],
    );
    run.fails_with(1).reports("error: could not create `content/briefings/2022-01-20-lavrov.md`: `content/briefings/2022/2022-01-20-lavrov.md` already has its URL; choose another headline with --title, or another day with --date\n");
    assert!(
        !site
            .root()
            .join("content/briefings/2022-01-20-lavrov.md")
            .exists()
    );
}

#[test]
fn names_titles_and_dates_that_cannot_be_used_are_usage_errors() {
    let site = TestSite::empty();
    new_in(&site, "briefing", &["?!"])
        .fails_with(2)
        .reports("error: the name `?!` has no letter or digit to make a file name from\n");
    new_in(&site, "briefing", &["Sergey Lavrov", "--title", "…"])
        .fails_with(2)
        .reports("error: the title `…` has no letter or digit to make a file name from\n");
    new_in(
        &site,
        "briefing",
        &["Sergey Lavrov", "--date", "2022-02-30"],
    )
    .fails_with(2)
    .reports("error: --date `2022-02-30` is not a valid date: February 2022 has no day 30\n");
    new_in(&site, "person", &[" "])
        .fails_with(2)
        .reports("error: the name ` ` has no letter or digit to make a file name from\n");
    assert!(!site.root().join("content").exists());
}

#[test]
fn a_folder_that_is_not_a_site_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let run = brief(&["new", "briefing", "Sergey Lavrov", "--root", root]).fails_with(1);
    run.reports("error: could not read the site configuration");
    assert!(!dir.path().join("content").exists());
}

#[test]
fn a_broken_briefing_elsewhere_does_not_stop_a_new_one() {
    let site = TestSite::empty();
    site.write("content/people/sergey-lavrov.md", LAVROV);
    site.write(
        "content/briefings/broken.md",
        "---\ntitle: [unclosed\n---\n",
    );
    new_in(
        &site,
        "briefing",
        &["Sergei Lavrov", "--date", "2022-01-20"],
    )
    .succeeds();
    assert!(
        read(site.root(), "content/briefings/2022-01-20-sergey-lavrov.md")
            .contains("subject: Sergey Lavrov\n")
    );
}

#[test]
fn the_scaffold_fails_the_build_until_filled_in_and_passes_after() {
    let site = TestSite::empty();
    new_in(
        &site,
        "briefing",
        &["Antony Blinken", "--date", "2022-01-26"],
    )
    .succeeds();
    let path = "content/briefings/2022-01-26-antony-blinken.md";
    let run = site.build(&[]).fails_with(1);
    run.reports(&format!(
        "error[E0050]: this line still holds a FILL IN placeholder\n  --> {path}:7:14"
    ));
    assert!(!site.has_output("index.html"));
    site.check(&[]).fails_with(1);

    site.write(path, &filled_in(&read(site.root(), path)));
    let run = site.build(&[]).succeeds();
    assert_eq!(run.stderr, "", "no warnings expected");
    site.check(&[]).succeeds();
    assert!(
        site.output("briefings/2022-01-26-antony-blinken/index.html")
            .contains("Blinken writes back")
    );
}

#[test]
fn new_person_writes_a_profile_to_fill_in() {
    let site = TestSite::empty();
    let run = new_in(&site, "person", &["Antony Blinken"]).succeeds();
    assert_eq!(
        run.stdout,
        "Created content/people/antony-blinken.md\nNext: write the biography in place of FILL IN, and uncomment `born` and `nationality`\n"
    );
    assert_eq!(
        read(site.root(), "content/people/antony-blinken.md"),
        "---\nname: Antony Blinken\naliases: []\n\
         # Uncomment and correct these: every briefing about this person then gets its age and nationality.\n\
         # born: 1950-03-21\n# nationality: Russian\n---\n\
         FILL IN: a short biography: the post they hold, how they came to it, what they are known for.\n"
    );
}

#[test]
fn new_person_refuses_a_name_that_is_already_an_alias() {
    let site = TestSite::empty();
    site.write("content/people/sergey-lavrov.md", LAVROV);
    let run = new_in(&site, "person", &["Sergei Lavrov"]).fails_with(1);
    assert_eq!(
        run.stderr,
        "error: could not create `content/people/sergei-lavrov.md`: `Sergei Lavrov` is already an alias of Sergey Lavrov, in content/people/sergey-lavrov.md\n"
    );
    new_in(&site, "person", &["SERGEY LAVROV"]).fails_with(1).reports(
        "error: could not create `content/people/sergey-lavrov.md`: `SERGEY LAVROV` already has a profile, content/people/sergey-lavrov.md\n",
    );
    assert!(!site.root().join("content/people/sergei-lavrov.md").exists());
    assert_eq!(read(site.root(), "content/people/sergey-lavrov.md"), LAVROV);
}

#[test]
fn init_makes_a_site_that_builds_at_once_without_warnings() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("new-site");
    let dir_text = dir.to_str().unwrap();
    let run = brief(&["init", dir_text]).succeeds();
    assert_eq!(
        run.stdout,
        format!(
            "Created a new site in {dir_text}:\n  site.yaml\n  .gitignore\n  CONTRIBUTING.md\n  \
             content/briefings/2024-03-14-a-bridge-too-far-apart.md\n  content/people/tomas-vell.md\n\
             Next, build it into {dir_text}/public/, then start your first briefing:\n  \
             brief build --root {dir_text}\n  brief new briefing \"Name\" --root {dir_text}\n"
        )
    );
    assert_eq!(
        fs::read_to_string(dir.join(".gitignore")).unwrap(),
        "/public/\n"
    );
    let site_yaml = fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(site_yaml.contains("\nbase-url: https://example.org/\n"));

    let build = brief(&["build", "--root", dir_text]).succeeds();
    assert_eq!(build.stderr, "", "the new site must build without warnings");
    assert!(
        dir.join("public/briefings/2024-03-14-a-bridge-too-far-apart/index.html")
            .exists()
    );
    assert!(dir.join("public/people/tomas-vell/index.html").exists());
    brief(&["check", "--root", dir_text]).succeeds();

    // The new site is ready for its first real briefing.
    brief(&[
        "new",
        "briefing",
        "T. Vell",
        "--date",
        "2024-03-20",
        "--root",
        dir_text,
    ])
    .succeeds();
    let text = fs::read_to_string(dir.join("content/briefings/2024-03-20-tomas-vell.md")).unwrap();
    assert!(text.contains("subject: Tomas Vell\ncare-rating: FILL IN"));
}

#[test]
fn init_accepts_an_empty_folder_and_refuses_one_with_files() {
    let empty = tempfile::tempdir().unwrap();
    brief(&["init", empty.path().to_str().unwrap()]).succeeds();

    let full = tempfile::tempdir().unwrap();
    fs::write(full.path().join("notes.txt"), "mine\n").unwrap();
    let dir_text = full.path().to_str().unwrap();
    let run = brief(&["init", dir_text]).fails_with(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: `{dir_text}` is not empty; brief init makes a site in a new or empty folder\n"
        )
    );
    assert_eq!(common::files_under(full.path()), ["notes.txt"]);
}

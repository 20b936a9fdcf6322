//! A build into a folder that already holds what it would write does nothing, quickly, and
//! says so; any change to the site, the options or the output folder itself is noticed.

mod common;

use std::fs;

use common::{TestSite, briefing};

/// The "(N files: W written, U unchanged, R removed)" part of the summary line.
fn counts(stdout: &str) -> String {
    let start = stdout.find(" files: ").expect("a summary line");
    let end = stdout[start..].find(')').unwrap() + start;
    stdout[start + 1..end].to_owned()
}

/// The `basic` fixture, asking only the question all its briefings answer, so that its builds
/// have no warning unless a test gives them one.
fn basic() -> TestSite {
    let site = TestSite::fixture("basic");
    let config = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{config}required-sections: [Why is he in the news?]\n"),
    );
    site
}

#[test]
fn a_second_build_with_nothing_changed_writes_nothing() {
    let site = basic().built();
    let before = fs::read(site.public().join("index.html")).unwrap();
    let again = site.build(&[]).succeeds();
    let total = counts(&again.stdout);
    assert!(total.contains(": 0 written, "), "{total}");
    assert!(total.ends_with(" unchanged, 0 removed"), "{total}");
    assert_eq!(fs::read(site.public().join("index.html")).unwrap(), before);
}

#[test]
fn a_changed_briefing_is_built_even_when_its_size_and_time_are_kept() {
    let site = basic().built();
    let path = site.root().join("content/briefings/2022-01-10-geneva.md");
    let text = fs::read_to_string(&path).unwrap();
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let edited = text.replacen("Geneva", "GENEVA", 1);
    assert_eq!(edited.len(), text.len());
    fs::write(&path, &edited).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let run = site.build(&[]).succeeds();
    assert!(
        !counts(&run.stdout).contains(": 0 written"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_changed_or_removed_in_the_output_is_written_again() {
    let site = basic().built();
    let page = site.public().join("people/sergey-lavrov/index.html");
    let original = fs::read(&page).unwrap();
    fs::write(&page, "tampered").unwrap();
    fs::remove_file(site.public().join("rss.xml")).unwrap();
    let run = site.build(&[]).succeeds();
    assert!(
        counts(&run.stdout).contains(": 2 written"),
        "{}",
        run.stdout
    );
    assert_eq!(fs::read(&page).unwrap(), original);
    assert!(site.has_output("rss.xml"));
}

#[test]
fn other_options_build_again() {
    let site = basic().built();
    let drafts = site.build(&["--drafts"]).succeeds();
    assert!(
        !counts(&drafts.stdout).contains(": 0 written"),
        "{}",
        drafts.stdout
    );
    assert!(site.has_output("briefings/unfinished/index.html"));
}

#[test]
fn warnings_are_shown_by_every_build_not_only_the_first() {
    let site = basic().built();
    site.write("content/notes.md", "stray");
    let first = site.build(&[]).succeeds();
    let warning = first.stderr.clone();
    assert!(warning.starts_with("warning[W0001]: "), "{warning}");
    // The second has nothing to do, and still says the warning, word for word.
    let second = site.build(&[]).succeeds();
    assert!(
        counts(&second.stdout).contains(": 0 written, "),
        "{}",
        second.stdout
    );
    assert_eq!(second.stderr, warning);
}

#[test]
fn a_new_theme_file_is_noticed() {
    let site = basic().built();
    site.write("themes/default/static/extra.css", "p { color: red }");
    site.build(&[]).succeeds();
    assert!(site.has_output("extra.css"));
    site.write(
        "content/briefings/2022-01-20-new.md",
        &briefing(
            "title: New\nsubject: Sergey Lavrov\ncare-rating: 3",
            "## Why?\n\nNew.",
        ),
    );
    site.build(&[]).succeeds();
    assert!(site.has_output("briefings/2022-01-20-new/index.html"));
}

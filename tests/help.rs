//! Help that names the fix: a link to a file in another folder, a date written another way, a
//! picture left on the writer's computer, a name one letter from a known person's, `brief` run
//! from a sub-folder; and the lints' warnings in `build` and `serve`, where members look.

mod common;

use std::fs;

use common::builders::HOUSE;
use common::serve::Serve;
use common::{TestSite, brief, brief_in, briefing};

const LAVROV: &str = "---\nname: Sergey Lavrov\naliases: [Sergei Lavrov]\nborn: 1950-03-21\nnationality: Russian\n---\nBio.\n";

/// A briefing about Sergey Lavrov rated 6, with `extra` front-matter lines (from line 4) and
/// `text` before the house questions.
fn lavrov(extra: &str, text: &str) -> String {
    briefing(
        &format!("title: T\nsubject: Sergey Lavrov\n{extra}care-rating: 6"),
        &format!("{text}{HOUSE}"),
    )
}

/// A site that knows Sergey Lavrov and has his briefing of 14 January in `2022/`.
fn site() -> TestSite {
    let site = TestSite::empty();
    site.write("content/people/sergey-lavrov.md", LAVROV);
    site.write(
        "content/briefings/2022/2022-01-14-lavrov-out-of-patience.md",
        &lavrov("", ""),
    );
    site
}

/// [`site`] with `text` written at `file`, built: the build must fail.
fn build_failing(file: &str, text: &str) -> common::Run {
    let site = site();
    site.write(file, text);
    site.build(&[]).fails_with(1)
}

#[test]
fn a_link_to_a_briefing_in_another_folder_names_its_path() {
    let text = lavrov("", "As [before](2022-01-14-lavrov-out-of-patience.md).\n\n");
    build_failing("content/briefings/2023-02-01-again.md", &text).reports(
        "error[E0030]: the link `2022-01-14-lavrov-out-of-patience.md` points to a file that does not exist
  --> content/briefings/2023-02-01-again.md:6:4
   |
 6 | As [before](2022-01-14-lavrov-out-of-patience.md).
   |    ^
   = help: did you mean `2022/2022-01-14-lavrov-out-of-patience.md`?",
    );
}

#[test]
fn a_site_path_one_letter_off_names_the_page() {
    build_failing(
        "content/briefings/2023-02-01-again.md",
        &lavrov("", "See [him](/people/sergey-lavrow/#bio).\n\n"),
    )
    .reports(
        "error[E0030]: the link `/people/sergey-lavrow/#bio` points to a page that does not exist
  --> content/briefings/2023-02-01-again.md:6:5
   |
 6 | See [him](/people/sergey-lavrow/#bio).
   |     ^
   = help: did you mean `/people/sergey-lavrov/#bio`?",
    );
}

#[test]
fn a_site_path_through_an_alias_leads_to_the_person() {
    let site = site();
    site.write(
        "content/briefings/2023-02-01-again.md",
        &lavrov("", "See [him](/people/sergei-lavrov/#bio).\n\n"),
    );
    site.build(&[]).succeeds();
    let page = site.output("briefings/2023-02-01-again/index.html");
    assert!(
        page.contains("href=\"https://example.org/sub/people/sergey-lavrov/#bio\"")
            || page.contains("href=\"/sub/people/sergey-lavrov/#bio\""),
        "{page}"
    );
    assert!(!site.has_output("people/sergei-lavrov/index.html"));
}

#[test]
fn dates_written_another_way_are_given_back_as_dates() {
    for (written, meant) in [
        ("14.01.2022", "2022-01-14"),
        ("14/01/2022", "2022-01-14"),
        ("2022/01/14", "2022-01-14"),
        ("3 March 2021", "2021-03-03"),
        ("\"January 14, 2022\"", "2022-01-14"),
    ] {
        let site = site();
        let text = lavrov(&format!("date: {written}\n"), "");
        site.write("content/briefings/talks.md", &text);
        let shown = written.trim_matches('"');
        site.build(&[]).fails_with(1).reports(&format!(
            "error[E0011]: `{shown}` is not a valid date: dates are written YYYY-MM-DD
  --> content/briefings/talks.md:4:7
   |
 4 | date: {written}
   |       ^
   = help: did you mean `{meant}`? Dates are written year, month, day"
        ));
    }
}

#[test]
fn a_date_that_cannot_be_read_is_shown_the_shape() {
    build_failing(
        "content/briefings/talks.md",
        &lavrov("date: last Friday\n", ""),
    )
    .reports(
        "error[E0011]: `last Friday` is not a valid date: dates are written YYYY-MM-DD
  --> content/briefings/talks.md:4:7
   |
 4 | date: last Friday
   |       ^
   = help: write the date as year, month and day, joined by hyphens: YYYY-MM-DD",
    );
}

#[test]
fn a_date_unlike_the_file_name_is_a_warning_in_build() {
    let site = site();
    site.write(
        "content/briefings/2022-01-15-talks.md",
        &lavrov("date: 2022-01-16\n", ""),
    );
    let run = site.build(&[]).succeeds();
    run.reports(
        "warning[W0070]: the briefing is dated 2022-01-16, but its file name starts with 2022-01-15
  --> content/briefings/2022-01-15-talks.md:4:7
   |
 4 | date: 2022-01-16
   |       ^
   = help: make the two agree: write `date: 2022-01-15`, or rename the file `2022-01-16-talks.md`",
    );
    assert!(run.stdout.contains("; 1 warning)"), "{}", run.stdout);
}

#[test]
fn a_windows_path_to_a_picture_is_an_error() {
    let text = lavrov(
        "",
        "![Olaf Scholz](C:\\Users\\Anna\\Pictures\\scholz.jpg)\n\n",
    );
    build_failing("content/briefings/2022/2022-01-15-scholz.md", &text).reports(
        "error[E0070]: the image `C:\\Users\\Anna\\Pictures\\scholz.jpg` points to a file on your own computer, which readers cannot open
  --> content/briefings/2022/2022-01-15-scholz.md:6:1
   |
 6 | ![Olaf Scholz](C:\\Users\\Anna\\Pictures\\scholz.jpg)
   | ^
   = help: copy the picture into `content/images/` and link it from there: `../../images/scholz.jpg`",
    );
}

#[test]
fn a_mac_path_to_a_picture_says_what_to_do() {
    let text = lavrov("", "![Olaf Scholz](/Users/anna/Desktop/scholz.jpg)\n\n");
    build_failing("content/briefings/2022-01-15-scholz.md", &text).reports(
        "error[E0070]: the image `/Users/anna/Desktop/scholz.jpg` points to a file on your own computer, which readers cannot open
  --> content/briefings/2022-01-15-scholz.md:6:1
   |
 6 | ![Olaf Scholz](/Users/anna/Desktop/scholz.jpg)
   | ^
   = help: copy the picture into `content/images/` and link it from there: `../images/scholz.jpg`",
    );
}

#[test]
fn a_file_url_in_a_link_is_an_error() {
    let text = lavrov("", "The [report](file:///home/anna/report%20v2.pdf).\n\n");
    build_failing("content/briefings/2022-01-15-report.md", &text).reports(
        "error[E0070]: the link `file:///home/anna/report%20v2.pdf` points to a file on your own computer, which readers cannot open
  --> content/briefings/2022-01-15-report.md:6:5
   |
 6 | The [report](file:///home/anna/report%20v2.pdf).
   |     ^
   = help: copy the file into `content/images/` and link it from there: `../images/report v2.pdf`",
    );
}

#[test]
fn a_name_one_letter_from_a_known_person_is_a_warning_in_build() {
    let site = site();
    site.write(
        "content/briefings/2022-01-15-lavrof.md",
        &briefing(
            "title: T\nsubject: Sergei Lavrof\nage: 71\nnationality: Russian\ncare-rating: 6",
            HOUSE,
        ),
    );
    let run = site.build(&[]).succeeds();
    run.reports(
        "warning[W0010]: `Sergei Lavrof` is not a known name, but `Sergei Lavrov` is (content/people/sergey-lavrov.md)
  --> content/briefings/2022-01-15-lavrof.md:3:10
   |
 3 | subject: Sergei Lavrof
   |          ^
   = help: if they are the same person, write `Sergey Lavrov`, or add `Sergei Lavrof` to the aliases in content/people/sergey-lavrov.md",
    );
    assert!(run.stdout.contains("; 1 warning)"), "{}", run.stdout);
}

#[test]
fn the_lints_are_warnings_in_serve_too() {
    let site = site();
    site.write(
        "content/briefings/2022-01-15-rated.md",
        &lavrov("", "").replace("care 6/10", "care 8/10"),
    );
    let serve = Serve::start(site.root());
    // The terminal's two streams reach the test interleaved by line: look for each line.
    serve.wait_for_log("warning[W0012]: the body says 8/10 but care-rating is 6\n");
    serve.wait_for_log("  --> content/briefings/2022-01-15-rated.md:16:17\n");
}

#[test]
fn new_briefing_refuses_a_name_one_letter_from_a_known_one() {
    let site = site();
    let root = site.root().to_str().unwrap();
    let args = [
        "new",
        "briefing",
        "Sergei Lavrof",
        "--date",
        "2022-01-20",
        "--root",
        root,
    ];
    brief(&args).fails_with(2).reports(
        "error: `Sergei Lavrof` is not a known name: did you mean Sergey Lavrov? (pass --new-person if this is someone else)\n",
    );
    let written = site
        .root()
        .join("content/briefings/2022-01-20-sergei-lavrof.md");
    assert!(!written.exists(), "a refused briefing was written");
    let mut args = args.to_vec();
    args.push("--new-person");
    brief(&args).succeeds();
    assert!(written.exists());
}

#[test]
fn new_briefing_gives_back_a_date_written_another_way() {
    let site = site();
    let root = site.root().to_str().unwrap();
    brief(&[
        "new",
        "briefing",
        "Sergey Lavrov",
        "--date",
        "14.01.2022",
        "--root",
        root,
    ])
    .fails_with(2)
    .reports(
        "error: --date `14.01.2022` is not a valid date: dates are written YYYY-MM-DD
  = help: did you mean `2022-01-14`? Dates are written year, month, day\n",
    );
}

#[test]
fn run_from_a_sub_folder_brief_finds_the_site_above() {
    let site = site();
    fs::create_dir(site.root().join(".git")).unwrap();
    let folder = site.root().join("content/briefings/2022");
    let run = brief_in(&folder, &["build"]).succeeds();
    assert!(
        run.stdout.contains(" into ../../../public (50.1 kB) in "),
        "{}",
        run.stdout
    );
    assert!(site.root().join("public/index.html").exists());
    brief_in(&folder, &["check"]).succeeds();
}

#[test]
fn outside_any_site_brief_says_where_to_run_it() {
    let site = TestSite::empty();
    fs::remove_file(site.root().join("site.yaml")).unwrap();
    fs::create_dir_all(site.root().join(".git")).unwrap();
    fs::create_dir_all(site.root().join("notes")).unwrap();
    let top = site.root().display();
    brief_in(&site.root().join("notes"), &["build"]).fails_with(2).reports(&format!(
        "error: there is no site.yaml in this folder, nor in the folders above it up to `{top}`: run brief in the site's folder (the one that holds site.yaml and content/), or name that folder with --root\n"
    ));
}

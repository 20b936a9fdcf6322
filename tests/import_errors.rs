//! Every error `brief import` can meet in a post that `tests/import.rs`'s `broken.txt` does not
//! show: its exact text, input file, line and column. Each post is the fixture
//! `archive/leap-day.txt` with one thing broken, imported with `--year 2024` into an empty site;
//! the post is not written.

mod common;

use std::fs;
use std::path::Path;

use common::{Run, TestSite};

/// `archive/leap-day.txt` with `from` replaced by `to` (which must be there).
fn leap_day_with(from: &str, to: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/archive/leap-day.txt");
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "leap-day.txt lacks `{from}`");
    text.replace(from, to).into_bytes()
}

/// Imports `post` as `post.txt`; the run must fail with every post refused and nothing written.
fn import(post: &[u8]) -> Run {
    let site = TestSite::empty();
    let inputs = tempfile::tempdir().unwrap();
    fs::write(inputs.path().join("post.txt"), post).unwrap();
    let root = site.root().to_str().unwrap();
    let args = ["import", "post.txt", "--year", "2024", "--root", root];
    let run = common::brief_in(inputs.path(), &args).fails_with(1);
    assert!(
        !site.root().join("content").exists(),
        "a refused post was written:\n{}",
        run.stdout
    );
    run
}

/// Asserts that importing `post` reports exactly `report` (each problem, then a blank line).
fn refused_with(post: &[u8], report: &str) {
    let run = import(post);
    assert_eq!(run.stderr, format!("{report}\n"));
    assert_eq!(
        run.stdout,
        "1 post from 1 file: 0 written, 0 already imported, 1 with errors\n"
    );
}

#[test]
fn a_fact_asked_twice() {
    refused_with(
        &leap_day_with("Age? 52\n", "Age? 52\n\nAge? 53\n"),
        "\
error[E0105]: `Age?` is asked twice (first on line 9)
  --> post.txt:11:1
    |
 11 | Age? 53
    | ^
    = help: keep only one of them
",
    );
}

#[test]
fn a_house_question_asked_twice() {
    refused_with(
        &leap_day_with(
            "Who else cares?",
            "Why do we care? Again.\n\nWho else cares?",
        ),
        "\
error[E0105]: `Why do we care?` is asked twice (first on line 13)
  --> post.txt:17:1
    |
 17 | Why do we care? Again.
    | ^
    = help: keep only one of them
",
    );
}

#[test]
fn a_fact_without_its_answer() {
    refused_with(
        &leap_day_with("Age? 52", "Age?"),
        "\
error[E0106]: `Age?` has no answer
  --> post.txt:9:1
   |
 9 | Age?
   | ^
   = help: write the answer on the same line, after `Age?`
",
    );
}

#[test]
fn a_care_rating_above_ten() {
    refused_with(
        &leap_day_with("care 4/10", "care 11/10"),
        "\
error[E0110]: `11/10` is not a care rating: ratings go from 0 to 10
  --> post.txt:15:90
    |
 15 | Why should you care? It may be the only way the talks restart this year. You should care 11/10.
    |                                                                                          ^
    = help: rate from 0/10 to 10/10
",
    );
}

#[test]
fn text_between_the_caption_and_the_fact_box() {
    refused_with(
        &leap_day_with(
            "Noor Haddad\n\nName?",
            "Noor Haddad\n\nPhoto: the UN\n\nName?",
        ),
        "\
error[E0111]: expected `Name? …` here
  --> post.txt:5:1
   |
 5 | Photo: the UN
   | ^
   = help: after the headline come the photo caption (the person's name), then `Name? …`
",
    );
}

#[test]
fn text_inside_the_fact_box() {
    refused_with(
        &leap_day_with(
            "Jordanian\n\nAge?",
            "Jordanian\n\nShe speaks four languages.\n\nAge?",
        ),
        "\
error[E0111]: this line is not part of the fact box
  --> post.txt:9:1
   |
 9 | She speaks four languages.
   | ^
   = help: the fact box is `Name? …`, `Westphalian identity? …` and `Age? …`, one a line
",
    );
}

#[test]
fn text_between_the_sources_and_the_signature() {
    refused_with(
        &leap_day_with(
            "\n\n\nThe editors",
            "\n\nWith thanks to the desk.\n\nThe editors",
        ),
        "\
error[E0111]: only the signature may follow the sources
  --> post.txt:24:1
    |
 24 | With thanks to the desk.
    | ^
    = help: the signature is the post's last line; move other text above `Sources:`
",
    );
}

#[test]
fn a_source_without_its_address() {
    refused_with(
        &leap_day_with(", UN News (https://example.org/un/lede-mediator)", ""),
        "\
error[E0112]: cannot read this source
  --> post.txt:22:1
    |
 22 | - UN offers mediator for Lede bridge talks
    | ^
    = help: write each source as `- title, publisher (https://…)`; the publisher may be left out
",
    );
}

#[test]
fn a_headline_without_a_letter_to_name_the_file() {
    refused_with(
        &leap_day_with("Once every four years", "???"),
        "\
error[E0113]: the headline has no letter or digit to make a file name from
  --> post.txt:1:1
   |
 1 | Thursday (February 29th): ???
   | ^
   = help: write the headline like `Friday (January 14th): Russia's fading patience`
",
    );
}

#[test]
fn a_name_without_a_letter_to_make_a_url() {
    refused_with(
        &leap_day_with("Name? Noor Haddad", "Name? ???"),
        "\
error[E0113]: `???` has no letter or digit to make a URL from
  --> post.txt:5:1
   |
 5 | Name? ???
   | ^
   = help: write the name in letters
",
    );
}

#[test]
fn an_input_file_that_is_not_utf8() {
    let run = import(b"Thursday (February 29th): Caf\xe9\n");
    assert_eq!(
        run.stderr,
        "\
error[E0114]: the file is not valid UTF-8 (byte 29)
  --> post.txt:1
   = help: save the file with UTF-8 encoding

"
    );
    assert_eq!(
        run.stdout,
        "0 posts from 1 file: 0 written, 0 already imported\n"
    );
}

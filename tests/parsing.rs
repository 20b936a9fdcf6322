//! Front matter that is odd in every way a member's editor or keyboard can make it: each is a
//! precise error with file, line and column, or builds as meant; never a panic, never a value
//! quietly taken for something else.

mod common;

use common::TestSite;

const FILE: &str = "content/briefings/2022-01-10-odd.md";
const REST: &str = "subject: Wendy Sherman\nage: 71\nnationality: American\ncare-rating: 5";

fn build(bytes: &[u8]) -> (TestSite, common::Run) {
    let site = TestSite::empty();
    let path = site.root().join(FILE);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    let run = site.build(&[]);
    (site, run)
}

fn fails(text: &str, expected: &str) {
    let (_site, run) = build(text.as_bytes());
    run.fails_with(1).reports(expected);
}

#[test]
fn an_empty_title_and_a_null_title_are_missing() {
    fails(
        &format!("---\ntitle:\n{REST}\n---\nBody.\n"),
        "error[E0010]: the required key `title` is missing or empty\n  --> content/briefings/2022-01-10-odd.md:2:7",
    );
    fails(
        &format!("---\ntitle: null\n{REST}\n---\nBody.\n"),
        "error[E0010]: the required key `title` is missing or empty\n  --> content/briefings/2022-01-10-odd.md:2:8",
    );
}

#[test]
fn draft_yes_is_not_taken_for_true() {
    fails(
        &format!("---\ntitle: T\ndraft: yes\n{REST}\n---\nBody.\n"),
        "error[E0003]: `draft` must be true or false, not the text \"yes\"\n  --> content/briefings/2022-01-10-odd.md:3:8\n   |\n 3 | draft: yes\n   |        ^\n   = help: write `draft: true` or `draft: false`",
    );
}

#[test]
fn a_key_given_twice_names_the_first() {
    fails(
        &format!("---\ntitle: T\n{REST}\ntitle: U\n---\nBody.\n"),
        "error[E0065]: `title` is given twice: on line 2 and here\n  --> content/briefings/2022-01-10-odd.md:7:1",
    );
}

#[test]
fn a_fence_inside_a_plain_value_ends_the_front_matter_there() {
    // The fence is line-anchored: what follows is Markdown, so the keys after it are missing.
    fails(
        &format!("---\ntitle: T\n---\n{REST}\n---\nBody.\n"),
        "error[E0010]: the required key `care-rating` is missing",
    );
}

#[test]
fn a_fence_inside_a_block_value_is_part_of_the_value() {
    let (site, run) =
        build(format!("---\ntitle: |\n  Above\n  ---\n  below\n{REST}\n---\nBody.\n").as_bytes());
    run.succeeds();
    let page = site.output("briefings/2022-01-10-odd/index.html");
    assert!(
        page.contains("Above\n---\nbelow") || page.contains("Above ---"),
        "{page}"
    );
}

#[test]
fn a_byte_order_mark_and_crlf_build_as_if_absent() {
    let text = format!("\u{feff}---\ntitle: Windows\n{REST}\n---\nLine one.\nLine two.\n")
        .replace('\n', "\r\n");
    let (site, run) = build(text.as_bytes());
    run.succeeds();
    let page = site.output("briefings/2022-01-10-odd/index.html");
    assert!(page.contains("<p>Line one.\nLine two.</p>"), "{page}");
    assert!(!page.contains('\r') && !page.contains('\u{feff}'));
}

#[test]
fn cr_only_line_endings_keep_line_numbers() {
    let text = format!("---\ntitle: Old Mac\n{REST}\n---\nBody.\n")
        .replace("care-rating: 5", "care-rating: eleven")
        .replace('\n', "\r");
    fails(
        &text,
        "error[E0012]: care-rating must be a whole number from 0 to 10, not `eleven`\n  --> content/briefings/2022-01-10-odd.md:6:14",
    );
}

#[test]
fn invalid_utf8_names_the_line_and_column() {
    let (_site, run) = build(b"---\ntitle: caf\xe9\nsubject: X\n---\n");
    run.fails_with(1).reports(
        "error[E0006]: the file is not valid UTF-8 (byte 14)\n  --> content/briefings/2022-01-10-odd.md:2:11\n   = help: save the file with UTF-8 encoding",
    );
}

#[test]
fn impossible_dates_say_why() {
    fails(
        &format!("---\ntitle: T\ndate: 2022-13-45\n{REST}\n---\nBody.\n"),
        "error[E0011]: `2022-13-45` is not a valid date: there is no month 13\n  --> content/briefings/2022-01-10-odd.md:3:7",
    );
}

#[test]
fn control_characters_and_nul_in_values_are_text() {
    let (site, run) = build(
        format!("---\ntitle: \"Bell \\a and nul \\0\"\n{REST}\n---\nBody \u{7} with a bell.\n")
            .as_bytes(),
    );
    run.succeeds();
    let page = site.output("briefings/2022-01-10-odd/index.html");
    assert!(page.contains("Bell"), "{page}");
}

//! The rarer words of each mistake, and the parser's errors that the scanner leaves to it, each
//! in plain words at its line.

use super::common::TestSite;
use super::{START, reports, site_with};

/// The lines after [`START`] that every case here begins with: lines 5 and 6.
const KEYS: &str = "nationality: American\ncare-rating: 6";

/// Asserts that the briefing of `START`, `KEYS` and then `lines` has exactly the problem `text`.
fn case(lines: &str, text: &str) {
    reports(&site_with(&format!("{START}\n{KEYS}\n{lines}")), &[text]);
}

#[test]
fn braces_never_closed() {
    case(
        "extra: {a: b",
        "error[E0063]: the braces opened with `{` here are never closed
  --> content/briefings/2022-01-10-talks.md:7:8
   |
 7 | extra: {a: b
   |        ^
   = help: close it at the end of the line: `extra: {a: b}`",
    );
}

#[test]
fn a_key_of_a_source_out_of_line() {
    case(
        "sources:\n  - title: A\n     url: https://example.org/a",
        "error[E0062]: `url` is indented by 5 spaces, but the keys it belongs with by 4
  --> content/briefings/2022-01-10-talks.md:9:1
   |
 9 |      url: https://example.org/a
   | ^
   = help: indent it like the key above it: `    url: https://example.org/a`",
    );
}

#[test]
fn a_list_item_under_a_key_that_has_a_value() {
    case("summary: Talks\n  - in Geneva", "error[E0066]: this list item belongs to no key
  --> content/briefings/2022-01-10-talks.md:8:1
   |
 8 |   - in Geneva
   | ^
   = help: a list goes on the lines after its key, which has nothing after its colon: `tags:`, then `  - in Geneva`");
}

#[test]
fn a_list_item_in_curly_quotes() {
    case(
        "tags:\n  - “energy”",
        "warning[W0064]: this item is in curly quotes “ ”, which YAML does not read as quotes
  --> content/briefings/2022-01-10-talks.md:8:5
   |
 8 |   - “energy”
   |     ^
   = help: it is read as if the quotes were straight; type them so: `- \"energy\"`",
    );
}

#[test]
fn names_given_as_a_list_of_lists() {
    case(
        "tags: [[energy]]",
        "error[E0068]: `tags` must be a name or a list of names, not a list holding lists or keys
  --> content/briefings/2022-01-10-talks.md:7:7
   |
 7 | tags: [[energy]]
   |       ^
   = help: write one name, names separated by commas, or a list: `tags: [Germany, energy]`",
    );
}

#[test]
fn a_colon_after_a_quoted_value() {
    case("summary: \"Talks\": again", "error[E0003]: a `: ` stands where YAML cannot start a key
  --> content/briefings/2022-01-10-talks.md:7:17
   |
 7 | summary: \"Talks\": again
   |                 ^
   = help: put a value that holds `: ` in double quotes, and start each key where the keys around it start");
}

#[test]
fn a_key_without_its_colon() {
    case(
        "summary Talks in Geneva",
        "error[E0003]: this line has no `: ` after its key
  --> content/briefings/2022-01-10-talks.md:7:1
   |
 7 | summary Talks in Geneva
   | ^
   = help: write the key, a colon and a space, then the value: `key: value`",
    );
}

#[test]
fn a_list_item_after_a_colon() {
    case(
        "summary: - Talks",
        "error[E0003]: a list item `- ` stands where YAML does not expect a list
  --> content/briefings/2022-01-10-talks.md:7:10
   |
 7 | summary: - Talks
   |          ^
   = help: start the list on the line after its key, each item indented alike",
    );
}

#[test]
fn a_backslash_yaml_does_not_know() {
    case(
        "summary: \"C:\\Talks\"",
        "error[E0003]: a `\\` in double quotes starts something YAML does not know
  --> content/briefings/2022-01-10-talks.md:7:13
   |
 7 | summary: \"C:\\Talks\"
   |             ^
   = help: write `\\\\` for a backslash, or put the value in single quotes",
    );
}

#[test]
fn a_reference_to_nothing() {
    case(
        "summary: *talks",
        "error[E0003]: a `*` refers to no `&` above it
  --> content/briefings/2022-01-10-talks.md:7:10
   |
 7 | summary: *talks
   |          ^
   = help: write the value out, or put it in double quotes if the `*` is part of the text",
    );
}

#[test]
fn what_no_words_fit() {
    case("summary: |x", "error[E0003]: the front matter cannot be read from this line on
  --> content/briefings/2022-01-10-talks.md:7:11
   |
 7 | summary: |x
   |           ^
   = help: check this line and the one above it: each key is followed by `: `, keys line up with each other, and a value that holds `: ` or starts with a special character is in double quotes");
}

#[test]
fn a_yaml_mistake_is_the_one_message_at_its_spot() {
    // `care-rating:66` read as meant is out of range, but its spot has its mistake already.
    let site = site_with(&format!("{START}\nnationality: American\ncare-rating:66"));
    let run = site.check(&["--format", "json"]).fails_with(1);
    let json: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("JSON");
    let found: Vec<_> = json.iter().map(|d| (&d["code"], &d["line"])).collect();
    assert_eq!(found, [(&"E0060".into(), &6.into())], "{json:#?}");
}

#[test]
fn a_front_matter_of_text_alone() {
    reports(&site_with("Talks with Wendy Sherman"), &["error[E0003]: the front matter must be keys with values, `key: value`, not the text \"Talks with Wendy Sherman\"
  --> content/briefings/2022-01-10-talks.md:2:1
   |
 2 | Talks with Wendy Sherman
   | ^
   = help: write each fact on a line of its own, a key, a colon, a space and its value: `title: Talks`"]);
}

#[test]
fn a_number_in_words_in_site_yaml() {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        "title: T\nbase-url: https://example.org/\nper-page: ten\n",
    );
    reports(
        &site,
        &[
            "error[E0003]: `per-page` must be a whole number, not the text \"ten\"
  --> site.yaml:3:11
   |
 3 | per-page: ten
   |           ^
   = help: write the number in digits alone, e.g. `per-page: 10`",
        ],
    );
}

#[test]
fn a_list_over_two_lines_never_closed_is_closed_on_its_last() {
    case(
        "tags: [energy,\n  Germany\nsummary: Talks",
        "error[E0063]: the list opened with `[` here is never closed
  --> content/briefings/2022-01-10-talks.md:7:7
   |
 7 | tags: [energy,
   |       ^
   = help: close it at the end of line 8: `Germany]`",
    );
}

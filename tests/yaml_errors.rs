//! The mistakes members make in a front matter's YAML, each explained at the line to edit with
//! its exact text in all three formats of `brief check`; a file holding all of them reported
//! whole in one round; and one message to a spot of a fresh scaffold.

mod common;
#[path = "yaml_errors/more.rs"]
mod more;

use common::TestSite;

const HOUSE: &str = "## Why is he in the news?\n\nNews.\n\n## Why do we care?\n\nCare.\n\n## Why should you care?\n\nYou should care 6/10.\n\n## Who else cares?\n\nOthers.\n\n## Any further comments?\n\nNone.\n";

const FILE: &str = "content/briefings/2022-01-10-talks.md";

/// A site whose one briefing has the front-matter lines `yaml` and the house's questions.
fn site_with(yaml: &str) -> TestSite {
    let site = TestSite::empty();
    site.write(FILE, &format!("---\n{yaml}\n---\n{HOUSE}"));
    site
}

/// The lines before the ones a test varies: lines 2 to 4 of the file.
const START: &str = "title: Talks\nsubject: Wendy Sherman\nage: 72";

/// Asserts that `brief check` reports exactly the problems `expected`, each given as the member
/// reads it in the human format, and the same problems, in the same order, as GitHub
/// annotations and as JSON.
fn reports(site: &TestSite, expected: &[&str]) {
    let json = reports_among(site, expected);
    assert_eq!(json.len(), expected.len(), "{json:#?}");
    for (text, found) in expected.iter().zip(&json) {
        Problem::of(text).is(found);
    }
}

/// Asserts that `brief check` reports the problems `expected` in all three formats, each the
/// only one on its line; returns all it reports, as JSON.
fn reports_among(site: &TestSite, expected: &[&str]) -> Vec<serde_json::Value> {
    // Warnings alone do not fail a check.
    let fails = expected.iter().any(|text| text.starts_with("error["));
    let check = |args: &[&str]| match fails {
        true => site.check(args).fails_with(1),
        false => site.check(args).succeeds(),
    };
    let human = check(&[]);
    let github = check(&["--format", "github"]);
    let json = check(&["--format", "json"]);
    let json: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).expect("JSON");
    for text in expected {
        let problem = Problem::of(text);
        assert!(
            human.stdout.contains(&format!("{text}\n\n")),
            "human lacks:\n{text}\n--- it was:\n{}",
            human.stdout
        );
        let annotation = problem.annotation();
        assert!(
            github.stdout.contains(&annotation),
            "github lacks:\n{annotation}\n--- it was:\n{}",
            github.stdout
        );
        let place = |d: &&serde_json::Value| d["file"] == problem.file && d["line"] == problem.line;
        let on_its_line: Vec<_> = json.iter().filter(place).collect();
        assert_eq!(on_its_line.len(), 1, "{on_its_line:#?}");
        problem.is(on_its_line[0]);
    }
    json
}

/// One problem, read back from the human format.
struct Problem<'a> {
    severity: &'a str,
    code: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    help: &'a str,
}

impl<'a> Problem<'a> {
    fn of(text: &'a str) -> Problem<'a> {
        let mut lines = text.lines();
        let (head, message) = lines.next().unwrap().split_once("]: ").unwrap();
        let (severity, code) = head.split_once('[').unwrap();
        let place = lines
            .next()
            .unwrap()
            .trim_start()
            .strip_prefix("--> ")
            .unwrap();
        let mut place = place.split(':');
        let file = place.next().unwrap();
        let mut number = || place.next().unwrap().parse::<usize>().unwrap();
        let (line, column) = (number(), number());
        let help = text.split("= help: ").nth(1).unwrap();
        Problem {
            severity,
            code,
            message,
            file,
            line,
            column,
            help,
        }
    }

    /// The GitHub annotation, whose data escapes `%` (which none of the other fields hold).
    fn annotation(&self) -> String {
        let data = format!("{}. {}", self.message, self.help).replace('%', "%25");
        format!(
            "::{} file={},line={},col={},title={}::{data}\n",
            self.severity, self.file, self.line, self.column, self.code
        )
    }

    fn is(&self, found: &serde_json::Value) {
        let fields = [
            ("severity", serde_json::json!(self.severity)),
            ("code", serde_json::json!(self.code)),
            ("file", serde_json::json!(self.file)),
            ("line", serde_json::json!(self.line)),
            ("column", serde_json::json!(self.column)),
            ("message", serde_json::json!(self.message)),
            ("help", serde_json::json!(self.help)),
        ];
        for (name, value) in fields {
            assert_eq!(found[name], value, "{name} of {found:#}");
        }
    }
}

#[test]
fn a_key_without_a_space_after_its_colon_is_reported_on_its_own_line() {
    let site = site_with(&format!("{START}\nnationality: American\ncare-rating:6"));
    reports(
        &site,
        &[
            "error[E0060]: there is no space after `care-rating:`, so YAML does not see a key here
  --> content/briefings/2022-01-10-talks.md:6:13
   |
 6 | care-rating:6
   |             ^
   = help: put a space after the colon: `care-rating: 6`",
        ],
    );
}

#[test]
fn a_line_indented_with_a_tab() {
    let site = site_with(&format!(
        "{START}\nnationality: American\ncare-rating: 6\nsources:\n\t- title: A\n\t  url: https://example.org/a"
    ));
    reports(
        &site,
        &[
            "error[E0061]: this line is indented with a tab; YAML allows only spaces
  --> content/briefings/2022-01-10-talks.md:8:1
   |
 8 | \t- title: A
   | ^
   = help: indent it with spaces instead: `  - title: A`",
            "error[E0061]: this line is indented with a tab; YAML allows only spaces
  --> content/briefings/2022-01-10-talks.md:9:1
   |
 9 | \t  url: https://example.org/a
   | ^
   = help: indent it with spaces instead: `    url: https://example.org/a`",
        ],
    );
}

#[test]
fn a_key_that_starts_with_a_space() {
    let site = TestSite::empty();
    site.write(
        "content/people/wendy-sherman.md",
        "---\nname: Wendy Sherman\n born: 1949-06-07\n---\nBio.\n",
    );
    reports(&site, &["error[E0062]: this line starts with a space, but keys of the front matter, like `born`, start at the beginning of the line
  --> content/people/wendy-sherman.md:3:1
   |
 3 |  born: 1949-06-07
   | ^
   = help: remove the space: `born: 1949-06-07`"]);
}

#[test]
fn a_list_never_closed_is_reported_where_it_opens() {
    let site = site_with(&format!("{START}\nnationality: [American\ncare-rating: 6"));
    reports(
        &site,
        &["error[E0063]: the list opened with `[` here is never closed
  --> content/briefings/2022-01-10-talks.md:5:14
   |
 5 | nationality: [American
   |              ^
   = help: close it at the end of the line: `nationality: [American]`"],
    );
}

#[test]
fn a_quote_never_closed_is_reported_where_it_opens() {
    let site = site_with(
        "title: \"Talks\nsubject: Wendy Sherman\nage: 72\nnationality: American\ncare-rating: 6",
    );
    reports(
        &site,
        &[
            "error[E0063]: the quote opened with `\"` here is never closed
  --> content/briefings/2022-01-10-talks.md:2:8
   |
 2 | title: \"Talks
   |        ^
   = help: close it at the end of the line: `title: \"Talks\"`",
        ],
    );
}

#[test]
fn curly_quotes_that_break_the_yaml() {
    let site = site_with(
        "title: “Scholz: no weapons”\nsubject: Wendy Sherman\nage: 72\nnationality: American\ncare-rating: 6",
    );
    reports(&site, &["warning[W0064]: the value of `title` is in curly quotes “ ”, which YAML does not read as quotes
  --> content/briefings/2022-01-10-talks.md:2:8
   |
 2 | title: “Scholz: no weapons”
   |        ^
   = help: it is read as if the quotes were straight; type them so: `title: \"Scholz: no weapons\"`"]);
}

#[test]
fn curly_quotes_that_yaml_would_keep_as_text() {
    let site = site_with(&format!("{START}\nnationality: “American”\ncare-rating: 6"));
    reports(&site, &["warning[W0064]: the value of `nationality` is in curly quotes “ ”, which YAML does not read as quotes
  --> content/briefings/2022-01-10-talks.md:5:14
   |
 5 | nationality: “American”
   |              ^
   = help: it is read as if the quotes were straight; type them so: `nationality: \"American\"`"]);
    // Read as if the quotes were straight: the page shows the nationality without them.
    site.build(&[]).succeeds();
    assert!(site.has_output("nationalities/american/index.html"));
    let page = site.output("briefings/2022-01-10-talks/index.html");
    assert!(!page.contains("“American”"), "{page}");
}

#[test]
fn curly_quotes_around_names_of_a_list() {
    let site = site_with(&format!(
        "{START}\nnationality: American\ncare-rating: 6\ntags: [“Germany”, energy]"
    ));
    reports(&site, &["warning[W0064]: names in `tags` are in curly quotes “ ”, which YAML does not read as quotes
  --> content/briefings/2022-01-10-talks.md:7:7
   |
 7 | tags: [“Germany”, energy]
   |       ^
   = help: it is read as if the quotes were straight; type them so: `tags: [\"Germany\", energy]`"]);
}

#[test]
fn a_key_given_twice() {
    let site = site_with(&format!(
        "{START}\nnationality: American\ncare-rating: 6\ntitle: Talks again"
    ));
    reports(
        &site,
        &["error[E0065]: `title` is given twice: on line 2 and here
  --> content/briefings/2022-01-10-talks.md:7:1
   |
 7 | title: Talks again
   | ^
   = help: keep one of them: delete this `title`, or the one on line 2"],
    );
}

#[test]
fn a_list_item_at_the_wrong_depth_which_yaml_would_join_to_the_one_above() {
    let site = site_with(&format!(
        "{START}\nnationality: American\ncare-rating: 6\ntags:\n  - Germany\n   - energy"
    ));
    reports(
        &site,
        &[
            "error[E0066]: this list item is indented by 3 spaces, but the items before it by 2
  --> content/briefings/2022-01-10-talks.md:9:1
   |
 9 |    - energy
   | ^
   = help: start it where the others start: `  - energy`",
        ],
    );
}

#[test]
fn a_colon_and_space_inside_a_value() {
    let site = site_with(&format!(
        "{START}\nnationality: American\ncare-rating: 6\nsummary: Sherman: no deal"
    ));
    reports(&site, &["error[E0067]: the value of `summary` holds `: `, which YAML reads as the start of another key
  --> content/briefings/2022-01-10-talks.md:7:17
   |
 7 | summary: Sherman: no deal
   |                 ^
   = help: put the whole value in double quotes: `summary: \"Sherman: no deal\"`"]);
}

#[test]
fn names_given_as_keys() {
    let site = site_with(&format!(
        "{START}\nnationality: American\ncare-rating: 6\ntags: {{a: b}}"
    ));
    reports(
        &site,
        &[
            "error[E0068]: `tags` must be a name or a list of names, not a group of keys
  --> content/briefings/2022-01-10-talks.md:7:7
   |
 7 | tags: {a: b}
   |       ^
   = help: write one name, names separated by commas, or a list: `tags: [Germany, energy]`",
        ],
    );
}

#[test]
fn what_the_scanner_does_not_know_is_the_parsers_error_in_plain_words() {
    let site = site_with(&format!(
        "{START}\nnationality: American\ncare-rating: 6\nsummary: @sherman"
    ));
    reports(&site, &["error[E0003]: this line has a character YAML does not allow where it stands
  --> content/briefings/2022-01-10-talks.md:7:10
   |
 7 | summary: @sherman
   |          ^
   = help: indent with spaces, not tabs, and put a value that starts with `@`, `` ` `` or `%` in double quotes"]);
}

#[test]
fn every_value_of_the_wrong_kind_is_reported_and_none_is_also_missing() {
    let site = site_with(
        "title: [Talks]\nsubject: Wendy Sherman\nage: 72\nnationality: American\ncare-rating: 6\nsources: https://example.org/a\ndraft: yes",
    );
    reports(&site, &["error[E0003]: `title` must be text, not a list
  --> content/briefings/2022-01-10-talks.md:2:8
   |
 2 | title: [Talks]
   |        ^
   = help: write it on one line after `title: `, in double quotes if it holds `: `", "error[E0003]: `sources` must be a list, not the text \"https://example.org/a\"
  --> content/briefings/2022-01-10-talks.md:7:10
   |
 7 | sources: https://example.org/a
   |          ^
   = help: write each source on lines of its own under `sources:`: `  - title: …`, then `    url: https://…`", "error[E0003]: `draft` must be true or false, not the text \"yes\"
  --> content/briefings/2022-01-10-talks.md:8:8
   |
 8 | draft: yes
   |        ^
   = help: write `draft: true` or `draft: false`"]);
}

#[test]
fn names_separated_by_commas_are_a_list() {
    let site = site_with(&format!(
        "{START}\nnationality: American, British\ncare-rating: 6\ntags: Germany, Russia, energy"
    ));
    site.build(&[]).succeeds();
    for page in [
        "tags/germany",
        "tags/russia",
        "tags/energy",
        "nationalities/british",
    ] {
        assert!(site.has_output(&format!("{page}/index.html")), "{page}");
    }
}

/// The mistakes of the table, and more, in one file: (line, code) of each.
const ALL_MISTAKES: &[(&str, Option<(usize, &str)>)] = &[
    ("title: “Scholz: no weapons”", Some((2, "W0064"))),
    ("subject: Olaf Scholz", None),
    ("age: 200", Some((4, "E0014"))),
    ("nationality: [German", Some((5, "E0063"))),
    ("who-else-cares: “Emmanuel Macron”", Some((6, "W0064"))),
    ("tags: Germany, Russia, energy", None),
    ("care-rating:6", Some((8, "E0060"))),
    ("sources:", None),
    ("\t- title: Scholz rules out weapons", Some((10, "E0061"))),
    ("\t  url: https://example.org/a", Some((11, "E0061"))),
    (" summary: No weapons.", Some((12, "E0062"))),
    ("author: Anna: the editor", Some((13, "E0067"))),
    ("title: Again", Some((14, "E0065"))),
    ("extra:", None),
    ("  notes:", None),
    ("    - one", None),
    ("     - two", Some((18, "E0066"))),
    ("draft: @maybe", Some((19, "E0003"))),
];

#[test]
fn every_mistake_of_a_file_is_reported_in_one_round_and_their_fixes_pass_the_next() {
    let lines: Vec<&str> = ALL_MISTAKES.iter().map(|(line, _)| *line).collect();
    let site = site_with(&lines.join("\n"));
    let run = site.check(&["--format", "json"]).fails_with(1);
    let json: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("JSON");
    let found: Vec<(u64, &str)> = (json.iter())
        .map(|d| (d["line"].as_u64().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    let expected: Vec<(u64, &str)> = (ALL_MISTAKES.iter())
        .filter_map(|(_, mistake)| mistake.map(|(line, code)| (line as u64, code)))
        .collect();
    assert_eq!(found, expected, "{json:#?}");

    let fixed = "title: \"Scholz: no weapons\"\nsubject: Olaf Scholz\nage: 63\nnationality: [German]\nwho-else-cares: \"Emmanuel Macron\"\ntags: Germany, Russia, energy\ncare-rating: 6\nsources:\n  - title: Scholz rules out weapons\n    url: https://example.org/a\nsummary: No weapons.\nauthor: \"Anna: the editor\"\nextra:\n  notes:\n    - one\n    - two\ndraft: false";
    site.write(FILE, &format!("---\n{fixed}\n---\n{HOUSE}"));
    site.check(&[]).succeeds();
}

#[test]
fn a_bad_date_hides_no_other_problem_of_the_file() {
    let site = site_with(
        "title: Talks\nsubject: Wendy Sherman\ndate: 2022-02-30\nage: 200\nnationality: American\ncare-rating: 11\nsources:\n  - title: A\n    url: example.org/a",
    );
    let run = site.check(&["--format", "json"]).fails_with(1);
    let json: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("JSON");
    let codes: Vec<&str> = json.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["E0011", "E0014", "E0013", "E0015"], "{json:#?}");
}

#[test]
fn a_fresh_scaffold_has_one_message_to_a_spot_and_the_placeholder_wins() {
    let site = TestSite::empty();
    let root = site.root().to_str().unwrap();
    let args = [
        "new",
        "briefing",
        "Olaf Scholz",
        "--date",
        "2022-01-26",
        "--root",
        root,
    ];
    common::brief(&args).succeeds();
    let json = reports_among(&site, &[
        "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-01-26-olaf-scholz.md:5:6
   |
 5 | age: FILL IN  # whole years on that date; or leave it out and give `born` in content/people/olaf-scholz.md
   |      ^
   = help: replace the FILL IN text with your own",
        "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-01-26-olaf-scholz.md:7:14
   |
 7 | care-rating: FILL IN  # how much should readers care, 0 to 10
   |              ^
   = help: replace the FILL IN text with your own",
        "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-01-26-olaf-scholz.md:13:11
    |
 13 |     url: \"FILL IN: the article's full address, starting with https://\"
    |           ^
    = help: replace the FILL IN text with your own",
    ]);
    assert!(json.iter().all(|d| d["code"] == "E0050"), "{json:#?}");
}

#[test]
fn site_yaml_mistakes_are_explained_on_their_line_too() {
    let site = TestSite::empty();
    site.write("site.yaml", "title: T\nbase-url:https://example.org/\n");
    reports(
        &site,
        &[
            "error[E0060]: there is no space after `base-url:`, so YAML does not see a key here
  --> site.yaml:2:10
   |
 2 | base-url:https://example.org/
   |          ^
   = help: put a space after the colon: `base-url: https://example.org/`",
        ],
    );
}

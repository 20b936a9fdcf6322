//! `brief check`: every lint and a sample of the build's errors, each asserted with its exact
//! code, file, line, column, message and help in all three formats.

mod common;

use common::{Run, TestSite, brief};

const HOUSE: &str = "## Why is he in the news?\n\nNews.\n\n## Why do we care?\n\nCare.\n\n## Why should you care?\n\nYou should care 6/10.\n\n## Who else cares?\n\nOthers.\n\n## Any further comments?\n\nNone.\n";

/// A complete briefing about `subject` with `extra` front matter (lines 4.. of the file).
fn briefing(subject: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: T\nsubject: {subject}\n{extra}care-rating: 6\n---\n{body}")
}

/// One site holding one problem per file (and one clean file), checked in every format.
struct Checked {
    human: Run,
    github: Run,
    json: serde_json::Value,
}

fn check_problem_site() -> Checked {
    let site = TestSite::empty();
    let w = |path: &str, text: &str| {
        site.write(path, text);
    };
    w(
        "content/people/sergey-lavrov.md",
        "---\nname: Sergey Lavrov\naliases: [Sergey Viktorovich Lavrov]\nborn: 1950-03-21\nnationality: Russian\n---\nBio.\n",
    );
    w(
        "content/images/a.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    w(
        "content/briefings/2022-01-09-clean.md",
        &briefing("Sergey Lavrov", "", HOUSE),
    );
    w(
        "content/briefings/2022-01-10-near.md",
        &briefing("Sergei Lavrov", "age: 71\nnationality: Russian\n", HOUSE),
    );
    w(
        "content/briefings/2022-01-11-age.md",
        &briefing("Sergey Lavrov", "age: 60\n", HOUSE),
    );
    w(
        "content/briefings/2022-01-12-questions.md",
        &briefing(
            "Sergey Lavrov",
            "",
            &HOUSE.replace("## Who else cares?", "## Who cares?"),
        ),
    );
    w(
        "content/briefings/2022-01-13-rating.md",
        &briefing("Sergey Lavrov", "", &HOUSE.replace("6/10", "8/10")),
    );
    w(
        "content/briefings/2099-01-01-future.md",
        &briefing("Sergey Lavrov", "", HOUSE),
    );
    w(
        "content/briefings/1940-01-01-early.md",
        &briefing("Sergey Lavrov", "", HOUSE),
    );
    w(
        "content/briefings/2022-01-14-sources.md",
        &briefing(
            "Sergey Lavrov",
            "sources:\n  - title: A\n    url: https://example.org/a\n  - title: B\n    url: https://example.org/a\n",
            HOUSE,
        ),
    );
    w(
        "content/briefings/2022-01-15-anchor.md",
        &briefing(
            "Sergey Lavrov",
            "",
            &format!("{HOUSE}\nSee [above](#why-do-you-care).\n"),
        ),
    );
    w(
        "content/briefings/2022-01-16-image.md",
        &briefing(
            "Sergey Lavrov",
            "",
            &format!("{HOUSE}\n![](/images/a.svg)\n"),
        ),
    );
    w(
        "content/briefings/2022-01-17-link.md",
        &briefing(
            "Sergey Lavrov",
            "",
            &format!("{HOUSE}\nSee [him](/people/nobody/).\n"),
        ),
    );
    w(
        "content/briefings/2022-01-18-placeholder.md",
        &briefing(
            "Sergey Lavrov",
            "",
            &HOUSE.replace("News.", "FILL IN: why is this person in the news?"),
        ),
    );
    w(
        "content/briefings/2022-01-19-fraction.md",
        &briefing("Sergey Lavrov", "", HOUSE).replace("care-rating: 6", "care-rating: 6/10"),
    );
    w(
        "content/briefings/2022-01-20-key.md",
        &briefing("Sergey Lavrov", "care_rating: 6\n", HOUSE).replace("care-rating: 6\n", ""),
    );
    w("content/briefings/notes.txt", "a briefing saved as text");
    let root = site.root().to_str().unwrap();
    let run = |format: &str| brief(&["check", "--root", root, "--format", format]).fails_with(1);
    let json = run("json");
    Checked {
        human: run("human"),
        github: run("github"),
        json: serde_json::from_str(&json.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", json.stdout)),
    }
}

/// One expected problem.
struct Expected {
    severity: &'static str,
    code: &'static str,
    file: &'static str,
    line: usize,
    column: usize,
    message: &'static str,
    help: &'static str,
}

impl Checked {
    fn has(&self, e: &Expected) {
        let location = match (e.line, e.column) {
            (0, _) => e.file.to_owned(),
            (line, column) => format!("{}:{line}:{column}", e.file),
        };
        let human = format!(
            "{}[{}]: {}\n  --> {location}",
            e.severity, e.code, e.message
        );
        self.human
            .reports_on_stdout(&human)
            .reports_on_stdout(&format!("= help: {}", e.help));
        let place = match (e.line, e.column) {
            (0, _) => String::new(),
            (line, column) => format!(",line={line},col={column}"),
        };
        let github = format!(
            "::{} file={}{place},title={}::{}. {}\n",
            e.severity,
            e.file,
            e.code,
            e.message.trim_end_matches('.'),
            e.help
        );
        self.github.reports_on_stdout(&github);
        let found = self.json.as_array().unwrap().iter().any(|d| {
            d["severity"] == e.severity
                && d["code"] == e.code
                && d["file"] == e.file
                && d["line"] == e.line
                && d["column"] == e.column
                && d["message"] == e.message
                && d["help"] == e.help
        });
        assert!(
            found,
            "JSON lacks {} {} at {location}:\n{:#}",
            e.code, e.message, self.json
        );
    }
}

trait OnStdout {
    fn reports_on_stdout(&self, text: &str) -> &Self;
}

impl OnStdout for Run {
    fn reports_on_stdout(&self, text: &str) -> &Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks:\n{text}\n--- stdout was:\n{}",
            self.stdout
        );
        self
    }
}

#[test]
fn every_lint_and_error_in_every_format() {
    let checked = check_problem_site();
    let expected = [
        Expected {
            severity: "warning",
            code: "W0010",
            file: "content/briefings/2022-01-10-near.md",
            line: 3,
            column: 10,
            message: "`Sergei Lavrov` is not a known name, but `Sergey Lavrov` is (content/people/sergey-lavrov.md)",
            help: "if they are the same person, write `Sergey Lavrov`, or add `Sergei Lavrov` to the aliases in content/people/sergey-lavrov.md",
        },
        Expected {
            severity: "warning",
            code: "W0002",
            file: "content/briefings/2022-01-11-age.md",
            line: 4,
            column: 6,
            message: "age 60 disagrees with Sergey Lavrov's profile: born 1950-03-21, they were 71 on 2022-01-11",
            help: "write `age: 71`, or leave `age` out to compute it",
        },
        Expected {
            severity: "warning",
            code: "W0011",
            file: "content/briefings/2022-01-12-questions.md",
            line: 6,
            column: 1,
            message: "the house question `Who else cares?` is missing",
            help: "add a section `## Who else cares?` and answer it",
        },
        Expected {
            severity: "warning",
            code: "W0012",
            file: "content/briefings/2022-01-13-rating.md",
            line: 16,
            column: 17,
            message: "the body says 8/10 but care-rating is 6",
            help: "make the two agree",
        },
        Expected {
            severity: "warning",
            code: "W0013",
            file: "content/briefings/2099-01-01-future.md",
            line: 1,
            column: 1,
            message: "the briefing is dated 2099-01-01, in the future: it will not be published until then",
            help: "if that is not meant, correct the date; `brief build --future` previews it",
        },
        Expected {
            severity: "error",
            code: "E0023",
            file: "content/briefings/1940-01-01-early.md",
            line: 1,
            column: 1,
            message: "the briefing is dated 1940-01-01, before Sergey Lavrov was born (1950-03-21)",
            help: "check the date, and the birth date in the profile",
        },
        Expected {
            severity: "warning",
            code: "W0014",
            file: "content/briefings/2022-01-14-sources.md",
            line: 8,
            column: 10,
            message: "the source `https://example.org/a` is listed twice",
            help: "remove one of the two",
        },
        Expected {
            severity: "warning",
            code: "W0031",
            file: "content/briefings/2022-01-15-anchor.md",
            line: 26,
            column: 5,
            message: "the link to `#why-do-you-care` points to a heading that does not exist on /briefings/2022-01-15-anchor/",
            help: "the headings there are: any-further-comments, who-else-cares, why-do-we-care, why-is-he-in-the-news, why-should-you-care",
        },
        Expected {
            severity: "warning",
            code: "W0015",
            file: "content/briefings/2022-01-16-image.md",
            line: 26,
            column: 1,
            message: "the image `/images/a.svg` has no alt text",
            help: "describe it between the brackets, for readers who cannot see it: `![A map of the talks](...)`",
        },
        Expected {
            severity: "error",
            code: "E0030",
            file: "content/briefings/2022-01-17-link.md",
            line: 26,
            column: 5,
            message: "the link `/people/nobody/` points to a page that does not exist",
            help: "link to a site path such as `/people/sergey-lavrov/`, or to a content file such as `../people/sergey-lavrov.md`",
        },
        Expected {
            severity: "error",
            code: "E0050",
            file: "content/briefings/2022-01-18-placeholder.md",
            line: 8,
            column: 1,
            message: "this line still holds a FILL IN placeholder",
            help: "replace the FILL IN text with your own",
        },
        Expected {
            severity: "error",
            code: "E0012",
            file: "content/briefings/2022-01-19-fraction.md",
            line: 4,
            column: 14,
            message: "care-rating must be a whole number from 0 to 10, not `6/10`",
            help: "write the number alone: `care-rating: 6`",
        },
        Expected {
            severity: "error",
            code: "E0003",
            file: "content/briefings/2022-01-20-key.md",
            line: 4,
            column: 1,
            message: "unknown key `care_rating`",
            help: "did you mean `care-rating`? Free-form data goes under `extra`",
        },
        Expected {
            severity: "warning",
            code: "W0004",
            file: "content/briefings/notes.txt",
            line: 0,
            column: 0,
            message: "this file is not Markdown, so it is ignored (not built, not copied)",
            help: "briefings and profiles are Markdown: save it as a .md file with front matter",
        },
    ];
    for e in &expected {
        checked.has(e);
    }
    let problems = checked.json.as_array().unwrap();
    assert_eq!(
        problems.len(),
        expected.len(),
        "one problem per file, no more:\n{:#}",
        checked.json
    );
    assert!(
        checked
            .human
            .stdout
            .trim_end()
            .ends_with("checked the site: 5 errors and 9 warnings"),
        "{}",
        checked.human.stdout
    );
}

/// A copy of the repository's own example site.
fn example_site() -> TestSite {
    let site = TestSite::empty();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&repo.join("content"), &site.root().join("content"));
    std::fs::copy(repo.join("site.yaml"), site.root().join("site.yaml")).unwrap();
    site
}

#[test]
fn the_example_site_passes_with_a_summary_and_nothing_is_written() {
    let site = example_site();
    let run = brief(&["check", "--root", site.root().to_str().unwrap()]).succeeds();
    assert_eq!(
        run.stdout,
        "checked 8 briefings and 3 profiles: 0 errors and 0 warnings\n"
    );
    assert!(!site.public().exists(), "check wrote output");
}

#[test]
fn json_output_is_only_json() {
    let site = TestSite::fixture("basic");
    let run = brief(&[
        "check",
        "--root",
        site.root().to_str().unwrap(),
        "--format",
        "json",
    ])
    .succeeds();
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert!(value.is_array());
    assert!(run.stderr.starts_with("checked "), "{}", run.stderr);
}

/// Runs `brief check` on `root` inside a pseudo-terminal (util-linux `script`), as a member
/// at a terminal would.
fn check_on_a_terminal(root: &str, no_color: bool) -> String {
    let command = format!("{} check --root {root}", env!("CARGO_BIN_EXE_brief"));
    let mut script = std::process::Command::new("script");
    script.args(["-qec", &command, "/dev/null"]);
    if no_color {
        script.env("NO_COLOR", "1");
    } else {
        script.env_remove("NO_COLOR");
    }
    String::from_utf8_lossy(&script.output().expect("run script(1)").stdout).into_owned()
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-10-x.md",
        &briefing("Y Z", "age: 1\nnationality: N\n", "No questions.\n"),
    );
    let root = site.root().to_str().unwrap();
    let piped = brief(&["check", "--root", root]).succeeds();
    assert!(
        !piped.stdout.contains('\x1b') && piped.stdout.contains("warning[W0011]"),
        "{}",
        piped.stdout
    );
    let coloured = check_on_a_terminal(root, false);
    assert!(
        coloured.contains("\x1b[33m") && coloured.contains("W0011"),
        "{coloured:?}"
    );
    let plain = check_on_a_terminal(root, true);
    assert!(
        !plain.contains('\x1b') && plain.contains("W0011"),
        "{plain:?}"
    );
}

//! `brief check`: every lint and a sample of the build's errors, each asserted with its exact
//! code, file, line, column, message and help in all three formats.

mod common;

use common::builders::briefing_about;
use common::{Run, TestSite};

const HOUSE: &str = "## Why is he in the news?\n\nNews.\n\n## Why do we care?\n\nCare.\n\n## Why should you care?\n\nYou should care 6/10.\n\n## Who else cares?\n\nOthers.\n\n## Any further comments?\n\nNone.\n";

/// One site holding one problem per file (and one clean file), checked in every format.
struct Checked {
    human: Run,
    github: Run,
    json: serde_json::Value,
}

fn check_problem_site() -> Checked {
    let site = TestSite::empty();
    write_lint_files(&site);
    check_all_formats(&site)
}

fn check_all_formats(site: &TestSite) -> Checked {
    let run = |format: &str| site.check(&["--format", format]).fails_with(1);
    let json = run("json");
    Checked {
        human: run("human"),
        github: run("github"),
        json: serde_json::from_str(&json.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", json.stdout)),
    }
}

fn write_lint_files(site: &TestSite) {
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
        &briefing_about("Sergey Lavrov", "", HOUSE),
    );
    w(
        "content/briefings/2022-01-10-near.md",
        &briefing_about("Sergei Lavrov", "age: 71\nnationality: Russian\n", HOUSE),
    );
    w(
        "content/briefings/2022-01-11-age.md",
        &briefing_about("Sergey Lavrov", "age: 60\n", HOUSE),
    );
    w(
        "content/briefings/2022-01-12-questions.md",
        &briefing_about(
            "Sergey Lavrov",
            "",
            &HOUSE.replace("## Who else cares?", "## Who cares?"),
        ),
    );
    w(
        "content/briefings/2022-01-13-rating.md",
        &briefing_about("Sergey Lavrov", "", &HOUSE.replace("6/10", "8/10")),
    );
    w(
        "content/briefings/2099-01-01-future.md",
        &briefing_about("Sergey Lavrov", "", HOUSE),
    );
    w(
        "content/briefings/1940-01-01-early.md",
        &briefing_about("Sergey Lavrov", "", HOUSE),
    );
    w(
        "content/briefings/2022-01-14-sources.md",
        &briefing_about(
            "Sergey Lavrov",
            "sources:\n  - title: A\n    url: https://example.org/a\n  - title: B\n    url: https://example.org/a\n",
            HOUSE,
        ),
    );
    w(
        "content/briefings/2022-01-15-anchor.md",
        &briefing_about(
            "Sergey Lavrov",
            "",
            &format!("{HOUSE}\nSee [above](#why-do-you-care).\n"),
        ),
    );
    w(
        "content/briefings/2022-01-16-image.md",
        &briefing_about(
            "Sergey Lavrov",
            "",
            &format!("{HOUSE}\n![](/images/a.svg)\n"),
        ),
    );
    w(
        "content/briefings/2022-01-17-link.md",
        &briefing_about(
            "Sergey Lavrov",
            "",
            &format!("{HOUSE}\nSee [him](/people/nobody/).\n"),
        ),
    );
    w(
        "content/briefings/2022-01-18-placeholder.md",
        &briefing_about(
            "Sergey Lavrov",
            "",
            &HOUSE.replace("News.", "FILL IN: why is this person in the news?"),
        ),
    );
    w(
        "content/briefings/2022-01-19-fraction.md",
        &briefing_about("Sergey Lavrov", "", HOUSE).replace("care-rating: 6", "care-rating: 6/10"),
    );
    w(
        "content/briefings/2022-01-20-key.md",
        &briefing_about("Sergey Lavrov", "care_rating: 6\n", HOUSE).replace("care-rating: 6\n", ""),
    );
    w("content/briefings/notes.txt", "a briefing saved as text");
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
        )
        .replace('%', "%25"); // GitHub's escape for data, which none of the other fields need
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

#[test]
fn the_example_site_passes_with_a_summary_and_nothing_is_written() {
    let site = TestSite::example();
    let run = site.check(&[]).succeeds();
    assert_eq!(
        run.stdout,
        "checked 8 briefings and 3 profiles: 0 errors and 0 warnings\n"
    );
    assert!(!site.public().exists(), "check wrote output");
}

#[test]
fn json_output_is_only_json() {
    let site = TestSite::fixture("basic");
    let run = site.check(&["--format", "json"]).succeeds();
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
        &briefing_about("Y Z", "age: 1\nnationality: N\n", "No questions.\n"),
    );
    let root = site.root().to_str().unwrap();
    let piped = site.check(&[]).succeeds();
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

/// One file per error the build refuses (and the warnings that go with reading files).
fn write_error_files(site: &TestSite) {
    let w = |path: &str, text: &str| {
        site.write(path, text);
    };
    let valid = |extra: &str| {
        briefing_about(
            "Wendy Sherman",
            &format!("age: 72\nnationality: American\n{extra}"),
            HOUSE,
        )
    };
    w(
        "content/briefings/a-no-front-matter.md",
        "# Just Markdown\n",
    );
    w("content/briefings/b-unclosed.md", "---\ntitle: T\n");
    w(
        "content/briefings/c-yaml.md",
        &valid("date: 2022-01-01\n").replace("title: T\n", "title: Broken: yaml\n"),
    );
    w(
        "content/briefings/d-missing.md",
        "---\ntitle: T\nage: 1\nnationality: N\ncare-rating: 1\ndate: 2022-01-01\n---\n",
    );
    w("content/briefings/e-date.md", &valid("date: 2022-02-30\n"));
    w(
        "content/briefings/f-range.md",
        &valid("date: 2022-01-01\n").replace("care-rating: 6", "care-rating: 11"),
    );
    w(
        "content/briefings/g-age.md",
        &valid("date: 2022-01-01\n").replace("age: 72", "age: 200"),
    );
    w(
        "content/briefings/h-url.md",
        &valid("date: 2022-01-01\nsources:\n  - title: S\n    url: example.org/s\n"),
    );
    w(
        "content/briefings/i-tag.md",
        &valid("date: 2022-01-01\ntags: [nato, \"!!\"]\n"),
    );
    w("content/briefings/2021/2022-01-02-same.md", &valid(""));
    w("content/briefings/2022/2022-01-02-same.md", &valid(""));
    w(
        "content/people/p-one.md",
        "---\nname: Person One\naliases: [The Minister]\n---\n",
    );
    w(
        "content/people/p-two.md",
        "---\nname: Person Two\naliases: [The Minister]\n---\n",
    );
    w(
        "content/briefings/2022-01-03-no-age.md",
        &briefing_about("Nobody Known", "nationality: N\n", HOUSE),
    );
    w(
        "content/briefings/2022-01-04-file-link.md",
        &valid("").replace("Others.", "See [this](../nowhere.md)."),
    );
    w(
        "content/briefings/2022-01-05-unsafe.md",
        &valid("").replace("Others.", "[click](javascript:alert(1))"),
    );
    w("content/stray.md", "# Not a briefing\n");
    site.write("content/briefings/2022-01-06-bytes.md", "");
    std::fs::write(
        site.root().join("content/briefings/2022-01-06-bytes.md"),
        b"---\ntitle: \xff\n---\n",
    )
    .unwrap();
}

#[test]
fn every_build_error_in_every_format() {
    let site = TestSite::empty();
    write_error_files(&site);
    let checked = check_all_formats(&site);
    let b = |file: &'static str| file;
    let expected = [
        Expected {
            severity: "error",
            code: "E0001",
            file: b("content/briefings/a-no-front-matter.md"),
            line: 1,
            column: 1,
            message: "the file does not start with front matter",
            help: "start the file with a line `---`, the YAML keys, then another `---`",
        },
        Expected {
            severity: "error",
            code: "E0002",
            file: b("content/briefings/b-unclosed.md"),
            line: 1,
            column: 1,
            message: "the front matter is never closed",
            help: "add a line `---` after the last front-matter key, before the Markdown",
        },
        Expected {
            severity: "error",
            code: "E0067",
            file: b("content/briefings/c-yaml.md"),
            line: 2,
            column: 14,
            message: "the value of `title` holds `: `, which YAML reads as the start of another key",
            help: "put the whole value in double quotes: `title: \"Broken: yaml\"`",
        },
        Expected {
            severity: "error",
            code: "E0010",
            file: b("content/briefings/d-missing.md"),
            line: 1,
            column: 1,
            message: "the required key `subject` is missing or empty",
            help: "add a line `subject: ...` to the front matter",
        },
        Expected {
            severity: "error",
            code: "E0011",
            file: b("content/briefings/e-date.md"),
            line: 6,
            column: 7,
            message: "`2022-02-30` is not a valid date: February 2022 has no day 30",
            help: "check the day and the month: dates are written year, month, day (YYYY-MM-DD)",
        },
        Expected {
            severity: "error",
            code: "E0013",
            file: b("content/briefings/f-range.md"),
            line: 7,
            column: 14,
            message: "care-rating must be from 0 to 10, not 11",
            help: "rate how much readers should care on a scale of 0 to 10",
        },
        Expected {
            severity: "error",
            code: "E0014",
            file: b("content/briefings/g-age.md"),
            line: 4,
            column: 6,
            message: "age must be a whole number of years from 0 to 150, not `200`",
            help: "write e.g. `age: 71`, or leave it out when the person's profile gives `born`",
        },
        Expected {
            severity: "error",
            code: "E0015",
            file: b("content/briefings/h-url.md"),
            line: 9,
            column: 10,
            message: "the source URL `example.org/s` is not an absolute http(s) URL",
            help: "copy the full address of the article, starting with https://",
        },
        Expected {
            severity: "error",
            code: "E0016",
            file: b("content/briefings/i-tag.md"),
            line: 7,
            column: 7,
            message: "`!!` in `tags` has no letter or digit to make a URL from",
            help: "write it in words, e.g. `nato` or `Sergey Lavrov`",
        },
        Expected {
            severity: "error",
            code: "E0020",
            file: b("content/briefings/2022/2022-01-02-same.md"),
            line: 0,
            column: 0,
            message: "this briefing and `content/briefings/2021/2022-01-02-same.md` would both be written to /briefings/2022-01-02-same/",
            help: "rename one of the two files",
        },
        Expected {
            severity: "error",
            code: "E0021",
            file: b("content/people/p-two.md"),
            line: 0,
            column: 0,
            message: "the name `The Minister` already belongs to Person One (content/people/p-one.md)",
            help: "a name or alias may belong to one person only: remove it from one of the profiles",
        },
        Expected {
            severity: "error",
            code: "E0022",
            file: b("content/briefings/2022-01-03-no-age.md"),
            line: 3,
            column: 1,
            message: "the key `age` is missing and Nobody Known has no profile to give it",
            help: "add `age: ...` here, or write a profile content/people/nobody-known.md with `born: YYYY-MM-DD`",
        },
        Expected {
            severity: "error",
            code: "E0030",
            file: b("content/briefings/2022-01-04-file-link.md"),
            line: 22,
            column: 5,
            message: "the link `../nowhere.md` points to a file that does not exist",
            help: "link to a site path such as `/people/sergey-lavrov/`, or to a content file such as `../people/sergey-lavrov.md`",
        },
        Expected {
            severity: "warning",
            code: "W0003",
            file: b("content/briefings/2022-01-05-unsafe.md"),
            line: 22,
            column: 1,
            message: "the link `javascript:alert(1)` uses an unsafe scheme and was left out",
            help: "link to an http(s) address instead",
        },
        Expected {
            severity: "warning",
            code: "W0001",
            file: b("content/stray.md"),
            line: 0,
            column: 0,
            message: "this Markdown file is not a briefing or a person profile, so it is ignored",
            help: "briefings go under content/briefings/, person profiles directly under content/people/",
        },
        Expected {
            severity: "error",
            code: "E0006",
            file: b("content/briefings/2022-01-06-bytes.md"),
            line: 2,
            column: 8,
            message: "the file is not valid UTF-8 (byte 11)",
            help: "save the file with UTF-8 encoding",
        },
    ];
    for e in &expected {
        checked.has(e);
    }
    assert_eq!(
        checked.json.as_array().unwrap().len(),
        expected.len(),
        "{:#}",
        checked.json
    );
}

#[test]
fn configuration_and_template_errors_in_every_format() {
    let site = TestSite::empty();
    site.write("site.yaml", "title: T\nbase-url: example.org\n");
    check_all_formats(&site).has(&Expected {
        severity: "error",
        code: "E0004",
        file: "site.yaml",
        line: 2,
        column: 11,
        message: "`base-url` must be an absolute http(s) URL, not `example.org`",
        help: "write the site's public address, e.g. `https://example.org/briefings/`",
    });

    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-10-x.md",
        &briefing_about("Y Z", "age: 1\nnationality: N\n", HOUSE),
    );
    site.write("themes/default/templates/briefing.html", "{% extends \"base.html\" %}\n{% block content %}{{ briefing.headline }}{% endblock content %}\n");
    check_all_formats(&site).has(&Expected { severity: "error", code: "E0041", file: "themes/default/templates/briefing.html", line: 2, column: 32,
        message: "Field `headline` is not defined. Available fields: age, authors, care_rating, date, dateline, draft, edit_url, extra, json_ld, nationality, newer, older, post, post_url, sections, source_path, sources, subject, summary, tags, title, url, who_else_cares, year (while rendering /briefings/2022-01-10-x/)",
        help: "see themes/default/README.md for the variables each page receives" });

    site.write("themes/default/templates/briefing.html", "{% extends \"base.html\" %}\n{% block content %}{{ briefing.title | shout }}{% endblock content %}\n");
    check_all_formats(&site).has(&Expected { severity: "error", code: "E0040", file: "themes/default/templates/briefing.html", line: 2, column: 40,
        message: "template error: Unknown filter `shout`",
        help: "check the spelling of filters and included templates, and that every `{{` has its `}}` and every `{%` its `%}`" });
}

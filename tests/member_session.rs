//! A member's session replayed end to end with the real binary, as in Route B of
//! CONTRIBUTING.md: the "Done when" of issue 15. A round is one run of `brief check` followed by
//! the member fixing what it reported; the tests count them.
//!
//! The briefing, in a copy of the `basic` fixture:
//!
//! 1. `brief new briefing "Olaf Scholz" --date 2022-02-07` writes the scaffold. Round 1: `brief
//!    check` on the untouched scaffold says one thing to each spot, the FILL IN placeholder,
//!    and nothing else (no second, wrong-value message for `age`, `care-rating` or the source's
//!    `url`).
//! 2. The member writes over the scaffold's lines, making every mistake of the issue at once:
//!    curly quotes, a date written day first, a list never closed, no space after a colon, a tab,
//!    `: ` in a plain value, a key given twice, a picture on their own computer, a link to a
//!    briefing in another folder, and names separated by commas (which are fine). Round 2: `brief
//!    check` reports them at once, in the human format and the same in JSON.
//! 3. The member does exactly what each help says. Round 3: `brief check` passes, and so does
//!    `brief build`: no new error appears, so the file's mistakes all came in one round.
//!
//! `care-rating:6` stands right under the list never closed (the order of the scaffold's
//! lines): it is reported as a mistake of its own, not read as a name of the list.
//!
//! The profile: `brief new person "Olaf Scholz"`, uncommented with a space left before `born`.
//! Round 1 reports it; with the space removed, round 2 passes, and from then on `brief new
//! briefing "Olaf Scholtz"` asks whether the member meant Olaf Scholz, and writes nothing.
//!
//! Each round asserts everything `brief check` prints: the fixture's own warnings (the same in
//! every round, taken from a run before the member starts), the member's messages in full, and
//! the closing count. The human format goes to stdout, so stderr stays empty.

mod common;

use common::{Run, TestSite, brief, edit, files_under, read};

const BRIEFING: &str = "content/briefings/2022-02-07-olaf-scholz.md";
const PROFILE: &str = "content/people/olaf-scholz.md";

/// Round 1: what `brief check` says of the untouched scaffold, one message to each spot.
const SCAFFOLD_MESSAGES: &[&str] = &[
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:2:9
   |
 2 | title: \"FILL IN: the headline, e.g. Russia's fading patience\"
   |         ^
   = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:5:6
   |
 5 | age: FILL IN  # whole years on that date; or leave it out and give `born` in content/people/olaf-scholz.md
   |      ^
   = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:6:15
   |
 6 | nationality: \"FILL IN: e.g. Russian; or leave it out and give it in content/people/olaf-scholz.md\"
   |               ^
   = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:7:14
   |
 7 | care-rating: FILL IN  # how much should readers care, 0 to 10
   |              ^
   = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:10:10
    |
 10 | author: \"FILL IN: your name, or the association's\"
    |          ^
    = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:12:13
    |
 12 |   - title: \"FILL IN: the article's headline\"
    |             ^
    = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:13:11
    |
 13 |     url: \"FILL IN: the article's full address, starting with https://\"
    |           ^
    = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:14:17
    |
 14 |     publisher: \"FILL IN: e.g. Reuters\"
    |                 ^
    = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:15:11
    |
 15 |     date: FILL IN  # YYYY-MM-DD, the day it was published
    |           ^
    = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:19:1
    |
 19 | FILL IN: what happened this week, and what did they say or do? (Make the heading \"Why is she…\" or \"Why are they…\" as fits.)
    | ^
    = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:23:1
    |
 23 | FILL IN: why it matters to us, students of foreign affairs.
    | ^
    = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:27:1
    |
 27 | FILL IN: why it matters to the reader; end with \"You should care N/10\", N as in care-rating.
    | ^
    = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:31:1
    |
 31 | FILL IN: the other people involved; list them in who-else-cares too.
    | ^
    = help: replace the FILL IN text with your own",
    "error[E0050]: this line still holds a FILL IN placeholder
  --> content/briefings/2022-02-07-olaf-scholz.md:35:1
    |
 35 | FILL IN: anything else worth saying.
    | ^
    = help: replace the FILL IN text with your own",
];

/// What the member writes over a line of the scaffold that starts with the first text (in the
/// front matter), mistakes and all. `tags`, names separated by commas, is no mistake.
const FRONT_MATTER: &[(&str, &str)] = &[
    ("title: ", "title: “Scholz: no weapons”"),
    ("date: ", "date: 07.02.2022"),
    ("age: ", "age: 63"),
    ("nationality: ", "nationality: [German"),
    ("care-rating: ", "care-rating:6"),
    ("tags: ", "tags: Germany, Russia, energy"),
    ("author: ", "author: Anna Member"),
    (
        "  - title: ",
        "  - title: Scholz rules out weapons for Ukraine",
    ),
    ("    url: ", "\turl: https://example.org/news/scholz"),
    ("    publisher: ", "    publisher: Example News"),
    ("    date: ", "    date: 2022-02-07"),
];

/// The lines the member adds at the end of the front matter: `: ` in a plain value, and a key
/// the file already has.
const ADDED: &str = "summary: Scholz: no weapons for Kyiv\nauthor: Bob Member";

/// What the member writes in place of the FILL IN under each heading of the body.
fn answer(heading: &str) -> &'static str {
    match heading {
        "Why is he in the news?" => {
            "In Washington, the chancellor said Germany would send no weapons to Ukraine.\n\n\
             ![Scholz](C:\\Users\\olaf\\scholz.jpg)"
        }
        "Why do we care?" => {
            "Berlin's line differs from that of its allies, as in [the patience briefing](2022-01-14-patience.md)."
        }
        "Why should you care?" => "Gas prices follow. You should care 6/10.",
        "Who else cares?" => "Sergey Lavrov.",
        "Any further comments?" => "None.",
        _ => panic!("a heading this test does not know how to answer: {heading}"),
    }
}

/// The scaffold with every line the member writes over replaced, [`ADDED`] before the closing
/// `---`, and every FILL IN of the body answered.
fn written_over(scaffold: &str) -> String {
    let mut fences = 0;
    let mut heading = "";
    let mut lines = Vec::new();
    for line in scaffold.lines() {
        if line == "---" {
            fences += 1;
            if fences == 2 {
                lines.push(ADDED);
            }
        }
        if let Some(h) = line.strip_prefix("## ") {
            heading = h;
        }
        let front = (FRONT_MATTER.iter()).find(|(start, _)| fences == 1 && line.starts_with(start));
        match front {
            Some((_, written)) => lines.push(written),
            None if line.starts_with("FILL IN") => lines.push(answer(heading)),
            None => {
                assert!(!line.contains("FILL IN"), "a placeholder left: {line}");
                lines.push(line);
            }
        }
    }
    lines.join("\n") + "\n"
}

/// Round 2: every mistake of the file written over the scaffold, in one run.
///
/// `care-rating:6` stands right under `nationality: [German`, as the scaffold orders them: each
/// line gets its own message and its own fix.
const MISTAKES: &[&str] = &[
    "warning[W0064]: the value of `title` is in curly quotes “ ”, which YAML does not read as quotes
  --> content/briefings/2022-02-07-olaf-scholz.md:2:8
   |
 2 | title: “Scholz: no weapons”
   |        ^
   = help: it is read as if the quotes were straight; type them so: `title: \"Scholz: no weapons\"`",
    "error[E0011]: `07.02.2022` is not a valid date: dates are written YYYY-MM-DD
  --> content/briefings/2022-02-07-olaf-scholz.md:3:7
   |
 3 | date: 07.02.2022
   |       ^
   = help: did you mean `2022-02-07`? Dates are written year, month, day",
    "error[E0063]: the list opened with `[` here is never closed
  --> content/briefings/2022-02-07-olaf-scholz.md:6:14
   |
 6 | nationality: [German
   |              ^
   = help: close it at the end of the line: `nationality: [German]`",
    "error[E0060]: there is no space after `care-rating:`, so YAML does not see a key here
  --> content/briefings/2022-02-07-olaf-scholz.md:7:13
   |
 7 | care-rating:6
   |             ^
   = help: put a space after the colon: `care-rating: 6`",
    "error[E0061]: this line is indented with a tab; YAML allows only spaces
  --> content/briefings/2022-02-07-olaf-scholz.md:13:1
    |
 13 | \turl: https://example.org/news/scholz
    | ^
    = help: indent it with spaces instead: `    url: https://example.org/news/scholz`",
    "error[E0067]: the value of `summary` holds `: `, which YAML reads as the start of another key
  --> content/briefings/2022-02-07-olaf-scholz.md:16:16
    |
 16 | summary: Scholz: no weapons for Kyiv
    |                ^
    = help: put the whole value in double quotes: `summary: \"Scholz: no weapons for Kyiv\"`",
    "error[E0065]: `author` is given twice: on line 10 and here
  --> content/briefings/2022-02-07-olaf-scholz.md:17:1
    |
 17 | author: Bob Member
    | ^
    = help: keep one of them: delete this `author`, or the one on line 10",
    "error[E0070]: the image `C:\\Users\\olaf\\scholz.jpg` points to a file on your own computer, which readers cannot open
  --> content/briefings/2022-02-07-olaf-scholz.md:23:1
    |
 23 | ![Scholz](C:\\Users\\olaf\\scholz.jpg)
    | ^
    = help: copy the picture into `content/images/` and link it from there: `../images/scholz.jpg`",
    "error[E0030]: the link `2022-01-14-patience.md` points to a file that does not exist
  --> content/briefings/2022-02-07-olaf-scholz.md:27:54
    |
 27 | Berlin's line differs from that of its allies, as in [the patience briefing](2022-01-14-patience.md).
    |                                                      ^
    = help: did you mean `2022/2022-01-14-patience.md`?",
];

/// The fixture's own messages (all warnings), taken from a check before the member starts,
/// split around where `file`'s messages go: the check lists files in the order of their paths.
struct Fixture {
    file: &'static str,
    before: Vec<String>,
    after: Vec<String>,
}

impl Fixture {
    fn of(site: &TestSite, file: &'static str) -> Fixture {
        let run = site.check(&[]).succeeds();
        assert_eq!(run.stderr, "");
        let (messages, summary) = messages(&run.stdout);
        assert!(
            messages.iter().all(|m| m.starts_with("warning[")),
            "{}",
            run.stdout
        );
        assert!(
            summary.ends_with(&format!(": 0 errors and {} warnings", messages.len())),
            "{summary}"
        );
        let (before, after) = messages.into_iter().partition(|m| file_of(m) < file);
        Fixture {
            file,
            before,
            after,
        }
    }

    fn warnings(&self) -> usize {
        self.before.len() + self.after.len()
    }

    /// Asserts that `run`, a `brief check` in the human format, printed exactly the problems
    /// `mine` for the file, the fixture's own for the others, and the closing line `summary`.
    fn printed(&self, run: &Run, mine: &[&str], summary: &str) {
        assert_eq!(run.stderr, "");
        let (found, _) = messages(&run.stdout);
        let found: Vec<&String> = found.iter().filter(|m| file_of(m) == self.file).collect();
        for (n, (found, expected)) in found.iter().zip(mine).enumerate() {
            assert_eq!(
                found.as_str(),
                *expected,
                "message {} of {}",
                n + 1,
                self.file
            );
        }
        assert_eq!(
            found.len(),
            mine.len(),
            "messages of {}:\n{found:#?}",
            self.file
        );
        assert_eq!(run.stdout, self.output(mine, summary));
    }

    /// Everything `brief check` prints when the file has the problems `mine` and the other
    /// files theirs, closed by `summary`.
    fn output(&self, mine: &[&str], summary: &str) -> String {
        let all = (self.before.iter().map(String::as_str))
            .chain(mine.iter().copied())
            .chain(self.after.iter().map(String::as_str));
        all.map(|m| format!("{m}\n\n")).collect::<String>() + summary + "\n"
    }

    /// The closing line of a check that finds `errors` errors.
    /// The closing line when the file has the problems `mine`, besides the fixture's own.
    fn failed(&self, mine: &[&str]) -> String {
        let errors = mine.iter().filter(|m| m.starts_with("error[")).count();
        let warnings = self.warnings() + mine.len() - errors;
        let s = if errors == 1 { "" } else { "s" };
        format!("checked the site: {errors} error{s} and {warnings} warnings")
    }
}

/// The messages of a human-format `brief check` output, and its closing line.
fn messages(stdout: &str) -> (Vec<String>, &str) {
    let text = stdout
        .strip_suffix('\n')
        .expect("output ends with a newline");
    match text.rsplit_once("\n\n") {
        Some((messages, summary)) => (messages.split("\n\n").map(str::to_owned).collect(), summary),
        None => (Vec::new(), text),
    }
}

/// The file a message is about, from its `  --> file:line:column` line.
fn file_of(message: &str) -> &str {
    let place = message.lines().nth(1).unwrap().trim_start();
    let place = place.strip_prefix("--> ").unwrap();
    place.split(':').next().unwrap()
}

/// The line a message is about.
fn line_of(message: &str) -> u64 {
    let place = message.lines().nth(1).unwrap();
    place.split(':').nth(1).unwrap().parse().unwrap()
}

/// The code a message has, as in `error[E0050]: …`.
fn code_of(message: &str) -> &str {
    let head = message.split("]: ").next().unwrap();
    head.split_once('[').unwrap().1
}

#[test]
fn a_briefing_from_scaffold_to_build_takes_three_rounds_and_its_mistakes_come_in_one() {
    let site = TestSite::fixture("basic");
    let root = site.root().to_str().unwrap();
    let fixture = Fixture::of(&site, BRIEFING);
    let mut rounds = 0;

    let args = [
        "new",
        "briefing",
        "Olaf Scholz",
        "--date",
        "2022-02-07",
        "--root",
        root,
    ];
    let run = brief(&args).succeeds();
    assert_eq!(
        run.stdout,
        format!(
            "Created {BRIEFING}\nNext: replace every FILL IN in it, then run `brief check --root {}`\n",
            root.replace('\\', "/")
        )
    );
    assert_eq!(run.stderr, "");
    let scaffold = read(site.root(), BRIEFING);

    // Round 1: the untouched scaffold.
    rounds += 1;
    let run = site.check(&[]).fails_with(1);
    let summary = fixture.failed(SCAFFOLD_MESSAGES);
    fixture.printed(&run, SCAFFOLD_MESSAGES, &summary);

    // The member writes the briefing over the scaffold's lines, with every mistake at once.
    let written = written_over(&scaffold);
    site.write(BRIEFING, &written);

    // Round 2: all of them, in the human format and in JSON.
    rounds += 1;
    let run = site.check(&[]).fails_with(1);
    let summary = fixture.failed(MISTAKES);
    fixture.printed(&run, MISTAKES, &summary);
    let json = site.check(&["--format", "json"]).fails_with(1);
    assert_eq!(json.stderr, format!("{summary}\n"));
    let json: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(json.len(), MISTAKES.len() + fixture.warnings(), "{json:#?}");
    let mine: Vec<&serde_json::Value> = json.iter().filter(|d| d["file"] == BRIEFING).collect();
    assert_eq!(mine.len(), MISTAKES.len(), "{mine:#?}");
    for (text, found) in MISTAKES.iter().zip(&mine) {
        let severity = text.split('[').next().unwrap();
        assert_eq!(found["severity"], severity, "{found:#}");
        assert_eq!(found["code"], code_of(text), "{found:#}");
        assert_eq!(found["line"], line_of(text), "{found:#}");
    }

    // The member does exactly what each help of round 2 says, and copies the picture from
    // their computer into content/images/ (a stand-in for its bytes).
    let edits = [
        // W0064: type straight quotes.
        (
            "title: “Scholz: no weapons”",
            "title: \"Scholz: no weapons\"",
        ),
        // E0011: did you mean `2022-02-07`?
        ("date: 07.02.2022", "date: 2022-02-07"),
        // E0063: close it at the end of the line.
        ("nationality: [German\n", "nationality: [German]\n"),
        // E0060: put a space after the colon.
        ("\ncare-rating:6\n", "\ncare-rating: 6\n"),
        // E0061: indent it with spaces instead.
        (
            "\turl: https://example.org/news/scholz",
            "    url: https://example.org/news/scholz",
        ),
        // E0067: put the whole value in double quotes.
        (
            "summary: Scholz: no weapons for Kyiv",
            "summary: \"Scholz: no weapons for Kyiv\"",
        ),
        // E0065: delete this `author`.
        ("author: Bob Member\n", ""),
        // E0070: link it from content/images/.
        ("(C:\\Users\\olaf\\scholz.jpg)", "(../images/scholz.jpg)"),
        // E0030: did you mean `2022/2022-01-14-patience.md`?
        ("(2022-01-14-patience.md)", "(2022/2022-01-14-patience.md)"),
    ];
    for (from, to) in edits {
        edit(site.root(), BRIEFING, from, to);
    }
    site.write("content/images/scholz.jpg", "the picture's bytes\n");

    // Round 3: no new error; everything the file had wrong was reported in round 2.
    rounds += 1;
    let run = site.check(&[]).succeeds();
    let summary = format!(
        "checked 6 briefings and 1 profile: 0 errors and {} warnings",
        fixture.warnings()
    );
    fixture.printed(&run, &[], &summary);
    assert_eq!(rounds, 3);

    site.build(&[]).succeeds();
    let page = site.output("briefings/2022-02-07-olaf-scholz/index.html");
    assert!(page.contains("Scholz: no weapons"), "{page}");
    assert!(page.contains("src=\"/sub/images/scholz.jpg\""), "{page}");
    assert!(
        page.contains("href=\"/sub/briefings/2022-01-14-patience/\""),
        "{page}"
    );
    assert!(site.has_output("images/scholz.jpg"));
    assert!(site.has_output("tags/energy/index.html"));

    // The nationality is the one the member meant.
    assert!(site.has_output("nationalities/german/index.html"));
    assert!(!page.contains("care-rating:6"), "{page}");
}

#[test]
fn a_profile_takes_two_rounds_and_then_a_name_one_letter_off_is_refused() {
    let site = TestSite::fixture("basic");
    let root = site.root().to_str().unwrap();
    let fixture = Fixture::of(&site, PROFILE);
    let mut rounds = 0;

    let run = brief(&["new", "person", "Olaf Scholz", "--root", root]).succeeds();
    assert!(
        run.stdout.starts_with(&format!("Created {PROFILE}\n")),
        "{}",
        run.stdout
    );
    // The member uncomments `born` and `nationality` but leaves the space after `#` before
    // `born`, and writes the biography.
    let scaffold = read(site.root(), PROFILE);
    assert!(
        scaffold.contains("\n# born: 1950-03-21\n# nationality: Russian\n"),
        "{scaffold}"
    );
    let written = "---\nname: Olaf Scholz\naliases: []\n born: 1958-06-14\nnationality: German\n---\n\
                   Germany's chancellor since December 2021, after four years as finance minister.\n";
    site.write(PROFILE, written);

    // Round 1.
    rounds += 1;
    let run = site.check(&[]).fails_with(1);
    let leading_space = "error[E0062]: this line starts with a space, but keys of the front matter, like `born`, start at the beginning of the line
  --> content/people/olaf-scholz.md:4:1
   |
 4 |  born: 1958-06-14
   | ^
   = help: remove the space: `born: 1958-06-14`";
    fixture.printed(&run, &[leading_space], &fixture.failed(&[leading_space]));

    // Round 2: the space removed, as the help says.
    edit(
        site.root(),
        PROFILE,
        "\n born: 1958-06-14\n",
        "\nborn: 1958-06-14\n",
    );
    rounds += 1;
    let run = site.check(&[]).succeeds();
    let summary = format!(
        "checked 5 briefings and 2 profiles: 0 errors and {} warnings",
        fixture.warnings()
    );
    fixture.printed(&run, &[], &summary);
    assert_eq!(rounds, 2);

    // The profile is known now: one letter off its name is refused, and nothing is written.
    let files = files_under(site.root());
    let args = [
        "new",
        "briefing",
        "Olaf Scholtz",
        "--date",
        "2022-02-07",
        "--root",
        root,
    ];
    let run = brief(&args).fails_with(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: `Olaf Scholtz` is not a known name: did you mean Olaf Scholz? (pass --new-person if this is someone else)\n"
    );
    assert_eq!(
        files_under(site.root()),
        files,
        "a refused briefing wrote files"
    );

    // The right name gets a scaffold that leaves age and nationality to the profile.
    let args = [
        "new",
        "briefing",
        "Olaf Scholz",
        "--date",
        "2022-02-07",
        "--root",
        root,
    ];
    brief(&args).succeeds();
    let text = read(site.root(), BRIEFING);
    assert!(
        text.contains("\nsubject: Olaf Scholz\ncare-rating: FILL IN"),
        "{text}"
    );
}

//! `brief import`, end to end with the real binary. Posts of our own writing in the house's
//! plain-text shape (`tests/import/`) become exactly the briefings in `tests/import/expected/`
//! (after an intended change, re-bless with `BLESS=1 cargo test --test import` and review the
//! diff); problems are reported with the input file and line; nothing is ever overwritten; and
//! every briefing of the example site survives export → import → export.
//!
//! The posts are about invented people of the invented republics of Arden and Borovia. The
//! fixture site (`tests/import/site/`) knows Tomas Vell and Ines Brandt by their profiles, and
//! Lio Chen and Marta Okafor from a briefing that names them.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use brief::model::{self, ParsedBriefing};
use brief::slug::slugify;
use brief::source::SourceFile;
use common::{Run, TestSite, brief_in, copy_tree, files_under, read};

/// The four posts of `archive/`, imported with `--year 2024`.
const ARCHIVE_BRIEFINGS: [&str; 4] = [
    "2024-02-26-a-bridge-too-far-apart.md",
    "2024-02-28-brandts-pause-not-an-end.md",
    "2024-02-29-once-every-four-years.md",
    "2024-03-01-sam-kell-keeps-the-river-honest.md",
];

const LEAP_DAY: &str = "2024-02-29-once-every-four-years.md";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import")
}

/// A site that knows some of the posts' people: see the module's comment.
fn arden() -> TestSite {
    let site = TestSite::empty();
    copy_tree(&fixtures().join("site"), site.root());
    site
}

/// Runs `brief import <args…> --root <site>` from `tests/import/`, so that messages name the
/// input files as a user would type them (`broken.txt:38`).
fn import(site: &TestSite, args: &[&str]) -> Run {
    import_from(&fixtures(), site.root(), args)
}

fn import_from(dir: &Path, root: &Path, args: &[&str]) -> Run {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", root.to_str().unwrap()]);
    brief_in(dir, &all)
}

/// The text of a briefing of the site, by its file name.
fn written(site: &TestSite, name: &str) -> String {
    read(site.root(), &format!("content/briefings/{name}"))
}

/// The briefings written at the top of `content/briefings/` (the fixture's own is in `2024/`).
fn imported(site: &TestSite) -> Vec<String> {
    let dir = site.root().join("content/briefings");
    files_under(&dir)
        .into_iter()
        .filter(|f| !f.contains('/'))
        .collect()
}

/// Asserts that the site's copy of each of `names` is byte for byte the expected one.
fn assert_as_expected(site: &TestSite, names: &[&str]) {
    let expected = fixtures().join("expected");
    for name in names {
        let got = written(site, name);
        if std::env::var_os("BLESS").is_some() {
            fs::write(expected.join(name), &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(expected.join(name)).unwrap();
        assert!(
            got == want,
            "{name} differs from tests/import/expected/{name}; BLESS=1 to accept\n--- got:\n{got}"
        );
    }
}

/// Runs `brief check` on the site: it must find no error and no warning.
fn assert_checks_clean(root: &Path) {
    let run = common::brief(&["check", "--root", root.to_str().unwrap()]).succeeds();
    assert!(
        run.stdout.trim_end().ends_with(": 0 errors and 0 warnings"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_folder_of_posts_becomes_exactly_the_expected_briefings() {
    let site = arden();
    let run = import(&site, &["archive", "--year", "2024"]).succeeds();
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "\
Wrote content/briefings/2024-02-29-once-every-four-years.md
Wrote content/briefings/2024-02-26-a-bridge-too-far-apart.md
Wrote content/briefings/2024-02-28-brandts-pause-not-an-end.md
Wrote content/briefings/2024-03-01-sam-kell-keeps-the-river-honest.md
note: content/briefings/2024-02-26-a-bridge-too-far-apart.md: \"Who else cares?\" also names Pavel Roth, whom the site does not know; add those who belong there to who-else-cares
4 posts from 2 files: 4 written, 0 already imported
"
    );
    assert_eq!(imported(&site), ARCHIVE_BRIEFINGS);
    assert_as_expected(&site, &ARCHIVE_BRIEFINGS);
    assert_checks_clean(site.root());
}

#[test]
fn without_a_year_the_latest_that_fits_the_weekday_is_chosen_and_noted() {
    // Thursday 29 February: 2024, and next in 2052, so this holds until then.
    let site = arden();
    let run = import(&site, &["archive/leap-day.txt"]).succeeds();
    assert_eq!(
        run.stdout,
        "\
Wrote content/briefings/2024-02-29-once-every-four-years.md
note: 2024-02-29 is the latest Thursday, February 29th; use --year to choose another
1 post from 1 file: 1 written, 0 already imported
"
    );
    assert_as_expected(&site, &[LEAP_DAY]);
}

#[test]
fn importing_twice_writes_nothing_the_second_time() {
    let site = arden();
    import(&site, &["archive", "--year", "2024"]).succeeds();
    let first: Vec<String> = ARCHIVE_BRIEFINGS.map(|n| written(&site, n)).into();
    let run = import(&site, &["archive", "--year", "2024"]).succeeds();
    assert_eq!(
        run.stdout,
        "4 posts from 2 files: 0 written, 4 already imported\n"
    );
    assert_eq!(first, ARCHIVE_BRIEFINGS.map(|n| written(&site, n)));
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_change_nothing() {
    let site = arden();
    let inputs = tempfile::tempdir().unwrap();
    for name in ["week.txt", "leap-day.txt"] {
        let text = fs::read_to_string(fixtures().join("archive").join(name)).unwrap();
        let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        fs::write(inputs.path().join(name), windows).unwrap();
    }
    fs::write(
        inputs.path().join("notes.md"),
        "not a post: only .txt files are read",
    )
    .unwrap();
    import_from(inputs.path(), site.root(), &[".", "--year", "2024"]).succeeds();
    assert_eq!(imported(&site), ARCHIVE_BRIEFINGS);
    assert_as_expected(&site, &ARCHIVE_BRIEFINGS);
}

#[test]
fn each_problem_is_reported_with_its_line_and_the_good_posts_are_written() {
    let site = arden();
    let run = import(&site, &["broken.txt", "--year", "2024"]).fails_with(1);
    assert_eq!(
        run.stdout,
        "\
Wrote content/briefings/2024-02-27-quiet-on-the-lede.md
Wrote content/briefings/2024-03-02-a-weekday-the-year-does-not-have.md
7 posts from 1 file: 2 written, 0 already imported, 5 with errors
"
    );
    assert_eq!(run.stderr, BROKEN_REPORT);
    assert_eq!(
        imported(&site),
        [
            "2024-02-27-quiet-on-the-lede.md",
            "2024-03-02-a-weekday-the-year-does-not-have.md"
        ]
    );
    assert_checks_clean(site.root());
}

const BROKEN_REPORT: &str = "\
error[E0108]: the post gives no care rating
  --> broken.txt:38:1
    |
 38 | Why should you care? Because drawings become facts.
    | ^
    = help: end the answer to `Why should you care?` with e.g. `You should care 6/10`

error[E0107]: `Age?` should be a number of years, not `fifty`
  --> broken.txt:55:6
    |
 55 | Age? fifty
    |      ^
    = help: write the number alone, e.g. `Age? 71`

error[E0109]: a second care rating, 6/10, after 3/10 on line 57
  --> broken.txt:61:38
    |
 61 | Why should you care? You should care 6/10.
    |                                      ^
    = help: keep only one rating: care-rating is read from it

error[E0102]: the headline's date does not exist: February has no day 30
  --> broken.txt:70:1
    |
 70 | Friday (February 30th): A day that never was
    | ^
    = help: correct the date in the headline

error[E0101]: cannot read this headline: `the 1st` is not a date written like `January 14th`
  --> broken.txt:93:1
    |
 93 | Friday (the 1st): A headline without its month
    | ^
    = help: write the headline like `Friday (January 14th): Russia's fading patience`

error[E0104]: the post does not answer `Who else cares?`
  --> broken.txt:116:1
     |
 116 | Saturday (March 2nd): A question left out
     | ^
     = help: add a paragraph starting `Who else cares? …`

warning[W0101]: 2024-03-02 is a Saturday, not a Sunday
  --> broken.txt:137:1
     |
 137 | Sunday (March 2nd): A weekday the year does not have
     | ^
     = help: the date is taken as written; check the weekday, or the year given with --year

";

#[test]
fn a_dry_run_shows_what_it_would_write_and_writes_nothing() {
    let site = arden();
    let run = import(
        &site,
        &["archive/leap-day.txt", "--year", "2024", "--dry-run"],
    )
    .succeeds();
    let expected = fs::read_to_string(fixtures().join("expected").join(LEAP_DAY)).unwrap();
    assert_eq!(
        run.stdout,
        format!(
            "Would write content/briefings/{LEAP_DAY}:\n{expected}\n\
             1 post from 1 file: 1 would be written (dry run: nothing written), 0 already imported\n"
        )
    );
    assert_eq!(imported(&site), Vec::<String>::new());
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let site = arden();
    let mine = common::briefing(
        "title: Mine\nsubject: Noor Haddad\nage: 52\nnationality: Jordanian\ncare-rating: 1",
        "## Why is she in the news?\n\nMine.\n",
    );
    site.write(&format!("content/briefings/{LEAP_DAY}"), &mine);
    let run = import(&site, &["archive/leap-day.txt", "--year", "2024"]).succeeds();
    assert_eq!(
        run.stdout,
        format!(
            "Skipped content/briefings/{LEAP_DAY} (from archive/leap-day.txt:1): the file exists with other content, and is never overwritten\n\
             1 post from 1 file: 0 written, 0 already imported, 1 skipped\n"
        )
    );
    assert_eq!(written(&site, LEAP_DAY), mine);
}

#[test]
fn a_briefing_with_the_same_url_in_a_sub_folder_counts_too() {
    let site = arden();
    let expected = fs::read_to_string(fixtures().join("expected").join(LEAP_DAY)).unwrap();
    site.write(&format!("content/briefings/2024/{LEAP_DAY}"), &expected);
    let run = import(&site, &["archive/leap-day.txt", "--year", "2024"]).succeeds();
    assert_eq!(
        run.stdout,
        "1 post from 1 file: 0 written, 1 already imported\n"
    );
    site.write(
        &format!("content/briefings/2024/{LEAP_DAY}"),
        &expected.replace("Nobody laughed.", "Somebody laughed."),
    );
    let run = import(&site, &["archive/leap-day.txt", "--year", "2024"]).succeeds();
    assert!(
        run.stdout.starts_with(&format!(
            "Skipped content/briefings/{LEAP_DAY} (from archive/leap-day.txt:1): content/briefings/2024/{LEAP_DAY} has its URL, and is never overwritten\n"
        )),
        "{}",
        run.stdout
    );
    assert_eq!(imported(&site), Vec::<String>::new());
}

#[test]
fn text_before_the_first_headline_is_one_error_and_the_post_after_it_is_read() {
    let site = arden();
    let inputs = tempfile::tempdir().unwrap();
    let leap_day = fs::read_to_string(fixtures().join("archive/leap-day.txt")).unwrap();
    let text = format!("Posts copied from the group chat\n\n{leap_day}");
    fs::write(inputs.path().join("chat.txt"), text).unwrap();
    let run =
        import_from(inputs.path(), site.root(), &["chat.txt", "--year", "2024"]).fails_with(1);
    assert_eq!(
        run.stderr,
        "\
error[E0101]: a post starts with its headline, and this is not one
  --> chat.txt:1:1
   |
 1 | Posts copied from the group chat
   | ^
   = help: start the file with a headline like `Friday (January 14th): Russia's fading patience`, or remove the text before it

"
    );
    assert_eq!(
        run.stdout,
        format!(
            "Wrote content/briefings/{LEAP_DAY}\n2 posts from 1 file: 1 written, 0 already imported, 1 with errors\n"
        )
    );
    assert_as_expected(&site, &[LEAP_DAY]);
}

#[test]
fn another_briefing_about_the_subject_that_day_is_pointed_out() {
    let site = arden();
    let other = common::briefing(
        "title: Haddad offers to mediate\nsubject: Noor Haddad\nage: 52\nnationality: Jordanian\ncare-rating: 4",
        "## Why is she in the news?\n\nShe offered. You should care 4/10.\n",
    );
    site.write(
        "content/briefings/2024/2024-02-29-haddad-offers-to-mediate.md",
        &other,
    );
    let run = import(&site, &["archive/leap-day.txt", "--year", "2024"]).succeeds();
    assert_eq!(
        run.stdout,
        format!(
            "Wrote content/briefings/{LEAP_DAY}\n\
             note: content/briefings/{LEAP_DAY}: content/briefings/2024/2024-02-29-haddad-offers-to-mediate.md is also about Noor Haddad on 2024-02-29; check that they are not the same briefing\n\
             1 post from 1 file: 1 written, 0 already imported\n"
        )
    );
}

/// The example site's briefings, exported, imported into a copy of the site without them, and
/// exported again, give back the same posts and the same front matter.
#[test]
fn every_briefing_of_the_example_site_survives_export_then_import() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let original = TestSite::example();
    let fresh = TestSite::example();
    fs::remove_dir_all(fresh.root().join("content/briefings")).unwrap();
    let posts = tempfile::tempdir().unwrap();
    let briefings = parsed_briefings(original.root());
    assert!(!briefings.is_empty());
    let mut by_year: BTreeMap<i16, Vec<String>> = BTreeMap::new();
    for briefing in &briefings {
        let file = format!("{}.txt", briefing.slug);
        fs::write(
            posts.path().join(&file),
            export(original.root(), &briefing.slug),
        )
        .unwrap();
        by_year.entry(briefing.date.year()).or_default().push(file);
    }
    for (year, files) in &by_year {
        let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
        let year = year.to_string();
        args.extend(["--year", &year]);
        import_from(posts.path(), fresh.root(), &args).succeeds();
    }
    let people = Names::of_profiles(repo);
    let subjects: Vec<String> = briefings.iter().map(|b| people.key(&b.subject)).collect();
    for before in &briefings {
        let slug = format!("{}-{}", before.date, slugify(&before.title));
        let path = fresh.root().join(format!("content/briefings/{slug}.md"));
        let after = parse(fresh.root(), &path);
        assert_eq!(
            export(fresh.root(), &slug),
            export(original.root(), &before.slug),
            "the posts of {} differ",
            before.slug
        );
        assert_eq!((&after.title, after.date), (&before.title, before.date));
        assert_eq!(people.key(&after.subject), people.key(&before.subject));
        assert_eq!(after.care_rating, before.care_rating);
        assert_eq!(after.authors, before.authors);
        let sources = |b: &ParsedBriefing| -> Vec<(String, String, Option<String>)> {
            (b.sources.iter())
                .map(|s| (s.title.clone(), s.url.clone(), s.publisher.clone()))
                .collect()
        };
        assert_eq!(sources(&after), sources(before), "{}", before.slug);
        // Only people the fresh site knows (profiles, and the subjects imported with them) can
        // be recognised; the others are named in a note instead.
        let known = |names: &[String]| -> Vec<String> {
            let mut keys: Vec<String> = (names.iter())
                .map(|n| people.key(n))
                .filter(|k| people.has_profile(k) || subjects.contains(k))
                .collect();
            keys.sort();
            keys
        };
        assert_eq!(
            known(&after.who_else_cares),
            known(&before.who_else_cares),
            "{}",
            before.slug
        );
    }
    assert_checks_clean(fresh.root());
}

fn export(root: &Path, slug: &str) -> String {
    common::brief(&["export", slug, "--root", root.to_str().unwrap()])
        .succeeds()
        .stdout
}

fn parse(root: &Path, path: &Path) -> ParsedBriefing {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let file = SourceFile {
        path: path.strip_prefix(root).unwrap().to_owned(),
        text: text.into(),
    };
    model::parse_briefing(&file).unwrap_or_else(|d| panic!("{}: {d}", path.display()))
}

fn parsed_briefings(root: &Path) -> Vec<ParsedBriefing> {
    let dir = root.join("content/briefings");
    (files_under(&dir).into_iter())
        .filter(|f| f.ends_with(".md"))
        .map(|f| parse(root, &dir.join(f)))
        .collect()
}

/// People as the build resolves them: a profile's name and aliases lead to its slug.
struct Names {
    profiles: BTreeMap<String, String>,
}

impl Names {
    fn of_profiles(repo: &Path) -> Self {
        let dir = repo.join("content/people");
        let mut profiles = BTreeMap::new();
        for file in files_under(&dir) {
            let text = fs::read_to_string(dir.join(&file)).unwrap();
            let person = model::parse_person(&SourceFile {
                path: PathBuf::from(file),
                text: text.into(),
            })
            .unwrap();
            for name in std::iter::once(&person.name).chain(&person.aliases) {
                profiles.insert(slugify(name), person.slug.clone());
            }
        }
        Names { profiles }
    }

    /// The slug of the person `name` names.
    fn key(&self, name: &str) -> String {
        let slug = slugify(name);
        self.profiles.get(&slug).cloned().unwrap_or(slug)
    }

    fn has_profile(&self, key: &str) -> bool {
        self.profiles.values().any(|k| k == key)
    }
}

/// The property the issue asks for, over briefings the benchmark's seeded generator writes
/// (lists, tables, quotes, footnotes, links of every kind, non-ASCII names): export, import
/// into a site without them, export again, and the posts are the same.
#[test]
fn generated_briefings_round_trip_through_their_posts() {
    for seed in ["3", "11"] {
        let corpus = tempfile::tempdir().unwrap();
        let original = corpus.path().join("site");
        let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bench/gen_corpus.py");
        let made = std::process::Command::new("python3")
            .arg(&generator)
            .arg(&original)
            .args(["--briefings", "40", "--seed", seed])
            .output()
            .expect("run python3 tests/bench/gen_corpus.py");
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        let fresh = TestSite::empty();
        fs::copy(original.join("site.yaml"), fresh.root().join("site.yaml")).unwrap();
        // Profiles, without their bodies: those link to briefings the fresh site lacks.
        for file in files_under(&original.join("content/people")) {
            let text = fs::read_to_string(original.join("content/people").join(&file)).unwrap();
            let end = text[3..].find("---").unwrap() + 6;
            fresh.write(
                &format!("content/people/{file}"),
                &format!("{}\nBio.\n", &text[..end]),
            );
        }
        let posts = tempfile::tempdir().unwrap();
        let briefings = parsed_briefings(&original);
        let mut before = Vec::new();
        for briefing in &briefings {
            let post = export(&original, &briefing.slug);
            let year = briefing.date.year().to_string();
            fs::create_dir_all(posts.path().join(&year)).unwrap();
            fs::write(
                posts
                    .path()
                    .join(&year)
                    .join(format!("{}.txt", briefing.slug)),
                &post,
            )
            .unwrap();
            before.push(post);
        }
        for year in fs::read_dir(posts.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
        {
            import_from(posts.path(), fresh.root(), &[&year, "--year", &year]).succeeds();
        }
        let mut after: Vec<String> = parsed_briefings(fresh.root())
            .iter()
            .map(|b| export(fresh.root(), &b.slug))
            .collect();
        before.sort();
        after.sort();
        assert_eq!(after.len(), before.len(), "seed {seed}");
        for (a, b) in before.iter().zip(&after) {
            assert_eq!(
                b, a,
                "seed {seed}: a post changed on its way through import"
            );
        }
    }
}

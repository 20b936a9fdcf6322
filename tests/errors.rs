//! Every error a member can meet during a build: its exact text, file, line and column, and the
//! promise that all of a run's errors come together and nothing is written.

mod common;

use common::{TestSite, brief, briefing};

const VALID: &str =
    "title: Talks\nsubject: Wendy Sherman\nage: 72\nnationality: American\ncare-rating: 6";

/// A site with one briefing holding `text`, built; the run is expected to fail with status 1.
fn build_briefing(text: &str) -> common::Run {
    let site = TestSite::empty();
    site.write("content/briefings/2022-01-10-talks.md", text);
    let run = site.build(&[]).fails_with(1);
    assert!(!site.public().exists(), "a failed build wrote output");
    run
}

#[test]
fn malformed_yaml() {
    build_briefing("---\ntitle: Broken: yaml\nsubject: X\n---\n").reports(
        "error[E0067]: the value of `title` holds `: `, which YAML reads as the start of another key
  --> content/briefings/2022-01-10-talks.md:2:14
   |
 2 | title: Broken: yaml
   |              ^
   = help: put the whole value in double quotes: `title: \"Broken: yaml\"`",
    );
}

#[test]
fn missing_closing_fence() {
    build_briefing("---\ntitle: Talks\n\nSome text.\n").reports(
        "error[E0002]: the front matter is never closed
  --> content/briefings/2022-01-10-talks.md:1:1
   |
 1 | ---
   | ^
   = help: add a line `---` after the last front-matter key, before the Markdown",
    );
}

#[test]
fn no_front_matter_at_all() {
    build_briefing("# Talks\n").reports(
        "error[E0001]: the file does not start with front matter
  --> content/briefings/2022-01-10-talks.md:1:1",
    );
}

#[test]
fn missing_required_field() {
    build_briefing(&briefing(
        "title: Talks\nage: 72\nnationality: American\ncare-rating: 6",
        "",
    ))
    .reports(
        "error[E0010]: the required key `subject` is missing or empty
  --> content/briefings/2022-01-10-talks.md:1:1
   |
 1 | ---
   | ^
   = help: add a line `subject: ...` to the front matter",
    );
}

#[test]
fn care_rating_written_as_a_fraction_suggests_the_number() {
    build_briefing(&briefing("title: Talks\nsubject: Wendy Sherman\nage: 72\nnationality: American\ncare-rating: \"6/10\"", "")).reports(
        "error[E0012]: care-rating must be a whole number from 0 to 10, not `6/10`
  --> content/briefings/2022-01-10-talks.md:6:14
   |
 6 | care-rating: \"6/10\"
   |              ^
   = help: write the number alone: `care-rating: 6`",
    );
}

#[test]
fn care_rating_out_of_range() {
    build_briefing(&briefing(
        "title: Talks\nsubject: Wendy Sherman\nage: 72\nnationality: American\ncare-rating: 11",
        "",
    ))
    .reports(
        "error[E0013]: care-rating must be from 0 to 10, not 11
  --> content/briefings/2022-01-10-talks.md:6:14",
    );
}

#[test]
fn unknown_key_suggests_the_known_one() {
    build_briefing(&briefing(
        "title: Talks\nsubject: Wendy Sherman\nage: 72\nnationality: American\ncare_rating: 6",
        "",
    ))
    .reports(
        "error[E0003]: unknown key `care_rating`
  --> content/briefings/2022-01-10-talks.md:6:1
   |
 6 | care_rating: 6
   | ^
   = help: did you mean `care-rating`? Free-form data goes under `extra`",
    );
}

#[test]
fn a_misspelt_required_key_is_not_also_reported_missing() {
    let run = build_briefing(&briefing(
        "title: Talks\nsubject: Wendy Sherman\nage: 72\nnationality: American\ncare_rating: 6",
        "",
    ));
    assert!(
        !run.stderr.contains("`care-rating` is missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn impossible_date() {
    build_briefing(&briefing(&format!("{VALID}\ndate: 2022-02-30"), "")).reports(
        "error[E0011]: `2022-02-30` is not a valid date: February 2022 has no day 30
  --> content/briefings/2022-01-10-talks.md:7:7
   |
 7 | date: 2022-02-30
   |       ^
   = help: check the day and the month: dates are written year, month, day (YYYY-MM-DD)",
    );
}

#[test]
fn wrong_type_for_a_list_key() {
    build_briefing(&briefing(&format!("{VALID}\ntags: {{a: b}}"), ""))
        .reports("content/briefings/2022-01-10-talks.md:7:7");
}

#[test]
fn source_url_must_be_absolute() {
    build_briefing(&briefing(
        &format!("{VALID}\nsources:\n  - title: T\n    url: example.org/x"),
        "",
    ))
    .reports(
        "error[E0015]: the source URL `example.org/x` is not an absolute http(s) URL
  --> content/briefings/2022-01-10-talks.md:9:10",
    );
}

#[test]
fn age_needed_when_no_profile_gives_a_birth_date() {
    build_briefing(&briefing("title: Talks\nsubject: Wendy Sherman\nnationality: American\ncare-rating: 6", "")).reports(
        "error[E0022]: the key `age` is missing and Wendy Sherman has no profile to give it
  --> content/briefings/2022-01-10-talks.md:3:1
   |
 3 | subject: Wendy Sherman
   | ^
   = help: add `age: ...` here, or write a profile content/people/wendy-sherman.md with `born: YYYY-MM-DD`",
    );
}

#[test]
fn link_to_a_missing_page() {
    build_briefing(&briefing(
        VALID,
        "Intro.\n\nSee [the profile](/people/nobody/).\n",
    ))
    .reports(
        "error[E0030]: the link `/people/nobody/` points to a page that does not exist
  --> content/briefings/2022-01-10-talks.md:10:5",
    );
}

#[test]
fn link_to_a_missing_content_file() {
    build_briefing(&briefing(VALID, "See [x](../people/nobody.md).\n")).reports(
        "error[E0030]: the link `../people/nobody.md` points to a file that does not exist\n",
    );
}

#[test]
fn two_files_with_one_url_are_one_error_naming_both() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2021/talks.md",
        &briefing(&format!("{VALID}\ndate: 2021-01-10"), ""),
    );
    site.write(
        "content/briefings/2022/talks.md",
        &briefing(&format!("{VALID}\ndate: 2022-01-10"), ""),
    );
    site.build(&[]).fails_with(1).reports(
        "error[E0020]: this briefing and `content/briefings/2022/talks.md` would both be written to /briefings/talks/
  --> content/briefings/2021/talks.md",
    );
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/a.md",
        &briefing(
            "title: A\ndate: 2022-01-01\nsubject: X Y\nage: 1\nnationality: N\ncare-rating: 12",
            "",
        ),
    );
    site.write("content/briefings/b.md", "---\ntitle: B\n");
    site.write(
        "content/people/p.md",
        "---\nname: P\nborn: 1950-02-31\n---\n",
    );
    let run = site.build(&[]).fails_with(1);
    run.reports("content/briefings/a.md:7:14")
        .reports("content/briefings/b.md:1:1")
        .reports("content/people/p.md:3:7");
    assert!(
        run.stderr.trim_end().ends_with("3 errors and 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let site = TestSite::fixture("child-theme");
    site.write("themes/mine/templates/briefing.html", "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ briefing.title }</h1>\n{% endblock content %}\n");
    site.build(&[]).fails_with(1).reports(
        "error[E0040]: template error: Found `}` but expected }}.
  --> themes/mine/templates/briefing.html:3:23
   |
 3 | <h1>{{ briefing.title }</h1>
   |                       ^",
    );
}

#[test]
fn template_using_an_undefined_variable_names_template_and_page() {
    let site = TestSite::fixture("child-theme");
    site.write("themes/mine/templates/briefing.html", "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ briefing.headline }}</h1>\n{% endblock content %}\n");
    let run = site.build(&[]).fails_with(1);
    run.reports("error[E0041]: Field `headline` is not defined.")
        .reports("(while rendering /briefings/2022-01-10-talks/)")
        .reports("  --> themes/mine/templates/briefing.html:3:17");
}

#[test]
fn unknown_theme() {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "theme: nope\n"),
    );
    site.build(&[])
        .fails_with(1)
        .reports("error[E0042]: the theme `nope` does not exist: there is no folder themes/nope/");
}

#[test]
fn a_template_that_is_not_utf8_cannot_be_read() {
    let site = TestSite::empty();
    let templates = site.root().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("404.html"), b"<p>Caf\xe9 closed</p>\n").unwrap();
    site.build(&[]).fails_with(1).reports(
        "error[E0005]: cannot read this template: stream did not contain valid UTF-8
  --> themes/default/templates/404.html

",
    );
}

#[test]
fn bad_site_configuration() {
    let site = TestSite::empty();
    site.write("site.yaml", "title: T\nbase-url: example.org\n");
    site.build(&[]).fails_with(1).reports(
        "error[E0004]: `base-url` must be an absolute http(s) URL, not `example.org`
  --> site.yaml:2:11",
    );
}

#[test]
fn a_page_size_of_zero() {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "per-term-page: 0\n"),
    );
    site.build(&[]).fails_with(1).reports(
        "error[E0004]: `per-term-page` must be at least 1
  --> site.yaml:5:16",
    );
}

#[test]
fn a_stated_age_that_disagrees_with_the_profile_is_a_warning() {
    let site = TestSite::empty();
    site.write(
        "content/people/sergey-lavrov.md",
        "---\nname: Sergey Lavrov\nborn: 1950-03-21\nnationality: Russian\n---\n",
    );
    site.write(
        "content/briefings/2022-01-14-x.md",
        &briefing(
            "title: X\nsubject: Sergey Lavrov\nage: 70\ncare-rating: 6",
            common::builders::HOUSE,
        ),
    );
    let run = site.build(&[]).succeeds();
    run.reports(
        "warning[W0002]: age 70 disagrees with Sergey Lavrov's profile: born 1950-03-21, they were 71 on 2022-01-14
  --> content/briefings/2022-01-14-x.md:4:6",
    );
    assert!(run.stdout.contains("; 1 warning)"), "{}", run.stdout);
}

#[test]
fn usage_errors_exit_with_2() {
    brief(&["build", "--no-such-flag"]).fails_with(2);
    let site = TestSite::empty();
    site.build(&["--base-url", "not a url"])
        .fails_with(2)
        .reports("error: --base-url must be an absolute http(s) URL, not `not a url`");
}

#[test]
fn a_missing_site_configuration_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let run = brief(&["build", "--root", dir.path().to_str().unwrap()]).fails_with(1);
    run.reports("error: could not read the site configuration `")
        .reports("site.yaml`");
}

#[test]
fn names_without_letters_cannot_make_urls() {
    build_briefing(&briefing(&format!("{VALID}\ntags: [nato, \"!!!\"]"), "")).reports(
        "error[E0016]: `!!!` in `tags` has no letter or digit to make a URL from
  --> content/briefings/2022-01-10-talks.md:7:7",
    );
}

#[test]
fn unknown_key_in_a_profile() {
    let site = TestSite::empty();
    site.write(
        "content/people/x.md",
        "---\nname: X Y\nbron: 1950-01-01\n---\n",
    );
    site.build(&[]).fails_with(1).reports(
        "error[E0003]: unknown key `bron`
  --> content/people/x.md:3:1
   |
 3 | bron: 1950-01-01
   | ^
   = help: did you mean `born`? Free-form data goes under `extra`",
    );
}

#[test]
fn a_link_to_a_draft_says_it_is_not_published() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-10-talks.md",
        &briefing(VALID, "See [the draft](later.md).\n"),
    );
    site.write(
        "content/briefings/later.md",
        &briefing(&format!("{VALID}\ndate: 2022-01-11\ndraft: true"), ""),
    );
    site.build(&[]).fails_with(1).reports(
        "error[E0030]: the link `later.md` points to a briefing that is not published (a draft, or dated in the future)
  --> content/briefings/2022-01-10-talks.md:8:5",
    );
    site.build(&["--drafts"]).succeeds();
}

#[test]
fn a_link_to_a_briefing_that_failed_to_parse_is_not_also_reported_broken() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-10-talks.md",
        &briefing(VALID, "See [the other](2022-01-11-other.md).\n"),
    );
    site.write(
        "content/briefings/2022-01-11-other.md",
        &briefing("title: Other", ""),
    );
    let run = site.build(&[]).fails_with(1);
    assert!(!run.stderr.contains("E0030"), "{}", run.stderr);
}

#[test]
fn columns_count_characters_not_bytes() {
    build_briefing(&briefing(VALID, "Erdoğan said ğğğ [x](/nope/)\n"))
        .reports("content/briefings/2022-01-10-talks.md:8:18");
}

#[test]
fn a_theme_error_does_not_hide_content_errors() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-10-talks.md",
        &briefing(&format!("{VALID}\ndate: 2022-02-30"), ""),
    );
    site.write("themes/default/templates/404.html", "{{ oops }\n");
    let run = site.build(&[]).fails_with(1);
    run.reports("error[E0011]").reports("error[E0040]");
}

#[test]
fn an_unknown_filter_names_the_template_and_line() {
    let site = TestSite::empty();
    site.write(
        "themes/default/templates/404.html",
        "<p>\n{{ site.title | shout }}</p>\n",
    );
    site.build(&[]).fails_with(1).reports(
        "error[E0040]: template error: Unknown filter `shout`
  --> themes/default/templates/404.html:2:17",
    );
}

#[test]
fn a_child_theme_without_a_parent_says_how_to_get_one() {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "theme: bare\n"),
    );
    site.write(
        "themes/bare/templates/index.html",
        "{% extends \"base.html\" %}\n",
    );
    site.build(&[]).fails_with(1).reports(
        "error[E0040]: `index.html` extends `base.html`, which neither this theme nor its parents have
  --> themes/bare/templates/index.html
   = help: add `extends: default` to the theme's theme.yaml, or add the missing template",
    );
}

#[test]
fn a_huge_file_is_refused_with_its_size() {
    let site = TestSite::empty();
    let huge = briefing(VALID, &"Words and more words. ".repeat(1_000_000));
    site.write("content/briefings/2022-01-10-huge.md", &huge);
    site.build(&[]).fails_with(1).reports(
        "error[E0007]: the file is 21.0 MB; a briefing or profile may be at most 4 MB
  --> content/briefings/2022-01-10-huge.md
   = help: check that this is the right file; images and documents go beside it, as files of their own",
    );
}

#[test]
fn yaml_alias_bombs_and_deep_nesting_fail_fast_with_a_message() {
    let bomb = "extra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]";
    build_briefing(&briefing(&format!("{VALID}\n{bomb}"), "")).reports(
        "error[E0003]: the front matter repeats `&` and `*` references too often to be read",
    );
    let deep = format!("extra: {}{}", "[".repeat(10_000), "]".repeat(10_000));
    build_briefing(&briefing(&format!("{VALID}\n{deep}"), ""))
        .reports("error[E0003]: the front matter nests lists or keys too deeply to be read");
}

#[test]
fn pathological_markdown_builds() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-10-deep.md",
        &briefing(VALID, &format!("{} deep\n", ">".repeat(200_000))),
    );
    site.build(&[]).succeeds();
}

/// A front matter that does not read hides nothing of the body: its links and pictures are
/// checked in the same round.
#[test]
fn the_body_is_checked_when_the_front_matter_does_not_read() {
    let run = build_briefing(
        "---\ntitle: Broken: yaml\n---\nSee [the talks](/no/such/page/).\n\n![](map.png)\n",
    );
    run.reports("error[E0067]: the value of `title` holds `: `, which YAML reads as the start of another key");
    run.reports(
        "error[E0030]: the link `/no/such/page/` points to a page that does not exist
  --> content/briefings/2022-01-10-talks.md:4:5
   |
 4 | See [the talks](/no/such/page/).
   |     ^",
    );
    run.reports(
        "warning[W0015]: the image `map.png` has no alt text
  --> content/briefings/2022-01-10-talks.md:6:1",
    );
    run.reports("5 errors and 1 warning");
}

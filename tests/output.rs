//! What a build does to its output folder: byte-identical rebuilds, unchanged files left alone,
//! stale files removed, a failed build leaving the old site exactly as it was, and refusing
//! folders it must not replace.

mod common;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::{Snapshot, TestSite, brief, files_under};

fn inode(path: &Path) -> u64 {
    fs::metadata(path).unwrap().ino()
}

#[test]
fn two_builds_of_one_input_are_byte_identical() {
    let site = TestSite::fixture("basic");
    let root = site.root().to_str().unwrap();
    let (a, b) = (site.root().join("a"), site.root().join("b"));
    brief(&["build", "--root", root, "--output", a.to_str().unwrap()]).succeeds();
    brief(&["build", "--root", root, "--output", b.to_str().unwrap()]).succeeds();
    // Every file, hidden ones too: nothing of the build's bookkeeping is in the output.
    assert_eq!(Snapshot::of(&a), Snapshot::of(&b));
    assert!(!files_under(&a).iter().any(|f| f.contains(".brief")));
}

#[test]
fn a_rebuild_rewrites_only_what_changed_and_removes_what_is_gone() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    let public = site.public();
    let untouched = public.join("briefings/2022-01-12-brussels/index.html");
    let edited = public.join("briefings/2022-01-10-geneva/index.html");
    let (untouched_inode, edited_inode) = (inode(&untouched), inode(&edited));
    let mtime = fs::metadata(&untouched).unwrap().modified().unwrap();

    let run = site.build(&[]).succeeds();
    assert!(
        run.stdout
            .contains("(48 files: 0 written, 48 unchanged, 0 removed; 8 warnings)"),
        "{}",
        run.stdout
    );

    let geneva =
        fs::read_to_string(site.root().join("content/briefings/2022-01-10-geneva.md")).unwrap();
    site.write(
        "content/briefings/2022-01-10-geneva.md",
        &geneva.replace("She led", "She headed"),
    );
    site.build(&[]).succeeds();
    assert_eq!(
        inode(&untouched),
        untouched_inode,
        "an unchanged page was rewritten"
    );
    assert_eq!(fs::metadata(&untouched).unwrap().modified().unwrap(), mtime);
    assert_ne!(
        inode(&edited),
        edited_inode,
        "the edited page was not rewritten"
    );
    assert!(
        site.output("briefings/2022-01-10-geneva/index.html")
            .contains("She headed")
    );

    site.remove("content/briefings/2022-01-12-brussels.md");
    let run = site.build(&[]).succeeds();
    assert!(!untouched.exists(), "a stale page survived");
    assert!(!site.has_output("people/jens-stoltenberg/index.html"));
    assert!(
        run.stdout.contains(" removed; 4 warnings)"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(" 0 removed"), "{}", run.stdout);
}

#[test]
fn a_failed_build_leaves_the_previous_output_exactly_as_it_was() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    let before = Snapshot::with_inodes(&site.public());
    site.write(
        "content/briefings/2022-01-12-brussels.md",
        "---\ntitle: [unclosed\n---\n",
    );
    site.build(&[]).fails_with(1);
    assert_eq!(Snapshot::with_inodes(&site.public()), before);
    let debris: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("brief-") && n != ".brief-cache")
        .collect();
    assert!(debris.is_empty(), "left behind: {debris:?}");
}

#[test]
fn a_template_error_on_one_page_leaves_the_previous_output_too() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    let before = Snapshot::with_inodes(&site.public());
    site.write("content/briefings/2023/2023-05-01-new.md", "---\ntitle: New\nsubject: New Person\nage: 40\nnationality: Latvian\ncare-rating: 2\n---\nNew.\n");
    site.write("themes/default/templates/person.html", "{% extends \"base.html\" %}{% block content %}{% if person.has_profile %}{{ person.missing }}{% endif %}{% endblock content %}");
    site.build(&[])
        .fails_with(1)
        .reports("(while rendering /people/sergey-lavrov/)");
    assert_eq!(Snapshot::with_inodes(&site.public()), before);
}

#[test]
fn the_owners_dotfiles_in_the_output_are_kept() {
    let site = TestSite::fixture("basic");
    site.write("public/.gitkeep", "");
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    site.build(&[]).succeeds();
    site.build(&[]).succeeds();
    assert_eq!(site.output(".git/HEAD"), "ref: refs/heads/gh-pages\n");
    assert!(site.has_output(".gitkeep"));
}

#[test]
fn refuses_to_replace_the_site_or_a_folder_of_other_files() {
    let site = TestSite::fixture("basic");
    let root = site.root().to_str().unwrap();
    for (output, why) in [
        (root.to_owned(), "it contains the site itself"),
        (
            site.root().parent().unwrap().to_str().unwrap().to_owned(),
            "it contains the site itself",
        ),
        (
            format!("{root}/content/out"),
            "it is inside the site's `content` folder",
        ),
    ] {
        brief(&["build", "--root", root, "--output", &output])
            .fails_with(2)
            .reports(why);
    }
    site.write("documents/thesis.txt", "precious");
    brief(&[
        "build",
        "--root",
        root,
        "--output",
        &format!("{root}/documents"),
    ])
    .fails_with(2)
    .reports("it holds files that brief did not write (brief has no record of building into it, and it has no index.html and sitemap.xml of a built site); choose an empty or new folder, or empty it yourself");
    assert_eq!(
        fs::read_to_string(site.root().join("documents/thesis.txt")).unwrap(),
        "precious"
    );
    assert!(
        site.root()
            .join("content/briefings/2022-01-10-geneva.md")
            .exists()
    );
}

#[test]
fn debris_of_a_killed_build_is_swept_by_the_next() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    site.write("public/.brief-in-progress", "");
    site.write("public/people/.index.html.brief-tmp", "half a page");
    site.write("public/.index.html.brief-tmp", "half a page");
    fs::create_dir_all(site.root().join(".public.brief-new/people")).unwrap();
    site.build(&[]).succeeds();
    assert!(
        !site.has_output("people/.index.html.brief-tmp")
            && !site.has_output(".index.html.brief-tmp")
    );
    assert!(!site.root().join(".public.brief-new").exists());
    assert!(!site.has_output(".brief-in-progress"));
}

#[test]
fn a_folder_with_an_index_but_no_manifest_is_not_taken_for_a_site() {
    let site = TestSite::fixture("basic");
    site.write("public/index.html", "<p>my own page</p>");
    site.write("public/notes/thesis.tex", "precious");
    site.build(&[])
        .fails_with(2)
        .reports("it holds files that brief did not write");
    assert_eq!(site.output("notes/thesis.tex"), "precious");
}

#[test]
fn files_brief_did_not_write_survive_rebuilds() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    site.write("public/CNAME", "briefings.example.org\n");
    site.remove("content/briefings/2022-01-12-brussels.md");
    site.build(&[]).succeeds();
    assert_eq!(site.output("CNAME"), "briefings.example.org\n");
    assert!(!site.has_output("briefings/2022-01-12-brussels/index.html"));
    assert!(
        !site.public().join("briefings/2022-01-12-brussels").exists(),
        "its emptied folder is gone too"
    );
}

#[test]
fn a_symbolic_link_inside_the_output_is_refused_and_nothing_is_written_through_it() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    let elsewhere = site.root().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::remove_dir_all(site.public().join("people")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.public().join("people")).unwrap();
    site.build(&[])
        .fails_with(2)
        .reports("is a symbolic link, and brief writes only inside the output folder");
    assert_eq!(
        fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "something was written through the link"
    );
    assert!(
        fs::symlink_metadata(site.public().join("people"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_file_where_a_folder_must_be_is_one_error_naming_both() {
    let site = TestSite::fixture("basic");
    site.write("content/sitemap.xml/a.txt", "x");
    site.build(&[]).fails_with(1).reports(
        "error[E0020]: content/sitemap.xml/a.txt and the sitemap would both be written to sitemap.xml",
    );
}

#[test]
fn paths_that_differ_only_in_case_are_one_error_naming_both() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/images/Map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build(&[]).fails_with(1).reports(
        "error[E0020]: content/images/Map.svg and content/images/map.svg would be written to images/Map.svg and images/map.svg, which differ only in upper and lower case, so they are one file on Windows and macOS
  --> content/images/Map.svg
   = help: rename one of them, so that their names differ in more than case or accents",
    );
    assert!(!site.has_output("index.html"), "the build wrote its output");
}

#[test]
fn paths_that_differ_only_in_unicode_normalisation_are_one_error_naming_both() {
    let site = TestSite::fixture("basic");
    // `été` with precomposed letters (NFC) and with combining accents (NFD).
    site.write("content/docs/\u{e9}t\u{e9}.pdf", "%PDF-1.4 one");
    site.write("content/docs/e\u{301}te\u{301}.pdf", "%PDF-1.4 two");
    site.build(&[]).fails_with(1).reports(
        "which differ only in how accented letters are encoded (Unicode NFC and NFD), so they are one file on macOS",
    ).reports("content/docs/\u{e9}t\u{e9}.pdf").reports("content/docs/e\u{301}te\u{301}.pdf");
}

#[test]
fn a_theme_file_and_a_content_file_that_differ_only_in_case_clash_too() {
    let site = TestSite::fixture("basic");
    site.write("content/Style.CSS", "body {}");
    site.build(&[]).fails_with(1).reports(
        "would be written to Style.CSS and style.css, which differ only in upper and lower case",
    );
}

#[test]
fn briefings_whose_names_differ_only_in_unicode_form_or_case_are_one_error() {
    let site = TestSite::fixture("basic");
    let text = |title: &str| {
        common::briefing(
            &format!(
                "title: {title}\nsubject: Wendy Sherman\nage: 71\nnationality: American\ncare-rating: 5"
            ),
            "Body.\n",
        )
    };
    // `Été` precomposed (NFC), and as macOS writes file names, decomposed (NFD).
    site.write(
        "content/briefings/2022-02-01-\u{c9}t\u{e9}.md",
        &text("One"),
    );
    site.write(
        "content/briefings/2022/2022-02-01-E\u{301}te\u{301}.md",
        &text("Two"),
    );
    site.build(&[])
        .fails_with(1)
        .reports("would both be written to /briefings/2022-02-01-ete/");
    let site = TestSite::fixture("basic");
    site.write("content/briefings/2022-02-01-Summit.md", &text("One"));
    site.write("content/briefings/2022/2022-02-01-summit.md", &text("Two"));
    site.build(&[])
        .fails_with(1)
        .reports("would both be written to /briefings/2022-02-01-summit/");
}

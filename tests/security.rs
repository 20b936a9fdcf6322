//! What a pull request cannot make a build do: read files outside the site through symbolic
//! links under `content/` or `themes/`.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use common::html::unescape;
use common::{Snapshot, TestSite};

const SECRET: &str = "TOP-SECRET-71c2: never publish me";

/// A site with a secret file beside it (outside its folder) to link to.
struct Linked {
    site: TestSite,
    outside: tempfile::TempDir,
}

impl Linked {
    fn new() -> Linked {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.txt"), SECRET).unwrap();
        fs::create_dir(outside.path().join("theme")).unwrap();
        fs::write(outside.path().join("theme/base.html"), SECRET).unwrap();
        Linked {
            site: TestSite::fixture("basic"),
            outside,
        }
    }

    fn secret(&self) -> PathBuf {
        fs::canonicalize(self.outside.path().join("secret.txt")).unwrap()
    }

    /// Links `at` (in the site) to `to`.
    fn link(&self, to: &Path, at: &str) {
        let at = self.site.root().join(at);
        fs::create_dir_all(at.parent().unwrap()).unwrap();
        symlink(to, at).unwrap();
    }

    /// The build fails, names the link and where it leads, and publishes nothing of it.
    fn refuses(&self, at: &str, target: &Path) {
        let run = self.site.build(&[]).fails_with(1);
        run.reports(&format!(
            "error[E0008]: this is a symbolic link to `{}`, outside the site, and brief reads nothing outside the site's folder
  --> {at}
   = help: copy what it points to into the site instead of linking to it",
            fs::canonicalize(target).unwrap().display()
        ));
        assert!(!self.site.public().exists(), "the build wrote its output");
    }
}

#[test]
fn a_file_under_content_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    linked.link(&linked.secret(), "content/images/leak.svg");
    linked.refuses("content/images/leak.svg", &linked.secret());
}

#[test]
fn a_briefing_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    linked.link(&linked.secret(), "content/briefings/2022-02-01-leak.md");
    linked.refuses("content/briefings/2022-02-01-leak.md", &linked.secret());
}

#[test]
fn a_folder_under_content_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    linked.link(linked.outside.path(), "content/files");
    linked.refuses("content/files", linked.outside.path());
}

#[test]
fn content_itself_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    let moved = linked.outside.path().join("content");
    fs::rename(linked.site.root().join("content"), &moved).unwrap();
    linked.link(&moved, "content");
    linked.refuses("content", &moved);
}

#[test]
fn a_link_to_etc_passwd_is_refused() {
    let linked = Linked::new();
    linked.link(Path::new("/etc/passwd"), "content/passwd.txt");
    linked.refuses("content/passwd.txt", Path::new("/etc/passwd"));
}

#[test]
fn a_theme_template_or_static_file_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    let base = linked.outside.path().join("theme/base.html");
    linked.link(&base, "themes/default/templates/base.html");
    linked.refuses("themes/default/templates/base.html", &base);

    let linked = Linked::new();
    linked.link(&linked.secret(), "themes/default/static/leak.css");
    linked.refuses("themes/default/static/leak.css", &linked.secret());
}

#[test]
fn a_theme_folder_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    let theme = linked.outside.path().join("theme");
    linked.link(&theme, "themes/default/templates");
    linked.refuses("themes/default/templates", &theme);

    let linked = Linked::new();
    linked.link(&theme, "themes/default");
    linked.refuses("themes/default", &theme);
}

#[test]
fn links_that_stay_inside_the_site_are_no_error() {
    let linked = Linked::new();
    linked.link(
        &linked.site.root().join("content/images/map.svg"),
        "content/images/same-map.svg",
    );
    linked.link(Path::new("nowhere"), "content/images/dangling.svg");
    linked.site.build(&[]).succeeds();
    for file in common::files_under(&linked.site.public()) {
        let bytes = fs::read(linked.site.public().join(&file)).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains(SECRET), "{file}");
    }
}

// ---------------------------------------------------------------------------------------------
// Unsafe URLs in every disguise, judged on the bytes of every output file

/// Script schemes as browsers see through them: case, leading spaces and control characters,
/// tabs and newlines inside, character references, percent-encoding.
const DISGUISES: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "&#x01;javascript:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#x0A;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "%6Aavascript:alert(1)",
    "javascript%3Aalert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
];

/// A briefing that puts every disguise in every place Markdown takes a URL, and raw HTML that
/// does the same in every attribute that takes one.
fn disguised_briefing() -> String {
    let mut body = String::from("## Why is she in the news?\n\n");
    for (n, url) in DISGUISES.iter().enumerate() {
        // A Markdown link without a scheme is a path in the site, checked like any other (and
        // `javascript%3Aalert(1)` is then reported as a file that does not exist).
        if !url.contains("%3A") {
            body.push_str(&format!(
                "[link {n}]({url}) ![image {n}]({url}) [ref {n}][r{n}] <{url}>\n\n[r{n}]: {url}\n\n"
            ));
        }
        body.push_str(&format!(
            "<a href=\"{url}\">a{n}</a> <img src=\"{url}\" alt=\"i{n}\"> <iframe src=\"{url}\"></iframe> <form action=\"{url}\"><button formaction=\"{url}\">b</button></form> <video poster=\"{url}\" src=\"{url}\"></video> <svg><a xlink:href=\"{url}\">s</a></svg> <object data=\"{url}\"></object> <embed src=\"{url}\"> <meta http-equiv=\"refresh\" content=\"0;url={url}\"> <base href=\"{url}\"> <iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>\n\n"
        ));
    }
    common::briefing(
        &format!(
            "title: \"Disguised {}\"\nsubject: Eve Example\nage: 40\nnationality: Testish\ncare-rating: 5\nsummary: \"{}\"\ntags: [\"{}\"]\nauthor: \"{}\"",
            DISGUISES[0], DISGUISES[6], DISGUISES[3], DISGUISES[13]
        ),
        &body,
    )
}

/// `Err` naming what could run script in `html`: a script-like element, an event handler, or
/// a URL attribute whose value, decoded as a browser decodes it, has an unsafe scheme.
/// The default theme's own script and form elements, written by its templates with nothing from
/// the content in them: the JSON-LD data block (which browsers never run; a `</script>` in a
/// title would show here as a tag of its own), the search page's script and its form, and a
/// briefing page's post.js.
fn is_the_themes_own(tag: &str) -> bool {
    tag == "script type=\"application/ld+json\""
        || (tag.starts_with("script src=\"")
            && (tag.ends_with("/search.js\" defer") || tag.ends_with("/post.js\" defer")))
        || tag.starts_with("form id=\"search_form\"")
}

fn inert(html: &str) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let name = tag.split(|c: char| c.is_whitespace()).next().unwrap_or("");
        if is_the_themes_own(tag) {
            continue;
        }
        let active = ["script", "object", "embed", "base", "form", "applet"];
        if active.contains(&name) || (name == "meta" && tag.contains("http-equiv")) {
            return Err(format!("has <{tag}>"));
        }
        if tag.contains(" srcdoc=") {
            return Err(format!("<{tag}> has srcdoc"));
        }
        for attribute in [
            " href=",
            " src=",
            " action=",
            " formaction=",
            " poster=",
            " xlink:href=",
            " data=",
        ] {
            let Some(at) = tag.find(attribute) else {
                continue;
            };
            let value = tag[at + attribute.len()..].trim_start_matches(['"', '\'']);
            let value = value.split(['"', '\'']).next().unwrap_or("");
            let decoded: String = percent_decode(&unescape(value))
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                .collect();
            let image = name == "img" && attribute == " src=" && decoded.starts_with("data:image/");
            if decoded.starts_with("javascript:")
                || decoded.starts_with("vbscript:")
                || (decoded.starts_with("data:") && !image)
            {
                return Err(format!("<{tag}> has the unsafe URL {value:?}"));
            }
        }
        let handler = tag
            .split_whitespace()
            .skip(1)
            .any(|a| a.starts_with("on") && a.contains('='));
        if handler {
            return Err(format!("<{tag}> has an event handler"));
        }
    }
    Ok(())
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Judges every HTML page as it is, and every feed's and sitemap's text as the HTML a feed
/// reader makes of it (unescaped once).
fn assert_every_output_is_inert(site: &TestSite) {
    let files = common::files_under(&site.public());
    assert!(files.len() > 10, "{files:?}");
    for file in &files {
        let text = fs::read_to_string(site.public().join(file)).unwrap();
        let judged = if file.ends_with(".xml") {
            unescape(&text)
        } else {
            text.clone()
        };
        let markup = file.ends_with(".html") || file.ends_with(".xml") || file.ends_with(".json");
        if let (true, Err(why)) = (markup, inert(&judged)) {
            panic!("{file} {why}");
        }
    }
}

#[test]
fn the_judge_sees_through_every_disguise() {
    for url in DISGUISES {
        let html = format!("<a href=\"{url}\">x</a>");
        assert!(inert(&html).is_err(), "{html}");
    }
    assert!(
        inert("<img src=\"data:image/png;base64,xx\" alt=\"\"> <p>javascript: is text</p>").is_ok()
    );
}

#[test]
fn no_disguised_script_url_reaches_any_output_file() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-13-disguised.md",
        &disguised_briefing(),
    );
    site.build(&[]).succeeds();
    assert_every_output_is_inert(&site);
    let page = site.output("briefings/2022-01-13-disguised/index.html");
    // Raw HTML stays text, and every link keeps its words.
    assert!(page.contains("&lt;a href="), "{page}");
    assert!(page.contains("link 0") && page.contains("image 3") && page.contains("ref 9"));
}

#[test]
fn no_disguised_script_url_reaches_any_output_file_with_unsafe_html() {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "unsafe-html: true\n"),
    );
    site.write(
        "content/briefings/2022-01-13-disguised.md",
        &disguised_briefing(),
    );
    site.build(&[]).succeeds();
    assert_every_output_is_inert(&site);
}

#[test]
fn a_script_url_as_a_source_is_an_error_with_file_and_line() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-13-x.md",
        &common::briefing(
            "title: X\nsubject: Eve Example\nage: 40\nnationality: Testish\ncare-rating: 5\nsources:\n  - title: S\n    url: \"javascript:alert(1)\"",
            "Body.\n",
        ),
    );
    site.build(&[]).fails_with(1).reports(
        "error[E0015]: the source URL `javascript:alert(1)` is not an absolute http(s) URL
  --> content/briefings/2022-01-13-x.md:9:10",
    );
}

#[test]
fn a_script_url_as_the_repo_url_is_an_error_with_file_and_line() {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "repo-url: \" javascript:alert(1)//github.com/x\"\n"),
    );
    site.build(&[]).fails_with(1).reports(
        "error[E0004]: `repo-url` must be an absolute http(s) URL
  --> site.yaml:5:11",
    );
}

// ---------------------------------------------------------------------------------------------
// The output folder

#[test]
fn the_output_folder_may_not_be_the_root_of_the_disk_the_site_or_its_sources() {
    let site = TestSite::fixture("basic");
    let root = site.root().to_str().unwrap().to_owned();
    for (output, why) in [
        ("/".to_owned(), "it contains the site itself"),
        (format!("{root}/."), "it contains the site itself"),
        (format!("{root}/content/.."), "it contains the site itself"),
        (
            format!("{root}/themes"),
            "it is inside the site's `themes` folder",
        ),
        (
            format!("{root}/themes/default/static"),
            "it is inside the site's `themes` folder",
        ),
        (
            format!("{root}/content"),
            "it is inside the site's `content` folder",
        ),
    ] {
        common::brief(&["build", "--root", &root, "--output", &output])
            .fails_with(2)
            .reports(&format!(
                "refusing to use `{output}` as the output folder: {why}"
            ));
    }
    // Nothing was touched.
    assert!(
        site.root()
            .join("content/briefings/2022-01-10-geneva.md")
            .exists()
    );
    assert!(!site.root().join(".brief-manifest").exists());
}

/// Every path of the site but those under `output` and the build cache, with its modification
/// time and bytes. The folder holding the output changes by design, its entries only: the new
/// site is assembled beside the output and swapped in.
fn site_except(site: &TestSite, output: &str) -> Snapshot {
    let parent = Path::new(output).parent().unwrap().to_owned();
    Snapshot::with_times(site.root()).without(|path| {
        path.starts_with(output) || path.starts_with(".brief-cache") || path == parent
    })
}

#[test]
fn a_build_writes_and_deletes_nothing_outside_its_output_folder() {
    let site = TestSite::fixture("basic");
    let output = "deploy/site";
    let full = site.root().join(output);
    let args = ["--output", full.to_str().unwrap()];
    site.build(&args).succeeds();
    let before = site_except(&site, output);
    std::thread::sleep(std::time::Duration::from_millis(20));
    // A rebuild with changes, one that removes pages, and a failed one.
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("Test Briefings", "Renamed"),
    );
    let before_edit = site_except(&site, output);
    site.build(&args).succeeds();
    assert!(
        site_except(&site, output) == before_edit,
        "a rebuild touched the site"
    );
    let geneva = site.root().join("content/briefings/2022-01-10-geneva.md");
    let text = fs::read(&geneva).unwrap();
    fs::remove_file(&geneva).unwrap();
    let before_removal = site_except(&site, output);
    site.build(&args).succeeds();
    assert!(
        site_except(&site, output) == before_removal,
        "a build that removed pages touched the site"
    );
    fs::write(&geneva, &text).unwrap();
    site.write(
        "content/briefings/2022-01-11-broken.md",
        "---\ntitle: [\n---\n",
    );
    let before_failure = site_except(&site, output);
    site.build(&args).fails_with(1);
    assert!(
        site_except(&site, output) == before_failure,
        "a failed build touched the site"
    );
    assert!(before.len() > 20);
}

#[test]
fn a_theme_yaml_linking_outside_the_site_is_refused_and_not_quoted() {
    let linked = Linked::new();
    linked.link(&linked.secret(), "themes/default/theme.yaml");
    linked.refuses("themes/default/theme.yaml", &linked.secret());
    let run = linked.site.build(&[]);
    assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
}

#[test]
fn a_site_yaml_linking_outside_the_site_is_refused_and_not_quoted() {
    let linked = Linked::new();
    fs::remove_file(linked.site.root().join("site.yaml")).unwrap();
    linked.link(&linked.secret(), "site.yaml");
    linked.refuses("site.yaml", &linked.secret());
    let run = linked.site.build(&[]);
    assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
}

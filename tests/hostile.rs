//! Hostile text in every front-matter field and in the body must never reach any output file as
//! markup or as an unsafe URL.

mod common;

use common::{TestSite, files_under};

/// `tests/sites/hostile`, built: hostile text in every front-matter field of a briefing and a
/// profile, and script URLs, some of them disguised, in the body.
fn hostile_site() -> TestSite {
    TestSite::fixture("hostile").built()
}

#[test]
fn no_active_markup_or_unsafe_url_survives_in_any_output_file() {
    let site = hostile_site();
    let files = files_under(&site.public());
    assert!(files.len() > 10, "{files:?}");
    // Plain-text posts (served as text/plain, pasted into social media) keep the text as written.
    for file in files
        .iter()
        .filter(|f| !f.ends_with(".css") && !f.ends_with(".txt"))
    {
        let text = without_theme_scripts(&site.output(file));
        let lower = text.to_ascii_lowercase();
        for forbidden in [
            "<script",
            "<img src=x",
            "<iframe",
            "<style",
            "onmouseover=\"alert",
            "javascript:",
            "vbscript:",
            "data:text/html",
        ] {
            assert!(
                !lower.contains(forbidden),
                "{file} contains {forbidden}:\n{text}"
            );
        }
    }
}

#[test]
fn hostile_text_is_shown_escaped_not_dropped() {
    let site = hostile_site();
    let page = site.output("briefings/2022-01-13-attack/index.html");
    assert!(
        page.contains("Title &lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("Title &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("Body &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    let feed = site.output("rss.xml");
    assert!(feed.contains("Title &lt;script&gt;"), "{feed}");
}

#[test]
fn unsafe_links_keep_their_text() {
    let page = hostile_site().output("briefings/2022-01-13-attack/index.html");
    assert!(page.contains("<p>a b c\nd e f\ng</p>"), "{page}");
}

#[test]
fn even_with_unsafe_html_no_script_or_unsafe_url_is_written() {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "unsafe-html: true\n"),
    );
    site.write("content/briefings/2022-01-13-x.md", &common::briefing(
        "title: X\nsubject: Y Z\nage: 50\nnationality: Polish\ncare-rating: 3",
        "<a href=\"javascript:alert(1)\">a</a> <a href=\"&#106;avascript:alert(1)\">b</a>\n<img src=x onerror=alert(1)> <script>alert(1)</script>\n\n<details><summary>More</summary><kbd>K</kbd></details>\n",
    ));
    site.build(&[]).succeeds();
    for file in ["briefings/2022-01-13-x/index.html", "rss.xml"] {
        let text = without_theme_scripts(&site.output(file)).to_ascii_lowercase();
        for bad in ["javascript:", "onerror", "<script", "&lt;script"] {
            assert!(!text.contains(bad), "{file} contains {bad}:\n{text}");
        }
    }
    let page = site.output("briefings/2022-01-13-x/index.html");
    assert!(
        page.contains("<details><summary>More</summary><kbd>K</kbd></details>"),
        "{page}"
    );
}

/// `html` without the default theme's own scripts, which are not content: a briefing's JSON-LD
/// (checked here to hold no `<`, so no text in it can close the element early), the search
/// page's `search.js` and a briefing's `post.js`; and without the text post a briefing page
/// shows, which keeps the text as written, like `post.txt` (checked to hold no `<`: it is
/// text, not markup).
fn without_theme_scripts(html: &str) -> String {
    let mut text = without_json_ld(html);
    const POST: &str = "<pre id=\"post_text\">";
    if let Some(start) = text.find(POST) {
        let end = start + text[start..].find("</pre>").expect("the post is closed");
        let post = &text[start + POST.len()..end];
        assert!(!post.contains('<'), "the text post holds a `<`: {post}");
        text.replace_range(start..end, "");
    }
    text.replace("<script src=\"/sub/search.js\" defer></script>", "")
        .replace("<script src=\"/sub/post.js\" defer></script>", "")
}

/// `html` without its JSON-LD, checked to hold no `<`.
fn without_json_ld(html: &str) -> String {
    const JSON_LD: &str = "<script type=\"application/ld+json\">";
    let mut text = html.to_owned();
    while let Some(start) = text.find(JSON_LD) {
        let data = start + JSON_LD.len();
        let end = data
            + text[data..]
                .find("</script>")
                .expect("the JSON-LD is closed");
        assert!(
            !text[data..end].contains('<'),
            "JSON-LD holds a `<`: {}",
            &text[data..end]
        );
        text.replace_range(start..end + "</script>".len(), "");
    }
    text
}

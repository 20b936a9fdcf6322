//! Problems under `brief serve`. A briefing with errors is left out of the lists and its own
//! address shows its problems, while every other page is served; a site.yaml that breaks keeps
//! the last good site; before anything has built, every address answers with the problems. The
//! terminal and every open tab are told (one line of JSON each, written by the overlay as
//! text), always saying truly what is served.
//!
//! These replaced, on purpose, tests that kept the whole last good site when one briefing broke
//! (issue 15): a member writing a new briefing saw no page at all until every mistake was gone.

mod common;

use std::fs;
use std::time::Duration;

use common::basic::{BRUSSELS, BRUSSELS_PAGE, COUNCIL, GENEVA_PAGE, PATIENCE_PAGE};
use common::events::Events;
use common::serve::Serve;
use common::served::{SCRIPT, version_of};
use common::{TestSite, brief, edit, read};

/// The report of a `problems` event: what is served, and the problems.
fn report(data: &str) -> (String, Vec<serde_json::Value>) {
    let report: serde_json::Value = serde_json::from_str(data).expect("one line of JSON");
    let served = report["served"].as_str().expect("served").to_owned();
    let problems = report["problems"].as_array().expect("problems").clone();
    (served, problems)
}

/// The report a tab opened now is sent first.
fn report_now(serve: &Serve, page: &str) -> (String, Vec<serde_json::Value>) {
    let reply = serve.get(page);
    let mut tab = Events::open(serve.port, version_of(&reply));
    report(&tab.wait_for("problems", |_| true))
}

#[test]
fn problems_travel_as_one_line_of_json_and_the_overlay_writes_them_as_text() {
    let (site, serve) = Serve::fixture("basic");
    let (page, mut events) = serve.open_tab(BRUSSELS_PAGE);
    // A value that, written raw, would end the event and forge another, or inject markup.
    edit(
        site.root(),
        BRUSSELS,
        "care-rating: 6",
        "care-rating: \"<img src=x onerror=alert(1)>\\n\\nevent: reload\\ndata: x\"",
    );
    events.wait_for("reload", |_| true);
    let reply = serve.get(BRUSSELS_PAGE);
    let mut tab = Events::open(serve.port, version_of(&reply));
    let data = tab.wait_for("problems", |d| d.contains("onerror"));
    let (_, problems) = report(&data);
    let text = serde_json::Value::Array(problems).to_string();
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    let more = tab.during(Duration::from_millis(500));
    assert!(
        more.iter().all(|(name, _)| name != "reload"),
        "a forged event got through: {more:?}"
    );
    // The problem page writes it as text too.
    let html = reply.text();
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(!html.contains("<img src=x"), "{html}");
    // The overlay sets text, never markup.
    let script = page.text();
    let script = &script[script.find(SCRIPT).unwrap()..];
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
    ] {
        assert!(!script.contains(sink), "the live-reload script uses {sink}");
    }
    assert!(script.contains("textContent"));
}

#[test]
fn a_broken_briefing_shows_its_problems_at_its_address_and_every_other_page_is_served() {
    let (site, serve) = Serve::fixture("basic");
    let original = read(site.root(), BRUSSELS);
    let mut events = Events::open(serve.port, 0);
    // A tab that connects with an old version is told to reload at once.
    events.wait_for("reload", |_| true);
    fs::write(
        site.root().join(BRUSSELS),
        original
            .replace("care-rating: 6", "care-rating: eleven")
            .replace(COUNCIL, "A broken edit."),
    )
    .unwrap();
    events.wait_for("reload", |_| true);
    // Its address shows the problem, its line, and what it says so far.
    let page = serve.wait_for_text(BRUSSELS_PAGE, "This briefing is not published yet");
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<a href=\"#line-7\">line 7</a>"), "{html}");
    assert!(html.contains("care-rating"), "{html}");
    assert!(html.contains("A broken edit."), "{html}");
    assert!(
        html.contains("class=\"line marked\" id=\"line-7\""),
        "{html}"
    );
    // Every other page is served, without it.
    for path in ["/sub/", GENEVA_PAGE, "/sub/people/", "/sub/rss.xml"] {
        let reply = serve.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            !reply.text().contains("2022-01-12-brussels"),
            "{path} lists it"
        );
    }
    // A tab opened now is told which file, and that this site is the one served.
    let (served, problems) = report_now(&serve, GENEVA_PAGE);
    assert_eq!(served, "this");
    let problem = problems.iter().find(|p| p["severity"] == "error").unwrap();
    assert_eq!(problem["file"], BRUSSELS, "{problem:#}");
    assert_eq!(problem["line"], 7, "{problem:#}");
    serve.wait_for_log(&format!(
        "{BRUSSELS} left out of the lists until fixed; each one's own page shows its problems"
    ));

    fs::write(
        site.root().join(BRUSSELS),
        original.replace(COUNCIL, "A fixed edit."),
    )
    .unwrap();
    events.wait_for("reload", |_| true);
    serve.wait_for_text(BRUSSELS_PAGE, "A fixed edit.");
    serve.wait_for_text("/sub/", "2022-01-12-brussels");
}

#[test]
fn a_fresh_scaffold_is_served_with_its_placeholders_listed() {
    let (site, serve) = Serve::fixture("basic");
    let root = site.root().to_str().unwrap();
    let run = brief(&["new", "briefing", "Olaf Scholz", "--root", root]).succeeds();
    let created = run.stdout.lines().next().unwrap();
    let file = created.strip_prefix("Created ").unwrap();
    let slug = file.rsplit('/').next().unwrap().trim_end_matches(".md");
    let address = format!("/sub/briefings/{slug}/");
    let page = serve.wait_for_text(&address, "This briefing is not published yet");
    let html = page.text();
    assert!(html.contains("FILL IN"), "{html}");
    assert!(html.contains("<dt>Name</dt><dd>Olaf Scholz</dd>"), "{html}");
    for path in ["/sub/", BRUSSELS_PAGE, GENEVA_PAGE, "/sub/search/"] {
        assert_eq!(serve.get(path).status, 200, "{path}");
    }
    let (served, problems) = report_now(&serve, &address);
    assert_eq!(served, "this");
    assert!(
        problems
            .iter()
            .all(|p| p["file"] == file || p["severity"] == "warning")
    );
}

#[test]
fn a_broken_site_yaml_keeps_the_last_good_site_and_says_so() {
    let (site, serve) = Serve::fixture("basic");
    let mut events = Events::open(serve.port, 0);
    events.wait_for("reload", |_| true);
    edit(site.root(), "site.yaml", "per-page: 2", "per-page: 0");
    let data = events.wait_for("problems", |d| d.contains("per-page"));
    let (served, problems) = report(&data);
    assert_eq!(served, "last");
    assert_eq!(problems[0]["file"], "site.yaml");
    let page = serve.get(BRUSSELS_PAGE);
    assert_eq!(page.status, 200);
    assert!(page.text().contains(COUNCIL));
    serve.wait_for_log("still serving the last version that did");
    edit(site.root(), "site.yaml", "per-page: 0", "per-page: 2");
    events.wait_for("reload", |_| true);
}

/// The basic fixture served with a site.yaml that does not build from the start.
fn served_broken() -> (TestSite, Serve) {
    let site = TestSite::fixture("basic");
    edit(site.root(), "site.yaml", "per-page: 2", "per-page: 0");
    let serve = Serve::start(site.root());
    (site, serve)
}

#[test]
fn a_site_broken_from_the_start_is_served_once_it_is_fixed() {
    let (site, serve) = served_broken();
    serve.wait_for_log("nothing has built yet: every page lists these problems");
    let mut events = Events::open(serve.port, 0);
    let (served, _) = report(&events.wait_for("problems", |d| d.contains("site.yaml")));
    assert_eq!(served, "nothing");
    edit(site.root(), "site.yaml", "per-page: 0", "per-page: 2");
    events.wait_for("reload", |_| true);
    // It started at `/`, not knowing the base URL: now it serves under the base URL's path.
    serve.wait_for_log("site.yaml's base-url changed: the site is now served at http://");
    serve.wait_for_text(BRUSSELS_PAGE, COUNCIL);
}

#[test]
fn a_new_base_url_is_served_under_its_path_at_once() {
    let (site, serve) = Serve::fixture("basic");
    edit(
        site.root(),
        "site.yaml",
        "https://example.org/sub/",
        "https://example.org/moved/",
    );
    serve.wait_for_log("site.yaml's base-url changed: the site is now served at http://");
    let page = serve.wait_for_text("/moved/briefings/2022-01-12-brussels/", COUNCIL);
    assert!(
        page.text().contains("href=\"/moved/"),
        "links follow the new path"
    );
    assert_eq!(serve.get(BRUSSELS_PAGE).status, 404);
}

#[test]
fn before_anything_builds_every_address_lists_the_problems_and_listens() {
    let (_site, serve) = served_broken();
    for path in ["/sub/", BRUSSELS_PAGE, "/sub/no/such/page/"] {
        let reply = serve.get(path);
        assert_eq!(reply.status, 503, "{path}");
        let html = reply.text();
        assert!(reply.content_type().starts_with("text/html"), "{path}");
        assert!(html.contains("The site has not built yet"), "{html}");
        assert!(html.contains("site.yaml:4"), "{html}");
        assert!(html.contains(SCRIPT), "{html}");
    }
}

#[test]
fn a_broken_profile_keeps_its_last_good_version_while_it_is_fixed() {
    let (site, serve) = Serve::fixture("basic");
    let profile = "content/people/sergey-lavrov.md";
    let before = serve.get(PATIENCE_PAGE).text();
    edit(site.root(), profile, "born: ", "born: [");
    serve.wait_for_log(&format!(
        "{profile} has errors: until it is fixed, the site uses the last version of it that read"
    ));
    let (served, problems) = report_now(&serve, PATIENCE_PAGE);
    assert_eq!(served, "this");
    assert!(
        problems.iter().any(|p| p["file"] == profile),
        "{problems:?}"
    );
    // The briefings about him still build, from the profile as it last read.
    let page = serve.get(PATIENCE_PAGE);
    assert_eq!(page.status, 200);
    let (shown, was) = (without_version(&page.text()), without_version(&before));
    assert_eq!(shown, was);
}

/// A page without the live-reload script's version, which every rebuild changes.
fn without_version(html: &str) -> String {
    common::served::without_script(html).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_briefing_without_its_closing_fence_shows_its_text_as_written() {
    let (site, serve) = Serve::fixture("basic");
    let file = "content/briefings/2022-01-20-fences.md";
    fs::write(
        site.root().join(file),
        "---\ntitle: No end <here>\n\nThe text goes on.\n",
    )
    .unwrap();
    let page = serve.wait_for_text(
        "/sub/briefings/2022-01-20-fences/",
        "This briefing is not published yet",
    );
    let html = page.text();
    assert!(
        html.contains("(E0002): the front matter is never closed"),
        "{html}"
    );
    assert!(html.contains("title: No end &lt;here&gt;"), "{html}");
    assert!(html.contains("The text goes on."), "{html}");
    assert_eq!(serve.get("/sub/").status, 200);
}

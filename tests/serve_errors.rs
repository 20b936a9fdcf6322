//! A site that does not build under `brief serve`: the last good site stays served, the
//! terminal and every open tab are told the problems (one line of JSON each, written by the
//! overlay as text), and the fixed site is served; a site broken from the start still gives the
//! browser a page that listens.

mod common;

use std::fs;
use std::time::Duration;

use common::basic::{BRUSSELS, BRUSSELS_PAGE, COUNCIL};
use common::events::Events;
use common::serve::Serve;
use common::served::{SCRIPT, version_of};
use common::{TestSite, edit, read};

/// The basic fixture served with a briefing that does not build (rated `eleven`) from the
/// start, and that briefing's good text.
fn served_broken() -> (TestSite, Serve, String) {
    let site = TestSite::fixture("basic");
    let original = read(site.root(), BRUSSELS);
    edit(
        site.root(),
        BRUSSELS,
        "care-rating: 6",
        "care-rating: eleven",
    );
    let serve = Serve::start(site.root());
    (site, serve, original)
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
    let data = events.wait_for("problems", |d| d.contains("onerror"));
    let problems: serde_json::Value = serde_json::from_str(&data).expect("one line of JSON");
    assert!(
        problems
            .to_string()
            .contains("<img src=x onerror=alert(1)>"),
        "{problems:#}"
    );
    let more = events.during(Duration::from_millis(500));
    assert!(
        more.iter().all(|(name, _)| name != "reload"),
        "a forged event got through: {more:?}"
    );
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
fn broken_front_matter_keeps_the_last_good_page_and_reports_the_problem_until_fixed() {
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
    let data = events.wait_for("problems", |d| d.contains("eleven"));
    let problems: serde_json::Value = serde_json::from_str(&data).unwrap();
    let problem = problems
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["severity"] == "error")
        .unwrap_or_else(|| panic!("no error in {problems:#}"));
    assert_eq!(problem["file"], BRUSSELS, "{problem:#}");
    assert_eq!(problem["line"], 7, "{problem:#}");
    assert!(problem["column"].as_u64().is_some(), "{problem:#}");
    assert!(
        problem["message"].as_str().unwrap().contains("care-rating"),
        "{problem:#}"
    );

    // The last good site stays served.
    let page = serve.get(BRUSSELS_PAGE);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("He chaired the council."));
    assert!(!page.text().contains("A broken edit."));
    // The terminal says so too.
    serve.wait_for_log(BRUSSELS);
    serve.wait_for_log("still serving the last version");
    // A tab opened now sees the problems at once.
    let mut late = Events::open(serve.port, version_of(&page));
    late.wait_for("problems", |d| d.contains(BRUSSELS));
    assert_eq!(late.seen.len(), 1, "{:?}", late.seen);

    fs::write(
        site.root().join(BRUSSELS),
        original.replace(COUNCIL, "A fixed edit."),
    )
    .unwrap();
    events.wait_for("reload", |_| true);
    late.wait_for("reload", |_| true);
    serve.wait_for_text(BRUSSELS_PAGE, "A fixed edit.");
}

#[test]
fn a_site_broken_from_the_start_is_served_once_it_is_fixed() {
    let (site, serve, original) = served_broken();
    // The terminal shows the problem.
    serve.wait_for_log(BRUSSELS);
    let mut events = Events::open(serve.port, 0);
    events.wait_for("problems", |d| d.contains(BRUSSELS));
    fs::write(site.root().join(BRUSSELS), original).unwrap();
    events.wait_for("reload", |_| true);
    serve.wait_for_text(BRUSSELS_PAGE, "He chaired the council.");
}

#[test]
fn a_site_broken_from_the_start_still_gives_the_browser_a_page_that_listens() {
    let (_site, serve, _) = served_broken();
    let reply = serve.get("/sub/");
    assert!(
        reply.content_type().starts_with("text/html") && reply.text().contains(SCRIPT),
        "{} {:?}: {}",
        reply.status,
        reply.content_type(),
        reply.text()
    );
}

//! What readers meet on the way, asserted on built pages: person pages that leave out what is
//! empty and chart a rating only from two on, a search index that knows everyone a briefing
//! names, and the text post readable and copyable on the briefing's page. (The copy button
//! itself is driven in Chromium by `validate.rs`.)

mod common;

use common::TestSite;
use common::html::{between, unescape};

/// `tests/sites/rated`, built: Lavrov has three briefings, Baerbock one (and is named in one),
/// Wendy Sherman none (she is only named, and has no profile).
fn rated_site() -> TestSite {
    TestSite::fixture("rated").built()
}

#[test]
fn a_person_only_named_gets_no_empty_fact_box_chart_or_list() {
    let page = rated_site().output("people/wendy-sherman/index.html");
    for absent in [
        "class=\"factbox\"",
        "<svg",
        "history_heading",
        "about_heading",
        "No briefing is about",
    ] {
        assert!(!page.contains(absent), "{absent} on:\n{page}");
    }
    assert!(page.contains("Named in 1 briefing."), "{page}");
    assert!(
        page.contains("<h2 id=\"named_heading\">Briefings that name Wendy Sherman</h2>"),
        "{page}"
    );
    assert!(page.contains("The briefings that name Wendy Sherman."));
}

#[test]
fn one_briefing_gets_its_rating_in_a_sentence_and_no_chart() {
    let page = rated_site().output("people/annalena-baerbock/index.html");
    assert!(!page.contains("<svg"), "one dot is no chart: {page}");
    assert!(!page.contains("<table>"), "{page}");
    let history = between(
        &page,
        "<h2 id=\"history_heading\">Care rating</h2>",
        "</section>",
    );
    assert!(
        history.contains(
            "The one briefing about Annalena Baerbock so far, on \
             <time datetime=\"2022-01-18\">Tuesday (January 18th), 2022</time>, \
             says you should care 6/10."
        ),
        "{history}"
    );
    // What she has is still shown: her profile, her briefing, and the one that names her.
    assert!(page.contains("class=\"factbox\""));
    assert!(page.contains("<h2 id=\"about_heading\">Briefings about Annalena Baerbock</h2>"));
    assert!(page.contains("<h2 id=\"named_heading\">Also named in</h2>"));
}

#[test]
fn two_briefings_or_more_get_the_chart() {
    let page = rated_site().output("people/sergey-lavrov/index.html");
    let svg = between(&page, "<svg", "</svg>");
    assert!(
        svg.contains("Care rating of Sergey Lavrov, 3 briefings"),
        "{svg}"
    );
    assert!(svg.contains("<polyline"), "{svg}");
    assert!(page.contains("Care-rating history"));
    assert!(unescape(&page).contains("From 2022-01-10 (2/10) to 2022-01-20 (5/10)"));
}

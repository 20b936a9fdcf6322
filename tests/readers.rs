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

/// Each person of the search index with the number of its briefings about them or naming them.
fn indexed_people(index: &serde_json::Value) -> Vec<(String, usize)> {
    let people = index["people"].as_array().unwrap();
    let briefings = index["briefings"].as_array().unwrap();
    let names_them = |b: &serde_json::Value, i: usize| {
        b[4] == i || b[5].as_array().unwrap().iter().any(|o| *o == i)
    };
    (people.iter().enumerate())
        .map(|(i, p)| {
            let count = briefings.iter().filter(|b| names_them(b, i)).count();
            (p[0].as_str().unwrap().to_owned(), count)
        })
        .collect()
}

#[test]
fn the_search_index_finds_everyone_a_briefing_names_as_often_as_their_page_counts() {
    let site = TestSite::example().built();
    let index: serde_json::Value = serde_json::from_str(&site.output("search/index.json")).unwrap();
    let people_page = site.output("people/index.html");
    let indexed = indexed_people(&index);
    assert!(
        indexed.len() >= 20,
        "everyone named is in the index: {indexed:?}"
    );
    for (slug, count) in &indexed {
        let entry = between(
            &people_page,
            &format!("href=\"/briefings/people/{slug}/\">"),
            "</li>",
        );
        let plural = if *count == 1 { "" } else { "s" };
        assert!(
            entry.contains(&format!("{count} briefing{plural}</span>")),
            "{slug}: the index names them in {count}, the people page says {entry}"
        );
    }
    let lavrov = indexed
        .iter()
        .find(|(slug, _)| slug == "sergey-lavrov")
        .unwrap();
    assert!(lavrov.1 >= 5, "{lavrov:?}");
}

#[test]
fn the_search_index_lists_who_else_cares_by_person() {
    let site = rated_site();
    let index: serde_json::Value = serde_json::from_str(&site.output("search/index.json")).unwrap();
    let geneva = (index["briefings"].as_array().unwrap().iter())
        .find(|b| b[0] == "2022-01-10-geneva")
        .unwrap();
    let others: Vec<&serde_json::Value> = (geneva[5].as_array().unwrap().iter())
        .map(|o| &index["people"][o.as_u64().unwrap() as usize])
        .collect();
    assert_eq!(
        others,
        [&serde_json::json!(["wendy-sherman", "Wendy Sherman"])]
    );
    let counts = indexed_people(&index);
    assert!(
        counts.contains(&("annalena-baerbock".to_owned(), 2)),
        "{counts:?}"
    );
}

#[test]
fn the_briefing_page_shows_its_text_post_with_a_copy_button_and_the_file() {
    let site = rated_site();
    let page = site.output("briefings/2022-01-14-patience/index.html");
    let post = site.output("briefings/2022-01-14-patience/post.txt");
    let shown = between(&page, "<pre id=\"post_text\">", "</pre>");
    assert_eq!(unescape(shown), post, "the page shows the post as it is");
    assert!(
        !shown.contains("<script"),
        "the hostile title stays text: {shown}"
    );
    // The button needs script: without it, it stays hidden and the text and file remain.
    assert!(
        page.contains(r#"<button type="button" id="post_copy" hidden>Copy as text post</button>"#),
        "{page}"
    );
    assert!(page.contains(r#"<script src="/sub/post.js" defer></script>"#));
    assert!(
        page.contains(
            r#"<a href="/sub/briefings/2022-01-14-patience/post.txt">plain-text file</a>"#
        )
    );
    assert!(site.output("post.js").contains("navigator.clipboard"));
}

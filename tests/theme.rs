//! The default theme's promises to readers, asserted on built pages: the head metadata, the
//! care-rating chart, the search index, the people index, previous/next links, and the weight
//! of a briefing page. (How the pages look is judged in a browser by `validate.rs`.)

mod common;

use common::html::{between, unescape};
use common::{TestSite, briefing};

/// `tests/sites/rated`, built: a site where one person has three briefings rated 2, 9 and 5,
/// one of them with hostile text.
fn rated_site() -> TestSite {
    TestSite::fixture("rated").built()
}

/// Every value of `attribute` inside the tags that start with `tag`.
fn attributes(html: &str, tag: &str, attribute: &str) -> Vec<String> {
    html.split(tag)
        .skip(1)
        .filter_map(|rest| {
            let end = rest.find('>')?;
            let inside = &rest[..end];
            let key = format!("{attribute}=\"");
            let at = inside.find(&key)? + key.len();
            Some(inside[at..at + inside[at..].find('"')?].to_owned())
        })
        .collect()
}

#[test]
fn the_chart_has_one_point_per_briefing_at_its_rating_oldest_first() {
    let page = rated_site().output("people/sergey-lavrov/index.html");
    let svg = between(&page, "<svg", "</svg>");
    for fixed in [
        r#"width="600""#,
        r#"height="180""#,
        r#"viewBox="0 0 600 180""#,
    ] {
        assert!(svg.contains(fixed), "the chart lacks {fixed}: {svg}");
    }
    assert!(
        svg.contains(r#"role="img" aria-labelledby="chart_title chart_desc""#),
        "{svg}"
    );
    let titles: Vec<&str> = svg
        .split("<circle")
        .skip(1)
        .map(|c| between(c, "<title>", "</title>"))
        .collect();
    assert_eq!(titles.len(), 3, "{svg}");
    assert!(
        titles[0].starts_with("2022-01-10: Geneva, 2/10"),
        "{titles:?}"
    );
    assert!(titles[1].starts_with("2022-01-14: ") && titles[1].ends_with(", 9/10"));
    assert!(
        titles[2].starts_with("2022-01-20: Again, 5/10"),
        "{titles:?}"
    );
    // Higher ratings are drawn higher (smaller y), and time runs left to right.
    let cy: Vec<f64> = attributes(svg, "<circle", "cy")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    let cx: Vec<f64> = attributes(svg, "<circle", "cx")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    assert!(cy[1] < cy[2] && cy[2] < cy[0], "{cy:?}");
    assert!(cx[0] < cx[1] && cx[1] < cx[2], "{cx:?}");
    // The hostile title is text inside the SVG, not markup.
    assert!(!svg.contains("<script"), "{svg}");
    // The text alternative: every rating in a table.
    for rating in ["2/10", "9/10", "5/10"] {
        assert!(
            between(&page, "<table>", "</table>").contains(rating),
            "{rating}"
        );
    }
}

#[test]
fn a_person_with_no_briefing_about_them_gets_no_chart() {
    let site = rated_site();
    let page = site.output("people/wendy-sherman/index.html");
    assert!(!page.contains("<svg"), "{page}");
    assert!(!page.contains("about_heading"), "no empty list: {page}");
}

#[test]
fn json_ld_is_a_news_article_that_no_title_can_break_out_of() {
    let page = rated_site().output("briefings/2022-01-14-patience/index.html");
    let data = between(&page, "<script type=\"application/ld+json\">", "</script>");
    let json: serde_json::Value =
        serde_json::from_str(data).unwrap_or_else(|e| panic!("{e}: {data}"));
    assert_eq!(json["@type"], "NewsArticle");
    assert_eq!(json["@context"], "https://schema.org");
    assert_eq!(
        json["headline"],
        "Out of patience </script><script>alert(1)</script>"
    );
    assert_eq!(json["datePublished"], "2022-01-14");
    assert_eq!(json["about"]["name"], "Sergey Lavrov");
    assert_eq!(
        json["url"],
        "https://example.org/sub/briefings/2022-01-14-patience/"
    );
    assert_eq!(json["keywords"], "russia, diplomacy");
}

#[test]
fn the_head_describes_the_briefing_for_search_engines_and_link_previews() {
    let page = rated_site().output("briefings/2022-01-10-geneva/index.html");
    let head = between(&page, "<head>", "</head>");
    let meta = |key: &str| {
        let start = format!("{key}\" content=\"");
        unescape(between(head, &start, "\""))
    };
    assert_eq!(meta("name=\"description"), "Talks in Geneva & more.");
    assert_eq!(meta("property=\"og:description"), "Talks in Geneva & more.");
    assert_eq!(meta("property=\"og:title"), "Sergey Lavrov: Geneva");
    assert_eq!(meta("property=\"og:type"), "article");
    assert_eq!(
        meta("property=\"og:url"),
        "https://example.org/sub/briefings/2022-01-10-geneva/"
    );
    assert_eq!(meta("name=\"twitter:card"), "summary");
    assert!(
        head.contains(
            r#"<link rel="canonical" href="https://example.org/sub/briefings/2022-01-10-geneva/">"#
        ),
        "{head}"
    );
    assert!(
        head.contains(r#"<link rel="alternate" type="application/rss+xml" title="Test Briefings" href="/sub/rss.xml">"#),
        "{head}"
    );
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    // A summary with quotes and a closing script tag stays inside its attribute.
    let hostile = rated_site().output("briefings/2022-01-14-patience/index.html");
    let head = between(&hostile, "<head>", "</head>");
    let description = between(head, "<meta name=\"description\" content=\"", "\">");
    assert_eq!(
        unescape(description),
        "He wants \"answers\" </script> in writing."
    );
}

#[test]
fn the_search_index_finds_subjects_by_alias_and_names_every_tag() {
    let site = rated_site();
    let text = site.output("search/index.json");
    assert!(!text.contains('<'), "markup characters are escaped: {text}");
    let index: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(index["v"], 2);
    let briefings = index["briefings"].as_array().unwrap();
    assert_eq!(briefings.len(), 5);
    let patience = briefings
        .iter()
        .find(|b| b[0] == "2022-01-14-patience")
        .unwrap();
    assert_eq!(
        patience[1],
        "Out of patience </script><script>alert(1)</script>"
    );
    assert_eq!(patience[2], "2022-01-14");
    assert_eq!(patience[3], 9);
    let names = &index["people"][patience[4].as_u64().unwrap() as usize];
    assert_eq!(
        names,
        &serde_json::json!([
            "sergey-lavrov",
            "Sergey Lavrov",
            "Sergei Lavrov",
            "Sergey Viktorovich Lavrov"
        ])
    );
    let tags: Vec<&str> = patience[6]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            index["tags"][t.as_u64().unwrap() as usize]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(tags, ["russia", "diplomacy"]);
    assert_eq!(patience[7], "He wants \"answers\" </script> in writing.");
    // The search page loads its script and index from under the base path.
    let page = site.output("search/index.html");
    assert!(
        page.contains(r#"data-index="/sub/search/index.json""#),
        "{page}"
    );
    assert!(page.contains(r#"<script src="/sub/search.js" defer>"#));
    assert!(site.output("sitemap.xml").contains("/sub/search/</loc>"));
    // Without script, the page is a list of links to every list of briefings.
    for link in ["/sub/", "/sub/people/", "/sub/tags/", "/sub/nationalities/"] {
        assert!(
            between(&page, "<nav class=\"browse\"", "</nav>").contains(&format!("href=\"{link}\"")),
            "{link}"
        );
    }
}

#[test]
fn the_search_index_stays_compact() {
    let site = rated_site();
    let long = "word ".repeat(400);
    site.write(
        "content/briefings/2022-01-21-long.md",
        &briefing(
            "title: Long\nsubject: Sergey Lavrov\ncare-rating: 3",
            &format!("{long}\n"),
        ),
    );
    site.build(&[]).succeeds();
    let index: serde_json::Value = serde_json::from_str(&site.output("search/index.json")).unwrap();
    let entry = &index["briefings"][0];
    assert_eq!(entry[0], "2022-01-21-long");
    let summary = entry[7].as_str().unwrap();
    assert!(summary.chars().count() <= 160, "{summary}");
    assert!(summary.ends_with("word…"), "cut between words: {summary}");
}

#[test]
fn briefing_pages_link_the_briefing_before_and_after() {
    let site = rated_site();
    let page = site.output("briefings/2022-01-14-patience/index.html");
    let nav = between(&page, "<nav class=\"adjacent\"", "</nav>");
    assert!(
        nav.contains(r#"rel="prev" href="/sub/briefings/2022-01-10-geneva/""#),
        "{nav}"
    );
    assert!(
        nav.contains(r#"rel="next" href="/sub/briefings/2022-01-18-moscow/""#),
        "{nav}"
    );
    let newest = site.output("briefings/2022-01-20-again/index.html");
    assert!(!between(&newest, "<nav class=\"adjacent\"", "</nav>").contains("rel=\"next\""));
}

#[test]
fn briefing_pages_show_the_fact_box_rating_sections_and_links() {
    let page = rated_site().output("briefings/2022-01-14-patience/index.html");
    let factbox = between(&page, "<aside class=\"factbox\"", "</aside>");
    for part in [
        "<dt>Name?</dt><dd><a href=\"/sub/people/sergey-lavrov/\">Sergey Lavrov</a></dd>",
        "<dt>Westphalian identity?</dt>",
        "<dt>Age?</dt><dd>71</dd>",
        "<span class=\"meter m9\" aria-hidden=\"true\"></span>",
        "You should care <strong>9/10</strong>",
    ] {
        assert!(factbox.contains(part), "{part} missing from {factbox}");
    }
    let toc = between(&page, "<nav class=\"toc\"", "</nav>");
    assert!(
        toc.contains("<a href=\"#why-is-he-in-the-news\">Why is he in the news?</a>"),
        "{toc}"
    );
    assert!(page.contains("<h2 id=\"why-is-he-in-the-news\">"));
    let others = between(&page, "<section class=\"others\"", "</section>");
    assert!(others.contains("<a href=\"/sub/people/annalena-baerbock/\">Annalena Baerbock</a>"));
    assert!(page.contains("<a href=\"/sub/tags/diplomacy/\">diplomacy</a>"));
}

#[test]
fn the_people_index_is_grouped_by_initial_with_counts() {
    let page = rated_site().output("people/index.html");
    let letters: Vec<String> =
        attributes(&page, "<section class=\"letter-group\"", "aria-labelledby");
    assert_eq!(letters, ["letter_A", "letter_O", "letter_S", "letter_W"]);
    let s = between(&page, "<h2 id=\"letter_S\">", "</section>");
    assert!(
        s.contains("Sergey Lavrov</a> <span class=\"count\">3 briefings</span>"),
        "{s}"
    );
    let a = between(&page, "<h2 id=\"letter_A\">", "</section>");
    assert!(
        a.contains("Annalena Baerbock</a> <span class=\"count\">2 briefings</span>"),
        "{a}"
    );
    // Ø files under O, by its slug.
    assert!(between(&page, "<h2 id=\"letter_O\">", "</section>").contains("Øystein Ø"));
}

#[test]
fn a_briefing_page_with_its_css_and_scripts_weighs_under_30_kb() {
    let site = TestSite::empty();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&repo.join("content"), &site.root().join("content"));
    std::fs::copy(repo.join("site.yaml"), site.root().join("site.yaml")).unwrap();
    site.build(&[]).succeeds();
    let css = site.output("style.css").len();
    for file in common::files_under(&site.public()) {
        if !(file.starts_with("briefings/") && file.ends_with("index.html")) {
            continue;
        }
        let page = site.output(&file);
        let scripts: usize = attributes(&page, "<script", "src")
            .iter()
            .map(|src| site.output(src.trim_start_matches("/briefings/")).len())
            .sum();
        let total = page.len() + css + scripts;
        assert!(
            total < 30 * 1024,
            "{file}: {} bytes of HTML, {css} of CSS, {scripts} of script",
            page.len()
        );
    }
}

#[test]
fn names_that_do_not_start_with_a_letter_are_grouped_under_an_id_a_link_can_reach() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-10-x.md",
        &briefing(
            "title: X\nsubject: 50 Cent\nage: 46\nnationality: American\ncare-rating: 1\nwho-else-cares: [Ann Bee]",
            "Text.\n",
        ),
    );
    site.build(&[]).succeeds();
    let page = site.output("people/index.html");
    assert!(
        page.contains(r##"<a href="#letter_other">#</a>"##),
        "{page}"
    );
    assert!(page.contains(r#"<h2 id="letter_other">#</h2>"#), "{page}");
    assert!(page.contains(r#"<h2 id="letter_A">A</h2>"#), "{page}");
}

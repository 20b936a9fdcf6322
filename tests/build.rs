//! `brief build` on fixture sites: the pages it writes and what they say.

mod common;

use common::{TestSite, briefing, files_under};

#[test]
fn writes_every_page_of_the_url_table() {
    let site = TestSite::fixture("basic").built();
    let files = files_under(&site.public());
    for expected in [
        "index.html",
        "page/2/index.html",
        "briefings/2022-01-14-patience/index.html",
        "briefings/2022-01-10-geneva/index.html",
        "people/index.html",
        "people/sergey-lavrov/index.html",
        "people/sergey-lavrov/rss.xml",
        "tags/index.html",
        "tags/nato/index.html",
        "tags/nato/rss.xml",
        "nationalities/index.html",
        "nationalities/russian/index.html",
        "rss.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "style.css",
        "images/map.svg",
    ] {
        assert!(
            files.contains(&expected.to_owned()),
            "missing {expected} in {files:#?}"
        );
    }
}

#[test]
fn prints_one_summary_line() {
    let site = TestSite::fixture("basic");
    let run = site.build(&[]).succeeds();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(
        lines[0].starts_with(
            "Built 21 pages (48 files: 48 written, 0 unchanged, 0 removed; 8 warnings) into "
        ),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with(" ms"), "{}", lines[0]);
}

#[test]
fn a_subject_written_as_an_alias_lands_on_the_canonical_person() {
    let site = TestSite::fixture("basic").built();
    let person = site.output("people/sergey-lavrov/index.html");
    assert!(person.contains("Russia&#39;s fading patience"), "{person}");
    assert!(!site.has_output("people/sergei-lavrov/index.html"));
    let page = site.output("briefings/2022-01-14-patience/index.html");
    assert!(
        page.contains(
            r#"<dt>Name?</dt><dd><a href="/sub/people/sergey-lavrov/">Sergey Lavrov</a></dd>"#
        ),
        "{page}"
    );
}

#[test]
fn age_and_nationality_come_from_the_profile_when_not_given() {
    let site = TestSite::fixture("basic").built();
    let page = site.output("briefings/2022-01-14-patience/index.html");
    assert!(page.contains("<dt>Age?</dt><dd>71</dd>"), "{page}");
    assert!(
        page.contains(r#"<a href="/sub/nationalities/russian/">Russian</a>"#),
        "{page}"
    );
}

#[test]
fn a_person_page_lists_briefings_about_them_and_naming_them() {
    let site = TestSite::fixture("basic").built();
    let page = site.output("people/sergey-lavrov/index.html");
    let about = page
        .find("Briefings about Sergey Lavrov")
        .expect("about section");
    let named = page.find("Also named in").expect("named-in section");
    let about_list = &page[about..named];
    assert!(
        about_list.contains("/sub/briefings/2022-01-14-patience/"),
        "{page}"
    );
    assert!(
        !about_list.contains("/sub/briefings/2022-01-10-geneva/"),
        "{page}"
    );
    assert!(
        page[named..].contains("/sub/briefings/2022-01-10-geneva/"),
        "{page}"
    );
    assert!(
        page.contains("Russia's foreign minister since 2004")
            || page.contains("Russia’s foreign minister since 2004")
    );
    assert!(
        page.contains(r#"<a href="/sub/briefings/2022-01-14-patience/">the patience briefing</a>"#),
        "{page}"
    );
}

#[test]
fn who_else_cares_names_become_person_pages_and_links() {
    let site = TestSite::fixture("basic").built();
    let page = site.output("briefings/2022-01-14-patience/index.html");
    assert!(
        page.contains(r#"<a href="/sub/people/antony-blinken/">Antony Blinken</a>"#),
        "{page}"
    );
    assert!(
        site.output("people/antony-blinken/index.html")
            .contains("Briefings that name Antony Blinken")
    );
}

#[test]
fn markdown_links_are_rewritten_under_the_base_path() {
    let site = TestSite::fixture("basic").built();
    let page = site.output("briefings/2022-01-14-patience/index.html");
    assert!(
        page.contains(r#"<a href="/sub/tags/nato/">NATO</a>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<a href="/sub/people/sergey-lavrov/">his profile</a>"#),
        "{page}"
    );
    assert!(
        page.contains(r##"<a href="#why-do-we-care">why we care</a>"##),
        "{page}"
    );
    assert!(
        page.contains(r#"<img src="/sub/images/map.svg" alt="Map" />"#),
        "{page}"
    );
    assert!(page.contains(r#"<h2 id="why-do-we-care">"#), "{page}");
    assert!(
        page.contains("footnote-reference"),
        "footnotes are rendered: {page}"
    );
}

#[test]
fn every_internal_link_carries_the_base_path() {
    let site = TestSite::fixture("basic").built();
    for file in files_under(&site.public())
        .iter()
        .filter(|f| f.ends_with(".html"))
    {
        let html = site.output(file);
        for attr in ["href=\"/", "src=\"/"] {
            for (at, _) in html.match_indices(attr) {
                let rest = &html[at + attr.len()..];
                assert!(
                    rest.starts_with("sub/"),
                    "{file}: link outside /sub/: {}",
                    &html[at..at + 60.min(html.len() - at)]
                );
            }
        }
    }
}

#[test]
fn ordering_is_newest_first_then_by_slug() {
    let site = TestSite::fixture("basic").built();
    let home = site.output("index.html");
    let patience = home.find("2022-01-14-patience").unwrap();
    let brussels = home.find("2022-01-12-brussels").unwrap();
    assert!(patience < brussels);
    assert!(!home.contains("2022-01-10-geneva"), "per-page is 2");
    let second = site.output("page/2/index.html");
    assert!(
        second.contains("2022-01-10-geneva") && second.contains(r#"rel="prev" href="/sub/""#),
        "{second}"
    );
}

#[test]
fn drafts_and_future_briefings_are_left_out_unless_asked() {
    let site = TestSite::fixture("basic").built();
    assert!(!site.has_output("briefings/unfinished/index.html"));
    assert!(!site.has_output("briefings/2099-01-01-scheduled/index.html"));
    site.build(&["--drafts", "--future"]).succeeds();
    assert!(
        site.output("briefings/unfinished/index.html")
            .contains("Draft")
    );
    assert!(site.has_output("briefings/2099-01-01-scheduled/index.html"));
}

#[test]
fn feeds_have_absolute_urls_and_the_right_items() {
    let site = TestSite::fixture("basic").built();
    let feed = site.output("rss.xml");
    assert_eq!(feed.matches("<item>").count(), 3);
    assert!(
        feed.contains("<link>https://example.org/sub/briefings/2022-01-14-patience/</link>"),
        "{feed}"
    );
    assert!(
        feed.contains("<pubDate>Fri, 14 Jan 2022 00:00:00 +0000</pubDate>"),
        "{feed}"
    );
    assert!(
        feed.contains(r#"<atom:link href="https://example.org/sub/rss.xml" rel="self""#),
        "{feed}"
    );
    assert!(
        feed.contains("href=&quot;https://example.org/sub/tags/nato/&quot;"),
        "body links are absolute: {feed}"
    );
    assert!(
        feed.contains(
            "href=&quot;https://example.org/sub/briefings/2022-01-14-patience/#why-do-we-care&quot;"
        ),
        "{feed}"
    );
    assert!(
        !feed.contains("href=&quot;/") && !feed.contains("src=&quot;/"),
        "{feed}"
    );
    let person = site.output("people/sergey-lavrov/rss.xml");
    assert_eq!(
        person.matches("<item>").count(),
        2,
        "about and naming: {person}"
    );
    assert_eq!(
        site.output("tags/nato/rss.xml").matches("<item>").count(),
        2
    );
}

#[test]
fn json_feeds_carry_the_rss_items_in_json_feed_1_1() {
    let site = TestSite::fixture("basic").built();
    let json = |path: &str| -> serde_json::Value {
        serde_json::from_str(&site.output(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let feed = json("feed.json");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Test Briefings");
    assert_eq!(feed["home_page_url"], "https://example.org/sub/");
    assert_eq!(feed["feed_url"], "https://example.org/sub/feed.json");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let first = &items[0];
    let url = "https://example.org/sub/briefings/2022-01-14-patience/";
    assert_eq!((&first["id"], &first["url"]), (&url.into(), &url.into()));
    assert_eq!(first["date_published"], "2022-01-14T00:00:00Z");
    let html = first["content_html"].as_str().unwrap();
    assert!(
        html.contains(r#"href="https://example.org/sub/tags/nato/""#),
        "{html}"
    );
    assert!(!html.contains(r#"href="/"#), "{html}");
    let items_of = |path: &str| json(path)["items"].as_array().unwrap().len();
    assert_eq!(
        items_of("people/sergey-lavrov/feed.json"),
        2,
        "about and naming"
    );
    assert_eq!(items_of("tags/nato/feed.json"), 2);
    assert!(!site.has_output("nationalities/russian/feed.json"));
}

#[test]
fn pages_name_their_feeds_in_both_formats() {
    let site = TestSite::fixture("basic").built();
    let person = site.output("people/sergey-lavrov/index.html");
    for link in [
        r#"<link rel="alternate" type="application/rss+xml" title="Test Briefings" href="/sub/rss.xml">"#,
        r#"<link rel="alternate" type="application/feed+json" title="Test Briefings" href="/sub/feed.json">"#,
        r#"<link rel="alternate" type="application/feed+json" title="Sergey Lavrov — Test Briefings" href="/sub/people/sergey-lavrov/feed.json">"#,
    ] {
        assert!(person.contains(link), "{link} in {person}");
    }
    let nationality = site.output("nationalities/russian/index.html");
    assert_eq!(
        nationality.matches(r#"rel="alternate""#).count(),
        2,
        "{nationality}"
    );
}

#[test]
fn the_feed_limit_caps_items() {
    let site = TestSite::fixture("basic");
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "feed-limit: 1\n"),
    );
    site.build(&[]).succeeds();
    assert_eq!(site.output("rss.xml").matches("<item>").count(), 1);
    assert_eq!(site.output("feed.json").matches("\n{\"id\":").count(), 1);
}

#[test]
fn sitemap_and_robots_use_absolute_urls() {
    let site = TestSite::fixture("basic").built();
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("<url><loc>https://example.org/sub/</loc></url>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://example.org/sub/briefings/2022-01-10-geneva/</loc><lastmod>2022-01-10</lastmod>"));
    assert!(!sitemap.contains("404"));
    assert!(
        site.output("robots.txt")
            .contains("Sitemap: https://example.org/sub/sitemap.xml")
    );
}

#[test]
fn base_url_flag_moves_the_site_to_the_root() {
    let site = TestSite::fixture("basic");
    site.build(&["--base-url", "http://127.0.0.1:8000"])
        .succeeds();
    let home = site.output("index.html");
    assert!(
        home.contains(r#"<link rel="stylesheet" href="/style.css">"#),
        "{home}"
    );
    assert!(
        site.output("rss.xml")
            .contains("<link>http://127.0.0.1:8000/briefings/2022-01-14-patience/</link>")
    );
}

#[test]
fn edit_links_follow_repo_url() {
    let site = TestSite::fixture("basic").built();
    let page = site.output("briefings/2022-01-10-geneva/index.html");
    assert!(
        page.contains(
            "https://github.com/example/briefings/edit/main/content/briefings/2022-01-10-geneva.md"
        ),
        "{page}"
    );
}

#[test]
fn a_site_without_themes_uses_the_built_in_default() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-13-x.md",
        &briefing(
            "title: X\nsubject: Y Z\nage: 50\nnationality: Polish\ncare-rating: 3",
            "Body.\n",
        ),
    );
    site.build(&[]).succeeds();
    assert!(
        site.output("briefings/2022-01-13-x/index.html")
            .contains("<dt>Westphalian identity?</dt>")
    );
    assert!(site.output("style.css").contains("prefers-color-scheme"));
}

#[test]
fn a_child_theme_overrides_only_its_own_templates() {
    let site = TestSite::fixture("basic");
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "theme: campus\n"),
    );
    site.write("themes/campus/theme.yaml", "extends: default\n");
    site.write(
        "themes/campus/templates/partials/card.html",
        "<p class=\"campus\">{{ briefing.title }} rated {{ briefing.care_rating }}</p>\n",
    );
    site.write("themes/campus/static/extra.css", "body{}\n");
    site.build(&[]).succeeds();
    let home = site.output("index.html");
    assert!(
        home.contains("<p class=\"campus\">Russia&#39;s fading patience rated 7</p>"),
        "{home}"
    );
    assert!(
        home.contains("<a class=\"brand\""),
        "base.html still comes from default"
    );
    assert!(site.has_output("extra.css") && site.has_output("style.css"));
}

#[test]
fn raw_html_passes_only_when_the_site_allows_it() {
    let site = TestSite::empty();
    site.write(
        "content/briefings/2022-01-13-x.md",
        &briefing(
            "title: X\nsubject: Y Z\nage: 50\nnationality: Polish\ncare-rating: 3",
            "<div class=\"note\">Hi</div>\n\nText <kbd>K</kbd>\n",
        ),
    );
    site.build(&[]).succeeds();
    let page = site.output("briefings/2022-01-13-x/index.html");
    assert!(
        page.contains("&lt;div class=&quot;note&quot;&gt;Hi&lt;/div&gt;")
            || page.contains("&lt;div class=\"note\"&gt;"),
        "{page}"
    );
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "unsafe-html: true\n"),
    );
    site.build(&[]).succeeds();
    let page = site.output("briefings/2022-01-13-x/index.html");
    assert!(
        page.contains("<div class=\"note\">Hi</div>") && page.contains("<kbd>K</kbd>"),
        "{page}"
    );
}

#[test]
fn the_date_may_come_from_the_file_name() {
    let site = TestSite::fixture("basic").built();
    let page = site.output("briefings/2022-01-10-geneva/index.html");
    assert!(
        page.contains(r#"<time datetime="2022-01-10">Monday (January 10th)"#),
        "{page}"
    );
}

#[test]
fn a_sites_own_default_folder_is_layered_over_the_built_in_theme() {
    let site = TestSite::fixture("basic");
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost?</h1>{% endblock content %}\n",
    );
    site.build(&[]).succeeds();
    assert!(site.output("404.html").contains("<h1>Lost?</h1>"));
    assert!(
        site.output("index.html").contains("Latest briefings"),
        "other templates come from the built-in copy"
    );
}

#[test]
fn the_slug_filter_agrees_with_urls() {
    let site = TestSite::fixture("basic");
    site.write(
        "themes/default/templates/404.html",
        "{{ \"Recep Tayyip Erdoğan's\" | slug }}\n",
    );
    site.build(&[]).succeeds();
    assert_eq!(site.output("404.html").trim(), "recep-tayyip-erdogans");
}

#[test]
fn heading_ids_stay_unique_and_email_links_work() {
    let site = TestSite::empty();
    let body = "## A\n\n## A\n\n## A 1\n\nWrite to <me@example.org>.\n";
    site.write(
        "content/briefings/2022-01-13-x.md",
        &briefing(
            "title: X\nsubject: Y Z\nage: 50\nnationality: [Polish, polish]\ncare-rating: 3",
            body,
        ),
    );
    site.build(&[]).succeeds();
    let page = site.output("briefings/2022-01-13-x/index.html");
    for id in ["id=\"a\"", "id=\"a-1\"", "id=\"a-1-1\""] {
        assert_eq!(page.matches(id).count(), 1, "{id} in {page}");
    }
    assert!(
        page.contains(r#"<a href="mailto:me@example.org">me@example.org</a>"#),
        "{page}"
    );
    assert_eq!(
        page.matches(">Polish</a>").count(),
        1,
        "a repeated nationality is shown once: {page}"
    );
}

#[test]
fn every_briefing_has_a_plain_text_post_and_export_prints_it() {
    let site = TestSite::fixture("basic").built();
    let post = site.output("briefings/2022-01-14-patience/post.txt");
    let expected = "Friday (January 14th): Russia's fading patience

Sergey Lavrov

Name? Sergey Lavrov

Westphalian identity? Russian

Age? 71

Why is he in the news? He said Russia had run out of patience[1]. Read more on NATO (https://example.org/sub/tags/nato/) and his profile (https://example.org/sub/people/sergey-lavrov/), or why we care.

Why do we care?

Why should you care? You should care 7/10.

Who else cares? Antony Blinken.

Any further comments? None.

[1] At his annual press conference.

Sources:
- Lavrov says Moscow has run out of patience, Example News (https://example.net/news/lavrov)


Ann Member, Bob Member
";
    assert_eq!(post, expected);
    let page = site.output("briefings/2022-01-14-patience/index.html");
    assert!(
        page.contains(
            r#"<a href="/sub/briefings/2022-01-14-patience/post.txt">plain-text file</a>"#
        ),
        "{page}"
    );
    let root = site.root().to_str().unwrap();
    let export = common::brief(&["export", "2022-01-14-patience", "--root", root]).succeeds();
    assert_eq!(export.stdout, expected);
    common::brief(&["export", "2022-01-14-patiense", "--root", root])
        .fails_with(2)
        .reports("error: there is no briefing `2022-01-14-patiense`: did you mean `2022-01-14-patience`?");
}

/// A tag's briefings are listed `per-term-page` to a page: the busiest tags of a large site
/// would otherwise have pages of megabytes.
#[test]
fn tag_pages_are_paginated() {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "per-term-page: 2\n"),
    );
    for day in 10..15 {
        site.write(
            &format!("content/briefings/2022-01-{day}-talks.md"),
            &common::briefing(
                &format!("title: Talks {day}\nsubject: Jens Stoltenberg\nage: 62\nnationality: Norwegian\ncare-rating: 5\ntags: [NATO]"),
                "",
            ),
        );
    }
    site.build(&[]).succeeds();
    let cards = |page: &str| site.output(page).matches("<article").count();
    assert_eq!(cards("tags/nato/index.html"), 2);
    assert_eq!(cards("tags/nato/page/2/index.html"), 2);
    assert_eq!(cards("tags/nato/page/3/index.html"), 1);
    assert!(!site.has_output("tags/nato/page/4/index.html"));
    let first = site.output("tags/nato/index.html");
    assert!(
        first.contains("Talks 14") && !first.contains("Talks 12"),
        "{first}"
    );
    assert!(first.contains("Page 1 of 3"), "{first}");
    assert!(
        first.contains(r#"rel="next" href="/sub/tags/nato/page/2/""#),
        "{first}"
    );
    let last = site.output("tags/nato/page/3/index.html");
    assert!(last.contains("Talks 10"), "{last}");
    assert!(
        last.contains("<title>Tagged “NATO”, page 3 · Test Briefings</title>"),
        "{last}"
    );
    assert!(
        last.contains(r#"rel="prev" href="/sub/tags/nato/page/2/""#),
        "{last}"
    );
    assert!(
        site.output("sitemap.xml")
            .contains("/sub/tags/nato/page/3/</loc>")
    );
}

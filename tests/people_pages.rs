//! A person's page keeps the profile and the chart; the briefings about them and those that
//! name them each run on over pages of their own, `per-term-page` to a page, as tags do: the
//! busiest person of a large site had a page of megabytes.

mod common;

use common::TestSite;

/// Five briefings about Jens Stoltenberg, three of which name Wendy Sherman, two to a page.
fn site() -> TestSite {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        &(common::SITE_YAML.to_owned() + "per-term-page: 2\n"),
    );
    for day in 10..15 {
        let named = if day % 2 == 0 {
            "\nwho-else-cares: [Wendy Sherman]"
        } else {
            ""
        };
        site.write(
            &format!("content/briefings/2022-01-{day}-talks.md"),
            &common::briefing(
                &format!("title: Talks {day}\nsubject: Jens Stoltenberg\nage: 62\nnationality: Norwegian\ncare-rating: {}\ntags: [NATO]{named}", day - 8),
                "",
            ),
        );
    }
    site
}

fn cards(site: &TestSite, page: &str) -> usize {
    site.output(page).matches("<article").count()
}

#[test]
fn a_persons_first_page_keeps_the_profile_and_chart_and_links_on() {
    let site = site();
    site.build(&[]).succeeds();
    let first = site.output("people/jens-stoltenberg/index.html");
    // The page itself is an <article>, and so is each of its two cards.
    assert_eq!(cards(&site, "people/jens-stoltenberg/index.html"), 3);
    assert!(
        first.contains("5 briefings about Jens Stoltenberg."),
        "{first}"
    );
    assert!(first.contains("Care-rating history"), "{first}");
    assert!(first.contains("Talks 14") && first.contains("Talks 13"));
    assert!(
        first.contains(r#"<a href="/sub/people/jens-stoltenberg/about/page/2/">Older briefings about Jens Stoltenberg <span aria-hidden="true">→</span></a>"#),
        "{first}"
    );
    let wendy = site.output("people/wendy-sherman/index.html");
    assert!(wendy.contains("Named in 3 briefings."), "{wendy}");
    assert!(
        wendy.contains(r#"<a href="/sub/people/wendy-sherman/named/page/2/">Older briefings that name Wendy Sherman"#),
        "{wendy}"
    );
}

#[test]
fn each_list_runs_on_over_pages_of_its_own() {
    let site = site();
    site.build(&[]).succeeds();
    assert_eq!(
        cards(&site, "people/jens-stoltenberg/about/page/2/index.html"),
        2
    );
    assert_eq!(
        cards(&site, "people/jens-stoltenberg/about/page/3/index.html"),
        1
    );
    assert!(!site.has_output("people/jens-stoltenberg/about/page/4/index.html"));
    assert!(!site.has_output("people/jens-stoltenberg/named/page/2/index.html"));
    assert_eq!(
        cards(&site, "people/wendy-sherman/named/page/2/index.html"),
        1
    );
    let last = site.output("people/jens-stoltenberg/about/page/3/index.html");
    assert!(
        last.contains("<title>Briefings about Jens Stoltenberg, page 3 · Test Briefings</title>"),
        "{last}"
    );
    assert!(
        last.contains("Talks 10") && last.contains("Page 3 of 3"),
        "{last}"
    );
    assert!(
        last.contains(r#"rel="prev" href="/sub/people/jens-stoltenberg/about/page/2/""#),
        "{last}"
    );
    let second = site.output("people/jens-stoltenberg/about/page/2/index.html");
    assert!(
        second.contains(r#"rel="prev" href="/sub/people/jens-stoltenberg/""#),
        "page 1 of the list is the person's page: {second}"
    );
    let named = site.output("people/wendy-sherman/named/page/2/index.html");
    assert!(
        named.contains("<title>Briefings that name Wendy Sherman, page 2 · Test Briefings</title>"),
        "{named}"
    );
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("/sub/people/jens-stoltenberg/about/page/3/</loc>"));
    assert!(sitemap.contains("/sub/people/wendy-sherman/named/page/2/</loc>"));
}

#[test]
fn a_list_that_shrinks_takes_its_last_pages_with_it() {
    let site = site();
    site.build(&[]).succeeds();
    site.remove("content/briefings/2022-01-10-talks.md");
    site.remove("content/briefings/2022-01-11-talks.md");
    site.build(&[]).succeeds();
    assert!(site.has_output("people/jens-stoltenberg/about/page/2/index.html"));
    assert!(!site.has_output("people/jens-stoltenberg/about/page/3/index.html"));
    assert!(
        !site
            .public()
            .join("people/jens-stoltenberg/about/page/3")
            .exists()
    );
}

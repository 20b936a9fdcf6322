//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>): `feed.json` beside the site's, each
//! person's and each tag's page, with the same items as their RSS feeds.
//!
//! Text taken from content (titles, names, tags, summaries) is written with `<`, `>` and `&`
//! as `\u` escapes, the same strings to a reader and inert if a browser were ever tricked
//! into reading the file as HTML; `content_html` is the page's own sanitised HTML.

use std::borrow::Cow;

use serde::Serialize;

use super::feed::{Feed, FeedFormat, absolute_links};
use super::json_ld::script_safe;
use crate::model::{BriefingId, Site};

pub(super) struct JsonFeed;

#[derive(Serialize)]
struct Head<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
}

/// An item, less its `content_html` (spliced in after the rest is made inert).
#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    title: String,
    summary: &'a str,
    /// RFC 3339: briefings are dated by day, published at midnight UTC.
    date_published: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

impl FeedFormat for JsonFeed {
    fn file(&self) -> &'static str {
        "feed.json"
    }

    fn media_type(&self) -> &'static str {
        "application/feed+json"
    }

    fn feed(&self, site: &Site, feed: &Feed, items: &[Cow<str>]) -> String {
        let base = &site.config.base_url;
        let head = Head {
            version: "https://jsonfeed.org/version/1.1",
            title: &feed.title,
            home_page_url: base.absolute(&feed.page),
            feed_url: base.absolute(&feed.path),
            description: &feed.description,
            language: &site.config.language,
        };
        let head = script_safe(serde_json::to_string(&head).expect("a feed serialises"));
        // The head's closing brace gives way to the items, one a line.
        let mut json = String::with_capacity(
            head.len() + items.iter().map(|i| i.len() + 2).sum::<usize>() + 16,
        );
        json.push_str(&head[..head.len() - 1]);
        json.push_str(",\"items\":[");
        for (n, item) in items.iter().enumerate() {
            json.push_str(if n == 0 { "\n" } else { ",\n" });
            json.push_str(item);
        }
        json.push_str("\n]}\n");
        json
    }

    fn item(&self, site: &Site, id: BriefingId) -> String {
        let briefing = &site.briefings[id];
        let url = site.config.base_url.absolute(&briefing.url());
        let subject = &site.people[briefing.subject].name;
        let item = Item {
            id: &url,
            url: &url,
            title: format!("{subject}: {}", briefing.title),
            summary: &briefing.summary,
            date_published: format!("{}T00:00:00Z", briefing.date),
            authors: briefing
                .authors
                .iter()
                .map(|name| Author { name })
                .collect(),
            tags: briefing
                .tags
                .iter()
                .map(|&t| site.tags[t].name.as_str())
                .collect(),
        };
        let mut json = script_safe(serde_json::to_string(&item).expect("an item serialises"));
        let html = absolute_links(&briefing.html, &site.config.base_url, &url);
        json.pop();
        json.push_str(",\"content_html\":");
        json.push_str(&serde_json::to_string(&html).expect("a string serialises"));
        json.push('}');
        json
    }
}

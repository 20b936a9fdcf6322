//! RSS 2.0: `rss.xml` beside the site's, each person's and each tag's page.

use std::borrow::Cow;
use std::fmt::Write;

use super::feed::{Feed, FeedFormat, absolute_links};
use super::xml::{escape, escape_into};
use crate::model::{BriefingId, Site};

pub(super) struct Rss;

/// The file's name beside each page that has a feed.
pub(super) const FILE: &str = "rss.xml";

impl FeedFormat for Rss {
    fn file(&self) -> &'static str {
        FILE
    }

    fn media_type(&self) -> &'static str {
        "application/rss+xml"
    }

    fn feed(&self, site: &Site, feed: &Feed, items: &[Cow<str>]) -> String {
        let base = &site.config.base_url;
        let mut xml = String::with_capacity(1024 + items.iter().map(|i| i.len()).sum::<usize>());
        xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
        element(&mut xml, "title", &feed.title);
        element(&mut xml, "link", &base.absolute(&feed.page));
        let description = match feed.description.is_empty() {
            true => &feed.title,
            false => &feed.description,
        };
        element(&mut xml, "description", description);
        element(&mut xml, "language", &site.config.language);
        element(&mut xml, "generator", "brief");
        if let Some(&newest) = feed.items.first() {
            // The newest item's date, not the clock: two builds of one input stay identical.
            element(&mut xml, "lastBuildDate", &rfc822(site, newest));
        }
        let self_url = escape(&base.absolute(&feed.path));
        let _ = writeln!(
            xml,
            "<atom:link href=\"{self_url}\" rel=\"self\" type=\"application/rss+xml\"/>"
        );
        items.iter().for_each(|item| xml.push_str(item));
        xml.push_str("</channel>\n</rss>\n");
        xml
    }

    fn item(&self, site: &Site, id: BriefingId) -> String {
        let briefing = &site.briefings[id];
        let base = &site.config.base_url;
        let url = base.absolute(&briefing.url());
        let subject = &site.people[briefing.subject].name;
        let mut xml = String::with_capacity(briefing.html.len() * 6 / 5 + 512);
        xml.push_str("<item>\n");
        element(&mut xml, "title", &format!("{subject}: {}", briefing.title));
        element(&mut xml, "link", &url);
        let _ = writeln!(xml, "<guid isPermaLink=\"true\">{}</guid>", escape(&url));
        element(&mut xml, "pubDate", &rfc822(site, id));
        for author in &briefing.authors {
            element(&mut xml, "dc:creator", author);
        }
        for &tag in &briefing.tags {
            element(&mut xml, "category", &site.tags[tag].name);
        }
        element(
            &mut xml,
            "description",
            &absolute_links(&briefing.html, base, &url),
        );
        xml.push_str("</item>\n");
        xml
    }
}

fn element(xml: &mut String, name: &str, text: &str) {
    let _ = write!(xml, "<{name}>");
    escape_into(xml, text);
    let _ = writeln!(xml, "</{name}>");
}

/// `Fri, 14 Jan 2022 00:00:00 +0000`: briefings are dated by day, published at midnight UTC.
fn rfc822(site: &Site, id: BriefingId) -> String {
    site.briefings[id]
        .date
        .strftime("%a, %d %b %Y 00:00:00 +0000")
        .to_string()
}

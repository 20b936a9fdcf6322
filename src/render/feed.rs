//! RSS 2.0 feeds: the site's, one per person and one per tag. Written directly (not through the
//! theme) so that they are always valid XML with absolute URLs, whatever the theme does.

use std::borrow::Cow;
use std::fmt::Write;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::xml::{escape, escape_into};
use super::{RenderedFile, Renderer, Scope};
use crate::diagnostic::Diagnostics;
use crate::model::{BriefingId, PersonId, Site, TermId};
use crate::output::Sink;
use crate::render::pages::output_path;

pub struct FeedRenderer;

/// Whose feed it is: the site's, a person's or a tag's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedOf {
    Site,
    Person(PersonId),
    Tag(TermId),
}

impl FeedOf {
    /// Every feed of the site.
    pub fn all(site: &Site) -> impl Iterator<Item = FeedOf> {
        let people = (0..site.people.len()).map(FeedOf::Person);
        let tags = (0..site.tags.len()).map(FeedOf::Tag);
        std::iter::once(FeedOf::Site).chain(people).chain(tags)
    }

    /// The feeds that carry briefing `id` among their items.
    pub fn carrying(site: &Site, id: BriefingId) -> Vec<FeedOf> {
        let briefing = &site.briefings[id];
        let people =
            std::iter::once(briefing.subject).chain(briefing.who_else_cares.iter().copied());
        let tags = briefing.tags.iter().map(|&t| FeedOf::Tag(t));
        let candidates = std::iter::once(FeedOf::Site)
            .chain(people.map(FeedOf::Person))
            .chain(tags);
        candidates
            .filter(|feed| feed.items(site).contains(&id))
            .collect()
    }

    /// Site path of the page the feed belongs to (`/people/x/`).
    fn page(self, site: &Site) -> String {
        match self {
            FeedOf::Site => "/".to_owned(),
            FeedOf::Person(id) => site.people[id].url(),
            FeedOf::Tag(id) => site.tags[id].url(),
        }
    }

    /// Where the feed is, as a site path.
    pub fn path(self, site: &Site) -> String {
        feed_path(&self.page(site))
    }

    /// The items, newest first, at most `feed-limit`.
    fn items(self, site: &Site) -> Vec<BriefingId> {
        let limit = site.config.feed_limit;
        match self {
            FeedOf::Site => (0..site.briefings.len().min(limit)).collect(),
            FeedOf::Person(id) => {
                let person = &site.people[id];
                // Briefing ids are in site order (newest first), so sorting merges the lists.
                let mut ids: Vec<BriefingId> = person
                    .about
                    .iter()
                    .chain(&person.named_in)
                    .copied()
                    .collect();
                ids.sort_unstable();
                ids.truncate(limit);
                ids
            }
            FeedOf::Tag(id) => site.tags[id]
                .briefings
                .iter()
                .take(limit)
                .copied()
                .collect(),
        }
    }
}

/// One feed to write: where, what it is called, and its items.
struct Feed {
    /// Site path of the page the feed belongs to (`/people/x/`).
    page: String,
    title: String,
    description: String,
    items: Vec<BriefingId>,
}

impl Feed {
    fn of(site: &Site, of: FeedOf) -> Feed {
        let title = &site.config.title;
        let (title, description) = match of {
            FeedOf::Site => (title.clone(), site.config.description.clone()),
            FeedOf::Person(id) => {
                let name = &site.people[id].name;
                let description = format!("Briefings about and naming {name}");
                (format!("{name} — {title}"), description)
            }
            FeedOf::Tag(id) => {
                let name = &site.tags[id].name;
                (
                    format!("{name} — {title}"),
                    format!("Briefings tagged “{name}”"),
                )
            }
        };
        Feed {
            page: of.page(site),
            title,
            description,
            items: of.items(site),
        }
    }

    fn path(&self) -> String {
        feed_path(&self.page)
    }
}

/// Site paths of every feed.
pub fn feed_paths(site: &Site) -> Vec<String> {
    FeedOf::all(site).map(|f| f.path(site)).collect()
}

/// The feed of the page at `page` (a site path ending in `/`): `/tags/nato/rss.xml`.
pub fn feed_path(page: &str) -> String {
    format!("{page}rss.xml")
}

impl Renderer for FeedRenderer {
    fn name(&self) -> &'static str {
        "rss"
    }

    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), Diagnostics> {
        // A briefing may sit in several feeds (the site's, its people's, its tags'): such an
        // item is written once, on first use, and copied into the others. One in a single feed
        // is not kept: at 50,000 briefings, keeping every item would hold 250 MB.
        let feeds: Vec<Feed> = match scope {
            Scope::All => FeedOf::all(site).map(|f| Feed::of(site, f)).collect(),
            Scope::Only(targets) => targets.feeds.iter().map(|&f| Feed::of(site, f)).collect(),
        };
        let mut uses = vec![0u8; site.briefings.len()];
        for &id in feeds.iter().flat_map(|f| &f.items) {
            uses[id] = uses[id].saturating_add(1);
        }
        let items: Vec<OnceLock<String>> = site.briefings.iter().map(|_| OnceLock::new()).collect();
        let item = |id: BriefingId| match uses[id] {
            0 | 1 => Cow::Owned(write_item(site, id)),
            _ => Cow::Borrowed(items[id].get_or_init(|| write_item(site, id)).as_str()),
        };
        feeds.par_iter().for_each(|feed| {
            if sink.reuse(&output_path(&feed.path())) {
                return;
            }
            let xml = write_feed(site, feed, &item);
            let origin = format!("the feed {}", feed.path());
            sink.put(RenderedFile::new(
                output_path(&feed.path()),
                xml.into_bytes(),
                origin,
            ));
        });
        Ok(())
    }
}

fn write_feed<'a>(site: &Site, feed: &Feed, item: &dyn Fn(BriefingId) -> Cow<'a, str>) -> String {
    let base = &site.config.base_url;
    let items: Vec<Cow<str>> = feed.items.iter().map(|&id| item(id)).collect();
    let mut xml = String::with_capacity(1024 + items.iter().map(|i| i.len()).sum::<usize>());
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    element(&mut xml, "title", &feed.title);
    element(&mut xml, "link", &base.absolute(&feed.page));
    let description = if feed.description.is_empty() {
        &feed.title
    } else {
        &feed.description
    };
    element(&mut xml, "description", description);
    element(&mut xml, "language", &site.config.language);
    element(&mut xml, "generator", "brief");
    if let Some(&newest) = feed.items.first() {
        // The newest item's date, not the clock: two builds of one input stay identical.
        element(&mut xml, "lastBuildDate", &rfc822(site, newest));
    }
    let self_url = escape(&base.absolute(&feed.path()));
    let _ = writeln!(
        xml,
        "<atom:link href=\"{self_url}\" rel=\"self\" type=\"application/rss+xml\"/>"
    );
    items.iter().for_each(|item| xml.push_str(item));
    xml.push_str("</channel>\n</rss>\n");
    xml
}

fn write_item(site: &Site, id: BriefingId) -> String {
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

/// Feed readers show items away from the site, so root-relative and fragment links in the
/// body must become absolute. Both pulldown-cmark and the sanitiser write every attribute
/// double-quoted, `href="…"`, so plain text replacement finds them all.
fn absolute_links(html: &str, base: &crate::config::BaseUrl, page_url: &str) -> String {
    let origin = base.origin();
    html.replace("href=\"/", &format!("href=\"{origin}/"))
        .replace("src=\"/", &format!("src=\"{origin}/"))
        .replace("href=\"#", &format!("href=\"{page_url}#"))
}

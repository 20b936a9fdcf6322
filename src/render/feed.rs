//! Feeds: the site's, one per person and one per tag, in every [`FeedFormat`] (RSS 2.0, JSON
//! Feed 1.1). What a feed holds, where it is, when it is stale and how pages point at it is
//! decided here once; a format only writes the bytes. Written directly, not through the
//! theme, so that they are always valid with absolute URLs, whatever the theme does.

use std::borrow::Cow;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::view::AlternateView;
use super::{Change, Job, List, ListKind, RenderedFile, Renderer, Scope};
use crate::diagnostic::Diagnostics;
use crate::hash::HashSet;
use crate::model::{BriefingId, PersonId, Site, TermId, TermKind};
use crate::routes::{self, Page};

/// A feed format: how a feed and its items are written.
pub(crate) trait FeedFormat: Sync {
    /// The file's name in the folder of the page the feed belongs to: `rss.xml`.
    fn file(&self) -> &'static str;
    /// Its media type, for `<link rel="alternate" type=…>`.
    fn media_type(&self) -> &'static str;
    /// One briefing as an item (written once, copied into every feed that carries it).
    fn item(&self, site: &Site, id: BriefingId) -> String;
    /// The whole feed, whose items are written already.
    fn feed(&self, site: &Site, feed: &Feed, items: &[Cow<str>]) -> String;
}

/// Every feed of the site, in one format.
pub(crate) struct Feeds<F>(pub F);

/// Whose feed it is: the site's, a person's or a tag's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FeedOf {
    Site,
    Person(PersonId),
    Tag(TermId),
}

impl FeedOf {
    /// Every feed of the site.
    pub(crate) fn all(site: &Site) -> impl Iterator<Item = FeedOf> {
        let people = (0..site.people.len()).map(FeedOf::Person);
        let tags = (0..site.tags.len()).map(FeedOf::Tag);
        std::iter::once(FeedOf::Site).chain(people).chain(tags)
    }

    /// The feeds that carry briefing `id` among their items.
    pub(crate) fn carrying(site: &Site, id: BriefingId) -> Vec<FeedOf> {
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

    /// The feeds that `change` makes stale: those of the lists it changed (the site's only
    /// where its first `feed-limit` entries are reached), and those carrying a briefing that
    /// changed.
    pub(crate) fn stale(site: &Site, change: &Change) -> HashSet<FeedOf> {
        let limit = site.config.feed_limit;
        let mut feeds = HashSet::default();
        for (&list, reach) in &change.lists {
            let feed = match list {
                List::Site => {
                    let at = reach.moved_from.iter().chain(&reach.briefings);
                    at.min()
                        .is_some_and(|&at| at < limit)
                        .then_some(FeedOf::Site)
                }
                List::Person(id) => Some(FeedOf::Person(id)),
                List::Term(TermKind::Tag, id) => Some(FeedOf::Tag(id)),
                List::Term(TermKind::Nationality, _) => None,
            };
            feeds.extend(feed);
        }
        for &id in &change.briefings {
            feeds.extend(FeedOf::carrying(site, id));
        }
        feeds
    }

    /// The feed of the list that `page` shows, if it has one.
    fn of_page(page: Page) -> Option<FeedOf> {
        match page {
            Page::Person(id) => Some(FeedOf::Person(id)),
            Page::Term(TermKind::Tag, id, _) => Some(FeedOf::Tag(id)),
            _ => None,
        }
    }

    /// Site path of the page the feed belongs to (`/people/x/`).
    fn page(self, site: &Site) -> String {
        match self {
            FeedOf::Site => routes::home_page(1),
            FeedOf::Person(id) => site.people[id].url(),
            FeedOf::Tag(id) => site.tags[id].url(),
        }
    }

    /// Where the feed is, in the format whose file is `file`, as a site path.
    pub(crate) fn path(self, site: &Site, file: &str) -> String {
        routes::beside(&self.page(site), file)
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

    fn title(self, site: &Site) -> String {
        let title = &site.config.title;
        match self {
            FeedOf::Site => title.clone(),
            FeedOf::Person(id) => format!("{} — {title}", site.people[id].name),
            FeedOf::Tag(id) => format!("{} — {title}", site.tags[id].name),
        }
    }
}

/// One feed to write: where, what it is called, and its items.
pub(crate) struct Feed {
    /// Site path of the page the feed belongs to (`/people/x/`).
    pub page: String,
    /// Site path of the feed itself.
    pub path: String,
    pub title: String,
    pub description: String,
    pub items: Vec<BriefingId>,
}

impl Feed {
    fn of(site: &Site, of: FeedOf, file: &str) -> Feed {
        let description = match of {
            FeedOf::Site => site.config.description.clone(),
            FeedOf::Person(id) => format!("Briefings about and naming {}", site.people[id].name),
            FeedOf::Tag(id) => format!("Briefings tagged “{}”", site.tags[id].name),
        };
        Feed {
            page: of.page(site),
            path: of.path(site, file),
            title: of.title(site),
            description,
            items: of.items(site),
        }
    }
}

impl<F: FeedFormat> Renderer for Feeds<F> {
    fn paths(&self, site: &Site, paths: &mut Vec<String>) {
        paths.extend(FeedOf::all(site).map(|f| f.path(site, self.0.file())));
    }

    fn stale(&self, site: &Site, change: &Change, paths: &mut Vec<String>) {
        let stale = FeedOf::stale(site, change).into_iter();
        paths.extend(stale.map(|f| f.path(site, self.0.file())));
    }

    fn beside_lists(&self, kind: ListKind) -> Option<&'static str> {
        let has_feed = matches!(kind, ListKind::Person | ListKind::Term(TermKind::Tag));
        has_feed.then(|| self.0.file())
    }

    fn alternates(&self, site: &Site, page: Page, alternates: &mut Vec<AlternateView>) {
        let feeds = std::iter::once(FeedOf::Site).chain(FeedOf::of_page(page));
        alternates.extend(feeds.map(|feed| AlternateView {
            media_type: self.0.media_type(),
            title: feed.title(site),
            url: site.config.base_url.link(&feed.path(site, self.0.file())),
        }));
    }

    fn render(&self, job: &Job) -> Result<(), Diagnostics> {
        let (site, file) = (job.site, self.0.file());
        let feeds: Vec<Feed> = match job.scope {
            Scope::All => FeedOf::all(site).map(|f| Feed::of(site, f, file)).collect(),
            Scope::Only(change) => (FeedOf::stale(site, change).into_iter())
                .map(|f| Feed::of(site, f, file))
                .collect(),
        };
        // A briefing may sit in several feeds (the site's, its people's, its tags'): such an
        // item is written once, on first use, and copied into the others. One in a single feed
        // is not kept: at 50,000 briefings, keeping every item would hold 250 MB.
        let mut uses = vec![0u8; site.briefings.len()];
        for &id in feeds.iter().flat_map(|f| &f.items) {
            uses[id] = uses[id].saturating_add(1);
        }
        let kept: Vec<OnceLock<String>> = site.briefings.iter().map(|_| OnceLock::new()).collect();
        let item = |id: BriefingId| match uses[id] {
            0 | 1 => Cow::Owned(self.0.item(site, id)),
            _ => Cow::Borrowed(kept[id].get_or_init(|| self.0.item(site, id)).as_str()),
        };
        feeds.par_iter().for_each(|feed| {
            let path = routes::output_path(&feed.path);
            if job.sink.reuse(&path) {
                return;
            }
            let items: Vec<Cow<str>> = feed.items.iter().map(|&id| item(id)).collect();
            let text = self.0.feed(site, feed, &items);
            let origin = format!("the feed {}", feed.path);
            job.sink
                .put(RenderedFile::new(path, text.into_bytes(), origin));
        });
        Ok(())
    }
}

/// Feed readers show items away from the site, so root-relative and fragment links in the
/// body must become absolute. Both pulldown-cmark and the sanitiser write every attribute
/// double-quoted, `href="…"`, so plain text replacement finds them all.
pub(super) fn absolute_links(html: &str, base: &crate::config::BaseUrl, page_url: &str) -> String {
    let origin = base.origin();
    html.replace("href=\"/", &format!("href=\"{origin}/"))
        .replace("src=\"/", &format!("src=\"{origin}/"))
        .replace("href=\"#", &format!("href=\"{page_url}#"))
}

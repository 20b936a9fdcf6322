//! Site (+ theme) → every file of the site, handed to a [`Sink`] as each is made. Nothing here
//! touches the disk, so `build`, `serve` and `check` all render the same way.
//!
//! Each output format is a [`Renderer`]; adding one (a JSON search index, plain-text posts) means
//! adding one type to [`renderers`].

mod assets;
mod chart;
pub mod feed;
mod html;
mod json_ld;
pub mod pages;
pub mod post;
mod search;
mod sitemap;
pub mod stale;
pub mod view;
mod xml;

use crate::hash::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diagnostic::Diagnostics;
use crate::model::{BriefingId, Site};
pub use crate::output::RenderedFile;
use crate::output::Sink;
use crate::theme::Theme;
use feed::FeedOf;
pub use html::CARD_TEMPLATE;
use pages::Page;

/// An output format.
pub trait Renderer: Sync {
    fn name(&self) -> &'static str;
    /// Renders the files of this format in `scope` into `sink`, except those the sink can
    /// [reuse](Sink::reuse); template errors come back.
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), Diagnostics>;
}

/// Which files a render makes.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'t> {
    /// Every file of the site.
    All,
    /// Only these: the sink already holds every other (see `MemorySink::patching`).
    Only(&'t Targets),
}

/// Files of the site, named by what they are made from rather than by path, so that a render
/// of a few of them need not list the others.
#[derive(Debug, Default)]
pub struct Targets {
    pub pages: HashSet<Page>,
    pub feeds: HashSet<FeedOf>,
    /// The text posts of these briefings.
    pub posts: HashSet<BriefingId>,
    pub search_index: bool,
    /// Set by a patch (the briefings kept their places, slugs and dates): the ids of those
    /// replaced. Files made of every briefing (the search index, the sitemap) are then made
    /// from the last render's parts, with the replaced briefings' parts made again.
    pub patched: Option<Vec<BriefingId>>,
    pub sitemap: bool,
    /// Every file copied from `content/` as it is.
    pub assets: bool,
}

impl Targets {
    /// Their output paths (`people/x/index.html`).
    pub fn paths(&self, site: &Site) -> HashSet<String> {
        let pages = self.pages.iter().map(|p| p.url(site));
        let feeds = self.feeds.iter().map(|f| f.path(site));
        let posts = self
            .posts
            .iter()
            .map(|&b| post::post_path(&site.briefings[b]));
        let search = self.search_index.then(|| search::INDEX_PATH.to_owned());
        let mut paths: HashSet<String> = pages
            .chain(feeds)
            .chain(posts)
            .chain(search)
            .map(|url| pages::output_path(&url))
            .collect();
        if self.sitemap {
            paths.insert(sitemap::SITEMAP.to_owned());
        }
        if self.assets {
            paths.extend(site.assets.iter().map(|a| a.output.clone()));
        }
        paths
    }
}

/// What one render keeps for the next (in `serve`): each briefing's card, made from
/// `partials/card.html`, by briefing file. Whoever changes the site forgets what changed.
#[derive(Default)]
pub struct Memo {
    /// A one-off build has no next render: it keeps nothing.
    keep: bool,
    /// By the file's path as bytes (hashing a `Path` parses it).
    cards: Mutex<HashMap<OsString, tera::Value>>,
    /// The search index of the last render, in parts.
    search: Mutex<Option<search::Parts>>,
    /// The last sitemap's entries for the home pages and briefings.
    sitemap: Mutex<Option<Arc<str>>>,
}

impl Memo {
    /// A memo that keeps what a render makes, for the next one.
    pub fn keeping() -> Self {
        Memo {
            keep: true,
            ..Memo::default()
        }
    }

    /// Forgets the cards of these briefings.
    pub fn forget<'a>(&self, files: impl IntoIterator<Item = &'a Path>) {
        let mut cards = self.cards.lock().expect("memo lock");
        for file in files {
            cards.remove(file.as_os_str());
        }
    }

    /// Forgets everything (the theme, the configuration or a person changed, or a render
    /// failed).
    pub fn clear(&self) {
        self.cards.lock().expect("memo lock").clear();
        self.search.lock().expect("memo lock").take();
        self.sitemap.lock().expect("memo lock").take();
    }

    fn take_search_parts(&self) -> Option<search::Parts> {
        self.search.lock().expect("memo lock").take()
    }

    fn keep_search_parts(&self, parts: search::Parts) {
        if self.keep {
            *self.search.lock().expect("memo lock") = Some(parts);
        }
    }

    fn sitemap_part(&self) -> Option<Arc<str>> {
        self.sitemap.lock().expect("memo lock").clone()
    }

    fn keep_sitemap_part(&self, part: Arc<str>) {
        if self.keep {
            *self.sitemap.lock().expect("memo lock") = Some(part);
        }
    }

    fn card(&self, file: &Path) -> Option<tera::Value> {
        let cards = self.cards.lock().expect("memo lock");
        cards.get(file.as_os_str()).cloned()
    }

    fn keep_card(&self, file: &Path, card: &tera::Value) {
        if !self.keep {
            return;
        }
        let mut cards = self.cards.lock().expect("memo lock");
        cards.insert(file.as_os_str().to_owned(), card.clone());
    }
}

fn renderers<'a>(theme: &'a Theme, memo: &'a Memo) -> Vec<Box<dyn Renderer + 'a>> {
    vec![
        Box::new(html::HtmlRenderer { theme, memo }),
        Box::new(feed::FeedRenderer),
        Box::new(sitemap::SitemapRenderer { memo }),
        Box::new(post::PostRenderer),
        Box::new(search::SearchRenderer { memo }),
        Box::new(assets::AssetRenderer { theme }),
    ]
}

/// Runs every renderer, in parallel, over `scope`, into `sink`.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    scope: Scope,
    sink: &dyn Sink,
    memo: &Memo,
) -> Result<(), Diagnostics> {
    let results: Vec<_> = renderers(theme, memo)
        .par_iter()
        .map(|r| r.render(site, scope, sink))
        .collect();
    let problems: Diagnostics = results
        .into_iter()
        .filter_map(Result::err)
        .flatten()
        .collect();
    problems.into_result(())
}

/// The site paths of every file the renderers will write that a link may point to, without
/// rendering anything (for the link index, which the Markdown stage needs first).
pub fn linkable_paths(site: &Site, theme: &Theme) -> Vec<String> {
    let mut paths: Vec<String> = pages::Page::all(site)
        .into_iter()
        .map(|p| p.url(site))
        .collect();
    paths.extend(feed::feed_paths(site));
    paths.extend(["/sitemap.xml".to_owned(), "/robots.txt".to_owned()]);
    paths.push(search::INDEX_PATH.to_owned());
    paths.extend(site.briefings.iter().map(post::post_path));
    paths.extend(theme.static_files.iter().map(|s| format!("/{}", s.output)));
    paths
}

//! Site (+ theme) → every file of the site, handed to a [`Sink`] as each is made. Nothing here
//! touches the disk, so `build`, `serve` and `check` all render the same way.
//!
//! Each output format is a [`Renderer`] in a file of its own, which says which files it
//! writes, which of them a [`Change`] makes stale, and which it offers pages as alternates
//! (feeds); [`renderers`] is the one list of them. Adding a format is one file and one line
//! there: the link index, `serve`'s staleness and the pages' `<link rel="alternate">` follow.

mod assets;
mod change;
mod chart;
mod feed;
mod html;
mod json_feed;
mod json_ld;
mod memo;
mod pages;
mod post;
mod problem_page;
mod rss;
mod search;
mod sitemap;
mod view;
mod xml;

use rayon::prelude::*;

pub(crate) use change::{Change, List, ListKind, Reach};
pub(crate) use memo::Memo;

use crate::diagnostic::Diagnostics;
use crate::hash::HashSet;
use crate::model::Site;
pub(crate) use crate::output::RenderedFile;
use crate::output::Sink;
use crate::routes::{self, Page};
use crate::theme::Theme;
pub(crate) use html::CARD_TEMPLATE;
pub(crate) use post::post;
pub(crate) use problem_page::not_built;
use view::AlternateView;

/// An output format.
pub(crate) trait Renderer: Sync {
    /// The site paths of every file it writes that a link may point to, without rendering
    /// anything (for the link index, which the Markdown stage needs first).
    fn paths(&self, site: &Site, paths: &mut Vec<String>);
    /// The site paths of the files that `change` makes stale.
    fn stale(&self, site: &Site, change: &Change, paths: &mut Vec<String>);
    /// Other versions of `page` it writes (a feed of the list the page shows), for the page's
    /// `<link rel="alternate">`.
    fn alternates(&self, _site: &Site, _page: Page, _alternates: &mut Vec<AlternateView>) {}
    /// The name of the file it writes in the folder of the first page of every list of this
    /// kind (`rss.xml`), if it writes one.
    fn beside_lists(&self, _kind: ListKind) -> Option<&'static str> {
        None
    }
    /// Renders the files of this format in the job's scope into its sink, except those the
    /// sink can [reuse](Sink::reuse); template errors come back.
    fn render(&self, job: &Job) -> Result<(), Diagnostics>;
}

/// One render of a site: what every renderer is given.
pub(crate) struct Job<'j> {
    pub site: &'j Site,
    pub scope: Scope<'j>,
    pub sink: &'j dyn Sink,
    /// Every renderer, for the alternates of a page.
    renderers: &'j [Box<dyn Renderer + 'j>],
}

impl Job<'_> {
    /// The alternate versions of `page` that the renderers write.
    pub(crate) fn alternates(&self, page: Page) -> Vec<AlternateView> {
        let mut alternates = Vec::new();
        for renderer in self.renderers {
            renderer.alternates(self.site, page, &mut alternates);
        }
        alternates
    }
}

/// Which files a render makes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'t> {
    /// Every file of the site.
    All,
    /// Only those this change made stale: the sink already holds every other (see
    /// `MemorySink::patching`).
    Only(&'t Change),
}

/// Every output format, in the order pages list their alternates.
fn renderers<'a>(theme: &'a Theme, memo: &'a Memo) -> Vec<Box<dyn Renderer + 'a>> {
    vec![
        Box::new(html::HtmlRenderer { theme, memo }),
        Box::new(feed::Feeds(rss::Rss)),
        Box::new(feed::Feeds(json_feed::JsonFeed)),
        Box::new(sitemap::SitemapRenderer { memo }),
        Box::new(post::PostRenderer),
        Box::new(search::SearchRenderer { memo }),
        Box::new(assets::AssetRenderer { theme }),
        Box::new(problem_page::ProblemPages),
    ]
}

/// Runs every renderer, in parallel, over `scope`, into `sink`.
pub(crate) fn render_site(
    site: &Site,
    theme: &Theme,
    scope: Scope,
    sink: &dyn Sink,
    memo: &Memo,
) -> Result<(), Diagnostics> {
    let renderers = renderers(theme, memo);
    let job = Job {
        site,
        scope,
        sink,
        renderers: &renderers,
    };
    let results: Vec<_> = renderers.par_iter().map(|r| r.render(&job)).collect();
    let problems: Diagnostics = results
        .into_iter()
        .filter_map(Result::err)
        .flatten()
        .collect();
    problems.into_result(())
}

/// The site paths of every file the renderers will write that a link may point to, without
/// rendering anything (for the link index, which the Markdown stage needs first).
pub(crate) fn linkable_paths(site: &Site, theme: &Theme) -> Vec<String> {
    let mut paths = Vec::new();
    for renderer in renderers(theme, &Memo::default()) {
        renderer.paths(site, &mut paths);
    }
    paths
}

/// The names of the files the renderers write in the folder of the first page of every list
/// of this kind (its feeds), besides the page.
pub(crate) fn beside_lists(theme: &Theme, kind: ListKind) -> Vec<&'static str> {
    let memo = Memo::default();
    let renderers = renderers(theme, &memo);
    renderers
        .iter()
        .filter_map(|r| r.beside_lists(kind))
        .collect()
}

/// The output paths (`people/x/index.html`) of the files `change` made stale.
pub(crate) fn stale_paths(site: &Site, theme: &Theme, change: &Change) -> HashSet<String> {
    let mut paths = Vec::new();
    for renderer in renderers(theme, &Memo::default()) {
        renderer.stale(site, change, &mut paths);
    }
    paths.iter().map(|path| routes::output_path(path)).collect()
}

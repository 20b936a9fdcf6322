//! Site (+ theme) → every file of the site, handed to a [`Sink`] as each is made. Nothing here
//! touches the disk, so `build`, `serve` and `check` all render the same way.
//!
//! Each output format is a [`Renderer`]; adding one (a JSON search index, plain-text posts) means
//! adding one type to [`renderers`].

mod assets;
mod chart;
mod feed;
mod html;
mod json_ld;
pub mod pages;
pub mod post;
mod search;
mod sitemap;
pub mod view;
mod xml;

use rayon::prelude::*;

use crate::diagnostic::Diagnostics;
use crate::model::Site;
pub use crate::output::RenderedFile;
use crate::output::Sink;
use crate::theme::Theme;

/// An output format.
pub trait Renderer: Sync {
    fn name(&self) -> &'static str;
    /// Renders every file of this format into `sink`; template errors come back.
    fn render(&self, site: &Site, sink: &dyn Sink) -> Result<(), Diagnostics>;
}

fn renderers(theme: &Theme) -> Vec<Box<dyn Renderer + '_>> {
    vec![
        Box::new(html::HtmlRenderer { theme }),
        Box::new(feed::FeedRenderer),
        Box::new(sitemap::SitemapRenderer),
        Box::new(post::PostRenderer),
        Box::new(search::SearchRenderer),
        Box::new(assets::AssetRenderer { theme }),
    ]
}

/// Runs every renderer, in parallel, into `sink`.
pub fn render_site(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<(), Diagnostics> {
    let results: Vec<_> = renderers(theme)
        .par_iter()
        .map(|r| r.render(site, sink))
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

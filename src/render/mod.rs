//! Site (+ theme) → [`Output`]: every file of the site, in memory. Nothing here touches the disk
//! except to read assets being copied, so `build`, `serve` and `check` can all use it.
//!
//! Each output format is a [`Renderer`]; adding one (a JSON search index, plain-text posts) means
//! adding one type to [`renderers`].

mod assets;
mod feed;
mod html;
pub mod pages;
mod sitemap;
pub mod view;

use rayon::prelude::*;

use crate::diagnostic::Diagnostics;
use crate::model::Site;
use crate::output::{Content, Output};
use crate::theme::Theme;

/// One file produced by a renderer.
#[derive(Debug)]
pub struct RenderedFile {
    /// Relative to the output folder: `people/x/index.html`.
    pub path: String,
    pub content: Content,
    /// What it was made from, for the message when two files claim one path.
    pub origin: String,
}

impl RenderedFile {
    pub fn new(path: String, bytes: Vec<u8>, origin: String) -> Self {
        RenderedFile {
            path,
            content: Content::Bytes(bytes),
            origin,
        }
    }
}

/// An output format.
pub trait Renderer: Sync {
    fn name(&self) -> &'static str;
    fn render(&self, site: &Site) -> Result<Vec<RenderedFile>, Diagnostics>;
}

fn renderers(theme: &Theme) -> Vec<Box<dyn Renderer + '_>> {
    vec![
        Box::new(html::HtmlRenderer { theme }),
        Box::new(feed::FeedRenderer),
        Box::new(sitemap::SitemapRenderer),
        Box::new(assets::AssetRenderer { theme }),
    ]
}

/// Runs every renderer (in parallel) and gathers their files, refusing two files on one path.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Output, Diagnostics> {
    let results: Vec<_> = renderers(theme)
        .par_iter()
        .map(|r| r.render(site))
        .collect();
    let mut diagnostics = Diagnostics::new();
    let mut output = Output::default();
    for result in results {
        match result {
            Ok(files) => files.into_iter().for_each(|f| {
                if let Err(clash) = output.insert(f) {
                    diagnostics.push(clash);
                }
            }),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    diagnostics.into_result(output)
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
    paths.extend(theme.static_files.iter().map(|s| format!("/{}", s.output)));
    paths
}

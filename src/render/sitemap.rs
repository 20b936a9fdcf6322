//! `sitemap.xml` (every listed page, absolute URLs) and `robots.txt` pointing at it.

use std::fmt::Write;
use std::sync::Arc;

use super::pages::Page;
use super::xml::{escape, escape_into};
use super::{Change, Job, RenderedFile, Renderer, Scope};
use crate::diagnostic::Diagnostics;
use crate::model::Site;
use crate::routes::{ROBOTS, SITEMAP, output_path};

pub(super) struct SitemapRenderer<'m> {
    pub memo: &'m super::Memo,
}

impl Renderer for SitemapRenderer<'_> {
    fn paths(&self, _site: &Site, paths: &mut Vec<String>) {
        paths.extend([SITEMAP.to_owned(), ROBOTS.to_owned()]);
    }

    /// The sitemap lists pages and dates: a change of what lists of everything show. (The
    /// robots file names only the base URL, and a change of that renders everything.)
    fn stale(&self, _site: &Site, change: &Change, paths: &mut Vec<String>) {
        if change.everything {
            paths.push(SITEMAP.to_owned());
        }
    }

    fn render(&self, job: &Job) -> Result<(), Diagnostics> {
        let (site, sink) = (job.site, job.sink);
        let (sitemap_wanted, robots_wanted) = match job.scope {
            Scope::All => (true, true),
            Scope::Only(change) => (change.everything, false),
        };
        let sitemap_path = output_path(SITEMAP);
        if sitemap_wanted && !sink.reuse(&sitemap_path) {
            // A patch leaves the briefings where they were: their part is the last one.
            let kept = match job.scope {
                Scope::Only(change) if change.patched.is_some() => self.memo.sitemap_part(),
                _ => None,
            };
            let (xml, part) = sitemap(site, kept);
            self.memo.keep_sitemap_part(part);
            let file = RenderedFile::new(sitemap_path, xml.into_bytes(), "the sitemap".into());
            sink.put(file);
        }
        let robots_path = output_path(ROBOTS);
        if robots_wanted && !sink.reuse(&robots_path) {
            let robots = format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                site.config.base_url.absolute(SITEMAP)
            );
            let origin = robots_path.clone();
            sink.put(RenderedFile::new(robots_path, robots.into_bytes(), origin));
        }
        Ok(())
    }
}

/// The sitemap, and its part for the home pages and briefings (`kept`, if given, stands for
/// it), which a change that leaves the briefings where they were does not touch.
fn sitemap(site: &Site, kept: Option<Arc<str>>) -> (String, Arc<str>) {
    let pages: Vec<Page> = Page::all(site)
        .into_iter()
        .filter(|p| p.is_listed())
        .collect();
    let others = pages
        .iter()
        .position(|p| *p == Page::People)
        .unwrap_or(pages.len());
    // Escaped once: every URL starts with it (escaping goes character by character).
    let base = escape(&site.config.base_url.absolute("/"));
    let part = kept.unwrap_or_else(|| entries(site, &base, &pages[..others]).into());
    let mut xml = String::with_capacity(part.len() + (pages.len() - others) * 96 + 200);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    xml.push_str(&part);
    xml.push_str(&entries(site, &base, &pages[others..]));
    xml.push_str("</urlset>\n");
    (xml, part)
}

/// The `<url>` entries of `pages`, under `base` (escaped).
fn entries(site: &Site, base: &str, pages: &[Page]) -> String {
    let mut xml = String::with_capacity(pages.len() * 96);
    for &page in pages {
        xml.push_str("<url><loc>");
        xml.push_str(base);
        escape_into(&mut xml, page.url(site).trim_start_matches('/'));
        xml.push_str("</loc>");
        if let Page::Briefing(id) = page {
            let _ = write!(xml, "<lastmod>{}</lastmod>", site.briefings[id].date);
        }
        xml.push_str("</url>\n");
    }
    xml
}

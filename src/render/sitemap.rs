//! `sitemap.xml` (every listed page, absolute URLs) and `robots.txt` pointing at it.

use std::fmt::Write;
use std::sync::Arc;

use super::pages::Page;
use super::xml::{escape, escape_into};
use super::{RenderedFile, Renderer, Scope};
use crate::diagnostic::Diagnostics;
use crate::model::Site;
use crate::output::Sink;

pub struct SitemapRenderer<'m> {
    pub memo: &'m super::Memo,
}

impl Renderer for SitemapRenderer<'_> {
    fn name(&self) -> &'static str {
        "sitemap"
    }

    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), Diagnostics> {
        let (sitemap_wanted, robots_wanted) = match scope {
            Scope::All => (true, true),
            Scope::Only(targets) => (targets.sitemap, false),
        };
        if sitemap_wanted && !sink.reuse(SITEMAP) {
            // A patch leaves the briefings where they were: their part is the last one.
            let kept = match scope {
                Scope::Only(targets) if targets.patched.is_some() => self.memo.sitemap_part(),
                _ => None,
            };
            let (xml, part) = sitemap(site, kept);
            self.memo.keep_sitemap_part(part);
            sink.put(RenderedFile::new(
                SITEMAP.into(),
                xml.into_bytes(),
                "the sitemap".into(),
            ));
        }
        if robots_wanted && !sink.reuse(ROBOTS) {
            let robots = format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                site.config.base_url.absolute("/sitemap.xml")
            );
            sink.put(RenderedFile::new(
                ROBOTS.into(),
                robots.into_bytes(),
                ROBOTS.into(),
            ));
        }
        Ok(())
    }
}

pub const SITEMAP: &str = "sitemap.xml";
const ROBOTS: &str = "robots.txt";

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

//! `sitemap.xml` (every listed page, absolute URLs) and `robots.txt` pointing at it.

use std::fmt::Write;

use super::pages::Page;
use super::xml::{escape, escape_into};
use super::{RenderedFile, Renderer, Scope};
use crate::diagnostic::Diagnostics;
use crate::model::Site;
use crate::output::Sink;

pub struct SitemapRenderer;

impl Renderer for SitemapRenderer {
    fn name(&self) -> &'static str {
        "sitemap"
    }

    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), Diagnostics> {
        let (sitemap_wanted, robots_wanted) = match scope {
            Scope::All => (true, true),
            Scope::Only(targets) => (targets.sitemap, false),
        };
        if sitemap_wanted && !sink.reuse(SITEMAP) {
            sink.put(RenderedFile::new(
                SITEMAP.into(),
                sitemap(site).into_bytes(),
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

fn sitemap(site: &Site) -> String {
    let pages: Vec<Page> = Page::all(site)
        .into_iter()
        .filter(|p| p.is_listed())
        .collect();
    let mut xml = String::with_capacity(pages.len() * 96);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    // Escaped once: every URL starts with it (escaping goes character by character).
    let base = escape(&site.config.base_url.absolute("/"));
    for page in pages {
        xml.push_str("<url><loc>");
        xml.push_str(&base);
        escape_into(&mut xml, page.url(site).trim_start_matches('/'));
        xml.push_str("</loc>");
        if let Page::Briefing(id) = page {
            let _ = write!(xml, "<lastmod>{}</lastmod>", site.briefings[id].date);
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

//! `sitemap.xml` (every listed page, absolute URLs) and `robots.txt` pointing at it.

use std::fmt::Write;

use super::pages::Page;
use super::xml::escape;
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
    let base = &site.config.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in Page::all(site).into_iter().filter(|p| p.is_listed()) {
        let _ = write!(
            xml,
            "<url><loc>{}</loc>",
            escape(&base.absolute(&page.url(site)))
        );
        if let Page::Briefing(id) = page {
            let _ = write!(xml, "<lastmod>{}</lastmod>", site.briefings[id].date);
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

//! `sitemap.xml` (every listed page, absolute URLs) and `robots.txt` pointing at it.

use std::fmt::Write;

use super::pages::Page;
use super::xml::escape;
use super::{RenderedFile, Renderer};
use crate::diagnostic::Diagnostics;
use crate::model::Site;
use crate::output::Sink;

pub struct SitemapRenderer;

impl Renderer for SitemapRenderer {
    fn name(&self) -> &'static str {
        "sitemap"
    }

    fn render(&self, site: &Site, sink: &dyn Sink) -> Result<(), Diagnostics> {
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
        let robots = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            base.absolute("/sitemap.xml")
        );
        sink.put(RenderedFile::new(
            "sitemap.xml".into(),
            xml.into_bytes(),
            "the sitemap".into(),
        ));
        sink.put(RenderedFile::new(
            "robots.txt".into(),
            robots.into_bytes(),
            "robots.txt".into(),
        ));
        Ok(())
    }
}

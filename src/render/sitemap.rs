//! `sitemap.xml` (every listed page, absolute URLs) and `robots.txt` pointing at it. Past what
//! one sitemap may hold ([`LIMITS`]), `sitemap.xml` is an index of parts beside it
//! (`sitemap-1.xml`…), each within the limits; `robots.txt` still names `sitemap.xml`.

use std::fmt::Write;
use std::sync::Arc;

use super::pages::Page;
use super::xml::{escape, escape_into};
use super::{Change, Job, RenderedFile, Renderer, Scope};
use crate::diagnostic::Diagnostics;
use crate::model::Site;
use crate::output::Sink;
use crate::routes::{ROBOTS, SITEMAP, is_sitemap_part, output_path, sitemap_part};

/// What one sitemap file may hold: URLs, and bytes uncompressed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub urls: usize,
    pub bytes: usize,
}

/// The sitemaps.org limits: 50,000 URLs and 50 MiB (52,428,800 bytes) a file.
pub(crate) const LIMITS: Limits = Limits {
    urls: 50_000,
    bytes: 50 * 1024 * 1024,
};

const URLSET_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";
const INDEX_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const INDEX_CLOSE: &str = "</sitemapindex>\n";

pub(super) struct SitemapRenderer<'m> {
    pub memo: &'m super::Memo,
}

impl Renderer for SitemapRenderer<'_> {
    /// The parts are left out: only the index names them, and no page links to one.
    fn paths(&self, _site: &Site, paths: &mut Vec<String>) {
        paths.extend([SITEMAP.to_owned(), ROBOTS.to_owned()]);
    }

    /// The sitemap lists pages and dates: a change of what lists of everything show. (The
    /// robots file names only the base URL, and a change of that renders everything.) The
    /// parts go with the index: the renderer reuses them only when it reuses the index, and
    /// otherwise makes them all again, so naming the index is enough.
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
        if sitemap_wanted && !reused(sink) {
            // A patch leaves the briefings where they were: their part is the last one.
            let kept = match job.scope {
                Scope::Only(change) if change.patched.is_some() => self.memo.sitemap_part(),
                _ => None,
            };
            // Escaped once: every URL starts with it (escaping goes character by character).
            let base = escape(&site.config.base_url.absolute("/"));
            let (entries, part) = sitemap_entries(site, &base, kept);
            self.memo.keep_sitemap_part(part);
            // The number of parts may have changed: none of the last ones is kept by itself.
            sink.replace_all(is_sitemap_part);
            for (path, xml) in sitemap_files(&entries, &base, LIMITS) {
                let file =
                    RenderedFile::new(output_path(&path), xml.into_bytes(), "the sitemap".into());
                sink.put(file);
            }
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

/// Carries the last sitemap over, if the sink may: the index, then its parts (numbered from 1
/// without gaps, so the first the last render lacks ends them).
fn reused(sink: &dyn Sink) -> bool {
    if !sink.reuse(&output_path(SITEMAP)) {
        return false;
    }
    (1..)
        .take_while(|&n| sink.reuse(&output_path(&sitemap_part(n))))
        .for_each(drop);
    true
}

/// The sitemap's `<url>` entries, one a line, and their part for the home pages and briefings
/// (`kept`, if given, stands for it), which a change that leaves the briefings where they
/// were does not touch.
fn sitemap_entries(site: &Site, base: &str, kept: Option<Arc<str>>) -> (String, Arc<str>) {
    let pages: Vec<Page> = Page::all(site)
        .into_iter()
        .filter(|p| p.is_listed())
        .collect();
    let others = pages
        .iter()
        .position(|p| *p == Page::People)
        .unwrap_or(pages.len());
    let part = kept.unwrap_or_else(|| entries(site, base, &pages[..others]).into());
    let mut xml = String::with_capacity(part.len() + (pages.len() - others) * 96);
    xml.push_str(&part);
    xml.push_str(&entries(site, base, &pages[others..]));
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

/// The sitemap's files as (site path, text), for `entries` (`<url>` entries, one a line)
/// under `base` (the site's absolute URL, escaped): one `<urlset>` at [`SITEMAP`] while that
/// is within `limits`; otherwise parts filled in order as far as `limits` allow, and at
/// [`SITEMAP`] the `<sitemapindex>` naming them, each with its newest `<lastmod>`.
pub(crate) fn sitemap_files(entries: &str, base: &str, limits: Limits) -> Vec<(String, String)> {
    let urls = entries.split_inclusive('\n').count();
    if fits(urls, entries.len(), limits) {
        return vec![(SITEMAP.to_owned(), urlset(entries))];
    }
    let parts = split(entries, limits);
    let mut index = String::with_capacity(INDEX_OPEN.len() + parts.len() * 128);
    index.push_str(INDEX_OPEN);
    let mut files = vec![(SITEMAP.to_owned(), String::new())];
    for (n, part) in (1..).zip(parts) {
        let path = sitemap_part(n);
        index.push_str("<sitemap><loc>");
        index.push_str(base);
        escape_into(&mut index, path.trim_start_matches('/'));
        index.push_str("</loc>");
        if let Some(date) = newest(part) {
            let _ = write!(index, "<lastmod>{date}</lastmod>");
        }
        index.push_str("</sitemap>\n");
        files.push((path, urlset(part)));
    }
    index.push_str(INDEX_CLOSE);
    files[0].1 = index;
    files
}

/// Whether a `<urlset>` of `urls` entries taking `bytes` is within `limits`.
fn fits(urls: usize, bytes: usize, limits: Limits) -> bool {
    urls <= limits.urls && URLSET_OPEN.len() + bytes + URLSET_CLOSE.len() <= limits.bytes
}

/// `entries` cut between lines into runs that each fit one file (an entry too large alone
/// still gets a part of its own: there is nowhere else to put it).
fn split(entries: &str, limits: Limits) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut end, mut urls) = (0, 0, 0);
    for line in entries.split_inclusive('\n') {
        if urls > 0 && !fits(urls + 1, end - start + line.len(), limits) {
            parts.push(&entries[start..end]);
            (start, urls) = (end, 0);
        }
        end += line.len();
        urls += 1;
    }
    if urls > 0 {
        parts.push(&entries[start..end]);
    }
    parts
}

fn urlset(entries: &str) -> String {
    [URLSET_OPEN, entries, URLSET_CLOSE].concat()
}

/// The newest `<lastmod>` of `entries`: dates are `YYYY-MM-DD`, so the greatest as text.
fn newest(entries: &str) -> Option<&str> {
    let dates = entries.split_inclusive('\n').filter_map(|line| {
        let (_, after) = line.split_once("<lastmod>")?;
        Some(after.split_once("</lastmod>")?.0)
    });
    dates.max()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://x.org/";

    fn entries(n: usize) -> String {
        let mut xml = String::new();
        for i in 1..=n {
            let _ = writeln!(
                xml,
                "<url><loc>https://x.org/b/{i}/</loc><lastmod>2022-01-0{i}</lastmod></url>"
            );
        }
        xml.push_str("<url><loc>https://x.org/people/</loc></url>\n");
        xml
    }

    #[test]
    fn within_the_limits_one_urlset_as_before() {
        let files = sitemap_files(&entries(2), BASE, LIMITS);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "/sitemap.xml");
        assert_eq!(files[0].1, urlset(&entries(2)));
        let limits = Limits {
            urls: 3,
            bytes: files[0].1.len(),
        };
        assert_eq!(sitemap_files(&entries(2), BASE, limits).len(), 1);
    }

    #[test]
    fn past_the_url_limit_an_index_of_parts() {
        let limits = Limits {
            urls: 2,
            bytes: LIMITS.bytes,
        };
        let files = sitemap_files(&entries(4), BASE, limits);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/sitemap.xml",
                "/sitemap-1.xml",
                "/sitemap-2.xml",
                "/sitemap-3.xml"
            ]
        );
        assert_eq!(
            files[0].1,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
             <sitemap><loc>https://x.org/sitemap-1.xml</loc><lastmod>2022-01-02</lastmod></sitemap>\n\
             <sitemap><loc>https://x.org/sitemap-2.xml</loc><lastmod>2022-01-04</lastmod></sitemap>\n\
             <sitemap><loc>https://x.org/sitemap-3.xml</loc></sitemap>\n\
             </sitemapindex>\n"
        );
        let all = entries(4);
        let lines: Vec<&str> = all.split_inclusive('\n').collect();
        assert_eq!(files[2].1, urlset(&lines[2..4].concat()));
        assert_eq!(files[3].1, urlset(lines[4]));
    }

    #[test]
    fn past_the_byte_limit_parts_count_bytes_exactly() {
        let all = entries(4);
        let line = all.lines().next().unwrap().len() + 1;
        // Room for exactly two entries of the first kind a file.
        let bytes = URLSET_OPEN.len() + 2 * line + URLSET_CLOSE.len();
        let files = sitemap_files(&all, BASE, Limits { urls: 10, bytes });
        assert_eq!(files.len(), 4);
        for (path, xml) in &files[1..] {
            assert!(xml.len() <= bytes, "{path} has {} bytes", xml.len());
        }
        assert_eq!(files[1].1.len(), bytes);
        let one_less = Limits {
            urls: 10,
            bytes: bytes - 1,
        };
        // One entry a part now; the short last one still fits beside the fourth.
        assert_eq!(sitemap_files(&all, BASE, one_less).len(), 1 + 4);
    }
}

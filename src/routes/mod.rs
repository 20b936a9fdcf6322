//! Every site path of the site, decided here and nowhere else: where a briefing, a person, a
//! tag or nationality (and its page n), the indexes, the search page and its index, the
//! sitemap and the files beside a page (its post, its feeds) live, and which output file
//! serves each path. The model, links, renderers and `serve` ask this module; none of them
//! formats a path of its own.
//!
//! A site path starts with `/` and is relative to the base URL's path (`/people/x/`): the
//! base path is added by [`BaseUrl::link`](crate::config::BaseUrl::link) when a page is
//! written. A path ending in `/` is a folder, served by its `index.html`.

mod page;

pub(crate) use page::{Listing, Page};
pub(crate) use page::{
    home_page_briefings, home_page_count, home_page_of, page_count, person_page_briefings,
    person_page_count, term_page_briefings, term_page_count, term_page_of,
};

use std::path::PathBuf;

use crate::diagnostic::codes::E0020;
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::hash::HashMap;
use crate::model::{Briefing, Person, Term, TermKind};

/// The folder of briefing pages.
const BRIEFINGS: &str = "briefings";
/// The folder of people's pages.
const PEOPLE: &str = "people";

/// The page of the briefing with this slug: `/briefings/<slug>/`.
pub(crate) fn briefing(slug: &str) -> String {
    format!("/{BRIEFINGS}/{slug}/")
}

/// The page of the person with this slug: `/people/<slug>/`.
pub(crate) fn person(slug: &str) -> String {
    format!("/{PEOPLE}/{slug}/")
}

/// Page `n` (1-based) of one of a person's lists: the person's page, then
/// `/people/<slug>/about/page/2/`, `/people/<slug>/named/page/2/`.
pub(crate) fn person_page(slug: &str, listing: Listing, n: usize) -> String {
    match n {
        1 => person(slug),
        n => format!("/{PEOPLE}/{slug}/{}/page/{n}/", listing.segment()),
    }
}

/// The first page of a tag or nationality: `/tags/<slug>/`.
pub(crate) fn term(kind: TermKind, slug: &str) -> String {
    format!("/{}/{slug}/", term_folder(kind))
}

/// Page `n` (1-based) of a tag or nationality: `/tags/nato/`, `/tags/nato/page/2/`.
pub(crate) fn term_page(kind: TermKind, slug: &str, n: usize) -> String {
    match n {
        1 => term(kind, slug),
        n => format!("{}page/{n}/", term(kind, slug)),
    }
}

/// Page `n` (1-based) of the home page: `/`, `/page/2/`.
pub(crate) fn home_page(n: usize) -> String {
    match n {
        1 => "/".to_owned(),
        n => format!("/page/{n}/"),
    }
}

/// The index of everyone: `/people/`.
pub(crate) fn people_index() -> String {
    format!("/{PEOPLE}/")
}

/// The index of every tag or nationality: `/tags/`.
pub(crate) fn term_index(kind: TermKind) -> String {
    format!("/{}/", term_folder(kind))
}

/// The folder of a kind of term's pages.
fn term_folder(kind: TermKind) -> &'static str {
    match kind {
        TermKind::Tag => "tags",
        TermKind::Nationality => "nationalities",
    }
}

/// The search page.
pub(crate) const SEARCH: &str = "/search/";
/// The search page's index of briefings.
pub(crate) const SEARCH_INDEX: &str = "/search/index.json";
/// The "Propose a briefing" form.
pub(crate) const PROPOSE: &str = "/propose/";
/// The page a static host answers with for a path it does not have.
pub(crate) const NOT_FOUND: &str = "/404.html";
/// The sitemap: a `<urlset>`, or past a sitemap's limits the `<sitemapindex>` of its parts.
pub(crate) const SITEMAP: &str = "/sitemap.xml";

/// Part `n` (1-based) of a sitemap too large for one file: `/sitemap-1.xml`. At the top, as
/// the index is: a sitemap may list only URLs under its own folder.
pub(crate) fn sitemap_part(n: usize) -> String {
    format!("/sitemap-{n}.xml")
}

/// Whether an output path is a part of the sitemap (`sitemap-1.xml`).
pub(crate) fn is_sitemap_part(output: &str) -> bool {
    let number = output
        .strip_prefix("sitemap-")
        .and_then(|n| n.strip_suffix(".xml"));
    number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
pub(crate) const ROBOTS: &str = "/robots.txt";

/// A file in the folder of the page at `page` (a site path ending in `/`): the briefing's
/// `post.txt`, a list's `rss.xml`.
pub(crate) fn beside(page: &str, file: &str) -> String {
    debug_assert!(page.ends_with('/'), "{page} is not a folder");
    format!("{page}{file}")
}

/// The site path of a file copied to `output` (an output path, `images/map.png`).
pub(crate) fn copied(output: &str) -> String {
    format!("/{output}")
}

/// Two briefings whose file names slug alike would overwrite one page: one error naming both.
pub(crate) fn clashing_briefings(briefings: &[Briefing]) -> Diagnostics {
    let mut seen: HashMap<&str, &PathBuf> = HashMap::default();
    let mut clashes = Diagnostics::new();
    for briefing in briefings {
        if let Some(first) = seen.insert(&briefing.slug, &briefing.path) {
            let message = format!(
                "this briefing and `{}` would both be written to {}",
                display_path(first),
                briefing.url()
            );
            let error = Diagnostic::error(E0020, &briefing.path, message);
            clashes.push(error.with_help("rename one of the two files"));
        }
    }
    clashes
}

impl Briefing {
    /// The briefing's page.
    pub(crate) fn url(&self) -> String {
        briefing(&self.slug)
    }
}

impl Person {
    /// The person's page.
    pub(crate) fn url(&self) -> String {
        person(&self.slug)
    }
}

impl Term {
    /// The first page of the tag or nationality.
    pub(crate) fn url(&self) -> String {
        term(self.kind, &self.slug)
    }
}

/// Where a file copied from `content/` goes in the output (an output path): the same path
/// under the output folder, `images/map.png`, with `/` between folders on every system.
pub(crate) fn copied_output(in_content: &std::path::Path) -> String {
    let parts = in_content
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    parts.collect::<Vec<_>>().join("/")
}

/// The top folders that hold only the pages and feeds of people and terms.
pub(crate) const PERSON_AND_TERM_FOLDERS: [&str; 3] = ["people/", "tags/", "nationalities/"];

/// Where a site path is written: `/people/x/` → `people/x/index.html`.
pub(crate) fn output_path(site_path: &str) -> String {
    let path = site_path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_folders_served_by_their_index() {
        assert_eq!(
            briefing("2022-01-14-lavrov"),
            "/briefings/2022-01-14-lavrov/"
        );
        assert_eq!(term_page(TermKind::Tag, "nato", 2), "/tags/nato/page/2/");
        assert_eq!(person_page("x", Listing::About, 1), "/people/x/");
        assert_eq!(
            person_page("x", Listing::About, 2),
            "/people/x/about/page/2/"
        );
        assert_eq!(
            person_page("x", Listing::Named, 3),
            "/people/x/named/page/3/"
        );
        assert_eq!(
            term_page(TermKind::Nationality, "russian", 1),
            "/nationalities/russian/"
        );
        assert_eq!(beside(&person("x"), "rss.xml"), "/people/x/rss.xml");
        assert_eq!(output_path(&home_page(1)), "index.html");
        assert_eq!(output_path(&home_page(3)), "page/3/index.html");
        assert_eq!(output_path(SEARCH_INDEX), "search/index.json");
        assert_eq!(output_path(NOT_FOUND), "404.html");
        assert_eq!(output_path(&sitemap_part(2)), "sitemap-2.xml");
        assert!(is_sitemap_part(&output_path(&sitemap_part(12))));
        for other in [
            "sitemap.xml",
            "sitemap-.xml",
            "sitemap-1a.xml",
            "x/sitemap-1.xml",
        ] {
            assert!(!is_sitemap_part(other), "{other}");
        }
    }

    #[test]
    fn person_and_term_folders_are_the_ones_their_pages_use() {
        let pages = [
            person("x"),
            term(TermKind::Tag, "x"),
            term(TermKind::Nationality, "x"),
        ];
        for (page, folder) in pages.iter().zip(PERSON_AND_TERM_FOLDERS) {
            assert!(output_path(page).starts_with(folder), "{page}");
        }
    }
}

//! The site's HTML pages and their URLs, listed once: the HTML renderer, the sitemap and the
//! link index all take the page set from here, so they cannot disagree.

use crate::model::{BriefingId, PersonId, Site, TermId, TermKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// 1-based page number of the paginated home.
    Home(usize),
    Briefing(BriefingId),
    People,
    Person(PersonId),
    Terms(TermKind),
    Term(TermKind, TermId),
    NotFound,
}

impl Page {
    /// Every page of the site, in a stable order.
    pub fn all(site: &Site) -> Vec<Page> {
        let home_pages = home_page_count(site);
        let mut pages: Vec<Page> = (1..=home_pages).map(Page::Home).collect();
        pages.extend((0..site.briefings.len()).map(Page::Briefing));
        pages.push(Page::People);
        pages.extend((0..site.people.len()).map(Page::Person));
        for kind in [TermKind::Tag, TermKind::Nationality] {
            pages.push(Page::Terms(kind));
            pages.extend((0..site.terms(kind).len()).map(|id| Page::Term(kind, id)));
        }
        pages.push(Page::NotFound);
        pages
    }

    /// The site path (`/people/sergey-lavrov/`), before the base path is added.
    pub fn url(self, site: &Site) -> String {
        match self {
            Page::Home(1) => "/".to_owned(),
            Page::Home(n) => format!("/page/{n}/"),
            Page::Briefing(id) => site.briefings[id].url(),
            Page::People => "/people/".to_owned(),
            Page::Person(id) => site.people[id].url(),
            Page::Terms(kind) => format!("/{}/", kind.segment()),
            Page::Term(kind, id) => site.terms(kind)[id].url(),
            Page::NotFound => "/404.html".to_owned(),
        }
    }

    /// The template that renders this page.
    pub fn template(self) -> &'static str {
        match self {
            Page::Home(_) => "index.html",
            Page::Briefing(_) => "briefing.html",
            Page::People => "people.html",
            Page::Person(_) => "person.html",
            Page::Terms(_) => "terms.html",
            Page::Term(..) => "term.html",
            Page::NotFound => "404.html",
        }
    }

    /// Whether the page belongs in the sitemap.
    pub fn is_listed(self) -> bool {
        self != Page::NotFound
    }
}

pub fn home_page_count(site: &Site) -> usize {
    site.briefings.len().div_ceil(site.config.per_page).max(1)
}

/// Where a site path is written: `/people/x/` → `people/x/index.html`.
pub fn output_path(site_path: &str) -> String {
    let path = site_path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

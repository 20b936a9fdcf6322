//! The site's HTML pages and their URLs, listed once: the HTML renderer, the sitemap and the
//! link index all take the page set from here, so they cannot disagree.

use std::collections::BTreeSet;

use crate::model::{BriefingId, PersonId, Site, Term, TermId, TermKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// 1-based page number of the paginated home.
    Home(usize),
    Briefing(BriefingId),
    People,
    Person(PersonId),
    Terms(TermKind),
    /// Page n (1-based) of a tag or nationality's briefings.
    Term(TermKind, TermId, usize),
    /// The search box, with its index (`search/index.json`).
    Search,
    /// The "Propose a briefing" form, when the site has a `repo-url`.
    Propose,
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
            for (id, term) in site.terms(kind).iter().enumerate() {
                let count = term_page_count(site, term);
                pages.extend((1..=count).map(|n| Page::Term(kind, id, n)));
            }
        }
        pages.push(Page::Search);
        if site.config.repo_url.is_some() {
            pages.push(Page::Propose);
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
            Page::Term(kind, id, n) => term_page_url(&site.terms(kind)[id], n),
            Page::Search => super::search::SEARCH_PAGE.to_owned(),
            Page::Propose => "/propose/".to_owned(),
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
            Page::Search => "search.html",
            Page::Propose => "propose.html",
            Page::NotFound => "404.html",
        }
    }

    /// What the page is called (in `<title>`, before the site's name).
    pub fn title(self, site: &Site) -> String {
        match self {
            Page::Home(1) => site.config.title.clone(),
            Page::Home(n) => format!("Page {n}"),
            Page::Briefing(id) => {
                let briefing = &site.briefings[id];
                format!("{}: {}", site.people[briefing.subject].name, briefing.title)
            }
            Page::People => "People".to_owned(),
            Page::Person(id) => site.people[id].name.clone(),
            Page::Terms(kind) => kind.label().to_owned(),
            Page::Term(kind, id, n) => {
                let name = &site.terms(kind)[id].name;
                let title = match kind {
                    TermKind::Tag => format!("Tagged “{name}”"),
                    TermKind::Nationality => name.clone(),
                };
                match n {
                    1 => title,
                    n => format!("{title}, page {n}"),
                }
            }
            Page::Search => "Search".to_owned(),
            Page::Propose => "Propose a briefing".to_owned(),
            Page::NotFound => "Page not found".to_owned(),
        }
    }

    /// Whether the page lists briefings by their cards.
    pub fn lists_cards(self) -> bool {
        matches!(self, Page::Home(_) | Page::Person(_) | Page::Term(..))
    }

    /// The pages whose template is one of `templates` and, if `cards` (the card template
    /// changed), every page that lists cards.
    pub fn using(site: &Site, templates: &BTreeSet<String>, cards: bool) -> Vec<Page> {
        let uses = |page: &Page| templates.contains(page.template()) || cards && page.lists_cards();
        Page::all(site).into_iter().filter(uses).collect()
    }

    /// Whether the page belongs in the sitemap.
    pub fn is_listed(self) -> bool {
        self != Page::NotFound
    }
}

/// The briefings on page `n` (1-based) of the home page.
pub fn home_page_briefings(site: &Site, n: usize) -> Vec<BriefingId> {
    let per_page = site.config.per_page;
    (0..site.briefings.len())
        .skip((n - 1) * per_page)
        .take(per_page)
        .collect()
}

pub fn home_page_count(site: &Site) -> usize {
    site.briefings.len().div_ceil(site.config.per_page).max(1)
}

/// How many pages list a tag's or nationality's briefings (`per-term-page` each: the busiest
/// terms of a large site would otherwise have pages of megabytes).
pub fn term_page_count(site: &Site, term: &Term) -> usize {
    term.briefings
        .len()
        .div_ceil(site.config.per_term_page)
        .max(1)
}

/// The briefings on page `n` (1-based) of `term`.
pub fn term_page_briefings<'t>(site: &Site, term: &'t Term, n: usize) -> &'t [BriefingId] {
    let chunk = term.briefings.chunks(site.config.per_term_page).nth(n - 1);
    chunk.unwrap_or_default()
}

/// The site path of page `n` of `term`: `/tags/nato/`, `/tags/nato/page/2/`.
pub fn term_page_url(term: &Term, n: usize) -> String {
    match n {
        1 => term.url(),
        n => format!("{}page/{n}/", term.url()),
    }
}

/// The page of `term` that lists briefing `id`, if it does.
pub fn term_page_of(site: &Site, term: &Term, id: BriefingId) -> Option<usize> {
    let at = term.briefings.binary_search(&id).ok()?;
    Some(at / site.config.per_term_page + 1)
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

//! The site's HTML pages, listed once: the HTML renderer, the sitemap and the link index all
//! take the page set from here, so they cannot disagree. Also how the lists are cut into pages.

use crate::model::{BriefingId, Person, PersonId, Site, Term, TermId, TermKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Page {
    /// 1-based page number of the paginated home.
    Home(usize),
    Briefing(BriefingId),
    People,
    /// A person's page: the profile, the chart and the first page of each of their lists.
    Person(PersonId),
    /// Page n (2 and up) of the briefings about a person, or of those that name them.
    PersonList(PersonId, Listing, usize),
    Terms(TermKind),
    /// Page n (1-based) of a tag or nationality's briefings.
    Term(TermKind, TermId, usize),
    /// The search box, with its index (`search/index.json`).
    Search,
    /// The "Propose a briefing" form, when the site has a `repo-url`.
    Propose,
    NotFound,
}

/// A person's two lists of briefings, each paginated on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Listing {
    /// The briefings whose subject they are.
    About,
    /// The briefings that name them in `who-else-cares`.
    Named,
}

impl Listing {
    pub(crate) const BOTH: [Listing; 2] = [Listing::About, Listing::Named];

    pub(crate) fn segment(self) -> &'static str {
        match self {
            Listing::About => "about",
            Listing::Named => "named",
        }
    }

    pub(crate) fn of(self, person: &Person) -> &[BriefingId] {
        match self {
            Listing::About => &person.about,
            Listing::Named => &person.named_in,
        }
    }
}

impl Page {
    /// Every page of the site, in a stable order.
    pub(crate) fn all(site: &Site) -> Vec<Page> {
        let home_pages = home_page_count(site);
        let mut pages: Vec<Page> = (1..=home_pages).map(Page::Home).collect();
        pages.extend((0..site.briefings.len()).map(Page::Briefing));
        pages.push(Page::People);
        for (id, person) in site.people.iter().enumerate() {
            pages.extend(Page::person_pages(site, id, person));
        }
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

    /// A person's page and the further pages of their lists.
    pub(crate) fn person_pages(site: &Site, id: PersonId, person: &Person) -> Vec<Page> {
        let mut pages = vec![Page::Person(id)];
        for listing in Listing::BOTH {
            let count = person_page_count(site, person, listing);
            pages.extend((2..=count).map(|n| Page::PersonList(id, listing, n)));
        }
        pages
    }

    /// The site path (`/people/sergey-lavrov/`), before the base path is added.
    pub(crate) fn url(self, site: &Site) -> String {
        match self {
            Page::Home(n) => super::home_page(n),
            Page::Briefing(id) => site.briefings[id].url(),
            Page::People => super::people_index(),
            Page::Person(id) => site.people[id].url(),
            Page::PersonList(id, listing, n) => {
                super::person_page(&site.people[id].slug, listing, n)
            }
            Page::Terms(kind) => super::term_index(kind),
            Page::Term(kind, id, n) => super::term_page(kind, &site.terms(kind)[id].slug, n),
            Page::Search => super::SEARCH.to_owned(),
            Page::Propose => super::PROPOSE.to_owned(),
            Page::NotFound => super::NOT_FOUND.to_owned(),
        }
    }
}

/// The briefings on page `n` (1-based) of the home page.
pub(crate) fn home_page_briefings(site: &Site, n: usize) -> Vec<BriefingId> {
    let per_page = site.config.per_page;
    (0..site.briefings.len())
        .skip((n - 1) * per_page)
        .take(per_page)
        .collect()
}

pub(crate) fn home_page_count(site: &Site) -> usize {
    page_count(site.briefings.len(), site.config.per_page)
}

/// How many pages a list of `len` briefings takes, `per_page` to a page (an empty list still
/// has its first page).
pub(crate) fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page).max(1)
}

/// The home page that lists briefing `id`.
pub(crate) fn home_page_of(site: &Site, id: BriefingId) -> usize {
    id / site.config.per_page + 1
}

/// How many pages list a tag's or nationality's briefings (`per-term-page` each: the busiest
/// terms of a large site would otherwise have pages of megabytes).
pub(crate) fn term_page_count(site: &Site, term: &Term) -> usize {
    page_count(term.briefings.len(), site.config.per_term_page)
}

/// The briefings on page `n` (1-based) of `term`.
pub(crate) fn term_page_briefings<'t>(site: &Site, term: &'t Term, n: usize) -> &'t [BriefingId] {
    let chunk = term.briefings.chunks(site.config.per_term_page).nth(n - 1);
    chunk.unwrap_or_default()
}

/// How many pages one of a person's lists takes (`per-term-page` to a page, as tags).
pub(crate) fn person_page_count(site: &Site, person: &Person, listing: Listing) -> usize {
    page_count(listing.of(person).len(), site.config.per_term_page)
}

/// The briefings on page `n` (1-based) of one of a person's lists.
pub(crate) fn person_page_briefings<'p>(
    site: &Site,
    person: &'p Person,
    listing: Listing,
    n: usize,
) -> &'p [BriefingId] {
    let chunk = listing
        .of(person)
        .chunks(site.config.per_term_page)
        .nth(n - 1);
    chunk.unwrap_or_default()
}

/// The page of `term` that lists briefing `id`, if it does.
pub(crate) fn term_page_of(site: &Site, term: &Term, id: BriefingId) -> Option<usize> {
    let at = term.briefings.binary_search(&id).ok()?;
    Some(at / site.config.per_term_page + 1)
}

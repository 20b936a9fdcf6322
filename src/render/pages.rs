//! What the HTML renderer needs to know of each page: its template, its title, what it lists,
//! and which pages a change makes stale. The pages themselves and their paths are
//! [`crate::routes`]'.

use std::collections::BTreeSet;

use super::{Change, List, Reach};
use crate::hash::HashSet;
use crate::model::{Site, TermId, TermKind};
pub(crate) use crate::routes::Page;
use crate::routes::{self, Listing, home_page_count, home_page_of, term_page_count, term_page_of};

impl Page {
    /// The template that renders this page.
    pub(crate) fn template(self) -> &'static str {
        match self {
            Page::Home(_) => "index.html",
            Page::Briefing(_) => "briefing.html",
            Page::People => "people.html",
            Page::Person(_) => "person.html",
            Page::PersonList(..) => "person_list.html",
            Page::Terms(_) => "terms.html",
            Page::Term(..) => "term.html",
            Page::Search => "search.html",
            Page::Propose => "propose.html",
            Page::NotFound => "404.html",
        }
    }

    /// What the page is called (in `<title>`, before the site's name).
    pub(crate) fn title(self, site: &Site) -> String {
        match self {
            Page::Home(1) => site.config.title.clone(),
            Page::Home(n) => format!("Page {n}"),
            Page::Briefing(id) => {
                let briefing = &site.briefings[id];
                format!("{}: {}", site.people[briefing.subject].name, briefing.title)
            }
            Page::People => "People".to_owned(),
            Page::Person(id) => site.people[id].name.clone(),
            Page::PersonList(id, listing, n) => {
                let name = &site.people[id].name;
                match listing {
                    Listing::About => format!("Briefings about {name}, page {n}"),
                    Listing::Named => format!("Briefings that name {name}, page {n}"),
                }
            }
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
    pub(crate) fn lists_cards(self) -> bool {
        matches!(
            self,
            Page::Home(_) | Page::Person(_) | Page::PersonList(..) | Page::Term(..)
        )
    }

    /// The pages whose template is one of `templates` and, if `cards` (the card template
    /// changed), every page that lists cards.
    pub(crate) fn using(site: &Site, templates: &BTreeSet<String>, cards: bool) -> Vec<Page> {
        let uses = |page: &Page| templates.contains(page.template()) || cards && page.lists_cards();
        Page::all(site).into_iter().filter(uses).collect()
    }

    /// Whether the page belongs in the sitemap.
    pub(crate) fn is_listed(self) -> bool {
        self != Page::NotFound
    }
}

/// The pages that `change` makes stale.
pub(crate) fn stale_pages(site: &Site, change: &Change) -> HashSet<Page> {
    let mut pages = HashSet::default();
    if let Some(templates) = &change.templates {
        let cards = templates.reached.contains(super::CARD_TEMPLATE);
        pages.extend(Page::using(site, &templates.reached, cards));
    }
    let briefings = change.briefings.iter().chain(&change.beside);
    pages.extend(briefings.map(|&id| Page::Briefing(id)));
    for (&list, reach) in &change.lists {
        match list {
            List::Site => home_pages(site, reach, &mut pages),
            // Every page of the person: each gives the lists' lengths.
            List::Person(id) => pages.extend(Page::person_pages(site, id, &site.people[id])),
            List::Term(kind, id) => term_pages(site, kind, id, reach, &mut pages),
        }
    }
    if change.everything {
        pages.insert(Page::People);
        pages.insert(Page::Terms(TermKind::Tag));
        pages.insert(Page::Terms(TermKind::Nationality));
    }
    pages
}

/// The home pages that show where the site's list changed: every one from the first that
/// moved (from the first page, when their number changed: each says how many there are), and
/// those of cards changed in place.
fn home_pages(site: &Site, reach: &Reach, pages: &mut HashSet<Page>) {
    let count = home_page_count(site);
    let per_page = site.config.per_page;
    let recounted = reach
        .was
        .is_some_and(|was| routes::page_count(was, per_page) != count);
    let from = match recounted {
        true => Some(1),
        false => reach.moved_from.map(|at| at / per_page + 1),
    };
    if let Some(from) = from {
        pages.extend((from..=count).map(Page::Home));
    }
    let changed = reach.briefings.iter().map(|&id| home_page_of(site, id));
    pages.extend(changed.map(Page::Home));
}

/// The pages of a tag or nationality that show where its list changed: all of them when
/// entries moved or their number changed (each page says it), else the pages of the cards
/// changed in place.
fn term_pages(site: &Site, kind: TermKind, id: TermId, reach: &Reach, pages: &mut HashSet<Page>) {
    let term = &site.terms(kind)[id];
    let all = (1..=term_page_count(site, term)).map(|n| Page::Term(kind, id, n));
    if reach.moved() {
        pages.extend(all);
        return;
    }
    for &briefing in &reach.briefings {
        match term_page_of(site, term, briefing) {
            Some(n) => pages.insert(Page::Term(kind, id, n)),
            None => {
                pages.extend(all);
                return;
            }
        };
    }
}

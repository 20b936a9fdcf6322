//! HTML pages through the theme's Tera templates, rendered in parallel.
//!
//! Each briefing's card (what lists show) is turned into a template value once and shared by
//! every list that shows it; its body HTML was rendered once by the Markdown stage.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use tera::{Context, Value};

use super::pages::{Page, stale_pages};
use super::view::*;
use super::{Change, Job, RenderedFile, Renderer, Scope};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Briefing, BriefingId, Site};
use crate::routes::{
    Listing, home_page_briefings, home_page_count, output_path, person_page_briefings,
    person_page_count, term_page_briefings, term_page_count,
};
use crate::theme::Theme;

/// The template of one briefing in a list; see [`HtmlRenderer::card`].
pub(crate) const CARD_TEMPLATE: &str = "partials/card.html";

pub(super) struct HtmlRenderer<'t> {
    pub theme: &'t Theme,
    pub memo: &'t super::Memo,
}

/// Values shared by every page of one render.
struct Shared {
    site: Value,
    /// Each briefing's card, made when a page first needs it.
    cards: Vec<OnceLock<Result<Value, Diagnostic>>>,
}

impl Renderer for HtmlRenderer<'_> {
    fn paths(&self, site: &Site, paths: &mut Vec<String>) {
        paths.extend(Page::all(site).into_iter().map(|p| p.url(site)));
    }

    fn stale(&self, site: &Site, change: &Change, paths: &mut Vec<String>) {
        paths.extend(stale_pages(site, change).into_iter().map(|p| p.url(site)));
    }

    fn render(&self, job: &Job) -> Result<(), Diagnostics> {
        let (site, sink) = (job.site, job.sink);
        let shared = Shared {
            site: Value::from_serializable(&SiteView::new(&site.config)),
            cards: site.briefings.iter().map(|_| OnceLock::new()).collect(),
        };
        let pages = match job.scope {
            Scope::All => {
                // Every card is on some page: make them all first, in parallel, so that a
                // broken card template is reported once rather than by every list.
                self.make_all_cards(site, &shared)?;
                Page::all(site)
            }
            Scope::Only(change) => stale_pages(site, change).into_iter().collect(),
        };
        let errors: Vec<Diagnostic> = pages
            .into_par_iter()
            .filter(|page| !sink.reuse(&output_path(&page.url(site))))
            .filter_map(|page| match self.render_page(job, &shared, page) {
                Ok(file) => {
                    sink.put(file);
                    None
                }
                Err(error) => Some(error),
            })
            .collect();
        summarise(errors)
    }
}

impl HtmlRenderer<'_> {
    fn make_all_cards(&self, site: &Site, shared: &Shared) -> Result<(), Diagnostics> {
        let errors: Vec<Diagnostic> = (0..site.briefings.len())
            .into_par_iter()
            .filter_map(|id| self.cards(site, shared, &[id]).err())
            .collect();
        summarise(errors)
    }

    /// The cards of `ids`, as a template list (cheap: each card is shared, not copied).
    fn cards(&self, site: &Site, shared: &Shared, ids: &[BriefingId]) -> Result<Value, Diagnostic> {
        let card = |id: BriefingId| {
            shared.cards[id]
                .get_or_init(|| self.card(&shared.site, site, &site.briefings[id]))
                .clone()
        };
        let cards = ids
            .iter()
            .map(|&id| card(id))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Value::from(cards))
    }

    /// A briefing as lists show it, with its card rendered once through `partials/card.html`
    /// (as `html`) so that the many lists holding it copy that HTML instead of re-rendering it.
    fn card(
        &self,
        site_value: &Value,
        site: &Site,
        briefing: &Briefing,
    ) -> Result<Value, Diagnostic> {
        if let Some(card) = self.memo.card(&briefing.path) {
            return Ok(card);
        }
        let card = Value::from_serializable(&CardView::new(site, briefing));
        if !self.theme.tera.contains_template(CARD_TEMPLATE) {
            return Ok(card);
        }
        let mut context = Context::new();
        context.insert_value("site", site_value.clone());
        context.insert_value("briefing", card.clone());
        let html = self
            .theme
            .tera
            .render(CARD_TEMPLATE, &context)
            .map_err(|error| self.theme.template_error(&error, Some(&briefing.url())))?;
        let mut map = card.into_map().unwrap_or_default();
        map.insert("html".into(), Value::safe_string(&html));
        let card = Value::from(map);
        self.memo.keep_card(&briefing.path, &card);
        Ok(card)
    }

    fn render_page(
        &self,
        job: &Job,
        shared: &Shared,
        page: Page,
    ) -> Result<RenderedFile, Diagnostic> {
        let site = job.site;
        let url = page.url(site);
        let mut context = Context::new();
        context.insert_value("site", shared.site.clone());
        self.fill_context(&mut context, site, shared, page)?;
        let title = page.title(site);
        let base = &site.config.base_url;
        let kind = page.template().trim_end_matches(".html");
        context.insert(
            "page",
            &PageView {
                kind,
                title,
                url: base.link(&url),
                canonical_url: base.absolute(&url),
                alternates: job.alternates(page),
            },
        );
        let html = self
            .theme
            .tera
            .render(page.template(), &context)
            .map_err(|error| self.theme.template_error(&error, Some(&url)))?;
        Ok(RenderedFile::new(
            output_path(&url),
            html.into_bytes(),
            origin(site, page),
        ))
    }
}

impl HtmlRenderer<'_> {
    /// The variables of one page kind.
    fn fill_context(
        &self,
        context: &mut Context,
        site: &Site,
        shared: &Shared,
        page: Page,
    ) -> Result<(), Diagnostic> {
        let cards = |ids: &[BriefingId]| self.cards(site, shared, ids);
        match page {
            Page::Home(n) => {
                context.insert_value("briefings", cards(&home_page_briefings(site, n))?);
                let total = home_page_count(site);
                context.insert("paginator", &paginator(site, n, total, Page::Home));
            }
            Page::Briefing(id) => {
                let briefing = &site.briefings[id];
                context.insert("briefing", &BriefingView::new(site, id));
                context.insert_value("content", Value::safe_string(&briefing.html));
            }
            Page::People => {
                let people = IndexEntryView::people(site);
                let entries: Vec<Value> = people.iter().map(Value::from_serializable).collect();
                context.insert_value("groups", letter_groups(&people, &entries));
                context.insert_value("people", Value::from(entries));
            }
            Page::Person(id) => {
                let person = &site.people[id];
                context.insert("person", &PersonView::new(site, person));
                for (listing, name) in [(Listing::About, "about"), (Listing::Named, "named_in")] {
                    let first = person_page_briefings(site, person, listing, 1);
                    context.insert_value(name, cards(first)?);
                    context.insert(format!("{name}_count"), &listing.of(person).len());
                    let more = (person_page_count(site, person, listing) > 1).then(|| {
                        site.config
                            .base_url
                            .link(&Page::PersonList(id, listing, 2).url(site))
                    });
                    context.insert(format!("{name}_more_url"), &more);
                }
                context.insert_value("content", Value::safe_string(&person.bio_html));
            }
            Page::PersonList(id, listing, n) => {
                let person = &site.people[id];
                context.insert("person", &PersonView::without_history(site, person));
                context.insert("listing", listing.segment());
                context.insert("count", &listing.of(person).len());
                let briefings = person_page_briefings(site, person, listing, n);
                context.insert_value("briefings", cards(briefings)?);
                let total = person_page_count(site, person, listing);
                let page = |n: usize| match n {
                    1 => Page::Person(id),
                    n => Page::PersonList(id, listing, n),
                };
                context.insert("paginator", &paginator(site, n, total, page));
            }
            Page::Terms(kind) => {
                context.insert("kind", kind.segment());
                context.insert("label", kind.label());
                context.insert("terms", &IndexEntryView::terms(site, kind));
            }
            Page::Term(kind, id, n) => {
                let term = &site.terms(kind)[id];
                context.insert("term", &TermView::new(site, term));
                context.insert_value("briefings", cards(term_page_briefings(site, term, n))?);
                let total = term_page_count(site, term);
                let page = |n: usize| Page::Term(kind, id, n);
                context.insert("paginator", &paginator(site, n, total, page));
            }
            Page::Propose => context.insert("proposal", &ProposalView::new(site)),
            Page::Search | Page::NotFound => {}
        }
        Ok(())
    }
}

/// Page `current` of `total`, whose page n is `page(n)`.
fn paginator(
    site: &Site,
    current: usize,
    total: usize,
    page: impl Fn(usize) -> Page,
) -> PaginatorView {
    let link = |n: usize| site.config.base_url.link(&page(n).url(site));
    PaginatorView {
        current,
        total,
        previous_url: (current > 1).then(|| link(current - 1)),
        next_url: (current < total).then(|| link(current + 1)),
    }
}

/// What a page is made from, for messages about clashing output paths.
fn origin(site: &Site, page: Page) -> String {
    match page {
        Page::Briefing(id) => crate::diagnostic::display_path(&site.briefings[id].path),
        Page::Person(id) | Page::PersonList(id, ..) => match &site.people[id].profile {
            Some(path) => crate::diagnostic::display_path(path),
            None => format!("the person “{}”", site.people[id].name),
        },
        Page::Term(kind, id, _) => {
            format!("the {} “{}”", kind.singular(), site.terms(kind)[id].name)
        }
        other => format!("the {} page", other.template().trim_end_matches(".html")),
    }
}

/// Keeps one error per template position: a broken template fails every page that uses it,
/// and one message with a count reads better than ten thousand.
fn summarise(all: Vec<Diagnostic>) -> Result<(), Diagnostics> {
    let mut errors: Vec<(Diagnostic, usize)> = Vec::new();
    for error in all {
        let same = |(e, _): &&mut (Diagnostic, usize)| {
            (&e.file, e.line, e.column) == (&error.file, error.line, error.column)
        };
        match errors.iter_mut().find(same) {
            Some((_, count)) => *count += 1,
            None => errors.push((error, 0)),
        }
    }
    let with_counts = errors.into_iter().map(|(mut error, more)| {
        if more > 0 {
            let more = crate::diagnostic::plural(more, "more page");
            error.message.push_str(&format!(" (and {more})"));
        }
        error
    });
    with_counts.collect::<Diagnostics>().into_result(())
}

/// The people index cut by initial, `[{letter, id, people}]`, sharing `entries` (the people,
/// made into values once) with the whole list.
fn letter_groups(people: &[IndexEntryView], entries: &[Value]) -> Value {
    let mut groups = Vec::new();
    let mut start = 0;
    for (end, person) in people.iter().enumerate() {
        let last = people
            .get(end + 1)
            .is_none_or(|next| next.initial != person.initial);
        if last {
            let letter = person.initial;
            let group = BTreeMap::from([
                ("letter", Value::from(letter.to_string())),
                ("id", Value::from(letter_id(letter))),
                ("people", Value::from(entries[start..=end].to_vec())),
            ]);
            groups.push(Value::from(group));
            start = end + 1;
        }
    }
    Value::from(groups)
}

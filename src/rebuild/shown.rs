//! What a briefing, a person and a term show, and whether two versions show the same: each
//! comparison goes through one destructuring that names every field (no `..`), so that a new
//! field does not compile until its author says where it shows, and so which files a change of
//! it makes stale.

use std::path::PathBuf;

use jiff::civil::Date;

use super::stale::Side;
use crate::front_matter::Yaml;
use crate::hash::HashMap;
use crate::markdown::Heading;
use crate::model::{Briefing, BriefingId, Person, PersonId, Site, Source, Term, TermId, TermKind};

pub(super) fn same_briefing(old: &Site, a: BriefingId, new: &Site, b: BriefingId) -> bool {
    let (x, y) = (&old.briefings[a], &new.briefings[b]);
    same_listing(old, a, new, b) && Shown::of(x).page == Shown::of(y).page
}

/// Whether a briefing shows the same in lists, indexes, the search index and the sitemap:
/// everything but its body and sources.
pub(super) fn same_listing(old: &Site, a: BriefingId, new: &Site, b: BriefingId) -> bool {
    let (x, y) = (Shown::of(&old.briefings[a]), Shown::of(&new.briefings[b]));
    let person = |p: usize, q: usize| old.people[p].slug == new.people[q].slug;
    let people = |p: &[usize], q: &[usize]| {
        p.len() == q.len() && p.iter().zip(q).all(|(&p, &q)| person(p, q))
    };
    let terms = |kind: TermKind, s: &[usize], t: &[usize]| {
        let (old_terms, new_terms) = (old.terms(kind), new.terms(kind));
        s.len() == t.len()
            && s.iter()
                .zip(t)
                .all(|(&s, &t)| old_terms[s].slug == new_terms[t].slug)
    };
    let (p, q) = (x.links, y.links);
    x.card == y.card
        && person(*p.subject, *q.subject)
        && people(p.who_else_cares, q.who_else_cares)
        && terms(TermKind::Tag, p.tags, q.tags)
        && terms(TermKind::Nationality, p.nationality, q.nationality)
}

/// Whether two versions of a briefing linked alike show the same in lists, indexes, the
/// search index and the sitemap.
pub(super) fn same_card(x: &Briefing, y: &Briefing) -> bool {
    Shown::of(x).card == Shown::of(y).card
}

/// What a briefing shows, by where it shows it. [`Shown::of`] names every field of
/// [`Briefing`], so that a new one does not compile until its author says where it shows
/// (and so which files a change of it makes stale).
struct Shown<'b> {
    /// On its card, in every list that holds it (and on its page).
    card: (&'b str, &'b str, Date, u32, u8, &'b str, bool),
    /// Whom and what it names: the same when they are the same people and terms by slug.
    links: Links<'b>,
    /// Only on its own page, its post and the feed items that carry it whole.
    page: ShownOnPage<'b>,
}

struct Links<'b> {
    subject: &'b PersonId,
    who_else_cares: &'b [PersonId],
    tags: &'b [TermId],
    nationality: &'b [TermId],
}

type ShownOnPage<'b> = (
    &'b [String],
    &'b [Source],
    &'b Yaml,
    &'b str,
    &'b str,
    &'b [Heading],
);

impl<'b> Shown<'b> {
    fn of(briefing: &'b Briefing) -> Self {
        let Briefing {
            // Where it stands: the planners compare files and places themselves.
            path: _,
            slug,
            title,
            date,
            age,
            care_rating,
            summary,
            draft,
            subject,
            who_else_cares,
            tags,
            nationality,
            authors,
            sources,
            extra,
            html,
            plain,
            headings,
            // What the Markdown stage and the checks read: shown only through `html`,
            // `plain` and `headings`.
            body: _,
            body_line: _,
            fragments: _,
            keys: _,
        } = briefing;
        Shown {
            card: (slug, title, *date, *age, *care_rating, summary, *draft),
            links: Links {
                subject,
                who_else_cares,
                tags,
                nationality,
            },
            page: (authors, sources, extra, html, plain, headings),
        }
    }
}

/// Whether anyone or any term in both is shown differently: that shows on every card and
/// page about them, so everything must be made again.
pub(super) fn look_different(old: &Side, new: &Side) -> bool {
    people_look_different(old.people, new.people)
        || [TermKind::Tag, TermKind::Nationality]
            .into_iter()
            .any(|kind| terms_look_different(old.terms(kind), new.terms(kind)))
}

/// Whether anyone in both is shown differently (name, profile, nationality links).
fn people_look_different(old: &[Person], new: &[Person]) -> bool {
    let by_slug: HashMap<&str, &Person> = new.iter().map(|p| (p.slug.as_str(), p)).collect();
    old.iter().any(|a| {
        (by_slug.get(a.slug.as_str())).is_some_and(|b| PersonShown::of(a) != PersonShown::of(b))
    })
}

/// What every page about a person shows of them. [`PersonShown::of`] names every field of
/// [`Person`], so that a new one does not compile until its author says whether it shows.
#[derive(PartialEq)]
struct PersonShown<'p> {
    shown: (&'p str, &'p [String], Option<Date>, &'p [String]),
    profile: (&'p Option<PathBuf>, &'p str),
    /// Which nationalities have a page (their numbers may differ between two sites).
    linked: Vec<bool>,
}

impl<'p> PersonShown<'p> {
    fn of(person: &'p Person) -> Self {
        let Person {
            // Compared by the caller: the same person in both sites.
            slug: _,
            name,
            aliases,
            born,
            nationality,
            nationality_terms,
            profile,
            bio_html,
            // Shown through `bio_html`.
            bio: _,
            bio_line: _,
            // Their briefings: the planners follow each changed briefing to its people.
            about: _,
            named_in: _,
            // Not on any page: reported in the terminal.
            warnings: _,
        } = person;
        PersonShown {
            shown: (name, aliases, *born, nationality),
            profile: (profile, bio_html),
            linked: nationality_terms.iter().map(Option::is_some).collect(),
        }
    }
}

/// Whether a tag or nationality in both is spelt differently (its name is the newest
/// briefing's spelling, shown on every card that carries it).
fn terms_look_different(old: &[Term], new: &[Term]) -> bool {
    let names: HashMap<&str, &str> = new
        .iter()
        .map(|t| (t.slug.as_str(), shown_name(t)))
        .collect();
    old.iter()
        .any(|t| (names.get(t.slug.as_str())).is_some_and(|n| *n != shown_name(t)))
}

/// What every card that carries a term shows of it. Names every field of [`Term`], so that a
/// new one does not compile until its author says whether it shows.
fn shown_name(term: &Term) -> &str {
    let Term {
        // The same term in both: compared by the caller.
        kind: _,
        slug: _,
        name,
        // Its briefings: the planners follow each changed briefing to its terms.
        briefings: _,
    } = term;
    name
}

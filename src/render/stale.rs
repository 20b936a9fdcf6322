//! After a change, which output files must be made again: those whose inputs differ between
//! the last site rendered and the new one. Everything else is carried over (see
//! [`Sink::reuse`](crate::output::Sink::reuse)). `serve` relies on this to re-render a
//! briefing edit at a fraction of a full render's cost; `tests/incremental.rs` applies random
//! edits and compares the result with full builds.
//!
//! The planners say what changed as a [`Change`], in the site's terms: a change to one
//! briefing touches the briefing itself, its neighbours, the lists of its people and terms
//! (before and after the edit), the site's list from where the order changed, and, when what
//! lists show changed, the lists of everything. Each renderer turns that into its files. A
//! change that shows on every page of a kind (a person renamed, a term spelt anew) re-renders
//! everything.

use crate::hash::{HashMap, HashSet};
use std::ffi::OsStr;
use std::path::PathBuf;

use super::{Change, List};
use jiff::civil::Date;

use crate::front_matter::Yaml;
use crate::markdown::Heading;
use crate::model::{
    Briefing, BriefingId, Linkage, Person, PersonId, Site, Source, Term, TermId, TermKind,
};
use crate::routes::output_path;

/// What a change made stale.
pub struct Stale {
    /// What changed: the files it reaches are made again.
    pub change: Change,
    /// Output paths of files the site no longer has (after [`after_relink`]).
    pub gone: Vec<String>,
    /// Briefings (by file) added, removed or changed.
    pub briefings: Vec<PathBuf>,
}

/// What must be made again, or `None` when everything must be. `suspects` are the briefing
/// files read or rendered anew since `old` was rendered: every other briefing in both sites
/// is the same (people and terms being shown the same).
pub fn stale_files(
    old: &Site,
    new: &Site,
    suspects: &HashSet<PathBuf>,
    assets_changed: bool,
) -> Option<Stale> {
    if look_different(&Side::of(old), &Side::of(new)) {
        return None;
    }
    let mut stale = Planner::new(new, TermReach::Every);
    let mut listed_anew = false;
    let old_ids = ids_by_path(old);
    let new_ids = ids_by_path(new);
    let changed = changed_briefings(old, new, &old_ids, &new_ids, suspects);
    let in_new = |site: &Site, id: BriefingId| {
        let briefing = site.briefings.get(id)?;
        new_ids.get(briefing.path.as_os_str()).copied()
    };
    for path in &changed {
        if let Some(&id) = old_ids.get(path) {
            let briefing = &old.briefings[id];
            stale.briefing_neighbourhood(&Side::of(old), briefing, id, &|n| in_new(old, n));
        }
        if let Some(&id) = new_ids.get(path) {
            let briefing = &new.briefings[id];
            stale.briefing_neighbourhood(&Side::of(new), briefing, id, &|n| in_new(new, n));
            stale.change.briefings.insert(id);
        }
        // Lists of everything show what a card shows; a change below the summary (the
        // usual edit) leaves them as they were.
        match (old_ids.get(path), new_ids.get(path)) {
            (Some(&a), Some(&b)) if same_listing(old, a, new, b) => {}
            (_, new_id) => {
                listed_anew = true;
                stale.change.listed.extend(new_id);
            }
        }
    }
    stale.site_list(old, &changed, &new_ids);
    if listed_anew {
        stale.change.everything = true;
    }
    stale.change.assets = assets_changed;
    Some(Stale {
        change: stale.change,
        gone: Vec::new(),
        briefings: changed.into_iter().map(PathBuf::from).collect(),
    })
}

/// What must be made again after briefings were replaced in place by versions that take the
/// same place and name the same people and terms (see `pipeline::patch`): `replaced` holds
/// each one's id and its old version; `site` has the new ones. The files [`stale_files`]
/// would list for that change, less those such a change cannot touch (the indexes and the
/// sitemap show only names, counts and dates; a feed changes only if it carries the briefing),
/// found without comparing whole sites.
pub fn after_patch(site: &Site, replaced: &[(BriefingId, Briefing)]) -> Stale {
    let (mut stale, in_site) = (Planner::new(site, TermReach::Listing(None)), same_ids(site));
    for (id, old) in replaced {
        let id = *id;
        stale.change.briefings.insert(id);
        if !same_card(old, &site.briefings[id]) {
            // What lists show of it changed: every list that holds it, and its neighbours,
            // which name it.
            stale.briefing_neighbourhood(&Side::of(site), &site.briefings[id], id, &in_site);
            stale.change.list(List::Site).briefings.insert(id);
            stale.change.listed.insert(id);
        }
    }
    stale.finish(Vec::new(), replaced)
}

/// What must be made again, and what is gone, after briefings were replaced in place by
/// versions that take the same place but may name other people or terms, and the site's
/// people and terms were linked anew (see `pipeline::patch`): `before` holds the people and
/// terms as they were, `replaced` each briefing's id and old version, `gone` the site paths
/// of the pages and feeds of people and terms no longer there. The files
/// [`stale_files`] would list for that change, found without comparing whole sites.
pub fn after_relink(
    site: &Site,
    before: &Side,
    replaced: &[(BriefingId, Briefing)],
    gone: &[String],
) -> Stale {
    let (mut stale, in_site) = (
        Planner::new(site, TermReach::Listing(Some(before))),
        same_ids(site),
    );
    for (id, old) in replaced {
        let id = *id;
        stale.briefing_neighbourhood(before, old, id, &in_site);
        stale.briefing_neighbourhood(&Side::of(site), &site.briefings[id], id, &in_site);
        stale.change.briefings.insert(id);
        stale.change.listed.insert(id);
        stale.change.list(List::Site).briefings.insert(id);
    }
    // Whom a briefing names is in every list that counts briefings, and in the search index.
    stale.change.everything = true;
    let gone = gone.iter().map(|url| output_path(url)).collect();
    stale.finish(gone, replaced)
}

/// Briefing ids that stay as they are (a patch keeps every briefing in its place).
fn same_ids(site: &Site) -> impl Fn(BriefingId) -> Option<BriefingId> + '_ {
    |id| (id < site.briefings.len()).then_some(id)
}

/// The people and terms a briefing's ids refer to: a site's, or those it had before its
/// people and terms were linked anew.
pub struct Side<'s> {
    pub people: &'s [Person],
    pub tags: &'s [Term],
    pub nationalities: &'s [Term],
}

impl<'s> Side<'s> {
    pub fn of(site: &'s Site) -> Self {
        Side {
            people: &site.people,
            tags: &site.tags,
            nationalities: &site.nationalities,
        }
    }

    pub fn of_linkage(linkage: &'s Linkage) -> Self {
        Side {
            people: &linkage.people,
            tags: &linkage.tags,
            nationalities: &linkage.nationalities,
        }
    }

    pub fn terms(&self, kind: TermKind) -> &'s [Term] {
        match kind {
            TermKind::Tag => self.tags,
            TermKind::Nationality => self.nationalities,
        }
    }
}

struct Planner<'s> {
    /// The new site: every briefing, person and term named is one of its own.
    site: &'s Site,
    change: Change,
    reach: TermReach<'s>,
}

/// Which pages of a briefing's tags and nationalities a change to it reaches.
enum TermReach<'s> {
    /// All of them: briefings may have moved.
    Every,
    /// The page that lists it, when briefings kept their ids and the term its number of
    /// briefings (by slug, from `Some` people and terms before, or the same as now); all of
    /// them when that number changed, since each page says it.
    Listing(Option<&'s Side<'s>>),
}

impl<'s> Planner<'s> {
    fn new(site: &'s Site, reach: TermReach<'s>) -> Self {
        Planner {
            site,
            change: Change::default(),
            reach,
        }
    }

    /// What a patch made stale: these targets, the `gone` files, and the `replaced` briefings.
    fn finish(mut self, gone: Vec<String>, replaced: &[(BriefingId, Briefing)]) -> Stale {
        self.change.patched = Some(replaced.iter().map(|(id, _)| *id).collect());
        Stale {
            change: self.change,
            gone,
            briefings: replaced.iter().map(|(_, old)| old.path.clone()).collect(),
        }
    }

    /// `briefing`, briefing `id` of a site (old or new) whose people and terms are `side`:
    /// its neighbours in site order and among its subject's briefings, and its people's and
    /// terms' lists, all as they are in the new site.
    fn briefing_neighbourhood(
        &mut self,
        side: &Side,
        briefing: &Briefing,
        id: BriefingId,
        new_id: &dyn Fn(BriefingId) -> Option<BriefingId>,
    ) {
        let subject = &side.people[briefing.subject];
        let position = subject.about.iter().position(|&b| b == id);
        let mut neighbours = vec![Some(id), id.checked_sub(1), Some(id + 1)];
        if let Some(at) = position {
            neighbours.push(at.checked_sub(1).map(|p| subject.about[p]));
            neighbours.push(subject.about.get(at + 1).copied());
        }
        for neighbour in neighbours.into_iter().flatten() {
            if let Some(new_id) = new_id(neighbour) {
                self.change.beside.insert(new_id);
            }
        }
        let people =
            std::iter::once(briefing.subject).chain(briefing.who_else_cares.iter().copied());
        for person in people {
            self.person(&side.people[person].slug);
        }
        for (kind, terms) in [
            (TermKind::Tag, &briefing.tags),
            (TermKind::Nationality, &briefing.nationality),
        ] {
            for &term in terms {
                self.term(kind, &side.terms(kind)[term].slug, id);
            }
        }
    }

    fn person(&mut self, slug: &str) {
        if let Some(id) = self.site.people.iter().position(|p| p.slug == slug) {
            self.change.list(List::Person(id));
        }
    }

    /// The list of a tag or nationality of the new site, where briefing `id` changed.
    fn term(&mut self, kind: TermKind, slug: &str, briefing: BriefingId) {
        let terms = self.site.terms(kind);
        let Some(id) = terms.iter().position(|t| t.slug == slug) else {
            return;
        };
        let count = terms[id].briefings.len();
        let reach = self.change.lists.entry(List::Term(kind, id)).or_default();
        match self.reach {
            TermReach::Every => reach.moved_from = Some(0),
            TermReach::Listing(None) => {}
            TermReach::Listing(Some(before)) => {
                let before = before.terms(kind).iter().find(|t| t.slug == slug);
                let was = before.map_or(0, |t| t.briefings.len());
                if was != count {
                    reach.was = Some(was);
                }
            }
        }
        reach.briefings.insert(briefing);
    }

    /// The site's list: from the first place where the order of briefings changed, and where
    /// a changed briefing is.
    fn site_list(
        &mut self,
        old: &Site,
        changed: &HashSet<&OsStr>,
        new_ids: &HashMap<&OsStr, BriefingId>,
    ) {
        let (before, after) = (old.briefings.len(), self.site.briefings.len());
        let first_moved = old
            .briefings
            .iter()
            .zip(&self.site.briefings)
            .position(|(a, b)| a.path.as_os_str() != b.path.as_os_str())
            .unwrap_or(before.min(after));
        let reach = self.change.list(List::Site);
        reach.moved_from = Some(first_moved);
        reach.was = (before != after).then_some(before);
        let ids = changed.iter().filter_map(|path| new_ids.get(path));
        reach.briefings.extend(ids);
    }
}

fn ids_by_path(site: &Site) -> HashMap<&OsStr, BriefingId> {
    site.briefings
        .iter()
        .enumerate()
        .map(|(id, b)| (b.path.as_os_str(), id))
        .collect()
}

/// Briefings added, removed, or different in anything a page could show.
fn changed_briefings<'s>(
    old: &'s Site,
    new: &'s Site,
    old_ids: &HashMap<&'s OsStr, BriefingId>,
    new_ids: &HashMap<&'s OsStr, BriefingId>,
    suspects: &HashSet<PathBuf>,
) -> HashSet<&'s OsStr> {
    let mut changed: HashSet<&OsStr> = HashSet::default();
    let added = new_ids.keys().filter(|p| !old_ids.contains_key(*p));
    let removed = old_ids.keys().filter(|p| !new_ids.contains_key(*p));
    changed.extend(added.chain(removed));
    for suspect in suspects {
        let ids = (
            old_ids.get_key_value(suspect.as_os_str()),
            new_ids.get(suspect.as_os_str()),
        );
        if let (Some((&path, &id)), Some(&new_id)) = ids
            && !same_briefing(old, id, new, new_id)
        {
            changed.insert(path);
        }
    }
    changed
}

fn same_briefing(old: &Site, a: BriefingId, new: &Site, b: BriefingId) -> bool {
    let (x, y) = (&old.briefings[a], &new.briefings[b]);
    same_listing(old, a, new, b) && Shown::of(x).page == Shown::of(y).page
}

/// Whether a briefing shows the same in lists, indexes, the search index and the sitemap:
/// everything but its body and sources.
fn same_listing(old: &Site, a: BriefingId, new: &Site, b: BriefingId) -> bool {
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
fn same_card(x: &Briefing, y: &Briefing) -> bool {
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
pub fn look_different(old: &Side, new: &Side) -> bool {
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

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

use super::shown::{look_different, same_briefing, same_card, same_listing};
use crate::model::{Briefing, BriefingId, Linkage, Person, Site, Term, TermKind};
use crate::render::{Change, List};
use crate::routes::output_path;

/// What a change made stale.
pub(super) struct Stale {
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
pub(super) fn stale_files(
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
/// same place and name the same people and terms (see `rebuild::patch`): `replaced` holds
/// each one's id and its old version; `site` has the new ones. The files [`stale_files`]
/// would list for that change, less those such a change cannot touch (the indexes and the
/// sitemap show only names, counts and dates; a feed changes only if it carries the briefing),
/// found without comparing whole sites.
pub(super) fn after_patch(site: &Site, replaced: &[(BriefingId, Briefing)]) -> Stale {
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
/// people and terms were linked anew (see `rebuild::patch`): `before` holds the people and
/// terms as they were, `replaced` each briefing's id and old version, `gone` the site paths
/// of the pages and feeds of people and terms no longer there. The files
/// [`stale_files`] would list for that change, found without comparing whole sites.
pub(super) fn after_relink(
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
pub(super) struct Side<'s> {
    pub people: &'s [Person],
    pub tags: &'s [Term],
    pub nationalities: &'s [Term],
}

impl<'s> Side<'s> {
    pub(super) fn of(site: &'s Site) -> Self {
        Side {
            people: &site.people,
            tags: &site.tags,
            nationalities: &site.nationalities,
        }
    }

    pub(super) fn of_linkage(linkage: &'s Linkage) -> Self {
        Side {
            people: &linkage.people,
            tags: &linkage.tags,
            nationalities: &linkage.nationalities,
        }
    }

    pub(super) fn terms(&self, kind: TermKind) -> &'s [Term] {
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

//! Linking a site again after a few briefings changed whom they name (in `serve`): the
//! [`Linkage`] that [`Linkage::of`] would make of all the briefings, worked out from the links
//! the site already has. Only the changed briefings' names are resolved; every other briefing
//! keeps its people and terms, which are numbered anew in order of first appearance (as
//! `Linkage::of` numbers them) in one pass over the site's links, without a string in sight.
//! The site then renumbers its briefings' links in place (see `Site::relink` and
//! `model::Renumbering`).

use std::borrow::Cow;

use crate::diagnostic::Diagnostics;
use crate::hash::HashMap;
use crate::model::{
    Briefing, BriefingId, BriefingLinks, Linkage, Links, ParsedBriefing, Person, Renumbering, Site,
    Term, TermKind, dedup, settle_age, settle_nationality,
};
use crate::slug::slugify;

/// A new version of briefing `id` of the site.
pub(crate) struct Edited<'p> {
    pub id: BriefingId,
    pub parsed: &'p ParsedBriefing,
}

impl Linkage {
    /// What [`Linkage::of`] would make of `site`'s briefings with the `edited` versions in
    /// place of theirs. `profiles` are the profiles as parsed (the site's people start with
    /// them), `parsed` gives the parse any other briefing was linked from (asked only for the
    /// spelling of a person or term whose first appearance moved). `None` if the site's people
    /// do not start with these profiles, or a parse is missing.
    pub(crate) fn after_edits<'p>(
        site: &Site,
        profiles: &[&Person],
        edited: &[Edited<'p>],
        parsed: &dyn Fn(BriefingId) -> Option<&'p ParsedBriefing>,
    ) -> Option<Linkage> {
        let starts_with_profiles = site.people.len() >= profiles.len()
            && (site.people.iter().zip(profiles)).all(|(p, q)| p.slug == q.slug);
        if !starts_with_profiles {
            return None;
        }
        let mut names = Names::of(site, profiles);
        let mut diagnostics = Diagnostics::new();
        let mut edits = HashMap::default();
        for edit in edited {
            let linked = names.link(edit.parsed, profiles, &mut diagnostics);
            edits.insert(edit.id, (linked, edit.parsed));
        }
        let relinker = Relinker {
            site,
            profiles,
            names,
            edits,
            parsed,
        };
        let mut linkage = relinker.relink()?;
        linkage.diagnostics = diagnostics;
        Some(linkage)
    }
}

/// Names → people and terms of the site, by slug, as `Linkage::of` resolves them; a name new
/// to the site gets a key past the site's own ids.
struct Names<'s> {
    people: Keys<'s>,
    tags: Keys<'s>,
    nationalities: Keys<'s>,
}

/// Slugs → keys: the site's ids, then new ones for slugs it did not have.
struct Keys<'s> {
    by_slug: HashMap<Cow<'s, str>, usize>,
    /// How many the site has.
    known: usize,
    /// The slugs of the new ones, in key order.
    new: Vec<String>,
}

impl<'s> Keys<'s> {
    fn of(slugs: impl ExactSizeIterator<Item = &'s str>) -> Self {
        let known = slugs.len();
        Keys {
            by_slug: slugs
                .enumerate()
                .map(|(id, s)| (Cow::Borrowed(s), id))
                .collect(),
            known,
            new: Vec::new(),
        }
    }

    fn key(&mut self, name: &str) -> usize {
        let slug = slugify(name);
        if let Some(&key) = self.by_slug.get(slug.as_str()) {
            return key;
        }
        let key = self.known + self.new.len();
        self.new.push(slug.clone());
        self.by_slug.insert(Cow::Owned(slug), key);
        key
    }

    fn count(&self) -> usize {
        self.known + self.new.len()
    }

    fn slug(&self, key: usize, known: impl Fn(usize) -> &'s str) -> &str {
        match key.checked_sub(self.known) {
            Some(new) => &self.new[new],
            None => known(key),
        }
    }
}

impl<'s> Names<'s> {
    fn of(site: &'s Site, profiles: &[&Person]) -> Self {
        let mut people = Keys::of(site.people.iter().map(|p| p.slug.as_str()));
        for (id, profile) in profiles.iter().enumerate() {
            for alias in &profile.aliases {
                people
                    .by_slug
                    .entry(Cow::Owned(slugify(alias)))
                    .or_insert(id);
            }
        }
        Names {
            people,
            tags: Keys::of(site.tags.iter().map(|t| t.slug.as_str())),
            nationalities: Keys::of(site.nationalities.iter().map(|t| t.slug.as_str())),
        }
    }

    /// `parsed` linked by key, with its settled age, as `Linker::link` links it.
    fn link(
        &mut self,
        parsed: &ParsedBriefing,
        profiles: &[&Person],
        diagnostics: &mut Diagnostics,
    ) -> (Links, u32) {
        let subject = self.people.key(&parsed.subject);
        let mut others: Vec<usize> = (parsed.who_else_cares.iter())
            .map(|name| self.people.key(name))
            .collect();
        others.retain(|&other| other != subject);
        // Settled as `Linkage::of` settles them: with the profile alone (a person without one
        // has no birth date or nationality yet). Without a profile, the only problems are
        // errors, which send the edit the full way: their wording (name, slug) is the full
        // way's, so the stranger is named only roughly here.
        let stranger;
        let person = match profiles.get(subject) {
            Some(profile) => *profile,
            None => {
                stranger = Person {
                    name: parsed.subject.trim().to_owned(),
                    slug: self.people.slug(subject, |_| "").to_owned(),
                    ..Person::default()
                };
                &stranger
            }
        };
        let age = settle_age(parsed, person, diagnostics);
        let nationality = settle_nationality(parsed, person, diagnostics);
        let nationality = nationality.iter().map(|n| self.nationalities.key(n));
        let links = Links {
            subject,
            who_else_cares: dedup(others),
            nationality: dedup(nationality.collect()),
            tags: dedup(parsed.tags.iter().map(|t| self.tags.key(t)).collect()),
        };
        (links, age.unwrap_or_default())
    }
}

struct Relinker<'s, 'p, 'f> {
    site: &'s Site,
    profiles: &'s [&'s Person],
    names: Names<'s>,
    /// Each edited briefing's links by key, and its parse.
    edits: HashMap<BriefingId, ((Links, u32), &'p ParsedBriefing)>,
    parsed: &'f dyn Fn(BriefingId) -> Option<&'p ParsedBriefing>,
}

/// Keys numbered in order of first appearance, with the briefings of each.
struct Numbering {
    /// Each key's new id (`NONE` while unseen).
    id_of: Vec<usize>,
    /// Each new id's key, and the briefing it first appeared in.
    keys: Vec<(usize, BriefingId)>,
    /// Each new id's briefings (for people: the briefings about them).
    lists: Vec<Vec<BriefingId>>,
    /// For people: the briefings that name them among who else cares.
    named_in: Vec<Vec<BriefingId>>,
}

const NONE: usize = usize::MAX;

impl Numbering {
    fn new(keys: usize, fixed: usize) -> Self {
        let mut numbering = Numbering {
            id_of: vec![NONE; keys],
            keys: Vec::new(),
            lists: Vec::new(),
            named_in: Vec::new(),
        };
        for key in 0..fixed {
            numbering.see(key, NONE);
        }
        numbering
    }

    /// The new id of `key`, numbered now if briefing `seen_in` is its first appearance.
    fn see(&mut self, key: usize, seen_in: BriefingId) -> usize {
        if self.id_of[key] == NONE {
            self.id_of[key] = self.keys.len();
            self.keys.push((key, seen_in));
            self.lists.push(Vec::new());
            self.named_in.push(Vec::new());
        }
        let id = self.id_of[key];
        if self.keys[id].1 == NONE {
            self.keys[id].1 = seen_in;
        }
        id
    }

    /// The new ids of `keys`, all seen.
    fn ids(&self, keys: &[usize]) -> Vec<usize> {
        keys.iter().map(|&key| self.id_of[key]).collect()
    }

    /// `key` in briefing `id`'s list.
    fn add(&mut self, key: usize, id: BriefingId) -> usize {
        let new = self.see(key, id);
        if self.lists[new].last() != Some(&id) {
            self.lists[new].push(id);
        }
        new
    }
}

/// Every person and term numbered in order of first appearance, and the edited briefings'
/// links in those numbers.
struct Numbered {
    people: Numbering,
    tags: Numbering,
    nationalities: Numbering,
    own: Vec<(BriefingId, Links, u32)>,
}

impl<'p> Relinker<'_, 'p, '_> {
    fn relink(self) -> Option<Linkage> {
        let site = self.site;
        let Numbered {
            people,
            tags,
            nationalities,
            own,
        } = self.number();
        let renumbering = Renumbering {
            people: people.id_of[..site.people.len()].to_vec(),
            tags: tags.id_of[..site.tags.len()].to_vec(),
            nationalities: nationalities.id_of[..site.nationalities.len()].to_vec(),
            own,
        };
        let tags = self.terms(TermKind::Tag, tags)?;
        let terms = self.terms(TermKind::Nationality, nationalities)?;
        let nationalities = Nationalities {
            terms: &terms,
            of_briefing: &|id| renumbering.nationality_of(site, id),
            id_of: &renumbering.nationalities,
            any_new: !self.names.nationalities.new.is_empty(),
        };
        let people = self.people(people, &nationalities)?;
        Some(Linkage {
            people,
            tags,
            nationalities: terms,
            links: BriefingLinks::Renumbered(renumbering),
            diagnostics: Diagnostics::new(),
        })
    }

    /// One pass over the site's links (the edited briefings' by key), in site order.
    fn number(&self) -> Numbered {
        let mut people = Numbering::new(self.names.people.count(), self.profiles.len());
        let mut tags = Numbering::new(self.names.tags.count(), 0);
        let mut nationalities = Numbering::new(self.names.nationalities.count(), 0);
        let mut own = Vec::with_capacity(self.edits.len());
        for (id, briefing) in self.site.briefings.iter().enumerate() {
            let edit = self.edits.get(&id);
            let by_key = match edit {
                Some(((links, _), _)) => LinkRefs::of_links(links),
                None => LinkRefs::of_briefing(briefing),
            };
            let subject = people.add(by_key.subject, id);
            for &key in by_key.who_else_cares {
                let other = people.see(key, id);
                people.named_in[other].push(id);
            }
            for &key in by_key.nationality {
                nationalities.add(key, id);
            }
            for &key in by_key.tags {
                tags.add(key, id);
            }
            if let Some(((links, age), _)) = edit {
                let links = Links {
                    subject,
                    who_else_cares: people.ids(&links.who_else_cares),
                    nationality: nationalities.ids(&links.nationality),
                    tags: tags.ids(&links.tags),
                };
                own.push((id, links, *age));
            }
        }
        Numbered {
            people,
            tags,
            nationalities,
            own,
        }
    }

    /// The parse briefing `id` is linked from now.
    fn parse(&self, id: BriefingId) -> Option<&'p ParsedBriefing> {
        match self.edits.get(&id) {
            Some((_, parsed)) => Some(*parsed),
            None => (self.parsed)(id),
        }
    }

    /// Whether a person or term the site had, first seen in briefing `seen_in` and now first
    /// seen in `first`, keeps its spelling: its first appearance is the same, unedited one.
    fn same_first(&self, seen_in: Option<&BriefingId>, first: BriefingId) -> bool {
        seen_in == Some(&first) && !self.edits.contains_key(&first)
    }

    fn terms(&self, kind: TermKind, numbering: Numbering) -> Option<Vec<Term>> {
        let (old, keys) = match kind {
            TermKind::Tag => (&self.site.tags, &self.names.tags),
            TermKind::Nationality => (&self.site.nationalities, &self.names.nationalities),
        };
        let lists = numbering.lists.into_iter();
        (numbering.keys.into_iter().zip(lists))
            .map(|((key, first), briefings)| {
                let slug = keys.slug(key, |k| &old[k].slug);
                let name = match old.get(key) {
                    Some(term) if self.same_first(term.briefings.first(), first) => {
                        term.name.clone()
                    }
                    _ => self.term_spelling(kind, slug, first)?,
                };
                Some(Term {
                    kind,
                    slug: slug.to_owned(),
                    name,
                    briefings,
                })
            })
            .collect()
    }

    /// How briefing `id` spells the term `slug` (its first spelling of it).
    fn term_spelling(&self, kind: TermKind, slug: &str, id: BriefingId) -> Option<String> {
        let parsed = self.parse(id)?;
        let names = match kind {
            TermKind::Tag => &parsed.tags,
            TermKind::Nationality if !parsed.nationality.is_empty() => &parsed.nationality,
            TermKind::Nationality => {
                let subject = match self.edits.get(&id) {
                    Some(((links, _), _)) => links.subject,
                    None => self.site.briefings[id].subject,
                };
                &self.profiles.get(subject)?.nationality
            }
        };
        spelling(names, slug)
    }

    /// The people in their new order, each with their briefings and, unless a profile says
    /// it, the nationality of their latest briefing.
    fn people(&self, numbering: Numbering, nationalities: &Nationalities) -> Option<Vec<Person>> {
        let (old, keys) = (&self.site.people, &self.names.people);
        let lists = numbering.lists.into_iter().zip(numbering.named_in);
        (numbering.keys.into_iter().zip(lists))
            .map(|((key, first), (about, named_in))| {
                let profile = self.profiles.get(key).copied();
                let mut person = match old.get(key) {
                    Some(person) => person.without_briefings(),
                    None => Person {
                        slug: keys.new[key - keys.known].clone(),
                        ..Person::default()
                    },
                };
                let old_first = old.get(key).and_then(|p| {
                    let seen_in = [p.about.first(), p.named_in.first()];
                    seen_in.into_iter().flatten().min().copied()
                });
                if profile.is_none() && !self.same_first(old_first.as_ref(), first) {
                    person.name = self.person_spelling(&person.slug, first)?;
                }
                (person.about, person.named_in) = (about, named_in);
                nationalities.settle(&mut person, profile);
                Some(person)
            })
            .collect()
    }

    /// How briefing `id` spells the person `slug` (its first spelling of them).
    fn person_spelling(&self, slug: &str, id: BriefingId) -> Option<String> {
        let parsed = self.parse(id)?;
        let names = std::iter::once(&parsed.subject).chain(&parsed.who_else_cares);
        names
            .map(String::as_str)
            .find(|n| slugify(n) == slug)
            .map(|n| n.trim().to_owned())
    }
}

/// The first of `names` that slugs to `slug`, as a term or person would be named from it.
fn spelling(names: &[String], slug: &str) -> Option<String> {
    let name = names.iter().find(|n| slugify(n) == slug)?;
    Some(name.trim().to_owned())
}

/// A briefing's links by key, borrowed from the site or from an edit.
struct LinkRefs<'a> {
    subject: usize,
    who_else_cares: &'a [usize],
    nationality: &'a [usize],
    tags: &'a [usize],
}

impl<'a> LinkRefs<'a> {
    fn of_links(links: &'a Links) -> Self {
        LinkRefs {
            subject: links.subject,
            who_else_cares: &links.who_else_cares,
            nationality: &links.nationality,
            tags: &links.tags,
        }
    }

    fn of_briefing(briefing: &'a Briefing) -> Self {
        LinkRefs {
            subject: briefing.subject,
            who_else_cares: &briefing.who_else_cares,
            nationality: &briefing.nationality,
            tags: &briefing.tags,
        }
    }
}

/// People's nationalities once relinked: the new terms, each briefing's, and where the old
/// terms went.
struct Nationalities<'a> {
    terms: &'a [Term],
    /// A briefing's nationalities (new ids).
    of_briefing: &'a dyn Fn(BriefingId) -> Vec<usize>,
    /// Each old nationality's new id, or `NONE`.
    id_of: &'a [usize],
    /// Whether the edits brought nationalities the site did not have.
    any_new: bool,
}

impl Nationalities<'_> {
    /// Gives `person` their `profile`'s nationalities (with their pages, if any), or else
    /// their latest briefing's.
    fn settle(&self, person: &mut Person, profile: Option<&Person>) {
        if profile.is_some_and(|p| !p.nationality.is_empty()) {
            let old = std::mem::take(&mut person.nationality_terms);
            person.nationality_terms = self.pages(&person.nationality, &old);
            return;
        }
        let latest = person.about.first().map(|&b| (self.of_briefing)(b));
        let terms = latest.unwrap_or_default();
        person.nationality = terms.iter().map(|&t| self.terms[t].name.clone()).collect();
        person.nationality_terms = terms.iter().map(|&t| Some(t)).collect();
    }

    /// The pages of a profile's `names`, which were `old` (the same names, in the old site):
    /// found by slug among the new terms, through the old ones unless there are new ones.
    fn pages(&self, names: &[String], old: &[Option<usize>]) -> Vec<Option<usize>> {
        let find = |name: &String| {
            let slug = slugify(name);
            self.terms.iter().position(|t| t.slug == slug)
        };
        (names.iter().zip(old))
            .map(|(name, old)| match old {
                Some(old) => Some(self.id_of[*old]).filter(|&id| id != NONE),
                None if self.any_new => find(name),
                None => None,
            })
            .collect()
    }
}

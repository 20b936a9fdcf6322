//! Assembling the [`Site`]: choosing what is published, ordering it, and resolving every name
//! to one person and every tag and nationality to one term. Each briefing is visited once, and
//! the per-person and per-term lists are filled as we go, so nothing rescans the whole site.

use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

use super::registry::{PersonRegistry, TermRegistry};
use super::renumbering::Renumbering;
use super::{
    Briefing, BriefingId, Broken, ParsedBriefing, Person, PersonId, Term, TermId, TermKind,
};
use crate::config::SiteConfig;
use crate::diagnostic::codes::{E0022, E0023, W0002};
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::source::Asset;

/// What to publish.
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    pub drafts: bool,
    pub future: bool,
    /// Briefings dated after this day are scheduled, not published (unless `future`).
    pub today: Date,
}

/// The whole site, resolved.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub config: SiteConfig,
    /// Newest first, then by slug: a total, stable order.
    pub briefings: Vec<Briefing>,
    pub people: Vec<Person>,
    pub tags: Vec<Term>,
    pub nationalities: Vec<Term>,
    pub assets: Vec<Asset>,
    /// Drafts and scheduled briefings left out of this build: file and slug.
    pub unpublished: Vec<(PathBuf, String)>,
    /// Briefings with errors, left out of the site (only `serve` builds a site with any).
    pub broken: Vec<Broken>,
}

impl Site {
    pub(crate) fn assemble(
        config: SiteConfig,
        parsed: Vec<ParsedBriefing>,
        profiles: Vec<Person>,
        assets: Vec<Asset>,
        options: BuildOptions,
    ) -> (Site, Diagnostics) {
        let (mut published, unpublished): (Vec<_>, Vec<_>) = parsed.into_iter().partition(|b| {
            (options.drafts || !b.draft) && (options.future || b.date <= options.today)
        });
        published.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        let mut diagnostics = Diagnostics::new();
        let linkage = Linkage::of(published.iter(), profiles);
        diagnostics.extend(linkage.diagnostics);
        let BriefingLinks::Each(links) = linkage.links else {
            unreachable!("Linkage::of links each briefing")
        };
        let briefings = (published.into_iter().zip(links))
            .map(|(parsed, (links, age))| linked(parsed, links, age))
            .collect();
        let site = Site {
            config,
            briefings,
            people: linkage.people,
            tags: linkage.tags,
            nationalities: linkage.nationalities,
            assets,
            unpublished: unpublished.into_iter().map(|b| (b.path, b.slug)).collect(),
            broken: Vec::new(),
        };
        (site, diagnostics)
    }

    /// Puts `linkage` (of this site's briefings, in its order) in place of the site's people,
    /// terms and links; returns the ones it replaced, in the same form. (For a renumbering,
    /// the edited briefings' own links returned are the ones they had when it was applied: a
    /// patch puts their new versions in first, and after undoing puts the old ones back whole.)
    pub(crate) fn relink(&mut self, mut linkage: Linkage) -> Linkage {
        std::mem::swap(&mut self.people, &mut linkage.people);
        std::mem::swap(&mut self.tags, &mut linkage.tags);
        std::mem::swap(&mut self.nationalities, &mut linkage.nationalities);
        let counts = (self.people.len(), self.tags.len(), self.nationalities.len());
        linkage.links = match linkage.links {
            BriefingLinks::Each(mut links) => {
                for (briefing, (links, age)) in self.briefings.iter_mut().zip(&mut links) {
                    let mut old = Links::of(briefing);
                    std::mem::swap(links, &mut old);
                    std::mem::swap(age, &mut briefing.age);
                    old.put_in(briefing);
                }
                BriefingLinks::Each(links)
            }
            BriefingLinks::Renumbered(renumbering) => {
                BriefingLinks::Renumbered(renumbering.apply(&mut self.briefings, counts))
            }
        };
        linkage.diagnostics = Diagnostics::new();
        linkage
    }

    /// Briefing `id` as `parsed`, a new version of it, would be in this site. Only for a
    /// version that [links like](ParsedBriefing::links_like) the one `id` was assembled from:
    /// it then takes the same place, people and terms, and nothing else in the site changes.
    /// Its age is settled again, with any problem put in `diagnostics`.
    pub(crate) fn briefing_replacing(
        &self,
        id: BriefingId,
        parsed: ParsedBriefing,
        diagnostics: &mut Diagnostics,
    ) -> Briefing {
        let old = &self.briefings[id];
        let links = Links {
            subject: old.subject,
            who_else_cares: old.who_else_cares.clone(),
            nationality: old.nationality.clone(),
            tags: old.tags.clone(),
        };
        let age = settle_age(&parsed, &self.people[old.subject], diagnostics);
        linked(parsed, links, age.unwrap_or_default())
    }

    /// People who appear in at least one published briefing or have a profile, in name order.
    pub(crate) fn people_sorted(&self) -> Vec<PersonId> {
        sorted_by_slug(&self.people, |p| &p.slug)
    }

    pub(crate) fn terms(&self, kind: TermKind) -> &[Term] {
        match kind {
            TermKind::Tag => &self.tags,
            TermKind::Nationality => &self.nationalities,
        }
    }

    pub(crate) fn terms_sorted(&self, kind: TermKind) -> Vec<TermId> {
        sorted_by_slug(self.terms(kind), |t| &t.slug)
    }
}

/// The people and terms of a site's briefings (taken in site order), and what each briefing
/// resolves to: the part of assembling that relates briefings to one another, done without
/// the briefings themselves, so that `serve` can do it again cheaply after an edit.
#[derive(Debug, Default)]
pub(crate) struct Linkage {
    pub people: Vec<Person>,
    pub tags: Vec<Term>,
    pub nationalities: Vec<Term>,
    pub(crate) links: BriefingLinks,
    pub diagnostics: Diagnostics,
}

impl Linkage {
    /// Links `briefings`, in site order, to the people of `profiles` and to new people for
    /// names no profile has, filling each person's and term's list of briefings as it goes.
    pub(crate) fn of<'p>(
        briefings: impl IntoIterator<Item = &'p ParsedBriefing>,
        profiles: Vec<Person>,
    ) -> Linkage {
        let mut linker = Linker::new(profiles);
        let links = (briefings.into_iter().enumerate())
            .map(|(id, parsed)| linker.link(id, parsed))
            .collect();
        linker.finish(links)
    }

    /// Each briefing's links and age as they would be in `site` (whose briefings these are),
    /// for comparing two linkages in tests.
    pub(crate) fn links_shown(&self, site: &Site) -> String {
        let each: Vec<(Links, u32)> = (0..site.briefings.len())
            .map(|id| match &self.links {
                BriefingLinks::Each(links) => links[id].clone(),
                BriefingLinks::Renumbered(renumbering) => renumbering.links_of(site, id),
            })
            .collect();
        format!("{each:?}")
    }

    /// Briefing `id` as it would be linked here, with `parsed` for what only it says (for a
    /// renumbering, only a briefing that has links of its own).
    pub(crate) fn briefing(&self, id: BriefingId, parsed: ParsedBriefing) -> Briefing {
        let (links, age) = match &self.links {
            BriefingLinks::Each(links) => links[id].clone(),
            BriefingLinks::Renumbered(renumbering) => renumbering.links_of_own(id),
        };
        linked(parsed, links, age)
    }
}

/// Each briefing's people and terms, and its settled age.
#[derive(Debug)]
pub(crate) enum BriefingLinks {
    /// Each one's, in site order.
    Each(Vec<(Links, u32)>),
    /// The site's own, renumbered, but for a few briefings that have their own.
    Renumbered(Renumbering),
}

impl Default for BriefingLinks {
    fn default() -> Self {
        BriefingLinks::Each(Vec::new())
    }
}

struct Linker {
    people: PersonRegistry,
    tags: TermRegistry,
    nationalities: TermRegistry,
    diagnostics: Diagnostics,
}

impl Linker {
    fn new(profiles: Vec<Person>) -> Self {
        let mut diagnostics = Diagnostics::new();
        Linker {
            people: PersonRegistry::with_profiles(profiles, &mut diagnostics),
            tags: TermRegistry::new(TermKind::Tag),
            nationalities: TermRegistry::new(TermKind::Nationality),
            diagnostics,
        }
    }

    fn link(&mut self, id: BriefingId, parsed: &ParsedBriefing) -> (Links, u32) {
        let subject = self.people.resolve(&parsed.subject);
        let others = self.people.resolve_others(&parsed.who_else_cares, subject);
        let person = &self.people.people[subject];
        let age = settle_age(parsed, person, &mut self.diagnostics);
        let nationality = settle_nationality(parsed, person, &mut self.diagnostics);
        self.people.people[subject].about.push(id);
        for &other in &others {
            self.people.people[other].named_in.push(id);
        }
        let nationality = nationality
            .iter()
            .map(|n| self.nationalities.add(n, id))
            .collect();
        let tags = parsed.tags.iter().map(|t| self.tags.add(t, id)).collect();
        let links = Links {
            subject,
            who_else_cares: others,
            nationality: dedup(nationality),
            tags: dedup(tags),
        };
        (links, age.unwrap_or_default())
    }

    fn finish(self, links: Vec<(Links, u32)>) -> Linkage {
        let mut people = self.people.people;
        for person in &mut people {
            if person.nationality.is_empty() {
                // No profile says it: their latest briefing does.
                if let Some(&latest) = person.about.first() {
                    let terms = &links[latest].0.nationality;
                    person.nationality = terms
                        .iter()
                        .map(|&n| self.nationalities.terms[n].name.clone())
                        .collect();
                }
            }
            person.nationality_terms = person
                .nationality
                .iter()
                .map(|n| self.nationalities.find(n))
                .collect();
        }
        Linkage {
            people,
            tags: self.tags.terms,
            nationalities: self.nationalities.terms,
            links: BriefingLinks::Each(links),
            diagnostics: self.diagnostics,
        }
    }
}

/// What a briefing was resolved to: its people and terms.
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    pub subject: PersonId,
    pub who_else_cares: Vec<PersonId>,
    pub nationality: Vec<TermId>,
    pub tags: Vec<TermId>,
}

impl Links {
    pub(crate) fn of(briefing: &mut Briefing) -> Links {
        Links {
            subject: briefing.subject,
            who_else_cares: std::mem::take(&mut briefing.who_else_cares),
            nationality: std::mem::take(&mut briefing.nationality),
            tags: std::mem::take(&mut briefing.tags),
        }
    }

    pub(crate) fn put_in(self, briefing: &mut Briefing) {
        briefing.subject = self.subject;
        briefing.who_else_cares = self.who_else_cares;
        briefing.nationality = self.nationality;
        briefing.tags = self.tags;
    }
}

fn linked(parsed: ParsedBriefing, links: Links, age: u32) -> Briefing {
    Briefing {
        subject: links.subject,
        age,
        nationality: links.nationality,
        tags: links.tags,
        who_else_cares: links.who_else_cares,
        path: parsed.path,
        slug: parsed.slug,
        title: parsed.title,
        date: parsed.date,
        care_rating: parsed.care_rating,
        authors: parsed.authors,
        sources: parsed.sources,
        summary: parsed.summary.unwrap_or_default(),
        draft: parsed.draft,
        extra: parsed.extra,
        body: parsed.body,
        body_line: parsed.body_line,
        html: Arc::default(),
        plain: Arc::default(),
        headings: Vec::new(),
        fragments: Vec::new(),
        keys: parsed.keys,
    }
}

fn sorted_by_slug<T>(items: &[T], slug: impl Fn(&T) -> &String) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..items.len()).collect();
    ids.sort_by(|&a, &b| slug(&items[a]).cmp(slug(&items[b])));
    ids
}

/// The ids in order, each once (the lists are a few names long: no set needed).
pub(crate) fn dedup(ids: Vec<usize>) -> Vec<usize> {
    let mut unique = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
}

/// The stated age, or the one computed from the profile's birth date at the briefing's date.
pub(crate) fn settle_age(
    briefing: &ParsedBriefing,
    person: &Person,
    diagnostics: &mut Diagnostics,
) -> Option<u32> {
    let computed = person.age_at(briefing.date);
    match (briefing.age, computed, person.born) {
        (_, None, Some(born)) => {
            let (line, column) = briefing.keys.locate("date");
            let message = format!(
                "the briefing is dated {}, before {} was born ({born})",
                briefing.date, person.name
            );
            let help = E0023.help();
            diagnostics.push(
                Diagnostic::error(E0023, &briefing.path, message)
                    .at(line, column)
                    .with_help(help),
            );
            None
        }
        (Some(stated), Some(computed), Some(born)) if stated != computed => {
            let (line, column) = briefing.keys.locate("age");
            diagnostics.push(
                Diagnostic::warning(W0002, &briefing.path, format!(
                    "age {stated} disagrees with {}'s profile: born {born}, they were {computed} on {}",
                    person.name, briefing.date
                ))
                .at(line, column)
                .with_help(format!("write `age: {computed}`, or leave `age` out to compute it")),
            );
            Some(stated)
        }
        (Some(stated), _, _) => Some(stated),
        (None, Some(computed), _) => Some(computed),
        (None, None, _) => {
            diagnostics.push(missing_from_profile(
                briefing,
                person,
                "age",
                "born: YYYY-MM-DD",
            ));
            None
        }
    }
}

pub(crate) fn settle_nationality<'b>(
    briefing: &'b ParsedBriefing,
    person: &Person,
    diagnostics: &mut Diagnostics,
) -> std::borrow::Cow<'b, [String]> {
    if !briefing.nationality.is_empty() {
        return std::borrow::Cow::Borrowed(&briefing.nationality);
    }
    if person.nationality.is_empty() {
        diagnostics.push(missing_from_profile(
            briefing,
            person,
            "nationality",
            "nationality: ...",
        ));
    }
    std::borrow::Cow::Owned(person.nationality.clone())
}

fn missing_from_profile(
    briefing: &ParsedBriefing,
    person: &Person,
    key: &str,
    profile_line: &str,
) -> Diagnostic {
    let help = match &person.profile {
        Some(profile) => format!(
            "add `{key}: ...` here, or `{profile_line}` to {}",
            display_path(profile)
        ),
        None => format!(
            "add `{key}: ...` here, or write a profile content/people/{}.md with `{profile_line}`",
            person.slug
        ),
    };
    let why = match person.profile {
        Some(_) => format!(
            "the key `{key}` is missing and {}'s profile does not give it",
            person.name
        ),
        _ => format!(
            "the key `{key}` is missing and {} has no profile to give it",
            person.name
        ),
    };
    Diagnostic::error(E0022, &briefing.path, why)
        .at(briefing.keys.locate("subject").0, 1)
        .with_help(help)
}

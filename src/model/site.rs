//! Assembling the [`Site`]: choosing what is published, ordering it, and resolving every name
//! to one person and every tag and nationality to one term. Each briefing is visited once, and
//! the per-person and per-term lists are filled as we go, so nothing rescans the whole site.

use crate::hash::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

use super::{Briefing, BriefingId, ParsedBriefing, Person, PersonId, Term, TermId, TermKind};
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::slug::slugify;
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
pub struct Site {
    pub config: SiteConfig,
    /// Newest first, then by slug: a total, stable order.
    pub briefings: Vec<Briefing>,
    pub people: Vec<Person>,
    pub tags: Vec<Term>,
    pub nationalities: Vec<Term>,
    pub assets: Vec<Asset>,
    /// Drafts and scheduled briefings left out of this build: file and the URL they will have.
    pub unpublished: Vec<(PathBuf, String)>,
}

impl Site {
    pub fn assemble(
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
        let mut linker = Linker::new(profiles);
        report_duplicate_slugs(&published, &mut linker.diagnostics);
        for (id, parsed) in published.into_iter().enumerate() {
            linker.add(id, parsed);
        }
        let (mut site, diagnostics) = linker.finish(config, assets);
        site.unpublished = unpublished
            .into_iter()
            .map(|b| (b.path, format!("/briefings/{}/", b.slug)))
            .collect();
        (site, diagnostics)
    }

    /// Briefing `id` as `parsed`, a new version of it, would be in this site. Only for a
    /// version that [links like](ParsedBriefing::links_like) the one `id` was assembled from:
    /// it then takes the same place, people and terms, and nothing else in the site changes.
    /// Its age is settled again, with any problem put in `diagnostics`.
    pub fn briefing_replacing(
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
    pub fn people_sorted(&self) -> Vec<PersonId> {
        sorted_by_slug(&self.people, |p| &p.slug)
    }

    pub fn terms(&self, kind: TermKind) -> &[Term] {
        match kind {
            TermKind::Tag => &self.tags,
            TermKind::Nationality => &self.nationalities,
        }
    }

    pub fn terms_sorted(&self, kind: TermKind) -> Vec<TermId> {
        sorted_by_slug(self.terms(kind), |t| &t.slug)
    }
}

/// Links briefings, in site order, to people and terms, filling each person's and term's
/// list of briefings as it goes.
struct Linker {
    people: PersonRegistry,
    tags: TermRegistry,
    nationalities: TermRegistry,
    briefings: Vec<Briefing>,
    diagnostics: Diagnostics,
}

impl Linker {
    fn new(profiles: Vec<Person>) -> Self {
        let mut diagnostics = Diagnostics::new();
        Linker {
            people: PersonRegistry::with_profiles(profiles, &mut diagnostics),
            tags: TermRegistry::new(TermKind::Tag),
            nationalities: TermRegistry::new(TermKind::Nationality),
            briefings: Vec::new(),
            diagnostics,
        }
    }

    fn add(&mut self, id: BriefingId, parsed: ParsedBriefing) {
        let subject = self.people.resolve(&parsed.subject);
        let others = self.people.resolve_others(&parsed.who_else_cares, subject);
        let person = &self.people.people[subject];
        let age = settle_age(&parsed, person, &mut self.diagnostics);
        let nationality = settle_nationality(&parsed, person, &mut self.diagnostics);
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
        self.briefings
            .push(linked(parsed, links, age.unwrap_or_default()));
    }

    fn finish(self, config: SiteConfig, assets: Vec<Asset>) -> (Site, Diagnostics) {
        let mut people = self.people.people;
        for person in &mut people {
            if person.nationality.is_empty() {
                // No profile says it: their latest briefing does.
                if let Some(&latest) = person.about.first() {
                    let terms = &self.briefings[latest].nationality;
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
        let site = Site {
            config,
            briefings: self.briefings,
            people,
            tags: self.tags.terms,
            nationalities: self.nationalities.terms,
            assets,
            unpublished: Vec::new(),
        };
        (site, self.diagnostics)
    }
}

/// What a briefing was resolved to: its people and terms.
struct Links {
    subject: PersonId,
    who_else_cares: Vec<PersonId>,
    nationality: Vec<TermId>,
    tags: Vec<TermId>,
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

fn dedup(mut ids: Vec<usize>) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    ids
}

/// Two briefings whose file names slug alike would overwrite one page: one error naming both.
fn report_duplicate_slugs(briefings: &[ParsedBriefing], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &PathBuf> = HashMap::default();
    for briefing in briefings {
        if let Some(first) = seen.insert(&briefing.slug, &briefing.path) {
            diagnostics.push(
                Diagnostic::error(
                    "E0020",
                    &briefing.path,
                    format!(
                        "this briefing and `{}` would both be written to /briefings/{}/",
                        display_path(first),
                        briefing.slug
                    ),
                )
                .with_help("rename one of the two files"),
            );
        }
    }
}

/// The stated age, or the one computed from the profile's birth date at the briefing's date.
fn settle_age(
    briefing: &ParsedBriefing,
    person: &Person,
    diagnostics: &mut Diagnostics,
) -> Option<u32> {
    let computed = person.age_at(briefing.date);
    let (line, column) = briefing.keys.locate("age");
    match (briefing.age, computed, person.born) {
        (_, None, Some(born)) => {
            let (line, column) = briefing.keys.locate("date");
            let message = format!(
                "the briefing is dated {}, before {} was born ({born})",
                briefing.date, person.name
            );
            let help = "check the date, and the birth date in the profile";
            diagnostics.push(
                Diagnostic::error("E0023", &briefing.path, message)
                    .at(line, column)
                    .with_help(help),
            );
            None
        }
        (Some(stated), Some(computed), Some(born)) if stated != computed => {
            diagnostics.push(
                Diagnostic::warning("W0002", &briefing.path, format!(
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

fn settle_nationality(
    briefing: &ParsedBriefing,
    person: &Person,
    diagnostics: &mut Diagnostics,
) -> Vec<String> {
    if !briefing.nationality.is_empty() {
        return briefing.nationality.clone();
    }
    if person.nationality.is_empty() {
        diagnostics.push(missing_from_profile(
            briefing,
            person,
            "nationality",
            "nationality: ...",
        ));
    }
    person.nationality.clone()
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
    Diagnostic::error("E0022", &briefing.path, why)
        .at(briefing.keys.locate("subject").0, 1)
        .with_help(help)
}

/// Names and aliases → people, creating a person for every new name.
struct PersonRegistry {
    people: Vec<Person>,
    by_slug: HashMap<String, PersonId>,
    /// Names as written, once resolved: a name recurs in many briefings, and slugging it
    /// (transliteration included) costs more than looking it up.
    by_name: HashMap<String, PersonId>,
}

impl PersonRegistry {
    fn with_profiles(profiles: Vec<Person>, diagnostics: &mut Diagnostics) -> Self {
        let mut registry = PersonRegistry {
            people: Vec::new(),
            by_slug: HashMap::default(),
            by_name: HashMap::default(),
        };
        for profile in profiles {
            let path = profile.profile.clone().unwrap_or_default();
            if let Some(&existing) = registry.by_slug.get(&profile.slug) {
                diagnostics.push(conflict(&path, &profile.name, &registry.people[existing]));
                continue;
            }
            let id = registry.people.len();
            registry.by_slug.insert(profile.slug.clone(), id);
            for alias in &profile.aliases {
                match registry.by_slug.get(&slugify(alias)) {
                    Some(&other) if other != id => {
                        diagnostics.push(conflict(&path, alias, &registry.people[other]))
                    }
                    _ => {
                        registry.by_slug.insert(slugify(alias), id);
                    }
                }
            }
            registry.people.push(profile);
        }
        registry
    }

    fn resolve(&mut self, name: &str) -> PersonId {
        if let Some(&id) = self.by_name.get(name) {
            return id;
        }
        let slug = slugify(name);
        let id = match self.by_slug.get(&slug) {
            Some(&id) => id,
            None => {
                self.people.push(Person {
                    slug: slug.clone(),
                    name: name.trim().to_owned(),
                    ..Person::default()
                });
                self.by_slug.insert(slug, self.people.len() - 1);
                self.people.len() - 1
            }
        };
        self.by_name.insert(name.to_owned(), id);
        id
    }

    fn resolve_others(&mut self, names: &[String], subject: PersonId) -> Vec<PersonId> {
        let ids = names
            .iter()
            .filter(|n| !slugify(n).is_empty())
            .map(|n| self.resolve(n));
        dedup(ids.filter(|&id| id != subject).collect())
    }
}

fn conflict(path: &PathBuf, name: &str, other: &Person) -> Diagnostic {
    let other_file = other
        .profile
        .as_deref()
        .map(display_path)
        .unwrap_or_default();
    Diagnostic::error(
        "E0021",
        path,
        format!(
            "the name `{name}` already belongs to {} ({other_file})",
            other.name
        ),
    )
    .with_help("a name or alias may belong to one person only: remove it from one of the profiles")
}

/// Tag or nationality names → terms, in order of first appearance.
struct TermRegistry {
    kind: TermKind,
    terms: Vec<Term>,
    by_slug: HashMap<String, TermId>,
    /// Names as written, once slugged (a few tags are on most briefings).
    by_name: HashMap<String, TermId>,
}

impl TermRegistry {
    fn new(kind: TermKind) -> Self {
        TermRegistry {
            kind,
            terms: Vec::new(),
            by_slug: HashMap::default(),
            by_name: HashMap::default(),
        }
    }

    /// The term `name` slugs to, made if new.
    fn id_of(&mut self, name: &str) -> TermId {
        let slug = slugify(name);
        *self.by_slug.entry(slug.clone()).or_insert_with(|| {
            self.terms.push(Term {
                kind: self.kind,
                slug,
                name: name.trim().to_owned(),
                briefings: Vec::new(),
            });
            self.terms.len() - 1
        })
    }

    fn find(&self, name: &str) -> Option<TermId> {
        self.by_slug.get(&slugify(name)).copied()
    }

    fn add(&mut self, name: &str, briefing: BriefingId) -> TermId {
        let id = match self.by_name.get(name) {
            Some(&id) => id,
            None => {
                let id = self.id_of(name);
                self.by_name.insert(name.to_owned(), id);
                id
            }
        };
        if self.terms[id].briefings.last() != Some(&briefing) {
            self.terms[id].briefings.push(briefing);
        }
        id
    }
}

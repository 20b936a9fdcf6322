//! The people and terms of a site as its briefings are linked: every name and alias resolved
//! to one person (a new one for a name no profile has), every tag and nationality to one term.

use std::path::PathBuf;

use super::site::dedup;
use super::{BriefingId, Person, PersonId, Term, TermId, TermKind};
use crate::diagnostic::codes::E0021;
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::hash::HashMap;
use crate::slug::slugify;

/// Names and aliases → people, creating a person for every new name.
pub(super) struct PersonRegistry {
    pub(super) people: Vec<Person>,
    by_slug: HashMap<String, PersonId>,
    /// Names as written, once resolved: a name recurs in many briefings, and slugging it
    /// (transliteration included) costs more than looking it up.
    by_name: HashMap<String, PersonId>,
}

impl PersonRegistry {
    pub(super) fn with_profiles(profiles: Vec<Person>, diagnostics: &mut Diagnostics) -> Self {
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

    pub(super) fn resolve(&mut self, name: &str) -> PersonId {
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

    pub(super) fn resolve_others(&mut self, names: &[String], subject: PersonId) -> Vec<PersonId> {
        let mut ids = Vec::with_capacity(names.len());
        for name in names {
            // A name resolved before has a slug; only a new one may be all punctuation.
            if self.by_name.contains_key(name.as_str()) || !slugify(name).is_empty() {
                ids.push(self.resolve(name));
            }
        }
        ids.retain(|&id| id != subject);
        dedup(ids)
    }
}

fn conflict(path: &PathBuf, name: &str, other: &Person) -> Diagnostic {
    let other_file = other
        .profile
        .as_deref()
        .map(display_path)
        .unwrap_or_default();
    Diagnostic::error(
        E0021,
        path,
        format!(
            "the name `{name}` already belongs to {} ({other_file})",
            other.name
        ),
    )
    .with_help(E0021.help())
}

/// Tag or nationality names → terms, in order of first appearance.
pub(super) struct TermRegistry {
    kind: TermKind,
    pub(super) terms: Vec<Term>,
    by_slug: HashMap<String, TermId>,
    /// Names as written, once slugged (a few tags are on most briefings).
    by_name: HashMap<String, TermId>,
}

impl TermRegistry {
    pub(super) fn new(kind: TermKind) -> Self {
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

    pub(super) fn find(&self, name: &str) -> Option<TermId> {
        self.by_slug.get(&slugify(name)).copied()
    }

    pub(super) fn add(&mut self, name: &str, briefing: BriefingId) -> TermId {
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

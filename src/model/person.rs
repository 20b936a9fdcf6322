//! A person: a profile as written ([`PersonMeta`]) and the [`Person`] every briefing about them
//! or naming them links to. Everyone named anywhere is a person, profile or not.

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Deserialize;

use super::checker::Checker;
use super::{BriefingId, TermId};
use crate::diagnostic::Diagnostics;
use crate::front_matter::{self, KeyIndex, Yaml};
use crate::source::SourceFile;

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize, Default))]
struct PersonMeta {
    name: Option<String>,
    /// Names: one, a list, or separated by commas (see [`front_matter::names`]).
    aliases: Option<Yaml>,
    born: Option<Yaml>,
    nationality: Option<Yaml>,
    /// Collected so that each is reported with a suggestion, alongside other mistakes.
    #[serde(flatten)]
    unknown: std::collections::BTreeMap<String, Yaml>,
}

/// The keys a profile may have (a test holds it to [`PersonMeta`]'s fields).
const KEYS: &[&str] = &["name", "aliases", "born", "nationality"];

/// A person as the site knows them.
#[derive(Debug, Clone, Default)]
pub struct Person {
    pub slug: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub born: Option<Date>,
    pub nationality: Vec<String>,
    /// The page of each nationality, where a published briefing carries it.
    pub nationality_terms: Vec<Option<TermId>>,
    /// The profile's file, if the person has one.
    pub profile: Option<PathBuf>,
    pub bio: std::sync::Arc<str>,
    pub bio_line: usize,
    pub bio_html: String,
    /// Briefings about this person, newest first.
    pub about: Vec<BriefingId>,
    /// Briefings that name this person among who else cares, newest first.
    pub named_in: Vec<BriefingId>,
    /// What reading the profile found worth a word but no error, reported by every run.
    pub(crate) warnings: Vec<crate::diagnostic::Diagnostic>,
}

impl Person {
    /// This person without their briefings, to be linked anew (cheaper than a clone: the
    /// busiest have thousands).
    pub(crate) fn without_briefings(&self) -> Person {
        Person {
            slug: self.slug.clone(),
            name: self.name.clone(),
            aliases: self.aliases.clone(),
            born: self.born,
            nationality: self.nationality.clone(),
            nationality_terms: self.nationality_terms.clone(),
            profile: self.profile.clone(),
            bio: std::sync::Arc::clone(&self.bio),
            bio_line: self.bio_line,
            bio_html: self.bio_html.clone(),
            about: Vec::new(),
            named_in: Vec::new(),
            warnings: self.warnings.clone(),
        }
    }

    /// Completed years at `date`, if the birth date is known.
    pub(crate) fn age_at(&self, date: Date) -> Option<u32> {
        let born = self.born?;
        let mut years = date.year() - born.year();
        if (date.month(), date.day()) < (born.month(), born.day()) {
            years -= 1;
        }
        u32::try_from(years).ok()
    }
}

/// Reads a profile (`content/people/<slug>.md`), reporting every problem found in it.
pub fn parse(file: &SourceFile) -> Result<Person, Diagnostics> {
    let path = &file.path;
    let (text, dropped) = front_matter::clean(path, &file.text);
    let fm = front_matter::split(path, &text)?;
    let read = front_matter::read::<PersonMeta>(path, &text, &fm, KEYS);
    let keys = KeyIndex::new(&read.yaml, fm.yaml_line);
    let mut check = Checker::new(path, &text, &keys);
    let meta = check.read(read);
    check.extend(dropped);
    check.placeholders();
    let Some(meta) = meta else {
        return Err(check.finish().sorted());
    };
    check.unknown_keys(&meta.unknown, KEYS);
    let name = check.required_name("name", meta.name).unwrap_or_default();
    let aliases = check.names("aliases", meta.aliases);
    check.names_make_urls("aliases", &aliases);
    let nationality = check.names("nationality", meta.nationality);
    let born = meta
        .born
        .and_then(|value| check.date_value(value, "born", None));
    let diagnostics = check.finish();
    let warnings = diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .cloned()
        .collect();
    diagnostics.into_result(Person {
        warnings,
        slug: crate::slug::slugify(&name),
        name,
        aliases,
        born,
        nationality,
        profile: Some(path.clone()),
        bio: fm.body.into(),
        bio_line: fm.body_line,
        ..Person::default()
    })
}

#[cfg(test)]
mod tests {
    use super::{KEYS, PersonMeta};

    #[test]
    fn the_known_keys_are_the_front_matter_fields() {
        let fields = crate::front_matter::field_names(&PersonMeta::default());
        assert_eq!(fields, KEYS);
    }
}

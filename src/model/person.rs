//! A person: a profile as written ([`PersonMeta`]) and the [`Person`] every briefing about them
//! or naming them links to. Everyone named anywhere is a person, profile or not.

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Deserialize;

use super::{BriefingId, OneOrMany, parse_date};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::front_matter::{self, KeyIndex, Yaml, scalar_text};
use crate::source::SourceFile;

#[derive(Debug, Deserialize)]
struct PersonMeta {
    name: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    born: Option<Yaml>,
    nationality: Option<OneOrMany>,
    /// Collected so that each is reported with a suggestion, alongside other mistakes.
    #[serde(flatten)]
    unknown: std::collections::BTreeMap<String, Yaml>,
}

const KEYS: &[&str] = &["name", "aliases", "born", "nationality"];

/// A person as the site knows them.
#[derive(Debug, Clone, Default)]
pub struct Person {
    pub slug: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub born: Option<Date>,
    pub nationality: Vec<String>,
    /// The profile's file, if the person has one.
    pub profile: Option<PathBuf>,
    pub bio: String,
    pub bio_line: usize,
    pub bio_html: String,
    /// Briefings about this person, newest first.
    pub about: Vec<BriefingId>,
    /// Briefings that name this person among who else cares, newest first.
    pub named_in: Vec<BriefingId>,
}

impl Person {
    pub fn url(&self) -> String {
        format!("/people/{}/", self.slug)
    }

    /// Completed years at `date`, if the birth date is known.
    pub fn age_at(&self, date: Date) -> Option<u32> {
        let born = self.born?;
        let mut years = date.year() - born.year();
        if (date.month(), date.day()) < (born.month(), born.day()) {
            years -= 1;
        }
        u32::try_from(years).ok()
    }
}

/// Reads a profile (`content/people/<slug>.md`).
pub fn parse(file: &SourceFile) -> Result<Person, Diagnostics> {
    let path = &file.path;
    let fm = front_matter::split(path, &file.text)?;
    let meta: PersonMeta = front_matter::deserialize(path, fm.yaml, fm.yaml_line)?;
    let keys = KeyIndex::new(fm.yaml, fm.yaml_line);
    let mut diagnostics: Diagnostics = meta
        .unknown
        .keys()
        .map(|key| {
            let unknown = front_matter::unknown_key(path, key, KEYS).at(keys.locate(key).0, 1);
            unknown.with_snippet_from(&file.text)
        })
        .collect();
    let mut fail = |key: &str, code, message: String, help: &str| {
        let (line, column) = keys.locate(key);
        diagnostics.push(
            Diagnostic::error(code, path, message)
                .at(line, column)
                .with_help(help)
                .with_snippet_from(&file.text),
        );
    };
    let name = meta
        .name
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    match &name {
        None => fail(
            "name",
            "E0010",
            "the required key `name` is missing or empty".into(),
            "add `name: Full Name` to the front matter",
        ),
        Some(name) if crate::slug::slugify(name).is_empty() => fail(
            "name",
            "E0016",
            format!("the name `{name}` has no letter or digit to make a URL from"),
            "write the person's name, e.g. `Sergey Lavrov`",
        ),
        Some(_) => {}
    }
    for alias in meta
        .aliases
        .iter()
        .filter(|a| crate::slug::slugify(a).is_empty())
    {
        fail(
            "aliases",
            "E0016",
            format!("the alias `{alias}` has no letter or digit to match a name by"),
            "write aliases in words, e.g. `Sergei Lavrov`",
        );
    }
    let born = match meta.born.map(|v| scalar_text(&v)) {
        Some(text) => match parse_date(&text) {
            Ok(date) => Some(date),
            Err(why) => {
                fail(
                    "born",
                    "E0011",
                    format!("`{text}` is not a valid date: {why}"),
                    "write the birth date as YYYY-MM-DD, e.g. `1950-03-21`",
                );
                None
            }
        },
        None => None,
    };
    let name = name.unwrap_or_default();
    diagnostics.into_result(Person {
        slug: crate::slug::slugify(&name),
        name,
        aliases: meta.aliases,
        born,
        nationality: meta
            .nationality
            .map(OneOrMany::into_vec)
            .unwrap_or_default(),
        profile: Some(path.clone()),
        bio: fm.body.to_owned(),
        bio_line: fm.body_line,
        ..Person::default()
    })
}

//! A briefing: its front matter as written ([`BriefingMeta`]), checked into [`ParsedBriefing`]
//! (names not yet resolved), and the linked [`Briefing`] the site is made of.

use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;
use serde::Deserialize;

use super::checker::Checker;
use super::{PersonId, TermId};
use crate::config::is_http_url;
use crate::diagnostic::codes::{E0012, E0013, E0014, E0015, E0016};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::front_matter::{self, FrontMatter, KeyIndex, Yaml, scalar_text as yaml_text};
use crate::markdown::{FragmentLink, Heading};

use crate::slug::slugify;
use crate::source::SourceFile;

/// The front matter exactly as a member writes it. Fields whose mistakes deserve a friendlier
/// message than serde's (`date`, `care-rating`, `age`, the names) are taken as free YAML and
/// checked by hand.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize, Default))]
#[serde(rename_all = "kebab-case")]
struct BriefingMeta {
    title: Option<String>,
    date: Option<Yaml>,
    subject: Option<String>,
    age: Option<Yaml>,
    /// Names: one, a list, or separated by commas (see [`front_matter::names`]).
    nationality: Option<Yaml>,
    care_rating: Option<Yaml>,
    tags: Option<Yaml>,
    who_else_cares: Option<Yaml>,
    author: Option<Yaml>,
    #[serde(default)]
    sources: Vec<SourceMeta>,
    summary: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    extra: Yaml,
    /// Collected rather than refused at once, so that every mistake of the file is reported.
    #[serde(flatten)]
    unknown: std::collections::BTreeMap<String, Yaml>,
}

/// The keys a briefing may have, for "did you mean" suggestions (a test holds it to
/// [`BriefingMeta`]'s fields).
const KEYS: &[&str] = &[
    "title",
    "date",
    "subject",
    "age",
    "nationality",
    "care-rating",
    "tags",
    "who-else-cares",
    "author",
    "sources",
    "summary",
    "draft",
    "extra",
];

/// The keys of a source, which the front matter's scanner must know too.
const SOURCE_KEYS: &[&str] = &["title", "url", "publisher", "date"];

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(deny_unknown_fields)]
struct SourceMeta {
    title: String,
    url: String,
    publisher: Option<String>,
    date: Option<Yaml>,
}

/// A news article a briefing draws on.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: String,
    pub publisher: Option<String>,
    pub date: Option<Date>,
}

/// A briefing whose front matter is valid, before people and terms are resolved.
#[derive(Debug, Clone)]
pub struct ParsedBriefing {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub subject: String,
    pub age: Option<u32>,
    pub nationality: Vec<String>,
    pub care_rating: u8,
    pub tags: Vec<String>,
    pub who_else_cares: Vec<String>,
    pub authors: Vec<String>,
    pub sources: Vec<Source>,
    pub summary: Option<String>,
    pub draft: bool,
    pub extra: Yaml,
    pub body: Arc<str>,
    pub body_line: usize,
    /// Where each key sits, for messages raised once the site is known (age, nationality).
    pub(crate) keys: Arc<KeyIndex>,
    /// What reading it found worth a word but no error (curly quotes read as straight ones),
    /// reported by every run that uses this parse.
    pub(crate) warnings: Vec<Diagnostic>,
}

impl ParsedBriefing {
    /// Whether `other` (a new version of the same file) takes the same place among the site's
    /// briefings: the same page, date and publication.
    pub(crate) fn places_like(&self, other: &ParsedBriefing) -> bool {
        self.placing().0 == other.placing().0
    }

    /// Whether `other` (a new version of the same file) takes the same place in the site and
    /// names the same people and terms, spelt the same: then the site around it is assembled
    /// as it was, and only what shows the briefing itself changes.
    pub(crate) fn links_like(&self, other: &ParsedBriefing) -> bool {
        self.placing() == other.placing()
    }

    /// Where it stands (file, page, date, publication), and whom and what it names. Names
    /// every field, so that a new one does not compile until its author says whether it
    /// moves the briefing or links it to others (then `serve` must assemble the site anew).
    fn placing(&self) -> (Placing<'_>, Naming<'_>) {
        let ParsedBriefing {
            path,
            slug,
            date,
            draft,
            subject,
            who_else_cares,
            tags,
            nationality,
            // What only the briefing itself shows.
            title: _,
            age: _,
            care_rating: _,
            authors: _,
            sources: _,
            summary: _,
            extra: _,
            body: _,
            body_line: _,
            keys: _,
            warnings: _,
        } = self;
        (
            (path, slug, *date, *draft),
            (subject, who_else_cares, tags, nationality),
        )
    }
}

type Placing<'b> = (&'b PathBuf, &'b str, Date, bool);
type Naming<'b> = (&'b str, &'b [String], &'b [String], &'b [String]);

/// A briefing of the site, linked to its people and terms.
#[derive(Debug, Clone)]
pub(crate) struct Briefing {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub subject: PersonId,
    pub age: u32,
    pub nationality: Vec<TermId>,
    pub care_rating: u8,
    pub tags: Vec<TermId>,
    pub who_else_cares: Vec<PersonId>,
    pub authors: Vec<String>,
    pub sources: Vec<Source>,
    /// The front matter's `summary`, else (once Markdown is rendered) the first paragraph.
    pub summary: String,
    pub draft: bool,
    pub extra: Yaml,
    pub body: Arc<str>,
    pub body_line: usize,
    /// The body as HTML, rendered once by the Markdown stage and shared by page and feeds.
    pub html: Arc<str>,
    /// The body as plain text, for the house's text posts (`post.txt`).
    pub plain: Arc<str>,
    /// The body's headings and its links to headings, from the Markdown stage, for checks.
    pub headings: Vec<Heading>,
    pub fragments: Vec<FragmentLink>,
    /// Where each front-matter key sits, for checks that point at one.
    pub keys: Arc<KeyIndex>,
}

/// Checks one briefing file; every problem found in it is returned, not just the first: the
/// mistakes of its YAML, and those of the values it holds as far as they can be read.
pub fn parse(file: &SourceFile) -> Result<ParsedBriefing, Diagnostics> {
    let path = &file.path;
    let (text, dropped) = front_matter::clean(path, &file.text);
    let fm = front_matter::split(path, &text)?;
    let known = [KEYS, SOURCE_KEYS].concat();
    let read = front_matter::read::<BriefingMeta>(path, &text, &fm, &known);
    let keys = KeyIndex::new(&read.yaml, fm.yaml_line);
    let mut check = Checker::new(path, &text, &keys);
    let meta = check.read(read);
    check.extend(dropped);
    check.placeholders();
    let parsed = meta.and_then(|meta| check.briefing(meta, &fm));
    let diagnostics = check.finish();
    match parsed {
        Some(parsed) if !diagnostics.has_errors() => Ok(ParsedBriefing {
            keys: keys.into(),
            warnings: diagnostics.into_iter().collect(),
            ..parsed
        }),
        _ => Err(diagnostics.sorted()),
    }
}

/// The checks only briefings have.
impl Checker<'_> {
    /// The briefing `meta` describes, if its required keys are there and valid; every problem
    /// of its values is collected.
    fn briefing(&mut self, meta: BriefingMeta, fm: &FrontMatter<'_>) -> Option<ParsedBriefing> {
        self.unknown_keys(&meta.unknown, KEYS);
        let stem = (self.path.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let slug = self.file_slug(&stem);
        let title = self.required_text("title", meta.title);
        let subject = self.required_name("subject", meta.subject);
        let date = self.date(meta.date, &stem);
        let care_rating = self.care_rating(meta.care_rating);
        let age = meta.age.and_then(|value| self.age(value));
        let sources = (meta.sources.into_iter().enumerate())
            .filter_map(|(n, s)| self.source(n, s))
            .collect();
        let nationality = self.names("nationality", meta.nationality);
        let tags = self.names("tags", meta.tags);
        let who_else_cares = self.names("who-else-cares", meta.who_else_cares);
        let authors = self.names("author", meta.author);
        self.names_make_urls("tags", &tags);
        self.names_make_urls("nationality", &nationality);
        self.names_make_urls("who-else-cares", &who_else_cares);
        Some(ParsedBriefing {
            path: self.path.to_owned(),
            slug,
            title: title?,
            date: date?,
            subject: subject?,
            age,
            nationality,
            care_rating: care_rating?,
            tags,
            who_else_cares,
            authors,
            sources,
            summary: meta.summary.filter(|s| !s.trim().is_empty()),
            draft: meta.draft,
            extra: meta.extra,
            body: fm.body.into(),
            body_line: fm.body_line,
            keys: Arc::default(),
            warnings: Vec::new(),
        })
    }

    /// The page's slug, from the file name.
    fn file_slug(&mut self, stem: &str) -> String {
        let slug = slugify(stem);
        if slug.is_empty() {
            let help = "rename the file, e.g. `2022-01-13-lavrov.md`";
            self.file_error(
                E0016,
                "the file name has no letter or digit to make a URL from",
                help,
            );
        }
        slug
    }

    fn date(&mut self, value: Option<Yaml>, stem: &str) -> Option<Date> {
        let Some(value) = value else {
            if let Some(date) = stem
                .get(..10)
                .and_then(|prefix| prefix.parse::<Date>().ok())
            {
                return Some(date);
            }
            self.missing("date", "the required key `date` is missing".into(), "add `date: YYYY-MM-DD`, or start the file name with the date (`2022-01-13-title.md`)");
            return None;
        };
        self.date_value(value, "date", None)
    }

    fn care_rating(&mut self, value: Option<Yaml>) -> Option<u8> {
        let Some(value) = value else {
            self.missing(
                "care-rating",
                "the required key `care-rating` is missing".into(),
                "add `care-rating: N`, a whole number from 0 to 10",
            );
            return None;
        };
        match front_matter::from_value::<i64>(value.clone()) {
            Some(n @ 0..=10) => Some(n as u8),
            Some(n) => {
                self.key_error(
                    "care-rating",
                    E0013,
                    format!("care-rating must be from 0 to 10, not {n}"),
                    E0013.help(),
                );
                None
            }
            None => {
                let text = yaml_text(&value);
                let digits: String = text
                    .trim()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                let help = match digits.parse::<u8>() {
                    Ok(n) if n <= 10 => format!("write the number alone: `care-rating: {n}`"),
                    _ => "write a whole number from 0 to 10, e.g. `care-rating: 6`".to_owned(),
                };
                self.key_error(
                    "care-rating",
                    E0012,
                    format!("care-rating must be a whole number from 0 to 10, not `{text}`"),
                    &help,
                );
                None
            }
        }
    }

    fn age(&mut self, value: Yaml) -> Option<u32> {
        match front_matter::from_value::<i64>(value.clone()) {
            Some(n @ 0..=150) => Some(n as u32),
            _ => {
                let text = yaml_text(&value);
                self.key_error(
                    "age",
                    E0014,
                    format!("age must be a whole number of years from 0 to 150, not `{text}`"),
                    E0014.help(),
                );
                None
            }
        }
    }

    fn source(&mut self, n: usize, meta: SourceMeta) -> Option<Source> {
        let at = self.keys.locate_source(n, "url");
        if !is_http_url(meta.url.trim()) {
            self.push_at(
                at,
                E0015,
                format!(
                    "the source URL `{}` is not an absolute http(s) URL",
                    meta.url
                ),
                E0015.help(),
            );
            return None;
        }
        let date = match meta.date {
            Some(value) => {
                Some(self.date_value(value, "sources", Some(self.keys.locate_source(n, "date")))?)
            }
            None => None,
        };
        Some(Source {
            title: meta.title,
            url: meta.url.trim().to_owned(),
            publisher: meta.publisher,
            date,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{BriefingMeta, KEYS};

    #[test]
    fn the_known_keys_are_the_front_matter_fields() {
        let fields = crate::front_matter::field_names(&BriefingMeta::default());
        assert_eq!(fields, KEYS);
    }
}

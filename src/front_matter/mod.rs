//! YAML front matter: finding the `---` block, reading it, and explaining its mistakes at the
//! lines of the original file, in a member's words ([`read`] finds them all in one round).
//!
//! This is the only module that knows `serde_yaml` exists (it is deprecated upstream; keeping it
//! behind one door means it can be swapped). `site.yaml` goes through here too.

pub(crate) mod control;
mod explain;
mod read;
mod scan;
mod shape;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;

pub(crate) use read::{Read, read};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::{E0001, E0002, E0003};

/// A free-form YAML value (`extra`, and fields we validate by hand for friendlier errors).
pub(crate) type Yaml = serde_yaml::Value;

/// A Markdown file cut into its YAML block and its body, with where each starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// The text of a Markdown file (LF-normalised) as pages may hold it, and a warning for each
/// character left out ([`control`]); its front matter's escapes are decoded to judge them.
pub(crate) fn clean<'a>(file: &Path, text: &'a str) -> (Cow<'a, str>, Vec<Diagnostic>) {
    let mut lines = text.lines();
    let yaml = match lines.next().is_some_and(is_fence) {
        false => 0,
        true => lines.position(is_fence).map_or(usize::MAX, |n| n + 1),
    };
    clean_lines(file, text, yaml)
}

/// [`clean`] for a file that is YAML throughout (`site.yaml`).
pub(crate) fn clean_yaml<'a>(file: &Path, text: &'a str) -> (Cow<'a, str>, Vec<Diagnostic>) {
    clean_lines(file, text, usize::MAX)
}

fn clean_lines<'a>(file: &Path, text: &'a str, yaml: usize) -> (Cow<'a, str>, Vec<Diagnostic>) {
    let (kept, dropped) = control::drop_forbidden(text, yaml);
    (kept, control::warnings(file, text, &dropped))
}

/// Cuts `text` (already LF-normalised) at its `---` lines.
pub(crate) fn split<'a>(file: &Path, text: &'a str) -> Result<FrontMatter<'a>, Diagnostic> {
    let Some(rest) = strip_fence(text) else {
        return Err(Diagnostic::error(E0001, file, E0001.title())
            .at(1, 1)
            .with_help(E0001.help())
            .with_snippet_from(text));
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if is_fence(line) {
            return Ok(FrontMatter {
                yaml: &rest[..offset],
                yaml_line: 2,
                body: &rest[offset + line.len()..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(E0002, file, E0002.title())
        .at(1, 1)
        .with_help(E0002.help())
        .with_snippet_from(text))
}

fn strip_fence(text: &str) -> Option<&str> {
    let first = text.split_inclusive('\n').next()?;
    is_fence(first).then(|| &text[first.len()..])
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Deserialises `yaml` (which starts on line `first_line` of `file`) into `T`, or says what
/// its first mistake is (for files with one message at a time: `site.yaml`, `theme.yaml`).
pub(crate) fn deserialize<T: DeserializeOwned>(
    file: &Path,
    yaml: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(read::or_empty(yaml)).map_err(|error| {
        read::first_mistake(file, yaml, first_line)
            .unwrap_or_else(|| explain::yaml_diagnostic(file, yaml, first_line, &error))
    })
}

/// The names a key holds: one name, a list of them, or (as members often write a list) names
/// separated by commas, `tags: Germany, Russia, energy`. A name that holds a comma is written
/// in a list, in quotes: `author: ["Smith, Jane"]`. `Err` says what the value is instead.
pub(crate) fn names(value: Yaml) -> Result<Vec<String>, &'static str> {
    let names = match value {
        Yaml::Null => Vec::new(),
        Yaml::String(text) => text.split(',').map(str::to_owned).collect(),
        Yaml::Sequence(items) => {
            let scalar = |item: &Yaml| !matches!(item, Yaml::Sequence(_) | Yaml::Mapping(_));
            if !items.iter().all(scalar) {
                return Err("a list holding lists or keys");
            }
            items.iter().map(scalar_text).collect()
        }
        Yaml::Mapping(_) => return Err("a group of keys"),
        Yaml::Tagged(_) => return Err("a tagged value"),
        other => vec![scalar_text(&other)],
    };
    Ok(names
        .into_iter()
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .collect())
}

/// Deserialises a free-form value into `T` (used for fields checked by hand).
pub(crate) fn from_value<T: DeserializeOwned>(value: Yaml) -> Option<T> {
    serde_yaml::from_value(value).ok()
}

/// `text` as a one-line YAML scalar, quoted only where YAML needs it (`yes`, `12`, `a: b`…).
pub(crate) fn scalar(text: &str) -> String {
    serde_yaml::to_string(text)
        .map(|yaml| yaml.trim_end().to_owned())
        .unwrap_or_else(|_| format!("{text:?}"))
}

/// A scalar as the member wrote it, for quoting back in a message.
pub(crate) fn scalar_text(value: &Yaml) -> String {
    match value {
        Yaml::String(s) => s.clone(),
        Yaml::Number(n) => n.to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Null => String::new(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// The error for a key the schema does not have, with the likeliest intended key.
pub(crate) fn unknown_key(file: &Path, key: &str, known: &[&str]) -> Diagnostic {
    Diagnostic::error(E0003, file, format!("unknown key `{key}`"))
        .with_help(unknown_key_help(key, known))
}

pub(super) fn unknown_key_help(key: &str, known: &[&str]) -> String {
    match suggest(key, known) {
        Some(known) => format!("did you mean `{known}`? Free-form data goes under `extra`"),
        None => format!(
            "known keys are {}; free-form data goes under `extra`",
            known.join(", ")
        ),
    }
}

/// The known name closest to `unknown`, if one is close enough to be a likely typo.
pub(crate) fn suggest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let normalised = unknown.to_ascii_lowercase().replace(['_', ' '], "-");
    known
        .iter()
        .map(|k| (strsim::normalized_damerau_levenshtein(&normalised, k), *k))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Where each top-level key of a YAML block is, and each key of each `sources` item, to point
/// at values we validate by hand. Written for the block style members use; keys it cannot
/// place (flow style, `[a, b]`) fall back to their parent key or the opening `---`.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyIndex {
    keys: HashMap<String, Position>,
    sources: Vec<HashMap<String, Position>>,
    first_line: usize,
}

/// Line and column (1-based) of a value.
type Position = (usize, usize);

impl KeyIndex {
    pub(crate) fn new(yaml: &str, first_line: usize) -> Self {
        let mut index = KeyIndex {
            first_line,
            ..KeyIndex::default()
        };
        let mut in_sources = false;
        for (n, line) in yaml.lines().enumerate() {
            let top_level = !line.starts_with([' ', '\t', '-', '#']);
            let trimmed = line.trim_start();
            let item = trimmed.strip_prefix("- ");
            let Some((key, value)) = item.unwrap_or(trimmed).split_once(':') else {
                continue;
            };
            let position = (first_line + n, line.len() - value.trim_start().len() + 1);
            let key = key.trim().to_owned();
            if top_level {
                in_sources = key == "sources";
                index.keys.entry(key).or_insert(position);
            } else if in_sources {
                if item.is_some() || index.sources.is_empty() {
                    index.sources.push(HashMap::new());
                }
                let source = index.sources.last_mut().expect("pushed above");
                source.entry(key).or_insert(position);
            }
        }
        index
    }

    /// Line and column of `key`'s value, or of the start of the block if the key is absent.
    pub(crate) fn locate(&self, key: &str) -> Position {
        self.keys
            .get(key)
            .copied()
            .unwrap_or((self.first_line.saturating_sub(1).max(1), 1))
    }

    /// Line and column of `key` in the `n`th source (0-based), else of `sources` itself.
    pub(crate) fn locate_source(&self, n: usize, key: &str) -> Position {
        let found = self.sources.get(n).and_then(|source| source.get(key));
        found.copied().unwrap_or_else(|| self.locate("sources"))
    }
}

/// The keys `value` (a front matter as written, with its defaults) serialises to, in order:
/// for tests that hold lists of known keys to the structs.
#[cfg(test)]
pub(crate) fn field_names(value: &impl serde::Serialize) -> Vec<String> {
    let yaml = serde_yaml::to_value(value).expect("front matter serialises");
    let keys = yaml.as_mapping().expect("a mapping").keys();
    keys.map(|key| key.as_str().expect("string keys").to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_both_fences() {
        let text = "---\ntitle: x\n---\nbody\n";
        let fm = split(Path::new("a.md"), text).unwrap();
        assert_eq!(fm.yaml, "title: x\n");
        assert_eq!(fm.body, "body\n");
        assert_eq!(fm.body_line, 4);
    }

    #[test]
    fn dashes_inside_a_value_do_not_close() {
        let text = "---\ntitle: wait---\n---\n";
        assert_eq!(
            split(Path::new("a.md"), text).unwrap().yaml,
            "title: wait---\n"
        );
    }

    #[test]
    fn suggests_the_kebab_case_key() {
        assert_eq!(
            suggest("care_rating", &["title", "care-rating"]),
            Some("care-rating")
        );
        assert_eq!(suggest("zzzzzz", &["title", "care-rating"]), None);
    }

    #[test]
    fn key_index_points_at_values() {
        let yaml = "title: x\ncare-rating: 11\nextra:\n  url: z\nsources:\n  - url: y\n    date: d\n  - title: t\n    url: w\n";
        let index = KeyIndex::new(yaml, 2);
        assert_eq!(index.locate("care-rating"), (3, 14));
        assert_eq!(index.locate_source(0, "url"), (7, 10));
        assert_eq!(index.locate_source(0, "date"), (8, 11));
        assert_eq!(index.locate_source(1, "url"), (10, 10));
        assert_eq!(index.locate_source(2, "url"), (6, 9));
    }
}

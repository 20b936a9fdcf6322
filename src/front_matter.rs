//! YAML front matter: finding the `---` block, deserialising it, and pinning YAML errors to the
//! lines of the original file.
//!
//! This is the only module that knows `serde_yaml` exists (it is deprecated upstream; keeping it
//! behind one door means it can be swapped). `site.yaml` goes through here too.

use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;

/// A free-form YAML value (`extra`, and fields we validate by hand for friendlier errors).
pub type Yaml = serde_yaml::Value;

/// A Markdown file cut into its YAML block and its body, with where each starts.
#[derive(Debug, Clone, Copy)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Cuts `text` (already LF-normalised) at its `---` lines.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<FrontMatter<'a>, Diagnostic> {
    let Some(rest) = strip_fence(text) else {
        return Err(
            Diagnostic::error("E0001", file, "the file does not start with front matter")
                .at(1, 1)
                .with_help("start the file with a line `---`, the YAML keys, then another `---`")
                .with_snippet_from(text),
        );
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
    Err(
        Diagnostic::error("E0002", file, "the front matter is never closed")
            .at(1, 1)
            .with_help("add a line `---` after the last front-matter key, before the Markdown")
            .with_snippet_from(text),
    )
}

fn strip_fence(text: &str) -> Option<&str> {
    let first = text.split_inclusive('\n').next()?;
    is_fence(first).then(|| &text[first.len()..])
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Deserialises `yaml` (which starts on line `first_line` of `file`) into `T`.
pub fn deserialize<T: DeserializeOwned>(
    file: &Path,
    yaml: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    // An empty block is an empty mapping, not `null`, so missing keys are reported as missing.
    let yaml_or_empty = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(yaml_or_empty)
        .map_err(|error| yaml_diagnostic(file, yaml, first_line, &error))
}

/// Deserialises a free-form value into `T` (used for fields checked by hand).
pub fn from_value<T: DeserializeOwned>(value: Yaml) -> Option<T> {
    serde_yaml::from_value(value).ok()
}

/// A scalar as the member wrote it, for quoting back in a message.
pub fn scalar_text(value: &Yaml) -> String {
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

fn yaml_diagnostic(
    file: &Path,
    yaml: &str,
    first_line: usize,
    error: &serde_yaml::Error,
) -> Diagnostic {
    let raw = error.to_string();
    let message = strip_position(&raw);
    let (line, column) = match error.location() {
        Some(location) => (location.line() + first_line - 1, location.column()),
        None => (first_line, 1),
    };
    let (message, help) = explain(message);
    let line_text = yaml
        .lines()
        .nth(line.saturating_sub(first_line))
        .unwrap_or("");
    let mut diagnostic = Diagnostic::error("E0003", file, message).at(line, column);
    diagnostic.snippet = Some(line_text.to_owned());
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// serde_yaml appends " at line L column C"; we show the position our own way.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(index) => &message[..index],
        None => message,
    }
}

/// Rewords serde's messages in the vocabulary of a front-matter writer, with a fix.
fn explain(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let key = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let help = match suggest(key, &expected) {
            Some(known) => format!("did you mean `{known}`? Free-form data goes under `extra`"),
            None => format!(
                "known keys are {}; free-form data goes under `extra`",
                expected.join(", ")
            ),
        };
        let prefix = message.split("unknown field").next().unwrap_or_default();
        return (format!("{prefix}unknown key `{key}`"), Some(help));
    }
    if let Some(rest) = message.split("duplicate field `").nth(1) {
        let key = rest.split('`').next().unwrap_or_default();
        return (
            format!("the key `{key}` is given twice"),
            Some("keep only one of them".to_owned()),
        );
    }
    if let Some(rest) = message.split("missing field `").nth(1) {
        let key = rest.split('`').next().unwrap_or_default();
        return (format!("the required key `{key}` is missing"), None);
    }
    if message.contains("invalid type") || message.contains("invalid value") {
        return (message.replace("field", "key"), None);
    }
    (
        format!("the front matter is not valid YAML: {message}"),
        Some("check the indentation, and quote values that contain `: ` or start with a special character".to_owned()),
    )
}

/// The error for a key the schema does not have, with the likeliest intended key.
pub fn unknown_key(file: &Path, key: &str, known: &[&str]) -> Diagnostic {
    Diagnostic::error("E0003", file, format!("unknown key `{key}`"))
        .with_help(unknown_key_help(key, known))
}

fn unknown_key_help(key: &str, known: &[&str]) -> String {
    match suggest(key, known) {
        Some(known) => format!("did you mean `{known}`? Free-form data goes under `extra`"),
        None => format!(
            "known keys are {}; free-form data goes under `extra`",
            known.join(", ")
        ),
    }
}

/// The known name closest to `unknown`, if one is close enough to be a likely typo.
pub fn suggest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let normalised = unknown.to_ascii_lowercase().replace(['_', ' '], "-");
    known
        .iter()
        .map(|k| (strsim::normalized_damerau_levenshtein(&normalised, k), *k))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Where each top-level key of a YAML block is, to point at values we validate by hand.
#[derive(Debug, Clone, Default)]
pub struct KeyIndex {
    keys: HashMap<String, (usize, usize)>,
    /// Lines of `url:` keys, in order, for pointing at one source of a list.
    urls: Vec<(usize, usize)>,
    first_line: usize,
}

impl KeyIndex {
    pub fn new(yaml: &str, first_line: usize) -> Self {
        let mut index = KeyIndex {
            first_line,
            ..KeyIndex::default()
        };
        for (n, line) in yaml.lines().enumerate() {
            let line_no = first_line + n;
            let trimmed = line.trim_start().trim_start_matches("- ");
            let Some((key, value)) = trimmed.split_once(':') else {
                continue;
            };
            let value_column = line.len() - value.trim_start().len() + 1;
            if key == "url" {
                index.urls.push((line_no, value_column));
            }
            if !line.starts_with([' ', '\t', '-', '#']) {
                index
                    .keys
                    .entry(key.trim().to_owned())
                    .or_insert((line_no, value_column));
            }
        }
        index
    }

    /// Line and column of `key`'s value, or of the start of the block if the key is absent.
    pub fn locate(&self, key: &str) -> (usize, usize) {
        self.keys
            .get(key)
            .copied()
            .unwrap_or((self.first_line.saturating_sub(1).max(1), 1))
    }

    /// Line and column of the `n`th `url:` value (0-based).
    pub fn locate_url(&self, n: usize) -> (usize, usize) {
        self.urls
            .get(n)
            .copied()
            .unwrap_or_else(|| self.locate("sources"))
    }
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
        let index = KeyIndex::new("title: x\ncare-rating: 11\nsources:\n  - url: y\n", 2);
        assert_eq!(index.locate("care-rating"), (3, 14));
        assert_eq!(index.locate_url(0), (5, 10));
    }
}

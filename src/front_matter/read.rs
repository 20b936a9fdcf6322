//! Reading a front matter for every mistake it holds, in one round: the scanner's findings, then
//! the parser's errors one after another (each bad line left out in turn), then the value read
//! from the block as it was probably meant, so that its fields can be checked too.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::explain::yaml_diagnostic;
use super::scan::{Finding, scan};
use super::shape::Shape;
use super::{FrontMatter, Yaml};
use crate::diagnostic::codes::E0062;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};

/// How many of the parser's errors one block may report before the rest is left for the next
/// round (each is found by reading the block again).
const MAX_PARSER_ERRORS: usize = 8;

/// What reading a front matter found.
#[derive(Debug)]
pub(crate) struct Read<T> {
    /// The value, if the block (as probably meant) could be read as one.
    pub value: Option<T>,
    /// The block to place keys in ([`KeyIndex`](super::KeyIndex)): as written, so that columns
    /// are the member's, but with the keys that stood out of line moved where they were read.
    pub yaml: String,
    /// Every mistake of the block's syntax, and each value of the wrong kind.
    pub diagnostics: Diagnostics,
    /// The keys whose values were of the wrong kind, left out of `value`: their problem is
    /// reported, so their absence is not.
    pub left_out: Vec<String>,
}

/// Reads `fm`'s block of `file` (whose whole text is `text`, for quoting lines) into `T`.
/// `known` are the keys the block may hold, at any depth.
pub(crate) fn read<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    fm: &FrontMatter<'_>,
    known: &[&str],
) -> Read<T> {
    let findings = scan(fm.yaml, fm.yaml_line, known);
    let certain: Vec<&Finding> = findings.iter().filter(|f| f.is_certain()).collect();
    if certain.is_empty()
        && let Ok(value) = serde_yaml::from_str::<T>(or_empty(fm.yaml))
    {
        // The common case, read once: nothing to report.
        return Read {
            value: Some(value),
            yaml: fm.yaml.to_owned(),
            diagnostics: Diagnostics::new(),
            left_out: Vec::new(),
        };
    }
    let mut lines: Vec<String> = fm.yaml.lines().map(str::to_owned).collect();
    repair(&mut lines, &certain);
    let reported = if parse(&lines).is_ok_and(|value| is_keys(&value)) {
        certain
    } else {
        let all: Vec<&Finding> = findings.iter().collect();
        repair(&mut lines, &all);
        all
    };
    let mut diagnostics: Diagnostics = (reported.iter())
        .map(|finding| diagnostic(file, text, fm.yaml_line, finding))
        .collect();
    let flagged: Vec<usize> = reported.iter().map(|finding| finding.line).collect();
    diagnostics.extend(parser_errors(file, text, fm.yaml_line, &mut lines, flagged));
    let mut left_out = Vec::new();
    let found = (&mut diagnostics, &mut left_out);
    let value = value_of(file, text, fm.yaml_line, &mut lines, found);
    let mut placing: Vec<String> = fm.yaml.lines().map(str::to_owned).collect();
    let moved: Vec<&Finding> = (reported.into_iter())
        .filter(|finding| finding.code == E0062)
        .collect();
    repair(&mut placing, &moved);
    Read {
        value,
        yaml: joined(&placing),
        diagnostics,
        left_out,
    }
}

/// `T` from `lines` once they parse, or none. Each value of the wrong kind is reported and its
/// key left out (with the lines under it) to read the others on; `left_out` gets those keys.
fn value_of<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    lines: &mut [String],
    (diagnostics, left_out): (&mut Diagnostics, &mut Vec<String>),
) -> Option<T> {
    parse(lines).ok()?;
    for _ in 0..MAX_PARSER_ERRORS {
        let yaml = joined(lines);
        let error = match serde_yaml::from_str::<T>(or_empty(&yaml)) {
            Ok(value) => return Some(value),
            Err(error) => error,
        };
        let found = yaml_diagnostic(file, &yaml, first_line, &error);
        diagnostics.push(found.with_snippet_from(text));
        let line = error.location()?.line().checked_sub(1)?;
        let (entry, key) = entry_around(lines, line)?;
        entry.into_iter().for_each(|n| lines[n].clear());
        left_out.push(key);
    }
    None
}

/// The lines of the top-level key whose value holds line `n`, and the key.
fn entry_around(lines: &[String], n: usize) -> Option<(std::ops::Range<usize>, String)> {
    let top = |line: &String| !line.is_empty() && !line.starts_with([' ', '\t', '-', '#']);
    let start = (0..=n.min(lines.len().checked_sub(1)?))
        .rev()
        .find(|&i| top(&lines[i]))?;
    let end = (start + 1..lines.len())
        .find(|&i| top(&lines[i]))
        .unwrap_or(lines.len());
    let key = Shape::of(&lines[start]).key?.to_owned();
    Some((start..end, key))
}

/// The parser's errors, one at a time, each bad line then left out to read on; an error on a
/// line `flagged` (whose mistake is already reported) is not reported again.
fn parser_errors(
    file: &Path,
    text: &str,
    first_line: usize,
    lines: &mut [String],
    mut flagged: Vec<usize>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for _ in 0..MAX_PARSER_ERRORS {
        let Err(error) = parse(lines) else {
            break;
        };
        let found = yaml_diagnostic(file, &joined(lines), first_line, &error);
        let found = found.with_snippet_from(text);
        let index = (found.line.checked_sub(first_line))
            .filter(|&n| lines.get(n).is_some_and(|line| !line.trim().is_empty()));
        if index.is_none_or(|n| !flagged.contains(&n)) {
            diagnostics.push(found);
        }
        // A limit met is no one line's fault: reading the block again would meet it again.
        let Some(n) = index.filter(|_| !error.to_string().contains("limit exceeded")) else {
            break;
        };
        lines[n].clear();
        flagged.push(n);
    }
    diagnostics
}

/// Puts in each finding's guess of what its lines meant.
fn repair(lines: &mut [String], findings: &[&Finding]) {
    for (n, line) in findings.iter().flat_map(|finding| &finding.repairs) {
        if let Some(slot) = lines.get_mut(*n) {
            slot.clone_from(line);
        }
    }
}

/// Whether a block read is keys with values, as a front matter must be: a block of plain text
/// (every `key:value` without its space) is not.
fn is_keys(value: &Yaml) -> bool {
    value.is_mapping() || value.is_null()
}

fn parse(lines: &[String]) -> Result<Yaml, serde_yaml::Error> {
    serde_yaml::from_str(or_empty(&joined(lines)))
}

fn joined(lines: &[String]) -> String {
    let mut yaml = lines.join("\n");
    yaml.push('\n');
    yaml
}

/// An empty block is an empty mapping, not `null`, so missing keys are reported as missing.
pub(super) fn or_empty(yaml: &str) -> &str {
    if yaml.trim().is_empty() { "{}" } else { yaml }
}

fn diagnostic(file: &Path, text: &str, first_line: usize, finding: &Finding) -> Diagnostic {
    let raise = match finding.code.severity() {
        Severity::Error => Diagnostic::error,
        Severity::Warning => Diagnostic::warning,
    };
    raise(finding.code, file, finding.message.clone())
        .at(first_line + finding.line, finding.column)
        .with_help(finding.help.clone())
        .with_snippet_from(text)
}

/// The first mistake the scanner finds in `yaml`, for a block the parser cannot read.
pub(super) fn first_mistake(file: &Path, yaml: &str, first_line: usize) -> Option<Diagnostic> {
    let value = serde_yaml::from_str::<Yaml>(or_empty(yaml));
    if value.is_ok_and(|value| is_keys(&value)) {
        return None;
    }
    let findings = scan(yaml, first_line, &[]);
    let first = findings.iter().min_by_key(|finding| finding.line)?;
    let mut found = diagnostic(file, "", first_line, first);
    found.snippet = yaml.lines().nth(first.line).map(str::to_owned);
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a member types, reading it ends, and every problem is on a line of the
        /// block or on the fence that closes it.
        #[test]
        fn any_block_is_read_and_its_problems_placed(
            yaml in "([a-z]{1,6}|[:\\- \\t\\[\\]{}\"'“”#|>*&,]|\n){0,60}"
        ) {
            let fm = FrontMatter { yaml: &yaml, yaml_line: 2, body: "", body_line: 3 };
            let text = format!("---\n{yaml}\n---\n");
            let read = read::<Yaml>(Path::new("a.md"), &text, &fm, &["title"]);
            let last = 2 + yaml.lines().count() + 1;
            for found in read.diagnostics.iter() {
                prop_assert!((1..=last).contains(&found.line), "{found:?} in {yaml:?}");
            }
        }
    }
}

//! Reading a front matter for every mistake it holds, in one round: the scanner's findings, then
//! the parser's errors one after another (each bad line left out in turn), then the value read
//! from the block as it was probably meant, so that its fields can be checked too.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::explain::yaml_diagnostic;
use super::scan::{Finding, scan};
use super::{FrontMatter, Yaml};
use crate::diagnostic::codes::E0062;
use crate::diagnostic::{Diagnostic, Diagnostics};

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
    /// Every mistake of the block's syntax, and of its shape if `value` is `None`.
    pub diagnostics: Diagnostics,
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
    let mut lines: Vec<String> = fm.yaml.lines().map(str::to_owned).collect();
    let certain: Vec<&Finding> = findings.iter().filter(|f| f.is_certain()).collect();
    repair(&mut lines, &certain);
    let reported = if parse(&lines).is_ok() {
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
    let value = value_of(file, text, fm.yaml_line, &lines, &mut diagnostics);
    let mut placing: Vec<String> = fm.yaml.lines().map(str::to_owned).collect();
    let moved: Vec<&Finding> = (reported.into_iter())
        .filter(|finding| finding.code == E0062)
        .collect();
    repair(&mut placing, &moved);
    Read {
        value,
        yaml: joined(&placing),
        diagnostics,
    }
}

/// `T` from `lines` once they parse, or none, and why not.
fn value_of<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    lines: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let yaml = joined(lines);
    parse(lines).ok()?;
    serde_yaml::from_str::<T>(or_empty(&yaml))
        .map_err(|error| {
            let found = yaml_diagnostic(file, &yaml, first_line, &error);
            diagnostics.push(found.with_snippet_from(text));
        })
        .ok()
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
    Diagnostic::error(finding.code, file, finding.message.clone())
        .at(first_line + finding.line, finding.column)
        .with_help(finding.help.clone())
        .with_snippet_from(text)
}

/// The first mistake the scanner finds in `yaml`, for a block the parser cannot read.
pub(super) fn first_mistake(file: &Path, yaml: &str, first_line: usize) -> Option<Diagnostic> {
    serde_yaml::from_str::<Yaml>(or_empty(yaml)).err()?;
    let findings = scan(yaml, first_line, &[]);
    let first = findings.iter().min_by_key(|finding| finding.line)?;
    let mut found = diagnostic(file, "", first_line, first);
    found.snippet = yaml.lines().nth(first.line).map(str::to_owned);
    Some(found)
}

//! Knowing, as `make` does, that a build would change nothing: the build cache keeps a stamp of
//! everything the last build was made from (every file of the site, the options, the `brief`
//! binary itself) and of every file it wrote (size and modification time). When both still
//! match, `build` has nothing to do and says so, in a fraction of the time a build takes.
//!
//! The stamp keeps the build's warnings too, so that a build with nothing to do shows them again
//! (nearly every real site has some). A failed build leaves the old stamp with the old output:
//! it still describes it truly.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use super::Request;
use crate::cache::Record;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Severity, codes};

/// What an output folder was made from, as one number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Inputs(u64);

impl Inputs {
    /// Hashes every file under `content/` and `themes/`, `site.yaml`, the request's options and
    /// the running binary (a new `brief` may write differently).
    pub(super) fn of(request: &Request) -> Inputs {
        let root = &request.root;
        let mut files: Vec<PathBuf> = ["content", "themes"]
            .iter()
            .flat_map(|dir| walkdir::WalkDir::new(root.join(dir)).sort_by_file_name())
            .filter_map(Result::ok)
            .filter(|e| !e.file_type().is_dir())
            .map(walkdir::DirEntry::into_path)
            .collect();
        files.push(root.join(crate::config::CONFIG_FILE));
        let hashes: Vec<u64> = files.par_iter().map(|f| file_hash(root, f)).collect();
        let mut hasher = DefaultHasher::new();
        hashes.hash(&mut hasher);
        let options = &request.options;
        (options.drafts, options.future, options.today.to_string()).hash(&mut hasher);
        request.base_url.hash(&mut hasher);
        env!("CARGO_PKG_VERSION").hash(&mut hasher);
        if let Some(binary) = std::env::current_exe()
            .ok()
            .and_then(|e| fs::metadata(e).ok())
        {
            (binary.len(), modified_ns(&binary)).hash(&mut hasher);
        }
        Inputs(hasher.finish())
    }
}

/// A file's path and bytes (a symbolic link's target, for links: the build refuses those that
/// leave the site, and either way a change must be noticed).
fn file_hash(root: &Path, file: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    file.strip_prefix(root).unwrap_or(file).hash(&mut hasher);
    match fs::symlink_metadata(file) {
        Ok(meta) if meta.file_type().is_symlink() => fs::read_link(file).ok().hash(&mut hasher),
        _ => fs::read(file).ok().hash(&mut hasher),
    }
    hasher.finish()
}

fn modified_ns(meta: &fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// One written file as the stamp records it: `path size modified`.
fn file_line(dir: &Path, path: &str) -> Option<String> {
    let meta = fs::symlink_metadata(dir.join(path)).ok()?;
    meta.is_file()
        .then(|| format!("{path}\t{}\t{}", meta.len(), modified_ns(&meta)))
}

/// What the stamp says of an output that is up to date.
pub(super) struct Kept {
    pub files: usize,
    pub bytes: u64,
    pub warnings: Diagnostics,
}

/// Whether the output of `record` holds exactly what a build of `inputs` wrote, untouched
/// since. Never while a killed build's debris awaits the next build.
pub(super) fn up_to_date(record: &Record, inputs: Inputs) -> Option<Kept> {
    if record.was_interrupted() {
        return None;
    }
    let dir = record.output();
    let text = fs::read_to_string(record.stamp()).ok()?;
    let mut lines = text.lines();
    if lines.next()? != format!("{:016x}", inputs.0) {
        return None;
    }
    let warnings = unhex(lines.next()?.strip_prefix(WARNINGS)?)?;
    let warnings: Vec<KeptWarning> = serde_json::from_slice(&warnings).ok()?;
    let warnings = warnings
        .into_iter()
        .map(KeptWarning::into_diagnostic)
        .collect::<Option<_>>()?;
    let files: Vec<&str> = lines.collect();
    let intact = files.par_iter().all(|line| {
        let path = line.split('\t').next().unwrap_or_default();
        file_line(dir, path).as_deref() == Some(line)
    });
    let size = |line: &&str| line.split('\t').nth(1).and_then(|n| n.parse::<u64>().ok());
    intact.then(|| Kept {
        files: files.len(),
        bytes: files.iter().filter_map(size).sum(),
        warnings,
    })
}

/// Records that the output of `record` now holds what a build of `inputs` wrote: the files
/// `paths`, with `warnings`.
pub(super) fn write(record: &Record, inputs: Inputs, paths: &[String], warnings: &Diagnostics) {
    let dir = record.output();
    let lines: Vec<Option<String>> = paths.par_iter().map(|p| file_line(dir, p)).collect();
    let kept: Vec<KeptWarning> = warnings.iter().map(KeptWarning::of).collect();
    let kept = serde_json::to_vec(&kept).unwrap_or_else(|_| b"[]".to_vec());
    let mut text = format!("{:016x}\n{WARNINGS}{}\n", inputs.0, hex(&kept));
    for line in lines.into_iter().flatten() {
        text.push_str(&line);
        text.push('\n');
    }
    // A stamp that cannot be written only costs the next build its shortcut.
    let _ = crate::cache::write_atomically(&record.stamp(), text.as_bytes());
}

/// The second line of a stamp: the warnings, as JSON in hexadecimal, so that no text of a
/// member's (a newline, a tab in a snippet) can break the stamp's lines.
const WARNINGS: &str = "warnings\t";

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let pairs = bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]]);
    pairs.map(char::from).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    (digits.chunks(2))
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

/// A warning as the stamp keeps it.
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptWarning {
    code: String,
    file: PathBuf,
    line: usize,
    column: usize,
    message: String,
    help: Option<String>,
    snippet: Option<String>,
}

impl KeptWarning {
    fn of(warning: &Diagnostic) -> KeptWarning {
        KeptWarning {
            code: warning.code.id().to_owned(),
            file: warning.file.clone(),
            line: warning.line,
            column: warning.column,
            message: warning.message.clone(),
            help: warning.help.clone(),
            snippet: warning.snippet.clone(),
        }
    }

    /// The warning again; `None` for a code this `brief` does not know (then the stamp is
    /// not one it wrote, and the build runs).
    fn into_diagnostic(self) -> Option<Diagnostic> {
        let code: Code = *codes::ALL.iter().find(|c| c.id() == self.code)?;
        (code.severity() == Severity::Warning).then_some(Diagnostic {
            severity: Severity::Warning,
            code,
            file: self.file,
            line: self.line,
            column: self.column,
            message: self.message,
            help: self.help,
            snippet: self.snippet,
        })
    }
}

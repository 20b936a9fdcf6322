//! Problems found in a site, as values: what is wrong, where, and how to fix it.
//!
//! Every stage of the pipeline reports through [`Diagnostic`] and collects them in
//! [`Diagnostics`] rather than stopping at the first one, so a contributor sees all the problems
//! of a run at once. This module formats them for people; it never prints.

pub mod codes;

use std::fmt;
use std::path::{Path, PathBuf};

pub use codes::Code;

/// How serious a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, pinned to a place in a file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Its code in the register ([`codes`]), which tools and docs refer to.
    pub code: Code,
    /// The file, relative to the site root (`content/briefings/x.md`).
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// How to fix it, when we can say.
    pub help: Option<String>,
    /// The text of the offending line, to show under the message.
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        debug_assert_eq!(code.severity(), Severity::Error, "{code} is a warning");
        Diagnostic::new(code, file.into(), message.into())
    }

    pub(crate) fn warning(
        code: Code,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        debug_assert_eq!(code.severity(), Severity::Warning, "{code} is an error");
        Diagnostic::new(code, file.into(), message.into())
    }

    /// As serious as the register says the code is.
    fn new(code: Code, file: PathBuf, message: String) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            file,
            line: 0,
            column: 0,
            message,
            help: None,
            snippet: None,
        }
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Fills in the snippet from the file's full text, if the line is known.
    pub(crate) fn with_snippet_from(mut self, text: &str) -> Self {
        if self.line > 0 {
            self.snippet = text.lines().nth(self.line - 1).map(str::to_owned);
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, leaving out what is unknown.
    pub(crate) fn location(&self) -> String {
        let file = display_path(&self.file);
        match (self.line, self.column) {
            (0, _) => file,
            (line, 0) => format!("{file}:{line}"),
            (line, column) => format!("{file}:{line}:{column}"),
        }
    }
}

/// Paths in messages always use `/`, whatever the platform, so tests and CI logs agree.
pub(crate) fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The human format, modelled on rustc: headline, location, the line with a caret, help.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}[{}]: {}", self.code, self.message)?;
        write!(f, "  --> {}", self.location())?;
        if let Some(snippet) = &self.snippet {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            // As read from disk, a line may hold control characters: shown, never sent.
            let snippet = crate::front_matter::control::visible(snippet);
            write!(f, "\n {pad} |\n {gutter} | {snippet}")?;
            if self.column > 0 {
                let indent: String = snippet
                    .chars()
                    .take(self.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {pad} | {indent}^")?;
            }
        }
        if let Some(help) = &self.help {
            let pad = " ".repeat(if self.snippet.is_some() {
                self.line.to_string().len()
            } else {
                1
            });
            write!(f, "\n {pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// All the problems of one run, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn new() -> Self {
        Diagnostics(Vec::new())
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub(crate) fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorted by file, then position, so output does not depend on thread scheduling.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
        self
    }

    /// Every problem placed in the file as written, where characters were left out of its
    /// text before it was read (see [`crate::front_matter::control`]). Run once per run.
    pub(crate) fn placed_as_written(mut self) -> Self {
        crate::front_matter::control::columns_as_written(&mut self.0);
        self
    }

    /// Quotes the offending line of every problem that names one but was raised where the
    /// file's text was no longer at hand (site-wide checks): each file is read once.
    pub(crate) fn with_snippets(mut self, root: &Path) -> Self {
        let mut texts: std::collections::HashMap<PathBuf, Option<String>> = Default::default();
        for diagnostic in self
            .0
            .iter_mut()
            .filter(|d| d.snippet.is_none() && d.line > 0)
        {
            let text = texts
                .entry(diagnostic.file.clone())
                .or_insert_with(|| std::fs::read_to_string(root.join(&diagnostic.file)).ok());
            if let Some(text) = text {
                diagnostic.snippet = text.lines().nth(diagnostic.line - 1).map(str::to_owned);
            }
        }
        self
    }

    /// Takes out the problems `take` picks, and returns them.
    pub(crate) fn split_off(&mut self, take: impl Fn(&Diagnostic) -> bool) -> Diagnostics {
        let (taken, kept) = self.0.drain(..).partition(|d| take(d));
        self.0 = kept;
        Diagnostics(taken)
    }

    /// Splits off the warnings, leaving only errors (or nothing) behind.
    pub(crate) fn take_warnings(&mut self) -> Diagnostics {
        let (errors, warnings) = self.0.drain(..).partition(Diagnostic::is_error);
        self.0 = errors;
        Diagnostics(warnings)
    }

    /// `Ok(value)` when there is no error; otherwise every problem collected.
    pub(crate) fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.has_errors() {
            Err(self.sorted())
        } else {
            Ok(value)
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}\n")?;
        }
        let (errors, warnings) = (self.error_count(), self.warning_count());
        write!(
            f,
            "{} and {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

//! Where in an input file a problem is: its lines, and the diagnostics of the post being read,
//! each pinned to a line and column and quoting the line, as the build's are.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// One line of an input file, its text a slice of that line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// 1-based.
    pub number: usize,
    pub text: &'a str,
}

impl Line<'_> {
    pub(super) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Where in the input a problem is, and the problems so far.
pub(super) struct Reader<'a> {
    file: &'a Path,
    lines: &'a [&'a str],
    pub diagnostics: Diagnostics,
}

impl<'a> Reader<'a> {
    pub(super) fn new(file: &'a Path, lines: &'a [&'a str]) -> Self {
        Reader {
            file,
            lines,
            diagnostics: Diagnostics::new(),
        }
    }

    /// Reports an error at `at`, a slice of line `line` (its start is the column).
    pub(super) fn error(&mut self, code: Code, line: Line, at: &str, message: String, help: &str) {
        self.push(Diagnostic::error(code, self.file, message), line, at, help);
    }

    pub(super) fn warning(&mut self, code: Code, line: Line, message: String, help: &str) {
        let diagnostic = Diagnostic::warning(code, self.file, message);
        self.push(diagnostic, line, line.text, help);
    }

    fn push(&mut self, diagnostic: Diagnostic, line: Line, at: &str, help: &str) {
        let full = self.lines.get(line.number - 1).copied().unwrap_or_default();
        let offset = (at.as_ptr() as usize)
            .checked_sub(full.as_ptr() as usize)
            .filter(|&o| o <= full.len())
            .unwrap_or(0);
        let column = full[..offset].chars().count() + 1;
        let mut diagnostic = diagnostic.at(line.number, column).with_help(help);
        diagnostic.snippet = Some(full.to_owned());
        self.diagnostics.push(diagnostic);
    }
}

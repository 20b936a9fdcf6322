//! Diagnostics as text for their readers: people at a terminal (rustc-like, coloured only on a
//! terminal and never with `NO_COLOR`), GitHub Actions (workflow commands that annotate a pull
//! request's diff), and tools (one JSON array with stable field names).

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, display_path, plural};

/// Where the report goes and who reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Human { colour: bool },
    Github,
    Json,
}

/// The whole report for `diagnostics`, ending with a newline.
pub(crate) fn render(diagnostics: &Diagnostics, style: Style) -> String {
    match style {
        Style::Human { colour } => diagnostics
            .iter()
            .map(|d| format!("{}\n\n", human(d, colour)))
            .collect(),
        Style::Github => diagnostics
            .iter()
            .map(|d| format!("{}\n", github(d)))
            .collect(),
        Style::Json => json(diagnostics),
    }
}

/// `3 errors and 1 warning`.
pub(crate) fn summary(diagnostics: &Diagnostics) -> String {
    format!(
        "{} and {}",
        plural(diagnostics.error_count(), "error"),
        plural(diagnostics.warning_count(), "warning")
    )
}

/// The rustc-like form (see `Diagnostic`'s `Display`), with ANSI colour if asked.
pub(crate) fn human(diagnostic: &Diagnostic, colour: bool) -> String {
    let plain = diagnostic.to_string();
    if !colour {
        return plain;
    }
    let (label, tint) = match diagnostic.severity {
        Severity::Error => ("error", RED),
        Severity::Warning => ("warning", YELLOW),
    };
    let mut lines = plain.lines();
    let headline = lines.next().unwrap_or_default();
    let headline = match headline.split_once("]: ") {
        Some((tag, message)) => format!("{BOLD}{tint}{tag}]{RESET}{BOLD}: {message}{RESET}"),
        None => headline.replacen(label, &format!("{tint}{label}{RESET}"), 1),
    };
    let rest = lines.map(|line| {
        let gutter_end = line.find(['|', '>', '=']).map_or(0, |i| i + 1);
        let (gutter, text) = line.split_at(gutter_end);
        let text = if text.trim_start().starts_with('^') {
            format!("{tint}{text}{RESET}")
        } else {
            text.to_owned()
        };
        format!("{BLUE}{gutter}{RESET}{text}")
    });
    std::iter::once(headline)
        .chain(rest)
        .collect::<Vec<_>>()
        .join("\n")
}

const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const BLUE: &str = "\x1b[34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// `::error file=…,line=…,col=…,title=E0012::message (help)`, escaped as GitHub requires.
pub(crate) fn github(diagnostic: &Diagnostic) -> String {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = vec![format!(
        "file={}",
        property(&display_path(&diagnostic.file))
    )];
    if diagnostic.line > 0 {
        properties.push(format!("line={}", diagnostic.line));
    }
    if diagnostic.column > 0 {
        properties.push(format!("col={}", diagnostic.column));
    }
    properties.push(format!("title={}", property(diagnostic.code.id())));
    let message = match &diagnostic.help {
        Some(help) => format!("{}. {help}", diagnostic.message.trim_end_matches('.')),
        None => diagnostic.message.clone(),
    };
    format!("::{command} {}::{}", properties.join(","), data(&message))
}

fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One diagnostic as tools read it.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    file: String,
    line: usize,
    column: usize,
    code: &'static str,
    message: &'a str,
    help: Option<&'a str>,
}

/// The problems as one line of JSON (for the live-reload overlay's event stream).
pub fn json_line(diagnostics: &Diagnostics) -> String {
    serde_json::to_string(&json_values(diagnostics)).unwrap_or_else(|_| "[]".to_owned())
}

fn json(diagnostics: &Diagnostics) -> String {
    let mut text =
        serde_json::to_string_pretty(&json_values(diagnostics)).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}

fn json_values(diagnostics: &Diagnostics) -> Vec<JsonDiagnostic<'_>> {
    diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            file: display_path(&d.file),
            line: d.line,
            column: d.column,
            code: d.code.id(),
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::diagnostic::codes::E0012;

    fn sample() -> Diagnostic {
        Diagnostic::error(
            E0012,
            "content/briefings/x.md",
            "care-rating must be a whole number from 0 to 10, not `6/10`",
        )
        .at(4, 14)
        .with_help("write the number alone: `care-rating: 6`")
    }

    #[test]
    fn github_workflow_command() {
        assert_eq!(
            github(&sample()),
            "::error file=content/briefings/x.md,line=4,col=14,title=E0012::care-rating must be a whole number from 0 to 10, not `6/10`. write the number alone: `care-rating: 6`"
        );
    }

    #[test]
    fn github_escapes_what_would_break_the_command() {
        let d = Diagnostic::warning(
            Code::unregistered("W1", Severity::Warning),
            "a,b:c.md",
            "50% done\nnext",
        );
        assert_eq!(
            github(&d),
            "::warning file=a%2Cb%3Ac.md,title=W1::50%25 done%0Anext"
        );
    }

    #[test]
    fn json_has_stable_fields() {
        let text = json(&Diagnostics::from(sample()));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value[0]["severity"], "error");
        assert_eq!(value[0]["line"], 4);
        assert_eq!(value[0]["column"], 14);
        assert_eq!(value[0]["code"], "E0012");
        assert_eq!(value[0]["help"], "write the number alone: `care-rating: 6`");
    }

    #[test]
    fn colour_only_when_asked() {
        assert!(!human(&sample(), false).contains('\x1b'));
        assert!(human(&sample(), true).contains(RED));
    }
}

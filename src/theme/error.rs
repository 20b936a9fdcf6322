//! Tera's errors, turned into diagnostics on the template file a theme author edits: which
//! template, which line, what is wrong, and (when rendering) which page was being made.

use super::{THEMES_DIR, Theme};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::{E0040, E0041};

impl Theme {
    /// Turns a Tera error into a diagnostic; `page` is the URL being rendered, if any.
    pub(crate) fn template_error(&self, error: &tera::Error, page: Option<&str>) -> Diagnostic {
        match error.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let (message, span) = (report.message().to_owned(), report.span());
                let diagnostic = match page {
                    None => syntax_error(self.origin(report.filename()), message),
                    Some(_) => rendering_error(self.origin(report.filename()), message, page),
                };
                diagnostic
                    .at(span.start_line, span.start_col + 1)
                    .with_snippet_from(self.source(report.filename()))
            }
            tera::ErrorKind::MissingParent { current, parent } => Diagnostic::error(
                E0040,
                self.origin(current),
                format!(
                    "`{current}` extends `{parent}`, which neither this theme nor its parents have"
                ),
            )
            .with_help(
                "add `extends: default` to the theme's theme.yaml, or add the missing template",
            ),
            tera::ErrorKind::TemplateNotFound(name) => Diagnostic::error(
                E0040,
                format!("{THEMES_DIR}/"),
                with_page(format!("the theme has no template `{name}`"), page),
            )
            .with_help("add it to the theme's templates/, or `extends: default` to its theme.yaml"),
            _ => self.reported_in_text(&error.to_string(), page),
        }
    }

    /// Some errors (an unknown filter, an unknown include) come as text holding Tera's own
    /// report: `error: MESSAGE` and `--> TEMPLATE:LINE:COLUMN`. Read them back out.
    fn reported_in_text(&self, text: &str, page: Option<&str>) -> Diagnostic {
        let message = text.lines().next().unwrap_or(text);
        let message = message
            .strip_prefix("error: ")
            .unwrap_or(message)
            .to_owned();
        let place = text
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("--> "));
        let Some((template, line, column)) = place.and_then(parse_place) else {
            return Diagnostic::error(E0040, format!("{THEMES_DIR}/"), with_page(message, page));
        };
        syntax_error(self.origin(template), message)
            .at(line, column)
            .with_snippet_from(self.source(template))
    }

    fn origin(&self, template: &str) -> String {
        self.origins
            .get(template)
            .map_or_else(|| template.to_owned(), |(file, _)| file.clone())
    }

    fn source(&self, template: &str) -> &str {
        self.origins
            .get(template)
            .map_or("", |(_, text)| text.as_str())
    }
}

fn syntax_error(file: String, message: String) -> Diagnostic {
    Diagnostic::error(E0040, file, format!("template error: {message}"))
        .with_help("check the spelling of filters and included templates, and that every `{{` has its `}}` and every `{%` its `%}`")
}

fn rendering_error(file: String, message: String, page: Option<&str>) -> Diagnostic {
    Diagnostic::error(E0041, file, with_page(message, page)).with_help(E0041.help())
}

fn with_page(message: String, page: Option<&str>) -> String {
    match page {
        Some(page) => format!("{message} (while rendering {page})"),
        None => message,
    }
}

/// `partials/card.html:3:17` → template, line, column.
fn parse_place(place: &str) -> Option<(&str, usize, usize)> {
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?, line, column))
}

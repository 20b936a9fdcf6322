//! `brief check`: the whole pipeline except writing, every problem reported at once, in the
//! format asked for; exit status 1 if any is an error.

use std::io::IsTerminal;

use crate::cli::{CheckArgs, Format};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::pipeline;
use crate::report::{self, Style};

pub(super) fn run(args: CheckArgs) -> Result<(), Error> {
    // Drafts and scheduled briefings are checked too: they will be published one day.
    let request = super::everything(args.root, true);
    let (diagnostics, checked) = match pipeline::render(&request) {
        Ok((prepared, _)) => {
            let counts = (
                prepared.site.briefings.len(),
                prepared
                    .site
                    .people
                    .iter()
                    .filter(|p| p.profile.is_some())
                    .count(),
            );
            (prepared.warnings, Some(counts))
        }
        Err(Error::Content(diagnostics)) => (diagnostics, None),
        Err(other) => return Err(other),
    };
    print!("{}", report::render(&diagnostics, style(args.format)));
    let summary = match checked {
        Some((briefings, profiles)) => format!(
            "checked {} and {}: {}",
            crate::diagnostic::plural(briefings, "briefing"),
            crate::diagnostic::plural(profiles, "profile"),
            report::summary(&diagnostics)
        ),
        None => format!("checked the site: {}", report::summary(&diagnostics)),
    };
    // JSON readers get nothing but JSON on standard output.
    match args.format {
        Format::Json => eprintln!("{summary}"),
        _ => println!("{summary}"),
    }
    exit_status(&diagnostics)
}

fn style(format: Format) -> Style {
    match format {
        Format::Human => Style::Human {
            colour: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        },
        Format::Github => Style::Github,
        Format::Json => Style::Json,
    }
}

/// The problems were printed already: only the status is left to give.
fn exit_status(diagnostics: &Diagnostics) -> Result<(), Error> {
    match diagnostics.has_errors() {
        true => Err(Error::Reported),
        false => Ok(()),
    }
}

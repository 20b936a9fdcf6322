//! `brief import FILE...`: the house's plain-text posts in, as briefings. Prints every problem
//! (like the build), a line for each file written, the notes to check, then a summary; exits
//! with 1 if any post could not be imported.

use crate::cli::ImportArgs;
use crate::error::Error;
use crate::import::{self, Request};

pub(super) fn run(args: ImportArgs) -> Result<(), Error> {
    let report = import::import(&Request {
        root: &args.root,
        inputs: &args.files,
        year: args.year,
        today: super::today(),
        dry_run: args.dry_run,
    })?;
    for diagnostic in report.diagnostics.iter() {
        eprintln!("{diagnostic}\n");
    }
    for line in report.outcomes.iter().filter_map(import::Outcome::line) {
        println!("{line}");
    }
    for note in report.outcomes.iter().flat_map(|o| &o.notes) {
        println!("note: {note}");
    }
    println!("{}", report.summary());
    match report.diagnostics.has_errors() {
        true => Err(Error::Reported),
        false => Ok(()),
    }
}

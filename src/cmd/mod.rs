//! One thin adapter per command: turn arguments into a pipeline request, report the outcome.

mod build;

use crate::cli::{Cli, Command};
use crate::error::Error;

pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build(args) => build::run(args),
    }
}

/// Today's date on this machine: what "in the future" means for scheduled briefings.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

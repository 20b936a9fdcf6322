//! One thin adapter per command: turn arguments into a pipeline request, report the outcome.

mod build;
mod check;
mod export;
mod import;
mod init;
mod new;
mod serve;

use crate::cli::{Cli, Command, NewCommand};
use crate::error::Error;

pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Check(args) => check::run(args),
        Command::New(NewCommand::Briefing(args)) => new::briefing(args),
        Command::New(NewCommand::Person(args)) => new::person(args),
        Command::Init(args) => init::run(args),
        Command::Export(args) => export::run(args),
        Command::Import(args) => import::run(args),
    }
}

/// Today's date on this machine: what "in the future" means for scheduled briefings.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

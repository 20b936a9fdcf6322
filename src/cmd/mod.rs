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

/// A request for every briefing, drafts and scheduled ones included: what `check` and
/// `export` work on, since those will be published one day.
fn everything(root: std::path::PathBuf, lint: bool) -> crate::pipeline::Request {
    let options = crate::model::BuildOptions {
        drafts: true,
        future: true,
        today: today(),
    };
    crate::pipeline::Request {
        root,
        base_url: None,
        options,
        lint,
        lenient: false,
    }
}

/// Today's date on this machine: what "in the future" means for scheduled briefings.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

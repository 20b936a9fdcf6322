//! One thin adapter per command: turn arguments into a pipeline request, report the outcome.

mod build;
mod check;
mod clean;
mod export;
mod import;
mod init;
mod new;
mod serve;

use crate::cli::{Cli, Command, NewCommand};
use crate::error::Error;
use std::path::{Path, PathBuf};

pub fn run(mut cli: Cli) -> Result<(), Error> {
    if let Some(root) = root_of(&mut cli.command) {
        *root = site_root(std::mem::take(root))?;
    }
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Check(args) => check::run(args),
        Command::New(NewCommand::Briefing(args)) => new::briefing(args),
        Command::New(NewCommand::Person(args)) => new::person(args),
        Command::Init(args) => init::run(args),
        Command::Export(args) => export::run(args),
        Command::Import(args) => import::run(args),
        Command::Clean(args) => clean::run(args),
    }
}

/// The `--root` of a command that works on a site.
fn root_of(command: &mut Command) -> Option<&mut PathBuf> {
    match command {
        Command::Build(args) => Some(&mut args.root),
        Command::Serve(args) => Some(&mut args.root),
        Command::Check(args) => Some(&mut args.root),
        Command::New(NewCommand::Briefing(args)) => Some(&mut args.root),
        Command::New(NewCommand::Person(args)) => Some(&mut args.root),
        Command::Export(args) => Some(&mut args.root),
        Command::Import(args) => Some(&mut args.root),
        Command::Clean(args) => Some(&mut args.root),
        Command::Init(_) => None,
    }
}

/// The site's folder: `--root` as given, or, without it, the folder of the nearest
/// `site.yaml` here or above, within the repository (see [`crate::source::find_site`]).
fn site_root(root: PathBuf) -> Result<PathBuf, Error> {
    if root != Path::new(".") {
        return Ok(root);
    }
    crate::source::find_site().map_err(|top| {
        Error::Usage(format!(
            "there is no site.yaml in this folder, nor in the folders above it up to `{}`: \
             run brief in the site's folder (the one that holds site.yaml and content/), \
             or name that folder with --root",
            top.display()
        ))
    })
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

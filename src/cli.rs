//! The command line, as parsed by clap. Only shapes arguments; `cmd` decides what they mean.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    about = "A static site generator for briefings"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder (public/ by default)
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder, holding site.yaml and content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public]
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Use this base URL instead of site.yaml's `base-url`
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include briefings marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Include briefings dated in the future
    #[arg(long)]
    pub future: bool,
}

/// Parses `std::env::args`, exiting with status 2 and clap's message on a usage error.
pub fn parse() -> Cli {
    Cli::parse()
}

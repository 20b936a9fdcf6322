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
    /// Preview the site with live reload: builds in memory, serves, watches, rebuilds
    Serve(ServeArgs),
    /// Check content, templates and links, and report every problem; writes nothing
    Check(CheckArgs),
    /// Scaffold a new briefing or person profile
    #[command(subcommand)]
    New(NewCommand),
    /// Make a new site that builds at once
    Init(InitArgs),
    /// Print a briefing as the house's plain-text post, ready to paste
    Export(ExportArgs),
    /// Turn the house's plain-text posts into briefings
    Import(ImportArgs),
    /// Empty the build cache (.brief-cache/); the next build makes everything again
    Clean(CleanArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Text files of posts (one or many posts each), or folders of them
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The year the posts are from [default: the latest year, not in the future, whose calendar
    /// puts each post's date on its weekday]
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i16>,
    /// Say what would be written, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The briefing's slug, as in its URL (`2022-01-14-lavrov-out-of-patience`)
    pub slug: String,
    /// The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder, holding site.yaml and content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on; anything but loopback makes the site reachable from the network
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port to listen on
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Include briefings marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Include briefings dated in the future
    #[arg(long)]
    pub future: bool,
    /// Poll for changes, for file systems that send no events (network drives, some containers)
    #[arg(long)]
    pub poll: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's folder, holding site.yaml and content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// How to report problems
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// How `brief check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-like, for people (colour on a terminal, never with NO_COLOR)
    Human,
    /// GitHub Actions workflow commands, shown on a pull request's diff
    Github,
    /// One JSON array, for tools
    Json,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write content/briefings/YYYY-MM-DD-<slug>.md about NAME
    Briefing(NewBriefingArgs),
    /// Write content/people/<slug>.md for NAME
    Person(NewPersonArgs),
}

#[derive(Debug, Args)]
pub struct NewBriefingArgs {
    /// Who the briefing is about (a name or an alias)
    pub name: String,
    /// The headline
    #[arg(long)]
    pub title: Option<String>,
    /// The briefing's date, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Write it even though the name is one letter from a known person's: it is someone else
    #[arg(long)]
    pub new_person: bool,
    /// The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct NewPersonArgs {
    /// The person's full name
    pub name: String,
    /// The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (must not exist, or be empty)
    pub dir: PathBuf,
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
    /// Keep the build cache here [default: ROOT/.brief-cache]
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Fail at once if another build of this site is writing the output, rather than wait
    #[arg(long)]
    pub no_wait: bool,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The site's folder, holding site.yaml and content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The build cache to empty [default: ROOT/.brief-cache]
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// Parses `std::env::args`, exiting with status 2 and clap's message on a usage error.
pub fn parse() -> Cli {
    Cli::parse()
}

//! The one pipeline `build`, `serve` and `check` share:
//! load → parse → assemble → render Markdown → render pages → (write).
//!
//! Every stage collects its problems; a stage that found errors stops the run after it, with
//! every problem found so far, so a contributor fixes them all in one go.

mod build;
pub(crate) use build::{Destination, build};
mod lenient;
mod reuse;
mod stamp;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) use reuse::{Fresh, Parsed, Reuse};

use rayon::prelude::*;

use crate::config::{BaseUrl, SiteConfig};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::links::LinkIndex;
use crate::markdown::{self, MarkdownContext};
use crate::model::{self, BuildOptions, Site};
use crate::output::{MemorySink, Output, Sink};
use crate::render;
use crate::routes;
use crate::source::{self, Sources};
use crate::theme::Theme;

/// What to build.
#[derive(Debug, Clone)]
pub struct Request {
    pub root: PathBuf,
    /// Replaces `base-url` from site.yaml (previews, `serve`).
    pub base_url: Option<String>,
    pub options: BuildOptions,
    /// Run `brief check`'s extra lints too.
    pub lint: bool,
    /// Go on past briefings with errors, leaving them out, as `serve` does: a member writing
    /// one still sees every other page, and the problems at its own address.
    pub lenient: bool,
}

/// A site loaded, checked and linked, its Markdown rendered: ready for any sink.
pub struct Prepared {
    pub(crate) site: Site,
    /// Shared, so that `serve` keeps it between rebuilds while the theme is unchanged.
    pub(crate) theme: Arc<Theme>,
    pub warnings: Diagnostics,
    /// Errors `serve` goes on past: those of briefings left out (`site.broken`), and of
    /// profiles it holds the last good version of. Always empty for `build` and `check`.
    pub problems: Diagnostics,
    pub(crate) timings: Timings,
}

/// How long each stage took, for `BRIEF_TIMINGS=1` and the benchmark.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (stage, took) in &self.0 {
            writeln!(f, "{stage:>10}: {:>7.1} ms", took.as_secs_f64() * 1000.0)?;
        }
        Ok(())
    }
}

impl Timings {
    pub(crate) fn lap(&mut self, stage: &'static str, since: &mut Instant) {
        self.0.push((stage, since.elapsed()));
        *since = Instant::now();
    }
}

/// Loads, parses, assembles and renders the Markdown of the site; every problem found is
/// returned at once.
pub fn prepare(request: &Request) -> Result<Prepared, Error> {
    prepare_with(request, &mut Fresh::default())
}

/// [`prepare`], reusing what `reuse` kept from the last run wherever its inputs are unchanged,
/// and keeping this run's work for the next.
pub(crate) fn prepare_with<R: Reuse>(request: &Request, reuse: &mut R) -> Result<Prepared, Error> {
    let mut timings = Timings::default();
    let (parts, mut diagnostics) = load_and_parse(request, reuse, &mut timings)?;
    let mut clock = Instant::now();
    let theme = Arc::clone(&parts.theme);
    let (mut site, tolerated) = lenient::assemble(request, parts, reuse, &mut diagnostics);
    timings.lap("markdown", &mut clock);
    if request.lint {
        diagnostics.extend(crate::lint::lint(&site, request.options.today));
    }
    // Pages are made from the HTML: the Markdown, and what only checks look at, need not be
    // held while they render (at 50,000 briefings, a tenth of the peak memory).
    site.briefings.iter_mut().for_each(let_source_go);
    let mut errors = diagnostics.placed_as_written().with_snippets(&request.root);
    let warnings = errors.take_warnings().sorted();
    let problems = lenient::tolerate(request, &mut site, &tolerated, &mut errors, &warnings);
    if errors.has_errors() {
        return Err(Error::Content(merge(merge(errors, problems), warnings)));
    }
    Ok(Prepared {
        site,
        theme,
        warnings,
        problems,
        timings,
    })
}

/// What loading and parsing made: the inputs of assembling.
pub(crate) struct Parts {
    config: SiteConfig,
    theme: Arc<Theme>,
    briefings: Vec<model::ParsedBriefing>,
    people: Vec<model::Person>,
    assets: Vec<source::Asset>,
    /// Every briefing file read, whether it parsed or not.
    briefing_files: Vec<PathBuf>,
    /// The briefings that did not parse, with their text.
    failed: Vec<model::Broken>,
    /// The texts of the briefings that did, for any left out later.
    texts: crate::hash::HashMap<PathBuf, Arc<str>>,
    /// Profiles that did not parse, standing in their last good version or left out.
    failed_profiles: Vec<PathBuf>,
}

/// Reads the site's files and parses each one, keeping every problem found.
fn load_and_parse<R: Reuse>(
    request: &Request,
    reuse: &mut R,
    timings: &mut Timings,
) -> Result<(Parts, Diagnostics), Error> {
    let mut clock = Instant::now();
    let sources = match reuse.sources(&request.root) {
        Some(sources) => sources,
        None => source::load_with(&request.root, &|path| reuse.text(path))?,
    };
    reuse.loaded(&sources);
    timings.lap("load", &mut clock);
    let mut diagnostics = sources.diagnostics.clone();
    let config = load_config(&sources, request.base_url.as_deref())?;
    diagnostics.extend(config.warnings.iter().cloned());
    let (theme, (briefings, people)) = rayon::join(
        || match reuse.theme(&config.theme) {
            Some(theme) => Ok(theme),
            None => Theme::load(&request.root, &config.theme).map(Arc::new),
        },
        || parse_all(&sources, &*reuse),
    );
    keep_parsed(reuse, &sources, &briefings, &people);
    let (briefings, failed, texts) =
        split_briefings(&sources, briefings, request.lenient, &mut diagnostics);
    let (people, failed_profiles) = lenient::profiles(&sources, people, &*reuse, &mut diagnostics);
    // A broken theme stops the build, but only after the content's own problems are known.
    let theme = theme.map_err(|d| with(&diagnostics, d))?;
    reuse.keep_theme(&config.theme, &theme);
    let briefing_files = sources.briefings.iter().map(|f| f.path.clone()).collect();
    timings.lap("parse", &mut clock);
    let parts = Parts {
        config,
        theme,
        briefings,
        people,
        assets: sources.assets,
        briefing_files,
        failed,
        texts,
        failed_profiles,
    };
    Ok((parts, diagnostics))
}

/// The briefings that parsed; those that did not, with their text; and the texts of the
/// first (shared, not copied), should one be left out later.
fn split_briefings(
    sources: &Sources,
    parses: Parses,
    keep_texts: bool,
    diagnostics: &mut Diagnostics,
) -> (
    Vec<model::ParsedBriefing>,
    Vec<model::Broken>,
    crate::hash::HashMap<PathBuf, Arc<str>>,
) {
    let mut parsed = Vec::with_capacity(parses.len());
    let (mut failed, mut texts) = (Vec::new(), crate::hash::HashMap::default());
    for (file, result) in (sources.briefings.iter()).zip(strip::<model::ParsedBriefing>(parses)) {
        match result {
            Ok(briefing) => {
                diagnostics.extend(briefing.warnings.iter().cloned());
                if keep_texts {
                    texts.insert(file.path.clone(), Arc::clone(&file.text));
                }
                parsed.push(briefing);
            }
            Err(problems) => {
                diagnostics.extend(problems);
                let text = Arc::clone(&file.text);
                failed.push(model::Broken::new(file.path.clone(), text));
            }
        }
    }
    (parsed, failed, texts)
}

/// Renders a prepared site into `sink` (which may reuse files of an earlier render), with what
/// `reuse` kept from that render.
pub(crate) fn render_into(
    prepared: &mut Prepared,
    sink: &dyn Sink,
    reuse: &impl Reuse,
) -> Result<(), Error> {
    let mut clock = Instant::now();
    let rendered = render::render_site(
        &prepared.site,
        &prepared.theme,
        render::Scope::All,
        sink,
        reuse.render(),
    );
    prepared.timings.lap("render", &mut clock);
    rendered.map_err(|errors| Error::Content(merge(errors, prepared.warnings.clone())))
}

/// Renders the whole site in memory, writing nothing (for `serve` and `check`).
pub fn render(request: &Request) -> Result<(Prepared, Output), Error> {
    let mut prepared = prepare(request)?;
    let sink = MemorySink::default();
    render_into(&mut prepared, &sink, &Fresh::default())?;
    Ok((prepared, sink.finish()?))
}

fn load_config(sources: &Sources, base_url: Option<&str>) -> Result<SiteConfig, Error> {
    let mut config = SiteConfig::parse(&sources.config.path, &sources.config.text)?;
    if let Some(url) = base_url {
        config.base_url =
            BaseUrl::parse(url).map_err(|why| Error::Usage(format!("--base-url {why}")))?;
    }
    Ok(config)
}

/// Each file's parse, and whether it was made now (not lent by the last run).
pub(crate) type Parses = Vec<(Parsed, bool)>;

fn parse_all(sources: &Sources, reuse: &impl Reuse) -> (Parses, Parses) {
    let parse = |file: &source::SourceFile, is_briefing: bool| {
        reuse.parse(file, || match is_briefing {
            true => Parsed::Briefing(model::parse_briefing(file)),
            false => Parsed::Person(model::parse_person(file)),
        })
    };
    rayon::join(
        || {
            sources
                .briefings
                .par_iter()
                .map(|f| parse(f, true))
                .collect()
        },
        || sources.people.par_iter().map(|f| parse(f, false)).collect(),
    )
}

fn keep_parsed(reuse: &mut impl Reuse, sources: &Sources, briefings: &Parses, people: &Parses) {
    let files = sources.briefings.iter().chain(&sources.people);
    for (file, (parsed, new)) in files.zip(briefings.iter().chain(people)) {
        if *new {
            reuse.keep_parsed(&file.path, parsed);
        }
    }
}

/// The parses, without their provenance, split by kind.
pub(crate) fn strip<T: FromParsed>(parses: Parses) -> Vec<Result<T, Diagnostics>> {
    parses
        .into_iter()
        .filter_map(|(parsed, _)| T::from_parsed(parsed))
        .collect()
}

pub(crate) trait FromParsed: Sized {
    fn from_parsed(parsed: Parsed) -> Option<Result<Self, Diagnostics>>;
}

impl FromParsed for model::ParsedBriefing {
    fn from_parsed(parsed: Parsed) -> Option<Result<Self, Diagnostics>> {
        match parsed {
            Parsed::Briefing(result) => Some(result),
            Parsed::Person(_) => None,
        }
    }
}

impl FromParsed for model::Person {
    fn from_parsed(parsed: Parsed) -> Option<Result<Self, Diagnostics>> {
        match parsed {
            Parsed::Person(result) => Some(result),
            Parsed::Briefing(_) => None,
        }
    }
}

/// Renders every briefing body and profile once, in parallel; lists and feeds reuse the HTML.
/// Longest summary taken from a body's first paragraph, in characters.
const SUMMARY_LENGTH: usize = 240;

pub(crate) fn render_markdown<R: Reuse>(
    mut site: Site,
    links: &LinkIndex,
    reuse: &mut R,
    diagnostics: &mut Diagnostics,
) -> Site {
    let unsafe_html = site.config.unsafe_html;
    reuse.markdown_setting(links, unsafe_html);
    let lender = &*reuse;
    let render = |text: &Arc<str>, file: &Path, first_line: usize| {
        let context = MarkdownContext {
            links,
            unsafe_html,
            file,
            first_line,
        };
        let (rendered, new) = lender.markdown(text, &context);
        (rendered, new.map(|new| (file.to_owned(), new)))
    };
    let bodies = site.briefings.par_iter_mut().map(|briefing| {
        let (rendered, new) = render(&briefing.body, &briefing.path, briefing.body_line);
        (take_markdown(briefing, rendered), new)
    });
    let profiles = site.people.par_iter_mut().filter(|p| p.profile.is_some());
    let bios = profiles.map(|person| {
        let file = person.profile.as_deref().unwrap_or(Path::new(""));
        let (rendered, new) = render(&person.bio, file, person.bio_line);
        person.bio_html = rendered.html.to_string();
        (rendered.diagnostics, new)
    });
    let results: Vec<(Vec<Diagnostic>, Option<_>)> = bodies.chain(bios).collect();
    for (problems, new) in results {
        diagnostics.extend(problems);
        if let Some((file, new)) = new {
            reuse.keep_markdown(&file, new);
        }
    }
    site
}

/// Gives `briefing` its rendered Markdown; returns the problems found in it.
pub(crate) fn take_markdown(
    briefing: &mut model::Briefing,
    rendered: markdown::Rendered,
) -> Vec<Diagnostic> {
    briefing.html = rendered.html;
    briefing.headings = rendered.headings;
    briefing.plain = rendered.plain;
    briefing.fragments = rendered.fragments;
    if briefing.summary.is_empty() {
        briefing.summary = markdown::teaser(&rendered.first_paragraph, SUMMARY_LENGTH);
    }
    rendered.diagnostics
}

/// Drops what only the Markdown stage and checks need, once the HTML is made.
pub(crate) fn let_source_go(briefing: &mut model::Briefing) {
    briefing.body = Arc::default();
    briefing.keys = Arc::default();
    briefing.fragments = Vec::new();
}

/// Every page a link may point to. `briefing_files` are all briefing files read, so that a
/// link to one that failed to parse is not reported a second time as broken.
pub(crate) fn link_index(site: &Site, theme: &Theme, briefing_files: &[PathBuf]) -> LinkIndex {
    let mut links = LinkIndex::new(site.config.base_url.clone());
    for path in render::linkable_paths(site, theme) {
        links.add_path(path);
    }
    for briefing in &site.briefings {
        links.add_file(briefing.path.clone(), briefing.url());
    }
    for person in &site.people {
        if let Some(profile) = &person.profile {
            links.add_file(profile.clone(), person.url());
        }
    }
    for asset in &site.assets {
        links.add_file(asset.path.clone(), routes::copied(&asset.output));
    }
    for (file, slug) in &site.unpublished {
        links.add_unpublished(file.clone(), routes::briefing(slug));
    }
    let known: std::collections::HashSet<&PathBuf> = site
        .briefings
        .iter()
        .map(|b| &b.path)
        .chain(site.unpublished.iter().map(|(f, _)| f))
        .collect();
    for file in briefing_files.iter().filter(|f| !known.contains(f)) {
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        links.add_file(file.clone(), routes::briefing(&crate::slug::slugify(&stem)));
    }
    // A link through an alias's address leads to the person (added last: a real page wins).
    for person in &site.people {
        for alias in &person.aliases {
            let alias_path = routes::person(&crate::slug::slugify(alias));
            links.add_alias(alias_path, person.url());
        }
    }
    links
}

fn with(diagnostics: &Diagnostics, problem: Diagnostic) -> Error {
    let mut all = diagnostics.clone();
    all.push(problem);
    Error::Content(all.sorted())
}

fn merge(mut errors: Diagnostics, warnings: Diagnostics) -> Diagnostics {
    errors.extend(warnings);
    errors.sorted()
}

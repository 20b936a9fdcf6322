//! Assembling the site, and how a run goes on past briefings with errors when the request is
//! [lenient](super::Request::lenient), as `serve`'s is.
//!
//! A briefing with an error (in its front matter, in what its subject's profile leaves out, in
//! a link of its body) is left out, and the site is assembled again without it, so that it
//! neither lists nor links anything; its own address then shows what can be shown of it
//! (`render::problem_page`). Leaving one out can break a link elsewhere, to a person only it
//! named: after [`PASSES`] assemblies, what is still broken fails the run as usual. A profile
//! that does not parse stands in its last good version, so the briefings about that person do
//! not all fail while it is being fixed.
//!
//! `build` and `check` assemble once, and every error fails them; the bodies of briefings that
//! did not parse are still checked, so that one round reports every problem of a file.

use std::path::{Path, PathBuf};

use super::{Parses, Parts, Reuse, link_index, render_markdown, strip};
use crate::diagnostic::Diagnostics;
use crate::front_matter;
use crate::hash::HashSet;
use crate::links::LinkIndex;
use crate::markdown::{self, MarkdownContext};
use crate::model::{self, Broken, Person, Site};
use crate::routes;
use crate::source::Sources;

/// How many times the site is assembled, at most, leaving out what broke the time before.
const PASSES: usize = 3;

/// The files whose errors a lenient run goes on past.
pub(super) type Tolerated = HashSet<PathBuf>;

/// The site assembled from `parts`, its Markdown rendered, with every problem found put in
/// `diagnostics`; and the files whose errors a lenient run tolerates.
pub(super) fn assemble<R: Reuse>(
    request: &super::Request,
    parts: Parts,
    reuse: &mut R,
    diagnostics: &mut Diagnostics,
) -> (Site, Tolerated) {
    let Parts {
        mut briefings,
        mut failed,
        mut texts,
        ..
    } = parts;
    let inputs = Inputs {
        options: request.options,
        theme: &parts.theme,
        briefing_files: &parts.briefing_files,
    };
    if request.lenient {
        for _ in 1..PASSES {
            let attempt = inputs.attempt(
                (parts.config.clone(), briefings.clone()),
                (parts.people.clone(), parts.assets.clone()),
                reuse,
            );
            let broken = broken_in(&attempt.0, &attempt.1);
            if broken.is_empty() {
                return inputs.finish(attempt, failed, parts.failed_profiles, diagnostics);
            }
            let left = (&mut briefings, &mut failed, &mut texts);
            leave_out(broken, &attempt.1, left, diagnostics);
        }
    }
    let attempt = inputs.attempt(
        (parts.config, briefings),
        (parts.people, parts.assets),
        reuse,
    );
    inputs.finish(attempt, failed, parts.failed_profiles, diagnostics)
}

/// One assembly: the site, its Markdown rendered, every problem found, and its links.
type Attempt = (Site, Diagnostics, LinkIndex);

/// Moves the `broken` briefings from those to assemble to those left out, with the problems
/// found in them so far (the others' are found again by the next assembly).
fn leave_out(
    broken: HashSet<PathBuf>,
    problems: &Diagnostics,
    (briefings, failed, texts): (
        &mut Vec<model::ParsedBriefing>,
        &mut Vec<Broken>,
        &mut crate::hash::HashMap<PathBuf, std::sync::Arc<str>>,
    ),
    diagnostics: &mut Diagnostics,
) {
    diagnostics.extend(
        problems
            .iter()
            .filter(|d| broken.contains(&d.file))
            .cloned(),
    );
    briefings.retain(|b| !broken.contains(&b.path));
    for path in broken {
        let text = texts.remove(&path).unwrap_or_default();
        failed.push(Broken::new(path, text));
    }
}

/// What every assembly of one run shares.
struct Inputs<'i> {
    options: model::BuildOptions,
    theme: &'i crate::theme::Theme,
    briefing_files: &'i [PathBuf],
}

impl Inputs<'_> {
    /// One assembly: the site, its Markdown rendered, every problem found, and its links.
    fn attempt<R: Reuse>(
        &self,
        (config, briefings): (crate::config::SiteConfig, Vec<model::ParsedBriefing>),
        (people, assets): (Vec<Person>, Vec<crate::source::Asset>),
        reuse: &mut R,
    ) -> Attempt {
        let (site, mut problems) = Site::assemble(config, briefings, people, assets, self.options);
        problems.extend(routes::clashing_briefings(&site.briefings));
        let links = link_index(&site, self.theme, self.briefing_files);
        let site = render_markdown(site, &links, reuse, &mut problems);
        (site, problems, links)
    }

    /// The site with its broken briefings, whose bodies are checked and rendered here.
    fn finish(
        &self,
        (mut site, problems, links): Attempt,
        mut broken: Vec<Broken>,
        failed_profiles: Vec<PathBuf>,
        diagnostics: &mut Diagnostics,
    ) -> (Site, Tolerated) {
        diagnostics.extend(problems);
        let unsafe_html = site.config.unsafe_html;
        for briefing in &mut broken {
            diagnostics.extend(body_of(briefing, &links, unsafe_html));
        }
        let tolerated = (broken.iter().map(|b| b.path.clone()))
            .chain(failed_profiles)
            .collect();
        site.broken = broken;
        (site, tolerated)
    }
}

/// The briefings of `site` that `problems` holds an error of.
fn broken_in(site: &Site, problems: &Diagnostics) -> HashSet<PathBuf> {
    let errors: HashSet<&Path> = (problems.iter())
        .filter(|d| d.is_error())
        .map(|d| d.file.as_path())
        .collect();
    (site.briefings.iter())
        .filter(|b| errors.contains(b.path.as_path()))
        .map(|b| b.path.clone())
        .collect()
}

/// Renders the body of a broken briefing, if its fences can be found, for its page; returns
/// the problems found in it (its links, its pictures), which its front matter's must not hide.
fn body_of(
    broken: &mut Broken,
    links: &LinkIndex,
    unsafe_html: bool,
) -> Vec<crate::diagnostic::Diagnostic> {
    // Rendered as the briefing is read: without the characters no page may hold.
    let (text, _) = front_matter::clean(&broken.path, &broken.text);
    let Ok(fm) = front_matter::split(&broken.path, &text) else {
        return Vec::new();
    };
    let context = MarkdownContext {
        links,
        unsafe_html,
        file: &broken.path,
        first_line: fm.body_line,
    };
    let rendered = markdown::render(fm.body, &context);
    broken.html = Some(rendered.html);
    rendered.diagnostics
}

/// The profiles that parsed, and for each that did not, its last good version if `reuse`
/// kept one; and the files of those that did not (their errors are only reported).
pub(super) fn profiles(
    sources: &Sources,
    parses: Parses,
    reuse: &impl Reuse,
    diagnostics: &mut Diagnostics,
) -> (Vec<Person>, Vec<PathBuf>) {
    let mut people = Vec::with_capacity(parses.len());
    let mut failed = Vec::new();
    for (file, result) in sources.people.iter().zip(strip::<Person>(parses)) {
        match result {
            Ok(person) => {
                diagnostics.extend(person.warnings.iter().cloned());
                people.push(person);
            }
            Err(problems) => {
                diagnostics.extend(problems);
                people.extend(reuse.last_good_profile(&file.path));
                failed.push(file.path.clone());
            }
        }
    }
    (people, failed)
}

/// In a lenient run, takes out of `errors` those of the `tolerated` files, and gives each
/// broken briefing its problems (with the warnings about it); returns the errors taken.
pub(super) fn tolerate(
    request: &super::Request,
    site: &mut Site,
    tolerated: &Tolerated,
    errors: &mut Diagnostics,
    warnings: &Diagnostics,
) -> Diagnostics {
    if !request.lenient || tolerated.is_empty() {
        return Diagnostics::new();
    }
    let problems = errors.split_off(|d| tolerated.contains(&d.file));
    for broken in &mut site.broken {
        let own = (problems.iter().chain(warnings.iter())).filter(|d| d.file == broken.path);
        broken.problems = own.cloned().collect::<Diagnostics>().sorted();
    }
    problems.sorted()
}

//! Rebuilding in `serve` at about the cost of what changed. A [`Rebuilder`] keeps, from one
//! rebuild to the next, the [`Memo`] it lends the pipeline (files as read, parses, the theme,
//! rendered Markdown, what the renderers keep) and the last good site, and takes the quickest
//! way a change allows:
//!
//! - a **patch** ([`patch`]) for briefings changed in what they say or whom they name, but not
//!   in where they stand: the last site patched in place, and when names changed, its people
//!   and terms linked again from its own links ([`relink`]);
//! - a **retheme** for templates alone: only the pages that use them rendered again;
//! - the **full way** through the pipeline otherwise, reusing every unchanged input.
//!
//! Each way says what changed as a `render::Change` ([`stale`]); the renderers turn that into
//! the files to make again, and everything else is carried over from the last output.

mod memo;
mod patch;
mod relink;
mod shown;
mod stale;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::hash::HashSet;
use crate::model::Site;
use crate::output::{MemorySink, Output};
use crate::pipeline::{self, Prepared, Request, Reuse, Timings};
use crate::render::{self, Change, Scope};
use crate::source::{BRIEFINGS_DIR, CONTENT_DIR};
use crate::theme::{THEMES_DIR, Theme};
pub(crate) use memo::{MarkdownMemo, Memo};
use patch::Patch;
use stale::{Side, stale_files};

/// A rebuild that made a site to serve.
pub(crate) struct Good {
    pub warnings: Diagnostics,
    /// The errors it went on past: of briefings left out, of profiles held at their last good
    /// version (see `pipeline::Request::lenient`).
    pub problems: Diagnostics,
    pub output: Output,
    /// How long each stage took.
    pub timings: Timings,
}

/// A rebuild's outcome.
pub(crate) type Rendered = Result<Good, Error>;

/// What the rebuild loop keeps from one rebuild to the next, and the rebuilding itself.
pub(crate) struct Rebuilder {
    request: Request,
    memo: Memo,
    /// The last site rendered, to compare the next one with.
    last: Option<Site>,
    /// Files changed since the last good render, relative to the site root.
    pending: HashSet<PathBuf>,
    /// Files parsed or rendered anew since the last good render.
    fresh: HashSet<PathBuf>,
    /// The warnings of the last good render, and the errors it went on past.
    warnings: Diagnostics,
    problems: Diagnostics,
    /// The theme of the last good render.
    theme: Option<Arc<Theme>>,
}

impl Rebuilder {
    pub(crate) fn new(request: Request) -> Self {
        Rebuilder {
            request,
            memo: Memo::new(),
            last: None,
            pending: HashSet::default(),
            fresh: HashSet::default(),
            warnings: Diagnostics::new(),
            problems: Diagnostics::new(),
            theme: None,
        }
    }

    /// Makes links for `url` from the next rebuild on (site.yaml's base URL changed).
    pub(crate) fn set_base_url(&mut self, url: &str) {
        self.request.base_url = Some(url.to_owned());
    }

    /// Prepares and renders the site, reusing what the last good render left where nothing it
    /// depends on changed. Returns the warnings and the new output.
    pub(crate) fn rebuild(&mut self, changed: Vec<PathBuf>, previous: &Arc<Output>) -> Rendered {
        let work = self;
        work.memo.changed(&work.request.root, &changed);
        // The memo's parses are those of the last good site only if no change since has
        // failed to render.
        let clean = work.pending.is_empty();
        work.pending.extend(changed);
        if clean && let Some(patched) = work.patch(previous) {
            return Ok(patched);
        }
        if clean && let Some(rethemed) = work.retheme(previous) {
            return Ok(rethemed);
        }
        let prepared = pipeline::prepare_with(&work.request, &mut work.memo);
        let fresh: Vec<PathBuf> = work.memo.fresh().collect();
        work.fresh.extend(fresh);
        let mut prepared = prepared?;
        let mut clock = Instant::now();
        let sink = work.sink(&prepared, previous);
        prepared.timings.lap("compare", &mut clock);
        let rendered = pipeline::render_into(&mut prepared, &sink, &work.memo);
        clock = Instant::now();
        let output = rendered.and_then(|()| sink.finish());
        prepared.timings.lap("finish", &mut clock);
        if output.is_err() {
            // Cards made for a site that failed to render must not outlive it.
            work.memo.render.clear();
        }
        let output = output?;
        work.last = Some(prepared.site);
        work.pending.clear();
        work.fresh.clear();
        work.warnings = prepared.warnings.clone();
        work.problems = prepared.problems.clone();
        work.theme = Some(prepared.theme);
        Ok(Good {
            warnings: prepared.warnings,
            problems: prepared.problems,
            output,
            timings: prepared.timings,
        })
    }

    /// The usual edit (briefings changed in what they say, not in where they stand or whom
    /// they name) made the quick way: the last site patched in place and only what shows the
    /// changed briefings rendered again. `None` if the change is not such an edit, or it failed
    /// to render: then the full way finds out why. Only for a change to the last good site.
    fn patch(&mut self, previous: &Arc<Output>) -> Option<Good> {
        let mut timings = Timings::default();
        let mut clock = Instant::now();
        let Rebuilder {
            request,
            memo,
            last,
            pending,
            fresh,
            warnings,
            problems,
            ..
        } = self;
        let site = last.as_mut()?;
        let theme = memo.theme(&site.config.theme)?;
        let patch = Patch::prepare(&*request, memo, site, &theme)?;
        let (replaced, new_warnings) = patch.apply(&*request, memo, site, warnings);
        let stage = match replaced.linkage {
            Some(_) => "relink",
            None => "patch",
        };
        timings.lap(stage, &mut clock);
        let stale = match &replaced.linkage {
            Some(before) => {
                let before = Side::of_linkage(before);
                stale::after_relink(site, &before, &replaced.briefings, &replaced.gone)
            }
            None => stale::after_patch(site, &replaced.briefings),
        };
        memo.render
            .forget(stale.briefings.iter().map(PathBuf::as_path));
        let previous = Arc::clone(previous);
        let sink = MemorySink::patching(previous, stale.gone);
        let scope = Scope::Only(&stale.change);
        let rendered = render::render_site(site, &theme, scope, &sink, &memo.render);
        timings.lap("render", &mut clock);
        let output = rendered.ok().and_then(|()| sink.finish().ok());
        timings.lap("finish", &mut clock);
        let Some(output) = output else {
            // The memo keeps the new versions; the full way must know they are new.
            fresh.extend(stale.briefings);
            Patch::undo(site, replaced);
            memo.render.clear();
            return None;
        };
        pending.clear();
        fresh.clear();
        *warnings = new_warnings.clone();
        Some(Good {
            warnings: new_warnings,
            problems: problems.clone(),
            output,
            timings,
        })
    }

    /// A change to templates alone, made the quick way: the site stays as it was, and only the
    /// pages whose template reaches a changed one are rendered again (all that list briefings,
    /// if the card template changed). `None` if the change is not that, or the theme does not
    /// load or render: then the full way reports why.
    fn retheme(&mut self, previous: &Arc<Output>) -> Option<Good> {
        let work = self;
        let mut timings = Timings::default();
        let mut clock = Instant::now();
        let (site, old) = (work.last.as_ref()?, work.theme.as_ref()?);
        if !work.pending.iter().all(|p| is_template(p)) {
            return None;
        }
        let name = &site.config.theme;
        let theme = Arc::new(Theme::load(&work.request.root, name).ok()?);
        let reached = theme.reaching(&theme.changed_templates(old)?)?;
        let cards = reached.contains(render::CARD_TEMPLATE);
        let change = Change::of_templates(reached);
        if cards {
            work.memo.render.clear();
        }
        timings.lap("theme", &mut clock);
        let previous = Arc::clone(previous);
        let sink = MemorySink::patching(previous, Vec::new());
        let scope = Scope::Only(&change);
        let rendered = render::render_site(site, &theme, scope, &sink, &work.memo.render);
        timings.lap("render", &mut clock);
        let output = rendered.ok().and_then(|()| sink.finish().ok());
        timings.lap("finish", &mut clock);
        let Some(output) = output else {
            work.memo.render.clear();
            return None;
        };
        work.memo.keep_theme(name, &theme);
        work.memo.mark_read(&work.pending);
        work.theme = Some(theme);
        work.pending.clear();
        Some(Good {
            warnings: work.warnings.clone(),
            problems: work.problems.clone(),
            output,
            timings,
        })
    }

    /// A sink that carries over what the change left as it was, forgetting the cards of
    /// changed briefings; or, when everything must be made again, an empty one.
    fn sink(&self, prepared: &Prepared, previous: &Arc<Output>) -> MemorySink {
        let work = self;
        let stale = match &work.last {
            Some(last) if !touches_everything(&work.pending) => {
                let assets = touches_assets(&work.pending);
                stale_files(last, &prepared.site, &work.fresh, assets)
            }
            _ => None,
        };
        let Some(stale) = stale else {
            work.memo.render.clear();
            return MemorySink::default();
        };
        work.memo
            .render
            .forget(stale.briefings.iter().map(PathBuf::as_path));
        let previous = Arc::clone(previous);
        let stale = render::stale_paths(&prepared.site, &prepared.theme, &stale.change);
        MemorySink::reusing(previous, stale)
    }
}

/// Whether a change reaches beyond briefings and assets (site.yaml, the theme, a profile):
/// then every page may look different.
fn touches_everything(changed: &HashSet<PathBuf>) -> bool {
    changed.iter().any(|path| {
        let mut parts = path.components().map(|c| c.as_os_str());
        let in_content = parts.next() == Some(CONTENT_DIR.as_ref());
        let top = parts.next();
        let is_markdown = path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown");
        !in_content || (is_markdown && top != Some(BRIEFINGS_DIR.as_ref()))
    })
}

/// Whether `path` (relative to the root) is a template of a theme.
fn is_template(path: &Path) -> bool {
    let mut parts = path.components().map(|c| c.as_os_str());
    parts.next() == Some(THEMES_DIR.as_ref())
        && parts.nth(1) == Some("templates".as_ref())
        && path.extension().is_some_and(|e| e == "html")
}

/// Whether a change may have touched a file copied as it is (anything but Markdown).
fn touches_assets(changed: &HashSet<PathBuf>) -> bool {
    changed.iter().any(|path| {
        !path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown")
    })
}

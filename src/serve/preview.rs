//! The site as `serve` holds it: the last good render, its version, and the problems of the
//! last attempt, shared by the rebuild loop and every HTTP thread.
//!
//! A rebuild reuses all it can from the one before: unchanged files are not read, parsed or
//! rendered again (see `pipeline::Memo`), and only the output files a change touched are made
//! again (see `render::stale`); the rest are carried over.

use crate::hash::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::model::Site;
use crate::output::{MemorySink, Output};
use crate::pipeline::{self, Memo, Patch, Prepared, Request, Timings};
use crate::render::Change;
use crate::render::{
    self, Scope,
    stale::{self, Side, stale_files},
};
use crate::source::{BRIEFINGS_DIR, CONTENT_DIR};
use crate::theme::{THEMES_DIR, Theme};

/// What a browser tab is told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    /// The site changed: reload.
    Reload,
    /// Only stylesheets changed: fetch them again, no reload (the reader keeps their place).
    Styles,
    /// The last rebuild failed: show these problems over the page (the last good site stays).
    Problems(Diagnostics),
}

#[derive(Default)]
struct State {
    output: Arc<Output>,
    version: u64,
    /// The last version that changed more than stylesheets: a tab older than it reloads.
    full_version: u64,
    problems: Option<Diagnostics>,
}

/// What the rebuild loop alone keeps between rebuilds.
#[derive(Default)]
struct Work {
    memo: Memo,
    /// The last site rendered, to compare the next one with.
    last: Option<Site>,
    /// Files changed since the last good render, relative to the site root.
    pending: HashSet<PathBuf>,
    /// Files parsed or rendered anew since the last good render.
    fresh: HashSet<PathBuf>,
    /// The warnings of the last good render.
    warnings: Diagnostics,
    /// The theme of the last good render.
    theme: Option<Arc<Theme>>,
}

/// The served site, rebuilt in place.
pub struct Preview {
    request: Request,
    /// The root as the watcher names it (absolute, symbolic links resolved).
    canonical_root: PathBuf,
    state: Mutex<State>,
    changed: Condvar,
    work: Mutex<Work>,
}

impl Preview {
    pub fn new(request: Request) -> Self {
        Preview {
            canonical_root: request.root.canonicalize().unwrap_or_default(),
            request,
            state: Mutex::default(),
            changed: Condvar::new(),
            work: Mutex::new(Work {
                memo: Memo::new(),
                ..Work::default()
            }),
        }
    }

    /// Renders the site in memory again after `changed` files changed (absolute, or relative to
    /// the root); on failure keeps the last good one and records the problems. `styles_only`
    /// says that only stylesheets changed. Returns what happened.
    pub fn rebuild(&self, changed: &[PathBuf], styles_only: bool) -> Result<Rebuilt, Error> {
        let started = Instant::now();
        let outcome = self.render(changed);
        let mut state = self.state.lock().expect("preview lock");
        let mut replaced = None;
        let outcome = match outcome {
            Ok((warnings, output, timings)) => {
                replaced = Some(std::mem::replace(&mut state.output, Arc::new(output)));
                state.problems = None;
                Outcome::Done {
                    pages: state.output.page_count(),
                    warnings,
                    timings,
                }
            }
            Err(Error::Content(problems)) => {
                state.problems = Some(problems.clone());
                Outcome::Failed(problems)
            }
            Err(other) => return Err(other),
        };
        state.version += 1;
        if !styles_only {
            state.full_version = state.version;
        }
        drop(state);
        self.changed.notify_all();
        // Tabs are told first: freeing a site of 25,000 files takes milliseconds.
        drop(replaced);
        Ok(Rebuilt {
            outcome,
            elapsed: started.elapsed(),
        })
    }

    /// Prepares and renders the site, reusing what the last good render left where nothing it
    /// depends on changed. Returns the warnings and the new output.
    fn render(&self, changed: &[PathBuf]) -> Result<(Diagnostics, Output, Timings), Error> {
        let changed: Vec<PathBuf> = changed.iter().map(|p| self.relative(p)).collect();
        let mut work = self.work.lock().expect("rebuild lock");
        work.memo.changed(&self.request.root, &changed);
        // The memo's parses are those of the last good site only if no change since has
        // failed to render.
        let clean = work.pending.is_empty();
        work.pending.extend(changed);
        if clean && let Some(patched) = self.patch(&mut work) {
            return Ok(patched);
        }
        if clean && let Some(rethemed) = self.retheme(&mut work) {
            return Ok(rethemed);
        }
        let prepared = pipeline::prepare_with(&self.request, Some(&mut work.memo));
        let fresh: Vec<PathBuf> = work.memo.fresh().collect();
        work.fresh.extend(fresh);
        let mut prepared = prepared?;
        let mut clock = Instant::now();
        let sink = self.sink(&work, &prepared);
        prepared.timings.lap("compare", &mut clock);
        let rendered = pipeline::render_into(&mut prepared, &sink, &work.memo.render);
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
        work.theme = Some(prepared.theme);
        Ok((prepared.warnings, output, prepared.timings))
    }

    /// The usual edit (briefings changed in what they say, not in where they stand or whom
    /// they name) made the quick way: the last site patched in place and only what shows the
    /// changed briefings rendered again. `None` if the change is not such an edit, or it failed
    /// to render: then the full way finds out why. Only for a change to the last good site.
    fn patch(&self, work: &mut Work) -> Option<(Diagnostics, Output, Timings)> {
        let mut timings = Timings::default();
        let mut clock = Instant::now();
        let Work {
            memo,
            last,
            pending,
            fresh,
            warnings,
            ..
        } = work;
        let site = last.as_mut()?;
        let theme = memo.theme(&site.config.theme)?;
        let patch = Patch::prepare(&self.request, memo, site, &theme)?;
        let (replaced, new_warnings) = patch.apply(&self.request, memo, site, warnings);
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
        let previous = Arc::clone(&self.state.lock().expect("preview lock").output);
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
        Some((new_warnings, output, timings))
    }

    /// A change to templates alone, made the quick way: the site stays as it was, and only the
    /// pages whose template reaches a changed one are rendered again (all that list briefings,
    /// if the card template changed). `None` if the change is not that, or the theme does not
    /// load or render: then the full way reports why.
    fn retheme(&self, work: &mut Work) -> Option<(Diagnostics, Output, Timings)> {
        let mut timings = Timings::default();
        let mut clock = Instant::now();
        let (site, old) = (work.last.as_ref()?, work.theme.as_ref()?);
        if !work.pending.iter().all(|p| is_template(p)) {
            return None;
        }
        let name = &site.config.theme;
        let theme = Arc::new(Theme::load(&self.request.root, name).ok()?);
        let reached = theme.reaching(&theme.changed_templates(old)?)?;
        let cards = reached.contains(render::CARD_TEMPLATE);
        let change = Change::of_templates(reached);
        if cards {
            work.memo.render.clear();
        }
        timings.lap("theme", &mut clock);
        let previous = Arc::clone(&self.state.lock().expect("preview lock").output);
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
        Some((work.warnings.clone(), output, timings))
    }

    /// A sink that carries over what the change left as it was, forgetting the cards of
    /// changed briefings; or, when everything must be made again, an empty one.
    fn sink(&self, work: &Work, prepared: &Prepared) -> MemorySink {
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
        let previous = Arc::clone(&self.state.lock().expect("preview lock").output);
        let stale = render::stale_paths(&prepared.site, &prepared.theme, &stale.change);
        MemorySink::reusing(previous, stale)
    }

    /// `path` relative to the site root, however the watcher named it.
    fn relative(&self, path: &Path) -> PathBuf {
        let root = &self.request.root;
        let relative = path
            .strip_prefix(root)
            .or_else(|_| path.strip_prefix(&self.canonical_root))
            .unwrap_or(path);
        relative.to_path_buf()
    }

    /// The current site and its version.
    pub fn current(&self) -> (Arc<Output>, u64) {
        let state = self.state.lock().expect("preview lock");
        (Arc::clone(&state.output), state.version)
    }

    /// Waits (at most `timeout`) for a version newer than `seen`; returns it and the news.
    pub fn next(&self, seen: u64, timeout: Duration) -> Option<(u64, News)> {
        let state = self.state.lock().expect("preview lock");
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.version <= seen)
            .expect("preview lock");
        (state.version > seen).then(|| {
            let news = match &state.problems {
                Some(problems) => News::Problems(problems.clone()),
                None if state.full_version > seen => News::Reload,
                None => News::Styles,
            };
            (state.version, news)
        })
    }

    /// The problems of the last rebuild, if it failed.
    pub fn problems(&self) -> Option<Diagnostics> {
        self.state.lock().expect("preview lock").problems.clone()
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

/// The outcome of one rebuild, and how long it took.
pub struct Rebuilt {
    pub outcome: Outcome,
    pub elapsed: Duration,
}

pub enum Outcome {
    Done {
        pages: usize,
        warnings: Diagnostics,
        /// How long each stage took (shown with `BRIEF_TIMINGS=1`).
        timings: Timings,
    },
    /// Nothing changed for readers: the last good site is still served.
    Failed(Diagnostics),
}

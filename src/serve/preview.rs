//! The site as `serve` holds it: the last good render, its version, and the problems of the
//! last attempt, shared by the rebuild loop and every HTTP thread.
//!
//! How a rebuild reuses what the one before left is `rebuild`'s business; this holds its
//! result for the HTTP threads.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::output::Output;
use crate::pipeline::{Request, Timings};
use crate::rebuild::Rebuilder;

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

/// The served site, rebuilt in place.
pub struct Preview {
    request: Request,
    /// The root as the watcher names it (absolute, symbolic links resolved).
    canonical_root: PathBuf,
    state: Mutex<State>,
    changed: Condvar,
    work: Mutex<Rebuilder>,
}

impl Preview {
    pub fn new(request: Request) -> Self {
        Preview {
            canonical_root: request.root.canonicalize().unwrap_or_default(),
            work: Mutex::new(Rebuilder::new(request.clone())),
            request,
            state: Mutex::default(),
            changed: Condvar::new(),
        }
    }

    /// Renders the site in memory again after `changed` files changed (absolute, or relative to
    /// the root); on failure keeps the last good one and records the problems. `styles_only`
    /// says that only stylesheets changed. Returns what happened.
    pub fn rebuild(&self, changed: &[PathBuf], styles_only: bool) -> Result<Rebuilt, Error> {
        let started = Instant::now();
        let changed: Vec<PathBuf> = changed.iter().map(|p| self.relative(p)).collect();
        let mut work = self.work.lock().expect("rebuild lock");
        let previous = Arc::clone(&self.state.lock().expect("preview lock").output);
        let outcome = work.rebuild(changed, &previous);
        drop(previous);
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

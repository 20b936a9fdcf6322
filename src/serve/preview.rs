//! The site as `serve` holds it: the last good render, its version, and the problems of the
//! last attempt with what is served meanwhile, shared by the rebuild loop and every HTTP thread.
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
    /// The last rebuild failed: show its problems over the page.
    Problems(Report),
}

/// Which site is being served while there are problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Served {
    /// The one just built: it leaves out the briefings with errors.
    This,
    /// The last one that built: this rebuild failed.
    Last,
    /// None has built yet: every address answers with the problems.
    Nothing,
}

/// The problems of the last rebuild, errors and warnings, and what is served meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub served: Served,
    pub problems: Diagnostics,
}

impl Report {
    /// The report as the overlay reads it: `{"served": "this", "problems": [...]}`.
    pub fn json(&self) -> String {
        let served = match self.served {
            Served::This => "this",
            Served::Last => "last",
            Served::Nothing => "nothing",
        };
        let problems = crate::report::json_line(&self.problems);
        format!("{{\"served\":\"{served}\",\"problems\":{problems}}}")
    }
}

#[derive(Default)]
struct State {
    output: Arc<Output>,
    version: u64,
    /// The last version that changed more than stylesheets: a tab older than it reloads.
    full_version: u64,
    /// Whether a site has been built at all.
    built: bool,
    /// The last rebuild's problems, if it had any.
    report: Option<Report>,
}

/// The served site, rebuilt in place.
pub struct Preview {
    request: Request,
    /// The root as the watcher names it (absolute, symbolic links resolved).
    canonical_root: PathBuf,
    state: Mutex<State>,
    changed: Condvar,
    work: Mutex<Rebuilder>,
    /// The path the site is served under, from its base URL.
    base_path: Mutex<String>,
}

impl Preview {
    pub fn new(request: Request) -> Self {
        let base_path = (request.base_url.as_deref())
            .and_then(|url| crate::config::BaseUrl::parse(url).ok())
            .map_or_else(|| "/".to_owned(), |url| url.path().to_owned());
        Preview {
            base_path: Mutex::new(base_path),
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
            Ok(good) => {
                replaced = Some(std::mem::replace(&mut state.output, Arc::new(good.output)));
                state.built = true;
                let mut all = good.problems.clone();
                all.extend(good.warnings.iter().cloned());
                state.report = (!all.is_empty()).then(|| Report {
                    served: Served::This,
                    problems: all.sorted(),
                });
                Outcome::Done {
                    pages: state.output.page_count(),
                    warnings: good.warnings,
                    problems: good.problems,
                    timings: good.timings,
                }
            }
            Err(Error::Content(problems)) => {
                let served = if state.built {
                    Served::Last
                } else {
                    Served::Nothing
                };
                state.report = Some(Report {
                    served,
                    problems: problems.clone(),
                });
                Outcome::Failed { problems, served }
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

    /// The path the site is served under (`/briefings/`).
    pub fn base_path(&self) -> String {
        self.base_path.lock().expect("base path lock").clone()
    }

    /// Serves the site under `base_path` from the next rebuild on, its links made for `url`.
    pub(crate) fn move_to(&self, base_path: &str, url: &str) {
        self.work.lock().expect("rebuild lock").set_base_url(url);
        *self.base_path.lock().expect("base path lock") = base_path.to_owned();
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
            let news = match &state.report {
                Some(report) if report.served != Served::This => News::Problems(report.clone()),
                _ if state.full_version > seen => News::Reload,
                _ => News::Styles,
            };
            (state.version, news)
        })
    }

    /// The problems of the last rebuild, if it had any: errors (of a failed rebuild, or of the
    /// briefings a good one left out) and warnings.
    pub fn report(&self) -> Option<Report> {
        self.state.lock().expect("preview lock").report.clone()
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
        /// The errors of briefings left out of the site (their pages show them), and of
        /// profiles held at their last good version.
        problems: Diagnostics,
        /// How long each stage took (shown with `BRIEF_TIMINGS=1`).
        timings: Timings,
    },
    /// Nothing changed for readers: the last good site, if any, is still served.
    Failed {
        problems: Diagnostics,
        served: Served,
    },
}

//! Watching the site's sources: `content/`, `themes/` and `site.yaml`, as folders (so that new
//! folders, renames and editors' write-then-rename saves are all seen), ignoring editors'
//! temporary and backup files. Debounced; a change after a quiet spell goes to the rebuild at
//! once, and the rest of a burst is held until quiet, so that a burst of saves is two rebuilds,
//! not fifty. Out of the system's watches, it goes on by polling.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, FileIdMap, new_debouncer_opt};

use crate::config::CONFIG_FILE;
use crate::error::Error;
use crate::source::{CONTENT_DIR, is_hidden_or_temporary};

/// Events for one file closer together than this are one event (an editor's save is several).
const DEBOUNCE: Duration = Duration::from_millis(10);
/// A change after this long without one is rebuilt at once (a save shows without delay); a
/// change hard on the heels of another is held until none has come for this long, so that the
/// rest of a burst (fifty saves in a second, a `git checkout`) is one rebuild…
const QUIET: Duration = Duration::from_millis(150);
/// …but changes that never stop are still rebuilt this often.
const MOST_HELD: Duration = Duration::from_secs(2);
/// How often the polling watcher looks.
const POLL_EVERY: Duration = Duration::from_millis(300);

/// Keeps the watch going for as long as it lives.
pub(super) struct Watch {
    debouncer: Debouncer_,
    /// The source folders watched recursively so far.
    covered: Vec<PathBuf>,
    root: PathBuf,
    /// Where batches go (to the rebuild loop, through [`hold_until_quiet`]).
    batches: Sender<Vec<PathBuf>>,
    /// Set when the system's watcher ran out of watches after starting (a new folder).
    exhausted: Arc<AtomicBool>,
    /// Something the person running `serve` should read, once.
    notice: Option<String>,
}

/// The watcher behind the debouncer: the system's, or polling.
enum Debouncer_ {
    Native(Debouncer<RecommendedWatcher, FileIdMap>),
    Polling(Debouncer<PollWatcher, FileIdMap>),
}

/// Starts watching `root`; every batch of relevant changes sends the changed paths on `changes`.
/// Should the system's watcher run out of watches (Linux's `fs.inotify.max_user_watches`),
/// now or later, the watch goes on by polling, and [`Watch::take_notice`] says so.
pub(super) fn start(
    root: &Path,
    poll: bool,
    changes: Sender<Vec<PathBuf>>,
) -> Result<Watch, Error> {
    let batches = hold_until_quiet(changes);
    let exhausted = Arc::new(AtomicBool::new(false));
    let native = if poll {
        None
    } else {
        match native_debouncer(root, &batches, &exhausted) {
            Ok(debouncer) => Some(debouncer),
            Err(error) if should_poll_instead(&error) => None,
            Err(error) => return Err(failed(error)),
        }
    };
    let fell_back = !poll && native.is_none();
    let debouncer = match native {
        Some(debouncer) => debouncer,
        None => polling_debouncer(root, &batches, &exhausted).map_err(failed)?,
    };
    let mut watch = Watch {
        debouncer,
        covered: Vec::new(),
        root: root.to_owned(),
        batches,
        exhausted,
        notice: None,
    };
    if fell_back {
        watch.watch_all().map_err(failed)?;
        watch.notice = Some(POLLING_NOTICE.to_owned());
    } else {
        match watch.watch_all() {
            Ok(()) => {}
            Err(error) if should_poll_instead(&error) && watch.is_native() => {
                watch.fall_back_to_polling()?;
            }
            Err(error) => return Err(failed(error)),
        }
    }
    Ok(watch)
}

fn failed(error: notify::Error) -> Error {
    Error::Usage(format!(
        "cannot watch the site's files: {error}; try --poll"
    ))
}

/// Whether a watcher error means the system's watches ran out (inotify's per-user limit on
/// watches, or on instances), so that polling, which needs none, should take over.
pub(super) fn should_poll_instead(error: &notify::Error) -> bool {
    match &error.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        // ENOSPC from inotify_add_watch, EMFILE from inotify_init.
        notify::ErrorKind::Io(io) => matches!(io.raw_os_error(), Some(28 | 24)),
        _ => false,
    }
}

/// What `serve` says when it falls back to polling.
const POLLING_NOTICE: &str = "note: the system's limit on watched folders is reached (fs.inotify.max_user_watches), so brief serve now looks for changes every 300 ms instead; to watch without polling, raise the limit, e.g. `sudo sysctl fs.inotify.max_user_watches=524288`";

impl Watch {
    /// Watches inside content/ and themes/, if they exist and are not watched yet. Falls back
    /// to polling if the system's watcher has run out of watches.
    pub(super) fn cover(&mut self, root: &Path) -> Result<(), Error> {
        debug_assert_eq!(root, self.root);
        if self.exhausted.swap(false, Ordering::Relaxed) && self.is_native() {
            return self.fall_back_to_polling();
        }
        match self.watch_new_folders() {
            Ok(()) => Ok(()),
            Err(error) if should_poll_instead(&error) && self.is_native() => {
                self.fall_back_to_polling()
            }
            Err(error) => Err(failed(error)),
        }
    }

    /// The notice for the person running `serve`, if there is a new one.
    pub(super) fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    fn is_native(&self) -> bool {
        matches!(self.debouncer, Debouncer_::Native(_))
    }

    /// The root itself, not recursively (site.yaml, and content/ or themes/ appearing later),
    /// then the source folders.
    fn watch_all(&mut self) -> notify::Result<()> {
        let root = self.root.clone();
        self.add(&root, RecursiveMode::NonRecursive)?;
        self.watch_new_folders()
    }

    fn watch_new_folders(&mut self) -> notify::Result<()> {
        for folder in [CONTENT_DIR, "themes"].map(|f| self.root.join(f)) {
            if folder.is_dir() && !self.covered.contains(&folder) {
                self.add(&folder, RecursiveMode::Recursive)?;
                self.covered.push(folder);
            }
        }
        Ok(())
    }

    /// Replaces the system's watcher by polling, watching everything anew, and says so.
    fn fall_back_to_polling(&mut self) -> Result<(), Error> {
        let root = self.root.clone();
        self.debouncer =
            polling_debouncer(&root, &self.batches, &self.exhausted).map_err(failed)?;
        self.covered.clear();
        self.watch_all().map_err(failed)?;
        self.notice = Some(POLLING_NOTICE.to_owned());
        // Whatever changed while no watch was complete is picked up by a rebuild.
        let _ = self.batches.send(vec![root.join(CONTENT_DIR)]);
        Ok(())
    }

    fn add(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.debouncer {
            Debouncer_::Native(debouncer) => debouncer.watch(path, mode),
            Debouncer_::Polling(debouncer) => debouncer.watch(path, mode),
        }
    }
}

fn native_debouncer(
    root: &Path,
    batches: &Sender<Vec<PathBuf>>,
    exhausted: &Arc<AtomicBool>,
) -> notify::Result<Debouncer_> {
    let handler = handler(root, batches, exhausted);
    let config = notify::Config::default();
    new_debouncer_opt(DEBOUNCE, None, handler, FileIdMap::new(), config).map(Debouncer_::Native)
}

fn polling_debouncer(
    root: &Path,
    batches: &Sender<Vec<PathBuf>>,
    exhausted: &Arc<AtomicBool>,
) -> notify::Result<Debouncer_> {
    let handler = handler(root, batches, exhausted);
    // Modification times tick in whole seconds here: compare contents to see a second save.
    let config = notify::Config::default()
        .with_poll_interval(POLL_EVERY)
        .with_compare_contents(true);
    new_debouncer_opt(DEBOUNCE, None, handler, FileIdMap::new(), config).map(Debouncer_::Polling)
}

/// What the debouncer calls with each batch: relevant paths go on; running out of watches
/// (a folder made after the start, in a recursive watch) is flagged for [`Watch::cover`],
/// which the next batch makes the rebuild loop call.
fn handler(
    root: &Path,
    batches: &Sender<Vec<PathBuf>>,
    exhausted: &Arc<AtomicBool>,
) -> impl FnMut(DebounceEventResult) + Send + 'static {
    let (root, batches, exhausted) = (root.to_owned(), batches.clone(), Arc::clone(exhausted));
    move |result: DebounceEventResult| {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                if errors.iter().any(should_poll_instead) {
                    exhausted.store(true, Ordering::Relaxed);
                    let _ = batches.send(vec![root.join(CONTENT_DIR)]);
                }
                return;
            }
        };
        // Reading is not changing: without this, each rebuild's own reads would start the next.
        let changes_only = events.iter().filter(|e| !is_read(&e.kind));
        let paths: Vec<PathBuf> = changes_only
            .flat_map(|e| e.paths.iter())
            .filter(|p| relevant(&root, p))
            .cloned()
            .collect();
        if !paths.is_empty() {
            let _ = batches.send(paths);
        }
    }
}

/// Forwards batches to `changes`: the first after a quiet spell at once, later ones merged
/// until none has come for [`QUIET`] (or the first has waited [`MOST_HELD`]). The debouncer
/// works file by file, so a burst of saves would otherwise be a burst of rebuilds.
fn hold_until_quiet(changes: Sender<Vec<PathBuf>>) -> Sender<Vec<PathBuf>> {
    let (sender, receiver) = mpsc::channel::<Vec<PathBuf>>();
    std::thread::spawn(move || {
        let mut last_sent: Option<Instant> = None;
        while let Ok(mut held) = receiver.recv() {
            let after_quiet = last_sent.is_none_or(|t| t.elapsed() >= QUIET);
            let open = after_quiet || gather_burst(&receiver, &mut held);
            held.sort();
            held.dedup();
            if changes.send(held).is_err() || !open {
                return;
            }
            last_sent = Some(Instant::now());
        }
    });
    sender
}

/// Adds to `held` every batch until none has come for [`QUIET`] (or [`MOST_HELD`] has passed);
/// `false` once the watcher has gone.
fn gather_burst(receiver: &mpsc::Receiver<Vec<PathBuf>>, held: &mut Vec<PathBuf>) -> bool {
    let first = Instant::now();
    loop {
        let left = MOST_HELD.saturating_sub(first.elapsed());
        match receiver.recv_timeout(QUIET.min(left)) {
            Ok(more) => {
                held.extend(more);
                if left.is_zero() {
                    return true;
                }
            }
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

fn is_read(kind: &EventKind) -> bool {
    use notify::event::{MetadataKind, ModifyKind};
    kind.is_access()
        || matches!(
            kind,
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
        )
}

/// A change worth a rebuild: under content/ or themes/, or site.yaml; never an editor's
/// swap, backup or temporary file.
fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(inside) = path.strip_prefix(root) else {
        return false;
    };
    let temporary = inside
        .components()
        .any(|c| is_hidden_or_temporary(&c.as_os_str().to_string_lossy()));
    let watched = inside == Path::new(CONFIG_FILE)
        || inside.starts_with(CONTENT_DIR)
        || inside.starts_with("themes");
    watched && !temporary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_temporary_files_do_not_count() {
        let root = Path::new("/site");
        assert!(relevant(root, Path::new("/site/content/briefings/a.md")));
        assert!(relevant(root, Path::new("/site/site.yaml")));
        assert!(relevant(root, Path::new("/site/themes/x/templates/a.html")));
        for temp in [
            ".a.md.swp",
            ".a.md.swo",
            "a.md~",
            "#a.md#",
            ".#a.md",
            "a.md___jb_tmp___",
            "4913",
        ] {
            let path = format!("/site/content/briefings/{temp}");
            assert!(!relevant(root, Path::new(&path)), "{temp}");
        }
        assert!(!relevant(root, Path::new("/site/public/index.html")));
        assert!(!relevant(root, Path::new("/site/content/.git/x")));
    }

    #[test]
    fn running_out_of_watches_means_polling_other_errors_do_not() {
        let limit = notify::Error::new(notify::ErrorKind::MaxFilesWatch);
        let no_space = notify::Error::io(std::io::Error::from_raw_os_error(28));
        let no_instances = notify::Error::io(std::io::Error::from_raw_os_error(24));
        assert!(should_poll_instead(&limit));
        assert!(should_poll_instead(&no_space) && should_poll_instead(&no_instances));
        let missing = notify::Error::new(notify::ErrorKind::PathNotFound);
        let denied = notify::Error::io(std::io::Error::from_raw_os_error(13));
        assert!(!should_poll_instead(&missing) && !should_poll_instead(&denied));
    }

    #[test]
    fn a_burst_is_its_first_batch_then_the_rest_and_a_quiet_gap_separates_more() {
        let (changes, received) = mpsc::channel();
        let batches = hold_until_quiet(changes);
        for n in 0..50 {
            batches
                .send(vec![PathBuf::from(format!("a{}", n % 5))])
                .unwrap();
            std::thread::sleep(Duration::from_millis(10));
        }
        let first = received.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(first, vec![PathBuf::from("a0")]);
        let rest = received.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(rest.len(), 5, "{rest:?}");
        std::thread::sleep(QUIET * 2);
        batches.send(vec![PathBuf::from("b")]).unwrap();
        let second = received.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(second, vec![PathBuf::from("b")]);
        assert!(received.try_recv().is_err());
    }

    #[test]
    fn the_watch_can_fall_back_to_polling_and_still_sees_changes() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content/briefings")).unwrap();
        let (changes, received) = mpsc::channel();
        let mut watch = start(site.path(), false, changes).unwrap();
        assert!(watch.is_native() && watch.take_notice().is_none());
        // As the handler does when the system's watcher runs out of watches for a new folder.
        watch.exhausted.store(true, Ordering::Relaxed);
        watch.cover(site.path()).unwrap();
        assert!(!watch.is_native());
        assert!(
            watch
                .take_notice()
                .unwrap()
                .contains("fs.inotify.max_user_watches")
        );
        let first = received.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(first, vec![site.path().join("content")]);
        std::thread::sleep(POLL_EVERY);
        let new = site.path().join("content/briefings/2022/new.md");
        std::fs::create_dir_all(new.parent().unwrap()).unwrap();
        std::fs::write(&new, "x").unwrap();
        // A poll may fall between the new folder and its file: the file comes in a later batch.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        let mut seen = Vec::new();
        while !seen.contains(&new) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match received.recv_timeout(left) {
                Ok(batch) => seen.extend(batch),
                Err(_) => panic!("the new file was not seen, only {seen:?}"),
            }
        }
    }
}

//! Watching the site's sources: `content/`, `themes/` and `site.yaml`, as folders (so that new
//! folders, renames and editors' write-then-rename saves are all seen), ignoring editors'
//! temporary and backup files. Debounced, so one save is one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, FileIdMap, new_debouncer_opt};

use crate::config::CONFIG_FILE;
use crate::error::Error;
use crate::source::{CONTENT_DIR, is_hidden_or_temporary};

/// Saves closer together than this make one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Keeps the watch going for as long as it lives.
pub struct Watch {
    debouncer: Debouncer_,
    /// The source folders watched recursively so far.
    covered: Vec<PathBuf>,
}

/// The watcher behind the debouncer: the system's, or polling.
enum Debouncer_ {
    Native(Debouncer<RecommendedWatcher, FileIdMap>),
    Polling(Debouncer<PollWatcher, FileIdMap>),
}

/// Starts watching `root`; every batch of relevant changes sends the changed paths on `changes`.
pub fn start(root: &Path, poll: bool, changes: Sender<Vec<PathBuf>>) -> Result<Watch, Error> {
    let root_for_filter = root.to_owned();
    let handler = move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        // Reading is not changing: without this, each rebuild's own reads would start the next.
        let changes_only = events.iter().filter(|e| !is_read(&e.kind));
        let paths: Vec<PathBuf> = changes_only
            .flat_map(|e| e.paths.iter())
            .filter(|p| relevant(&root_for_filter, p))
            .cloned()
            .collect();
        if !paths.is_empty() {
            let _ = changes.send(paths);
        }
    };
    let debouncer = if poll {
        // Modification times tick in whole seconds here: compare contents to see a second save.
        let config = notify::Config::default()
            .with_poll_interval(Duration::from_millis(300))
            .with_compare_contents(true);
        Debouncer_::Polling(
            new_debouncer_opt(DEBOUNCE, None, handler, FileIdMap::new(), config).map_err(failed)?,
        )
    } else {
        let config = notify::Config::default();
        Debouncer_::Native(
            new_debouncer_opt(DEBOUNCE, None, handler, FileIdMap::new(), config).map_err(failed)?,
        )
    };
    let mut watch = Watch {
        debouncer,
        covered: Vec::new(),
    };
    // The root itself, not recursively: site.yaml, and content/ or themes/ appearing later.
    watch
        .add(root, RecursiveMode::NonRecursive)
        .map_err(failed)?;
    watch.cover(root)?;
    Ok(watch)
}

fn failed(error: notify::Error) -> Error {
    Error::Usage(format!(
        "cannot watch the site's files: {error}; try --poll"
    ))
}

impl Watch {
    /// Watches inside content/ and themes/, if they exist and are not watched yet.
    pub fn cover(&mut self, root: &Path) -> Result<(), Error> {
        for folder in [CONTENT_DIR, "themes"].map(|f| root.join(f)) {
            if folder.is_dir() && !self.covered.contains(&folder) {
                self.add(&folder, RecursiveMode::Recursive)
                    .map_err(failed)?;
                self.covered.push(folder);
            }
        }
        Ok(())
    }

    fn add(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.debouncer {
            Debouncer_::Native(debouncer) => debouncer.watch(path, mode),
            Debouncer_::Polling(debouncer) => debouncer.watch(path, mode),
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
    use super::relevant;
    use std::path::Path;

    #[test]
    fn editors_temporary_files_do_not_count() {
        let root = Path::new("/site");
        assert!(relevant(root, Path::new("/site/content/briefings/a.md")));
        assert!(relevant(root, Path::new("/site/site.yaml")));
        assert!(relevant(root, Path::new("/site/themes/x/templates/a.html")));
        for temp in [".a.md.swp", "a.md~", "#a.md#", "a.md___jb_tmp___", "4913"] {
            let path = format!("/site/content/briefings/{temp}");
            assert!(!relevant(root, Path::new(&path)), "{temp}");
        }
        assert!(!relevant(root, Path::new("/site/public/index.html")));
        assert!(!relevant(root, Path::new("/site/content/.git/x")));
    }
}

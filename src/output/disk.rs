//! Writing the output folder so that a failed build leaves it exactly as it was.
//!
//! Files arrive one by one while rendering goes on. Into a folder that does not exist yet they
//! go to a staging folder beside it, renamed into place at the end. Into an existing folder,
//! a file whose bytes did not change is left alone (its mtime stays, so rsync and static hosts
//! see no change); a changed one is written to a hidden temporary file next to its target.
//! Only when every page rendered and every byte was written does [`DiskSink::commit`] rename
//! the temporary files over their targets and remove files no longer produced; otherwise
//! [`DiskSink::abort`] removes what this build added. Nothing outside the folder is touched.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{Claims, RenderedFile, Sink};
use crate::error::Error;

const TEMP_SUFFIX: &str = ".brief-tmp";

/// What writing did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub pages: usize,
    pub files: usize,
}

enum Mode {
    /// The folder did not exist: everything goes into `staging`, renamed at the end.
    Fresh { staging: PathBuf },
    /// The folder exists: changed files go to temporary siblings of their targets.
    InPlace,
}

pub struct DiskSink {
    dir: PathBuf,
    mode: Mode,
    claims: Claims,
    /// Temporary file → the file it will replace.
    pending: Mutex<Vec<(PathBuf, PathBuf)>>,
    /// Folders this build created inside an existing output, removed again on abort.
    created: Mutex<Vec<PathBuf>>,
    failure: Mutex<Option<Error>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
}

impl DiskSink {
    /// Prepares to write the site of `root` into `dir`, refusing folders it must not replace.
    pub fn open(root: &Path, dir: &Path) -> Result<DiskSink, Error> {
        check_output_dir(root, dir)?;
        let staging = sibling(dir, "new");
        if staging.exists() {
            // Left by a build that was killed: it is ours by its name.
            fs::remove_dir_all(&staging)
                .map_err(io_error("remove the leftover folder", &staging))?;
        }
        let mode = if dir.exists() {
            Mode::InPlace
        } else {
            fs::create_dir_all(&staging).map_err(io_error("create the folder", &staging))?;
            Mode::Fresh { staging }
        };
        Ok(DiskSink {
            dir: dir.to_owned(),
            mode,
            claims: Claims::default(),
            pending: Mutex::default(),
            created: Mutex::default(),
            failure: Mutex::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        })
    }

    /// Makes the build visible: called only when rendering succeeded.
    pub fn commit(self) -> Result<WriteStats, Error> {
        let failure = self.failure.lock().expect("sink lock").take();
        if let Some(error) = failure {
            self.abort();
            return Err(error);
        }
        let DiskSink {
            dir,
            mode,
            claims,
            pending,
            created,
            written,
            unchanged,
            ..
        } = self;
        let claimed = match claims.into_result() {
            Ok(claimed) => claimed,
            Err(error) => {
                undo(
                    &mode,
                    pending.into_inner().expect("sink lock"),
                    created.into_inner().expect("sink lock"),
                );
                return Err(error);
            }
        };
        let removed = match &mode {
            Mode::Fresh { staging } => {
                if let Err(error) = fs::rename(staging, &dir) {
                    let _ = fs::remove_dir_all(staging);
                    return Err(io_error("move the new output into place", &dir)(error));
                }
                0
            }
            Mode::InPlace => {
                let pending = pending.into_inner().expect("sink lock");
                pending.par_iter().try_for_each(|(temp, target)| {
                    fs::rename(temp, target).map_err(io_error("replace", target))
                })?;
                sweep(&dir, &claimed)
            }
        };
        Ok(WriteStats {
            written: written.into_inner(),
            unchanged: unchanged.into_inner(),
            removed,
            pages: super::page_count(claimed.keys().map(String::as_str)),
            files: claimed.len(),
        })
    }

    /// Removes everything this build added, leaving the previous output as it was.
    pub fn abort(self) {
        undo(
            &self.mode,
            self.pending.into_inner().expect("sink lock"),
            self.created.into_inner().expect("sink lock"),
        );
    }

    fn place(&self, file: &RenderedFile) -> Result<(), Error> {
        let bytes = file.content.bytes()?;
        let counter = match &self.mode {
            Mode::Fresh { staging } => {
                let target = staging.join(&file.path);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent).map_err(io_error("create the folder", parent))?;
                }
                fs::write(&target, &bytes).map_err(io_error("write", &target))?;
                &self.written
            }
            Mode::InPlace => {
                let target = self.dir.join(&file.path);
                if has_bytes(&target, &bytes) {
                    &self.unchanged
                } else {
                    self.make_parents(&target)?;
                    let temp = temp_path(&target);
                    fs::write(&temp, &bytes).map_err(io_error("write", &temp))?;
                    self.pending.lock().expect("sink lock").push((temp, target));
                    &self.written
                }
            }
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Creates the missing folders above `target`, remembering each for [`Self::abort`].
    fn make_parents(&self, target: &Path) -> Result<(), Error> {
        let missing: Vec<&Path> = target
            .ancestors()
            .skip(1)
            .take_while(|a| !a.is_dir())
            .collect();
        for folder in missing.into_iter().rev() {
            match fs::create_dir(folder) {
                Ok(()) => self
                    .created
                    .lock()
                    .expect("sink lock")
                    .push(folder.to_owned()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_error("create the folder", folder)(e)),
            }
        }
        Ok(())
    }
}

impl Sink for DiskSink {
    fn put(&self, file: RenderedFile) {
        if !self.claims.claim(&file) || self.failure.lock().expect("sink lock").is_some() {
            return;
        }
        if let Err(error) = self.place(&file) {
            self.failure.lock().expect("sink lock").get_or_insert(error);
        }
    }
}

fn undo(mode: &Mode, pending: Vec<(PathBuf, PathBuf)>, created: Vec<PathBuf>) {
    match mode {
        Mode::Fresh { staging } => {
            let _ = fs::remove_dir_all(staging);
        }
        Mode::InPlace => {
            for (temp, _) in pending {
                let _ = fs::remove_file(temp);
            }
            for folder in created.iter().rev() {
                let _ = fs::remove_dir(folder);
            }
        }
    }
}

/// Whether the file at `path` already holds exactly `bytes`.
fn has_bytes(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
}

/// `people/x/index.html` → `people/x/.index.html.brief-tmp`: hidden, and in the same folder
/// so that the final rename is atomic.
fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}{TEMP_SUFFIX}"))
}

/// Removes files of `dir` that this build did not produce (and folders left empty), keeping
/// the owner's dotfiles at the top (`.git` of a gh-pages checkout, `.nojekyll`). Returns the
/// number of files removed.
fn sweep(dir: &Path, claimed: &std::collections::HashMap<String, String>) -> usize {
    let owners = |e: &walkdir::DirEntry| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 1 && name.starts_with('.') && !name.ends_with(TEMP_SUFFIX)
    };
    // Not `contents_first`: with it, walkdir would visit `.git`'s files before pruning it.
    let entries = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !owners(e));
    let (folders, files): (Vec<_>, Vec<_>) = entries
        .filter_map(Result::ok)
        .partition(|e| e.file_type().is_dir());
    let stale = files.iter().filter(|e| {
        let relative = e.path().strip_prefix(dir).unwrap_or(e.path());
        !claimed.contains_key(&crate::diagnostic::display_path(relative))
    });
    let removed = stale.filter(|e| fs::remove_file(e.path()).is_ok()).count();
    for folder in folders.iter().rev() {
        let _ = fs::remove_dir(folder.path()); // only succeeds when empty
    }
    removed
}

/// `public` → `.public.brief-new` in the same parent, so the final rename stays on one disk.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.with_file_name(format!(".{name}.brief-{suffix}"))
}

fn io_error<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> Error + 'a {
    move |source| Error::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// Refuses output folders whose replacement would destroy something that is not a built site:
/// the site itself or a folder holding it, the content or themes, or a folder of other files.
pub fn check_output_dir(root: &Path, dir: &Path) -> Result<(), Error> {
    let root = absolute(root);
    let target = absolute(dir);
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to use `{}` as the output folder: {why}",
            dir.display()
        )))
    };
    if root.starts_with(&target) {
        return refuse("it contains the site itself, and building replaces the whole folder");
    }
    for protected in ["content", "themes", "src", "tests", ".git"] {
        if target.starts_with(root.join(protected)) {
            return refuse(&format!("it is inside the site's `{protected}` folder"));
        }
    }
    let foreign = fs::read_dir(&target).map(|entries| {
        let names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let visible = names.iter().any(|n| !n.starts_with('.'));
        visible && !names.iter().any(|n| n == "index.html")
    });
    if foreign.unwrap_or(false) {
        return refuse(
            "it holds files but no index.html, so it does not look like a built site; choose an empty or new folder, or empty it yourself",
        );
    }
    Ok(())
}

/// An absolute, normalised path, resolving symlinks where the path exists.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = fs::canonicalize(path) {
        return canonical;
    }
    let joined = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_owned());
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => joined,
    }
}

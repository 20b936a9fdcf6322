//! Writing the output folder so that a failed build leaves it exactly as it was, and so that
//! nothing brief did not write is ever deleted.
//!
//! Files arrive one by one while rendering goes on. Into a folder that does not exist yet they
//! go to a staging folder beside it, renamed into place at the end. Into an existing folder, a
//! file whose bytes did not change is left alone (its mtime stays, so rsync and static hosts see
//! no change); a changed one is written to a hidden temporary file next to its target. Only
//! when every page rendered and every byte was written does [`DiskSink::commit`] rename the
//! temporary files over their targets and remove files of the previous build that this one no
//! longer produces; otherwise [`DiskSink::abort`] removes what this build added.
//!
//! The folder's `.brief-manifest` lists the files the last build wrote. Only those are ever
//! removed, and a non-empty folder without one is refused: it is not a site brief built.
//!
//! A build killed before it commits leaves only hidden debris (`.brief-in-progress`,
//! `.*.brief-tmp`, `.public.brief-new`), swept by the next build. The renames of the commit
//! itself take milliseconds but are not one atomic step: killed then, the output holds files
//! of both builds, all listed in the manifest, and the next build makes it whole.

use crate::hash::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Claims, RenderedFile, Sink};
use crate::error::Error;

const TEMP_SUFFIX: &str = ".brief-tmp";
const MANIFEST: &str = ".brief-manifest";
/// Present while a build writes into an existing folder; found at the start of the next build,
/// it means the last one was killed and left temporary files to clear.
const IN_PROGRESS: &str = ".brief-in-progress";

/// What writing did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WriteStats {
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

pub(crate) struct DiskSink {
    dir: PathBuf,
    mode: Mode,
    claims: Claims,
    /// The files the previous build wrote (from its manifest).
    previous: HashSet<String>,
    /// Temporary file → the file it will replace.
    pending: Mutex<Vec<(PathBuf, PathBuf)>>,
    /// Folders this build created inside an existing output, removed again on abort.
    created: Mutex<Vec<PathBuf>>,
    /// Folders inside the output known to be real folders (not symbolic links).
    checked: Mutex<HashSet<PathBuf>>,
    failure: Mutex<Option<Error>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
}

impl DiskSink {
    /// Prepares to write the site of `root` into `dir`, refusing folders it must not replace.
    pub(crate) fn open(root: &Path, dir: &Path) -> Result<DiskSink, Error> {
        check_output_dir(root, dir)?;
        let staging = sibling(dir, "new");
        if staging.exists() {
            // Left by a build that was killed: it is ours by its name.
            fs::remove_dir_all(&staging)
                .map_err(io_error("remove the leftover folder", &staging))?;
        }
        let mode = if dir.exists() {
            recover_from_killed_build(dir)?;
            fs::write(dir.join(IN_PROGRESS), "").map_err(io_error("write", dir))?;
            Mode::InPlace
        } else {
            fs::create_dir_all(&staging).map_err(io_error("create the folder", &staging))?;
            Mode::Fresh { staging }
        };
        Ok(DiskSink {
            previous: read_manifest(dir),
            dir: dir.to_owned(),
            mode,
            claims: Claims::default(),
            pending: Mutex::default(),
            created: Mutex::default(),
            checked: Mutex::new(HashSet::from_iter([dir.to_owned()])),
            failure: Mutex::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        })
    }

    /// Makes the build visible: called only when rendering succeeded.
    pub(crate) fn commit(self) -> Result<WriteStats, Error> {
        let failure = self.failure.lock().expect("sink lock").take();
        if let Some(error) = failure {
            self.abort();
            return Err(error);
        }
        let DiskSink {
            dir,
            mode,
            claims,
            previous,
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
                    &dir,
                    &mode,
                    pending.into_inner().expect("sink lock"),
                    created.into_inner().expect("sink lock"),
                );
                return Err(error);
            }
        };
        let removed = match &mode {
            Mode::Fresh { staging } => {
                write_manifest(staging, claimed.keys())?;
                if let Err(error) = fs::rename(staging, &dir) {
                    let _ = fs::remove_dir_all(staging);
                    return Err(io_error("move the new output into place", &dir)(error));
                }
                0
            }
            Mode::InPlace => {
                // Killed while renaming, the output would hold files of both builds: list them
                // all first, so that the next build knows every one of them for its own.
                write_manifest(&dir, previous.iter().chain(claimed.keys()))?;
                replace_all(pending.into_inner().expect("sink lock"))?;
                let removed = remove_stale(&dir, &previous, &claimed);
                write_manifest(&dir, claimed.keys())?;
                let _ = fs::remove_file(dir.join(IN_PROGRESS));
                removed
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
    pub(crate) fn abort(self) {
        let (pending, created) = (self.pending.into_inner(), self.created.into_inner());
        undo(
            &self.dir,
            &self.mode,
            pending.expect("sink lock"),
            created.expect("sink lock"),
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
                if let Some(parent) = target.parent() {
                    self.prepare_folder(parent)?;
                }
                if has_bytes(&target, &bytes)? {
                    &self.unchanged
                } else {
                    let temp = temp_path(&target);
                    write_or_remove(&temp, &bytes).map_err(io_error("write", &target))?;
                    self.pending.lock().expect("sink lock").push((temp, target));
                    &self.written
                }
            }
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Makes sure `folder` (inside the output) is a real folder, creating it if missing (and
    /// remembering that for [`Self::abort`]). A symbolic link there is refused: writing through
    /// it would write outside the output.
    fn prepare_folder(&self, folder: &Path) -> Result<(), Error> {
        if self.checked.lock().expect("sink lock").contains(folder) {
            return Ok(());
        }
        if let Some(parent) = folder.parent() {
            self.prepare_folder(parent)?;
        }
        match fs::symlink_metadata(folder) {
            Ok(meta) if meta.is_dir() => {}
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(blocked(
                    folder,
                    "is a symbolic link, and brief writes only inside the output folder",
                ));
            }
            Ok(_) => return Err(blocked(folder, "is a file where this build needs a folder")),
            Err(_) => match fs::create_dir(folder) {
                Ok(()) => self
                    .created
                    .lock()
                    .expect("sink lock")
                    .push(folder.to_owned()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_error("create the folder", folder)(e)),
            },
        }
        self.checked
            .lock()
            .expect("sink lock")
            .insert(folder.to_owned());
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

fn blocked(path: &Path, why: &str) -> Error {
    Error::Usage(format!(
        "`{}` {why}; remove it (or the whole output folder) and build again",
        path.display()
    ))
}

/// Whether the file at `path` already holds exactly `bytes`. A folder in its place is refused.
fn has_bytes(path: &Path, bytes: &[u8]) -> Result<bool, Error> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(false);
    };
    if meta.is_dir() {
        return Err(blocked(path, "is a folder where this build needs a file"));
    }
    Ok(meta.is_file()
        && meta.len() == bytes.len() as u64
        && fs::read(path).is_ok_and(|old| old == bytes))
}

/// Renames every temporary file over its target. Should one rename fail (they are checked
/// beforehand, so only a disk fault can do it), the rest are cleared away and the error says
/// that the output is now partly updated.
fn replace_all(pending: Vec<(PathBuf, PathBuf)>) -> Result<(), Error> {
    let mut renames = pending.iter();
    for (temp, target) in renames.by_ref() {
        if let Err(source) = fs::rename(temp, target) {
            let _ = fs::remove_file(temp);
            renames.for_each(|(temp, _)| drop(fs::remove_file(temp)));
            return Err(Error::Io {
                action: "replace (the output is partly updated; build again)",
                path: target.clone(),
                source,
            });
        }
    }
    Ok(())
}

fn undo(dir: &Path, mode: &Mode, pending: Vec<(PathBuf, PathBuf)>, created: Vec<PathBuf>) {
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
            let _ = fs::remove_file(dir.join(IN_PROGRESS));
        }
    }
}

/// Removes the files of the previous build that this one did not produce, and the folders
/// that leaves empty. Returns how many files went.
fn remove_stale(
    dir: &Path,
    previous: &HashSet<String>,
    claimed: &HashMap<String, String>,
) -> usize {
    let mut removed = 0;
    for stale in previous.iter().filter(|p| !claimed.contains_key(*p)) {
        let path = dir.join(stale);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) && fs::remove_file(&path).is_ok()
        {
            removed += 1;
            let mut folder = path.parent();
            while let Some(f) = folder.filter(|f| *f != dir && fs::remove_dir(f).is_ok()) {
                folder = f.parent();
            }
        }
    }
    removed
}

/// A killed build leaves its temporary files (and maybe empty folders) behind: clear them.
fn recover_from_killed_build(dir: &Path) -> Result<(), Error> {
    if !dir.join(IN_PROGRESS).exists() {
        return Ok(());
    }
    let entries = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .contents_first(true)
        .into_iter();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.ends_with(TEMP_SUFFIX) {
            fs::remove_file(entry.path())
                .map_err(io_error("remove the leftover file", entry.path()))?;
        } else if entry.file_type().is_dir() {
            let _ = fs::remove_dir(entry.path()); // only succeeds when empty
        }
    }
    Ok(())
}

/// The files the last build into `dir` wrote, by path relative to it.
pub(crate) fn read_manifest(dir: &Path) -> HashSet<String> {
    let text = fs::read_to_string(dir.join(MANIFEST)).unwrap_or_default();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Lists the files of this build, sorted, for the next build to know what is its own.
fn write_manifest<'a>(dir: &Path, files: impl Iterator<Item = &'a String>) -> Result<(), Error> {
    let mut paths: Vec<&str> = files.map(String::as_str).collect();
    paths.sort_unstable();
    paths.dedup();
    let mut text =
        String::from("# Files written by brief, which may remove them in its next build.\n");
    paths.iter().for_each(|p| {
        text.push_str(p);
        text.push('\n');
    });
    let path = dir.join(MANIFEST);
    if fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    let temp = temp_path(&path);
    write_or_remove(&temp, text.as_bytes()).map_err(io_error("write", &path))?;
    fs::rename(&temp, &path).map_err(io_error("write", &path))
}

/// Writes a temporary file whole, or removes what a failed write (a full disk) left of it.
fn write_or_remove(temp: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::write(temp, bytes).inspect_err(|_| drop(fs::remove_file(temp)))
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

/// Refuses output folders whose contents are not brief's to replace: the site itself or a
/// folder holding it, the content or themes, a file, or a folder of files no build of brief
/// wrote (no `.brief-manifest`; the owner's dotfiles such as `.git` do not count).
pub(crate) fn check_output_dir(root: &Path, dir: &Path) -> Result<(), Error> {
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
    if target.exists() && !target.is_dir() {
        return refuse("it is a file, not a folder");
    }
    let names: Vec<String> = fs::read_dir(&target)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let has_visible = names.iter().any(|n| !n.starts_with('.'));
    if has_visible && !names.iter().any(|n| n == MANIFEST) {
        return refuse(
            "it holds files that brief did not write (it has no .brief-manifest); choose an empty or new folder, or empty it yourself",
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

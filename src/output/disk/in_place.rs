//! The fallback where a folder cannot be swapped whole (a mount point, another file system for
//! the folder beside it, no hard links, Windows): each changed file is written to a hidden
//! temporary file next to its target, and only when every byte is written are they renamed over
//! their targets. Each rename is atomic, the set of them is not: a build killed in those
//! milliseconds leaves files of both builds, all listed in the record, and the next build makes
//! the folder whole.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::guard::blocked;
use super::{DiskSink, io_error};
use crate::error::Error;
use crate::hash::{HashMap, HashSet};

pub(super) const TEMP_SUFFIX: &str = ".brief-tmp";

impl DiskSink {
    /// Makes sure `folder` (inside the output) is a real folder, creating it if missing (and
    /// remembering that for [`Self::abort`]). A symbolic link there is refused: writing through
    /// it would write outside the output.
    pub(super) fn prepare_folder(&self, folder: &Path) -> Result<(), Error> {
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

/// Renames every temporary file over its target. Should one rename fail (they are checked
/// beforehand, so only a disk fault can do it), the rest are cleared away and the error says
/// that the output is now partly updated.
pub(super) fn replace_all(pending: &[(PathBuf, PathBuf)]) -> Result<(), Error> {
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

/// Takes back what a build wrote into the output before it failed.
pub(super) fn undo(pending: &[(PathBuf, PathBuf)], created: &[PathBuf]) {
    for (temp, _) in pending {
        let _ = fs::remove_file(temp);
    }
    for folder in created.iter().rev() {
        let _ = fs::remove_dir(folder);
    }
}

/// Removes the files of the previous build that this one did not produce, and the folders
/// that leaves empty. Returns how many files went.
pub(super) fn remove_stale(
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
pub(super) fn recover_from_killed_build(dir: &Path) -> Result<(), Error> {
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

/// Writes a temporary file whole, or removes what a failed write (a full disk) left of it.
pub(super) fn write_or_remove(temp: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::write(temp, bytes).inspect_err(|_| drop(fs::remove_file(temp)))
}

/// `people/x/index.html` → `people/x/.index.html.brief-tmp`: hidden, and in the same folder
/// so that the final rename is atomic.
pub(super) fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}{TEMP_SUFFIX}"))
}

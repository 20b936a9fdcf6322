//! Writing the output folder so that it is at every moment the old site or the new one, and so
//! that nothing brief did not write is ever deleted.
//!
//! Files arrive one by one while rendering goes on, into a staging folder beside the output
//! (`.public.brief-new`). A file whose bytes did not change is hard-linked from the old output
//! (its modification time stays, so rsync and static hosts see no change). When every page
//! rendered and every byte was written, [`DiskSink::commit`] carries over the owner's entries
//! (`.git`, `CNAME`…) by hard link too, and swaps the two folders in one step ([`swap`]); the
//! old tree is then removed. Where no swap is possible the build writes in place instead
//! ([`in_place`]), and says so. A failed build removes what it added; a killed one leaves only
//! the staging folder, swept by the next build.
//!
//! Which files brief wrote is kept in the build cache ([`Record`]), never in the output: only
//! those are ever removed.

mod guard;
mod in_place;
mod swap;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

pub(crate) use guard::check_output_dir;
use guard::has_bytes;

use super::{Claims, RenderedFile, Sink};
use crate::cache::{Record, io_error};
use crate::error::Error;
use crate::hash::{HashMap, HashSet};

/// What writing did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub pages: usize,
    pub files: usize,
    /// The bytes of the files written and kept: the published site's size.
    pub bytes: u64,
    /// Why the output was replaced file by file rather than in one step, if it was.
    pub in_place: Option<String>,
    /// Files kept in the output that brief has no record of (the cache was lost).
    pub unknown: Vec<String>,
}

enum Mode {
    /// The folder did not exist: everything goes into `staging`, renamed at the end.
    Fresh { staging: PathBuf },
    /// The folder exists: the new site is assembled in `staging`, swapped in at the end.
    Swap { staging: PathBuf },
    /// The folder cannot be swapped (the reason): changed files go to temporary siblings of
    /// their targets.
    InPlace(String),
}

pub(crate) struct DiskSink {
    dir: PathBuf,
    mode: Mode,
    claims: Claims,
    record: Record,
    /// The files the previous build wrote; `None` if the cache has no record of them.
    previous: Option<HashSet<String>>,
    /// Temporary file → the file it will replace (in place only).
    pending: Mutex<Vec<(PathBuf, PathBuf)>>,
    /// Folders this build created inside an existing output, removed again on abort.
    created: Mutex<Vec<PathBuf>>,
    /// Folders inside the output known to be real folders (not symbolic links).
    checked: Mutex<HashSet<PathBuf>>,
    failure: Mutex<Option<Error>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    bytes: AtomicU64,
}

impl DiskSink {
    /// Prepares to write the site of `root` into `dir`, whose record is `record`, refusing
    /// folders it must not replace. The caller holds the record's lock.
    pub(crate) fn open(root: &Path, dir: &Path, record: Record) -> Result<DiskSink, Error> {
        // An output that is a symbolic link (`public` → `/var/www/site`) stays one: the folder
        // it leads to is the one replaced.
        let is_link = fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
        let dir = match is_link {
            true => fs::canonicalize(dir).map_err(io_error("follow the link", dir))?,
            false => dir.to_owned(),
        };
        let mut previous = record.manifest();
        check_output_dir(root, &dir, record.cache(), previous.is_some())?;
        // Bookkeeping an earlier brief kept in the output is brief's, record or not.
        if let Some(files) = &mut previous {
            files.extend(crate::cache::LEGACY.iter().map(|name| name.to_string()));
        }
        let staging = sibling(&dir, "new");
        if fs::symlink_metadata(&staging).is_ok() {
            // Left by a build that was killed: it is ours by its name, and we hold the lock.
            fs::remove_dir_all(&staging)
                .map_err(io_error("remove the leftover folder", &staging))?;
        }
        let mode = if dir.exists() {
            if record.was_interrupted() {
                in_place::recover_from_killed_build(&dir)?;
                record.finished();
            }
            fs::create_dir(&staging).map_err(io_error("create the folder", &staging))?;
            match swap::refusal(&dir, &staging) {
                None => Mode::Swap { staging },
                Some(why) => {
                    let _ = fs::remove_dir(&staging);
                    record.started()?;
                    Mode::InPlace(why)
                }
            }
        } else {
            fs::create_dir_all(&staging).map_err(io_error("create the folder", &staging))?;
            Mode::Fresh { staging }
        };
        Ok(DiskSink {
            checked: Mutex::new(HashSet::from_iter([dir.clone()])),
            dir,
            mode,
            claims: Claims::default(),
            record,
            previous,
            pending: Mutex::default(),
            created: Mutex::default(),
            failure: Mutex::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        })
    }

    /// Makes the build visible: called only when rendering succeeded.
    pub(crate) fn commit(mut self) -> Result<WriteStats, Error> {
        let failure = self.failure.lock().expect("sink lock").take();
        if let Some(error) = failure {
            self.abort();
            return Err(error);
        }
        let claimed = match std::mem::take(&mut self.claims).into_result() {
            Ok(claimed) => claimed,
            Err(error) => {
                self.abort();
                return Err(error);
            }
        };
        let mut stats = WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            pages: super::page_count(claimed.keys().map(String::as_str)),
            files: claimed.len(),
            bytes: self.bytes.load(Ordering::Relaxed),
            ..WriteStats::default()
        };
        match self.finish(&claimed, &mut stats) {
            Ok(()) => Ok(stats),
            Err(error) => {
                self.abort();
                Err(error)
            }
        }
    }

    fn finish(
        &self,
        claimed: &HashMap<String, String>,
        stats: &mut WriteStats,
    ) -> Result<(), Error> {
        match &self.mode {
            Mode::Fresh { staging } => {
                // Killed just after the rename, the record must already own the new files.
                self.record.write_manifest(claimed.keys())?;
                fs::rename(staging, &self.dir)
                    .map_err(io_error("move the new output into place", &self.dir))?;
            }
            Mode::Swap { staging } => self.swap(staging, claimed, stats)?,
            Mode::InPlace(why) => {
                stats.in_place = Some(why.clone());
                self.replace_in_place(claimed, stats)?;
            }
        }
        self.record.write_manifest(claimed.keys())
    }

    fn swap(
        &self,
        staging: &Path,
        claimed: &HashMap<String, String>,
        stats: &mut WriteStats,
    ) -> Result<(), Error> {
        let carried = swap::carry_foreign(&self.dir, staging, self.previous.as_ref(), claimed)?;
        stats.removed = carried.removed;
        stats.unknown = carried.unknown;
        if stats.written == 0 && stats.removed == 0 {
            // The new tree is the old one: leave the output as it is.
            return remove_tree(staging);
        }
        // Killed just after the swap, the record must already own every file of the new
        // output, or the next build would take the new ones for the owner's.
        let previous = self.previous.iter().flatten();
        self.record.write_manifest(previous.chain(claimed.keys()))?;
        match swap::exchange(staging, &self.dir) {
            // `staging` now holds the old site; should removing it fail, the next build will.
            Ok(()) => drop(remove_tree(staging)),
            Err(error) if swap::is_refusal(&error) => {
                stats.in_place = Some(format!("the system refused to swap the folders ({error})"));
                self.move_into_place(staging, claimed, stats)?;
            }
            Err(error) => return Err(io_error("swap the new output into place", &self.dir)(error)),
        }
        Ok(())
    }

    /// Where the swap was refused after all, moves the new files of `staging` into the
    /// output one by one, as [`in_place`] does, and removes the stale ones.
    fn move_into_place(
        &self,
        staging: &Path,
        claimed: &HashMap<String, String>,
        stats: &mut WriteStats,
    ) -> Result<(), Error> {
        let mut pending = Vec::new();
        for path in claimed.keys() {
            let (new, old) = (staging.join(path), self.dir.join(path));
            if !swap::same_file(&new, &old) {
                if let Some(parent) = old.parent() {
                    self.prepare_folder(parent)?;
                }
                pending.push((new, old));
            }
        }
        in_place::replace_all(&pending)?;
        let previous = self.previous.clone().unwrap_or_default();
        stats.removed = in_place::remove_stale(&self.dir, &previous, claimed);
        let _ = remove_tree(staging);
        Ok(())
    }

    fn replace_in_place(
        &self,
        claimed: &HashMap<String, String>,
        stats: &mut WriteStats,
    ) -> Result<(), Error> {
        let previous = self.previous.clone().unwrap_or_default();
        // Killed while renaming, the output would hold files of both builds: list them all
        // first, so that the next build knows every one of them for its own.
        self.record
            .write_manifest(previous.iter().chain(claimed.keys()))?;
        let pending = std::mem::take(&mut *self.pending.lock().expect("sink lock"));
        in_place::replace_all(&pending)?;
        stats.removed = in_place::remove_stale(&self.dir, &previous, claimed);
        self.record.finished();
        Ok(())
    }

    /// Removes everything this build added, leaving the previous output as it was.
    pub(crate) fn abort(&self) {
        match &self.mode {
            Mode::Fresh { staging } | Mode::Swap { staging } => {
                let _ = remove_tree(staging);
            }
            Mode::InPlace(_) => {
                let pending = std::mem::take(&mut *self.pending.lock().expect("sink lock"));
                let created = std::mem::take(&mut *self.created.lock().expect("sink lock"));
                in_place::undo(&pending, &created);
                self.record.finished();
            }
        }
    }

    fn place(&self, file: &RenderedFile) -> Result<(), Error> {
        let bytes = file.content.bytes()?;
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        let counter = match &self.mode {
            Mode::Fresh { staging } => {
                write_new(&staging.join(&file.path), &bytes)?;
                &self.written
            }
            Mode::Swap { staging } => {
                let (old, new) = (self.dir.join(&file.path), staging.join(&file.path));
                if has_bytes(&old, &bytes).unwrap_or(false) && link(&old, &new).is_ok() {
                    &self.unchanged
                } else {
                    write_new(&new, &bytes)?;
                    &self.written
                }
            }
            Mode::InPlace(_) => self.place_in_place(file, &bytes)?,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn place_in_place(&self, file: &RenderedFile, bytes: &[u8]) -> Result<&AtomicUsize, Error> {
        let target = self.dir.join(&file.path);
        if let Some(parent) = target.parent() {
            self.prepare_folder(parent)?;
        }
        if has_bytes(&target, bytes)? {
            return Ok(&self.unchanged);
        }
        let temp = in_place::temp_path(&target);
        in_place::write_or_remove(&temp, bytes).map_err(io_error("write", &target))?;
        self.pending.lock().expect("sink lock").push((temp, target));
        Ok(&self.written)
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

/// Writes a file of the staging folder, making the folders above it.
fn write_new(target: &Path, bytes: &[u8]) -> Result<(), Error> {
    with_folders(target, || fs::write(target, bytes)).map_err(io_error("write", target))
}

/// Hard-links an unchanged file of the old output into the staging folder.
fn link(old: &Path, new: &Path) -> io::Result<()> {
    with_folders(new, || fs::hard_link(old, new))
}

/// Makes a file with `make`, and the folders above `path` only if they are missing: most
/// files go into a folder that exists already, and a mkdir for each costs a system call.
fn with_folders(path: &Path, make: impl Fn() -> io::Result<()>) -> io::Result<()> {
    match make() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(path.parent().unwrap_or(path))?;
            make()
        }
        done => done,
    }
}

fn remove_tree(dir: &Path) -> Result<(), Error> {
    match swap::remove_tree(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error("remove", dir)(e)),
        _ => Ok(()),
    }
}

/// `public` → `.public.brief-new` in the same parent, so that the swap stays on one disk.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.with_file_name(format!(".{name}.brief-{suffix}"))
}

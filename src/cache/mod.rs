//! The build cache: one folder, `.brief-cache/` at the site's root unless `--cache-dir` puts it
//! elsewhere, for everything a build keeps for the next one and that must not be published.
//! Today that is, per output folder, the record of which files brief wrote there, the no-change
//! stamp and the lock that lets one build at a time write it ([`Record`], [`lock`]).
//!
//! ```text
//! .brief-cache/
//!   .gitignore  CACHEDIR.TAG            (the folder ignores itself; backup tools skip it)
//!   outputs/public-1f3a…/               (one per output folder, keyed by its absolute path)
//!     path  manifest  stamp  lock
//! ```
//!
//! The cache can be deleted at any time (`brief clean`): a build without it rebuilds, and keeps
//! files in the output it has no record of rather than delete them.

pub(crate) mod lock;
mod record;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub(crate) use record::{LEGACY, Record};

use crate::error::Error;

/// The cache folder's name at the site's root.
pub(crate) const DEFAULT_DIR: &str = ".brief-cache";

/// Where a site's cache lives.
#[derive(Debug, Clone)]
pub(crate) struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache of the site at `root`: `dir` if given (`--cache-dir`), else `root/.brief-cache`.
    pub(crate) fn of(root: &Path, dir: Option<&Path>) -> Cache {
        let dir = dir.map_or_else(|| root.join(DEFAULT_DIR), Path::to_owned);
        Cache { dir }
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The record of the output folder `output`, creating the cache as needed.
    pub(crate) fn record(&self, output: &Path) -> Result<Record, Error> {
        self.create()?;
        let output = absolute(output);
        let folder = self.dir.join("outputs").join(record::key(&output));
        fs::create_dir_all(&folder).map_err(io_error("create the folder", &folder))?;
        Record::open(folder, output)
    }

    /// Makes the folder, with a `.gitignore` that ignores it whole (so that no site has to list
    /// it) and a `CACHEDIR.TAG`, the mark backup tools know for a cache.
    fn create(&self) -> Result<(), Error> {
        if self.dir.join(".gitignore").exists() {
            return Ok(());
        }
        fs::create_dir_all(&self.dir).map_err(io_error("create the folder", &self.dir))?;
        let files: [(&str, &str); 2] = [
            (
                ".gitignore",
                "# The build cache of brief: never committed.\n*\n",
            ),
            (
                "CACHEDIR.TAG",
                "Signature: 8a477f597d28d172789f06886806bc55\n\
                 # This is the build cache of brief (https://bford.info/cachedir/).\n",
            ),
        ];
        for (name, text) in files {
            let path = self.dir.join(name);
            write_atomically(&path, text.as_bytes()).map_err(io_error("write", &path))?;
        }
        Ok(())
    }

    /// Removes the records of output folders that are gone (built once with `--output` into a
    /// folder since deleted), so the cache cannot grow with every folder ever built into.
    /// Records whose build is running are kept.
    pub(crate) fn prune(&self) {
        let Ok(entries) = fs::read_dir(self.dir.join("outputs")) else {
            return;
        };
        for entry in entries.flatten() {
            let folder = entry.path();
            let Some(output) = record::output_of(&folder) else {
                continue;
            };
            if !output.exists() && !lock::is_held(&folder) {
                let _ = fs::remove_dir_all(&folder);
            }
        }
    }

    /// Empties the cache (`brief clean`), unless a build holds one of its locks. Returns
    /// whether there was anything to remove.
    pub(crate) fn clean(&self) -> Result<bool, Error> {
        if !self.dir.exists() {
            return Ok(false);
        }
        let records = fs::read_dir(self.dir.join("outputs"))
            .into_iter()
            .flatten()
            .flatten();
        for record in records {
            if let Some(pid) = lock::holder(&record.path()) {
                return Err(Error::Usage(format!(
                    "a build of this site is running (pid {pid}); run brief clean when it has ended"
                )));
            }
        }
        fs::remove_dir_all(&self.dir).map_err(io_error("remove", &self.dir))?;
        Ok(true)
    }
}

/// Writes `path` whole or not at all: another process reading the cache at the same time sees
/// the old bytes or the new, never half of them.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(
        ".{}.{}.tmp",
        name.unwrap_or_default(),
        std::process::id()
    ));
    fs::write(&temp, bytes)
        .and_then(|()| fs::rename(&temp, path))
        .inspect_err(|_| drop(fs::remove_file(&temp)))
}

pub(crate) fn io_error<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(io::Error) -> Error + 'a {
    move |source| Error::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// An absolute, normalised path, resolving symbolic links where the path exists: one output
/// folder has one record however it is named (`public`, `./public`, `/site/public`).
pub(crate) fn absolute(path: &Path) -> PathBuf {
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

//! What the cache knows of one output folder: which files brief wrote there (the manifest,
//! the only files a later build may remove), the no-change stamp, the lock, and whether a
//! build was writing when it was killed.
//!
//! Builds by an earlier `brief` kept the manifest and stamp inside the output, where a host
//! that publishes the folder as it is would serve them. [`Record::open`] takes such a manifest
//! over, once, so that nothing brief wrote is mistaken for the owner's.

use std::fs;
use std::path::{Path, PathBuf};

use super::{io_error, write_atomically};
use crate::error::Error;
use crate::hash::HashSet;

const MANIFEST: &str = "manifest";
const STAMP: &str = "stamp";
const PATH: &str = "path";
const IN_PROGRESS: &str = "in-progress";

/// Bookkeeping files earlier versions wrote into the output folder itself.
pub(crate) const LEGACY: [&str; 3] = [".brief-manifest", ".brief-stamp", ".brief-in-progress"];

/// The cache's folder for one output folder.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    folder: PathBuf,
    output: PathBuf,
}

impl Record {
    pub(super) fn open(folder: PathBuf, output: PathBuf) -> Result<Record, Error> {
        let path = folder.join(PATH);
        let named = output.to_string_lossy().into_owned() + "\n";
        if fs::read_to_string(&path).ok().as_deref() != Some(named.as_str()) {
            write_atomically(&path, named.as_bytes()).map_err(io_error("write", &path))?;
        }
        Ok(Record { folder, output })
    }

    /// The output folder, absolute.
    pub(crate) fn output(&self) -> &Path {
        &self.output
    }

    pub(crate) fn folder(&self) -> &Path {
        &self.folder
    }

    /// The cache folder this record is in.
    pub(crate) fn cache(&self) -> &Path {
        let outputs = self.folder.parent().unwrap_or(&self.folder);
        outputs.parent().unwrap_or(outputs)
    }

    pub(crate) fn stamp(&self) -> PathBuf {
        self.folder.join(STAMP)
    }

    /// The files the last build wrote into the output, by path relative to it; `None` when
    /// the cache has no record of the folder (deleted, or never built with this cache).
    pub(crate) fn manifest(&self) -> Option<HashSet<String>> {
        let lines = |text: String| -> HashSet<String> {
            text.lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_owned)
                .collect()
        };
        if let Ok(text) = fs::read_to_string(self.folder.join(MANIFEST)) {
            return Some(lines(text));
        }
        fs::read_to_string(self.output.join(LEGACY[0]))
            .ok()
            .map(lines)
    }

    /// Lists the files of this build, sorted, for the next build to know what is its own.
    pub(crate) fn write_manifest<'a>(
        &self,
        files: impl Iterator<Item = &'a String>,
    ) -> Result<(), Error> {
        let mut paths: Vec<&str> = files
            .map(String::as_str)
            .filter(|p| !LEGACY.contains(p))
            .collect();
        paths.sort_unstable();
        paths.dedup();
        let mut text =
            String::from("# Files written by brief, which may remove them in its next build.\n");
        for path in paths {
            text.push_str(path);
            text.push('\n');
        }
        let path = self.folder.join(MANIFEST);
        if fs::read_to_string(&path).is_ok_and(|old| old == text) {
            return Ok(());
        }
        write_atomically(&path, text.as_bytes()).map_err(io_error("write", &path))
    }

    /// Marks that a build writes into the output in place (see `output::disk`), until
    /// [`Self::finished`]; found by the next build, it means this one was killed.
    pub(crate) fn started(&self) -> Result<(), Error> {
        let path = self.folder.join(IN_PROGRESS);
        fs::write(&path, "").map_err(io_error("write", &path))
    }

    pub(crate) fn was_interrupted(&self) -> bool {
        self.folder.join(IN_PROGRESS).exists() || self.output.join(LEGACY[2]).exists()
    }

    pub(crate) fn finished(&self) {
        let _ = fs::remove_file(self.folder.join(IN_PROGRESS));
    }
}

/// The record folder's name for `output`: its last component, readable, then a hash of the
/// whole path (FNV-1a, stable across Rust versions, unlike the standard hasher).
pub(super) fn key(output: &Path) -> String {
    let text = output.to_string_lossy();
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let name: String = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(40)
        .collect();
    format!("{name}-{hash:016x}")
}

/// The output folder a record folder is for.
pub(super) fn output_of(folder: &Path) -> Option<PathBuf> {
    let text = fs::read_to_string(folder.join(PATH)).ok()?;
    Some(PathBuf::from(text.strip_suffix('\n')?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_readable_and_differ_by_the_whole_path() {
        // The FNV-1a test vector of "a".
        assert_eq!(key(Path::new("a")), "a-af63dc4c8601ec8c");
        assert_ne!(
            key(Path::new("/site/public")),
            key(Path::new("/other/public"))
        );
        assert!(key(Path::new("/site/public")).starts_with("public-"));
        assert!(key(Path::new("/x/a b/ü.ß")).starts_with('-'));
    }
}

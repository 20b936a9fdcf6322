//! Where rendered files go. Renderers hand each file to a [`Sink`] as soon as it is made:
//! [`MemorySink`] keeps them (for `serve` and `check`), [`DiskSink`] writes them to the output
//! folder without ever leaving it half-built. Both refuse two files on one path.

mod disk;

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::hash::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub(crate) use disk::{DiskSink, WriteStats, check_output_dir};

use crate::diagnostic::codes::E0020;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::Error;

/// The bytes of one output file, or where to copy them from.
#[derive(Debug)]
pub enum Content {
    Bytes(Vec<u8>),
    Static(&'static [u8]),
    Copy(PathBuf),
}

impl Content {
    pub fn bytes(&self) -> Result<Cow<'_, [u8]>, Error> {
        Ok(match self {
            Content::Bytes(bytes) => bytes.as_slice().into(),
            Content::Static(bytes) => (*bytes).into(),
            Content::Copy(path) => std::fs::read(path)
                .map_err(|source| Error::Io {
                    action: "read",
                    path: path.clone(),
                    source,
                })?
                .into(),
        })
    }
}

/// One file of the output.
#[derive(Debug)]
pub struct RenderedFile {
    /// Relative to the output folder: `people/x/index.html`.
    pub path: String,
    pub content: Content,
    /// What it was made from, for the message when two files claim one path.
    pub origin: String,
}

impl RenderedFile {
    pub(crate) fn new(path: String, bytes: Vec<u8>, origin: String) -> Self {
        RenderedFile {
            path,
            content: Content::Bytes(bytes),
            origin,
        }
    }
}

/// Takes rendered files, from many threads at once. A sink keeps its own problems (a path
/// claimed twice, a disk error) and reports them when its owner finishes it.
pub(crate) trait Sink: Sync {
    fn put(&self, file: RenderedFile);

    /// Carries the file at `path` over from the last render unchanged, if this sink knows that
    /// nothing it is made from has changed; then the renderer need not make it again.
    fn reuse(&self, _path: &str) -> bool {
        false
    }

    /// Drops every file of the last render whose output path is one of `these` and that this
    /// render does not make again: the caller makes all of them, and how many there are may
    /// have changed (the sitemap's parts). Only a patching sink carries files over without
    /// being asked, so only it has anything to drop.
    fn replace_all(&self, _these: OutputPaths) {}
}

/// Which input claimed each output path (and each folder above one), to turn a second claim
/// into an error naming both.
#[derive(Debug, Default)]
struct Claims {
    state: Mutex<ClaimState>,
}

#[derive(Debug, Default)]
struct ClaimState {
    files: HashMap<String, String>,
    folders: HashMap<String, String>,
    /// Each file's path as case-insensitive file systems see it ([`fold`]) → its path, origin.
    folded: HashMap<String, (String, String)>,
    clashes: Diagnostics,
}

impl Claims {
    /// `true` if `file` may be written: no other file has its path, and no file sits where
    /// one of its folders must be (or the reverse).
    fn claim(&self, file: &RenderedFile) -> bool {
        let mut state = self.state.lock().expect("claims lock");
        let folders: Vec<&str> = file
            .path
            .match_indices('/')
            .map(|(i, _)| &file.path[..i])
            .collect();
        // Where this file meets an earlier claim, and whose it was.
        let same_path = state
            .files
            .get(&file.path)
            .or_else(|| state.folders.get(&file.path));
        let conflict = match same_path {
            Some(other) => Some((file.path.clone(), other.clone())),
            None => folders
                .iter()
                .find_map(|f| state.files.get(*f).map(|o| (f.to_string(), o.clone()))),
        };
        if let Some((point, other)) = conflict {
            let clash = clash(&point, &file.origin, &other);
            state.clashes.push(clash);
            return false;
        }
        let folded = fold(&file.path);
        if let Some((path, other)) = state.folded.get(&folded) {
            let clash = near_clash((&file.path, &file.origin), (path, other));
            state.clashes.push(clash);
            return false;
        }
        state
            .folded
            .insert(folded, (file.path.clone(), file.origin.clone()));
        for folder in folders {
            // Most folders are claimed already: look before allocating.
            if !state.folders.contains_key(folder) {
                state.folders.insert(folder.to_owned(), file.origin.clone());
            }
        }
        state.files.insert(file.path.clone(), file.origin.clone());
        true
    }

    fn into_result(self) -> Result<HashMap<String, String>, Error> {
        let state = self.state.into_inner().expect("claims lock");
        match state.clashes.has_errors() {
            true => Err(Error::Content(state.clashes.sorted())),
            false => Ok(state.files),
        }
    }
}

/// One error for two inputs that want one output path, worded the same whichever rendered
/// first, and pinned to an input file where there is one.
fn clash(path: &str, one: &str, other: &str) -> Diagnostic {
    let (first, second) = if one <= other {
        (one, other)
    } else {
        (other, one)
    };
    let is_file = |origin: &&str| origin.starts_with("content/") || origin.starts_with("themes/");
    let location = [first, second]
        .into_iter()
        .find(is_file)
        .unwrap_or(crate::config::CONFIG_FILE);
    let location = location.split(" (").next().unwrap_or(location).to_owned();
    let message = format!("{first} and {second} would both be written to {path}");
    Diagnostic::error(E0020, location, message).with_help("rename one of them")
}

/// A path as macOS and Windows file systems compare names: Unicode NFC, then lowercase. Two
/// paths with one fold are one file there (`Map.svg` and `map.svg`; `é` written as one
/// character or as `e` and an accent).
fn fold(path: &str) -> String {
    if path.is_ascii() {
        // Nothing to compose: the common case (slugs are ASCII), without the normaliser.
        return path.to_ascii_lowercase();
    }
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(path)
        .to_lowercase()
}

/// One error for two inputs whose output paths differ, but not on every file system.
fn near_clash(one: (&str, &str), other: (&str, &str)) -> Diagnostic {
    let ((first_path, first), (second_path, second)) = if one.1 <= other.1 {
        (one, other)
    } else {
        (other, one)
    };
    let nfc = |p: &str| {
        icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
            .normalize(p)
            .into_owned()
    };
    let how = if nfc(first_path) == nfc(second_path) {
        "differ only in how accented letters are encoded (Unicode NFC and NFD), so they are one file on macOS"
    } else {
        "differ only in upper and lower case, so they are one file on Windows and macOS"
    };
    let message = format!(
        "{first} and {second} would be written to {first_path} and {second_path}, which {how}"
    );
    let location = clash("", first, second).file;
    Diagnostic::error(E0020, location, message)
        .with_help("rename one of them, so that their names differ in more than case or accents")
}

/// Every file of a rendered site, in memory, by path relative to the output folder.
#[derive(Debug, Default)]
pub struct Output {
    /// Keys shared, not owned: `serve` copies the map on every rebuild.
    files: BTreeMap<Arc<str>, Arc<RenderedFile>>,
}

impl Output {
    pub fn get(&self, path: &str) -> Option<&RenderedFile> {
        self.files.get(path).map(Arc::as_ref)
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(|path| &**path)
    }

    /// Number of HTML pages.
    pub(crate) fn page_count(&self) -> usize {
        page_count(self.paths())
    }
}

pub(crate) fn page_count<'a>(paths: impl Iterator<Item = &'a str>) -> usize {
    paths.filter(|p| p.ends_with(".html")).count()
}

/// Collects a render in memory. Made with [`MemorySink::reusing`], it also carries over the
/// files of a previous render that a change did not touch.
#[derive(Debug, Default)]
pub(crate) struct MemorySink {
    files: Mutex<Vec<Arc<RenderedFile>>>,
    claims: Claims,
    previous: Option<Previous>,
    /// Which output paths of the previous render are dropped when patching.
    replaced: Mutex<Vec<OutputPaths>>,
}

/// Says which output paths belong to a set of files (`routes::is_sitemap_part`).
type OutputPaths = fn(&str) -> bool;

/// What a sink starts from.
#[derive(Debug)]
enum Previous {
    /// An earlier render, whose files the renderers may [reuse](Sink::reuse), except the
    /// stale ones (output paths).
    Reusing {
        output: Arc<Output>,
        stale: HashSet<String>,
    },
    /// An earlier render, a few of whose files will be made again or are gone (output
    /// paths); no other file is new.
    Patching(Arc<Output>, Vec<String>),
}

impl Sink for MemorySink {
    fn put(&self, mut file: RenderedFile) {
        if !self.claims.claim(&file) {
            return;
        }
        // An asset is read now, once: served later from disk, a file swapped for a symbolic
        // link in between would be served from wherever the link points.
        if let Content::Copy(path) = &file.content {
            let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
            file.content = Content::Bytes(if regular {
                std::fs::read(path).unwrap_or_default()
            } else {
                Vec::new()
            });
        }
        self.files
            .lock()
            .expect("memory sink lock")
            .push(Arc::new(file));
    }

    fn reuse(&self, path: &str) -> bool {
        let Some(Previous::Reusing { output, stale }) = &self.previous else {
            return false;
        };
        if stale.contains(path) {
            return false;
        }
        let Some(file) = output.files.get(path) else {
            return false;
        };
        if self.claims.claim(file) {
            self.files
                .lock()
                .expect("memory sink lock")
                .push(Arc::clone(file));
        }
        true
    }

    fn replace_all(&self, these: OutputPaths) {
        self.replaced.lock().expect("memory sink lock").push(these);
    }
}

impl MemorySink {
    /// A sink that carries over every file of `previous` except the `stale` ones (output
    /// paths), which renderers make again. Files `previous` lacks are made too.
    pub(crate) fn reusing(previous: Arc<Output>, stale: HashSet<String>) -> Self {
        MemorySink {
            previous: Some(Previous::Reusing {
                output: previous,
                stale,
            }),
            ..MemorySink::default()
        }
    }

    /// A sink holding every file of `previous` but the `gone` ones (output paths), for a
    /// render that makes a few of them again and only new files no other input can claim:
    /// the others are kept without being claimed or listed again (at 10,000 briefings, 25,000
    /// files).
    pub(crate) fn patching(previous: Arc<Output>, gone: Vec<String>) -> Self {
        MemorySink {
            previous: Some(Previous::Patching(previous, gone)),
            ..MemorySink::default()
        }
    }

    pub(crate) fn finish(self) -> Result<Output, Error> {
        self.claims.into_result()?;
        let made = self.files.into_inner().expect("memory sink lock");
        let mut files = match self.previous {
            Some(Previous::Patching(previous, gone)) => {
                let mut files = previous.files.clone();
                for path in gone {
                    files.remove(path.as_str());
                }
                let replaced = self.replaced.into_inner().expect("memory sink lock");
                if !replaced.is_empty() {
                    files.retain(|path, _| !replaced.iter().any(|these| these(path)));
                }
                files
            }
            _ => BTreeMap::new(),
        };
        files.extend(made.into_iter().map(|f| (Arc::from(f.path.as_str()), f)));
        Ok(Output { files })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> RenderedFile {
        RenderedFile::new(path.to_owned(), b"x".to_vec(), path.to_owned())
    }

    #[test]
    fn a_patch_that_replaces_files_drops_those_not_made_again() {
        let first = MemorySink::default();
        for path in ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "a.html"] {
            first.put(file(path));
        }
        let previous = Arc::new(first.finish().unwrap());
        let patch = MemorySink::patching(previous, Vec::new());
        patch.replace_all(|path| path.starts_with("sitemap-"));
        patch.put(file("sitemap-1.xml"));
        let output = patch.finish().unwrap();
        let paths: Vec<&str> = output.files.keys().map(|k| &**k).collect();
        assert_eq!(paths, ["a.html", "sitemap-1.xml", "sitemap.xml"]);
    }
}

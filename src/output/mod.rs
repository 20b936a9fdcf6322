//! Where rendered files go. Renderers hand each file to a [`Sink`] as soon as it is made:
//! [`MemorySink`] keeps them (for `serve` and `check`), [`DiskSink`] writes them to the output
//! folder without ever leaving it half-built. Both refuse two files on one path.

mod disk;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

pub use disk::{DiskSink, WriteStats, check_output_dir};

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
    pub fn new(path: String, bytes: Vec<u8>, origin: String) -> Self {
        RenderedFile {
            path,
            content: Content::Bytes(bytes),
            origin,
        }
    }
}

/// Takes rendered files, from many threads at once. A sink keeps its own problems (a path
/// claimed twice, a disk error) and reports them when its owner finishes it.
pub trait Sink: Sync {
    fn put(&self, file: RenderedFile);
}

/// Which input claimed each output path, to turn a second claim into an error naming both.
#[derive(Debug, Default)]
struct Claims {
    origins: Mutex<HashMap<String, String>>,
    clashes: Mutex<Diagnostics>,
}

impl Claims {
    /// `true` if `file` is the first to claim its path.
    fn claim(&self, file: &RenderedFile) -> bool {
        let mut origins = self.origins.lock().expect("claims lock");
        let Some(first) = origins.get(&file.path) else {
            origins.insert(file.path.clone(), file.origin.clone());
            return true;
        };
        let file_of = |origin: &str| origin.split(" (").next().unwrap_or(origin).to_owned();
        let message = format!(
            "{} and {first} would both be written to {}",
            file.origin, file.path
        );
        let clash = Diagnostic::error("E0020", file_of(&file.origin), message)
            .with_help("rename one of them");
        self.clashes.lock().expect("claims lock").push(clash);
        false
    }

    fn into_result(self) -> Result<HashMap<String, String>, Error> {
        let clashes = self.clashes.into_inner().expect("claims lock");
        match clashes.has_errors() {
            true => Err(Error::Content(clashes.sorted())),
            false => Ok(self.origins.into_inner().expect("claims lock")),
        }
    }
}

/// Every file of a rendered site, in memory, by path relative to the output folder.
#[derive(Debug, Default)]
pub struct Output {
    files: BTreeMap<String, RenderedFile>,
}

impl Output {
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn get(&self, path: &str) -> Option<&RenderedFile> {
        self.files.get(path)
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Number of HTML pages.
    pub fn page_count(&self) -> usize {
        page_count(self.paths())
    }
}

pub fn page_count<'a>(paths: impl Iterator<Item = &'a str>) -> usize {
    paths.filter(|p| p.ends_with(".html")).count()
}

/// Collects a render in memory.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<Vec<RenderedFile>>,
    claims: Claims,
}

impl Sink for MemorySink {
    fn put(&self, file: RenderedFile) {
        if self.claims.claim(&file) {
            self.files.lock().expect("memory sink lock").push(file);
        }
    }
}

impl MemorySink {
    pub fn finish(self) -> Result<Output, Error> {
        self.claims.into_result()?;
        let files = self.files.into_inner().expect("memory sink lock");
        Ok(Output {
            files: files.into_iter().map(|f| (f.path.clone(), f)).collect(),
        })
    }
}

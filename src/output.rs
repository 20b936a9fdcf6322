//! The rendered site in memory ([`Output`]) and writing it to a folder safely.
//!
//! Writing never leaves a half-built site: files go into a staging folder beside the output,
//! which then replaces it in two renames. A file whose bytes did not change is hard-linked from
//! the old output into the staging folder, so it keeps its inode and mtime (rsync and static
//! hosts see no change). Nothing outside the output folder and its staging folder is touched.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::render::RenderedFile;

/// The bytes of one output file, or where to copy them from.
#[derive(Debug)]
pub enum Content {
    Bytes(Vec<u8>),
    Static(&'static [u8]),
    Copy(PathBuf),
}

impl Content {
    fn bytes(&self) -> Result<std::borrow::Cow<'_, [u8]>, Error> {
        Ok(match self {
            Content::Bytes(bytes) => bytes.as_slice().into(),
            Content::Static(bytes) => (*bytes).into(),
            Content::Copy(path) => fs::read(path).map_err(io_error("read", path))?.into(),
        })
    }
}

/// Every file of the site, by path relative to the output folder.
#[derive(Debug, Default)]
pub struct Output {
    files: BTreeMap<String, RenderedFile>,
}

impl Output {
    /// Adds a file; two inputs claiming one path is an error naming both.
    pub fn insert(&mut self, file: RenderedFile) -> Result<(), Diagnostic> {
        if let Some(existing) = self.files.get(&file.path) {
            return Err(Diagnostic::error(
                "E0020",
                file.origin
                    .split(" (")
                    .next()
                    .unwrap_or(&file.origin)
                    .to_owned(),
                format!(
                    "{} and {} would both be written to {}",
                    file.origin, existing.origin, file.path
                ),
            )
            .with_help("rename one of them"));
        }
        self.files.insert(file.path.clone(), file);
        Ok(())
    }

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
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

/// What writing did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Replaces the folder `dir` with exactly the files of `output`.
pub fn write(output: &Output, dir: &Path) -> Result<WriteStats, Error> {
    let staging = sibling(dir, "new");
    let retired = sibling(dir, "old");
    for leftover in [&staging, &retired] {
        if leftover.exists() {
            fs::remove_dir_all(leftover)
                .map_err(io_error("remove the leftover folder", leftover))?;
        }
    }
    fs::create_dir_all(&staging).map_err(io_error("create the folder", &staging))?;
    let result = fill(output, dir, &staging);
    let stats = match result {
        Ok(stats) => stats,
        Err(error) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(error);
        }
    };
    let removed = stale_files(output, dir);
    keep_hidden_entries(dir, &staging)?;
    swap(dir, &staging, &retired)?;
    Ok(WriteStats { removed, ..stats })
}

/// `public` → `.public.brief-new` in the same parent, so renames stay on one file system.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.with_file_name(format!(".{name}.brief-{suffix}"))
}

fn fill(output: &Output, old: &Path, staging: &Path) -> Result<WriteStats, Error> {
    let folders: std::collections::BTreeSet<&Path> = output
        .files
        .keys()
        .filter_map(|p| Path::new(p).parent())
        .collect();
    for folder in folders {
        let path = staging.join(folder);
        fs::create_dir_all(&path).map_err(io_error("create the folder", &path))?;
    }
    let outcomes: Vec<Result<bool, Error>> = output
        .files
        .par_iter()
        .map(|(path, file)| place(&file.content, &old.join(path), &staging.join(path)))
        .collect();
    let mut stats = WriteStats::default();
    for outcome in outcomes {
        if outcome? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    Ok(stats)
}

/// Puts one file into the staging folder; `Ok(true)` if its bytes are new.
fn place(content: &Content, old: &Path, new: &Path) -> Result<bool, Error> {
    let bytes = content.bytes()?;
    let unchanged = fs::metadata(old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(old).is_ok_and(|old_bytes| old_bytes == *bytes);
    if unchanged && fs::hard_link(old, new).is_ok() {
        return Ok(false);
    }
    fs::write(new, &bytes).map_err(io_error("write", new))?;
    Ok(!unchanged)
}

/// Dotfiles at the top of the old output (`.git` of a gh-pages checkout, `.gitkeep`, `.nojekyll`)
/// are the owner's, not ours: they move into the new output untouched.
fn keep_hidden_entries(old: &Path, staging: &Path) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(old) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') && !staging.join(&name).exists() {
            fs::rename(entry.path(), staging.join(&name))
                .map_err(io_error("keep", &entry.path()))?;
        }
    }
    Ok(())
}

fn swap(dir: &Path, staging: &Path, retired: &Path) -> Result<(), Error> {
    if dir.exists() {
        fs::rename(dir, retired).map_err(io_error("move aside the old output", dir))?;
    }
    if let Err(error) = fs::rename(staging, dir) {
        // Put the old site back rather than leave none.
        let _ = fs::rename(retired, dir);
        return Err(io_error("move the new output into place", dir)(error));
    }
    if retired.exists() {
        fs::remove_dir_all(retired).map_err(io_error("remove the old output", retired))?;
    }
    Ok(())
}

/// Files of the old output that the new one no longer has (its dotfiles are kept, not counted).
fn stale_files(output: &Output, dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let relative = e.path().strip_prefix(dir).unwrap_or(e.path());
            !output
                .files
                .contains_key(&crate::diagnostic::display_path(relative))
        })
        .count()
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

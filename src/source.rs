//! Reading the site from disk: `site.yaml` and the `content/` tree, as text and paths.
//!
//! Nothing is parsed here. Files are sorted into briefings, person profiles and assets by where
//! they sit; Markdown is read in parallel and normalised (no BOM, LF line endings) so that every
//! later stage sees one kind of text.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::diagnostic::codes::{E0005, E0006, E0007, E0008, W0001, W0004};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::error::Error;

pub(crate) const CONTENT_DIR: &str = "content";
pub(crate) const BRIEFINGS_DIR: &str = "briefings";
pub(crate) const PEOPLE_DIR: &str = "people";

/// A Markdown file's text, with its path relative to the site root.
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Shared: `serve` keeps it between rebuilds without copying it.
    pub text: Arc<str>,
}

/// A file copied as it is (image, PDF…).
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    /// Relative to the site root, for messages.
    pub path: PathBuf,
    /// Where to read it from.
    pub absolute: PathBuf,
    /// Relative to `content/`, which is also where it goes in the output.
    pub output: String,
}

/// Everything the pipeline reads from the site's folder.
#[derive(Debug, Default, Clone)]
pub(crate) struct Sources {
    pub config: SourceFile,
    pub briefings: Vec<SourceFile>,
    pub people: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    /// Unreadable files and files that will be ignored.
    pub diagnostics: Diagnostics,
}

/// What a file under `content/` is, judged by where it sits.
enum Kind {
    Briefing,
    Person,
    Asset,
    /// Markdown outside briefings/ and people/.
    Stray,
    /// A briefing or profile saved in another format (`.txt`, `.docx`…).
    WrongFormat,
}

/// Extensions of text a member may have meant as a briefing or profile.
const TEXT_FORMATS: [&str; 7] = ["txt", "text", "doc", "docx", "rtf", "odt", "pages"];

impl Sources {
    /// The briefings and profiles read.
    pub(crate) fn markdown_files(&self) -> Vec<&SourceFile> {
        self.briefings.iter().chain(&self.people).collect()
    }
}

pub(crate) fn load(root: &Path) -> Result<Sources, Error> {
    load_with(root, &|_| None)
}

/// [`load`], taking from `reuse` the text of every Markdown file it knows to be unchanged
/// (for `serve`, which is told what changed).
pub(crate) fn load_with(
    root: &Path,
    reuse: &(dyn Fn(&Path) -> Option<SourceFile> + Sync),
) -> Result<Sources, Error> {
    let mut sources = Sources {
        config: read_config(root)?,
        ..Sources::default()
    };
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Ok(sources);
    }
    if let Some(link) = link_outside(root, &content) {
        sources.diagnostics.push(link);
        return Ok(sources);
    }
    let markdown = sort_content(root, &content, &mut sources);
    let read: Vec<_> = markdown
        .into_par_iter()
        .map(|(is_briefing, path)| match reuse(&path) {
            Some(file) => (is_briefing, Ok(file)),
            None => (is_briefing, read_markdown(root, path)),
        })
        .collect();
    for (is_briefing, result) in read {
        match (result, is_briefing) {
            (Ok(file), true) => sources.briefings.push(file),
            (Ok(file), false) => sources.people.push(file),
            (Err(diagnostic), _) => sources.diagnostics.push(diagnostic),
        }
    }
    Ok(sources)
}

/// Where the site is for a command run in the current folder without `--root`: this folder if
/// it holds `site.yaml`, else the nearest folder above that does (as `..`, `../..`), looking no
/// higher than the repository's root, the first folder that holds `.git`. `Err` holds the last
/// folder looked in.
pub fn find_site() -> Result<PathBuf, PathBuf> {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut up = PathBuf::from(".");
    for folder in here.ancestors() {
        if fs::symlink_metadata(folder.join(CONFIG_FILE)).is_ok() {
            return Ok(up);
        }
        if fs::symlink_metadata(folder.join(".git")).is_ok() {
            return Err(folder.to_owned());
        }
        up = match up == Path::new(".") {
            true => PathBuf::from(".."),
            false => up.join(".."),
        };
    }
    Err(here.ancestors().last().unwrap_or(&here).to_owned())
}

fn read_config(root: &Path) -> Result<SourceFile, Error> {
    let config_path = root.join(CONFIG_FILE);
    // A pull request's check quotes site.yaml's lines in its errors: never one from elsewhere.
    if let Some(link) = link_outside(root, &config_path) {
        return Err(Error::Content(Diagnostics::from(link)));
    }
    let config_text = fs::read_to_string(&config_path).map_err(|source| Error::Io {
        action: "read the site configuration",
        path: config_path,
        source,
    })?;
    Ok(SourceFile {
        path: PathBuf::from(CONFIG_FILE),
        text: normalise(config_text).into(),
    })
}

/// Walks `content/`: the Markdown files to read (whether each is a briefing, and its path
/// relative to the root) are returned; assets and problems go into `sources`.
fn sort_content(root: &Path, content: &Path, sources: &mut Sources) -> Vec<(bool, PathBuf)> {
    let mut markdown = Vec::new();
    for (entry, is_link) in walk(content) {
        let relative = entry.strip_prefix(root).unwrap_or(&entry).to_owned();
        if is_link {
            // A link inside the site is left alone, as before; one leading out is an error.
            sources.diagnostics.extend(link_outside(root, &entry));
            continue;
        }
        let in_content = entry.strip_prefix(content).unwrap_or(&entry).to_owned();
        let stray = |code: Code| Diagnostic::warning(code, &relative, code.title());
        match classify(&in_content) {
            Kind::Briefing => markdown.push((true, relative)),
            Kind::Person => markdown.push((false, relative)),
            Kind::Asset => sources.assets.push(Asset {
                output: crate::routes::copied_output(&in_content),
                path: relative,
                absolute: entry,
            }),
            Kind::Stray => (sources.diagnostics).push(stray(W0001).with_help(W0001.help())),
            Kind::WrongFormat => (sources.diagnostics).push(stray(W0004).with_help(W0004.help())),
        }
    }
    markdown
}

/// Every file (and symbolic link, said so) under `dir`, sorted, skipping hidden entries and
/// editors' temporary files. The walk knows each entry's type already: no call per file.
fn walk(dir: &Path) -> impl Iterator<Item = (PathBuf, bool)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !is_hidden_or_temporary(e.file_name().to_str().unwrap_or(""))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() || e.path_is_symlink() && e.depth() > 0)
        .map(|e| {
            let is_link = e.path_is_symlink();
            (e.into_path(), is_link)
        })
}

/// An error if `path` (in the site at `root`) is a symbolic link leading out of the site:
/// brief reads nothing outside the site's folder, so that a pull request cannot make a build
/// publish `~/.ssh/id_rsa` or `/etc/passwd` by linking to it. A link that leads nowhere, or to
/// another file of the site, is no error.
pub(crate) fn link_outside(root: &Path, path: &Path) -> Option<Diagnostic> {
    let link = fs::symlink_metadata(path).ok()?;
    if !link.file_type().is_symlink() {
        return None;
    }
    let target = fs::canonicalize(path).ok()?;
    if target.starts_with(fs::canonicalize(root).ok()?) {
        return None;
    }
    let relative = path.strip_prefix(root).unwrap_or(path);
    let message = format!(
        "this is a symbolic link to `{}`, outside the site, and brief reads nothing outside the site's folder",
        target.display()
    );
    Some(Diagnostic::error(E0008, relative, message).with_help(E0008.help()))
}

/// Dotfiles, vim swap files and its `4913` probe, emacs lock and backup files, JetBrains'
/// `___jb_` files.
pub(crate) fn is_hidden_or_temporary(name: &str) -> bool {
    name == "4913"
        || name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.contains("___jb_")
        || [".swp", ".swx", ".tmp", ".bak"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

fn classify(in_content: &Path) -> Kind {
    let is_markdown = in_content
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    let mut parts = in_content.components();
    let top = parts
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let depth = in_content.components().count();
    let is_text = in_content
        .extension()
        .is_some_and(|e| TEXT_FORMATS.iter().any(|t| e.eq_ignore_ascii_case(t)));
    let in_writing_folder = matches!(top.as_deref(), Some(BRIEFINGS_DIR | PEOPLE_DIR));
    match (is_markdown, top.as_deref()) {
        (false, _) if is_text && in_writing_folder => Kind::WrongFormat,
        (false, _) => Kind::Asset,
        (true, Some(BRIEFINGS_DIR)) if depth > 1 => Kind::Briefing,
        (true, Some(PEOPLE_DIR)) if depth == 2 => Kind::Person,
        _ => Kind::Stray,
    }
}

/// Briefings run to a few kilobytes; a file far bigger is a mistake, not one to parse.
const MAX_MARKDOWN_BYTES: u64 = 4 * 1024 * 1024;

/// Reads one briefing or profile (`path` relative to `root`), normalised.
pub(crate) fn read_markdown(root: &Path, path: PathBuf) -> Result<SourceFile, Diagnostic> {
    let cannot_read =
        |e: std::io::Error| Diagnostic::error(E0005, &path, format!("cannot read this file: {e}"));
    let size = fs::metadata(root.join(&path)).map_err(cannot_read)?.len();
    if size > MAX_MARKDOWN_BYTES {
        let megabytes = size as f64 / (1024.0 * 1024.0);
        return Err(Diagnostic::error(
            E0007,
            &path,
            format!("the file is {megabytes:.1} MB; a briefing or profile may be at most 4 MB"),
        )
        .with_help(E0007.help()));
    }
    let bytes = fs::read(root.join(&path)).map_err(cannot_read)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile {
            path,
            text: normalise(text).into(),
        }),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let before = &e.as_bytes()[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            Err(Diagnostic::error(
                E0006,
                &path,
                format!("the file is not valid UTF-8 (byte {offset})"),
            )
            .at(line, column)
            .with_help(E0006.help()))
        }
    }
}

/// No byte-order mark, and `\n` for every line ending (CRLF and lone CR alike).
fn normalise(text: String) -> String {
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_bom_are_normalised() {
        assert_eq!(normalise("\u{feff}a\r\nb\rc\n".into()), "a\nb\nc\n");
    }

    #[test]
    fn editors_temporary_files_are_skipped() {
        for name in [
            ".x.md.swp",
            "x.md~",
            "#x.md#",
            "x.md___jb_tmp___",
            ".DS_Store",
        ] {
            assert!(is_hidden_or_temporary(name), "{name}");
        }
        assert!(!is_hidden_or_temporary("2022-01-13-lavrov.md"));
    }
}

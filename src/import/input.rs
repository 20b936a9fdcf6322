//! The input of an import: files and folders (each folder's `.txt` files, sorted), their text
//! (no byte-order mark, `\n` line endings), cut into posts and read.

use std::fs;
use std::path::{Path, PathBuf};

use super::post::{self, Dating, Post};
use super::reader::Line;
use super::report::Report;
use crate::diagnostic::codes::E0114;
use crate::diagnostic::{Diagnostic, display_path};
use crate::error::Error;
use crate::front_matter::control;
use crate::source;

/// Every post of `inputs` that could be read, with its file; the others are counted in
/// `report`, their problems (and every warning) added to it.
pub(super) fn read_posts(
    inputs: &[PathBuf],
    dating: Dating,
    report: &mut Report,
) -> Result<Vec<(PathBuf, Post)>, Error> {
    let files = input_files(inputs)?;
    report.files = files.len();
    let mut posts = Vec::new();
    for file in files {
        let text = match read_input(&file) {
            Ok(text) => text,
            Err(diagnostic) => {
                report.diagnostics.push(diagnostic);
                continue;
            }
        };
        // What pages may not hold is not written into the Markdown either (W0065).
        let (kept, dropped) = control::drop_forbidden(&text, 0);
        report
            .diagnostics
            .extend(control::warnings(&file, &text, &dropped));
        let text = kept.into_owned();
        let all: Vec<&str> = text.lines().collect();
        let lines: Vec<Line> = (all.iter().enumerate())
            .map(|(n, text)| Line {
                number: n + 1,
                text,
            })
            .collect();
        for lines in post::split(&lines) {
            report.posts += 1;
            let parsed = post::parse(&file, &all, &lines, dating);
            report.diagnostics.extend(parsed.diagnostics);
            match parsed.post {
                Some(post) => posts.push((file.clone(), post)),
                None => report.failed += 1,
            }
        }
    }
    report.diagnostics = std::mem::take(&mut report.diagnostics).placed_as_written();
    Ok(posts)
}

/// The files of `inputs`, folders replaced by their `.txt` files (sorted, sub-folders too).
fn input_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for input in inputs {
        let metadata = fs::metadata(input).map_err(|source| Error::Io {
            action: "read",
            path: input.clone(),
            source,
        })?;
        if !metadata.is_dir() {
            files.push(input.clone());
            continue;
        }
        let found: Vec<PathBuf> = walkdir::WalkDir::new(input)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !source::is_hidden_or_temporary(e.file_name().to_str().unwrap_or(""))
            })
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")))
            .collect();
        if found.is_empty() {
            return Err(Error::Usage(format!(
                "the folder `{}` holds no .txt file of posts",
                display_path(input)
            )));
        }
        files.extend(found);
    }
    Ok(files)
}

/// An input file's text, without byte-order mark, with `\n` line endings.
fn read_input(path: &Path) -> Result<String, Diagnostic> {
    let bytes = fs::read(path)
        .map_err(|e| Diagnostic::error(E0114, path, format!("cannot read this file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Diagnostic::error(
            E0114,
            path,
            format!("the file is not valid UTF-8 (byte {offset})"),
        )
        .at(line, 0)
        .with_help(E0114.help())
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

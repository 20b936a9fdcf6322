//! What an import did, post by post, and how to say it: a line for each file written or
//! skipped, and the summary (`4 posts from 2 files: 3 written, 1 already imported`).

use std::path::PathBuf;

use crate::diagnostic::{Diagnostics, display_path, plural};

/// What happened to every post.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub files: usize,
    pub posts: usize,
    /// One for each post that could be read, in input order.
    pub outcomes: Vec<Outcome>,
    /// Posts not imported because of an error.
    pub failed: usize,
    /// Errors and warnings, in input order.
    pub diagnostics: Diagnostics,
    pub dry_run: bool,
}

/// What became of one post.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// The briefing's file, relative to the site's root.
    pub path: PathBuf,
    /// The input file and line of the post's headline.
    pub origin: (PathBuf, usize),
    pub status: Status,
    /// The briefing's text.
    pub text: String,
    /// What the user should check in what was written.
    pub notes: Vec<String>,
}

/// Whether a post's briefing was written, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Status {
    Written,
    /// Would have been written, but this is a dry run.
    WouldWrite,
    /// The file is there already, with exactly this text.
    AlreadyImported,
    /// This file, holding something else, is there already or has the briefing's URL.
    Taken(PathBuf),
}

impl Outcome {
    /// The line that says what became of the post, if anything is worth saying.
    pub(crate) fn line(&self) -> Option<String> {
        let path = display_path(&self.path);
        let origin = format!("{}:{}", display_path(&self.origin.0), self.origin.1);
        match &self.status {
            Status::Written => Some(format!("Wrote {path}")),
            Status::WouldWrite => Some(format!("Would write {path}:\n{}", self.text)),
            Status::AlreadyImported => None,
            Status::Taken(other) if *other == self.path => Some(format!(
                "Skipped {path} (from {origin}): the file exists with other content, and is never overwritten"
            )),
            Status::Taken(other) => Some(format!(
                "Skipped {path} (from {origin}): {} has its URL, and is never overwritten",
                display_path(other)
            )),
        }
    }
}

impl Report {
    /// `3 posts from 1 file: 2 written, 1 already imported`, and what was skipped or failed.
    pub(crate) fn summary(&self) -> String {
        let count = |status: fn(&Status) -> bool| {
            self.outcomes.iter().filter(|o| status(&o.status)).count()
        };
        let written = count(|s| matches!(s, Status::Written | Status::WouldWrite));
        let mut parts = vec![
            match self.dry_run {
                true => format!("{written} would be written (dry run: nothing written)"),
                false => format!("{written} written"),
            },
            format!(
                "{} already imported",
                count(|s| *s == Status::AlreadyImported)
            ),
        ];
        let skipped = count(|s| matches!(s, Status::Taken(_)));
        if skipped > 0 {
            parts.push(format!("{skipped} skipped"));
        }
        if self.failed > 0 {
            parts.push(format!("{} with errors", self.failed));
        }
        format!(
            "{} from {}: {}",
            plural(self.posts, "post"),
            plural(self.files, "file"),
            parts.join(", ")
        )
    }
}

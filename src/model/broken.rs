//! A briefing that cannot be published as it is. `build` and `check` fail on it; `serve` leaves
//! it out of every list and shows, at its own address, what it says and what is wrong with it,
//! so that a member writing it always has a page to look at.

use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::Diagnostics;
use crate::slug::slugify;

/// A briefing file with errors: its text as written, and every problem found in it.
#[derive(Debug, Clone)]
pub(crate) struct Broken {
    pub path: PathBuf,
    /// From the file name, as for a briefing that builds: its page is where it will be.
    pub slug: String,
    pub text: Arc<str>,
    /// Its body as HTML, when its `---` fences can be found.
    pub html: Option<Arc<str>>,
    /// Its errors and warnings, once the run has found them all.
    pub problems: Diagnostics,
}

impl Broken {
    pub(crate) fn new(path: PathBuf, text: Arc<str>) -> Self {
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let slug = slugify(&stem);
        Broken {
            path,
            slug,
            text,
            html: None,
            problems: Diagnostics::new(),
        }
    }
}

//! The quick way through the pipeline for the usual edit in `serve`: briefings already in the
//! site, changed in what they say (body, title, rating, sources…) but not in where they stand
//! or whom they name. Such an edit leaves everything else as it was (the order, the people,
//! the terms, the link index), so the last site is patched in place: each changed file is
//! read, parsed and rendered on its own, and nothing is done for the other briefings.
//!
//! Anything else (a new, deleted or renamed file; a new date, subject or tag; a problem worse
//! than a warning) is left to the full run, which finds and reports it as a build would.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Memo, Request, let_source_go, take_markdown};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::MarkdownContext;
use crate::model::{self, Briefing, BriefingId, ParsedBriefing, Site};
use crate::source::{self, SourceFile};

/// Briefings of the site read and rendered anew, not yet put in place.
pub struct Patch {
    edits: Vec<Edit>,
}

struct Edit {
    id: BriefingId,
    file: SourceFile,
    parsed: ParsedBriefing,
    briefing: Briefing,
    markdown: Option<super::memo::MarkdownMemo>,
    problems: Vec<Diagnostic>,
}

impl Patch {
    /// The patch for the files `memo` was told changed, if each one is a briefing of `site`
    /// that still links like its last version and has no error. Nothing is changed yet.
    pub fn prepare(request: &Request, memo: &Memo, site: &Site) -> Option<Patch> {
        if request.lint {
            return None;
        }
        let changed: Vec<&Path> = memo.unread().collect();
        if changed.is_empty() {
            return None;
        }
        let edits = changed
            .into_iter()
            .map(|path| Edit::prepare(request, memo, site, path))
            .collect::<Option<Vec<Edit>>>()?;
        Some(Patch { edits })
    }

    /// Puts the new versions in place in `site` and `memo`. Returns the briefings replaced (by
    /// id) and the warnings of the changed files, which replace the ones `warnings` had for them.
    pub fn apply(
        self,
        request: &Request,
        memo: &mut Memo,
        site: &mut Site,
        warnings: &Diagnostics,
    ) -> (Vec<(BriefingId, Briefing)>, Diagnostics) {
        let changed: Vec<PathBuf> = self.edits.iter().map(|e| e.file.path.clone()).collect();
        let mut problems = Diagnostics::new();
        let mut replaced = Vec::new();
        for edit in self.edits {
            problems.extend(edit.problems);
            let old = std::mem::replace(&mut site.briefings[edit.id], edit.briefing);
            replaced.push((edit.id, old));
            memo.keep_patched(edit.file, edit.parsed, edit.markdown);
        }
        let kept = warnings.iter().filter(|w| !changed.contains(&w.file));
        let mut all: Diagnostics = kept.cloned().collect();
        all.extend(problems.with_snippets(&request.root));
        (replaced, all.sorted())
    }

    /// Undoes [`Patch::apply`] in `site` (the memo keeps the new versions, which are right).
    pub fn undo(site: &mut Site, replaced: Vec<(BriefingId, Briefing)>) {
        for (id, old) in replaced {
            site.briefings[id] = old;
        }
    }
}

impl Edit {
    fn prepare(request: &Request, memo: &Memo, site: &Site, path: &Path) -> Option<Edit> {
        let last = memo.parsed_briefing(path)?;
        // Compared as bytes: `Path`'s own equality parses both paths, ten thousand times here.
        let id = (site.briefings.iter()).position(|b| b.path.as_os_str() == path.as_os_str())?;
        let regular = std::fs::symlink_metadata(request.root.join(path)).is_ok_and(|m| m.is_file());
        if !regular {
            return None;
        }
        let file = source::read_markdown(&request.root, path.to_owned()).ok()?;
        let parsed = model::parse_briefing(&file).ok()?;
        if !last.links_like(&parsed) {
            return None;
        }
        let mut problems = Diagnostics::new();
        let mut briefing = site.briefing_replacing(id, parsed.clone(), &mut problems);
        let context = MarkdownContext {
            links: memo.links()?,
            unsafe_html: site.config.unsafe_html,
            file: path,
            first_line: briefing.body_line,
        };
        let (rendered, markdown) = memo.markdown(&Arc::clone(&briefing.body), &context);
        problems.extend(take_markdown(&mut briefing, rendered));
        let_source_go(&mut briefing);
        if problems.has_errors() {
            return None;
        }
        Some(Edit {
            id,
            file,
            parsed,
            briefing,
            markdown,
            problems: problems.into_iter().collect(),
        })
    }
}

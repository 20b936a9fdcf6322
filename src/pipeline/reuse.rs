//! The one seam through which a run borrows from the one before: the site's files as read, their
//! parses, the theme, the rendered Markdown, and what the renderers keep. The stages ask a
//! [`Reuse`] and tell it what they made; `build` and `check` pass [`Fresh`], which lends nothing
//! and keeps nothing, and `serve` its memo (`rebuild::Memo`), which lends what is unchanged.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostics;
use crate::links::LinkIndex;
use crate::markdown::{self, MarkdownContext, Rendered};
use crate::model::{ParsedBriefing, Person};
use crate::render;
use crate::source::{SourceFile, Sources};
use crate::theme::Theme;

/// One Markdown file's parse: a briefing's or a profile's.
#[derive(Clone)]
pub(crate) enum Parsed {
    Briefing(Result<ParsedBriefing, Diagnostics>),
    Person(Result<Person, Diagnostics>),
}

/// What a previous run can lend this one, and what this one leaves for the next. Every method
/// has the do-nothing answer as its default.
pub(crate) trait Reuse: Sync {
    /// What it keeps of a Markdown rendering made in this run.
    type Rendering: Send;

    /// The site's files, if it knows them all without walking the folders again.
    fn sources(&self, _root: &Path) -> Option<Sources> {
        None
    }

    /// The text of a Markdown file known to be unchanged.
    fn text(&self, _path: &Path) -> Option<SourceFile> {
        None
    }

    /// Takes in what this run loaded.
    fn loaded(&mut self, _sources: &Sources) {}

    /// The theme called `name`, if none of its files changed.
    fn theme(&self, _name: &str) -> Option<Arc<Theme>> {
        None
    }

    fn keep_theme(&mut self, _name: &str, _theme: &Arc<Theme>) {}

    /// The parse of `file`, made by `parse` unless it has it; and whether it was made now.
    fn parse(&self, _file: &SourceFile, parse: impl FnOnce() -> Parsed) -> (Parsed, bool) {
        (parse(), true)
    }

    /// Takes in a parse made now.
    fn keep_parsed(&mut self, _path: &Path, _parsed: &Parsed) {}

    /// The last version of the profile at `path` that parsed, to stand in for one that does
    /// not parse now.
    fn last_good_profile(&self, _path: &Path) -> Option<Person> {
        None
    }

    /// Told the link index and setting this run renders Markdown with, before it does.
    fn markdown_setting(&mut self, _links: &LinkIndex, _unsafe_html: bool) {}

    /// `text` rendered in `context`, by it or anew; what to keep of a new one.
    fn markdown(
        &self,
        text: &Arc<str>,
        context: &MarkdownContext,
    ) -> (Rendered, Option<Self::Rendering>) {
        (markdown::render(text, context), None)
    }

    /// Takes in a rendering made now.
    fn keep_markdown(&mut self, _file: &Path, _rendering: Self::Rendering) {}

    /// What the renderers keep from one render for the next.
    fn render(&self) -> &render::Memo;
}

/// A run with nothing to reuse: `build`'s and `check`'s.
#[derive(Default)]
pub(crate) struct Fresh {
    render: render::Memo,
}

impl Reuse for Fresh {
    type Rendering = ();

    fn render(&self) -> &render::Memo {
        &self.render
    }
}

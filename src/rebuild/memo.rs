//! What `serve` keeps from one rebuild for the next, so that a change costs about what it
//! touches: each file's text, its parse, and its rendered Markdown. Every entry is reused only
//! while what it was made from is the same: the same text, the same Markdown, and the same
//! answers from the link index to the questions the Markdown asked of it.

use crate::hash::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::links::{Answers, LinkIndex, PathChanges, Resolution};
use crate::markdown::{self, MarkdownContext, Rendered};
use crate::model::{ParsedBriefing, Person};
use crate::pipeline::{Parsed, Reuse};
use crate::render;
use crate::source::{SourceFile, Sources};
use crate::theme::{THEMES_DIR, Theme};

/// The rebuild-to-rebuild memory of `serve`. A one-off build has none.
#[derive(Default)]
pub(crate) struct Memo {
    /// Files reported changed since they were last read (relative to the site root).
    unread: HashSet<OsString>,
    /// Every Markdown file read, by path relative to the site root.
    files: HashMap<OsString, FileMemo>,
    /// Rendered Markdown by file.
    markdown: Renderings,
    /// Files parsed or rendered anew in the last run: only these can have changed.
    fresh: HashSet<OsString>,
    /// What the Markdown was rendered for: a different base URL or `unsafe-html` renders anew.
    markdown_setting: Option<(String, bool)>,
    /// The link index the Markdown was last rendered with: while it stays the same, no link
    /// answer can have changed.
    links: Option<LinkIndex>,
    /// Whether the link index differs from the last one (answers must be checked again).
    links_changed: bool,
    /// What the last load found, to reuse when only known Markdown files changed.
    sources: Option<Sources>,
    /// The theme last loaded, by name, until a file under `themes/` changes.
    theme: Option<(String, Arc<Theme>)>,
    /// The last version of each profile that parsed, to stand in while one does not.
    good_profiles: HashMap<OsString, Person>,
    /// What the renderers keep (each briefing's card).
    pub render: render::Memo,
}

struct FileMemo {
    text: Arc<str>,
    parsed: Option<Parsed>,
}

/// One file's rendered Markdown and what it was rendered from.
pub(crate) struct MarkdownMemo {
    text: Arc<str>,
    first_line: usize,
    rendered: Rendered,
}

impl Memo {
    pub(crate) fn new() -> Self {
        Memo {
            render: render::Memo::keeping(),
            ..Memo::default()
        }
    }

    /// Files that changed on disk (absolute, or relative to `root`): read them again. A folder
    /// means every file under it (one replaced wholesale may not report each file).
    pub(crate) fn changed<'a>(
        &mut self,
        root: &Path,
        paths: impl IntoIterator<Item = &'a PathBuf>,
    ) {
        for path in paths {
            let relative = path.strip_prefix(root).unwrap_or(path);
            if relative.starts_with(THEMES_DIR) {
                self.theme = None;
            }
            if !self.files.contains_key(relative.as_os_str()) {
                let inside = self
                    .files
                    .keys()
                    .filter(|f| Path::new(f).starts_with(relative));
                self.unread.extend(inside.cloned());
            }
            self.unread.insert(relative.as_os_str().to_owned());
        }
    }

    /// Files parsed or rendered anew in the last run; every other briefing is as it was.
    pub(crate) fn fresh(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.fresh.iter().map(PathBuf::from)
    }

    /// Takes `paths` (relative to the root) as read: a theme's templates, loaded outside a run.
    pub(crate) fn mark_read<'a>(&mut self, paths: impl IntoIterator<Item = &'a PathBuf>) {
        for path in paths {
            self.unread.remove(path.as_os_str());
        }
    }

    /// The files reported changed and not read since.
    pub(crate) fn unread(&self) -> impl Iterator<Item = &Path> {
        self.unread.iter().map(Path::new)
    }

    /// The last parse of a briefing file, if it was a valid briefing.
    pub(crate) fn parsed_briefing(&self, path: &Path) -> Option<&ParsedBriefing> {
        match &self.files.get(path.as_os_str())?.parsed {
            Some(Parsed::Briefing(Ok(parsed))) => Some(parsed),
            _ => None,
        }
    }

    /// The profiles of the last run, as parsed, in the order they were read; `None` if one
    /// did not parse.
    pub(crate) fn profiles(&self) -> Option<Vec<&Person>> {
        let sources = self.sources.as_ref()?;
        let parse = |file: &SourceFile| match &self.files.get(file.path.as_os_str())?.parsed {
            Some(Parsed::Person(Ok(person))) => Some(person),
            _ => None,
        };
        sources.people.iter().map(parse).collect()
    }

    /// Whether every Markdown rendering kept would come out the same once `changes` are made
    /// to the link index (each rendering asked the index only what its lookups record).
    pub(crate) fn same_answers_after(&self, changes: &PathChanges) -> bool {
        let same = !self.markdown.answers.may_change(changes);
        debug_assert_eq!(same, {
            let mut lookups = self
                .markdown
                .by_file
                .values()
                .flat_map(|m| &m.rendered.lookups);
            !lookups.any(|l| LinkIndex::may_change(&l.resolution, changes))
        });
        same
    }

    /// Makes `changes` to the link index the kept Markdown was rendered with.
    pub(crate) fn change_links(&mut self, changes: &PathChanges) {
        if let Some(links) = &mut self.links {
            links.change(changes);
        }
    }

    /// The link index of the last run, with the setting the Markdown was rendered for.
    pub(crate) fn links(&self) -> Option<&LinkIndex> {
        self.links
            .as_ref()
            .filter(|_| self.markdown_setting.is_some())
    }

    /// Takes in a briefing file read, parsed and rendered outside a full run (see
    /// `rebuild::patch`), as if a run had done it: the next one starts from it.
    pub(crate) fn keep_patched(
        &mut self,
        file: SourceFile,
        parsed: ParsedBriefing,
        markdown: Option<MarkdownMemo>,
    ) {
        let key = file.path.as_os_str();
        self.unread.remove(key);
        if let Some(sources) = &mut self.sources
            && let Some(kept) =
                (sources.briefings.iter_mut()).find(|f| f.path.as_os_str() == file.path.as_os_str())
        {
            *kept = file.clone();
        }
        if let Some(markdown) = markdown {
            self.markdown.insert(key.to_owned(), markdown);
        }
        let parsed = Some(Parsed::Briefing(Ok(parsed)));
        let text = file.text;
        self.files
            .insert(file.path.into_os_string(), FileMemo { text, parsed });
        self.fresh.clear();
        self.links_changed = false;
    }

    /// Remembers what was read this time; files no longer there are forgotten.
    fn read(&mut self, files: &[&SourceFile]) {
        let unread = std::mem::take(&mut self.unread);
        self.fresh.clear();
        for file in files {
            let key = file.path.as_os_str();
            let known = self.files.get(key);
            // A file not reported changed was not read again: its text is the memo's own.
            let same = known.is_some_and(|m| !unread.contains(key) || m.text == file.text);
            if !same {
                let text = file.text.clone();
                let memo = FileMemo { text, parsed: None };
                self.files.insert(key.to_owned(), memo);
            }
        }
        if self.files.len() != files.len() {
            let present: HashSet<&std::ffi::OsStr> =
                files.iter().map(|f| f.path.as_os_str()).collect();
            self.files
                .retain(|path, _| present.contains(path.as_os_str()));
            self.markdown.retain(|path| present.contains(path));
        }
    }
}

/// What `serve` lends each run of the pipeline: every entry whose inputs are unchanged.
impl Reuse for Memo {
    type Rendering = MarkdownMemo;

    /// The site's files as last loaded, with the changed ones read again, when every change
    /// was to a briefing or profile already known that is still a plain file: then no folder
    /// changed and the walk can be skipped. `None` otherwise, or if a file no longer reads.
    fn sources(&self, root: &Path) -> Option<Sources> {
        let last = self.sources.as_ref()?;
        let known = |path: &std::ffi::OsStr| {
            self.files.contains_key(path)
                && std::fs::symlink_metadata(root.join(path)).is_ok_and(|m| m.is_file())
        };
        if self.unread.is_empty() || !self.unread.iter().all(|p| known(p)) {
            return None;
        }
        let mut sources = last.clone();
        for file in sources.briefings.iter_mut().chain(&mut sources.people) {
            if self.unread.contains(file.path.as_os_str()) {
                *file = crate::source::read_markdown(root, file.path.clone()).ok()?;
            }
        }
        Some(sources)
    }

    /// The text of `path` as last read, if it has not changed since.
    fn text(&self, path: &Path) -> Option<SourceFile> {
        if self.unread.contains(path.as_os_str()) {
            return None;
        }
        let memo = self.files.get(path.as_os_str())?;
        Some(SourceFile {
            path: path.to_owned(),
            text: memo.text.clone(),
        })
    }

    /// Remembers what was read this time (files no longer there are forgotten), and what the
    /// load found, for [`Reuse::sources`].
    fn loaded(&mut self, sources: &Sources) {
        self.read(&sources.markdown_files());
        self.sources = Some(sources.clone());
    }

    /// The theme called `name` as last loaded, if no file of any theme has changed since.
    fn theme(&self, name: &str) -> Option<Arc<Theme>> {
        let (loaded, theme) = self.theme.as_ref()?;
        (loaded == name).then(|| Arc::clone(theme))
    }

    fn keep_theme(&mut self, name: &str, theme: &Arc<Theme>) {
        self.theme = Some((name.to_owned(), Arc::clone(theme)));
    }

    /// The parse of `file`, made by `parse` unless its text is unchanged since the last one.
    fn parse(&self, file: &SourceFile, parse: impl FnOnce() -> Parsed) -> (Parsed, bool) {
        match (self.files.get(file.path.as_os_str())).and_then(|m| m.parsed.clone()) {
            Some(parsed) => (parsed, false),
            None => (parse(), true),
        }
    }

    /// Keeps the parses made by [`Reuse::parse`].
    fn keep_parsed(&mut self, path: &Path, parsed: &Parsed) {
        if let Parsed::Person(Ok(person)) = parsed {
            let path = path.as_os_str().to_owned();
            self.good_profiles.insert(path, person.clone());
        }
        if let Some(memo) = self.files.get_mut(path.as_os_str()) {
            memo.parsed = Some(parsed.clone());
            self.fresh.insert(path.as_os_str().to_owned());
        }
    }

    fn last_good_profile(&self, path: &Path) -> Option<Person> {
        self.good_profiles.get(path.as_os_str()).cloned()
    }

    /// Forgets rendered Markdown made for another base URL or `unsafe-html` setting, and notes
    /// whether `links` differs from the index of the last run.
    fn markdown_setting(&mut self, links: &LinkIndex, unsafe_html: bool) {
        let setting = Some((links.origin().to_owned(), unsafe_html));
        if self.markdown_setting != setting {
            self.markdown.clear();
            self.markdown_setting = setting;
        }
        self.links_changed = self.links.as_ref() != Some(links);
        if self.links_changed {
            self.links = Some(links.clone());
        }
    }

    /// `text` rendered in `context`: the last rendering of the same file if its text, start line
    /// and every link answer are the same, else a new one, returned for [`Reuse::keep_markdown`].
    fn markdown(
        &self,
        text: &Arc<str>,
        context: &MarkdownContext,
    ) -> (Rendered, Option<MarkdownMemo>) {
        let file = context.file;
        let reused = self
            .markdown
            .by_file
            .get(file.as_os_str())
            // A body parsed once and kept is the very same string: no need to compare it.
            .filter(|m| Arc::ptr_eq(&m.text, text) || m.text == *text)
            .filter(|m| m.first_line == context.first_line)
            .filter(|m| !self.links_changed || same_answers(&m.rendered, context.links, file));
        if let Some(memo) = reused {
            return (memo.rendered.for_reuse(), None);
        }
        let rendered = markdown::render(text, context);
        let memo = MarkdownMemo {
            text: Arc::clone(text),
            first_line: context.first_line,
            rendered: rendered.clone(),
        };
        (rendered, Some(memo))
    }

    /// Keeps a rendering made by [`Reuse::markdown`].
    fn keep_markdown(&mut self, file: &Path, memo: MarkdownMemo) {
        self.fresh.insert(file.as_os_str().to_owned());
        self.markdown.insert(file.as_os_str().to_owned(), memo);
    }

    fn render(&self) -> &render::Memo {
        &self.render
    }
}

/// Rendered Markdown by file, with its link index's answers summed up.
#[derive(Default)]
struct Renderings {
    by_file: HashMap<OsString, MarkdownMemo>,
    answers: Answers,
}

impl Renderings {
    fn insert(&mut self, file: OsString, memo: MarkdownMemo) {
        self.count(&memo, Answers::add);
        if let Some(old) = self.by_file.insert(file, memo) {
            self.count(&old, Answers::remove);
        }
    }

    fn retain(&mut self, keep: impl Fn(&OsStr) -> bool) {
        let answers = &mut self.answers;
        self.by_file.retain(|file, memo| {
            let kept = keep(file);
            if !kept {
                for lookup in &memo.rendered.lookups {
                    answers.remove(&lookup.resolution);
                }
            }
            kept
        });
    }

    fn clear(&mut self) {
        *self = Renderings::default();
    }

    fn count(&mut self, memo: &MarkdownMemo, change: fn(&mut Answers, &Resolution)) {
        for lookup in &memo.rendered.lookups {
            change(&mut self.answers, &lookup.resolution);
        }
    }
}

/// Whether `links` answers every question the rendering asked as it did then.
fn same_answers(rendered: &Rendered, links: &LinkIndex, file: &Path) -> bool {
    rendered
        .lookups
        .iter()
        .all(|l| links.resolve(file, &l.dest, l.is_image) == l.resolution)
}

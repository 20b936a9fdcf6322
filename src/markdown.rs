//! Markdown → HTML with `pulldown-cmark`, the house's way: heading ids, links rewritten to real
//! URLs under the base path, raw HTML shown as text unless the site allows it, and unsafe link
//! schemes never written.

use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::{E0030, E0070, W0003, W0015};
use crate::links::{LinkIndex, Resolution};
use crate::slug::slugify;

/// How to render one Markdown text.
pub(crate) struct MarkdownContext<'a> {
    pub links: &'a LinkIndex,
    pub unsafe_html: bool,
    /// The file the text comes from (relative to the root), to resolve relative links.
    pub file: &'a Path,
    /// The line of the file where the text starts, for messages.
    pub first_line: usize,
}

/// A heading of the rendered text, for tables of contents and section checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Rendered {
    pub html: Arc<str>,
    /// The plain text of the first paragraph.
    pub first_paragraph: String,
    /// The whole text as a plain-text post (see `plain_text`).
    pub plain: Arc<str>,
    pub headings: Vec<Heading>,
    /// Links with a `#fragment` to this or another page, to check once every page's headings
    /// are known.
    pub fragments: Vec<FragmentLink>,
    /// Links to pages that do not exist, and other problems found on the way.
    pub diagnostics: Vec<Diagnostic>,
    /// Every question asked of the link index and its answer: the same answers from another
    /// index mean the same result (see `pipeline::memo`).
    pub lookups: Vec<Lookup>,
}

impl Rendered {
    /// A copy for a page to use, without the link questions only a memo needs.
    pub(crate) fn for_reuse(&self) -> Rendered {
        Rendered {
            html: Arc::clone(&self.html),
            first_paragraph: self.first_paragraph.clone(),
            plain: Arc::clone(&self.plain),
            headings: self.headings.clone(),
            fragments: self.fragments.clone(),
            diagnostics: self.diagnostics.clone(),
            lookups: Vec::new(),
        }
    }
}

/// A link destination as written, and what the link index made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lookup {
    pub dest: String,
    pub is_image: bool,
    pub resolution: Resolution,
}

/// A link to a heading: on this page (`page` is none) or on the page at a site path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FragmentLink {
    pub page: Option<String>,
    pub fragment: String,
    /// Line and column in the file.
    pub place: (usize, usize),
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

pub(crate) fn render(text: &str, context: &MarkdownContext) -> Rendered {
    let lines = LineIndex::new(text);
    let mut rendered = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut dropped = Vec::new(); // per open link or image: was it left out?
    let mut images = Vec::new(); // each image: event index, byte offset, destination as written
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let event = match event {
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                if let Tag::Image { dest_url, .. } = &tag {
                    images.push((events.len(), range.start, dest_url.to_string()));
                }
                let tag = rewrite_destination(tag, range.start, context, &lines, &mut rendered);
                dropped.push(tag.is_none());
                match tag {
                    Some(tag) => Event::Start(tag),
                    None => continue,
                }
            }
            end @ Event::End(TagEnd::Link | TagEnd::Image) => match dropped.pop() {
                Some(true) => continue,
                _ => end,
            },
            Event::Start(Tag::HtmlBlock) if !context.unsafe_html => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) if !context.unsafe_html => Event::End(TagEnd::Paragraph),
            Event::Html(raw) | Event::InlineHtml(raw) if !context.unsafe_html => Event::Text(raw),
            other => other,
        };
        events.push(event);
    }
    for (index, offset, written) in images {
        check_alt_text(
            &events,
            index,
            (offset, &written),
            context,
            &lines,
            &mut rendered,
        );
    }
    name_headings(&mut events, &mut rendered.headings);
    rendered.first_paragraph = first_paragraph(&events);
    rendered.plain = crate::plain_text::flatten(&events, context.links.origin()).into();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    rendered.html = html.into();
    if context.unsafe_html {
        // Raw HTML went through as written: only the sanitiser stands between it and readers.
        rendered.html = crate::sanitize::clean(&rendered.html).into();
    }
    rendered
}

/// A link or image with its destination resolved; `None` drops it (its text stays).
fn rewrite_destination<'a>(
    mut tag: Tag<'a>,
    offset: usize,
    context: &MarkdownContext,
    lines: &LineIndex<'_>,
    rendered: &mut Rendered,
) -> Option<Tag<'a>> {
    let (dest_url, is_image) = match &mut tag {
        Tag::Link {
            link_type: LinkType::Email,
            ..
        } => return Some(tag),
        Tag::Link { dest_url, .. } => (dest_url, false),
        Tag::Image { dest_url, .. } => (dest_url, true),
        _ => return Some(tag),
    };
    *dest_url = rewrite(dest_url, offset, is_image, context, lines, rendered)?;
    Some(tag)
}

/// An image readers who cannot see it learn nothing from is worth a warning.
fn check_alt_text(
    events: &[Event],
    index: usize,
    (offset, written): (usize, &str),
    context: &MarkdownContext,
    lines: &LineIndex<'_>,
    rendered: &mut Rendered,
) {
    let Some(Event::Start(Tag::Image { .. })) = events.get(index) else {
        return;
    };
    let alt = plain_text(&events[index + 1..], |e| {
        matches!(e, Event::End(TagEnd::Image))
    });
    if !alt.is_empty() {
        return;
    }
    let (line, column) = lines.position(offset);
    let warning = Diagnostic::warning(
        W0015,
        context.file,
        format!("the image `{written}` has no alt text"),
    )
    .at(context.first_line + line - 1, column)
    .with_help(W0015.help());
    rendered.diagnostics.push(warning);
}

/// Resolves one link or image destination; `None` drops it (an unsafe scheme), keeping its text.
fn rewrite<'a>(
    dest: &CowStr<'a>,
    offset: usize,
    is_image: bool,
    context: &MarkdownContext,
    lines: &LineIndex<'_>,
    rendered: &mut Rendered,
) -> Option<CowStr<'a>> {
    let (line, column) = lines.position(offset);
    let at = |d: Diagnostic| d.at(context.first_line + line - 1, column);
    let resolution = context.links.resolve(context.file, dest, is_image);
    rendered.lookups.push(Lookup {
        dest: dest.to_string(),
        is_image,
        resolution: resolution.clone(),
    });
    match resolution {
        Resolution::Keep => {
            if let Some(fragment) = dest.strip_prefix('#') {
                let place = (context.first_line + line - 1, column);
                rendered.fragments.push(FragmentLink {
                    page: None,
                    fragment: fragment.to_owned(),
                    place,
                });
            }
            Some(dest.clone())
        }
        Resolution::Rewritten { url, site_path } => {
            if let Some((_, fragment)) = dest.split_once('#') {
                let place = (context.first_line + line - 1, column);
                rendered.fragments.push(FragmentLink {
                    page: Some(site_path),
                    fragment: fragment.to_owned(),
                    place,
                });
            }
            Some(url.into())
        }
        Resolution::Unsafe => {
            rendered.diagnostics.push(at(Diagnostic::warning(
                W0003,
                context.file,
                format!("the link `{dest}` uses an unsafe scheme and was left out"),
            )
            .with_help(W0003.help())));
            None
        }
        wrong @ (Resolution::Broken { .. } | Resolution::OnDisk) => {
            let error = link_error(dest, wrong, is_image, context.file);
            rendered.diagnostics.push(at(error));
            Some(dest.clone())
        }
    }
}

/// The error for a link to nowhere, or to the writer's own computer.
fn link_error(dest: &str, wrong: Resolution, is_image: bool, file: &Path) -> Diagnostic {
    let Resolution::Broken { why, like } = wrong else {
        return on_disk(dest, is_image, file);
    };
    let help = match like {
        Some(like) => format!("did you mean `{like}`?"),
        None => E0030.help().to_owned(),
    };
    let message = format!("the link `{dest}` {why}");
    Diagnostic::error(E0030, file, message).with_help(help)
}

/// A link or image that points to the writer's own computer, with the way to publish the file.
fn on_disk(dest: &str, is_image: bool, file: &Path) -> Diagnostic {
    let name = dest.rsplit(['/', '\\']).next().unwrap_or(dest);
    let name = crate::links::percent_decode(name);
    let (kind, what) = if is_image {
        ("image", "picture")
    } else {
        ("link", "file")
    };
    let message = format!(
        "the {kind} `{dest}` points to a file on your own computer, which readers cannot open"
    );
    let up = file
        .parent()
        .map_or(0, |f| f.components().count().saturating_sub(1));
    let link = format!("{}images/{name}", "../".repeat(up));
    Diagnostic::error(E0070, file, message).with_help(format!(
        "copy the {what} into `content/images/` and link it from there: `{link}`"
    ))
}

/// Gives every heading an id from its text, unique within the body (`why-do-we-care-1`).
/// Such ids hold only `a-z`, `0-9` and single hyphens, so a theme's own ids with an underscore
/// (`main_content`) can never clash with them.
fn name_headings(events: &mut [Event], headings: &mut Vec<Heading>) {
    let mut used = std::collections::HashSet::new();
    for index in 0..events.len() {
        let Event::Start(Tag::Heading { level, .. }) = &events[index] else {
            continue;
        };
        let level = heading_number(*level);
        let text = plain_text(&events[index + 1..], |e| {
            matches!(e, Event::End(TagEnd::Heading(_)))
        });
        let base = match slugify(&text) {
            slug if slug.is_empty() => "section".to_owned(),
            slug => slug,
        };
        let mut id = base.clone();
        for n in 1.. {
            if used.insert(id.clone()) {
                break;
            }
            id = format!("{base}-{n}");
        }
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[index] {
            *slot = Some(id.clone().into());
        }
        headings.push(Heading { level, id, text });
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn first_paragraph(events: &[Event]) -> String {
    events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
        .map(|start| {
            plain_text(&events[start + 1..], |e| {
                matches!(e, Event::End(TagEnd::Paragraph))
            })
        })
        .unwrap_or_default()
}

/// `text` cut after at most `max` characters, at a word boundary, with an ellipsis: a derived
/// summary should tease, not repeat the whole first paragraph.
pub(crate) fn teaser(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!(
        "{}…",
        at_word.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
    )
}

/// The text of events up to the first one matching `end`.
fn plain_text(events: &[Event], end: impl Fn(&Event) -> bool) -> String {
    let mut text = String::new();
    for event in events.iter().take_while(|e| !end(e)) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// Byte offsets → 1-based line and column.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// Line and column (in characters, as editors count) of a byte offset into the text.
    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        (
            line,
            self.text
                .get(start..offset)
                .map_or(1, |s| s.chars().count() + 1),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BaseUrl;

    fn render_plain(text: &str, unsafe_html: bool) -> Rendered {
        let links = LinkIndex::new(BaseUrl::parse("https://x.org/sub/").unwrap());
        let context = MarkdownContext {
            links: &links,
            unsafe_html,
            file: Path::new("content/briefings/a.md"),
            first_line: 1,
        };
        render(text, &context)
    }

    #[test]
    fn headings_get_unique_ids() {
        let out = render_plain("## Why do we care?\n\n## Why do we care?\n", false);
        assert!(
            out.html.contains(r#"<h2 id="why-do-we-care">"#),
            "{}",
            out.html
        );
        assert!(out.html.contains(r#"<h2 id="why-do-we-care-1">"#));
    }

    #[test]
    fn raw_html_is_text_unless_allowed() {
        let out = render_plain("<script>alert(1)</script>\n\nHi <b>x</b>\n", false);
        assert!(
            !out.html.contains("<script>") && out.html.contains("&lt;script&gt;"),
            "{}",
            out.html
        );
        assert!(
            render_plain("Hi <b>x</b>\n", true)
                .html
                .contains("<b>x</b>")
        );
    }

    #[test]
    fn unsafe_links_are_dropped_but_text_kept() {
        let out = render_plain(
            "[click](javascript:alert(1)) and ![x](data:text/html,hi)\n",
            true,
        );
        assert!(
            !out.html.contains("javascript") && !out.html.contains("data:"),
            "{}",
            out.html
        );
        assert!(out.html.contains("click"));
    }

    #[test]
    fn teasers_end_at_a_word() {
        assert_eq!(teaser("Short enough.", 40), "Short enough.");
        assert_eq!(teaser("One two three, four five", 16), "One two three…");
    }

    #[test]
    fn smart_punctuation_and_first_paragraph() {
        let out = render_plain("## H\n\nRussia's \"patience\" -- gone.\n\nMore.\n", false);
        assert_eq!(out.first_paragraph, "Russia’s “patience” – gone.");
    }
}

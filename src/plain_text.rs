//! Markdown flattened to the plain text of the house's social-media posts: each question
//! followed by its answer on the same line, paragraphs separated by blank lines, links written
//! as "text (address)", list items as "- item". Works on the events the Markdown stage already
//! has, so a briefing is parsed once for both its page and its post.

use pulldown_cmark::{Event, Tag, TagEnd};

/// The body as plain text; `origin` (`https://org.github.io`) makes site links absolute.
pub(crate) fn flatten(events: &[Event], origin: &str) -> String {
    let mut writer = Writer {
        origin,
        text: String::new(),
        notes: String::new(),
        ..Writer::default()
    };
    for event in events {
        writer.event(event);
    }
    tidy(&format!("{}\n\n{}", writer.text, writer.notes))
}

#[derive(Default)]
struct Writer<'a> {
    origin: &'a str,
    text: String,
    /// Footnotes, written after everything else (a post has no foot to put them at).
    notes: String,
    in_note: bool,
    /// Inside an image: its alt text is for screen readers, not for a text post.
    in_image: usize,
    /// Destinations of the links being written (links may hold images).
    links: Vec<String>,
    /// The text of a heading being read, until it ends.
    heading: Option<String>,
}

impl Writer<'_> {
    fn event(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Heading { .. }) => self.heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let heading = self.heading.take().unwrap_or_default();
                self.block_break();
                self.text.push_str(heading.trim());
                self.text.push(' ');
            }
            Event::Start(Tag::Paragraph) if !self.out().ends_with(' ') => self.block_break(),
            Event::End(
                TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table,
            ) => self.block_break(),
            Event::Start(Tag::Item) => self.line("- "),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => self.text.push('\n'),
            Event::End(TagEnd::TableCell) => self.push(" | "),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.in_note = true;
                self.line(&format!("[{label}] "));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.block_break();
                self.in_note = false;
            }
            Event::Start(Tag::Image { .. }) => self.in_image += 1,
            Event::End(TagEnd::Image) => self.in_image -= 1,
            Event::FootnoteReference(label) => self.push(&format!("[{label}]")),
            Event::Start(Tag::Link { dest_url, .. }) => self.links.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => self.end_link(),
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                self.push(text)
            }
            Event::SoftBreak => self.push(" "),
            Event::HardBreak => self.push("\n"),
            Event::TaskListMarker(done) => self.push(if *done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }

    fn push(&mut self, text: &str) {
        if self.in_image > 0 {
            return;
        }
        match &mut self.heading {
            Some(heading) => heading.push_str(text),
            None => self.out().push_str(text),
        }
    }

    /// Where text goes now: the body, or the footnotes.
    fn out(&mut self) -> &mut String {
        if self.in_note {
            &mut self.notes
        } else {
            &mut self.text
        }
    }

    /// Starts a new line (for list items and footnotes).
    fn line(&mut self, prefix: &str) {
        let out = self.out();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(prefix);
    }

    fn block_break(&mut self) {
        self.out().push_str("\n\n");
    }

    /// "text (address)", unless the text is the address or the link is to a heading.
    fn end_link(&mut self) {
        let Some(dest) = self.links.pop() else { return };
        if dest.starts_with('#') || self.out().ends_with(&dest) {
            return;
        }
        let absolute = if dest.starts_with('/') {
            format!("{}{dest}", self.origin)
        } else {
            dest
        };
        self.push(&format!(" ({absolute})"));
    }
}

/// No spaces at line ends, at most one blank line in a row, no blank lines at either end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::flatten;
    use pulldown_cmark::{Event, Parser};

    fn plain(markdown: &str) -> String {
        let events: Vec<Event> = Parser::new(markdown).collect();
        flatten(&events, "https://x.org")
    }

    #[test]
    fn questions_lead_their_answers() {
        let text = plain(
            "## Why do we care?\n\nBecause *it* matters.\n\nA second paragraph.\n\n## Any further comments?\n\nNone.\n",
        );
        assert_eq!(
            text,
            "Why do we care? Because it matters.\n\nA second paragraph.\n\nAny further comments? None.\n"
        );
    }

    #[test]
    fn links_show_their_address_and_lists_their_dashes() {
        let text =
            plain("See [his profile](/sub/people/x/) and <https://e.org/a>.\n\n- one\n- two\n");
        assert_eq!(
            text,
            "See his profile (https://x.org/sub/people/x/) and https://e.org/a.\n\n- one\n- two\n"
        );
    }
}

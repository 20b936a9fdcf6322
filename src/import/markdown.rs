//! The briefing file an imported post becomes: front matter whose values are written with
//! [`scalar`] (quoted only where YAML needs it), then the answers as `##` sections under their
//! questions.
//!
//! The text is kept as written, paragraph by paragraph and line by line (lines of one paragraph
//! are joined by hard breaks), with every character Markdown would read as syntax escaped, so
//! the page shows the post's own words. A URL in the text (`text (https://…)`) stays as it is;
//! typography stays the site's, as for any briefing (straight quotes are curled on the page).

use std::fmt::Write;

use super::post::{Paragraph, Post};
use crate::front_matter::scalar;

/// What the file says besides the post itself: the names the site knows its people by.
#[derive(Debug, Clone, Copy)]
pub(super) struct Names<'a> {
    pub subject: &'a str,
    pub who_else_cares: &'a [&'a str],
}

/// The whole file: front matter, then the body.
pub(super) fn briefing(post: &Post, names: Names) -> String {
    let mut text = String::from("---\n");
    let _ = writeln!(text, "title: {}", scalar(&post.headline.title));
    let _ = writeln!(text, "date: {}", post.dated.date);
    let _ = writeln!(text, "subject: {}", scalar(names.subject));
    let _ = writeln!(text, "age: {}", post.age);
    let _ = writeln!(text, "nationality: {}", one_or_many(&post.nationality));
    let _ = writeln!(text, "care-rating: {}", post.care_rating);
    if !names.who_else_cares.is_empty() {
        let _ = writeln!(text, "who-else-cares: {}", list(names.who_else_cares));
    }
    if !post.authors.is_empty() {
        let _ = writeln!(text, "author: {}", one_or_many(&post.authors));
    }
    if !post.sources.is_empty() {
        text.push_str("sources:\n");
        for source in &post.sources {
            let _ = writeln!(text, "  - title: {}", scalar(&source.title));
            let _ = writeln!(text, "    url: {}", scalar(&source.url));
            if let Some(publisher) = &source.publisher {
                let _ = writeln!(text, "    publisher: {}", scalar(publisher));
            }
        }
    }
    text.push_str("---\n");
    let mut blocks: Vec<String> = post.preamble.iter().map(paragraph).collect();
    for section in &post.sections {
        blocks.push(format!("## {}", section.heading));
        blocks.extend(section.paragraphs.iter().map(paragraph));
    }
    text + &blocks.join("\n\n") + "\n"
}

/// One value as a scalar, several as a list.
fn one_or_many(values: &[String]) -> String {
    match values {
        [one] => scalar(one),
        many => list(many),
    }
}

/// `[a, b]`, each item quoted when it holds what a flow list would read as syntax.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|item| {
            let item = item.as_ref();
            let plain = scalar(item);
            if plain.contains([',', '[', ']', '{', '}']) && !plain.starts_with(['"', '\'']) {
                serde_json::to_string(item).unwrap_or(plain)
            } else {
                plain
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// A paragraph's lines, escaped, joined by hard breaks (a backslash at the end of a line) —
/// or, when every line starts with `- `, a list, as export writes one.
fn paragraph(lines: &Paragraph) -> String {
    let items: Option<Vec<String>> = lines
        .iter()
        .map(|line| {
            line.strip_prefix("- ")
                .map(|item| format!("- {}", escape(item)))
        })
        .collect();
    if let Some(items) = items.filter(|items| !items.is_empty()) {
        return items.join("\n");
    }
    let lines: Vec<String> = lines.iter().map(|line| escape(line)).collect();
    lines.join("\\\n")
}

/// `line` (trimmed) with every character Markdown would read as syntax escaped: inline marks
/// everywhere, and what starts a block (`#`, `>`, `-`, `1.`…) at the start of the line.
pub(super) fn escape(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let marker = block_marker(&chars);
    let mut out = String::with_capacity(line.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let escaped = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' => true,
            // An underscore inside a word (`snake_case`, an address) can neither open nor close.
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '&' => is_entity(&chars[i + 1..]),
            _ => marker == Some(i),
        };
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where the character that would start a block is: `#`, `>`, `-`, `+`, `=` (a setext
/// underline) first, or the `.` or `)` of `1. ` / `1) `.
fn block_marker(chars: &[char]) -> Option<usize> {
    match chars.first()? {
        '#' | '>' | '-' | '+' | '=' => Some(0),
        c if c.is_ascii_digit() => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            let closes = matches!(chars.get(digits), Some('.' | ')'));
            let then = chars.get(digits + 1);
            (digits <= 9 && closes && then.is_none_or(|c| c.is_whitespace())).then_some(digits)
        }
        _ => None,
    }
}

/// Whether what follows an `&` makes an entity reference (`amp;`, `#38;`, `#x26;`).
fn is_entity(after: &[char]) -> bool {
    let Some(end) = after.iter().position(|&c| c == ';') else {
        return false;
    };
    let name = &after[..end];
    match name {
        ['#', 'x' | 'X', hex @ ..] => !hex.is_empty() && hex.iter().all(char::is_ascii_hexdigit),
        ['#', digits @ ..] => !digits.is_empty() && digits.iter().all(char::is_ascii_digit),
        [first, rest @ ..] => {
            first.is_ascii_alphabetic() && rest.iter().all(char::is_ascii_alphanumeric)
        }
        [] => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options, Parser};

    /// The text a reader sees, as the site renders Markdown (its options but typography) and
    /// export flattens it.
    fn shown(markdown: &str) -> String {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        let events: Vec<Event> = Parser::new_ext(markdown, options).collect();
        crate::plain_text::flatten(&events, "https://x.org")
    }

    #[test]
    fn escaped_text_shows_as_written() {
        let tricky = [
            "# not a heading",
            "#hashtag and a #1 fan",
            "> not a quote",
            "- not a list",
            "+ nor this",
            "* nor this, *nor emphasis*",
            "1. not a numbered list",
            "2) nor this",
            "3.5 percent, 1.",
            "===",
            "---",
            "_not emphasis_ but snake_case and __init__",
            "**bold?** no; `code?` no; ~struck?~ no",
            "[a link?](https://x.org) no, nor [^1] nor ![image](x.png)",
            "<b>raw HTML?</b> no, nor <https://x.org>",
            "&amp; stays &amp; and &#38; too, but & alone is fine",
            "a | table? | no",
            "back\\slash and trailing backslash\\",
            "1986. A year.",
            "See his profile (https://x.org/people/a_b/?x=1&y=2).",
        ];
        for line in tricky {
            assert_eq!(shown(&escape(line)), format!("{line}\n"), "{line}");
        }
        let setext = paragraph(&vec!["Title".to_owned(), "===".to_owned()]);
        assert_eq!(shown(&setext), "Title\n===\n");
        let list = paragraph(&vec![
            "- one".to_owned(),
            "- two".to_owned(),
            "| a | b |".to_owned(),
            "|---|---|".to_owned(),
        ]);
        assert_eq!(shown(&list), "- one\n- two\n| a | b |\n|---|---|\n");
    }

    #[test]
    fn plain_text_and_addresses_are_left_alone() {
        for line in [
            "Russia’s “patience”: gone, 100% (or 7/10).",
            "See his profile (https://example.org/people/sergey-lavrov/).",
            "https://www.washingtonpost.com/world/2022/01/10/15ff0a4a-71eb_story.html",
        ] {
            assert_eq!(escape(line), line);
        }
    }

    #[test]
    fn lists_in_front_matter_quote_what_needs_it() {
        assert_eq!(
            list(&["Antony Blinken", "Sherman, Wendy"]),
            "[Antony Blinken, \"Sherman, Wendy\"]"
        );
        assert_eq!(one_or_many(&["Russian".to_owned()]), "Russian");
    }
}

//! The shape of one line of a YAML block as members write it: its indentation, whether it is a
//! list item (`- `), its key and where its value starts; and what a `[`, `{` or quote leaves
//! open at its end.

/// One line, cut up. Offsets are in bytes of the line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shape<'l> {
    /// Spaces before the first character.
    pub indent: usize,
    /// Whether the line is a list item, `- …`.
    pub dash: bool,
    /// The key, when the line (after any `- `) is `key: …` or `key:`.
    pub key: Option<&'l str>,
    /// Where the key starts (after any `- `).
    start: usize,
    /// Whether the item is itself a list: `- - a`.
    pub nested: bool,
    /// Where the value starts: after `key:` and its spaces, or after `- `.
    pub value: usize,
}

impl<'l> Shape<'l> {
    pub(super) fn of(line: &'l str) -> Shape<'l> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = &line[indent..];
        let (dash, start) = match Shape::is_item(content) {
            true => (true, line.len() - content[1..].trim_start().len()),
            false => (false, indent),
        };
        let mut shape = Shape {
            indent,
            dash,
            key: None,
            start,
            value: start,
            nested: dash && Shape::is_item(&line[start..]),
        };
        if let Some((key, colon)) = glued_key(&line[start..]) {
            let after = &line[start + colon + 1..];
            if after.is_empty() || after.starts_with([' ', '\t']) {
                shape.key = Some(key);
                shape.value = line.len() - after.trim_start().len();
            }
        }
        shape
    }

    /// Whether `content` is a list item: `-`, then a space or nothing.
    fn is_item(content: &str) -> bool {
        content
            .strip_prefix('-')
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    }

    /// The column (0-based) at which the key stands.
    pub(super) fn key_indent(&self) -> usize {
        self.start
    }

    /// The key of a line written `key:value`, with the byte offset of its colon in the line.
    pub(super) fn glued(&self, line: &'l str) -> Option<(&'l str, usize)> {
        glued_key(&line[self.start..]).map(|(key, colon)| (key, self.start + colon))
    }

    /// The value when it is plain text (not quoted, a list, or a `|` text), without a comment.
    pub(super) fn plain_value<'t>(&self, line: &'t str) -> &'t str {
        let value = &line[self.value..];
        if value.starts_with([
            '"', '\'', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`', '#',
        ]) {
            return "";
        }
        value.split(" #").next().unwrap_or_default().trim_end()
    }
}

/// `key` and the offset of its colon, when `text` starts with a word of letters, digits, `-`
/// and `_` (a letter first) followed by `:`.
fn glued_key(text: &str) -> Option<(&str, usize)> {
    let colon = text.find(':')?;
    let key = &text[..colon];
    let word = key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    word.then_some((key, colon))
}

/// Spaces (a tab counting two) before the first character.
pub(super) fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .map(|c| if c == '\t' { 2 } else { 1 })
        .sum()
}

/// `a space`, `3 spaces`.
pub(super) fn plural_spaces(n: usize) -> String {
    match n {
        1 => "a space".to_owned(),
        n => format!("{n} spaces"),
    }
}

/// `text` in straight double quotes, escaped as YAML needs.
pub(super) fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `value` with the curly quotes around it, or around items of its one-line `[…]` list, made
/// straight; and the first curly quotes found.
pub(super) fn straightened(value: &str) -> Option<(String, char, char)> {
    let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) else {
        let (text, open, close) = curled(value)?;
        return Some((quoted(text), open, close));
    };
    if inner.contains(['[', '{', '"', '\'']) {
        return None;
    }
    let mut found = None;
    let items: Vec<String> = (inner.split(','))
        .map(|item| match curled(item.trim()) {
            Some((text, open, close)) => {
                found.get_or_insert((open, close));
                quoted(text)
            }
            None => item.trim().to_owned(),
        })
        .collect();
    let (open, close) = found?;
    Some((format!("[{}]", items.join(", ")), open, close))
}

/// The text inside curly quotes, and the quotes, when `value` is wrapped in them: not when
/// quotes inside it show that they open and close parts of it (`“Nein,” he said, “never.”`).
/// An apostrophe may stand inside single quotes (`‘Russia’s turn’`).
fn curled(value: &str) -> Option<(&str, char, char)> {
    let mut chars = value.chars();
    let (open, close) = (chars.next()?, chars.next_back()?);
    let inner = chars.as_str();
    let curly = match (open, close) {
        ('“' | '”' | '„', '”' | '“') => !inner.contains(['“', '”', '„']),
        ('‘' | '’' | '‚', '’' | '‘') => !inner.contains(['‘', '‚']),
        _ => false,
    };
    curly.then_some((inner, open, close))
}

/// What is open at the end of a line: brackets and braces, and a quote.
#[derive(Debug, Clone, Default)]
pub(super) struct Open {
    closers: Vec<char>,
    quote: Option<char>,
}

impl Open {
    pub(super) fn is_open(&self) -> bool {
        !self.closers.is_empty() || self.quote.is_some()
    }

    /// What would close everything open, innermost first.
    pub(super) fn closing(&self) -> String {
        let brackets = self.closers.iter().rev().copied();
        self.quote.into_iter().chain(brackets).collect()
    }

    /// Follows `text`, the start of a value or a line going on from one. A quote only opens at
    /// the start of a value or an item (`Russia's` is text), and `#` after a space starts a
    /// comment.
    pub(super) fn feed(&mut self, text: &str) {
        let mut chars = text.chars().peekable();
        let (mut at_start, mut after_space) = (true, true);
        while let Some(c) = chars.next() {
            match self.quote {
                Some('"') if c == '\\' => {
                    chars.next();
                }
                Some('"') if c == '"' => self.quote = None,
                Some('\'') if c == '\'' && chars.peek() == Some(&'\'') => {
                    chars.next();
                }
                Some('\'') if c == '\'' => self.quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' if at_start => self.quote = Some(c),
                    '[' => self.closers.push(']'),
                    '{' => self.closers.push('}'),
                    ']' | '}' => {
                        self.closers.pop();
                    }
                    '#' if after_space => break,
                    _ => {}
                },
            }
            at_start = matches!(c, '[' | '{' | ',') || (at_start && c.is_whitespace());
            after_space = c.is_whitespace();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_lines() {
        let s = Shape::of("  - title: A: b");
        assert!(s.dash);
        assert_eq!(
            (s.indent, s.key, s.key_indent(), s.value),
            (2, Some("title"), 4, 11)
        );
        let s = Shape::of("care-rating:6");
        assert_eq!(s.key, None);
        assert_eq!(s.glued("care-rating:6"), Some(("care-rating", 11)));
        assert_eq!(Shape::of("sources:").key, Some("sources"));
        assert_eq!(
            Shape::of("title: x # note").plain_value("title: x # note"),
            "x"
        );
    }

    #[test]
    fn curly_quotes_around_a_value_or_names() {
        let straight = |value| straightened(value).map(|(text, _, _)| text);
        assert_eq!(straight("“German”").as_deref(), Some("\"German\""));
        assert_eq!(
            straight("‘Russia’s turn’").as_deref(),
            Some("\"Russia’s turn\"")
        );
        assert_eq!(straight("[“a”, b]").as_deref(), Some("[\"a\", b]"));
        assert_eq!(straight("“Nein,” he said, “never.”"), None);
        assert_eq!(straight("German"), None);
    }

    #[test]
    fn what_stays_open() {
        let mut open = Open::default();
        open.feed("[Russia's, \"a]\", {b: c}");
        assert_eq!(open.closing(), "]");
        let mut open = Open::default();
        open.feed("\"abc");
        assert_eq!(open.closing(), "\"");
        let mut open = Open::default();
        open.feed("[a, b] # [");
        assert!(!open.is_open());
    }
}

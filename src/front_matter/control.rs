//! Characters no page or feed may hold: control characters (but tab and line feed) and
//! Unicode's noncharacters. HTML calls them parse errors and XML 1.0 forbids them, and our
//! pages, RSS, JSON Feed and SVG charts are all made from the same text, so each is left out
//! where text first enters: the file as read, before front matter or Markdown is parsed, so
//! that no field and no body can forget it. A YAML escape that stands for one (`"\u0007"`,
//! `"\a"`, `"\N"`) is left out of the block's text too, escape and all, before YAML decodes it.
//!
//! Each spot gets one warning (W0065) at its line and column as written. Line feeds are never
//! left out, so every line stays where it was; a column after a dropped character on the same
//! line is one less (an escape's length less) than in the file.

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::W0065;

/// Whether `c` may not be written into a page or feed. Carriage returns never get here: the
/// loader makes every line ending a line feed.
pub(crate) fn is_forbidden(c: char) -> bool {
    let code = c as u32;
    matches!(code, 0..=0x08 | 0x0B..=0x1F | 0x7F..=0x9F | 0xFDD0..=0xFDEF)
        || code & 0xFFFE == 0xFFFE
}

/// One character left out: where it was, and how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dropped {
    /// 1-based line and column (in characters) in the file as written.
    pub line: usize,
    pub column: usize,
    pub character: char,
    /// The YAML escape that stood for it (`\u0007`), or none for the character itself.
    pub escape: Option<String>,
}

/// `text` without the characters no page may hold, and each one left out. `yaml` is how many
/// of its first lines are YAML (whose double-quoted escapes are decoded), `usize::MAX` for a
/// whole YAML file. Everything else is kept byte for byte.
pub(crate) fn drop_forbidden(text: &str, yaml: usize) -> (Cow<'_, str>, Vec<Dropped>) {
    let yaml_end = line_offset(text, yaml);
    let escapes = text[..yaml_end].contains('\\');
    if !escapes && !text.chars().any(is_forbidden) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut kept = String::with_capacity(text.len());
    let mut dropped = Vec::new();
    let mut quotes = Quotes::default();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let in_yaml = n < yaml;
        let mut chars = line.chars().enumerate().peekable();
        while let Some((column, c)) = chars.next() {
            let at = |character, escape| Dropped {
                line: n + 1,
                column: column + 1,
                character,
                escape,
            };
            if is_forbidden(c) {
                dropped.push(at(c, None));
                continue;
            }
            if in_yaml && c == '\\' && quotes.double {
                let rest: String = line.chars().skip(column + 1).take(9).collect();
                let (length, decoded) = escape(&rest);
                let written: String = line.chars().skip(column).take(length + 1).collect();
                if length > 0 {
                    chars.nth(length - 1);
                }
                match decoded.filter(|&d| is_forbidden(d)) {
                    Some(d) => dropped.push(at(d, Some(written))),
                    None => kept.push_str(&written),
                }
                continue;
            }
            if in_yaml {
                quotes.step(c, line, column);
            }
            kept.push(c);
        }
    }
    (Cow::Owned(kept), dropped)
}

/// The byte offset at which line `n` (0-based) starts, or the end of `text`.
fn line_offset(text: &str, n: usize) -> usize {
    match n.checked_sub(1) {
        None => 0,
        Some(last) => (text.match_indices('\n').nth(last)).map_or(text.len(), |(i, _)| i + 1),
    }
}

/// How many characters after a backslash its escape takes (`rest` starts after it), and the
/// character it stands for, as YAML reads double-quoted text.
fn escape(rest: &str) -> (usize, Option<char>) {
    let mut chars = rest.chars();
    let Some(letter) = chars.next() else {
        return (0, None);
    };
    let hex = |digits: usize| {
        let code: String = rest.chars().skip(1).take(digits).collect();
        let valid = code.len() == digits && code.chars().all(|c| c.is_ascii_hexdigit());
        let decoded = valid.then(|| u32::from_str_radix(&code, 16).ok().and_then(char::from_u32));
        (1 + if valid { digits } else { 0 }, decoded.flatten())
    };
    let simple = match letter {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'e' => '\u{1b}',
        'N' => '\u{85}',
        'x' => return hex(2),
        'u' => return hex(4),
        'U' => return hex(8),
        '\n' => return (0, None),
        other => other,
    };
    (1, Some(simple))
}

/// Where a YAML line stands: inside a double-quoted or single-quoted value, or neither.
#[derive(Debug, Default)]
struct Quotes {
    double: bool,
    single: bool,
    /// Inside `[…]` or `{…}`, where `,` starts a value.
    flow: usize,
    /// After `#` outside quotes: the rest of the line is a comment.
    comment: bool,
}

impl Quotes {
    /// Moves past `c`, the `column`th character (0-based) of `line`.
    fn step(&mut self, c: char, line: &str, column: usize) {
        if c == '\n' {
            self.comment = false;
            return;
        }
        if self.comment {
            return;
        }
        if self.double {
            self.double = c != '"';
            return;
        }
        if self.single {
            // `''` is a quote inside: it closes and opens again.
            self.single = c != '\'';
            return;
        }
        let before = line.chars().take(column).filter(|c| *c != ' ').last();
        let starts_value = match before {
            None => true,
            Some(':' | '-' | '[' | '{' | '?') => true,
            Some(',') => self.flow > 0,
            Some(_) => false,
        };
        match c {
            '"' if starts_value => self.double = true,
            '\'' if starts_value => self.single = true,
            '[' | '{' if starts_value || self.flow > 0 => self.flow += 1,
            ']' | '}' => self.flow = self.flow.saturating_sub(1),
            '#' if column == 0 || line.chars().nth(column - 1) == Some(' ') => self.comment = true,
            _ => {}
        }
    }
}

/// The character's code and what it is, as a member is told: `U+0007 (a control character:
/// BEL)`.
pub(crate) fn describe(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
        "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
        "ESC", "FS", "GS", "RS", "US",
    ];
    const C1: [&str; 32] = [
        "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU",
        "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI",
        "SCI", "CSI", "ST", "OSC", "PM", "APC",
    ];
    let code = c as u32;
    let what = match code {
        0..=0x1F => format!("a control character: {}", C0[code as usize]),
        0x7F => "a control character: DEL".to_owned(),
        0x80..=0x9F => format!("a control character: {}", C1[code as usize - 0x80]),
        _ => "a noncharacter, which Unicode keeps out of text".to_owned(),
    };
    format!("U+{code:04X} ({what})")
}

/// `line` with each forbidden character shown as a visible one (`␇` for BEL), one for one, so
/// that a caret under it lines up and a terminal is not sent control codes.
pub(crate) fn visible(line: &str) -> Cow<'_, str> {
    if !line.chars().any(is_forbidden) {
        return Cow::Borrowed(line);
    }
    let shown = |c: char| match c as u32 {
        code @ 0..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{fffd}'),
        0x7F => '\u{2421}',
        _ if is_forbidden(c) => '\u{fffd}',
        _ => c,
    };
    Cow::Owned(line.chars().map(shown).collect())
}

/// The warning for each character of `file` (whose text as written is `text`) left out.
pub(crate) fn warnings(file: &Path, text: &str, dropped: &[Dropped]) -> Vec<Diagnostic> {
    let warning = |spot: &Dropped| {
        let what = describe(spot.character);
        let (message, help) = match &spot.escape {
            Some(escape) => (
                format!("`{escape}` stands for {what}, which no page or feed may hold: it was left out"),
                format!("delete `{escape}` from the value"),
            ),
            None => (
                format!("an invisible {what} stands here, which no page or feed may hold: it was left out"),
                "delete the character (an editor may show it as a box, `^G` or `␇`, or not at all; deleting the characters either side of it and typing them again removes it)".to_owned(),
            ),
        };
        let mut found = Diagnostic::warning(W0065, file, message)
            .at(spot.line, spot.column)
            .with_help(help);
        found.snippet = text
            .lines()
            .nth(spot.line - 1)
            .map(|l| visible(l).into_owned());
        found
    };
    dropped.iter().map(warning).collect()
}

/// Puts every other problem of a line that had characters left out at its column as written,
/// and quotes that line as written, since each was found in the text without them. Run once,
/// on all the problems of a run: the warnings (W0065) say where the characters were.
pub(crate) fn columns_as_written(diagnostics: &mut [Diagnostic]) {
    let spots: Vec<Diagnostic> = (diagnostics.iter())
        .filter(|d| d.code == W0065)
        .cloned()
        .collect();
    if spots.is_empty() {
        return;
    }
    for found in diagnostics.iter_mut().filter(|d| d.code != W0065) {
        let mut on_its_line: Vec<&Diagnostic> = (spots.iter())
            .filter(|s| (&s.file, s.line) == (&found.file, found.line))
            .collect();
        on_its_line.sort_by_key(|s| s.column);
        for spot in &on_its_line {
            if found.column > 0 && spot.column <= found.column {
                found.column += width(spot);
            }
        }
        if let Some(spot) = on_its_line.first() {
            found.snippet.clone_from(&spot.snippet);
        }
    }
}

/// How many characters of its line the warning's character took as written: one, or its
/// escape's length.
fn width(spot: &Diagnostic) -> usize {
    let line = spot.snippet.as_deref().unwrap_or("");
    let mut from = line.chars().skip(spot.column - 1);
    match from.next() {
        Some('\\') => 1 + escape(&from.collect::<String>()).0,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cleaned(text: &str, yaml: usize) -> (String, Vec<(usize, usize, char)>) {
        let (kept, dropped) = drop_forbidden(text, yaml);
        let spots = dropped.iter().map(|d| (d.line, d.column, d.character));
        (kept.into_owned(), spots.collect())
    }

    #[test]
    fn raw_characters_are_left_out_where_they_stand() {
        let text = "title: Bell\u{7}\n---\nA \u{85}par\u{fffe}a\n";
        let (kept, spots) = cleaned(text, 1);
        assert_eq!(kept, "title: Bell\n---\nA para\n");
        assert_eq!(
            spots,
            [(1, 12, '\u{7}'), (3, 3, '\u{85}'), (3, 7, '\u{fffe}')]
        );
    }

    #[test]
    fn escapes_in_double_quotes_are_left_out_with_their_escape() {
        let yaml =
            "title: \"Bell\\u0007 \\a\\x1b\\N\\t\\\\a\"\ntags: [\"x\\0\", 'y\\a']\nz: no \"\\a\"\n";
        let (kept, spots) = cleaned(yaml, usize::MAX);
        assert_eq!(
            kept,
            "title: \"Bell \\t\\\\a\"\ntags: [\"x\", 'y\\a']\nz: no \"\\a\"\n"
        );
        assert_eq!(
            spots,
            [
                (1, 13, '\u{7}'),
                (1, 20, '\u{7}'),
                (1, 22, '\u{1b}'),
                (1, 26, '\u{85}'),
                (2, 10, '\0'),
            ]
        );
    }

    #[test]
    fn escapes_outside_the_yaml_are_text() {
        let (kept, spots) = cleaned("a: b\n\"\\a\"\n", 1);
        assert_eq!((kept.as_str(), spots.len()), ("a: b\n\"\\a\"\n", 0));
    }

    #[test]
    fn characters_are_named() {
        assert_eq!(describe('\u{7}'), "U+0007 (a control character: BEL)");
        assert_eq!(describe('\u{9b}'), "U+009B (a control character: CSI)");
        assert_eq!(
            describe('\u{fdd0}'),
            "U+FDD0 (a noncharacter, which Unicode keeps out of text)"
        );
        assert_eq!(visible("a\u{7}b"), "a\u{2407}b");
    }

    #[test]
    fn the_forbidden_characters() {
        for c in [
            '\t',
            '\n',
            ' ',
            '\u{a0}',
            '\u{fdcf}',
            '\u{fdf0}',
            '\u{fffd}',
            '\u{10fffd}',
        ] {
            assert!(!is_forbidden(c), "{c:?}");
        }
        for c in [
            '\0',
            '\u{c}',
            '\u{7f}',
            '\u{9f}',
            '\u{fdd0}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
    }

    proptest! {
        /// Whatever else a file holds is kept byte for byte.
        #[test]
        fn all_other_text_is_kept(text in "(\\PC|[\\t\\n\"'\\\\\\[:#-]|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{fdd0}\u{ffff}])*") {
            let (kept, dropped) = drop_forbidden(&text, 0);
            let expected: String = text.chars().filter(|c| !is_forbidden(*c)).collect();
            prop_assert_eq!(kept.as_ref(), expected.as_str());
            prop_assert_eq!(dropped.len(), text.chars().count() - expected.chars().count());
            let (in_yaml, _) = drop_forbidden(&text, usize::MAX);
            prop_assert!(!in_yaml.chars().any(is_forbidden));
        }
    }
}

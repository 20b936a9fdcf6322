//! Reading a YAML block line by line for the mistakes members make, so that each is reported on
//! the line to edit, in plain words, with that line as it was probably meant. The parser finds
//! most of them too, but often a line late and always in its own vocabulary.
//!
//! The scanner knows the shapes of the block style members write (`key: value`, `- item`,
//! `[a, b]`); it skips what it cannot follow (`|` texts, text going on over lines), and its
//! guesses about indentation are only reported when the parser fails too (see
//! [`Finding::is_certain`]).

use std::collections::HashMap;

use super::shape::{Open, Shape, indent_of, plural_spaces, quoted, straightened};
use crate::diagnostic::Code;
use crate::diagnostic::codes::{E0060, E0061, E0062, E0063, E0065, E0066, E0067, W0064};

/// One mistake found on a line of the block.
#[derive(Debug, Clone)]
pub(super) struct Finding {
    /// 0-based line within the block.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub code: Code,
    pub message: String,
    pub help: String,
    /// Lines of the block (0-based) as they were probably meant, to read the rest of it on.
    pub repairs: Vec<(usize, String)>,
}

impl Finding {
    /// Whether this is a mistake even when the parser reads the block: curly quotes are kept as
    /// text, a key given twice and a list item out of line are read wrongly. The other shapes
    /// are guesses, reported only when the parser fails.
    pub(super) fn is_certain(&self) -> bool {
        [W0064, E0065, E0066].contains(&self.code)
    }
}

/// A `[`, `{` or quote not closed on its line.
struct Flow {
    line: usize,
    column: usize,
    /// The indentation of the key or item it belongs to.
    owner: usize,
    /// The last line with text that it spans, and that line's text: where to close it.
    last: (usize, String),
    open: Open,
}

struct Scanner<'a> {
    known: &'a [&'a str],
    first_line: usize,
    findings: Vec<Finding>,
    /// The indentation of each key (false) or list item (true) the line stands in.
    levels: Vec<(usize, bool)>,
    /// After `key:` with nothing after it, that key's indentation: the next line may go deeper.
    opened: Option<usize>,
    /// Inside a `|` or `>` text: the indentation its lines go deeper than.
    text_block: Option<usize>,
    flow: Option<Flow>,
    /// Top-level keys seen, with the block line of each.
    seen: HashMap<String, usize>,
    /// The finding of a key given twice, whose value lines are dropped with it.
    dropping: Option<usize>,
}

/// Every mistake of `yaml` (the block starting on file line `first_line`) that the scanner
/// recognises; `known` are the keys of the block, to tell a key from text.
pub(super) fn scan(yaml: &str, first_line: usize, known: &[&str]) -> Vec<Finding> {
    let mut scanner = Scanner {
        known,
        first_line,
        findings: Vec::new(),
        levels: vec![(0, false)],
        opened: None,
        text_block: None,
        flow: None,
        seen: HashMap::new(),
        dropping: None,
    };
    for (n, line) in yaml.lines().enumerate() {
        scanner.line(n, line);
    }
    if let Some(flow) = scanner.flow.take() {
        scanner.never_closed(flow);
    }
    scanner.findings
}

impl Scanner<'_> {
    fn line(&mut self, n: usize, raw: &str) {
        if self.dropped(n, raw) || self.in_text_block(raw) || self.in_flow(n, raw) {
            return;
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return;
        }
        let line = self.untab(n, raw);
        let line = self.colon_space(n, line);
        let line = self.indentation(n, line);
        let shape = Shape::of(&line);
        if shape.indent == 0 && !shape.dash {
            self.duplicate(n, &shape);
        }
        let line = self.curly_quotes(n, line);
        let line = self.colon_in_value(n, line);
        self.opens(n, &line);
    }

    fn push(&mut self, n: usize, column: usize, code: Code, message: String, help: String) {
        self.findings.push(Finding {
            line: n,
            column,
            code,
            message,
            help,
            repairs: Vec::new(),
        });
    }

    /// Pushes a finding whose fix is `repaired`, which the rest of the line is checked on.
    fn fix(
        &mut self,
        n: usize,
        column: usize,
        code: Code,
        words: (String, String),
        repaired: String,
    ) -> String {
        let (message, help) = words;
        self.push(n, column, code, message, help);
        let finding = self.findings.last_mut().expect("pushed above");
        finding.repairs.push((n, repaired.clone()));
        repaired
    }

    /// The lines of a key given twice go with it.
    fn dropped(&mut self, n: usize, raw: &str) -> bool {
        let Some(index) = self.dropping else {
            return false;
        };
        if raw.trim().is_empty() || raw.starts_with([' ', '\t']) {
            self.findings[index].repairs.push((n, String::new()));
            return true;
        }
        self.dropping = None;
        false
    }

    fn in_text_block(&mut self, raw: &str) -> bool {
        let Some(owner) = self.text_block else {
            return false;
        };
        if raw.trim().is_empty() || indent_of(raw) > owner {
            return true;
        }
        self.text_block = None;
        false
    }

    /// Lines inside a `[`, `{` or quote opened above; a key at the opener's depth ends it.
    fn in_flow(&mut self, n: usize, raw: &str) -> bool {
        let Some(flow) = self.flow.as_mut() else {
            return false;
        };
        let shape = Shape::of(raw);
        // A known key glued to its value (`care-rating:6`) ends the list too: it is the next
        // line of the front matter, not a name in the list.
        let glued = (shape.glued(raw)).is_some_and(|(key, _)| self.known.contains(&key));
        if (shape.key.is_some() || shape.dash || glued) && shape.indent <= flow.owner {
            let flow = self.flow.take().expect("checked above");
            self.never_closed(flow);
            return false;
        }
        flow.open.feed(raw);
        if !raw.trim().is_empty() {
            flow.last = (n, raw.to_owned());
        }
        if !flow.open.is_open() {
            self.flow = None;
        }
        true
    }

    fn never_closed(&mut self, flow: Flow) {
        let closing = flow.open.closing();
        let what = match closing.chars().next() {
            Some(']') => "the list opened with `[` here is never closed".to_owned(),
            Some('}') => "the braces opened with `{` here are never closed".to_owned(),
            Some(quote) => format!("the quote opened with `{quote}` here is never closed"),
            None => return,
        };
        let (last, text) = flow.last;
        let repaired = format!("{}{closing}", text.trim_end());
        let help = match last == flow.line {
            true => format!("close it at the end of the line: `{}`", repaired.trim()),
            false => format!(
                "close it at the end of line {}: `{}`",
                self.first_line + last,
                repaired.trim()
            ),
        };
        self.push(flow.line, flow.column, E0063, what, help);
        let finding = self.findings.last_mut().expect("pushed above");
        finding.repairs.push((last, repaired));
    }

    fn untab(&mut self, n: usize, raw: &str) -> String {
        let lead = raw.len() - raw.trim_start_matches([' ', '\t']).len();
        if !raw[..lead].contains('\t') {
            return raw.to_owned();
        }
        let column = raw.find('\t').map_or(1, |i| i + 1);
        let repaired = format!("{}{}", raw[..lead].replace('\t', "  "), &raw[lead..]);
        let message = "this line is indented with a tab; YAML allows only spaces".to_owned();
        let help = format!("indent it with spaces instead: `{repaired}`");
        self.fix(n, column, E0061, (message, help), repaired)
    }

    fn colon_space(&mut self, n: usize, line: String) -> String {
        let shape = Shape::of(&line);
        let Some((key, colon)) = shape.glued(&line).filter(|_| shape.key.is_none()) else {
            return line;
        };
        let after = &line[colon + 1..];
        let text_like = after.is_empty() || after.starts_with([':', '/']);
        if text_like || (shape.dash && !self.known.contains(&key)) {
            return line;
        }
        let repaired = format!("{} {after}", &line[..=colon]);
        let message = format!("there is no space after `{key}:`, so YAML does not see a key here");
        let help = format!("put a space after the colon: `{}`", repaired.trim());
        let column = line[..=colon].chars().count() + 1;
        self.fix(n, column, E0060, (message, help), repaired)
    }

    fn indentation(&mut self, n: usize, line: String) -> String {
        let shape = Shape::of(&line);
        let (indent, dash) = (shape.indent, shape.dash);
        if shape.key.is_none() && !dash {
            return line; // text going on from the line above
        }
        let item_key = dash && shape.key.is_some();
        if let Some(owner) = self.opened.take()
            && (indent > owner || (dash && indent == owner))
        {
            self.enter(indent, dash, item_key, &shape);
            return line;
        }
        if let Some(at) = (self.levels.iter()).rposition(|&level| level == (indent, dash)) {
            self.levels.truncate(at);
            self.enter(indent, dash, item_key, &shape);
            return line;
        }
        let expected = (self.levels.iter().filter(|level| level.1 == dash))
            .map(|level| level.0)
            .min_by_key(|&level| (level.abs_diff(indent), usize::MAX - level));
        let Some(expected) = expected else {
            self.no_list(n, &line);
            return line;
        };
        let repaired = format!("{}{}", " ".repeat(expected), line.trim_start());
        let at = (self.levels.iter()).rposition(|&level| level == (expected, dash));
        self.levels.truncate(at.unwrap_or(self.levels.len()));
        self.enter(expected, dash, item_key, &Shape::of(&repaired));
        let tabbed = self
            .findings
            .last_mut()
            .filter(|f| f.line == n && f.code == E0061);
        if let Some(tab) = tabbed {
            // One message to a line: the tab's, with the spaces that line the line up.
            tab.help = format!("indent it with spaces instead: `{repaired}`");
            tab.repairs = vec![(n, repaired.clone())];
            return repaired;
        }
        let words = misaligned(&shape, expected, &repaired);
        let code = if dash { E0066 } else { E0062 };
        self.fix(n, 1, code, words, repaired)
    }

    /// Stands the line's key or item in the levels, and its key after `- ` too.
    fn enter(&mut self, indent: usize, dash: bool, item_key: bool, shape: &Shape) {
        self.levels.push((indent, dash));
        if item_key || shape.nested {
            self.levels.push((shape.key_indent(), shape.nested));
        }
    }

    fn no_list(&mut self, n: usize, line: &str) {
        let message = "this list item belongs to no key".to_owned();
        let help = format!(
            "a list goes on the lines after its key, which has nothing after its colon: `tags:`, then `  {}`",
            line.trim()
        );
        self.push(n, 1, E0066, message, help);
    }

    fn duplicate(&mut self, n: usize, shape: &Shape) {
        let Some(key) = shape.key else {
            return;
        };
        let Some(&first) = self.seen.get(key) else {
            self.seen.insert(key.to_owned(), n);
            return;
        };
        let first = first + self.first_line;
        let message = format!("`{key}` is given twice: on line {first} and here");
        let help = format!("keep one of them: delete this `{key}`, or the one on line {first}");
        self.fix(n, 1, E0065, (message, help), String::new());
        self.dropping = Some(self.findings.len() - 1);
    }

    fn curly_quotes(&mut self, n: usize, line: String) -> String {
        let shape = Shape::of(&line);
        let value = line[shape.value..].trim_end();
        let Some((straight, open, close)) = straightened(value) else {
            return line;
        };
        let repaired = format!("{}{straight}", &line[..shape.value]);
        let quotes = format!("curly quotes {open} {close}, which YAML does not read as quotes");
        let message = match (shape.key, value.starts_with('[')) {
            (Some(key), false) => format!("the value of `{key}` is in {quotes}"),
            (Some(key), true) => format!("names in `{key}` are in {quotes}"),
            (None, _) => format!("this item is in {quotes}"),
        };
        let help = format!(
            "it is read as if the quotes were straight; type them so: `{}`",
            repaired.trim()
        );
        let column = line[..shape.value].chars().count() + 1;
        self.fix(n, column, W0064, (message, help), repaired)
    }

    fn colon_in_value(&mut self, n: usize, line: String) -> String {
        let shape = Shape::of(&line);
        let Some(key) = shape.key else {
            return line;
        };
        let value = shape.plain_value(&line);
        let Some(at) = value
            .find(": ")
            .or(value.ends_with(':').then(|| value.len() - 1))
        else {
            return line;
        };
        let repaired = format!("{}{}", &line[..shape.value], quoted(value));
        let message = format!(
            "the value of `{key}` holds `: `, which YAML reads as the start of another key"
        );
        let help = format!(
            "put the whole value in double quotes: `{}`",
            repaired.trim()
        );
        let column = line[..shape.value + at].chars().count() + 1;
        self.fix(n, column, E0067, (message, help), repaired)
    }

    /// What the line opens for the lines below it: a nested block, a `|` text, a `[` list.
    fn opens(&mut self, n: usize, line: &str) {
        let shape = Shape::of(line);
        let value = line[shape.value..].trim_end();
        let owner = if shape.key.is_some() {
            shape.key_indent()
        } else {
            shape.indent
        };
        if shape.key.is_some() && (value.is_empty() || value.starts_with('#')) {
            self.opened = Some(shape.key_indent());
        } else if value.starts_with(['|', '>']) {
            self.text_block = Some(owner);
        } else if value.starts_with(['[', '{', '"', '\'']) {
            let mut open = Open::default();
            open.feed(value);
            if open.is_open() {
                let column = line[..shape.value].chars().count() + 1;
                let last = (n, line.to_owned());
                self.flow = Some(Flow {
                    line: n,
                    column,
                    owner,
                    last,
                    open,
                });
            }
        }
        if shape.dash && shape.key.is_none() && value.is_empty() {
            self.opened = Some(shape.indent);
        }
    }
}

/// The words for a key or item not lined up with those around it.
fn misaligned(shape: &Shape, expected: usize, repaired: &str) -> (String, String) {
    let found = plural_spaces(shape.indent);
    match (shape.dash, shape.key) {
        (false, Some(key)) if expected == 0 => (
            format!(
                "this line starts with {found}, but keys of the front matter, like `{key}`, start at the beginning of the line"
            ),
            format!(
                "remove the {}: `{}`",
                if shape.indent == 1 { "space" } else { "spaces" },
                repaired.trim()
            ),
        ),
        (false, key) => (
            format!(
                "`{}` is indented by {found}, but the keys it belongs with by {expected}",
                key.unwrap_or_default()
            ),
            format!("indent it like the key above it: `{repaired}`"),
        ),
        (true, _) => (
            format!("this list item is indented by {found}, but the items before it by {expected}"),
            format!("start it where the others start: `{repaired}`"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(yaml: &str) -> Vec<(usize, &'static str)> {
        let known = ["title", "url"];
        let findings = scan(yaml, 2, &known);
        findings.iter().map(|f| (f.line, f.code.id())).collect()
    }

    #[test]
    fn the_shapes_members_write_are_no_mistakes() {
        let yaml = "title: Russia's \"fading\" patience\nurl: https://example.org/a:b\ntags:\n- a\n- b\nsources:\n  - title: A\n    url: https://example.org\n  -\n    title: B\nsummary: |\n  - text: with a colon\n    - and a dash\nextra:\n  m:\n    - - a\n      - b\n  n: [a,\n    b]\n  q: \"long\n    text\"\n# - a comment\ndraft: false\n";
        assert_eq!(codes(yaml), []);
    }

    #[test]
    fn a_glued_key_after_an_unclosed_list_is_a_mistake_of_its_own() {
        let yaml = "title: T\nnationality: [German\nurl:x\n";
        assert_eq!(codes(yaml), [(1, "E0063"), (2, "E0060")]);
    }

    #[test]
    fn each_mistake_is_found_on_its_line() {
        let yaml = "title:x\nsources:\n\t- url: y\nsubject: a\n age: 1\nnationality: [a\ncare-rating: 6\nauthor: “b”\nsummary: a: b\nsubject: c\ntags:\n  - a\n   - b\n\turl: z\n";
        let found = codes(yaml);
        let expected = [
            (0, "E0060"),
            (2, "E0061"),
            (4, "E0062"),
            (5, "E0063"),
            (7, "W0064"),
            (8, "E0067"),
            (9, "E0065"),
            (12, "E0066"),
            (13, "E0061"),
        ];
        assert_eq!(found, expected);
    }
}

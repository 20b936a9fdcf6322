//! The parser's and serde's errors in a member's words: what the scanner does not recognise
//! still reaches the member without "scalar", "mapping" or "token", at the line to edit.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::E0003;

/// The parser's mistakes a member can make, in the words they read: (what the parser says,
/// what is wrong, how to fix it).
const PARSER: &[(&str, &str, &str)] = &[
    (
        "mapping values are not allowed",
        "a `: ` stands where YAML cannot start a key",
        "put a value that holds `: ` in double quotes, and start each key where the keys around it start",
    ),
    (
        "could not find expected ':'",
        "this line has no `: ` after its key",
        "write the key, a colon and a space, then the value: `key: value`",
    ),
    (
        "did not find expected key",
        "YAML expected a key on this line, lined up with the keys around it",
        "start the line where the keys above it start, using spaces, and write `key: value`",
    ),
    (
        "tab character",
        "a tab stands where YAML allows only spaces",
        "indent with spaces",
    ),
    (
        "cannot start any token",
        "this line has a character YAML does not allow where it stands",
        "indent with spaces, not tabs, and put a value that starts with `@`, `` ` `` or `%` in double quotes",
    ),
    (
        "scanning a quoted scalar",
        "the quote opened here is never closed",
        "end the value with the same quote mark it starts with",
    ),
    (
        "expected ',' or ']'",
        "a list in `[ ]` is not closed on its line, or its items are not separated by commas",
        "write the list on one line, like `[Germany, Russia]`",
    ),
    (
        "expected ',' or '}'",
        "braces `{ }` are not closed on their line, or what is inside is not separated by commas",
        "write them on one line, like `{a: 1, b: 2}`",
    ),
    (
        "block sequence entries are not allowed",
        "a list item `- ` stands where YAML does not expect a list",
        "start the list on the line after its key, each item indented alike",
    ),
    (
        "expected '-' indicator",
        "this line is not lined up with the list items above it",
        "start each item with `- ` where the others start, and indent the keys of an item alike",
    ),
    (
        "unknown escape",
        "a `\\` in double quotes starts something YAML does not know",
        "write `\\\\` for a backslash, or put the value in single quotes",
    ),
    (
        "repetition limit exceeded",
        "the front matter repeats `&` and `*` references too often to be read",
        "write the values out instead of referring to them",
    ),
    (
        "recursion limit exceeded",
        "the front matter nests lists or keys too deeply to be read",
        "nest fewer levels of lists and keys",
    ),
    (
        "unknown anchor",
        "a `*` refers to no `&` above it",
        "write the value out, or put it in double quotes if the `*` is part of the text",
    ),
];

/// What is wrong when no entry of [`PARSER`] fits.
const CANNOT_READ: (&str, &str) = (
    "the front matter cannot be read from this line on",
    "check this line and the one above it: each key is followed by `: `, keys line up with each other, and a value that holds `: ` or starts with a special character is in double quotes",
);

/// The error for `error`, met reading `yaml` (which starts on line `first_line` of `file`).
pub(super) fn yaml_diagnostic(
    file: &Path,
    yaml: &str,
    first_line: usize,
    error: &serde_yaml::Error,
) -> Diagnostic {
    let raw = error.to_string();
    let (line, column) = match (started_at(&raw), error.location()) {
        (Some(start), _) => start,
        (None, Some(location)) => (location.line(), location.column()),
        (None, None) => (1, 1),
    };
    let line = line + first_line - 1;
    let (message, help) = explain(&strip_position(&raw));
    let line_text = yaml.lines().nth(line.saturating_sub(first_line));
    let mut diagnostic = Diagnostic::error(E0003, file, message).at(line, column);
    diagnostic.snippet = line_text.map(str::to_owned);
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// Where a simple key or a quote started, for the errors libyaml places where it gave up (the
/// line after a key without `: `, the end of the block after an open quote).
fn started_at(raw: &str) -> Option<(usize, usize)> {
    let (_, after) = [
        "while scanning a simple key at line ",
        "while scanning a quoted scalar at line ",
    ]
    .iter()
    .find_map(|start| raw.split_once(start))?;
    let (line, rest) = after.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// libyaml says "… at line L column C" (counted within the YAML block, so misleading in a
/// briefing), once or twice; we show the position our own way.
fn strip_position(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(index) = rest.find(" at line ") {
        out.push_str(&rest[..index]);
        let after = &rest[index + " at line ".len()..];
        let after = after.trim_start_matches(|c: char| c.is_ascii_digit());
        let after = after.strip_prefix(" column ").unwrap_or(after);
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// Rewords serde's and the parser's messages in the vocabulary of a front-matter writer.
fn explain(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let key = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let prefix = message.split("unknown field").next().unwrap_or_default();
        let help = super::unknown_key_help(key, &expected);
        return (format!("{prefix}unknown key `{key}`"), Some(help));
    }
    if let Some(rest) = message.split("duplicate field `").nth(1) {
        let key = rest.split('`').next().unwrap_or_default();
        return (
            format!("the key `{key}` is given twice"),
            Some("keep only one of them".to_owned()),
        );
    }
    if let Some(rest) = message.split("missing field `").nth(1) {
        let key = rest.split('`').next().unwrap_or_default();
        return (format!("the required key `{key}` is missing"), None);
    }
    if let Some(wrong) = wrong_kind(message) {
        return wrong;
    }
    let (what, help) = PARSER
        .iter()
        .find(|(says, _, _)| message.contains(says))
        .map_or(CANNOT_READ, |(_, what, help)| (*what, *help));
    (what.to_owned(), Some(help.to_owned()))
}

/// "draft: invalid type: string \"yes\", expected a boolean", in a member's words.
fn wrong_kind(message: &str) -> Option<(String, Option<String>)> {
    let (path, rest) = [": invalid type: ", ": invalid value: ", "invalid type: "]
        .iter()
        .find_map(|says| message.split_once(says))?;
    let (got, want) = rest.split_once(", expected ")?;
    let want = kind(want);
    let message = match path {
        "" => format!(
            "the front matter must be keys with values, `key: value`, not {}",
            kind(got)
        ),
        path => format!("`{path}` must be {want}, not {}", kind(got)),
    };
    let help = match want.as_str() {
        _ if path.is_empty() => Some("write each fact on a line of its own, a key, a colon, a space and its value: `title: Talks`".to_owned()),
        "a list" if path == "sources" => Some("write each source on lines of its own under `sources:`: `  - title: …`, then `    url: https://…`".to_owned()),
        "true or false" => Some(format!("write `{path}: true` or `{path}: false`")),
        "a whole number" => Some(format!("write the number in digits alone, e.g. `{path}: 10`")),
        "text" => Some(format!("write it on one line after `{path}: `, in double quotes if it holds `: `")),
        "a list" => Some(format!("write a list: `{path}: [a, b]`, or one item a line under `{path}:`, each starting with `- `")),
        _ => None,
    };
    Some((message, help))
}

/// serde's name of a kind of value, or of a value, in a member's words.
fn kind(serde: &str) -> String {
    let number = [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
    ];
    if number.contains(&serde) {
        return "a whole number".to_owned();
    }
    [
        ("a boolean", "true or false"),
        ("a sequence", "a list"),
        ("sequence", "a list"),
        ("a map", "keys"),
        ("map", "a group of keys"),
        ("a string", "text"),
        ("string ", "the text "),
        ("integer ", "the number "),
        ("floating point ", "the number "),
        ("boolean ", ""),
        ("struct SourceMeta", "a source with a `title` and a `url`"),
        ("struct ", "keys with values, like "),
    ]
    .iter()
    .fold(serde.to_owned(), |text, (from, to)| text.replace(from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_inside_yaml_messages_are_removed() {
        let raw = "found a tab character that violates indentation at line 2 column 1, while scanning a plain scalar at line 2 column 8";
        assert_eq!(
            strip_position(raw),
            "found a tab character that violates indentation, while scanning a plain scalar"
        );
    }

    #[test]
    fn a_key_without_its_colon_is_placed_where_it_starts() {
        let raw = "could not find expected ':' at line 3 column 1, while scanning a simple key at line 2 column 1";
        assert_eq!(started_at(raw), Some((2, 1)));
        assert_eq!(
            started_at("mapping values are not allowed at line 2 column 6"),
            None
        );
    }
}

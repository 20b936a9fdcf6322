//! The fuzzing harness for `brief`: one briefing's bytes (front matter + Markdown, and
//! optionally a person profile) go through the real pipeline, exactly as `brief build` would
//! take them from disk, and every file rendered is checked for what must never be there.
//!
//! A crash is a panic anywhere in loading, parsing, rendering or writing in memory; a finding is
//! also any page or feed that carries script, an event handler, or a link or image with an
//! unsafe URL. [`check`] is shared by the libFuzzer target (`fuzz_targets/render.rs`) and by
//! the `replay` binary that runs saved inputs without libFuzzer.

pub mod random;

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};

use brief::model::BuildOptions;
use brief::output::Output;
use brief::pipeline::{self, Request};

const BRIEFING: &str = "content/briefings/2022-01-13-fuzz.md";
const PROFILE: &str = "content/people/fuzz.md";
const SITE: &str = "title: Fuzz\nbase-url: https://example.org/sub/\n";

thread_local! {
    /// A site folder per thread, reused from one input to the next (its files are rewritten).
    static ROOT: RefCell<Option<tempfile::TempDir>> = const { RefCell::new(None) };
}

/// Runs one input. The first byte chooses settings (bit 0: `unsafe-html: true`); the rest is
/// the briefing, up to a `\0\0`, after which comes a person profile.
pub fn check(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let unsafe_html = flags & 1 == 1;
    let (briefing, profile) = match rest.windows(2).position(|w| w == b"\0\0") {
        Some(at) => (&rest[..at], Some(&rest[at + 2..])),
        None => (rest, None),
    };
    ROOT.with(|root| {
        let mut root = root.borrow_mut();
        let dir = root.get_or_insert_with(|| {
            let dir = tempfile::Builder::new()
                .prefix("brief-fuzz")
                .tempdir_in(shm_or_tmp())
                .expect("a temporary folder");
            fs::create_dir_all(dir.path().join("content/briefings")).unwrap();
            fs::create_dir_all(dir.path().join("content/people")).unwrap();
            dir
        });
        let path = dir.path();
        let config = if unsafe_html {
            format!("{SITE}unsafe-html: true\n")
        } else {
            SITE.to_owned()
        };
        fs::write(path.join("site.yaml"), config).unwrap();
        fs::write(path.join(BRIEFING), briefing).unwrap();
        match profile {
            Some(text) => fs::write(path.join(PROFILE), text).unwrap(),
            None => drop(fs::remove_file(path.join(PROFILE))),
        }
        render_and_judge(path, unsafe_html);
    });
}

fn shm_or_tmp() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.to_owned()
    } else {
        std::env::temp_dir()
    }
}

fn render_and_judge(root: &Path, unsafe_html: bool) {
    let request = Request {
        root: root.to_owned(),
        base_url: None,
        options: BuildOptions {
            drafts: true,
            future: true,
            today: jiff::civil::date(2024, 1, 1),
        },
        lint: true,
        lenient: false,
    };
    match pipeline::render(&request) {
        Ok((_, output)) => judge(&output, unsafe_html),
        Err(brief::Error::Content(problems)) => {
            // Every problem must say where it is, and render in every format without panicking.
            let _ = brief::report::json_line(&problems);
        }
        Err(_) => {}
    }
}

/// Panics if any page or feed of `output` could run script.
pub fn judge(output: &Output, unsafe_html: bool) {
    for path in output.paths() {
        let Some(file) = output.get(path) else {
            continue;
        };
        let Ok(bytes) = file.content.bytes() else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            if let Err(why) = html_is_inert(&text) {
                panic!("{path} (unsafe-html: {unsafe_html}): {why}\n{text}");
            }
        } else if path.ends_with(".xml") {
            // The HTML of each item travels escaped inside its <description>: judge it
            // unescaped. (The channel's own description, and titles, are plain text.)
            let items = text.split("<item>").skip(1);
            for description in items.flat_map(|item| item.split("<description>").skip(1)) {
                let escaped = description.split("</description>").next().unwrap_or("");
                if let Err(why) = html_is_inert(&unescape(escaped)) {
                    panic!("{path} (unsafe-html: {unsafe_html}): {why}\n{text}");
                }
            }
        }
    }
}

/// `Err` with the reason if `html` has a script element, an event-handler attribute, or a URL
/// attribute with an unsafe scheme (after decoding its entities, as a browser would).
pub fn html_is_inert(html: &str) -> Result<(), String> {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let (tag, after) = split_tag(rest);
        rest = after;
        if matches!(
            name.as_str(),
            "script" | "object" | "embed" | "applet" | "base"
        ) {
            return Err(format!("a <{name}> element: <{tag}>"));
        }
        for (attribute, value) in attributes(&tag[name.len()..]) {
            if attribute.starts_with("on") {
                return Err(format!("an event handler `{attribute}`: <{tag}>"));
            }
            let is_url = matches!(
                attribute.as_str(),
                "href" | "src" | "action" | "formaction" | "poster" | "xlink:href" | "background"
            );
            let image = name == "img" && attribute == "src";
            if is_url && brief::links::is_unsafe(&unescape(&value), image) {
                return Err(format!("an unsafe URL in `{attribute}`: <{tag}>"));
            }
        }
    }
    Ok(())
}

/// The tag's text up to its closing `>` (outside quotes), and what follows it.
fn split_tag(text: &str) -> (&str, &str) {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return (&text[..i], &text[i + 1..]),
            _ => {}
        }
    }
    (text, "")
}

/// `name="value"` pairs of a tag, names lowercased; bare names get an empty value.
fn attributes(mut text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    loop {
        text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let end = text
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(text.len());
        if end == 0 {
            return found;
        }
        let name = text[..end].to_ascii_lowercase();
        text = text[end..].trim_start();
        let mut value = String::new();
        if let Some(after) = text.strip_prefix('=') {
            let after = after.trim_start();
            let (v, rest) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let close = inner.find(q).unwrap_or(inner.len());
                    (&inner[..close], inner.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    after.split_at(close)
                }
            };
            value = v.to_owned();
            text = rest;
        }
        found.push((name, value));
    }
}

/// Decodes character references as a browser does in attribute values (the ones that matter
/// for schemes: numeric ones and the named ones for punctuation and whitespace).
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = match name.strip_prefix('#') {
            Some(number) => {
                let value = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse().ok(),
                };
                value.map(|v| char::from_u32(v).unwrap_or('\u{fffd}'))
            }
            None => match name.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            },
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_judge_catches_what_it_must() {
        for bad in [
            "<p><script>x</script></p>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href='java&#x09;script:x'>x</a>",
            "<img src=x onerror=alert(1)>",
            "<a href=\" JAVASCRIPT&colon;x\">x</a>",
            "<a href=\"data:text/html,x\">x</a>",
        ] {
            assert!(html_is_inert(bad).is_err(), "{bad}");
        }
        for good in [
            "<p>javascript: is a language</p>",
            "<img src=\"data:image/png;base64,xx\" alt=\"\">",
            "<a href=\"https://example.org/?q=javascript:\">x</a>",
            "<p>&lt;script&gt;</p>",
        ] {
            assert_eq!(html_is_inert(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn a_plain_briefing_goes_through() {
        check(b"\x00---\ntitle: T\nsubject: A B\nage: 3\nnationality: X\ncare-rating: 3\n---\n[a](javascript:x) <script>y</script>\n");
        check(b"\x01---\ntitle: T\nsubject: A B\nage: 3\nnationality: X\ncare-rating: 3\n---\n<a href=\"javascript:x\">a</a> <script>y</script>\n");
    }
}

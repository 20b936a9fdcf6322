//! The end of a post, after its last answer: the `Sources:` block export writes
//! (`- title, publisher (url)`, the publisher optional) and the signature, the post's last line.
//! Both are cut off the last answer so that they do not end up in its text.

use super::post::{Draft, Source};
use super::reader::{Line, Reader};
use crate::config::is_http_url;
use crate::diagnostic::codes::{E0111, E0112};

/// What follows the last answer.
#[derive(Debug, Default)]
pub(super) struct Tail {
    pub sources: Vec<Source>,
    /// The signature, split where export joins several authors (`, `); empty when unsigned.
    pub authors: Vec<String>,
}

/// Cuts the sources and the signature off `last`, the post's last answer.
pub(super) fn read(reader: &mut Reader, last: &mut Draft) -> Tail {
    let mut tail = Tail::default();
    let signature = match last.lines.iter().rposition(|l| is_sources_header(l.text)) {
        Some(at) => {
            let rest = last.lines.split_off(at);
            read_sources(reader, &rest[1..], &mut tail.sources)
        }
        None => signature_paragraph(&mut last.lines),
    };
    tail.authors = signature
        .map(|signature| {
            (signature.split(", "))
                .map(str::trim)
                .filter(|author| !author.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    tail
}

fn is_sources_header(text: &str) -> bool {
    let text = text.trim();
    text.eq_ignore_ascii_case("sources:") || text.eq_ignore_ascii_case("source:")
}

/// Reads the items after `Sources:` into `sources`; returns the signature after them, if any.
fn read_sources<'a>(
    reader: &mut Reader,
    lines: &[Line<'a>],
    sources: &mut Vec<Source>,
) -> Option<&'a str> {
    let mut items: Vec<(Line, String)> = Vec::new();
    let mut after: Vec<Line> = Vec::new();
    let mut listing = true;
    for &line in lines {
        if line.is_blank() {
            listing &= items.is_empty();
            continue;
        }
        match (bullet(line.text), items.last_mut()) {
            (Some(item), _) if listing => items.push((line, item.to_owned())),
            // A source wrapped onto a second line.
            (None, Some((_, item))) if listing => {
                item.push(' ');
                item.push_str(line.text.trim());
            }
            _ => {
                listing = false;
                after.push(line);
            }
        }
    }
    for (line, item) in items {
        match source(&item) {
            Some(source) => sources.push(source),
            None => {
                let message = "cannot read this source".to_owned();
                let help = E0112.help();
                reader.error(E0112, line, line.text, message, help);
            }
        }
    }
    if let [first, _, ..] = after[..] {
        let message = "only the signature may follow the sources".to_owned();
        let help = "the signature is the post's last line; move other text above `Sources:`";
        reader.error(E0111, first, first.text, message, help);
    }
    after.last().map(|line| line.text.trim())
}

/// The last paragraph of the answer, if it is one line of its own after some answer: the
/// signature of a post without sources.
fn signature_paragraph<'a>(lines: &mut Vec<Line<'a>>) -> Option<&'a str> {
    while lines.last().is_some_and(Line::is_blank) {
        lines.pop();
    }
    let last = lines.len().checked_sub(1)?;
    let answer = &lines[..last];
    if !answer.last()?.is_blank() || answer.iter().all(Line::is_blank) {
        return None;
    }
    lines.pop().map(|line| line.text.trim())
}

/// The item of a list line (`- item`), if it is one.
fn bullet(text: &str) -> Option<&str> {
    let text = text.trim_start();
    ["- ", "* ", "• ", "– ", "-\t"]
        .iter()
        .find_map(|marker| text.strip_prefix(marker))
}

/// `title, publisher (url)`, `title (url)` or a bare URL.
fn source(item: &str) -> Option<Source> {
    let item = item.trim();
    if is_http_url(item) && !item.contains(char::is_whitespace) {
        return Some(Source {
            title: item.to_owned(),
            publisher: None,
            url: item.to_owned(),
        });
    }
    let inner = item.strip_suffix(')')?;
    let open = inner.rfind(" (")?;
    let url = inner[open + 2..].trim();
    let before = inner[..open].trim();
    if !is_http_url(url) || url.contains(char::is_whitespace) || before.is_empty() {
        return None;
    }
    let (title, publisher) = match before.rsplit_once(", ") {
        Some((title, publisher)) if !title.trim().is_empty() && !publisher.trim().is_empty() => {
            (title.trim(), Some(publisher.trim().to_owned()))
        }
        _ => (before, None),
    };
    Some(Source {
        title: title.to_owned(),
        publisher,
        url: url.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_as_export_writes_them() {
        let source = source(
            "- Russia not ready, NATO says - Lavrov, Devdiscourse (Reuters) (https://x.org/a_(b))"
                .trim_start_matches("- "),
        )
        .unwrap();
        assert_eq!(source.title, "Russia not ready, NATO says - Lavrov");
        assert_eq!(source.publisher.as_deref(), Some("Devdiscourse (Reuters)"));
        assert_eq!(source.url, "https://x.org/a_(b)");
        let bare = super::source("Talks (https://x.org/t)").unwrap();
        assert_eq!((bare.title.as_str(), bare.publisher), ("Talks", None));
        assert!(super::source("Talks, at x.org").is_none());
        assert!(super::source("Talks (x.org/t)").is_none());
    }
}

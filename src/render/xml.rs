//! Escaping text for XML (feeds, the sitemap): the five markup characters, and the control
//! characters XML 1.0 forbids outright.

/// XML text and attribute escaping.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// Appends `text` escaped, copying runs of ordinary bytes at once; drops the ASCII control
/// characters XML 1.0 forbids.
pub(super) fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (index, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            b'\t' | b'\n' | b'\r' => continue,
            0..=0x1f | 0x7f => "",
            _ => continue,
        };
        out.push_str(&text[start..index]);
        out.push_str(replacement);
        start = index + 1;
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}é\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;é\n"
        );
    }
}

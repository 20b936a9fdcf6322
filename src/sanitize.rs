//! Raw HTML that a site lets through (`unsafe-html: true`) still passes one gate: `ammonia`
//! removes scripts, event handlers, `<style>` and URLs with unsafe schemes (`javascript:`,
//! `vbscript:`, `data:` outside images), whatever their disguise. Formatting markup, embeds of
//! media and the ids and classes Markdown writes are kept.

use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags([
            "input",
            "video",
            "audio",
            "source",
            "track",
            "figure",
            "figcaption",
            "iframe",
        ])
        .add_generic_attributes(["id", "class", "title", "lang", "dir", "style"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("video", ["src", "controls", "width", "height", "poster"])
        .add_tag_attributes("audio", ["src", "controls"])
        .add_tag_attributes("source", ["src", "type"])
        .add_tag_attributes("track", ["src", "kind", "srclang", "label"])
        .add_tag_attributes(
            "iframe",
            ["src", "width", "height", "allowfullscreen", "loading"],
        )
        .add_tag_attributes("img", ["loading"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        // ammonia keeps relative URLs, and `%6Aavascript:x` is one: drop what decodes to a
        // script scheme, as Markdown links do.
        .attribute_filter(|element, attribute, value| {
            let is_url = matches!(attribute, "href" | "src" | "poster" | "cite" | "action");
            let image = element == "img" && attribute == "src";
            match is_url && crate::links::is_unsafe(value, image) {
                true => None,
                false => Some(value.into()),
            }
        })
        .link_rel(None);
    builder
});

/// `html` with everything that could run script removed.
pub(crate) fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn script_and_unsafe_urls_go_formatting_stays() {
        let html = r#"<p class="x" id="y">Hi <kbd>K</kbd> <a href="javascript:alert(1)">a</a> <a href="&#106;avascript:x">b</a> <img src="x" onerror="alert(1)"><script>alert(1)</script></p>"#;
        let cleaned = clean(html);
        assert!(
            cleaned.contains(r#"<p class="x" id="y">Hi <kbd>K</kbd>"#),
            "{cleaned}"
        );
        for bad in ["javascript", "onerror", "<script"] {
            assert!(!cleaned.contains(bad), "{bad} in {cleaned}");
        }
    }

    #[test]
    fn percent_encoded_script_schemes_go() {
        let cleaned = clean(r#"<a href="%6Aavascript:alert(1)">a</a><img src="javascript%3Ax">"#);
        assert_eq!(cleaned, r#"<a>a</a><img>"#);
    }

    #[test]
    fn relative_and_fragment_links_survive() {
        let cleaned = clean(r##"<a href="/sub/x/">x</a> <a href="#y">y</a>"##);
        assert_eq!(cleaned, r##"<a href="/sub/x/">x</a> <a href="#y">y</a>"##);
    }
}

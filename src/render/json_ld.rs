//! A briefing as schema.org `NewsArticle` JSON-LD, for search engines and link previews.
//!
//! The JSON is printed inside `<script type="application/ld+json">`, where the HTML parser, not
//! JSON, decides where the element ends: a title holding `</script>` would close it early and
//! let the rest run as markup. So every `<`, `>` and `&` is written as a JSON `\u` escape,
//! which means the same string to a JSON reader and nothing at all to the HTML parser.

use serde_json::{Value, json};

use crate::model::{Briefing, Site};

/// The `NewsArticle` of `briefing`, safe to print raw inside a `<script>` element.
pub fn news_article(site: &Site, briefing: &Briefing) -> String {
    let base = &site.config.base_url;
    let subject = &site.people[briefing.subject];
    let authors: Vec<Value> = briefing
        .authors
        .iter()
        .map(|name| json!({"@type": "Person", "name": name}))
        .collect();
    let tags: Vec<&str> = briefing
        .tags
        .iter()
        .map(|&t| site.tags[t].name.as_str())
        .collect();
    let url = base.absolute(&briefing.url());
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": briefing.title,
        "description": briefing.summary,
        "datePublished": briefing.date.to_string(),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": site.config.language,
        "about": {
            "@type": "Person",
            "name": subject.name,
            "url": base.absolute(&subject.url()),
        },
        "publisher": {
            "@type": "Organization",
            "name": site.config.title,
            "url": base.to_string(),
        },
    });
    if !authors.is_empty() {
        article["author"] = Value::from(authors);
    }
    if !tags.is_empty() {
        article["keywords"] = Value::from(tags.join(", "));
    }
    script_safe(&article.to_string())
}

/// `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`: the same JSON, inert as HTML (also used
/// for the search index, so that no output file holds markup taken from content).
pub(super) fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn a_closing_script_tag_in_the_data_cannot_close_the_element() {
        let json = serde_json::json!({"headline": "</script><script>alert(1)</script> & more"});
        let safe = script_safe(&json.to_string());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, json);
    }
}

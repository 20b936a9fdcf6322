//! A briefing as schema.org `NewsArticle` JSON-LD, for search engines and link previews.
//!
//! The JSON is printed inside `<script type="application/ld+json">`, where the HTML parser, not
//! JSON, decides where the element ends: a title holding `</script>` would close it early and
//! let the rest run as markup. So every `<`, `>` and `&` is written as a JSON `\u` escape,
//! which means the same string to a JSON reader and nothing at all to the HTML parser.

use serde::Serialize;

use crate::model::{Briefing, Site};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    date_published: String,
    url: &'a str,
    about: Thing<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Thing<'a>>,
    publisher: Thing<'a>,
    #[serde(skip_serializing_if = "String::is_empty")]
    keywords: String,
}

/// A person or an organisation, by name and (when it has one) address.
#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// The `NewsArticle` of `briefing`, safe to print raw inside a `<script>` element.
pub(super) fn news_article(site: &Site, briefing: &Briefing) -> String {
    let base = &site.config.base_url;
    let subject = &site.people[briefing.subject];
    let url = base.absolute(&briefing.url());
    let keywords: Vec<&str> = briefing
        .tags
        .iter()
        .map(|&t| site.tags[t].name.as_str())
        .collect();
    let article = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &briefing.title,
        description: &briefing.summary,
        date_published: briefing.date.to_string(),
        url: &url,
        about: Thing {
            kind: "Person",
            name: &subject.name,
            url: Some(base.absolute(&subject.url())),
        },
        author: briefing
            .authors
            .iter()
            .map(|name| Thing {
                kind: "Person",
                name,
                url: None,
            })
            .collect(),
        publisher: Thing {
            kind: "Organization",
            name: &site.config.title,
            url: Some(base.to_string()),
        },
        keywords: keywords.join(", "),
    };
    script_safe(serde_json::to_string(&article).expect("JSON-LD serialises"))
}

/// `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`: the same JSON, inert as HTML (also used
/// for the search index, so that no output file holds markup taken from content).
pub(super) fn script_safe(json: String) -> String {
    // Most texts hold none of the three: one quick pass, and the string is kept as it is.
    if !json.bytes().any(|b| matches!(b, b'<' | b'>' | b'&')) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    let mut start = 0;
    for (index, byte) in json.bytes().enumerate() {
        let escaped = match byte {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            _ => continue,
        };
        out.push_str(&json[start..index]);
        out.push_str(escaped);
        start = index + 1;
    }
    out.push_str(&json[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn a_closing_script_tag_in_the_data_cannot_close_the_element() {
        let json = serde_json::json!({"headline": "</script><script>alert(1)</script> & more"});
        let safe = script_safe(json.to_string());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, json);
    }
}

//! `site.yaml` → [`SiteConfig`], and the base URL every link is built from.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::E0004;
use crate::front_matter::{self, KeyIndex, Yaml};

pub(crate) const CONFIG_FILE: &str = "site.yaml";

/// The house's five questions, the default `required-sections`.
pub(crate) const HOUSE_QUESTIONS: [&str; 5] = [
    "Why is he in the news?",
    "Why do we care?",
    "Why should you care?",
    "Who else cares?",
    "Any further comments?",
];

/// `site.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SiteConfigMeta {
    title: String,
    base_url: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_per_page")]
    per_page: usize,
    #[serde(default = "default_per_term_page")]
    per_term_page: usize,
    #[serde(default = "default_feed_limit")]
    feed_limit: usize,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    required_sections: Option<Vec<String>>,
    #[serde(default)]
    repo_url: Option<String>,
    #[serde(default)]
    extra: Yaml,
}

fn default_language() -> String {
    "en".to_owned()
}
fn default_theme() -> String {
    "default".to_owned()
}
fn default_per_page() -> usize {
    10
}
fn default_per_term_page() -> usize {
    100
}
fn default_feed_limit() -> usize {
    20
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub(crate) struct SiteConfig {
    pub title: String,
    pub base_url: BaseUrl,
    pub description: String,
    pub language: String,
    pub theme: String,
    pub per_page: usize,
    /// Briefings per page of a tag or nationality.
    pub per_term_page: usize,
    pub feed_limit: usize,
    pub unsafe_html: bool,
    pub required_sections: Vec<String>,
    pub repo_url: Option<String>,
    pub extra: Yaml,
    /// Characters left out of site.yaml, reported by every run.
    pub warnings: Vec<Diagnostic>,
}

impl SiteConfig {
    /// Parses the text of `site.yaml`; `file` is its path relative to the root, for messages.
    pub(crate) fn parse(file: &Path, text: &str) -> Result<SiteConfig, Diagnostic> {
        let (text, warnings) = front_matter::clean_yaml(file, text);
        let text = text.as_ref();
        let meta: SiteConfigMeta = front_matter::deserialize(file, text, 1)?;
        let keys = KeyIndex::new(text, 1);
        let invalid = |key: &str, message: String, help: &str| {
            let (line, column) = keys.locate(key);
            Diagnostic::error(E0004, file, message)
                .at(line, column)
                .with_help(help)
                .with_snippet_from(text)
        };
        let base_url = BaseUrl::parse(&meta.base_url).map_err(|why| {
            invalid(
                "base-url",
                format!("`base-url` {why}"),
                "write the site's public address, e.g. `https://example.org/briefings/`",
            )
        })?;
        for (key, value, example) in [
            ("per-page", meta.per_page, "e.g. `per-page: 10`"),
            (
                "per-term-page",
                meta.per_term_page,
                "e.g. `per-term-page: 100`",
            ),
        ] {
            if value == 0 {
                return Err(invalid(key, format!("`{key}` must be at least 1"), example));
            }
        }
        if meta.repo_url.as_ref().is_some_and(|r| !is_http_url(r)) {
            return Err(invalid(
                "repo-url",
                "`repo-url` must be an absolute http(s) URL".into(),
                "e.g. `repo-url: https://github.com/org/site`",
            ));
        }
        Ok(SiteConfig {
            title: meta.title,
            base_url,
            description: meta.description,
            language: meta.language,
            theme: meta.theme,
            per_page: meta.per_page,
            per_term_page: meta.per_term_page,
            feed_limit: meta.feed_limit,
            unsafe_html: meta.unsafe_html,
            required_sections: meta
                .required_sections
                .unwrap_or_else(|| HOUSE_QUESTIONS.iter().map(|q| q.to_string()).collect()),
            repo_url: meta.repo_url.map(|r| r.trim_end_matches('/').to_owned()),
            extra: meta.extra,
            warnings,
        })
    }
}

/// True for an absolute `http://` or `https://` URL with a host.
pub(crate) fn is_http_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    matches!(rest, Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !url.contains(char::is_whitespace))
}

/// The site's public address, split into origin (`https://org.github.io`) and path
/// (`/briefings/`), so pages can link root-relatively under the path and feeds absolutely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BaseUrl {
    origin: String,
    path: String,
}

impl BaseUrl {
    pub(crate) fn parse(url: &str) -> Result<BaseUrl, String> {
        if !is_http_url(url) {
            return Err(format!("must be an absolute http(s) URL, not `{url}`"));
        }
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        let (origin, path) = match url[after_scheme..].find('/') {
            Some(i) => url.split_at(after_scheme + i),
            None => (url, "/"),
        };
        if url[after_scheme..].contains(['?', '#']) {
            return Err("must not contain a query or fragment".to_owned());
        }
        let path = format!("/{}/", path.trim_matches('/')).replace("//", "/");
        Ok(BaseUrl {
            origin: origin.to_owned(),
            path,
        })
    }

    /// `https://org.github.io`, without the path.
    pub(crate) fn origin(&self) -> &str {
        &self.origin
    }

    /// The path every site path lives under: `/` or `/briefings/`.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// `/people/x/` → `/briefings/people/x/` (for links inside pages).
    pub(crate) fn link(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// `/people/x/` → `https://org.github.io/briefings/people/x/` (for feeds and sitemaps).
    pub(crate) fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.link(site_path))
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.origin, self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_with_sub_path() {
        let base = BaseUrl::parse("https://org.github.io/briefings").unwrap();
        assert_eq!(base.path(), "/briefings/");
        assert_eq!(base.link("/people/x/"), "/briefings/people/x/");
        assert_eq!(
            base.absolute("/rss.xml"),
            "https://org.github.io/briefings/rss.xml"
        );
    }

    #[test]
    fn base_url_at_root() {
        let base = BaseUrl::parse("http://127.0.0.1:1111").unwrap();
        assert_eq!(base.link("/"), "/");
        assert_eq!(base.to_string(), "http://127.0.0.1:1111/");
    }

    #[test]
    fn base_url_must_be_http() {
        assert!(BaseUrl::parse("/briefings/").is_err());
        assert!(BaseUrl::parse("javascript:alert(1)").is_err());
    }
}

//! Which templates a template change reaches: a template uses those it extends, includes or
//! imports, found in its text. `serve` re-renders only the pages whose template reaches a
//! changed one.

use std::collections::{BTreeMap, BTreeSet};

use super::Theme;

impl Theme {
    /// The names of the templates whose text differs from `old`'s (added and removed ones
    /// too), or `None` if the static files differ.
    pub(crate) fn changed_templates(&self, old: &Theme) -> Option<BTreeSet<String>> {
        let statics = |theme: &Theme| -> Vec<(String, String)> {
            let files = theme.static_files.iter();
            files
                .map(|s| (s.output.clone(), s.origin.clone()))
                .collect()
        };
        if statics(self) != statics(old) {
            return None;
        }
        let text =
            |theme: &Theme, name: &str| theme.origins.get(name).map(|(_, text)| text.clone());
        let names = self.origins.keys().chain(old.origins.keys());
        let changed = names.filter(|name| text(self, name) != text(old, name));
        Some(changed.cloned().collect())
    }

    /// Every template that uses one of `names`, directly or through others, and those named;
    /// `None` if a template uses one whose name is not written out (then any may be reached).
    pub(crate) fn reaching(&self, names: &BTreeSet<String>) -> Option<BTreeSet<String>> {
        let mut uses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (name, (_, text)) in &self.origins {
            uses.insert(name, used_by(text)?);
        }
        let mut reached = names.clone();
        loop {
            let more: Vec<String> = (uses.iter())
                .filter(|(name, used)| {
                    !reached.contains(**name) && used.iter().any(|u| reached.contains(u))
                })
                .map(|(name, _)| name.to_string())
                .collect();
            if more.is_empty() {
                return Some(reached);
            }
            reached.extend(more);
        }
    }
}

/// The templates `text` extends, includes or imports; `None` if one is not a plain string.
fn used_by(text: &str) -> Option<Vec<String>> {
    let mut used = Vec::new();
    for (at, _) in text.match_indices("{%") {
        let tag = text[at + 2..].trim_start_matches('-').trim_start();
        let Some(rest) = ["extends", "include", "import"]
            .iter()
            .find_map(|keyword| tag.strip_prefix(keyword))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let quote = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))?;
        let name = rest[1..].split(quote).next()?;
        used.push(name.to_owned());
    }
    Some(used)
}

#[cfg(test)]
mod tests {
    use super::used_by;

    #[test]
    fn finds_what_a_template_uses() {
        let text = "{% extends \"base.html\" %}{%- include 'partials/list.html' -%}\
                    {% import \"macros.html\" as m %}{% if x %}{% endif %}";
        let used = used_by(text).unwrap();
        assert_eq!(used, ["base.html", "partials/list.html", "macros.html"]);
        assert_eq!(used_by("{% include name %}"), None);
    }
}

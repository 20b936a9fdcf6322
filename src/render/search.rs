//! The search index, `/search/index.json`: what the search page's script needs to find a
//! briefing by subject, alias, title, tag or summary, with no server.
//!
//! It is written for size, since a reader downloads all of it: names are listed once and
//! briefings point at them by position, URLs are rebuilt from slugs, and summaries are cut at a
//! word (with `…`) to at most [`SUMMARY_CHARS`] characters. The shape (version 1):
//!
//! ```json
//! {"v":1,
//!  "people":[["Sergey Lavrov","Sergei Lavrov"]],      // name, then aliases
//!  "tags":["nato","russia"],
//!  "briefings":[["2022-01-14-lavrov","Russia's fading patience","2022-01-14",7,0,[0,1],"Moscow's…"]]}
//! ```
//!
//! `<`, `>` and `&` are written as `\u` escapes, as in JSON-LD: the same strings to a reader.
//!
//! A briefing is `[slug, title, date, care rating, subject (index into people), tags (indexes
//! into tags), summary]`, newest first; its page is `<base path>briefings/<slug>/`.

use std::borrow::Cow;

use serde::Serialize;

use super::{RenderedFile, Renderer, Scope};
use crate::diagnostic::Diagnostics;
use crate::model::{BriefingId, Site};
use crate::output::Sink;

/// The search page's site path.
pub const SEARCH_PAGE: &str = "/search/";
/// The index's site path.
pub const INDEX_PATH: &str = "/search/index.json";
/// Summaries in the index stop at the last word before this many characters.
const SUMMARY_CHARS: usize = 160;

pub struct SearchRenderer<'m> {
    pub memo: &'m super::Memo,
}

/// The index as text, in parts: what comes before the briefings, and each briefing's entry.
/// `serve` keeps it, so that an edit of a few briefings that moved nothing re-writes their
/// entries only.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    head: String,
    entries: Vec<String>,
    /// Each person's position in the index's list of people, if a briefing is about them.
    slots: Vec<Option<usize>>,
}

impl Parts {
    /// The parts for `site`. Subjects are numbered in order of their newest briefing; tags
    /// keep the site's numbering.
    fn of(site: &Site) -> Parts {
        let mut slots: Vec<Option<usize>> = vec![None; site.people.len()];
        let mut people = Vec::new();
        for briefing in &site.briefings {
            slots[briefing.subject].get_or_insert_with(|| {
                let person = &site.people[briefing.subject];
                let mut names = vec![person.name.as_str()];
                names.extend(person.aliases.iter().map(String::as_str));
                people.push(names);
                people.len() - 1
            });
        }
        let tags: Vec<&str> = site.tags.iter().map(|t| t.name.as_str()).collect();
        let head = format!(
            "{{\"v\":1,\"people\":{},\"tags\":{},\"briefings\":[",
            json(&people),
            json(&tags)
        );
        let entries = (0..site.briefings.len())
            .map(|id| entry(site, &slots, id))
            .collect();
        Parts {
            head,
            entries,
            slots,
        }
    }

    /// These parts with the entries of `changed` written again, if they were made for a site
    /// with the same briefings, people and terms in the same places.
    fn patched(mut self, site: &Site, changed: &[BriefingId]) -> Option<Parts> {
        let same_shape =
            self.entries.len() == site.briefings.len() && self.slots.len() == site.people.len();
        if !same_shape {
            return None;
        }
        for &id in changed {
            self.entries[id] = entry(site, &self.slots, id);
        }
        Some(self)
    }

    fn text(&self) -> String {
        let length = self.entries.iter().map(|e| e.len() + 1).sum::<usize>();
        let mut text = String::with_capacity(self.head.len() + length + 2);
        text.push_str(&self.head);
        for (n, entry) in self.entries.iter().enumerate() {
            if n > 0 {
                text.push(',');
            }
            text.push_str(entry);
        }
        text.push_str("]}");
        text
    }
}

/// Briefing `id`'s entry, as JSON inert in a script.
fn entry(site: &Site, slots: &[Option<usize>], id: BriefingId) -> String {
    let b = &site.briefings[id];
    json(&Entry(
        &b.slug,
        &b.title,
        b.date.to_string(),
        b.care_rating,
        slots[b.subject].unwrap_or_default(),
        b.tags.clone(),
        cut_at_word(&b.summary, SUMMARY_CHARS),
    ))
}

/// `value` as JSON, inert even if a browser were tricked into reading it as HTML.
fn json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).expect("the index serialises");
    super::json_ld::script_safe(json)
}

/// `[slug, title, date, care rating, subject, tags, summary]`, serialised as an array.
#[derive(Serialize)]
struct Entry<'a>(
    &'a str,
    &'a str,
    String,
    u8,
    usize,
    Vec<usize>,
    Cow<'a, str>,
);

impl Renderer for SearchRenderer<'_> {
    fn name(&self) -> &'static str {
        "search"
    }

    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), Diagnostics> {
        let path = INDEX_PATH.trim_start_matches('/');
        let wanted = match scope {
            Scope::All => true,
            Scope::Only(targets) => targets.search_index,
        };
        if !wanted || sink.reuse(path) {
            return Ok(());
        }
        let kept = match scope {
            Scope::Only(targets) => (targets.search_entries.as_deref())
                .and_then(|changed| self.memo.take_search_parts()?.patched(site, changed)),
            Scope::All => None,
        };
        let parts = kept.unwrap_or_else(|| Parts::of(site));
        sink.put(RenderedFile::new(
            path.to_owned(),
            parts.text().into_bytes(),
            "the search index".into(),
        ));
        self.memo.keep_search_parts(parts);
        Ok(())
    }
}

/// The start of `text`, at most `limit` characters, ending at a word boundary and with `…`
/// when cut.
fn cut_at_word(text: &str, limit: usize) -> Cow<'_, str> {
    let Some((end, _)) = text.char_indices().nth(limit.saturating_sub(1)) else {
        return Cow::Borrowed(text);
    };
    let head = &text[..end];
    let head = head
        .rfind(' ')
        .map_or(head, |space| head[..space].trim_end());
    Cow::Owned(format!("{head}…"))
}

#[cfg(test)]
mod tests {
    use super::cut_at_word;

    #[test]
    fn summaries_are_cut_between_words() {
        assert_eq!(cut_at_word("short enough", 160), "short enough");
        assert_eq!(cut_at_word("Erdoğan met Lavrov", 14), "Erdoğan met…");
        assert_eq!(cut_at_word("unbroken", 3), "un…");
    }
}

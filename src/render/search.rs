//! The search index, `/search/index.json`: what the search page's script needs to find a
//! briefing by subject, alias, the people it names, title, tag or summary, and a person by
//! name or alias, with no server.
//!
//! It is written for size, since a reader downloads all of it: names are listed once and
//! briefings point at them by position, URLs are rebuilt from slugs, and summaries are cut at a
//! word (with `…`) to at most [`SUMMARY_CHARS`] characters. The shape (version 2):
//!
//! ```json
//! {"v":2,
//!  "people":[["sergey-lavrov","Sergey Lavrov","Sergei Lavrov"],["antony-blinken","Antony Blinken"]],
//!  "tags":["nato","russia"],
//!  "briefings":[["2022-01-14-lavrov","Russia's fading patience","2022-01-14",7,0,[1],[0,1],"Moscow's…"]]}
//! ```
//!
//! `<`, `>` and `&` are written as `\u` escapes, as in JSON-LD: the same strings to a reader.
//!
//! A person is `[slug, name, aliases…]`: everyone a briefing is about or names, in order of
//! their newest briefing; their page is `<base path>people/<slug>/`. A briefing is `[slug,
//! title, date, care rating, subject (index into people), who else cares (indexes into people),
//! tags (indexes into tags), summary]`, newest first; its page is `<base path>briefings/<slug>/`.

use std::borrow::Cow;
use std::fmt::Write;

use serde::Serialize;

use super::{Change, Job, RenderedFile, Renderer, Scope};
use crate::diagnostic::Diagnostics;
use crate::model::{BriefingId, PersonId, Site};
use crate::routes;
/// Summaries in the index stop at the last word before this many characters.
const SUMMARY_CHARS: usize = 160;

pub(super) struct SearchRenderer<'m> {
    pub memo: &'m super::Memo,
}

/// The index as text, in parts: each briefing's entry, less its people's numbers. `serve`
/// keeps it, so that an edit of a few briefings re-writes their entries only, even when it
/// changes whom they name (which may renumber everyone).
#[derive(Debug, Clone, Default)]
pub(super) struct Parts {
    /// The list of tags, as JSON: entries number them by their place in it.
    tags: String,
    entries: Vec<Entry>,
}

/// One briefing's entry, split where its people's numbers go.
#[derive(Debug, Clone)]
struct Entry {
    text: String,
    people_at: usize,
}

impl Parts {
    /// The parts for `site`. Tags keep the site's numbering.
    fn of(site: &Site) -> Parts {
        let tags: Vec<&str> = site.tags.iter().map(|t| t.name.as_str()).collect();
        Parts {
            tags: json(&tags),
            entries: (0..site.briefings.len())
                .map(|id| entry(site, id))
                .collect(),
        }
    }

    /// These parts with the entries of `changed` written again, if they were made for a site
    /// with the same briefings in the same places and the same tags.
    fn patched(mut self, site: &Site, changed: &[BriefingId]) -> Option<Parts> {
        let tags: Vec<&str> = site.tags.iter().map(|t| t.name.as_str()).collect();
        if self.entries.len() != site.briefings.len() || self.tags != json(&tags) {
            return None;
        }
        for &id in changed {
            self.entries[id] = entry(site, id);
        }
        Some(self)
    }

    /// The index of `site`: its people, numbered in order of their newest briefing, then the
    /// tags and the entries.
    fn text(&self, site: &Site) -> String {
        let (people, slots) = people(site);
        let length = self.entries.iter().map(|e| e.text.len() + 8).sum::<usize>();
        let mut text = String::with_capacity(people.len() + self.tags.len() + length + 40);
        text.push_str("{\"v\":2,\"people\":");
        text.push_str(&people);
        text.push_str(",\"tags\":");
        text.push_str(&self.tags);
        text.push_str(",\"briefings\":[");
        for (id, entry) in self.entries.iter().enumerate() {
            if id > 0 {
                text.push(',');
            }
            let (before, after) = entry.text.split_at(entry.people_at);
            text.push_str(before);
            let briefing = &site.briefings[id];
            let slot = |person: PersonId| slots[person].unwrap_or_default();
            let _ = write!(text, "{},[", slot(briefing.subject));
            for (i, &other) in briefing.who_else_cares.iter().enumerate() {
                let sep = if i == 0 { "" } else { "," };
                let _ = write!(text, "{sep}{}", slot(other));
            }
            text.push(']');
            text.push_str(after);
        }
        text.push_str("]}");
        text
    }
}

/// The index's list of people (as JSON), and each person's place in it, if a briefing is
/// about them or names them: in order of their newest briefing (its subject first), each as
/// their slug, name and aliases.
fn people(site: &Site) -> (String, Vec<Option<usize>>) {
    let mut slots: Vec<Option<usize>> = vec![None; site.people.len()];
    let mut people = Vec::new();
    let named = site
        .briefings
        .iter()
        .flat_map(|b| std::iter::once(&b.subject).chain(&b.who_else_cares));
    for &id in named {
        slots[id].get_or_insert_with(|| {
            let person = &site.people[id];
            let mut names = vec![person.slug.as_str(), person.name.as_str()];
            names.extend(person.aliases.iter().map(String::as_str));
            people.push(names);
            people.len() - 1
        });
    }
    (json(&people), slots)
}

/// Briefing `id`'s entry, `[slug, title, date, care rating, subject, who else cares, tags,
/// summary]`, as JSON inert in a script, without the people.
fn entry(site: &Site, id: BriefingId) -> Entry {
    let b = &site.briefings[id];
    let head = json(&(&b.slug, &b.title, b.date.to_string(), b.care_rating));
    let tail = json(&(&b.tags, cut_at_word(&b.summary, SUMMARY_CHARS)));
    // `["slug",…,7]` and `[[0,1],"summary"]` around the people: `["slug",…,7,` `,[0,1],…]`.
    let mut text = head;
    text.pop();
    text.push(',');
    let people_at = text.len();
    text.push(',');
    text.push_str(&tail[1..]);
    Entry { text, people_at }
}

/// `value` as JSON, inert even if a browser were tricked into reading it as HTML.
fn json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).expect("the index serialises");
    super::json_ld::script_safe(json)
}

impl Renderer for SearchRenderer<'_> {
    fn paths(&self, _site: &Site, paths: &mut Vec<String>) {
        paths.push(routes::SEARCH_INDEX.to_owned());
    }

    fn stale(&self, _site: &Site, change: &Change, paths: &mut Vec<String>) {
        if stale(change) {
            paths.push(routes::SEARCH_INDEX.to_owned());
        }
    }

    fn render(&self, job: &Job) -> Result<(), Diagnostics> {
        let (site, sink) = (job.site, job.sink);
        let path = routes::output_path(routes::SEARCH_INDEX);
        let wanted = match job.scope {
            Scope::All => true,
            Scope::Only(change) => stale(change),
        };
        if !wanted || sink.reuse(&path) {
            return Ok(());
        }
        let kept = match job.scope {
            Scope::Only(change) => (change.patched.as_deref())
                .and_then(|changed| self.memo.take_search_parts()?.patched(site, changed)),
            Scope::All => None,
        };
        let parts = kept.unwrap_or_else(|| Parts::of(site));
        sink.put(RenderedFile::new(
            path,
            parts.text(site).into_bytes(),
            "the search index".into(),
        ));
        self.memo.keep_search_parts(parts);
        Ok(())
    }
}

/// Whether the index is stale: it shows every briefing's card, and names and counts.
fn stale(change: &Change) -> bool {
    change.everything || !change.listed.is_empty()
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

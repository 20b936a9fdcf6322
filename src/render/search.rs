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
use crate::model::Site;
use crate::output::Sink;

/// The search page's site path.
pub const SEARCH_PAGE: &str = "/search/";
/// The index's site path.
pub const INDEX_PATH: &str = "/search/index.json";
/// Summaries in the index stop at the last word before this many characters.
const SUMMARY_CHARS: usize = 160;

pub struct SearchRenderer;

#[derive(Serialize)]
struct Index<'a> {
    v: u8,
    people: Vec<Vec<&'a str>>,
    tags: Vec<&'a str>,
    briefings: Vec<Entry<'a>>,
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

impl Renderer for SearchRenderer {
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
        let json = serde_json::to_string(&index(site)).expect("the index serialises");
        // Inert even if a browser were tricked into reading it as HTML.
        let json = super::json_ld::script_safe(json);
        sink.put(RenderedFile::new(
            path.to_owned(),
            json.into_bytes(),
            "the search index".into(),
        ));
        Ok(())
    }
}

/// Subjects are numbered in order of their newest briefing; tags keep the site's numbering.
fn index(site: &Site) -> Index<'_> {
    let mut person_slot: Vec<Option<usize>> = vec![None; site.people.len()];
    let mut people = Vec::new();
    let briefings = site
        .briefings
        .iter()
        .map(|b| {
            let subject = *person_slot[b.subject].get_or_insert_with(|| {
                let person = &site.people[b.subject];
                let mut names = vec![person.name.as_str()];
                names.extend(person.aliases.iter().map(String::as_str));
                people.push(names);
                people.len() - 1
            });
            Entry(
                &b.slug,
                &b.title,
                b.date.to_string(),
                b.care_rating,
                subject,
                b.tags.clone(),
                cut_at_word(&b.summary, SUMMARY_CHARS),
            )
        })
        .collect();
    Index {
        v: 1,
        people,
        tags: site.tags.iter().map(|t| t.name.as_str()).collect(),
        briefings,
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

//! What one render keeps for the next, in `serve`: each briefing's card, the search index's
//! parts and the sitemap's part for the briefings. A one-off build keeps nothing.

use std::ffi::OsString;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::hash::HashMap;

use super::search;

/// What one render keeps for the next (in `serve`): each briefing's card, made from
/// `partials/card.html`, by briefing file. Whoever changes the site forgets what changed.
#[derive(Default)]
pub(crate) struct Memo {
    /// A one-off build has no next render: it keeps nothing.
    keep: bool,
    /// By the file's path as bytes (hashing a `Path` parses it).
    cards: Mutex<HashMap<OsString, tera::Value>>,
    /// The search index of the last render, in parts.
    search: Mutex<Option<search::Parts>>,
    /// The last sitemap's entries for the home pages and briefings.
    sitemap: Mutex<Option<Arc<str>>>,
}

impl Memo {
    /// A memo that keeps what a render makes, for the next one.
    pub(crate) fn keeping() -> Self {
        Memo {
            keep: true,
            ..Memo::default()
        }
    }

    /// Forgets the cards of these briefings.
    pub(crate) fn forget<'a>(&self, files: impl IntoIterator<Item = &'a Path>) {
        let mut cards = self.cards.lock().expect("memo lock");
        for file in files {
            cards.remove(file.as_os_str());
        }
    }

    /// Forgets everything (the theme, the configuration or a person changed, or a render
    /// failed).
    pub(crate) fn clear(&self) {
        self.cards.lock().expect("memo lock").clear();
        self.search.lock().expect("memo lock").take();
        self.sitemap.lock().expect("memo lock").take();
    }

    pub(super) fn take_search_parts(&self) -> Option<search::Parts> {
        self.search.lock().expect("memo lock").take()
    }

    pub(super) fn keep_search_parts(&self, parts: search::Parts) {
        if self.keep {
            *self.search.lock().expect("memo lock") = Some(parts);
        }
    }

    pub(super) fn sitemap_part(&self) -> Option<Arc<str>> {
        self.sitemap.lock().expect("memo lock").clone()
    }

    pub(super) fn keep_sitemap_part(&self, part: Arc<str>) {
        if self.keep {
            *self.sitemap.lock().expect("memo lock") = Some(part);
        }
    }

    pub(super) fn card(&self, file: &Path) -> Option<tera::Value> {
        let cards = self.cards.lock().expect("memo lock");
        cards.get(file.as_os_str()).cloned()
    }

    pub(super) fn keep_card(&self, file: &Path, card: &tera::Value) {
        if !self.keep {
            return;
        }
        let mut cards = self.cards.lock().expect("memo lock");
        cards.insert(file.as_os_str().to_owned(), card.clone());
    }
}

//! What an edit changed, in the site's own terms: which briefings, which lists and where in
//! them, whether the lists of everything, the copied files or templates. `serve`'s planners
//! fill a [`Change`] knowing nothing of output formats; each [`Renderer`](super::Renderer)
//! says which of its files a change makes stale, so a new format needs no planner of its own.

use std::collections::BTreeSet;

use crate::hash::{HashMap, HashSet};
use crate::model::{BriefingId, PersonId, TermId, TermKind};

#[derive(Debug, Default)]
pub(crate) struct Change {
    /// Briefings (new ids) that may show anything differently: their own files, and every
    /// file that carries them whole.
    pub briefings: BTreeSet<BriefingId>,
    /// Of those, the ones whose card (what lists show) changed.
    pub listed: BTreeSet<BriefingId>,
    /// Briefings whose page shows a changed one beside it (newer / older).
    pub beside: HashSet<BriefingId>,
    /// The lists whose entries changed, and where.
    pub lists: HashMap<List, Reach>,
    /// What the lists of everything show changed: names, counts, dates, slugs.
    pub everything: bool,
    /// Files copied from `content/` may have changed.
    pub assets: bool,
    /// Templates changed (the site did not): what is made through them is stale.
    pub templates: Option<Templates>,
    /// Set by a patch (the briefings kept their places, slugs and dates): the ids replaced.
    /// Files made of every briefing (the search index, the sitemap) may then be made from
    /// the last render's parts, with the replaced briefings' parts made again.
    pub patched: Option<Vec<BriefingId>>,
}

/// A list of briefings, newest first: the site's, a person's (about them, then naming them),
/// a tag's or a nationality's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum List {
    Site,
    Person(PersonId),
    Term(TermKind, TermId),
}

/// A kind of list: each person's list is one, each tag's another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ListKind {
    Person,
    Term(TermKind),
}

/// Where a list changed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reach {
    /// Entries from this position on may have moved.
    pub moved_from: Option<usize>,
    /// Its number of entries before the change, if that changed.
    pub was: Option<usize>,
    /// Briefings (new ids) in it whose card changed in place.
    pub briefings: BTreeSet<BriefingId>,
}

impl Reach {
    /// Whether entries moved or their number changed (not only cards changed in place).
    pub(crate) fn moved(&self) -> bool {
        self.moved_from.is_some() || self.was.is_some()
    }
}

/// Templates that changed, and everything that includes, extends or imports them.
#[derive(Debug, Default)]
pub(crate) struct Templates {
    pub reached: BTreeSet<String>,
}

impl Change {
    /// Where `list` changed (made empty on first use).
    pub(crate) fn list(&mut self, list: List) -> &mut Reach {
        self.lists.entry(list).or_default()
    }

    /// A change of templates alone.
    pub(crate) fn of_templates(reached: BTreeSet<String>) -> Self {
        Change {
            templates: Some(Templates { reached }),
            ..Change::default()
        }
    }
}

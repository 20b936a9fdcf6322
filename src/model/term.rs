//! Terms that group briefings: tags and nationalities.

use super::BriefingId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TermKind {
    Tag,
    Nationality,
}

impl TermKind {
    /// The kind's name for templates and messages' plurals (`tags`, `nationalities`); where
    /// its pages are is [`crate::routes`]' decision.
    pub(crate) fn segment(self) -> &'static str {
        match self {
            TermKind::Tag => "tags",
            TermKind::Nationality => "nationalities",
        }
    }

    /// `tag`, `nationality`: for messages.
    pub(crate) fn singular(self) -> &'static str {
        match self {
            TermKind::Tag => "tag",
            TermKind::Nationality => "nationality",
        }
    }

    /// `Tags`, `Nationalities`: the heading of the kind's index page.
    pub(crate) fn label(self) -> &'static str {
        match self {
            TermKind::Tag => "Tags",
            TermKind::Nationality => "Nationalities",
        }
    }
}

/// One tag or nationality and the briefings that carry it, newest first.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub kind: TermKind,
    pub slug: String,
    /// The name as first written (briefings are read newest first).
    pub name: String,
    pub briefings: Vec<BriefingId>,
}

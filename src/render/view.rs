//! What templates see: borrowed, serialisable views of the model, with every URL already under
//! the base path. Templates never see the model's own structs, so the model can change freely
//! as long as these stay put (they are documented in `themes/default/README.md`).

use serde::Serialize;

use super::rss;

use crate::config::SiteConfig;
use crate::model::{Briefing, BriefingId, Person, PersonId, Site, Term, TermId, TermKind};
use crate::routes;

#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// The full base URL, `https://org.github.io/briefings/`.
    pub base_url: String,
    /// Its path, `/briefings/`: prefix for theme assets (`{{ site.base_path }}style.css`).
    pub base_path: &'a str,
    pub feed_url: String,
    /// The search page, `/briefings/search/`.
    pub search_url: String,
    pub repo_url: Option<&'a str>,
    /// The site's "Propose a briefing" page, when it has a `repo-url`.
    pub propose_url: Option<String>,
    pub extra: &'a crate::front_matter::Yaml,
}

impl<'a> SiteView<'a> {
    pub(crate) fn new(config: &'a SiteConfig) -> Self {
        let base = &config.base_url;
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: base.to_string(),
            base_path: base.path(),
            feed_url: base.link(&routes::beside(&routes::home_page(1), rss::FILE)),
            search_url: base.link(routes::SEARCH),
            repo_url: config.repo_url.as_deref(),
            propose_url: config.repo_url.as_ref().map(|_| base.link(routes::PROPOSE)),
            extra: &config.extra,
        }
    }
}

/// A name and where it links: people, tags, nationalities.
#[derive(Serialize)]
pub(crate) struct LinkView<'a> {
    pub name: &'a str,
    pub url: String,
}

impl<'a> LinkView<'a> {
    pub(crate) fn person(site: &'a Site, id: PersonId) -> Self {
        let person = &site.people[id];
        LinkView {
            name: &person.name,
            url: site.config.base_url.link(&person.url()),
        }
    }

    pub(crate) fn term(site: &'a Site, kind: TermKind, id: TermId) -> Self {
        let term = &site.terms(kind)[id];
        LinkView {
            name: &term.name,
            url: site.config.base_url.link(&term.url()),
        }
    }
}

/// A briefing as lists show it.
#[derive(Serialize)]
pub(crate) struct CardView<'a> {
    pub title: &'a str,
    pub url: String,
    /// `2022-01-13`, for the `date` filter and `<time datetime>`.
    pub date: String,
    /// The house's dateline: `Thursday (January 13th)`.
    pub dateline: String,
    /// `2022`, for datelines in lists that span years.
    pub year: i16,
    pub subject: LinkView<'a>,
    pub age: u32,
    pub nationality: Vec<LinkView<'a>>,
    pub care_rating: u8,
    pub summary: &'a str,
    pub tags: Vec<LinkView<'a>>,
    pub draft: bool,
}

impl<'a> CardView<'a> {
    pub(crate) fn new(site: &'a Site, briefing: &'a Briefing) -> Self {
        CardView {
            title: &briefing.title,
            url: site.config.base_url.link(&briefing.url()),
            date: briefing.date.to_string(),
            dateline: dateline(briefing.date),
            year: briefing.date.year(),
            subject: LinkView::person(site, briefing.subject),
            age: briefing.age,
            nationality: briefing
                .nationality
                .iter()
                .map(|&n| LinkView::term(site, TermKind::Nationality, n))
                .collect(),
            care_rating: briefing.care_rating,
            summary: &briefing.summary,
            tags: briefing
                .tags
                .iter()
                .map(|&t| LinkView::term(site, TermKind::Tag, t))
                .collect(),
            draft: briefing.draft,
        }
    }
}

#[derive(Serialize)]
pub(crate) struct SourceView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub publisher: Option<&'a str>,
    pub date: Option<String>,
}

/// One briefing on its own page (its HTML body is the separate, safe `content` variable).
#[derive(Serialize)]
pub(crate) struct BriefingView<'a> {
    #[serde(flatten)]
    pub card: CardView<'a>,
    pub who_else_cares: Vec<LinkView<'a>>,
    pub authors: &'a [String],
    pub sources: Vec<SourceView<'a>>,
    /// The Markdown file, relative to the site root.
    pub source_path: String,
    pub edit_url: Option<String>,
    /// The briefing as a plain-text post (`post.txt`), ready to paste.
    pub post_url: String,
    /// That post's text, to show and copy on the page.
    pub post: String,
    pub extra: &'a crate::front_matter::Yaml,
    /// The body's second-level headings (the house questions), for a table of contents.
    pub sections: Vec<SectionView<'a>>,
    /// The next briefing up the list (published later), if any.
    pub newer: Option<NeighbourView<'a>>,
    /// The next briefing down the list (published earlier), if any.
    pub older: Option<NeighbourView<'a>>,
    /// schema.org `NewsArticle` as JSON, safe to print inside `<script>` (`| safe`).
    pub json_ld: String,
}

/// A heading of a briefing's body and its anchor.
#[derive(Serialize)]
pub(crate) struct SectionView<'a> {
    pub id: &'a str,
    pub text: &'a str,
}

/// The briefing before or after this one, for "previous / next" links.
#[derive(Serialize)]
pub(crate) struct NeighbourView<'a> {
    pub title: &'a str,
    pub url: String,
    pub subject: &'a str,
    pub date: String,
}

impl<'a> NeighbourView<'a> {
    fn new(site: &'a Site, id: BriefingId) -> Self {
        let briefing = &site.briefings[id];
        NeighbourView {
            title: &briefing.title,
            url: site.config.base_url.link(&briefing.url()),
            subject: &site.people[briefing.subject].name,
            date: briefing.date.to_string(),
        }
    }
}

impl<'a> BriefingView<'a> {
    /// The briefing `id` (an index into `site.briefings`, newest first).
    pub(crate) fn new(site: &'a Site, id: BriefingId) -> Self {
        let briefing = &site.briefings[id];
        let source_path = crate::diagnostic::display_path(&briefing.path);
        BriefingView {
            card: CardView::new(site, briefing),
            who_else_cares: briefing
                .who_else_cares
                .iter()
                .map(|&p| LinkView::person(site, p))
                .collect(),
            authors: &briefing.authors,
            sources: briefing
                .sources
                .iter()
                .map(|s| SourceView {
                    title: &s.title,
                    url: &s.url,
                    publisher: s.publisher.as_deref(),
                    date: s.date.map(|d| d.to_string()),
                })
                .collect(),
            edit_url: site
                .config
                .repo_url
                .as_ref()
                .map(|r| format!("{r}/edit/main/{source_path}")),
            source_path,
            post_url: site.config.base_url.link(&super::post::post_path(briefing)),
            post: super::post::post(site, briefing),
            extra: &briefing.extra,
            sections: briefing
                .headings
                .iter()
                .filter(|h| h.level == 2)
                .map(|h| SectionView {
                    id: &h.id,
                    text: &h.text,
                })
                .collect(),
            newer: id.checked_sub(1).map(|n| NeighbourView::new(site, n)),
            older: (id + 1 < site.briefings.len()).then(|| NeighbourView::new(site, id + 1)),
            json_ld: super::json_ld::news_article(site, briefing),
        }
    }
}

/// A point of a person's care-rating history.
#[derive(Serialize)]
pub(crate) struct RatingView<'a> {
    pub date: String,
    pub care_rating: u8,
    pub title: &'a str,
    pub url: String,
}

/// A person's page, without the briefing lists (given as card arrays beside it).
#[derive(Serialize)]
pub(crate) struct PersonView<'a> {
    pub name: &'a str,
    pub url: String,
    pub aliases: &'a [String],
    pub born: Option<String>,
    /// Age at their latest briefing, if any.
    pub age: Option<u32>,
    /// Linked to the nationality's page when a published briefing carries it (else `url` is none).
    pub nationality: Vec<NationalityView<'a>>,
    pub has_profile: bool,
    pub feed_url: String,
    /// Oldest first, for a chart or table.
    pub ratings: Vec<RatingView<'a>>,
    /// The ratings drawn as an inline SVG line chart (`""` with fewer than two); print it
    /// with `| safe`.
    pub chart: String,
}

impl<'a> PersonView<'a> {
    pub(crate) fn new(site: &'a Site, person: &'a Person) -> Self {
        let base = &site.config.base_url;
        let ratings = person.about.iter().rev().map(|&b| {
            let briefing = &site.briefings[b];
            RatingView {
                date: briefing.date.to_string(),
                care_rating: briefing.care_rating,
                title: &briefing.title,
                url: base.link(&briefing.url()),
            }
        });
        PersonView {
            chart: super::chart::care_rating_chart(site, person),
            ratings: ratings.collect(),
            ..PersonView::without_history(site, person)
        }
    }

    /// The view without the care-rating history (no `ratings`, no `chart`): what the further
    /// pages of a person's lists show, where drawing the chart again for each page of the
    /// busiest person cost more than the rest of the page.
    pub(crate) fn without_history(site: &'a Site, person: &'a Person) -> Self {
        let base = &site.config.base_url;
        PersonView {
            name: &person.name,
            url: base.link(&person.url()),
            aliases: &person.aliases,
            born: person.born.map(|d| d.to_string()),
            age: person.about.first().map(|&b| site.briefings[b].age),
            nationality: person
                .nationality
                .iter()
                .zip(&person.nationality_terms)
                .map(|(name, term)| NationalityView {
                    name,
                    url: term.map(|t| base.link(&site.nationalities[t].url())),
                })
                .collect(),
            has_profile: person.profile.is_some(),
            feed_url: base.link(&routes::beside(&person.url(), rss::FILE)),
            ratings: Vec::new(),
            chart: String::new(),
        }
    }
}

/// A nationality that may or may not have a page of its own.
#[derive(Serialize)]
pub(crate) struct NationalityView<'a> {
    pub name: &'a str,
    pub url: Option<String>,
}

/// An entry of the people, tags or nationalities index.
#[derive(Serialize)]
pub(crate) struct IndexEntryView<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
    /// The letter the people index files it under (see [`initial`]).
    #[serde(skip)]
    pub initial: char,
}

/// `A`…`Z` by the first letter of a slug (so `Ö` files under `O`), or `#` for anything else.
fn initial(slug: &str) -> char {
    match slug.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

/// An element id for the people index's group of `letter`: `letter_A`, or `letter_other` for
/// `#` (which a fragment cannot hold).
pub(crate) fn letter_id(letter: char) -> String {
    match letter {
        '#' => "letter_other".to_owned(),
        _ => format!("letter_{letter}"),
    }
}

impl<'a> IndexEntryView<'a> {
    /// Everyone, in name order; `count` is briefings about them plus those naming them.
    pub(crate) fn people(site: &'a Site) -> Vec<Self> {
        let entry = |id: PersonId| {
            let person = &site.people[id];
            let count = person.about.len() + person.named_in.len();
            IndexEntryView {
                name: &person.name,
                url: site.config.base_url.link(&person.url()),
                count,
                initial: initial(&person.slug),
            }
        };
        site.people_sorted().into_iter().map(entry).collect()
    }

    /// Every tag or nationality, in name order, with its number of briefings.
    pub(crate) fn terms(site: &'a Site, kind: TermKind) -> Vec<Self> {
        let entry = |id: TermId| {
            let term = &site.terms(kind)[id];
            IndexEntryView {
                name: &term.name,
                url: site.config.base_url.link(&term.url()),
                count: term.briefings.len(),
                initial: initial(&term.slug),
            }
        };
        site.terms_sorted(kind).into_iter().map(entry).collect()
    }
}

/// A tag or nationality page, without its briefing list.
#[derive(Serialize)]
pub(crate) struct TermView<'a> {
    pub name: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub label: &'static str,
    pub count: usize,
    /// Tags have feeds; nationalities do not.
    pub feed_url: Option<String>,
}

impl<'a> TermView<'a> {
    pub(crate) fn new(site: &'a Site, term: &'a Term) -> Self {
        let base = &site.config.base_url;
        TermView {
            name: &term.name,
            url: base.link(&term.url()),
            kind: term.kind.segment(),
            label: term.kind.label(),
            count: term.briefings.len(),
            feed_url: (term.kind == TermKind::Tag)
                .then(|| base.link(&routes::beside(&term.url(), rss::FILE))),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct PaginatorView {
    pub current: usize,
    pub total: usize,
    pub previous_url: Option<String>,
    pub next_url: Option<String>,
}

/// The "Propose a briefing" form: where it sends the member, and the briefing it starts from.
#[derive(Serialize)]
pub(crate) struct ProposalView {
    /// The repository's "new file" page for content/briefings/ (GitHub reads `filename` and
    /// `value` from the query).
    pub action: String,
    /// A new briefing, with `__TITLE__`, `__DATE__` and `__SUBJECT__` for the form to replace.
    pub template: String,
}

impl ProposalView {
    pub(crate) fn new(site: &Site) -> Self {
        let repo = site.config.repo_url.as_deref().unwrap_or_default();
        ProposalView {
            action: format!("{repo}/new/main/content/briefings"),
            template: crate::scaffold::proposal_template(&site.config.required_sections),
        }
    }
}

/// Facts every page has: what it is and where.
#[derive(Serialize)]
pub(crate) struct PageView {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub canonical_url: String,
    /// Other versions of the page (the feeds of the site and of the list it shows), for
    /// `<link rel="alternate">`.
    pub alternates: Vec<AlternateView>,
}

/// Another version of a page: a feed, in one format.
#[derive(Serialize)]
pub(crate) struct AlternateView {
    /// Its media type: `application/rss+xml`, `application/feed+json`.
    #[serde(rename = "type")]
    pub media_type: &'static str,
    pub title: String,
    pub url: String,
}

/// `Thursday (January 13th)`, as the house heads its briefings.
pub(crate) fn dateline(date: jiff::civil::Date) -> String {
    let day = date.day();
    let suffix = match (day % 10, day) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!(
        "{} ({} {day}{suffix})",
        date.strftime("%A"),
        date.strftime("%B")
    )
}

#[cfg(test)]
mod tests {
    use super::dateline;

    #[test]
    fn datelines_use_english_ordinals() {
        let date = |s: &str| s.parse().unwrap();
        assert_eq!(dateline(date("2022-01-13")), "Thursday (January 13th)");
        assert_eq!(dateline(date("2022-01-21")), "Friday (January 21st)");
        assert_eq!(dateline(date("2022-01-22")), "Saturday (January 22nd)");
        assert_eq!(dateline(date("2022-01-11")), "Tuesday (January 11th)");
    }
}

//! The checks beyond the build's own: things that do not stop a site from building but that an
//! editor would ask a member to fix. All are warnings, each with a code; `build`, `serve` and
//! `check` all report them, so each must stay quick (a few milliseconds per thousand briefings).

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::diagnostic::codes::{W0010, W0011, W0012, W0013, W0014, W0031, W0070};
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::model::{Briefing, BriefingId, Person, Site};

/// Every lint over the whole site.
pub(crate) fn lint(site: &Site, today: Date) -> Diagnostics {
    let mut found = Diagnostics::new();
    found.extend(near_miss_names(site, None));
    let headings: HashMap<String, HashSet<&str>> = site
        .briefings
        .iter()
        .map(|b| (b.url(), b.headings.iter().map(|h| h.id.as_str()).collect()))
        .collect();
    let questions = question_keys(site);
    // Each briefing on its own, in parallel.
    let each = (site.briefings.par_iter())
        .flat_map_iter(|briefing| own(site, briefing, &questions, &headings, today));
    found.extend(each.collect::<Vec<Diagnostic>>());
    found
}

/// The lints of the briefings `edited` alone, for `serve`'s patch: what they say, their links
/// to headings, and the names they give. Only for an edit that changed no heading (a link from
/// elsewhere to one is checked by the whole [`lint`]), and whose names, if they changed, are
/// linked again: then `names_changed` checks every name of the site.
pub(crate) fn lint_edited(
    site: &Site,
    edited: &[BriefingId],
    today: Date,
    names_changed: bool,
) -> Diagnostics {
    let mut found = Diagnostics::new();
    found.extend(near_miss_names(site, (!names_changed).then_some(edited)));
    let mut headings: HashMap<String, HashSet<&str>> = (edited.iter())
        .map(|&id| (site.briefings[id].url(), heading_ids(&site.briefings[id])))
        .collect();
    // The other pages their links to headings point at, looked for only if there are any.
    let pages: HashSet<&str> = (edited.iter())
        .flat_map(|&id| site.briefings[id].fragments.iter())
        .filter_map(|link| link.page.as_deref())
        .filter(|page| !headings.contains_key(*page))
        .collect();
    if !pages.is_empty() {
        for briefing in &site.briefings {
            let url = briefing.url();
            if pages.contains(url.as_str()) {
                headings.insert(url, heading_ids(briefing));
            }
        }
    }
    let questions = question_keys(site);
    for &id in edited {
        found.extend(own(site, &site.briefings[id], &questions, &headings, today));
    }
    found
}

fn heading_ids(briefing: &Briefing) -> HashSet<&str> {
    briefing.headings.iter().map(|h| h.id.as_str()).collect()
}

fn question_keys(site: &Site) -> Vec<String> {
    (site.config.required_sections.iter())
        .map(|q| question_key(q))
        .collect()
}

/// The lints of one briefing on its own.
fn own(
    site: &Site,
    briefing: &Briefing,
    questions: &[String],
    headings: &HashMap<String, HashSet<&str>>,
    today: Date,
) -> Vec<Diagnostic> {
    let mut own = missing_questions(briefing, &site.config.required_sections, questions);
    own.extend(rating_in_body(briefing));
    own.extend(future_date(briefing, today));
    own.extend(date_unlike_file_name(briefing));
    own.extend(duplicate_sources(briefing));
    own.extend(broken_fragments(briefing, headings));
    own
}

/// A name that is not known but is one letter away from a profile's
/// name or alias: most likely the same person, spelt another way. Where it is given, or only
/// in `only` (the names those briefings give).
fn near_miss_names(site: &Site, only: Option<&[BriefingId]>) -> Vec<Diagnostic> {
    let known: Vec<(String, &str, &Person)> = site
        .people
        .iter()
        .filter(|p| p.profile.is_some())
        .flat_map(|p| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .map(move |n| (crate::slug::slugify(n), n.as_str(), p))
        })
        .collect();
    let mut found = Vec::new();
    let named: Option<HashSet<usize>> = only.map(|ids| {
        (ids.iter())
            .flat_map(|&id| {
                let briefing = &site.briefings[id];
                std::iter::once(briefing.subject).chain(briefing.who_else_cares.iter().copied())
            })
            .collect()
    });
    let people = (site.people.iter().enumerate())
        .filter(|(n, _)| named.as_ref().is_none_or(|named| named.contains(n)))
        .map(|(_, p)| p);
    for person in people.filter(|p| p.profile.is_none()) {
        let Some((_, name, profiled)) =
            known.iter().find(|(slug, _, _)| nearly(&person.slug, slug))
        else {
            continue;
        };
        let profile = display_path(
            profiled
                .profile
                .as_deref()
                .unwrap_or_else(|| std::path::Path::new("")),
        );
        let places = person
            .about
            .iter()
            .map(|&b| (b, "subject"))
            .chain(person.named_in.iter().map(|&b| (b, "who-else-cares")));
        for (id, key) in places {
            if only.is_some_and(|ids| !ids.contains(&id)) {
                continue;
            }
            let briefing = &site.briefings[id];
            let (line, column) = briefing.keys.locate(key);
            found.push(
                Diagnostic::warning(W0010, &briefing.path, format!(
                    "`{}` is not a known name, but `{name}` is ({profile})",
                    person.name
                ))
                .at(line, column)
                .with_help(format!("if they are the same person, write `{}`, or add `{}` to the aliases in {profile}", profiled.name, person.name)),
            );
        }
    }
    found
}

/// Slugs one edit apart (a letter added, dropped or changed, or two swapped), starting alike:
/// `sergei-lavrov` ~ `sergey-lavrov`. Two edits would take `gideon-katz` for `gideon-gantz`:
/// now that the build warns too, a warning must be worth reading.
pub(crate) fn nearly(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b || a.first() != b.first() || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    // Without allocating: thousands of names are compared with thousands on every build.
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[same..], &b[same..]);
    match a.len().cmp(&b.len()) {
        Ordering::Equal => {
            a[1..] == b[1..] || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        Ordering::Less => a == &b[1..],
        Ordering::Greater => &a[1..] == b,
    }
}

/// A house question as compared: lowercase words without the pronoun and its verb, so that
/// "Why is she in the news?" and "Why are they in the news?" both answer "Why is he…".
fn question_key(heading: &str) -> String {
    const PRONOUNS: [&str; 8] = ["is", "are", "he", "she", "they", "it", "him", "her"];
    let lower = heading.to_lowercase();
    let words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !PRONOUNS.contains(w));
    words.collect::<Vec<_>>().join(" ")
}

fn missing_questions(briefing: &Briefing, required: &[String], keys: &[String]) -> Vec<Diagnostic> {
    // Most briefings spell every question as the house does: no need to compare keys then.
    let exact = |q: &String| briefing.headings.iter().any(|h| h.text == *q);
    if required.iter().all(exact) {
        return Vec::new();
    }
    let present: HashSet<String> = briefing
        .headings
        .iter()
        .map(|h| question_key(&h.text))
        .collect();
    required
        .iter()
        .zip(keys)
        .filter(|(_, key)| !present.contains(*key))
        .map(|(question, _)| {
            Diagnostic::warning(
                W0011,
                &briefing.path,
                format!("the house question `{question}` is missing"),
            )
            .at(briefing.body_line, 1)
            .with_help(format!("add a section `## {question}` and answer it"))
        })
        .collect()
}

/// "You should care 6/10" in the body, when the front matter says another number.
fn rating_in_body(briefing: &Briefing) -> Option<Diagnostic> {
    // The whole body searched at once; lines are counted only for a rating that disagrees.
    let body = &*briefing.body;
    for (at, _) in body.match_indices("/10") {
        let digits = (body[..at].bytes().rev())
            .take_while(u8::is_ascii_digit)
            .count();
        let start = at - digits;
        let Ok(rating) = body[start..at].parse::<u8>() else {
            continue;
        };
        if rating <= 10 && rating != briefing.care_rating {
            let line_start = body[..start].rfind('\n').map_or(0, |i| i + 1);
            let line = body[..start].matches('\n').count();
            let column = body[line_start..start].chars().count() + 1;
            let message = format!(
                "the body says {rating}/10 but care-rating is {}",
                briefing.care_rating
            );
            return Some(
                Diagnostic::warning(W0012, &briefing.path, message)
                    .at(briefing.body_line + line, column)
                    .with_help(W0012.help()),
            );
        }
    }
    None
}

fn future_date(briefing: &Briefing, today: Date) -> Option<Diagnostic> {
    (briefing.date > today).then(|| {
        let (line, column) = briefing.keys.locate("date");
        Diagnostic::warning(
            W0013,
            &briefing.path,
            format!(
                "the briefing is dated {}, in the future: it will not be published until then",
                briefing.date
            ),
        )
        .at(line, column)
        .with_help(W0013.help())
    })
}

/// `date: 2022-01-15` in `2022-01-14-talks.md`: one of the two is a slip.
fn date_unlike_file_name(briefing: &Briefing) -> Option<Diagnostic> {
    let name = briefing.path.file_name()?.to_string_lossy();
    let named: Date = name.get(..10)?.parse().ok()?;
    (named != briefing.date).then(|| {
        let (line, column) = briefing.keys.locate("date");
        let message = format!(
            "the briefing is dated {}, but its file name starts with {named}",
            briefing.date
        );
        let rest = &name[10..];
        let help = format!(
            "make the two agree: write `date: {named}`, or rename the file `{}{rest}`",
            briefing.date
        );
        Diagnostic::warning(W0070, &briefing.path, message)
            .at(line, column)
            .with_help(help)
    })
}

fn duplicate_sources(briefing: &Briefing) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for (n, source) in briefing.sources.iter().enumerate() {
        if !seen.insert(source.url.trim_end_matches('/')) {
            let (line, column) = briefing.keys.locate_source(n, "url");
            found.push(
                Diagnostic::warning(
                    W0014,
                    &briefing.path,
                    format!("the source `{}` is listed twice", source.url),
                )
                .at(line, column)
                .with_help(W0014.help()),
            );
        }
    }
    found
}

/// Links to a heading (`#why-do-we-care`) of this briefing or another that has no such heading.
/// Fragments of other pages (people, tags) are the theme's and are not checked.
fn broken_fragments(
    briefing: &Briefing,
    headings: &HashMap<String, HashSet<&str>>,
) -> Vec<Diagnostic> {
    let own = briefing.url();
    let mut found = Vec::new();
    for link in &briefing.fragments {
        let page = link.page.as_deref().unwrap_or(&own);
        let Some(ids) = headings.get(page) else {
            continue;
        };
        if link.fragment.is_empty() || ids.contains(link.fragment.as_str()) {
            continue;
        }
        let mut known: Vec<&str> = ids.iter().copied().collect();
        known.sort_unstable();
        found.push(
            Diagnostic::warning(
                W0031,
                &briefing.path,
                format!(
                    "the link to `#{}` points to a heading that does not exist on {page}",
                    link.fragment
                ),
            )
            .at(link.place.0, link.place.1)
            .with_help(format!("the headings there are: {}", known.join(", "))),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn house_questions_ignore_the_pronoun() {
        assert_eq!(
            question_key("Why is he in the news?"),
            question_key("Why are they in the news?")
        );
        assert_eq!(question_key("Why is she in the news?"), "why in the news");
        assert_ne!(
            question_key("Why do we care?"),
            question_key("Why should you care?")
        );
    }

    #[test]
    fn near_names() {
        assert!(nearly("sergei-lavrov", "sergey-lavrov"));
        assert!(nearly("volodymyr-zelensky", "volodymyr-zelenskyy"));
        assert!(!nearly("jen-psaki", "jake-sullivan"));
        assert!(!nearly("sergey-lavrov", "sergey-lavrov"));
        assert!(!nearly("gideon-katz", "gideon-gantz"));
        assert!(nearly("sergey-lavrov", "sergey-lavorv"));
        assert!(nearly("sergey-lavrov", "sergey-lavro"));
        assert!(nearly("sergey-lavro", "sergey-lavrov"));
        assert!(nearly("jen-psaki", "jen-psakii"));
        assert!(!nearly("jen-psaki", "jen-pskai-x"));
        assert!(!nearly("abc", "bac"));
    }
}

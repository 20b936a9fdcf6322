//! The quick way through the pipeline for the usual edits in `serve`: briefings already in the
//! site, changed in what they say (body, title, rating, sources…) or in whom they name
//! (subject, tags…), but not in where they stand (file, date, publication). The order of the
//! briefings stays as it was, so the last site is patched in place: each changed file is read,
//! parsed and rendered on its own, and nothing is done for the other briefings, except, when
//! whom they name changed, renumbering their people and terms (see `relink`: only the
//! changed briefings' names are resolved again).
//!
//! Anything else (a new, deleted or renamed file; a new date; a problem worse than a warning;
//! a person or term that would now be shown differently everywhere) is left to the full run,
//! which finds and reports it as a build would.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Memo;
use super::relink::Edited;
use super::shown::look_different;
use super::stale::Side;
use crate::diagnostic::codes::W0010;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hash::{HashMap, HashSet};
use crate::links::{LinkIndex, PathChanges};
use crate::lint;
use crate::markdown::MarkdownContext;
use crate::model::{
    self, Briefing, BriefingId, Linkage, ParsedBriefing, Person, Site, Term, TermKind,
};
use crate::pipeline::{Request, Reuse, let_source_go, take_markdown};
use crate::render::{self, ListKind};
use crate::routes::{self, Listing, person_page_count, term_page_count};
use crate::source::{self, SourceFile};
use crate::theme::Theme;

/// Briefings of the site read and rendered anew, not yet put in place.
pub(super) struct Patch {
    edits: Vec<Edit>,
    /// The site's people and terms linked anew, when an edit changed whom a briefing names.
    relinked: Option<Relinked>,
}

/// What [`Patch::apply`] replaced, to plan what is stale and to undo the patch.
pub(super) struct Replaced {
    /// Each briefing replaced, by id, as it was.
    pub briefings: Vec<(BriefingId, Briefing)>,
    /// The site's people and terms as they were, if they were linked anew.
    pub linkage: Option<Linkage>,
    /// Site paths of the pages and feeds of people and terms no longer in the site.
    pub gone: Vec<String>,
}

struct Version {
    id: BriefingId,
    file: SourceFile,
    parsed: ParsedBriefing,
    /// Whether it names the same people and terms as its last version.
    links_alike: bool,
}

struct Relinked {
    linkage: Linkage,
    /// The pages of people and terms that came or went.
    changes: PathChanges,
}

struct Edit {
    id: BriefingId,
    file: SourceFile,
    parsed: ParsedBriefing,
    briefing: Briefing,
    markdown: Option<super::MarkdownMemo>,
    problems: Vec<Diagnostic>,
}

impl Patch {
    /// The patch for the files `memo` was told changed, if each one is a briefing of `site`
    /// that keeps its place and has no error. Nothing is changed yet.
    pub(super) fn prepare(
        request: &Request,
        memo: &Memo,
        site: &Site,
        theme: &Theme,
    ) -> Option<Patch> {
        let changed: Vec<&Path> = memo.unread().collect();
        if changed.is_empty() {
            return None;
        }
        let versions = (changed.into_iter())
            .map(|path| Version::read(request, memo, site, path))
            .collect::<Option<Vec<Version>>>()?;
        let relinked = match versions.iter().all(|v| v.links_alike) {
            true => None,
            false => Some(Relinked::of(memo, site, &versions, theme)?),
        };
        let links = memo.links()?;
        let edits = (versions.into_iter())
            .map(|version| {
                Edit::render(version, memo, site, relinked.as_ref(), links, request.lint)
            })
            .collect::<Option<Vec<Edit>>>()?;
        Some(Patch { edits, relinked })
    }

    /// Puts the new versions in place in `site` and `memo`. Returns what it replaced and the
    /// warnings of the changed files, which replace the ones `warnings` had for them.
    pub(super) fn apply(
        self,
        request: &Request,
        memo: &mut Memo,
        site: &mut Site,
        warnings: &Diagnostics,
    ) -> (Replaced, Diagnostics) {
        let changed: Vec<PathBuf> = self.edits.iter().map(|e| e.file.path.clone()).collect();
        let mut problems = Diagnostics::new();
        let mut briefings = Vec::new();
        for edit in self.edits {
            problems.extend(edit.problems);
            let old = std::mem::replace(&mut site.briefings[edit.id], edit.briefing);
            briefings.push((edit.id, old));
            memo.keep_patched(edit.file, edit.parsed, edit.markdown);
        }
        let mut gone = Vec::new();
        let linkage = self.relinked.map(|relinked| {
            memo.change_links(&relinked.changes);
            gone.extend(relinked.changes.removed);
            site.relink(relinked.linkage)
        });
        let relinked = linkage.is_some();
        if request.lint {
            let ids: Vec<BriefingId> = briefings.iter().map(|(id, _)| *id).collect();
            problems.extend(lint::lint_edited(
                site,
                &ids,
                request.options.today,
                relinked,
            ));
        }
        // What only checks look at goes now, as after a full run.
        for (id, _) in &briefings {
            let_source_go(&mut site.briefings[*id]);
        }
        // Names linked anew were all checked again against the profiles.
        let kept = (warnings.iter())
            .filter(|w| !(changed.contains(&w.file) || relinked && w.code == W0010));
        let mut all: Diagnostics = kept.cloned().collect();
        all.extend(problems.placed_as_written().with_snippets(&request.root));
        (
            Replaced {
                briefings,
                linkage,
                gone,
            },
            all.sorted(),
        )
    }

    /// Undoes [`Patch::apply`] in `site` (the memo keeps the new versions, which are right).
    pub(super) fn undo(site: &mut Site, replaced: Replaced) {
        if let Some(linkage) = replaced.linkage {
            site.relink(linkage);
        }
        // After the relink: it gives the edited briefings the links they had as new versions.
        for (id, old) in replaced.briefings {
            site.briefings[id] = old;
        }
    }
}

impl Version {
    fn read(request: &Request, memo: &Memo, site: &Site, path: &Path) -> Option<Version> {
        let last = memo.parsed_briefing(path)?;
        // Compared as bytes: `Path`'s own equality parses both paths, ten thousand times here.
        let id = (site.briefings.iter()).position(|b| b.path.as_os_str() == path.as_os_str())?;
        let regular = std::fs::symlink_metadata(request.root.join(path)).is_ok_and(|m| m.is_file());
        if !regular {
            return None;
        }
        let file = source::read_markdown(&request.root, path.to_owned()).ok()?;
        let parsed = model::parse_briefing(&file).ok()?;
        if !last.places_like(&parsed) {
            return None;
        }
        Some(Version {
            id,
            file,
            links_alike: last.links_like(&parsed),
            parsed,
        })
    }
}

impl Relinked {
    /// The people and terms of `site` with `versions` in place of their last ones (only these
    /// are linked from their names; the others are renumbered), if that raises no error and
    /// shows no person or term differently.
    fn of(memo: &Memo, site: &Site, versions: &[Version], theme: &Theme) -> Option<Relinked> {
        let profiles = memo.profiles()?;
        let edited: Vec<Edited> = (versions.iter())
            .map(|v| Edited {
                id: v.id,
                parsed: &v.parsed,
            })
            .collect();
        let parsed = |id: BriefingId| memo.parsed_briefing(&site.briefings[id].path);
        let linkage = Linkage::after_edits(site, &profiles, &edited, &parsed)?;
        // An error goes the full way, which words it (see `Names::link`).
        if linkage.diagnostics.has_errors() {
            return None;
        }
        #[cfg(debug_assertions)]
        check_linkage(site, &profiles, versions, &parsed, &linkage);
        let new = Side::of_linkage(&linkage);
        if look_different(&Side::of(site), &new) {
            return None;
        }
        let changes = changed_pages(memo, site, &new, theme)?;
        Some(Relinked { linkage, changes })
    }
}

/// In debug builds (the tests'), that the quick linkage is the one `Linkage::of` makes of all
/// the briefings, with the same problems for the edited ones.
#[cfg(debug_assertions)]
fn check_linkage<'p>(
    site: &Site,
    profiles: &[&Person],
    versions: &'p [Version],
    parsed: &dyn Fn(BriefingId) -> Option<&'p ParsedBriefing>,
    quick: &Linkage,
) {
    let mut parses = (0..site.briefings.len())
        .map(parsed)
        .collect::<Option<Vec<&ParsedBriefing>>>()
        .expect("every briefing has a parse");
    for version in versions {
        parses[version.id] = &version.parsed;
    }
    let profiles = profiles.iter().map(|&p| p.clone()).collect();
    let mut full = Linkage::of(parses, profiles);
    keep_bios(&mut full.people, &site.people);
    let edited = |d: &&Diagnostic| versions.iter().any(|v| v.file.path == d.file);
    let shown = |l: &Linkage| {
        let mut problems: Vec<String> = (l.diagnostics.iter().filter(edited))
            .map(|d| format!("{d:?}"))
            .collect();
        problems.sort();
        format!(
            "{:#?}",
            (
                &l.people,
                &l.tags,
                &l.nationalities,
                l.links_shown(site),
                problems
            )
        )
    };
    assert_eq!(
        shown(quick),
        shown(&full),
        "relinking by the site's links went astray"
    );
}

/// Profiles' rendered text, from the people as they were (it does not depend on links).
#[cfg(debug_assertions)]
fn keep_bios(people: &mut [Person], old: &[Person]) {
    let bios: crate::hash::HashMap<&std::ffi::OsStr, &String> = (old.iter())
        .filter_map(|p| Some((p.profile.as_deref()?.as_os_str(), &p.bio_html)))
        .collect();
    for person in people.iter_mut() {
        let bio = (person.profile.as_deref()).and_then(|p| bios.get(p.as_os_str()));
        if let Some(bio) = bio {
            person.bio_html.clone_from(bio);
        }
    }
}

/// The pages of people and terms that came or went; `None` if that changes where a link of
/// any file points (the changed ones included: a body kept as it was is not rendered again),
/// or a new page could share a path with a copied file (the full run reports that).
fn changed_pages(memo: &Memo, site: &Site, new: &Side, theme: &Theme) -> Option<PathChanges> {
    let changes = page_changes(site, &Side::of(site), new, theme);
    if changes.is_empty() {
        return Some(changes);
    }
    let mut copied = (site.assets.iter().map(|a| a.output.as_str()))
        .chain(theme.static_files.iter().map(|s| s.output.as_str()));
    let folders = routes::PERSON_AND_TERM_FOLDERS;
    if copied.any(|path| folders.iter().any(|f| path.starts_with(f))) {
        return None;
    }
    memo.same_answers_after(&changes).then_some(changes)
}

/// The site paths of the pages of people and terms, and of the files beside them (feeds),
/// that `new` has and `old` has not (added), and the other way round (removed), in `site`.
fn page_changes(site: &Site, old: &Side, new: &Side, theme: &Theme) -> PathChanges {
    let mut changes = PathChanges::default();
    let beside = |kind| render::beside_lists(theme, kind);
    let (before, after) = (slugs(old.people), slugs(new.people));
    let sides = [
        (old.people, &after, &mut changes.removed),
        (new.people, &before, &mut changes.added),
    ];
    for (people, other, paths) in sides {
        for person in people.iter().filter(|p| !other.contains(p.slug.as_str())) {
            let files = beside(ListKind::Person).into_iter();
            paths.extend(files.map(|file| routes::beside(&person.url(), file)));
            paths.insert(person.url());
        }
    }
    person_list_changes(site, old, new, &mut changes);
    for kind in [TermKind::Tag, TermKind::Nationality] {
        let (before, after) = (
            page_counts(site, old.terms(kind)),
            page_counts(site, new.terms(kind)),
        );
        let sides = [
            (old.terms(kind), &after, &mut changes.removed),
            (new.terms(kind), &before, &mut changes.added),
        ];
        for (terms, other, paths) in sides {
            for term in terms {
                let kept = other.get(term.slug.as_str()).copied().unwrap_or(0);
                let pages = (kept + 1)..=term_page_count(site, term);
                paths.extend(pages.map(|n| routes::term_page(kind, &term.slug, n)));
                if kept == 0 {
                    let files = beside(ListKind::Term(kind)).into_iter();
                    paths.extend(files.map(|file| routes::beside(&term.url(), file)));
                }
            }
        }
    }
    changes
}

/// The further pages of people's lists (`/people/<slug>/about/page/2/`) that one side has
/// and the other has not: a list that grew or shrank past a page, or a person added or gone.
fn person_list_changes(site: &Site, old: &Side, new: &Side, changes: &mut PathChanges) {
    let counts = |people: &'_ [Person]| -> HashMap<(String, Listing), usize> {
        let each = people.iter().flat_map(|person| {
            Listing::BOTH.map(|l| ((person.slug.clone(), l), person_page_count(site, person, l)))
        });
        each.collect()
    };
    let (before, after) = (counts(old.people), counts(new.people));
    for (this, other, paths) in [
        (&before, &after, &mut changes.removed),
        (&after, &before, &mut changes.added),
    ] {
        for ((slug, listing), &count) in this {
            let kept = other.get(&(slug.clone(), *listing)).copied().unwrap_or(1);
            let pages = (kept.max(1) + 1)..=count;
            paths.extend(pages.map(|n| routes::person_page(slug, *listing, n)));
        }
    }
}

fn slugs(people: &[Person]) -> HashSet<&str> {
    people.iter().map(|p| p.slug.as_str()).collect()
}

/// Each term's number of pages, by slug.
fn page_counts<'t>(site: &Site, terms: &'t [Term]) -> HashMap<&'t str, usize> {
    let count = |t: &'t Term| (t.slug.as_str(), term_page_count(site, t));
    terms.iter().map(count).collect()
}

impl Edit {
    fn render(
        version: Version,
        memo: &Memo,
        site: &Site,
        relinked: Option<&Relinked>,
        links: &LinkIndex,
        lint: bool,
    ) -> Option<Edit> {
        let Version {
            id, file, parsed, ..
        } = version;
        let mut problems: Diagnostics = parsed.warnings.iter().cloned().collect();
        let mut briefing = match relinked {
            Some(relinked) => {
                let own = relinked.linkage.diagnostics.iter();
                problems.extend(own.filter(|d| d.file == file.path).cloned());
                relinked.linkage.briefing(id, parsed.clone())
            }
            None => site.briefing_replacing(id, parsed.clone(), &mut problems),
        };
        let context = MarkdownContext {
            links,
            unsafe_html: site.config.unsafe_html,
            file: &file.path,
            first_line: briefing.body_line,
        };
        let (rendered, markdown) = memo.markdown(&Arc::clone(&briefing.body), &context);
        // Rendered with the index as it was: it must not have asked about a page that came
        // or went (a body kept as it was is among those `Relinked::of` checked).
        let changes = relinked.map(|r| &r.changes);
        let answers = rendered.lookups.iter().map(|l| &l.resolution);
        if changes.is_some_and(|c| answers.clone().any(|a| LinkIndex::may_change(a, c))) {
            return None;
        }
        problems.extend(take_markdown(&mut briefing, rendered));
        // A heading changed: a link from another briefing to it may now be broken or mended,
        // which only the whole site's lints tell.
        if problems.has_errors() || (lint && briefing.headings != site.briefings[id].headings) {
            return None;
        }
        Some(Edit {
            id,
            file,
            parsed,
            briefing,
            markdown,
            problems: problems.into_iter().collect(),
        })
    }
}

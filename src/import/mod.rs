//! `brief import`: the house's plain-text posts in, as briefings.
//!
//! The stages, in one breath: read the input files (folders give their `.txt` files) and cut
//! each into posts at their headlines (`input`); read every post into its parts (`post`, with
//! `headline`, `fact_box`, `rating` and `tail`); learn who the site knows and what it has
//! (`destination`, `people`); turn each good post into `content/briefings/YYYY-MM-DD-<slug>.md`
//! (`markdown`) and write it; and return a [`Report`] of what was written, what the user should
//! check, and every problem, each with its input file and line.
//!
//! A post with an error is not written; the others are. Nothing is ever overwritten: a file
//! already there with exactly the text a post would give counts as already imported, so
//! importing an archive twice writes nothing the second time. This module reads the site only
//! for names (profiles and briefings that parse), never through the whole pipeline, and knows
//! nothing of the terminal.

mod destination;
mod fact_box;
mod headline;
mod input;
mod markdown;
mod people;
mod post;
mod rating;
mod reader;
mod report;
mod tail;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostic::display_path;
use crate::error::Error;
use crate::slug::slugify;
use crate::source::{BRIEFINGS_DIR, CONTENT_DIR};
use destination::Destination;
use post::{Dating, Post, Question};
pub(crate) use report::{Outcome, Report, Status};

/// What `brief import` is asked for.
#[derive(Debug, Clone)]
pub(crate) struct Request<'a> {
    pub root: &'a Path,
    /// Files of posts, or folders of them.
    pub inputs: &'a [PathBuf],
    /// The posts' year; otherwise the latest that fits each post's weekday.
    pub year: Option<i16>,
    pub today: Date,
    /// Say what would be written, write nothing.
    pub dry_run: bool,
}

/// Imports every post of `request.inputs` into the site at `request.root`.
pub(crate) fn import(request: &Request) -> Result<Report, Error> {
    if let Some(year) = request.year.filter(|y| !(1..=9999).contains(y)) {
        return Err(Error::Usage(format!(
            "--year {year} is not a year from 1 to 9999"
        )));
    }
    let mut site = Destination::load(request.root)?;
    let mut report = Report {
        dry_run: request.dry_run,
        ..Report::default()
    };
    let dating = Dating {
        year: request.year,
        today: request.today,
    };
    let posts = input::read_posts(request.inputs, dating, &mut report)?;
    // Every subject of this run is known to every post of it, whatever their order.
    for (_, post) in &posts {
        site.people.learn(&post.name);
    }
    for (input, post) in posts {
        let mut outcome = prepare(&post, &site);
        outcome.origin = (input, post.line);
        outcome.status = site.place(&outcome, request.dry_run)?;
        if !matches!(outcome.status, Status::Written | Status::WouldWrite) {
            outcome.notes.clear();
        }
        report.outcomes.push(outcome);
    }
    Ok(report)
}

/// The briefing `post` becomes in `site`, and the notes on it.
fn prepare(post: &Post, site: &Destination) -> Outcome {
    let people = &site.people;
    let subject = people.canonical(&post.name);
    let answer: Vec<&str> = (post.sections.iter())
        .filter(|s| s.question == Question::WhoElse)
        .flat_map(|s| s.paragraphs.iter().flatten().map(String::as_str))
        .collect();
    let mentions = people.mentioned(&answer.join(" "), people.find(&post.name));
    let who_else_cares: Vec<&str> = mentions.known.iter().map(|&id| people.name(id)).collect();
    let names = markdown::Names {
        subject,
        who_else_cares: &who_else_cares,
    };
    let stem = format!("{}-{}", post.dated.date, slugify(&post.headline.title));
    let path = Path::new(CONTENT_DIR)
        .join(BRIEFINGS_DIR)
        .join(format!("{stem}.md"));
    let notes = notes(post, site, &path, &mentions.unknown);
    Outcome {
        text: markdown::briefing(post, names),
        path,
        origin: (PathBuf::new(), 0),
        status: Status::Written,
        notes,
    }
}

/// What the user should check in the briefing `post` becomes at `path`: the year chosen, a
/// caption that is not the name, another briefing about the subject that day, people named but
/// not known (`unknown`), a missing signature.
fn notes(post: &Post, site: &Destination, path: &Path, unknown: &[String]) -> Vec<String> {
    let people = &site.people;
    let subject = people.canonical(&post.name);
    let shown = display_path(path);
    let mut notes = Vec::new();
    if post.dated.inferred {
        let h = &post.headline;
        notes.push(format!(
            "{} is the latest {}; use --year to choose another",
            post.dated.date,
            headline::describe(h.weekday, h.month, h.day)
        ));
    }
    if let Some(caption) = post
        .caption
        .as_deref()
        .filter(|c| slugify(c) != slugify(&post.name) && people.find(c) != people.find(&post.name))
    {
        notes.push(format!(
            "{shown}: the caption \"{caption}\" is not the name \"{}\"; the subject is {subject}",
            post.name
        ));
    }
    for other in site.same_day(post.dated.date, people.find(&post.name), path) {
        notes.push(format!(
            "{shown}: {} is also about {subject} on {}; check that they are not the same briefing",
            display_path(other),
            post.dated.date
        ));
    }
    if !unknown.is_empty() {
        notes.push(format!(
            "{shown}: \"Who else cares?\" also names {}, whom the site does not know; add those who belong there to who-else-cares",
            and_list(unknown)
        ));
    }
    if post.authors.is_empty() {
        notes.push(format!(
            "{shown}: the post has no signature line, so the briefing has no author"
        ));
    }
    notes
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

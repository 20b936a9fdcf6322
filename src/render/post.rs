//! `/briefings/<slug>/post.txt`: each briefing in the house's plain-text shape, ready to paste
//! into the association's social account — dated headline, the fact box as questions, the five
//! answers, the sources, and the signature.

use std::fmt::Write;

use rayon::prelude::*;

use super::view::dateline;
use super::{Change, Job, RenderedFile, Renderer, Scope};
use crate::diagnostic::{Diagnostics, display_path};
use crate::model::{Briefing, Site};
use crate::routes::{self, output_path};

pub(crate) struct PostRenderer;

/// Where a briefing's post is, as a site path.
pub(crate) fn post_path(briefing: &Briefing) -> String {
    routes::beside(&briefing.url(), "post.txt")
}

impl Renderer for PostRenderer {
    fn paths(&self, site: &Site, paths: &mut Vec<String>) {
        paths.extend(site.briefings.iter().map(post_path));
    }

    fn stale(&self, site: &Site, change: &Change, paths: &mut Vec<String>) {
        paths.extend(
            change
                .briefings
                .iter()
                .map(|&b| post_path(&site.briefings[b])),
        );
    }

    fn render(&self, job: &Job) -> Result<(), Diagnostics> {
        let (site, sink) = (job.site, job.sink);
        let briefings: Vec<&Briefing> = match job.scope {
            Scope::All => site.briefings.iter().collect(),
            Scope::Only(change) => change
                .briefings
                .iter()
                .map(|&b| &site.briefings[b])
                .collect(),
        };
        briefings.into_par_iter().for_each(|briefing| {
            let path = output_path(&post_path(briefing));
            if sink.reuse(&path) {
                return;
            }
            let origin = display_path(&briefing.path);
            sink.put(RenderedFile::new(
                path,
                post(site, briefing).into_bytes(),
                origin,
            ));
        });
        Ok(())
    }
}

/// The post's text.
pub(crate) fn post(site: &Site, briefing: &Briefing) -> String {
    let subject = &site.people[briefing.subject].name;
    let nationality: Vec<&str> = briefing
        .nationality
        .iter()
        .map(|&n| site.nationalities[n].name.as_str())
        .collect();
    let mut text = format!(
        "{}: {}\n\n{subject}\n\n",
        dateline(briefing.date),
        briefing.title
    );
    let _ = write!(
        text,
        "Name? {subject}\n\nWestphalian identity? {}\n\nAge? {}\n\n",
        nationality.join(" / "),
        briefing.age
    );
    text.push_str(&briefing.plain);
    if !briefing.sources.is_empty() {
        text.push_str("\nSources:\n");
        for source in &briefing.sources {
            let publisher = source
                .publisher
                .as_deref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            let _ = writeln!(text, "- {}{publisher} ({})", source.title, source.url);
        }
    }
    if !briefing.authors.is_empty() {
        let _ = write!(text, "\n\n{}\n", briefing.authors.join(", "));
    }
    text
}

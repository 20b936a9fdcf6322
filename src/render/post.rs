//! `/briefings/<slug>/post.txt`: each briefing in the house's plain-text shape, ready to paste
//! into the association's social account — dated headline, the fact box as questions, the five
//! answers, the sources, and the signature.

use std::fmt::Write;

use rayon::prelude::*;

use super::{RenderedFile, Renderer, Scope};
use crate::diagnostic::{Diagnostics, display_path};
use crate::model::{Briefing, Site};
use crate::output::Sink;
use crate::render::pages::output_path;
use crate::render::view::dateline;

pub struct PostRenderer;

/// Where a briefing's post is, as a site path.
pub fn post_path(briefing: &Briefing) -> String {
    format!("{}post.txt", briefing.url())
}

impl Renderer for PostRenderer {
    fn name(&self) -> &'static str {
        "post"
    }

    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), Diagnostics> {
        let briefings: Vec<&Briefing> = match scope {
            Scope::All => site.briefings.iter().collect(),
            Scope::Only(targets) => targets.posts.iter().map(|&b| &site.briefings[b]).collect(),
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
pub fn post(site: &Site, briefing: &Briefing) -> String {
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

//! The page `serve` shows at the address of a briefing that has errors, in place of the
//! briefing: its problems, each with a link to its line, then what can be shown of it (the
//! fact box as far as its front matter reads, its text) and the file as written, with the lines
//! to fix marked. And the page every address answers with before a site has built at all.
//!
//! These pages stand alone, with their own small style sheet, so that a theme with a mistake
//! cannot hide them; only `serve` makes them (a build with errors writes nothing).

use super::xml::escape;
use super::{Change, Job, RenderedFile, Renderer, Scope};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, display_path};
use crate::front_matter::{self, Yaml};
use crate::hash::HashSet;
use crate::model::{Broken, Site};
use crate::routes;

pub(super) struct ProblemPages;

impl Renderer for ProblemPages {
    fn paths(&self, site: &Site, paths: &mut Vec<String>) {
        paths.extend(shown(site).map(|b| routes::briefing(&b.slug)));
    }

    /// Made again at every full render (there are few), so never stale.
    fn stale(&self, _site: &Site, _change: &Change, _paths: &mut Vec<String>) {}

    fn render(&self, job: &Job) -> Result<(), Diagnostics> {
        if let Scope::Only(_) = job.scope {
            // A patch or a new theme leaves every broken briefing as it was.
            return Ok(());
        }
        for broken in shown(job.site) {
            let path = routes::output_path(&routes::briefing(&broken.slug));
            let page = page(broken).into_bytes();
            job.sink
                .put(RenderedFile::new(path, page, display_path(&broken.path)));
        }
        Ok(())
    }
}

/// The broken briefings that have an address of their own: not one a briefing that builds has.
fn shown(site: &Site) -> impl Iterator<Item = &Broken> {
    let taken: HashSet<&str> = site.briefings.iter().map(|b| b.slug.as_str()).collect();
    (site.broken.iter()).filter(move |b| !b.slug.is_empty() && !taken.contains(b.slug.as_str()))
}

/// The page for one broken briefing.
fn page(broken: &Broken) -> String {
    let facts = facts(broken);
    let title = facts
        .iter()
        .find(|(key, _)| *key == "title")
        .map_or_else(|| display_path(&broken.path), |(_, v)| v.clone());
    let errors = broken.problems.error_count();
    let mut body = format!(
        "<p class=\"note\">This briefing is not published yet: {} to fix. Until then it is left \
         out of every list and feed, and only this preview shows it.</p>\n<h1>{}</h1>\n",
        count(errors, "problem"),
        escape(&title)
    );
    body.push_str(&problem_list(&broken.problems, true));
    body.push_str(&fact_box(&facts));
    if let Some(html) = &broken.html {
        body.push_str("<section aria-labelledby=\"text\"><h2 id=\"text\">The text</h2>\n");
        body.push_str(html);
        body.push_str("</section>\n");
    }
    body.push_str(&source(broken));
    shell(&format!("To fix: {title}"), &body)
}

/// The page every address answers with before the site has built once.
pub(crate) fn not_built(problems: &Diagnostics) -> String {
    let body = format!(
        "<p class=\"note\">Nothing has built yet, so there is no page to show. Fix {} below: \
         this page reloads by itself once the site builds.</p>\n<h1>The site has not built \
         yet</h1>\n{}",
        match problems.error_count() {
            1 => "the problem".to_owned(),
            n => format!("the {n} problems"),
        },
        problem_list(problems, false)
    );
    shell("The site has not built yet", &body)
}

fn count(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}

/// Every problem, errors first; with links to the lines below when `local`.
fn problem_list(problems: &Diagnostics, local: bool) -> String {
    let mut out = String::from(
        "<section aria-labelledby=\"problems\"><h2 id=\"problems\">What to fix</h2>\n<ol>\n",
    );
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        problems.iter().partition(|d| d.is_error());
    for problem in errors.into_iter().chain(warnings) {
        out.push_str(&item(problem, local));
    }
    out.push_str("</ol></section>\n");
    out
}

fn item(problem: &Diagnostic, local: bool) -> String {
    let (class, label) = match problem.severity {
        Severity::Error => ("error", "Error"),
        Severity::Warning => ("warning", "Warning"),
    };
    let place = match (problem.line, local) {
        (0, true) => String::new(),
        (line, true) => format!(" <a href=\"#line-{line}\">line {line}</a>"),
        (0, false) => format!(" {}", escape(&display_path(&problem.file))),
        (line, false) => format!(" {}:{line}", escape(&display_path(&problem.file))),
    };
    let help = problem.help.as_deref().map_or_else(String::new, |help| {
        format!(
            "<br><span class=\"help\">How to fix it: {}</span>",
            escape(help)
        )
    });
    format!(
        "<li class=\"{class}\"><strong>{label}</strong>{place} ({}): {}{help}</li>\n",
        problem.code,
        escape(&problem.message)
    )
}

/// The front matter's keys and values as far as it reads as YAML, in the fact box's order.
fn facts(broken: &Broken) -> Vec<(&'static str, String)> {
    // Read as the briefing is: without the characters no page may hold.
    let (text, _) = front_matter::clean(&broken.path, &broken.text);
    let Ok(fm) = front_matter::split(&broken.path, &text) else {
        return Vec::new();
    };
    let Ok(Yaml::Mapping(map)) =
        front_matter::deserialize::<Yaml>(&broken.path, fm.yaml, fm.yaml_line)
    else {
        return Vec::new();
    };
    let keys = ["title", "subject", "nationality", "age", "care-rating"];
    let text = |value: &Yaml| match value {
        Yaml::Sequence(items) => items
            .iter()
            .map(front_matter::scalar_text)
            .collect::<Vec<_>>()
            .join(", "),
        other => front_matter::scalar_text(other),
    };
    keys.into_iter()
        .filter_map(|key| map.get(key).map(|value| (key, text(value))))
        .filter(|(_, value)| !value.trim().is_empty())
        .collect()
}

fn fact_box(facts: &[(&'static str, String)]) -> String {
    let shown: Vec<String> = (facts.iter())
        .filter_map(|(key, value)| {
            let label = match *key {
                "subject" => "Name",
                "nationality" => "Westphalian identity",
                "age" => "Age",
                "care-rating" => "Care rating",
                _ => return None,
            };
            Some(format!("<dt>{label}</dt><dd>{}</dd>", escape(value)))
        })
        .collect();
    if shown.is_empty() {
        return String::new();
    }
    format!(
        "<section aria-labelledby=\"facts\"><h2 id=\"facts\">The fact box, as far as it can be \
         read</h2>\n<dl>{}</dl></section>\n",
        shown.concat()
    )
}

/// The file as written, each line numbered and the lines with problems marked.
fn source(broken: &Broken) -> String {
    let marked: HashSet<usize> = broken.problems.iter().map(|d| d.line).collect();
    let mut out = String::from(
        "<section aria-labelledby=\"file\"><h2 id=\"file\">The file as written</h2>\n<pre>",
    );
    for (index, line) in broken.text.lines().enumerate() {
        let n = index + 1;
        let class = if marked.contains(&n) { " marked" } else { "" };
        out.push_str(&format!(
            "<span class=\"line{class}\" id=\"line-{n}\"><span class=\"n\">{n}</span>{}</span>\n",
            escape(&front_matter::control::visible(line))
        ));
    }
    out.push_str("</pre></section>\n");
    out
}

fn shell(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta \
         name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(title)
    )
}

const STYLE: &str = "body{margin:0;font:17px/1.5 system-ui,sans-serif;color:#1d1d1f;\
background:#fff}main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 40vh}\
.note{background:#fff4e5;border-left:4px solid #b35c00;padding:.6rem .8rem}\
li{margin:.4rem 0}li.error strong{color:#b3261e}li.warning strong{color:#7a5a00}\
.help{color:#444}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}\
dt{font-weight:600}dd{margin:0}pre{overflow-x:auto;background:#f6f6f6;padding:.5rem;\
font-size:14px}.line{display:block}.marked{background:#fde2e1}\
.n{display:inline-block;min-width:2.5em;color:#666;user-select:none}\
:target{outline:2px solid #b3261e}";

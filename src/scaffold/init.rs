//! `brief init`: a new site that builds at once, with a guide for its members
//! (`CONTRIBUTING.md`) that uses the site's own name and points at brief's documentation.

use std::fs;
use std::path::{Path, PathBuf};

use super::write_new;
use crate::diagnostic::display_path;
use crate::error::Error;
use crate::front_matter;

/// Where brief's full documentation is: its repository, with `README.md` and `docs/`.
const DOCS_URL: &str = "https://github.com/raia-briefings/briefings";

/// The members' guide, with `%SITE_TITLE%`, `%SITE_FOLDER%` and `%DOCS%` to fill in.
const GUIDE: &str = include_str!("contributing.md");

/// Makes a new site in `dir`, which must not exist or be empty; returns the files written,
/// relative to `dir`.
pub(crate) fn init_site(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let shown = display_path(dir);
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "`{shown}` exists and is not a folder"
            )));
        }
        let mut entries = fs::read_dir(dir).map_err(|source| Error::Io {
            action: "read the folder",
            path: dir.to_owned(),
            source,
        })?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "`{shown}` is not empty; brief init makes a site in a new or empty folder"
            )));
        }
    }
    let title = site_title(dir);
    let guide = GUIDE
        .replace("%SITE_TITLE%", &title)
        .replace("%SITE_FOLDER%", &folder_name(dir))
        .replace("%DOCS%", DOCS_URL);
    let site_yaml = format!(
        "# The site's settings; README.md at {DOCS_URL} describes every key.\n\
         title: {}\n{SITE_YAML_REST}",
        front_matter::scalar(&title)
    );
    let files = [
        ("site.yaml", site_yaml.as_str()),
        (".gitignore", "/public/\n"),
        ("CONTRIBUTING.md", &guide),
        (EXAMPLE_BRIEFING_PATH, EXAMPLE_BRIEFING),
        (EXAMPLE_PERSON_PATH, EXAMPLE_PERSON),
    ];
    let mut written = Vec::new();
    for (path, text) in files {
        // Rooted at "" so that a message names the new site's folder as well as the file.
        let retry = "brief init only writes into an empty folder";
        write_new(Path::new(""), &dir.join(path), text, retry)?;
        written.push(PathBuf::from(path));
    }
    Ok(written)
}

/// The new site's `site.yaml`, after its `title:` line.
const SITE_YAML_REST: &str = "\
# Change this to the address the site will be published at. It may carry a sub-path,
# e.g. https://your-org.github.io/briefings/
base-url: https://example.org/
description: Short, opinionated explainers about the people in the news.

# The other keys, shown with their defaults. Uncomment a line to change it.
# language: en
# theme: default
# per-page: 10
# feed-limit: 20
# unsafe-html: false
# required-sections:
#   - Why is he in the news?
#   - Why do we care?
#   - Why should you care?
#   - Who else cares?
#   - Any further comments?
# repo-url: https://github.com/your-org/briefings  # adds \"Edit this page\" links
# extra: {}
";

const EXAMPLE_BRIEFING_PATH: &str = "content/briefings/2024-03-14-a-bridge-too-far-apart.md";

const EXAMPLE_BRIEFING: &str = "\
---
title: A bridge too far apart
date: 2024-03-14
subject: Tomas Vell
care-rating: 5
tags: [example, diplomacy]
who-else-cares: [Ines Brandt]
author: The editors
sources:
  - title: Talks on the border bridge break down
    url: https://example.org/news/border-bridge-talks
    publisher: Example News
    date: 2024-03-13
summary: An invented minister, an invented bridge, and a real example of the house format.
---
## Why is he in the news?

Tomas Vell, foreign minister of the imaginary Republic of Arden, walked out of talks on a new
bridge over the border river on Wednesday, saying the other side had \"moved the river\". He and
everyone else here are invented: this briefing only shows the format (see
[his profile](../people/tomas-vell.md)).

## Why do we care?

Bridge talks are rarely about bridges. Who pays, who builds, and whose customs officers stand
at which end decide how two neighbours will trade for the next fifty years.

## Why should you care?

A briefing says plainly how much a reader should care, and why. Here: somewhat, because the
pattern is common and the stakes are real even when the people are not. You should care 5/10.

## Who else cares?

Ines Brandt, his counterpart across the river, who says the talks are paused, not over.

## Any further comments?

Replace this file with your first real briefing; `brief new briefing \"Name\"` writes one for
you to fill in. Every briefing tagged like this one is listed under [example](/tags/example/).
";

const EXAMPLE_PERSON_PATH: &str = "content/people/tomas-vell.md";

const EXAMPLE_PERSON: &str = "\
---
name: Tomas Vell
aliases: [T. Vell]
born: 1968-09-02
nationality: Ardenian
---
An invented person, here to show what a profile looks like: foreign minister of the imaginary
Republic of Arden since 2021, and before that its ambassador to its only neighbour. Replace
this file with a real profile, or delete it.
";

/// The last part of `dir`'s path, as the member sees it (`.` resolved when it can be).
fn folder_name(dir: &Path) -> String {
    let named = dir.file_name().map(PathBuf::from).or_else(|| {
        let full = std::path::absolute(dir).ok()?;
        full.file_name().map(PathBuf::from)
    });
    named.map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// A title made from the folder's name, `campus-briefings` → `Campus Briefings`; `Briefings`
/// when the name has no letter or digit.
fn site_title(dir: &Path) -> String {
    let name = folder_name(dir);
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
            first.unwrap_or_default() + chars.as_str()
        })
        .collect();
    match words.is_empty() {
        true => "Briefings".to_owned(),
        false => words.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_folder_name() {
        let title = |dir: &str| site_title(Path::new(dir));
        assert_eq!(title("sites/campus-briefings"), "Campus Briefings");
        assert_eq!(title("/tmp/the_week/"), "The Week");
        assert_eq!(title("ÉCOLE.briefs"), "ÉCOLE Briefs");
        assert_eq!(title("--"), "Briefings");
    }

    #[test]
    fn the_guide_leaves_no_token_unfilled() {
        let tokens = ["%SITE_TITLE%", "%SITE_FOLDER%", "%DOCS%"];
        let rest = tokens
            .iter()
            .fold(GUIDE.to_owned(), |g, t| g.replace(t, ""));
        assert!(!rest.contains('%'), "an unknown token in contributing.md");
    }
}

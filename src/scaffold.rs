//! Scaffolds: the files `brief new` and `brief init` write for a member to fill in.
//!
//! This module owns what those files say and the rule that nothing is ever overwritten. It reads
//! only what it needs of the site (its people's profiles, `site.yaml`'s required sections, the
//! names of existing briefings), never the whole pipeline, so that a broken briefing elsewhere
//! does not stop anyone from starting a new one. It knows nothing of the terminal: it returns
//! the paths it wrote, relative to the site's root, and the command says so.
//!
//! Every placeholder and hint in a briefing carries [`PLACEHOLDER`], which brief refuses to
//! publish: a scaffold fails the check until it is filled in, and passes once it is.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::config::{HOUSE_QUESTIONS, SiteConfig};
use crate::diagnostic::display_path;
use crate::error::Error;
use crate::front_matter;
use crate::model::{self, Person};
use crate::slug::slugify;
use crate::source::{self, BRIEFINGS_DIR, CONTENT_DIR, PEOPLE_DIR};

/// The words every placeholder carries.
pub(crate) const PLACEHOLDER: &str = "FILL IN";

/// What `brief new briefing` is asked for, as used (the date already parsed).
#[derive(Debug, Clone)]
pub(crate) struct BriefingRequest<'a> {
    pub root: &'a Path,
    /// A name or an alias of the person the briefing is about.
    pub name: &'a str,
    pub title: Option<&'a str>,
    pub date: Date,
    /// Whether a name one letter from a known person's is meant as someone else.
    pub new_person: bool,
}

/// Writes `content/briefings/<date>-<slug>.md`; returns its path relative to the root.
pub(crate) fn new_briefing(request: &BriefingRequest) -> Result<PathBuf, Error> {
    let name = usable(request.name, "the name")?;
    let title = request.title.map(|t| usable(t, "the title")).transpose()?;
    let site = SiteKnowledge::load(request.root)?;
    let person = site.person(&name);
    if person.is_none() && !request.new_person {
        site.refuse_near_miss(&name)?;
    }
    let subject = person.map_or(name.as_str(), |p| p.name.as_str());
    let slug = slugify(title.as_deref().unwrap_or(subject));
    let stem = format!("{}-{slug}", request.date);
    let path = Path::new(CONTENT_DIR)
        .join(BRIEFINGS_DIR)
        .join(format!("{stem}.md"));
    let retry = "choose another headline with --title, or another day with --date";
    // The URL comes from the file's stem alone, so a namesake in a sub-folder collides too.
    let url_slug = slugify(&stem);
    if let Some(other) = site.briefings.iter().find(|b| stem_slug(b) == url_slug) {
        let why = if other == &path {
            format!("it already exists; {retry}")
        } else {
            format!("`{}` already has its URL; {retry}", display_path(other))
        };
        return Err(already_exists(&path, why));
    }
    let draft = BriefingDraft {
        title: title.as_deref(),
        date: request.date.to_string(),
        subject,
        slug: slugify(subject),
        person,
        sections: &site.sections,
    };
    write_new(request.root, &path, &draft.text(), retry)?;
    Ok(path)
}

/// The tokens of [`proposal_template`], replaced by the "Propose a briefing" form.
pub(crate) const PROPOSAL_TOKENS: [&str; 3] = ["__TITLE__", "__DATE__", "__SUBJECT__"];

/// The text of a new briefing about an unknown person, with [`PROPOSAL_TOKENS`] where the
/// form's title, date and subject go: what the site's "Propose a briefing" page fills in.
pub(crate) fn proposal_template(sections: &[String]) -> String {
    let [title, date, subject] = PROPOSAL_TOKENS;
    let slug = "their-name".to_owned();
    let draft = BriefingDraft {
        title: Some(title),
        date: date.to_owned(),
        subject,
        slug,
        person: None,
        sections,
    };
    draft.text()
}

/// Writes `content/people/<slug>.md`; returns its path relative to the root.
pub(crate) fn new_person(root: &Path, name: &str) -> Result<PathBuf, Error> {
    let name = usable(name, "the name")?;
    let site = SiteKnowledge::load(root)?;
    let path = Path::new(CONTENT_DIR)
        .join(PEOPLE_DIR)
        .join(format!("{}.md", slugify(&name)));
    if let Some(person) = site.person(&name) {
        let profile = person
            .profile
            .as_deref()
            .map(display_path)
            .unwrap_or_default();
        let why = if person.slug == slugify(&name) {
            format!("`{name}` already has a profile, {profile}")
        } else {
            format!(
                "`{name}` is already an alias of {}, in {profile}",
                person.name
            )
        };
        return Err(already_exists(&path, why));
    }
    let text = format!(
        "---\nname: {}\naliases: []\n\
         # Uncomment and correct these: every briefing about this person then gets its age and nationality.\n\
         # born: 1950-03-21\n# nationality: Russian\n---\n\
         {PLACEHOLDER}: a short biography: the post they hold, how they came to it, what they are known for.\n",
        front_matter::scalar(&name)
    );
    write_new(root, &path, &text, "edit that profile instead")?;
    Ok(path)
}

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
    let files = [
        ("site.yaml", EXAMPLE_SITE_YAML),
        (".gitignore", "/public/\n"),
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

/// What a scaffold needs to know of the site it joins.
struct SiteKnowledge {
    /// Profiles that parse; a broken one is the check's business, not ours.
    people: Vec<Person>,
    /// The headings a briefing should have.
    sections: Vec<String>,
    /// Every briefing file, relative to the root.
    briefings: Vec<PathBuf>,
}

impl SiteKnowledge {
    fn load(root: &Path) -> Result<Self, Error> {
        let sources = source::load(root)?;
        let sections = SiteConfig::parse(&sources.config.path, &sources.config.text)
            .map(|config| config.required_sections)
            .unwrap_or_else(|_| HOUSE_QUESTIONS.iter().map(|q| q.to_string()).collect());
        Ok(SiteKnowledge {
            people: sources
                .people
                .iter()
                .filter_map(|file| model::parse_person(file).ok())
                .collect(),
            sections,
            briefings: sources.briefings.into_iter().map(|f| f.path).collect(),
        })
    }

    /// An error if `name`, known to no profile, is one letter from a name or alias that is:
    /// most likely a typo, which would give the person a second page.
    fn refuse_near_miss(&self, name: &str) -> Result<(), Error> {
        let slug = slugify(name);
        let near = self.people.iter().find(|p| {
            let mut names = std::iter::once(&p.name).chain(&p.aliases);
            names.any(|n| crate::lint::nearly(&slug, &slugify(n)))
        });
        match near {
            Some(person) => Err(Error::Usage(format!(
                "`{name}` is not a known name: did you mean {}? (pass --new-person if this is someone else)",
                person.name
            ))),
            None => Ok(()),
        }
    }

    /// The person `name` is a name or an alias of, matched by slug as the build does.
    fn person(&self, name: &str) -> Option<&Person> {
        let slug = slugify(name);
        self.people
            .iter()
            .find(|p| p.slug == slug || p.aliases.iter().any(|alias| slugify(alias) == slug))
    }
}

/// A new briefing's front matter and body, filled in as far as the site knows.
struct BriefingDraft<'a> {
    title: Option<&'a str>,
    date: String,
    /// The canonical name when the site has a profile, else the name as given.
    subject: &'a str,
    slug: String,
    person: Option<&'a Person>,
    sections: &'a [String],
}

impl BriefingDraft<'_> {
    fn text(&self) -> String {
        let mut text = String::from("---\n");
        let title = match self.title {
            Some(title) => front_matter::scalar(title),
            None => format!("\"{PLACEHOLDER}: the headline, e.g. Russia's fading patience\""),
        };
        let profile = match self.person.and_then(|p| p.profile.as_deref()) {
            Some(path) => display_path(path),
            None => format!("{CONTENT_DIR}/{PEOPLE_DIR}/{}.md", self.slug),
        };
        let _ = writeln!(text, "title: {title}");
        let _ = writeln!(text, "date: {}", self.date);
        let _ = writeln!(text, "subject: {}", front_matter::scalar(self.subject));
        if self.person.is_none_or(|p| p.born.is_none()) {
            let _ = writeln!(
                text,
                "age: {PLACEHOLDER}  # whole years on that date; or leave it out and give `born` in {profile}"
            );
        }
        if self.person.is_none_or(|p| p.nationality.is_empty()) {
            let _ = writeln!(
                text,
                "nationality: \"{PLACEHOLDER}: e.g. Russian; or leave it out and give it in {profile}\""
            );
        }
        text.push_str(BRIEFING_REST);
        let sections: Vec<String> = (self.sections.iter())
            .map(|section| format!("## {section}\n\n{PLACEHOLDER}: {}\n", hint(section)))
            .collect();
        text + &sections.join("\n")
    }
}

/// The front matter after what the site may know, up to the body.
const BRIEFING_REST: &str = "\
care-rating: FILL IN  # how much should readers care, 0 to 10
tags: []
who-else-cares: []
author: \"FILL IN: your name, or the association's\"
sources:
  - title: \"FILL IN: the article's headline\"
    url: \"FILL IN: the article's full address, starting with https://\"
    publisher: \"FILL IN: e.g. Reuters\"
    date: FILL IN  # YYYY-MM-DD, the day it was published
---
";

/// The one-line hint under a heading of the house format.
fn hint(section: &str) -> &'static str {
    match section {
        "Why is he in the news?" => {
            "what happened this week, and what did they say or do? \
             (Make the heading \"Why is she…\" or \"Why are they…\" as fits.)"
        }
        "Why do we care?" => "why it matters to us, students of foreign affairs.",
        "Why should you care?" => {
            "why it matters to the reader; end with \"You should care N/10\", N as in care-rating."
        }
        "Who else cares?" => "the other people involved; list them in who-else-cares too.",
        "Any further comments?" => "anything else worth saying.",
        _ => "your answer to this question.",
    }
}

/// `text` with its runs of whitespace made single spaces, if it can make a file name.
fn usable(text: &str, what: &str) -> Result<String, Error> {
    let tidy = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if slugify(&tidy).is_empty() {
        return Err(Error::Usage(format!(
            "{what} `{text}` has no letter or digit to make a file name from"
        )));
    }
    Ok(tidy)
}

/// The slug a briefing's URL is made from: its file name without the extension.
fn stem_slug(path: &Path) -> String {
    slugify(&path.file_stem().unwrap_or_default().to_string_lossy())
}

fn already_exists(path: &Path, why: String) -> Error {
    Error::Io {
        action: "create",
        path: path.to_owned(),
        source: io::Error::new(io::ErrorKind::AlreadyExists, why),
    }
}

/// Writes `root/path` (creating folders), refusing to replace a file: `retry` says what to do.
fn write_new(root: &Path, path: &Path, text: &str, retry: &str) -> Result<(), Error> {
    let full = root.join(path);
    let io_error = |action, source| Error::Io {
        action,
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = full.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error("create the folder of", e))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => {
                already_exists(path, format!("it already exists; {retry}"))
            }
            _ => io_error("create", e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| io_error("write", e))
}

const EXAMPLE_SITE_YAML: &str = "\
# The site's settings; README.md in brief's repository describes every key.
title: Briefings
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_are_quoted_only_when_needed() {
        assert_eq!(
            front_matter::scalar("Russia's fading patience"),
            "Russia's fading patience"
        );
        assert_eq!(
            front_matter::scalar("Recep Tayyip Erdoğan"),
            "Recep Tayyip Erdoğan"
        );
        for tricky in ["yes", "2022", "a: b", "# c", "[x]", "x #y", "'q'", "\"q\""] {
            let parsed: String = crate::front_matter::deserialize(
                std::path::Path::new("t"),
                &front_matter::scalar(tricky),
                1,
            )
            .unwrap();
            assert_eq!(parsed, tricky);
        }
    }

    #[test]
    fn names_without_letters_are_refused() {
        let error = usable(" !! ", "the name").unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: the name ` !! ` has no letter or digit to make a file name from"
        );
        assert_eq!(
            usable("  Sergey \t Lavrov ", "the name").unwrap(),
            "Sergey Lavrov"
        );
    }

    #[test]
    fn every_hint_and_placeholder_carries_the_marker() {
        let draft = BriefingDraft {
            title: None,
            date: "2022-01-13".to_owned(),
            subject: "Nobody Known",
            slug: "nobody-known".into(),
            person: None,
            sections: &HOUSE_QUESTIONS.map(String::from),
        };
        let text = draft.text();
        let known = [
            "---",
            "date: 2022-01-13",
            "subject: Nobody Known",
            "tags: []",
            "who-else-cares: []",
            "sources:",
        ];
        let unmarked: Vec<&str> = (text.lines())
            .filter(|l| !l.is_empty() && !l.starts_with("## ") && !known.contains(l))
            .filter(|l| !l.contains(PLACEHOLDER))
            .collect();
        assert_eq!(unmarked, Vec::<&str>::new());
        assert!(text.ends_with("anything else worth saying.\n"));
    }
}

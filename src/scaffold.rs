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

mod init;

pub(crate) use init::init_site;

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

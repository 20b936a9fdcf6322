//! The site the posts go into: who it knows (see [`People`]), which briefings it has on which
//! day, and which files and URLs are taken. Writing a briefing never replaces a file: a post
//! whose file (or URL) is there already with exactly its text counts as already imported.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::people::{People, PersonId};
use super::report::{Outcome, Status};
use crate::config::SiteConfig;
use crate::error::Error;
use crate::model;
use crate::slug::slugify;
use crate::source;

/// The site an import writes into.
pub(super) struct Destination {
    root: PathBuf,
    pub people: People,
    /// The site's briefings: date, subject, file.
    dated: Vec<(Date, PersonId, PathBuf)>,
    /// By the slug of their URL: the briefings' files and texts, and those written since.
    taken: HashMap<String, (PathBuf, String)>,
}

impl Destination {
    /// Reads what an import needs of the site at `root`: profiles and briefings that parse (a
    /// broken one is the check's business), and its base URL.
    pub(super) fn load(root: &Path) -> Result<Self, Error> {
        let site = source::load(root)?;
        let profiles: Vec<_> = (site.people.iter())
            .filter_map(|file| model::parse_person(file).ok())
            .collect();
        let briefings: Vec<_> = (site.briefings.iter())
            .filter_map(|file| model::parse_briefing(file).ok())
            .collect();
        let pages = SiteConfig::parse(&site.config.path, &site.config.text)
            .ok()
            .map(|config| config.base_url.absolute("/people/"));
        let people = People::new(&profiles, &briefings, pages);
        let dated = (briefings.iter())
            .filter_map(|b| Some((b.date, people.find(&b.subject)?, b.path.clone())))
            .collect();
        let taken = (site.briefings.into_iter())
            .map(|file| (stem_slug(&file.path), (file.path, file.text.to_string())))
            .collect();
        Ok(Destination {
            root: root.to_owned(),
            people,
            dated,
            taken,
        })
    }

    /// The site's other briefings about `subject` on `date` than the one at `path`.
    pub(super) fn same_day(
        &self,
        date: Date,
        subject: Option<PersonId>,
        path: &Path,
    ) -> impl Iterator<Item = &Path> {
        let slug = stem_slug(path);
        (self.dated.iter())
            .filter(move |(d, id, other)| {
                *d == date && Some(*id) == subject && stem_slug(other) != slug
            })
            .map(|(_, _, other)| other.as_path())
    }

    /// Writes the outcome's file unless it or its URL is taken; says what became of it.
    pub(super) fn place(&mut self, outcome: &Outcome, dry_run: bool) -> Result<Status, Error> {
        let slug = stem_slug(&outcome.path);
        if let Some((other, text)) = self.taken.get(&slug) {
            return Ok(match *text == outcome.text {
                true => Status::AlreadyImported,
                false => Status::Taken(other.clone()),
            });
        }
        self.taken
            .insert(slug, (outcome.path.clone(), outcome.text.clone()));
        if dry_run {
            return Ok(Status::WouldWrite);
        }
        let full = self.root.join(&outcome.path);
        let io_error = |action, source| Error::Io {
            action,
            path: outcome.path.clone(),
            source,
        };
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error("create the folder of", e))?;
        }
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&full);
        match file {
            Ok(mut file) => file
                .write_all(outcome.text.as_bytes())
                .map(|()| Status::Written)
                .map_err(|e| io_error("write", e)),
            // Not a briefing the site reads (a hidden file, say), but never overwritten either.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                Ok(Status::Taken(outcome.path.clone()))
            }
            Err(e) => Err(io_error("create", e)),
        }
    }
}

/// The slug a briefing's URL is made from: its file name without the extension.
fn stem_slug(path: &Path) -> String {
    slugify(&path.file_stem().unwrap_or_default().to_string_lossy())
}

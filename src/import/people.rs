//! Who the site already knows, by name or alias, and whom a "Who else cares?" answer mentions.
//!
//! The site knows a person from a profile (name and aliases), from a briefing that names them
//! (as `subject` or in `who-else-cares`), or, during an import, as the subject of another post
//! of the same run. Names are compared word by word through their slugs, as the build compares
//! them, so case, accents and hyphens do not matter but whole words do: "Blinken" alone is not
//! "Antony Blinken". A link to a person's page (`text (https://…/people/<slug>/)`, as export
//! writes links) names that person too. Capitalised names the site does not know are only
//! reported, never guessed into `who-else-cares`.

use std::collections::HashMap;

use crate::model::{ParsedBriefing, Person};
use crate::slug::slugify;

/// Index of a person in [`People`].
pub(super) type PersonId = usize;

/// Everyone the site knows.
#[derive(Debug, Default)]
pub(super) struct People {
    /// The name to write for each person: a profile's name, else as first met.
    names: Vec<String>,
    /// Every name and alias as words (slugs), with its person.
    spellings: Vec<(Vec<String>, PersonId)>,
    by_slug: HashMap<String, PersonId>,
    /// Whether each person has a profile.
    profiled: Vec<bool>,
    /// The address person pages start with (`https://org.github.io/briefings/people/`).
    pages: Option<String>,
}

/// The people a text names.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Mentions {
    /// Known people, in the order the text first names them.
    pub known: Vec<PersonId>,
    /// Names that look like people's but that the site does not know.
    pub unknown: Vec<String>,
}

impl People {
    /// Profiles, then the names briefings give; `pages` is where person pages are.
    pub(super) fn new(
        profiles: &[Person],
        briefings: &[ParsedBriefing],
        pages: Option<String>,
    ) -> Self {
        let mut people = People {
            pages,
            ..People::default()
        };
        for profile in profiles {
            let id = people.names.len();
            people.names.push(profile.name.clone());
            people.profiled.push(true);
            for name in std::iter::once(&profile.name).chain(&profile.aliases) {
                people.spell(name, id);
            }
        }
        for briefing in briefings {
            people.learn(&briefing.subject);
            for name in &briefing.who_else_cares {
                people.learn(name);
            }
        }
        people
    }

    /// The person `name` is a name or alias of, as the build resolves it (by slug).
    pub(super) fn find(&self, name: &str) -> Option<PersonId> {
        self.by_slug.get(&slugify(name)).copied()
    }

    /// The person `name` names, known from now on if they were not.
    pub(super) fn learn(&mut self, name: &str) -> PersonId {
        if let Some(id) = self.find(name) {
            return id;
        }
        let id = self.names.len();
        self.names.push(name.trim().to_owned());
        self.profiled.push(false);
        self.spell(name, id);
        id
    }

    /// The name to write for `id`.
    pub(super) fn name(&self, id: PersonId) -> &str {
        &self.names[id]
    }

    /// `name` as the site writes it: a profile's own name for one of its aliases.
    pub(super) fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        match self.find(name) {
            Some(id) if self.profiled[id] => &self.names[id],
            _ => name,
        }
    }

    fn spell(&mut self, name: &str, id: PersonId) {
        let words = tokens(name);
        if words.is_empty() {
            return;
        }
        self.by_slug.entry(slugify(name)).or_insert(id);
        self.spellings.push((words, id));
    }

    /// The people `text` names, except `subject`.
    pub(super) fn mentioned(&self, text: &str, subject: Option<PersonId>) -> Mentions {
        let words = words(text, self.pages.as_deref());
        let flat: Vec<(&str, usize)> = (words.iter().enumerate())
            .flat_map(|(n, w)| w.tokens.iter().map(move |t| (t.as_str(), n)))
            .collect();
        let mut covered = vec![false; words.len()];
        // Each person named, with the word that names them.
        let mut named: Vec<(usize, PersonId)> = (words.iter().enumerate())
            .filter_map(|(n, w)| Some((n, self.find(w.page.as_deref()?)?)))
            .collect();
        let mut at = 0;
        while at < flat.len() {
            let word_start = at == 0 || flat[at - 1].1 != flat[at].1;
            let longest = (self.spellings.iter())
                .filter(|(spelling, _)| word_start && matches(&flat, at, spelling))
                .max_by_key(|(spelling, _)| spelling.len());
            let Some((spelling, id)) = longest else {
                at += 1;
                continue;
            };
            for &(_, word) in &flat[at..at + spelling.len()] {
                covered[word] = true;
            }
            named.push((flat[at].1, *id));
            at += spelling.len();
        }
        named.sort_by_key(|&(word, _)| word);
        let mut known: Vec<PersonId> = Vec::new();
        for (_, id) in named {
            if Some(id) != subject && !known.contains(&id) {
                known.push(id);
            }
        }
        Mentions {
            known,
            unknown: unknown_names(&words, &covered),
        }
    }
}

/// Whether `spelling` is at `at` in `flat` (tokens and their words), ending where a word ends.
fn matches(flat: &[(&str, usize)], at: usize, spelling: &[String]) -> bool {
    let end = at + spelling.len();
    end <= flat.len()
        && flat[at..end].iter().zip(spelling).all(|((t, _), s)| t == s)
        && (end == flat.len() || flat[end].1 != flat[end - 1].1)
}

/// A word of a text, as compared and as shown.
#[derive(Debug)]
struct Word {
    /// Without surrounding punctuation or a possessive `'s`.
    text: String,
    tokens: Vec<String>,
    /// Punctuation before it (`(`, `“`) ends the name before it.
    breaks_before: bool,
    /// Punctuation or a possessive after it ends the name it is in.
    breaks_after: bool,
    /// The slug of the person page it is a link to.
    page: Option<String>,
}

/// The words of `text`; a link to a person's page (under `pages`) is a word of its own.
fn words(text: &str, pages: Option<&str>) -> Vec<Word> {
    let mut words = Vec::new();
    for piece in text.split_whitespace() {
        if let Some(slug) = pages.and_then(|pages| page_slug(piece, pages)) {
            words.push(Word {
                text: String::new(),
                tokens: Vec::new(),
                breaks_before: true,
                breaks_after: true,
                page: Some(slug.to_owned()),
            });
            continue;
        }
        let core = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            if let Some(last) = words.last_mut() {
                let last: &mut Word = last;
                last.breaks_after = true;
            }
            continue;
        }
        let possessive = ["'s", "’s"].iter().find_map(|s| core.strip_suffix(s));
        let text = possessive.unwrap_or(core);
        words.push(Word {
            text: text.to_owned(),
            tokens: tokens(text),
            breaks_before: !piece.starts_with(core),
            breaks_after: possessive.is_some() || !piece.ends_with(core),
            page: None,
        });
    }
    words
}

/// `sergey-lavrov` in `(https://org.github.io/briefings/people/sergey-lavrov/)`.
fn page_slug<'a>(piece: &'a str, pages: &str) -> Option<&'a str> {
    let at = piece.find(pages)?;
    let (slug, _) = piece[at + pages.len()..].split_once('/')?;
    (!slug.is_empty()).then_some(slug)
}

/// A name's words as compared: slugs, hyphens splitting words.
fn tokens(name: &str) -> Vec<String> {
    name.split_whitespace()
        .flat_map(|word| {
            let slug = slugify(word);
            slug.split('-')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Words that start a run of capitalised words without being part of a name.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "a", "after", "also", "ambassador", "an", "and", "as", "at", "before", "both", "but", "by",
    "chancellor", "chief", "commissioner", "defence", "defense", "deputy", "director", "dr",
    "even", "finance", "for", "foreign", "former", "from", "general", "governor", "if", "in",
    "king", "leader", "meanwhile", "minister", "mr", "mrs", "ms", "new", "not", "of", "on",
    "only", "or", "pope", "premier", "president", "prime", "prince", "princess", "queen",
    "secretary", "senator", "since", "sir", "so", "speaker", "spokesman", "spokesperson",
    "spokeswoman", "state", "the", "then", "these", "this", "those", "to", "vice", "when",
    "while", "with", "yet",
];

/// Runs of two or more capitalised words not covered by a known name: `Sergei Ryabkov`, or
/// `President Vladimir Putin` without its title.
fn unknown_names(words: &[Word], covered: &[bool]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        let first = run
            .iter()
            .position(|w| !NOT_NAMES.contains(&w.to_lowercase().as_str()))
            .unwrap_or(run.len());
        let name = run[first..].join(" ");
        if run.len() - first >= 2 && !names.iter().any(|n| slugify(n) == slugify(&name)) {
            names.push(name);
        }
        run.clear();
    };
    for (word, &covered) in words.iter().zip(covered) {
        // Capitalised, but not all capitals: `Putin`, not `NATO` or `A`.
        let mut letters = word.text.chars().filter(|c| c.is_alphabetic());
        let capitalised =
            letters.next().is_some_and(char::is_uppercase) && !letters.all(char::is_uppercase);
        if covered || !capitalised || word.breaks_before {
            flush(&mut run);
        }
        if !covered && capitalised {
            run.push(&word.text);
        }
        if word.breaks_after {
            flush(&mut run);
        }
    }
    flush(&mut run);
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(names: &[&str]) -> People {
        let mut people = People {
            pages: Some("https://x.org/sub/people/".to_owned()),
            ..People::default()
        };
        for name in names {
            people.learn(name);
        }
        people
    }

    fn named(people: &People, text: &str) -> (Vec<String>, Vec<String>) {
        let mentions = people.mentioned(text, people.find("Sergey Lavrov"));
        let known = mentions.known.iter().map(|&id| people.name(id).to_owned());
        (known.collect(), mentions.unknown)
    }

    #[test]
    fn known_names_are_matched_whole_and_in_order() {
        let people = people(&[
            "Antony Blinken",
            "Kassym-Jomart Tokayev",
            "Sergey Lavrov",
            "Wendy Sherman",
        ]);
        let (known, unknown) = named(
            &people,
            "Wendy Sherman, whose phrasing Lavrov picked apart. And ANTONY BLINKEN’s aide, \
             Kassym Jomart Tokayev, and Sergey Lavrov himself. Sherman again.",
        );
        assert_eq!(
            known,
            ["Wendy Sherman", "Antony Blinken", "Kassym-Jomart Tokayev"]
        );
        assert_eq!(unknown, Vec::<String>::new());
    }

    #[test]
    fn a_link_to_a_person_page_of_the_site_names_that_person() {
        let people = people(&["Antony Blinken", "Sergey Lavrov", "Wendy Sherman"]);
        let mentions = people.mentioned(
            "Antony Blinken, and Lavrov (https://x.org/sub/people/sergey-lavrov/), obviously. \
             Not Sherman (https://elsewhere.org/people/wendy-sherman/).",
            None,
        );
        let known: Vec<&str> = mentions.known.iter().map(|&id| people.name(id)).collect();
        assert_eq!(known, ["Antony Blinken", "Sergey Lavrov"]);
    }

    #[test]
    fn unknown_names_are_runs_of_capitalised_words_without_titles() {
        let people = people(&["Antony Blinken"]);
        let (known, unknown) = named(
            &people,
            "Antony Blinken. Sergei Ryabkov, who says “as the minister said”. And Vladimir \
             Putin’s adviser. Russia’s President Vladimir Putin. NATO Secretary General Jens \
             Stoltenberg, at the White House (Washington).",
        );
        assert_eq!(known, ["Antony Blinken"]);
        assert_eq!(
            unknown,
            [
                "Sergei Ryabkov",
                "Vladimir Putin",
                "Jens Stoltenberg",
                "White House"
            ]
        );
    }
}

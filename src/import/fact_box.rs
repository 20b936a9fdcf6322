//! The fact box of a post: `Name?`, `Westphalian identity?` (one nationality or several, joined
//! by "/", "," or "and") and `Age?`, each answered on its own line.

use super::reader::{Line, Reader};
use crate::diagnostic::codes::{E0104, E0106, E0107, E0113};
use crate::slug::slugify;

/// The questions of the fact box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fact {
    Name,
    Identity,
    Age,
}

pub(super) const FACTS: [(Fact, &str); 3] = [
    (Fact::Name, "Name?"),
    (Fact::Identity, "Westphalian identity?"),
    (Fact::Age, "Age?"),
];

/// The fact box's answers as met, by [`Fact`], each with its line.
pub(super) type Answers<'a> = [Option<(Line<'a>, &'a str)>; 3];

/// The subject's name, nationalities and age, from the fact box.
pub(super) fn read(
    reader: &mut Reader,
    headline: Line,
    facts: &Answers,
) -> (Option<String>, Option<Vec<String>>, Option<u32>) {
    let mut answers: [Option<(Line, &str)>; 3] = [None; 3];
    for (fact, question) in FACTS {
        match facts[fact as usize] {
            None => {
                let message = format!("the post has no `{question}`");
                let help = format!("add a line `{question} …` to the fact box, after the caption");
                reader.error(E0104, headline, headline.text, message, &help);
            }
            Some((line, rest)) if rest.trim().is_empty() => {
                let message = format!("`{question}` has no answer");
                let help = format!("write the answer on the same line, after `{question}`");
                reader.error(E0106, line, line.text, message, &help);
            }
            Some((line, rest)) => answers[fact as usize] = Some((line, rest.trim())),
        }
    }
    let name = answers[Fact::Name as usize].and_then(|(line, name)| named(reader, line, name));
    let nationality = answers[Fact::Identity as usize].and_then(|(line, text)| {
        let all: Vec<Option<String>> = nationalities(text)
            .into_iter()
            .map(|n| named(reader, line, &n))
            .collect();
        all.into_iter()
            .collect::<Option<Vec<_>>>()
            .filter(|n| !n.is_empty())
    });
    let age = answers[Fact::Age as usize].and_then(|(line, text)| {
        let age = text.trim_end_matches('.');
        match age.parse::<u32>() {
            Ok(n) if n <= 150 && age.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => {
                let message = format!("`Age?` should be a number of years, not `{text}`");
                reader.error(E0107, line, text, message, E0107.help());
                None
            }
        }
    });
    (name, nationality, age)
}

/// `name` if it can make a URL.
fn named(reader: &mut Reader, line: Line, name: &str) -> Option<String> {
    if slugify(name).is_empty() {
        let message = format!("`{name}` has no letter or digit to make a URL from");
        reader.error(E0113, line, line.text, message, "write the name in letters");
        return None;
    }
    Some(name.to_owned())
}

/// `Russian / Ukrainian`, `Russian and Ukrainian`, `Russian, Ukrainian`: one name each.
fn nationalities(text: &str) -> Vec<String> {
    text.split(['/', ','])
        .flat_map(|part| {
            let words: Vec<&str> = part.split_whitespace().collect();
            words
                .split(|w| w.eq_ignore_ascii_case("and") || *w == "&")
                .map(|words| words.join(" "))
                .collect::<Vec<_>>()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nationalities_split_on_slashes_commas_and_and() {
        assert_eq!(nationalities("Russian"), ["Russian"]);
        assert_eq!(
            nationalities("Bosnian / Croatian and Serbian, Irish"),
            ["Bosnian", "Croatian", "Serbian", "Irish"]
        );
    }
}

//! Collecting the problems of one front-matter block, each pointed at the key it concerns.
//! Briefings and profiles share these checks; each adds its own in its module.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;

use super::parse_date;
use crate::diagnostic::codes::{E0010, E0011, E0016, E0050, E0068};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::front_matter::{self, KeyIndex, Yaml, scalar_text};
use crate::slug::slugify;

/// What `brief new` writes where a member has to write something.
pub(super) const PLACEHOLDER: &str = "FILL IN";

pub(super) struct Checker<'a> {
    pub path: &'a Path,
    pub keys: &'a KeyIndex,
    text: &'a str,
    diagnostics: Diagnostics,
    /// Keys that an unknown key was probably meant to be: their absence is already explained.
    misspelt: Vec<String>,
    /// How many of `diagnostics` (the first) are mistakes found reading the YAML.
    from_reading: usize,
}

impl<'a> Checker<'a> {
    pub(super) fn new(path: &'a Path, text: &'a str, keys: &'a KeyIndex) -> Self {
        Checker {
            path,
            keys,
            text,
            diagnostics: Diagnostics::new(),
            misspelt: Vec::new(),
            from_reading: 0,
        }
    }

    /// Every problem found, one to a spot: where a `FILL IN` is left, that is the line's
    /// problem, and what is wrong with the placeholder as a value is not said as well; where
    /// the YAML has a mistake, that is the problem, not the value read from the line's repair.
    pub(super) fn finish(self) -> Diagnostics {
        let all: Vec<Diagnostic> = self.diagnostics.into_iter().collect();
        let (read, checked) = all.split_at(self.from_reading);
        let placeholders: Vec<usize> = (all.iter())
            .filter(|d| d.code == E0050)
            .map(|d| d.line)
            .collect();
        let yaml_mistake = |d: &Diagnostic| {
            read.iter()
                .any(|r| (r.line, r.column) == (d.line, d.column))
        };
        let checked = checked
            .iter()
            .filter(|d| d.code == E0050 || !yaml_mistake(d));
        (read.iter().chain(checked))
            .filter(|d| d.code == E0050 || !placeholders.contains(&d.line))
            .cloned()
            .collect()
    }

    /// The problems found reading the block; the keys `left_out` for them are not reported
    /// missing as well.
    pub(super) fn read<T>(&mut self, read: front_matter::Read<T>) -> Option<T> {
        self.diagnostics.extend(read.diagnostics);
        self.from_reading = self.diagnostics.iter().count();
        self.misspelt.extend(read.left_out);
        read.value
    }

    /// Adds problems found before the block was read (characters left out of the file).
    pub(super) fn extend(&mut self, found: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(found);
    }

    /// The names `value` holds (see [`front_matter::names`]), or none and an error.
    pub(super) fn names(&mut self, key: &str, value: Option<Yaml>) -> Vec<String> {
        match value.map(front_matter::names) {
            None => Vec::new(),
            Some(Ok(names)) => names,
            Some(Err(what)) => {
                let message = format!("`{key}` must be a name or a list of names, not {what}");
                let help = format!(
                    "write one name, names separated by commas, or a list: `{key}: [Germany, energy]`"
                );
                self.key_error(key, E0068, message, &help);
                Vec::new()
            }
        }
    }

    /// Reports each key the schema does not have, suggesting the one likely meant.
    pub(super) fn unknown_keys(
        &mut self,
        unknown: &BTreeMap<String, Yaml>,
        known: &[&'static str],
    ) {
        for key in unknown.keys() {
            let line = self.keys.locate(key).0;
            let error = front_matter::unknown_key(self.path, key, known).at(line, 1);
            self.diagnostics.push(error.with_snippet_from(self.text));
            self.misspelt
                .extend(front_matter::suggest(key, known).map(str::to_owned));
        }
    }

    pub(super) fn missing(&mut self, key: &str, message: String, help: &str) {
        if !self.misspelt.iter().any(|explained| explained == key) {
            self.key_error(key, E0010, message, help);
        }
    }

    pub(super) fn key_error(&mut self, key: &str, code: Code, message: String, help: &str) {
        let (line, column) = self.keys.locate(key);
        self.push_at((line, column), code, message, help);
    }

    pub(super) fn push_at(
        &mut self,
        (line, column): (usize, usize),
        code: Code,
        message: String,
        help: &str,
    ) {
        let diagnostic = Diagnostic::error(code, self.path, message)
            .at(line, column)
            .with_help(help);
        self.diagnostics
            .push(diagnostic.with_snippet_from(self.text));
    }

    pub(super) fn file_error(&mut self, code: Code, message: &str, help: &str) {
        self.diagnostics
            .push(Diagnostic::error(code, self.path, message).with_help(help));
    }

    /// Every `FILL IN` that `brief new` left and nobody replaced: such a file is not ready.
    pub(super) fn placeholders(&mut self) {
        for (n, line) in self.text.lines().enumerate() {
            if let Some(column) = line.find(PLACEHOLDER) {
                let column = line[..column].chars().count() + 1;
                let message = E0050.title().to_owned();
                self.push_at((n + 1, column), E0050, message, E0050.help());
            }
        }
    }

    /// A required, non-empty text.
    pub(super) fn required_text(&mut self, key: &str, value: Option<String>) -> Option<String> {
        let value = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        if value.is_none() {
            let help = format!("add a line `{key}: ...` to the front matter");
            self.missing(
                key,
                format!("the required key `{key}` is missing or empty"),
                &help,
            );
        }
        value
    }

    /// A required name, which must also make a URL.
    pub(super) fn required_name(&mut self, key: &str, value: Option<String>) -> Option<String> {
        let name = self.required_text(key, value)?;
        self.names_make_urls(key, std::slice::from_ref(&name));
        Some(name)
    }

    /// Names that become pages or are matched by slug need a letter or digit.
    pub(super) fn names_make_urls(&mut self, key: &str, names: &[String]) {
        for name in names.iter().filter(|n| slugify(n).is_empty()) {
            let message = format!("`{name}` in `{key}` has no letter or digit to make a URL from");
            self.key_error(
                key,
                E0016,
                message,
                "write it in words, e.g. `nato` or `Sergey Lavrov`",
            );
        }
    }

    /// A `YYYY-MM-DD` date, at `at` or else at `key`.
    pub(super) fn date_value(
        &mut self,
        value: Yaml,
        key: &str,
        at: Option<(usize, usize)>,
    ) -> Option<Date> {
        let text = scalar_text(&value);
        match parse_date(&text) {
            Ok(date) => Some(date),
            Err(why) => {
                let at = at.unwrap_or_else(|| self.keys.locate(key));
                let message = format!("`{text}` is not a valid date: {why}");
                self.push_at(at, E0011, message, &date_help(&text));
                None
            }
        }
    }
}

/// How to write `text`, which is not a `YYYY-MM-DD` date, as one: the date itself when the
/// text is another common way of writing a day, else the shape.
pub(crate) fn date_help(text: &str) -> String {
    match guess_date(text) {
        Some(date) => format!("did you mean `{date}`? Dates are written year, month, day"),
        None if parse_date(text).is_err() && text.trim().split('-').count() == 3 => {
            "check the day and the month: dates are written year, month, day (YYYY-MM-DD)".into()
        }
        None => "write the date as year, month and day, joined by hyphens: YYYY-MM-DD".into(),
    }
}

/// The day meant by a date written another common way: `14.01.2022`, `14/01/2022`,
/// `2022/01/14`, `14 January 2022`, `January 14, 2022` (with `14th`, `Jan`, a weekday). Day
/// before month when only numbers are given, as in Europe.
fn guess_date(text: &str) -> Option<Date> {
    let mut numbers: Vec<&str> = Vec::new();
    let mut month = None;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = &word[digits.len()..].to_lowercase();
        if !digits.is_empty() && ["", "st", "nd", "rd", "th"].contains(&suffix.as_str()) {
            numbers.push(digits);
        } else if let Some(n) = month_number(word) {
            if month.replace(n).is_some() {
                return None;
            }
        } else if !is_weekday(word) {
            return None;
        }
    }
    let year = |n: &str| (n.len() == 4).then(|| n.parse::<i16>().ok()).flatten();
    let small = |n: &str| (n.len() <= 2).then(|| n.parse::<i8>().ok()).flatten();
    let (y, m, d) = match (month, numbers.as_slice()) {
        (Some(m), [a, b]) if a.len() == 4 => (year(a)?, m, small(b)?),
        (Some(m), [a, b]) => (year(b)?, m, small(a)?),
        (None, [a, b, c]) if a.len() == 4 => (year(a)?, small(b)?, small(c)?),
        (None, [a, b, c]) => (year(c)?, small(b)?, small(a)?),
        _ => return None,
    };
    Date::new(y, m, d).ok()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `January`, `jan`, `Sept` → its number.
fn month_number(word: &str) -> Option<i8> {
    let word = word.to_lowercase();
    let position = MONTHS.iter().position(|m| m.starts_with(&word));
    position.filter(|_| word.len() >= 3).map(|n| n as i8 + 1)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = word.to_lowercase();
    word.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&word))
}

#[cfg(test)]
mod tests {
    use super::guess_date;

    #[test]
    fn common_ways_of_writing_a_day_are_understood() {
        for text in [
            "14.01.2022",
            "14/01/2022",
            "14-1-2022",
            "2022/01/14",
            "2022.1.14",
            "14 January 2022",
            "14th Jan 2022",
            "January 14, 2022",
            "Friday, January 14th, 2022",
        ] {
            assert_eq!(guess_date(text), "2022-01-14".parse().ok(), "{text}");
        }
        for text in [
            "31/02/2022",
            "soon",
            "14 January",
            "2022",
            "14.01.22",
            "January 14 March 2022",
        ] {
            assert_eq!(guess_date(text), None, "{text}");
        }
    }
}

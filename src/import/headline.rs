//! A post's dated headline, `Friday (January 14th): Russia's fading patience`, and the date it
//! stands for. A post names a weekday, a month and a day but never a year: unless the user gives
//! one, the year is the latest, not in the future, whose calendar puts that day on that weekday.

use jiff::civil::{Date, Weekday};

/// A headline as read: the day it names and the briefing's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Headline {
    pub weekday: Weekday,
    pub month: i8,
    pub day: i8,
    pub title: String,
}

/// How far back a year is looked for when the user gives none.
const YEARS_BACK: i16 = 30;

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Monday),
    ("Tuesday", Weekday::Tuesday),
    ("Wednesday", Weekday::Wednesday),
    ("Thursday", Weekday::Thursday),
    ("Friday", Weekday::Friday),
    ("Saturday", Weekday::Saturday),
    ("Sunday", Weekday::Sunday),
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `line` is meant as a headline: a weekday (or a word ending in "day", a weekday
/// misspelt), then `(…)` and a colon. Such a line starts a new post even when it then fails to
/// parse, so that the error names it.
pub(super) fn looks_like_headline(line: &str) -> bool {
    let line = line.trim_start();
    let word_end = line
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(line.len());
    let word = &line[..word_end];
    let rest = line[word_end..].trim_start_matches([',', '.', ' ', '\t']);
    (weekday(word).is_some() || word.to_lowercase().ends_with("day"))
        && rest.starts_with('(')
        && rest
            .find(')')
            .is_some_and(|close| rest[close + 1..].trim_start().starts_with(':'))
}

/// Reads a headline; the error says what is wrong with it, in words.
pub(super) fn parse(line: &str) -> Result<Headline, String> {
    let line = line.trim();
    let word_end = line
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(line.len());
    let word = &line[..word_end];
    let weekday = weekday(word).ok_or_else(|| {
        format!("a headline starts with the day of the week, and `{word}` is not one")
    })?;
    let rest = line[word_end..].trim_start_matches([',', '.', ' ', '\t']);
    let rest = rest
        .strip_prefix('(')
        .ok_or("the weekday should be followed by the date in brackets")?;
    let close = rest.find(')').ok_or("the date's bracket is never closed")?;
    let (month, day) = month_and_day(rest[..close].trim())?;
    let title = rest[close + 1..]
        .trim_start()
        .strip_prefix(':')
        .ok_or("the date should be followed by a colon, then the headline")?
        .trim();
    if title.is_empty() {
        return Err("there is no headline after the date".to_owned());
    }
    Ok(Headline {
        weekday,
        month,
        day,
        title: title.to_owned(),
    })
}

/// `January 14th` (or `14th January`), the ordinal suffix optional.
fn month_and_day(text: &str) -> Result<(i8, i8), String> {
    let expected = || format!("`{text}` is not a date written like `January 14th`");
    let words: Vec<&str> = text.split_whitespace().collect();
    let [first, second] = words[..] else {
        return Err(expected());
    };
    let (month, day) = match (month(first), month(second)) {
        (Some(month), None) => (month, second),
        (None, Some(month)) => (month, first),
        _ => return Err(expected()),
    };
    let digits = day.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = day[digits.len()..].to_ascii_lowercase();
    let valid = ["", "st", "nd", "rd", "th"].contains(&suffix.as_str())
        && digits.len() <= 2
        && digits.bytes().all(|b| b.is_ascii_digit());
    match digits.parse::<i8>() {
        Ok(day) if valid => Ok((month, day)),
        _ => Err(expected()),
    }
}

/// The weekday `word` names: in full, or cut short to three letters or more (`Fri`, `Thurs`).
fn weekday(word: &str) -> Option<Weekday> {
    let word = word.to_lowercase();
    WEEKDAYS
        .iter()
        .find(|(name, _)| word.len() >= 3 && name.to_lowercase().starts_with(&word))
        .map(|&(_, weekday)| weekday)
}

/// The month `word` names (1-based), in full or cut short to three letters or more.
fn month(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|name| word.len() >= 3 && name.to_lowercase().starts_with(&word))
        .map(|index| index as i8 + 1)
}

/// The date a headline stands for, and how its year was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Dated {
    pub date: Date,
    /// The year was chosen from the weekday, not given: the user should be told.
    pub inferred: bool,
    /// The weekday the given year puts the date on, when it is not the headline's.
    pub mismatch: Option<Weekday>,
}

/// Why a headline has no date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DateProblem {
    /// No calendar has that day (`February 30th`), or not the given year's (`February 29th`).
    NoSuchDay(String),
    /// No year of the last thirty puts that day on that weekday.
    NoYear(String),
}

/// The date of `headline` in `year`, or else in the latest year not after `today` whose
/// calendar puts the day on the headline's weekday.
pub(super) fn date(
    headline: &Headline,
    year: Option<i16>,
    today: Date,
) -> Result<Dated, DateProblem> {
    let month_name = MONTHS[headline.month as usize - 1];
    if Date::new(2000, headline.month, headline.day).is_err() {
        return Err(DateProblem::NoSuchDay(format!(
            "{month_name} has no day {}",
            headline.day
        )));
    }
    if let Some(year) = year {
        let date = Date::new(year, headline.month, headline.day).map_err(|_| {
            DateProblem::NoSuchDay(format!("{month_name} {year} has no day {}", headline.day))
        })?;
        let weekday = date.weekday();
        return Ok(Dated {
            date,
            inferred: false,
            mismatch: (weekday != headline.weekday).then_some(weekday),
        });
    }
    (today.year() - YEARS_BACK..=today.year())
        .rev()
        .filter_map(|year| Date::new(year, headline.month, headline.day).ok())
        .find(|date| *date <= today && date.weekday() == headline.weekday)
        .map(|date| Dated {
            date,
            inferred: true,
            mismatch: None,
        })
        .ok_or_else(|| {
            DateProblem::NoYear(format!(
                "no year of the last {YEARS_BACK} has a {}",
                describe(headline.weekday, headline.month, headline.day)
            ))
        })
}

/// `Friday, January 14th`.
pub(super) fn describe(weekday: Weekday, month: i8, day: i8) -> String {
    format!(
        "{}, {} {}",
        weekday_name(weekday),
        MONTHS[month as usize - 1],
        ordinal(day)
    )
}

pub(super) fn weekday_name(weekday: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(_, w)| *w == weekday)
        .map_or("", |(name, _)| name)
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`…
fn ordinal(day: i8) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as day;

    fn headline(text: &str) -> Headline {
        parse(text).unwrap()
    }

    #[test]
    fn reads_the_house_headline_and_its_variants() {
        let expected = Headline {
            weekday: Weekday::Friday,
            month: 1,
            day: 14,
            title: "Russia’s fading patience".to_owned(),
        };
        for text in [
            "Friday (January 14th): Russia’s fading patience",
            "friday (january 14): Russia’s fading patience ",
            "Fri, (14th Jan.) :  Russia’s fading patience",
        ] {
            assert_eq!(headline(text), expected, "{text}");
        }
        assert_eq!(
            headline("Thursday (January 13th): Vienna: a warning").title,
            "Vienna: a warning"
        );
    }

    #[test]
    fn says_what_is_wrong_with_a_headline() {
        assert_eq!(
            parse("Friday (14/01): x").unwrap_err(),
            "`14/01` is not a date written like `January 14th`"
        );
        assert_eq!(
            parse("Friday (January 14th) x").unwrap_err(),
            "the date should be followed by a colon, then the headline"
        );
        assert_eq!(
            parse("Friday (January 14th):  ").unwrap_err(),
            "there is no headline after the date"
        );
        assert_eq!(
            parse("Fryday (January 14th): x").unwrap_err(),
            "a headline starts with the day of the week, and `Fryday` is not one"
        );
    }

    #[test]
    fn only_weekday_bracket_colon_lines_look_like_headlines() {
        assert!(looks_like_headline("Friday (14/01): x"));
        assert!(looks_like_headline("Sat (Jan 15th) : x"));
        assert!(!looks_like_headline("Friday was calm."));
        assert!(!looks_like_headline("Friday (the 14th) was calm: x"));
        assert!(looks_like_headline("Fryday (January 14th): x"));
        assert!(!looks_like_headline("Geneva (Switzerland): talks"));
    }

    #[test]
    fn the_year_is_the_latest_that_fits_the_weekday() {
        let friday = headline("Friday (January 14th): x");
        let found = date(&friday, None, day(2026, 11, 23)).unwrap();
        assert_eq!((found.date, found.inferred), (day(2022, 1, 14), true));
        // Not in the future: on 13 January 2022, the latest such Friday was in 2011.
        let found = date(&friday, None, day(2022, 1, 13)).unwrap();
        assert_eq!(found.date, day(2011, 1, 14));
        let leap = headline("Thursday (February 29th): x");
        assert_eq!(
            date(&leap, None, day(2026, 11, 23)).unwrap().date,
            day(2024, 2, 29)
        );
    }

    #[test]
    fn a_given_year_wins_but_a_wrong_weekday_is_told() {
        let friday = headline("Friday (January 14th): x");
        let found = date(&friday, Some(2023), day(2026, 11, 23)).unwrap();
        assert_eq!(found.date, day(2023, 1, 14));
        assert_eq!(found.mismatch, Some(Weekday::Saturday));
        assert!(!found.inferred);
    }

    #[test]
    fn impossible_days_and_weekdays_are_problems() {
        let today = day(2026, 11, 23);
        let problem = |text: &str, year| date(&headline(text), year, today).unwrap_err();
        assert_eq!(
            problem("Monday (February 30th): x", None),
            DateProblem::NoSuchDay("February has no day 30".into())
        );
        assert_eq!(
            problem("Monday (February 29th): x", Some(2023)),
            DateProblem::NoSuchDay("February 2023 has no day 29".into())
        );
        // 2100 is no leap year, so the leap days of 2080–2110 miss Monday and Saturday.
        assert_eq!(
            date(
                &headline("Monday (February 29th): x"),
                None,
                day(2110, 6, 1)
            )
            .unwrap_err(),
            DateProblem::NoYear("no year of the last 30 has a Monday, February 29th".into())
        );
    }

    #[test]
    fn ordinals() {
        let all: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            all,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"
            ]
        );
    }
}

//! The site as a linked model: briefings, people, tags and nationalities, resolved and sorted.
//!
//! Built from parsed files by [`Site::assemble`]; after that, stages only read it (and the
//! Markdown stage fills in each body's HTML once).

mod briefing;
mod broken;
mod checker;
mod person;
mod registry;
mod renumbering;
mod site;
mod term;

pub(crate) use briefing::Briefing;
pub use briefing::{ParsedBriefing, Source, parse as parse_briefing};
pub(crate) use broken::Broken;
pub(crate) use checker::date_help;
pub use person::{Person, parse as parse_person};
pub(crate) use renumbering::Renumbering;
pub use site::BuildOptions;
pub(crate) use site::{BriefingLinks, Links, dedup, settle_age, settle_nationality};
pub(crate) use site::{Linkage, Site};
pub(crate) use term::{Term, TermKind};

use jiff::civil::Date;

/// Index of a briefing in [`Site::briefings`].
pub type BriefingId = usize;
/// Index of a person in [`Site::people`].
pub type PersonId = usize;
/// Index of a tag or nationality in its list on [`Site`].
pub type TermId = usize;

/// Parses `YYYY-MM-DD`, saying in words what is wrong with an impossible date.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let numbers: Vec<i32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let shaped =
        parts.len() == 3 && parts[0].len() == 4 && parts[1].len() == 2 && parts[2].len() == 2;
    if !shaped || numbers.len() != 3 {
        return Err("dates are written YYYY-MM-DD".to_owned());
    }
    let (year, month, day) = (numbers[0], numbers[1], numbers[2]);
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    Date::new(year as i16, month as i8, day as i8).map_err(|_| {
        let month_name = Date::new(2000, month as i8, 1)
            .map(|d| d.strftime("%B").to_string())
            .unwrap_or_default();
        format!("{month_name} {year} has no day {day}")
    })
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn impossible_dates_are_explained() {
        assert_eq!(
            parse_date("2022-02-30").unwrap_err(),
            "February 2022 has no day 30"
        );
        assert_eq!(
            parse_date("2022-13-01").unwrap_err(),
            "there is no month 13"
        );
        assert_eq!(
            parse_date("13/01/2022").unwrap_err(),
            "dates are written YYYY-MM-DD"
        );
        assert!(parse_date("2024-02-29").is_ok());
    }
}

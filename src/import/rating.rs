//! The care rating a post gives in its answers: exactly one `N/10`, from 0 to 10 ("You should
//! care 6/10"), not counting dates and addresses (`2022/01/10/`).

use super::post::{Draft, Question};
use super::reader::{Line, Reader};
use crate::diagnostic::codes::{E0108, E0109, E0110};

/// The one care rating (`N/10`) the answers give.
pub(super) fn read(reader: &mut Reader, sections: &[Draft]) -> Option<u8> {
    let mut found: Option<(Line, u32)> = None;
    let mut valid = true;
    for line in sections.iter().flat_map(|s| &s.lines) {
        for (at, rating) in ratings(line.text) {
            let written = &line.text[at..];
            if rating > 10 {
                valid = false;
                let message =
                    format!("`{rating}/10` is not a care rating: ratings go from 0 to 10");
                reader.error(E0110, *line, written, message, E0110.help());
                continue;
            }
            match found {
                Some((_, first)) if first == rating => {}
                Some((first_line, first)) => {
                    valid = false;
                    let message = format!(
                        "a second care rating, {rating}/10, after {first}/10 on line {}",
                        first_line.number
                    );
                    let help = E0109.help();
                    reader.error(E0109, *line, written, message, help);
                }
                None => found = Some((*line, rating)),
            }
        }
    }
    let asked = sections.iter().find(|s| s.question == Question::YouCare);
    // Without the question, its missing answer is the error to report.
    if let (None, true, Some(asked)) = (found, valid, asked) {
        let help = E0108.help();
        let message = E0108.title().to_owned();
        reader.error(E0108, asked.line, asked.line.text, message, help);
    }
    found.filter(|_| valid).map(|(_, rating)| rating as u8)
}

/// Every `N/10` in `text` that is a rating, not part of a date or an address (`2022/01/10/`),
/// with its byte offset.
fn ratings(text: &str) -> Vec<(usize, u32)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("/10") {
        let after = text[at + 3..].chars().next();
        if after.is_some_and(|c| c.is_alphanumeric() || c == '/') {
            continue;
        }
        let digits = text[..at].len()
            - text[..at]
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .len();
        let start = at - digits;
        let before = text[..start].chars().next_back();
        if digits == 0
            || digits > 2
            || before.is_some_and(|c| c.is_alphanumeric() || "/.,".contains(c))
        {
            continue;
        }
        if let Ok(rating) = text[start..at].parse() {
            found.push((start, rating));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_found_but_not_in_dates_or_addresses() {
        assert_eq!(ratings("You should care 7/10."), [(16, 7)]);
        assert_eq!(ratings("10/10, or 0/10"), [(0, 10), (10, 0)]);
        assert!(ratings("https://x.org/2022/01/10/a and 2.5/10 and 3/10ths and 100/10").is_empty());
    }
}

//! The briefings tests write: front matter and body put together as a member would save them.
//! Each shape keeps its exact text, since tests assert the lines and columns of problems in it.

/// A body with the five house questions, rated 6/10: no lint has anything to say about it.
pub const HOUSE: &str = "## Why is he in the news?\n\nNews.\n\n## Why do we care?\n\nCare.\n\n## Why should you care?\n\nYou should care 6/10.\n\n## Who else cares?\n\nOthers.\n\n## Any further comments?\n\nNone.\n";

/// A briefing file: `front_matter` (its lines, without the fences), then `body`.
pub fn briefing(front_matter: &str, body: &str) -> String {
    format!("---\n{front_matter}\n---\n{body}")
}

/// A briefing titled T about `subject`, rated 6, with `extra` front-matter lines after the
/// subject (lines 4.. of the file).
pub fn briefing_about(subject: &str, extra: &str, body: &str) -> String {
    briefing(
        &format!("title: T\nsubject: {subject}\n{extra}care-rating: 6"),
        body,
    )
}

/// A briefing titled `title` about `subject` (50, Testish, rated 4, tagged `watch`), dated by
/// its file name.
pub fn briefing_titled(title: &str, subject: &str, body: &str) -> String {
    briefing(
        &format!(
            "title: {title}\nsubject: {subject}\nage: 50\nnationality: Testish\ncare-rating: 4\ntags: [watch]"
        ),
        body,
    )
}

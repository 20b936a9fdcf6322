//! One post in the house's plain-text shape, read into its parts: the dated headline
//! ([`headline`]), the photo caption, the fact box ([`fact_box`]), the five answers and the care
//! rating they give ([`rating`]), the sources and the signature ([`tail`]).
//!
//! Every problem of a post is collected, each with its line in the input file, so that one run
//! shows them all; a post with any error is not imported. What the answers say is kept as
//! written, line by line: turning it into Markdown is `markdown`'s job.

use std::path::Path;

use jiff::civil::Date;

use super::fact_box::{self, FACTS, Fact};
use super::headline::{self, DateProblem, Dated, Headline};
use super::rating;
use super::reader::{Line, Reader};
use super::tail;
use crate::config::HOUSE_QUESTIONS;
use crate::diagnostic::Diagnostics;
use crate::diagnostic::codes::{E0101, E0102, E0103, E0104, E0105, E0111, E0113, W0101};
use crate::slug::slugify;

/// A post whose every part could be read.
#[derive(Debug, Clone)]
pub(super) struct Post {
    /// The line of its headline.
    pub line: usize,
    pub headline: Headline,
    pub dated: Dated,
    /// The photo caption, normally the subject's name.
    pub caption: Option<String>,
    /// The answer to `Name?`, as written.
    pub name: String,
    pub nationality: Vec<String>,
    pub age: u32,
    pub care_rating: u8,
    /// Text between the fact box and the first question, if any.
    pub preamble: Vec<Paragraph>,
    /// The answers, in the order the post gives them.
    pub sections: Vec<Section>,
    pub sources: Vec<Source>,
    /// The signature, split where export joins several authors (`, `).
    pub authors: Vec<String>,
}

/// A paragraph's lines, trimmed.
pub(super) type Paragraph = Vec<String>;

/// One answer, under its question.
#[derive(Debug, Clone)]
pub(super) struct Section {
    pub question: Question,
    /// The question as the heading shows it, pronoun as written (`Why is she in the news?`).
    pub heading: String,
    pub paragraphs: Vec<Paragraph>,
}

/// A news article, read from `- title, publisher (url)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Source {
    pub title: String,
    pub publisher: Option<String>,
    pub url: String,
}

/// The five house questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Question {
    InTheNews,
    WeCare,
    YouCare,
    WhoElse,
    Comments,
}

impl Question {
    pub(super) const ALL: [Question; 5] = [
        Question::InTheNews,
        Question::WeCare,
        Question::YouCare,
        Question::WhoElse,
        Question::Comments,
    ];

    /// The house's wording (`Why is he in the news?` for the first).
    pub(super) fn house(self) -> &'static str {
        HOUSE_QUESTIONS[self as usize]
    }
}

/// What a line starts by asking, and the rest of the line.
enum Asked<'a> {
    Fact(Fact, &'a str),
    House(Question, String, &'a str),
}

/// How a post's year is found.
#[derive(Debug, Clone, Copy)]
pub(super) struct Dating {
    /// Given by the user; otherwise the latest that fits the weekday.
    pub year: Option<i16>,
    pub today: Date,
}

/// A post read, or not, and every problem found in it (warnings too).
#[derive(Debug)]
pub(super) struct Parsed {
    pub post: Option<Post>,
    pub diagnostics: Diagnostics,
}

/// The lines of `text` (LF line endings) cut into posts: each starts at its headline, at the top
/// or after a blank line. Lines before the first post are only blank ones.
pub(super) fn split<'a>(lines: &[Line<'a>]) -> Vec<Vec<Line<'a>>> {
    let mut posts: Vec<Vec<Line>> = Vec::new();
    let mut previous_blank = true;
    for &line in lines {
        let starts =
            posts.is_empty() || (previous_blank && headline::looks_like_headline(line.text));
        if starts && !line.is_blank() {
            posts.push(Vec::new());
        }
        if let Some(post) = posts.last_mut() {
            post.push(line);
        }
        previous_blank = line.is_blank();
    }
    posts
}

/// Reads one post (its lines, the headline first).
pub(super) fn parse(file: &Path, all_lines: &[&str], post: &[Line], dating: Dating) -> Parsed {
    let mut reader = Reader::new(file, all_lines);
    let post = read(&mut reader, post, dating);
    let diagnostics = reader.diagnostics;
    Parsed {
        post: post.filter(|_| !diagnostics.has_errors()),
        diagnostics,
    }
}

/// The parts of a post's body, as met line by line.
#[derive(Default)]
struct Body<'a> {
    caption: Vec<&'a str>,
    facts: fact_box::Answers<'a>,
    /// Lines after the fact box and before the first question (blank ones too).
    preamble: Vec<Line<'a>>,
    sections: Vec<Draft<'a>>,
    /// A blank line has ended the caption.
    caption_done: bool,
    /// Text between the caption and the fact box has been reported.
    stray_reported: bool,
}

/// An answer being read: its question's line, and its lines (blank ones too).
pub(super) struct Draft<'a> {
    pub question: Question,
    pub heading: String,
    pub line: Line<'a>,
    pub lines: Vec<Line<'a>>,
}

fn read(reader: &mut Reader, post: &[Line], dating: Dating) -> Option<Post> {
    let (first, rest) = post.split_first()?;
    if !headline::looks_like_headline(first.text) {
        // Only the top of a file starts a post without a headline: this is text before it.
        let message = "a post starts with its headline, and this is not one".to_owned();
        let help = "start the file with a headline like `Friday (January 14th): Russia's fading patience`, or remove the text before it";
        reader.error(E0101, *first, first.text, message, help);
        return None;
    }
    let headline = read_headline(reader, *first);
    let dated = headline
        .as_ref()
        .and_then(|h| read_date(reader, *first, h, dating));
    let mut body = read_body(reader, rest);
    if body.sections.is_empty() && body.facts.iter().all(Option::is_none) {
        let message = "the post has no fact box and no answers".to_owned();
        let help = E0104.help();
        reader.error(E0104, *first, first.text, message, help);
        return None;
    }
    let (name, nationality, age) = fact_box::read(reader, *first, &body.facts);
    unanswered(reader, *first, &body.sections);
    let tail = match body.sections.last_mut() {
        Some(last) => tail::read(reader, last),
        None => tail::Tail::default(),
    };
    let care_rating = rating::read(reader, &body.sections);
    Some(Post {
        line: first.number,
        headline: headline?,
        dated: dated?,
        caption: (!body.caption.is_empty()).then(|| body.caption.join(" ")),
        name: name?,
        nationality: nationality?,
        age: age?,
        care_rating: care_rating?,
        preamble: paragraphs(&body.preamble),
        sections: body
            .sections
            .iter()
            .map(|draft| Section {
                question: draft.question,
                heading: draft.heading.clone(),
                paragraphs: paragraphs(&draft.lines),
            })
            .collect(),
        sources: tail.sources,
        authors: tail.authors,
    })
}

/// Reports each house question the post does not answer, at its headline.
fn unanswered(reader: &mut Reader, headline: Line, sections: &[Draft]) {
    for question in Question::ALL {
        if !sections.iter().any(|s| s.question == question) {
            let help = match question {
                Question::InTheNews => {
                    "add a paragraph starting `Why is he in the news? …` (or she, or they)"
                        .to_owned()
                }
                _ => format!("add a paragraph starting `{} …`", question.house()),
            };
            let message = format!("the post does not answer `{}`", question.house());
            reader.error(E0104, headline, headline.text, message, &help);
        }
    }
}

fn read_headline(reader: &mut Reader, line: Line) -> Option<Headline> {
    let help = "write the headline like `Friday (January 14th): Russia's fading patience`";
    match headline::parse(line.text) {
        Ok(headline) if slugify(&headline.title).is_empty() => {
            let message = "the headline has no letter or digit to make a file name from";
            reader.error(E0113, line, line.text, message.to_owned(), help);
            None
        }
        Ok(headline) => Some(headline),
        Err(why) => {
            let message = format!("cannot read this headline: {why}");
            reader.error(E0101, line, line.text, message, help);
            None
        }
    }
}

fn read_date(
    reader: &mut Reader,
    line: Line,
    headline: &Headline,
    dating: Dating,
) -> Option<Dated> {
    match headline::date(headline, dating.year, dating.today) {
        Ok(dated) => {
            if let Some(actual) = dated.mismatch {
                let message = format!(
                    "{} is a {}, not a {}",
                    dated.date,
                    headline::weekday_name(actual),
                    headline::weekday_name(headline.weekday)
                );
                let help = W0101.help();
                reader.warning(W0101, line, message, help);
            }
            Some(dated)
        }
        Err(DateProblem::NoSuchDay(why)) => {
            let message = format!("the headline's date does not exist: {why}");
            reader.error(E0102, line, line.text, message, E0102.help());
            None
        }
        Err(DateProblem::NoYear(why)) => {
            let message = format!("the headline's weekday does not fit its date: {why}");
            let help = E0103.help();
            reader.error(E0103, line, line.text, message, help);
            None
        }
    }
}

/// Sorts the lines after the headline into caption, fact box, preamble and answers.
fn read_body<'a>(reader: &mut Reader, lines: &[Line<'a>]) -> Body<'a> {
    let mut body = Body::default();
    for &line in lines {
        let answering = !body.sections.is_empty();
        let in_fact_box = body.facts.iter().any(Option::is_some);
        if line.is_blank() {
            match body.sections.last_mut() {
                Some(draft) => draft.lines.push(line),
                None if in_fact_box => body.preamble.push(line),
                None => body.caption_done |= !body.caption.is_empty(),
            }
            continue;
        }
        match asked(line.text) {
            Some(Asked::Fact(fact, rest)) if !answering => body.fact(reader, line, fact, rest),
            Some(Asked::House(question, heading, rest)) => {
                body.question(reader, line, question, heading, rest)
            }
            _ if answering => body.sections.last_mut().unwrap().lines.push(line),
            _ if in_fact_box => body.preamble.push(line),
            _ if !body.caption_done => body.caption.push(line.text.trim()),
            _ if !body.stray_reported => {
                body.stray_reported = true;
                let message = "expected `Name? …` here".to_owned();
                let help =
                    "after the headline come the photo caption (the person's name), then `Name? …`";
                reader.error(E0111, line, line.text, message, help);
            }
            _ => {}
        }
    }
    body
}

impl<'a> Body<'a> {
    /// A line of the fact box, `rest` its answer.
    fn fact(&mut self, reader: &mut Reader, line: Line<'a>, fact: Fact, rest: &'a str) {
        if let Some(stray) = self.preamble.iter().find(|l| !l.is_blank()) {
            let message = "this line is not part of the fact box".to_owned();
            let help =
                "the fact box is `Name? …`, `Westphalian identity? …` and `Age? …`, one a line";
            reader.error(E0111, *stray, stray.text, message, help);
        }
        self.preamble.clear();
        match &self.facts[fact as usize] {
            Some((first, _)) => {
                let message = format!(
                    "`{}` is asked twice (first on line {})",
                    FACTS[fact as usize].1, first.number
                );
                reader.error(E0105, line, line.text, message, E0105.help());
            }
            None => self.facts[fact as usize] = Some((line, rest)),
        }
    }

    /// A house question, starting its answer with `rest`.
    fn question(
        &mut self,
        reader: &mut Reader,
        line: Line<'a>,
        question: Question,
        heading: String,
        rest: &'a str,
    ) {
        if let Some(first) = self.sections.iter().find(|s| s.question == question) {
            let message = format!(
                "`{heading}` is asked twice (first on line {})",
                first.line.number
            );
            reader.error(E0105, line, line.text, message, E0105.help());
        }
        let mut draft = Draft {
            question,
            heading,
            line,
            lines: Vec::new(),
        };
        if !rest.trim().is_empty() {
            let number = line.number;
            draft.lines.push(Line { number, text: rest });
        }
        self.sections.push(draft);
    }
}

/// What `line` starts by asking, if it is one of the house's questions.
fn asked(line: &str) -> Option<Asked<'_>> {
    let trimmed = line.trim_start();
    let end = trimmed.find('?')?;
    if end > 40 {
        return None;
    }
    let rest = &trimmed[end + 1..];
    let words: Vec<String> = trimmed[..end]
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let house =
        |question: Question| Some(Asked::House(question, question.house().to_owned(), rest));
    match words[..] {
        ["name"] => Some(Asked::Fact(Fact::Name, rest)),
        ["westphalian", "identity"] => Some(Asked::Fact(Fact::Identity, rest)),
        ["age"] => Some(Asked::Fact(Fact::Age, rest)),
        [
            "why",
            verb @ ("is" | "are"),
            pronoun @ ("he" | "she" | "they" | "it"),
            "in",
            "the",
            "news",
        ] => {
            let heading = format!("Why {verb} {pronoun} in the news?");
            Some(Asked::House(Question::InTheNews, heading, rest))
        }
        ["why", "do", "we", "care"] => house(Question::WeCare),
        ["why", "should", "you", "care"] => house(Question::YouCare),
        ["who", "else", "cares"] => house(Question::WhoElse),
        ["any", "further", "comments"] => house(Question::Comments),
        _ => None,
    }
}

/// Lines grouped into paragraphs at blank lines, each line trimmed.
pub(super) fn paragraphs(lines: &[Line]) -> Vec<Paragraph> {
    lines
        .split(Line::is_blank)
        .filter(|p| !p.is_empty())
        .map(|p| p.iter().map(|l| l.text.trim().to_owned()).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_news_question_keeps_its_pronoun() {
        let Some(Asked::House(q, heading, rest)) = asked("Why  are THEY in the news?  Because.")
        else {
            panic!("not read as a question");
        };
        assert_eq!(
            (q, heading.as_str(), rest.trim()),
            (Question::InTheNews, "Why are they in the news?", "Because.")
        );
        assert!(asked("What? No.").is_none());
    }

    #[test]
    fn posts_start_at_headlines_after_blank_lines() {
        let text = "\nFriday (January 14th): a\n\nbody\nSaturday (January 15th): not a post\n\nSunday (January 16th): b\n";
        let lines: Vec<Line> = text
            .lines()
            .enumerate()
            .map(|(i, text)| Line {
                number: i + 1,
                text,
            })
            .collect();
        let posts = split(&lines);
        let starts: Vec<usize> = posts.iter().map(|p| p[0].number).collect();
        assert_eq!(starts, [2, 7]);
    }
}

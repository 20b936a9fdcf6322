//! The register of diagnostic codes: every code brief reports, defined once with its severity,
//! what it means and how to fix it.
//!
//! A [`Diagnostic`](super::Diagnostic) carries one of these constants, and a [`Code`] can only
//! be made here, so a code that is not in the register cannot be raised. Where a problem's
//! message or help is always the same words, its raising site takes them from here; where they
//! name the file's own values, the site words them and the register holds the generic meaning
//! and fix.
//!
//! `docs/errors.md`, the members' reference, is this register rendered: `tests/register.rs`
//! compares the two (`BLESS=1` rewrites the file), and fails when a code is raised by no test
//! under `tests/`, unless its entry says why no input can raise it (`unreachable`).

use std::fmt;

use super::Severity;

/// One registered code: `E…` for an error, which fails the build, `W…` for a warning.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Code {
    id: &'static str,
    severity: Severity,
    title: &'static str,
    help: &'static str,
    unreachable: Option<&'static str>,
}

impl Code {
    /// The stable code (`E0012`) that tools and docs refer to.
    pub const fn id(self) -> &'static str {
        self.id
    }

    pub const fn severity(self) -> Severity {
        self.severity
    }

    /// What the problem is, in a member's words.
    pub const fn title(self) -> &'static str {
        self.title
    }

    /// How to fix it, whatever the file.
    pub const fn help(self) -> &'static str {
        self.help
    }

    /// Why no input can raise the code today, for the rare code that none can.
    pub const fn unreachable(self) -> Option<&'static str> {
        self.unreachable
    }

    /// A code outside the register, for tests of the report formats alone.
    #[cfg(test)]
    pub(crate) const fn unregistered(id: &'static str, severity: Severity) -> Code {
        Code {
            id,
            severity,
            title: "",
            help: "",
            unreachable: None,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

/// Defines each code as a constant named after it, and [`ALL`] in the order written.
macro_rules! register {
    (@unreachable) => { None };
    (@unreachable $why:literal) => { Some($why) };
    ($(
        $id:ident $severity:ident {
            title: $title:literal,
            help: $help:literal,
            $(unreachable: $why:literal,)?
        }
    )*) => {
        $(
            #[doc = $title]
            pub const $id: Code = Code {
                id: stringify!($id),
                severity: Severity::$severity,
                title: $title,
                help: $help,
                unreachable: register!(@unreachable $($why)?),
            };
        )*

        /// Every code, errors first, each group in the order of its numbers.
        pub const ALL: &[Code] = &[$($id),*];
    };
}

register! {
    // The files of the site: reading them, their front matter, site.yaml.
    E0001 Error {
        title: "the file does not start with front matter",
        help: "start the file with a line `---`, the YAML keys, then another `---`",
    }
    E0002 Error {
        title: "the front matter is never closed",
        help: "add a line `---` after the last front-matter key, before the Markdown",
    }
    E0003 Error {
        title: "the front matter cannot be read from a line on, or a key is unknown or holds the wrong kind of value",
        help: "check the line and the one above it: each key is followed by `: ` and starts where the keys around it start; correct the spelling of a key (free-form data goes under `extra`)",
    }
    E0004 Error {
        title: "a setting in site.yaml has a value brief cannot use",
        help: "`base-url` and `repo-url` are full addresses starting with https://; `per-page` and `per-term-page` are at least 1",
    }
    E0005 Error {
        title: "a file of the site or of its theme cannot be read",
        help: "check that the file is there and readable; save a theme's templates as UTF-8 text",
    }
    E0006 Error {
        title: "the file is not valid UTF-8 text",
        help: "save the file with UTF-8 encoding",
    }
    E0007 Error {
        title: "the file is bigger than a briefing or profile may be (4 MB)",
        help: "check that this is the right file; images and documents go beside it, as files of their own",
    }
    E0008 Error {
        title: "a symbolic link leads outside the site's folder, and brief reads nothing there",
        help: "copy what it points to into the site instead of linking to it",
    }

    // The keys of briefings and profiles.
    E0010 Error {
        title: "a required key is missing or empty",
        help: "add the key to the front matter, as the help under the message shows",
    }
    E0011 Error {
        title: "a date is not a valid date",
        help: "write the date as year, month and day, joined by hyphens (YYYY-MM-DD); the help under the message gives your date in that shape when it can tell",
    }
    E0012 Error {
        title: "care-rating is not a whole number",
        help: "write the number alone, from 0 to 10, e.g. `care-rating: 6`",
    }
    E0013 Error {
        title: "care-rating is not from 0 to 10",
        help: "rate how much readers should care on a scale of 0 to 10",
    }
    E0014 Error {
        title: "age is not a whole number of years from 0 to 150",
        help: "write e.g. `age: 71`, or leave it out when the person's profile gives `born`",
    }
    E0015 Error {
        title: "a source's URL is not a full http(s) address",
        help: "copy the full address of the article, starting with https://",
    }
    E0016 Error {
        title: "a name, or the file's name, has no letter or digit to make a URL from",
        help: "write names in words, e.g. `nato` or `Sergey Lavrov`; name files like `2022-01-13-lavrov.md`",
    }

    // The site as a whole: pages, people and their profiles.
    E0020 Error {
        title: "two files would be written to the same place in the built site",
        help: "rename one of them, so that their names differ in more than upper and lower case or accents",
    }
    E0021 Error {
        title: "a name or alias belongs to two people",
        help: "a name or alias may belong to one person only: remove it from one of the profiles",
    }
    E0022 Error {
        title: "the briefing leaves out a key that its subject's profile does not give either",
        help: "add the key to the briefing, or to the subject's profile in content/people/",
    }
    E0023 Error {
        title: "the briefing is dated before its subject was born",
        help: "check the date, and the birth date in the profile",
    }

    // Links in the Markdown.
    E0030 Error {
        title: "a link points to no page or file of the site",
        help: "link to a site path such as `/people/sergey-lavrov/`, or to a content file such as `../people/sergey-lavrov.md`",
    }

    // Themes.
    E0040 Error {
        title: "a template of the theme has a mistake, or is missing",
        help: "check the spelling of filters and included templates and that every `{{` has its `}}` and every `{%` its `%}`; a theme that lacks templates needs `extends: default` in its theme.yaml",
    }
    E0041 Error {
        title: "a template failed while rendering a page",
        help: "see themes/default/README.md for the variables each page receives",
    }
    E0042 Error {
        title: "the theme does not exist, or themes extend each other in a circle",
        help: "name a folder under themes/, or `default` for the built-in theme, and let no theme extend itself through others",
    }

    // What `brief new` leaves for the member to write.
    E0050 Error {
        title: "this line still holds a FILL IN placeholder",
        help: "replace the FILL IN text with your own",
    }

    // The mistakes of YAML's syntax, each explained at the line to edit.
    E0060 Error {
        title: "a key's colon is not followed by a space, so YAML does not see a key",
        help: "put a space after the colon, e.g. `care-rating: 6`",
    }
    E0061 Error {
        title: "a line is indented with a tab",
        help: "indent with spaces: YAML allows no tabs there",
    }
    E0062 Error {
        title: "a key is not lined up with the keys it belongs with",
        help: "start the key where the keys around it start; keys of the front matter start at the beginning of the line",
    }
    E0063 Error {
        title: "a list `[`, braces `{` or a quote opened on a line are never closed",
        help: "close it on the same line, e.g. `nationality: [Russian, Ukrainian]`",
    }
    E0065 Error {
        title: "a key is given twice",
        help: "keep one of them",
    }
    E0066 Error {
        title: "a list item is not lined up with the items of its list",
        help: "start every `- ` of a list at the same place, on the lines after its key",
    }
    E0067 Error {
        title: "a value holds `: `, which YAML reads as the start of another key",
        help: "put the whole value in double quotes, e.g. `title: \"Scholz: no weapons\"`",
    }
    E0068 Error {
        title: "a key that holds names holds something else",
        help: "write one name, names separated by commas, or a list: `tags: [Germany, energy]`",
    }

    // Help that names the fix: files on the writer's computer.
    E0070 Error {
        title: "a link or image points to a file on the writer's own computer (`C:\\Users\\…`, `file:///…`), which readers cannot open",
        help: "copy the picture or file into `content/images/` and link it from there, as the help under the message shows",
    }

    // `brief import`: posts in the house's plain-text shape.
    E0101 Error {
        title: "a headline cannot be read, or a post does not start with one",
        help: "write the headline like `Friday (January 14th): Russia's fading patience`",
    }
    E0102 Error {
        title: "the headline's date does not exist",
        help: "correct the date in the headline",
    }
    E0103 Error {
        title: "the headline's weekday fits its date in none of the last 30 years",
        help: "check the weekday and the date, or give the year with --year",
        unreachable: "the year is searched back from today, and before 2103 every date, 29 February too, falls on each weekday within 30 years (a unit test in src/import/headline.rs sets today to 2110)",
    }
    E0104 Error {
        title: "the post leaves out a line of the fact box or the answer to a house question",
        help: "after the headline come the caption, `Name? …`, `Westphalian identity? …`, `Age? …` and the five questions, each answered",
    }
    E0105 Error {
        title: "the post asks the same question twice",
        help: "keep only one of them",
    }
    E0106 Error {
        title: "a question of the fact box has no answer",
        help: "write the answer on the same line, after the question, e.g. `Age? 71`",
    }
    E0107 Error {
        title: "`Age?` is not answered with a number of years",
        help: "write the number alone, e.g. `Age? 71`",
    }
    E0108 Error {
        title: "the post gives no care rating",
        help: "end the answer to `Why should you care?` with e.g. `You should care 6/10`",
    }
    E0109 Error {
        title: "the post gives two different care ratings",
        help: "keep only one rating: care-rating is read from it",
    }
    E0110 Error {
        title: "a care rating is above 10/10",
        help: "rate from 0/10 to 10/10",
    }
    E0111 Error {
        title: "text stands where the post's shape has no room for it",
        help: "keep the house order: headline, photo caption, fact box, the five answers, `Sources:`, and the signature as the last line",
    }
    E0112 Error {
        title: "a source under `Sources:` cannot be read",
        help: "write each source as `- title, publisher (https://…)`; the publisher may be left out",
    }
    E0113 Error {
        title: "a headline or a name has no letter or digit to make a file name or URL from",
        help: "write it in letters",
    }
    E0114 Error {
        title: "an input file cannot be read, or is not UTF-8 text",
        help: "save the file with UTF-8 encoding",
    }

    // Warnings: the build goes on; `build`, `serve` and `check` report them.
    W0001 Warning {
        title: "this Markdown file is not a briefing or a person profile, so it is ignored",
        help: "briefings go under content/briefings/, person profiles directly under content/people/",
    }
    W0002 Warning {
        title: "the briefing's age disagrees with the birth date in the subject's profile",
        help: "correct the age, or leave `age` out to have it computed from the profile",
    }
    W0003 Warning {
        title: "a link uses an unsafe scheme and was left out",
        help: "link to an http(s) address instead",
    }
    W0004 Warning {
        title: "this file is not Markdown, so it is ignored (not built, not copied)",
        help: "briefings and profiles are Markdown: save it as a .md file with front matter",
    }
    W0010 Warning {
        title: "a name is one letter away from a known person's name or alias",
        help: "if they are the same person, write the known name, or add this spelling to the aliases in their profile",
    }
    W0011 Warning {
        title: "a house question is missing from the briefing",
        help: "add a section with the question as its heading (`## Who else cares?`) and answer it",
    }
    W0012 Warning {
        title: "the care rating in the body disagrees with care-rating",
        help: "make the two agree",
    }
    W0013 Warning {
        title: "the briefing is dated in the future, so it is not published until then",
        help: "if that is not meant, correct the date; `brief build --future` previews it",
    }
    W0014 Warning {
        title: "a source is listed twice",
        help: "remove one of the two",
    }
    W0015 Warning {
        title: "an image has no alt text",
        help: "describe it between the brackets, for readers who cannot see it: `![A map of the talks](...)`",
    }
    W0031 Warning {
        title: "a link points to a heading that does not exist on its page",
        help: "link to one of the headings the help lists, or correct the heading",
    }
    W0064 Warning {
        title: "a value is in curly quotes, which YAML does not read as quotes: brief reads them as straight ones",
        help: "type straight quotes `\"` instead, e.g. `title: \"Scholz: no weapons\"`; curly quotes meant to be shown go inside straight ones: `title: \"“Nein”\"`",
    }
    W0065 Warning {
        title: "the text holds a control character or a noncharacter, which no page or feed may hold: it was left out",
        help: "delete it: an invisible character where the message points, or the YAML escape (`\\u0007`, `\\a`) that stands for it; tab and line breaks are fine",
    }
    W0070 Warning {
        title: "the briefing's `date` is not the date its file name starts with",
        help: "make the two agree: correct `date`, or rename the file",
    }
    W0101 Warning {
        title: "the headline's weekday does not fit its date in the year given",
        help: "the date is taken as written; check the weekday, or the year given with --year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_in_order() {
        let ids: Vec<&str> = ALL.iter().map(|c| c.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
    }

    #[test]
    fn the_letter_of_a_code_is_its_severity() {
        for code in ALL {
            let letter = match code.severity() {
                Severity::Error => "E",
                Severity::Warning => "W",
            };
            assert!(code.id().starts_with(letter), "{code} is a {letter}");
            assert_eq!(code.id().len(), 5, "{code}");
        }
    }

    #[test]
    fn every_code_says_what_it_means_and_how_to_fix_it() {
        for code in ALL {
            assert!(
                !code.title().is_empty() && !code.help().is_empty(),
                "{code}"
            );
        }
    }
}

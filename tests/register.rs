//! The register of diagnostic codes (`src/diagnostic/codes.rs`) against what must follow it:
//! `docs/errors.md`, the members' reference, is the register rendered (after a change to the
//! register, rewrite it with `BLESS=1 cargo test --test register` and review the diff); every
//! code is raised by some test under `tests/`, unless the register says why no input can raise
//! it; and every code is raised somewhere in `src/`.

use std::fs;
use std::path::{Path, PathBuf};

use brief::diagnostic::Severity;
use brief::diagnostic::codes::{self, Code};

#[test]
fn docs_errors_md_is_the_register_rendered() {
    let path = repo().join("docs/errors.md");
    let want = reference();
    if std::env::var_os("BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &want).unwrap();
        return;
    }
    let got = fs::read_to_string(&path).unwrap_or_default();
    let missing = ids(codes::ALL
        .iter()
        .filter(|c| !got.contains(&format!("\n| {c} |"))));
    assert!(
        missing.is_empty(),
        "docs/errors.md lacks {missing}; BLESS=1 cargo test --test register rewrites it"
    );
    assert!(
        got == want,
        "docs/errors.md differs from the register; BLESS=1 cargo test --test register rewrites it\n--- the register gives:\n{want}"
    );
}

#[test]
fn every_code_is_raised_by_a_test() {
    let tests = texts(&repo().join("tests"), &[Path::new(file!())]);
    let raised = |code: &&Code| names(&tests, code.id());
    let (marked, unmarked): (Vec<&Code>, Vec<&Code>) =
        codes::ALL.iter().partition(|c| c.unreachable().is_some());
    let untested = ids(unmarked.into_iter().filter(|c| !raised(c)));
    assert!(
        untested.is_empty(),
        "no test under tests/ raises {untested}: add one that triggers it through the binary and asserts its text (see tests/errors.rs), or, if no input can raise it, give the reason as `unreachable` in src/diagnostic/codes.rs"
    );
    let stale = ids(marked.into_iter().filter(raised));
    assert!(
        stale.is_empty(),
        "{stale} marked unreachable in src/diagnostic/codes.rs, but a test raises it: remove the mark"
    );
}

#[test]
fn every_code_is_raised_in_the_source() {
    let register = Path::new("src/diagnostic/codes.rs");
    let source = texts(&repo().join("src"), &[register]);
    let unused = ids(codes::ALL.iter().filter(|c| !names(&source, c.id())));
    assert!(
        unused.is_empty(),
        "nothing in src/ raises {unused}: remove it from the register, or raise it"
    );
}

/// `E0001, E0002`.
fn ids<'a>(codes: impl Iterator<Item = &'a Code>) -> String {
    codes.map(|c| c.id()).collect::<Vec<_>>().join(", ")
}

/// `docs/errors.md`: what each code means and how to fix it, for members.
fn reference() -> String {
    let mut text = String::from(
        "# Errors and warnings

<!-- Written from src/diagnostic/codes.rs by tests/register.rs: change the register, then run
     `BLESS=1 cargo test --test register` to rewrite this file. -->

`brief build`, `brief check` and `brief import` report each problem they find with a code, the
file, its line and column, and a help line that says how to fix it in that file:

```
error[E0012]: care-rating must be a whole number from 0 to 10, not `6/10`
  --> content/briefings/2022-01-10-talks.md:6:14
   |
 6 | care-rating: \"6/10\"
   |              ^
   = help: write the number alone: `care-rating: 6`
```

The tables say what each code means and how to fix it in general. An **error** (E…) stops the
build: nothing is published until it is fixed. A **warning** (W…) does not stop it, but points at
something that is probably a mistake; `brief check` reports them all. Codes numbered 0101 and
above come from `brief import`, and name a line of the text file being imported.
",
    );
    for (severity, heading) in [(Severity::Error, "Errors"), (Severity::Warning, "Warnings")] {
        text.push_str(&format!(
            "\n## {heading}\n\n| Code | What it means | How to fix it |\n|------|---------------|---------------|\n"
        ));
        for code in codes::ALL.iter().filter(|c| c.severity() == severity) {
            text.push_str(&row(code));
        }
    }
    text
}

fn row(code: &Code) -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    format!(
        "| {} | {} | {} |\n",
        code.id(),
        cell(code.title()),
        cell(code.help())
    )
}

/// Whether `text` names the code `id` (`E0012`, not part of a longer word).
fn names(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The Rust files under `dir`, one after the other, but for `except` (relative to the repo).
fn texts(dir: &Path, except: &[&Path]) -> String {
    let except: Vec<PathBuf> = except.iter().map(|p| repo().join(p)).collect();
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter(|e| !except.iter().any(|p| p == e.path()))
        .map(|e| fs::read_to_string(e.path()).unwrap() + "\n")
        .collect()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

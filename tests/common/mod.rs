//! Test harness: a site in a temporary folder, built by the real `brief` binary.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const SITE_YAML: &str = "title: Test Briefings\nbase-url: https://example.org/sub/\ndescription: Briefings for tests\nper-page: 2\n";

/// A site folder of its own, removed when the test ends.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site with a `site.yaml` and nothing else.
    pub fn empty() -> Self {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        site.write("site.yaml", SITE_YAML);
        site
    }

    /// A copy of `tests/sites/<name>/`.
    pub fn fixture(name: &str) -> Self {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/sites")
            .join(name);
        copy_tree(&source, site.root());
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the site (creating folders); returns the site for chaining.
    pub fn write(&self, path: &str, text: &str) -> &Self {
        let path = self.root().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    pub fn remove(&self, path: &str) {
        fs::remove_file(self.root().join(path)).unwrap();
    }

    /// Runs `brief build --root <site>` plus `args`.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build", "--root", self.root().to_str().unwrap()];
        all.extend_from_slice(args);
        brief(&all)
    }

    /// The text of a built file under `public/`.
    pub fn output(&self, path: &str) -> String {
        let full = self.public().join(path);
        fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
    }

    pub fn has_output(&self, path: &str) -> bool {
        self.public().join(path).exists()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn succeeds(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success, got {}\nstderr:\n{}",
            self.code, self.stderr
        );
        self
    }

    pub fn fails_with(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts that stderr holds `text` exactly (several lines allowed).
    pub fn reports(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks:\n{text}\n--- stderr was:\n{}",
            self.stderr
        );
        self
    }
}

pub fn brief(args: &[&str]) -> Run {
    run(Command::new(env!("CARGO_BIN_EXE_brief")).args(args))
}

/// Runs `brief` with `args` in `dir`, so that messages name files as a user there types them.
pub fn brief_in(dir: &Path, args: &[&str]) -> Run {
    run(Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(dir)
        .args(args))
}

fn run(command: &mut Command) -> Run {
    let output = command.output().expect("run brief");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, relative, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// A minimal valid briefing with the given extra front-matter lines and body.
pub fn briefing(front_matter: &str, body: &str) -> String {
    format!("---\n{front_matter}\n---\n{body}")
}

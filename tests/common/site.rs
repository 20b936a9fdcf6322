//! `TestSite`: a site in a temporary folder of its own (empty, a copy of a fixture under
//! `tests/sites/`, or of the repository's example site), built and checked by the real binary.

use std::fs;
use std::path::{Path, PathBuf};

use super::files::copy_tree;
use super::run::{Run, brief};

/// The `site.yaml` of an empty site (and of the fixtures made from one).
pub const SITE_YAML: &str = "title: Test Briefings\nbase-url: https://example.org/sub/\ndescription: Briefings for tests\nper-page: 2\n";

/// The folder of the fixture site `name`: `tests/sites/<name>/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(name)
}

/// A site folder of its own, removed when the test ends.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site with a `site.yaml` and nothing else.
    pub fn empty() -> Self {
        let site = TestSite::new();
        site.write("site.yaml", SITE_YAML);
        site
    }

    /// A copy of `tests/sites/<name>/`.
    pub fn fixture(name: &str) -> Self {
        let site = TestSite::new();
        copy_tree(&fixture(name), site.root());
        site
    }

    /// A copy of the repository's own example site: its `site.yaml` and `content/`.
    pub fn example() -> Self {
        let site = TestSite::new();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        fs::copy(repo.join("site.yaml"), site.root().join("site.yaml")).unwrap();
        copy_tree(&repo.join("content"), &site.root().join("content"));
        site
    }

    fn new() -> Self {
        TestSite {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// The site, built once into `public/`; the build must succeed.
    pub fn built(self) -> Self {
        self.build(&[]).succeeds();
        self
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
        self.run("build", args)
    }

    /// Runs `brief check --root <site>` plus `args`.
    pub fn check(&self, args: &[&str]) -> Run {
        self.run("check", args)
    }

    fn run(&self, command: &str, args: &[&str]) -> Run {
        let mut all = vec![command, "--root", self.root().to_str().unwrap()];
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

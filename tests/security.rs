//! What a pull request cannot make a build do: read files outside the site through symbolic
//! links under `content/` or `themes/`.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use common::TestSite;

const SECRET: &str = "TOP-SECRET-71c2: never publish me";

/// A site with a secret file beside it (outside its folder) to link to.
struct Linked {
    site: TestSite,
    outside: tempfile::TempDir,
}

impl Linked {
    fn new() -> Linked {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.txt"), SECRET).unwrap();
        fs::create_dir(outside.path().join("theme")).unwrap();
        fs::write(outside.path().join("theme/base.html"), SECRET).unwrap();
        Linked {
            site: TestSite::fixture("basic"),
            outside,
        }
    }

    fn secret(&self) -> PathBuf {
        fs::canonicalize(self.outside.path().join("secret.txt")).unwrap()
    }

    /// Links `at` (in the site) to `to`.
    fn link(&self, to: &Path, at: &str) {
        let at = self.site.root().join(at);
        fs::create_dir_all(at.parent().unwrap()).unwrap();
        symlink(to, at).unwrap();
    }

    /// The build fails, names the link and where it leads, and publishes nothing of it.
    fn refuses(&self, at: &str, target: &Path) {
        let run = self.site.build(&[]).fails_with(1);
        run.reports(&format!(
            "error[E0008]: this is a symbolic link to `{}`, outside the site, and brief reads nothing outside the site's folder
  --> {at}
   = help: copy what it points to into the site instead of linking to it",
            fs::canonicalize(target).unwrap().display()
        ));
        assert!(!self.site.public().exists(), "the build wrote its output");
    }
}

#[test]
fn a_file_under_content_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    linked.link(&linked.secret(), "content/images/leak.svg");
    linked.refuses("content/images/leak.svg", &linked.secret());
}

#[test]
fn a_briefing_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    linked.link(&linked.secret(), "content/briefings/2022-02-01-leak.md");
    linked.refuses("content/briefings/2022-02-01-leak.md", &linked.secret());
}

#[test]
fn a_folder_under_content_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    linked.link(linked.outside.path(), "content/files");
    linked.refuses("content/files", linked.outside.path());
}

#[test]
fn content_itself_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    let moved = linked.outside.path().join("content");
    fs::rename(linked.site.root().join("content"), &moved).unwrap();
    linked.link(&moved, "content");
    linked.refuses("content", &moved);
}

#[test]
fn a_link_to_etc_passwd_is_refused() {
    let linked = Linked::new();
    linked.link(Path::new("/etc/passwd"), "content/passwd.txt");
    linked.refuses("content/passwd.txt", Path::new("/etc/passwd"));
}

#[test]
fn a_theme_template_or_static_file_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    let base = linked.outside.path().join("theme/base.html");
    linked.link(&base, "themes/default/templates/base.html");
    linked.refuses("themes/default/templates/base.html", &base);

    let linked = Linked::new();
    linked.link(&linked.secret(), "themes/default/static/leak.css");
    linked.refuses("themes/default/static/leak.css", &linked.secret());
}

#[test]
fn a_theme_folder_linking_outside_the_site_is_refused() {
    let linked = Linked::new();
    let theme = linked.outside.path().join("theme");
    linked.link(&theme, "themes/default/templates");
    linked.refuses("themes/default/templates", &theme);

    let linked = Linked::new();
    linked.link(&theme, "themes/default");
    linked.refuses("themes/default", &theme);
}

#[test]
fn links_that_stay_inside_the_site_are_no_error() {
    let linked = Linked::new();
    linked.link(
        &linked.site.root().join("content/images/map.svg"),
        "content/images/same-map.svg",
    );
    linked.link(Path::new("nowhere"), "content/images/dangling.svg");
    linked.site.build(&[]).succeeds();
    for file in common::files_under(&linked.site.public()) {
        let bytes = fs::read(linked.site.public().join(&file)).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains(SECRET), "{file}");
    }
}

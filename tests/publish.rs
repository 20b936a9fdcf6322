//! Publishing that survives anything: a build killed at any moment leaves the old site or the
//! new one, byte for byte; builds into one folder take turns; the build's bookkeeping lives in
//! the cache, never in the output.

mod common;

use std::fs::{self, File};
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Snapshot, TestSite};

/// Briefings `numbers` of a site, one person each, so that every version of the site differs
/// from the next in pages added, changed and removed.
fn write_version(site: &TestSite, numbers: std::ops::RangeInclusive<usize>, edited: usize) {
    let _ = fs::remove_dir_all(site.root().join("content/briefings"));
    let body = "## Why is he in the news?\n\nA paragraph of words that says little. ".repeat(8);
    for n in numbers {
        let title = match n == edited {
            true => format!("Number {n}, edited"),
            false => format!("Number {n}"),
        };
        let front = format!(
            "title: {title}\nsubject: Person {n}\nage: 40\nnationality: Testish\ncare-rating: 5\ntags: [t{}]",
            n % 10
        );
        site.write(
            &format!("content/briefings/2022-01-{:02}-number-{n}.md", n % 28 + 1),
            &common::briefing(&front, &body),
        );
    }
}

fn old_version(site: &TestSite) {
    write_version(site, 1..=40, 0);
}

fn new_version(site: &TestSite) {
    write_version(site, 8..=47, 20);
}

fn spawn_build(site: &TestSite, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Entries beside the output that a build left: anything at the site's root but the sources,
/// the output and the cache.
fn leftovers(site: &TestSite) -> Vec<String> {
    let expected = ["content", "themes", "site.yaml", "public", ".brief-cache"];
    fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !expected.contains(&name.as_str()))
        .collect()
}

/// A small generator of kill moments (xorshift), seeded from the clock and printed, so that a
/// failing run can be replayed with `KILL_SEED`.
struct Moments(u64);

impl Moments {
    fn new() -> Moments {
        let seed = std::env::var("KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                Instant::now().elapsed().as_nanos() as u64 ^ u64::from(std::process::id()) << 20 | 1
            });
        eprintln!("KILL_SEED={seed}");
        Moments(seed)
    }

    /// A moment in `0..=limit`.
    fn next(&mut self, limit: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        limit.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

#[test]
fn two_hundred_kills_at_random_moments_leave_the_old_site_or_the_new_one() {
    let site = TestSite::empty();
    old_version(&site);
    site.build(&[]).succeeds();
    // The owner's files, which every build must carry over.
    site.write("public/CNAME", "briefings.example.org\n");
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    site.write("public/.nojekyll", "");
    let old = Snapshot::of(&site.public());
    new_version(&site);
    let started = Instant::now();
    site.build(&[]).succeeds();
    let took = started.elapsed();
    let new = Snapshot::of(&site.public());
    assert!(old != new);
    let (mut moments, mut outcomes) = (Moments::new(), [0usize; 3]);
    let mut at_new = true;
    let mut kills = 0;
    while kills < 200 {
        // Build towards the other version, and kill the build at a moment of its run.
        at_new = !at_new;
        match at_new {
            true => new_version(&site),
            false => old_version(&site),
        }
        let mut child = spawn_build(&site, &[]);
        std::thread::sleep(moments.next(took));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = Snapshot::of(&site.public());
        let outcome = if now == old {
            0
        } else if now == new {
            1
        } else {
            2
        };
        assert!(
            outcome < 2,
            "after kill {kills}, the output is neither site"
        );
        if status.signal() == Some(9) {
            kills += 1;
            outcomes[usize::from(outcome == usize::from(at_new))] += 1;
        } else {
            outcomes[2] += 1;
        }
        site.build(&[]).succeeds();
        assert_eq!(leftovers(&site), Vec::<String>::new(), "after kill {kills}");
        assert!(&Snapshot::of(&site.public()) == if at_new { &new } else { &old });
    }
    eprintln!(
        "{kills} kills: {} left the site it started from, {} the one it built; {} builds ended first",
        outcomes[0], outcomes[1], outcomes[2]
    );
}

/// The lock file of the output `public` in the site's cache.
fn lock_file(site: &TestSite) -> PathBuf {
    let outputs = site.root().join(".brief-cache/outputs");
    let record = fs::read_dir(&outputs).unwrap().next().unwrap().unwrap();
    record.path().join("lock")
}

/// Holds the output's lock as a build would, with `pid` written in it.
fn hold_lock(site: &TestSite, pid: &str) -> File {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(lock_file(site))
        .unwrap();
    file.lock().unwrap();
    file.set_len(0).unwrap();
    write!(file, "{pid}").unwrap();
    file
}

#[test]
fn a_second_build_waits_for_the_first_and_says_so_once() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("Test Briefings", "Renamed"),
    );
    let held = hold_lock(&site, "4242");
    let child = spawn_build(&site, &[]);
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        !site.output("index.html").contains("Renamed"),
        "it did not wait"
    );
    drop(held);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr
            .matches("waiting for another build of this site, pid 4242\n")
            .count(),
        1,
        "{stderr}"
    );
    assert!(site.output("index.html").contains("Renamed"));
}

#[test]
fn with_no_wait_a_second_build_fails_at_once_and_changes_nothing() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("Test Briefings", "Renamed"),
    );
    let before = Snapshot::with_inodes(&site.public());
    let _held = hold_lock(&site, "4242");
    site.build(&["--no-wait"]).fails_with(2).reports(
        "error: another build of this site is writing its output (pid 4242); try again when it has ended, or leave out --no-wait to wait for it",
    );
    assert_eq!(Snapshot::with_inodes(&site.public()), before);
}

#[test]
fn eight_builds_at_once_all_succeed_and_leave_what_one_clean_build_leaves() {
    let site = TestSite::empty();
    old_version(&site);
    site.build(&[]).succeeds();
    new_version(&site);
    let children: Vec<Child> = (0..8).map(|_| spawn_build(&site, &[])).collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(leftovers(&site), Vec::<String>::new());
    let clean = site.root().join("clean");
    site.build(&["--output", clean.to_str().unwrap()])
        .succeeds();
    assert!(Snapshot::of(&site.public()) == Snapshot::of(&clean));
}

fn record_folder(site: &TestSite) -> PathBuf {
    lock_file(site).parent().unwrap().to_owned()
}

#[test]
fn the_cache_is_at_the_root_ignores_itself_and_holds_the_bookkeeping() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    let cache = site.root().join(".brief-cache");
    assert_eq!(
        fs::read_to_string(cache.join(".gitignore")).unwrap(),
        "# The build cache of brief: never committed.\n*\n"
    );
    assert!(
        fs::read_to_string(cache.join("CACHEDIR.TAG"))
            .unwrap()
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55\n")
    );
    let record = record_folder(&site);
    let manifest = fs::read_to_string(record.join("manifest")).unwrap();
    assert!(manifest.contains("\nindex.html\n"), "{manifest}");
    assert!(record.join("stamp").exists());
    let public = fs::canonicalize(site.public()).unwrap();
    assert_eq!(
        fs::read_to_string(record.join("path")).unwrap(),
        format!("{}\n", public.display())
    );
    assert!(
        !common::files_under(&site.public())
            .iter()
            .any(|f| f.contains(".brief"))
    );
}

#[test]
fn a_cache_dir_elsewhere_holds_it_and_must_stay_apart_from_the_output() {
    let site = TestSite::fixture("basic");
    let elsewhere = site.root().join("cache-elsewhere");
    let arg = elsewhere.to_str().unwrap();
    site.build(&["--cache-dir", arg]).succeeds();
    assert!(elsewhere.join("outputs").is_dir());
    assert!(!site.root().join(".brief-cache").exists());
    let inside = site.public().join("cache");
    site.build(&["--cache-dir", inside.to_str().unwrap()])
        .fails_with(2)
        .reports(&format!(
            "error: refusing to use `{}` as the output folder: the build cache `{}` would be inside it, or it inside the cache; keep the two apart (--cache-dir moves the cache)",
            site.public().display(),
            fs::canonicalize(site.public()).unwrap().join("cache").display()
        ));
}

#[test]
fn without_its_record_a_build_keeps_the_files_it_does_not_know_and_says_which() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    site.write("public/CNAME", "briefings.example.org\n");
    site.write("public/.nojekyll", "");
    site.remove("content/briefings/2022-01-12-brussels.md");
    fs::remove_dir_all(site.root().join(".brief-cache")).unwrap();
    let run = site.build(&[]).succeeds();
    run.reports(&format!(
        "note: the build cache ({}/.brief-cache) had no record of what brief wrote into the output, so it kept 8 files that this build does not write: CNAME, briefings/2022-01-12-brussels/index.html, briefings/2022-01-12-brussels/post.txt, nationalities/norwegian/index.html, page/2/index.html, people/jens-stoltenberg/feed.json, people/jens-stoltenberg/index.html, people/jens-stoltenberg/rss.xml; delete any that are left from an earlier build",
        site.root().display()
    ));
    assert!(site.has_output("briefings/2022-01-12-brussels/index.html"));
    assert!(site.has_output(".nojekyll"));
}

#[test]
fn an_output_built_by_an_earlier_brief_is_taken_over_and_its_bookkeeping_removed() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    // As brief 0.x left it: its manifest and stamp inside the output, no cache.
    let record = record_folder(&site);
    fs::copy(
        record.join("manifest"),
        site.public().join(".brief-manifest"),
    )
    .unwrap();
    fs::copy(record.join("stamp"), site.public().join(".brief-stamp")).unwrap();
    fs::remove_dir_all(site.root().join(".brief-cache")).unwrap();
    site.write("public/CNAME", "briefings.example.org\n");
    site.remove("content/briefings/2022-01-12-brussels.md");
    let run = site.build(&[]).succeeds();
    assert!(!run.stderr.contains("no record"), "{}", run.stderr);
    assert!(!site.has_output(".brief-manifest") && !site.has_output(".brief-stamp"));
    assert!(!site.has_output("briefings/2022-01-12-brussels/index.html"));
    assert_eq!(site.output("CNAME"), "briefings.example.org\n");
}

#[test]
fn brief_clean_empties_the_cache_unless_a_build_holds_it() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    let root = site.root().to_str().unwrap();
    let held = hold_lock(&site, "4242");
    common::brief(&["clean", "--root", root])
        .fails_with(2)
        .reports(
            "error: a build of this site is running (pid 4242); run brief clean when it has ended",
        );
    drop(held);
    let run = common::brief(&["clean", "--root", root]).succeeds();
    assert_eq!(
        run.stdout,
        format!("Emptied the build cache {root}/.brief-cache\n")
    );
    assert!(!site.root().join(".brief-cache").exists());
    let run = common::brief(&["clean", "--root", root]).succeeds();
    assert_eq!(
        run.stdout,
        format!("The build cache {root}/.brief-cache is empty already\n")
    );
    let run = site.build(&[]).succeeds();
    assert!(run.stdout.contains(" 0 written, "), "{}", run.stdout);
}

#[test]
fn records_of_output_folders_that_are_gone_are_pruned() {
    let site = TestSite::fixture("basic");
    let other = site.root().join("elsewhere");
    site.build(&["--output", other.to_str().unwrap()])
        .succeeds();
    site.build(&[]).succeeds();
    let outputs = site.root().join(".brief-cache/outputs");
    assert_eq!(fs::read_dir(&outputs).unwrap().count(), 2);
    fs::remove_dir_all(&other).unwrap();
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("Test Briefings", "Renamed"),
    );
    site.build(&[]).succeeds();
    let left: Vec<String> = fs::read_dir(&outputs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 1);
    assert!(left[0].starts_with("public-"), "{left:?}");
}

fn size_of(dir: &Path) -> u64 {
    common::files_under(dir)
        .iter()
        .map(|f| fs::metadata(dir.join(f)).unwrap().len())
        .sum()
}

#[test]
fn the_summary_gives_the_sites_size() {
    let site = TestSite::fixture("basic");
    let run = site.build(&[]).succeeds();
    let size = format!(" ({:.1} kB) in ", size_of(&site.public()) as f64 / 1000.0);
    assert!(run.stdout.contains(&size), "{} lacks {size}", run.stdout);
    let again = site.build(&[]).succeeds();
    assert!(
        again.stdout.contains(&size),
        "{} lacks {size}",
        again.stdout
    );
}

#[test]
fn where_no_swap_is_possible_the_build_writes_in_place_and_says_so() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    site.write("public/CNAME", "briefings.example.org\n");
    let style = fs::metadata(site.public().join("style.css"))
        .unwrap()
        .modified()
        .unwrap();
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("Test Briefings", "Renamed"),
    );
    site.remove("content/briefings/2022-01-12-brussels.md");
    let run = common::brief_env(
        &["build", "--root", site.root().to_str().unwrap()],
        &[("BRIEF_NO_SWAP", "1")],
    )
    .succeeds();
    run.reports(&format!(
        "note: {}/public was updated file by file, not swapped whole in one step: BRIEF_NO_SWAP is set; a build killed while it renames files can leave a mix of old and new ones, which the next build makes whole",
        site.root().display()
    ));
    assert!(site.output("index.html").contains("Renamed"));
    assert!(!site.has_output("briefings/2022-01-12-brussels/index.html"));
    assert_eq!(site.output("CNAME"), "briefings.example.org\n");
    let kept = fs::metadata(site.public().join("style.css"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(style, kept, "an unchanged file was written");
}

#[test]
fn an_output_that_is_a_symbolic_link_stays_one_and_its_target_is_replaced() {
    let site = TestSite::fixture("basic");
    let target = site.root().join("www");
    fs::create_dir(&target).unwrap();
    std::os::unix::fs::symlink(&target, site.public()).unwrap();
    site.build(&[]).succeeds();
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("Test Briefings", "Renamed"),
    );
    site.build(&[]).succeeds();
    let link = fs::symlink_metadata(site.public()).unwrap();
    assert!(link.file_type().is_symlink());
    let index = fs::read_to_string(target.join("index.html")).unwrap();
    assert!(index.contains("Renamed"));
    assert!(!site.root().join(".www.brief-new").exists());
}

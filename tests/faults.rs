//! A build that fails or is stopped half-way leaves the previous output as it was: a template
//! error on one page of a thousand, a full disk (the file-size limit), SIGKILL and Ctrl-C in
//! the middle of writing. What a killed build leaves behind is hidden bookkeeping, which the
//! next build sweeps away.

mod common;

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Snapshot, TestSite, files_under};

/// A site of `count` briefings, each about a person of its own (so about 3 pages each), with
/// bodies long enough that writing takes a while.
fn site_of(count: usize) -> TestSite {
    let site = TestSite::empty();
    let body = "## Why is he in the news?\n\nA paragraph of words that says little. ".repeat(20);
    for n in 1..=count {
        site.write(
            &format!("content/briefings/2022-01-{:02}-number-{n}.md", n % 28 + 1),
            &common::briefing(
                &format!(
                    "title: Number {n}\nsubject: Person {n}\nage: 40\nnationality: Testish\ncare-rating: 5\ntags: [t{}]",
                    n % 10
                ),
                &body,
            ),
        );
    }
    site
}

/// Every file and folder of the output with its bytes, leaving out only a killed build's hidden
/// bookkeeping (`.brief-in-progress`, `.*.brief-tmp`).
fn output_without_debris(site: &TestSite) -> Snapshot {
    Snapshot::of(&site.public()).without(|path| {
        path.file_name()
            .is_some_and(|n| is_debris(&n.to_string_lossy()))
    })
}

fn is_debris(name: &str) -> bool {
    name == ".brief-in-progress" || name.ends_with(".brief-tmp") || name.contains(".brief-new")
}

/// Debris anywhere in the output or beside it.
fn debris(site: &TestSite) -> Vec<String> {
    let mut found: Vec<String> = files_under(&site.public())
        .into_iter()
        .filter(|f| f.split('/').any(is_debris))
        .collect();
    found.extend(
        fs::read_dir(site.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| is_debris(n)),
    );
    found
}

fn retitle(site: &TestSite, title: &str) {
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("title: Test Briefings", &format!("title: {title}")),
    );
}

#[test]
fn a_template_error_on_page_500_of_1000_leaves_the_previous_output() {
    let site = site_of(1000);
    site.build(&[]).succeeds();
    let before = output_without_debris(&site);
    retitle(&site, "Second Edition");
    site.write(
        "themes/default/templates/briefing.html",
        "{% extends \"base.html\" %}{% block content %}{% if briefing.title == \"Number 500\" %}{{ briefing.no_such_field }}{% endif %}{{ briefing.title }}{% endblock content %}",
    );
    site.build(&[])
        .fails_with(1)
        .reports("(while rendering /briefings/2022-01-25-number-500/)");
    assert!(output_without_debris(&site) == before, "the output changed");
    assert_eq!(debris(&site), Vec::<String>::new());
}

/// `brief build` with a file-size limit of `kib` KiB; `ignore_signal` makes a write past it
/// fail with EFBIG (as a full disk fails with ENOSPC) instead of killing the process.
fn build_with_size_limit(site: &TestSite, kib: u32, ignore_signal: bool) -> std::process::Output {
    let trap = if ignore_signal { "trap '' XFSZ; " } else { "" };
    let script = format!("{trap}ulimit -f {kib}; exec \"$0\" build --root \"$1\"");
    Command::new("bash")
        .args(["-c", &script, env!("CARGO_BIN_EXE_brief")])
        .arg(site.root())
        .output()
        .unwrap()
}

/// A site whose one big page is over the limit: everything else fits.
fn site_with_a_big_page() -> TestSite {
    let site = site_of(20);
    site.write(
        "content/briefings/2022-02-01-big.md",
        &common::briefing(
            "title: Big\nsubject: Big Person\nage: 40\nnationality: Testish\ncare-rating: 5",
            &"A long sentence that fills the disk, one word at a time. ".repeat(4000),
        ),
    );
    site
}

#[test]
fn a_full_disk_in_the_middle_of_a_rebuild_leaves_the_previous_output_and_no_debris() {
    let site = site_with_a_big_page();
    site.build(&[]).succeeds();
    let before = output_without_debris(&site);
    retitle(&site, "Second Edition");
    let output = build_with_size_limit(&site, 128, true);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: could not write `") && stderr.contains("File too large"),
        "{stderr}"
    );
    assert!(output_without_debris(&site) == before, "the output changed");
    assert_eq!(debris(&site), Vec::<String>::new());
    // Room again: the build goes through.
    site.build(&[]).succeeds();
    assert!(site.output("index.html").contains("Second Edition"));
}

#[test]
fn a_full_disk_in_a_first_build_leaves_no_output_and_no_debris() {
    let site = site_with_a_big_page();
    let output = build_with_size_limit(&site, 128, true);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!site.public().exists());
    assert_eq!(debris(&site), Vec::<String>::new());
}

#[test]
fn a_build_killed_by_the_file_size_signal_is_cleaned_up_by_the_next() {
    let site = site_with_a_big_page();
    site.build(&[]).succeeds();
    let before = output_without_debris(&site);
    retitle(&site, "Second Edition");
    let output = build_with_size_limit(&site, 128, false);
    assert_eq!(
        output.status.signal(),
        Some(25),
        "not killed by SIGXFSZ: {output:?}"
    );
    assert!(output_without_debris(&site) == before, "the output changed");
    site.build(&[]).succeeds();
    assert_eq!(debris(&site), Vec::<String>::new());
    assert!(site.output("index.html").contains("Second Edition"));
}

/// Starts a build, waits until it is writing (`marker` exists), lets it write a little longer,
/// then sends `signal`. Returns how the build ended; `None` if it finished first.
fn interrupt_while_writing(
    site: &TestSite,
    signal: &str,
    marker: &Path,
    after: Duration,
) -> Option<i32> {
    // A shell that runs the tests in the background leaves SIGINT ignored for its children:
    // give brief the disposition a terminal would, where GNU env can.
    let can_reset = Command::new("env")
        .args(["--default-signal=INT", "true"])
        .status()
        .is_ok_and(|s| s.success());
    let mut command = Command::new(if can_reset {
        "env"
    } else {
        env!("CARGO_BIN_EXE_brief")
    });
    if can_reset {
        command
            .arg("--default-signal=INT")
            .arg(env!("CARGO_BIN_EXE_brief"));
    }
    let mut child = command
        .args(["build", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !marker.exists() {
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the build never started writing"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    std::thread::sleep(after);
    Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap().signal()
}

fn killed_while_rewriting_leaves_the_previous_output(signal: &str, number: i32) {
    let site = site_of(1000);
    site.build(&[]).succeeds();
    let before = output_without_debris(&site);
    retitle(&site, "Second Edition");
    // The staging folder beside the output: there while the build writes.
    let marker = site.root().join(".public.brief-new");
    // Kill sooner and sooner until a kill lands before the build ends.
    let landed = [200, 50, 10, 0].into_iter().any(|ms| {
        interrupt_while_writing(&site, signal, &marker, Duration::from_millis(ms)) == Some(number)
    });
    assert!(landed, "no {signal} landed in the middle of the build");
    assert!(output_without_debris(&site) == before, "the output changed");
    site.build(&[]).succeeds();
    assert_eq!(debris(&site), Vec::<String>::new());
    assert!(site.output("index.html").contains("Second Edition"));
}

#[test]
fn sigkill_in_the_middle_of_a_rebuild_leaves_the_previous_output() {
    killed_while_rewriting_leaves_the_previous_output("-KILL", 9);
}

#[test]
fn ctrl_c_in_the_middle_of_a_rebuild_leaves_the_previous_output() {
    killed_while_rewriting_leaves_the_previous_output("-INT", 2);
}

#[test]
fn sigkill_in_the_middle_of_a_first_build_leaves_no_output_and_the_next_build_cleans_up() {
    let site = site_of(1000);
    let staging = site.root().join(".public.brief-new");
    let landed = [100, 20, 0].into_iter().any(|ms| {
        interrupt_while_writing(&site, "-KILL", &staging, Duration::from_millis(ms)) == Some(9)
    });
    assert!(landed, "no kill landed in the middle of the build");
    assert!(
        !site.public().exists(),
        "a killed first build left an output folder"
    );
    site.build(&[]).succeeds();
    assert_eq!(debris(&site), Vec::<String>::new());
}

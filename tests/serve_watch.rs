//! What `brief serve` watches: briefings created, deleted and renamed, new and renamed
//! folders, `site.yaml`, the site's theme, and `content/` and `themes/` made after the start;
//! the polling watcher (`--poll`, and the fallback when inotify runs out of watches); and, after
//! each edit of a series, a served site equal to a fresh build.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::basic::{
    BRUSSELS, BRUSSELS_PAGE, COUNCIL, GENEVA, GENEVA_PAGE, PATIENCE, PATIENCE_PAGE,
};
use common::builders::briefing_titled;
use common::events::Events;
use common::serve::{Serve, WAIT};
use common::served::{SCRIPT, build_for, built_files, differences};
use common::{TestSite, edit, read};

/// Sleeps a second, then until just after the wall clock enters a new second: what is written
/// next is not in the second of what was written before (polling compares times to the second).
fn sleep_into_a_later_second() {
    std::thread::sleep(Duration::from_millis(1000));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let into = Duration::from_nanos(u64::from(now.subsec_nanos()));
    std::thread::sleep(Duration::from_secs(1) - into + Duration::from_millis(20));
}

/// `unshare -Ur`, where a user namespace may be made: in it, the inotify watch limit can be
/// lowered for brief alone.
fn can_unshare() -> bool {
    Command::new("unshare")
        .args([
            "-Ur",
            "sh",
            "-c",
            "echo 1 > /proc/sys/user/max_inotify_watches",
        ])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The basic fixture served by the polling watcher (`--poll`), once a later second has begun:
/// edits are not in the second the fixture was copied in (see the test of two saves).
fn served_polling() -> (TestSite, Serve) {
    let site = TestSite::fixture("basic");
    let serve = Serve::start_with(site.root(), &["--poll"]);
    sleep_into_a_later_second();
    (site, serve)
}

/// A theme's 404 template: a whole page of its own that says `words`.
fn lost_page(words: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Lost</title></head><body><p>{words}</p></body></html>\n"
    )
}

/// `brief serve` of `site` in a user namespace where brief may make only `watches` inotify
/// watches, or `None` (with a note) where no user namespace can be made.
#[cfg(target_os = "linux")]
fn serve_with_inotify_watches(site: &TestSite, watches: u32) -> Option<Serve> {
    if !can_unshare() {
        eprintln!(
            "skipped: cannot make a user namespace (unshare -Ur) to lower the watch limit in"
        );
        return None;
    }
    let limit =
        format!("echo {watches} > /proc/sys/user/max_inotify_watches && exec \"$0\" \"$@\"");
    let launcher = ["unshare", "-Ur", "sh", "-c", &limit];
    Some(Serve::start_via(&launcher, site.root(), &[]))
}

#[test]
fn the_polling_watcher_sees_edits_and_new_folders() {
    let (site, serve) = served_polling();
    serve.edit_and_wait(
        BRUSSELS,
        BRUSSELS_PAGE,
        (COUNCIL, "He chaired the council, polled."),
    );
    site.write(
        "content/briefings/2023/2023-02-01-polled.md",
        &briefing_titled("Seen by polling", "Poll Person", "Polled body.\n"),
    );
    serve.wait_for_text("/sub/briefings/2023-02-01-polled/", "Polled body.");
    site.remove(GENEVA);
    serve.wait_for_404(GENEVA_PAGE);
}

#[test]
fn the_polling_watcher_sees_two_saves_within_one_second() {
    let (_site, serve) = served_polling();
    serve.edit_and_wait(BRUSSELS, BRUSSELS_PAGE, (COUNCIL, "First save."));
    // A quick second save (a typo fixed), in the same second.
    serve.edit_and_wait(BRUSSELS, BRUSSELS_PAGE, ("First save.", "Second save."));
}

#[cfg(target_os = "linux")]
#[test]
fn out_of_inotify_watches_it_says_so_and_polls() {
    let site = TestSite::fixture("basic");
    // Three watches: fewer than the folders of the site.
    let Some(serve) = serve_with_inotify_watches(&site, 3) else {
        return;
    };
    serve.wait_for_log("the system's limit on watched folders is reached (fs.inotify.max_user_watches), so brief serve now looks for changes every 300 ms instead");
    sleep_into_a_later_second();
    serve.edit_and_wait(BRUSSELS, BRUSSELS_PAGE, (COUNCIL, "Seen by polling."));
    site.write(
        "content/briefings/2023/deep/er/2023-02-01-deep.md",
        &briefing_titled("Deep down", "Deep Person", "Deep body.\n"),
    );
    serve.wait_for_text("/sub/briefings/2023-02-01-deep/", "Deep body.");
}

#[cfg(target_os = "linux")]
#[test]
fn out_of_inotify_watches_for_a_folder_made_while_serving_it_turns_to_polling() {
    let site = TestSite::fixture("basic");
    // Six watches: the root, and content/ with its four folders; none to spare.
    let Some(serve) = serve_with_inotify_watches(&site, 6) else {
        return;
    };
    serve.edit_and_wait(BRUSSELS, BRUSSELS_PAGE, (COUNCIL, "Seen natively."));
    assert!(!serve.log().contains("max_user_watches"), "{}", serve.log());
    let late = "content/briefings/2024/spring/2024-03-01-late.md";
    let late_page = "/sub/briefings/2024-03-01-late/";
    site.write(
        late,
        &briefing_titled("Late folder", "Late Person", "Late body.\n"),
    );
    serve.wait_for_log("the system's limit on watched folders is reached");
    serve.wait_for_text(late_page, "Late body.");
    sleep_into_a_later_second();
    serve.edit_and_wait(late, late_page, ("Late body.", "Later body."));
}

#[test]
fn a_briefing_in_a_new_sub_folder_is_served_and_the_new_folder_is_watched() {
    let (site, serve) = Serve::fixture("basic");
    // Two new levels at once.
    let fresh = "content/briefings/2023/spring/2023-03-01-fresh.md";
    let fresh_page = "/sub/briefings/2023-03-01-fresh/";
    site.write(
        fresh,
        &briefing_titled("Fresh in spring", "Fresh Person", "Fresh body one.\n"),
    );
    serve.wait_for_text(fresh_page, "Fresh body one.");
    serve.wait_for_text("/sub/people/fresh-person/", "Fresh in spring");
    serve.wait_for_text("/sub/tags/watch/", "Fresh in spring");
    // Later changes inside the new folder are seen too: it is watched, not only read once.
    std::thread::sleep(Duration::from_millis(300));
    site.write(
        "content/briefings/2023/spring/2023-03-02-later.md",
        &briefing_titled("Later in spring", "Fresh Person", "Later body.\n"),
    );
    serve.wait_for_text("/sub/briefings/2023-03-02-later/", "Later body.");
    std::thread::sleep(Duration::from_millis(300));
    serve.edit_and_wait(fresh, fresh_page, ("Fresh body one.", "Fresh body two."));
}

#[test]
fn a_deleted_briefing_becomes_the_404_page_and_leaves_the_other_pages() {
    let (site, serve) = Serve::fixture("basic");
    assert_eq!(serve.get("/sub/people/jens-stoltenberg/").status, 200);
    site.remove(BRUSSELS);
    serve.wait_for_404(BRUSSELS_PAGE);
    // Jens Stoltenberg was named only there.
    serve.wait_for_404("/sub/people/jens-stoltenberg/");
    serve.wait_for_404("/sub/briefings/2022-01-12-brussels/post.txt");
    serve.wait_for("/sub/", "without the deleted briefing", |r| {
        r.status == 200 && !r.text().contains("2022-01-12-brussels")
    });
    serve.wait_for("/sub/rss.xml", "without the deleted briefing", |r| {
        r.status == 200 && !r.text().contains("2022-01-12-brussels")
    });
    assert_eq!(serve.get(GENEVA_PAGE).status, 200);
}

#[test]
fn a_renamed_briefing_moves_to_its_new_address() {
    let (site, serve) = Serve::fixture("basic");
    let root = site.root();
    fs::rename(
        root.join(GENEVA),
        root.join("content/briefings/2022-01-10-geneva-talks.md"),
    )
    .unwrap();
    serve.wait_for_404(GENEVA_PAGE);
    serve.wait_for_text("/sub/briefings/2022-01-10-geneva-talks/", "Talks in Geneva");
    serve.wait_for_text("/sub/people/wendy-sherman/", "2022-01-10-geneva-talks");
    // Moved into a sub-folder: the address stays, and the file is still watched there.
    fs::rename(
        root.join("content/briefings/2022-01-10-geneva-talks.md"),
        root.join("content/briefings/2022/2022-01-10-geneva-talks.md"),
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    edit(
        root,
        "content/briefings/2022/2022-01-10-geneva-talks.md",
        "She led the American side",
        "She led, from a sub-folder, the American side",
    );
    serve.wait_for_text(
        "/sub/briefings/2022-01-10-geneva-talks/",
        "She led, from a sub-folder, the American side",
    );
    assert_eq!(serve.get(GENEVA_PAGE).status, 404);
}

#[test]
fn a_renamed_folder_stays_watched() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/briefings/old/2022-02-01-moving.md",
        &briefing_titled("On the move", "Moving Person", "Before the move.\n"),
    );
    let serve = Serve::start(site.root());
    let page = "/sub/briefings/2022-02-01-moving/";
    assert!(serve.get(page).text().contains("Before the move."));
    let (_, mut events) = serve.open_tab(page);
    fs::rename(
        site.root().join("content/briefings/old"),
        site.root().join("content/briefings/new"),
    )
    .unwrap();
    events.wait_for("reload", |_| true);
    assert!(serve.get(page).text().contains("Before the move."));
    std::thread::sleep(Duration::from_millis(300));
    serve.edit_and_wait(
        "content/briefings/new/2022-02-01-moving.md",
        page,
        ("Before the move.", "After the move."),
    );
}

#[test]
fn a_change_to_site_yaml_rebuilds_every_page() {
    let (site, serve) = Serve::fixture("basic");
    edit(
        site.root(),
        "site.yaml",
        "title: Test Briefings",
        "title: Renamed Briefings",
    );
    for path in ["/sub/", BRUSSELS_PAGE, "/sub/people/", "/sub/no-such-page/"] {
        serve.wait_for(path, "titled anew", |r| {
            r.text().contains("Renamed Briefings") && !r.text().contains("Test Briefings")
        });
    }
    serve.wait_for_text("/sub/rss.xml", "Renamed Briefings");
}

#[test]
fn a_changed_template_or_stylesheet_of_the_sites_theme_is_served() {
    let site = TestSite::fixture("basic");
    site.write(
        "themes/default/templates/404.html",
        &lost_page("Custom 404 one"),
    );
    site.write("themes/default/static/style.css", "body { color: red }\n");
    let serve = Serve::start(site.root());
    serve.wait_for("/sub/nowhere/", "the custom 404 page", |r| {
        r.status == 404 && r.text().contains("Custom 404 one") && r.text().contains(SCRIPT)
    });
    site.write(
        "themes/default/templates/404.html",
        &lost_page("Custom 404 two"),
    );
    serve.wait_for("/sub/nowhere/", "the changed 404 page", |r| {
        r.status == 404 && r.text().contains("Custom 404 two")
    });
    let (_, mut events) = serve.open_tab("/sub/");
    site.write("themes/default/static/style.css", "body { color: blue }\n");
    serve.wait_for_text("/sub/style.css", "color: blue");
    // Only a stylesheet changed: open tabs swap it without reloading.
    events.wait_for("styles", |_| true);
    assert!(
        !events.seen.iter().any(|(name, _)| name == "reload"),
        "{:?}",
        events.seen
    );
}

#[test]
fn a_content_folder_created_after_the_start_is_watched() {
    let site = TestSite::empty();
    let serve = Serve::start(site.root());
    let file = "content/briefings/2022-02-01-late.md";
    let page = "/sub/briefings/2022-02-01-late/";
    let text = briefing_titled("Late content", "Late Person", "Late body one.\n");
    site.write(file, &text);
    serve.wait_for_text(page, "Late body one.");
    std::thread::sleep(Duration::from_millis(300));
    serve.edit_and_wait(file, page, ("Late body one.", "Late body two."));
}

#[test]
fn a_themes_folder_created_after_the_start_is_watched() {
    let (site, serve) = Serve::fixture("basic");
    site.write(
        "themes/default/templates/404.html",
        &lost_page("Late 404 one"),
    );
    serve.wait_for("/sub/nowhere/", "the new 404 page", |r| {
        r.status == 404 && r.text().contains("Late 404 one")
    });
    std::thread::sleep(Duration::from_millis(300));
    site.write(
        "themes/default/templates/404.html",
        &lost_page("Late 404 two"),
    );
    serve.wait_for("/sub/nowhere/", "the changed 404 page", |r| {
        r.status == 404 && r.text().contains("Late 404 two")
    });
}

/// One edit of the series below.
type Step = (&'static str, Box<dyn Fn(&Path)>);

#[test]
fn after_each_edit_of_a_series_the_served_site_equals_a_fresh_build() {
    let (site, serve) = Serve::fixture("basic");
    let root = site.root();
    let patience = read(root, PATIENCE);
    let steps: Vec<Step> = vec![
        (
            "add a briefing",
            Box::new(|root| {
                fs::write(
                    root.join("content/briefings/2022-01-15-added.md"),
                    common::briefing(
                        "title: Sanctions ahead\nsubject: Antony Blinken\nage: 59\nnationality: American\ncare-rating: 3\ntags: [usa, sanctions]",
                        "## Why is he in the news?\n\nAdded body.\n",
                    ),
                )
                .unwrap();
            }),
        ),
        (
            "change a subject",
            Box::new(|root| {
                edit(
                    root,
                    GENEVA,
                    "subject: Wendy Sherman",
                    "subject: Antony Blinken",
                )
            }),
        ),
        (
            "change tags",
            Box::new(|root| edit(root, BRUSSELS, "tags: [nato]", "tags: [nato, europe]")),
        ),
        (
            "change a date",
            Box::new(|root| edit(root, BRUSSELS, "date: 2022-01-12", "date: 2022-01-16")),
        ),
        (
            "rename into a sub-folder",
            Box::new(|root| {
                fs::rename(
                    root.join(BRUSSELS),
                    root.join("content/briefings/2022/2022-01-12-brussels-council.md"),
                )
                .unwrap();
            }),
        ),
        (
            "delete",
            Box::new(|root| fs::remove_file(root.join(GENEVA)).unwrap()),
        ),
        (
            "break",
            Box::new(|root| edit(root, PATIENCE, "care-rating: 7", "care-rating: eleven")),
        ),
        (
            "fix",
            // Fixed to something new, so that the site served while broken is not already right.
            Box::new(move |root| {
                fs::write(
                    root.join(PATIENCE),
                    patience.replace("care-rating: 7", "care-rating: 8"),
                )
                .unwrap();
            }),
        ),
        (
            "delete the added one",
            Box::new(|root| {
                fs::remove_file(root.join("content/briefings/2022-01-15-added.md")).unwrap()
            }),
        ),
    ];
    let mut good = build_for(root, serve.port).expect("the fixture builds");
    let mut ever: BTreeSet<String> = built_files(good.path()).into_iter().collect();
    let mut events = Events::open(serve.port, 0);
    for (name, step) in steps {
        step(root);
        match build_for(root, serve.port) {
            Some(built) => good = built,
            None => {
                // `build` stops at the broken briefing; `serve` leaves it out and shows its
                // problems at its address (tests/incremental.rs compares such states with a
                // lenient full render).
                assert_eq!(name, "break", "`brief build` failed after {name:?}");
                events.wait_for("reload", |_| true);
                serve.wait_for_text(PATIENCE_PAGE, "This briefing is not published yet");
                continue;
            }
        }
        let current: BTreeSet<String> = built_files(good.path()).into_iter().collect();
        ever.extend(current.iter().cloned());
        let started = Instant::now();
        loop {
            let gone = ever
                .difference(&current)
                .map(|f| format!("/sub/{f}"))
                .find(|url| serve.get(url).status != 404);
            let outcome = match (differences(&serve, good.path()), gone) {
                (Err(e), _) => Err(e),
                (Ok(()), Some(url)) => Err(format!("{url} is still served")),
                (Ok(()), None) => Ok(()),
            };
            match outcome {
                Ok(()) => break,
                Err(e) if started.elapsed() > WAIT => panic!(
                    "after {name:?} the served site is not a fresh build:\n{e}\n--- brief serve said:\n{}",
                    serve.log()
                ),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }
}

/// A member runs `brief serve` inside the site's folder: the root is `.`, which the watcher's
/// events (absolute paths) must still be matched against.
#[cfg(unix)]
#[test]
fn a_site_served_from_its_own_folder_follows_edits() {
    let site = TestSite::fixture("basic");
    let folder = site.root().to_str().unwrap().replace('\'', "'\\''");
    let script = format!("cd '{folder}' && shift 3 && exec \"$0\" serve --root . \"$@\"");
    let serve = Serve::start_via(&["sh", "-c", &script], site.root(), &[]);
    serve.edit_and_wait(BRUSSELS, BRUSSELS_PAGE, (COUNCIL, "Edited from inside."));
}

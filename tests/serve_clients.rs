//! Clients that hold on to `brief serve` without asking much: hundreds of open event streams,
//! idle and half-sent connections, connections opened ahead of need, stuck downloads, and
//! requests on one kept-alive connection. None of them may stall the answer to the next reader.

mod common;

use std::fs;
use std::io::Write;
use std::time::{Duration, Instant};

use common::basic::{BRUSSELS, BRUSSELS_PAGE, COUNCIL};
use common::events::Events;
use common::http::read_one_answer;
use common::serve::{Serve, WAIT};
use common::served::version_of;
use common::{TestSite, edit};

#[test]
fn two_hundred_idle_event_streams_are_held_and_all_hear_of_a_rebuild() {
    let (site, serve) = Serve::fixture("basic");
    let version = version_of(&serve.get(BRUSSELS_PAGE));
    let mut tabs: Vec<Events> = (0..200)
        .map(|_| Events::open(serve.port, version))
        .collect();
    let started = Instant::now();
    let reply = serve.get("/sub/");
    assert_eq!(reply.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    edit(site.root(), BRUSSELS, COUNCIL, "Heard by 200 tabs.");
    for (n, tab) in tabs.iter_mut().enumerate() {
        let until = Instant::now() + WAIT;
        let event = std::iter::from_fn(|| tab.next_event(until)).find(|(name, _)| name == "reload");
        assert!(event.is_some(), "tab {n} heard no reload: {:?}", tab.seen);
    }
    serve.wait_for_text(BRUSSELS_PAGE, "Heard by 200 tabs.");
}

#[test]
fn idle_connections_and_unread_event_streams_do_not_stall_the_server() {
    let (site, serve) = Serve::fixture("basic");
    let mut idle = Vec::new();
    // One at a time: a burst of them is another matter (see the next test).
    for _ in 0..12 {
        std::thread::sleep(Duration::from_millis(20));
        // Tabs that never read their event stream…
        idle.push(serve.send(b"GET /__brief/events?since=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        std::thread::sleep(Duration::from_millis(20));
        // …clients that stop in the middle of a request…
        idle.push(serve.send(b"GET /sub/ HTTP/1.1\r\nHo"));
        std::thread::sleep(Duration::from_millis(20));
        // …and some that never say anything.
        idle.push(serve.connect());
    }
    let (_, mut events) = serve.open_tab(BRUSSELS_PAGE);
    for _ in 0..10 {
        let started = Instant::now();
        let reply = serve
            .try_get("/sub/", Duration::from_secs(5))
            .expect("an answer despite idle clients");
        assert_eq!(reply.status, 200);
        assert!(started.elapsed() < Duration::from_secs(2));
    }
    edit(site.root(), BRUSSELS, COUNCIL, "He chaired it.");
    events.wait_for("reload", |_| true);
    serve.wait_for_text(BRUSSELS_PAGE, "He chaired it.");
    drop(idle);
}

/// Regression: tiny_http 0.12's pool could queue a request behind preconnections that never
/// send, forever (see `http::keep_pool_moving`).
#[test]
fn a_request_amid_a_burst_of_idle_connections_is_answered() {
    let (_site, serve) = Serve::fixture("basic");
    let mut idle = Vec::new();
    let mut stalled = 0;
    for _ in 0..30 {
        // A browser opening connections ahead of need, then asking for a page on another.
        for _ in 0..3 {
            idle.push(serve.connect());
        }
        let reply = serve.try_get("/sub/", Duration::from_secs(2));
        if !reply.is_ok_and(|r| r.status == 200) {
            stalled += 1;
        }
    }
    assert_eq!(
        stalled, 0,
        "{stalled} of 30 requests got no answer within 2 s"
    );
    drop(idle);
}

/// Regression: tiny_http writes head and body apart, and with Nagle's algorithm on, each body
/// waited for the client's delayed acknowledgement: 40 ms a request on a kept-alive connection.
#[test]
fn requests_on_a_kept_alive_connection_do_not_wait_for_delayed_acks() {
    let (_site, serve) = Serve::fixture("basic");
    let mut stream = serve.connect();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let request = "GET /sub/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    stream.write_all(request.as_bytes()).unwrap();
    assert_eq!(read_one_answer(&mut stream), 200);
    let started = Instant::now();
    for _ in 0..20 {
        stream.write_all(request.as_bytes()).unwrap();
        assert_eq!(read_one_answer(&mut stream), 200);
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_millis(400),
        "20 requests on one connection took {elapsed:?}"
    );
}

#[test]
fn stuck_downloads_do_not_stall_the_server() {
    let site = TestSite::fixture("basic");
    let big = vec![b'%'; 16 << 20];
    fs::create_dir_all(site.root().join("content/files")).unwrap();
    fs::write(site.root().join("content/files/big.pdf"), big).unwrap();
    let serve = Serve::start(site.root());
    let mut stuck = Vec::new();
    for _ in 0..6 {
        // A reader who started a large download, then closed the laptop.
        stuck.push(serve.send(b"GET /sub/files/big.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    }
    std::thread::sleep(Duration::from_millis(500));
    let reply = serve.try_get("/sub/", Duration::from_secs(5));
    assert!(
        reply.as_ref().is_ok_and(|r| r.status == 200),
        "with six stuck downloads the server no longer answers: {reply:?}"
    );
    drop(stuck);
}

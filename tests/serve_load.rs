//! `brief serve` under a burst of connections that hold on without asking: tiny_http 0.12
//! gives each a thread and two file descriptors. Pages and live reload must keep working
//! amid them, idle ones are closed after a while (event streams are not), and running out of
//! file descriptors is refused or slow for a moment, never the end of the server. Timings are
//! liveness bounds only; figures are in `tests/bench/serve_idle.py`.
#![cfg(target_os = "linux")]

mod common;

use std::io::Read;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::basic::{BRUSSELS, BRUSSELS_PAGE, COUNCIL};
use common::serve::{Serve, WAIT};
use common::{TestSite, edit};

/// `count` connections: half say nothing, half stop in the middle of a request line.
fn idle_burst(serve: &Serve, count: usize) -> Vec<TcpStream> {
    (0..count)
        .map(|n| {
            if n % 2 == 0 {
                serve.connect()
            } else {
                serve.send(b"GET /sub/ HTT")
            }
        })
        .collect()
}

/// Asks for the home page until it is served whole, within `within`.
fn home_page_served(serve: &Serve, within: Duration) {
    let started = Instant::now();
    loop {
        let reply = serve.try_get("/sub/", Duration::from_secs(5));
        if reply
            .as_ref()
            .is_ok_and(|r| r.status == 200 && r.text().contains("</html>"))
        {
            return;
        }
        assert!(
            started.elapsed() < within,
            "/sub/ not served within {within:?}: {reply:?}\n--- brief serve said:\n{}",
            serve.log()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn alive(serve: &mut Serve) {
    assert!(
        serve.child.try_wait().unwrap().is_none(),
        "brief serve exited:\n{}",
        serve.log()
    );
}

#[test]
fn pages_and_live_reload_work_amid_three_hundred_idle_connections() {
    let (site, mut serve) = Serve::fixture("basic");
    let idle = idle_burst(&serve, 300);
    let (_, mut events) = serve.open_tab(BRUSSELS_PAGE);
    for _ in 0..5 {
        home_page_served(&serve, WAIT);
    }
    edit(site.root(), BRUSSELS, COUNCIL, "Heard amid the idle.");
    events.wait_for("reload", |_| true);
    serve.wait_for_text(BRUSSELS_PAGE, "Heard amid the idle.");
    alive(&mut serve);
    drop(idle);
    home_page_served(&serve, WAIT);
    alive(&mut serve);
}

#[test]
fn idle_connections_are_closed_after_a_while_but_event_streams_are_not() {
    let (site, serve) = Serve::fixture("basic");
    let mut silent = serve.connect();
    let mut half = serve.send(b"GET /sub/ HTT");
    let (_, mut events) = serve.open_tab(BRUSSELS_PAGE);
    // The server's idle timeout is 10 s; it must have closed them well within 30.
    for stream in [&mut silent, &mut half] {
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut rest = Vec::new();
        let closed = stream.read_to_end(&mut rest);
        assert!(closed.is_ok(), "not closed by the server: {closed:?}");
    }
    edit(site.root(), BRUSSELS, COUNCIL, "Still listening.");
    events.wait_for("reload", |_| true);
}

#[test]
fn running_out_of_file_descriptors_is_survived() {
    let site = TestSite::fixture("basic");
    let launcher = ["prlimit", "--nofile=256:256", "--"];
    let mut serve = Serve::start_via(&launcher, site.root(), &[]);
    // Two descriptors a connection: 200 of them are more than the server may have open.
    let idle = idle_burst(&serve, 200);
    let during = serve.try_get("/sub/", Duration::from_secs(2));
    assert!(
        during
            .as_ref()
            .map_or(true, |r| [200, 503].contains(&r.status)),
        "{during:?}"
    );
    alive(&mut serve);
    drop(idle);
    home_page_served(&serve, WAIT);
    let (_, mut events) = serve.open_tab(BRUSSELS_PAGE);
    edit(site.root(), BRUSSELS, COUNCIL, "Back again.");
    events.wait_for("reload", |_| true);
    alive(&mut serve);
}

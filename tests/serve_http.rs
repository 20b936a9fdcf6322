//! `brief serve` as an HTTP server, spoken to in raw HTTP/1.1 so that paths go out exactly as
//! written: the site under its base URL's path, every file as `brief build` writes it with the
//! live-reload script in HTML pages only, content types, HEAD, the site's own 404 page,
//! redirects, the methods it answers; and the server's own life: a port in use, Ctrl-C, and
//! binding beyond loopback.

mod common;

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::TestSite;
use common::basic::{BRUSSELS_PAGE, PATIENCE_PAGE};
use common::http::exchange;
use common::serve::{Serve, WAIT};
use common::served::{build_for, built_files, differences, without_script};

/// The text of `path`, which must be an HTML page served with `status`.
fn html_page(serve: &Serve, path: &str, status: u16) -> String {
    let reply = serve.get(path);
    assert_eq!(reply.status, status, "{path}");
    assert_eq!(reply.content_type(), "text/html; charset=utf-8", "{path}");
    reply.text()
}

#[test]
fn the_site_is_served_under_the_base_urls_path_and_the_root_redirects_there() {
    let (site, serve) = Serve::fixture("basic");
    let log = serve.log();
    assert!(
        log.contains(&format!(
            "Serving the site at http://127.0.0.1:{}/sub/",
            serve.port
        )),
        "{log}"
    );
    assert!(
        !log.contains("reachable from the network"),
        "loopback is not the network:\n{log}"
    );

    let home = serve.get("/sub/");
    assert_eq!(home.status, 200, "{}", home.text());
    assert_eq!(home.content_type(), "text/html; charset=utf-8");
    assert!(home.text().contains("Test Briefings"));
    for (from, to) in [("/", "/sub/"), ("/sub", "/sub/")] {
        let reply = serve.get(from);
        assert_eq!(reply.status, 302, "{from}");
        assert_eq!(reply.header("location"), Some(to), "{from}");
    }
    assert!(
        !site.public().exists(),
        "serve must not write public/ (it serves from memory)"
    );
}

#[test]
fn every_served_file_is_what_build_writes_plus_the_script_in_html_only() {
    let (site, serve) = Serve::fixture("basic");
    let built = build_for(site.root(), serve.port).expect("the fixture builds");
    assert!(built_files(built.path()).len() > 30);
    if let Err(difference) = differences(&serve, built.path()) {
        panic!("{difference}");
    }
    assert!(!site.public().exists(), "serve wrote public/");
}

#[test]
fn feeds_sitemap_styles_and_plain_files_have_their_types_and_no_script() {
    let (_site, serve) = Serve::fixture("basic");
    for (path, kind, starts) in [
        ("/sub/rss.xml", "application/rss+xml", "<?xml"),
        (
            "/sub/people/sergey-lavrov/rss.xml",
            "application/rss+xml",
            "<?xml",
        ),
        ("/sub/tags/nato/rss.xml", "application/rss+xml", "<?xml"),
        ("/sub/sitemap.xml", "application/xml", "<?xml"),
        ("/sub/style.css", "text/css", ""),
        ("/sub/robots.txt", "text/plain", ""),
        (
            "/sub/briefings/2022-01-12-brussels/post.txt",
            "text/plain",
            "",
        ),
        ("/sub/images/map.svg", "image/svg+xml", ""),
    ] {
        let reply = serve.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            reply.content_type().starts_with(kind),
            "{path}: Content-Type {:?}, not {kind}",
            reply.content_type()
        );
        let text = reply.text();
        assert!(text.starts_with(starts), "{path}: {}", reply.excerpt());
        assert!(
            !text.contains("data-version") && !text.contains("__brief"),
            "{path} carries the live-reload script"
        );
    }
    for path in [
        "/sub/",
        "/sub/page/2/",
        BRUSSELS_PAGE,
        PATIENCE_PAGE,
        "/sub/people/",
        "/sub/people/sergey-lavrov/",
        "/sub/tags/nato/",
        "/sub/nationalities/",
        "/sub/propose/",
        "/sub/404.html",
    ] {
        let text = html_page(&serve, path, 200);
        if let Err(e) = without_script(&text) {
            panic!("{path}: {e}");
        }
        assert!(
            text.contains("/__brief/events?since="),
            "{path}: the script does not listen to the event stream"
        );
    }
}

#[test]
fn head_gives_the_headers_and_no_body() {
    let (_site, serve) = Serve::fixture("basic");
    for (path, status) in [
        ("/sub/", 200),
        (BRUSSELS_PAGE, 200),
        ("/sub/rss.xml", 200),
        ("/sub/style.css", 200),
        ("/sub/no-such-page/", 404),
    ] {
        let got = serve.get(path);
        let head = serve.request("HEAD", path);
        assert_eq!(head.status, status, "HEAD {path}");
        assert_eq!(got.status, status, "GET {path}");
        assert_eq!(head.content_type(), got.content_type(), "HEAD {path}");
        assert!(head.body.is_empty(), "HEAD {path} sent a body");
        if let Some(length) = head.header("content-length") {
            assert_eq!(
                length.parse::<usize>().unwrap(),
                got.body.len(),
                "HEAD {path}: Content-Length"
            );
        }
    }
}

#[test]
fn an_unknown_page_is_the_sites_own_404_page_with_status_404() {
    let (_site, serve) = Serve::fixture("basic");
    let page = serve.get("/sub/404.html");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Page not found"));
    for path in [
        "/sub/no/such/page/",
        "/sub/briefings/no-such-briefing/",
        "/sub/briefings/2022-01-12-brussels/nope.html",
        "/sub/nope.css",
        "/sub/briefings/2099-01-01-scheduled/",
        "/sub/briefings/unfinished/",
        "/elsewhere/",
        "/subway/",
        "/favicon.ico",
    ] {
        let text = html_page(&serve, path, 404);
        // The same page, with the script, so that an open tab keeps listening.
        assert_eq!(text, page.text(), "{path}");
    }
}

#[test]
fn a_folder_without_its_trailing_slash_redirects_to_the_slash_form() {
    let (_site, serve) = Serve::fixture("basic");
    for (from, to) in [
        ("/sub/briefings/2022-01-12-brussels", BRUSSELS_PAGE),
        ("/sub/people", "/sub/people/"),
        ("/sub/people/sergey-lavrov", "/sub/people/sergey-lavrov/"),
        ("/sub/tags/nato", "/sub/tags/nato/"),
        ("/sub/page/2", "/sub/page/2/"),
    ] {
        let reply = serve.get(from);
        assert_eq!(reply.status, 302, "{from}");
        assert_eq!(reply.header("location"), Some(to), "{from}");
        assert_eq!(serve.get(to).status, 200, "{to}");
    }
}

#[test]
fn only_get_and_head_are_answered() {
    let (_site, serve) = Serve::fixture("basic");
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        for path in [
            "/sub/",
            BRUSSELS_PAGE,
            "/sub/rss.xml",
            "/__brief/events?since=0",
        ] {
            let raw = format!(
                "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let reply = exchange(serve.port, raw.as_bytes(), WAIT)
                .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
            assert_eq!(reply.status, 405, "{method} {path}");
            let allow = reply.header("allow").unwrap_or_default();
            assert!(
                allow.contains("GET") && allow.contains("HEAD"),
                "{method} {path}: Allow {allow:?}"
            );
        }
    }
}

#[test]
fn a_folder_with_a_non_ascii_name_redirects_and_does_not_kill_the_server() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/docs/été/index.html",
        "<!DOCTYPE html><html><body><p>Accents</p></body></html>",
    );
    let serve = Serve::start(site.root());
    let page = serve.get("/sub/docs/%C3%A9t%C3%A9/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Accents"));
    let redirects: Vec<_> = (0..6)
        .map(|_| serve.try_get("/sub/docs/%C3%A9t%C3%A9", Duration::from_secs(3)))
        .collect();
    let home = serve.try_get("/sub/", Duration::from_secs(5));
    assert!(
        home.as_ref().is_ok_and(|r| r.status == 200),
        "after six requests for /sub/docs/%C3%A9t%C3%A9 the server no longer answers: {home:?}\n{}",
        serve.log()
    );
    for reply in redirects {
        let reply = reply.expect("an answer");
        assert_eq!(reply.status, 302, "{}", reply.text());
        assert_eq!(
            reply.header("location").map(str::to_ascii_uppercase),
            Some("/SUB/DOCS/%C3%A9T%C3%A9/".to_ascii_uppercase())
        );
    }
}

#[test]
fn a_port_in_use_is_named_with_the_port_flag() {
    let site = TestSite::fixture("basic");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("serve")
        .arg("--root")
        .arg(site.root())
        .args(["--port", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > WAIT {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!(
                "brief serve kept running with port {port} in use:\n{}",
                String::from_utf8_lossy(&output.stdout)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&port.to_string()) && stderr.contains("--port"),
        "the message must name the port and --port:\n{stderr}"
    );
    drop(taken);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_and_frees_the_port() {
    let site = TestSite::fixture("basic");
    // A shell that starts the tests in the background leaves SIGINT ignored, and children
    // inherit that: give the server the disposition a terminal would (GNU env can).
    let reset = ["env", "--default-signal=INT"];
    let can_reset = Command::new(reset[0])
        .args(&reset[1..])
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    let launcher: &[&str] = if can_reset { &reset } else { &[] };
    let mut serve = Serve::start_via(launcher, site.root(), &[]);
    let interrupted = Command::new("kill")
        .args(["-INT", &serve.child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let started = Instant::now();
    while serve.child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still running 5 s after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    TcpListener::bind(("127.0.0.1", serve.port)).expect("the port is free again");
    assert!(!site.public().exists());
}

#[test]
fn binding_beyond_loopback_says_the_site_is_reachable_from_the_network() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start_with(site.root(), &["--bind", "0.0.0.0"]);
    serve.wait_for_log("reachable from the network");
    // The URL to open is one that works.
    serve.wait_for_log(&format!("http://127.0.0.1:{}/sub/", serve.port));
    assert_eq!(serve.get("/sub/").status, 200);
}

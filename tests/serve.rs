//! `brief serve`, the real binary on a free loopback port, spoken to in raw HTTP/1.1 so that
//! paths go out exactly as written: status codes, content types, the sub-path, the live-reload
//! script (in HTML only), traversal in every disguise; the watcher, with files edited, created,
//! renamed and deleted the way editors do, and the event stream that tells open tabs; and live
//! reload in headless Chromium.
//!
//! Each test has its own copy of a site and its own server, so they run in parallel. Every wait
//! is bounded: a change must be served within `WAIT`.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{TestSite, brief, copy_tree, files_under, judges};

/// How long the server may take to start, or a change to be served.
const WAIT: Duration = Duration::from_secs(10);
/// How each HTML page announces the live-reload script.
const SCRIPT: &str = "<script data-version=";

const BRUSSELS: &str = "content/briefings/2022-01-12-brussels.md";
const BRUSSELS_PAGE: &str = "/sub/briefings/2022-01-12-brussels/";
const GENEVA: &str = "content/briefings/2022-01-10-geneva.md";
const GENEVA_PAGE: &str = "/sub/briefings/2022-01-10-geneva/";
const PATIENCE: &str = "content/briefings/2022/2022-01-14-patience.md";
const PATIENCE_PAGE: &str = "/sub/briefings/2022-01-14-patience/";

// ---------------------------------------------------------------------------------------------
// The server

/// `brief serve` on a free port; killed when dropped, whatever happens to the test.
struct Serve {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        Serve::start_with(root, &[])
    }

    fn start_with(root: &Path, args: &[&str]) -> Serve {
        Serve::start_via(&[], root, args)
    }

    /// Starts on a free port, through `launcher` (a command that runs the rest) if not empty,
    /// and waits for the line that says where the site is.
    fn start_via(launcher: &[&str], root: &Path, args: &[&str]) -> Serve {
        let mut log = String::new();
        // A port found free may be taken by a parallel test before we bind it: try another.
        for _ in 0..3 {
            let port = free_port();
            let binary = env!("CARGO_BIN_EXE_brief");
            let mut command = match launcher {
                [] => Command::new(binary),
                [program, rest @ ..] => {
                    let mut command = Command::new(program);
                    command.args(rest).arg(binary);
                    command
                }
            };
            let mut child = command
                .arg("serve")
                .arg("--root")
                .arg(root)
                .args(["--port", &port.to_string()])
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start brief serve");
            let shared = Arc::new(Mutex::new(String::new()));
            collect(child.stdout.take().unwrap(), &shared);
            collect(child.stderr.take().unwrap(), &shared);
            let mut serve = Serve {
                child,
                port,
                log: shared,
            };
            match serve.started() {
                Ok(()) => return serve,
                Err(text) if text.contains("already in use") => log = text,
                Err(text) => panic!("brief serve did not start:\n{text}"),
            }
        }
        panic!("no free port for brief serve:\n{log}");
    }

    fn started(&mut self) -> Result<(), String> {
        let started = Instant::now();
        loop {
            if self.log().contains("Serving the site at") {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the readers take the last words.
                std::thread::sleep(Duration::from_millis(100));
                return Err(format!("exited with {status}:\n{}", self.log()));
            }
            if started.elapsed() > WAIT {
                return Err(format!(
                    "not serving after {WAIT:?}; it said:\n{}",
                    self.log()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything it printed so far, stdout and stderr.
    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until it has printed `text` (stdout and stderr are read apart, so order is loose).
    fn wait_for_log(&self, text: &str) {
        let started = Instant::now();
        while !self.log().contains(text) {
            assert!(
                started.elapsed() < WAIT,
                "brief serve did not print {text:?}; it said:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path)
    }

    fn request(&self, method: &str, path: &str) -> Reply {
        let raw =
            format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        exchange(self.port, raw.as_bytes(), WAIT).unwrap_or_else(|e| {
            panic!(
                "{method} {path}: {e}\n--- brief serve said:\n{}",
                self.log()
            )
        })
    }

    /// Asks for `path` until `ok` holds for the answer (at most `WAIT`).
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let started = Instant::now();
        loop {
            let reply = self.get(path);
            if ok(&reply) {
                return reply;
            }
            if started.elapsed() > WAIT {
                panic!(
                    "{path}: still not {what} after {WAIT:?}; last answer: {} {}\n--- brief serve said:\n{}",
                    reply.status,
                    excerpt(&reply.text()),
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `path` is served with status 200 and holds `text`.
    fn wait_for_text(&self, path: &str, text: &str) -> Reply {
        self.wait_for(path, &format!("served with {text:?}"), |r| {
            r.status == 200 && r.text().contains(text)
        })
    }

    /// Waits until `path` is the site's 404 page.
    fn wait_for_404(&self, path: &str) -> Reply {
        self.wait_for(path, "the 404 page", |r| {
            r.status == 404 && r.text().contains("Page not found")
        })
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(pipe: impl Read + Send + 'static, log: &Arc<Mutex<String>>) {
    let log = Arc::clone(log);
    std::thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        let mut line = Vec::new();
        while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
            log.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&line));
            line.clear();
        }
    });
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

// ---------------------------------------------------------------------------------------------
// HTTP, by hand

/// One answer: status, headers (names in lower case), body.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `raw` as it is and reads the answer until the server closes the connection.
fn exchange(port: u16, raw: &[u8], timeout: Duration) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    stream.write_all(raw)?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes)?;
    parse_reply(&bytes)
}

fn parse_reply(bytes: &[u8]) -> std::io::Result<Reply> {
    let invalid = |why: String| std::io::Error::new(ErrorKind::InvalidData, why);
    let end = find(bytes, b"\r\n\r\n").ok_or_else(|| {
        invalid(format!(
            "no complete answer: {:?}",
            String::from_utf8_lossy(bytes)
        ))
    })?;
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid(format!("bad status line {status_line:?}")))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = bytes[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    if chunked {
        body = dechunk(&body).ok_or_else(|| invalid("bad chunked body".into()))?;
    }
    Ok(Reply {
        status,
        headers,
        body,
    })
}

fn dechunk(mut bytes: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = find(bytes, b"\r\n")?;
        let size_text = std::str::from_utf8(&bytes[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        bytes = &bytes[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(bytes.get(..size)?);
        bytes = bytes.get(size + 2..)?;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(300).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// The page without the live-reload script, which must be there once, just before the last
/// `</body>`.
fn without_script(html: &str) -> Result<String, String> {
    let count = html.matches(SCRIPT).count();
    if count != 1 {
        return Err(format!("the live-reload script is there {count} times"));
    }
    let start = html.find(SCRIPT).unwrap();
    let close = "</script>\n";
    let end = start
        + html[start..]
            .find(close)
            .ok_or("the live-reload script is not closed")?
        + close.len();
    if !html[end..].starts_with("</body>") || html[end + 7..].contains("</body>") {
        return Err("the live-reload script is not just before the last </body>".into());
    }
    Ok(format!("{}{}", &html[..start], &html[end..]))
}

/// The site version a served page was rendered from (its script's `data-version`).
fn version_of(reply: &Reply) -> u64 {
    let text = reply.text();
    let at = text.find(SCRIPT).expect("a page with the script") + SCRIPT.len() + 1;
    text[at..]
        .split('"')
        .next()
        .and_then(|v| v.parse().ok())
        .expect("a numeric data-version")
}

// ---------------------------------------------------------------------------------------------
// The event stream

/// An open `/__brief/events` stream, read as a browser tab would.
struct Events {
    stream: TcpStream,
    buffer: Vec<u8>,
    /// Every event read so far: (name, data).
    seen: Vec<(String, String)>,
}

impl Events {
    fn open(port: u16, since: u64) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .write_all(
                format!("GET /__brief/events?since={since} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .as_bytes(),
            )
            .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut events = Events {
            stream,
            buffer: Vec::new(),
            seen: Vec::new(),
        };
        let until = Instant::now() + WAIT;
        let end = loop {
            if let Some(end) = find(&events.buffer, b"\r\n\r\n") {
                break end;
            }
            assert!(
                events.fill(until),
                "the event stream sent no header within {WAIT:?}"
            );
        };
        let head = parse_reply(&events.buffer[..end + 4]).unwrap();
        assert_eq!(head.status, 200, "{head:?}");
        assert_eq!(head.content_type(), "text/event-stream", "{head:?}");
        events.buffer.drain(..end + 4);
        events
    }

    /// Reads more; false once `until` has passed.
    fn fill(&mut self, until: Instant) -> bool {
        if Instant::now() >= until {
            return false;
        }
        let mut chunk = [0; 8192];
        match self.stream.read(&mut chunk) {
            Ok(0) => panic!(
                "the server closed the event stream; events: {:?}",
                self.seen
            ),
            Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => panic!("reading the event stream: {e}"),
        }
        true
    }

    /// The next event (comments skipped), or `None` once `until` has passed.
    fn next_event(&mut self, until: Instant) -> Option<(String, String)> {
        loop {
            while let Some(end) = find(&self.buffer, b"\n\n") {
                let block = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
                self.buffer.drain(..end + 2);
                let mut name = None;
                let mut data: Vec<&str> = Vec::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("event:") {
                        name = Some(value.trim().to_owned());
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push(value.strip_prefix(' ').unwrap_or(value));
                    }
                }
                if name.is_none() && data.is_empty() {
                    continue; // a comment: the server saying it is alive
                }
                let event = (name.unwrap_or_else(|| "message".into()), data.join("\n"));
                self.seen.push(event.clone());
                return Some(event);
            }
            if !self.fill(until) {
                return None;
            }
        }
    }

    /// Reads events until one named `name` whose data passes `accept`; returns its data.
    fn wait_for(&mut self, name: &str, accept: impl Fn(&str) -> bool) -> String {
        let until = Instant::now() + WAIT;
        while let Some((event, data)) = self.next_event(until) {
            if event == name && accept(&data) {
                return data;
            }
        }
        panic!(
            "no matching `{name}` event within {WAIT:?}; events seen: {:?}",
            self.seen
        );
    }

    /// The events that arrive within `time`.
    fn during(&mut self, time: Duration) -> Vec<(String, String)> {
        let until = Instant::now() + time;
        let mut events = Vec::new();
        while let Some(event) = self.next_event(until) {
            events.push(event);
        }
        events
    }
}

// ---------------------------------------------------------------------------------------------
// Builds to compare with

/// `brief build` of `root` for the server's own base URL, in a folder of its own; `None` if it
/// fails.
fn build_for(root: &Path, port: u16) -> Option<tempfile::TempDir> {
    let dir = tempfile::tempdir().unwrap();
    let run = brief(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        dir.path().to_str().unwrap(),
        "--base-url",
        &format!("http://127.0.0.1:{port}/sub/"),
    ]);
    (run.code == 0).then_some(dir)
}

/// The files of a build, relative, without its bookkeeping (dotfiles).
fn built_files(built: &Path) -> Vec<String> {
    files_under(built)
        .into_iter()
        .filter(|f| !f.split('/').any(|part| part.starts_with('.')))
        .collect()
}

/// The content type each kind of file must be served with.
fn expected_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map_or("", |(_, e)| e) {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "xml" if file.ends_with("rss.xml") => "application/rss+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        other => panic!("no expected content type for .{other} ({file})"),
    }
}

/// The first way in which the served site differs from the build in `built`, if any: every
/// file is served with its type, HTML pages are the built page plus only the script, and other
/// files are the built bytes.
fn differences(serve: &Serve, built: &Path) -> Result<(), String> {
    for file in built_files(built) {
        let expected = fs::read(built.join(&file)).unwrap();
        let mut urls = vec![format!("/sub/{file}")];
        if let Some(folder) = file.strip_suffix("index.html") {
            urls.push(format!("/sub/{folder}"));
        }
        for url in urls {
            let reply = serve.get(&url);
            if reply.status != 200 {
                return Err(format!("{url}: status {}", reply.status));
            }
            let kind = expected_type(&file);
            if reply.content_type() != kind {
                return Err(format!(
                    "{url}: Content-Type {:?}, not {kind:?}",
                    reply.content_type()
                ));
            }
            let body = if kind.starts_with("text/html") {
                without_script(&reply.text())
                    .map_err(|e| format!("{url}: {e}"))?
                    .into_bytes()
            } else if find(&reply.body, b"data-version").is_some() {
                return Err(format!("{url}: the live-reload script is in a {kind} file"));
            } else {
                reply.body
            };
            if body != expected {
                return Err(format!(
                    "{url} is not what `brief build` wrote:\n{}",
                    first_difference(&body, &expected)
                ));
            }
        }
    }
    Ok(())
}

fn first_difference(served: &[u8], built: &[u8]) -> String {
    let at = served
        .iter()
        .zip(built)
        .position(|(a, b)| a != b)
        .unwrap_or(served.len().min(built.len()));
    let window = |bytes: &[u8]| {
        let from = at.saturating_sub(80);
        let to = (at + 80).min(bytes.len());
        String::from_utf8_lossy(&bytes[from.min(to)..to]).into_owned()
    };
    format!(
        "first difference at byte {at}\n  served: {:?}\n  built:  {:?}",
        window(served),
        window(built)
    )
}

// ---------------------------------------------------------------------------------------------
// Files, as editors write them

fn read(root: &Path, path: &str) -> String {
    fs::read_to_string(root.join(path)).unwrap()
}

/// Replaces `from` (which must be there) by `to` in a file, in place.
fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let text = read(root, path);
    assert!(text.contains(from), "{path} lacks {from:?}");
    fs::write(root.join(path), text.replacen(from, to, 1)).unwrap();
}

/// A briefing whose date comes from its file name.
fn briefing(title: &str, subject: &str, body: &str) -> String {
    common::briefing(
        &format!(
            "title: {title}\nsubject: {subject}\nage: 50\nnationality: Testish\ncare-rating: 4\ntags: [watch]"
        ),
        body,
    )
}

/// Nothing in `events` is a `problems` event.
fn assert_no_problems(events: &[(String, String)]) {
    let problems: Vec<_> = events.iter().filter(|(n, _)| n == "problems").collect();
    assert!(
        problems.is_empty(),
        "an editor's temporary file reached the build: {problems:?}"
    );
}

const SECRET: &str = "TOP-SECRET-3b9f1c: never serve me";

/// A site that has files of its own next to it, outside its root: `outer/site/` is the site,
/// `outer/secret.txt` is not, and neither is `outer/site/secret.txt`.
struct Nested {
    outer: tempfile::TempDir,
}

impl Nested {
    fn basic() -> Nested {
        let nested = Nested {
            outer: tempfile::tempdir().unwrap(),
        };
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic");
        copy_tree(&source, &nested.root());
        fs::write(nested.outer.path().join("secret.txt"), SECRET).unwrap();
        fs::write(nested.root().join("secret.txt"), SECRET).unwrap();
        nested
    }

    fn root(&self) -> PathBuf {
        self.outer.path().join("site")
    }

    fn secret(&self) -> PathBuf {
        self.outer.path().join("secret.txt")
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP

#[test]
fn the_site_is_served_under_the_base_urls_path_and_the_root_redirects_there() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let built = build_for(site.root(), serve.port).expect("the fixture builds");
    assert!(built_files(built.path()).len() > 30);
    if let Err(difference) = differences(&serve, built.path()) {
        panic!("{difference}");
    }
    assert!(!site.public().exists(), "serve wrote public/");
}

#[test]
fn feeds_sitemap_styles_and_plain_files_have_their_types_and_no_script() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
        assert!(text.starts_with(starts), "{path}: {}", excerpt(&text));
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
        let reply = serve.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.content_type(), "text/html; charset=utf-8", "{path}");
        let text = reply.text();
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
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
        let reply = serve.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.content_type(), "text/html; charset=utf-8", "{path}");
        // The same page, with the script, so that an open tab keeps listening.
        assert_eq!(reply.text(), page.text(), "{path}");
    }
}

#[test]
fn a_folder_without_its_trailing_slash_redirects_to_the_slash_form() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
fn traversal_in_any_disguise_never_reaches_a_file_outside_the_site() {
    let nested = Nested::basic();
    let serve = Serve::start(&nested.root());
    let secret = nested.secret();
    let absolute = secret.to_str().unwrap().to_owned();
    let encoded = absolute.replace('/', "%2f");
    let outer_name = nested.outer.path().file_name().unwrap().to_str().unwrap();
    let mut paths: Vec<String> = [
        "/sub/../secret.txt",
        "/sub/../../secret.txt",
        "/sub/../site.yaml",
        "/sub/../content/briefings/2022-01-12-brussels.md",
        "/../secret.txt",
        "/..",
        "/sub/..",
        "/sub/%2e%2e/secret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
        "/sub/%2E%2E/site.yaml",
        "/sub/.%2e/secret.txt",
        "/sub/%2e./secret.txt",
        "/sub/%2e%2e",
        "/sub/..%2fsecret.txt",
        "/sub/..%2F..%2Fsecret.txt",
        "/sub/%2e%2e%2fsecret.txt",
        "/sub%2f..%2fsecret.txt",
        "/sub/..%5csecret.txt",
        "/sub/..%5c..%5csecret.txt",
        "/sub/%5c..%5csecret.txt",
        "/sub/..\\secret.txt",
        "/sub/..\\..\\secret.txt",
        "/sub\\..\\secret.txt",
        "/sub/secret.txt%00",
        "/sub/secret.txt%00.html",
        "/sub/..%00/secret.txt",
        "/sub/%00/../secret.txt",
        "/sub/secret.txt\0.html",
        "/sub/%c0%ae%c0%ae/secret.txt",
        "/sub/%252e%252e/secret.txt",
        "/sub/./../secret.txt",
        "/sub/images/../../secret.txt",
        "/sub/images/%2e%2e/%2e%2e/secret.txt",
        "/sub/secret.txt",
        "/sub/site.yaml",
        "/sub/content/briefings/2022-01-12-brussels.md",
        "/sub/briefings/2022-01-12-brussels.md",
        "/sub/expected/index.html",
        "/secret.txt",
        "/site.yaml",
        "http://127.0.0.1/sub/../secret.txt",
        "file:///etc/passwd",
        "/sub//etc/passwd",
        "/sub/%2fetc%2fpasswd",
        "/sub/C:/Windows/win.ini",
        "/sub/C:%5cWindows%5cwin.ini",
    ]
    .map(String::from)
    .into();
    paths.extend([
        absolute.clone(),
        format!("/{absolute}"),
        format!("/sub/{absolute}"),
        format!("/sub/{encoded}"),
        format!("/sub/..{encoded}"),
        format!("/sub/../../{outer_name}/secret.txt"),
        format!("/sub/%2e%2e/%2e%2e/{outer_name}/secret.txt"),
    ]);
    for path in &paths {
        let raw = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        let reply = exchange(serve.port, raw.as_bytes(), WAIT)
            .unwrap_or_else(|e| panic!("{path:?}: no answer: {e}\n{}", serve.log()));
        assert!(
            [400, 404].contains(&reply.status),
            "{path:?}: status {}, not 400 or 404: {}",
            reply.status,
            excerpt(&reply.text())
        );
        let text = reply.text();
        for leak in [SECRET, "base-url:", "care-rating:", "root:x:0:0"] {
            assert!(!text.contains(leak), "{path:?} served {leak:?}");
        }
    }
    // And the server is none the worse for it.
    assert_eq!(serve.get("/sub/").status, 200);
}

// ---------------------------------------------------------------------------------------------
// Who may ask: DNS rebinding, other origins

/// `GET path` with exactly these extra header lines.
fn get_with(port: u16, path: &str, headers: &str) -> Reply {
    let raw = format!("GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n");
    exchange(port, raw.as_bytes(), WAIT).unwrap_or_else(|e| panic!("{path} with {headers:?}: {e}"))
}

#[test]
fn a_host_header_that_is_not_a_loopback_name_or_the_bound_address_is_forbidden() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let port = serve.port;
    for host in [
        "localhost".to_owned(),
        format!("localhost:{port}"),
        "LocalHost".to_owned(),
        "127.0.0.1".to_owned(),
        format!("127.0.0.1:{port}"),
        "[::1]".to_owned(),
        format!("[::1]:{port}"),
    ] {
        let reply = get_with(port, "/sub/", &format!("Host: {host}\r\n"));
        assert_eq!(reply.status, 200, "Host: {host}");
    }
    // A page of evil.example whose name now resolves to 127.0.0.1 sends its own name.
    for headers in [
        "Host: evil.example\r\n".to_owned(),
        format!("Host: evil.example:{port}\r\n"),
        format!("Host: 127.0.0.1.nip.io:{port}\r\n"),
        format!("Host: localhost.evil.example:{port}\r\n"),
        "Host: 127.0.0.1:1\r\n".to_owned(),
        "Host: [::1\r\n".to_owned(),
        "Host: \r\n".to_owned(),
        String::new(),
    ] {
        for path in [
            "/sub/",
            BRUSSELS_PAGE,
            "/sub/rss.xml",
            "/__brief/events?since=0",
            "/",
        ] {
            let reply = get_with(port, path, &headers);
            assert_eq!(
                reply.status,
                403,
                "{path} with {headers:?}: {}",
                reply.text()
            );
            assert!(
                !reply.text().contains("NATO") && !reply.text().contains("<html"),
                "{path} with {headers:?} served the site: {}",
                reply.text()
            );
        }
    }
}

#[test]
fn bound_to_every_address_any_ip_address_is_a_host_but_a_name_is_not() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start_with(site.root(), &["--bind", "0.0.0.0"]);
    let port = serve.port;
    for host in [
        "192.0.2.7".to_owned(),
        format!("10.1.2.3:{port}"),
        "localhost".to_owned(),
    ] {
        assert_eq!(
            get_with(port, "/sub/", &format!("Host: {host}\r\n")).status,
            200,
            "{host}"
        );
    }
    let reply = get_with(port, "/sub/", "Host: rebound.example\r\n");
    assert_eq!(reply.status, 403);
}

#[test]
fn no_answer_lets_another_origin_read_it() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let origin = "Host: 127.0.0.1\r\nOrigin: http://evil.example\r\n";
    for path in [
        "/sub/",
        BRUSSELS_PAGE,
        "/sub/rss.xml",
        "/sub/nowhere/",
        "/sub",
        "/sub/%2e%2e/x",
    ] {
        let reply = get_with(serve.port, path, origin);
        assert!(
            reply
                .headers
                .iter()
                .all(|(name, _)| !name.starts_with("access-control-")),
            "{path}: {:?}",
            reply.headers
        );
    }
}

#[test]
fn the_event_stream_refuses_pages_of_other_origins() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let port = serve.port;
    for origin in [
        "http://evil.example",
        "null",
        "https://127.0.0.1",
        "http://127.0.0.1.evil.example",
    ] {
        let reply = get_with(
            port,
            "/__brief/events?since=0",
            &format!("Host: 127.0.0.1:{port}\r\nOrigin: {origin}\r\n"),
        );
        assert_eq!(reply.status, 403, "Origin: {origin}");
        assert!(
            !reply.content_type().contains("event-stream"),
            "Origin: {origin}"
        );
    }
    // Its own pages may listen.
    for origin in [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
    ] {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let request = format!(
            "GET /__brief/events?since=0 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut head = [0; 64];
        let n = stream.read(&mut head).unwrap();
        let head = String::from_utf8_lossy(&head[..n]);
        assert!(head.starts_with("HTTP/1.1 200"), "Origin: {origin}: {head}");
    }
}

#[test]
fn two_hundred_idle_event_streams_are_held_and_all_hear_of_a_rebuild() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
    edit(
        site.root(),
        BRUSSELS,
        "He chaired the council.",
        "Heard by 200 tabs.",
    );
    for (n, tab) in tabs.iter_mut().enumerate() {
        let until = Instant::now() + WAIT;
        let event = std::iter::from_fn(|| tab.next_event(until)).find(|(name, _)| name == "reload");
        assert!(event.is_some(), "tab {n} heard no reload: {:?}", tab.seen);
    }
    serve.wait_for_text(BRUSSELS_PAGE, "Heard by 200 tabs.");
}

#[test]
fn problems_travel_as_one_line_of_json_and_the_overlay_writes_them_as_text() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let page = serve.get(BRUSSELS_PAGE);
    let mut events = Events::open(serve.port, version_of(&page));
    // A value that, written raw, would end the event and forge another, or inject markup.
    edit(
        site.root(),
        BRUSSELS,
        "care-rating: 6",
        "care-rating: \"<img src=x onerror=alert(1)>\\n\\nevent: reload\\ndata: x\"",
    );
    let data = events.wait_for("problems", |d| d.contains("onerror"));
    let problems: serde_json::Value = serde_json::from_str(&data).expect("one line of JSON");
    assert!(
        problems
            .to_string()
            .contains("<img src=x onerror=alert(1)>"),
        "{problems:#}"
    );
    let more = events.during(Duration::from_millis(500));
    assert!(
        more.iter().all(|(name, _)| name != "reload"),
        "a forged event got through: {more:?}"
    );
    // The overlay sets text, never markup.
    let script = page.text();
    let script = &script[script.find(SCRIPT).unwrap()..];
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
    ] {
        assert!(!script.contains(sink), "the live-reload script uses {sink}");
    }
    assert!(script.contains("textContent"));
}

#[cfg(unix)]
#[test]
fn symlinks_pointing_outside_the_site_are_not_served() {
    use std::os::unix::fs::symlink;
    let nested = Nested::basic();
    let root = nested.root();
    symlink(nested.secret(), root.join("content/images/leak.svg")).unwrap();
    symlink(nested.outer.path(), root.join("content/outside")).unwrap();
    symlink("/etc", root.join("content/images/etc")).unwrap();
    let serve = Serve::start(&root);
    for path in [
        "/sub/images/leak.svg",
        "/sub/outside/secret.txt",
        "/sub/outside/site/site.yaml",
        "/sub/images/etc/passwd",
        "/sub/images/etc/hostname",
    ] {
        let reply = serve.get(path);
        assert!(
            [400, 404].contains(&reply.status),
            "{path}: status {}",
            reply.status
        );
        assert!(!reply.text().contains(SECRET), "{path} served the secret");
        assert!(!reply.text().contains("root:x:0:0"), "{path} served /etc");
    }
}

#[cfg(unix)]
#[test]
fn an_asset_swapped_for_a_symlink_outside_is_never_served() {
    use std::os::unix::fs::symlink;
    let nested = Nested::basic();
    let root = nested.root();
    let serve = Serve::start(&root);
    let map = serve.get("/sub/images/map.svg");
    assert_eq!(map.status, 200);
    // An atomic swap, as `ln -sfn` would do it.
    let link = root.join("content/images/.map.svg.new");
    symlink(nested.secret(), &link).unwrap();
    fs::rename(&link, root.join("content/images/map.svg")).unwrap();
    let started = Instant::now();
    let mut answers = Vec::new();
    while started.elapsed() < Duration::from_millis(500) {
        let reply = serve.get("/sub/images/map.svg");
        assert!(
            !reply.text().contains(SECRET),
            "after {:?} ({} earlier answers: {answers:?}), /sub/images/map.svg served a file outside the site: {:?}",
            started.elapsed(),
            answers.len(),
            reply.text()
        );
        answers.push(reply.status);
    }
    // The rebuild skips the link, which leaves a briefing's image link broken: the build fails
    // and the last good site (with the real map) stays served. What matters: never the secret.
    assert!(!serve.get("/sub/images/map.svg").text().contains(SECRET));
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
    let raw =
        b"GET /sub/docs/%C3%A9t%C3%A9 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    let redirects: Vec<_> = (0..6)
        .map(|_| exchange(serve.port, raw, Duration::from_secs(3)))
        .collect();
    let home = exchange(
        serve.port,
        b"GET /sub/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
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

#[test]
fn idle_connections_and_unread_event_streams_do_not_stall_the_server() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let mut idle = Vec::new();
    // One at a time: a burst of them is another matter (see the next test).
    for _ in 0..12 {
        std::thread::sleep(Duration::from_millis(20));
        // Tabs that never read their event stream…
        let mut stream = TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
        stream
            .write_all(b"GET /__brief/events?since=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        idle.push(stream);
        std::thread::sleep(Duration::from_millis(20));
        // …clients that stop in the middle of a request…
        let mut stream = TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
        stream.write_all(b"GET /sub/ HTTP/1.1\r\nHo").unwrap();
        idle.push(stream);
        std::thread::sleep(Duration::from_millis(20));
        // …and some that never say anything.
        idle.push(TcpStream::connect(("127.0.0.1", serve.port)).unwrap());
    }
    let page = serve.get(BRUSSELS_PAGE);
    let mut events = Events::open(serve.port, version_of(&page));
    for _ in 0..10 {
        let started = Instant::now();
        let reply = exchange(
            serve.port,
            b"GET /sub/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            Duration::from_secs(5),
        )
        .expect("an answer despite idle clients");
        assert_eq!(reply.status, 200);
        assert!(started.elapsed() < Duration::from_secs(2));
    }
    edit(
        site.root(),
        BRUSSELS,
        "He chaired the council.",
        "He chaired it.",
    );
    events.wait_for("reload", |_| true);
    serve.wait_for_text(BRUSSELS_PAGE, "He chaired it.");
    drop(idle);
}

/// Regression: tiny_http 0.12's pool could queue a request behind preconnections that never
/// send, forever (see `http::keep_pool_moving`).
#[test]
fn a_request_amid_a_burst_of_idle_connections_is_answered() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let mut idle = Vec::new();
    let mut stalled = 0;
    for _ in 0..30 {
        // A browser opening connections ahead of need, then asking for a page on another.
        for _ in 0..3 {
            idle.push(TcpStream::connect(("127.0.0.1", serve.port)).unwrap());
        }
        let reply = exchange(
            serve.port,
            b"GET /sub/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            Duration::from_secs(2),
        );
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

/// Reads one answer with a `Content-Length` from a kept-alive connection; returns its status.
fn read_one_answer(stream: &mut TcpStream) -> u16 {
    let mut head = Vec::new();
    let mut byte = [0; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).expect("an answer");
        head.push(byte[0]);
    }
    let reply = parse_reply(&head).unwrap();
    let length: usize = reply.header("content-length").unwrap().parse().unwrap();
    let mut body = vec![0; length];
    stream.read_exact(&mut body).unwrap();
    reply.status
}

/// Regression: tiny_http writes head and body apart, and with Nagle's algorithm on, each body
/// waited for the client's delayed acknowledgement: 40 ms a request on a kept-alive connection.
#[test]
fn requests_on_a_kept_alive_connection_do_not_wait_for_delayed_acks() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let mut stream = TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
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
        let mut stream = TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
        stream
            .write_all(b"GET /sub/files/big.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        stuck.push(stream);
    }
    std::thread::sleep(Duration::from_millis(500));
    let reply = exchange(
        serve.port,
        b"GET /sub/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
    assert!(
        reply.as_ref().is_ok_and(|r| r.status == 200),
        "with six stuck downloads the server no longer answers: {reply:?}"
    );
    drop(stuck);
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

// ---------------------------------------------------------------------------------------------
// Watching

#[test]
fn a_briefing_edited_in_place_is_served_anew() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    assert!(
        serve
            .get(BRUSSELS_PAGE)
            .text()
            .contains("He chaired the council.")
    );
    // Rewritten in place (same file, truncated), as most editors do by default.
    edit(
        site.root(),
        BRUSSELS,
        "He chaired the council.",
        "He chaired the council, in place.",
    );
    serve.wait_for_text(BRUSSELS_PAGE, "He chaired the council, in place.");
    // Appended to, as `echo >>` does.
    let mut file = fs::OpenOptions::new()
        .append(true)
        .open(site.root().join(BRUSSELS))
        .unwrap();
    file.write_all(b"\nAn appended paragraph.\n").unwrap();
    drop(file);
    serve.wait_for_text(BRUSSELS_PAGE, "An appended paragraph.");
    // The pages that show it follow: its title on the home page.
    edit(
        site.root(),
        BRUSSELS,
        "title: The NATO–Russia Council",
        "title: A council renamed",
    );
    serve.wait_for_text("/sub/", "A council renamed");
    serve.wait_for_text("/sub/people/jens-stoltenberg/", "A council renamed");
}

/// Sleeps until just after the wall clock enters a new second.
fn sleep_into_next_second() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let into = Duration::from_nanos(u64::from(now.subsec_nanos()));
    std::thread::sleep(Duration::from_secs(1) - into + Duration::from_millis(20));
}

#[test]
fn the_polling_watcher_sees_edits_and_new_folders() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start_with(site.root(), &["--poll"]);
    // Not in the second the fixture was copied in (see the next test).
    std::thread::sleep(Duration::from_millis(1000));
    sleep_into_next_second();
    edit(
        site.root(),
        BRUSSELS,
        "He chaired the council.",
        "He chaired the council, polled.",
    );
    serve.wait_for_text(BRUSSELS_PAGE, "He chaired the council, polled.");
    site.write(
        "content/briefings/2023/2023-02-01-polled.md",
        &briefing("Seen by polling", "Poll Person", "Polled body.\n"),
    );
    serve.wait_for_text("/sub/briefings/2023-02-01-polled/", "Polled body.");
    site.remove(GENEVA);
    serve.wait_for_404(GENEVA_PAGE);
}

#[test]
fn the_polling_watcher_sees_two_saves_within_one_second() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start_with(site.root(), &["--poll"]);
    std::thread::sleep(Duration::from_millis(1000));
    sleep_into_next_second();
    edit(
        site.root(),
        BRUSSELS,
        "He chaired the council.",
        "First save.",
    );
    serve.wait_for_text(BRUSSELS_PAGE, "First save.");
    // A quick second save (a typo fixed), in the same second.
    edit(site.root(), BRUSSELS, "First save.", "Second save.");
    serve.wait_for_text(BRUSSELS_PAGE, "Second save.");
}

/// The first save of a burst is rebuilt at once (a single save must show without delay), the
/// other forty-nine together once the saves stop: two rebuilds, and one more for each time the
/// machine was so busy that the test's own saves paused for longer than the quiet spell.
#[test]
fn fifty_saves_within_a_second_are_two_rebuilds_not_fifty() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let page = serve.get(BRUSSELS_PAGE);
    let mut events = Events::open(serve.port, version_of(&page));
    let original = read(site.root(), BRUSSELS);
    let mut pauses = 0;
    let mut last = Instant::now();
    for n in 1..=50 {
        let text = original.replace("He chaired the council.", &format!("Save number {n}."));
        fs::write(site.root().join(BRUSSELS), text).unwrap();
        pauses += usize::from(last.elapsed() > Duration::from_millis(140));
        last = Instant::now();
        std::thread::sleep(Duration::from_millis(18));
    }
    serve.wait_for_text(BRUSSELS_PAGE, "Save number 50.");
    let _ = events.during(Duration::from_millis(1000));
    let rebuilds = serve.log().matches("Changed ").count();
    assert!((1..=2 + pauses).contains(&rebuilds), "{}", serve.log());
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

#[cfg(target_os = "linux")]
#[test]
fn out_of_inotify_watches_it_says_so_and_polls() {
    if !can_unshare() {
        eprintln!(
            "skipped: cannot make a user namespace (unshare -Ur) to lower the watch limit in"
        );
        return;
    }
    let site = TestSite::fixture("basic");
    // Three watches: fewer than the folders of the site.
    let launcher = [
        "unshare",
        "-Ur",
        "sh",
        "-c",
        "echo 3 > /proc/sys/user/max_inotify_watches && exec \"$0\" \"$@\"",
    ];
    let serve = Serve::start_via(&launcher, site.root(), &[]);
    serve.wait_for_log("the system's limit on watched folders is reached (fs.inotify.max_user_watches), so brief serve now looks for changes every 300 ms instead");
    std::thread::sleep(Duration::from_millis(1000));
    sleep_into_next_second();
    edit(
        site.root(),
        BRUSSELS,
        "He chaired the council.",
        "Seen by polling.",
    );
    serve.wait_for_text(BRUSSELS_PAGE, "Seen by polling.");
    site.write(
        "content/briefings/2023/deep/er/2023-02-01-deep.md",
        &briefing("Deep down", "Deep Person", "Deep body.\n"),
    );
    serve.wait_for_text("/sub/briefings/2023-02-01-deep/", "Deep body.");
}

#[cfg(target_os = "linux")]
#[test]
fn out_of_inotify_watches_for_a_folder_made_while_serving_it_turns_to_polling() {
    if !can_unshare() {
        eprintln!(
            "skipped: cannot make a user namespace (unshare -Ur) to lower the watch limit in"
        );
        return;
    }
    let site = TestSite::fixture("basic");
    // Six watches: the root, and content/ with its four folders; none to spare.
    let launcher = [
        "unshare",
        "-Ur",
        "sh",
        "-c",
        "echo 6 > /proc/sys/user/max_inotify_watches && exec \"$0\" \"$@\"",
    ];
    let serve = Serve::start_via(&launcher, site.root(), &[]);
    edit(
        site.root(),
        BRUSSELS,
        "He chaired the council.",
        "Seen natively.",
    );
    serve.wait_for_text(BRUSSELS_PAGE, "Seen natively.");
    assert!(!serve.log().contains("max_user_watches"), "{}", serve.log());
    site.write(
        "content/briefings/2024/spring/2024-03-01-late.md",
        &briefing("Late folder", "Late Person", "Late body.\n"),
    );
    serve.wait_for_log("the system's limit on watched folders is reached");
    serve.wait_for_text("/sub/briefings/2024-03-01-late/", "Late body.");
    std::thread::sleep(Duration::from_millis(1000));
    sleep_into_next_second();
    edit(
        site.root(),
        "content/briefings/2024/spring/2024-03-01-late.md",
        "Late body.",
        "Later body.",
    );
    serve.wait_for_text("/sub/briefings/2024-03-01-late/", "Later body.");
}

#[test]
fn an_atomic_save_over_the_original_is_served_and_its_temporary_files_are_ignored() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let folder = site.root().join("content/briefings");
    let page = serve.get(BRUSSELS_PAGE);
    let mut events = Events::open(serve.port, version_of(&page));
    // vim keeps a swap file next to the one it edits; it is not a briefing (nor valid).
    fs::write(
        folder.join(".2022-01-12-brussels.md.swp"),
        b"b0VIM 9.0\0\0\0---\ncare-rating: eleven\n---\n",
    )
    .unwrap();
    // Write the new text to a hidden temporary file (a Markdown name, half-written at first,
    // as a slow write would leave it), then rename it over the original.
    let text = read(site.root(), BRUSSELS).replace("He chaired the council.", "Saved atomically.");
    let temporary = folder.join(".2022-01-12-brussels.md");
    fs::write(&temporary, &text.as_bytes()[..40]).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    fs::write(&temporary, &text).unwrap();
    fs::rename(&temporary, site.root().join(BRUSSELS)).unwrap();
    serve.wait_for_text(BRUSSELS_PAGE, "Saved atomically.");
    let mut seen = events.seen.clone();
    seen.extend(events.during(Duration::from_millis(300)));
    assert_no_problems(&seen);
    // The save again, with the temporary file left behind this time.
    let text = read(site.root(), BRUSSELS).replace("Saved atomically.", "Saved twice.");
    fs::write(folder.join("2022-01-12-brussels.md.tmp"), &text).unwrap();
    fs::write(site.root().join(BRUSSELS), &text).unwrap();
    serve.wait_for_text(BRUSSELS_PAGE, "Saved twice.");
    assert_no_problems(&events.during(Duration::from_millis(300)));
    assert_eq!(
        serve
            .get("/sub/briefings/2022-01-12-brussels.md.tmp")
            .status,
        404
    );
}

#[test]
fn vims_save_with_its_probe_backup_and_swap_files_is_served() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let folder = site.root().join("content/briefings");
    let original = site.root().join(BRUSSELS);
    let backup = folder.join("2022-01-12-brussels.md~");
    let page = serve.get(BRUSSELS_PAGE);
    let mut events = Events::open(serve.port, version_of(&page));
    fs::write(folder.join(".2022-01-12-brussels.md.swp"), b"b0VIM 9.0\0\0").unwrap();
    // vim's save when it may rename: probe the folder with `4913`, move the original to the
    // backup, write the new file, delete the backup.
    let text = read(site.root(), BRUSSELS).replace("He chaired the council.", "Saved by vim.");
    fs::write(folder.join("4913"), b"").unwrap();
    fs::remove_file(folder.join("4913")).unwrap();
    fs::rename(&original, &backup).unwrap();
    fs::write(&original, text).unwrap();
    fs::remove_file(&backup).unwrap();
    serve.wait_for_text(BRUSSELS_PAGE, "Saved by vim.");
    serve.wait_for_text("/sub/people/jens-stoltenberg/", "Jens Stoltenberg");
    let mut seen = events.seen.clone();
    seen.extend(events.during(Duration::from_millis(300)));
    assert_no_problems(&seen);
    fs::remove_file(folder.join(".2022-01-12-brussels.md.swp")).unwrap();
}

#[test]
fn a_jetbrains_safe_write_is_served() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let folder = site.root().join("content/briefings");
    let original = site.root().join(BRUSSELS);
    let page = serve.get(BRUSSELS_PAGE);
    let mut events = Events::open(serve.port, version_of(&page));
    let text = read(site.root(), BRUSSELS).replace("He chaired the council.", "Saved by IntelliJ.");
    let temporary = folder.join("2022-01-12-brussels.md___jb_tmp___");
    let old = folder.join("2022-01-12-brussels.md___jb_old___");
    fs::write(&temporary, text).unwrap();
    fs::rename(&original, &old).unwrap();
    fs::rename(&temporary, &original).unwrap();
    fs::remove_file(&old).unwrap();
    serve.wait_for_text(BRUSSELS_PAGE, "Saved by IntelliJ.");
    let mut seen = events.seen.clone();
    seen.extend(events.during(Duration::from_millis(300)));
    assert_no_problems(&seen);
}

#[cfg(unix)]
#[test]
fn emacs_lock_autosave_and_backup_files_are_ignored() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let folder = site.root().join("content/briefings");
    let original = site.root().join(BRUSSELS);
    let page = serve.get(BRUSSELS_PAGE);
    let mut events = Events::open(serve.port, version_of(&page));
    // The lock is a dangling symlink; the auto-save holds a half-written text.
    let lock = folder.join(".#2022-01-12-brussels.md");
    std::os::unix::fs::symlink("editor@host.4242:1700000000", &lock).unwrap();
    fs::write(
        folder.join("#2022-01-12-brussels.md#"),
        "---\ntitle: half\n",
    )
    .unwrap();
    // Saving: the original becomes the backup (kept), the new text is written, the auto-save
    // and the lock go.
    let text = read(site.root(), BRUSSELS).replace("He chaired the council.", "Saved by emacs.");
    fs::rename(&original, folder.join("2022-01-12-brussels.md~")).unwrap();
    fs::write(&original, text).unwrap();
    fs::remove_file(folder.join("#2022-01-12-brussels.md#")).unwrap();
    serve.wait_for_text(BRUSSELS_PAGE, "Saved by emacs.");
    let mut seen = events.seen.clone();
    seen.extend(events.during(Duration::from_millis(300)));
    fs::remove_file(&lock).unwrap();
    seen.extend(events.during(Duration::from_millis(300)));
    assert_no_problems(&seen);
    assert_eq!(
        serve.get("/sub/briefings/2022-01-12-brussels.md~").status,
        404
    );
    assert!(serve.get(BRUSSELS_PAGE).text().contains("Saved by emacs."));
}

#[test]
fn a_briefing_in_a_new_sub_folder_is_served_and_the_new_folder_is_watched() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    // Two new levels at once.
    site.write(
        "content/briefings/2023/spring/2023-03-01-fresh.md",
        &briefing("Fresh in spring", "Fresh Person", "Fresh body one.\n"),
    );
    serve.wait_for_text("/sub/briefings/2023-03-01-fresh/", "Fresh body one.");
    serve.wait_for_text("/sub/people/fresh-person/", "Fresh in spring");
    serve.wait_for_text("/sub/tags/watch/", "Fresh in spring");
    // Later changes inside the new folder are seen too: it is watched, not only read once.
    std::thread::sleep(Duration::from_millis(300));
    site.write(
        "content/briefings/2023/spring/2023-03-02-later.md",
        &briefing("Later in spring", "Fresh Person", "Later body.\n"),
    );
    serve.wait_for_text("/sub/briefings/2023-03-02-later/", "Later body.");
    std::thread::sleep(Duration::from_millis(300));
    edit(
        site.root(),
        "content/briefings/2023/spring/2023-03-01-fresh.md",
        "Fresh body one.",
        "Fresh body two.",
    );
    serve.wait_for_text("/sub/briefings/2023-03-01-fresh/", "Fresh body two.");
}

#[test]
fn a_deleted_briefing_becomes_the_404_page_and_leaves_the_other_pages() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
        &briefing("On the move", "Moving Person", "Before the move.\n"),
    );
    let serve = Serve::start(site.root());
    let page = "/sub/briefings/2022-02-01-moving/";
    assert!(serve.get(page).text().contains("Before the move."));
    let mut events = Events::open(serve.port, version_of(&serve.get(page)));
    fs::rename(
        site.root().join("content/briefings/old"),
        site.root().join("content/briefings/new"),
    )
    .unwrap();
    events.wait_for("reload", |_| true);
    assert!(serve.get(page).text().contains("Before the move."));
    std::thread::sleep(Duration::from_millis(300));
    edit(
        site.root(),
        "content/briefings/new/2022-02-01-moving.md",
        "Before the move.",
        "After the move.",
    );
    serve.wait_for_text(page, "After the move.");
}

#[test]
fn broken_front_matter_keeps_the_last_good_page_and_reports_the_problem_until_fixed() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let original = read(site.root(), BRUSSELS);
    let mut events = Events::open(serve.port, 0);
    // A tab that connects with an old version is told to reload at once.
    events.wait_for("reload", |_| true);

    fs::write(
        site.root().join(BRUSSELS),
        original
            .replace("care-rating: 6", "care-rating: eleven")
            .replace("He chaired the council.", "A broken edit."),
    )
    .unwrap();
    let data = events.wait_for("problems", |d| d.contains("eleven"));
    let problems: serde_json::Value = serde_json::from_str(&data).unwrap();
    let problem = problems
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["severity"] == "error")
        .unwrap_or_else(|| panic!("no error in {problems:#}"));
    assert_eq!(problem["file"], BRUSSELS, "{problem:#}");
    assert_eq!(problem["line"], 7, "{problem:#}");
    assert!(problem["column"].as_u64().is_some(), "{problem:#}");
    assert!(
        problem["message"].as_str().unwrap().contains("care-rating"),
        "{problem:#}"
    );

    // The last good site stays served.
    let page = serve.get(BRUSSELS_PAGE);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("He chaired the council."));
    assert!(!page.text().contains("A broken edit."));
    // The terminal says so too.
    serve.wait_for_log(BRUSSELS);
    serve.wait_for_log("still serving the last version");
    // A tab opened now sees the problems at once.
    let mut late = Events::open(serve.port, version_of(&page));
    late.wait_for("problems", |d| d.contains(BRUSSELS));
    assert_eq!(late.seen.len(), 1, "{:?}", late.seen);

    fs::write(
        site.root().join(BRUSSELS),
        original.replace("He chaired the council.", "A fixed edit."),
    )
    .unwrap();
    events.wait_for("reload", |_| true);
    late.wait_for("reload", |_| true);
    serve.wait_for_text(BRUSSELS_PAGE, "A fixed edit.");
}

#[test]
fn a_site_broken_from_the_start_is_served_once_it_is_fixed() {
    let site = TestSite::fixture("basic");
    let original = read(site.root(), BRUSSELS);
    edit(
        site.root(),
        BRUSSELS,
        "care-rating: 6",
        "care-rating: eleven",
    );
    let serve = Serve::start(site.root());
    // The terminal shows the problem.
    serve.wait_for_log(BRUSSELS);
    let mut events = Events::open(serve.port, 0);
    events.wait_for("problems", |d| d.contains(BRUSSELS));
    fs::write(site.root().join(BRUSSELS), original).unwrap();
    events.wait_for("reload", |_| true);
    serve.wait_for_text(BRUSSELS_PAGE, "He chaired the council.");
}

#[test]
fn a_site_broken_from_the_start_still_gives_the_browser_a_page_that_listens() {
    let site = TestSite::fixture("basic");
    edit(
        site.root(),
        BRUSSELS,
        "care-rating: 6",
        "care-rating: eleven",
    );
    let serve = Serve::start(site.root());
    let reply = serve.get("/sub/");
    assert!(
        reply.content_type().starts_with("text/html") && reply.text().contains(SCRIPT),
        "{} {:?}: {}",
        reply.status,
        reply.content_type(),
        reply.text()
    );
}

#[test]
fn a_change_to_site_yaml_rebuilds_every_page() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
    let page = |n: &str| {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Lost</title></head><body><p>Custom 404 {n}</p></body></html>\n"
        )
    };
    site.write("themes/default/templates/404.html", &page("one"));
    site.write("themes/default/static/style.css", "body { color: red }\n");
    let serve = Serve::start(site.root());
    serve.wait_for("/sub/nowhere/", "the custom 404 page", |r| {
        r.status == 404 && r.text().contains("Custom 404 one") && r.text().contains(SCRIPT)
    });
    site.write("themes/default/templates/404.html", &page("two"));
    serve.wait_for("/sub/nowhere/", "the changed 404 page", |r| {
        r.status == 404 && r.text().contains("Custom 404 two")
    });
    let page = serve.get("/sub/");
    let mut events = Events::open(serve.port, version_of(&page));
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
    site.write(
        "content/briefings/2022-02-01-late.md",
        &briefing("Late content", "Late Person", "Late body one.\n"),
    );
    serve.wait_for_text("/sub/briefings/2022-02-01-late/", "Late body one.");
    std::thread::sleep(Duration::from_millis(300));
    edit(
        site.root(),
        "content/briefings/2022-02-01-late.md",
        "Late body one.",
        "Late body two.",
    );
    serve.wait_for_text("/sub/briefings/2022-02-01-late/", "Late body two.");
}

#[test]
fn a_themes_folder_created_after_the_start_is_watched() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let page = |n: &str| {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Lost</title></head><body><p>Late 404 {n}</p></body></html>\n"
        )
    };
    site.write("themes/default/templates/404.html", &page("one"));
    serve.wait_for("/sub/nowhere/", "the new 404 page", |r| {
        r.status == 404 && r.text().contains("Late 404 one")
    });
    std::thread::sleep(Duration::from_millis(300));
    site.write("themes/default/templates/404.html", &page("two"));
    serve.wait_for("/sub/nowhere/", "the changed 404 page", |r| {
        r.status == 404 && r.text().contains("Late 404 two")
    });
}

/// One edit of the series below.
type Step = (&'static str, Box<dyn Fn(&Path)>);

#[test]
fn after_each_edit_of_a_series_the_served_site_equals_a_fresh_build() {
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
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
        let expected = match build_for(root, serve.port) {
            Some(built) => {
                good = built;
                true
            }
            None => {
                assert_eq!(name, "break", "`brief build` failed after {name:?}");
                events.wait_for("problems", |d| d.contains("eleven"));
                false
            }
        };
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
                    "after {name:?} the served site is not {} build:\n{e}\n--- brief serve said:\n{}",
                    if expected { "a fresh" } else { "the last good" },
                    serve.log()
                ),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// In a browser

#[test]
fn an_open_page_follows_edits_and_shows_problems_in_headless_chromium() {
    let Some(external) = judges::browser() else {
        return;
    };
    let site = TestSite::fixture("basic");
    let serve = Serve::start(site.root());
    let page = format!("{}{BRUSSELS_PAGE}", serve.origin());
    let file = site.root().join(BRUSSELS);
    let original = fs::read_to_string(&file).unwrap();
    let output = Command::new("node")
        .arg(external.join("check_livereload.mjs"))
        .arg(&page)
        .arg(&file)
        .output()
        .expect("run node");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "{report}\n--- brief serve said:\n{}",
        serve.log()
    );
    assert!(report.contains("ok: overlay gone"), "{report}");
    assert_eq!(fs::read_to_string(&file).unwrap(), original);
}

//! `Serve`: the real `brief serve` on a free loopback port, killed when dropped, with what it
//! prints and the waits a test needs: until it serves, until it says something, until a page
//! is served the way the test expects.
//!
//! Each test has its own copy of a site and its own server, so they run in parallel. Every wait
//! is bounded: a change must be served within `WAIT`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::events::Events;
use super::files::edit;
use super::http::{Reply, exchange, free_port};
use super::served::version_of;
use super::site::TestSite;

/// How long the server may take to start, or a change to be served.
pub const WAIT: Duration = Duration::from_secs(10);

/// `brief serve` on a free port; killed when dropped, whatever happens to the test.
pub struct Serve {
    pub child: Child,
    pub port: u16,
    /// The site it serves.
    root: PathBuf,
    log: Arc<Mutex<String>>,
}

impl Serve {
    /// A copy of the fixture site `name` (see `TestSite::fixture`), served.
    pub fn fixture(name: &str) -> (TestSite, Serve) {
        let site = TestSite::fixture(name);
        let serve = Serve::start(site.root());
        (site, serve)
    }

    pub fn start(root: &Path) -> Serve {
        Serve::start_with(root, &[])
    }

    pub fn start_with(root: &Path, args: &[&str]) -> Serve {
        Serve::start_via(&[], root, args)
    }

    /// Starts on a free port, through `launcher` (a command that runs the rest) if not empty,
    /// and waits for the line that says where the site is.
    pub fn start_via(launcher: &[&str], root: &Path, args: &[&str]) -> Serve {
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
                root: root.to_owned(),
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
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until it has printed `text` (stdout and stderr are read apart, so order is loose).
    pub fn wait_for_log(&self, text: &str) {
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

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path)
    }

    pub fn request(&self, method: &str, path: &str) -> Reply {
        exchange(self.port, request(method, path).as_bytes(), WAIT).unwrap_or_else(|e| {
            panic!(
                "{method} {path}: {e}\n--- brief serve said:\n{}",
                self.log()
            )
        })
    }

    /// `GET path`, given up after `timeout`: an error, not a failure, when no answer comes.
    pub fn try_get(&self, path: &str, timeout: Duration) -> std::io::Result<Reply> {
        exchange(self.port, request("GET", path).as_bytes(), timeout)
    }

    /// A connection to the server that has said nothing.
    pub fn connect(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.port)).unwrap()
    }

    /// A connection to the server that has sent `raw` and has read nothing.
    pub fn send(&self, raw: &[u8]) -> TcpStream {
        let mut stream = self.connect();
        stream.write_all(raw).unwrap();
        stream
    }

    /// Opens `path` as a browser tab does: the page, then its event stream since the version
    /// the page shows.
    pub fn open_tab(&self, path: &str) -> (Reply, Events) {
        let page = self.get(path);
        let events = Events::open(self.port, version_of(&page));
        (page, events)
    }

    /// `GET path` with exactly these extra header lines.
    pub fn get_with(&self, path: &str, headers: &str) -> Reply {
        let raw = format!("GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n");
        exchange(self.port, raw.as_bytes(), WAIT)
            .unwrap_or_else(|e| panic!("{path} with {headers:?}: {e}"))
    }

    /// Replaces `from` by `to` in the site's file `path` (as `files::edit` does), then waits
    /// until `page` is served with `to`.
    pub fn edit_and_wait(&self, path: &str, page: &str, (from, to): (&str, &str)) -> Reply {
        edit(&self.root, path, from, to);
        self.wait_for_text(page, to)
    }

    /// Asks for `path` until `ok` holds for the answer (at most `WAIT`).
    pub fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
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
                    reply.excerpt(),
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `path` is served with status 200 and holds `text`.
    pub fn wait_for_text(&self, path: &str, text: &str) -> Reply {
        self.wait_for(path, &format!("served with {text:?}"), |r| {
            r.status == 200 && r.text().contains(text)
        })
    }

    /// Waits until `path` is the site's 404 page.
    pub fn wait_for_404(&self, path: &str) -> Reply {
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

/// `method path` on a connection of its own, as a browser on this machine asks.
fn request(method: &str, path: &str) -> String {
    format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
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

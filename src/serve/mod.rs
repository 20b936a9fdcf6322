//! `brief serve`: the site rendered in memory by the same pipeline as `build`, served on
//! loopback under the base URL's path, rebuilt when a source changes, and pushed to open tabs.
//!
//! Threads: a few answer HTTP requests; each open tab's event stream has one of its own (so a
//! stuck tab stalls nobody); the watcher sends batches of changes to the rebuild loop, which
//! runs on the caller's thread.

mod http;
mod listener;
mod preview;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

pub use preview::{News, Outcome, Preview, Rebuilt, Report, Served};

use crate::error::Error;
use crate::pipeline::Request;

/// What to serve and where.
pub(crate) struct ServeOptions {
    pub request: Request,
    pub bind: IpAddr,
    pub port: u16,
    pub poll: bool,
}

/// A running preview: the address to open and the pieces to keep alive.
pub(crate) struct Server {
    pub url: String,
    preview: Arc<Preview>,
    changes: mpsc::Receiver<Vec<PathBuf>>,
    watch: std::sync::Mutex<watch::Watch>,
    root: PathBuf,
}

impl Server {
    /// Builds the site, starts the HTTP threads and the watcher. The first build may fail: the
    /// server still starts, shows the problems, and serves the site once it builds.
    pub(crate) fn start(options: ServeOptions) -> Result<(Server, Rebuilt), Error> {
        let address = SocketAddr::new(options.bind, options.port);
        let http = listener::listen(address).map_err(|e| port_error(address, &e))?;
        let port = http
            .server_addr()
            .to_ip()
            .map_or(options.port, |a| a.port());
        let host = if options.bind.is_unspecified() {
            "127.0.0.1".to_owned()
        } else {
            options.bind.to_string()
        };
        let mut request = options.request;
        let base_path = base_path(&request);
        let url = format!("http://{}:{port}{base_path}", bracketed(&host));
        request.base_url = Some(url.clone());
        let root = request.root.clone();
        let preview = Arc::new(Preview::new(request));
        let first = preview.rebuild(&[], false)?;
        let listening = http::Listening {
            base_path,
            bound: options.bind,
            port,
        };
        spawn_http(http, &preview, listening);
        let loopback = match options.bind {
            IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            bound => bound,
        };
        listener::keep_pool_moving(SocketAddr::new(loopback, port));
        let (sender, changes) = mpsc::channel();
        let watch = watch::start(&root, options.poll, sender)?;
        let watch = std::sync::Mutex::new(watch);
        Ok((
            Server {
                url,
                preview,
                changes,
                watch,
                root,
            },
            first,
        ))
    }

    /// Something to tell the person running `serve` (the watch fell back to polling), once.
    pub(crate) fn take_notice(&self) -> Option<String> {
        self.watch.lock().expect("watch lock").take_notice()
    }

    /// Waits for the next batch of changes and rebuilds; `None` once the watcher has stopped.
    pub(crate) fn next_rebuild(&self) -> Option<Result<(Vec<PathBuf>, Rebuilt), Error>> {
        let mut changed = self.changes.recv().ok()?;
        // Changes that arrived while we waited belong to the same rebuild.
        while let Ok(more) = self.changes.try_recv() {
            changed.extend(more);
        }
        // content/ or themes/ may have just been made: watch inside them from now on.
        if let Err(error) = self.watch.lock().expect("watch lock").cover(&self.root) {
            return Some(Err(error));
        }
        let styles_only = changed
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"));
        Some(
            self.preview
                .rebuild(&changed, styles_only)
                .map(|r| (changed, r)),
        )
    }
}

/// One thread takes requests; each is answered on a thread of its own, so that a tab that
/// stops reading (or an event stream that never ends) holds up nobody else.
fn spawn_http(http: tiny_http::Server, preview: &Arc<Preview>, listening: http::Listening) {
    let preview = Arc::clone(preview);
    std::thread::spawn(move || {
        while let Ok(request) = http.recv() {
            let (preview, listening) = (Arc::clone(&preview), listening.clone());
            std::thread::spawn(move || http::answer(request, &preview, &listening));
        }
    });
}

/// The path the site lives under, from site.yaml's `base-url` (the host is ours now). A
/// site.yaml that does not parse yet is the first build's problem to report: serve at `/`.
fn base_path(request: &Request) -> String {
    use crate::config::{CONFIG_FILE, SiteConfig};
    let text = std::fs::read_to_string(request.root.join(CONFIG_FILE)).unwrap_or_default();
    SiteConfig::parse(std::path::Path::new(CONFIG_FILE), &text).map_or_else(
        |_| "/".to_owned(),
        |config| config.base_url.path().to_owned(),
    )
}

fn bracketed(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

fn port_error(address: SocketAddr, why: &str) -> Error {
    if why.contains("in use") {
        Error::Usage(format!(
            "port {} is already in use on {}: stop the other server, or choose another port with --port",
            address.port(),
            address.ip()
        ))
    } else {
        Error::Usage(format!("cannot listen on {address}: {why}"))
    }
}

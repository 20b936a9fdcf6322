//! `brief serve`: the site rendered in memory by the same pipeline as `build`, served on
//! loopback under the base URL's path, rebuilt when a source changes, and pushed to open tabs.
//!
//! Threads: a few answer HTTP requests; each open tab's event stream has one of its own (so a
//! stuck tab stalls nobody); the watcher sends batches of changes to the rebuild loop, which
//! runs on the caller's thread.

mod dispatch;
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
    /// `http://host:port`, which the base URL's path follows.
    origin: String,
    /// Something to tell the person running `serve`, once.
    notice: std::sync::Mutex<Option<String>>,
}

impl Server {
    /// Builds the site, starts the HTTP threads and the watcher. The first build may fail: the
    /// server still starts, shows the problems, and serves the site once it builds.
    pub(crate) fn start(options: ServeOptions) -> Result<(Server, Rebuilt), Error> {
        let address = SocketAddr::new(options.bind, options.port);
        let mut socket = listener::Listener::bind(address).map_err(|e| port_error(address, &e))?;
        let port = socket.local_addr().map_or(options.port, |a| a.port());
        let http = socket.serve().map_err(|e| port_error(address, &e))?;
        let host = if options.bind.is_unspecified() {
            "127.0.0.1".to_owned()
        } else {
            options.bind.to_string()
        };
        let mut request = options.request;
        let base_path = base_path(&request.root).unwrap_or_else(|| "/".to_owned());
        let origin = format!("http://{}:{port}", bracketed(&host));
        let url = format!("{origin}{base_path}");
        request.base_url = Some(url.clone());
        // Known by its absolute name: the watcher's events name files that way, and a root
        // given as `.` or `site` would match none of them.
        if let Ok(absolute) = std::path::absolute(&request.root) {
            request.root = absolute;
        }
        let root = request.root.clone();
        let preview = Arc::new(Preview::new(request));
        let first = preview.rebuild(&[], false)?;
        let listening = http::Listening {
            bound: options.bind,
            port,
        };
        dispatch::spawn(socket, http, &preview, listening);
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
                origin,
                notice: std::sync::Mutex::default(),
            },
            first,
        ))
    }

    /// Something to tell the person running `serve` (the watch fell back to polling), once.
    pub(crate) fn take_notice(&self) -> Option<String> {
        let own = self.notice.lock().expect("notice lock").take();
        own.or_else(|| self.watch.lock().expect("watch lock").take_notice())
    }

    /// When site.yaml now gives another base URL, serves the site under its path, as a
    /// restart would.
    fn follow_base_url(&self, changed: &[PathBuf]) {
        let config = std::path::Path::new(crate::config::CONFIG_FILE);
        if !changed.iter().any(|p| p.ends_with(config)) {
            return;
        }
        let Some(path) = base_path(&self.root) else {
            return;
        };
        if path != self.preview.base_path() {
            let url = format!("{}{path}", self.origin);
            self.preview.move_to(&path, &url);
            *self.notice.lock().expect("notice lock") = Some(format!(
                "site.yaml's base-url changed: the site is now served at {url}"
            ));
        }
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
        self.follow_base_url(&changed);
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

/// The path the site lives under, from site.yaml's `base-url` (the host is ours now); `None`
/// while site.yaml does not parse (that is the build's problem to report).
fn base_path(root: &std::path::Path) -> Option<String> {
    use crate::config::{CONFIG_FILE, SiteConfig};
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    let config = SiteConfig::parse(std::path::Path::new(CONFIG_FILE), &text).ok()?;
    Some(config.base_url.path().to_owned())
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

//! Answering the browser: files of the rendered site from memory (never from disk), under the
//! base URL's path, with the live-reload script in HTML pages and an event stream that tells
//! open tabs to reload.
//!
//! Only requests that name this server are answered: a `Host` other than a loopback name or the
//! bound address is refused (a page elsewhere that rebinds its own name to 127.0.0.1 must not
//! read the preview), no answer allows other origins to read it, and the event stream refuses
//! pages of other origins.

use std::io::{Cursor, Write};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::preview::{News, Preview, Report, Served};
use crate::output::Output;

/// Where open pages listen for news of rebuilds.
pub(super) const EVENTS_PATH: &str = "/__brief/events";
const LIVERELOAD: &str = include_str!("livereload.js");
/// How often an idle event stream says it is alive (and finds out that a tab has gone).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Where the server listens, to know the names a request may give it.
#[derive(Debug, Clone)]
pub(super) struct Listening {
    pub bound: IpAddr,
    pub port: u16,
}

/// Answers one request, on a thread of its own: event streams hold theirs for as long as the
/// tab is open.
pub(super) fn answer(request: Request, preview: &Preview, listening: &Listening) {
    let base_path = preview.base_path();
    let base_path = base_path.as_str();
    let host = header_value(&request, "Host");
    if !host.is_some_and(|h| is_our_host(h, listening)) {
        let why = "Forbidden: brief serve answers only requests for localhost, 127.0.0.1, [::1] or the address it is bound to";
        let _ = request.respond(plain(403, why));
        return;
    }
    let response = match (request.method(), route(request.url(), base_path)) {
        (Method::Get | Method::Head, Route::Events(since)) => {
            let origin = header_value(&request, "Origin");
            if origin.is_some_and(|o| !is_our_origin(o, listening)) {
                let _ = request.respond(plain(
                    403,
                    "Forbidden: live reload is for pages of this site only",
                ));
                return;
            }
            return stream_events(request, preview, since);
        }
        (Method::Get | Method::Head, Route::Redirect(to)) => redirect(&to),
        (Method::Get | Method::Head, Route::File(path)) => file(preview, &path, base_path),
        (Method::Get | Method::Head, Route::Outside) => not_found(preview),
        (Method::Get | Method::Head, Route::BadRequest) => plain(400, "Bad request"),
        _ => plain(405, "Only GET and HEAD are served").with_header(header("Allow", "GET, HEAD")),
    };
    let _ = request.respond(response);
}

/// Tells a request the server is too busy to answer it now (see `dispatch`). An event stream
/// is told to reconnect in five seconds (a 503 would make the tab give up on live reload).
pub(super) fn busy(request: Request) {
    let response = if request.url().starts_with(EVENTS_PATH) {
        Response::from_string("retry: 5000\n\n")
            .with_header(header("Content-Type", "text/event-stream"))
    } else {
        plain(503, "Busy: too many requests at once; try again")
            .with_header(header("Retry-After", "1"))
    };
    let _ = request.respond(response.with_header(header("Connection", "close")));
}

#[derive(Debug, PartialEq, Eq)]
enum Route {
    Events(u64),
    Redirect(String),
    /// A path of the output (`people/x/index.html`), or one that does not exist.
    File(String),
    /// Not under the base path: nothing of the site is there.
    Outside,
    BadRequest,
}

fn header_value<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// Whether a `Host` header names this server: `localhost`, `127.0.0.1`, `[::1]` or the bound
/// address, with our port or none. Bound to every address (`0.0.0.0`), any IP address is ours
/// too: only a *name* can be rebound to us by someone else's DNS.
fn is_our_host(host: &str, listening: &Listening) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let (name, port) = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((address, rest)) => (format!("[{address}]"), rest),
            None => return false,
        },
        None => {
            let (name, port) = host.split_at(host.find(':').unwrap_or(host.len()));
            (name.to_owned(), port)
        }
    };
    let port_ok = match port.strip_prefix(':') {
        Some(port) => port.parse() == Ok(listening.port),
        None => port.is_empty(),
    };
    let name = name.strip_suffix('.').unwrap_or(&name);
    let address: Option<IpAddr> = name.trim_matches(['[', ']']).parse().ok();
    let ours = match address {
        Some(address) => {
            address.is_loopback() || address == listening.bound || listening.bound.is_unspecified()
        }
        None => name == "localhost",
    };
    port_ok && ours
}

/// Whether an `Origin` header is a page of this server (`http://` and a host of ours).
fn is_our_origin(origin: &str, listening: &Listening) -> bool {
    origin
        .strip_prefix("http://")
        .is_some_and(|host| is_our_host(host, listening))
}

/// Where a request's URL leads. Only paths that could name a file of the output get through:
/// anything with `..`, backslashes, NUL bytes or encoded slashes is a bad request.
fn route(url: &str, base_path: &str) -> Route {
    // An absolute-form target (`http://host/x`) names a host of its own: refused like `Host`.
    if !url.starts_with('/') {
        return Route::BadRequest;
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path == EVENTS_PATH {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse().ok());
        return Route::Events(since.unwrap_or(0));
    }
    let Some(decoded) = decode(path) else {
        return Route::BadRequest;
    };
    if decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
        || decoded.contains(['\\', '\0'])
    {
        return Route::BadRequest;
    }
    if decoded == base_path.trim_end_matches('/') || (path == "/" && base_path != "/") {
        return Route::Redirect(base_path.to_owned());
    }
    match decoded.strip_prefix(base_path) {
        Some(rest) => Route::File(rest.to_owned()),
        None => Route::Outside,
    }
}

/// Percent-decodes a path; `None` if it decodes to an encoded slash or to invalid UTF-8.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            let byte = u8::from_str_radix(hex, 16).ok()?;
            if byte == b'/' {
                return None;
            }
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn file(preview: &Preview, path: &str, base_path: &str) -> Response<Cursor<Vec<u8>>> {
    if let Some(page) = not_built(preview) {
        return page;
    }
    let (output, version) = preview.current();
    let wanted = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    };
    if let Some(bytes) = bytes_of(&output, &wanted) {
        return respond(200, &wanted, bytes, version);
    }
    if output.get(&format!("{path}/index.html")).is_some() {
        return redirect(&format!("{base_path}{path}/"));
    }
    not_found(preview)
}

/// The site's own 404 page, with status 404.
fn not_found(preview: &Preview) -> Response<Cursor<Vec<u8>>> {
    let (output, version) = preview.current();
    let bytes = bytes_of(&output, "404.html").unwrap_or_default();
    respond(404, "404.html", bytes, version)
}

/// Before the site has built once, every address answers 503 with a page of the problems; it
/// carries the live-reload script, so it turns into the page asked for once the site builds.
fn not_built(preview: &Preview) -> Option<Response<Cursor<Vec<u8>>>> {
    let report = preview.report().filter(|r| r.served == Served::Nothing)?;
    let (_, version) = preview.current();
    let page = crate::render::not_built(&report.problems).into_bytes();
    Some(respond(503, "index.html", page, version))
}

fn bytes_of(output: &Arc<Output>, path: &str) -> Option<Vec<u8>> {
    let file = output.get(path)?;
    file.content.bytes().ok().map(|b| b.into_owned())
}

/// A file's bytes with its type; HTML pages get the live-reload script before `</body>`.
fn respond(status: u16, path: &str, mut bytes: Vec<u8>, version: u64) -> Response<Cursor<Vec<u8>>> {
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        bytes = with_livereload(bytes, version);
    }
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

fn with_livereload(bytes: Vec<u8>, version: u64) -> Vec<u8> {
    let script = format!("<script data-version=\"{version}\">{LIVERELOAD}</script>\n");
    let html = String::from_utf8_lossy(&bytes);
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{script}").into_bytes(),
    }
}

pub(super) fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" if path.ends_with("rss.xml") => "application/rss+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

fn redirect(to: &str) -> Response<Cursor<Vec<u8>>> {
    // Header values are ASCII: a folder named `été` is sent as `%C3%A9t%C3%A9`.
    let location: String = to
        .bytes()
        .map(|b| {
            if b.is_ascii_graphic() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    plain(302, &format!("See {location}")).with_header(header("Location", &location))
}

fn plain(status: u16, text: &str) -> Response<Cursor<Vec<u8>>> {
    Response::from_string(text)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// A header of ours: names and values are ASCII by construction (see [`redirect`]).
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        Header::from_bytes(name.as_bytes(), &b"invalid"[..]).expect("an ASCII header")
    })
}

/// Server-Sent Events: `reload` after each good rebuild newer than `since`, `problems` (as
/// JSON) after a failed one, and a comment now and then to notice a tab that is gone. Written
/// straight to the connection, flushed after each event: a buffered response would hold them.
fn stream_events(request: Request, preview: &Preview, since: u64) {
    let mut connection = request.into_writer();
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n";
    let mut stream = EventStream {
        preview,
        seen: since,
        first: true,
    };
    let mut message = head.to_owned();
    loop {
        if connection
            .write_all(message.as_bytes())
            .and_then(|()| connection.flush())
            .is_err()
        {
            return; // the tab has gone
        }
        message = stream.next_message();
    }
}

/// The news for one open tab.
struct EventStream<'a> {
    preview: &'a Preview,
    seen: u64,
    first: bool,
}

impl EventStream<'_> {
    fn next_message(&mut self) -> String {
        if std::mem::take(&mut self.first) {
            // A tab opened while the build is broken sees the problems at once.
            if let Some(report) = self.preview.report() {
                return event(&report);
            }
            return ": connected\n\n".to_owned();
        }
        match self.preview.next(self.seen, KEEP_ALIVE) {
            Some((version, news)) => {
                self.seen = version;
                match news {
                    News::Reload => "event: reload\ndata: {}\n\n".to_owned(),
                    // The page stays: tell it again what is wrong, if anything.
                    News::Styles => match self.preview.report() {
                        Some(report) => format!("event: styles\ndata: {{}}\n\n{}", event(&report)),
                        None => "event: styles\ndata: {}\n\n".to_owned(),
                    },
                    News::Problems(report) => event(&report),
                }
            }
            None => ": still here\n\n".to_owned(),
        }
    }
}

/// The `problems` event: what is wrong, and what is served meanwhile.
fn event(report: &Report) -> String {
    format!("event: problems\ndata: {}\n\n", report.json())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_under_the_base_path() {
        assert_eq!(
            route("/sub/people/x/", "/sub/"),
            Route::File("people/x/".into())
        );
        assert_eq!(route("/", "/sub/"), Route::Redirect("/sub/".into()));
        assert_eq!(route("/sub", "/sub/"), Route::Redirect("/sub/".into()));
        assert_eq!(route("/__brief/events?since=4", "/sub/"), Route::Events(4));
    }

    #[test]
    fn traversal_in_any_disguise_is_refused() {
        for url in [
            "/../etc/passwd",
            "/sub/%2e%2e/x",
            "/sub/a%2fb",
            "/sub/a\\b",
            "/sub/%00",
            "/sub/./x",
            "/sub/%ff",
        ] {
            assert_eq!(route(url, "/sub/"), Route::BadRequest, "{url}");
        }
    }

    #[test]
    fn only_loopback_names_and_the_bound_address_are_our_hosts() {
        let listening = |bound: [u8; 4]| Listening {
            bound: IpAddr::from(bound),
            port: 1111,
        };
        let loopback = listening([127, 0, 0, 1]);
        for ours in [
            "localhost",
            "localhost:1111",
            "localhost.",
            "127.0.0.1:1111",
            "[::1]",
            "[::1]:1111",
            "127.0.0.2",
        ] {
            assert!(is_our_host(ours, &loopback), "{ours}");
        }
        for theirs in [
            "evil.example",
            "localhost:2222",
            "localhost:",
            "[::1]x",
            "[::1",
            "",
            "10.0.0.1",
            "127.0.0.1:1111:1",
            "localhost.evil.example",
        ] {
            assert!(!is_our_host(theirs, &loopback), "{theirs}");
        }
        let lan = listening([192, 168, 1, 5]);
        assert!(is_our_host("192.168.1.5:1111", &lan) && is_our_host("localhost", &lan));
        assert!(!is_our_host("192.168.1.6", &lan));
        let every = listening([0, 0, 0, 0]);
        assert!(is_our_host("192.168.1.6", &every) && !is_our_host("rebound.example", &every));
        assert!(is_our_origin("http://localhost:1111", &loopback));
        assert!(
            !is_our_origin("https://localhost:1111", &loopback)
                && !is_our_origin("null", &loopback)
        );
    }

    #[test]
    fn absolute_form_targets_are_bad_requests() {
        assert_eq!(
            route("http://evil.example/sub/", "/sub/"),
            Route::BadRequest
        );
        assert_eq!(route("*", "/sub/"), Route::BadRequest);
    }

    #[test]
    fn the_script_goes_before_the_end_of_body() {
        let html =
            String::from_utf8(with_livereload(b"<p>x</p></body></html>".to_vec(), 3)).unwrap();
        assert!(
            html.starts_with("<p>x</p><script data-version=\"3\">")
                && html.ends_with("</script>\n</body></html>")
        );
    }
}

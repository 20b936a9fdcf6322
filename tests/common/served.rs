//! What the server sends, judged: the live-reload script in each HTML page (and nowhere
//! else), the site version a page was rendered from, and the whole served site against a fresh
//! `brief build` of the same folder.

use std::fs;
use std::path::Path;

use super::files::files_under;
use super::http::{Reply, find};
use super::run::brief;
use super::serve::Serve;

/// How each HTML page announces the live-reload script.
pub const SCRIPT: &str = "<script data-version=";

/// The page without the live-reload script, which must be there once, just before the last
/// `</body>`.
pub fn without_script(html: &str) -> Result<String, String> {
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
pub fn version_of(reply: &Reply) -> u64 {
    let text = reply.text();
    let at = text.find(SCRIPT).expect("a page with the script") + SCRIPT.len() + 1;
    text[at..]
        .split('"')
        .next()
        .and_then(|v| v.parse().ok())
        .expect("a numeric data-version")
}

/// `brief build` of `root` for the server's own base URL, in a folder of its own; `None` if it
/// fails.
pub fn build_for(root: &Path, port: u16) -> Option<tempfile::TempDir> {
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
pub fn built_files(built: &Path) -> Vec<String> {
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
pub fn differences(serve: &Serve, built: &Path) -> Result<(), String> {
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

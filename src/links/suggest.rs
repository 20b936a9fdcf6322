//! What a link that leads nowhere was probably meant to be, and links that lead to the
//! writer's own computer.

use std::path::{Path, PathBuf};

use super::{LinkIndex, normalise};

impl LinkIndex {
    /// The link that `path`, which leads nowhere, was probably meant to be: a file of the same
    /// name in another folder, or a page or file one letter away.
    pub(super) fn meant(&self, from: &Path, path: &str) -> Option<String> {
        if path.starts_with('/') {
            let path = path.strip_suffix("index.html").unwrap_or(path);
            let wanted = match path
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.'))
            {
                true => path.to_owned(),
                false => format!("{}/", path.trim_end_matches('/')),
            };
            let mut near: Vec<&String> = (self.paths.iter())
                .filter(|p| crate::lint::nearly(&wanted, p))
                .collect();
            near.sort_unstable();
            return near.first().map(|p| p.to_string());
        }
        let folder = from.parent().unwrap_or(Path::new(""));
        let wanted = normalise(&folder.join(path));
        let name = wanted.file_name()?;
        let mut same_name: Vec<PathBuf> = (self.files.keys())
            .map(PathBuf::from)
            .filter(|file| file.file_name() == Some(name))
            .collect();
        if same_name.is_empty() {
            let name = name.to_string_lossy();
            same_name = (self.files.keys().map(PathBuf::from))
                .filter(|f| f.parent() == wanted.parent())
                .filter(|f| {
                    (f.file_name())
                        .is_some_and(|n| crate::lint::nearly(&name, &n.to_string_lossy()))
                })
                .collect();
        }
        same_name.sort_unstable();
        let found = same_name.first()?;
        Some(relative(folder, found))
    }
}

/// The path from `folder` to `file`, written as a Markdown link (with `/`, `..` to go up).
fn relative(folder: &Path, file: &Path) -> String {
    let mut up = folder.components().count();
    let mut rest = file.components().peekable();
    let mut common = folder.components();
    while let (Some(a), Some(&b)) = (common.next(), rest.peek()) {
        if a != b {
            break;
        }
        up -= 1;
        rest.next();
    }
    let down = rest.map(|c| c.as_os_str().to_string_lossy().into_owned());
    let parts: Vec<String> = std::iter::repeat_n("..".to_owned(), up)
        .chain(down)
        .collect();
    parts.join("/")
}

/// A path on the writer's computer: a Windows drive (`C:\`, `c:/`), a network share
/// (`\\server\`) or a `file:` URL. Other computers have no such file.
pub(crate) fn is_on_disk(dest: &str) -> bool {
    let dest = dest.trim_start();
    let bytes = dest.as_bytes();
    let drive = bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/');
    let scheme = dest
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("file:"));
    drive || scheme || dest.starts_with("\\\\")
}

/// A site path that is no page and starts where computers keep their users' files
/// (`/Users/anna/…`, `/home/anna/…`): a file dragged in from the writer's disk.
pub(super) fn looks_like_a_computers(path: &str) -> bool {
    const HOMES: [&str; 4] = ["/Users/", "/home/", "/Volumes/", "/mnt/"];
    HOMES.iter().any(|home| path.starts_with(home))
}

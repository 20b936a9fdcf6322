//! Where internal links point: every page and file the site will have, and the content files
//! they come from, so that Markdown links can be rewritten to real URLs and broken ones caught.

use crate::hash::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use crate::config::BaseUrl;

mod suggest;
pub(crate) use suggest::is_on_disk;
use suggest::looks_like_a_computers;

/// What to write for a link found in Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// External, or a fragment: written as it is.
    Keep,
    /// An internal link, rewritten to its URL under the base path (`url`, with any `#fragment`)
    /// from the page's site path.
    Rewritten { url: String, site_path: String },
    /// A `javascript:`-like scheme: never written.
    Unsafe,
    /// An internal link to nothing; `why` completes "the link `x` …", and `like` is a link
    /// that would work, when one looks meant (a file in another folder, a one-letter typo).
    Broken { why: String, like: Option<String> },
    /// A path on the writer's own computer (`C:\Users\…`, `file:///…`), which no reader has.
    OnDisk,
}

/// Site paths that come and go with people and terms.
#[derive(Debug, Default)]
pub(crate) struct PathChanges {
    pub added: HashSet<String>,
    pub removed: HashSet<String>,
}

impl PathChanges {
    pub(crate) fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// Many answers of the index, summed up: the site paths they point to (with how many point
/// to each) and how many are broken. Whether any of them [may change](LinkIndex::may_change)
/// is then found from the changes alone, not by asking each answer.
#[derive(Debug, Default)]
pub(crate) struct Answers {
    paths: HashMap<String, usize>,
    broken: usize,
}

impl Answers {
    pub(crate) fn add(&mut self, resolution: &Resolution) {
        match resolution {
            Resolution::Rewritten { site_path, .. } => {
                *self.paths.entry(site_path.clone()).or_default() += 1;
            }
            Resolution::Broken { .. } => self.broken += 1,
            Resolution::Keep | Resolution::Unsafe | Resolution::OnDisk => {}
        }
    }

    pub(crate) fn remove(&mut self, resolution: &Resolution) {
        match resolution {
            Resolution::Rewritten { site_path, .. } => {
                if let Some(count) = self.paths.get_mut(site_path.as_str()) {
                    *count -= 1;
                    if *count == 0 {
                        self.paths.remove(site_path.as_str());
                    }
                }
            }
            Resolution::Broken { .. } => self.broken -= 1,
            Resolution::Keep | Resolution::Unsafe | Resolution::OnDisk => {}
        }
    }

    /// Whether [`LinkIndex::may_change`] holds for any of the answers.
    pub(crate) fn may_change(&self, changes: &PathChanges) -> bool {
        self.broken > 0
            || changes.removed.iter().any(|p| self.paths.contains_key(p))
            || (changes.added.iter()).any(|p| self.paths.contains_key(&format!("{p}/")))
    }
}

/// Every site path the build will write, and the content file behind each page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LinkIndex {
    base: BaseUrl,
    /// Site paths: `/people/x/`, `/rss.xml`, `/images/a.svg`.
    paths: HashSet<String>,
    /// Content files (relative to the root) → their page's site path. Keyed by the path's
    /// bytes: hashing a `Path` parses it, and `serve` compares whole indexes on each rebuild.
    files: HashMap<OsString, String>,
    /// Briefings that exist but are not published in this build (drafts, scheduled), by file
    /// and by site path, so that a link to one gets a message that says so.
    unpublished: HashSet<OsString>,
    unpublished_paths: HashSet<String>,
    /// The page a person would have under an alias (`/people/sergei-lavrov/`) → their page.
    aliases: HashMap<String, String>,
}

impl LinkIndex {
    pub(crate) fn new(base: BaseUrl) -> Self {
        LinkIndex {
            base,
            paths: HashSet::default(),
            files: HashMap::default(),
            unpublished: HashSet::default(),
            unpublished_paths: HashSet::default(),
            aliases: HashMap::default(),
        }
    }

    /// A site path that leads to `site_path` (a person's page under one of their aliases).
    pub(crate) fn add_alias(&mut self, alias_path: String, site_path: String) {
        if !self.paths.contains(&alias_path) {
            self.aliases.insert(alias_path, site_path);
        }
    }

    /// `https://org.github.io`: what makes a site path absolute.
    pub(crate) fn origin(&self) -> &str {
        self.base.origin()
    }

    pub(crate) fn add_path(&mut self, site_path: String) {
        self.paths.insert(site_path);
    }

    /// Makes `changes` to the site paths.
    pub(crate) fn change(&mut self, changes: &PathChanges) {
        for path in &changes.removed {
            self.paths.remove(path);
        }
        self.paths.extend(changes.added.iter().cloned());
    }

    /// Whether `resolution`, an answer of this index, may differ once `changes` are made: the
    /// page it points to is gone, or one that [`Self::resolve`] tries first has come (`/x`
    /// before `/x/`). Only site paths change, so answers from content files stay.
    pub(crate) fn may_change(resolution: &Resolution, changes: &PathChanges) -> bool {
        match resolution {
            Resolution::Rewritten { site_path, .. } => {
                let first = site_path.strip_suffix('/');
                changes.removed.contains(site_path)
                    || first.is_some_and(|first| changes.added.contains(first))
            }
            Resolution::Broken { .. } => true,
            Resolution::Keep | Resolution::Unsafe | Resolution::OnDisk => false,
        }
    }

    /// A content file (`content/people/x.md`, `content/images/a.svg`) and where it is published.
    pub(crate) fn add_file(&mut self, file: PathBuf, site_path: String) {
        self.paths.insert(site_path.clone());
        self.files.insert(file.into_os_string(), site_path);
    }

    /// A briefing left out of this build: links to it are reported as such.
    pub(crate) fn add_unpublished(&mut self, file: PathBuf, site_path: String) {
        self.unpublished.insert(file.into_os_string());
        self.unpublished_paths.insert(site_path);
    }

    pub(crate) fn resolve(&self, from: &Path, dest: &str, is_image: bool) -> Resolution {
        if is_unsafe(dest, is_image) {
            return Resolution::Unsafe;
        }
        if is_on_disk(dest) {
            return Resolution::OnDisk;
        }
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
            return Resolution::Keep;
        }
        let (path, suffix) = split_suffix(dest);
        let path = percent_decode(path);
        let (site_path, unpublished) = if path.starts_with('/') {
            let site_path = self.find_site_path(&path);
            let unpublished = self
                .unpublished_paths
                .contains(&format!("{}/", path.trim_end_matches('/')));
            (site_path, unpublished)
        } else {
            let file = normalise(&from.parent().unwrap_or(Path::new("")).join(path.as_ref()));
            (
                self.files.get(file.as_os_str()).cloned(),
                self.unpublished.contains(file.as_os_str()),
            )
        };
        let why = match site_path {
            Some(site_path) => {
                return Resolution::Rewritten {
                    url: format!("{}{suffix}", self.base.link(&site_path)),
                    site_path,
                };
            }
            None if unpublished => {
                "points to a briefing that is not published (a draft, or dated in the future)"
            }
            None if looks_like_a_computers(&path) => return Resolution::OnDisk,
            None if path.starts_with('/') => "points to a page that does not exist",
            None => "points to a file that does not exist",
        };
        let like = match unpublished {
            true => None,
            false => self
                .meant(from, &path)
                .map(|like| format!("{like}{suffix}")),
        };
        Resolution::Broken {
            why: why.into(),
            like,
        }
    }

    fn find_site_path(&self, path: &str) -> Option<String> {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let candidates = [path.to_owned(), format!("{path}/")];
        let found = candidates.iter().find(|p| self.paths.contains(*p)).cloned();
        found.or_else(|| candidates.iter().find_map(|p| self.aliases.get(p).cloned()))
    }
}

/// `a/b/../c` → `a/c`, without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `my%20map.svg` → `my map.svg`; malformed escapes are kept as written.
pub(crate) fn percent_decode(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.contains('%') {
        return path.into();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_or(path.into(), Into::into)
}

fn split_suffix(dest: &str) -> (&str, &str) {
    match dest.find(['#', '?']) {
        Some(i) => dest.split_at(i),
        None => (dest, ""),
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => !dest[..i].contains(['/', '?', '#']) && i > 0,
        None => false,
    }
}

/// `javascript:`, `vbscript:` and `data:` (except images) however disguised: browsers ignore
/// case, and ASCII whitespace and control characters inside the scheme. Percent-escapes are
/// decoded first: `%6Aavascript:` is no scheme to a browser, but it is nothing a page needs,
/// and another program (a feed reader, a copy-paste) may decode it.
pub fn is_unsafe(dest: &str, is_image: bool) -> bool {
    let squeezed: String = percent_decode(dest)
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if squeezed.starts_with("javascript:") || squeezed.starts_with("vbscript:") {
        return true;
    }
    squeezed.starts_with("data:") && !(is_image && squeezed.starts_with("data:image/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compares only the URL written.
    fn rewritten(url: &str) -> Resolution {
        let site_path = url
            .trim_start_matches("/sub")
            .split('#')
            .next()
            .unwrap()
            .to_owned();
        Resolution::Rewritten {
            url: url.to_owned(),
            site_path,
        }
    }

    fn index() -> LinkIndex {
        let mut index = LinkIndex::new(BaseUrl::parse("https://x.org/sub/").unwrap());
        index.add_file(
            "content/people/sergey-lavrov.md".into(),
            "/people/sergey-lavrov/".into(),
        );
        index.add_path("/tags/nato/".into());
        index
    }

    #[test]
    fn site_paths_and_content_files_are_rewritten() {
        let from = Path::new("content/briefings/2022/a.md");
        assert_eq!(
            index().resolve(from, "/tags/nato/", false),
            rewritten("/sub/tags/nato/")
        );
        assert_eq!(
            index().resolve(from, "/tags/nato", false),
            rewritten("/sub/tags/nato/")
        );
        assert_eq!(
            index().resolve(from, "../../people/sergey-lavrov.md#bio", false),
            rewritten("/sub/people/sergey-lavrov/#bio")
        );
        assert!(matches!(
            index().resolve(from, "/tags/nope/", false),
            Resolution::Broken { .. }
        ));
    }

    #[test]
    fn percent_escapes_are_decoded_before_lookup() {
        let mut index = index();
        index.add_file(
            "content/images/my map.svg".into(),
            "/images/my map.svg".into(),
        );
        let from = Path::new("content/briefings/a.md");
        assert_eq!(
            index.resolve(from, "../images/my%20map.svg", true),
            rewritten("/sub/images/my map.svg")
        );
    }

    #[test]
    fn links_to_unpublished_briefings_say_so() {
        let mut index = index();
        index.add_unpublished(
            "content/briefings/draft.md".into(),
            "/briefings/draft/".into(),
        );
        let from = Path::new("content/briefings/a.md");
        for dest in ["draft.md", "/briefings/draft/"] {
            let Resolution::Broken { why, .. } = index.resolve(from, dest, false) else {
                panic!("{dest}")
            };
            assert!(why.contains("not published"), "{dest}: {why}");
        }
    }

    #[test]
    fn broken_links_name_the_link_likely_meant() {
        let mut index = index();
        index.add_file(
            "content/briefings/2022/2022-01-14-out.md".into(),
            "/briefings/2022-01-14-out/".into(),
        );
        let like = |from: &str, dest: &str| match index.resolve(Path::new(from), dest, false) {
            Resolution::Broken { like, .. } => like,
            other => panic!("{dest}: {other:?}"),
        };
        let new = "content/briefings/new.md";
        assert_eq!(
            like(new, "2022-01-14-out.md"),
            Some("2022/2022-01-14-out.md".into())
        );
        assert_eq!(
            like("content/briefings/2023/new.md", "2022-01-14-out.md#why"),
            Some("../2022/2022-01-14-out.md#why".into())
        );
        assert_eq!(
            like(new, "../people/sergei-lavrov.md"),
            Some("../people/sergey-lavrov.md".into())
        );
        assert_eq!(
            like(new, "/people/sergey-lavorv"),
            Some("/people/sergey-lavrov/".into())
        );
        assert_eq!(like(new, "/tags/natoo/"), Some("/tags/nato/".into()));
        assert_eq!(like(new, "/people/nobody/"), None);
    }

    #[test]
    fn paths_on_the_writers_computer_are_told_apart() {
        let from = Path::new("content/briefings/a.md");
        for dest in [
            "C:\\Users\\me\\scholz.jpg",
            "c:/Users/me/scholz.jpg",
            "file:///C:/Users/me/scholz.jpg",
            "FILE://home/me/a.pdf",
            "\\\\server\\share\\a.jpg",
        ] {
            assert_eq!(
                index().resolve(from, dest, true),
                Resolution::OnDisk,
                "{dest}"
            );
        }
        assert_eq!(
            index().resolve(from, "https://c.example/x", true),
            Resolution::Keep
        );
    }

    #[test]
    fn external_and_fragments_are_kept() {
        let from = Path::new("content/briefings/a.md");
        for dest in [
            "https://example.org/",
            "mailto:a@b.c",
            "#why-do-we-care",
            "//cdn.example/x",
        ] {
            assert_eq!(
                index().resolve(from, dest, false),
                Resolution::Keep,
                "{dest}"
            );
        }
    }

    #[test]
    fn unsafe_schemes_in_disguise() {
        for dest in [
            "javascript:alert(1)",
            " JaVaScRiPt:x",
            "java\tscript:x",
            "\u{1}vbscript:x",
            "data:text/html,x",
        ] {
            assert!(is_unsafe(dest, false), "{dest:?}");
        }
        assert!(is_unsafe("data:text/html,x", true));
        assert!(is_unsafe("%6Aavascript:alert(1)", false));
        assert!(is_unsafe("javascript%3Aalert(1)", false));
        assert!(is_unsafe("%20%01vbscript:x", false));
        assert!(!is_unsafe("data:image/png;base64,xx", true));
        assert!(!is_unsafe("https://example.org/javascript:", false));
    }
}

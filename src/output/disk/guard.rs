//! Which folders a build may replace, and the checks on what is in the way inside one.

use std::fs;
use std::path::Path;

use crate::cache::absolute;
use crate::error::Error;

/// Refuses output folders whose contents are not brief's to replace: the site itself or a
/// folder holding it, the content or themes, a file, or a folder of other files. `known` says
/// whether the cache has a record of building into it; without one, a folder is taken for a
/// site's output only if it holds the home page and the sitemap every build writes (the owner's
/// dotfiles such as `.git` do not count either way).
pub(crate) fn check_output_dir(
    root: &Path,
    dir: &Path,
    cache: &Path,
    known: bool,
) -> Result<(), Error> {
    let root = absolute(root);
    let target = absolute(dir);
    let cache = absolute(cache);
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to use `{}` as the output folder: {why}",
            dir.display()
        )))
    };
    if root.starts_with(&target) {
        return refuse("it contains the site itself, and building replaces the whole folder");
    }
    for protected in [
        "content",
        "themes",
        "src",
        "tests",
        ".git",
        crate::cache::DEFAULT_DIR,
    ] {
        if target.starts_with(root.join(protected)) {
            return refuse(&format!("it is inside the site's `{protected}` folder"));
        }
    }
    if target.starts_with(&cache) || cache.starts_with(&target) {
        return refuse(&format!(
            "the build cache `{}` would be inside it, or it inside the cache; \
             keep the two apart (--cache-dir moves the cache)",
            cache.display()
        ));
    }
    if target.exists() && !target.is_dir() {
        return refuse("it is a file, not a folder");
    }
    if known {
        return Ok(());
    }
    let names: Vec<String> = fs::read_dir(&target)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let has_visible = names.iter().any(|n| !n.starts_with('.'));
    let looks_built = ["index.html", "sitemap.xml"]
        .iter()
        .all(|built| names.iter().any(|n| n == built));
    if has_visible && !looks_built {
        return refuse(
            "it holds files that brief did not write (brief has no record of building into it, \
             and it has no index.html and sitemap.xml of a built site); choose an empty or new \
             folder, or empty it yourself",
        );
    }
    Ok(())
}

pub(super) fn blocked(path: &Path, why: &str) -> Error {
    Error::Usage(format!(
        "`{}` {why}; remove it (or the whole output folder) and build again",
        path.display()
    ))
}

/// Whether the file at `path` already holds exactly `bytes`. A folder in its place is refused.
pub(super) fn has_bytes(path: &Path, bytes: &[u8]) -> Result<bool, Error> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(false);
    };
    if meta.is_dir() {
        return Err(blocked(path, "is a folder where this build needs a file"));
    }
    Ok(meta.is_file()
        && meta.len() == bytes.len() as u64
        && fs::read(path).is_ok_and(|old| old == bytes))
}

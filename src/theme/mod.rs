//! Themes: the chain of a theme and its parents (`extends:` in `theme.yaml`), the default theme
//! embedded in the binary, and a ready Tera with every template and our filters.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::Deserialize;

use crate::diagnostic::codes::{E0005, E0042};
use crate::diagnostic::{Diagnostic, display_path};
use crate::front_matter;

mod depends;
mod error;

/// The default theme, so that a site with only `content/` and `site.yaml` builds.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
pub(crate) const DEFAULT: &str = "default";
pub(crate) const THEMES_DIR: &str = "themes";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeMeta {
    extends: Option<String>,
}

/// Bytes of a theme file, wherever they live.
#[derive(Debug, Clone)]
pub(crate) enum ThemeFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A static file of the theme and where it goes in the output.
#[derive(Debug, Clone)]
pub(crate) struct StaticFile {
    pub output: String,
    pub file: ThemeFile,
    /// For messages: `themes/default/static/style.css`.
    pub origin: String,
}

/// A theme ready to render: compiled templates and the static files to copy.
pub(crate) struct Theme {
    pub tera: tera::Tera,
    pub static_files: Vec<StaticFile>,
    /// Template name → the file it came from and its text, for messages.
    origins: BTreeMap<String, (String, String)>,
}

impl Theme {
    pub(crate) fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let mut templates = BTreeMap::new();
        let mut statics = BTreeMap::new();
        for layer in chain(root, name)?.iter().rev() {
            layer.collect(&mut templates, &mut statics)?;
        }
        let mut tera = tera::Tera::new();
        tera.register_filter("date", tera_contrib::dates::date);
        // Our own slugify, not tera-contrib's, so a slug built in a template matches our URLs.
        tera.register_filter("slug", |text: &str, _: tera::Kwargs, _: &tera::State| {
            crate::slug::slugify(text)
        });
        let sources: Vec<(&String, &String)> =
            templates.iter().map(|(n, (_, text))| (n, text)).collect();
        let added = tera.add_raw_templates(sources);
        let theme = Theme {
            tera,
            static_files: statics.into_values().collect(),
            origins: templates,
        };
        if let Err(error) = added {
            return Err(theme.template_error(&error, None));
        }
        Ok(theme)
    }
}

/// One theme of the chain, on disk or embedded.
enum Layer {
    Disk { name: String, dir: PathBuf },
    Embedded,
}

/// The theme and its parents, child first. The built-in default is always the last parent, so
/// a site's own `themes/default/` only needs the files it changes.
fn chain(root: &Path, name: &str) -> Result<Vec<Layer>, Diagnostic> {
    let mut layers: Vec<Layer> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut next = Some(name.to_owned());
    while let Some(name) = next.take() {
        // Who asked for this theme: site.yaml, or the theme.yaml of the previous one.
        let asked_by = match seen.last() {
            Some(child) => format!("{THEMES_DIR}/{child}/theme.yaml"),
            None => crate::config::CONFIG_FILE.to_owned(),
        };
        if seen.contains(&name) {
            let circle = format!(
                "themes extend each other in a circle: {} → {name}",
                seen.join(" → ")
            );
            return Err(Diagnostic::error(E0042, asked_by, circle));
        }
        seen.push(name.clone());
        let dir = root.join(THEMES_DIR).join(&name);
        if dir.is_dir() {
            next =
                read_parent(root, &dir)?.or_else(|| (name == DEFAULT).then(|| BUILT_IN.to_owned()));
            layers.push(Layer::Disk { name, dir });
        } else if name == DEFAULT || name == BUILT_IN {
            layers.push(Layer::Embedded);
        } else {
            let missing = format!(
                "the theme `{name}` does not exist: there is no folder {THEMES_DIR}/{name}/"
            );
            return Err(Diagnostic::error(E0042, asked_by, missing)
                .with_help("name a folder under themes/, or `default` for the built-in theme"));
        }
    }
    Ok(layers)
}

/// The parent of a site's own `themes/default/`: the copy built into brief.
const BUILT_IN: &str = "built-in default";

fn read_parent(root: &Path, dir: &Path) -> Result<Option<String>, Diagnostic> {
    let file = dir.join("theme.yaml");
    // Its lines would be quoted in an error: never read one from outside the site.
    for path in [root.join(THEMES_DIR), dir.to_owned(), file.clone()] {
        if let Some(link) = crate::source::link_outside(root, &path) {
            return Err(link);
        }
    }
    let Ok(text) = fs::read_to_string(&file) else {
        return Ok(None);
    };
    let relative = file.strip_prefix(root).unwrap_or(&file);
    let meta: ThemeMeta = front_matter::deserialize(relative, &text, 1)?;
    Ok(meta.extends)
}

type Templates = BTreeMap<String, (String, String)>;
type Statics = BTreeMap<String, StaticFile>;

impl Layer {
    /// Adds this layer's files, replacing those of its parents.
    fn collect(&self, templates: &mut Templates, statics: &mut Statics) -> Result<(), Diagnostic> {
        match self {
            Layer::Embedded => collect_embedded(&DEFAULT_THEME, templates, statics),
            Layer::Disk { name, dir } => collect_disk(name, dir, templates, statics)?,
        }
        Ok(())
    }
}

fn collect_embedded(dir: &'static Dir<'static>, templates: &mut Templates, statics: &mut Statics) {
    for entry in dir.entries() {
        if let Some(sub) = entry.as_dir() {
            collect_embedded(sub, templates, statics);
        } else if let Some(file) = entry.as_file() {
            let path = display_path(file.path());
            let origin = format!("{THEMES_DIR}/{DEFAULT}/{path} (built in)");
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(file.contents()).into_owned();
                templates.insert(name.to_owned(), (origin, text));
            } else if let Some(output) = path.strip_prefix("static/") {
                statics.insert(
                    output.to_owned(),
                    StaticFile {
                        output: output.to_owned(),
                        file: ThemeFile::Embedded(file.contents()),
                        origin,
                    },
                );
            }
        }
    }
}

fn collect_disk(
    name: &str,
    dir: &Path,
    templates: &mut Templates,
    statics: &mut Statics,
) -> Result<(), Diagnostic> {
    // A theme is read only from inside the site: no link out, however high up it sits.
    let root = dir.parent().and_then(Path::parent).unwrap_or(dir);
    let outside = |path: &Path| match crate::source::link_outside(root, path) {
        Some(link) => Err(link),
        None => Ok(()),
    };
    outside(&root.join(THEMES_DIR))?;
    outside(dir)?;
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let base = dir.join(sub);
        outside(&base)?;
        for entry in walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let file_name = entry.file_name().to_string_lossy();
            if crate::source::is_hidden_or_temporary(&file_name) {
                continue;
            }
            if entry.path_is_symlink() && entry.depth() > 0 {
                outside(entry.path())?;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = display_path(entry.path().strip_prefix(&base).unwrap_or(entry.path()));
            let origin = format!("{THEMES_DIR}/{name}/{sub}/{relative}");
            if is_template {
                let text = fs::read_to_string(entry.path()).map_err(|e| {
                    Diagnostic::error(E0005, &origin, format!("cannot read this template: {e}"))
                })?;
                templates.insert(relative, (origin, text));
            } else {
                statics.insert(
                    relative.clone(),
                    StaticFile {
                        output: relative,
                        file: ThemeFile::Disk(entry.into_path()),
                        origin,
                    },
                );
            }
        }
    }
    Ok(())
}

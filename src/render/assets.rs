//! Files copied as they are: the theme's static files and the assets under `content/`.

use super::{RenderedFile, Renderer, Scope};
use crate::diagnostic::{Diagnostics, display_path};
use crate::model::Site;
use crate::output::{Content, Sink};
use crate::theme::{Theme, ThemeFile};

pub struct AssetRenderer<'t> {
    pub theme: &'t Theme,
}

impl Renderer for AssetRenderer<'_> {
    fn name(&self) -> &'static str {
        "assets"
    }

    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), Diagnostics> {
        let (statics, assets) = match scope {
            Scope::All => (self.theme.static_files.as_slice(), site.assets.as_slice()),
            Scope::Only(targets) if targets.assets => (&[][..], site.assets.as_slice()),
            Scope::Only(_) => return Ok(()),
        };
        let statics = statics.iter().map(|s| RenderedFile {
            path: s.output.clone(),
            content: match &s.file {
                ThemeFile::Embedded(bytes) => Content::Static(bytes),
                ThemeFile::Disk(path) => Content::Copy(path.clone()),
            },
            origin: s.origin.clone(),
        });
        let assets = assets.iter().map(|a| RenderedFile {
            path: a.output.clone(),
            content: Content::Copy(a.absolute.clone()),
            origin: display_path(&a.path),
        });
        statics
            .chain(assets)
            .filter(|file| !sink.reuse(&file.path))
            .for_each(|file| sink.put(file));
        Ok(())
    }
}

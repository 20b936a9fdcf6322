//! Files copied as they are: the theme's static files and the assets under `content/`.

use super::{Change, Job, RenderedFile, Renderer, Scope};
use crate::diagnostic::{Diagnostics, display_path};
use crate::model::Site;
use crate::output::Content;
use crate::routes;
use crate::theme::{Theme, ThemeFile};

pub(super) struct AssetRenderer<'t> {
    pub theme: &'t Theme,
}

impl Renderer for AssetRenderer<'_> {
    /// The theme's static files (the copied assets are linked by their own files).
    fn paths(&self, _site: &Site, paths: &mut Vec<String>) {
        let statics = self.theme.static_files.iter();
        paths.extend(statics.map(|s| routes::copied(&s.output)));
    }

    fn stale(&self, site: &Site, change: &Change, paths: &mut Vec<String>) {
        if change.assets {
            paths.extend(site.assets.iter().map(|a| routes::copied(&a.output)));
        }
    }

    fn render(&self, job: &Job) -> Result<(), Diagnostics> {
        let (site, sink) = (job.site, job.sink);
        let (statics, assets) = match job.scope {
            Scope::All => (self.theme.static_files.as_slice(), site.assets.as_slice()),
            Scope::Only(change) if change.assets => (&[][..], site.assets.as_slice()),
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

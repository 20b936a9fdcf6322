//! `brief clean`: empty the build cache. The output is left alone: the next build makes every
//! file again, and keeps the output's files it no longer has a record of.

use crate::cache::Cache;
use crate::cli::CleanArgs;
use crate::diagnostic::display_path;
use crate::error::Error;

pub(super) fn run(args: CleanArgs) -> Result<(), Error> {
    let cache = Cache::of(&args.root, args.cache_dir.as_deref());
    match cache.clean()? {
        true => println!("Emptied the build cache {}", display_path(cache.dir())),
        false => println!(
            "The build cache {} is empty already",
            display_path(cache.dir())
        ),
    }
    Ok(())
}

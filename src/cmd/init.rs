//! `brief init DIR`: a new site that builds at once; list what was made and what to run next.

use crate::cli::InitArgs;
use crate::diagnostic::display_path;
use crate::error::Error;
use crate::scaffold;

pub(super) fn run(args: InitArgs) -> Result<(), Error> {
    let files = scaffold::init_site(&args.dir)?;
    let dir = display_path(&args.dir);
    println!("Created a new site in {dir}:");
    for file in &files {
        println!("  {}", display_path(file));
    }
    let public = format!("{}/public/", dir.trim_end_matches('/'));
    println!("Next, build it into {public}, then start your first briefing:");
    println!("  brief build --root {dir}");
    println!("  brief new briefing \"Name\" --root {dir}");
    Ok(())
}

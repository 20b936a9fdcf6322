//! `brief new briefing|person`: scaffold a file a member fills in, then say where it is.

use std::path::Path;

use crate::cli::{NewBriefingArgs, NewPersonArgs};
use crate::diagnostic::display_path;
use crate::error::Error;
use crate::model::parse_date;
use crate::scaffold::{self, BriefingRequest};

pub(super) fn briefing(args: NewBriefingArgs) -> Result<(), Error> {
    let date = match &args.date {
        Some(text) => parse_date(text).map_err(|why| {
            let help = crate::model::date_help(text);
            Error::Usage(format!(
                "--date `{text}` is not a valid date: {why}\n  = help: {help}"
            ))
        })?,
        None => super::today(),
    };
    let path = scaffold::new_briefing(&BriefingRequest {
        root: &args.root,
        name: &args.name,
        title: args.title.as_deref(),
        date,
        new_person: args.new_person,
    })?;
    println!("Created {}", display_path(&path));
    println!(
        "Next: replace every FILL IN in it, then run `brief check{}`",
        root_flag(&args.root)
    );
    Ok(())
}

pub(super) fn person(args: NewPersonArgs) -> Result<(), Error> {
    let path = scaffold::new_person(&args.root, &args.name)?;
    println!("Created {}", display_path(&path));
    println!(
        "Next: write the biography in place of FILL IN, and uncomment `born` and `nationality`"
    );
    Ok(())
}

/// ` --root DIR` when the site is not the current folder, so the next command works as shown.
fn root_flag(root: &Path) -> String {
    if root == Path::new(".") {
        String::new()
    } else {
        format!(" --root {}", display_path(root))
    }
}

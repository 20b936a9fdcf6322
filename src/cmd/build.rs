//! `brief build`: render the site and write it, then say what happened in one line.

use crate::cli::BuildArgs;
use crate::diagnostic::{display_path, plural};
use crate::error::Error;
use crate::model::BuildOptions;
use crate::pipeline::{self, Request};

pub(super) fn run(args: BuildArgs) -> Result<(), Error> {
    let output = args.output.unwrap_or_else(|| args.root.join("public"));
    let request = Request {
        root: args.root,
        base_url: args.base_url,
        options: BuildOptions {
            drafts: args.drafts,
            future: args.future,
            today: super::today(),
        },
        lint: true,
        lenient: false,
    };
    let report = pipeline::build(&request, &output)?;
    for warning in report.warnings.iter() {
        eprintln!("{warning}\n");
    }
    if std::env::var_os("BRIEF_TIMINGS").is_some() {
        eprint!("{}", report.timings);
    }
    let stats = report.stats;
    let warnings = match report.warnings.warning_count() {
        0 => String::new(),
        n => format!("; {}", plural(n, "warning")),
    };
    println!(
        "Built {} ({} files: {} written, {} unchanged, {} removed{warnings}) into {} in {} ms",
        plural(stats.pages, "page"),
        stats.files,
        stats.written,
        stats.unchanged,
        stats.removed,
        display_path(&output),
        report.elapsed.as_millis()
    );
    Ok(())
}

//! `brief serve`: preview the site with live reload until Ctrl-C.

use crate::cli::ServeArgs;
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::model::BuildOptions;
use crate::pipeline::Request;
use crate::serve::{Outcome, Rebuilt, ServeOptions, Served, Server};

pub(super) fn run(args: ServeArgs) -> Result<(), Error> {
    let options = BuildOptions {
        drafts: args.drafts,
        future: args.future,
        today: super::today(),
    };
    let request = Request {
        root: args.root,
        base_url: None,
        options,
        lint: true,
        lenient: true,
    };
    let (server, first) = Server::start(ServeOptions {
        request,
        bind: args.bind,
        port: args.port,
        poll: args.poll,
    })?;
    report(&first);
    println!("Serving the site at {} (Ctrl-C to stop)", server.url);
    if let Some(notice) = server.take_notice() {
        eprintln!("{notice}");
    }
    if !args.bind.is_loopback() {
        println!(
            "Note: bound to {}, so the site is reachable from the network, not only from this machine",
            args.bind
        );
    }
    while let Some(rebuild) = server.next_rebuild() {
        let (changed, rebuilt) = rebuild?;
        let what = match changed.as_slice() {
            [one] => one.display().to_string(),
            many => format!("{} files", many.len()),
        };
        print!("Changed {what}: ");
        report(&rebuilt);
        if let Some(notice) = server.take_notice() {
            eprintln!("{notice}");
        }
    }
    Ok(())
}

fn report(rebuilt: &Rebuilt) {
    let ms = rebuilt.elapsed.as_millis();
    match &rebuilt.outcome {
        Outcome::Done {
            pages,
            warnings,
            problems,
            timings,
        } => {
            for problem in problems.iter().chain(warnings.iter()) {
                eprintln!("{problem}\n");
            }
            if std::env::var_os("BRIEF_TIMINGS").is_some() {
                eprint!("{timings}");
            }
            println!("built {pages} pages in {ms} ms");
            let (briefings, profiles) = with_errors(problems);
            if let Some(files) = named(&briefings) {
                println!(
                    "{files} left out of the lists until fixed; each one's own page shows its problems"
                );
            }
            for profile in profiles {
                println!(
                    "{profile} has errors: until it is fixed, the site uses the last version of it that read"
                );
            }
        }
        Outcome::Failed { problems, served } => {
            eprintln!("{problems}");
            match served {
                Served::Nothing => println!(
                    "the site did not build ({ms} ms); nothing has built yet: every page lists these problems"
                ),
                _ => println!(
                    "the site did not build ({ms} ms); still serving the last version that did"
                ),
            }
        }
    }
}

/// The files with errors that a good rebuild went on past: briefings, and profiles.
fn with_errors(problems: &Diagnostics) -> (Vec<String>, Vec<String>) {
    let mut files: Vec<&std::path::Path> = (problems.iter())
        .filter(|d| d.is_error())
        .map(|d| d.file.as_path())
        .collect();
    files.dedup();
    let briefings =
        std::path::Path::new(crate::source::CONTENT_DIR).join(crate::source::BRIEFINGS_DIR);
    let (briefings, profiles): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|f| f.starts_with(&briefings));
    let shown = |files: Vec<&std::path::Path>| {
        files
            .into_iter()
            .map(crate::diagnostic::display_path)
            .collect()
    };
    (shown(briefings), shown(profiles))
}

/// One file by name, or how many.
fn named(files: &[String]) -> Option<String> {
    match files {
        [] => None,
        [one] => Some(one.clone()),
        many => Some(format!("{} files with errors", many.len())),
    }
}

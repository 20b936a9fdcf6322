//! `brief serve`: preview the site with live reload until Ctrl-C.

use crate::cli::ServeArgs;
use crate::error::Error;
use crate::model::BuildOptions;
use crate::pipeline::Request;
use crate::serve::{Outcome, Rebuilt, ServeOptions, Server};

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
            timings,
        } => {
            for warning in warnings.iter() {
                eprintln!("{warning}\n");
            }
            if std::env::var_os("BRIEF_TIMINGS").is_some() {
                eprint!("{timings}");
            }
            println!("built {pages} pages in {ms} ms");
        }
        Outcome::Failed(problems) => {
            eprintln!("{problems}");
            println!("the site did not build ({ms} ms); still serving the last version that did");
        }
    }
}

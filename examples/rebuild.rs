//! Times `serve`'s rebuild after a one-briefing edit, without the watcher or HTTP in the way:
//! `cargo run --release --example rebuild -- SITE [RUNS] [body|title|subject]`. Prints each
//! stage's median. A body edit (the default) appends a line; a title edit changes what lists
//! show; a subject change moves the briefing to another person; a date change moves it down
//! the lists; `new` adds a briefing, the site's newest, and deletes it, in turn.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use brief::model::BuildOptions;
use brief::pipeline::Request;
use brief::serve::{Outcome, Preview};

// As in the `brief` binary, so that the figures are the ones users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: rebuild SITE [RUNS]"));
    let runs: usize = args
        .next()
        .map_or(11, |r| r.parse().expect("RUNS is a number"));
    let kind = args.next().unwrap_or_else(|| "body".to_owned());
    let request = Request {
        root: root.clone(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        options: BuildOptions {
            drafts: false,
            future: false,
            today: jiff::Zoned::now().date(),
        },
        // As `serve` asks: the patch must lint what it replaces as a full run would.
        lint: true,
        lenient: true,
    };
    let preview = Preview::new(request);
    preview.rebuild(&[], false).expect("first build");
    let mut files: Vec<PathBuf> = walk(&root.join("content/briefings"));
    files.sort();
    let file = files[files.len() / 2].clone();
    let original = std::fs::read_to_string(&file).unwrap();
    let mut stages: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    let mut totals = Vec::new();
    let added = file.with_file_name("9999-rebuild-new-briefing.md");
    let target = if kind == "new" { &added } else { &file };
    for n in 0..runs {
        match edit(&original, &kind, n) {
            Some(text) => std::fs::write(target, text).unwrap(),
            None => std::fs::remove_file(target).unwrap(),
        }
        let rebuilt = preview
            .rebuild(std::slice::from_ref(target), false)
            .unwrap();
        totals.push(rebuilt.elapsed);
        if let Outcome::Done { timings, .. } = rebuilt.outcome {
            for (stage, took) in timings.0 {
                stages.entry(stage).or_default().push(took);
            }
        }
    }
    std::fs::write(&file, &original).unwrap();
    let _ = std::fs::remove_file(&added);
    for (stage, times) in &mut stages {
        println!("{stage:>10}: {:>7.1} ms", median(times));
    }
    println!(
        "{:>10}: {:>7.1} ms ({runs} runs)",
        "total",
        median(&mut totals)
    );
}

/// `text` with the `n`th edit of `kind` (`None`: the file is deleted).
fn edit(text: &str, kind: &str, n: usize) -> Option<String> {
    let replace_line = |key: &str, value: String| {
        let line = text
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no `{key}` line to edit"));
        text.replacen(line, &format!("{key} {value}"), 1)
    };
    let edited = match kind {
        "body" => format!("{text}\nEdit number {n}.\n"),
        "title" => replace_line("title:", format!("Edited title number {n}")),
        // Alternating between two people, both known to the site after the first run.
        "subject" => replace_line("subject:", format!("Benchmark Person {}", n % 2)),
        // A year or two earlier, in turn.
        "date" => replace_line("date:", format!("{}-06-15", 2014 - n % 2)),
        "new" if n % 2 == 1 => return None,
        "new" => replace_line("date:", "2026-01-01".to_owned()),
        other => panic!("unknown edit kind `{other}`: body, title, subject, date or new"),
    };
    Some(edited)
}

fn median(times: &mut [Duration]) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}

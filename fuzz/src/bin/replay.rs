//! Runs saved inputs through the same check as the fuzz target, without libFuzzer: the
//! regression corpus in CI, a crash file while fixing it, or (with `--random N`) a plain
//! random loop on stable Rust where libFuzzer is unavailable.
//!
//! `cargo run --release --bin replay -- FILE-OR-FOLDER...`
//! `cargo run --release --bin replay -- --random 100000 [SEED]`

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, count, rest @ ..] = args.as_slice()
        && flag == "--random"
    {
        let count: u64 = count.parse().expect("a number of inputs");
        let seed: u64 = rest.first().and_then(|s| s.parse().ok()).unwrap_or(1);
        brief_fuzz::random::run(count, seed);
        return;
    }
    let mut ran = 0;
    for arg in &args {
        for entry in walkdir::WalkDir::new(Path::new(arg)).sort_by_file_name() {
            let entry = entry.expect("a readable file");
            if entry.file_type().is_file() {
                let data = std::fs::read(entry.path()).expect("a readable file");
                brief_fuzz::check(&data);
                ran += 1;
            }
        }
    }
    println!("{ran} inputs, no finding");
}

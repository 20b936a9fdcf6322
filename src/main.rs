//! Parse the command line, run the command, turn its outcome into an exit status.

use std::process::ExitCode;

/// Rendering allocates many short strings on every core; glibc's allocator spends a fifth of a
/// build in contention (measured with perf on the 10k corpus), mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = brief::cli::parse();
    match brief::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if !matches!(error, brief::Error::Reported) {
                eprintln!("{error}");
            }
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

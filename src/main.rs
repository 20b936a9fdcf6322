//! Parse the command line, run the command, turn its outcome into an exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = brief::cli::parse();
    match brief::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

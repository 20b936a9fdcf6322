//! `Run`: one run of the real `brief` binary (exit code, stdout, stderr), and the assertions a
//! test makes on it.

use std::path::Path;
use std::process::Command;

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn succeeds(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success, got {}\nstderr:\n{}",
            self.code, self.stderr
        );
        self
    }

    pub fn fails_with(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts that stderr holds `text` exactly (several lines allowed).
    pub fn reports(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks:\n{text}\n--- stderr was:\n{}",
            self.stderr
        );
        self
    }
}

/// Runs `brief <args…>`.
pub fn brief(args: &[&str]) -> Run {
    run(Command::new(env!("CARGO_BIN_EXE_brief")).args(args))
}

/// Runs `brief <args…>` with the environment variables `vars` set.
pub fn brief_env(args: &[&str], vars: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
    command.args(args);
    for (name, value) in vars {
        command.env(name, value);
    }
    run(&mut command)
}

/// Runs `brief <args…>` from `dir`, so that relative paths in its arguments and messages are
/// relative to it.
pub fn brief_in(dir: &Path, args: &[&str]) -> Run {
    run(Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(dir)
        .args(args))
}

fn run(command: &mut Command) -> Run {
    let output = command.output().expect("run brief");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

//! Parse the command line, run the command, turn its outcome into an exit status.

use std::process::ExitCode;

/// Rendering allocates many short strings on every core; glibc's allocator spends a fifth of a
/// build in contention (measured with perf on the 10k corpus), mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = brief::cli::parse();
    if matches!(cli.command, brief::cli::Command::Serve(_)) {
        keep_freed_memory();
    }
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

/// `mi_option_purge_delay` in mimalloc.h (v3), which the -sys crate does not name.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc gives freed memory back to the system a second after it was freed. A rebuild in
/// `serve` frees and allocates tens of megabytes, and an editor's saves come seconds apart,
/// so every rebuild faulted its memory in again (and the kernel zeroed it): a fifth of a
/// subject change's rebuild at 10,000 briefings. The preview keeps what it freed for the next
/// rebuild instead, at the cost of holding its highest use so far (10-15% more memory there).
fn keep_freed_memory() {
    // SAFETY: setting an option is allowed at any time; -1 means "never purge".
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

#[cfg(test)]
mod tests {
    /// The option set above is the purge delay: its default is 1000 (ms) in mimalloc v3's
    /// options.c (no other option of v3 defaults to 1000), 10 in v2's.
    #[test]
    fn the_option_kept_is_the_purge_delay() {
        // SAFETY: reading an option is allowed at any time.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert!(matches!(delay, 10 | 1000), "option 15 is {delay}");
    }
}

//! One build at a time per output folder: an exclusive lock on a file in the output's record,
//! never inside the output, which the build replaces whole. The lock is the system's own
//! (`flock` on Unix, `LockFileEx` on Windows), so it goes with its process: a build that was
//! killed holds nothing, and the next one takes over at once.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use super::io_error;
use crate::error::Error;

const LOCK: &str = "lock";

/// Held while a build writes its output; released when dropped or when the process ends.
#[derive(Debug)]
pub(crate) struct OutputLock {
    _file: File,
}

/// What to do when another build holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Contended {
    /// Wait for it, calling `notice` once with the other build's process id.
    Wait,
    /// Give up at once (`--no-wait`).
    Fail,
}

impl OutputLock {
    /// Takes the lock of the record `folder`.
    pub(crate) fn take(
        folder: &Path,
        contended: Contended,
        notice: impl FnOnce(&str),
    ) -> Result<OutputLock, Error> {
        let path = folder.join(LOCK);
        let mut file = open(&path).map_err(io_error("open the lock file", &path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let pid = pid_in(&mut file);
                if contended == Contended::Fail {
                    return Err(Error::Usage(format!(
                        "another build of this site is writing its output (pid {pid}); \
                         try again when it has ended, or leave out --no-wait to wait for it"
                    )));
                }
                notice(&format!(
                    "waiting for another build of this site, pid {pid}"
                ));
                file.lock().map_err(io_error("lock", &path))?;
            }
            Err(TryLockError::Error(error)) => return Err(io_error("lock", &path)(error)),
        }
        // Tell a build that waits for this one who it waits for.
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| write!(file, "{}", std::process::id()));
        Ok(OutputLock { _file: file })
    }
}

fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

fn pid_in(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.rewind().and_then(|()| file.read_to_string(&mut text));
    match text.trim() {
        "" => "unknown".to_owned(),
        pid => pid.to_owned(),
    }
}

/// The process id of the build holding the lock of the record `folder`, if one does.
pub(crate) fn holder(folder: &Path) -> Option<String> {
    let path = folder.join(LOCK);
    if !path.exists() {
        return None;
    }
    let mut file = open(&path).ok()?;
    match file.try_lock() {
        Err(TryLockError::WouldBlock) => Some(pid_in(&mut file)),
        _ => None,
    }
}

pub(crate) fn is_held(folder: &Path) -> bool {
    holder(folder).is_some()
}

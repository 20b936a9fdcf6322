//! The one error type commands return; `main` turns it into a message and an exit status.

use std::fmt;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostics, display_path};

#[derive(Debug)]
pub enum Error {
    /// Problems in the site's content, configuration or templates (exit status 1).
    Content(Diagnostics),
    /// The disk refused something (exit status 1).
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// The command was asked something it cannot do (exit status 2).
    Usage(String),
    /// Problems the command has already shown in its own format (exit status 1).
    Reported,
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) | Error::Io { .. } | Error::Reported => 1,
            Error::Usage(_) => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Content(diagnostics) => write!(f, "{diagnostics}"),
            Error::Io {
                action,
                path,
                source,
            } => {
                write!(
                    f,
                    "error: could not {action} `{}`: {source}",
                    display_path(path)
                )
            }
            Error::Usage(message) => write!(f, "error: {message}"),
            Error::Reported => Ok(()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<Diagnostics> for Error {
    fn from(diagnostics: Diagnostics) -> Self {
        Error::Content(diagnostics)
    }
}

impl From<crate::diagnostic::Diagnostic> for Error {
    fn from(diagnostic: crate::diagnostic::Diagnostic) -> Self {
        Error::Content(diagnostic.into())
    }
}

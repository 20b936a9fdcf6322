//! `brief`: a static site generator for briefings.
//!
//! The pipeline, in one breath: [`source`] reads the site's files, [`front_matter`] and
//! [`model`] parse and link them into a [`model::Site`], [`markdown`] renders each body once,
//! [`render`] turns site and [`theme`] into an in-memory [`output::Output`], and [`output`]
//! writes it atomically. [`pipeline`] strings the stages together for every command.

// A `Diagnostic` is big, but errors are the cold path and boxing them everywhere reads worse.
#![allow(clippy::result_large_err)]
// The crate's interface is what the binary, the tests, the fuzz target and the example need;
// everything else is `pub(crate)` or private, and this keeps it so.
#![warn(unreachable_pub)]

pub(crate) mod cache;
pub mod cli;
pub mod cmd;
pub(crate) mod config;
pub mod diagnostic;
pub mod error;
pub(crate) mod front_matter;
pub(crate) mod hash;
pub(crate) mod import;
pub mod links;
pub(crate) mod lint;
pub(crate) mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub(crate) mod plain_text;
pub(crate) mod rebuild;
pub(crate) mod render;
pub mod report;
pub(crate) mod routes;
pub(crate) mod sanitize;
pub(crate) mod scaffold;
pub mod serve;
pub mod slug;
pub mod source;
pub(crate) mod theme;

pub use error::Error;

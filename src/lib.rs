//! `brief`: a static site generator for briefings.
//!
//! The pipeline, in one breath: [`source`] reads the site's files, [`front_matter`] and
//! [`model`] parse and link them into a [`model::Site`], [`markdown`] renders each body once,
//! [`render`] turns site and [`theme`] into an in-memory [`output::Output`], and [`output`]
//! writes it atomically. [`pipeline`] strings the stages together for every command.

// A `Diagnostic` is big, but errors are the cold path and boxing them everywhere reads worse.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod front_matter;
pub mod hash;
pub mod import;
pub mod links;
pub mod lint;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod plain_text;
pub mod rebuild;
pub mod render;
pub mod report;
pub mod routes;
pub mod sanitize;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod source;
pub mod theme;

pub use error::Error;

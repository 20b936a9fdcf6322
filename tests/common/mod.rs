//! What the test files share, one concept a module: a site in a temporary folder and the real
//! `brief` binary run on it; files and snapshots of folders; the briefings tests write; HTML
//! text; and, for `brief serve`, a raw HTTP client, the server process, its event stream and
//! the served site compared with a build. Also the outside judges some tests need.
//!
//! Each test file compiles this module as its own copy and uses a part of it.

#![allow(dead_code, unused_imports)]

pub mod basic;
pub mod builders;
pub mod events;
pub mod files;
pub mod html;
pub mod http;
pub mod judges;
pub mod run;
pub mod serve;
pub mod served;
pub mod site;
pub mod snapshot;

pub use builders::briefing;
pub use files::{copy_tree, edit, files_under, read};
pub use run::{Run, brief, brief_env, brief_in};
pub use site::{SITE_YAML, TestSite};
pub use snapshot::Snapshot;

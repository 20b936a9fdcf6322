//! The `tests/sites/basic` fixture's briefings that tests edit, the pages they make (under the
//! fixture's base path `/sub/`), and the sentence tests rewrite.

pub const BRUSSELS: &str = "content/briefings/2022-01-12-brussels.md";
pub const BRUSSELS_PAGE: &str = "/sub/briefings/2022-01-12-brussels/";
pub const GENEVA: &str = "content/briefings/2022-01-10-geneva.md";
pub const GENEVA_PAGE: &str = "/sub/briefings/2022-01-10-geneva/";
pub const PATIENCE: &str = "content/briefings/2022/2022-01-14-patience.md";
pub const PATIENCE_PAGE: &str = "/sub/briefings/2022-01-14-patience/";

/// A sentence of the Brussels briefing's body, which tests rewrite to see a change served.
pub const COUNCIL: &str = "He chaired the council.";

//! Golden output: the whole built `tests/sites/basic/` compared byte for byte with its
//! `expected/` folder. After an intended change, re-bless with `BLESS=1 cargo test --test golden`
//! and review the diff of `expected/` like any other change.

mod common;

use std::fs;

use common::{TestSite, files_under, site};

#[test]
fn the_basic_site_matches_its_expected_output() {
    let site = TestSite::fixture("basic");
    site.build(&[]).succeeds();
    let expected = site::fixture("basic").join("expected");
    if std::env::var_os("BLESS").is_some() {
        let _ = fs::remove_dir_all(&expected);
        common::copy_tree(&site.public(), &expected);
        return;
    }
    // Every file, hidden ones too: build bookkeeping lives in the cache, never in the output.
    let built = files_under(&site.public());
    assert_eq!(
        built,
        files_under(&expected),
        "the set of files differs; BLESS=1 to accept"
    );
    for file in built {
        let (got, want) = (
            site.output(&file),
            fs::read_to_string(expected.join(&file)).unwrap(),
        );
        assert!(
            got == want,
            "{file} differs from expected/{file}; BLESS=1 to accept\n--- got:\n{got}"
        );
    }
}

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
        let _ = fs::remove_file(expected.join(".brief-stamp"));
        return;
    }
    // The stamp records modification times: it differs from build to build by design.
    let mut built = files_under(&site.public());
    built.retain(|f| f != ".brief-stamp");
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

//! libFuzzer target: front matter + Markdown → the whole rendered site (see `brief_fuzz::check`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| brief_fuzz::check(data));

//! Rapport's JSON backup, and merging a parsed one into an empty network.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = rapport_core::backup::parse_backup(text);
});

//! A sync file from another device: its header, then opening it with a key.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(file) = rapport_core::sync::SyncFile::parse(bytes) {
        let _ = file.open(&[0; 32]);
    }
});

//! The byte decoder (UTF-8 with replacement, UTF-16 with a BOM) and the file sniffer.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = rapport_core::import::sniff("file.csv", data);
    let _ = rapport_core::import::decode_text(data);
});

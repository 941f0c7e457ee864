//! vCard 2.1, 3.0 and 4.0.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = rapport_core::import::vcard::parse_vcards(text);
});

//! LinkedIn Connections.csv: any text gives candidates and skipped rows, or a readable error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = rapport_core::import::linkedin::parse_connections(text);
});

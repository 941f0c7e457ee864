//! The stored-document decoder with its migrations and the journal rollback, on any object
//! of key → text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rapport_core::store::{self, RawStore};

fuzz_target!(|text: &str| {
    if let Ok(raw) = serde_json::from_str::<RawStore>(text) {
        let _ = store::decode(&raw);
    }
    let _ = store::rollback(text);
});

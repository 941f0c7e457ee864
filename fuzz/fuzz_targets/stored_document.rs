//! The stored-document decoder with its migrations and the journal rollback, on any object
//! of key → text; and the storage engine opening it (repairs written to memory).
#![no_main]
use libfuzzer_sys::fuzz_target;
use rapport_core::store::{self, Engine, MemoryKv, RawStore};

fuzz_target!(|text: &str| {
    if let Ok(raw) = serde_json::from_str::<RawStore>(text) {
        let _ = store::decode(&raw);
        let mut zero = |b: &mut [u8]| {
            b.fill(0);
            Ok(())
        };
        let _ = Engine::new(MemoryKv::from_map(raw)).open(&mut zero);
    }
    let _ = store::rollback(text);
});

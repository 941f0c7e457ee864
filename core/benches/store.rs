//! Native benchmark of the stored layout at real-network scale: opening the store (unpack and
//! decode every key), and what one edit writes. Run: `cargo bench -p rapport-core --bench store`.
//! It prints medians; it asserts nothing.

mod common;
use common::{runs as bench_runs, time};

use chrono::{NaiveDate, TimeZone, Utc};
use rapport_core::store::{self, pack};
use rapport_core::synthetic::{synthetic_network, REAL_NETWORK};

fn main() {
    let runs = bench_runs(9);
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
    let network = synthetic_network(REAL_NETWORK, today, now);
    let raw = store::encode_all(&network);
    let chars: usize = raw.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum();
    let json: usize = raw.values().map(|v| pack::unpack(v).map(|t| t.len()).unwrap_or(0)).sum();
    let encode_all_ms = time(runs.min(3), || drop(store::encode_all(&network)));
    let unpack_ms = time(runs, || raw.values().for_each(|v| drop(pack::unpack(v))));
    let decode_ms = time(runs, || drop(store::decode(&raw)));
    let someone = network.live_people().next().unwrap().clone();
    let mut edited = network.clone();
    let mut fields = someone.fields();
    fields.notes = "Edited for the benchmark: café, résumé.".into();
    let touched = edited.update_person(&someone.id, fields, now).unwrap();
    let mut written = 0;
    let edit_ms = time(runs, || {
        let writes = store::encode(&edited, &touched);
        written =
            writes.iter().map(|w| w.key.len() + w.value.as_deref().map_or(0, |v| pack::pack(v).chars().count())).sum();
    });
    // A sync merge's save: every bucket touched, written through the engine (the stored copy
    // of each bucket merged in first unless the engine knows it holds it, then the journal).
    let mut random = |b: &mut [u8]| -> Result<(), rapport_core::lock::NoRandomness> {
        b.fill(7);
        Ok(())
    };
    let mut network_all = network.clone();
    let everything = rapport_core::Touched::everything(&network_all);
    let mut engine = store::Engine::new(store::MemoryKv::from_map(raw.clone()));
    let opened = engine.open(&mut random);
    assert!(matches!(opened, store::Opened::Ready(_)), "the bench store opens");
    let save_all_ms = time(runs.min(5), || {
        engine.save(&mut network_all, &everything, now, &mut random).unwrap();
    });
    let one_ms = time(runs, || {
        engine.save(&mut edited, &touched, now, &mut random).unwrap();
    });
    println!(
        "synthetic network: {} people, {} interactions; stored as {} keys, {chars} characters ({json} bytes of JSON)",
        REAL_NETWORK.people,
        REAL_NETWORK.interactions,
        raw.len()
    );
    println!("medians over {runs} runs (native, release):");
    println!("  pack the whole store          {encode_all_ms:8.2} ms");
    println!("  unpack every key              {unpack_ms:8.2} ms");
    println!("  open: unpack and decode       {decode_ms:8.2} ms");
    println!("  one edit: encode and pack     {edit_ms:8.2} ms ({written} characters)");
    println!("  engine: save one edit         {one_ms:8.2} ms");
    println!("  engine: save every bucket     {save_all_ms:8.2} ms");
}

//! Writes the synthetic network (5,000 people, 20,000 interactions, 300 interviews, 200
//! drafts) as the browser benchmark loads it: one JSON object of stored key → text, plus
//! a LinkedIn Connections.csv of 5,000 people not in it yet. Prints the stored size in UTF-16 characters.
//!
//!     cargo run --release -p rapport-core --example synthetic_store -- OUT_DIR YYYY-MM-DD [large]
//!
//! With `large`, the second tier: 30,000 people and 60,000 interactions, light on notes
//! (`synthetic::LARGE_NETWORK`), whose Connections.csv has 30,000 rows; and an
//! `empty-store.json` (no people, the first run done) to import them into.

use rapport_core::synthetic::{linkedin_connections_csv, newcomers, synthetic_network, LARGE_NETWORK, REAL_NETWORK};
use std::path::PathBuf;

/// The key and salt the benchmark's sync file is sealed with (bench/run.mjs gives the page
/// the same key, so it merges without deriving one).
const SYNC_KEY: [u8; 32] = [9; 32];
const SYNC_SALT: [u8; 16] = [3; 16];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().ok_or("usage: synthetic_store OUT_DIR YYYY-MM-DD")?);
    let today = chrono::NaiveDate::parse_from_str(&args.next().ok_or("give today's date, YYYY-MM-DD")?, "%Y-%m-%d")?;
    let now = today.and_hms_opt(9, 0, 0).ok_or("bad date")?.and_utc();
    let large = args.next().as_deref() == Some("large");
    let network = synthetic_network(if large { LARGE_NETWORK } else { REAL_NETWORK }, today, now);
    let store = rapport_core::store::encode_all(&network);
    let chars: usize = store.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum();
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("store.json"), serde_json::to_string(&store)?)?;
    // 5,000 people who are not in the network yet (other names, addresses and profiles),
    // for the import benchmark: its preview finds 5,000 new people and its commit adds them.
    std::fs::write(out.join("Connections.csv"), linkedin_connections_csv(&newcomers(&network)))?;
    // A network with nobody in it yet and the first run done: the large tier's import of
    // 30,000 rows goes into it (into the 30,000 it would make 60,000).
    let mut empty = rapport_core::Network::default();
    empty.profile = network.profile.clone();
    empty.settings.prefs.welcomed = true;
    std::fs::write(out.join("empty-store.json"), serde_json::to_string(&rapport_core::store::encode_all(&empty))?)?;
    // The person with the most interactions (50): the "open a person" benchmark.
    let busy = network
        .live_people()
        .max_by_key(|p| network.interactions_of(&p.id).len())
        .map(|p| p.id.to_string())
        .unwrap_or_default();
    std::fs::write(out.join("busy-person.txt"), busy)?;
    // Another device's sync file: its copy changed on its own (200 edits, 50 deletions, 500
    // interactions), sealed under the benchmark's key, for the merge benchmark.
    let laptop = rapport_core::synthetic::diverged_copy(&network, today, now);
    let mut random = |b: &mut [u8]| {
        b.iter_mut().enumerate().for_each(|(i, x)| *x = i as u8);
        Ok(())
    };
    let file = rapport_core::sync::seal(&laptop, "benchlaptop1", "Laptop", now, &SYNC_KEY, &SYNC_SALT, &mut random)
        .map_err(|e| e.to_string())?;
    std::fs::write(out.join("laptop.sync"), &file)?;
    println!("{{\"keys\":{},\"stored_chars\":{chars}}}", store.len());
    Ok(())
}

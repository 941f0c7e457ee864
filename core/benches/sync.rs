//! Native benchmark of sync at real-network scale (5,000 people, 20,000 interactions): two
//! copies diverge (each edits, deletes and adds on its own), then one merges the other's sync
//! file. Run: `cargo bench -p rapport-core --bench sync`. It prints medians; it asserts nothing.

mod common;
use common::{runs as bench_runs, time};

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use rapport_core::sync::{self, SyncFile};
use rapport_core::synthetic::{synthetic_network, REAL_NETWORK};
use rapport_core::Id;

fn main() {
    let runs = bench_runs(7);
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
    let base = synthetic_network(REAL_NETWORK, today, now);
    let ids: Vec<Id> = base.live_people().map(|p| p.id).collect();
    // The phone edits 200 people's notes and deletes 50; the laptop
    // (`synthetic::diverged_copy`) edits 200 others' companies, deletes 50 and logs 500
    // interactions.
    let mut phone = base.clone();
    for (n, id) in ids.iter().take(200).enumerate() {
        let mut f = phone.person(id).unwrap().fields();
        f.notes = format!("Phone note {n}");
        phone.update_person(id, f, now + Duration::seconds(n as i64 + 1)).unwrap();
    }
    for id in ids.iter().skip(200).take(50) {
        phone.delete_person(id, now + Duration::seconds(300)).unwrap();
    }
    let laptop = rapport_core::synthetic::diverged_copy(&base, today, now);
    let key = [9u8; 32];
    let salt = [3u8; 16];
    let mut random = |b: &mut [u8]| {
        b.iter_mut().for_each(|x| *x = 42);
        Ok(())
    };
    let file = sync::seal(&laptop, "laptop-id", "Laptop", now, &key, &salt, &mut random).unwrap();
    let write_ms = time(runs, || drop(sync::seal(&laptop, "laptop-id", "Laptop", now, &key, &salt, &mut random)));
    let mut incoming = None;
    let read_ms = time(runs, || incoming = Some(SyncFile::parse(&file).unwrap().open(&key).unwrap()));
    let incoming = incoming.unwrap();
    let mut report = None;
    let merge_ms = time(runs, || {
        let mut mine = phone.clone();
        report = Some(sync::merge(&mut mine, &incoming));
    });
    let clone_ms = time(runs, || drop(phone.clone()));
    println!(
        "synthetic network: {} people, {} interactions; the phone and the laptop diverged",
        REAL_NETWORK.people, REAL_NETWORK.interactions
    );
    println!("medians over {runs} runs (native, release):");
    println!("  sync file size                 {:8.0} KB ({} bytes)", file.len() as f64 / 1024.0, file.len());
    println!("  write the laptop's sync file   {write_ms:8.2} ms (serialise, deflate, encrypt)");
    println!("  read it on the phone           {read_ms:8.2} ms (decrypt, inflate, parse)");
    println!("  merge it into the phone's copy {merge_ms:8.2} ms (includes {clone_ms:.2} ms cloning the copy)");
    println!("  read and merge                 {:8.2} ms", read_ms + merge_ms);
    println!("  what the merge did: {}", report.unwrap().summary());
    println!("  where the sync file's bytes go (each part as JSON, deflated alone; interactions column by column):");
    let b = rapport_core::backup::backup(&laptop, now);
    let part = |name: &str, json: Vec<u8>| {
        let packed = miniz_oxide::deflate::compress_to_vec(&json, 6);
        println!(
            "    {name:<14} {:6.0} KB of JSON, {:5.0} KB deflated",
            json.len() as f64 / 1024.0,
            packed.len() as f64 / 1024.0
        );
    };
    part("people", serde_json::to_vec(&b.people).unwrap());
    part(
        "interactions",
        serde_json::to_vec(&rapport_core::backup::InteractionColumns::of(b.interactions.iter())).unwrap(),
    );
    part("employers", serde_json::to_vec(&b.employers).unwrap());
    part("interviews", serde_json::to_vec(&b.interviews).unwrap());
    part("drafts", serde_json::to_vec(&b.drafts).unwrap());
    part("batches", serde_json::to_vec(&b.batches).unwrap());
    part("tombstones", serde_json::to_vec(&b.tombstones).unwrap());
    let (sent, ms) = direct_sync_after_one_edit_each(&base, now, &key);
    println!("  direct sync after one edit on each side: {sent} bytes sent both ways ({ms:.2} ms of work)");
}

/// Two devices that each edited one person sync directly: digests, then the digests of the
/// people in the buckets that differ, then those people. Returns bytes sent both ways.
fn direct_sync_after_one_edit_each(
    base: &rapport_core::Network,
    now: chrono::DateTime<Utc>,
    key: &[u8; 32],
) -> (usize, f64) {
    use rapport_core::pair::{self, Message};
    let ids: Vec<Id> = base.live_people().map(|p| p.id).take(2).collect();
    let mut a = base.clone();
    let mut b = base.clone();
    let mut f = a.person(&ids[0]).unwrap().fields();
    f.notes = "Edited on the phone".into();
    a.update_person(&ids[0], f, now + Duration::seconds(5)).unwrap();
    let mut f = b.person(&ids[1]).unwrap().fields();
    f.company = "Edited on the laptop".into();
    b.update_person(&ids[1], f, now + Duration::seconds(6)).unwrap();
    let mut random = |x: &mut [u8]| {
        x.iter_mut().for_each(|v| *v = 5);
        Ok(())
    };
    let started = std::time::Instant::now();
    let mut sent = 0;
    let (da, db) = (pair::digests(&a), pair::digests(&b));
    sent += pair::seal(&pair::digests_message(&a), key, &mut random).unwrap().len() * 2;
    let differ = pair::differing(&da, &db);
    let (pa, pb) = (pair::person_digests(&a, &differ), pair::person_digests(&b, &differ));
    sent += pair::seal(&pair::people_message(&pa), key, &mut random).unwrap().len();
    sent += pair::seal(&pair::people_message(&pb), key, &mut random).unwrap().len();
    let other = differ.contains(&pair::OTHER);
    let ra = pair::records(&a, &pair::to_send(&pa, &pb), other, now);
    let rb = pair::records(&b, &pair::to_send(&pb, &pa), other, now);
    sent += pair::seal(&Message::Records { backup: Box::new(ra) }, key, &mut random).unwrap().len();
    sent += pair::seal(&Message::Records { backup: Box::new(rb) }, key, &mut random).unwrap().len();
    (sent, started.elapsed().as_secs_f64() * 1000.0)
}

//! Fault injection over the storage engine, in the style of SQLite's crash and I/O-error
//! tests. For every operation, a clean run counts its writes W; then for every k in 1..=W:
//! - **crash after write k** (later writes never land): the store reopens, holds the network
//!   from before or from after the operation, never a mix, and a second reopen finds nothing
//!   left to repair;
//! - **full at write k** (write k refused): the operation reports an error and the store is
//!   byte for byte as before (the lock's passphrase change and turning it off are resumable
//!   instead: they open with the same network and finish at the next start).
//! Each operation prints its case count on stderr, with the run's total so far (the last
//! line printed holds the whole count).

use chrono::{NaiveDate, TimeZone, Utc};
use rapport_core::lock::NoRandomness;
use rapport_core::store::{self, Engine, MemoryKv, Opened, RawStore};
use rapport_core::synthetic::{self, Scale};
use rapport_core::*;
use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

static CASES: AtomicUsize = AtomicUsize::new(0);

const KEY_A: [u8; 32] = [7; 32];
const KEY_B: [u8; 32] = [9; 32];

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn counter() -> impl FnMut(&mut [u8]) -> Result<(), NoRandomness> {
    let mut n: u32 = 0;
    move |bytes: &mut [u8]| {
        for b in bytes {
            n = n.wrapping_add(1);
            *b = (n % 251) as u8;
        }
        Ok(())
    }
}

fn fixture(name: &str) -> RawStore {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn small_network() -> Network {
    let scale =
        Scale { people: 60, interactions: 200, companies: 12, years: 2, interviews: 4, drafts: 3, noted_in_ten: 10 };
    synthetic::synthetic_network(scale, today(), now())
}

/// Opens a store, unlocking with the first key that fits. `None`: it did not open.
fn reopen(map: RawStore, keys: &[[u8; 32]]) -> Option<(Engine<MemoryKv>, Network)> {
    let mut engine = Engine::new(MemoryKv::from_map(map));
    let mut random = counter();
    let mut opened = engine.open(&mut random);
    if let Opened::Locked(header) = &opened {
        let header = header.clone();
        keys.iter().find(|k| engine.unlock(&header, k).is_ok())?;
        opened = engine.open(&mut random);
    }
    match opened {
        Opened::Ready(decoded) => Some((engine, decoded.network)),
        Opened::Locked(_) => None,
        Opened::Damaged { error, .. } => panic!("the store must open: {error}"),
    }
}

/// How full-at-k must leave the store.
#[derive(Clone, Copy, PartialEq)]
enum OnFull {
    /// Byte for byte as before.
    Unchanged,
    /// The same network when reopened; the change finishes at the next start.
    Resumable,
}

/// Runs the matrix for one operation. `prepare` opens the engine as the app would before
/// the operation; `op` is the operation; an operation that is itself the opening (an
/// upgrade) has a `prepare` that does nothing and reports failure by `halted`.
fn matrix(
    name: &str,
    initial: &RawStore,
    keys: &[[u8; 32]],
    on_full: OnFull,
    prepare: &dyn Fn(&mut Engine<MemoryKv>),
    op: &dyn Fn(&mut Engine<MemoryKv>) -> Result<(), String>,
) -> usize {
    let before_network = reopen(initial.clone(), keys).map(|(_, n)| n).expect("opens before");
    let fresh = || {
        let mut engine = Engine::new(MemoryKv::from_map(initial.clone()));
        prepare(&mut engine);
        engine
    };
    // The clean run.
    let mut clean = fresh();
    let start = clean.kv().writes();
    op(&mut clean).unwrap_or_else(|e| panic!("{name}: the clean run failed: {e}"));
    let writes = clean.kv().writes() - start;
    assert!(writes > 0, "{name}: the operation wrote nothing");
    let after_network = reopen(clean.into_kv().into_map(), keys).map(|(_, n)| n).expect("opens after");
    let mut cases = 0;
    for k in 1..=writes {
        // Crash after write k.
        let mut engine = fresh();
        engine.kv_mut().inject(None, Some(k));
        let _ = op(&mut engine);
        let map = engine.into_kv().into_map();
        let (repaired, network) =
            reopen(map, keys).unwrap_or_else(|| panic!("{name}: crash after {k}: no key opens it"));
        assert!(
            network == before_network || network == after_network,
            "{name}: crash after write {k} of {writes} left a half-applied change"
        );
        let map = repaired.into_kv().into_map();
        assert!(!map.contains_key(store::JOURNAL_KEY), "{name}: crash after {k}: journal left after repair");
        let (_, again) = reopen(map, keys).unwrap();
        assert_eq!(again, network, "{name}: crash after {k}: a second open changes nothing");
        cases += 1;

        // Full at write k.
        let mut engine = fresh();
        let stored_before = engine.kv().map().clone();
        engine.kv_mut().inject(Some(k), None);
        let result = op(&mut engine);
        let refused = engine.kv().refused() > 0;
        let halted = engine.halted().is_some();
        let map = engine.into_kv().into_map();
        if refused {
            assert!(result.is_err() || halted, "{name}: full at write {k}: the failure must be reported");
            match on_full {
                OnFull::Unchanged => {
                    assert_eq!(map, stored_before, "{name}: full at write {k} of {writes}: the store changed")
                }
                OnFull::Resumable => {
                    let (_, network) =
                        reopen(map, keys).unwrap_or_else(|| panic!("{name}: full at {k}: no key opens it"));
                    assert_eq!(network, before_network, "{name}: full at write {k}");
                }
            }
        } else {
            // Write k was a removal, which never fails for want of room.
            let (_, network) = reopen(map, keys).unwrap();
            assert!(network == before_network || network == after_network, "{name}: write {k}");
        }
        cases += 1;
    }
    cases
}

fn ready(engine: &mut Engine<MemoryKv>) -> Network {
    match engine.open(&mut counter()) {
        Opened::Ready(decoded) => decoded.network,
        _ => panic!("the store must open"),
    }
}

fn count(name: &str, cases: usize) {
    let total = CASES.fetch_add(cases, Ordering::Relaxed) + cases;
    // The tests run in parallel: the line printed last holds the whole run's count.
    let _ = writeln!(std::io::stderr(), "store faults: {name}: {cases} cases ({total} in this run so far)");
}

/// Saves the change `edit` makes to the opened network.
fn save_change(engine: &mut Engine<MemoryKv>, edit: &dyn Fn(&mut Network) -> Touched) -> Result<(), String> {
    let mut network = ready_or_current(engine);
    let touched = edit(&mut network);
    engine.save(&mut network, &touched, now(), &mut counter()).map(|_| ()).map_err(|e| e.message)
}

/// The network as stored (the engine was opened in `prepare`).
fn ready_or_current(engine: &Engine<MemoryKv>) -> Network {
    store::decode(&engine.read_all()).map(|d| d.network).unwrap_or_default()
}

#[test]
fn an_edit() {
    let initial = store::encode_all(&small_network());
    let cases = matrix("an edit", &initial, &[], OnFull::Unchanged, &|e| drop(ready(e)), &|e| {
        save_change(e, &|n| {
            let id = n.live_people().next().unwrap().id;
            let mut f = n.person(&id).unwrap().fields();
            f.notes = "Met again at the conference.".into();
            n.update_person(&id, f, now()).unwrap()
        })
    });
    count("an edit", cases);
}

#[test]
fn a_5000_row_import() {
    let initial = store::encode_all(&small_network());
    let big = synthetic::synthetic_network(synthetic::REAL_NETWORK, today(), now());
    let csv = synthetic::linkedin_connections_csv(&big);
    // The import itself is computed once; each case stores it (merge, encode, write).
    let mut imported = store::decode(&initial).unwrap().network;
    let parsed = import::linkedin::parse_connections(&csv).unwrap();
    let preview = import::preview(&imported, parsed);
    assert!(preview.new.len() >= 3900, "{} new", preview.new.len());
    let mut i = 0u32;
    let mut next = || {
        i += 1;
        Id::parse(&format!("I{i:011}")).unwrap()
    };
    let kind = import::batch::BatchKind::LinkedinConnections;
    let (touched, _) = import::apply(&mut imported, &preview, true, &mut next, now(), kind, "Connections.csv").unwrap();
    let cases = matrix("a 5,000-row import", &initial, &[], OnFull::Unchanged, &|e| drop(ready(e)), &|e| {
        let mut network = imported.clone();
        e.save(&mut network, &touched, now(), &mut counter()).map(|_| ()).map_err(|e| e.message)
    });
    count("a 5,000-row import", cases);
}

#[test]
fn a_restore_by_merge_and_by_replace() {
    let initial = store::encode_all(&small_network());
    let mut other = Network::default();
    let fields =
        PersonInput { name: "Restored Person".into(), ..PersonInput::default() }.validate(|_| false, None).unwrap();
    other.add_person(Id::parse("RRRRRRRRRRRR").unwrap(), fields, Source::Manual, now()).unwrap();
    let backup = backup::backup(&other, now());
    for (name, merge) in [("a restore by merge", true), ("a restore by replace", false)] {
        let cases = matrix(name, &initial, &[], OnFull::Unchanged, &|e| drop(ready(e)), &|e| {
            save_change(e, &|n| backup::restore(n, &backup, merge))
        });
        count(name, cases);
    }
}

/// A sync: another device's file (its copy edited one person, deleted another and added a
/// third) read and merged, then stored like any change: never half-merged.
#[test]
fn a_sync_merge() {
    let base = small_network();
    let initial = store::encode_all(&base);
    let mut laptop = base.clone();
    let ids: Vec<Id> = laptop.live_people().map(|p| p.id).take(2).collect();
    let later = now() + chrono::Duration::minutes(5);
    let mut fields = laptop.person(&ids[0]).unwrap().fields();
    fields.notes = "Changed on the laptop".into();
    laptop.update_person(&ids[0], fields, later).unwrap();
    laptop.delete_person(&ids[1], later).unwrap();
    let fields =
        PersonInput { name: "Added On Laptop".into(), ..PersonInput::default() }.validate(|_| false, None).unwrap();
    laptop.add_person(Id::parse("LLLLLLLLLLLL").unwrap(), fields, Source::Manual, later).unwrap();
    let file = sync::seal(&laptop, "laptop", "Laptop", later, &KEY_A, &[2; 16], &mut counter()).unwrap();
    let store = sync::SyncFile::parse(&file).unwrap().open(&KEY_A).unwrap();
    let cases = matrix("a sync merge", &initial, &[], OnFull::Unchanged, &|e| drop(ready(e)), &|e| {
        save_change(e, &|n| {
            let report = sync::merge(n, &store);
            assert_eq!((report.people.added, report.people.updated, report.people.deleted), (1, 1, 1));
            report.touched
        })
    });
    count("a sync merge", cases);
}

#[test]
fn the_lock_on_change_and_off() {
    let initial = store::encode_all(&small_network());
    let on = matrix("lock on", &initial, &[KEY_A], OnFull::Unchanged, &|e| drop(ready(e)), &|e| {
        e.lock_on(&KEY_A, &[1; 16], &mut counter())
    });
    count("lock on", on);
    let locked = {
        let mut engine = Engine::new(MemoryKv::from_map(initial.clone()));
        ready(&mut engine);
        engine.lock_on(&KEY_A, &[1; 16], &mut counter()).unwrap();
        engine.into_kv().into_map()
    };
    let unlock = |e: &mut Engine<MemoryKv>| {
        let Opened::Locked(header) = e.open(&mut counter()) else { panic!("locked") };
        e.unlock(&header, &KEY_A).unwrap();
        ready(e);
    };
    let change = matrix("passphrase change", &locked, &[KEY_B, KEY_A], OnFull::Resumable, &unlock, &|e| {
        e.change_passphrase(&KEY_B, &[2; 16], &mut counter())
    });
    count("passphrase change", change);
    let off = matrix("lock off", &locked, &[KEY_A], OnFull::Resumable, &unlock, &|e| e.lock_off(&mut counter()));
    count("lock off", off);
}

#[test]
fn the_upgrades_from_schemas_1_and_2() {
    for name in ["store-v1.json", "store-v2.json"] {
        let initial = fixture(name);
        let cases = matrix(name, &initial, &[], OnFull::Unchanged, &|_| {}, &|e| match e.open(&mut counter()) {
            Opened::Ready(_) if e.halted().is_none() => Ok(()),
            Opened::Ready(_) => Err(e.halted().unwrap_or_default().to_string()),
            _ => Err("did not open".into()),
        });
        count(&format!("the upgrade from {name}"), cases);
    }
}

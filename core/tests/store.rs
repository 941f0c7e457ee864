//! The stored layout: fixture documents of every schema, round trips, decode failures, the journal.
mod common;
use common::{log, now, person_named, Ids};
use rapport_core::store::{self, KeyValue, RawStore, Write};
use rapport_core::*;

fn fixture(name: &str) -> RawStore {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn apply(raw: &mut RawStore, writes: Vec<Write>) {
    for w in writes {
        match w.value {
            Some(v) => raw.insert(w.key, v),
            None => raw.remove(&w.key),
        };
    }
}

/// The stored form of a decoded store's upgrade, as the app stores it: each write on its
/// own (packed), the meta key last, then the retired keys removed.
fn upgraded(raw: &RawStore) -> RawStore {
    let decoded = store::decode(raw).unwrap();
    if !decoded.upgrade.is_empty() {
        assert_eq!(decoded.upgrade.last().map(|w| w.key.as_str()), Some("rapport.meta"), "meta goes last");
    }
    let mut out = raw.clone();
    for w in decoded.upgrade.into_iter().chain(decoded.retire) {
        let value = w.value.map(|v| store::stored_form(&w.key, &v));
        apply(&mut out, vec![Write { key: w.key, value }]);
    }
    out
}

fn size(raw: &RawStore) -> usize {
    raw.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum()
}

#[test]
fn schema_3_fixture_is_schema_1_upgraded() {
    let v1 = fixture("store-v1.json");
    let v3 = upgraded(&v1);
    let path = format!("{}/tests/fixtures/store-v3.json", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&v3).unwrap()).unwrap();
    }
    let stored = fixture("store-v3.json");
    assert_eq!(stored, v3, "the shipped schema 3 fixture is schema 1 upgraded");
    assert_eq!(stored["rapport.meta"], "{\"schema\":3}");
    assert!(stored.iter().all(|(k, v)| k == "rapport.meta" || store::pack::is_packed(v)));
    assert!(!stored.keys().any(|k| k.starts_with("rapport.p.") || k.starts_with("rapport.ix.")), "old keys retired");
    let decoded = store::decode(&stored).unwrap();
    assert_eq!(decoded.stored_schema, Some(3));
    assert!(decoded.upgrade.is_empty() && decoded.retire.is_empty(), "schema 3 is current: nothing to rewrite");
    assert_eq!(decoded.network, store::decode(&v1).unwrap().network, "every record survives");
    assert!(size(&stored) < size(&v1), "packed is smaller: {} against {}", size(&stored), size(&v1));
}

/// Stores written before the deflate level went from 6 to 3 (`store::pack`): the schema 3
/// fixture as it was then. It opens to the same network, and as schema 3 it is current, so
/// opening it rewrites nothing.
#[test]
fn schema_3_stored_at_the_old_deflate_level_opens_as_it_is() {
    let old = fixture("store-v3-deflate6.json");
    let now = fixture("store-v3.json");
    assert_ne!(old, now, "the two levels store different bytes");
    assert_eq!(old.keys().collect::<Vec<_>>(), now.keys().collect::<Vec<_>>());
    for (key, value) in &old {
        let unpacked = |v: &str| store::pack::unpack(v).unwrap().into_owned();
        assert_eq!(unpacked(value), unpacked(&now[key]), "{key} holds the same text");
    }
    let decoded = store::decode(&old).unwrap();
    assert_eq!(decoded.stored_schema, Some(3));
    assert!(decoded.upgrade.is_empty() && decoded.retire.is_empty());
    assert_eq!(decoded.network, store::decode(&now).unwrap().network);
}

#[test]
fn schema_2_fixture_upgrades_to_the_same_schema_3() {
    let v2 = fixture("store-v2.json");
    assert_eq!(v2["rapport.meta"], "{\"schema\":2}");
    let decoded = store::decode(&v2).unwrap();
    assert_eq!(decoded.stored_schema, Some(2));
    assert_eq!(decoded.network, store::decode(&fixture("store-v1.json")).unwrap().network);
    assert_eq!(upgraded(&v2), fixture("store-v3.json"));
}

#[test]
fn an_upgrade_never_writes_a_key_the_old_schema_reads() {
    // So an upgrade cut short leaves the old schema exactly as it was, as far as it can see.
    for name in ["store-v1.json", "store-v2.json"] {
        let old = fixture(name);
        let decoded = store::decode(&old).unwrap();
        for w in &decoded.upgrade {
            let old_kind = w.key.starts_with("rapport.p.") || w.key.starts_with("rapport.ix.");
            assert!(!old_kind, "{name}: {} is read by schema 2", w.key);
        }
        assert!(decoded.retire.iter().all(|w| w.value.is_none()));
    }
}

#[test]
fn an_upgrade_cut_short_at_any_point_still_reads() {
    let v2 = fixture("store-v2.json");
    let network = store::decode(&v2).unwrap().network;
    let decoded = store::decode(&v2).unwrap();
    let writes: Vec<Write> = decoded.upgrade.into_iter().chain(decoded.retire).collect();
    for cut in 0..=writes.len() {
        let mut raw = v2.clone();
        for w in writes.iter().take(cut).cloned() {
            let value = w.value.map(|v| store::stored_form(&w.key, &v));
            apply(&mut raw, vec![Write { key: w.key, value }]);
        }
        let again = store::decode(&raw).unwrap();
        assert_eq!(again.network, network, "cut after {cut} writes");
        assert_eq!(upgraded(&raw), fixture("store-v3.json"), "cut after {cut} writes, then finished");
    }
}

#[test]
fn schema_1_fixture_decodes() {
    let decoded = store::decode(&fixture("store-v1.json")).unwrap();
    assert_eq!(decoded.stored_schema, Some(1));
    let keys: Vec<&str> = decoded.upgrade.iter().map(|w| w.key.as_str()).collect();
    assert_eq!(keys.len(), 7, "profile, people in three buckets, interactions in two, meta: {keys:?}");
    assert_eq!(decoded.retire.len(), 5, "three people and two lists of interactions had a key each");
    let net = decoded.network;
    assert_eq!(net.profile.name, "Sam Rivera");
    assert_eq!(net.profile.seniority, Some(Seniority::Mid));
    let names: Vec<&str> = net.live_people().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Ada Okafor", "José Ferreira"]);
    let ada = Id::parse("AAAAAAAAAAAA").unwrap();
    assert_eq!(net.person(&ada).unwrap().notes, "Café regular — likes oat milk.");
    assert_eq!(net.interactions_of(&ada).len(), 2);
    assert!(!net.interactions_of(&ada)[1].is_genuine(), "unanswered outreach");
    assert!(net.id_in_use(&Id::parse("CCCCCCCCCCCC").unwrap()), "tombstone kept");
    assert!(net.id_in_use(&Id::parse("IIIIIIIIIII4").unwrap()));
}

#[test]
fn buckets_are_stable() {
    // The bucket of an id is part of the stored format: these must never change.
    let bucket = |id: &str| store::bucket_of(&Id::parse(id).unwrap());
    assert_eq!(store::people_key(bucket("AAAAAAAAAAAA")), format!("rapport.people.{:02x}", bucket("AAAAAAAAAAAA")));
    assert_eq!([bucket("AAAAAAAAAAAA"), bucket("BBBBBBBBBBBB"), bucket("CCCCCCCCCCCC")], [0xa1, 0xc5, 0xc1]);
    let mut ids = Ids::new();
    let spread: std::collections::BTreeSet<u8> = (0..2000).map(|_| store::bucket_of(&ids.next())).collect();
    assert!(spread.len() > 240, "2,000 ids fill nearly every bucket: {}", spread.len());
}

#[test]
fn one_edit_writes_one_bucket() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let people: Vec<Id> = (0..600).map(|i| person_named(&mut net, &mut ids, &format!("Person {i}"))).collect();
    let p = &people[7];
    let mut f = net.person(p).unwrap().fields();
    f.notes = "changed".into();
    let touched = net.update_person(p, f, now()).unwrap();
    let writes = store::encode(&net, &touched);
    assert_eq!(writes.len(), 1);
    assert_eq!(writes[0].key, store::people_key(store::bucket_of(p)));
    let slots = store::decode_people_bucket(writes[0].value.as_deref().unwrap(), store::bucket_of(p)).unwrap();
    assert!(slots.len() < 10, "600 people over 256 buckets: {}", slots.len());
}

#[test]
fn every_record_round_trips_through_its_key() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Zoë Ngata 🌿");
    log(&mut net, &mut ids, &p, "2026-11-01", |d| d.notes = "Line one\nline “two”".into());
    net.settings.metrics.goal = 25;
    net.settings.metrics.layer_thresholds = [90, 70, 50, 30];
    let q = person_named(&mut net, &mut ids, "Gone Soon");
    log(&mut net, &mut ids, &q, "2026-11-02", |_| {});
    net.delete_person(&q, now()).unwrap();
    let mut record = rapport_core::import::batch::ImportBatch::new(
        ids.next(),
        rapport_core::import::batch::BatchKind::Vcard,
        "contacts.vcf",
        now(),
    );
    record.added.push(q);
    rapport_core::import::batch::record(&mut net, record);
    let everything = Touched::everything(&net);
    let mut raw = RawStore::new();
    apply(&mut raw, vec![store::meta_write()]);
    apply(&mut raw, store::encode(&net, &everything));
    assert_eq!(store::decode(&raw).unwrap().network, net);
}

/// Each damaged store must fail to decode, naming the key and the problem.
fn check_damaged(edit: impl FnOnce(&mut RawStore), key: &str, fragment: &str) {
    let mut raw = fixture("store-v1.json");
    edit(&mut raw);
    let err = store::decode(&raw).expect_err("damaged data must not decode");
    assert_eq!(err.key, key, "{err}");
    assert!(err.to_string().contains(fragment), "“{err}” lacks “{fragment}”");
}

#[test]
fn damaged_data_is_reported_not_replaced() {
    let ada = "rapport.p.AAAAAAAAAAAA";
    check_damaged(|r| drop(r.insert(ada.into(), "{not json".into())), ada, "not valid JSON");
    // A record that moved as it was into its bucket fails there, named by the bucket.
    let bucket = store::people_key(store::bucket_of(&Id::parse("AAAAAAAAAAAA").unwrap()));
    check_damaged(|r| drop(r.insert(ada.into(), "{\"id\":\"AAAAAAAAAAAA\"}".into())), &bucket, "missing field");
    check_damaged(
        |r| drop(r.insert(ada.into(), r["rapport.p.BBBBBBBBBBBB"].clone())),
        ada,
        "holds the record BBBBBBBBBBBB",
    );
    check_damaged(
        |r| drop(r.insert("rapport.ix.BBBBBBBBBBBB".into(), r["rapport.ix.AAAAAAAAAAAA"].clone())),
        "rapport.ix.BBBBBBBBBBBB",
        "another person",
    );
    check_damaged(|r| drop(r.insert("rapport.meta".into(), "{\"schema\":4}".into())), "rapport.meta", "newer version");
    check_damaged(|r| drop(r.insert(ada.into(), "#garbage".into())), ada, "packed text is damaged");
    check_damaged(|r| drop(r.insert("rapport.meta".into(), "{}".into())), "rapport.meta", "no version");
    check_damaged(|r| drop(r.remove("rapport.meta")), "rapport.meta", "missing");
    check_damaged(|r| drop(r.insert("rapport.profile".into(), "[]".into())), "rapport.profile", "profile");
}

#[test]
fn the_mark_of_a_replacement_is_a_meta_record_every_version_reads() {
    let mark = store::replaced_meta_write(now()).value.unwrap();
    assert!(store::meta_says_replaced(&mark));
    assert!(!store::meta_says_replaced(&store::meta_write().value.unwrap()));
    let mut raw = fixture("store-v3.json");
    let network = store::decode(&raw).unwrap().network;
    raw.insert("rapport.meta".into(), mark);
    let decoded = store::decode(&raw).unwrap();
    assert_eq!((decoded.stored_schema, decoded.network), (Some(3), network));
}

#[test]
fn a_stored_bucket_merges_record_by_record() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let a = person_named(&mut net, &mut ids, "Ana Lima");
    let b = store::bucket_of(&a);
    let kind = store::KeyKind::People(b);
    let stored = |net: &Network| store::encode(net, &Touched::person(&a)).remove(0).value.unwrap();
    // Elsewhere, a later edit of Ana and a new person in the same bucket.
    let mut elsewhere = net.clone();
    let mut f = elsewhere.person(&a).unwrap().fields();
    f.notes = "edited elsewhere".into();
    elsewhere.update_person(&a, f, now() + chrono::Duration::hours(1)).unwrap();
    let text = stored(&elsewhere);
    assert!(store::merge_bucket(&mut net, &kind, &text).unwrap().changed);
    assert_eq!(net.person(&a).unwrap().notes, "edited elsewhere", "the later change wins");
    let again = store::merge_bucket(&mut net, &kind, &text).unwrap();
    assert!(!again.changed, "nothing new the second time");
    assert!(again.newer_here.is_empty(), "and nothing here that the stored bucket lacks");
    let before = net.clone();
    assert!(store::merge_bucket(&mut net, &kind, "{\"live\":[{\"id\":1}]}").is_err());
    assert!(store::merge_bucket(&mut net, &store::KeyKind::People(b.wrapping_add(1)), &text).is_err(), "wrong bucket");
    assert_eq!(net, before, "an unreadable bucket changes nothing");
}

/// Each damaged bucket of the current schema must fail to decode, naming the key.
fn check_damaged_v3(edit: impl FnOnce(&mut RawStore, &str, &str), fragment: &str) {
    let mut raw = fixture("store-v3.json");
    let ada = Id::parse("AAAAAAAAAAAA").unwrap();
    let people = store::people_key(store::bucket_of(&ada));
    let interactions = store::interactions_key(store::bucket_of(&ada));
    edit(&mut raw, &people, &interactions);
    let err = store::decode(&raw).expect_err("damaged data must not decode");
    assert!(err.key == people || err.key == interactions || err.key.starts_with("rapport.people."), "{err}");
    assert!(err.to_string().contains(fragment), "“{err}” lacks “{fragment}”");
}

#[test]
fn damaged_buckets_are_reported_not_replaced() {
    let pack = store::pack::pack;
    check_damaged_v3(|r, p, _| drop(r.insert(p.into(), pack("{not json"))), "not valid JSON");
    check_damaged_v3(
        |r, p, _| drop(r.insert(p.into(), pack("{\"live\":[{\"id\":\"AAAAAAAAAAAA\"}]}"))),
        "missing field",
    );
    check_damaged_v3(|r, p, _| drop(r.insert(p.into(), "#garbage".into())), "packed text is damaged");
    check_damaged_v3(
        |r, p, _| {
            let text = store::pack::unpack(&r[p]).unwrap().into_owned();
            let other = p.replace(&p[p.len() - 2..], "00");
            r.insert(other, pack(&text));
        },
        "belongs in another bucket",
    );
    check_damaged_v3(
        |r, p, _| {
            let text = store::pack::unpack(&r[p]).unwrap().into_owned();
            let twice = text.replacen("\"live\":[", "\"live\":[{\"id\":\"AAAAAAAAAAAA\",\"name\":\"Again\",\"source\":\"manual\",\"created\":\"2025-06-01T10:00:00Z\",\"updated\":\"2025-06-01T10:00:00Z\"},", 1);
            r.insert(p.into(), pack(&twice));
        },
        "twice",
    );
    check_damaged_v3(
        |r, _, ix| {
            let text = store::pack::unpack(&r[ix]).unwrap().into_owned();
            r.insert(ix.into(), pack(&text.replace("\"person\":\"AAAAAAAAAAAA\"", "\"person\":\"BBBBBBBBBBBB\"")));
        },
        "another person",
    );
}

#[test]
fn unknown_keys_are_left_alone() {
    let mut raw = fixture("store-v1.json");
    raw.insert("rapport.something-new".into(), "whatever".into());
    assert!(store::decode(&raw).is_ok());
}

#[test]
fn journal_rolls_back_every_key_it_names() {
    let before = fixture("store-v1.json");
    let mut raw = before.clone();
    let touched = ["rapport.p.AAAAAAAAAAAA", "rapport.p.NEWNEWNEWNEW"];
    let journal = store::journal_text(touched.iter().map(|k| (k.to_string(), raw.get(*k).cloned())).collect());
    raw.insert(store::JOURNAL_KEY.into(), journal.clone());
    // The change got half way: one key written, then the tab died.
    raw.insert("rapport.p.AAAAAAAAAAAA".into(), "{\"half\":true}".into());
    raw.insert("rapport.p.NEWNEWNEWNEW".into(), "{}".into());
    apply(&mut raw, store::rollback(&journal).unwrap());
    assert_eq!(raw, before);
    assert!(store::rollback("{broken").is_err());
}

#[test]
fn keys_are_classified() {
    use store::KeyKind;
    let id = Id::parse("AAAAAAAAAAAA").unwrap();
    assert_eq!(store::classify("rapport.meta"), KeyKind::Meta);
    assert_eq!(store::classify("rapport.people.0f"), KeyKind::People(15));
    assert_eq!(store::classify("rapport.interactions.ff"), KeyKind::Interactions(255));
    assert_eq!(store::classify("rapport.people.FF"), KeyKind::Unknown, "lower-case hex only");
    assert_eq!(store::classify("rapport.people.100"), KeyKind::Unknown);
    assert_eq!(store::classify("rapport.p.AAAAAAAAAAAA"), KeyKind::OldPerson(id));
    assert_eq!(store::classify("rapport.ix.AAAAAAAAAAAA"), KeyKind::OldShard(id));
    assert_eq!(store::classify("rapport.p.has spaces"), KeyKind::Unknown);
}

#[test]
fn backup_carries_schema_and_time() {
    let net = store::decode(&fixture("store-v1.json")).unwrap().network;
    let json: serde_json::Value = serde_json::from_str(&backup::export_json(&net, now())).unwrap();
    assert_eq!(json["format"], "rapport-backup");
    assert_eq!(json["schema"], 2);
    assert_eq!(json["exported"], "2026-11-25T12:00:00Z");
    assert_eq!(json["people"].as_array().unwrap().len(), 2);
    assert_eq!(json["interactions"].as_array().unwrap().len(), 2);
    assert_eq!(json["tombstones"].as_array().unwrap().len(), 3);
    assert_eq!(json["tombstones"][0]["kind"], "person");
}

/// The sample network with its first person deleted (so a tombstone is among the records).
fn sample_with_a_deletion() -> (Network, Id) {
    let mut net = Network::default();
    let mut ids = Ids::new();
    sample::add_sample(&mut net, common::day("2026-11-25"), now(), &mut || ids.next()).unwrap();
    let gone = net.live_people().next().unwrap().id;
    net.delete_person(&gone, now()).unwrap();
    (net, gone)
}

#[test]
fn backup_restores_exactly_and_merges_by_newest() {
    let (net, gone) = sample_with_a_deletion();
    let text = backup::export_json(&net, now());
    let parsed = backup::parse_backup(&text).unwrap();
    let mut restored = Network::default();
    let touched = backup::restore(&mut restored, &parsed, false);
    assert_eq!(restored, net, "export then import gives identical data, tombstones included");
    assert!(touched.replaced, "a replacement is written as it is, never merged with what is stored");

    // Merge: the newer edit of a person wins, a person only here stays.
    let mut mine = net.clone();
    let someone = mine.live_people().next().unwrap().id;
    let mut f = mine.person(&someone).unwrap().fields();
    f.notes = "edited later".into();
    mine.update_person(&someone, f, now() + chrono::Duration::hours(1)).unwrap();
    let extra = person_named(&mut mine, &mut Ids::new_from(50_000), "Only Here");
    assert!(!backup::restore(&mut mine, &parsed, true).replaced);
    assert_eq!(mine.person(&someone).unwrap().notes, "edited later");
    assert!(mine.person(&extra).is_some());
    assert!(mine.person(&gone).is_none());
}

#[test]
fn the_export_writes_exactly_the_backup() {
    let (net, _) = sample_with_a_deletion();
    let text = backup::export_json(&net, now());
    assert_eq!(text, serde_json::to_string(&backup::backup(&net, now())).unwrap());
    assert!(text.contains("\"tombstones\":[{"));
}

#[test]
fn backups_that_cannot_be_restored_are_refused() {
    fn check(text: &str, fragment: &str) {
        let err = backup::parse_backup(text).unwrap_err();
        assert!(err.contains(fragment), "{err}");
    }
    check("not json", "not valid JSON");
    check("{\"people\":[]}", "isn't a Rapport backup");
    check("{\"format\":\"rapport-backup\",\"schema\":3,\"exported\":\"2026-11-25T12:00:00Z\"}", "newer version");
    check("{\"format\":\"rapport-backup\",\"schema\":1,\"exported\":\"2026-11-25T12:00:00Z\",\"people\":[{\"id\":\"x\"}]}", "damaged");
}

/// Random bytes for the engine (nothing is sealed here: the lock is off).
fn rng() -> impl FnMut(&mut [u8]) -> Result<(), lock::NoRandomness> {
    |bytes: &mut [u8]| {
        bytes.fill(1);
        Ok(())
    }
}

/// Opens `raw` as a tab would: the engine and its network.
fn open_engine(raw: RawStore) -> (store::Engine<store::MemoryKv>, Network) {
    let mut engine = store::Engine::new(store::MemoryKv::from_map(raw));
    let store::Opened::Ready(decoded) = engine.open(&mut rng()) else { panic!("opens") };
    (engine, decoded.network)
}

/// A person added in `bucket`, and what the change touched.
fn add_in_bucket(net: &mut Network, ids: &mut Ids, bucket: u8, name: &str) -> (Id, Touched) {
    let id = std::iter::repeat_with(|| ids.next()).find(|id| store::bucket_of(id) == bucket).unwrap();
    let fields = PersonInput { name: name.into(), ..PersonInput::default() }.validate(|_| false, None).unwrap();
    let touched = net.add_person(id, fields, Source::Manual, now()).unwrap();
    (id, touched)
}

fn names_in_bucket(engine: &store::Engine<store::MemoryKv>, bucket: u8) -> Vec<String> {
    let text = store::pack::unpack(&engine.kv().get(&store::people_key(bucket)).unwrap()).unwrap().into_owned();
    store::decode_people_bucket(&text, bucket)
        .unwrap()
        .iter()
        .filter_map(|s| match s {
            network::PersonSlot::Live(p) => Some(p.name.clone()),
            _ => None,
        })
        .collect()
}

/// Another tab (an engine over a copy of what `engine` stores) makes `edit` and saves it; the
/// bucket's new text lands in `engine`'s storage before the browser's event about it.
fn another_tab_writes(
    engine: &mut store::Engine<store::MemoryKv>,
    bucket: u8,
    edit: impl FnOnce(&mut Network) -> Touched,
) {
    let (mut other, mut other_net) = open_engine(engine.kv().map().clone());
    let touched = edit(&mut other_net);
    other.save(&mut other_net, &touched, now(), &mut rng()).unwrap();
    let key = store::people_key(bucket);
    engine.kv_mut().set(&key, &other.kv().get(&key).unwrap()).unwrap();
}

/// A save reads back only the buckets that changed since this engine last read or wrote them:
/// the others' stored text is what the network already holds (a sync merge touches every
/// bucket, and merging each stored copy again took about half of its save).
#[test]
fn a_save_merges_only_buckets_stored_by_someone_else() {
    let (mut engine, mut net) = open_engine(fixture("store-v3.json"));
    let mut ids = Ids::new_from(700);
    let (first, touched) = add_in_bucket(&mut net, &mut ids, 7, "First");
    engine.save(&mut net, &touched, now(), &mut rng()).unwrap();
    let (_, touched) = add_in_bucket(&mut net, &mut ids, 7, "Second");
    engine.save(&mut net, &touched, now(), &mut rng()).unwrap();
    assert_eq!(engine.buckets_merged(), 0, "opened, then written by this engine: nothing to merge");

    // Another tab writes bucket 7, and this tab saves before the browser's event arrives.
    another_tab_writes(&mut engine, 7, |n| add_in_bucket(n, &mut Ids::new_from(90_000), 7, "From the other tab").1);
    let key = store::people_key(7);
    let (_, touched) = add_in_bucket(&mut net, &mut ids, 7, "Third");
    let merged = engine.save(&mut net, &touched, now(), &mut rng()).unwrap();
    assert!(merged, "the other tab's person was taken in");
    assert_eq!(engine.buckets_merged(), 1);
    let names = names_in_bucket(&engine, 7);
    for name in ["First", "Second", "Third", "From the other tab"] {
        assert!(names.contains(&name.to_string()), "{name} missing from {names:?}");
    }
    assert!(net.person(&first).is_some());

    // Its event arrives: merged, and the bucket is read again at the next save (this engine
    // no longer knows what is stored there).
    let ours = engine.kv().get(&key).unwrap();
    engine.other_tab(&mut net, Some(&key), Some(&ours));
    let (_, touched) = add_in_bucket(&mut net, &mut ids, 7, "Fourth");
    engine.save(&mut net, &touched, now(), &mut rng()).unwrap();
    assert_eq!(engine.buckets_merged(), 2);
}

/// A change that keeps the name's length (Abel to Abby) is still merged: the fingerprint is of
/// the whole stored text, not only its length.
#[test]
fn a_bucket_rewritten_to_the_same_length_is_still_merged() {
    let (mut engine, mut net) = open_engine(fixture("store-v3.json"));
    let mut ids = Ids::new_from(700);
    let (_, touched) = add_in_bucket(&mut net, &mut ids, 9, "Abel");
    engine.save(&mut net, &touched, now(), &mut rng()).unwrap();
    // Another tab renames Abel to Abby: the same length of name.
    let later = now() + chrono::Duration::seconds(5);
    another_tab_writes(&mut engine, 9, |n| {
        let abel = n.live_people().find(|p| p.name == "Abel").unwrap().clone();
        let mut fields = abel.fields();
        fields.name = "Abby".into();
        n.update_person(&abel.id, fields, later).unwrap()
    });
    let (_, touched) = add_in_bucket(&mut net, &mut ids, 9, "Cleo");
    engine.save(&mut net, &touched, later, &mut rng()).unwrap();
    let names = names_in_bucket(&engine, 9);
    assert!(names.contains(&"Abby".to_string()) && names.contains(&"Cleo".to_string()), "{names:?}");
    assert!(!names.contains(&"Abel".to_string()), "{names:?}");
}

/// `rapport.settings` as stored: `text` read, then written again, must give `expected`
/// (`Err`: a fragment of the message). The stored form is a compatibility boundary: these
/// texts are what every earlier version wrote (the groups flattened into one object).
fn check_settings(text: &str, expected: Result<&str, &str>) {
    let read: Result<Settings, _> = serde_json::from_str(text);
    match (read, expected) {
        (Ok(settings), Ok(written)) => {
            assert_eq!(serde_json::to_string(&settings).unwrap(), written, "{text}");
            let again: Settings = serde_json::from_str(written).unwrap();
            assert_eq!(again, settings, "{text}: written and read again");
        }
        (Err(e), Err(fragment)) => assert!(e.to_string().contains(fragment), "{text}: {e}"),
        (got, want) => panic!("{text}: got {got:?}, expected {want:?}"),
    }
}

#[test]
fn settings_stored_form() {
    const DEFAULTS: &str = r#"{"goal":50,"half_life_days":90,"relationship_threshold":3,"dormant_after_days":365,"layer_thresholds":[80,60,40,20],"theme":"system","backup_reminder_days":30,"lock_idle_minutes":15}"#;
    const EVERYTHING: &str = r#"{"goal":40,"half_life_days":60,"relationship_threshold":2,"dormant_after_days":200,"layer_thresholds":[90,70,50,30],"company_aliases":[{"alias":"Alphabet","into":"Google"}],"holidays":["2026-12-25","2027-01-01"],"linkedin_premium":true,"list_known_first":true,"theme":"dark","shortcuts_off":true,"backup_reminder_days":7,"lock_idle_minutes":0,"last_backup":"2026-12-01T09:30:00Z","today_hidden":{"review":"2026-12-08"},"welcomed":true,"not_duplicates":[["aaaaaaaaaaaa","bbbbbbbbbbbb"]],"updated":"2026-12-02T10:00:00Z"}"#;
    check_settings("{}", Ok(DEFAULTS));
    check_settings(DEFAULTS, Ok(DEFAULTS));
    check_settings(EVERYTHING, Ok(EVERYTHING));
    // Fields in another order, and fields this version doesn't know, read the same.
    check_settings(
        r#"{"welcomed":true,"future_field":[1,2],"goal":40}"#,
        Ok(
            r#"{"goal":40,"half_life_days":90,"relationship_threshold":3,"dormant_after_days":365,"layer_thresholds":[80,60,40,20],"theme":"system","backup_reminder_days":30,"lock_idle_minutes":15,"welcomed":true}"#,
        ),
    );
    // A group's field missing takes that field's default, not the whole group's.
    check_settings(
        r#"{"half_life_days":30,"theme":"light"}"#,
        Ok(
            r#"{"goal":50,"half_life_days":30,"relationship_threshold":3,"dormant_after_days":365,"layer_thresholds":[80,60,40,20],"theme":"light","backup_reminder_days":30,"lock_idle_minutes":15}"#,
        ),
    );
    check_settings(r#"{"goal":"fifty"}"#, Err("invalid type"));
    check_settings(r#"{"theme":"purple"}"#, Err("purple"));
    check_settings(r#"{"holidays":["2026-13-01"]}"#, Err("input is out of range"));
    check_settings("[]", Err("invalid type"));
}

//! The stored layout: fixture documents of every schema, round trips, decode failures, the journal.
mod common;
use common::{log, now, person_named, Ids};
use rapport_core::store::{self, RawStore, Write};
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

/// Schema 1 upgraded as the app stores it: each write in its stored form, meta last.
fn upgraded(raw: &RawStore) -> RawStore {
    let decoded = store::decode(raw).unwrap();
    assert!(decoded.in_place, "1 → 2 only repacks, so it may be stored key by key");
    assert_eq!(decoded.upgrade.last().map(|w| w.key.as_str()), Some("rapport.meta"), "meta goes last");
    let mut out = raw.clone();
    for w in decoded.upgrade {
        let value = w.value.map(|v| store::stored_form(&w.key, &v));
        apply(&mut out, vec![Write { key: w.key, value }]);
    }
    out
}

#[test]
fn schema_2_fixture_is_schema_1_packed() {
    let v1 = fixture("store-v1.json");
    let v2 = upgraded(&v1);
    let path = format!("{}/tests/fixtures/store-v2.json", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&v2).unwrap()).unwrap();
    }
    let stored = fixture("store-v2.json");
    assert_eq!(stored, v2, "the shipped schema 2 fixture is schema 1 upgraded");
    assert_eq!(stored["rapport.meta"], "{\"schema\":2}");
    assert!(stored.iter().all(|(k, v)| k == "rapport.meta" || store::pack::is_packed(v)));
    let decoded = store::decode(&stored).unwrap();
    assert_eq!(decoded.stored_schema, Some(2));
    assert!(decoded.upgrade.is_empty(), "schema 2 is current: nothing to rewrite");
    assert_eq!(decoded.network, store::decode(&v1).unwrap().network, "every record survives");
    let size = |r: &RawStore| r.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum::<usize>();
    assert!(size(&stored) < size(&v1), "packed is smaller: {} against {}", size(&stored), size(&v1));
}

#[test]
fn an_upgrade_cut_short_still_reads() {
    // Some keys packed, meta still at schema 1: every record reads, and the upgrade runs again.
    let v1 = fixture("store-v1.json");
    let mut mixed = v1.clone();
    let ada = "rapport.p.AAAAAAAAAAAA";
    mixed.insert(ada.into(), store::pack::pack(&v1[ada]));
    let decoded = store::decode(&mixed).unwrap();
    assert_eq!(decoded.stored_schema, Some(1));
    assert_eq!(decoded.network, store::decode(&v1).unwrap().network);
    assert!(!decoded.upgrade.is_empty());
}

#[test]
fn schema_1_fixture_decodes() {
    let decoded = store::decode(&fixture("store-v1.json")).unwrap();
    assert_eq!(decoded.stored_schema, Some(1));
    assert_eq!(decoded.upgrade.len(), 7, "schema 1 is rewritten packed: six records and the meta key");
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
fn every_record_round_trips_through_its_key() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Zoë Ngata 🌿");
    log(&mut net, &mut ids, &p, "2026-11-01", |d| d.notes = "Line one\nline “two”".into());
    net.settings.goal = 25;
    net.settings.layer_thresholds = [90, 70, 50, 30];
    let q = person_named(&mut net, &mut ids, "Gone Soon");
    log(&mut net, &mut ids, &q, "2026-11-02", |_| {});
    net.delete_person(&q, now()).unwrap();
    let mut record = rapport_core::import::batch::ImportBatch::new(
        ids.next(),
        rapport_core::import::batch::BatchKind::Vcard,
        "contacts.vcf",
        now(),
    );
    record.added.push(q.clone());
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
    check_damaged(|r| drop(r.insert(ada.into(), "{\"id\":\"AAAAAAAAAAAA\"}".into())), ada, "missing field");
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
    check_damaged(|r| drop(r.insert("rapport.meta".into(), "{\"schema\":3}".into())), "rapport.meta", "newer version");
    check_damaged(|r| drop(r.insert(ada.into(), "#garbage".into())), ada, "packed text is damaged");
    check_damaged(|r| drop(r.insert("rapport.meta".into(), "{}".into())), "rapport.meta", "no version");
    check_damaged(|r| drop(r.remove("rapport.meta")), "rapport.meta", "missing");
    check_damaged(|r| drop(r.insert("rapport.profile".into(), "[]".into())), "rapport.profile", "profile");
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
    assert_eq!(store::classify("rapport.p.AAAAAAAAAAAA"), KeyKind::Person(id.clone()));
    assert_eq!(store::classify("rapport.ix.AAAAAAAAAAAA"), KeyKind::Shard(id));
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

#[test]
fn backup_restores_exactly_and_merges_by_newest() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    sample::add_sample(&mut net, common::day("2026-11-25"), now(), &mut || ids.next()).unwrap();
    let gone = net.live_people().next().unwrap().id.clone();
    net.delete_person(&gone, now()).unwrap();
    let text = backup::export_json(&net, now());
    let parsed = backup::parse_backup(&text).unwrap();
    let mut restored = Network::default();
    backup::restore(&mut restored, &parsed, false);
    assert_eq!(restored, net, "export then import gives identical data, tombstones included");

    // Merge: the newer edit of a person wins, a person only here stays.
    let mut mine = net.clone();
    let someone = mine.live_people().next().unwrap().id.clone();
    let mut f = mine.person(&someone).unwrap().fields();
    f.notes = "edited later".into();
    mine.update_person(&someone, f, now() + chrono::Duration::hours(1)).unwrap();
    let extra = person_named(&mut mine, &mut Ids::new_from(50_000), "Only Here");
    backup::restore(&mut mine, &parsed, true);
    assert_eq!(mine.person(&someone).unwrap().notes, "edited later");
    assert!(mine.person(&extra).is_some());
    assert!(mine.person(&gone).is_none());
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

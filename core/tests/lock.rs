//! The passphrase lock and encrypted backups: sealing, opening, tampering, and changes
//! that stop half way.

use rapport_core::lock::{self, EncryptedBackup, Header, LockError, State};
use rapport_core::store::{self, RawStore, Write};

/// Deterministic "random" bytes for tests: a counter.
fn counter() -> impl FnMut(&mut [u8]) -> Result<(), lock::NoRandomness> {
    let mut n: u8 = 0;
    move |bytes: &mut [u8]| {
        for b in bytes {
            n = n.wrapping_add(1);
            *b = n;
        }
        Ok(())
    }
}

const KEY_A: [u8; 32] = [7; 32];
const KEY_B: [u8; 32] = [9; 32];
const SALT: [u8; 16] = [1; 16];

fn plain_store() -> RawStore {
    RawStore::from([
        ("rapport.meta".to_string(), r#"{"schema":1}"#.to_string()),
        ("rapport.profile".to_string(), r#"{"name":"Ada Okafor","email":"ada@example.com"}"#.to_string()),
        (
            "rapport.p.abc".to_string(),
            r#"{"id":"abc","name":"José Núñez","company":"Globex","notes":"Met at PyCon"}"#.to_string(),
        ),
        ("rapport.journal".to_string(), r#"{"before":{}}"#.to_string()),
    ])
}

fn apply(raw: &mut RawStore, w: Write) {
    match w.value {
        Some(v) => raw.insert(w.key, v),
        None => raw.remove(&w.key),
    };
}

/// Turns the lock on over `raw`, stepping through every key; returns the header text.
fn lock_store(raw: &mut RawStore, key: &[u8; 32]) -> (Header, lock::Unlocked) {
    let mut random = counter();
    let (header, unlocked) = lock::begin_lock(key, &SALT, lock::ITERATIONS, &mut random).unwrap();
    for (k, v) in raw.clone() {
        if let Some(w) = unlocked.step(State::Encrypting, &k, &v, &mut random).unwrap() {
            apply(raw, w);
        }
    }
    let done = unlocked.header(State::Locked, &mut random).unwrap();
    assert_eq!(Header::parse(&done.to_text()).unwrap(), done);
    let _ = header;
    (done, unlocked)
}

fn check_no_plaintext(raw: &RawStore, words: &[&str]) {
    for (k, v) in raw {
        for w in words {
            assert!(!v.contains(w), "{k} still contains {w:?}: {v}");
        }
    }
}

#[test]
fn locked_store_has_no_plaintext_and_opens_with_the_key() {
    let mut raw = plain_store();
    let (header, _) = lock_store(&mut raw, &KEY_A);
    check_no_plaintext(&raw, &["Ada", "ada@example.com", "José", "Globex", "PyCon"]);
    assert_eq!(raw["rapport.meta"], r#"{"schema":1}"#, "the schema number stays readable");
    assert_eq!(raw["rapport.journal"], r#"{"before":{}}"#, "the journal holds stored values as they are");
    let unlocked = header.unlock(&KEY_A).unwrap();
    assert_eq!(unlocked.open_store(header.state, &raw).unwrap(), plain_store());
}

#[test]
fn wrong_passphrase_is_refused() {
    let mut raw = plain_store();
    let (header, _) = lock_store(&mut raw, &KEY_A);
    assert_eq!(header.unlock(&KEY_B).unwrap_err(), LockError::WrongPassphrase);
    assert!(LockError::WrongPassphrase.to_string().contains("Nothing was changed"));
}

#[test]
fn altered_header_fields_are_refused() {
    let mut raw = plain_store();
    let (header, _) = lock_store(&mut raw, &KEY_A);
    let check = |edit: &dyn Fn(&mut Header), expected: LockError| {
        let mut h = header.clone();
        edit(&mut h);
        assert_eq!(h.unlock(&KEY_A).unwrap_err(), expected);
    };
    check(&|h| h.state = State::Encrypting, LockError::HeaderAltered);
    check(&|h| h.key = 5, LockError::HeaderAltered);
    // (In the app a new salt derives another key, which reads as a wrong passphrase.)
    check(&|h| h.salt = "AgICAgICAgICAgICAgICAg==".into(), LockError::HeaderAltered);
    check(&|h| h.seal = h.verify.clone(), LockError::HeaderAltered);
    // The verify field itself is covered by the seal.
    let mut h = header.clone();
    h.verify.replace_range(0..4, "AAAA");
    assert!(h.unlock(&KEY_A).is_err());
}

#[test]
fn header_parse_refuses_weak_or_unknown_headers() {
    let mut raw = plain_store();
    let (header, _) = lock_store(&mut raw, &KEY_A);
    let check = |edit: &dyn Fn(&mut serde_json::Value), words: &str| {
        let mut v: serde_json::Value = serde_json::from_str(&header.to_text()).unwrap();
        edit(&mut v);
        let err = Header::parse(&v.to_string()).unwrap_err().to_string();
        assert!(err.contains(words), "{err}");
    };
    check(&|v| v["iterations"] = 1000.into(), "fewer than the 600000");
    check(&|v| v["kdf"] = "scrypt".into(), "is not PBKDF2-SHA256");
    check(&|v| v["v"] = 2.into(), "version 1");
    check(&|v| v["salt"] = "short".into(), "salt");
    assert!(Header::parse("not json").unwrap_err().to_string().starts_with("The lock record"));
}

#[test]
fn tampered_or_moved_values_are_refused() {
    let mut raw = plain_store();
    let (header, unlocked) = lock_store(&mut raw, &KEY_A);
    let check = |edit: &dyn Fn(&mut RawStore), expected: LockError| {
        let mut r = raw.clone();
        edit(&mut r);
        assert_eq!(unlocked.open_store(header.state, &r).unwrap_err(), expected);
    };
    // A flipped character in the body.
    check(
        &|r| {
            let v = r.get_mut("rapport.p.abc").unwrap();
            let last = v.pop().unwrap();
            v.push(if last == 'A' { 'B' } else { 'A' });
        },
        LockError::Tampered { key: "rapport.p.abc".into() },
    );
    // A value copied from another key.
    check(
        &|r| {
            let profile = r["rapport.profile"].clone();
            r.insert("rapport.p.abc".into(), profile);
        },
        LockError::Tampered { key: "rapport.p.abc".into() },
    );
    // Plain text slipped in.
    check(
        &|r| {
            r.insert("rapport.p.abc".into(), r#"{"id":"abc","name":"Mallory"}"#.into());
        },
        LockError::Plaintext { key: "rapport.p.abc".into() },
    );
    // A relabelled key version.
    check(
        &|r| {
            let v = r["rapport.p.abc"].replacen("~1~", "~2~", 1);
            r.insert("rapport.p.abc".into(), v);
        },
        LockError::UnknownVersion { key: "rapport.p.abc".into(), version: 2 },
    );
}

#[test]
fn turning_the_lock_on_can_stop_half_way_and_finish() {
    let mut raw = plain_store();
    let mut random = counter();
    let (header, unlocked) = lock::begin_lock(&KEY_A, &SALT, lock::ITERATIONS, &mut random).unwrap();
    // Only the profile gets sealed before the tab closes.
    let w = unlocked.step(State::Encrypting, "rapport.profile", &raw["rapport.profile"], &mut random).unwrap().unwrap();
    apply(&mut raw, w);
    // Next start: the header says a lock is being turned on; a mix of plain and sealed opens.
    let again = Header::parse(&header.to_text()).unwrap().unlock(&KEY_A).unwrap();
    assert_eq!(again.open_store(State::Encrypting, &raw).unwrap(), plain_store());
    let mut steps = 0;
    for (k, v) in raw.clone() {
        if let Some(w) = again.step(State::Encrypting, &k, &v, &mut random).unwrap() {
            steps += 1;
            apply(&mut raw, w);
        }
    }
    assert_eq!(steps, 1, "only the person was left");
    assert_eq!(again.open_store(State::Locked, &raw).unwrap(), plain_store());
}

#[test]
fn changing_the_passphrase_stops_half_way_and_the_new_one_finishes_it() {
    let mut raw = plain_store();
    let (_, unlocked) = lock_store(&mut raw, &KEY_A);
    let mut random = counter();
    let (header, mut rekeying) = lock::begin_rekey(&unlocked, &KEY_B, &[3; 16], lock::ITERATIONS, &mut random).unwrap();
    assert_eq!(header.key, 2);
    let w = rekeying.step(State::Rekeying, "rapport.profile", &raw["rapport.profile"], &mut random).unwrap().unwrap();
    apply(&mut raw, w);
    assert_eq!(lock::sealed_version(&raw["rapport.profile"]), Some(2));
    assert_eq!(lock::sealed_version(&raw["rapport.p.abc"]), Some(1));
    // The old passphrase no longer opens the header; the new one does, with the old key inside.
    let header = Header::parse(&header.to_text()).unwrap();
    assert_eq!(header.unlock(&KEY_A).unwrap_err(), LockError::WrongPassphrase);
    let resumed = header.unlock(&KEY_B).unwrap();
    assert_eq!(resumed.open_store(State::Rekeying, &raw).unwrap(), plain_store());
    for (k, v) in raw.clone() {
        if let Some(w) = resumed.step(State::Rekeying, &k, &v, &mut random).unwrap() {
            apply(&mut raw, w);
        }
    }
    rekeying.drop_previous();
    let done = rekeying.header(State::Locked, &mut random).unwrap();
    assert!(done.previous.is_none());
    let fresh = done.unlock(&KEY_B).unwrap();
    assert_eq!(fresh.open_store(State::Locked, &raw).unwrap(), plain_store());
    check_no_plaintext(&raw, &["Ada", "José"]);
}

#[test]
fn removing_the_lock_stops_half_way_and_finishes() {
    let mut raw = plain_store();
    let (_, unlocked) = lock_store(&mut raw, &KEY_A);
    let mut random = counter();
    let removing = unlocked.header(State::Removing, &mut random).unwrap();
    let w = unlocked.step(State::Removing, "rapport.p.abc", &raw["rapport.p.abc"], &mut random).unwrap().unwrap();
    apply(&mut raw, w);
    let resumed = removing.unlock(&KEY_A).unwrap();
    assert_eq!(resumed.open_store(State::Removing, &raw).unwrap(), plain_store());
    for (k, v) in raw.clone() {
        if let Some(w) = resumed.step(State::Removing, &k, &v, &mut random).unwrap() {
            apply(&mut raw, w);
        }
    }
    assert_eq!(unpacked(&raw), plain_store());
    assert!(
        raw.iter().all(|(k, v)| !store::is_record_key(k) || store::pack::is_packed(v)),
        "records are stored packed"
    );
}

fn unpacked(raw: &RawStore) -> RawStore {
    raw.iter().map(|(k, v)| (k.clone(), store::pack::unpack(v).unwrap().into_owned())).collect()
}

#[test]
fn a_value_that_does_not_open_is_never_written_over() {
    let mut raw = plain_store();
    let (_, unlocked) = lock_store(&mut raw, &KEY_A);
    let mut random = counter();
    let broken = raw["rapport.p.abc"].replacen('~', "~", 1) + "x";
    let err = unlocked.step(State::Removing, "rapport.p.abc", &broken, &mut random).unwrap_err();
    assert_eq!(err, LockError::Tampered { key: "rapport.p.abc".into() });
}

#[test]
fn encrypted_backup_round_trips_and_refuses_tampering() {
    let json = r#"{"schema":1,"people":[{"name":"José Núñez"}]}"#;
    let mut random = counter();
    let file = EncryptedBackup::seal(&KEY_A, &SALT, lock::ITERATIONS, json, &mut random).unwrap();
    let text = file.to_text();
    assert!(!text.contains("José") && EncryptedBackup::sniff(&text));
    let parsed = EncryptedBackup::parse(&text).unwrap();
    assert_eq!(parsed.open(&KEY_A).unwrap(), json);
    assert!(parsed.open(&KEY_B).unwrap_err().contains("doesn't open with that passphrase"));
    let check = |edit: &dyn Fn(&mut EncryptedBackup)| {
        let mut f = parsed.clone();
        edit(&mut f);
        let err = f.open(&KEY_A).unwrap_err();
        assert!(err.contains("changed after it was exported"), "{err}");
    };
    check(&|f| f.nonce = "AAAAAAAAAAAAAAAA".into());
    check(&|f| f.salt = "AgICAgICAgICAgICAgICAg==".into());
    check(&|f| f.iterations += 1);
    check(&|f| {
        let mut bytes = f.ciphertext.clone().into_bytes();
        bytes[3] = if bytes[3] == b'A' { b'B' } else { b'A' };
        f.ciphertext = String::from_utf8(bytes).unwrap();
    });
    let weak = text.replace("600000", "1000");
    assert!(EncryptedBackup::parse(&weak).unwrap_err().contains("fewer than"));
    assert!(EncryptedBackup::parse("{").unwrap_err().contains("damaged"));
}

//! Every parser, on arbitrary input, returns `Ok` or a readable `Err`: never a panic.
//! (LinkedIn connections and messages, vCard, the JSON backup, the stored-document decoder
//! with its migrations, and the byte decoder.)
use proptest::prelude::*;
use rapport_core::import::{decode_text, linkedin, messages, sniff, vcard};
use rapport_core::store::{self, RawStore};
use rapport_core::{backup, Network};

/// Text that looks a little like each format, so the parsers get past their first checks.
fn near(prefix: &'static str) -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ -~\r\n\t\"',;:=\\\\éü\u{feff}]{0,300}")
        .unwrap()
        .prop_map(move |tail| format!("{prefix}{tail}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn lock_header_backup_and_sealed_values(text in prop_oneof![
        near("{\"format\":\"rapport-lock\",\"v\":1,\"kdf\":\"PBKDF2-SHA256\",\"iterations\":600000,\"salt\":\""),
        near("{\"format\":\"rapport-encrypted-backup\",\"v\":1,"),
        near("~1~"),
        any::<String>(),
    ]) {
        use rapport_core::lock::{self, EncryptedBackup, Header, State};
        if let Ok(h) = Header::parse(&text) {
            let _ = h.unlock(&[0; 32]);
        }
        if let Ok(b) = EncryptedBackup::parse(&text) {
            let _ = b.open(&[0; 32]);
        }
        let mut zero = |b: &mut [u8]| {
            b.fill(0);
            Ok(())
        };
        let (_, unlocked) = lock::begin_lock(&[1; 32], &[2; 16], lock::ITERATIONS, &mut zero).unwrap();
        for state in [State::Locked, State::Encrypting, State::Rekeying, State::Removing] {
            let _ = unlocked.open_value(state, "rapport.p.x", &text);
            let _ = unlocked.step(state, "rapport.p.x", &text, &mut zero);
        }
    }

    #[test]
    fn linkedin_connections(text in prop_oneof![near("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"), near("Notes:\n"), any::<String>()]) {
        if let Ok(parsed) = linkedin::parse_connections(&text) {
            for c in &parsed.candidates {
                prop_assert!(!c.fields.name.is_empty());
            }
        }
    }

    #[test]
    fn vcards(text in prop_oneof![near("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:"), near("BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:="), any::<String>()]) {
        let _ = vcard::parse_vcards(&text);
    }

    #[test]
    fn linkedin_messages(bytes in prop_oneof![
        near("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n").prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..300),
    ], slice in 1usize..64) {
        let _ = messages::read_all(&Network::default(), &bytes, true, slice);
    }

    #[test]
    fn json_backups(text in prop_oneof![near("{\"format\":\"rapport-backup\",\"schema\":1,"), any::<String>()]) {
        let _ = backup::parse_backup(&text);
    }

    #[test]
    fn stored_documents(entries in proptest::collection::btree_map(
        prop_oneof![Just("rapport.meta".to_string()), Just("rapport.settings".to_string()), Just("rapport.p.AAAAAAAAAAAA".to_string()), Just("rapport.ix.AAAAAAAAAAAA".to_string()), Just("rapport.people.a1".to_string()), Just("rapport.interactions.a1".to_string()), Just("rapport.b.AAAAAAAAAAAA".to_string()), "rapport\\.[a-z]{1,3}\\.[A-Za-z0-9_-]{0,14}"],
        prop_oneof![Just("{\"schema\":1}".to_string()), Just("{\"schema\":2}".to_string()), Just("{\"schema\":3}".to_string()), Just("{\"schema\":0}".to_string()), near("{\"id\":\"AAAAAAAAAAAA\","), near("{\"live\":[{\"id\":\"AAAAAAAAAAAA\","), near("{\"AAAAAAAAAAAA\":{\"live\":["), any::<String>()],
        0..5,
    )) {
        let raw: RawStore = entries;
        let _ = store::decode(&raw);
        let _ = store::rollback(raw.get("rapport.meta").map(String::as_str).unwrap_or(""));
    }

    #[test]
    fn sync_files(bytes in prop_oneof![
        near("RAPPORT-SYNC 1\n{\"format\":\"rapport-sync\",\"v\":1,").prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..300).prop_map(|mut b| { let mut out = b"RAPPORT-SYNC 1\n".to_vec(); out.append(&mut b); out }),
        proptest::collection::vec(any::<u8>(), 0..300),
    ]) {
        if let Ok(file) = rapport_core::sync::SyncFile::parse(&bytes) {
            let _ = file.open(&[0; 32]);
        }
    }

    #[test]
    fn pairing_codes_and_messages(text in prop_oneof![near("RAPPORT-PAIR1:"), any::<String>()], bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = rapport_core::pair::decode(&text, "offer");
        let _ = rapport_core::pair::read_digests(&text);
        let _ = rapport_core::pair::read_people(&text);
        let _ = rapport_core::pair::open(&bytes, &[0; 32]);
    }

    #[test]
    fn bytes_and_kinds(bytes in proptest::collection::vec(any::<u8>(), 0..200), name in "[a-z]{0,8}\\.(csv|vcf|json|png|txt)") {
        let _ = decode_text(&bytes);
        let _ = sniff(&name, &bytes);
    }
}

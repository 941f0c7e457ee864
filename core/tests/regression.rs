//! One test per bug found, each named for the bug (as ripgrep's tests/regression.rs does).
mod common;
use chrono::{TimeZone, Utc};
use common::{day, log, now, person_named, Ids};
use rapport_core::planner::export::interview_items;
use rapport_core::planner::{Meeting, Step};
use rapport_core::*;

/// Review of the planner change: `-5000-01-01` passed the "after 1900" rule through `year_ce`.
#[test]
fn interaction_dates_before_the_common_era_are_refused() {
    let mut draft = InteractionInput::new_for(day("2026-11-25"));
    draft.date = "-5000-01-01".into();
    assert!(draft.validate(day("2026-11-25")).unwrap_err().get("date").is_some());
}

/// Review: a future-dated interaction hid an overdue person from Today.
#[test]
fn future_interactions_do_not_reset_keep_in_touch() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    let mut f = net.person(&p).unwrap().fields();
    f.cadence_days = Some(30);
    net.update_person(&p, f, now()).unwrap();
    log(&mut net, &mut ids, &p, "2026-09-26", |_| {});
    log(&mut net, &mut ids, &p, "2026-12-02", |_| {});
    let due = agenda::keep_in_touch(&net, day("2026-11-25"));
    assert_eq!(due.first().map(|d| d.overdue_days), Some(30));
}

/// Review: unanswered outreach and nudges counted as asks, flagging "asked before giving".
#[test]
fn unanswered_outreach_is_not_an_ask() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    let iv = ids.next();
    net.add_interview(iv, &p, None, now()).unwrap();
    net.mark_step(&iv, Step::OutreachSent, day("2026-11-02"), ids.next(), now()).unwrap();
    net.mark_step(&iv, Step::FollowedUp, day("2026-11-12"), ids.next(), now()).unwrap();
    let g = insights::give_first(net.interactions_of(&p), day("2026-11-25"));
    assert_eq!((g.asks, g.asked_before_giving), (0, false));
}

/// Review: reminders counted from the UTC date, a day late for meetings west of UTC.
#[test]
fn reminders_count_from_the_meeting_local_date() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    let iv = ids.next();
    net.add_interview(iv, &p, None, now()).unwrap();
    // 17:00 in Los Angeles on 1 December is 01:00 UTC on 2 December.
    let start = Utc.with_ymd_and_hms(2026, 12, 2, 1, 0, 0).unwrap();
    let meeting = Meeting {
        start,
        zone: "America/Los_Angeles".into(),
        minutes: 30,
        place: String::new(),
        local_date: Some(day("2026-12-01")),
    };
    net.schedule(&iv, meeting, now()).unwrap();
    let items = interview_items(&net, net.interview(&iv).unwrap());
    let thanks = items.iter().find_map(|i| match i {
        ics::CalendarItem::AllDay { uid, date, .. } if uid.contains("thanks") => Some(*date),
        _ => None,
    });
    assert_eq!(thanks, Some(day("2026-12-02")));
}

// ---- "Never lose a note" (issue 15): each defect a hostile tester found in the storage path.

mod storage_defects {
    use super::common::{now, person_named, Ids};
    use rapport_core::lock::{self, Header, LockError, NoRandomness};
    use rapport_core::store::{self, Engine, KeyValue, MemoryKv, Opened, OtherTab, RawStore};
    use rapport_core::*;

    fn fixture(name: &str) -> RawStore {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn counter() -> impl FnMut(&mut [u8]) -> Result<(), NoRandomness> {
        let mut n: u8 = 0;
        move |bytes: &mut [u8]| {
            for b in bytes {
                n = n.wrapping_add(1);
                *b = n;
            }
            Ok(())
        }
    }

    fn no_randomness(_: &mut [u8]) -> Result<(), NoRandomness> {
        Err(NoRandomness)
    }

    fn open(kv: MemoryKv) -> (Engine<MemoryKv>, Opened) {
        let mut engine = Engine::new(kv);
        let opened = engine.open(&mut counter());
        (engine, opened)
    }

    /// `rapport.meta` set to `{"schema":2}` (or 1) over a schema-3 store ran the upgrade,
    /// which retired every bucket it had not rewritten: the whole network was gone.
    #[test]
    fn an_older_schema_number_over_a_schema_3_store_deletes_nothing() {
        for schema in [1, 2] {
            let mut raw = fixture("store-v3.json");
            raw.insert("rapport.meta".into(), format!("{{\"schema\":{schema}}}"));
            let (engine, opened) = open(MemoryKv::from_map(raw.clone()));
            let Opened::Damaged { error, .. } = opened else {
                panic!("schema {schema}: must open the recovery screen")
            };
            assert_eq!(error.key, "rapport.meta");
            assert!(error.message.contains("changed nothing"), "{}", error.message);
            assert_eq!(engine.kv().map(), &raw, "schema {schema}: not one key changed");
        }
        // The mirror: meta says 3 over a schema-2 store. Its old keys must not be retired.
        let mut raw = fixture("store-v2.json");
        raw.insert("rapport.meta".into(), "{\"schema\":3}".into());
        let (engine, opened) = open(MemoryKv::from_map(raw.clone()));
        assert!(matches!(opened, Opened::Damaged { .. }), "meta 3 over schema 2 keys must not upgrade or retire");
        assert_eq!(engine.kv().map(), &raw);
    }

    /// A full origin made the start-up probe fail, so Rapport opened an empty network and
    /// "Download everything" exported 0 people.
    #[test]
    fn completely_full_storage_opens_with_the_data_read_only() {
        let raw = fixture("store-v3.json");
        let expected = store::decode(&raw).unwrap().network;
        let kv = MemoryKv::from_map(raw.clone());
        let full = kv.used();
        let (mut engine, opened) = open(kv.with_quota(full));
        let Opened::Ready(decoded) = opened else { panic!("a full store must open with its data") };
        assert_eq!(decoded.network, expected, "every record is shown");
        assert!(engine.halted().is_some_and(|why| why.contains("full")), "{:?}", engine.halted());
        assert_eq!(engine.kv().map(), &raw, "nothing changed");
        let mut network = decoded.network.clone();
        let err = engine.save(&mut network, &Touched::everything(&expected), now(), &mut counter()).unwrap_err();
        assert!(err.message.contains("full"), "{}", err.message);
        // A store whose journal can't be rolled back in storage opens as it was before the change.
        let mut raw = fixture("store-v3.json");
        let profile = raw["rapport.profile"].clone();
        raw.insert(store::JOURNAL_KEY.into(), store::journal_text(vec![("rapport.profile".into(), Some(profile))]));
        raw.insert("rapport.profile".into(), store::pack::pack("{\"name\":\"half-written\"}"));
        let kv = MemoryKv::from_map(raw.clone());
        let full = kv.used();
        let (engine, opened) = open(kv.with_quota(full));
        let Opened::Ready(decoded) = opened else { panic!("must open") };
        assert_eq!(decoded.network, expected, "shown as before the change that was cut short");
        assert!(engine.halted().is_some());
    }

    /// Undo checked "changed since" for people and interactions only: employers, interviews,
    /// drafts, phrasings, batches, the profile and the settings were put back over another
    /// tab's later edit.
    #[test]
    fn undo_keeps_another_tabs_later_edit_of_every_kind() {
        let mut net = Network::default();
        let mut ids = Ids::new();
        let ada = person_named(&mut net, &mut ids, "Ada Okafor");
        let t0 = now();
        let employer = ids.next();
        let fields = planner::EmployerFields {
            name: "Globex".into(),
            motivation: 2,
            posting: 1,
            advocacy: None,
            notes: String::new(),
        };
        net.add_employer(employer, fields.clone(), t0).unwrap();
        let before = net.clone();
        // The change: touches the profile, the settings and the employer.
        let t1 = t0 + chrono::Duration::minutes(1);
        let mut touched = net.set_profile(Profile { name: "Me".into(), ..Profile::default() }, t1);
        let mut settings = net.settings.clone();
        settings.metrics.goal = 40;
        touched = touched.and(net.set_settings(settings, t1));
        let renamed = planner::EmployerFields { name: "Globex Ltd".into(), ..fields.clone() };
        touched = touched.and(net.update_employer(&employer, renamed, t1).unwrap());
        let since = t1 + chrono::Duration::seconds(1);
        // Another tab, later: edits each of them again.
        let t2 = t1 + chrono::Duration::minutes(5);
        net.set_profile(Profile { name: "Me, later".into(), ..Profile::default() }, t2);
        let mut settings = net.settings.clone();
        settings.metrics.goal = 60;
        net.set_settings(settings, t2);
        let renamed = planner::EmployerFields { name: "Globex, renamed later".into(), ..fields.clone() };
        net.update_employer(&employer, renamed, t2).unwrap();
        let t3 = t2 + chrono::Duration::minutes(1);
        let written = revert::revert(&mut net, &before, &touched, since, t3);
        assert_eq!(net.profile.name, "Me, later");
        assert_eq!(net.settings.metrics.goal, 60);
        assert_eq!(net.employers().live(&employer).unwrap().name, "Globex, renamed later");
        assert!(!written.profile && !written.settings && written.ids(Kind::Employer).is_empty(), "{written:?}");
        assert!(net.person(&ada).is_some());
        // Without a later edit, the same undo puts each back.
        let mut fresh = before.clone();
        let mut touched = fresh.set_profile(Profile { name: "Me".into(), ..Profile::default() }, t1);
        let mut settings = fresh.settings.clone();
        settings.metrics.goal = 40;
        touched = touched.and(fresh.set_settings(settings, t1));
        revert::revert(&mut fresh, &before, &touched, since, t3);
        assert_eq!((fresh.profile.name.as_str(), fresh.settings.metrics.goal), ("", 50));
    }

    /// If `getRandomValues` failed, nonces and salt were zero-filled and sealing went on.
    #[test]
    fn sealing_without_randomness_fails_closed() {
        let mut none = no_randomness;
        assert_eq!(lock::new_salt(&mut none).unwrap_err(), LockError::NoRandomness);
        assert_eq!(
            lock::begin_lock(&[7; 32], &[1; 16], lock::ITERATIONS, &mut none).unwrap_err(),
            LockError::NoRandomness
        );
        let (_, unlocked) = lock::begin_lock(&[7; 32], &[1; 16], lock::ITERATIONS, &mut counter()).unwrap();
        assert_eq!(unlocked.seal("rapport.profile", "{}", &mut none).unwrap_err(), LockError::NoRandomness);
        assert!(lock::EncryptedBackup::seal(&[7; 32], &[1; 16], lock::ITERATIONS, "{}", &mut none).is_err());
        // Through the engine: with the lock on, a save without randomness writes nothing.
        let raw = fixture("store-v3.json");
        let (mut engine, opened) = open(MemoryKv::from_map(raw));
        let Opened::Ready(decoded) = opened else { panic!() };
        assert!(engine.lock_on(&[7; 32], &[1; 16], &mut none).is_err(), "no lock without randomness");
        engine.lock_on(&[7; 32], &[1; 16], &mut counter()).unwrap();
        let stored = engine.kv().map().clone();
        let mut network = decoded.network.clone();
        let touched = network.set_profile(Profile { name: "Changed".into(), ..Profile::default() }, now());
        let err = engine.save(&mut network, &touched, now(), &mut none).unwrap_err();
        assert!(err.message.contains("no secure random numbers"), "{}", err.message);
        assert_eq!(engine.kv().map(), &stored, "nothing written");
    }

    /// The lock header's authenticated data was built from `Debug` output: renaming a variant
    /// would have made every existing header read as altered.
    #[test]
    fn lock_headers_written_before_stable_names_keep_opening() {
        let path = format!("{}/tests/fixtures/lock-headers-2026-11.json", env!("CARGO_MANIFEST_DIR"));
        let fixture: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for (name, key) in [("encrypting", [7; 32]), ("locked", [7; 32]), ("removing", [7; 32]), ("rekeying", [8; 32])]
        {
            let text = fixture[name].as_str().unwrap();
            let header = Header::parse(text).unwrap();
            let unlocked = header.unlock(&key).unwrap_or_else(|e| panic!("{name}: {e}"));
            if name == "locked" {
                let sealed = fixture["rapport.profile"].as_str().unwrap();
                let plain = unlocked.open_value(header.state, "rapport.profile", sealed).unwrap();
                assert_eq!(plain, "{\"name\":\"Sam Rivera\"}");
            }
        }
        assert_eq!(
            [lock::State::Locked, lock::State::Encrypting, lock::State::Rekeying, lock::State::Removing]
                .map(lock::State::stable_name),
            ["Locked", "Encrypting", "Rekeying", "Removing"]
        );
    }

    /// A file with no new people offered an enabled "Confirm import", recorded a batch and
    /// said "Imported 0 new people".
    #[test]
    fn an_import_with_nothing_to_add_records_nothing() {
        let mut net = Network::default();
        let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Okafor,https://www.linkedin.com/in/ada,,Globex,Analyst,15 Mar 2024\n";
        let mut n = 0u32;
        let mut next = || {
            n += 1;
            Id::parse(&format!("N{n:011}")).unwrap()
        };
        let parsed = import::linkedin::parse_connections(csv).unwrap();
        let preview = import::preview(&net, parsed.clone());
        assert!(preview.has_anything_to_import(true));
        import::apply(
            &mut net,
            &preview,
            true,
            &mut next,
            now(),
            import::batch::BatchKind::LinkedinConnections,
            "a.csv",
        )
        .unwrap();
        let before = net.clone();
        // The same file again: Ada is here, with nothing new to fill in.
        let again = import::preview(&net, parsed);
        assert!(again.new.is_empty());
        assert!(!again.has_anything_to_import(false), "skipping matches leaves nothing to do");
        let err = import::apply(
            &mut net,
            &again,
            true,
            &mut next,
            now(),
            import::batch::BatchKind::LinkedinConnections,
            "a.csv",
        )
        .unwrap_err();
        assert_eq!(err, ChangeError::NothingToImport);
        assert_eq!(net, before, "no batch recorded, nothing changed");
    }

    /// Two tabs writing the same bucket within a few milliseconds: each read the bucket
    /// before the other's write reached it, and the later write dropped the other's person.
    #[test]
    fn two_tabs_writing_one_bucket_at_once_lose_nothing() {
        let raw = fixture("store-v3.json");
        let (mut a, opened) = open(MemoryKv::from_map(raw.clone()));
        let Opened::Ready(decoded) = opened else { panic!() };
        let mut net_a = decoded.network.clone();
        let (mut b, _) = open(MemoryKv::from_map(raw));
        let mut net_b = decoded.network.clone();
        // Two ids in one bucket.
        let mut ids = Ids::new_from(500);
        let first = ids.next();
        let second =
            std::iter::repeat_with(|| ids.next()).find(|id| store::bucket_of(id) == store::bucket_of(&first)).unwrap();
        let fields =
            |name: &str| PersonInput { name: name.into(), ..PersonInput::default() }.validate(|_| false, None).unwrap();
        let touched_a = net_a.add_person(first, fields("From tab A"), Source::Manual, now()).unwrap();
        let touched_b = net_b.add_person(second, fields("From tab B"), Source::Manual, now()).unwrap();
        // Both write before either sees the other's write.
        a.save(&mut net_a, &touched_a, now(), &mut counter()).unwrap();
        b.save(&mut net_b, &touched_b, now(), &mut counter()).unwrap();
        let key = store::people_key(store::bucket_of(&first));
        // Each tab's write reaches the other (the browser's storage event), until quiet.
        let mut queue = vec![('b', a.kv().get(&key).unwrap()), ('a', b.kv().get(&key).unwrap())];
        let mut deliveries = 0;
        while let Some((to, value)) = queue.pop() {
            deliveries += 1;
            assert!(deliveries < 20, "the tabs must settle");
            let (engine, net) = if to == 'a' { (&mut a, &mut net_a) } else { (&mut b, &mut net_b) };
            let other = if to == 'a' { 'b' } else { 'a' };
            // The other's value is now what this tab's storage holds.
            engine.kv_mut().set(&key, &value).unwrap();
            if let OtherTab::Merged { write_back, .. } = engine.other_tab(net, Some(&key), Some(&value)) {
                if !write_back.is_empty() {
                    engine.save(net, &write_back, now(), &mut counter()).unwrap();
                    queue.insert(0, (other, engine.kv().get(&key).unwrap()));
                }
            }
        }
        for (tab, engine) in [("A", &a), ("B", &b)] {
            let stored = store::decode_people_bucket(
                &store::pack::unpack(&engine.kv().get(&key).unwrap()).unwrap(),
                store::bucket_of(&first),
            )
            .unwrap();
            let names: Vec<String> = stored
                .iter()
                .filter_map(|s| match s {
                    network::PersonSlot::Live(p) => Some(p.name.clone()),
                    _ => None,
                })
                .collect();
            assert!(
                names.contains(&"From tab A".to_string()) && names.contains(&"From tab B".to_string()),
                "tab {tab}: {names:?}"
            );
        }
        assert!(net_a.person(&second).is_some() && net_b.person(&first).is_some());
    }
}

/// Bug: "Company 2" was refused a second time on the target list, but "company 2 inc." made
/// a duplicate row: names on the list compare as companies do.
#[test]
fn a_target_employer_with_a_legal_form_is_the_same_employer() {
    use rapport_core::planner::employer::name_taken;
    use rapport_core::planner::EmployerInput;
    let mut net = Network::default();
    let fields = EmployerInput { name: "Company 2".into(), ..EmployerInput::new() }.validate(|_| false).unwrap();
    let id = Id::parse("E00000000001").unwrap();
    net.add_employer(id, fields, now()).unwrap();
    assert!(name_taken(&net, "company 2 inc.", None));
    assert!(name_taken(&net, "COMPANY 2, LLC", None));
    assert!(!name_taken(&net, "Company 2", Some(&id)), "renaming itself is fine");
    assert!(!name_taken(&net, "Company 20", None));
}

/// Issue 19's hostile test: restoring a backup with "Merge" into a new browser (the first-run
/// questions skipped) dropped the backup's profile and settings; only "Replace" kept them.
#[test]
fn a_merged_backup_brings_its_profile_and_settings_into_a_new_browser() {
    let mut old = Network::default();
    let mut profile = old.profile.clone();
    profile.name = "Sam Again".into();
    old.set_profile(profile, now());
    let mut settings = old.settings.clone();
    settings.metrics.goal = 77;
    settings.prefs.holidays = vec![day("2026-12-25")];
    settings.prefs.welcomed = true;
    old.set_settings(settings, now());
    let text = backup::export_json(&old, now());

    // A new browser: the questions skipped (which stores the settings, a minute later).
    let mut new = Network::default();
    let mut skipped = new.settings.clone();
    skipped.prefs.welcomed = true;
    new.set_settings(skipped, now() + chrono::Duration::minutes(1));
    backup::restore(&mut new, &backup::parse_backup(&text).unwrap(), true);
    assert_eq!(new.profile.name, "Sam Again");
    assert_eq!(new.settings.metrics.goal, 77);
    assert_eq!(new.settings.prefs.holidays, vec![day("2026-12-25")]);
    assert!(new.settings.prefs.welcomed);

    // Where this browser's were set later, they stay: the newest change wins, as for records.
    let mut mine = Network::default();
    let mut p = mine.profile.clone();
    p.name = "Sam Now".into();
    mine.set_profile(p, now() + chrono::Duration::days(1));
    backup::restore(&mut mine, &backup::parse_backup(&text).unwrap(), true);
    assert_eq!(mine.profile.name, "Sam Now");
    assert_eq!(mine.settings.metrics.goal, 77, "this browser's settings were never set");

    // An older backup with no profile never empties this browser's.
    let empty = backup::export_json(&Network::default(), now() + chrono::Duration::days(2));
    backup::restore(&mut mine, &backup::parse_backup(&empty).unwrap(), true);
    assert_eq!(mine.profile.name, "Sam Now");
    assert_eq!(mine.settings.metrics.goal, 77);
}

/// Issue 19's hostile test: an edit form left open in one tab put back the company another tab
/// had changed meanwhile, when it saved only a new role.
#[test]
fn an_edit_form_left_open_saves_only_what_it_changed() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    let mut f = net.person(&p).unwrap().fields();
    f.company = "Acme Corp".into();
    net.update_person(&p, f, now()).unwrap();
    let opened = PersonInput::from_fields(&net.person(&p).unwrap().fields());

    // Another tab changes the company and the notes.
    let mut elsewhere = net.person(&p).unwrap().fields();
    elsewhere.company = "Cobalt".into();
    elsewhere.notes = "Met at the meetup".into();
    net.update_person(&p, elsewhere, now()).unwrap();

    // This form changes the role, and the notes too.
    let mut typed = opened.clone();
    typed.role = "Analyst".into();
    typed.notes = "Typed here".into();
    let current = PersonInput::from_fields(&net.person(&p).unwrap().fields());
    let fields = typed.rebase(&opened, &current).validate(|_| false, Some(&p)).unwrap();
    net.update_person(&p, fields, now()).unwrap();

    let after = net.person(&p).unwrap();
    assert_eq!(after.company, "Cobalt", "the other tab's change stays");
    assert_eq!(after.role, "Analyst");
    assert_eq!(after.notes, "Typed here", "a field changed in both takes what was typed last");
}

/// Issue 19's hostile test: an import took a 3,000,000-character company (the person form
/// takes 200), and opening that person froze the tab. Such a row is skipped, saying why.
#[test]
fn an_import_skips_rows_longer_than_the_form_takes() {
    use rapport_core::import::{linkedin::parse_connections, preview};
    let huge = "A".repeat(3_000_000);
    let file = format!(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ada,Okafor,,,{huge},Analyst,01 Jan 2021\n\
         Bo,Ek,,,Cobalt,Analyst,01 Jan 2021\n\
         Cy,Long,,,Cobalt,{},01 Jan 2021\n",
        "R".repeat(201)
    );
    let p = preview(&Network::default(), parse_connections(&file).unwrap());
    assert_eq!(p.new.iter().map(|c| c.fields.name.as_str()).collect::<Vec<_>>(), ["Bo Ek"]);
    let reasons: Vec<(usize, &str)> = p.skipped.iter().map(|s| (s.line, s.reason.as_str())).collect();
    assert_eq!(
        reasons,
        [
            (2, "Ada Okafor: the company is 3,000,000 characters long; Rapport keeps at most 200. Shorten it in the file, or add this person by hand."),
            (4, "Cy Long: the role is 201 characters long; Rapport keeps at most 200. Shorten it in the file, or add this person by hand."),
        ]
    );
}

/// Issue 19's hostile test: 3,000 imported connections at 40 companies made 34,813 "very close
/// names" pairs ("Person0 Bulk0" and "Person2120 Bulk2120"), each with its own profile URL and
/// email. Close names with different URLs, or different emails, are two people.
#[test]
fn close_names_with_different_profile_urls_or_emails_are_not_duplicates() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let mut add = |net: &mut Network, name: &str, url: &str, email: &str| {
        let id = person_named(net, &mut ids, name);
        let mut f = net.person(&id).unwrap().fields();
        f.company = "Company0".into();
        f.profile_url = url.into();
        f.email = email.into();
        net.update_person(&id, f, now()).unwrap();
        id
    };
    add(&mut net, "Person0 Bulk0", "https://www.linkedin.com/in/p0", "p0@ex.com");
    add(&mut net, "Person2120 Bulk2120", "https://www.linkedin.com/in/p2120", "p2120@ex.com");
    add(&mut net, "Person40 Bulk40", "", "p40@ex.com");
    add(&mut net, "Person400 Bulk400", "", "p400@ex.com");
    // One with a URL and one with only an email: nothing tells them apart, the names still do.
    let kate = add(&mut net, "Katherine Smith", "https://www.linkedin.com/in/kate", "");
    let kath = add(&mut net, "Katharine Smith", "", "kath@ex.com");
    let pairs: Vec<(Id, Id)> = duplicates::find(&net).iter().map(|p| (p.a, p.b)).collect();
    assert_eq!(pairs, vec![(kate, kath)]);
}

/// Issue 19's hostile test: in one file, a row repeating an earlier one without its profile
/// URL became a second person; a "Connected On" date in 2031 was taken as it was.
#[test]
fn an_import_drops_repeated_rows_without_their_url_and_future_dates() {
    use rapport_core::import::{clear_future_dates, linkedin::parse_connections, preview};
    let file = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                Dup,Licate,https://www.linkedin.com/in/dup,,Acme,Analyst,01 Jan 2021\n\
                Dup,Licate,,,Acme,Analyst,01 Jan 2021\n\
                Sam,Lee,https://www.linkedin.com/in/sam-1,,Acme,Analyst,01 Jan 2021\n\
                Sam,Lee,https://www.linkedin.com/in/sam-2,,Acme,Analyst,01 Jan 2021\n\
                Fu,Ture,,,Acme,Analyst,01 Jan 2031\n";
    let mut parsed = parse_connections(file).unwrap();
    clear_future_dates(&mut parsed, day("2026-12-07"));
    let p = preview(&Network::default(), parsed);
    let new: Vec<(&str, Option<chrono::NaiveDate>)> =
        p.new.iter().map(|c| (c.fields.name.as_str(), c.connected_on)).collect();
    // Two namesakes with their own profiles stay two people.
    assert_eq!(
        new,
        [
            ("Dup Licate", Some(day("2021-01-01"))),
            ("Sam Lee", Some(day("2021-01-01"))),
            ("Sam Lee", Some(day("2021-01-01"))),
            ("Fu Ture", None)
        ]
    );
    assert_eq!(p.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), [3]);
    assert!(p
        .warnings
        .iter()
        .any(|w| w == "Line 6: Fu Ture is connected on 2031-01-01, a date still to come; left empty."));
}

/// Issue 19's hostile test: a meeting planned for 11 December could be marked held on the 7th,
/// and stayed listed as coming up.
#[test]
fn a_meeting_is_not_held_before_the_day_it_is_planned_for() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    let iv = ids.next();
    net.add_interview(iv, &p, None, now()).unwrap();
    net.mark_step(&iv, Step::OutreachSent, day("2026-12-01"), ids.next(), now()).unwrap();
    net.mark_step(&iv, Step::Replied, day("2026-12-02"), ids.next(), now()).unwrap();
    // 17:00 in Los Angeles on 10 December is 01:00 UTC on the 11th: planned for the 10th.
    let start = Utc.with_ymd_and_hms(2026, 12, 11, 1, 0, 0).unwrap();
    let meeting = Meeting {
        start,
        zone: "America/Los_Angeles".into(),
        minutes: 30,
        place: String::new(),
        local_date: Some(day("2026-12-10")),
    };
    net.schedule(&iv, meeting, now()).unwrap();
    let early = net.mark_step(&iv, Step::Held, day("2026-12-07"), ids.next(), now());
    assert!(matches!(early, Err(ChangeError::NotNow(m)) if m.starts_with("The meeting is planned for 2026-12-10")));
    assert!(net.interview(&iv).unwrap().held.is_none(), "nothing changed");
    net.mark_step(&iv, Step::Held, day("2026-12-10"), ids.next(), now()).unwrap();
}

/// Issue 19's hostile test: an interaction dated ahead showed in the network list as the last
/// one ("in 84 days"), while the tie strength rightly left it out.
#[test]
fn the_list_shows_the_last_interaction_that_happened() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    log(&mut net, &mut ids, &p, "2026-10-01", |_| {});
    log(&mut net, &mut ids, &p, "2027-03-01", |_| {});
    let only_ahead = person_named(&mut net, &mut ids, "Bo");
    log(&mut net, &mut ids, &only_ahead, "2027-03-01", |_| {});
    let rows = list::network_list(&net, &list::ListQuery::default(), day("2026-12-07"));
    let last = |name: &str| rows.iter().find(|r| r.name == name).and_then(|r| r.last.as_ref()).map(|l| l.ago.clone());
    assert_eq!(last("Ada").as_deref(), Some("2 months ago"));
    assert_eq!(last("Bo").as_deref(), Some("in 84 days"), "planned, when nothing has happened yet");
}

/// Issue 19's hostile test, second round: a row without its profile URL followed by the same
/// row with it lost the URL; a bell character in a name was kept.
#[test]
fn an_import_keeps_a_repeated_rows_url_and_drops_control_characters() {
    use rapport_core::import::{linkedin::parse_connections, preview};
    let file = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                Sam,Lee,,,Acme,Analyst,01 Jan 2021\n\
                Sam,Lee,https://www.linkedin.com/in/sam-lee,,Acme,Analyst,01 Jan 2021\n\
                Bell\u{7},Ringer,,,Acme,Analyst,01 Jan 2021\n";
    let p = preview(&Network::default(), parse_connections(file).unwrap());
    let new: Vec<(&str, &str)> =
        p.new.iter().map(|c| (c.fields.name.as_str(), c.fields.profile_url.as_str())).collect();
    assert_eq!(new, [("Sam Lee", "https://www.linkedin.com/in/sam-lee"), ("Bell Ringer", "")]);
    assert_eq!(
        p.skipped.iter().map(|s| (s.line, s.reason.as_str())).collect::<Vec<_>>(),
        [(3, "Sam Lee appears earlier in the file (line 2); this row's profile URL was added there.")]
    );
}

/// Issue 19's hostile test, second round: the vCard export split "Chidi Okafor, PhD" into the
/// family name "PhD", "Mr. John Smith Jr." into "Jr.", and "Ana de la Cruz" into "Cruz".
#[test]
fn vcard_names_keep_titles_suffixes_and_particles_in_their_places() {
    fn n_of(name: &str) -> String {
        let mut f = PersonFields::default();
        f.name = name.into();
        let p = Person::new(Id::parse("T00000000001").unwrap(), f, Source::Manual, now());
        let card = export::people_vcard(&[&p]);
        card.lines().find(|l| l.starts_with("N:")).unwrap().trim_end().to_string()
    }
    assert_eq!(n_of("Dr. Chidi Okafor"), "N:Okafor;Chidi;;Dr.;");
    assert_eq!(n_of("Chidi Okafor, PhD"), "N:Okafor;Chidi;;;PhD");
    assert_eq!(n_of("Mr. John Smith Jr."), "N:Smith;John;;Mr.;Jr.");
    assert_eq!(n_of("Ms. Ana de la Cruz"), "N:de la Cruz;Ana;;Ms.;");
    assert_eq!(n_of("Prof. Dr. Anna Berg"), "N:Berg;Anna;;Prof. Dr.;");
    assert_eq!(n_of("Ana María Pérez"), "N:Pérez;Ana María;;;");
    assert_eq!(n_of("Madonna"), "N:Madonna;;;;");
    assert_eq!(n_of("Dr. Who"), "N:Who;Dr.;;;", "two words: no room for a title");
}

/// Review of this change: loading the sample network became asynchronous (its module is
/// fetched first), so a second click before the first finished would add sixty more people.
#[test]
fn the_sample_network_is_added_once() {
    use rapport_core::sample::{add_sample, SAMPLE_PEOPLE};
    let mut net = Network::default();
    let mut ids = Ids::new();
    add_sample(&mut net, day("2026-12-07"), now(), &mut || ids.next()).unwrap();
    let again = add_sample(&mut net, day("2026-12-07"), now(), &mut || ids.next());
    assert!(matches!(again, Err(ChangeError::NotNow(m)) if m == "The sample network is already here."));
    assert_eq!(net.live_count(), SAMPLE_PEOPLE);
    // Removed, it can be added again.
    net.remove_sample(now());
    add_sample(&mut net, day("2026-12-07"), now(), &mut || ids.next()).unwrap();
    assert_eq!(net.live_count(), SAMPLE_PEOPLE);
}

//! Import and export beyond the first parsers: messages.csv in slices, batches and their
//! undo, exports (CSV, vCard) and their round trips, duplicates and merging, company names,
//! bulk triage, and bad bytes.
mod common;
use common::{day, log, now, person_named, Ids};
use proptest::prelude::*;
use rapport_core::company::{normalise, validate_alias, Companies, CompanyAlias};
use rapport_core::import::batch::{self, BatchKind};
use rapport_core::import::messages::read_all;
use rapport_core::import::{decode_text, sniff, FileKind};
use rapport_core::*;
use std::collections::BTreeMap;

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn later() -> chrono::DateTime<chrono::Utc> {
    now() + chrono::Duration::hours(1)
}

fn set(net: &mut Network, id: &Id, edit: impl FnOnce(&mut PersonFields)) {
    let mut f = net.person(id).unwrap().fields();
    edit(&mut f);
    net.update_person(id, f, now()).unwrap();
}

// ---------------------------------------------------------------- company names

fn check_company(name: &str, expected: &str) {
    assert_eq!(normalise(name), expected, "normalise({name:?})");
}

#[test]
fn company_names_are_normalised() {
    check_company("Google", "google");
    check_company("Google LLC", "google");
    check_company("  google, inc. ", "google");
    check_company("The Boston Consulting Group, Inc.", "boston consulting");
    check_company("Société Générale S.A.", "societe generale s a");
    check_company("Fjord & Co, AS", "fjord &");
    check_company("Group", "group");
    check_company("", "");
}

#[test]
fn aliases_join_companies_and_refuse_loops() {
    let aliases = vec![CompanyAlias { alias: "Alphabet".into(), into: "Google LLC".into() }];
    let c = Companies::new(&aliases);
    assert!(c.same("Alphabet Inc.", "google"));
    assert!(!c.same("", ""), "two empty companies are not one company");
    assert!(validate_alias(&c, &aliases, "Google", "Alphabet").unwrap_err().contains("already"));
    let more = vec![CompanyAlias { alias: "A".into(), into: "B".into() }];
    assert!(
        validate_alias(&Companies::new(&more), &more, "B", "A").unwrap_err().contains("already"),
        "a loop is one company"
    );
    assert!(validate_alias(&c, &aliases, " ", "x").is_err());
}

#[test]
fn joined_companies_count_as_one_in_insights_and_lamp() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    for (name, company) in [("A One", "Google"), ("B Two", "Google LLC"), ("C Three", "Alphabet")] {
        let id = person_named(&mut net, &mut ids, name);
        set(&mut net, &id, |f| f.company = company.into());
        log(&mut net, &mut ids, &id, "2026-11-01", |_| {});
    }
    let before = insights::screen::insights(&net, day("2026-11-25"));
    // Google and Google LLC are one company (2 people) and Alphabet another (1): e^H ≈ 1.89.
    let expected = (-(2.0f64 / 3.0) * (2.0f64 / 3.0).ln() - (1.0f64 / 3.0) * (1.0f64 / 3.0).ln()).exp();
    assert!((before.diversity.effective_companies - expected).abs() < 1e-9, "{}", before.diversity.effective_companies);
    assert_eq!(planner::employer::people_at(&net, "google").len(), 2);
    net.settings.metrics.company_aliases.push(CompanyAlias { alias: "Alphabet".into(), into: "Google".into() });
    let after = insights::screen::insights(&net, day("2026-11-25"));
    assert!((after.diversity.effective_companies - 1.0).abs() < 1e-9, "{}", after.diversity.effective_companies);
    assert_eq!(planner::employer::people_at(&net, "Google").len(), 3);
}

// ---------------------------------------------------------------- duplicates

fn check_names(a: &str, b: &str, close: bool) {
    assert_eq!(duplicates::names_close(a, b), close, "{a:?} ~ {b:?}");
}

#[test]
fn close_names() {
    check_names("José Núñez", "Jose Nunez", true);
    check_names("Jose  Nunez", "jose nunez", true);
    check_names("Katherine Smith", "Katharine Smith", true);
    check_names("Ann Lee", "Anna Leigh", false);
    check_names("Ann Lee", "Bob Stone", false);
    check_names("", "", false);
}

#[test]
fn the_finder_pairs_urls_emails_and_close_names_at_one_company() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let jose = person_named(&mut net, &mut ids, "José Núñez");
    set(&mut net, &jose, |f| f.company = "Initech".into());
    let jose2 = person_named(&mut net, &mut ids, "Jose Nunez");
    set(&mut net, &jose2, |f| f.company = "Initech, Inc.".into());
    let ann = person_named(&mut net, &mut ids, "Ann Lee");
    set(&mut net, &ann, |f| f.company = "Globex".into());
    let anna = person_named(&mut net, &mut ids, "Anna Leigh");
    set(&mut net, &anna, |f| f.company = "Hooli".into());
    let mail1 = person_named(&mut net, &mut ids, "Sam Park");
    set(&mut net, &mail1, |f| f.email = " Sam@Example.com".into());
    let mail2 = person_named(&mut net, &mut ids, "Samuel Park-Lee");
    set(&mut net, &mail2, |f| f.email = "sam@example.com".into());
    let url1 = person_named(&mut net, &mut ids, "Mei Chen");
    set(&mut net, &url1, |f| f.profile_url = "https://www.linkedin.com/in/mei/".into());
    let url2 = person_named(&mut net, &mut ids, "M. Chen");
    set(&mut net, &url2, |f| f.profile_url = "linkedin.com/in/MEI?trk=x".into());
    let pairs = duplicates::find(&net);
    let found: Vec<(Id, Id, duplicates::Reason)> = pairs.iter().map(|p| (p.a, p.b, p.reason)).collect();
    assert_eq!(
        found,
        vec![
            (url1, url2, duplicates::Reason::ProfileUrl),
            (mail1, mail2, duplicates::Reason::Email),
            (jose, jose2, duplicates::Reason::CloseName),
        ]
    );
    duplicates::dismiss(&mut net, &url2, &url1);
    assert_eq!(duplicates::find(&net).len(), 2, "a dismissed pair is not shown again");
}

#[test]
fn merging_keeps_every_interaction_interview_and_draft() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let kept = person_named(&mut net, &mut ids, "José Núñez");
    let other = person_named(&mut net, &mut ids, "Jose Nunez");
    set(&mut net, &other, |f| {
        f.email = "jose@example.com".into();
        f.tags = vec!["mentor".into()];
        f.notes = "Met at PyCon".into();
    });
    set(&mut net, &kept, |f| f.notes = "Likes chess".into());
    let friend = person_named(&mut net, &mut ids, "Friend");
    set(&mut net, &friend, |f| {
        f.origin = Some(Origin::Introduced);
        f.introduced_by = Some(other);
    });
    log(&mut net, &mut ids, &kept, "2026-01-01", |_| {});
    let moved = log(&mut net, &mut ids, &other, "2026-02-01", |_| {});
    let iv = ids.next();
    net.add_interview(iv, &other, None, now()).unwrap();
    let (kept_p, other_p) = (net.person(&kept).unwrap().clone(), net.person(&other).unwrap().clone());
    let picks: BTreeMap<&'static str, duplicates::Pick> = [("email", duplicates::Pick::Other)].into();
    let fields = duplicates::merged_fields(&kept_p, &other_p, &picks, true);
    assert_eq!(fields.name, "José Núñez");
    assert_eq!(fields.email, "jose@example.com");
    assert_eq!(fields.notes, "Likes chess\n\nMet at PyCon");
    assert_eq!(fields.tags, vec!["mentor".to_string()]);
    let touched = duplicates::merge_people(&mut net, &kept, &other, fields, later()).unwrap();
    assert!(net.person(&other).is_none(), "the other is deleted");
    assert_eq!(net.interactions_of(&kept).len(), 2);
    assert!(net.interaction(&kept, &moved).is_some());
    assert!(net.interactions_of(&other).is_empty());
    assert_eq!(net.interview(&iv).unwrap().person, kept);
    assert_eq!(net.person(&friend).unwrap().introduced_by, Some(kept));
    assert!(
        touched.contains(Kind::Shard, &other)
            && touched.contains(Kind::Shard, &kept)
            && touched.contains(Kind::Interview, &iv)
    );
    assert!(duplicates::merge_people(&mut net, &kept, &kept, PersonFields::default(), later()).is_err());
}

// ---------------------------------------------------------------- exports

#[test]
fn csv_export_guards_formulas_and_offers_a_bom() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let a = person_named(&mut net, &mut ids, "=HYPERLINK(\"http://evil\")");
    set(&mut net, &a, |f| {
        f.company = "Fjord & Co, AS".into();
        f.phone = "+1 555 0100".into();
        f.notes = "line one\nline \"two\"".into();
        f.tags = vec!["a".into(), "b".into()];
    });
    person_named(&mut net, &mut ids, "Zoë @home");
    let people: Vec<&Person> = net.live_people().collect();
    let text = export::people_csv(&net, &people, day("2026-11-25"), false);
    assert!(!text.starts_with('\u{feff}'));
    assert!(export::people_csv(&net, &people, day("2026-11-25"), true).starts_with('\u{feff}'));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), export::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(&rows[0][1], "Fjord & Co, AS");
    assert_eq!(&rows[0][7], "'+1 555 0100");
    assert_eq!(&rows[0][9], "a; b");
    assert_eq!(&rows[0][18], "line one\nline \"two\"");
    assert_eq!(&rows[1][0], "Zoë @home", "only a leading @ is guarded");
    for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
        assert!(export::guard_cell(bad).starts_with('\''), "{bad:?}");
    }
}

fn person_from(fields: PersonFields, id: Id) -> Person {
    Person::new(id, fields, Source::Manual, now())
}

#[test]
fn vcard_export_reads_back_and_parses_with_an_independent_parser() {
    let fields = PersonFields {
        name: "Dr. Chidi Okafor".into(),
        company: "University of Example".into(),
        department: "Philosophy; Ethics".into(),
        role: "Associate Professor, Moral Philosophy".into(),
        email: "chidi@example.edu".into(),
        phone: "+1 555 0100".into(),
        profile_url: "https://example.edu/~chidi".into(),
        location: "Glendale, Arizona".into(),
        tags: vec!["academia".into(), "mentor".into()],
        notes: "Met at the ethics meetup, introduced by Eleanor.\nLikes long walks; hates small talk. ".repeat(3),
        ..PersonFields::default()
    };
    let p = person_from(fields, Id::parse("T00000000001").unwrap());
    let text = export::people_vcard(&[&p]);
    assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 octets plus CR");
    assert!(text.ends_with("END:VCARD\r\n"));
    let back = import::vcard::parse_vcards(&text).unwrap();
    assert_eq!(back.candidates.len(), 1);
    let f = &back.candidates[0].fields;
    assert_eq!(
        (f.name.as_str(), f.company.as_str(), f.department.as_str()),
        (p.name.as_str(), p.company.as_str(), p.department.as_str())
    );
    assert_eq!(
        (f.role.as_str(), f.email.as_str(), f.phone.as_str()),
        (p.role.as_str(), p.email.as_str(), p.phone.as_str())
    );
    assert_eq!(
        (f.profile_url.as_str(), f.location.as_str(), f.notes.as_str()),
        (p.profile_url.as_str(), p.location.as_str(), p.notes.as_str())
    );
    assert_eq!(back.candidates[0].tags, p.tags);

    // The `ical` crate's vCard parser, written independently of Rapport's.
    let cards: Vec<_> = ical::VcardParser::new(std::io::BufReader::new(text.as_bytes())).collect();
    assert_eq!(cards.len(), 1);
    let card = cards.into_iter().next().unwrap().expect("the ical crate parses the card");
    let value = |name: &str| card.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone());
    assert_eq!(value("VERSION").as_deref(), Some("3.0"));
    assert_eq!(value("FN").as_deref(), Some("Dr. Chidi Okafor"));
    // The title is the honorific prefix, not part of the given name (issue 19's hostile test).
    assert_eq!(value("N").as_deref(), Some("Okafor;Chidi;;Dr.;"));
    assert_eq!(value("EMAIL").as_deref(), Some("chidi@example.edu"));
    assert_eq!(value("ORG").as_deref(), Some("University of Example;Philosophy\\; Ethics"));
    assert!(value("NOTE").unwrap().starts_with("Met at the ethics meetup\\, introduced by Eleanor.\\nLikes"));
}

fn text_field() -> impl Strategy<Value = String> {
    // Printable text with the characters vCard and CSV escape, and some non-ASCII; trimmed
    // like validated fields are.
    proptest::string::string_regex("[a-zA-Z0-9 ,;:\\\\\"'.@+\\-éüñ漢字]{0,40}")
        .unwrap()
        .prop_map(|s| s.trim().to_string())
}

prop_compose! {
    fn any_fields()(
        name in "[A-Za-zéÖ][A-Za-z éÖ,;.'-]{0,30}[A-Za-z]",
        company in text_field(), department in text_field(), role in text_field(),
        email in "([a-z]{1,8}@[a-z]{1,8}\\.com)?", phone in "(\\+?[0-9 ]{3,12}[0-9])?",
        url in "(https://[a-z]{1,8}\\.com/[a-z]{0,8})?", location in text_field(),
        tags in proptest::collection::vec("[a-z][a-z0-9 -]{0,10}[a-z0-9]", 0..4),
        notes in proptest::string::string_regex("[a-zA-Z0-9 ,;:\\\\\"\n.éü]{0,200}").unwrap(),
    ) -> PersonFields {
        let mut tags = tags;
        tags.dedup();
        PersonFields { name: name.trim().to_string(), company, department, role, email, phone: phone.trim().to_string(), profile_url: url, location, tags, notes, ..PersonFields::default() }
    }
}

proptest! {
    #[test]
    fn vcard_round_trip(people in proptest::collection::vec(any_fields(), 1..5)) {
        let people: Vec<Person> = people.into_iter().enumerate().map(|(n, f)| person_from(f, Id::parse(&format!("T{:011}", n + 1)).unwrap())).collect();
        let refs: Vec<&Person> = people.iter().collect();
        let back = import::vcard::parse_vcards(&export::people_vcard(&refs)).unwrap();
        prop_assert!(back.skipped.is_empty(), "{:?}", back.skipped);
        prop_assert_eq!(back.candidates.len(), people.len());
        for (c, p) in back.candidates.iter().zip(&people) {
            let expected = p.fields();
            prop_assert_eq!(&c.fields.name, &expected.name);
            prop_assert_eq!(&c.fields.company, &expected.company);
            prop_assert_eq!(&c.fields.department, &expected.department);
            prop_assert_eq!(&c.fields.role, &expected.role);
            prop_assert_eq!(&c.fields.email, &expected.email);
            prop_assert_eq!(&c.fields.phone, &expected.phone);
            prop_assert_eq!(&c.fields.profile_url, &expected.profile_url);
            prop_assert_eq!(&c.fields.location, &expected.location);
            prop_assert_eq!(&c.fields.notes, &expected.notes);
            prop_assert_eq!(&c.tags, &expected.tags);
        }
    }

    #[test]
    fn json_backup_round_trip(people in proptest::collection::vec(any_fields(), 0..5), days in proptest::collection::vec(0i64..800, 0..8)) {
        let mut net = Network::default();
        let mut ids = Ids::new();
        let mut added = Vec::new();
        for f in people {
            let id = ids.next();
            net.add_person(id, f, Source::Imported, now()).unwrap();
            added.push(id);
        }
        for (n, d) in days.iter().enumerate() {
            if let Some(person) = added.get(n % added.len().max(1)) {
                let date = day("2024-01-01") + chrono::Duration::days(*d);
                log(&mut net, &mut ids, person, &date.to_string(), |dr| dr.notes = format!("note {n} ✓"));
            }
        }
        if let Some(first) = added.first() {
            net.delete_person(first, later()).unwrap();
        }
        let text = backup::export_json(&net, later());
        let mut restored = Network::default();
        backup::restore(&mut restored, &backup::parse_backup(&text).unwrap(), false);
        prop_assert_eq!(restored, net);
    }
}

// ---------------------------------------------------------------- messages.csv

fn messages_network() -> (Network, Id, Id, Ids) {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let priya = person_named(&mut net, &mut ids, "Priya Raman");
    set(&mut net, &priya, |f| f.profile_url = "linkedin.com/in/priya-raman-example".into());
    let tomas = person_named(&mut net, &mut ids, "Tomás Ørsted");
    (net, priya, tomas, ids)
}

#[test]
fn messages_become_one_interaction_per_conversation_and_day() {
    let (net, priya, tomas, _) = messages_network();
    let bytes = fixture_bytes("linkedin-messages.csv");
    let preview = read_all(&net, &bytes, false, 1 << 20).unwrap();
    assert_eq!(preview.rows, 6);
    assert_eq!(preview.unmatched, 1, "Someone Else isn't in Rapport");
    assert_eq!(preview.skipped.len(), 1);
    assert_eq!(preview.skipped[0].line, 8, "the second row spans two lines");
    // The same file with LF line ends, read in slices: the same line.
    let lf: Vec<u8> = String::from_utf8(bytes.clone()).unwrap().replace("\r\n", "\n").into_bytes();
    for slice in [1, 5, 4096] {
        let p = read_all(&net, &lf, false, slice).unwrap();
        assert_eq!(p.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), vec![8], "LF, slices of {slice}");
    }
    assert_eq!(preview.people, 2);
    let got: Vec<(Id, chrono::NaiveDate, Initiator, Exchange, String)> =
        preview.interactions.iter().map(|(p, f, e)| (*p, f.date, f.started_by, *e, f.notes.clone())).collect();
    assert_eq!(
        got,
        vec![
            (priya, day("2025-03-14"), Initiator::Me, Exchange::Regular, String::new()),
            (priya, day("2025-04-02"), Initiator::Me, Exchange::Outreach { replied: false }, String::new()),
            (tomas, day("2025-05-20"), Initiator::Me, Exchange::Outreach { replied: false }, String::new()),
        ]
    );
    assert!(preview.interactions.iter().all(|(_, f, _)| f.channel == Channel::LinkedinMessage));
}

#[test]
fn message_text_is_kept_only_when_asked_and_slices_change_nothing() {
    let (net, _, _, _) = messages_network();
    let bytes = fixture_bytes("linkedin-messages.csv");
    let with_text = read_all(&net, &bytes, true, 1 << 20).unwrap();
    let first = &with_text.interactions[0].1.notes;
    assert!(first.starts_with("Me (15:40): Great meeting you at the meetup.\nWould love"), "{first}");
    assert!(first.contains("Priya Raman (16:02): Thanks for the talk, Alex! Here is the deck \"Pipelines 101\"."));
    for slice in [1, 2, 3, 7, 64, 100] {
        assert_eq!(read_all(&net, &bytes, true, slice).unwrap(), with_text, "slices of {slice} bytes");
    }
}

#[test]
fn messages_import_lands_as_a_batch_once() {
    let (mut net, priya, _, mut ids) = messages_network();
    let preview = read_all(&net, &fixture_bytes("linkedin-messages.csv"), false, 4096).unwrap();
    let (_, record) = import::messages::apply(&mut net, &preview, &mut || ids.next(), later(), "messages.csv").unwrap();
    assert_eq!(record.interactions.len(), 3);
    assert_eq!(net.interactions_of(&priya).len(), 2);
    let again = read_all(&net, &fixture_bytes("linkedin-messages.csv"), false, 4096).unwrap();
    assert_eq!((again.interactions.len(), again.already), (0, 3), "importing twice adds nothing");
    let (_, undone) = batch::undo(&mut net, &record.id, later()).unwrap();
    assert_eq!(undone.removed_interactions, 3);
    assert!(net.interactions_of(&priya).is_empty());
}

#[test]
fn bad_message_files_are_refused() {
    let net = Network::default();
    let err = read_all(&net, b"First Name,Last Name,URL\r\nA,B,C\r\n", false, 10).unwrap_err();
    assert!(err.contains("isn't a LinkedIn messages export") && err.contains("CONVERSATION ID"), "{err}");
    assert!(read_all(&net, b"", false, 10).unwrap_err().contains("empty"));
    assert!(read_all(&net, b"CONVERSATION ID,FROM\0\0", false, 10).unwrap_err().contains("binary"));
}

// ---------------------------------------------------------------- batches

#[test]
fn undoing_a_batch_keeps_what_was_changed_since() {
    use rapport_core::import::{apply, linkedin::parse_connections, preview};
    let mut net = Network::default();
    let mut ids = Ids::new_from(500);
    let priya = person_named(&mut net, &mut ids, "Priya Raman");
    let text = String::from_utf8(fixture_bytes("linkedin-connections.csv")).unwrap();
    let p = preview(&net, parse_connections(&text).unwrap());
    let (_, record) =
        apply(&mut net, &p, true, &mut || ids.next(), now(), BatchKind::LinkedinConnections, "Connections.csv")
            .unwrap();
    assert_eq!(record.summary(), "4 people added, 1 row skipped", "Priya has no URL or company here: no match");
    let mei = net.live_people().find(|p| p.name == "Mei Chen").unwrap().id;
    log(&mut net, &mut ids, &mei, "2026-11-20", |_| {});
    let (_, undone) = batch::undo(&mut net, &record.id, later()).unwrap();
    assert_eq!((undone.removed_people, undone.kept.clone()), (3, vec!["Mei Chen".to_string()]));
    assert!(net.person(&priya).is_some(), "people from before the import stay");
    assert!(net.batches().get(&record.id).unwrap().live().unwrap().undone.is_some());
    assert!(batch::undo(&mut net, &record.id, later()).unwrap_err().to_string().contains("already"));
}

#[test]
fn undoing_a_batch_puts_updated_people_back() {
    use rapport_core::import::{apply, linkedin::parse_connections, preview};
    let mut net = Network::default();
    let mut ids = Ids::new_from(500);
    let priya = person_named(&mut net, &mut ids, "Priya Raman");
    set(&mut net, &priya, |f| f.profile_url = "https://www.linkedin.com/in/priya-raman-example".into());
    let text = String::from_utf8(fixture_bytes("linkedin-connections.csv")).unwrap();
    let p = preview(&net, parse_connections(&text).unwrap());
    let (_, record) =
        apply(&mut net, &p, true, &mut || ids.next(), later(), BatchKind::LinkedinConnections, "c.csv").unwrap();
    assert_eq!(net.person(&priya).unwrap().company, "Northwind Analytics");
    batch::undo(&mut net, &record.id, later() + chrono::Duration::minutes(1)).unwrap();
    assert_eq!(net.person(&priya).unwrap().company, "");
    assert_eq!(net.person(&priya).unwrap().connected_on, None);
}

// ---------------------------------------------------------------- bulk triage

#[test]
fn bulk_edits_apply_to_a_selection_and_undo() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let a = person_named(&mut net, &mut ids, "A");
    let b = person_named(&mut net, &mut ids, "B");
    let c = person_named(&mut net, &mut ids, "C");
    let edit = bulk::BulkEdit {
        add_tag: Some(" conference ".into()),
        cadence_days: Some(Some(90)),
        knows_my_work: Some(true),
        archived: Some(true),
        ..Default::default()
    };
    let snapshot = net.clone();
    let (touched, before) = bulk::apply(&mut net, &[a, b], &edit, later()).unwrap();
    assert_eq!((touched.ids(Kind::Person).len(), before.len()), (2, 2));
    let pa = net.person(&a).unwrap();
    assert_eq!(
        (pa.tags.clone(), pa.cadence_days, pa.knows_my_work, pa.archived),
        (vec!["conference".to_string()], Some(90), true, true)
    );
    assert!(!net.person(&c).unwrap().archived);
    let visible = list::network_list(&net, &list::ListQuery::default(), day("2026-11-25"));
    assert_eq!(visible.len(), 1, "archived people leave the list");
    let archived =
        list::network_list(&net, &list::ListQuery { archived: true, ..Default::default() }, day("2026-11-25"));
    assert_eq!(archived.len(), 2);
    // Undo goes through the snapshot revert, as in the app; an edit of B made after the bulk
    // change is kept.
    let mut fb = net.person(&b).unwrap().fields();
    fb.notes = "edited after".into();
    net.update_person(&b, fb, later() + chrono::Duration::seconds(5)).unwrap();
    revert::revert(&mut net, &snapshot, &touched, later(), later() + chrono::Duration::minutes(1));
    assert!(!net.person(&a).unwrap().archived && net.person(&a).unwrap().tags.is_empty());
    assert!(net.person(&b).unwrap().archived, "B changed since the bulk edit, so it is left as it is");
    assert_eq!(net.person(&b).unwrap().notes, "edited after");
    assert!(bulk::apply(&mut net, &[a], &bulk::BulkEdit::default(), later()).is_err());
    assert!(bulk::apply(&mut net, &[], &edit, later()).is_err());
    let bad = bulk::BulkEdit { add_tag: Some("a, b".into()), ..Default::default() };
    assert!(bulk::apply(&mut net, &[a], &bad, later()).is_err());
}

#[test]
fn the_list_can_show_relationships_and_acquaintances_only() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let known = person_named(&mut net, &mut ids, "Known");
    person_named(&mut net, &mut ids, "Connection only");
    log(&mut net, &mut ids, &known, "2026-11-01", |_| {});
    let rows = list::network_list(&net, &list::ListQuery { known_only: true, ..Default::default() }, day("2026-11-25"));
    assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), vec!["Known"]);
}

// ---------------------------------------------------------------- bytes and kinds

#[test]
fn file_bytes_are_decoded_or_refused() {
    assert_eq!(decode_text(b"\xef\xbb\xbfhello").unwrap(), ("hello".to_string(), None));
    // Not UTF-8: Windows-1252, as Excel saves CSV (it read as "Jos� N��ez": issue 19's
    // hostile test).
    let (text, warning) = decode_text(b"Jos\xe9 N\xfa\xf1ez, Caf\xe9 M\xfcller GmbH \x80 \x93q\x94").unwrap();
    assert_eq!(text, "José Núñez, Café Müller GmbH € “q”");
    assert!(warning.unwrap().contains("Windows-1252"));
    assert!(decode_text(b"  \r\n").unwrap_err().contains("empty"));
    assert!(decode_text(b"PK\x03\x04\0\0binary").unwrap_err().contains("binary"));
    let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain("Zoë".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    assert_eq!(decode_text(&utf16).unwrap().0, "Zoë");
}

#[test]
fn file_kinds_are_told_apart() {
    assert_eq!(sniff("Connections.csv", b"\xef\xbb\xbfNotes:\r\n").unwrap(), FileKind::Connections);
    assert_eq!(sniff("messages.csv", b"CONVERSATION ID,CONVERSATION TITLE").unwrap(), FileKind::Messages);
    assert_eq!(sniff("x.txt", b"BEGIN:VCARD\r\n").unwrap(), FileKind::Vcard);
    assert_eq!(sniff("rapport.json", b"{").unwrap(), FileKind::Backup);
    assert!(sniff("photo.png", b"\x89PNG").unwrap_err().contains("can't read"));
    assert!(sniff("a.csv", b"").unwrap_err().contains("empty"));
}

#[test]
fn broken_quoting_is_a_skipped_row_not_a_person() {
    let text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,,,Acme,CEO,01 Jan 2024\n\"Bo,Ek,,,Acme,CTO,01 Jan 2024\nCy,Do,,,Acme,CFO,01 Jan 2024\n";
    let parsed = import::linkedin::parse_connections(text).unwrap();
    assert_eq!(parsed.candidates.len(), 1, "{parsed:?}");
    assert_eq!(parsed.skipped.len(), 1);
    assert!(parsed.skipped[0].reason.contains("never closed"), "{:?}", parsed.skipped);
    // It says how much it swallowed (issue 19's hostile test: 600 lost rows read as one).
    assert!(parsed.skipped[0].reason.contains("runs into the 1 line after it"), "{:?}", parsed.skipped);
    assert_eq!(parsed.skipped[0].line, 3);
}

#[test]
fn a_merge_can_be_reverted_from_a_snapshot() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let kept = person_named(&mut net, &mut ids, "José Núñez");
    let other = person_named(&mut net, &mut ids, "Jose Nunez");
    log(&mut net, &mut ids, &kept, "2026-01-01", |_| {});
    let moved = log(&mut net, &mut ids, &other, "2026-02-01", |_| {});
    let iv = ids.next();
    net.add_interview(iv, &other, None, now()).unwrap();
    let before = net.clone();
    let fields = net.person(&kept).unwrap().fields();
    let touched = duplicates::merge_people(&mut net, &kept, &other, fields, later()).unwrap();
    // Something logged after the merge (here or in another tab) survives its undo.
    let mut draft = InteractionInput::new_for(day("2026-11-20"));
    draft.topic = "After the merge".into();
    let after = ids.next();
    net.log_interaction(
        after,
        &kept,
        draft.validate(day("2026-11-25")).unwrap(),
        later() + chrono::Duration::seconds(5),
    )
    .unwrap();
    revert::revert(&mut net, &before, &touched, later(), later() + chrono::Duration::minutes(1));
    assert!(net.interaction(&kept, &after).is_some(), "a later interaction is kept");
    net.delete_interaction(&kept, &after, later() + chrono::Duration::minutes(2)).unwrap();
    assert_eq!(net.person(&other).unwrap().name, "Jose Nunez");
    assert_eq!(net.interactions_of(&other).iter().map(|i| i.id).collect::<Vec<_>>(), vec![moved]);
    assert_eq!(net.interactions_of(&kept).len(), 1);
    assert!(
        net.shards().get(&kept).unwrap().gone.iter().any(|t| t.id == moved),
        "the moved copy is a tombstone in the kept shard"
    );
    assert_eq!(net.interview(&iv).unwrap().person, other);
}

//! Imports: the LinkedIn fixtures in their real layouts, bad files, and matching.
mod common;
use common::{day, now, person_named, Ids};
use rapport_core::import::linkedin::parse_connections;
use rapport_core::import::matching::{find_match, normalise_profile_url, MatchedBy};
use rapport_core::*;

/// The sample files of ../shared/fixtures, copied as they are into core/tests/fixtures.
fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn current_export_with_preamble_bom_crlf_and_quotes() {
    let parsed = parse_connections(&fixture("linkedin-connections.csv")).unwrap();
    let names: Vec<&str> = parsed.candidates.iter().map(|c| c.fields.name.as_str()).collect();
    assert_eq!(names, vec!["Priya Raman", "Tomás Ørsted", "Mei Chen", "Kwame Mensah"]);
    let tomas = &parsed.candidates[1];
    assert_eq!(tomas.fields.company, "Fjord & Co, AS");
    assert_eq!(tomas.fields.role, "Head of Product, Platform");
    assert_eq!(tomas.fields.email, "tomas@example.org");
    assert_eq!(tomas.connected_on, Some(day("2021-11-19")));
    assert_eq!(parsed.candidates[3].fields.role, "Engineering Manager \"Autonomy\"");
    assert_eq!(parsed.candidates[3].fields.profile_url, "");
    assert_eq!(parsed.skipped.len(), 1);
    assert_eq!(parsed.skipped[0].line, 8, "the row with no name, counted from the top of the file");
    assert!(parsed.candidates.iter().all(|c| c.source == Source::Imported));
}

#[test]
fn older_export_without_url_or_preamble() {
    let parsed = parse_connections(&fixture("linkedin-connections-old-no-url.csv")).unwrap();
    assert_eq!(parsed.candidates.len(), 1);
    assert_eq!(parsed.candidates[0].fields.name, "Lena Vogel");
    assert_eq!(parsed.candidates[0].connected_on, Some(day("2016-03-03")));
    assert_eq!(parsed.candidates[0].line, 2);
}

#[test]
fn bad_files_are_refused_with_a_message() {
    fn check(text: &str, fragment: &str) {
        let err = parse_connections(text).unwrap_err();
        assert!(err.contains(fragment), "{err}");
    }
    check("", "isn't a LinkedIn connections export");
    check("Name,Email\nAda,ada@example.com\n", "isn't a LinkedIn connections export");
    check("\u{0}\u{1}binary", "isn't a LinkedIn connections export");
    // The CSVs people pick instead say what to do (issue 19's hostile test).
    check("\u{feff}Name,Company,Role,Department\nAda,Acme,,\n", "use “Download everything (JSON)”");
    check(
        "Name,Given Name,Additional Name,Family Name,E-mail 1 - Value\nAda Okafor,Ada,,Okafor,a@x.com\n",
        "Google Contacts CSV",
    );
    check("First Name,Middle Name,Last Name,E-mail Address\nAda,,Okafor,a@x.com\n", "Outlook contacts CSV");
    let odd_date = "First Name,Last Name,Connected On\nAda,Okafor,sometime\n";
    let parsed = parse_connections(odd_date).unwrap();
    assert_eq!(parsed.candidates[0].connected_on, None);
    assert_eq!(parsed.warnings.len(), 1);
}

#[test]
fn matching_by_url_then_email_then_name_and_company() {
    assert_eq!(normalise_profile_url("HTTPS://www.LinkedIn.com/in/Ada/?trk=x"), "linkedin.com/in/ada");
    let mut net = Network::default();
    let mut ids = Ids::new();
    let ada = person_named(&mut net, &mut ids, "José Núñez");
    let mut f = net.person(&ada).unwrap().fields();
    f.company = "Fjord & Co, AS".into();
    f.profile_url = "https://www.linkedin.com/in/jose/".into();
    f.email = "JOSE@example.org ".into();
    net.update_person(&ada, f, now()).unwrap();
    let parsed = parse_connections("First Name,Last Name,URL,Email Address,Company\nX,Y,http://linkedin.com/in/JOSE,,\nZ,W,,jose@example.org,\nJose,Nunez,,,fjord & co\u{2c} as\n").unwrap();
    let found: Vec<Option<MatchedBy>> =
        parsed.candidates.iter().map(|c| find_match(&net, c).map(|(_, by)| by)).collect();
    assert_eq!(found, vec![Some(MatchedBy::ProfileUrl), Some(MatchedBy::Email), None]);
    let exact = parse_connections("First Name,Last Name,Company\nJose,Nunez,\"FJORD & CO, AS\"\n").unwrap();
    assert_eq!(find_match(&net, &exact.candidates[0]).map(|(_, by)| by), Some(MatchedBy::NameAndCompany));
}

#[test]
fn vcards_from_apple_and_google() {
    use rapport_core::import::vcard::parse_vcards;
    let parsed = parse_vcards(&fixture("contacts.vcf")).unwrap();
    assert_eq!(parsed.candidates.len(), 2);
    let chidi = &parsed.candidates[0].fields;
    assert_eq!(chidi.name, "Dr. Chidi Okafor");
    assert_eq!(
        (chidi.company.as_str(), chidi.department.as_str()),
        ("University of Example", "Department of Philosophy")
    );
    assert_eq!(chidi.role, "Associate Professor");
    assert_eq!(chidi.email, "chidi@example.edu", "Apple's grouped item1.EMAIL");
    assert_eq!(chidi.phone, "+1 555 0100");
    assert_eq!(
        chidi.notes, "Met at the ethics meetup, introduced by Eleanor. Likes long walks; hates small talk.",
        "folded and escaped"
    );
    assert_eq!(chidi.profile_url, "https://example.edu/~chidi");
    assert_eq!(parsed.candidates[0].tags, vec!["academia", "mentor"]);
    let sofia = &parsed.candidates[1].fields;
    assert_eq!(
        (sofia.name.as_str(), sofia.company.as_str(), sofia.email.as_str()),
        ("Sofia Álvarez", "Initech", "sofia@example.com")
    );
}

#[test]
fn vcard_2_1_quoted_printable_is_read() {
    use rapport_core::import::vcard::parse_vcards;
    let parsed = parse_vcards(&fixture("contacts-v21-quoted-printable.vcf")).unwrap();
    assert_eq!(parsed.candidates[0].fields.name, "Jürgen Müller");
    assert_eq!(parsed.candidates[0].fields.phone, "+49 30 000000");
    assert!(parse_vcards("hello").unwrap_err().contains("isn't a vCard"));
    let broken = parse_vcards(
        "BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=ZZ\nEND:VCARD\nBEGIN:VCARD\nEMAIL:x@example.com\nEND:VCARD\n",
    )
    .unwrap();
    assert!(broken.skipped[0].reason.contains("can't be decoded"), "{broken:?}");
    assert_eq!(broken.skipped.len(), 3, "the bad value, then both cards, which have no name: {broken:?}");
}

#[test]
fn preview_then_apply_lands_whole() {
    use rapport_core::import::{apply, batch::BatchKind, preview};
    let mut net = Network::default();
    let mut ids = Ids::new_from(900);
    let priya = person_named(&mut net, &mut ids, "Priya Raman");
    let mut f = net.person(&priya).unwrap().fields();
    f.profile_url = "https://linkedin.com/in/priya-raman-example/".into();
    f.notes = "Typed by hand".into();
    net.update_person(&priya, f, now()).unwrap();
    let parsed = parse_connections(&fixture("linkedin-connections.csv")).unwrap();
    let p = preview(&net, parsed);
    assert_eq!((p.new.len(), p.matches.len(), p.skipped.len()), (3, 1, 1));
    let (touched, batch) =
        apply(&mut net, &p, true, &mut || ids.next(), now(), BatchKind::LinkedinConnections, "Connections.csv")
            .unwrap();
    assert_eq!((batch.added.len(), batch.before.len(), touched.ids(Kind::Person).len()), (3, 1, 4));
    assert_eq!(touched.ids(Kind::Batch), &std::collections::BTreeSet::from([batch.id]));
    let priya = net.person(&priya).unwrap();
    assert_eq!((priya.company.as_str(), priya.notes.as_str()), ("Northwind Analytics", "Typed by hand"));
    assert_eq!(priya.connected_on, Some(day("2025-02-04")));
    assert!(net.shards().is_empty(), "no interactions are invented");
    let tomas = net.live_people().find(|p| p.name == "Tomás Ørsted").unwrap();
    assert_eq!(insights::stage(net.interactions_of(&tomas.id), day("2026-11-25"), 3), insights::Stage::Connection);
    // Importing the same file again adds no one.
    let again = preview(&net, parse_connections(&fixture("linkedin-connections.csv")).unwrap());
    assert_eq!((again.new.len(), again.matches.len()), (0, 4));
}

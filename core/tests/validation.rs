//! Form validation: one `check` helper per form, one row per rule.
mod common;
use common::day;
use rapport_core::{Id, InteractionInput, PersonInput, ProfileInput};

/// Validates a person draft changed by `edit`; `expected` is `Ok(())` or the field in error
/// and a fragment of its message.
fn check_person(edit: impl FnOnce(&mut PersonInput), expected: Result<(), (&str, &str)>) {
    let mut draft = PersonInput { name: "Ada Okafor".into(), ..PersonInput::default() };
    edit(&mut draft);
    let known = Id::parse("KNOWNPERSON1").unwrap();
    let result = draft.validate(|id| id == &known, Some(&Id::parse("MEMEMEMEMEME").unwrap()));
    match (result, expected) {
        (Ok(_), Ok(())) => {}
        (Err(errors), Err((field, fragment))) => {
            let message = errors.get(field).unwrap_or_else(|| panic!("no error on {field}: {errors}"));
            assert!(message.contains(fragment), "{field}: “{message}” lacks “{fragment}”");
        }
        (got, want) => panic!("got {got:?}, wanted {want:?}"),
    }
}

#[test]
fn person_rules() {
    check_person(|_| {}, Ok(()));
    check_person(|d| d.name = "   ".into(), Err(("name", "Enter a name")));
    check_person(|d| d.name = "x".repeat(201), Err(("name", "under 200")));
    check_person(|d| d.email = "ada@example.com".into(), Ok(()));
    check_person(|d| d.email = "ada.example.com".into(), Err(("email", "email address")));
    check_person(|d| d.email = "ada@exa mple.com".into(), Err(("email", "email address")));
    check_person(|d| d.email = "a@b@c.com".into(), Err(("email", "email address")));
    check_person(|d| d.phone = "+44 (20) 7946-0958".into(), Ok(()));
    check_person(|d| d.phone = "call me".into(), Err(("phone", "digits")));
    check_person(|d| d.phone = "123".into(), Err(("phone", "at least 5")));
    check_person(|d| d.profile_url = "www.linkedin.com/in/ada".into(), Ok(()));
    check_person(|d| d.profile_url = "ftp://x.org".into(), Err(("profile_url", "https://")));
    check_person(|d| d.profile_url = "not a url".into(), Err(("profile_url", "web address")));
    check_person(|d| d.cadence_days = "30".into(), Ok(()));
    check_person(|d| d.cadence_days = "0".into(), Err(("cadence_days", "1 to 3650")));
    check_person(|d| d.cadence_days = "abc".into(), Err(("cadence_days", "whole number")));
    check_person(|d| d.cadence_days = "9999".into(), Err(("cadence_days", "1 to 3650")));
    check_person(|d| d.seniority = "senior".into(), Ok(()));
    check_person(|d| d.seniority = "overlord".into(), Err(("seniority", "listed options")));
    check_person(|d| d.origin = "nowhere".into(), Err(("origin", "listed options")));
    check_person(
        |d| {
            d.origin = "introduced".into();
            d.introduced_by = "KNOWNPERSON1".into();
        },
        Ok(()),
    );
    check_person(
        |d| {
            d.origin = "introduced".into();
            d.introduced_by = "UNKNOWN00001".into();
        },
        Err(("introduced_by", "Choose a person")),
    );
    check_person(
        |d| {
            d.origin = "introduced".into();
            d.introduced_by = "MEMEMEMEMEME".into();
        },
        Err(("introduced_by", "themselves")),
    );
    check_person(|d| d.tags = format!("ok, {}", "t".repeat(41)), Err(("tags", "too long")));
    check_person(|d| d.notes = "n".repeat(20_001), Err(("notes", "20000")));
}

#[test]
fn person_fields_are_trimmed_and_lists_split() {
    let draft = PersonInput {
        name: "  Ada   Okafor ".into(),
        tags: "mentor,  Mentor, hiring,, ".into(),
        affiliations: "Fernwood University\nWomen in Data".into(),
        origin: "former_colleague".into(),
        introduced_by: "KNOWNPERSON1".into(),
        ..PersonInput::default()
    };
    let fields = draft.validate(|_| true, None).unwrap();
    assert_eq!(fields.name, "Ada Okafor");
    assert_eq!(fields.tags, vec!["mentor", "hiring"]);
    assert_eq!(fields.affiliations, vec!["Fernwood University", "Women in Data"]);
    // An introducer only counts when the origin says "introduced".
    assert_eq!(fields.introduced_by, None);
}

fn check_interaction(edit: impl FnOnce(&mut InteractionInput), expected: Result<(), (&str, &str)>) {
    let today = day("2026-11-25");
    let mut draft = InteractionInput::new_for(today);
    edit(&mut draft);
    match (draft.validate(today), expected) {
        (Ok(_), Ok(())) => {}
        (Err(errors), Err((field, fragment))) => {
            let message = errors.get(field).unwrap_or_else(|| panic!("no error on {field}: {errors}"));
            assert!(message.contains(fragment), "{field}: “{message}” lacks “{fragment}”");
        }
        (got, want) => panic!("got {got:?}, wanted {want:?}"),
    }
}

#[test]
fn interaction_rules() {
    check_interaction(|_| {}, Ok(()));
    check_interaction(|d| d.date = "".into(), Err(("date", "Enter the date")));
    check_interaction(|d| d.date = "2026-02-30".into(), Err(("date", "real date")));
    check_interaction(|d| d.date = "25/11/2026".into(), Err(("date", "real date")));
    check_interaction(|d| d.date = "2027-11-25".into(), Ok(()));
    check_interaction(|d| d.date = "2028-11-25".into(), Err(("date", "more than a year ahead")));
    check_interaction(|d| d.date = "1850-01-01".into(), Err(("date", "after 1900")));
    check_interaction(|d| d.channel = "pigeon".into(), Err(("channel", "listed")));
    check_interaction(|d| d.purpose = "".into(), Err(("purpose", "listed")));
    check_interaction(|d| d.started_by = "us".into(), Err(("started_by", "listed")));
    check_interaction(|d| d.topic = "t".repeat(201), Err(("topic", "200")));
}

#[test]
fn interaction_defaults_are_today_started_by_me() {
    let draft = InteractionInput::new_for(day("2026-11-25"));
    let fields = draft.validate(day("2026-11-25")).unwrap();
    assert_eq!(fields.date, day("2026-11-25"));
    assert_eq!(fields.started_by, rapport_core::Initiator::Me);
}

#[test]
fn profile_rules() {
    let ok = ProfileInput { name: "Sam".into(), seniority: "mid".into(), ..ProfileInput::default() };
    assert!(ok.validate().is_ok());
    let bad = ProfileInput { seniority: "boss".into(), ..ProfileInput::default() };
    assert!(bad.validate().unwrap_err().get("seniority").is_some());
}

/// Copy: articles and plurals ("a acquaintance", "1 days ago" were shown).
#[test]
fn articles_and_plurals() {
    use rapport_core::text::{count, with_article};
    assert_eq!(with_article("acquaintance"), "an acquaintance");
    assert_eq!(with_article("relationship"), "a relationship");
    assert_eq!(with_article("Obligate"), "an Obligate");
    assert_eq!(count(1, "day", "days"), "1 day");
    assert_eq!(count(0, "ask", "asks"), "0 asks");
    assert_eq!(count(3, "person", "people"), "3 people");
}

/// The planner's holidays in Settings: ISO dates separated by commas, spaces or new lines,
/// sorted and without repeats; the first text that is not a date is named. (Read with
/// `NaiveDate`'s `FromStr` since issue 19, not chrono's strftime: the same text as before.)
fn check_holidays(text: &str, expected: Result<&[&str], &str>) {
    let current = rapport_core::Settings::default();
    let mut input = rapport_core::SettingsInput::from_settings(&current);
    input.holidays = text.into();
    match (input.validate(&current), expected) {
        (Ok(settings), Ok(dates)) => {
            let got: Vec<String> = settings.prefs.holidays.iter().map(|d| d.to_string()).collect();
            assert_eq!(got, dates, "{text:?}");
            // What the form shows again reads back the same.
            let again = rapport_core::SettingsInput::from_settings(&settings);
            assert_eq!(again.validate(&settings).unwrap().prefs.holidays, settings.prefs.holidays);
        }
        (Err(errors), Err(fragment)) => {
            let message = errors.get("holidays").unwrap_or_else(|| panic!("no error on holidays: {errors}"));
            assert!(message.contains(fragment), "“{message}” lacks “{fragment}”");
        }
        (got, want) => panic!("{text:?}: got {got:?}, wanted {want:?}"),
    }
}

#[test]
fn holiday_rules() {
    check_holidays("", Ok(&[]));
    check_holidays("2026-12-25", Ok(&["2026-12-25"]));
    check_holidays("2026-12-25, 2026-12-24\n2026-12-25  2027-01-01", Ok(&["2026-12-24", "2026-12-25", "2027-01-01"]));
    check_holidays("2026-1-5", Ok(&["2026-01-05"]));
    check_holidays("2026-02-30", Err("“2026-02-30” is not a date"));
    check_holidays("2026-12-25, 25/12/2026", Err("“25/12/2026” is not a date"));
    check_holidays("2026-12-25x", Err("“2026-12-25x” is not a date"));
    check_holidays("Christmas", Err("use YYYY-MM-DD"));
}

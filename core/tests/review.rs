//! The review after an import: who is in the queue, in which order and why, and what each
//! choice records.
mod common;
use common::{day, log, now, Ids};
use rapport_core::interaction::Channel;
use rapport_core::planner::EmployerInput;
use rapport_core::review::{progress, queue, Decision, Keep, ReviewChoice, Signal};
use rapport_core::*;

/// An imported person: name, company, school (empty for none), connected on.
fn imported(net: &mut Network, ids: &mut Ids, name: &str, company: &str, school: &str, connected: &str) -> Id {
    let input = PersonInput {
        name: name.into(),
        company: company.into(),
        affiliations: school.into(),
        ..PersonInput::default()
    };
    let fields = input.validate(|_| false, None).unwrap();
    let id = ids.next();
    net.add_person(id, fields, Source::Imported, now() - chrono::Duration::seconds(2)).unwrap();
    let mut person = net.person(&id).unwrap().clone();
    person.connected_on = (!connected.is_empty()).then(|| day(connected));
    person.updated = now() - chrono::Duration::seconds(1);
    assert!(net.merge_person_slot(PersonSlot::Live(person)));
    id
}

fn network() -> (Network, Ids) {
    let mut net = Network::default();
    let mut profile = net.profile.clone();
    profile.organisation = "Initech".into();
    profile.past_employers = vec!["Globex Corporation".into()];
    profile.affiliations = vec!["University of Leeds".into()];
    net.set_profile(profile, now());
    let id = Id::parse("E00000000001").unwrap();
    let employer = EmployerInput { name: "Hooli".into(), ..EmployerInput::new() }.validate(|_| false).unwrap();
    net.add_employer(id, employer, now()).unwrap();
    (net, Ids::new())
}

/// Checks the queue's order by name, and the first reason of each.
fn check(net: &Network, expected: &[(&str, &str)]) {
    let got: Vec<(String, String)> = queue(net, day("2026-11-25"))
        .iter()
        .map(|item| (net.person(&item.person).unwrap().name.clone(), item.why_here()))
        .collect();
    let got: Vec<(&str, &str)> = got.iter().map(|(n, w)| (n.as_str(), w.as_str())).collect();
    let names: Vec<&str> = got.iter().map(|(n, _)| *n).collect();
    let want: Vec<&str> = expected.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, want, "queue order");
    for ((name, why), (_, fragment)) in got.iter().zip(expected) {
        assert!(why.contains(fragment), "{name}: {why:?} should mention {fragment:?}");
    }
}

#[test]
fn likely_warm_ties_come_first_and_say_why() {
    let (mut net, mut ids) = network();
    let plain_old = imported(&mut net, &mut ids, "Zed Plain", "Acme", "", "2015-01-01");
    let plain_new = imported(&mut net, &mut ids, "Yan Plain", "Acme", "", "2022-06-01");
    let recent = imported(&mut net, &mut ids, "Rae Recent", "Acme", "", "2026-10-01");
    let target = imported(&mut net, &mut ids, "Tao Target", "Hooli Inc.", "", "2019-01-01");
    let past = imported(&mut net, &mut ids, "Pia Past", "Globex", "", "2018-01-01");
    let colleague = imported(&mut net, &mut ids, "Cal Colleague", "Initech", "", "2017-01-01");
    let school = imported(&mut net, &mut ids, "Sam School", "Acme", "university of leeds", "2016-01-01");
    let talked = imported(&mut net, &mut ids, "Tia Talked", "Acme", "", "2014-01-01");
    log(&mut net, &mut ids, &talked, "2024-03-01", |i| i.channel = Channel::LinkedinMessage.key().into());
    // People added by hand are known already: never in the review.
    common::person_named(&mut net, &mut ids, "Manual Person");
    let _ = (plain_old, plain_new, recent, target, past, colleague, school);
    check(
        &net,
        &[
            ("Tia Talked", "talked before"),
            ("Sam School", "shared school or group"),
            // One tier, the newer connection first.
            ("Pia Past", "colleagues"),
            ("Cal Colleague", "colleagues"),
            ("Tao Target", "target employer"),
            ("Rae Recent", "recent connection"),
            ("Yan Plain", "Nothing on record"),
            ("Zed Plain", "Nothing on record"),
        ],
    );
    let first = &queue(&net, day("2026-11-25"))[0];
    assert_eq!(first.signals, vec![Signal::Messages(1)]);
    let sam = queue(&net, day("2026-11-25")).into_iter().find(|i| i.person == school).unwrap();
    assert_eq!(sam.signals[0].describe(), "You share university of leeds.");
}

#[test]
fn each_choice_is_recorded_and_the_queue_moves_on() {
    let (mut net, mut ids) = network();
    let a = imported(&mut net, &mut ids, "Ann A", "Acme", "", "2026-10-03");
    let b = imported(&mut net, &mut ids, "Ben B", "Acme", "", "2026-10-02");
    let c = imported(&mut net, &mut ids, "Cat C", "Acme", "", "2026-10-01");
    let keep = Keep { origin: Some(Origin::FormerColleague), cadence_days: Some(90), knows_my_work: true };
    net.review(&a, &Decision::Keep(keep), now()).unwrap();
    net.review(&b, &Decision::NotNow, now()).unwrap();
    net.review(&c, &Decision::Skip, now()).unwrap();

    let ann = net.person(&a).unwrap();
    assert_eq!(
        (ann.origin, ann.cadence_days, ann.knows_my_work, ann.archived),
        (Some(Origin::FormerColleague), Some(90), true, false)
    );
    assert_eq!(ann.reviewed.unwrap().choice, ReviewChoice::Kept);
    assert!(net.person(&b).unwrap().archived, "not now archives");
    let left = queue(&net, day("2026-11-25"));
    assert_eq!(left.len(), 1, "only the skipped person waits");
    assert!(left[0].skipped_before && left[0].why_here().contains("skipped"));
    let p = progress(&net);
    assert_eq!((p.kept, p.not_now, p.left, p.skipped, p.goal), (1, 1, 1, 1, 50));
}

#[test]
fn undo_puts_the_person_back_unless_changed_since() {
    let (mut net, mut ids) = network();
    let a = imported(&mut net, &mut ids, "Ann A", "Acme", "", "");
    let before_all = net.person(&a).unwrap().clone();
    let (_, before) = net.review(&a, &Decision::NotNow, now()).unwrap();
    assert_eq!(before, before_all);
    let later = now() + chrono::Duration::seconds(5);
    net.undo_review(&before, now(), later).unwrap();
    let back = net.person(&a).unwrap();
    assert!(!back.archived && back.reviewed.is_none() && back.updated == later);
    assert_eq!(queue(&net, day("2026-11-25")).len(), 1);

    // Changed again after the choice (here, by another review): undo refuses and keeps it.
    let (_, before) = net.review(&a, &Decision::NotNow, now()).unwrap();
    net.review(&a, &Decision::Skip, later).unwrap();
    let err = net.undo_review(&before, now(), later).unwrap_err();
    assert!(err.to_string().contains("changed after"), "{err}");
    assert_eq!(net.person(&a).unwrap().reviewed.unwrap().choice, ReviewChoice::Skipped);
}

#[test]
fn a_bad_cadence_changes_nothing() {
    let (mut net, mut ids) = network();
    let a = imported(&mut net, &mut ids, "Ann A", "Acme", "", "");
    let before = net.clone();
    let keep = Keep { cadence_days: Some(0), ..Keep::default() };
    assert!(net.review(&a, &Decision::Keep(keep), now()).is_err());
    assert_eq!(net, before);
}

#[test]
fn archived_and_reviewed_people_leave_the_queue_and_an_old_store_reads() {
    let (mut net, mut ids) = network();
    let a = imported(&mut net, &mut ids, "Ann A", "Acme", "", "");
    // A person stored before the review existed has no `reviewed` field: still waiting.
    let json = serde_json::to_string(net.person(&a).unwrap()).unwrap();
    assert!(!json.contains("reviewed"));
    let read: Person = serde_json::from_str(&json).unwrap();
    assert!(rapport_core::review::waiting(&read));
    net.review(&a, &Decision::Keep(Keep::default()), now()).unwrap();
    let json = serde_json::to_string(net.person(&a).unwrap()).unwrap();
    assert!(json.contains(r#""reviewed":{"choice":"kept""#), "{json}");
    assert!(queue(&net, day("2026-11-25")).is_empty());
}

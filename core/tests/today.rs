//! Today: one ranked list, one item per person, done and snooze, and the backup reminder
//! only when there is something worth backing up, never first.
mod common;
use common::{day, log, now, person_named, Ids};
use rapport_core::insights::{insights, Suggestion, SuggestionKind};
use rapport_core::review::Decision;
use rapport_core::today::{done_until, snooze_until, today_list, worth_backing_up, Action, Hidden};
use rapport_core::*;

const TODAY: &str = "2026-11-25";

fn with_cadence(net: &mut Network, ids: &mut Ids, name: &str, cadence: u16, last: Option<&str>) -> Id {
    let id = person_named(net, ids, name);
    let mut fields = net.person(&id).unwrap().fields();
    fields.cadence_days = Some(cadence);
    net.update_person(&id, fields, now()).unwrap();
    if let Some(date) = last {
        log(net, ids, &id, date, |_| {});
    }
    id
}

/// A backup downloaded just now: no reminder.
fn backed_up(net: &mut Network) {
    net.settings.prefs.last_backup = Some(now());
}

fn imported(net: &mut Network, ids: &mut Ids, name: &str) -> Id {
    let fields = PersonInput { name: name.into(), ..PersonInput::default() }.validate(|_| false, None).unwrap();
    let id = ids.next();
    net.add_person(id, fields, Source::Imported, now()).unwrap();
    id
}

/// Checks the titles of Today's list, in order.
fn check(net: &Network, suggestions: &[Suggestion], hidden: &Hidden, expected: &[&str]) {
    let items = today_list(net, day(TODAY), now(), suggestions, hidden);
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, expected);
}

#[test]
fn most_overdue_first_then_the_review_then_suggestions_one_person_once() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let ada = with_cadence(&mut net, &mut ids, "Ada", 30, Some("2026-09-01"));
    let _ben = with_cadence(&mut net, &mut ids, "Ben", 30, Some("2026-10-10"));
    let cy = person_named(&mut net, &mut ids, "Cy");
    imported(&mut net, &mut ids, "Imported One");
    backed_up(&mut net);
    let suggestions = vec![
        // Ada is also overdue: she appears once, with the more important item.
        Suggestion { kind: SuggestionKind::Reconnect, person: ada, name: "Ada".into(), reason: "quiet".into() },
        Suggestion { kind: SuggestionKind::GiveFirst, person: cy, name: "Cy".into(), reason: "asked".into() },
    ];
    check(
        &net,
        &suggestions,
        &Hidden::new(),
        &[
            "Get back in touch with Ada",
            "Get back in touch with Ben",
            "Review 1 imported person: who do you actually know?",
            "Give first to Cy",
        ],
    );
    let items = today_list(&net, day(TODAY), now(), &suggestions, &Hidden::new());
    assert!(items[0].reason.contains("every 30 days") && items[0].when.as_deref() == Some("55 days overdue"));
    // One label for logging, wherever it comes from.
    let labels: Vec<&str> = items.iter().map(|i| i.action.label()).collect();
    assert_eq!(labels, ["Log interaction", "Log interaction", "Review", "Log interaction"]);
    assert!(matches!(items[3].action, Action::LogInteraction { purpose: Purpose::GaveResource, .. }));
}

#[test]
fn done_and_snoozed_items_stay_away_until_their_day() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    with_cadence(&mut net, &mut ids, "Ada", 30, Some("2026-09-01"));
    with_cadence(&mut net, &mut ids, "Ben", 30, Some("2026-10-10"));
    backed_up(&mut net);
    let items = today_list(&net, day(TODAY), now(), &[], &Hidden::new());
    let mut hidden = Hidden::new();
    hidden.insert(items[0].key.clone(), snooze_until(day(TODAY)));
    hidden.insert(items[1].key.clone(), done_until(&net, &items[1].key, day(TODAY)));
    check(&net, &[], &hidden, &[]);
    // Three days on, the snoozed one is back; the done one is not.
    let later = today_list(&net, day("2026-11-28"), now(), &[], &hidden);
    assert_eq!(later.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(), ["Get back in touch with Ada"]);
    // Once Ben comes due again (a new contact, a new due date), he is back too.
    let ben = net.live_people().find(|p| p.name == "Ben").unwrap().id;
    log(&mut net, &mut ids, &ben, "2026-11-20", |_| {});
    let again = today_list(&net, day("2026-12-25"), now(), &[], &hidden);
    assert!(again.iter().any(|i| i.title == "Get back in touch with Ben"));
}

#[test]
fn the_backup_reminder_needs_something_worth_backing_up_and_never_comes_first() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    // Day one, right after an import: nothing that could not be imported again.
    let a = imported(&mut net, &mut ids, "Imported One");
    assert!(!worth_backing_up(&net));
    check(&net, &[], &Hidden::new(), &["Review 1 imported person: who do you actually know?"]);
    // A review decision is work worth keeping: the reminder comes, after the first action.
    imported(&mut net, &mut ids, "Imported Two");
    net.review(&a, &Decision::Skip, now()).unwrap();
    assert!(worth_backing_up(&net));
    check(&net, &[], &Hidden::new(), &["Review 2 imported people: who do you actually know?", "Download a backup"]);
    // Alone, it is the only item.
    let mut alone = Network::default();
    person_named(&mut alone, &mut ids, "By Hand");
    check(&alone, &[], &Hidden::new(), &["Download a backup"]);
    // The sample network is not worth a backup.
    let mut sample = Network::default();
    rapport_core::sample::add_sample(&mut sample, day(TODAY), now(), &mut || ids.next()).unwrap();
    assert!(!worth_backing_up(&sample));
}

#[test]
fn the_sample_network_gives_a_short_ranked_list_without_repeats() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    rapport_core::sample::add_sample(&mut net, day(TODAY), now(), &mut || ids.next()).unwrap();
    let suggestions = insights(&net, day(TODAY)).suggestions;
    let items = today_list(&net, day(TODAY), now(), &suggestions, &Hidden::new());
    assert!(items.len() > rapport_core::today::FIRST_ITEMS, "more than the first screen holds");
    let mut people: Vec<Id> = items.iter().filter_map(|i| i.person).collect();
    let count = people.len();
    people.sort();
    people.dedup();
    assert_eq!(people.len(), count, "one person, one item");
    let mut keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), items.len(), "keys are unique");
    let tiers: Vec<u8> = items.iter().map(|i| i.tier).collect();
    assert!(tiers.windows(2).all(|w| w[0] <= w[1]), "ranked by tier: {tiers:?}");
}

/// Bug: snoozing "Get back in touch with A" brought up "Follow up with A" in its place (the
/// same action, from the suggestions). Hiding a person's item hides the person for that while.
#[test]
fn snoozing_a_persons_item_does_not_bring_up_another_for_them() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let ada = with_cadence(&mut net, &mut ids, "Ada", 30, Some("2026-09-01"));
    backed_up(&mut net);
    let suggestions = insights(&net, day(TODAY)).suggestions;
    assert!(suggestions.iter().any(|s| s.person == ada), "the suggestions name Ada too");
    let items = today_list(&net, day(TODAY), now(), &suggestions, &Hidden::new());
    assert_eq!(items.len(), 1);
    let mut hidden = Hidden::new();
    hidden.insert(items[0].key.clone(), snooze_until(day(TODAY)));
    check(&net, &suggestions, &hidden, &[]);
}

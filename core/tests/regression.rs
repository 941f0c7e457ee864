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
    let mut draft = InteractionDraft::new_for(day("2026-11-25"));
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
    net.add_interview(iv.clone(), &p, None, now()).unwrap();
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
    net.add_interview(iv.clone(), &p, None, now()).unwrap();
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

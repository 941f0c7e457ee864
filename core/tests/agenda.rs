//! The Today agenda and the words for time.
mod common;
use common::{day, person_named, Ids};
use rapport_core::agenda::{ago, keep_in_touch, overdue_text};
use rapport_core::*;

#[test]
fn ago_words() {
    fn check(date: &str, expected: &str) {
        assert_eq!(ago(day(date), day("2026-11-25")), expected, "{date}");
    }
    check("2026-11-25", "today");
    check("2026-11-24", "yesterday");
    check("2026-11-22", "3 days ago");
    check("2026-11-11", "2 weeks ago");
    check("2026-08-25", "3 months ago");
    check("2025-11-25", "12 months ago");
    check("2024-11-20", "2 years ago");
    check("2026-11-26", "tomorrow");
    check("2026-12-01", "in 6 days");
}

#[test]
fn overdue_words() {
    assert_eq!(overdue_text(0), "due today");
    assert_eq!(overdue_text(1), "1 day overdue");
    assert_eq!(overdue_text(12), "12 days overdue");
    assert_eq!(overdue_text(-3), "due in 3 days");
}

/// Builds one person with a cadence and the given genuine/non-genuine interactions,
/// and checks the agenda entry for today 2026-11-25.
fn check(cadence: Option<u16>, interactions: &[(&str, Exchange)], expected_overdue: Option<i64>) {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    let mut fields = net.person(&p).unwrap().fields();
    fields.cadence_days = cadence;
    net.update_person(&p, fields, common::now()).unwrap();
    for (date, exchange) in interactions {
        common::log_exchange(&mut net, &mut ids, &p, date, *exchange);
    }
    let due = keep_in_touch(&net, day("2026-11-25"));
    assert_eq!(due.first().map(|d| d.overdue_days), expected_overdue, "{interactions:?}");
}

#[test]
fn keep_in_touch_rules() {
    // No cadence: never on the agenda.
    check(None, &[("2020-01-01", Exchange::Regular)], None);
    // 30 days after the last genuine interaction.
    check(Some(30), &[("2026-10-01", Exchange::Regular)], Some(25));
    // Due later this week shows as negative overdue; beyond the week, not at all.
    check(Some(30), &[("2026-10-30", Exchange::Regular)], Some(-4));
    check(Some(30), &[("2026-11-20", Exchange::Regular)], None);
    // A nudge or unanswered outreach does not reset the clock.
    check(Some(30), &[("2026-10-01", Exchange::Regular), ("2026-11-20", Exchange::Nudge)], Some(25));
    check(
        Some(30),
        &[("2026-10-01", Exchange::Regular), ("2026-11-20", Exchange::Outreach { replied: false })],
        Some(25),
    );
    check(Some(30), &[("2026-10-01", Exchange::Regular), ("2026-11-20", Exchange::Outreach { replied: true })], None);
    // Never contacted: counted from the day they were added (2026-11-25): due in 30 days.
    check(Some(7), &[], Some(-7));
    // Several on one day, and one dated in the future.
    check(Some(30), &[("2026-10-01", Exchange::Regular), ("2026-10-01", Exchange::Regular)], Some(25));
    check(Some(30), &[("2026-12-20", Exchange::Regular)], None);
}

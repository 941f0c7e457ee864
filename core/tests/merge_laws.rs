//! The merge laws, on random histories: merging copies of a store in any order, any number of
//! times, gives the same store (commutative, associative, idempotent), and a later change of
//! a record is never lost to an earlier one. The same merge serves another tab's writes
//! today and other devices' files next.
use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use rapport_core::planner::Employer;
use rapport_core::record::{Records, Slot, Tombstone};
use rapport_core::Id;

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap() + Duration::minutes(minute)
}

fn id(n: u8) -> Id {
    Id::parse(&format!("E{n:011}")).unwrap()
}

/// One device's copy: per record, a version (a few names, a few instants, so that ties
/// between different versions happen often) or a deletion.
fn copy() -> impl Strategy<Value = Vec<(u8, u8, i64, bool)>> {
    prop::collection::vec((0u8..4, 0u8..3, 0i64..3, prop::bool::weighted(0.25)), 0..8)
}

fn records(copy: &[(u8, u8, i64, bool)]) -> Records<Employer> {
    let mut r = Records::default();
    for (n, name, minute, gone) in copy {
        let slot = if *gone {
            Slot::Gone(Tombstone { id: id(*n), deleted: at(*minute) })
        } else {
            Slot::Live(Employer {
                id: id(*n),
                name: format!("Employer {name}"),
                motivation: *name,
                posting: 1,
                advocacy: None,
                notes: String::new(),
                sample: false,
                created: at(0),
                updated: at(*minute),
            })
        };
        // A device's own history: its latest version of each record is what it holds.
        r.merge(slot);
    }
    r
}

fn merged(into: &Records<Employer>, from: &Records<Employer>) -> Records<Employer> {
    let mut out = into.clone();
    for slot in from.values() {
        out.merge(slot.clone());
    }
    out
}

proptest! {
    #[test]
    fn merging_is_commutative_associative_and_idempotent(a in copy(), b in copy(), c in copy()) {
        let (a, b, c) = (records(&a), records(&b), records(&c));
        prop_assert_eq!(merged(&a, &b), merged(&b, &a), "commutative");
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)), "associative");
        prop_assert_eq!(merged(&a, &a), a.clone(), "idempotent");
        prop_assert_eq!(merged(&merged(&a, &b), &b), merged(&a, &b), "merging again changes nothing");
    }

    #[test]
    fn no_later_change_is_lost_to_an_earlier_one(a in copy(), b in copy()) {
        let (a, b) = (records(&a), records(&b));
        let m = merged(&a, &b);
        for (key, slot) in m.iter() {
            for side in [&a, &b] {
                if let Some(other) = side.get(key) {
                    prop_assert!(slot.changed() >= other.changed(), "a later change was lost");
                }
            }
        }
    }
}

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

// ---------------------------------------------------------------------------------------
// People, field by field, on random histories of three devices.

use rapport_core::clock::Hlc;
use rapport_core::person::{Person, PersonFields, Source};

const FIELDS: [&str; 4] = ["name", "company", "notes", "archived"];

#[derive(Debug, Clone)]
enum Op {
    /// Set a field of a person to one of a few values.
    Edit {
        person: u8,
        field: usize,
        value: u8,
    },
    Delete {
        person: u8,
    },
    /// Undo of the device's latest deletion.
    Undo,
    /// A new person, as an import adds them (ids are the device's own).
    Import {
        n: u8,
    },
    /// Take in another device's copy, as a sync would.
    Sync {
        from: usize,
    },
    /// Let the wall clock move on by this many milliseconds (0: several changes in one).
    Tick {
        ms: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (0u8..3, 0usize..FIELDS.len(), 0u8..3).prop_map(|(person, field, value)| Op::Edit { person, field, value }),
        1 => (0u8..3).prop_map(|person| Op::Delete { person }),
        1 => Just(Op::Undo),
        1 => (0u8..2).prop_map(|n| Op::Import { n }),
        2 => (0usize..3).prop_map(|from| Op::Sync { from }),
        2 => (0u8..3).prop_map(|ms| Op::Tick { ms }),
    ]
}

fn pid(n: u8) -> Id {
    Id::parse(&format!("P{n:011}")).unwrap()
}

struct Device {
    clock: Hlc,
    wall: i64,
    people: Records<Person>,
    last_deleted: Option<Person>,
    /// Every field change this device made: (person, field, stamp, value as stored text).
    edits: Vec<(Id, &'static str, DateTime<Utc>, String)>,
}

fn field_text(p: &Person, field: &str) -> String {
    match field {
        "name" => p.name.clone(),
        "company" => p.company.clone(),
        "notes" => p.notes.clone(),
        _ => p.archived.to_string(),
    }
}

fn base() -> Records<Person> {
    let mut r = Records::default();
    for n in 0..3 {
        let fields = PersonFields { name: format!("Person {n}"), company: "Acme".into(), ..Default::default() };
        r.put(Slot::Live(Person::new(pid(n), fields, Source::Manual, at(0))));
    }
    r
}

fn run(histories: &[Vec<Op>; 3]) -> Vec<Device> {
    let mut devices: Vec<Device> = (0..3)
        .map(|d| Device {
            clock: Hlc::new(d as u16 + 1),
            wall: at(1).timestamp_millis() + d as i64,
            people: base(),
            last_deleted: None,
            edits: Vec::new(),
        })
        .collect();
    // Interleave: step k of every device, in turn.
    let longest = histories.iter().map(Vec::len).max().unwrap_or(0);
    for k in 0..longest {
        for d in 0..3 {
            let Some(op) = histories[d].get(k) else { continue };
            let copy = match op {
                Op::Sync { from } if *from != d => Some(devices[*from].people.clone()),
                _ => None,
            };
            let dev = &mut devices[d];
            match op {
                Op::Edit { person, field, value } => {
                    let now = dev.clock.now(dev.wall);
                    let field = FIELDS[*field];
                    let done = dev.people.edit(&pid(*person), |p| {
                        match field {
                            "name" => p.name = format!("Name {value}"),
                            "company" => p.company = format!("Company {value}"),
                            "notes" => p.notes = format!("Notes {value}"),
                            _ => p.archived = *value == 1,
                        }
                        p.updated = now;
                    });
                    if done.is_some() {
                        let p = dev.people.live(&pid(*person)).unwrap();
                        if p.field_stamp(field) == now {
                            dev.edits.push((pid(*person), field, now, field_text(p, field)));
                        }
                    }
                }
                Op::Delete { person } => {
                    let now = dev.clock.now(dev.wall);
                    dev.last_deleted = dev.people.bury(&pid(*person), now).or(dev.last_deleted.take());
                }
                Op::Undo => {
                    if let Some(mut p) = dev.last_deleted.take() {
                        let now = dev.clock.now(dev.wall);
                        if matches!(dev.people.get(&p.id), Some(Slot::Gone(_))) {
                            rapport_core::record::Record::stamp(&mut p, now);
                            let id = p.id;
                            dev.people.put(Slot::Live(p));
                            let p = dev.people.live(&id).unwrap();
                            for field in FIELDS {
                                dev.edits.push((id, field, now, field_text(p, field)));
                            }
                        }
                    }
                }
                Op::Import { n } => {
                    let now = dev.clock.now(dev.wall);
                    let id = Id::parse(&format!("I{d}{n:010}")).unwrap();
                    if dev.people.get(&id).is_none() {
                        let fields = PersonFields { name: format!("Imported {d}{n}"), ..Default::default() };
                        dev.people.put(Slot::Live(Person::new(id, fields, Source::Imported, now)));
                    }
                }
                Op::Sync { .. } => {
                    if let Some(copy) = copy {
                        for slot in copy.values() {
                            if let Slot::Live(p) = slot {
                                dev.clock.observe(p.updated);
                            } else if let Slot::Gone(t) = slot {
                                dev.clock.observe(t.deleted);
                            }
                            dev.people.merge(slot.clone());
                        }
                    }
                }
                Op::Tick { ms } => dev.wall += i64::from(*ms),
            }
        }
    }
    devices
}

fn join(a: &Records<Person>, b: &Records<Person>) -> Records<Person> {
    let mut out = a.clone();
    for slot in b.values() {
        out.merge(slot.clone());
    }
    out
}

fn histories() -> impl Strategy<Value = [Vec<Op>; 3]> {
    let h = || prop::collection::vec(op(), 0..14);
    (h(), h(), h()).prop_map(|(a, b, c)| [a, b, c])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn people_merge_in_any_order_any_number_of_times(h in histories()) {
        let d = run(&h);
        let (a, b, c) = (&d[0].people, &d[1].people, &d[2].people);
        prop_assert_eq!(join(a, b), join(b, a), "commutative");
        prop_assert_eq!(join(&join(a, b), c), join(a, &join(b, c)), "associative");
        prop_assert_eq!(join(&join(a, c), b), join(&join(c, b), a), "any order");
        prop_assert_eq!(join(a, a), a.clone(), "idempotent");
        let all = join(&join(a, b), c);
        prop_assert_eq!(join(&all, b), all.clone(), "merging again changes nothing");
    }

    #[test]
    fn no_acknowledged_edit_is_lost_except_to_a_later_stamp_on_its_field(h in histories()) {
        let d = run(&h);
        let all = join(&join(&d[0].people, &d[1].people), &d[2].people);
        for dev in &d {
            for (id, field, stamp, value) in &dev.edits {
                match all.get(id) {
                    Some(Slot::Live(p)) => {
                        let kept = p.field_stamp(field);
                        let deleted_after = p.deleted.is_some_and(|del| del >= *stamp);
                        prop_assert!(
                            kept > *stamp || deleted_after || (kept == *stamp && field_text(p, field) == *value),
                            "the edit of {field} at {stamp} to {value:?} was lost: {p:?}"
                        );
                    }
                    Some(Slot::Gone(t)) => prop_assert!(t.deleted >= *stamp, "an edit after the deletion was lost"),
                    None => prop_assert!(false, "the person vanished"),
                }
            }
        }
    }
}

//! People merge field by field.
//!
//! Each field of a person has a stamp: when it last changed ([`Person::stamps`]; a person
//! never edited since being added has every field at `updated`). A change on this device
//! stamps only the fields it changed ([`Record::carry`], through [`super::Records::put`]).
//! Merging two copies of a person takes, field by field, the value with the later stamp, so
//! the phone's edit of the notes and the laptop's edit of the company both survive; two
//! different values with the same stamp are ordered by a fingerprint of the value.
//!
//! **A deletion against edits.** A deletion is a tombstone with its stamp `d`. Fields stamped
//! at or before `d` are deleted with the person. A field changed after `d`, on a device that
//! had not yet seen the deletion, survives it: the person comes back with the fields changed
//! after the deletion and every other field blank (the merge report says so). When nothing
//! changed after `d`, the person stays deleted. A person restored by undo is a new version
//! of every field, so the undo survives the deletion it undoes.
//!
//! Together these make the merge a join: commutative, associative and idempotent
//! (`core/tests/merge_laws.rs`), so any order and any number of merges agree.
use super::{fingerprint_of, Record, Slot, Tombstone};
use crate::id::Id;
use crate::person::Person;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Every stored field of a person that merges on its own (`id`, `created`, `updated`,
/// `stamps` and `deleted` are the record's own bookkeeping). A test checks it is complete.
pub const FIELDS: &[&str] = &[
    "name",
    "company",
    "role",
    "department",
    "seniority",
    "affiliations",
    "location",
    "email",
    "phone",
    "profile_url",
    "tags",
    "origin",
    "introduced_by",
    "knows_my_work",
    "cadence_days",
    "notes",
    "source",
    "archived",
    "connected_on",
    "reviewed",
];

/// `source` says where the record came from and never changes: it is not blanked.
const KEPT_THROUGH_DELETION: &str = "source";

impl Person {
    /// When `field` last changed.
    pub fn field_stamp(&self, field: &str) -> DateTime<Utc> {
        match &self.stamps {
            None => self.updated,
            Some(map) => map.get(field).copied().unwrap_or(self.created),
        }
    }
}

/// A person's fields as JSON values. Through the person's text, not `to_value`: each record
/// type has one writer and one reader in the whole app (issue 19: serde's code for JSON values
/// was a second copy of every record's in the first load).
fn fields_of(p: &Person) -> Map<String, Value> {
    match serde_json::to_string(p).ok().and_then(|text| serde_json::from_str::<Value>(&text).ok()) {
        Some(Value::Object(mut m)) => {
            m.retain(|k, _| FIELDS.contains(&k.as_str()));
            m
        }
        _ => Map::new(),
    }
}

/// A value as JSON, through its text (see [`fields_of`]).
fn json_of<T: serde::Serialize>(t: &T) -> Option<Value> {
    serde_json::from_str(&serde_json::to_string(t).ok()?).ok()
}

fn value_rank(v: Option<&Value>) -> u64 {
    v.map_or(0, fingerprint_of)
}

/// Builds a person from its bookkeeping and merged fields; `None` if the fields don't make
/// a person (they always do: every field comes from a stored person).
fn assemble(
    id: Id,
    created: DateTime<Utc>,
    fields: Map<String, Value>,
    stamps: BTreeMap<String, DateTime<Utc>>,
    deleted: Option<DateTime<Utc>>,
) -> Option<Person> {
    let updated = stamps.values().copied().max().unwrap_or(created).max(created);
    let mut m = fields;
    m.insert("id".into(), json_of(&id)?);
    m.insert("created".into(), json_of(&created)?);
    m.insert("updated".into(), json_of(&updated)?);
    let mut p: Person = serde_json::from_str(&Value::Object(m).to_string()).ok()?;
    p.stamps = canonical(stamps, created, updated);
    p.deleted = deleted;
    Some(p)
}

/// The one way to write a person's field stamps: nothing when every field changed at
/// `updated`, otherwise those that did not change at `created`.
fn canonical(
    stamps: BTreeMap<String, DateTime<Utc>>,
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
) -> Option<BTreeMap<String, DateTime<Utc>>> {
    let every = FIELDS.iter().all(|f| stamps.get(*f).copied().unwrap_or(created) == updated);
    (!every).then(|| stamps.into_iter().filter(|(_, at)| *at != created).collect())
}

/// The join of two copies (either may be a tombstone), as a slot.
fn join_people(a: &Slot<Person>, b: &Slot<Person>) -> Slot<Person> {
    let (pa, pb, d) = match (a, b) {
        (Slot::Gone(x), Slot::Gone(y)) => {
            return Slot::Gone(if x.deleted >= y.deleted { x.clone() } else { y.clone() })
        }
        (Slot::Live(p), Slot::Gone(t)) | (Slot::Gone(t), Slot::Live(p)) => {
            (p, None, Some(p.deleted.map_or(t.deleted, |d| d.max(t.deleted))))
        }
        (Slot::Live(p), Slot::Live(q)) => (p, Some(q), p.deleted.max(q.deleted)),
    };
    let id = pa.id;
    let created = pb.map_or(pa.created, |q| pa.created.min(q.created));
    let fa = fields_of(pa);
    let fb = pb.map(fields_of).unwrap_or_default();
    let mut fields = Map::new();
    let mut stamps = BTreeMap::new();
    for key in FIELDS {
        let va = fa.get(*key);
        let sa = pa.field_stamp(key);
        let (stamp, value) = match pb {
            None => (sa, va),
            Some(q) => {
                let vb = fb.get(*key);
                let sb = q.field_stamp(key);
                if (sb, value_rank(vb)) > (sa, value_rank(va)) {
                    (sb, vb)
                } else {
                    (sa, va)
                }
            }
        };
        if d.is_some_and(|d| stamp <= d) && *key != KEPT_THROUGH_DELETION {
            // Deleted with the person: blank, and stamped by nothing after the deletion.
            continue;
        }
        if let Some(v) = value {
            fields.insert((*key).to_string(), v.clone());
        }
        stamps.insert((*key).to_string(), stamp);
    }
    if let Some(d) = d {
        if stamps.iter().all(|(k, at)| k == KEPT_THROUGH_DELETION || *at <= d) {
            return Slot::Gone(Tombstone { id, deleted: d });
        }
        // `source` belongs to the person's record, not to an edit: it does not bring them back,
        // and its stamp is not a change after the deletion.
        stamps.remove(KEPT_THROUGH_DELETION);
    }
    match assemble(id, created, fields, stamps, d) {
        Some(p) => Slot::Live(p),
        None => a.clone(),
    }
}

impl Record for Person {
    fn id(&self) -> Id {
        self.id
    }
    fn updated(&self) -> DateTime<Utc> {
        self.updated
    }
    /// Every field becomes a change made at `now`: an undo or a restore wins over what it
    /// replaces, deletions included.
    fn stamp(&mut self, now: DateTime<Utc>) {
        self.updated = now;
        self.stamps = None;
        self.deleted = None;
    }
    fn fingerprint(&self) -> u64 {
        fingerprint_of(self)
    }

    fn carry(&mut self, held: &Slot<Self>) {
        let held = match held {
            Slot::Live(h) => h,
            // Put over its tombstone (an undo, a restore): a new version of every field.
            Slot::Gone(_) => {
                self.stamps = None;
                self.deleted = None;
                return;
            }
        };
        if self == held {
            return;
        }
        let now = self.updated;
        let new = fields_of(self);
        let old = fields_of(held);
        let mut stamps = BTreeMap::new();
        for key in FIELDS {
            let stamp = if new.get(*key) != old.get(*key) { now } else { held.field_stamp(key) };
            stamps.insert((*key).to_string(), stamp);
        }
        self.updated = stamps.values().copied().max().unwrap_or(now).max(self.created);
        self.stamps = canonical(stamps, self.created, self.updated);
        self.deleted = held.deleted;
    }

    fn join(held: &Slot<Self>, incoming: &Slot<Self>) -> Option<Slot<Self>> {
        if held == incoming {
            return None;
        }
        let joined = join_people(held, incoming);
        (joined != *held).then_some(joined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::{PersonFields, Source};
    use crate::record::Records;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap() + chrono::Duration::minutes(minute)
    }

    fn ana() -> Person {
        let fields = PersonFields { name: "Ana Lima".into(), company: "Acme".into(), ..Default::default() };
        Person::new(Id::parse("PANA00000001").unwrap(), fields, Source::Manual, at(0))
    }

    /// `device` holds `base`, then applies `change` at `minute` through `put`.
    fn edited(base: &Person, minute: i64, change: impl FnOnce(&mut Person)) -> Person {
        let mut r = Records::default();
        r.put(Slot::Live(base.clone()));
        r.edit(&base.id, |p| {
            change(p);
            p.updated = at(minute);
        });
        r.live(&base.id).unwrap().clone()
    }

    fn merged(a: &Person, b: &Slot<Person>) -> Slot<Person> {
        let mut r = Records::default();
        r.put(Slot::Live(a.clone()));
        r.merge(b.clone());
        r.get(&a.id).unwrap().clone()
    }

    #[test]
    fn every_stored_field_is_named() {
        let mut p = ana();
        p.role = "r".into();
        p.department = "d".into();
        p.seniority = Some(crate::person::Seniority::Senior);
        p.affiliations = vec!["a".into()];
        p.location = "l".into();
        p.email = "e@x.org".into();
        p.phone = "1".into();
        p.profile_url = "https://x".into();
        p.tags = vec!["t".into()];
        p.origin = Some(crate::person::Origin::Introduced);
        p.introduced_by = Some(p.id);
        p.knows_my_work = true;
        p.cadence_days = Some(30);
        p.notes = "n".into();
        p.archived = true;
        p.connected_on = Some(at(0).date_naive());
        p.reviewed = Some(crate::person::Reviewed { choice: crate::person::ReviewChoice::Kept, at: at(0) });
        p.stamps = Some(BTreeMap::new());
        p.deleted = Some(at(0));
        let Value::Object(m) = serde_json::to_value(&p).unwrap() else { panic!() };
        for key in m.keys() {
            assert!(
                FIELDS.contains(&key.as_str())
                    || ["id", "created", "updated", "stamps", "deleted"].contains(&key.as_str()),
                "{key} is not in FIELDS"
            );
        }
        assert_eq!(fields_of(&p).len(), FIELDS.len());
    }

    #[test]
    fn edits_of_different_fields_on_two_devices_both_survive() {
        let base = ana();
        let phone = edited(&base, 5, |p| p.notes = "Met at the meetup".into());
        let laptop = edited(&base, 3, |p| p.company = "Globex".into());
        for (a, b) in [(&phone, &laptop), (&laptop, &phone)] {
            let Slot::Live(m) = merged(a, &Slot::Live(b.clone())) else { panic!("deleted") };
            assert_eq!(m.notes, "Met at the meetup");
            assert_eq!(m.company, "Globex");
            assert_eq!(m.updated, at(5));
        }
    }

    #[test]
    fn one_field_edited_on_both_the_later_wins_everywhere() {
        let base = ana();
        let phone = edited(&base, 5, |p| p.company = "Phone Co".into());
        let laptop = edited(&base, 7, |p| p.company = "Laptop Co".into());
        assert_eq!(merged(&phone, &Slot::Live(laptop.clone())), merged(&laptop, &Slot::Live(phone.clone())));
        let Slot::Live(m) = merged(&phone, &Slot::Live(laptop)) else { panic!() };
        assert_eq!(m.company, "Laptop Co");
    }

    #[test]
    fn a_deletion_wins_over_earlier_edits() {
        let base = ana();
        let laptop = edited(&base, 3, |p| p.notes = "older".into());
        let gone = Slot::Gone(Tombstone { id: base.id, deleted: at(4) });
        assert_eq!(merged(&laptop, &gone), gone);
    }

    #[test]
    fn an_edit_after_a_deletion_brings_back_only_what_it_changed() {
        let base = ana();
        let laptop = edited(&base, 6, |p| p.notes = "Call her back".into());
        let gone = Slot::Gone(Tombstone { id: base.id, deleted: at(4) });
        let Slot::Live(m) = merged(&laptop, &gone) else { panic!("the later edit was lost") };
        assert_eq!(m.notes, "Call her back");
        assert_eq!(m.name, "", "the name was deleted before the edit");
        assert_eq!(m.company, "");
        assert_eq!(m.deleted, Some(at(4)));
        assert_eq!(m.source, Source::Manual);
    }

    #[test]
    fn an_undone_deletion_survives_the_deletion() {
        let base = ana();
        let mut r = Records::default();
        r.put(Slot::Live(base.clone()));
        r.bury(&base.id, at(4));
        let mut back = base.clone();
        back.stamp(at(6));
        r.put(Slot::Live(back));
        let mine = r.live(&base.id).unwrap().clone();
        let Slot::Live(m) = merged(&mine, &Slot::Gone(Tombstone { id: base.id, deleted: at(4) })) else { panic!() };
        assert_eq!(m.name, "Ana Lima");
        assert_eq!(m.company, "Acme");
    }

    #[test]
    fn a_field_cleared_on_one_device_stays_cleared() {
        let mut base = ana();
        base.notes = "old notes".into();
        let phone = edited(&base, 5, |p| p.notes.clear());
        let laptop = edited(&base, 3, |p| p.role = "CTO".into());
        let Slot::Live(m) = merged(&laptop, &Slot::Live(phone)) else { panic!() };
        assert_eq!(m.notes, "");
        assert_eq!(m.role, "CTO");
    }

    #[test]
    fn only_changed_fields_are_stamped() {
        let base = ana();
        let p = edited(&base, 5, |p| p.notes = "x".into());
        assert_eq!(p.field_stamp("notes"), at(5));
        assert_eq!(p.field_stamp("company"), at(0));
        assert_eq!(p.updated, at(5));
        assert_eq!(p.stamps.as_ref().map(BTreeMap::len), Some(1));
    }
}

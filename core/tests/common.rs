//! Shared builders for core tests. Included with `mod common;`.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport_core::{Id, InteractionDraft, Network, PersonDraft};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Deterministic ids for tests: "T00000000001", "T00000000002", …
pub struct Ids(u32);
impl Ids {
    pub fn new() -> Ids {
        Ids(0)
    }
    pub fn new_from(start: u32) -> Ids {
        Ids(start)
    }
    pub fn next(&mut self) -> Id {
        self.0 += 1;
        Id::parse(&format!("T{:011}", self.0)).unwrap()
    }
}

pub fn person_named(net: &mut Network, ids: &mut Ids, name: &str) -> Id {
    let fields = PersonDraft { name: name.into(), ..PersonDraft::default() }.validate(|_| false, None).unwrap();
    let id = ids.next();
    net.add_person(id, fields, rapport_core::Source::Manual, now()).unwrap();
    id
}

pub fn log(net: &mut Network, ids: &mut Ids, person: &Id, date: &str, edit: impl FnOnce(&mut InteractionDraft)) -> Id {
    let mut draft = InteractionDraft::new_for(day(date));
    edit(&mut draft);
    let fields = draft.validate(day("2026-11-25")).unwrap();
    let id = ids.next();
    net.log_interaction(id, person, fields, now()).unwrap();
    id
}

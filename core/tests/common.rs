//! Shared builders for core tests. Included with `mod common;`.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport_core::{Id, InteractionInput, Network, PersonInput};

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
    let fields = PersonInput { name: name.into(), ..PersonInput::default() }.validate(|_| false, None).unwrap();
    let id = ids.next();
    net.add_person(id, fields, rapport_core::Source::Manual, now()).unwrap();
    id
}

pub fn log(net: &mut Network, ids: &mut Ids, person: &Id, date: &str, edit: impl FnOnce(&mut InteractionInput)) -> Id {
    let mut draft = InteractionInput::new_for(day(date));
    edit(&mut draft);
    let fields = draft.validate(day("2026-11-25")).unwrap();
    let id = ids.next();
    net.log_interaction(id, person, fields, now()).unwrap();
    id
}

/// Like [`log`], with the interaction's exchange set as a planner step or import would.
#[allow(dead_code)]
pub fn log_exchange(net: &mut Network, ids: &mut Ids, person: &Id, date: &str, exchange: rapport_core::Exchange) -> Id {
    let fields = InteractionInput::new_for(day(date)).validate(day("2026-11-25")).unwrap();
    let mut interaction = rapport_core::Interaction::new(ids.next(), *person, fields, now());
    interaction.exchange = exchange;
    let id = interaction.id;
    net.insert_interaction(interaction).unwrap();
    id
}

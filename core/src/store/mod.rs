//! The stored layout: which keys hold what, how records are encoded, how old schemas
//! migrate, and the journal that makes multi-key changes all-or-nothing.
//!
//! This module decides every byte under the `rapport.` prefix but performs no IO: the app's
//! `storage` module reads the keys into a [`RawStore`] and writes the [`Write`]s back.
//!
//! Layout (schema 2; schema 1 was the same with every value as plain JSON). Every record
//! key's value is packed ([`pack`]): deflated JSON, 15 bits per character.
//! - `rapport.meta`: `{"schema":1}`. Present whenever any other key is.
//! - `rapport.profile`: my [`crate::Profile`].
//! - `rapport.settings`: the metric settings, [`crate::MetricSettings`].
//! - `rapport.p.<id>`: one person, or their tombstone `{"id":…,"deleted":…}`.
//! - `rapport.ix.<person id>`: that person's interactions, `{"live":[…],"gone":[…]}`.
//! - `rapport.e.<id>`: one target employer, or its tombstone.
//! - `rapport.iv.<id>`: one informational interview, or its tombstone.
//! - `rapport.d.<id>`: one open message draft, or its tombstone once sent or discarded.
//! - `rapport.t.<id>`: one phrasing the user saved for a template, or its tombstone.
//! - `rapport.b.<id>`: one import batch (what an import added or changed, so it can be undone).
//! - `rapport.journal`: present only while a multi-key change is being written; it holds the
//!   previous value of each key, so a change cut short rolls back on the next start.

mod codec;
mod journal;
mod migrate;
pub mod pack;

pub use codec::{decode, decode_person_slot, decode_shard, decode_slot, encode, encode_all, DecodeError, Decoded};
pub use journal::{journal_text, rollback, Journal};
pub use migrate::{migrate, IN_PLACE_FROM, SCHEMA_VERSION};

use crate::id::Id;
use std::collections::BTreeMap;

/// Every stored key starts with this.
pub const PREFIX: &str = "rapport.";
pub const META_KEY: &str = "rapport.meta";
pub const PROFILE_KEY: &str = "rapport.profile";
pub const SETTINGS_KEY: &str = "rapport.settings";
pub const JOURNAL_KEY: &str = "rapport.journal";
const PERSON_PREFIX: &str = "rapport.p.";
const SHARD_PREFIX: &str = "rapport.ix.";
const EMPLOYER_PREFIX: &str = "rapport.e.";
const INTERVIEW_PREFIX: &str = "rapport.iv.";
const DRAFT_PREFIX: &str = "rapport.d.";
const PHRASING_PREFIX: &str = "rapport.t.";
const BATCH_PREFIX: &str = "rapport.b.";

/// The stored text of every key under [`PREFIX`], as read.
pub type RawStore = BTreeMap<String, String>;

/// One key to set (`Some`) or remove (`None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    pub key: String,
    pub value: Option<String>,
}

pub fn person_key(id: &Id) -> String {
    format!("{PERSON_PREFIX}{id}")
}

pub fn shard_key(person: &Id) -> String {
    format!("{SHARD_PREFIX}{person}")
}

pub fn employer_key(id: &Id) -> String {
    format!("{EMPLOYER_PREFIX}{id}")
}

pub fn interview_key(id: &Id) -> String {
    format!("{INTERVIEW_PREFIX}{id}")
}

pub fn draft_key(id: &Id) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

pub fn phrasing_key(id: &Id) -> String {
    format!("{PHRASING_PREFIX}{id}")
}

pub fn batch_key(id: &Id) -> String {
    format!("{BATCH_PREFIX}{id}")
}

/// What a stored key holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    Meta,
    Profile,
    Settings,
    Journal,
    Person(Id),
    Shard(Id),
    Employer(Id),
    Interview(Id),
    Draft(Id),
    Phrasing(Id),
    Batch(Id),
    /// A key under the prefix that this version does not know. It is left alone.
    Unknown,
}

pub fn classify(key: &str) -> KeyKind {
    match key {
        META_KEY => KeyKind::Meta,
        PROFILE_KEY => KeyKind::Profile,
        SETTINGS_KEY => KeyKind::Settings,
        JOURNAL_KEY => KeyKind::Journal,
        _ => {
            if let Some(id) = key.strip_prefix(PERSON_PREFIX) {
                Id::parse(id).map(KeyKind::Person).unwrap_or(KeyKind::Unknown)
            } else if let Some(id) = key.strip_prefix(SHARD_PREFIX) {
                Id::parse(id).map(KeyKind::Shard).unwrap_or(KeyKind::Unknown)
            } else if let Some(id) = key.strip_prefix(EMPLOYER_PREFIX) {
                Id::parse(id).map(KeyKind::Employer).unwrap_or(KeyKind::Unknown)
            } else if let Some(id) = key.strip_prefix(INTERVIEW_PREFIX) {
                Id::parse(id).map(KeyKind::Interview).unwrap_or(KeyKind::Unknown)
            } else if let Some(id) = key.strip_prefix(DRAFT_PREFIX) {
                Id::parse(id).map(KeyKind::Draft).unwrap_or(KeyKind::Unknown)
            } else if let Some(id) = key.strip_prefix(PHRASING_PREFIX) {
                Id::parse(id).map(KeyKind::Phrasing).unwrap_or(KeyKind::Unknown)
            } else if let Some(id) = key.strip_prefix(BATCH_PREFIX) {
                Id::parse(id).map(KeyKind::Batch).unwrap_or(KeyKind::Unknown)
            } else {
                KeyKind::Unknown
            }
        }
    }
}

/// Whether a key holds a record (packed when stored, sealed when the lock is on), rather
/// than the schema number, the lock header or the journal.
pub fn is_record_key(key: &str) -> bool {
    key.starts_with(PREFIX) && key != META_KEY && key != JOURNAL_KEY && key != crate::lock::LOCK_KEY
}

/// What is stored for a key's JSON: packed for a record, as it is otherwise.
pub fn stored_form(key: &str, json: &str) -> String {
    if is_record_key(key) {
        pack::pack(json)
    } else {
        json.to_string()
    }
}

/// The meta record that must accompany any stored data.
pub fn meta_write() -> Write {
    Write { key: META_KEY.to_string(), value: Some(format!("{{\"schema\":{SCHEMA_VERSION}}}")) }
}

/// The stored text as one JSON object of key to text: what the recovery screen offers to
/// download when the store cannot be read. Packed values are unpacked so the file is
/// readable; a value that can't be unpacked (or is sealed by the lock) is kept as it is.
pub fn raw_dump(raw: &RawStore) -> String {
    let readable: RawStore = raw
        .iter()
        .map(|(k, v)| (k.clone(), pack::unpack(v).map(|t| t.into_owned()).unwrap_or_else(|_| v.clone())))
        .collect();
    serde_json::to_string_pretty(&readable).unwrap_or_else(|_| "{}".to_string())
}

//! The stored layout: which keys hold what, how records are encoded, how old schemas
//! migrate, and the journal that makes multi-key changes all-or-nothing.
//!
//! This module decides every byte under the `rapport.` prefix but performs no IO: the app's
//! `storage` module reads the keys into a [`RawStore`] and writes the [`Write`]s back.
//!
//! Layout (schema 3). Every record key's value is packed ([`pack`]): deflated JSON, 15 bits
//! per character.
//! - `rapport.meta`: `{"schema":3}`. Present whenever any other key is.
//! - `rapport.profile`: my [`crate::Profile`].
//! - `rapport.settings`: the metric settings, [`crate::MetricSettings`].
//! - `rapport.people.<bb>`: the people whose id falls in bucket `bb` ([`bucket_of`], two hex
//!   digits, 256 buckets): `{"live":[person…],"gone":[tombstone…]}`.
//! - `rapport.interactions.<bb>`: the interactions of the people in bucket `bb`, by person:
//!   `{"<person id>":{"live":[…],"gone":[…]},…}`.
//! - `rapport.e.<id>`: one target employer, or its tombstone.
//! - `rapport.iv.<id>`: one informational interview, or its tombstone.
//! - `rapport.d.<id>`: one open message draft, or its tombstone once sent or discarded.
//! - `rapport.t.<id>`: one phrasing the user saved for a template, or its tombstone.
//! - `rapport.b.<id>`: one import batch (what an import added or changed, so it can be undone).
//! - `rapport.journal`: present only while a multi-key change is being written; it holds the
//!   previous value of each key, so a change cut short rolls back on the next start.
//!
//! Schema 1 stored each value as plain JSON, schema 2 packed; both kept one person per key
//! (`rapport.p.<id>`) and one person's interactions per key (`rapport.ix.<id>`). Buckets
//! (schema 3) hold about 20 people each in a network of 5,000: deflate compresses a bucket
//! three times better than its records one by one, and opening reads a few hundred keys
//! instead of ten thousand. One edit still writes one key of a few thousand characters.
mod codec;
pub mod engine;
mod journal;
pub mod kv;
mod migrate;
pub mod pack;
pub mod upgrade;

pub use codec::{
    decode, decode_people_bucket, decode_slot, encode, encode_all, merge_bucket, BucketMerge, DecodeError, Decoded,
};
pub use engine::{Engine, Opened, OtherTab, WriteError};
pub use journal::{journal_text, rollback, Journal};
pub use kv::{KeyValue, MemoryKv, Refused};
pub use migrate::{migrate, schema_of, SCHEMA_VERSION};

use crate::id::Id;
use std::collections::BTreeMap;

/// Every stored key starts with this.
pub const PREFIX: &str = "rapport.";
pub const META_KEY: &str = "rapport.meta";
pub const PROFILE_KEY: &str = "rapport.profile";
pub const SETTINGS_KEY: &str = "rapport.settings";
pub const JOURNAL_KEY: &str = "rapport.journal";
const PEOPLE_PREFIX: &str = "rapport.people.";
const INTERACTIONS_PREFIX: &str = "rapport.interactions.";
/// Schema 1 and 2: one person per key, one person's interactions per key.
const OLD_PERSON_PREFIX: &str = "rapport.p.";
const OLD_SHARD_PREFIX: &str = "rapport.ix.";
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

/// The bucket of a person's id: FNV-1a (32 bits) of the id's text, low byte. Part of the
/// stored format: never change it.
pub fn bucket_of(id: &Id) -> u8 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.as_str().bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash & 0xFF) as u8
}

/// The key of the bucket holding this person.
pub fn people_key(bucket: u8) -> String {
    format!("{PEOPLE_PREFIX}{bucket:02x}")
}

/// The key of the bucket holding this person's interactions.
pub fn interactions_key(bucket: u8) -> String {
    format!("{INTERACTIONS_PREFIX}{bucket:02x}")
}

fn parse_bucket(text: &str) -> Option<u8> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .then(|| u8::from_str_radix(text, 16).ok())
        .flatten()
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
    /// A bucket of people.
    People(u8),
    /// A bucket of people's interactions.
    Interactions(u8),
    /// A person (schema 1 and 2).
    OldPerson(Id),
    /// One person's interactions (schema 1 and 2).
    OldShard(Id),
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
            if let Some(bucket) = key.strip_prefix(PEOPLE_PREFIX) {
                parse_bucket(bucket).map(KeyKind::People).unwrap_or(KeyKind::Unknown)
            } else if let Some(bucket) = key.strip_prefix(INTERACTIONS_PREFIX) {
                parse_bucket(bucket).map(KeyKind::Interactions).unwrap_or(KeyKind::Unknown)
            } else if let Some(id) = key.strip_prefix(OLD_PERSON_PREFIX) {
                Id::parse(id).map(KeyKind::OldPerson).unwrap_or(KeyKind::Unknown)
            } else if let Some(id) = key.strip_prefix(OLD_SHARD_PREFIX) {
                Id::parse(id).map(KeyKind::OldShard).unwrap_or(KeyKind::Unknown)
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

/// The meta record written with a change that replaced everything (a backup restored over
/// it), marked with the time. Other tabs see the mark and start again from what is stored:
/// merging would keep, and later write back, the records the restore removed. Readers only
/// look at `schema`, so every version reads it.
pub fn replaced_meta_write(now: chrono::DateTime<chrono::Utc>) -> Write {
    let value = serde_json::json!({ "schema": SCHEMA_VERSION, "replaced": now });
    Write { key: META_KEY.to_string(), value: Some(value.to_string()) }
}

/// Whether a stored meta record carries the mark of [`replaced_meta_write`].
pub fn meta_says_replaced(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v.get("replaced").is_some())
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

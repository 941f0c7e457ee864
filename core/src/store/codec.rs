//! Encoding records to stored text and decoding them back, after migration.

use super::migrate::{migrate, Migrated, SCHEMA_VERSION};
use super::{
    batch_key, classify, draft_key, employer_key, interview_key, meta_write, person_key, phrasing_key, shard_key,
    KeyKind, RawStore, Write, PROFILE_KEY, SETTINGS_KEY,
};
use crate::network::Slot;
use crate::network::{Network, PersonSlot, Shard, Tombstone, Touched};
use crate::person::Person;
use crate::profile::Profile;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// A stored key that could not be read. The store must then be left exactly as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub key: String,
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The stored entry “{}” could not be read. {}", self.key, self.message)
    }
}

/// A decoded store.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub network: Network,
    /// The schema the data was stored in.
    pub stored_schema: Option<u32>,
    /// Writes that store migrated data in the current schema; empty when already current.
    /// The meta key is last.
    pub upgrade: Vec<Write>,
    /// The upgrade may be stored key by key (see [`super::IN_PLACE_FROM`]).
    pub in_place: bool,
}

/// Reads every key, migrating first. Unknown keys under the prefix are left alone.
pub fn decode(raw: &RawStore) -> Result<Decoded, DecodeError> {
    let fail = |key: &str, message: String| DecodeError { key: key.to_string(), message };
    let (from, values) = match migrate(raw).map_err(|(key, message)| DecodeError { key, message })? {
        Migrated::Empty => {
            return Ok(Decoded {
                network: Network::default(),
                stored_schema: None,
                upgrade: Vec::new(),
                in_place: false,
            })
        }
        Migrated::Data { from, values } => (from, values),
    };
    let mut network = Network::default();
    for (key, value) in values {
        let kind = classify(&key);
        if kind != KeyKind::Unknown && !value.is_object() {
            return Err(fail(&key, "It should hold a JSON object.".into()));
        }
        match kind {
            KeyKind::Profile => {
                network.profile = serde_json::from_value::<Profile>(value)
                    .map_err(|e| fail(&key, format!("My profile is damaged ({e}).")))?;
            }
            KeyKind::Settings => {
                network.settings = serde_json::from_value(value)
                    .map_err(|e| fail(&key, format!("The metric settings are damaged ({e}).")))?;
            }
            KeyKind::Person(id) => {
                let slot = decode_person_slot(value).map_err(|e| fail(&key, e))?;
                let slot_id = match &slot {
                    PersonSlot::Live(p) => &p.id,
                    PersonSlot::Gone(t) => &t.id,
                };
                if slot_id != &id {
                    return Err(fail(&key, format!("It holds the record {slot_id}, not {id}.")));
                }
                network.people.insert(id, slot);
            }
            KeyKind::Shard(id) => {
                let shard = decode_shard(value).map_err(|e| fail(&key, e))?;
                if let Some(stray) = shard.live.iter().find(|i| i.person != id) {
                    return Err(fail(&key, format!("It holds an interaction ({}) of another person.", stray.id)));
                }
                network.shards.insert(id, shard);
            }
            KeyKind::Employer(id) => {
                let slot = decode_slot(value, "target employer").map_err(|e| fail(&key, e))?;
                check_slot_id(&slot, &id, |e: &crate::planner::Employer| &e.id).map_err(|e| fail(&key, e))?;
                network.employers.insert(id, slot);
            }
            KeyKind::Interview(id) => {
                let slot = decode_slot(value, "interview").map_err(|e| fail(&key, e))?;
                check_slot_id(&slot, &id, |iv: &crate::planner::Interview| &iv.id).map_err(|e| fail(&key, e))?;
                network.interviews.insert(id, slot);
            }
            KeyKind::Draft(id) => {
                let slot = decode_slot(value, "draft").map_err(|e| fail(&key, e))?;
                check_slot_id(&slot, &id, |d: &crate::drafter::Draft| &d.id).map_err(|e| fail(&key, e))?;
                network.drafts.insert(id, slot);
            }
            KeyKind::Phrasing(id) => {
                let slot = decode_slot(value, "saved phrasing").map_err(|e| fail(&key, e))?;
                check_slot_id(&slot, &id, |p: &crate::drafter::UserPhrasing| &p.id).map_err(|e| fail(&key, e))?;
                network.phrasings.insert(id, slot);
            }
            KeyKind::Batch(id) => {
                let slot = decode_slot(value, "import batch").map_err(|e| fail(&key, e))?;
                check_slot_id(&slot, &id, |b: &crate::import::batch::ImportBatch| &b.id).map_err(|e| fail(&key, e))?;
                network.batches.insert(id, slot);
            }
            KeyKind::Meta | KeyKind::Journal | KeyKind::Unknown => {}
        }
    }
    let upgrade = if from < SCHEMA_VERSION {
        let mut everything = Touched::everything(&network);
        everything.profile = raw.contains_key(PROFILE_KEY);
        everything.settings = raw.contains_key(SETTINGS_KEY);
        let mut writes = encode(&network, &everything);
        writes.push(meta_write());
        writes
    } else {
        Vec::new()
    };
    Ok(Decoded { network, stored_schema: Some(from), upgrade, in_place: from >= super::IN_PLACE_FROM })
}

/// Decodes one stored person key: a person, or a tombstone.
pub fn decode_person_slot(value: Value) -> Result<PersonSlot, String> {
    if value.get("deleted").is_some() {
        serde_json::from_value::<Tombstone>(value)
            .map(PersonSlot::Gone)
            .map_err(|e| format!("A deleted person's record is damaged ({e})."))
    } else {
        let person =
            serde_json::from_value::<Person>(value).map_err(|e| format!("A person's record is damaged ({e})."))?;
        if person.name.trim().is_empty() {
            return Err("A person's record has an empty name.".into());
        }
        Ok(PersonSlot::Live(person))
    }
}

/// Decodes one stored record of a kind kept one per key: the record, or its tombstone.
pub fn decode_slot<T: DeserializeOwned>(value: Value, what: &str) -> Result<Slot<T>, String> {
    if value.get("deleted").is_some() {
        serde_json::from_value::<Tombstone>(value)
            .map(Slot::Gone)
            .map_err(|e| format!("A deleted {what}'s record is damaged ({e})."))
    } else {
        serde_json::from_value::<T>(value).map(Slot::Live).map_err(|e| format!("A {what}'s record is damaged ({e})."))
    }
}

fn check_slot_id<T>(slot: &Slot<T>, id: &crate::id::Id, id_of: impl Fn(&T) -> &crate::id::Id) -> Result<(), String> {
    let found = match slot {
        Slot::Live(t) => id_of(t),
        Slot::Gone(t) => &t.id,
    };
    if found == id {
        Ok(())
    } else {
        Err(format!("It holds the record {found}, not {id}."))
    }
}

fn encode_slot<T: Serialize>(slot: Option<&Slot<T>>) -> Option<String> {
    match slot? {
        Slot::Live(t) => serde_json::to_string(t).ok(),
        Slot::Gone(t) => serde_json::to_string(t).ok(),
    }
}

/// Decodes one stored shard of interactions.
pub fn decode_shard(value: Value) -> Result<Shard, String> {
    serde_json::from_value::<Shard>(value).map_err(|e| format!("A list of interactions is damaged ({e})."))
}

/// The writes that store the touched keys as they now are in `network`. The caller adds
/// [`meta_write`] until it knows the meta key is stored.
pub fn encode(network: &Network, touched: &Touched) -> Vec<Write> {
    let mut writes = Vec::new();
    if touched.profile {
        writes.push(Write { key: PROFILE_KEY.to_string(), value: serde_json::to_string(&network.profile).ok() });
    }
    if touched.settings {
        writes.push(Write { key: SETTINGS_KEY.to_string(), value: serde_json::to_string(&network.settings).ok() });
    }
    for id in &touched.people {
        let value = match network.people.get(id) {
            Some(PersonSlot::Live(p)) => serde_json::to_string(p).ok(),
            Some(PersonSlot::Gone(t)) => serde_json::to_string(t).ok(),
            None => None,
        };
        writes.push(Write { key: person_key(id), value });
    }
    for id in &touched.shards {
        let value = network.shards.get(id).and_then(|s| serde_json::to_string(s).ok());
        writes.push(Write { key: shard_key(id), value });
    }
    for id in &touched.employers {
        writes.push(Write { key: employer_key(id), value: encode_slot(network.employers.get(id)) });
    }
    for id in &touched.interviews {
        writes.push(Write { key: interview_key(id), value: encode_slot(network.interviews.get(id)) });
    }
    for id in &touched.drafts {
        writes.push(Write { key: draft_key(id), value: encode_slot(network.drafts.get(id)) });
    }
    for id in &touched.phrasings {
        writes.push(Write { key: phrasing_key(id), value: encode_slot(network.phrasings.get(id)) });
    }
    for id in &touched.batches {
        writes.push(Write { key: batch_key(id), value: encode_slot(network.batches.get(id)) });
    }
    writes
}

/// Every key of a network as a fresh store holds it (packed), the meta key included.
pub fn encode_all(network: &Network) -> RawStore {
    let mut writes = encode(network, &Touched::everything(network));
    writes.push(meta_write());
    writes.into_iter().filter_map(|w| Some((w.key.clone(), super::stored_form(&w.key, &w.value?)))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_store_decodes_to_an_empty_network() {
        let decoded = decode(&RawStore::new()).unwrap();
        assert_eq!(decoded.network, Network::default());
        assert_eq!(decoded.stored_schema, None);
    }
}

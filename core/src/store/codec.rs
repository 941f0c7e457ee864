//! Encoding records to stored text and decoding them back, after migration.

use super::migrate::{migrate, schema_of, SCHEMA_VERSION};
use super::{
    batch_key, bucket_of, classify, draft_key, employer_key, interactions_key, interview_key, meta_write, people_key,
    phrasing_key, KeyKind, RawStore, Write, PREFIX, PROFILE_KEY, SETTINGS_KEY,
};
use crate::id::Id;
use crate::network::Slot;
use crate::network::{Network, PersonSlot, Shard, Tombstone, Touched};
use crate::person::Person;
use crate::profile::Profile;
use crate::record::Kind;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
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
    /// The meta key is last. Each key may be stored on its own: the keys an older schema
    /// reads are not among them (an older version ignores the new ones), so an upgrade cut
    /// short leaves the old schema readable and runs again.
    pub upgrade: Vec<Write>,
    /// Removals of keys only an older schema used, to run once `upgrade` is stored.
    pub retire: Vec<Write>,
}

/// A bucket of people as stored: `{"live":[…],"gone":[…]}`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PeopleBucket {
    #[serde(default)]
    live: Vec<Person>,
    #[serde(default)]
    gone: Vec<Tombstone>,
}

#[derive(Serialize)]
struct PeopleBucketRef<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    live: Vec<&'a Person>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    gone: Vec<&'a Tombstone>,
}

/// Reads every key, migrating first when the store is older. Unknown keys under the prefix
/// are left alone.
pub fn decode(raw: &RawStore) -> Result<Decoded, DecodeError> {
    let fail = |(key, message): (String, String)| DecodeError { key, message };
    let Some(from) = schema_of(raw).map_err(fail)? else {
        return Ok(Decoded {
            network: Network::default(),
            stored_schema: None,
            upgrade: Vec::new(),
            retire: Vec::new(),
        });
    };
    let mut network = Network::default();
    let mut retire = Vec::new();
    let old_keys = prefixed(raw).any(|(k, _)| matches!(classify(k), KeyKind::OldPerson(_) | KeyKind::OldShard(_)));
    let bucket_keys = prefixed(raw).any(|(k, _)| matches!(classify(k), KeyKind::People(_) | KeyKind::Interactions(_)));
    if from == SCHEMA_VERSION {
        // Current: each value is parsed straight into its type, with no migration.
        for (key, stored) in prefixed(raw) {
            let kind = classify(key);
            match kind {
                KeyKind::Meta | KeyKind::Journal | KeyKind::Unknown => continue,
                // Left by an upgrade cut short after the meta key was stored.
                KeyKind::OldPerson(_) | KeyKind::OldShard(_) => {
                    retire.push(Write { key: key.clone(), value: None });
                    continue;
                }
                _ => {}
            }
            let text = super::pack::unpack(stored).map_err(|e| DecodeError {
                key: key.clone(),
                message: format!("The stored text can't be read: {e}."),
            })?;
            decode_key(&mut network, key, kind, &text).map_err(|message| DecodeError { key: key.clone(), message })?;
        }
        if old_keys {
            // Left by an upgrade cut short after the meta key was stored: removed only when
            // every record they hold is in the buckets already. Otherwise meta and the keys
            // disagree (meta written over an older store), and nothing may be removed.
            let old = decode(&only(raw, |kind| matches!(kind, KeyKind::OldPerson(_) | KeyKind::OldShard(_)), 2))?;
            if let Some(missing) = not_within(&old.network, &network) {
                return Err(disagree(from, &format!(
                    "keys of the older layout (rapport.p.…, rapport.ix.…) hold {missing}, which the schema {from} buckets don't have"
                )));
            }
        }
        return Ok(Decoded { network, stored_schema: Some(from), upgrade: Vec::new(), retire });
    }
    if bucket_keys {
        // Buckets under an older meta are either what an upgrade cut short had written (every
        // record they hold is also in the old keys) or a newer store whose meta was changed:
        // then upgrading would throw the buckets away, so nothing happens at all.
        let buckets =
            decode(&only(raw, |kind| matches!(kind, KeyKind::People(_) | KeyKind::Interactions(_)), SCHEMA_VERSION))?;
        let old = only(raw, |kind| !matches!(kind, KeyKind::People(_) | KeyKind::Interactions(_)), from);
        let old_network = decode(&old)?.network;
        if let Some(missing) = not_within(&buckets.network, &old_network) {
            return Err(disagree(
                from,
                &format!(
                "the stored keys are schema {SCHEMA_VERSION} buckets holding {missing}, which no schema {from} key has"
            ),
            ));
        }
    }
    let values = migrate(raw, from).map_err(fail)?;
    for (key, value) in values {
        let kind = classify(&key);
        // Back to text: every record is read by one reader, from text (issue 19: a second
        // reader from JSON values doubled serde's code in the first load). Migrations are rare.
        decode_key(&mut network, &key, kind, &value.to_string()).map_err(|message| DecodeError { key, message })?;
    }
    let mut everything = Touched::everything(&network);
    everything.profile = raw.contains_key(PROFILE_KEY);
    everything.settings = raw.contains_key(SETTINGS_KEY);
    let mut upgrade = encode(&network, &everything);
    upgrade.push(meta_write());
    let written: BTreeSet<&str> = crate::order::btree_set(upgrade.iter().map(|w| w.key.as_str()));
    for key in prefixed(raw).map(|(k, _)| k) {
        let old = matches!(
            classify(key),
            KeyKind::OldPerson(_) | KeyKind::OldShard(_) | KeyKind::People(_) | KeyKind::Interactions(_)
        );
        if old && !written.contains(key.as_str()) {
            retire.push(Write { key: key.clone(), value: None });
        }
    }
    Ok(Decoded { network, stored_schema: Some(from), upgrade, retire })
}

/// The keys of `raw` whose kind passes `keep`, under a meta record of `schema`.
fn only(raw: &RawStore, keep: impl Fn(&KeyKind) -> bool, schema: u32) -> RawStore {
    let mut subset: RawStore =
        crate::order::btree_map(prefixed(raw).filter(|(k, _)| keep(&classify(k))).map(|(k, v)| (k.clone(), v.clone())));
    subset.insert(super::META_KEY.to_string(), format!("{{\"schema\":{schema}}}"));
    subset
}

/// A record of `part` (a person or an interaction, live or deleted) that `whole` lacks, in
/// words; `None` when every one is there.
fn not_within(part: &Network, whole: &Network) -> Option<String> {
    if let Some(id) = part.people.keys().find(|id| !whole.people.contains_key(*id)) {
        return Some(format!("the person {id}"));
    }
    for (person, shard) in &part.shards {
        let theirs = whole.shards.get(person);
        let has =
            |id: &Id| theirs.is_some_and(|s| s.live.iter().any(|i| &i.id == id) || s.gone.iter().any(|t| &t.id == id));
        let ids = shard.live.iter().map(|i| &i.id).chain(shard.gone.iter().map(|t| &t.id));
        if let Some(id) = ids.into_iter().find(|id| !has(id)) {
            return Some(format!("the interaction {id}"));
        }
    }
    None
}

/// The meta record and the keys stored disagree: the recovery screen, and nothing written.
fn disagree(from: u32, what: &str) -> DecodeError {
    DecodeError {
        key: super::META_KEY.to_string(),
        message: format!(
            "rapport.meta says the data is stored as schema {from}, but {what}. Upgrading would lose data, so Rapport changed nothing. Download the stored data below, or open the version of Rapport that wrote it."
        ),
    }
}

fn prefixed(raw: &RawStore) -> impl Iterator<Item = (&String, &String)> {
    raw.range::<str, _>((std::ops::Bound::Included(PREFIX), std::ops::Bound::Unbounded))
        .take_while(|(k, _)| k.starts_with(PREFIX))
}

/// Decodes one key of the current schema into the network.
fn decode_key(network: &mut Network, key: &str, kind: KeyKind, source: &str) -> Result<(), String> {
    if !source.trim_start().starts_with('{') && kind != KeyKind::Unknown {
        return Err("It should hold a JSON object.".into());
    }
    match kind {
        KeyKind::Profile => {
            network.profile =
                serde_json::from_str::<Profile>(source).map_err(|e| damaged(e, "My profile is damaged"))?;
        }
        KeyKind::Settings => {
            network.settings =
                serde_json::from_str(source).map_err(|e| damaged(e, "The metric settings are damaged"))?;
        }
        KeyKind::People(bucket) => {
            for slot in people_bucket(source, bucket)? {
                let id = *slot_id(&slot);
                if network.people.contains_key(&id) {
                    return Err(format!("It holds the person {id} twice."));
                }
                network.people.put(slot);
            }
        }
        KeyKind::Interactions(bucket) => {
            for (person, shard) in interactions_bucket(source, bucket)? {
                network.shards.insert(person, shard);
            }
        }
        KeyKind::Employer(id) => insert_slot(&mut network.employers, id, source, "target employer", |e| &e.id)?,
        KeyKind::Interview(id) => insert_slot(&mut network.interviews, id, source, "interview", |iv| &iv.id)?,
        KeyKind::Draft(id) => insert_slot(&mut network.drafts, id, source, "draft", |d| &d.id)?,
        KeyKind::Phrasing(id) => insert_slot(&mut network.phrasings, id, source, "saved phrasing", |p| &p.id)?,
        KeyKind::Batch(id) => insert_slot(&mut network.batches, id, source, "import batch", |b| &b.id)?,
        KeyKind::OldPerson(_) | KeyKind::OldShard(_) => {
            return Err(format!("{key} belongs to an older schema but is still here after migration."))
        }
        KeyKind::Meta | KeyKind::Journal | KeyKind::Unknown => {}
    }
    Ok(())
}

/// Decodes a record kept one per key (or its tombstone), checks it is the one its key names,
/// and puts it in its map.
fn insert_slot<T: DeserializeOwned + crate::record::Record>(
    map: &mut crate::record::Records<T>,
    id: Id,
    source: &str,
    what: &str,
    id_of: impl Fn(&T) -> &Id,
) -> Result<(), String> {
    let slot = decode_slot(source, what)?;
    check_slot_id(&slot, &id, id_of)?;
    map.put(slot);
    Ok(())
}

/// Text that isn't JSON at all is said so; JSON that doesn't fit is a damaged record.
fn damaged(error: serde_json::Error, what: &str) -> String {
    if error.is_syntax() || error.is_eof() {
        format!("The stored text is not valid JSON ({error}).")
    } else {
        format!("{what} ({error}).")
    }
}

fn slot_id(slot: &PersonSlot) -> &Id {
    match slot {
        PersonSlot::Live(p) => &p.id,
        PersonSlot::Gone(t) => &t.id,
    }
}

fn people_bucket(source: &str, bucket: u8) -> Result<Vec<PersonSlot>, String> {
    let stored: PeopleBucket = serde_json::from_str(source).map_err(|e| damaged(e, "A person's record is damaged"))?;
    let mut slots = Vec::with_capacity(stored.live.len() + stored.gone.len());
    for person in stored.live {
        if person.name.trim().is_empty() {
            return Err(format!("The person {} has an empty name.", person.id));
        }
        slots.push(PersonSlot::Live(person));
    }
    slots.extend(stored.gone.into_iter().map(PersonSlot::Gone));
    if let Some(stray) = slots.iter().map(slot_id).find(|id| bucket_of(id) != bucket) {
        return Err(format!("It holds the person {stray}, who belongs in another bucket."));
    }
    Ok(slots)
}

fn interactions_bucket(source: &str, bucket: u8) -> Result<BTreeMap<Id, Shard>, String> {
    let stored: BTreeMap<Id, Shard> =
        serde_json::from_str(source).map_err(|e| damaged(e, "A list of interactions is damaged"))?;
    for (person, shard) in &stored {
        if bucket_of(person) != bucket {
            return Err(format!("It holds the interactions of {person}, who belongs in another bucket."));
        }
        if let Some(stray) = shard.live.iter().find(|i| &i.person != person) {
            return Err(format!("It holds an interaction ({}) of another person under {person}.", stray.id));
        }
    }
    Ok(stored)
}

/// Decodes a stored bucket of people (another tab's write, or one about to be written over).
pub fn decode_people_bucket(text: &str, bucket: u8) -> Result<Vec<PersonSlot>, String> {
    people_bucket(text, bucket)
}

/// What merging a stored bucket did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BucketMerge {
    /// The network took in something from the stored bucket.
    pub changed: bool,
    /// Records of this bucket that the network holds in a later version than the stored
    /// bucket, or that the bucket lacks: another tab wrote the bucket without them (it read
    /// it before this tab's write reached it), so they must be written again.
    pub newer_here: Touched,
}

/// Merges a stored bucket into the network record by record, the later change of each
/// winning: another tab's write as it arrives, or what is stored just before this tab
/// writes over it. A bucket that can't be read changes nothing and is an error.
pub fn merge_bucket(network: &mut Network, kind: &KeyKind, text: &str) -> Result<BucketMerge, String> {
    merge_bucket_with(network, kind, text, true)
}

/// [`merge_bucket`]; `newer_here` is only worked out when `report` is set (it scans every
/// record of the network, which a save of hundreds of buckets doesn't need).
pub(crate) fn merge_bucket_with(
    network: &mut Network,
    kind: &KeyKind,
    text: &str,
    report_newer: bool,
) -> Result<BucketMerge, String> {
    let mut report = BucketMerge::default();
    match kind {
        KeyKind::People(bucket) => {
            let slots = people_bucket(text, *bucket)?;
            let stored: BTreeMap<Id, chrono::DateTime<chrono::Utc>> =
                crate::order::btree_map(slots.iter().map(|s| (*slot_id(s), s.changed())));
            for slot in slots {
                report.changed |= network.merge_person_slot(slot);
            }
            if !report_newer {
                return Ok(report);
            }
            for (id, slot) in network.people.range(..) {
                if bucket_of(id) == *bucket && stored.get(id).is_none_or(|when| slot.changed() > *when) {
                    report.newer_here.insert(Kind::Person, *id);
                }
            }
        }
        KeyKind::Interactions(bucket) => {
            let shards = interactions_bucket(text, *bucket)?;
            let mut stored: BTreeMap<Id, BTreeMap<Id, chrono::DateTime<chrono::Utc>>> = BTreeMap::new();
            for (person, shard) in &shards {
                let times = stored.entry(*person).or_default();
                times.extend(shard.live.iter().map(|i| (i.id, i.updated)));
                times.extend(shard.gone.iter().map(|t| (t.id, t.deleted)));
            }
            for (person, shard) in shards {
                report.changed |= network.merge_shard(&person, shard);
            }
            if !report_newer {
                return Ok(report);
            }
            for (person, shard) in &network.shards {
                if bucket_of(person) != *bucket {
                    continue;
                }
                let theirs = stored.get(person);
                let newer = |id: &Id, when: chrono::DateTime<chrono::Utc>| {
                    theirs.and_then(|t| t.get(id)).is_none_or(|stored| when > *stored)
                };
                if shard.live.iter().any(|i| newer(&i.id, i.updated))
                    || shard.gone.iter().any(|t| newer(&t.id, t.deleted))
                {
                    report.newer_here.insert(Kind::Shard, *person);
                }
            }
        }
        _ => return Err("It is not a bucket of people or of interactions.".into()),
    }
    Ok(report)
}

/// Decodes one stored record of a kind kept one per key, from its text: the record, or its
/// tombstone (which has `deleted`). Text, not a JSON value: each record type has one reader,
/// from text, in the whole app (issue 19).
pub fn decode_slot<T: DeserializeOwned>(text: &str, what: &str) -> Result<Slot<T>, String> {
    let probe: Value = serde_json::from_str(text).map_err(|e| format!("The stored text is not valid JSON ({e})."))?;
    if probe.get("deleted").is_some() {
        serde_json::from_str::<Tombstone>(text)
            .map(Slot::Gone)
            .map_err(|e| format!("A deleted {what}'s record is damaged ({e})."))
    } else {
        serde_json::from_str::<T>(text).map(Slot::Live).map_err(|e| format!("A {what}'s record is damaged ({e})."))
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
    let people: BTreeSet<u8> = crate::order::btree_set(touched.ids(Kind::Person).iter().map(bucket_of));
    if !people.is_empty() {
        let mut buckets: BTreeMap<u8, PeopleBucketRef<'_>> = crate::order::btree_map(
            people.iter().map(|b| (*b, PeopleBucketRef { live: Vec::new(), gone: Vec::new() })),
        );
        for (id, slot) in &network.people {
            if let Some(bucket) = buckets.get_mut(&bucket_of(id)) {
                match slot {
                    PersonSlot::Live(p) => bucket.live.push(p),
                    PersonSlot::Gone(t) => bucket.gone.push(t),
                }
            }
        }
        for (b, bucket) in buckets {
            let empty = bucket.live.is_empty() && bucket.gone.is_empty();
            let value = if empty { None } else { serde_json::to_string(&bucket).ok() };
            writes.push(Write { key: people_key(b), value });
        }
    }
    let shards: BTreeSet<u8> = crate::order::btree_set(touched.ids(Kind::Shard).iter().map(bucket_of));
    if !shards.is_empty() {
        let mut buckets: BTreeMap<u8, BTreeMap<&Id, &Shard>> =
            crate::order::btree_map(shards.iter().map(|b| (*b, BTreeMap::new())));
        for (person, shard) in &network.shards {
            if let Some(bucket) = buckets.get_mut(&bucket_of(person)) {
                bucket.insert(person, shard);
            }
        }
        for (b, bucket) in buckets {
            let value = if bucket.is_empty() { None } else { serde_json::to_string(&bucket).ok() };
            writes.push(Write { key: interactions_key(b), value });
        }
    }
    for id in touched.ids(Kind::Employer) {
        writes.push(Write { key: employer_key(id), value: encode_slot(network.employers.get(id)) });
    }
    for id in touched.ids(Kind::Interview) {
        writes.push(Write { key: interview_key(id), value: encode_slot(network.interviews.get(id)) });
    }
    for id in touched.ids(Kind::Draft) {
        writes.push(Write { key: draft_key(id), value: encode_slot(network.drafts.get(id)) });
    }
    for id in touched.ids(Kind::Phrasing) {
        writes.push(Write { key: phrasing_key(id), value: encode_slot(network.phrasings.get(id)) });
    }
    for id in touched.ids(Kind::Batch) {
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

//! The migration steps, frozen. Each maps the stored values of one schema, as JSON values by
//! key, to the next schema's. They use no type of today's code (no `Person`, no `Network`,
//! no `bucket_of`): changing a record type can never change what an old step does. Decoding
//! into today's types happens only after the whole chain has run.
//!
//! Append a step for a new schema; never edit one that has shipped.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The values of every key of one schema (the meta and journal keys are not among them).
pub type Values = BTreeMap<String, Value>;
/// A failed step names the key it could not carry over, and why.
pub type StepError = (String, String);
pub type Step = fn(Values) -> Result<Values, StepError>;

/// `STEPS[n]` migrates schema `n + 1` to schema `n + 2`.
pub const STEPS: &[Step] = &[v1_to_v2, v2_to_v3];

/// 1 → 2: values are packed when stored; what they hold is unchanged.
fn v1_to_v2(values: Values) -> Result<Values, StepError> {
    Ok(values)
}

/// Schema 3's bucket of an id: FNV-1a (32 bits) of its text, low byte. A frozen copy of
/// the format's rule, as schema 3 defined it.
fn bucket_v3(id: &str) -> u8 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash & 0xFF) as u8
}

/// 2 → 3: every `rapport.p.<id>` (a person, or a tombstone with `deleted`) moves into
/// `rapport.people.<bb>` as `{"live":[…],"gone":[…]}`, and every `rapport.ix.<id>` (one
/// person's `{"live":[…],"gone":[…]}`) into `rapport.interactions.<bb>` under the person's
/// id. Records are moved as they are, ordered by id. Bucket keys already there (from an
/// upgrade cut short) are built again from the old keys.
fn v2_to_v3(values: Values) -> Result<Values, StepError> {
    let mut out = Values::new();
    let mut live: BTreeMap<u8, BTreeMap<String, Value>> = BTreeMap::new();
    let mut gone: BTreeMap<u8, BTreeMap<String, Value>> = BTreeMap::new();
    let mut shards: BTreeMap<u8, Map<String, Value>> = BTreeMap::new();
    for (key, value) in values {
        if let Some(id) = key.strip_prefix("rapport.p.") {
            let Some(found) = value.get("id").and_then(Value::as_str).map(str::to_string) else {
                return Err((key, "A person's record is damaged (it has no id).".into()));
            };
            if found != id {
                return Err((key.clone(), format!("It holds the record {found}, not {id}.")));
            }
            let side = if value.get("deleted").is_some() { &mut gone } else { &mut live };
            side.entry(bucket_v3(id)).or_default().insert(found, value);
        } else if let Some(id) = key.strip_prefix("rapport.ix.") {
            if !value.is_object() {
                return Err((key, "A list of interactions is damaged (it is not a JSON object).".into()));
            }
            let records = value.get("live").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            for record in records {
                if record.get("person").and_then(Value::as_str) != Some(id) {
                    let which = record.get("id").and_then(Value::as_str).unwrap_or("without an id");
                    return Err((key.clone(), format!("It holds an interaction ({which}) of another person.")));
                }
            }
            shards.entry(bucket_v3(id)).or_default().insert(id.to_string(), value);
        } else if key.starts_with("rapport.people.") || key.starts_with("rapport.interactions.") {
            continue;
        } else {
            out.insert(key, value);
        }
    }
    let buckets: std::collections::BTreeSet<u8> = crate::order::btree_set(live.keys().chain(gone.keys()).copied());
    for b in buckets {
        let mut bucket = Map::new();
        if let Some(records) = live.remove(&b) {
            bucket.insert("live".into(), Value::Array(records.into_values().collect()));
        }
        if let Some(records) = gone.remove(&b) {
            bucket.insert("gone".into(), Value::Array(records.into_values().collect()));
        }
        out.insert(format!("rapport.people.{b:02x}"), Value::Object(bucket));
    }
    for (b, bucket) in shards {
        out.insert(format!("rapport.interactions.{b:02x}"), Value::Object(bucket));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frozen_bucket_rule_is_the_format_rule() {
        for id in ["AAAAAAAAAAAA", "T00000000001", "zz-_09AAbbCC"] {
            let parsed = crate::id::Id::parse(id).unwrap();
            assert_eq!(bucket_v3(id), crate::store::bucket_of(&parsed), "{id}");
        }
    }
}

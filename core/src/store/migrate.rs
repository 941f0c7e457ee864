//! Schema versions and the migration chain. Each step takes the stored values of one
//! schema, as JSON values by key, and returns the next schema's. Decoding happens only
//! after the chain has run, so the types in this crate only ever see the current schema.

use super::{RawStore, META_KEY, PREFIX};
use serde_json::Value;
use std::collections::BTreeMap;

/// The schema this version writes. Schema 1 is the first one Rapport shipped.
pub const SCHEMA_VERSION: u32 = 2;

/// From this schema on, every step to the current one changes only how values are written
/// (schema 2 packs them), not what they hold: the upgrade can then be stored key by key,
/// without the journal's second copy of the store, and a mix of old and new values reads.
pub const IN_PLACE_FROM: u32 = 1;

type Step = fn(BTreeMap<String, Value>) -> Result<BTreeMap<String, Value>, String>;

/// `STEPS[n]` migrates schema `n + 1` to schema `n + 2`. Append, never edit.
const STEPS: &[Step] = &[
    // 1 → 2: values are packed when stored (see `pack`); what they hold is unchanged.
    Ok,
];

/// What a migration found.
#[derive(Debug, Clone, PartialEq)]
pub enum Migrated {
    /// Nothing is stored yet.
    Empty,
    /// The stored schema, and the data in the current schema.
    Data { from: u32, values: BTreeMap<String, Value> },
}

/// Reads the schema version and runs every migration step from it to [`SCHEMA_VERSION`].
/// Errors name the key and say what is wrong; the caller must not write over the store.
pub fn migrate(raw: &RawStore) -> Result<Migrated, (String, String)> {
    let data_keys: Vec<&String> = raw.keys().filter(|k| k.starts_with(PREFIX)).collect();
    let Some(meta_text) = raw.get(META_KEY) else {
        if data_keys.is_empty() {
            return Ok(Migrated::Empty);
        }
        return Err((
            META_KEY.to_string(),
            "Rapport's data is here, but the record of its schema version is missing, so it can't be read safely."
                .into(),
        ));
    };
    let meta: Value = serde_json::from_str(meta_text)
        .map_err(|e| (META_KEY.to_string(), format!("The schema record is not valid JSON ({e}).")))?;
    let from = meta
        .get("schema")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| (META_KEY.to_string(), "The schema record has no version number.".to_string()))?;
    if from == 0 {
        return Err((META_KEY.to_string(), "The schema version 0 was never used by Rapport.".into()));
    }
    if from > SCHEMA_VERSION {
        return Err((
            META_KEY.to_string(),
            format!(
                "This data was saved by a newer version of Rapport (schema {from}); this version reads schema {SCHEMA_VERSION} and older. Open Rapport's newer version, or download the data below."
            ),
        ));
    }
    let mut values = BTreeMap::new();
    for key in data_keys {
        if key == META_KEY || key == super::JOURNAL_KEY {
            continue;
        }
        let text = match super::pack::unpack(&raw[key]) {
            Ok(text) => text,
            Err(_) if super::classify(key) == super::KeyKind::Unknown => continue,
            Err(e) => return Err((key.clone(), format!("The stored text can't be read: {e}."))),
        };
        match serde_json::from_str::<Value>(&text) {
            Ok(value) => {
                values.insert(key.clone(), value);
            }
            // A key this version does not know is left alone, whatever it holds.
            Err(_) if super::classify(key) == super::KeyKind::Unknown => {}
            Err(e) => return Err((key.clone(), format!("The stored text is not valid JSON ({e})."))),
        }
    }
    for (index, step) in STEPS.iter().enumerate().skip(from as usize - 1) {
        values = step(values)
            .map_err(|e| (META_KEY.to_string(), format!("Migrating from schema {} failed: {e}", index + 1)))?;
    }
    Ok(Migrated::Data { from, values })
}

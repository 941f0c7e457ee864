//! Schema versions and the migration chain: the stored values of an older schema, read as
//! JSON values by key, run through the frozen steps of `upgrade`. Decoding happens only
//! after the chain has run, so the types in this crate only ever see the current schema.
//! A store already at the current schema skips the chain and is decoded straight from its
//! text (see `codec::decode`).

use super::{classify, KeyKind, RawStore, META_KEY, PREFIX};
use serde_json::Value;
use std::collections::BTreeMap;

/// The schema this version writes. Schema 1 is the first one Rapport shipped.
pub const SCHEMA_VERSION: u32 = 3;

/// The stored schema: `None` when nothing is stored yet. Errors name the key and say what is
/// wrong; the caller must not write over the store.
pub fn schema_of(raw: &RawStore) -> Result<Option<u32>, (String, String)> {
    let Some(meta_text) = raw.get(META_KEY) else {
        if !raw.keys().any(|k| k.starts_with(PREFIX)) {
            return Ok(None);
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
    Ok(Some(from))
}

/// Reads the values of an older schema `from` and runs every migration step from it to
/// [`SCHEMA_VERSION`]. Keys this version does not know are left out (and left alone).
pub fn migrate(raw: &RawStore, from: u32) -> Result<BTreeMap<String, Value>, (String, String)> {
    let mut values = BTreeMap::new();
    for (key, stored) in raw.range::<str, _>((std::ops::Bound::Included(PREFIX), std::ops::Bound::Unbounded)) {
        if !key.starts_with(PREFIX) {
            break;
        }
        let kind = classify(key);
        if matches!(kind, KeyKind::Meta | KeyKind::Journal | KeyKind::Unknown) {
            continue;
        }
        let text =
            super::pack::unpack(stored).map_err(|e| (key.clone(), format!("The stored text can't be read: {e}.")))?;
        let value = serde_json::from_str::<Value>(&text)
            .map_err(|e| (key.clone(), format!("The stored text is not valid JSON ({e}).")))?;
        values.insert(key.clone(), value);
    }
    for step in super::upgrade::STEPS.iter().skip(from.saturating_sub(1) as usize) {
        values = step(values)?;
    }
    Ok(values)
}

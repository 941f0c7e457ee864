//! Other tabs: a `storage` event fires here when another tab of Rapport writes a key.
//! The changed record is merged in (the latest change wins), so two tabs stay in step and
//! edits to different records are all kept.

use super::AppState;
use leptos::prelude::*;
use rapport_core::store::{self, KeyKind};

pub fn listen_for_other_tabs(state: AppState) {
    let handle = window_event_listener(leptos::ev::storage, move |event: web_sys::StorageEvent| {
        // Another tab deleted everything (or the site data was cleared): stop saving here,
        // so this tab can't bring back what the user chose to delete.
        let wiped = match (event.key(), event.new_value()) {
            (None, _) => true,
            (Some(key), None) => key == store::META_KEY,
            _ => false,
        };
        if wiped {
            super::actions::halt(
                state,
                "Another tab deleted everything Rapport stored. Reload this tab; nothing more is saved from it.",
            );
            return;
        }
        // Another tab turned the lock on or off or changed the passphrase: this tab's key (or
        // lack of one) no longer fits, so it starts again, asking for the passphrase if needed.
        if event.key().as_deref() == Some(rapport_core::lock::LOCK_KEY) {
            crate::storage::lock::forget();
            crate::storage::lock::reload();
            return;
        }
        let (Some(key), Some(stored)) = (event.key(), event.new_value()) else {
            return;
        };
        let Some(text) = crate::storage::lock::reveal(&key, &stored) else {
            return;
        };
        // Buckets are merged record by record; other keys hold one small record.
        let kind = store::classify(&key);
        if matches!(kind, KeyKind::People(_) | KeyKind::Interactions(_)) {
            state.network.maybe_update(|n| store::merge_bucket(n, &kind, &text).unwrap_or(false));
            return;
        }
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            return;
        };
        match kind {
            KeyKind::Profile => {
                if let Ok(profile) = serde_json::from_value(value) {
                    state.network.update(|n| n.profile = profile);
                }
            }
            KeyKind::Employer(id) => {
                if let Ok(slot) = store::decode_slot(value, "target employer") {
                    state.network.maybe_update(|n| n.merge_employer_slot(id, slot));
                }
            }
            KeyKind::Interview(id) => {
                if let Ok(slot) = store::decode_slot(value, "interview") {
                    state.network.maybe_update(|n| n.merge_interview_slot(id, slot));
                }
            }
            KeyKind::Settings => {
                if let Ok(settings) = serde_json::from_value(value) {
                    state.network.update(|n| n.settings = settings);
                }
            }
            KeyKind::Meta => {
                // Another tab restored a backup over everything: what this tab holds is out
                // of date, and saving it would bring back what the restore removed.
                if store::meta_says_replaced(&text) {
                    crate::storage::lock::reload();
                    return;
                }
                let schema = value.get("schema").and_then(serde_json::Value::as_u64).unwrap_or(0);
                if schema > u64::from(store::SCHEMA_VERSION) {
                    super::actions::halt(
                        state,
                        "Another tab opened a newer version of Rapport, which changed how data is stored. Reload this tab before making changes; nothing more is saved from it.",
                    );
                }
            }
            KeyKind::Draft(id) => {
                if let Ok(slot) = store::decode_slot(value, "draft") {
                    state.network.maybe_update(|n| n.merge_draft_slot(id, slot));
                }
            }
            KeyKind::Phrasing(id) => {
                if let Ok(slot) = store::decode_slot(value, "saved phrasing") {
                    state.network.maybe_update(|n| n.merge_phrasing_slot(id, slot));
                }
            }
            KeyKind::Batch(id) => {
                if let Ok(slot) = store::decode_slot(value, "import batch") {
                    state.network.maybe_update(|n| n.merge_batch_slot(id, slot));
                }
            }
            KeyKind::People(_)
            | KeyKind::Interactions(_)
            | KeyKind::OldPerson(_)
            | KeyKind::OldShard(_)
            | KeyKind::Journal
            | KeyKind::Unknown => {}
        }
    });
    on_cleanup(move || handle.remove());
}

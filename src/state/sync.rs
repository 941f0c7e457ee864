//! Other tabs: a `storage` event fires here when another tab of Rapport writes a key. What
//! it means is the storage engine's decision (`rapport_core::store::Engine::other_tab`):
//! merged record by record, written back when this tab holds records the other tab's write
//! lacked (two tabs writing one bucket at once), or a reason to stop or start again.
//!
//! Also the `beforeunload` guard: closing or reloading a tab with changes that are not
//! stored asks first.

use super::AppState;
use leptos::prelude::*;
use rapport_core::store::OtherTab;
use rapport_core::Touched;
use std::cell::RefCell;

thread_local! {
    /// Records to store again after other tabs' writes, gathered until the queued events
    /// are handled.
    static WRITE_BACK: RefCell<Option<Touched>> = const { RefCell::new(None) };
}

pub fn listen_for_other_tabs(state: AppState) {
    let handle = window_event_listener(leptos::ev::storage, move |event: web_sys::StorageEvent| {
        let (key, value) = (event.key(), event.new_value());
        let mut outcome = OtherTab::Ignored;
        state.network.try_update_untracked(|n| {
            outcome = crate::storage::other_tab(n, key.as_deref(), value.as_deref());
        });
        match outcome {
            OtherTab::Ignored => {}
            OtherTab::Merged { changed, write_back } => {
                if changed {
                    // Later changes here are stamped after what the other tab wrote.
                    if let Some(latest) = state.network.with_untracked(rapport_core::Network::latest_change) {
                        crate::browser::observe(latest);
                    }
                    state.network.notify();
                }
                if !write_back.is_empty() {
                    // The other tab wrote this bucket without records this tab had stored
                    // (each read it before the other's write arrived): store them again,
                    // once for every event already queued (a burst of writes arrives as one).
                    let first = WRITE_BACK.with(|w| {
                        let mut w = w.borrow_mut();
                        let first = w.is_none();
                        *w = Some(w.take().unwrap_or_default().and(write_back));
                        first
                    });
                    if first {
                        set_timeout(
                            move || {
                                if let Some(touched) = WRITE_BACK.with(|w| w.borrow_mut().take()) {
                                    super::actions::persist(state, touched);
                                }
                            },
                            std::time::Duration::ZERO,
                        );
                    }
                }
            }
            // Another tab deleted everything (or the site data was cleared): stop saving
            // here, so this tab can't bring back what the user chose to delete.
            OtherTab::Wiped => super::actions::halt(
                state,
                "Another tab deleted everything Rapport stored. Reload this tab; nothing more is saved from it.",
            ),
            // The lock was turned on or off or the passphrase changed: this tab's key (or
            // lack of one) no longer fits, so it starts again, asking for the passphrase.
            // A backup restored over everything: saving what this tab holds would bring
            // back what the restore removed, so it starts again from what is stored.
            OtherTab::LockChanged | OtherTab::Replaced => {
                crate::storage::lock::forget();
                crate::storage::lock::reload();
            }
            OtherTab::NewerSchema => super::actions::halt(
                state,
                "Another tab opened a newer version of Rapport, which changed how data is stored. Reload this tab before making changes; nothing more is saved from it.",
            ),
        }
    });
    on_cleanup(move || handle.remove());
}

/// While a change is not stored (a save failed, or storage is unavailable), closing or
/// reloading the tab asks first: the browser shows its own "Leave site?" question.
pub fn ask_before_closing_unsaved(state: AppState) {
    let handle = window_event_listener(leptos::ev::beforeunload, move |event: web_sys::BeforeUnloadEvent| {
        if super::actions::has_unsaved(state) {
            event.prevent_default();
            // Older browsers ask only when a return value is set.
            event.set_return_value("Some changes are not saved.");
        }
    });
    on_cleanup(move || handle.remove());
}

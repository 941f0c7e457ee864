//! This device's sync state ([`rapport_core::sync::DeviceState`]) under its own key,
//! `rapport-device`, beside the store and outside it: it is not data to merge or back up,
//! the store's engine never reads it, and each device has its own.
//!
//! The keys derived from the sync passphrase are kept with it while the passphrase lock is
//! off (like the data itself, which is then readable in this browser too). With the lock on
//! they are kept for the page's life only, so a locked browser holds nothing readable.

use rapport_core::sync::{self, DeviceState};
use std::cell::RefCell;

const KEY: &str = "rapport-device";

thread_local! {
    /// This page's copy: the sync keys while the lock is on (they are never stored then),
    /// and the whole state where the browser stores nothing.
    static STATE: RefCell<Option<DeviceState>> = const { RefCell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn default_name() -> String {
    let agent = web_sys::window().and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default();
    if agent.contains("iPad") || (agent.contains("Android") && !agent.contains("Mobile")) {
        "Tablet".into()
    } else if agent.contains("iPhone") || agent.contains("Android") || agent.contains("Mobile") {
        "Phone".into()
    } else {
        "Computer".into()
    }
}

/// This device's state, made on first use (a random id and salt, a name from the browser).
/// Read from storage every time, so a change another tab made (a device merged, a name, a
/// passphrase set) is seen here and never written over by an older copy.
pub fn load() -> DeviceState {
    let stored: Option<DeviceState> =
        storage().and_then(|s| s.get_item(KEY).ok().flatten()).and_then(|t| serde_json::from_str(&t).ok());
    let page = STATE.with(|cell| cell.borrow().clone());
    let mut state = match (stored, &page) {
        (Some(mut stored), Some(page)) => {
            // While the lock is on, the keys live on this page only. With it off, storage
            // holds them: a page's older keys never come back over a passphrase changed in
            // another tab.
            if locked() {
                stored.keys = page.keys.clone();
            }
            stored
        }
        (Some(stored), None) => stored,
        (None, Some(page)) => page.clone(),
        (None, None) => DeviceState::default(),
    };
    let mut changed = false;
    if state.id.is_empty() {
        state.id = sync::new_device_id(&mut super::lock::random).unwrap_or_else(|_| "device".into());
        changed = true;
    }
    if state.name.trim().is_empty() {
        state.name = default_name();
        changed = true;
    }
    if state.salt_bytes().is_none() {
        if let Ok(salt) = sync::new_salt(&mut super::lock::random) {
            state.salt = sync::salt_text(&salt);
            changed = true;
        }
    }
    STATE.with(|cell| *cell.borrow_mut() = Some(state.clone()));
    if changed {
        write(&state);
    }
    state
}

/// Whether the lock is on: this page holds its key, or (in a tab opened before the lock was
/// turned on elsewhere) storage has its header.
fn locked() -> bool {
    super::lock::is_on() || matches!(super::lock::header(), Ok(Some(_)) | Err(_))
}

fn write(state: &DeviceState) {
    let mut kept = state.clone();
    if locked() {
        kept.keys.clear();
    }
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&kept)) {
        // A device state that can't be stored is kept for this page; sync still works.
        let _ = s.set_item(KEY, &text);
    }
}

/// Changes this device's state and stores it: applied to the state as stored now, so what
/// another tab changed in the meantime is kept.
pub fn update(change: impl FnOnce(&mut DeviceState)) -> DeviceState {
    let mut state = load();
    change(&mut state);
    STATE.with(|cell| *cell.borrow_mut() = Some(state.clone()));
    write(&state);
    state
}

/// Stores the keys this page holds, as the lock is turned off (until then they lived on the
/// page only).
pub fn keep_page_keys() {
    let page = STATE.with(|cell| cell.borrow().as_ref().map(|d| d.keys.clone())).unwrap_or_default();
    update(|d| {
        for (salt, key) in page {
            d.keys.entry(salt).or_insert(key);
        }
    });
}

/// The digits this device's stamps carry.
pub fn clock_digits() -> u16 {
    sync::clock_digits(&load().id)
}

/// Forgets this device's sync state (Delete everything): the next use makes a new one.
pub fn forget() {
    STATE.with(|cell| *cell.borrow_mut() = None);
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}

//! The only code that touches localStorage, and a thin one: [`LocalKv`] implements core's
//! [`KeyValue`] over `window.localStorage`, and the page's one [`Engine`] over it lives
//! here. Every rule about what is written, in which order, and how failures and other
//! tabs are handled is `rapport_core::store::engine`'s, tested natively with faults
//! injected at every write. This module only moves text in and out and turns thrown
//! `DOMException`s into words.

pub mod device;
pub mod lock;

use rapport_core::network::{Network, Touched};
use rapport_core::store::{DecodeError, Decoded, Engine, KeyValue, Opened, OtherTab, RawStore, Refused};
use std::cell::RefCell;

pub use rapport_core::store::WriteError;

/// What opening the store found.
pub enum Open {
    /// The data decoded (possibly after migration and a journal rollback). Saving may be
    /// stopped for this session: [`halted`] says why.
    Ready(Box<Decoded>),
    /// Some key could not be read. Nothing has been written.
    Damaged { error: DecodeError, raw: RawStore },
    /// localStorage can't even be read (disabled by policy or private mode).
    Unavailable(String),
    /// The passphrase lock is on and this page has not unlocked it yet.
    Locked(rapport_core::lock::Header),
}

/// `window.localStorage` as core's key-value store.
pub struct LocalKv {
    storage: web_sys::Storage,
}

impl KeyValue for LocalKv {
    fn get(&self, key: &str) -> Option<String> {
        self.storage.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused> {
        self.storage.set_item(key, value).map_err(|e| Refused { message: describe(&e) })
    }

    fn remove(&mut self, key: &str) -> Result<(), Refused> {
        self.storage.remove_item(key).map_err(|e| Refused { message: describe(&e) })
    }

    fn keys(&self) -> Vec<String> {
        let count = self.storage.length().unwrap_or(0);
        (0..count).filter_map(|i| self.storage.key(i).ok().flatten()).collect()
    }
}

thread_local! {
    /// The page's engine. It holds the passphrase lock's key while unlocked, and nothing
    /// else of it lives anywhere.
    static ENGINE: RefCell<Option<Engine<LocalKv>>> = const { RefCell::new(None) };
}

/// `window.localStorage`, or why it can't be used at all.
fn local_storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("There is no browser window.")?
        .local_storage()
        .map_err(|_| "This browser blocks local storage for this page (private mode or a privacy setting).")?
        .ok_or_else(|| "This browser has no local storage.".to_string())
}

/// Runs `f` with the page's engine, creating it on first use. `None` when localStorage
/// can't be reached at all.
pub(crate) fn with_engine<T>(f: impl FnOnce(&mut Engine<LocalKv>) -> T) -> Option<T> {
    ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Engine::new(LocalKv { storage: local_storage().ok()? }));
        }
        slot.as_mut().map(f)
    })
}

/// Opens the store. Reading never depends on writing: a store that can't be written to
/// (full, or refused) opens with its data, and [`halted`] says why nothing can be saved.
pub fn open() -> Open {
    if let Err(reason) = local_storage() {
        return Open::Unavailable(reason);
    }
    let opened = with_engine(|engine| engine.open(&mut lock::random));
    match opened {
        None => Open::Unavailable("This browser has no local storage.".into()),
        Some(Opened::Ready(decoded)) => Open::Ready(decoded),
        Some(Opened::Locked(header)) => Open::Locked(header),
        Some(Opened::Damaged { error, raw }) => Open::Damaged { error, raw },
    }
}

/// Why saving is stopped for this session, if it is.
pub fn halted() -> Option<String> {
    with_engine(|e| e.halted().map(str::to_string)).flatten()
}

/// Stops all saving from this tab, saying why to every later save.
pub fn halt(reason: &str) {
    with_engine(|e| e.halt(reason));
}

/// Stores the touched keys of `network`, merging the stored copy of each bucket first.
/// Returns whether that merge took anything in.
pub fn save(network: &mut Network, touched: &Touched, now: chrono::DateTime<chrono::Utc>) -> Result<bool, WriteError> {
    with_engine(|e| e.save(network, touched, now, &mut lock::random))
        .unwrap_or_else(|| Err(WriteError { message: "This browser has no local storage.".into() }))
}

/// Another tab's write, as the `storage` event reports it.
pub fn other_tab(network: &mut Network, key: Option<&str>, value: Option<&str>) -> OtherTab {
    with_engine(|e| e.other_tab(network, key, value)).unwrap_or(OtherTab::Ignored)
}

/// Every key under `rapport.`, with its stored text.
pub fn read_all() -> RawStore {
    with_engine(|e| e.read_all()).unwrap_or_default()
}

/// Chromium's measured localStorage limit per origin, in UTF-16 characters (keys plus values).
pub const QUOTA_CHARS: usize = 5_242_880;

/// Characters stored under `rapport.*`, keys and values, as the browser counts them (UTF-16).
pub fn used_chars() -> usize {
    read_all().iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum()
}

/// Removes every key under `rapport.` (a wipe the user confirmed), the meta key first.
pub fn wipe() -> Result<(), String> {
    with_engine(|e| e.wipe()).unwrap_or_else(|| Err("This browser has no local storage.".into()))?;
    // This device's sync state goes too: its keys read the sync files. And the theme's copy.
    device::forget();
    hint_theme(rapport_core::settings::Theme::System);
    Ok(())
}

/// [`wipe`] from a screen that has no open store (recovery, unlock).
pub fn clear_all() -> Result<(), String> {
    wipe()
}

/// The theme chosen in Settings, copied under a key of its own for index.html's first script,
/// which sets `data-theme` from it before the first paint: a theme that differs from the
/// system's then shows from the first frame, not only once the wasm has arrived. The store
/// keeps the choice; this is a hint, absent for "follow the system", and written again each
/// time the app applies a theme. A browser that refuses it only brings back that first flash.
pub const THEME_HINT_KEY: &str = "rapport-theme";

/// Keeps [`THEME_HINT_KEY`] in step with the theme the app applies.
pub fn hint_theme(theme: rapport_core::settings::Theme) {
    let Ok(storage) = local_storage() else { return };
    let wanted = match theme {
        rapport_core::settings::Theme::System => None,
        other => Some(other.key()),
    };
    if storage.get_item(THEME_HINT_KEY).ok().flatten().as_deref() == wanted {
        return;
    }
    let _ = match wanted {
        Some(key) => storage.set_item(THEME_HINT_KEY, key),
        None => storage.remove_item(THEME_HINT_KEY),
    };
}

/// Turns a thrown DOMException into words.
fn describe(error: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 => {
            "The browser's storage for Rapport is full.".to_string()
        }
        Some(e) => format!("The browser refused to store data: {}.", e.message()),
        None => "The browser refused to store data.".to_string(),
    }
}

//! The only code that touches localStorage. Everything it stores is decided by
//! `rapport_core::store`; this module only moves text in and out, keeps multi-key writes
//! all-or-nothing with the journal, and turns browser failures into readable errors.

pub mod lock;

use gloo_storage::{LocalStorage, Storage as _};
use rapport_core::store::{self, DecodeError, Decoded, RawStore, Write, JOURNAL_KEY, META_KEY, PREFIX};

/// What opening the store found.
pub enum Open {
    /// The data decoded (possibly after migration and a journal rollback).
    Ready(LocalStore, Box<Decoded>),
    /// Some key could not be read. Nothing has been written.
    Damaged { error: DecodeError, raw: RawStore },
    /// localStorage is missing or refuses writes (private mode, disabled by policy).
    Unavailable(String),
    /// The passphrase lock is on and this page has not unlocked it yet.
    Locked(rapport_core::lock::Header),
}

/// Why a write did not land. What was stored before is unchanged unless `broken` says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    pub message: String,
}

/// A handle on working localStorage.
pub struct LocalStore {
    meta_stored: bool,
    /// Why writing stopped for this session (a rollback failed, so the journal repairs on the
    /// next start; or the stored data could not be upgraded), if it did.
    broken: Option<String>,
}

/// Checks through web-sys that localStorage exists and accepts a write, before gloo is used:
/// gloo's `raw()` throws when storage is disabled.
pub fn probe() -> Result<(), String> {
    let storage = web_sys::window()
        .ok_or("There is no browser window.")?
        .local_storage()
        .map_err(|_| "This browser blocks local storage for this page (private mode or a privacy setting).")?
        .ok_or("This browser has no local storage.")?;
    let key = "rapport-probe";
    storage
        .set_item(key, "1")
        .map_err(|e| format!("This browser refuses to store data for this page ({}).", describe(&e)))?;
    let _ = storage.remove_item(key);
    Ok(())
}

/// Every key under `rapport.`, with its stored text.
pub fn read_all() -> RawStore {
    let storage = LocalStorage::raw();
    let mut raw = RawStore::new();
    let count = storage.length().unwrap_or(0);
    for index in 0..count {
        if let Ok(Some(key)) = storage.key(index) {
            if key.starts_with(PREFIX) {
                if let Ok(Some(value)) = storage.get_item(&key) {
                    raw.insert(key, value);
                }
            }
        }
    }
    raw
}

/// Chromium's measured localStorage limit per origin, in UTF-16 characters (keys plus values).
pub const QUOTA_CHARS: usize = 5_242_880;

/// Characters stored under `rapport.*`, keys and values, as the browser counts them (UTF-16).
pub fn used_chars() -> usize {
    read_all().iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum()
}

/// The stored text of one key.
pub fn read_key(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Removes every key under `rapport.`. Only called after the user confirmed it.
pub fn clear_all() -> Result<(), String> {
    let storage = LocalStorage::raw();
    // The meta key first: other tabs stop saving as soon as it goes (see state::sync), so
    // none of them can write back a key removed after it.
    storage.remove_item(store::META_KEY).map_err(|e| describe(&e))?;
    for key in read_all().into_keys() {
        storage.remove_item(&key).map_err(|e| describe(&e))?;
    }
    Ok(())
}

/// Opens the store: rolls back a change that was cut short, decodes, and stores migrated data.
pub fn open() -> Open {
    if let Err(message) = probe() {
        return Open::Unavailable(message);
    }
    let mut raw = read_all();
    if let Some(journal) = raw.get(JOURNAL_KEY) {
        match store::rollback(journal) {
            Ok(writes) => {
                for w in &writes {
                    // The journal holds values exactly as they were stored (sealed or not).
                    if let Err(e) = apply_raw(w) {
                        return Open::Damaged {
                            error: DecodeError {
                                key: w.key.clone(),
                                message: format!("Undoing an unfinished change failed: {}", e.message),
                            },
                            raw,
                        };
                    }
                }
                raw = read_all();
            }
            Err(message) => return Open::Damaged { error: DecodeError { key: JOURNAL_KEY.into(), message }, raw },
        }
    }
    let header = match lock::header() {
        Ok(header) => header,
        Err(e) => {
            return Open::Damaged {
                error: DecodeError { key: rapport_core::lock::LOCK_KEY.into(), message: e.to_string() },
                raw,
            }
        }
    };
    let plain = match header {
        None => raw.clone(),
        Some(header) if !lock::is_on() => return Open::Locked(header),
        Some(header) => match lock::open_store(&header) {
            Ok(plain) => plain,
            Err(error) => return Open::Damaged { error, raw },
        },
    };
    match store::decode(&plain) {
        Ok(decoded) => {
            let mut local = LocalStore { meta_stored: raw.contains_key(META_KEY), broken: None };
            if !decoded.upgrade.is_empty() {
                local.upgrade(&decoded.upgrade);
            }
            if local.broken.is_none() {
                // Keys only an older schema read; the data is in the new keys already.
                for w in &decoded.retire {
                    let _ = apply_raw(w);
                }
            }
            Open::Ready(local, Box::new(decoded))
        }
        Err(error) => Open::Damaged { error, raw },
    }
}

impl LocalStore {
    /// Writes a change. One key is written directly (a single `setItem` is atomic); several
    /// go through the journal, so either all land or none do.
    pub fn write(&mut self, mut writes: Vec<Write>) -> Result<(), WriteError> {
        if let Some(message) = &self.broken {
            return Err(WriteError { message: message.clone() });
        }
        if !self.meta_stored {
            writes.push(store::meta_write());
        }
        if let [only] = writes.as_slice() {
            apply(only)?;
        } else {
            let before = writes.iter().map(|w| (w.key.clone(), read_key(&w.key))).collect();
            let journal = store::journal_text(before);
            apply_raw(&Write { key: JOURNAL_KEY.into(), value: Some(journal.clone()) })?;
            for w in &writes {
                if let Err(error) = apply(w) {
                    self.undo(&journal);
                    return Err(error);
                }
            }
            apply_raw(&Write { key: JOURNAL_KEY.into(), value: None })?;
        }
        self.meta_stored = true;
        Ok(())
    }

    /// Removes every key under `rapport.` (a wipe the user confirmed); later writes store the
    /// meta key again.
    pub fn wipe(&mut self) -> Result<(), String> {
        self.meta_stored = false;
        lock::forget();
        if let Err(e) = clear_all() {
            // Part of the data may be gone from storage while memory has all of it: stop
            // saving until a reload shows what is stored.
            self.broken = Some(ROLLBACK_FAILED.into());
            return Err(format!("{e} Some data may already be deleted; reload Rapport to see what is left."));
        }
        Ok(())
    }

    /// Stops writing for the rest of this session, saying why to every later write.
    pub fn halt(&mut self, reason: &str) {
        self.broken = Some(reason.to_string());
    }

    /// Why saving is stopped for this session, if it is.
    pub fn halted(&self) -> Option<&str> {
        self.broken.as_deref()
    }

    fn undo(&mut self, journal: &str) {
        let Ok(writes) = store::rollback(journal) else {
            self.broken = Some(ROLLBACK_FAILED.into());
            return;
        };
        if writes.iter().any(|w| apply_raw(w).is_err()) {
            self.broken = Some(ROLLBACK_FAILED.into());
        }
    }

    /// Stores data migrated from an older schema, key by key. None of these keys is one the
    /// old schema reads, and the meta key goes last: until it lands, the old schema is what
    /// is stored, whole. If a write fails (storage full), the new keys written so far are
    /// removed again, the old schema stays as it was, and this session saves nothing, so
    /// it can't store new keys under the old schema's meta key.
    fn upgrade(&mut self, writes: &[Write]) {
        let before: Vec<(String, Option<String>)> = writes.iter().map(|w| (w.key.clone(), read_key(&w.key))).collect();
        for (done, w) in writes.iter().enumerate() {
            if let Err(error) = apply(w) {
                for (key, value) in before.iter().take(done) {
                    let _ = apply_raw(&Write { key: key.clone(), value: value.clone() });
                }
                self.broken = Some(format!(
                    "Rapport couldn't move your data to this version's storage layout ({}) Your data is safe, stored as the previous version left it, but nothing you change now can be saved. Export a backup from Settings, free some space, and reload.",
                    error.message
                ));
                return;
            }
        }
        self.meta_stored = true;
    }
}

const ROLLBACK_FAILED: &str =
    "An earlier save could not be undone cleanly, so saving is paused until Rapport is reloaded.";

/// Stores one key's new value, sealed while the passphrase lock is on.
fn apply(w: &Write) -> Result<(), WriteError> {
    match &w.value {
        Some(value) => apply_raw(&Write { key: w.key.clone(), value: Some(lock::seal(&w.key, value)) }),
        None => apply_raw(w),
    }
}

/// Stores a value exactly as given.
fn apply_raw(w: &Write) -> Result<(), WriteError> {
    let storage = LocalStorage::raw();
    let result = match &w.value {
        Some(value) => storage.set_item(&w.key, value),
        None => storage.remove_item(&w.key),
    };
    result.map_err(|e| WriteError { message: describe(&e) })
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

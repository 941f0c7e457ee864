//! The passphrase lock, on the browser side: the key derivation through WebCrypto, the
//! unlocked key held in memory for this page only, and the key-by-key changes (turn on,
//! change passphrase, turn off) that `rapport_core::lock` plans.
//!
//! The unlocked key lives in a thread-local of this module and nowhere else: it is never
//! stored, and locking reloads the page, so nothing of it survives a lock.

use super::{apply_raw, read_all, read_key, WriteError};
use rapport_core::lock::{self, EncryptedBackup, Header, LockError, State, Unlocked, LOCK_KEY};
use rapport_core::store::{DecodeError, RawStore, Write};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

struct Active {
    unlocked: Unlocked,
    state: State,
}

thread_local! {
    static ACTIVE: RefCell<Option<Active>> = const { RefCell::new(None) };
}

/// The name of the channel that tells other tabs to lock too.
const CHANNEL: &str = "rapport-lock";

/// Random bytes from `crypto.getRandomValues`. Without WebCrypto the lock can't be on (the
/// key derivation needs it too), so this is never reached without it.
pub fn random(bytes: &mut [u8]) {
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(bytes).ok())
        .is_some();
    if !filled {
        bytes.fill(0);
    }
}

/// PBKDF2-SHA256 of the passphrase (UTF-8, as typed) through WebCrypto: 32 bytes.
pub async fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Result<[u8; 32], String> {
    let fail = |_: JsValue| {
        "This browser could not derive a key from the passphrase: WebCrypto is missing (it needs an https:// or localhost address).".to_string()
    };
    let crypto = web_sys::window().ok_or("There is no browser window.")?.crypto().map_err(fail)?;
    let subtle = crypto.subtle();
    let secret = js_sys::Uint8Array::from(passphrase.as_bytes());
    let usages = js_sys::Array::of1(&JsValue::from_str("deriveBits"));
    let base = JsFuture::from(subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &usages).map_err(fail)?)
        .await
        .map_err(fail)?;
    let base: web_sys::CryptoKey = base.dyn_into().map_err(fail)?;
    let params = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&params, &JsValue::from_str(k), v).map(|_| ());
    set("name", &JsValue::from_str("PBKDF2")).map_err(fail)?;
    set("hash", &JsValue::from_str("SHA-256")).map_err(fail)?;
    set("salt", &js_sys::Uint8Array::from(salt).into()).map_err(fail)?;
    set("iterations", &JsValue::from_f64(f64::from(iterations))).map_err(fail)?;
    let bits =
        JsFuture::from(subtle.derive_bits_with_object(&params, &base, 256).map_err(fail)?).await.map_err(fail)?;
    js_sys::Uint8Array::new(&bits).to_vec().try_into().map_err(|_| "The derived key has the wrong length.".to_string())
}

/// The stored header, if the lock is on (or a change to it is under way).
pub fn header() -> Result<Option<Header>, LockError> {
    read_key(LOCK_KEY).map(|text| Header::parse(&text)).transpose()
}

/// Whether this page holds an unlocked key.
pub fn is_on() -> bool {
    ACTIVE.with(|a| a.borrow().is_some())
}

/// Checks a passphrase against the stored header and, if it opens it, keeps the key for
/// this page. A wrong passphrase changes nothing.
pub async fn unlock(passphrase: &str) -> Result<(), String> {
    let header = header().map_err(|e| e.to_string())?.ok_or("The lock is off; there is nothing to unlock.")?;
    let salt = header.salt_bytes().map_err(|e| e.to_string())?;
    let raw = derive(passphrase, &salt, header.iterations).await?;
    unlock_with_key(&header, &raw).map_err(|e| e.to_string())
}

/// [`unlock`] with the derived key (browser tests use this to skip the slow derivation).
pub fn unlock_with_key(header: &Header, raw: &[u8; 32]) -> Result<(), LockError> {
    let unlocked = header.unlock(raw)?;
    ACTIVE.with(|a| *a.borrow_mut() = Some(Active { unlocked, state: header.state }));
    Ok(())
}

/// Forgets the key (after a wipe, or before a reload).
pub fn forget() {
    ACTIVE.with(|a| *a.borrow_mut() = None);
}

/// What a write stores for a key's JSON: sealed under the current key while the lock is
/// on, packed otherwise (see `rapport_core::store::pack`).
pub(super) fn seal(key: &str, value: &str) -> String {
    ACTIVE.with(|a| match a.borrow().as_ref() {
        Some(active) => active.unlocked.seal(key, value, &mut random),
        None => rapport_core::store::stored_form(key, value),
    })
}

/// The plain text of a value another tab stored, or `None` if this page can't open it.
pub fn reveal(key: &str, stored: &str) -> Option<String> {
    ACTIVE.with(|a| match a.borrow().as_ref() {
        Some(active) => active.unlocked.open_value(active.state, key, stored).ok(),
        None => rapport_core::store::pack::unpack(stored).ok().map(|json| json.into_owned()),
    })
}

fn damaged(e: LockError, key: &str) -> DecodeError {
    let key = match &e {
        LockError::Tampered { key } | LockError::Plaintext { key } | LockError::UnknownVersion { key, .. } => {
            key.clone()
        }
        _ => key.to_string(),
    };
    DecodeError { key, message: e.to_string() }
}

/// At start, with the key unlocked: finishes a change that was cut short, then returns the
/// plain text of every key. A value that doesn't open stops everything, and nothing is
/// written over it.
pub(super) fn open_store(header: &Header) -> Result<RawStore, DecodeError> {
    let raw = read_all();
    let plain = ACTIVE.with(|a| match a.borrow().as_ref() {
        Some(active) => active.unlocked.open_store(header.state, &raw).map_err(|e| damaged(e, LOCK_KEY)),
        None => Err(DecodeError { key: LOCK_KEY.into(), message: "Rapport is locked.".into() }),
    })?;
    if header.state != State::Locked {
        // A failure here leaves the change under way; the next start tries again.
        let _ = finish(header.state);
    }
    let mut plain = plain;
    plain.remove(LOCK_KEY);
    Ok(plain)
}

/// Moves every key on in the change `state` describes, then records it as finished.
fn finish(state: State) -> Result<(), String> {
    for (key, stored) in read_all() {
        let write = ACTIVE.with(|a| match a.borrow().as_ref() {
            Some(active) => active.unlocked.step(state, &key, &stored, &mut random).map_err(|e| e.to_string()),
            None => Err("Rapport is locked.".to_string()),
        })?;
        if let Some(w) = write {
            apply_raw(&w).map_err(|e| e.message)?;
        }
    }
    match state {
        State::Removing => {
            apply_raw(&Write { key: LOCK_KEY.into(), value: None }).map_err(|e| e.message)?;
            forget();
        }
        _ => {
            let text = ACTIVE.with(|a| {
                a.borrow_mut().as_mut().map(|active| {
                    active.unlocked.drop_previous();
                    active.state = State::Locked;
                    active.unlocked.header(State::Locked, &mut random).to_text()
                })
            });
            if let Some(text) = text {
                apply_raw(&Write { key: LOCK_KEY.into(), value: Some(text) }).map_err(|e| e.message)?;
            }
        }
    }
    Ok(())
}

fn write_header(header: &Header) -> Result<(), WriteError> {
    apply_raw(&Write { key: LOCK_KEY.into(), value: Some(header.to_text()) })
}

/// Turns the lock on: derives a key from a fresh salt, writes the header, then seals every
/// key one by one. If storage fills up part way, every key is put back as it was and the
/// lock stays off.
pub async fn turn_on(passphrase: &str) -> Result<(), String> {
    if header().map_err(|e| e.to_string())?.is_some() {
        return Err("The lock is already on.".into());
    }
    let salt = lock::new_salt(&mut random);
    let raw = derive(passphrase, &salt, lock::ITERATIONS).await?;
    let (header, unlocked) = lock::begin_lock(&raw, &salt, lock::ITERATIONS, &mut random);
    write_header(&header).map_err(|e| format!("The lock was not turned on: {}", e.message))?;
    ACTIVE.with(|a| *a.borrow_mut() = Some(Active { unlocked, state: State::Encrypting }));
    if let Err(e) = finish(State::Encrypting) {
        // Put back what was sealed (plain text is smaller, so it fits), then drop the header.
        ACTIVE.with(|a| {
            if let Some(active) = a.borrow_mut().as_mut() {
                active.state = State::Removing;
            }
        });
        return match finish(State::Removing) {
            Ok(()) => Err(format!("The lock was not turned on, and everything is stored as before: {e}")),
            Err(again) => Err(format!(
                "The lock could not be turned on ({e}), and putting things back stopped part way ({again}). Your data is safe: Rapport will ask for the passphrase at the next start and finish turning the lock off."
            )),
        };
    }
    Ok(())
}

/// Checks the passphrase the user typed to confirm a change against the lock in use.
async fn confirm(passphrase: &str) -> Result<Header, String> {
    let header = header().map_err(|e| e.to_string())?.ok_or("The lock is off.")?;
    let raw = derive(passphrase, &header.salt_bytes().map_err(|e| e.to_string())?, header.iterations).await?;
    header.unlock(&raw).map_err(|_| "That isn't the current passphrase. Nothing was changed.".to_string())?;
    Ok(header)
}

/// Changes the passphrase: a new salt and key version; the header keeps the old key wrapped
/// under the new one until every key is sealed again.
pub async fn change(current: &str, new: &str) -> Result<(), String> {
    confirm(current).await?;
    let salt = lock::new_salt(&mut random);
    let raw = derive(new, &salt, lock::ITERATIONS).await?;
    let begun = ACTIVE.with(|a| {
        a.borrow()
            .as_ref()
            .map(|active| lock::begin_rekey(&active.unlocked, &raw, &salt, lock::ITERATIONS, &mut random))
    });
    let (header, unlocked) = begun.ok_or("Rapport is locked.")?;
    write_header(&header).map_err(|e| format!("The passphrase was not changed: {}", e.message))?;
    ACTIVE.with(|a| *a.borrow_mut() = Some(Active { unlocked, state: State::Rekeying }));
    finish(State::Rekeying).map_err(|e| {
        format!("The new passphrase is in use, but sealing everything again stopped part way ({e}). Your data is safe: Rapport finishes the job at the next start, with the new passphrase.")
    })
}

/// Turns the lock off: every key is stored as plain text again, then the header goes.
pub async fn turn_off(current: &str) -> Result<(), String> {
    confirm(current).await?;
    let header =
        ACTIVE.with(|a| a.borrow().as_ref().map(|active| active.unlocked.header(State::Removing, &mut random)));
    write_header(&header.ok_or("Rapport is locked.")?).map_err(|e| format!("The lock is still on: {}", e.message))?;
    ACTIVE.with(|a| {
        if let Some(active) = a.borrow_mut().as_mut() {
            active.state = State::Removing;
        }
    });
    finish(State::Removing).map_err(|e| {
        format!("Turning the lock off stopped part way ({e}). Your data is safe: Rapport asks for the passphrase at the next start and finishes.")
    })
}

/// Locks now: forgets the key, tells other tabs, and reloads, so nothing decrypted stays in
/// memory. The next start asks for the passphrase.
pub fn lock_now() {
    forget();
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&JsValue::from_str("lock"));
        channel.close();
    }
    reload();
}

pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Reloads this tab when another one locks. The returned channel must be kept alive.
pub fn follow_other_tabs() -> Option<web_sys::BroadcastChannel> {
    let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
    let on_message = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(|_| {
        forget();
        reload();
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    Some(channel)
}

/// Seals a backup's JSON under a passphrase (a fresh salt), in the documented format.
pub async fn encrypt_backup(passphrase: &str, json: &str) -> Result<String, String> {
    let salt = lock::new_salt(&mut random);
    let raw = derive(passphrase, &salt, lock::ITERATIONS).await?;
    Ok(EncryptedBackup::seal(&raw, &salt, lock::ITERATIONS, json, &mut random).to_text())
}

/// Opens an encrypted backup with the passphrase the user typed.
pub async fn decrypt_backup(file: &EncryptedBackup, passphrase: &str) -> Result<String, String> {
    let raw = derive(passphrase, &file.salt_bytes()?, file.iterations).await?;
    file.open(&raw)
}

//! The passphrase lock, on the browser side: the key derivation through WebCrypto, the
//! unlocked key held in memory for this page only, and the key-by-key changes (turn on,
//! change passphrase, turn off) that `rapport_core::lock` plans.
//!
//! The unlocked key lives in the page's storage engine (`super::with_engine`) and nowhere
//! else: it is never stored, and locking reloads the page, so nothing of it survives a lock.

use super::with_engine;
use rapport_core::lock::{self, EncryptedBackup, Header, LockError, NoRandomness};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The name of the channel that tells other tabs to lock too.
const CHANNEL: &str = "rapport-lock";

/// Random bytes from `crypto.getRandomValues`, or an error: nothing is ever sealed with
/// bytes that are not random (core refuses to seal, and says why).
pub fn random(bytes: &mut [u8]) -> Result<(), NoRandomness> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(bytes).ok())
        .map(drop)
        .ok_or(NoRandomness)
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

/// AES-256-GCM decryption through WebCrypto (`data` ends with the 16-byte tag, as core seals
/// it). `None` where WebCrypto is missing (an address that is not https:// or localhost) or
/// refuses: the caller decrypts with core's AES instead, which gives the same bytes or says
/// why not. In wasm, core's AES takes about 35 ms for a sync file of 5,000 people; this, 2.
pub async fn aes_gcm_decrypt(raw: &[u8; 32], nonce: &[u8], data: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    // `crypto.subtle` is undefined outside a secure context.
    if JsValue::from(subtle.clone()).is_undefined() {
        return None;
    }
    let usages = js_sys::Array::of1(&JsValue::from_str("decrypt"));
    let key = JsFuture::from(
        subtle.import_key_with_str("raw", &js_sys::Uint8Array::from(&raw[..]), "AES-GCM", false, &usages).ok()?,
    )
    .await
    .ok()?;
    let key: web_sys::CryptoKey = key.dyn_into().ok()?;
    let params = web_sys::AesGcmParams::new("AES-GCM", &js_sys::Uint8Array::from(nonce));
    params.set_additional_data(&js_sys::Uint8Array::from(aad));
    let data = js_sys::Uint8Array::from(data);
    let plain = JsFuture::from(subtle.decrypt_with_object_and_buffer_source(&params, &key, &data).ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&plain).to_vec())
}

/// The stored header, if the lock is on (or a change to it is under way).
pub fn header() -> Result<Option<Header>, LockError> {
    with_engine(|e| e.header()).unwrap_or(Ok(None))
}

/// Whether this page holds an unlocked key.
pub fn is_on() -> bool {
    with_engine(|e| e.is_unlocked()).unwrap_or(false)
}

/// Checks a passphrase against the stored header and, if it opens it, keeps the key for
/// this page. A wrong passphrase changes nothing.
pub async fn unlock(passphrase: &str) -> Result<(), String> {
    let header = header().map_err(|e| e.to_string())?.ok_or("The lock is off; there is nothing to unlock.")?;
    let salt = header.salt_bytes().map_err(|e| e.to_string())?;
    let raw = derive(passphrase, &salt, header.iterations).await?;
    unlock_with_key(&header, &raw).map_err(|e| e.to_string())
}

/// [`unlock`] with the derived key.
pub(crate) fn unlock_with_key(header: &Header, raw: &[u8; 32]) -> Result<(), LockError> {
    with_engine(|e| e.unlock(header, raw)).unwrap_or(Err(LockError::WrongPassphrase))
}

/// Test hook: unlocks with a raw key, skipping the slow derivation (browser tests only).
#[cfg(feature = "test-hooks")]
pub fn unlock_with_raw_key(header: &Header, raw: &[u8; 32]) -> Result<(), LockError> {
    unlock_with_key(header, raw)
}

/// Forgets the key (after a wipe, or before a reload).
pub fn forget() {
    with_engine(|e| e.forget());
}

fn new_salt() -> Result<[u8; lock::SALT_BYTES], String> {
    lock::new_salt(&mut random).map_err(|e| e.to_string())
}

/// Turns the lock on: derives a key from a fresh salt, then the engine writes the header
/// and seals every key one by one. If storage fills up part way, every key is put back as
/// it was and the lock stays off.
pub async fn turn_on(passphrase: &str) -> Result<(), String> {
    if header().map_err(|e| e.to_string())?.is_some() {
        return Err("The lock is already on.".into());
    }
    let salt = new_salt()?;
    let raw = derive(passphrase, &salt, lock::ITERATIONS).await?;
    with_engine(|e| e.lock_on(&raw, &salt, &mut random)).unwrap_or_else(|| Err(NO_STORAGE.into()))?;
    // The sync keys leave storage now that the lock is on (kept for this page only).
    super::device::update(|_| {});
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
    let salt = new_salt()?;
    let raw = derive(new, &salt, lock::ITERATIONS).await?;
    with_engine(|e| e.change_passphrase(&raw, &salt, &mut random)).unwrap_or_else(|| Err(NO_STORAGE.into()))
}

/// Turns the lock off: every key is stored as plain text again, then the header goes.
pub async fn turn_off(current: &str) -> Result<(), String> {
    confirm(current).await?;
    with_engine(|e| e.lock_off(&mut random)).unwrap_or_else(|| Err(NO_STORAGE.into()))?;
    // With the lock off, the sync keys are kept again like the data.
    super::device::keep_page_keys();
    Ok(())
}

const NO_STORAGE: &str = "This browser has no local storage.";

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

/// Reloads the page. Nothing more is saved from it first: a save still queued (a sync
/// merge's, stored after its report) must not write after another tab restored a backup or
/// changed the lock, nor after this tab forgot its key.
pub fn reload() {
    super::halt("Rapport is reloading; nothing more is saved from this page.");
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
    let salt = new_salt()?;
    let raw = derive(passphrase, &salt, lock::ITERATIONS).await?;
    EncryptedBackup::seal(&raw, &salt, lock::ITERATIONS, json, &mut random)
        .map(|f| f.to_text())
        .map_err(|e| e.to_string())
}

/// Opens an encrypted backup with the passphrase the user typed.
pub async fn decrypt_backup(file: &EncryptedBackup, passphrase: &str) -> Result<String, String> {
    let raw = derive(passphrase, &file.salt_bytes()?, file.iterations).await?;
    file.open(&raw)
}

//! The optional passphrase lock: encryption at rest of every stored key, and encrypted
//! backups.
//!
//! The app derives a 256-bit key from the passphrase with PBKDF2-SHA256 (through WebCrypto,
//! at least [`MIN_ITERATIONS`] rounds and a random 16-byte salt) and hands the raw key here.
//! Everything else is in this module and pure: AES-256-GCM (RustCrypto `aes-gcm`, which is
//! synchronous, so writes stay synchronous) with 96-bit random nonces that the caller passes in.
//!
//! **Stored layout with the lock on.**
//! - `rapport.lock` holds the [`Header`] in plain JSON: no personal data, only the KDF
//!   parameters, the key version, the state of a change under way, and two authenticators.
//! - Every other `rapport.*` key except `rapport.meta` (the schema number) and
//!   `rapport.journal` (which only holds earlier stored values, already sealed) holds
//!   `~<key version>~<base64(nonce ‖ ciphertext ‖ tag)>`. The associated data is the key's
//!   name and the key version, so a value moved to another key, or relabelled with another
//!   version, fails to open.
//!
//! **Changes key by key.** Turning the lock on, changing the passphrase and turning it off
//! rewrite one key at a time, so the store never needs room for two copies. The header
//! records the change under way ([`State`]); a start in the middle unlocks and finishes it.
//! While the passphrase changes, the old key is kept in the header wrapped under the new
//! one, so the new passphrase alone finishes the job.
//!
//! **What the header's authenticators catch.** `verify` opens only under the right key:
//! a wrong passphrase fails there. `seal` covers every other header field: a header whose
//! state, version or wrapped key was altered is refused even with the right passphrase.
//! An altered salt or iteration count derives another key, so it reads as a wrong
//! passphrase; the message says that too.

use crate::store::{pack, RawStore, Write};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where the header lives.
pub const LOCK_KEY: &str = "rapport.lock";
/// PBKDF2-SHA256 rounds for a new lock or encrypted backup (OWASP's 2023 figure).
pub const ITERATIONS: u32 = 600_000;
/// Fewer rounds than this are refused when reading a header or a backup.
pub const MIN_ITERATIONS: u32 = 600_000;
/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
pub const SALT_BYTES: usize = 16;
pub const NONCE_BYTES: usize = 12;
const KDF: &str = "PBKDF2-SHA256";
const HEADER_FORMAT: &str = "rapport-lock";
const BACKUP_FORMAT: &str = "rapport-encrypted-backup";
const CIPHER: &str = "AES-256-GCM";
const VERIFY_TEXT: &[u8] = b"rapport";

/// The random source failed: no secure random numbers, so nothing may be sealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRandomness;

/// A source of random bytes: the app passes `crypto.getRandomValues`, tests a counter. It
/// fails rather than hand out bytes that are not random; sealing then fails closed.
pub trait Random {
    fn fill(&mut self, bytes: &mut [u8]) -> Result<(), NoRandomness>;
}

impl<F: FnMut(&mut [u8]) -> Result<(), NoRandomness>> Random for F {
    fn fill(&mut self, bytes: &mut [u8]) -> Result<(), NoRandomness> {
        self(bytes)
    }
}

fn nonce(random: &mut dyn Random) -> Result<[u8; NONCE_BYTES], LockError> {
    let mut n = [0u8; NONCE_BYTES];
    random.fill(&mut n).map_err(|_| LockError::NoRandomness)?;
    Ok(n)
}

/// Fresh salt for a new lock or backup.
pub fn new_salt(random: &mut dyn Random) -> Result<[u8; SALT_BYTES], LockError> {
    let mut s = [0u8; SALT_BYTES];
    random.fill(&mut s).map_err(|_| LockError::NoRandomness)?;
    Ok(s)
}

/// Why something could not be unlocked, opened or written. Each says what happened in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// The passphrase does not open this lock (or the salt or rounds were altered).
    WrongPassphrase,
    /// The header opens with this passphrase but one of its fields was changed.
    HeaderAltered,
    /// The header is not one this version can read.
    BadHeader(String),
    /// A stored value was changed outside Rapport, or belongs to another key.
    Tampered { key: String },
    /// A key holds plain text while every key should be encrypted.
    Plaintext { key: String },
    /// A value sealed under a key version this lock doesn't have.
    UnknownVersion { key: String, version: u32 },
    /// The browser gave no secure random numbers, so nothing was sealed.
    NoRandomness,
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::WrongPassphrase => f.write_str(
                "That passphrase is wrong, so it doesn't unlock Rapport. Nothing was changed. Check Caps Lock and try again.",
            ),
            LockError::HeaderAltered => f.write_str(
                "The lock record (rapport.lock) was changed outside Rapport, so Rapport won't trust it. Nothing was changed.",
            ),
            LockError::BadHeader(why) => write!(f, "The lock record (rapport.lock) can't be read: {why}"),
            LockError::Tampered { key } => write!(
                f,
                "The stored value of “{key}” was changed outside Rapport (or copied from another key), so it can't be decrypted. Nothing was changed."
            ),
            LockError::Plaintext { key } => write!(
                f,
                "“{key}” is stored as plain text although the lock is on: it was changed outside Rapport. Nothing was changed."
            ),
            LockError::UnknownVersion { key, version } => write!(
                f,
                "“{key}” is encrypted under key version {version}, which this lock doesn't have. Nothing was changed."
            ),
            LockError::NoRandomness => f.write_str(
                "This browser gave Rapport no secure random numbers (crypto.getRandomValues failed), and encryption is not safe without them, so nothing was encrypted or saved. Try again, or use another browser.",
            ),
        }
    }
}

/// What a change under way is doing. `Locked` means no change is under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Every key is sealed under the current key version.
    Locked,
    /// Turning the lock on: keys are plain or sealed under the current version.
    Encrypting,
    /// Changing the passphrase: keys are sealed under the previous or the current version.
    Rekeying,
    /// Turning the lock off: keys are sealed under the current version or plain.
    Removing,
}

impl State {
    /// The state's name in the header's authenticated data. Part of the stored format:
    /// never change these, whatever the variants are called.
    pub fn stable_name(self) -> &'static str {
        match self {
            State::Locked => "Locked",
            State::Encrypting => "Encrypting",
            State::Rekeying => "Rekeying",
            State::Removing => "Removing",
        }
    }
}

/// The old key while the passphrase changes, wrapped (sealed) under the new key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Previous {
    pub key: u32,
    pub wrapped: String,
}

/// `rapport.lock`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub v: u32,
    pub kdf: String,
    pub iterations: u32,
    /// Base64 of the PBKDF2 salt.
    pub salt: String,
    /// The current key version; every change of passphrase adds one.
    pub key: u32,
    pub state: State,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Previous>,
    /// "rapport" sealed under the key: opens only with the right passphrase.
    pub verify: String,
    /// An empty message sealed with every other field as associated data.
    pub seal: String,
}

/// One AES-256-GCM key with its version.
#[derive(Clone)]
pub struct Key {
    version: u32,
    raw: [u8; 32],
    cipher: Aes256Gcm,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key(version {})", self.version)
    }
}

impl Key {
    /// A key from the 32 bytes PBKDF2 derived.
    pub fn new(raw: &[u8; 32], version: u32) -> Key {
        Key { version, raw: *raw, cipher: Aes256Gcm::new(raw.into()) }
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    fn seal(&self, aad: &[u8], plain: &[u8], nonce: [u8; NONCE_BYTES]) -> String {
        // Encryption fails only for messages over 64 GiB, which localStorage can't hold.
        let sealed = self.cipher.encrypt(Nonce::from_slice(&nonce), Payload { msg: plain, aad }).unwrap_or_default();
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        B64.encode(bytes)
    }

    fn open(&self, aad: &[u8], sealed_b64: &str) -> Option<Vec<u8>> {
        let bytes = B64.decode(sealed_b64.trim()).ok()?;
        if bytes.len() < NONCE_BYTES + 16 {
            return None;
        }
        let (nonce, body) = bytes.split_at(NONCE_BYTES);
        self.cipher.decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad }).ok()
    }
}

fn value_aad(key_name: &str, version: u32) -> Vec<u8> {
    format!("{key_name}\u{0}{version}").into_bytes()
}

/// Whether a stored key's value is encrypted when the lock is on.
pub fn is_encrypted_key(key_name: &str) -> bool {
    crate::store::is_record_key(key_name)
}

/// Seals one key's value: `~<version>~` and, 15 bits per character (see `store::pack`),
/// the nonce and the AES-GCM ciphertext of the deflated JSON.
pub fn seal_value(key: &Key, key_name: &str, plain: &str, random: &mut dyn Random) -> Result<String, LockError> {
    let version = key.version;
    let n = nonce(random)?;
    let packed = pack::compress(plain.as_bytes());
    let sealed =
        key.cipher.encrypt(Nonce::from_slice(&n), Payload { msg: &packed, aad: &value_aad(key_name, version) });
    let mut bytes = n.to_vec();
    bytes.extend_from_slice(&sealed.unwrap_or_default());
    Ok(format!("~{version}~{}", pack::encode15(&bytes)))
}

/// Opens [`seal_value`]'s body.
fn open_sealed(key: &Key, key_name: &str, body: &str) -> Option<String> {
    let bytes = pack::decode15(body)?;
    if bytes.len() < NONCE_BYTES + 16 {
        return None;
    }
    let (n, sealed) = bytes.split_at(NONCE_BYTES);
    let packed = key
        .cipher
        .decrypt(Nonce::from_slice(n), Payload { msg: sealed, aad: &value_aad(key_name, key.version) })
        .ok()?;
    String::from_utf8(pack::decompress(&packed)?).ok()
}

/// Whether a stored value is sealed, and under which key version.
pub fn sealed_version(stored: &str) -> Option<u32> {
    let rest = stored.strip_prefix('~')?;
    let (version, _) = rest.split_once('~')?;
    version.parse().ok()
}

/// The unlocked keys: the current one and, while a passphrase change is under way, the old.
#[derive(Debug, Clone)]
pub struct Unlocked {
    pub current: Key,
    pub previous: Option<Key>,
    salt: String,
    iterations: u32,
}

impl Header {
    /// Reads `rapport.lock`.
    pub fn parse(text: &str) -> Result<Header, LockError> {
        let header: Header = serde_json::from_str(text).map_err(|e| LockError::BadHeader(e.to_string()))?;
        if header.format != HEADER_FORMAT || header.v != 1 {
            return Err(LockError::BadHeader(format!(
                "it is “{}” version {}, and this version of Rapport reads “{HEADER_FORMAT}” version 1.",
                header.format, header.v
            )));
        }
        check_kdf(&header.kdf, header.iterations)?;
        header.salt_bytes()?;
        Ok(header)
    }

    pub fn salt_bytes(&self) -> Result<Vec<u8>, LockError> {
        match B64.decode(&self.salt) {
            Ok(salt) if salt.len() >= SALT_BYTES => Ok(salt),
            _ => Err(LockError::BadHeader("its salt is not 16 or more bytes of base64.".into())),
        }
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The associated data of `seal`: every other field, NUL-separated, the state by its
    /// [`State::stable_name`] (documented in ARCHITECTURE.md; never built from `Debug`).
    fn sealed_fields(&self) -> Vec<u8> {
        let previous = self.previous.as_ref().map(|p| format!("{}:{}", p.key, p.wrapped)).unwrap_or_default();
        format!(
            "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
            self.format,
            self.v,
            self.kdf,
            self.iterations,
            self.salt,
            self.key,
            self.state.stable_name(),
            previous,
            self.verify
        )
        .into_bytes()
    }

    /// Checks the passphrase's key against the header and unwraps the old key if a change of
    /// passphrase is under way.
    pub fn unlock(&self, raw: &[u8; 32]) -> Result<Unlocked, LockError> {
        let current = Key::new(raw, self.key);
        if current.open(b"rapport.lock verify", &self.verify).as_deref() != Some(VERIFY_TEXT) {
            return Err(LockError::WrongPassphrase);
        }
        if current.open(&self.sealed_fields(), &self.seal).as_deref() != Some(&[][..]) {
            return Err(LockError::HeaderAltered);
        }
        let previous = match &self.previous {
            None => None,
            Some(p) => {
                let old = current.open(b"rapport.lock previous", &p.wrapped).ok_or(LockError::HeaderAltered)?;
                let old: [u8; 32] = old.try_into().map_err(|_| LockError::HeaderAltered)?;
                Some(Key::new(&old, p.key))
            }
        };
        if self.state == State::Rekeying && previous.is_none() {
            return Err(LockError::BadHeader("a change of passphrase is under way but the old key is missing.".into()));
        }
        Ok(Unlocked { current, previous, salt: self.salt.clone(), iterations: self.iterations })
    }
}

fn check_kdf(kdf: &str, iterations: u32) -> Result<(), LockError> {
    if kdf != KDF {
        return Err(LockError::BadHeader(format!("its key derivation “{kdf}” is not {KDF}.")));
    }
    if iterations < MIN_ITERATIONS {
        return Err(LockError::BadHeader(format!(
            "it asks for {iterations} PBKDF2 rounds, fewer than the {MIN_ITERATIONS} Rapport requires."
        )));
    }
    Ok(())
}

/// Builds a header for `key` (the raw bytes, the version and the salt they came from).
fn build_header(
    key: &Key,
    salt: &str,
    iterations: u32,
    state: State,
    previous: Option<&Key>,
    random: &mut dyn Random,
) -> Result<Header, LockError> {
    let previous = match previous {
        Some(old) => {
            Some(Previous { key: old.version, wrapped: key.seal(b"rapport.lock previous", &old.raw, nonce(random)?) })
        }
        None => None,
    };
    let mut header = Header {
        format: HEADER_FORMAT.into(),
        v: 1,
        kdf: KDF.into(),
        iterations,
        salt: salt.into(),
        key: key.version,
        state,
        previous,
        verify: key.seal(b"rapport.lock verify", VERIFY_TEXT, nonce(random)?),
        seal: String::new(),
    };
    header.seal = key.seal(&header.sealed_fields(), &[], nonce(random)?);
    Ok(header)
}

/// A new lock: the header that starts turning it on, and the unlocked key. The caller writes
/// the header first, then [`step`]s through every key.
pub fn begin_lock(
    raw: &[u8; 32],
    salt: &[u8],
    iterations: u32,
    random: &mut dyn Random,
) -> Result<(Header, Unlocked), LockError> {
    let key = Key::new(raw, 1);
    let salt = B64.encode(salt);
    let header = build_header(&key, &salt, iterations, State::Encrypting, None, random)?;
    Ok((header, Unlocked { current: key, previous: None, salt, iterations }))
}

/// A change of passphrase: the header under the new key (version + 1) with the old key
/// wrapped inside it.
pub fn begin_rekey(
    unlocked: &Unlocked,
    new_raw: &[u8; 32],
    new_salt: &[u8],
    iterations: u32,
    random: &mut dyn Random,
) -> Result<(Header, Unlocked), LockError> {
    let old = unlocked.current.clone();
    let key = Key::new(new_raw, old.version.saturating_add(1));
    let salt = B64.encode(new_salt);
    let header = build_header(&key, &salt, iterations, State::Rekeying, Some(&old), random)?;
    Ok((header, Unlocked { current: key, previous: Some(old), salt, iterations }))
}

impl Unlocked {
    /// The header for a new state of the same key (no previous key unless rekeying).
    pub fn header(&self, state: State, random: &mut dyn Random) -> Result<Header, LockError> {
        let previous = if state == State::Rekeying { self.previous.as_ref() } else { None };
        build_header(&self.current, &self.salt, self.iterations, state, previous, random)
    }

    /// Forgets the old key once a change of passphrase has finished.
    pub fn drop_previous(&mut self) {
        self.previous = None;
    }

    /// Opens one stored value, allowing what `state` allows: the JSON it holds.
    pub fn open_value(&self, state: State, key_name: &str, stored: &str) -> Result<String, LockError> {
        if !is_encrypted_key(key_name) {
            return Ok(stored.to_string());
        }
        let Some(version) = sealed_version(stored) else {
            return match state {
                State::Encrypting | State::Removing => pack::unpack(stored)
                    .map(|json| json.into_owned())
                    .map_err(|_| LockError::Tampered { key: key_name.into() }),
                State::Locked | State::Rekeying => Err(LockError::Plaintext { key: key_name.into() }),
            };
        };
        let key = if version == self.current.version {
            &self.current
        } else {
            match &self.previous {
                Some(old) if old.version == version => old,
                _ => return Err(LockError::UnknownVersion { key: key_name.into(), version }),
            }
        };
        let body = stored.splitn(3, '~').nth(2).unwrap_or_default();
        open_sealed(key, key_name, body).ok_or_else(|| LockError::Tampered { key: key_name.into() })
    }

    /// Seals a value under the current key, as every write does while the lock is on.
    pub fn seal(&self, key_name: &str, plain: &str, random: &mut dyn Random) -> Result<String, LockError> {
        if is_encrypted_key(key_name) {
            seal_value(&self.current, key_name, plain, random)
        } else {
            Ok(plain.to_string())
        }
    }

    /// Opens every stored key: the plain text of the whole store, ready for `store::decode`.
    pub fn open_store(&self, state: State, raw: &RawStore) -> Result<RawStore, LockError> {
        raw.iter().map(|(k, v)| Ok((k.clone(), self.open_value(state, k, v)?))).collect()
    }

    /// The write that moves one key on in the change `state` describes, or `None` if it is
    /// already done. Values that don't open are an error: nothing is written over them.
    pub fn step(
        &self,
        state: State,
        key_name: &str,
        stored: &str,
        random: &mut dyn Random,
    ) -> Result<Option<Write>, LockError> {
        if !is_encrypted_key(key_name) {
            return Ok(None);
        }
        let version = sealed_version(stored);
        let done = match state {
            State::Locked => true,
            State::Encrypting | State::Rekeying => version == Some(self.current.version),
            State::Removing => version.is_none(),
        };
        if done {
            return Ok(None);
        }
        let plain = self.open_value(state, key_name, stored)?;
        let value = if state == State::Removing {
            crate::store::stored_form(key_name, &plain)
        } else {
            self.seal(key_name, &plain, random)?
        };
        Ok(Some(Write { key: key_name.to_string(), value: Some(value) }))
    }
}

/// An encrypted backup file:
///
/// ```json
/// {"format":"rapport-encrypted-backup","v":1,"kdf":"PBKDF2-SHA256","iterations":600000,
///  "salt":"<base64, 16 bytes>","cipher":"AES-256-GCM","nonce":"<base64, 12 bytes>",
///  "ciphertext":"<base64 of the backup JSON sealed, with the 16-byte tag at the end>"}
/// ```
///
/// The key is PBKDF2-SHA256(passphrase as UTF-8, salt, iterations, 32 bytes). The associated
/// data is `format|v|kdf|iterations|salt|cipher|nonce`, so a change to any header field or to
/// the body is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptedBackup {
    pub format: String,
    pub v: u32,
    pub kdf: String,
    pub iterations: u32,
    pub salt: String,
    pub cipher: String,
    pub nonce: String,
    pub ciphertext: String,
}

impl EncryptedBackup {
    /// Whether a file's first bytes look like an encrypted backup.
    pub fn sniff(head: &str) -> bool {
        head.contains(&format!("\"format\":\"{BACKUP_FORMAT}\""))
            || head.contains(&format!("\"format\": \"{BACKUP_FORMAT}\""))
    }

    /// Seals a backup's JSON.
    pub fn seal(
        raw: &[u8; 32],
        salt: &[u8],
        iterations: u32,
        backup_json: &str,
        random: &mut dyn Random,
    ) -> Result<EncryptedBackup, LockError> {
        let n = nonce(random)?;
        let mut file = EncryptedBackup {
            format: BACKUP_FORMAT.into(),
            v: 1,
            kdf: KDF.into(),
            iterations,
            salt: B64.encode(salt),
            cipher: CIPHER.into(),
            nonce: B64.encode(n),
            ciphertext: String::new(),
        };
        let key = Key::new(raw, 0);
        let sealed =
            key.cipher.encrypt(Nonce::from_slice(&n), Payload { msg: backup_json.as_bytes(), aad: &file.aad() });
        file.ciphertext = B64.encode(sealed.unwrap_or_default());
        Ok(file)
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads the file's header; the passphrase is asked for next.
    pub fn parse(text: &str) -> Result<EncryptedBackup, String> {
        let file: EncryptedBackup = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("This encrypted backup is damaged: {e}. Nothing was imported."))?;
        if file.format != BACKUP_FORMAT || file.v != 1 || file.cipher != CIPHER {
            return Err(format!(
                "This is “{}” version {} with {}; Rapport reads “{BACKUP_FORMAT}” version 1 with {CIPHER}. Nothing was imported.",
                file.format, file.v, file.cipher
            ));
        }
        check_kdf(&file.kdf, file.iterations).map_err(|e| format!("{e} Nothing was imported."))?;
        file.salt_bytes()?;
        Ok(file)
    }

    pub fn salt_bytes(&self) -> Result<Vec<u8>, String> {
        match B64.decode(&self.salt) {
            Ok(s) if s.len() >= SALT_BYTES => Ok(s),
            _ => Err("This encrypted backup's salt is damaged. Nothing was imported.".into()),
        }
    }

    fn aad(&self) -> Vec<u8> {
        format!(
            "{}|{}|{}|{}|{}|{}|{}",
            self.format, self.v, self.kdf, self.iterations, self.salt, self.cipher, self.nonce
        )
        .into_bytes()
    }

    /// The backup's JSON, given the key the passphrase derives.
    pub fn open(&self, raw: &[u8; 32]) -> Result<String, String> {
        let refused = || {
            "This backup doesn't open with that passphrase, or the file was changed after it was exported. Nothing was imported."
                .to_string()
        };
        let nonce = B64.decode(&self.nonce).map_err(|_| refused())?;
        let body = B64.decode(&self.ciphertext).map_err(|_| refused())?;
        if nonce.len() != NONCE_BYTES {
            return Err(refused());
        }
        let key = Key::new(raw, 0);
        let plain = key
            .cipher
            .decrypt(Nonce::from_slice(&nonce), Payload { msg: &body, aad: &self.aad() })
            .map_err(|_| refused())?;
        String::from_utf8(plain).map_err(|_| refused())
    }
}

//! Sync between devices with no server: each device writes its own encrypted sync file, and
//! merges every other device's file into its store with the one convergent merge
//! ([`crate::record::Record::join`]).
//!
//! # The sync file (`rapport-<device>.sync`)
//!
//! ```text
//! RAPPORT-SYNC 1\n                      a magic line
//! {"format":"rapport-sync",…}\n         the header, one line of JSON (below)
//! <ciphertext>                          AES-256-GCM of the deflated payload, to the end
//! ```
//!
//! The header names the writing device (`device`, a random id, and `name`), when it was
//! `written`, and the key derivation: PBKDF2-SHA256 with `iterations` (at least 600,000) over
//! the sync passphrase and the device's `salt`. `nonce` is the body's; `check` is an empty
//! message sealed under the key with its own nonce, so a wrong passphrase is told apart from a
//! changed file. The magic line and the header line are the body's associated data: changing
//! a byte anywhere refuses the whole file. The payload is the backup format
//! ([`crate::backup::Backup`], tombstones included), as compact JSON, deflated; from version
//! (`v`) 2 on, its interactions are written column by column
//! ([`crate::backup::InteractionColumns`]), which deflates a quarter smaller. Version 1 files
//! are still read; a newer version is refused with a message.
//!
//! Each device writes only its own file, so a file never has two writers; copies a sync
//! service made after a conflict ("rapport-laptop (conflicted copy).sync",
//! "rapport-laptop 2.sync", "rapport-laptop.sync-conflict-….sync") are read like any other.
use crate::backup::{self, Backup};
use crate::lock::{NoRandomness, Random, ITERATIONS, MIN_ITERATIONS, NONCE_BYTES, SALT_BYTES};
use crate::network::{Network, Touched};
use crate::record::{Kind, Record, Records, Slot};
use crate::revert;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

const MAGIC: &[u8] = b"RAPPORT-SYNC 1\n";
/// The version written: 2 keeps the interactions column by column; version 1 files (the
/// backup as it is) are still read.
pub const VERSION: u32 = 2;
pub const FORMAT: &str = "rapport-sync";
const KDF: &str = "PBKDF2-SHA256";
const CIPHER: &str = "AES-256-GCM";
/// More rounds than this are refused: a file dropped in the folder must not keep the
/// browser deriving a key for hours.
pub const MAX_ITERATIONS: u32 = 10 * ITERATIONS;
/// Files larger than this are not sync files this version could have written.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The header of a sync file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub v: u32,
    /// The writing device's id (random, fixed for the device).
    pub device: String,
    /// The writing device's name, as the user gave it.
    pub name: String,
    pub written: DateTime<Utc>,
    pub kdf: String,
    pub iterations: u32,
    pub salt: String,
    pub cipher: String,
    pub nonce: String,
    pub check: String,
}

/// A sync file read as far as its header: the key is asked for next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncFile {
    pub header: Header,
    aad: Vec<u8>,
    body: Vec<u8>,
}

/// Why a sync file was refused. Nothing is merged from a refused file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    NotASyncFile,
    Damaged(String),
    NewerVersion(u32),
    WrongPassphrase,
    Tampered,
    NoRandomness,
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncError::NotASyncFile => write!(f, "This is not a Rapport sync file."),
            SyncError::Damaged(why) => write!(f, "This sync file is damaged ({why})."),
            SyncError::NewerVersion(v) => {
                write!(
                    f,
                    "This sync file is version {v}, written by a newer Rapport: update Rapport on this device first."
                )
            }
            SyncError::WrongPassphrase => {
                write!(f, "This sync file was written under another sync passphrase.")
            }
            SyncError::Tampered => {
                write!(f, "This sync file was changed after it was written, so it can't be trusted.")
            }
            SyncError::NoRandomness => write!(f, "The browser gave no secure random numbers, so nothing was written."),
        }
    }
}

fn cipher(raw: &[u8; 32]) -> Aes256Gcm {
    Aes256Gcm::new(raw.into())
}

fn random_bytes<const N: usize>(random: &mut dyn Random) -> Result<[u8; N], SyncError> {
    let mut b = [0u8; N];
    random.fill(&mut b).map_err(|NoRandomness| SyncError::NoRandomness)?;
    Ok(b)
}

/// A new salt for this device's sync files.
pub fn new_salt(random: &mut dyn Random) -> Result<[u8; SALT_BYTES], SyncError> {
    random_bytes(random)
}

/// A new device id: 12 random letters and digits.
pub fn new_device_id(random: &mut dyn Random) -> Result<String, SyncError> {
    const LETTERS: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let bytes: [u8; 12] = random_bytes(random)?;
    Ok(bytes.iter().filter_map(|b| LETTERS.get(usize::from(*b) % LETTERS.len())).map(|b| *b as char).collect())
}

/// The digits a device puts in its stamps ([`crate::clock`]), from its id.
pub fn clock_digits(device: &str) -> u16 {
    (device.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
        % 999) as u16
        + 1
}

/// The file a device writes: `rapport-<name>-<id>.sync`, the name made safe for every file
/// system, and the first six letters of the device's id, so two devices that share a name
/// ("Computer") never write one file.
pub fn file_name(device_name: &str, device: &str) -> String {
    let mut slug = String::new();
    for c in device_name.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(40).collect();
    let id: String = device.chars().filter(char::is_ascii_alphanumeric).take(6).collect();
    format!("rapport-{}-{id}.sync", if slug.is_empty() { "device" } else { slug.as_str() })
}

/// Whether a file in the sync folder is a sync file, including the copies sync services
/// make after a conflict.
pub fn is_sync_file_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.starts_with("rapport-") && lower.contains(".sync") && !lower.ends_with(".tmp") && !lower.ends_with(".crswap")
}

/// Writes a sync file of `network` for this device.
#[allow(clippy::too_many_arguments)]
pub fn seal(
    network: &Network,
    device: &str,
    name: &str,
    written: DateTime<Utc>,
    raw: &[u8; 32],
    salt: &[u8],
    random: &mut dyn Random,
) -> Result<Vec<u8>, SyncError> {
    let check_nonce: [u8; NONCE_BYTES] = random_bytes(random)?;
    let body_nonce: [u8; NONCE_BYTES] = random_bytes(random)?;
    let c = cipher(raw);
    let check = c
        .encrypt(Nonce::from_slice(&check_nonce), Payload { msg: b"", aad: b"rapport-sync-check" })
        .map_err(|_| SyncError::NoRandomness)?;
    let mut check_field = check_nonce.to_vec();
    check_field.extend_from_slice(&check);
    let header = Header {
        format: FORMAT.into(),
        v: VERSION,
        device: device.into(),
        name: name.into(),
        written,
        kdf: KDF.into(),
        iterations: ITERATIONS,
        salt: B64.encode(salt),
        cipher: CIPHER.into(),
        nonce: B64.encode(body_nonce),
        check: B64.encode(check_field),
    };
    let json = backup::sync_json(network, written).map_err(SyncError::Damaged)?;
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 6);
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(serde_json::to_string(&header).map_err(|e| SyncError::Damaged(e.to_string()))?.as_bytes());
    out.push(b'\n');
    let aad = out.clone();
    let sealed = c
        .encrypt(Nonce::from_slice(&body_nonce), Payload { msg: &packed, aad: &aad })
        .map_err(|_| SyncError::NoRandomness)?;
    out.extend_from_slice(&sealed);
    Ok(out)
}

impl SyncFile {
    /// Reads a file's header. The passphrase is asked for next.
    pub fn parse(bytes: &[u8]) -> Result<SyncFile, SyncError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(SyncError::NotASyncFile)?;
        let end = rest.iter().position(|b| *b == b'\n').ok_or_else(|| SyncError::Damaged("no header".into()))?;
        let (line, body) = rest.split_at(end);
        let body = body.get(1..).unwrap_or_default();
        let header: Header =
            serde_json::from_slice(line).map_err(|e| SyncError::Damaged(format!("its header: {e}")))?;
        if header.format != FORMAT {
            return Err(SyncError::NotASyncFile);
        }
        if header.v > VERSION {
            return Err(SyncError::NewerVersion(header.v));
        }
        if header.kdf != KDF
            || header.cipher != CIPHER
            || header.iterations < MIN_ITERATIONS
            || header.iterations > MAX_ITERATIONS
        {
            return Err(SyncError::Damaged(format!(
                "it uses {} with {} rounds and {}; Rapport reads {KDF} with {MIN_ITERATIONS} to {MAX_ITERATIONS} rounds and {CIPHER}",
                header.kdf, header.iterations, header.cipher
            )));
        }
        let aad = bytes.get(..MAGIC.len() + end + 1).unwrap_or_default().to_vec();
        let file = SyncFile { aad, body: body.to_vec(), header };
        file.salt()?;
        Ok(file)
    }

    pub fn salt(&self) -> Result<Vec<u8>, SyncError> {
        match B64.decode(&self.header.salt) {
            Ok(s) if s.len() >= SALT_BYTES => Ok(s),
            _ => Err(SyncError::Damaged("its salt".into())),
        }
    }

    /// The file's store, given the key the passphrase derives with the file's salt.
    pub fn open(&self, raw: &[u8; 32]) -> Result<Backup, SyncError> {
        let sealed = self.sealed_body(raw)?;
        let packed = cipher(raw)
            .decrypt(Nonce::from_slice(&sealed.nonce), Payload { msg: sealed.body, aad: sealed.aad })
            .map_err(|_| SyncError::Tampered)?;
        self.read_body(&packed)
    }

    /// The first half of [`SyncFile::open`]: checks that `raw` is the key the file was sealed
    /// with (its check value opens; a wrong passphrase says so), and returns what to decrypt
    /// with AES-256-GCM. The app decrypts it with WebCrypto where it can (a native AES is
    /// much faster than this crate's in wasm), then hands the result to [`SyncFile::read_body`].
    pub fn sealed_body(&self, raw: &[u8; 32]) -> Result<SealedBody<'_>, SyncError> {
        let check = B64.decode(&self.header.check).map_err(|_| SyncError::Tampered)?;
        if check.len() < NONCE_BYTES + 16 {
            return Err(SyncError::Tampered);
        }
        let (n, tag) = check.split_at(NONCE_BYTES);
        cipher(raw)
            .decrypt(Nonce::from_slice(n), Payload { msg: tag, aad: b"rapport-sync-check" })
            .map_err(|_| SyncError::WrongPassphrase)?;
        let nonce = B64.decode(&self.header.nonce).map_err(|_| SyncError::Tampered)?;
        if nonce.len() != NONCE_BYTES {
            return Err(SyncError::Tampered);
        }
        Ok(SealedBody { nonce, body: &self.body, aad: &self.aad })
    }

    /// The second half of [`SyncFile::open`]: reads the decrypted body (inflate, parse).
    pub fn read_body(&self, packed: &[u8]) -> Result<Backup, SyncError> {
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(packed, 512 * 1024 * 1024)
            .map_err(|_| SyncError::Damaged("its contents".into()))?;
        let text = std::str::from_utf8(&json).map_err(|_| SyncError::Damaged("its contents".into()))?;
        if self.header.v < 2 {
            backup::parse_backup(text).map_err(SyncError::Damaged)
        } else {
            backup::parse_sync_json(text).map_err(SyncError::Damaged)
        }
    }
}

/// A sync file's body as sealed: AES-256-GCM with this nonce and associated data (the tag
/// at the end of `body`).
#[derive(Debug)]
pub struct SealedBody<'a> {
    pub nonce: Vec<u8>,
    pub body: &'a [u8],
    pub aad: &'a [u8],
}

/// What one merge did to one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub deleted: usize,
}

impl Counts {
    pub fn is_empty(&self) -> bool {
        self.added + self.updated + self.deleted == 0
    }
}

/// What a merge did, per kind, and what it needs to be undone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeReport {
    pub people: Counts,
    pub interactions: Counts,
    pub employers: Counts,
    pub interviews: Counts,
    pub drafts: Counts,
    pub other: Counts,
    /// People brought back by an edit made after another device deleted them (names may be
    /// blank: then the id).
    pub brought_back: Vec<String>,
    /// The records the merge changed, to write and to undo.
    pub touched: Touched,
    /// The greatest stamp the merge took in: the caller's clock observes it.
    pub latest: Option<DateTime<Utc>>,
}

impl MergeReport {
    pub fn changed_nothing(&self) -> bool {
        [self.people, self.interactions, self.employers, self.interviews, self.drafts, self.other]
            .iter()
            .all(Counts::is_empty)
    }

    /// One plain sentence: "2 people added, 1 person updated; 3 interactions added." or
    /// "Nothing new."
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        for (one, many, c) in [
            ("person", "people", self.people),
            ("interaction", "interactions", self.interactions),
            ("employer", "employers", self.employers),
            ("interview", "interviews", self.interviews),
            ("draft", "drafts", self.drafts),
            ("other record", "other records", self.other),
        ] {
            let bits: Vec<String> = [(c.added, "added"), (c.updated, "updated"), (c.deleted, "deleted")]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{} {what}", crate::text::count(*n, one, many)))
                .collect();
            if !bits.is_empty() {
                parts.push(bits.join(", "));
            }
        }
        if parts.is_empty() {
            "Nothing new.".into()
        } else {
            parts.join("; ") + "."
        }
    }
}

fn count<T: Record + PartialEq>(
    before: &Records<T>,
    after: &Records<T>,
    kind: Kind,
    c: &mut Counts,
    touched: &mut Touched,
) {
    for (id, slot) in after {
        let old = before.get(id);
        if old == Some(slot) {
            continue;
        }
        match (old, slot) {
            (None | Some(Slot::Gone(_)), Slot::Live(_)) => c.added += 1,
            (Some(Slot::Live(_)), Slot::Live(_)) => c.updated += 1,
            (Some(Slot::Live(_)), Slot::Gone(_)) => c.deleted += 1,
            (None | Some(Slot::Gone(_)), Slot::Gone(_)) => {}
        }
        touched.insert(kind, *id);
    }
}

/// Merges another device's store into `network`. Nothing is changed when nothing is new.
pub fn merge(network: &mut Network, incoming: &Backup) -> MergeReport {
    merge_keeping_before(network, incoming).0
}

/// [`merge`], handing back the network as it was before when the merge changed it (what an
/// undo goes back to), without copying it again: the merge works on a copy and swaps it in.
pub fn merge_keeping_before(network: &mut Network, incoming: &Backup) -> (MergeReport, Option<Network>) {
    let mut next = network.clone();
    backup::merge_records(&mut next, incoming);
    let before = &*network;
    let mut r = MergeReport::default();
    count(&before.people, &next.people, Kind::Person, &mut r.people, &mut r.touched);
    count(&before.employers, &next.employers, Kind::Employer, &mut r.employers, &mut r.touched);
    count(&before.interviews, &next.interviews, Kind::Interview, &mut r.interviews, &mut r.touched);
    count(&before.drafts, &next.drafts, Kind::Draft, &mut r.drafts, &mut r.touched);
    count(&before.phrasings, &next.phrasings, Kind::Phrasing, &mut r.other, &mut r.touched);
    count(&before.batches, &next.batches, Kind::Batch, &mut r.other, &mut r.touched);
    for (person, shard) in &next.shards {
        let old = before.shards.get(person);
        if old == Some(shard) {
            continue;
        }
        let old_live = old.map(|s| s.live.as_slice()).unwrap_or(&[]);
        for i in &shard.live {
            match old_live.iter().find(|o| o.id == i.id) {
                None => r.interactions.added += 1,
                Some(o) if o != i => r.interactions.updated += 1,
                Some(_) => {}
            }
        }
        r.interactions.deleted += old_live.iter().filter(|o| !shard.live.iter().any(|i| i.id == o.id)).count();
        r.touched.insert(Kind::Shard, *person);
    }
    for id in r.touched.ids(Kind::Person) {
        if let (Some(Slot::Live(p)), Some(Slot::Gone(_)) | None) = (next.people.get(id), before.people.get(id)) {
            if p.deleted.is_some() {
                r.brought_back.push(if p.name.is_empty() { id.to_string() } else { p.name.clone() });
            }
        }
    }
    r.latest = latest_stamp(incoming);
    // Stored whenever anything changed, tombstones alone included (the counts are only for
    // the summary, and leave out deletions of records this device never had).
    let before = (!r.touched.is_empty()).then(|| std::mem::replace(network, next));
    (r, before)
}

/// The latest stamp in a store from elsewhere.
pub fn latest_stamp(b: &Backup) -> Option<DateTime<Utc>> {
    let people = b.people.iter().map(|p| p.updated);
    let interactions = b.interactions.iter().map(|i| i.updated);
    let tombstones = b.tombstones.iter().map(|t| t.deleted);
    let rest = b
        .employers
        .iter()
        .map(|e| e.updated)
        .chain(b.interviews.iter().map(|i| i.updated))
        .chain(b.drafts.iter().map(|d| d.updated))
        .chain(b.phrasings.iter().map(|p| p.updated))
        .chain(b.batches.iter().map(|x| x.updated));
    people.chain(interactions).chain(tombstones).chain(rest).max()
}

/// Undoes a whole merge: every record it changed goes back as it was, stamped `now`, except
/// records changed again since the merge (at `since`), which are left. Returns what to write.
pub fn undo(
    network: &mut Network,
    before: &Network,
    report: &MergeReport,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Touched {
    revert::revert(network, before, &report.touched, since, now)
}

/// Another device seen through its sync file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Peer {
    pub device: String,
    pub name: String,
    /// When it last wrote its file (the newest file seen).
    pub written: DateTime<Utc>,
    /// When this device last merged it.
    pub merged: DateTime<Utc>,
}

/// This device's part in sync, kept in the browser beside the store (not in it: it is not
/// data to merge, and each device has its own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceState {
    /// Random, fixed for the device; its stamps carry [`clock_digits`] of it.
    pub id: String,
    pub name: String,
    /// The salt of this device's own sync files (base64).
    #[serde(default)]
    pub salt: String,
    /// Keys derived from the sync passphrase, by the salt they were derived with (base64
    /// both): this device's own, and each other device's it has read. Not kept when the
    /// passphrase lock is on (then only for the page's life).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub keys: std::collections::BTreeMap<String, String>,
    /// Devices removed from sync: their files are not merged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peers: Vec<Peer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_synced: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_written: Option<DateTime<Utc>>,
    /// The name of the sync folder, when one is chosen (the browser keeps its handle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
}

impl DeviceState {
    /// The key of this device's own files, once the sync passphrase is set.
    pub fn own_key(&self) -> Option<[u8; 32]> {
        self.key_for(&self.salt)
    }

    pub fn key_for(&self, salt_b64: &str) -> Option<[u8; 32]> {
        let raw = B64.decode(self.keys.get(salt_b64)?).ok()?;
        raw.try_into().ok()
    }

    pub fn keep_key(&mut self, salt_b64: &str, raw: &[u8; 32]) {
        self.keys.insert(salt_b64.to_string(), B64.encode(raw));
    }

    pub fn salt_bytes(&self) -> Option<Vec<u8>> {
        B64.decode(&self.salt).ok().filter(|s| s.len() >= SALT_BYTES)
    }

    /// Records a merged file of another device.
    pub fn saw(&mut self, header: &Header, merged: DateTime<Utc>) {
        match self.peers.iter_mut().find(|p| p.device == header.device) {
            Some(p) => {
                p.name.clone_from(&header.name);
                p.written = p.written.max(header.written);
                p.merged = merged;
            }
            None => self.peers.push(Peer {
                device: header.device.clone(),
                name: header.name.clone(),
                written: header.written,
                merged,
            }),
        }
        self.last_synced = Some(merged);
    }

    /// Stops merging a device's files (and forgets it in the list).
    pub fn remove(&mut self, device: &str) {
        self.peers.retain(|p| p.device != device);
        if !self.removed.iter().any(|d| d == device) {
            self.removed.push(device.to_string());
        }
    }

    pub fn is_removed(&self, device: &str) -> bool {
        self.removed.iter().any(|d| d == device)
    }
}

/// A salt as written in a header or a pairing code (base64), if it is one.
pub fn decode_salt(text: &str) -> Option<Vec<u8>> {
    B64.decode(text).ok().filter(|s| s.len() >= SALT_BYTES)
}

/// Sets the salt a new device writes with.
pub fn salt_text(salt: &[u8]) -> String {
    B64.encode(salt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(file_name("Ana's laptop", "abcdefghjk"), "rapport-ana-s-laptop-abcdef.sync");
        assert_eq!(file_name("  ", "zz9"), "rapport-device-zz9.sync");
        assert_eq!(file_name("Téléphone / Work", "x/y..z"), "rapport-téléphone-work-xyz.sync");
        // Two computers with one name write two files.
        assert_ne!(file_name("Computer", "aaaaaa1"), file_name("Computer", "bbbbbb1"));
        for name in [
            "rapport-laptop.sync",
            "rapport-laptop (Ana's conflicted copy 2026-12-06).sync",
            "rapport-laptop 2.sync",
            "rapport-laptop(1).sync",
            "rapport-laptop.sync-conflict-20261206-101010-ABCDEF.sync",
            "Rapport-Phone.SYNC",
        ] {
            assert!(is_sync_file_name(name), "{name}");
        }
        for name in ["notes.txt", "rapport-backup.json", "laptop.sync", "rapport-laptop.sync.crswap"] {
            assert!(!is_sync_file_name(name), "{name}");
        }
    }

    #[test]
    fn clock_digits_are_one_to_999() {
        for id in ["a", "bcdefghijkmn", "zzzzzzzzzzzz", ""] {
            assert!((1..=999).contains(&clock_digits(id)));
        }
    }
}

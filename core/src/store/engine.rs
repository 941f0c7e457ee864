//! The storage engine: every step that reads or writes the store, over a [`KeyValue`], so
//! that all of it runs natively in tests with faults injected at every write.
//!
//! - **Open never writes** ([`Engine::open`]). A change cut short is rolled back in memory
//!   first, the lock's values are opened, the schema is checked against the keys, and the
//!   store is decoded. Only then are the repairs written (the journal's rollback, a lock
//!   change to finish, an upgrade, old keys to retire), and a probe checks that a write
//!   lands. If any of that fails, the data is open all the same and the engine is
//!   read-only for the session ([`Engine::halted`]), saying why.
//! - **All or nothing** ([`Engine::write`]). Values are packed or sealed before anything is
//!   written (no randomness: nothing is written). One key is one `set`; several go through
//!   `rapport.journal`, which holds their previous values: a failed write rolls back at
//!   once, a crash rolls back at the next open.
//! - **Merge before write** ([`Engine::save`]). Buckets are shared by about twenty people,
//!   so the stored copy of each bucket about to be written is merged in first, unless it
//!   is exactly the text this engine last read or wrote there (a fingerprint of each
//!   bucket's stored text is kept): then the network already holds all of it. Anything
//!   the engine is not sure of (another tab's write, a failed write, the lock re-sealing
//!   every key) forgets the fingerprint, and the next save merges as before.
//! - **Other tabs** ([`Engine::other_tab`]). Another tab's write is merged record by
//!   record; records this tab holds newer than that write are written again, so two tabs
//!   writing one bucket at once lose nothing.
//! - **The lock's key-by-key changes** ([`Engine::lock_on`], [`Engine::change_passphrase`],
//!   [`Engine::lock_off`]). The key derivation is the caller's (WebCrypto in the app).

use super::kv::{KeyValue, Refused};
use super::{
    bucket_of, classify, decode, decode_slot, encode, interactions_key, journal_text, merge_bucket, meta_says_replaced,
    meta_write, people_key, replaced_meta_write, rollback, stored_form, DecodeError, Decoded, KeyKind, RawStore, Write,
    JOURNAL_KEY, META_KEY, PREFIX, SCHEMA_VERSION,
};
use crate::lock::{self, Header, LockError, Random, State, Unlocked, LOCK_KEY};
use crate::network::{Network, Touched};
use crate::record::Kind;
use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashMap};

/// The key of the write probe at open. Outside `rapport.`, so nothing reads it as data.
pub const PROBE_KEY: &str = "rapport-probe";

/// Why a write did not land. What was stored before is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    pub message: String,
}

impl From<Refused> for WriteError {
    fn from(r: Refused) -> WriteError {
        WriteError { message: r.message }
    }
}

impl From<LockError> for WriteError {
    fn from(e: LockError) -> WriteError {
        WriteError { message: e.to_string() }
    }
}

/// What opening found.
#[derive(Debug)]
pub enum Opened {
    /// The data. It can be saved unless [`Engine::halted`] says why not.
    Ready(Box<Decoded>),
    /// The passphrase lock is on and the engine holds no key yet.
    Locked(Header),
    /// Something stored can't be read. Nothing was written.
    Damaged { error: DecodeError, raw: RawStore },
}

/// What another tab's write means for this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OtherTab {
    /// Nothing to do.
    Ignored,
    /// Merged into the network. `changed`: it took something in. `write_back`: records
    /// this tab holds newer than what the other tab wrote, to save again.
    Merged { changed: bool, write_back: Touched },
    /// Everything was deleted elsewhere: stop saving, so nothing deleted comes back.
    Wiped,
    /// The lock was turned on or off, or its passphrase changed: start again.
    LockChanged,
    /// A backup was restored over everything elsewhere: start again from what is stored.
    Replaced,
    /// A newer version changed the layout: stop saving.
    NewerSchema,
}

struct Active {
    unlocked: Unlocked,
    state: State,
}

/// The engine over one key-value store. The app keeps one per page.
pub struct Engine<K: KeyValue> {
    kv: K,
    lock: Option<Active>,
    meta_stored: bool,
    /// The meta record as this engine last read or wrote it.
    meta_seen: Option<String>,
    halted: Option<String>,
    /// For each bucket key, the fingerprint of the stored text this engine last read (and
    /// decoded into the network) or wrote (encoded from it). A save skips merging a bucket
    /// whose stored text still has it. Valid for the network this engine opened, as changed
    /// through [`Engine::save`] and [`Engine::other_tab`].
    known: HashMap<String, Fingerprint>,
    /// How many stored buckets saves have merged in (for tests and benchmarks).
    buckets_merged: usize,
}

/// Length and a 64-bit hash of a stored text.
type Fingerprint = (usize, u64);

/// Eight bytes at a time; each step is a bijection of the state for a given word (xor,
/// multiply by an odd constant, rotate), so two texts of one length that differ in one
/// eight-byte word never share a fingerprint, and other differences do with a chance of
/// about 2⁻⁶⁴. Hand-written (ARCHITECTURE.md, "Hand-written where a crate exists").
fn fingerprint(text: &str) -> Fingerprint {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |h: u64, word: u64| (h ^ word).wrapping_mul(K).rotate_left(29);
    let bytes = text.as_bytes();
    let mut h = 0x243f_6a88_85a3_08d3 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = step(h, u64::from_le_bytes(word));
    }
    let mut last = [0u8; 8];
    for (slot, byte) in last.iter_mut().zip(words.remainder()) {
        *slot = *byte;
    }
    h = step(h, u64::from_le_bytes(last));
    // A final mix (MurmurHash3's, also a bijection), so every bit depends on every word.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    (bytes.len(), h)
}

fn is_bucket(key: &str) -> bool {
    matches!(classify(key), KeyKind::People(_) | KeyKind::Interactions(_))
}

const FULL_AT_OPEN: &str = "The browser's storage for Rapport is full, so nothing you change now can be saved. Everything stored is shown, and every download holds all of it. Free some room (other data of this site, or another app on the same address) and reload.";

impl<K: KeyValue> Engine<K> {
    pub fn new(kv: K) -> Engine<K> {
        Engine {
            kv,
            lock: None,
            meta_stored: false,
            meta_seen: None,
            halted: None,
            known: HashMap::new(),
            buckets_merged: 0,
        }
    }

    pub fn kv(&self) -> &K {
        &self.kv
    }

    /// The store itself, for tests that play another tab's write.
    pub fn kv_mut(&mut self) -> &mut K {
        &mut self.kv
    }

    pub fn into_kv(self) -> K {
        self.kv
    }

    /// Every key under `rapport.`, with its stored text.
    pub fn read_all(&self) -> RawStore {
        let mut raw = RawStore::new();
        for key in self.kv.keys() {
            if key.starts_with(PREFIX) {
                if let Some(value) = self.kv.get(&key) {
                    raw.insert(key, value);
                }
            }
        }
        raw
    }

    /// How many stored buckets saves have read and merged in so far (a bucket this engine
    /// last read or wrote itself is not).
    pub fn buckets_merged(&self) -> usize {
        self.buckets_merged
    }

    /// Why saving is stopped for this session, if it is.
    pub fn halted(&self) -> Option<&str> {
        self.halted.as_deref()
    }

    /// Stops writing for the rest of this session, saying why to every later write.
    pub fn halt(&mut self, reason: &str) {
        self.halted = Some(reason.to_string());
    }

    /// Reads and decodes the store, then writes what it needs (see the module). Reading never
    /// depends on writing.
    pub fn open(&mut self, random: &mut dyn Random) -> Opened {
        self.known.clear();
        let raw = self.read_all();
        let mut view = raw.clone();
        let mut undo = Vec::new();
        if let Some(journal) = raw.get(JOURNAL_KEY) {
            match rollback(journal) {
                Ok(writes) => {
                    for w in &writes {
                        apply_to(&mut view, w);
                    }
                    undo = writes;
                }
                Err(message) => {
                    return Opened::Damaged { error: DecodeError { key: JOURNAL_KEY.into(), message }, raw }
                }
            }
        }
        let seen: HashMap<String, Fingerprint> =
            view.iter().filter(|(key, _)| is_bucket(key)).map(|(key, text)| (key.clone(), fingerprint(text))).collect();
        let header = match view.get(LOCK_KEY).map(|text| Header::parse(text)).transpose() {
            Ok(header) => header,
            Err(e) => {
                return Opened::Damaged { error: DecodeError { key: LOCK_KEY.into(), message: e.to_string() }, raw }
            }
        };
        let plain = match &header {
            None => {
                self.lock = None;
                view
            }
            Some(header) => {
                let Some(active) = self.lock.as_mut() else {
                    return Opened::Locked(header.clone());
                };
                active.state = header.state;
                match active.unlocked.open_store(header.state, &view) {
                    Ok(mut plain) => {
                        plain.remove(LOCK_KEY);
                        plain
                    }
                    Err(e) => return Opened::Damaged { error: lock_damage(e), raw },
                }
            }
        };
        let decoded = match decode(&plain) {
            Ok(decoded) => decoded,
            Err(error) => return Opened::Damaged { error, raw },
        };
        self.meta_stored = plain.contains_key(META_KEY);
        self.meta_seen = plain.get(META_KEY).cloned();
        self.halted = None;
        // What the repair below leaves stored (the journal rolled back) is what was decoded.
        let lock_steady = header.as_ref().is_none_or(|h| h.state == State::Locked);
        if lock_steady && decoded.upgrade.is_empty() {
            self.known = seen;
        }
        if let Err(reason) = self.repair(&undo, header.map(|h| h.state), &decoded, random) {
            self.halted = Some(reason);
            self.known.clear();
        }
        Opened::Ready(Box::new(decoded))
    }

    /// The writes after a successful read. `Err` is why this session can't save.
    fn repair(
        &mut self,
        undo: &[Write],
        lock_state: Option<State>,
        decoded: &Decoded,
        random: &mut dyn Random,
    ) -> Result<(), String> {
        for w in undo {
            // The journal holds values exactly as they were stored (sealed or not).
            self.put(&w.key, w.value.as_deref()).map_err(|e| {
                format!("A change cut short earlier couldn't be undone in storage ({}) Rapport shows your data as it was before that change, but can't save until there is room. Free some space and reload.", e.message)
            })?;
        }
        if let Some(state) = lock_state {
            if state != State::Locked {
                // Cut short: left as it is, the next start tries again; writes are sealed meanwhile.
                let _ = self.finish(state, random);
            }
        }
        if !decoded.upgrade.is_empty() {
            self.upgrade(&decoded.upgrade, random)?;
            self.meta_seen = self.kv.get(META_KEY);
        }
        for w in &decoded.retire {
            let _ = self.kv.remove(&w.key);
        }
        if undo.is_empty() && decoded.upgrade.is_empty() {
            // Nothing above has shown that a write lands: say now, not at the first save,
            // that nothing can be saved. (After an upgrade the store is whole either way.)
            self.kv.set(PROBE_KEY, "1").map_err(|_| FULL_AT_OPEN.to_string())?;
            let _ = self.kv.remove(PROBE_KEY);
        }
        Ok(())
    }

    /// Stores data migrated from an older schema, key by key. None of these keys is one the
    /// old schema reads, and the meta key goes last: until it lands, the old schema is what
    /// is stored, whole. If a write fails, the new keys written so far are removed again.
    fn upgrade(&mut self, writes: &[Write], random: &mut dyn Random) -> Result<(), String> {
        self.known.clear();
        let before: Vec<(String, Option<String>)> =
            writes.iter().map(|w| (w.key.clone(), self.kv.get(&w.key))).collect();
        for (done, w) in writes.iter().enumerate() {
            let result = match &w.value {
                Some(json) => self.stored(&w.key, json, random).and_then(|text| Ok(self.kv.set(&w.key, &text)?)),
                None => self.kv.remove(&w.key).map_err(WriteError::from),
            };
            if let Err(error) = result {
                for (key, value) in before.iter().take(done) {
                    let _ = self.put(key, value.as_deref());
                }
                return Err(format!(
                    "Rapport couldn't move your data to this version's storage layout ({}) Your data is safe, stored as the previous version left it, but nothing you change now can be saved. Export a backup from Settings, free some space, and reload.",
                    error.message
                ));
            }
        }
        self.meta_stored = true;
        Ok(())
    }

    /// Writes a change: one key directly (a single `set` is atomic), several through the
    /// journal, so either all land or none do.
    fn write(&mut self, mut writes: Vec<Write>, random: &mut dyn Random) -> Result<(), WriteError> {
        if let Some(message) = &self.halted {
            return Err(WriteError { message: message.clone() });
        }
        if !self.meta_stored && !writes.iter().any(|w| w.key == META_KEY) {
            writes.push(meta_write());
        }
        // Until the whole change has landed, what is stored under its keys is not known.
        for w in &writes {
            self.known.remove(&w.key);
        }
        // Everything is packed or sealed before the first write.
        let mut stored = Vec::with_capacity(writes.len());
        for w in writes {
            let value = match &w.value {
                Some(json) => Some(self.stored(&w.key, json, random)?),
                None => None,
            };
            stored.push((w.key, value));
        }
        if stored.is_empty() {
            return Ok(());
        }
        if let [(key, value)] = stored.as_slice() {
            self.put(key, value.as_deref())?;
        } else {
            let before = stored.iter().map(|(key, _)| (key.clone(), self.kv.get(key))).collect();
            let journal = journal_text(before);
            self.kv.set(JOURNAL_KEY, &journal)?;
            for (key, value) in &stored {
                if let Err(error) = self.put(key, value.as_deref()) {
                    self.undo(&journal);
                    return Err(error.into());
                }
            }
            self.kv.remove(JOURNAL_KEY)?;
        }
        if let Some((_, meta)) = stored.iter().find(|(key, _)| key == META_KEY) {
            self.meta_seen = meta.clone();
        }
        self.meta_stored = true;
        for (key, value) in &stored {
            if let Some(value) = value.as_deref().filter(|_| is_bucket(key)) {
                self.known.insert(key.clone(), fingerprint(value));
            }
        }
        Ok(())
    }

    /// Stores the touched keys of `network`. Each touched bucket's stored copy is merged in
    /// first (another tab may have changed other people of it), except for a restore over
    /// everything, which is written as it is, its meta mark first. Returns whether the
    /// merge took anything in.
    pub fn save(
        &mut self,
        network: &mut Network,
        touched: &Touched,
        now: DateTime<Utc>,
        random: &mut dyn Random,
    ) -> Result<bool, WriteError> {
        if let Some(message) = &self.halted {
            return Err(WriteError { message: message.clone() });
        }
        let mut merged = false;
        if !touched.replaced {
            let people: BTreeSet<u8> = crate::order::btree_set(touched.ids(Kind::Person).iter().map(bucket_of));
            let shards: BTreeSet<u8> = crate::order::btree_set(touched.ids(Kind::Shard).iter().map(bucket_of));
            let buckets = people
                .into_iter()
                .map(|b| (people_key(b), KeyKind::People(b)))
                .chain(shards.into_iter().map(|b| (interactions_key(b), KeyKind::Interactions(b))));
            for (key, kind) in buckets {
                let Some(stored) = self.kv.get(&key) else { continue };
                if self.known.get(&key) == Some(&fingerprint(&stored)) {
                    // What this engine last read or wrote here: the network holds it all.
                    continue;
                }
                let what = if matches!(kind, KeyKind::People(_)) { "people" } else { "interactions" };
                let unreadable = || {
                    WriteError {
                    message: format!("The stored {what} can't be read (changed by another tab or a newer version), so they were not overwritten. Reload Rapport."),
                }
                };
                self.buckets_merged += 1;
                let text = self.reveal(&key, &stored).ok_or_else(unreadable)?;
                merged |=
                    super::codec::merge_bucket_with(network, &kind, &text, false).map_err(|_| unreadable())?.changed;
            }
        }
        let mut writes = encode(network, touched);
        if touched.replaced {
            // First, so another tab sees the mark before any bucket it would otherwise merge.
            writes.insert(0, replaced_meta_write(now));
        }
        self.write(writes, random)?;
        Ok(merged)
    }

    /// Puts back what the journal holds; if that fails, stops saving (the next open repairs).
    fn undo(&mut self, journal: &str) {
        let Ok(writes) = rollback(journal) else {
            self.halted = Some(ROLLBACK_FAILED.into());
            return;
        };
        if writes.iter().any(|w| self.put(&w.key, w.value.as_deref()).is_err()) {
            self.halted = Some(ROLLBACK_FAILED.into());
        }
    }

    /// Another tab's write of `key` (`None`: everything was cleared), as the browser reports it.
    pub fn other_tab(&mut self, network: &mut Network, key: Option<&str>, new_value: Option<&str>) -> OtherTab {
        let Some(key) = key else {
            self.known.clear();
            return OtherTab::Wiped;
        };
        // Whatever comes of it, this engine no longer knows what is stored there.
        self.known.remove(key);
        if key == LOCK_KEY {
            return OtherTab::LockChanged;
        }
        let Some(stored) = new_value else {
            return if key == META_KEY { OtherTab::Wiped } else { OtherTab::Ignored };
        };
        if key == META_KEY {
            if meta_says_replaced(stored) && self.meta_seen.as_deref() != Some(stored) {
                return OtherTab::Replaced;
            }
            let schema = serde_json::from_str::<serde_json::Value>(stored)
                .ok()
                .and_then(|v| v.get("schema").and_then(serde_json::Value::as_u64))
                .unwrap_or(0);
            if schema > u64::from(SCHEMA_VERSION) {
                return OtherTab::NewerSchema;
            }
            return OtherTab::Ignored;
        }
        let Some(text) = self.reveal(key, stored) else { return OtherTab::Ignored };
        let kind = classify(key);
        if let KeyKind::People(_) | KeyKind::Interactions(_) = kind {
            // A restore over everything marks meta before its buckets: never merge (or write
            // back) records it removed.
            let meta = self.kv.get(META_KEY);
            if meta.as_deref().is_some_and(meta_says_replaced) && meta != self.meta_seen {
                return OtherTab::Replaced;
            }
            return match merge_bucket(network, &kind, &text) {
                Ok(report) => OtherTab::Merged { changed: report.changed, write_back: report.newer_here },
                Err(_) => OtherTab::Ignored,
            };
        }
        if serde_json::from_str::<serde_json::Value>(&text).is_err() {
            return OtherTab::Ignored;
        }
        // Each record is read from its text, never through a JSON value (issue 19: one reader
        // per record type in the whole app).
        let value = text.as_str();
        let changed = match kind {
            KeyKind::Profile => match serde_json::from_str(value) {
                Ok(profile) => {
                    network.profile = profile;
                    true
                }
                Err(_) => false,
            },
            KeyKind::Settings => match serde_json::from_str(value) {
                Ok(settings) => {
                    network.settings = settings;
                    true
                }
                Err(_) => false,
            },
            KeyKind::Employer(id) => decode_slot(value, "target employer")
                .is_ok_and(|slot| filed_under(&slot, id) && network.merge_employer_slot(slot)),
            KeyKind::Interview(id) => decode_slot(value, "interview")
                .is_ok_and(|slot| filed_under(&slot, id) && network.merge_interview_slot(slot)),
            KeyKind::Draft(id) => {
                decode_slot(value, "draft").is_ok_and(|slot| filed_under(&slot, id) && network.merge_draft_slot(slot))
            }
            KeyKind::Phrasing(id) => decode_slot(value, "saved phrasing")
                .is_ok_and(|slot| filed_under(&slot, id) && network.merge_phrasing_slot(slot)),
            KeyKind::Batch(id) => decode_slot(value, "import batch")
                .is_ok_and(|slot| filed_under(&slot, id) && network.merge_batch_slot(slot)),
            _ => return OtherTab::Ignored,
        };
        OtherTab::Merged { changed, write_back: Touched::default() }
    }

    /// Removes every key under `rapport.` (a wipe the user confirmed). The meta key goes
    /// first: other tabs stop saving as soon as it does, so none writes back a later key.
    pub fn wipe(&mut self) -> Result<(), String> {
        self.known.clear();
        self.meta_stored = false;
        self.meta_seen = None;
        self.lock = None;
        let result = self.kv.remove(META_KEY).and_then(|()| {
            for key in self.read_all().into_keys() {
                self.kv.remove(&key)?;
            }
            Ok(())
        });
        result.map_err(|e| {
            // Part of the data may be gone while memory has all of it: stop until a reload.
            self.halted = Some(ROLLBACK_FAILED.into());
            format!("{} Some data may already be deleted; reload Rapport to see what is left.", e.message)
        })
    }

    // ---- The passphrase lock ----

    /// The stored lock header, if the lock is on (or a change to it is under way).
    pub fn header(&self) -> Result<Option<Header>, LockError> {
        self.kv.get(LOCK_KEY).map(|text| Header::parse(&text)).transpose()
    }

    /// Whether the engine holds an unlocked key.
    pub fn is_unlocked(&self) -> bool {
        self.lock.is_some()
    }

    /// Checks a derived key against the header and keeps it. A wrong key changes nothing.
    pub fn unlock(&mut self, header: &Header, raw: &[u8; 32]) -> Result<(), LockError> {
        let unlocked = header.unlock(raw)?;
        self.lock = Some(Active { unlocked, state: header.state });
        Ok(())
    }

    /// Forgets the key.
    pub fn forget(&mut self) {
        self.known.clear();
        self.lock = None;
    }

    /// The JSON of a stored value, or `None` if this engine can't open it.
    pub fn reveal(&self, key: &str, stored: &str) -> Option<String> {
        match &self.lock {
            Some(active) => active.unlocked.open_value(active.state, key, stored).ok(),
            None => super::pack::unpack(stored).ok().map(|json| json.into_owned()),
        }
    }

    /// What is stored for a key's JSON: sealed while the lock is on, packed otherwise.
    fn stored(&self, key: &str, json: &str, random: &mut dyn Random) -> Result<String, WriteError> {
        match &self.lock {
            Some(active) => Ok(active.unlocked.seal(key, json, random)?),
            None => Ok(stored_form(key, json)),
        }
    }

    fn put(&mut self, key: &str, value: Option<&str>) -> Result<(), Refused> {
        match value {
            Some(value) => self.kv.set(key, value),
            None => self.kv.remove(key),
        }
    }

    /// Turns the lock on with a key derived from a fresh `salt`: the header first, then every
    /// key sealed one by one. If that fails part way, every key is put back and the lock
    /// stays off.
    pub fn lock_on(&mut self, raw: &[u8; 32], salt: &[u8], random: &mut dyn Random) -> Result<(), String> {
        if let Some(message) = &self.halted {
            return Err(message.clone());
        }
        if self.header().map_err(|e| e.to_string())?.is_some() {
            return Err("The lock is already on.".into());
        }
        let (header, unlocked) = lock::begin_lock(raw, salt, lock::ITERATIONS, random).map_err(|e| e.to_string())?;
        self.kv.set(LOCK_KEY, &header.to_text()).map_err(|e| format!("The lock was not turned on: {}", e.message))?;
        self.lock = Some(Active { unlocked, state: State::Encrypting });
        if let Err(e) = self.finish(State::Encrypting, random) {
            if let Some(active) = self.lock.as_mut() {
                active.state = State::Removing;
            }
            return match self.finish(State::Removing, random) {
                Ok(()) => Err(format!("The lock was not turned on, and everything is stored as before: {e}")),
                Err(again) => Err(format!(
                    "The lock could not be turned on ({e}), and putting things back stopped part way ({again}). Your data is safe: Rapport will ask for the passphrase at the next start and finish turning the lock off."
                )),
            };
        }
        Ok(())
    }

    /// Changes the passphrase (the caller has checked the current one): a new salt and key
    /// version, the old key wrapped in the header until every key is sealed again.
    pub fn change_passphrase(&mut self, raw: &[u8; 32], salt: &[u8], random: &mut dyn Random) -> Result<(), String> {
        if let Some(message) = &self.halted {
            return Err(message.clone());
        }
        let active = self.lock.as_ref().ok_or("Rapport is locked.")?;
        let (header, unlocked) =
            lock::begin_rekey(&active.unlocked, raw, salt, lock::ITERATIONS, random).map_err(|e| e.to_string())?;
        self.kv
            .set(LOCK_KEY, &header.to_text())
            .map_err(|e| format!("The passphrase was not changed: {}", e.message))?;
        self.lock = Some(Active { unlocked, state: State::Rekeying });
        self.finish(State::Rekeying, random).map_err(|e| {
            format!("The new passphrase is in use, but sealing everything again stopped part way ({e}). Your data is safe: Rapport finishes the job at the next start, with the new passphrase.")
        })
    }

    /// Turns the lock off (the caller has checked the passphrase): every key is stored as
    /// plain text again, then the header goes.
    pub fn lock_off(&mut self, random: &mut dyn Random) -> Result<(), String> {
        if let Some(message) = &self.halted {
            return Err(message.clone());
        }
        let active = self.lock.as_mut().ok_or("Rapport is locked.")?;
        let header = active.unlocked.header(State::Removing, random).map_err(|e| e.to_string())?;
        self.kv.set(LOCK_KEY, &header.to_text()).map_err(|e| format!("The lock is still on: {}", e.message))?;
        if let Some(active) = self.lock.as_mut() {
            active.state = State::Removing;
        }
        self.finish(State::Removing, random).map_err(|e| {
            format!("Turning the lock off stopped part way ({e}). Your data is safe: Rapport asks for the passphrase at the next start and finishes.")
        })
    }

    /// Moves every key on in the change `state` describes, then records it as finished.
    fn finish(&mut self, state: State, random: &mut dyn Random) -> Result<(), String> {
        // Every key is sealed (or opened) again: merge each bucket at its next save.
        self.known.clear();
        for (key, stored) in self.read_all() {
            let active = self.lock.as_ref().ok_or("Rapport is locked.")?;
            let write = active.unlocked.step(state, &key, &stored, random).map_err(|e| e.to_string())?;
            if let Some(w) = write {
                self.put(&w.key, w.value.as_deref()).map_err(|e| e.message)?;
            }
        }
        if state == State::Removing {
            self.kv.remove(LOCK_KEY).map_err(|e| e.message)?;
            self.lock = None;
            return Ok(());
        }
        let active = self.lock.as_mut().ok_or("Rapport is locked.")?;
        let mut done = active.unlocked.clone();
        done.drop_previous();
        let header = done.header(State::Locked, random).map_err(|e| e.to_string())?;
        self.kv.set(LOCK_KEY, &header.to_text()).map_err(|e| e.message)?;
        *active = Active { unlocked: done, state: State::Locked };
        Ok(())
    }
}

const ROLLBACK_FAILED: &str =
    "An earlier save could not be undone cleanly, so saving is paused until Rapport is reloaded.";

/// Whether a one-record key holds the record it is named for (anything else is ignored).
fn filed_under<T: crate::record::Record>(slot: &crate::record::Slot<T>, id: crate::id::Id) -> bool {
    slot.id() == id
}

fn apply_to(raw: &mut RawStore, w: &Write) {
    match &w.value {
        Some(value) => raw.insert(w.key.clone(), value.clone()),
        None => raw.remove(&w.key),
    };
}

fn lock_damage(e: LockError) -> DecodeError {
    let key = match &e {
        LockError::Tampered { key } | LockError::Plaintext { key } | LockError::UnknownVersion { key, .. } => {
            key.clone()
        }
        _ => LOCK_KEY.to_string(),
    };
    DecodeError { key, message: e.to_string() }
}

#[cfg(test)]
mod fingerprint_tests {
    use super::fingerprint;
    use proptest::prelude::*;

    proptest! {
        /// A text and the same text with one byte changed never share a fingerprint (the
        /// steps are bijections), whatever the length and the position.
        #[test]
        fn one_changed_byte_changes_the_fingerprint(text in "[ -~é中]{0,200}", at in any::<usize>(), by in 1u8..=255) {
            let mut bytes = text.clone().into_bytes();
            prop_assume!(!bytes.is_empty());
            let i = at % bytes.len();
            bytes[i] ^= by;
            if let Ok(changed) = String::from_utf8(bytes) {
                prop_assert_ne!(fingerprint(&text), fingerprint(&changed));
            }
        }
    }

    #[test]
    fn texts_of_other_lengths_and_contents_differ() {
        let samples = ["", "a", "a\0", "abcdefgh", "abcdefgh\0", "abcdefgi", "#\u{4e00}\u{4e01}"];
        for (i, a) in samples.iter().enumerate() {
            for b in &samples[i + 1..] {
                assert_ne!(fingerprint(a), fingerprint(b), "{a:?} and {b:?}");
            }
        }
    }
}

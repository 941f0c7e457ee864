//! The key-value interface the storage engine runs over, and an in-memory implementation
//! that can fail or "crash" at any write, for fault-injection tests.
//!
//! Core does no IO: the app implements [`KeyValue`] over `localStorage` (a thin adapter in
//! `src/storage`), and the tests use [`MemoryKv`].

use super::RawStore;
use std::collections::BTreeMap;

/// Why a write did not land. What was stored under that key is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub message: String,
}

impl Refused {
    /// The browser's storage is full.
    pub fn full() -> Refused {
        Refused { message: "The browser's storage for Rapport is full.".into() }
    }
}

/// A synchronous string store: `localStorage`, or memory in tests. Each `set` or `remove`
/// is atomic on its own; nothing else is.
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    /// Stores a value; `Err` when the store refuses it (full), and then nothing changed.
    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused>;
    fn remove(&mut self, key: &str) -> Result<(), Refused>;
    /// Every key, in any order.
    fn keys(&self) -> Vec<String>;
}

/// An in-memory store with injected faults:
/// - [`MemoryKv::fail_at`]: the k-th write (counting sets and removes from 1) is refused as
///   full and changes nothing; a remove is never refused (removing frees room);
/// - [`MemoryKv::crash_after`]: writes after the k-th are dropped, as if the tab died right
///   after write k (they return `Ok`, since a dead tab sees no error);
/// - [`MemoryKv::with_quota`]: sets that would take the store past a number of UTF-16
///   characters (keys and values, as browsers count) are refused.
#[derive(Debug, Clone, Default)]
pub struct MemoryKv {
    map: BTreeMap<String, String>,
    writes: usize,
    fail_at: Option<usize>,
    crash_after: Option<usize>,
    quota: Option<usize>,
    refused: usize,
}

impl MemoryKv {
    pub fn new() -> MemoryKv {
        MemoryKv::default()
    }

    pub fn from_map(map: RawStore) -> MemoryKv {
        MemoryKv { map, ..MemoryKv::default() }
    }

    /// Refuses write number `k` (1-based) as full.
    pub fn fail_at(mut self, k: usize) -> MemoryKv {
        self.fail_at = Some(k);
        self
    }

    /// Drops every write after write number `k`.
    pub fn crash_after(mut self, k: usize) -> MemoryKv {
        self.crash_after = Some(k);
        self
    }

    /// Refuses sets past `chars` UTF-16 characters in all.
    pub fn with_quota(mut self, chars: usize) -> MemoryKv {
        self.quota = Some(chars);
        self
    }

    /// Injects faults counted from now: the `fail`-th write from here is refused, and every
    /// write after the `crash`-th from here is dropped.
    pub fn inject(&mut self, fail: Option<usize>, crash: Option<usize>) {
        self.fail_at = fail.map(|k| self.writes + k);
        self.crash_after = crash.map(|k| self.writes + k);
    }

    /// How many writes were refused by an injected fault or the quota.
    pub fn refused(&self) -> usize {
        self.refused
    }

    /// What is stored.
    pub fn map(&self) -> &RawStore {
        &self.map
    }

    pub fn into_map(self) -> RawStore {
        self.map
    }

    /// How many writes were attempted.
    pub fn writes(&self) -> usize {
        self.writes
    }

    /// UTF-16 characters stored, keys and values.
    pub fn used(&self) -> usize {
        self.map.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum()
    }

    fn count(&mut self) -> (bool, bool) {
        self.writes += 1;
        let crashed = self.crash_after.is_some_and(|k| self.writes > k);
        let failing = self.fail_at == Some(self.writes);
        (crashed, failing)
    }
}

impl KeyValue for MemoryKv {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused> {
        let (crashed, failing) = self.count();
        if crashed {
            return Ok(());
        }
        if failing {
            self.refused += 1;
            return Err(Refused::full());
        }
        if let Some(quota) = self.quota {
            let old = self.map.get(key).map_or(0, |v| key.encode_utf16().count() + v.encode_utf16().count());
            let new = key.encode_utf16().count() + value.encode_utf16().count();
            if self.used() - old + new > quota {
                self.refused += 1;
                return Err(Refused::full());
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), Refused> {
        let (crashed, _) = self.count();
        if !crashed {
            self.map.remove(key);
        }
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

//! Record ids: random, compact, never reused.
//!
//! The core makes no randomness of its own. The caller passes in 9 random bytes
//! (the browser's `crypto.getRandomValues`), which become 12 URL-safe characters:
//! 72 bits, so a collision is not a practical concern, and callers still check
//! [`crate::Network::id_in_use`] so that a tombstoned id is never handed out again.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest id Rapport accepts.
pub const MAX_ID_LEN: usize = 12;
/// How many random bytes make one id.
pub const ID_ENTROPY_BYTES: usize = 9;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The id of any record (person, interaction and every later kind): up to 12 letters of the
/// URL-safe alphabet, kept inline, so an id is `Copy` and costs no allocation. Unused bytes
/// are 0, which sorts before every letter: ids order exactly as their text does.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Id([u8; MAX_ID_LEN]);

impl Id {
    /// The 12 bytes as one big-endian number, which orders exactly as the bytes do. Every
    /// map of people and interactions is keyed by id: comparing two numbers is one
    /// instruction where the derived order called `memcmp` for every step of every lookup
    /// (a sixth of the Insights screen's time at 30,000 people).
    fn order_key(&self) -> u128 {
        let mut wide = [0u8; 16];
        wide[..MAX_ID_LEN].copy_from_slice(&self.0);
        u128::from_be_bytes(wide)
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> std::cmp::Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        struct Letters;
        impl serde::de::Visitor<'_> for Letters {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a record id")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Id, E> {
                Id::parse(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Letters)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({:?})", self.as_str())
    }
}

/// An id from letters already checked against the alphabet.
fn from_letters(letters: &[u8]) -> Id {
    let mut bytes = [0u8; MAX_ID_LEN];
    for (slot, letter) in bytes.iter_mut().zip(letters) {
        *slot = *letter;
    }
    Id(bytes)
}

impl Id {
    /// Encodes 9 random bytes as 12 URL-safe characters.
    pub fn from_entropy(bytes: [u8; ID_ENTROPY_BYTES]) -> Id {
        let mut out = Vec::with_capacity(MAX_ID_LEN);
        for chunk in bytes.chunks_exact(3) {
            let [a, b, c] = [chunk.first(), chunk.get(1), chunk.get(2)].map(|b| u32::from(b.copied().unwrap_or(0)));
            let n = (a << 16) | (b << 8) | c;
            for shift in [18, 12, 6, 0] {
                // Six bits index a 64-letter alphabet, so the letter is always there.
                let letter = ALPHABET.get(((n >> shift) & 63) as usize).copied().unwrap_or(b'A');
                out.push(letter);
            }
        }
        from_letters(&out)
    }

    /// Parses an id from stored data or an address, refusing anything that is not one.
    pub fn parse(text: &str) -> Result<Id, String> {
        if text.is_empty() {
            return Err("an id cannot be empty".into());
        }
        if text.len() > MAX_ID_LEN {
            return Err(format!("the id “{text}” is longer than {MAX_ID_LEN} characters"));
        }
        if !text.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(format!("the id “{text}” has characters an id never has"));
        }
        Ok(from_letters(text.as_bytes()))
    }

    pub fn as_str(&self) -> &str {
        let len = self.0.iter().position(|b| *b == 0).unwrap_or(MAX_ID_LEN);
        // Every byte is an ASCII letter of the alphabet, so this is always valid UTF-8.
        self.0.get(..len).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default()
    }
}

impl TryFrom<&str> for Id {
    type Error = String;
    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Id::parse(value)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.as_str().to_string()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

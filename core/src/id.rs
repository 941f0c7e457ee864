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

/// The id of any record (person, interaction and every later kind).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Id(String);

impl Id {
    /// Encodes 9 random bytes as 12 URL-safe characters.
    pub fn from_entropy(bytes: [u8; ID_ENTROPY_BYTES]) -> Id {
        let mut out = String::with_capacity(MAX_ID_LEN);
        for chunk in bytes.chunks_exact(3) {
            let [a, b, c] = [chunk.first(), chunk.get(1), chunk.get(2)].map(|b| u32::from(b.copied().unwrap_or(0)));
            let n = (a << 16) | (b << 8) | c;
            for shift in [18, 12, 6, 0] {
                // Six bits index a 64-letter alphabet, so the letter is always there.
                let letter = ALPHABET.get(((n >> shift) & 63) as usize).copied().unwrap_or(b'A');
                out.push(char::from(letter));
            }
        }
        Id(out)
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
        Ok(Id(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Id {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Id::parse(&value)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

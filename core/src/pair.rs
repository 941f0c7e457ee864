//! Direct pairing of two devices on the same network, with no server: the parts that are
//! not the browser's WebRTC.
//!
//! - **Signalling by codes.** One device's offer and the other's answer (WebRTC session
//!   descriptions with host candidates only: no STUN or TURN server) travel as pairing codes
//!   the user copies or scans: `RAPPORT-PAIR1:` and the deflated JSON in base64url.
//! - **A confirmation code** from the two descriptions' DTLS fingerprints: both devices show
//!   the same six digits only if each holds the other's real description, which defeats a
//!   swapped code. No data moves before the user confirms it on their side.
//! - **Only what differs travels**, in three rounds: each side sends a digest of each of its
//!   257 buckets (the 256 people buckets of the store, each with those people's
//!   interactions, and one for every other kind); then a digest of each person (with their
//!   interactions) in the buckets that differ; then the people whose digests differ (and
//!   every other kind's records, if that bucket differs). Each merges what it receives with
//!   the one merge ([`crate::sync::merge`]).
//! - Every message is sealed again under the sync key (AES-256-GCM), inside the channel's
//!   own DTLS encryption.
use crate::backup::{self, Backup};
use crate::lock::{NoRandomness, Random, NONCE_BYTES};
use crate::network::Network;
use crate::store::bucket_of;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine as _;
use chrono::{DateTime, Utc};

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub const PREFIX: &str = "RAPPORT-PAIR1:";
/// The bucket of every record that is not a person or an interaction.
pub const OTHER: u16 = 256;
pub const BUCKETS: usize = 257;

/// What a pairing code carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    /// "offer" or "answer".
    pub kind: String,
    pub sdp: String,
    pub device: String,
    pub name: String,
    /// The offering device's salt: the pair's messages are sealed under the key the sync
    /// passphrase derives with it.
    pub salt: String,
}

/// Why a pairing code or message was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairError {
    NotACode,
    Damaged,
    WrongKind(&'static str),
    Refused,
    NoRandomness,
}

impl std::fmt::Display for PairError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairError::NotACode => write!(f, "This is not a pairing code from Rapport: it starts with {PREFIX}"),
            PairError::Damaged => write!(f, "This pairing code is cut short or changed. Copy the whole code again."),
            PairError::WrongKind(want) => write!(f, "This is not the code to paste here: paste the other device's {want}."),
            PairError::Refused => write!(
                f,
                "The other device's data could not be opened: the two devices have different sync passphrases, or the data was changed on the way."
            ),
            PairError::NoRandomness => write!(f, "The browser gave no secure random numbers, so nothing was sent."),
        }
    }
}

/// The pairing code of a signal.
pub fn encode(signal: &Signal) -> String {
    let json = serde_json::to_vec(signal).unwrap_or_default();
    format!("{PREFIX}{}", B64URL.encode(miniz_oxide::deflate::compress_to_vec(&json, 9)))
}

/// Reads a pasted pairing code (spaces and line breaks from copying are ignored).
pub fn decode(code: &str, want: &'static str) -> Result<Signal, PairError> {
    let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let body = compact.strip_prefix(PREFIX).ok_or(PairError::NotACode)?;
    let packed = B64URL.decode(body).map_err(|_| PairError::Damaged)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, 1 << 20).map_err(|_| PairError::Damaged)?;
    let signal: Signal = serde_json::from_slice(&json).map_err(|_| PairError::Damaged)?;
    if signal.kind != want {
        return Err(PairError::WrongKind(if want == "offer" { "pairing code" } else { "answer code" }));
    }
    Ok(signal)
}

/// The six digits both devices show: from the DTLS fingerprints of both descriptions.
pub fn confirmation(sdp_a: &str, sdp_b: &str) -> String {
    let mut prints: Vec<&str> =
        sdp_a.lines().chain(sdp_b.lines()).map(str::trim).filter(|l| l.starts_with("a=fingerprint:")).collect();
    crate::order::sort(&mut prints);
    prints.dedup();
    let hash = prints
        .join("\n")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    let n = hash % 1_000_000;
    format!("{:03} {:03}", n / 1000, n % 1000)
}

fn person_digest(network: &Network, id: &crate::id::Id, slot: &crate::record::Slot<crate::person::Person>) -> u32 {
    let json = match slot {
        crate::record::Slot::Live(p) => serde_json::to_vec(p),
        crate::record::Slot::Gone(t) => serde_json::to_vec(t),
    }
    .unwrap_or_default();
    let mut h = fnv(0x811c_9dc5, &json);
    if let Some(shard) = network.shard(id) {
        h = fnv(h, &serde_json::to_vec(shard).unwrap_or_default());
    }
    h
}

fn fnv(h: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(h, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

/// The digest of each bucket: people (with their interactions and tombstones) by the
/// store's bucket of their id, and [`OTHER`] for every other kind.
pub fn digests(network: &Network) -> Vec<u32> {
    let mut d = vec![0x811c_9dc5_u32; BUCKETS];
    for (id, slot) in network.people_slots().iter() {
        let b = usize::from(bucket_of(id));
        if let Some(digest) = d.get_mut(b) {
            *digest = fnv(*digest, &person_digest(network, id, slot).to_le_bytes());
        }
    }
    let mut o = 0x811c_9dc5_u32;
    o = kind_digest(o, &network.employers);
    o = kind_digest(o, &network.interviews);
    o = kind_digest(o, &network.drafts);
    o = kind_digest(o, &network.phrasings);
    o = kind_digest(o, &network.batches);
    if let Some(slot) = d.get_mut(usize::from(OTHER)) {
        *slot = o;
    }
    d
}

fn kind_digest<T: Serialize + crate::record::Record>(h: u32, records: &crate::record::Records<T>) -> u32 {
    records.values().fold(h, |h, slot| {
        let json = match slot {
            crate::record::Slot::Live(r) => serde_json::to_vec(r),
            crate::record::Slot::Gone(t) => serde_json::to_vec(t),
        };
        fnv(h, &json.unwrap_or_default())
    })
}

/// The buckets whose digests differ.
pub fn differing(mine: &[u32], theirs: &[u32]) -> BTreeSet<u16> {
    (0..BUCKETS as u16).filter(|b| mine.get(usize::from(*b)) != theirs.get(usize::from(*b))).collect()
}

/// A digest of each person (with their interactions) in some buckets: ids and digests.
pub fn person_digests(network: &Network, buckets: &BTreeSet<u16>) -> Vec<(crate::id::Id, u32)> {
    network
        .people_slots()
        .iter()
        .filter(|(id, _)| buckets.contains(&u16::from(bucket_of(id))))
        .map(|(id, slot)| (*id, person_digest(network, id, slot)))
        .collect()
}

/// The people this side must send: those whose digest the other side lacks or differs.
pub fn to_send(mine: &[(crate::id::Id, u32)], theirs: &[(crate::id::Id, u32)]) -> BTreeSet<crate::id::Id> {
    let theirs: std::collections::BTreeMap<_, _> = crate::order::btree_map(theirs.iter().copied());
    mine.iter().filter(|(id, d)| theirs.get(id) != Some(d)).map(|(id, _)| *id).collect()
}

/// The records of some people (with their interactions and tombstones), and of every other
/// kind when `other`, in the backup format.
pub fn records(network: &Network, people: &BTreeSet<crate::id::Id>, other: bool, now: DateTime<Utc>) -> Backup {
    // A small network of just those records, written in the backup format.
    let mut part = Network::default();
    for id in people {
        if let Some(slot) = network.people.get(id) {
            part.people.put(slot.clone());
        }
        if let Some(shard) = network.shards.get(id) {
            part.shards.insert(*id, shard.clone());
        }
    }
    if other {
        part.employers = network.employers.clone();
        part.interviews = network.interviews.clone();
        part.drafts = network.drafts.clone();
        part.phrasings = network.phrasings.clone();
        part.batches = network.batches.clone();
    }
    backup::backup(&part, now)
}

/// A message of the pairing protocol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Message {
    /// A digest per bucket, as base64url of little-endian u32s.
    Digests { d: String },
    /// A digest per person in the buckets that differ: base64url of (12-letter id, u32).
    People { d: String },
    /// The records of the people whose digests differ (possibly none).
    Records { backup: Box<Backup> },
}

pub fn digests_message(network: &Network) -> Message {
    let bytes: Vec<u8> = digests(network).iter().flat_map(|d| d.to_le_bytes()).collect();
    Message::Digests { d: B64URL.encode(bytes) }
}

/// The digests a [`Message::Digests`] carries.
pub fn read_digests(d: &str) -> Result<Vec<u32>, PairError> {
    let bytes = B64URL.decode(d).map_err(|_| PairError::Damaged)?;
    if bytes.len() != BUCKETS * 4 {
        return Err(PairError::Damaged);
    }
    Ok(bytes.chunks_exact(4).filter_map(|c| c.try_into().ok().map(u32::from_le_bytes)).collect())
}

pub fn people_message(digests: &[(crate::id::Id, u32)]) -> Message {
    // Each entry: the id's length (ids have 1 to 12 letters), the id, the digest.
    let mut bytes = Vec::new();
    for (id, d) in digests {
        let text = id.as_str().as_bytes();
        bytes.push(u8::try_from(text.len()).unwrap_or(0));
        bytes.extend_from_slice(text);
        bytes.extend_from_slice(&d.to_le_bytes());
    }
    Message::People { d: B64URL.encode(bytes) }
}

pub fn read_people(d: &str) -> Result<Vec<(crate::id::Id, u32)>, PairError> {
    let bytes = B64URL.decode(d).map_err(|_| PairError::Damaged)?;
    let mut out = Vec::new();
    let mut rest = bytes.as_slice();
    while let Some((len, after)) = rest.split_first() {
        let len = usize::from(*len);
        let id = after.get(..len).ok_or(PairError::Damaged)?;
        let digest: [u8; 4] = after.get(len..len + 4).and_then(|d| d.try_into().ok()).ok_or(PairError::Damaged)?;
        let id = std::str::from_utf8(id).ok().and_then(|t| crate::id::Id::parse(t).ok()).ok_or(PairError::Damaged)?;
        out.push((id, u32::from_le_bytes(digest)));
        rest = after.get(len + 4..).unwrap_or_default();
    }
    Ok(out)
}

/// A message sealed under the sync key: nonce, then AES-256-GCM of the deflated JSON.
pub fn seal(message: &Message, key: &[u8; 32], random: &mut dyn Random) -> Result<Vec<u8>, PairError> {
    let json = serde_json::to_vec(message).map_err(|_| PairError::Damaged)?;
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    let mut nonce = [0u8; NONCE_BYTES];
    random.fill(&mut nonce).map_err(|NoRandomness| PairError::NoRandomness)?;
    let sealed = Aes256Gcm::new(key.into())
        .encrypt(Nonce::from_slice(&nonce), packed.as_slice())
        .map_err(|_| PairError::NoRandomness)?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    Ok(out)
}

pub fn open(bytes: &[u8], key: &[u8; 32]) -> Result<Message, PairError> {
    if bytes.len() < NONCE_BYTES + 16 {
        return Err(PairError::Refused);
    }
    let (nonce, body) = bytes.split_at(NONCE_BYTES);
    let packed = Aes256Gcm::new(key.into()).decrypt(Nonce::from_slice(nonce), body).map_err(|_| PairError::Refused)?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, 512 << 20).map_err(|_| PairError::Damaged)?;
    serde_json::from_slice(&json).map_err(|_| PairError::Damaged)
}

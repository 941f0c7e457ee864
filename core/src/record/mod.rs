//! The typed record layer under [`crate::network::Network`]: every kind of record that is
//! kept by id (people, interactions, employers, interviews, drafts, phrasings, import
//! batches) implements [`Record`], is held in a [`Slot`] (the record, or its tombstone), and
//! a kind's slots live in [`Records`].
//!
//! One rule decides every merge ([`Slot::wins_over`]), one rule orders a person's
//! interactions ([`sort_interactions`]), and [`Kind`] names the kinds for [`crate::Touched`].

pub mod batch;
pub mod draft;
pub mod employer;
pub mod person;

use crate::id::Id;
use crate::interaction::Interaction;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What is left of a deleted record: its id and when it was deleted, so that merges
/// and other tabs see the deletion, and the id is never handed out again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    pub id: Id,
    pub deleted: DateTime<Utc>,
}

/// A record kept by id, with the time of its last change.
pub trait Record: Clone + PartialEq {
    fn id(&self) -> Id;
    /// When it last changed.
    fn updated(&self) -> DateTime<Utc>;
    /// Marks it changed at `now` (an undo or a restore, so it wins over what it replaces).
    fn stamp(&mut self, now: DateTime<Utc>);
    /// A fingerprint of the whole record (FNV-1a of its JSON): breaks a tie between two
    /// different versions changed at the same instant, the same way everywhere.
    fn fingerprint(&self) -> u64;
    /// This version replaces `held` on this device: takes over what `held` knows that the
    /// new version must keep (a person's field stamps). Most kinds keep nothing.
    fn carry(&mut self, _held: &Slot<Self>) {}
    /// The merge of two copies of one record: `None` keeps `held`. Most kinds merge whole
    /// records under [`Slot::wins_over`]; people merge field by field.
    fn join(held: &Slot<Self>, incoming: &Slot<Self>) -> Option<Slot<Self>> {
        incoming.wins_over(held).then(|| incoming.clone())
    }
}

/// FNV-1a (64 bits) of a record's JSON.
pub(crate) fn fingerprint_of<T: Serialize>(record: &T) -> u64 {
    let json = serde_json::to_vec(record).unwrap_or_default();
    json.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
}

macro_rules! record {
    ($($t:ty),* $(,)?) => {$(
        impl Record for $t {
            fn id(&self) -> Id {
                self.id
            }
            fn updated(&self) -> DateTime<Utc> {
                self.updated
            }
            fn stamp(&mut self, now: DateTime<Utc>) {
                self.updated = now;
            }
            fn fingerprint(&self) -> u64 {
                fingerprint_of(self)
            }
        }
    )*};
}
record!(
    Interaction,
    employer::Employer,
    crate::planner::interview::Interview,
    draft::Draft,
    draft::UserPhrasing,
    batch::ImportBatch,
);

/// A record's slot: the record, or its tombstone.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot<T> {
    Live(T),
    Gone(Tombstone),
}

impl<T> Slot<T> {
    pub fn live(&self) -> Option<&T> {
        match self {
            Slot::Live(t) => Some(t),
            Slot::Gone(_) => None,
        }
    }

    pub fn live_mut(&mut self) -> Option<&mut T> {
        match self {
            Slot::Live(t) => Some(t),
            Slot::Gone(_) => None,
        }
    }
}

impl<T: Record> Slot<T> {
    pub fn id(&self) -> Id {
        match self {
            Slot::Live(t) => t.id(),
            Slot::Gone(t) => t.id,
        }
    }

    /// When this slot last changed: the record's `updated`, or the deletion.
    pub fn changed(&self) -> DateTime<Utc> {
        match self {
            Slot::Live(t) => t.updated(),
            Slot::Gone(t) => t.deleted,
        }
    }

    /// The one merge rule, for every kind: the later change wins; at the same instant a
    /// deletion wins over a live record, and of two different live versions the one with the
    /// greater fingerprint wins. Slots are totally ordered this way, so merging is taking the
    /// greatest: the outcome never depends on the order or the number of merges
    /// (commutative, associative, idempotent; `core/tests/merge_laws.rs`).
    pub fn wins_over(&self, held: &Slot<T>) -> bool {
        match self.changed().cmp(&held.changed()) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => match (self, held) {
                (Slot::Gone(_), Slot::Live(_)) => true,
                // Two copies of one version (most of them, in a merge) tie without
                // fingerprinting (each one serialises the record).
                (Slot::Live(a), Slot::Live(b)) => a != b && a.fingerprint() > b.fingerprint(),
                _ => false,
            },
        }
    }
}

/// The slots of one kind, by id. Reads go through `Deref` to the map; changes go through
/// the methods, which key every slot by its own id.
#[derive(Debug, Clone, PartialEq)]
pub struct Records<T>(BTreeMap<Id, Slot<T>>);

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records(BTreeMap::new())
    }
}

impl<T> std::ops::Deref for Records<T> {
    type Target = BTreeMap<Id, Slot<T>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<T: Record> Records<T> {
    /// The live record of `id`.
    pub fn live(&self, id: &Id) -> Option<&T> {
        self.0.get(id).and_then(Slot::live)
    }

    pub fn live_mut(&mut self, id: &Id) -> Option<&mut T> {
        self.0.get_mut(id).and_then(Slot::live_mut)
    }

    /// Every live record, in id order.
    pub fn live_records(&self) -> impl Iterator<Item = &T> {
        self.0.values().filter_map(Slot::live)
    }

    /// Stores a slot under its own id, replacing what was there. A new version of a live
    /// record first takes over what the held one knows ([`Record::carry`]): this is how a
    /// person's changed fields get their stamps, so people are changed only through `put`
    /// (or [`Records::edit`]), never in place.
    pub fn put(&mut self, mut slot: Slot<T>) {
        let id = slot.id();
        if let (Slot::Live(new), Some(held)) = (&mut slot, self.0.get(&id)) {
            new.carry(held);
        }
        self.0.insert(id, slot);
    }

    /// Changes a live record through `put`; `None` when there is no live record of `id`.
    pub fn edit<R>(&mut self, id: &Id, change: impl FnOnce(&mut T) -> R) -> Option<R> {
        let mut record = self.live(id)?.clone();
        let out = change(&mut record);
        self.put(Slot::Live(record));
        Some(out)
    }

    /// Replaces a record by its tombstone; returns the record it held, if live.
    pub fn bury(&mut self, id: &Id, now: DateTime<Utc>) -> Option<T> {
        let old = self.0.insert(*id, Slot::Gone(Tombstone { id: *id, deleted: now }));
        old.and_then(|slot| match slot {
            Slot::Live(t) => Some(t),
            Slot::Gone(_) => None,
        })
    }

    /// Takes in a slot from elsewhere under [`Record::join`]; true when what is held changed.
    pub fn merge(&mut self, incoming: Slot<T>) -> bool {
        let joined = match self.0.get(&incoming.id()) {
            None => Some(incoming),
            Some(held) => T::join(held, &incoming),
        };
        match joined {
            Some(slot) => {
                self.0.insert(slot.id(), slot);
                true
            }
            None => false,
        }
    }

    /// Removes a slot outright (only for records a restore over everything replaces).
    pub fn remove(&mut self, id: &Id) -> Option<Slot<T>> {
        self.0.remove(id)
    }

    pub fn get_mut(&mut self, id: &Id) -> Option<&mut Slot<T>> {
        self.0.get_mut(id)
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&Id, &mut Slot<T>)> {
        self.0.iter_mut()
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Slot<T>> {
        self.0.values_mut()
    }

    pub fn into_slots(self) -> impl Iterator<Item = Slot<T>> {
        self.0.into_values()
    }

    pub fn retain(&mut self, keep: impl FnMut(&Id, &mut Slot<T>) -> bool) {
        self.0.retain(keep);
    }
}

impl<T: Record> FromIterator<Slot<T>> for Records<T> {
    fn from_iter<I: IntoIterator<Item = Slot<T>>>(slots: I) -> Self {
        Records(slots.into_iter().map(|s| (s.id(), s)).collect())
    }
}

impl<T> IntoIterator for Records<T> {
    type Item = (Id, Slot<T>);
    type IntoIter = std::collections::btree_map::IntoIter<Id, Slot<T>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Records<T> {
    type Item = (&'a Id, &'a Slot<T>);
    type IntoIter = std::collections::btree_map::Iter<'a, Id, Slot<T>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The one order of a person's interactions: by date, then by when each was logged.
pub fn interaction_order(i: &Interaction) -> (chrono::NaiveDate, DateTime<Utc>) {
    (i.date, i.created)
}

/// Puts a person's interactions in [`interaction_order`].
pub fn sort_interactions(list: &mut [Interaction]) {
    crate::order::sort_by_key(list, interaction_order);
}

/// The kinds of record kept by id, as [`crate::Touched`] names what a change touched.
/// People and their interactions (a person's shard, by the person's id) are two kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    /// A person's interactions, by the person's id.
    Shard,
    Employer,
    Interview,
    Draft,
    Phrasing,
    Batch,
}

impl Kind {
    pub const ALL: [Kind; 7] =
        [Kind::Person, Kind::Shard, Kind::Employer, Kind::Interview, Kind::Draft, Kind::Phrasing, Kind::Batch];
}

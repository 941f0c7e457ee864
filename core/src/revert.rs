//! Undo by snapshot: put the records a change touched back as they were before it.
//!
//! Used for changes that reach across many records (merging two people, undoing or restoring
//! an import, bulk edits). The records come back stamped with the undo's own time, so the
//! restored versions win over the change in any merge with another tab; a record that did
//! not exist before the change becomes a tombstone.

use crate::drafter::{Draft, UserPhrasing};
use crate::import::batch::ImportBatch;
use crate::network::{Network, PersonSlot, Shard, Slot, Tombstone, Touched};
use crate::planner::{Employer, Interview};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// A record kept one per key, with an `updated` time.
pub trait Stamped {
    fn stamp(&mut self, now: DateTime<Utc>);
    fn updated(&self) -> DateTime<Utc>;
}

macro_rules! stamped {
    ($($t:ty),*) => {$(
        impl Stamped for $t {
            fn stamp(&mut self, now: DateTime<Utc>) {
                self.updated = now;
            }
            fn updated(&self) -> DateTime<Utc> {
                self.updated
            }
        }
    )*};
}
stamped!(Employer, Interview, Draft, UserPhrasing, ImportBatch);

/// Puts back each record of `ids` as it is in `before`, except those changed after `since`
/// (here or in another tab), which are left and dropped from `written`.
fn revert_slots<T: Clone + Stamped>(
    map: &mut BTreeMap<crate::id::Id, Slot<T>>,
    before: &BTreeMap<crate::id::Id, Slot<T>>,
    ids: &std::collections::BTreeSet<crate::id::Id>,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    written: &mut std::collections::BTreeSet<crate::id::Id>,
) {
    for id in ids {
        let changed_since = match map.get(id) {
            Some(Slot::Live(t)) => t.updated() > since,
            Some(Slot::Gone(t)) => t.deleted > since,
            None => false,
        };
        if changed_since {
            written.remove(id);
            continue;
        }
        let slot = match before.get(id) {
            Some(Slot::Live(t)) => {
                let mut t = t.clone();
                t.stamp(now);
                Slot::Live(t)
            }
            Some(Slot::Gone(_)) | None => Slot::Gone(Tombstone { id: *id, deleted: now }),
        };
        map.insert(*id, slot);
    }
}

/// Puts every record in `touched` back as it is in `before`. Records changed after `since`
/// (the change's own time), in this tab or another, are left as they are, and a person who
/// has gained interactions since is kept. Returns the keys to write.
pub fn revert(
    network: &mut Network,
    before: &Network,
    touched: &Touched,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Touched {
    let mut written = touched.clone();
    for id in &touched.people {
        let changed_since = match network.people.get(id) {
            Some(PersonSlot::Live(p)) => p.updated > since,
            Some(PersonSlot::Gone(t)) => t.deleted > since,
            None => false,
        };
        let was_live = matches!(before.people.get(id), Some(PersonSlot::Live(_)));
        let gained_interactions = !was_live
            && network.interactions_of(id).iter().any(|i| !before.interactions_of(id).iter().any(|o| o.id == i.id));
        if changed_since || gained_interactions {
            written.people.remove(id);
            continue;
        }
        let slot = match before.people.get(id) {
            Some(PersonSlot::Live(p)) => {
                let mut p = p.clone();
                p.updated = now;
                PersonSlot::Live(p)
            }
            Some(PersonSlot::Gone(_)) | None => PersonSlot::Gone(Tombstone { id: *id, deleted: now }),
        };
        network.people.insert(*id, slot);
    }
    for id in &touched.shards {
        let old = before.shards.get(id).cloned().unwrap_or_default();
        let current = network.shards.get(id).cloned().unwrap_or_default();
        let mut shard = Shard { live: Vec::new(), gone: old.gone.clone() };
        for mut i in old.live.iter().cloned() {
            match current.live.iter().find(|c| c.id == i.id) {
                // Edited since the change: keep the edit.
                Some(c) if c.updated > since => shard.live.push(c.clone()),
                _ => {
                    i.updated = now;
                    shard.live.push(i);
                }
            }
        }
        // Interactions the change added (or moved here) become tombstones in this shard;
        // ones added or edited after it stay.
        for i in &current.live {
            if !old.live.iter().any(|o| o.id == i.id) {
                if i.updated > since {
                    shard.live.push(i.clone());
                } else {
                    shard.gone.push(Tombstone { id: i.id, deleted: now });
                }
            }
        }
        shard.live.sort_by(|a, b| (a.date, a.created).cmp(&(b.date, b.created)));
        shard.gone.retain(|t| !shard.live.iter().any(|i| i.id == t.id));
        network.shards.insert(*id, shard);
    }
    if touched.profile {
        if network.profile.updated.is_some_and(|u| u > since) {
            written.profile = false;
        } else {
            network.profile = before.profile.clone();
            network.profile.updated = Some(now);
        }
    }
    if touched.settings {
        if network.settings.updated.is_some_and(|u| u > since) {
            written.settings = false;
        } else {
            network.settings = before.settings.clone();
            network.settings.updated = Some(now);
        }
    }
    revert_slots(&mut network.employers, &before.employers, &touched.employers, since, now, &mut written.employers);
    revert_slots(&mut network.interviews, &before.interviews, &touched.interviews, since, now, &mut written.interviews);
    revert_slots(&mut network.drafts, &before.drafts, &touched.drafts, since, now, &mut written.drafts);
    revert_slots(&mut network.phrasings, &before.phrasings, &touched.phrasings, since, now, &mut written.phrasings);
    revert_slots(&mut network.batches, &before.batches, &touched.batches, since, now, &mut written.batches);
    written
}

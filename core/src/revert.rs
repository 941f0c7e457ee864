//! Undo by snapshot: put the records a change touched back as they were before it.
//!
//! Used for changes that reach across many records (merging two people, undoing or restoring
//! an import, bulk edits). The records come back stamped with the undo's own time, so the
//! restored versions win over the change in any merge with another tab; a record that did
//! not exist before the change becomes a tombstone.

use crate::network::{Network, PersonSlot, Shard, Slot, Tombstone, Touched};
use crate::record::Kind;
use crate::record::{Record, Records};
use chrono::{DateTime, Utc};

/// Puts back each record of `kind` that `touched` names as it is in `before`, except
/// those changed after `since` (here or in another tab), which are left and dropped from
/// `written`.
fn revert_slots<T: Record>(
    records: &mut Records<T>,
    before: &Records<T>,
    kind: Kind,
    touched: &Touched,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    written: &mut Touched,
) {
    for id in touched.ids(kind) {
        if records.get(id).is_some_and(|slot| slot.changed() > since) {
            written.remove(kind, id);
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
        records.put(slot);
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
    for id in touched.ids(Kind::Person) {
        let changed_since = match network.people.get(id) {
            Some(PersonSlot::Live(p)) => p.updated > since,
            Some(PersonSlot::Gone(t)) => t.deleted > since,
            None => false,
        };
        let was_live = matches!(before.people.get(id), Some(PersonSlot::Live(_)));
        let gained_interactions = !was_live
            && network.interactions_of(id).iter().any(|i| !before.interactions_of(id).iter().any(|o| o.id == i.id));
        if changed_since || gained_interactions {
            written.remove(Kind::Person, id);
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
        network.people.put(slot);
    }
    for id in touched.ids(Kind::Shard) {
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
        crate::record::sort_interactions(&mut shard.live);
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
    revert_slots(&mut network.employers, &before.employers, Kind::Employer, touched, since, now, &mut written);
    revert_slots(&mut network.interviews, &before.interviews, Kind::Interview, touched, since, now, &mut written);
    revert_slots(&mut network.drafts, &before.drafts, Kind::Draft, touched, since, now, &mut written);
    revert_slots(&mut network.phrasings, &before.phrasings, Kind::Phrasing, touched, since, now, &mut written);
    revert_slots(&mut network.batches, &before.batches, Kind::Batch, touched, since, now, &mut written);
    written
}

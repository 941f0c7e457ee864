//! Import batches: each import records what it added and changed (file name, time, counts),
//! so the whole batch can be undone later from Settings.
//!
//! Undoing a batch deletes the people it added and the interactions it added, and puts back
//! the previous values of the people it updated. Anything the user changed after the import
//! is left alone and reported: a person added by the import who has since been edited or
//! given an interaction by hand stays, and so does a person updated by the import and edited
//! again since.

use crate::id::Id;
use crate::network::{ChangeError, Network, PersonSlot, Slot, Tombstone, Touched};
use crate::record::batch::plural;
pub use crate::record::batch::{BatchKind, ImportBatch};
use crate::record::Kind;
use chrono::{DateTime, Utc};

/// What undoing a batch did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Undone {
    pub removed_people: usize,
    pub restored_people: usize,
    pub removed_interactions: usize,
    /// People left as they are because they changed after the import.
    pub kept: Vec<String>,
    /// Imported interactions left because they were edited (or moved by a merge) since.
    pub kept_interactions: usize,
}

impl std::fmt::Display for Undone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Removed {}, put back {} as they were, removed {}.",
            plural(self.removed_people, "person", "people"),
            plural(self.restored_people, "person", "people"),
            plural(self.removed_interactions, "interaction", "interactions")
        )?;
        if !self.kept.is_empty() {
            write!(f, " Kept, because you changed them after the import: {}.", self.kept.join(", "))?;
        }
        if self.kept_interactions > 0 {
            write!(
                f,
                " Kept {}, changed after the import.",
                plural(self.kept_interactions, "interaction", "interactions")
            )?;
        }
        Ok(())
    }
}

/// Records a batch as a new record.
pub fn record(network: &mut Network, batch: ImportBatch) -> Touched {
    let id = batch.id;
    network.batches.put(Slot::Live(batch));
    Touched::one(Kind::Batch, &id)
}

/// Undoes a whole batch in one all-or-nothing change; see the module notes for what stays.
pub fn undo(network: &mut Network, batch: &Id, now: DateTime<Utc>) -> Result<(Touched, Undone), ChangeError> {
    let record = network.batches.get(batch).and_then(Slot::live).cloned().ok_or_else(|| {
        ChangeError::NotNow("That import is no longer recorded (another tab may have removed it).".into())
    })?;
    if record.undone.is_some() {
        return Err(ChangeError::NotNow("That import has already been undone.".into()));
    }
    let mut next = network.clone();
    let mut touched = Touched::default();
    let mut report = Undone::default();
    let added_interactions: std::collections::BTreeSet<&Id> =
        crate::order::btree_set(record.interactions.iter().map(|(_, i)| i));
    for (person, interaction) in &record.interactions {
        // A merge may have moved it to another person since: look everywhere.
        let owner = if next.interaction(person, interaction).is_some() {
            Some(*person)
        } else {
            next.shards.iter().find(|(_, s)| s.live.iter().any(|i| i.id == *interaction)).map(|(p, _)| *p)
        };
        let Some(owner) = owner else { continue };
        let Some(current) = next.interaction(&owner, interaction) else { continue };
        if current.updated > record.at {
            report.kept_interactions += 1;
            continue;
        }
        let (t, _) = next.delete_interaction(&owner, interaction, now)?;
        touched = touched.and(t);
        report.removed_interactions += 1;
    }
    for id in &record.added {
        let Some(person) = next.person(id) else { continue };
        let edited = person.updated > record.at;
        let own_interactions = next.interactions_of(id).iter().any(|i| !added_interactions.contains(&i.id));
        if edited || own_interactions {
            report.kept.push(person.name.clone());
            continue;
        }
        let (t, _) = next.delete_person(id, now)?;
        touched = touched.and(t);
        report.removed_people += 1;
    }
    for before in &record.before {
        let Some(current) = next.person(&before.id) else { continue };
        // The import stamped `updated` with its own time; a later time means a later edit.
        if current.updated > record.at {
            report.kept.push(current.name.clone());
            continue;
        }
        let mut restored = before.clone();
        restored.updated = now;
        next.people.put(PersonSlot::Live(restored));
        touched.insert(Kind::Person, before.id);
        report.restored_people += 1;
    }
    if let Some(Slot::Live(b)) = next.batches.get_mut(batch) {
        b.undone = Some(now);
        b.updated = now;
    }
    touched.insert(Kind::Batch, *batch);
    *network = next;
    Ok((touched, report))
}

/// Forgets a batch record (the people it brought stay). Used to tidy the list in Settings.
pub fn forget(network: &mut Network, batch: &Id, now: DateTime<Utc>) -> Touched {
    network.batches.put(Slot::Gone(Tombstone { id: *batch, deleted: now }));
    Touched::one(Kind::Batch, batch)
}

//! Review actions: one choice about one imported person at a time, and undo of the last
//! choice. Each choice writes that one person (no snapshot of the network), so a step stays
//! within a frame at 5,000 people.

use super::actions::change;
use super::AppState;
use crate::browser;
use chrono::{DateTime, Utc};
use rapport_core::review::Decision;
use rapport_core::{FieldErrors, Id, Person};

/// A choice made, kept so it can be undone.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub before: Person,
    pub at: DateTime<Utc>,
}

/// Records the review's decision about one person.
pub fn choose(state: AppState, id: &Id, decision: &Decision) -> Result<Chosen, FieldErrors> {
    let at = browser::now();
    let before = change(state, |n| n.review(id, decision, at))?;
    Ok(Chosen { before, at })
}

/// Puts the person back as they were before the choice, unless they changed since.
pub fn undo(state: AppState, chosen: &Chosen) -> Result<(), FieldErrors> {
    let now = browser::now();
    change(state, |n| n.undo_review(&chosen.before, chosen.at, now).map(|t| (t, ())))
}

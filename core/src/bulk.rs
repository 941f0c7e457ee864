//! Bulk actions on a selection of people, for triage after a big import: add a tag, set
//! how we met, set a keep-in-touch cadence, set "knows my work", archive or bring back.
//! One all-or-nothing change; the app undoes it with [`crate::revert`].

use crate::id::Id;
use crate::network::{ChangeError, Network, PersonSlot, Touched};
use crate::person::{Origin, Person};
use crate::record::Kind;
use chrono::{DateTime, Utc};

/// What to change on every selected person. `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BulkEdit {
    pub add_tag: Option<String>,
    pub origin: Option<Origin>,
    /// `Some(None)` clears the cadence.
    pub cadence_days: Option<Option<u16>>,
    pub knows_my_work: Option<bool>,
    pub archived: Option<bool>,
}

impl BulkEdit {
    pub fn is_empty(&self) -> bool {
        *self == BulkEdit::default()
    }
}

/// Applies `edit` to every selected living person. Returns the touched keys and the people
/// as they were before (only those that changed).
pub fn apply(
    network: &mut Network,
    ids: &[Id],
    edit: &BulkEdit,
    now: DateTime<Utc>,
) -> Result<(Touched, Vec<Person>), ChangeError> {
    if edit.is_empty() {
        return Err(ChangeError::NotNow("Choose something to change.".into()));
    }
    if ids.is_empty() {
        return Err(ChangeError::NotNow("Select at least one person.".into()));
    }
    let tag = edit.add_tag.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if edit.add_tag.is_some() && tag.is_none() {
        return Err(ChangeError::NotNow("Type the tag to add.".into()));
    }
    if tag.is_some_and(|t| t.contains(',')) {
        return Err(ChangeError::NotNow("Add one tag at a time (no commas).".into()));
    }
    if edit.cadence_days.flatten().is_some_and(|d| !(1..=3650).contains(&d)) {
        return Err(ChangeError::NotNow("Keep in touch every 1 to 3650 days.".into()));
    }
    let mut touched = Touched::default();
    let mut before = Vec::new();
    let mut next = network.people.clone();
    for id in ids {
        let Some(PersonSlot::Live(old)) = next.get(id) else { return Err(ChangeError::NoSuchPerson) };
        let old = old.clone();
        let mut p = old.clone();
        if let Some(tag) = tag {
            if !p.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                p.tags.push(tag.to_string());
            }
        }
        if let Some(origin) = edit.origin {
            p.origin = Some(origin);
            if origin != Origin::Introduced {
                p.introduced_by = None;
            }
        }
        if let Some(cadence) = edit.cadence_days {
            p.cadence_days = cadence;
        }
        if let Some(knows) = edit.knows_my_work {
            p.knows_my_work = knows;
        }
        if let Some(archived) = edit.archived {
            p.archived = archived;
        }
        if p != old {
            p.updated = now;
            touched.insert(Kind::Person, *id);
            before.push(old);
            // Through `put`, which stamps the fields that changed.
            next.put(PersonSlot::Live(p));
        }
    }
    network.people = next;
    Ok((touched, before))
}

//! The import-batch record: what one import added and changed, so it can be undone whole
//! (see [`crate::import::batch`]).

use crate::id::Id;
use crate::person::Person;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::choice! {
    /// What kind of file an import read.
    pub enum BatchKind {
        LinkedinConnections => ("linkedin_connections", "LinkedIn connections"),
        LinkedinMessages => ("linkedin_messages", "LinkedIn messages"),
        Vcard => ("vcard", "vCard contacts"),
    }
}

/// One import, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportBatch {
    pub id: Id,
    pub kind: BatchKind,
    pub file: String,
    pub at: DateTime<Utc>,
    /// People the import added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<Id>,
    /// People the import updated, as they were before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<Person>,
    /// Interactions the import added: (person, interaction).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interactions: Vec<(Id, Id)>,
    /// Rows the preview skipped.
    #[serde(default)]
    pub skipped: usize,
    /// When the batch was undone, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undone: Option<DateTime<Utc>>,
    pub updated: DateTime<Utc>,
}

impl ImportBatch {
    pub fn new(id: Id, kind: BatchKind, file: &str, at: DateTime<Utc>) -> ImportBatch {
        ImportBatch {
            id,
            kind,
            file: file.to_string(),
            at,
            added: Vec::new(),
            before: Vec::new(),
            interactions: Vec::new(),
            skipped: 0,
            undone: None,
            updated: at,
        }
    }

    /// "12 people added, 3 updated, 40 interactions, 2 rows skipped".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.added.is_empty() || self.interactions.is_empty() {
            parts.push(format!("{} added", plural(self.added.len(), "person", "people")));
        }
        if !self.before.is_empty() {
            parts.push(format!("{} updated", self.before.len()));
        }
        if !self.interactions.is_empty() {
            parts.push(plural(self.interactions.len(), "interaction", "interactions"));
        }
        if self.skipped > 0 {
            parts.push(format!("{} skipped", plural(self.skipped, "row", "rows")));
        }
        parts.join(", ")
    }
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

//! The journal that makes a multi-key change all-or-nothing.
//!
//! Protocol, run by the app's storage module:
//! 1. write `rapport.journal` holding the previous value of every key the change touches;
//! 2. write each key;
//! 3. remove the journal.
//!
//! If the tab dies between 1 and 3, the next start finds the journal and puts every key
//! back as it was ([`rollback`]), then removes the journal. If a write fails in step 2, the
//! same rollback runs at once. Either the whole change is stored, or none of it.

use super::{Write, JOURNAL_KEY};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// Each touched key with the value it had before (`None`: it did not exist).
    pub before: Vec<(String, Option<String>)>,
}

/// The journal's stored text for a change, given each key's previous value.
pub fn journal_text(before: Vec<(String, Option<String>)>) -> String {
    serde_json::to_string(&Journal { before }).unwrap_or_default()
}

/// The writes that undo a change cut short, ending with the removal of the journal.
pub fn rollback(journal: &str) -> Result<Vec<Write>, String> {
    let journal: Journal = serde_json::from_str(journal)
        .map_err(|e| format!("The journal of an unfinished change can't be read ({e})."))?;
    let mut writes: Vec<Write> = journal.before.into_iter().map(|(key, value)| Write { key, value }).collect();
    writes.push(Write { key: JOURNAL_KEY.to_string(), value: None });
    Ok(writes)
}

//! The outreach records: open message drafts and the phrasings the user saved (see
//! [`crate::drafter`] for what is done with them).

use crate::drafter::templates::{MessageChannel, TemplateKind};
use crate::id::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A message being written to one person, kept until it is sent or discarded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: Id,
    pub person: Id,
    pub kind: TemplateKind,
    pub channel: MessageChannel,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    pub body: String,
    /// The other party of an introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Id>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

/// A phrasing the user saved for a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserPhrasing {
    pub id: Id,
    pub kind: TemplateKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    pub body: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

//! The target-employer record (the LAMP list's rows; see [`crate::planner::employer`]).

use crate::id::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One target employer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Employer {
    pub id: Id,
    pub name: String,
    /// 0 = don't know, 1–3 = gut feeling, 3 highest.
    pub motivation: u8,
    /// 1 = no posting, 2 = semi-relevant, 3 = relevant.
    pub posting: u8,
    /// Advocacy set by hand; `None`: Y when anyone in my network works there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advocacy: Option<bool>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Part of the sample network, removed with it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

/// The validated editable part of an employer.
#[derive(Debug, Clone, PartialEq)]
pub struct EmployerFields {
    pub name: String,
    pub motivation: u8,
    pub posting: u8,
    pub advocacy: Option<bool>,
    pub notes: String,
}

impl Employer {
    pub fn new(id: Id, f: EmployerFields, now: DateTime<Utc>) -> Employer {
        Employer {
            id,
            name: f.name,
            motivation: f.motivation,
            posting: f.posting,
            advocacy: f.advocacy,
            notes: f.notes,
            sample: false,
            created: now,
            updated: now,
        }
    }

    pub fn apply(&mut self, f: EmployerFields, now: DateTime<Utc>) {
        self.name = f.name;
        self.motivation = f.motivation;
        self.posting = f.posting;
        self.advocacy = f.advocacy;
        self.notes = f.notes;
        self.updated = now;
    }
}

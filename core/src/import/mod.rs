//! Imports, behind one boundary: each parser turns a file's text into candidates (people
//! with the line they came from) and skipped rows with reasons; matching then sorts the
//! candidates into new people and matches. Nothing changes until the user confirms.
//!
//! This is the start of the import/export work: LinkedIn connections and matching so far.

pub mod linkedin;
pub mod matching;
pub mod vcard;

use crate::person::{PersonFields, Source};
use chrono::NaiveDate;

/// A person found in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The line the record starts on, for messages.
    pub line: usize,
    pub fields: PersonFields,
    pub source: Source,
    pub connected_on: Option<NaiveDate>,
    pub tags: Vec<String>,
}

/// A row that could not become a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

/// What a parser found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub candidates: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
}

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

use crate::id::Id;
use crate::network::{ChangeError, Network, Touched};
use crate::person::Person;
use chrono::{DateTime, Utc};
use matching::{find_match, MatchedBy};

/// What an import would do, shown before anything changes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Preview {
    pub new: Vec<Candidate>,
    pub matches: Vec<(Candidate, Id, MatchedBy)>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
}

/// Sorts parsed candidates into new people and matches with people already here. Two rows of
/// one file that match each other by URL or email count once: the later one is skipped.
pub fn preview(network: &Network, parsed: Parsed) -> Preview {
    let mut out = Preview { skipped: parsed.skipped, warnings: parsed.warnings, ..Preview::default() };
    let mut seen_urls = std::collections::BTreeSet::new();
    let mut seen_emails = std::collections::BTreeSet::new();
    for c in parsed.candidates {
        let url = matching::normalise_profile_url(&c.fields.profile_url);
        let email = matching::normalise_email(&c.fields.email);
        if (!url.is_empty() && !seen_urls.insert(url)) || (!email.is_empty() && !seen_emails.insert(email)) {
            out.skipped
                .push(Skipped { line: c.line, reason: format!("{} appears earlier in the file.", c.fields.name) });
            continue;
        }
        match find_match(network, &c) {
            Some((id, by)) => out.matches.push((c, id, by)),
            None => out.new.push(c),
        }
    }
    out.skipped.sort_by_key(|s| s.line);
    out
}

/// Applies a preview in one change: adds the new people and, when `update_matches`, fills
/// the matched people's empty fields from the file (nothing typed by hand is overwritten).
/// Imported people are connections: no interactions are invented.
pub fn apply(
    network: &mut Network,
    preview: &Preview,
    update_matches: bool,
    new_id: &mut dyn FnMut() -> Id,
    now: DateTime<Utc>,
) -> Result<(Touched, usize, usize), ChangeError> {
    let mut next = network.clone();
    let mut touched = Touched::default();
    for c in &preview.new {
        let mut person = Person::new(new_id(), c.fields.clone(), c.source, now);
        person.connected_on = c.connected_on;
        person.tags = c.tags.clone();
        touched = touched.and(next.insert_person(person)?);
    }
    let mut updated = 0;
    if update_matches {
        for (c, id, _) in &preview.matches {
            let Some(current) = next.person(id) else { continue };
            let mut f = current.fields();
            let fill = |mine: &mut String, theirs: &str| {
                if mine.trim().is_empty() && !theirs.trim().is_empty() {
                    *mine = theirs.trim().to_string();
                }
            };
            fill(&mut f.company, &c.fields.company);
            fill(&mut f.role, &c.fields.role);
            fill(&mut f.department, &c.fields.department);
            fill(&mut f.email, &c.fields.email);
            fill(&mut f.phone, &c.fields.phone);
            fill(&mut f.profile_url, &c.fields.profile_url);
            fill(&mut f.notes, &c.fields.notes);
            for tag in &c.tags {
                if !f.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                    f.tags.push(tag.clone());
                }
            }
            if f != current.fields() || (current.connected_on.is_none() && c.connected_on.is_some()) {
                touched = touched.and(next.update_person(id, f, now)?);
                if let Some(crate::network::PersonSlot::Live(p)) = next.people.get_mut(id) {
                    p.connected_on = p.connected_on.or(c.connected_on);
                }
                updated += 1;
            }
        }
    }
    let added = preview.new.len();
    *network = next;
    Ok((touched, added, updated))
}

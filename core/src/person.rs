//! A person in my professional network.

use crate::choice;
use crate::id::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

choice! {
    /// How senior someone is. Ordered, so "one or two levels above me" can be computed.
    pub enum Seniority {
        Intern => ("intern", "Intern"),
        Junior => ("junior", "Junior"),
        Mid => ("mid", "Mid-level"),
        Senior => ("senior", "Senior"),
        Lead => ("lead", "Lead / manager"),
        Director => ("director", "Director"),
        Executive => ("executive", "Executive"),
    }
}

choice! {
    /// How we know each other. Warm origins are the best place to start (methodology: warm beats cold).
    pub enum Origin {
        FormerColleague => ("former_colleague", "Former colleague"),
        FormerManager => ("former_manager", "Former manager"),
        FormerReport => ("former_report", "Former report"),
        Classmate => ("classmate", "Classmate / alumni"),
        CurrentColleague => ("current_colleague", "Current colleague"),
        FriendFamily => ("friend_family", "Friend / family"),
        Event => ("event", "Met at an event"),
        Introduced => ("introduced", "Introduced by someone"),
        OnlineCommunity => ("online_community", "Online community"),
        Cold => ("cold", "Cold / new"),
    }
}

impl Origin {
    /// Warm ties: shared history rather than a cold start.
    pub fn is_warm(self) -> bool {
        !matches!(self, Origin::Cold | Origin::Event | Origin::OnlineCommunity)
    }
}

choice! {
    /// Where a person record came from.
    pub enum Source {
        Manual => ("manual", "Added by hand"),
        Imported => ("imported", "Imported"),
        Sample => ("sample", "Sample data"),
    }
}

choice! {
    /// What the review decided about a person.
    pub enum ReviewChoice {
        Kept => ("kept", "Kept"),
        NotNow => ("not_now", "Not now"),
        Skipped => ("skipped", "Skipped"),
    }
}

/// The review's choice about a person, and when it was made. Stored on the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewed {
    pub choice: ReviewChoice,
    pub at: DateTime<Utc>,
}

/// A person. Every text field but `name` may be empty; `name` is trimmed and never empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: Id,
    /// Blank only in a person brought back by an edit made after their deletion on another
    /// device, when the name was not part of that edit (see [`crate::record::person`]).
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub company: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seniority: Option<Seniority>,
    /// Schools and groups we might share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub profile_url: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// Set only when `origin` is [`Origin::Introduced`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced_by: Option<Id>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub knows_my_work: bool,
    /// Keep in touch at least this often, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u16>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub source: Source,
    /// Archived people are kept but left out of the list (unless asked for), Today and Insights.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// When we connected on LinkedIn, for imported people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected_on: Option<NaiveDate>,
    /// What the review after an import decided (see [`crate::review`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Reviewed>,
    pub created: DateTime<Utc>,
    /// The latest change of any field: the greatest of the field stamps.
    pub updated: DateTime<Utc>,
    /// When each field last changed, by its stored name, for the field-by-field merge
    /// ([`crate::record::person`]). Absent: every field changed at `updated` (a person never
    /// edited since they were added, or stored by an earlier version). Present: a field not
    /// named changed at `created`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamps: Option<std::collections::BTreeMap<String, DateTime<Utc>>>,
    /// The latest deletion of this person seen from another device, when an edit made after
    /// it brought them back: fields changed before it are blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<DateTime<Utc>>,
}

/// The editable part of a person, after validation. See [`crate::PersonInput`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonFields {
    pub name: String,
    pub company: String,
    pub role: String,
    pub department: String,
    pub seniority: Option<Seniority>,
    pub affiliations: Vec<String>,
    pub location: String,
    pub email: String,
    pub phone: String,
    pub profile_url: String,
    pub tags: Vec<String>,
    pub origin: Option<Origin>,
    pub introduced_by: Option<Id>,
    pub knows_my_work: bool,
    pub cadence_days: Option<u16>,
    pub notes: String,
}

impl Person {
    /// A new person from validated fields.
    pub fn new(id: Id, fields: PersonFields, source: Source, now: DateTime<Utc>) -> Person {
        let mut person = Person {
            id,
            name: String::new(),
            company: String::new(),
            role: String::new(),
            department: String::new(),
            seniority: None,
            affiliations: Vec::new(),
            location: String::new(),
            email: String::new(),
            phone: String::new(),
            profile_url: String::new(),
            tags: Vec::new(),
            origin: None,
            introduced_by: None,
            knows_my_work: false,
            cadence_days: None,
            notes: String::new(),
            source,
            archived: false,
            connected_on: None,
            reviewed: None,
            created: now,
            updated: now,
            stamps: None,
            deleted: None,
        };
        person.apply(fields, now);
        person
    }

    /// Replaces the editable fields and stamps `updated`.
    pub fn apply(&mut self, f: PersonFields, now: DateTime<Utc>) {
        self.name = f.name;
        self.company = f.company;
        self.role = f.role;
        self.department = f.department;
        self.seniority = f.seniority;
        self.affiliations = f.affiliations;
        self.location = f.location;
        self.email = f.email;
        self.phone = f.phone;
        self.profile_url = f.profile_url;
        self.tags = f.tags;
        self.origin = f.origin;
        self.introduced_by = if f.origin == Some(Origin::Introduced) { f.introduced_by } else { None };
        self.knows_my_work = f.knows_my_work;
        self.cadence_days = f.cadence_days;
        self.notes = f.notes;
        self.updated = now;
    }

    /// The editable fields as they are now, to prefill an edit form.
    pub fn fields(&self) -> PersonFields {
        PersonFields {
            name: self.name.clone(),
            company: self.company.clone(),
            role: self.role.clone(),
            department: self.department.clone(),
            seniority: self.seniority,
            affiliations: self.affiliations.clone(),
            location: self.location.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            profile_url: self.profile_url.clone(),
            tags: self.tags.clone(),
            origin: self.origin,
            introduced_by: self.introduced_by,
            knows_my_work: self.knows_my_work,
            cadence_days: self.cadence_days,
            notes: self.notes.clone(),
        }
    }

    /// "Role at Company", or whichever part is known.
    pub fn headline(&self) -> String {
        match (self.role.is_empty(), self.company.is_empty()) {
            (false, false) => format!("{} at {}", self.role, self.company),
            (false, true) => self.role.clone(),
            (true, false) => self.company.clone(),
            (true, true) => String::new(),
        }
    }
}

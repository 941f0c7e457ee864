//! Form input as typed, and the validation that turns it into fields or clear messages.
//! Rejected input changes nothing: validation is pure and comes before any change.

use crate::id::Id;
use crate::interaction::{Channel, Initiator, InteractionFields, Purpose};
use crate::person::{Origin, PersonFields, Seniority};
use crate::profile::Profile;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeSet;

/// The longest name accepted.
pub const MAX_NAME: usize = 200;
/// The longest short text (company, role, topic…).
pub const MAX_SHORT: usize = 200;
/// The longest notes.
pub const MAX_NOTES: usize = 20_000;
/// The longest keep-in-touch cadence, in days (ten years).
pub const MAX_CADENCE_DAYS: u16 = 3650;

/// What is wrong with a form's input, one message per field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldErrors(pub Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    fn add(&mut self, field: &'static str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.0.push((field, message.into()));
        }
    }
    fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<&str> = self.0.iter().map(|(_, m)| m.as_str()).collect();
        f.write_str(&parts.join(" "))
    }
}

/// A person form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonInput {
    pub name: String,
    pub company: String,
    pub role: String,
    pub department: String,
    /// A [`Seniority`] key, or empty.
    pub seniority: String,
    /// Schools and groups, separated by commas or new lines.
    pub affiliations: String,
    pub location: String,
    pub email: String,
    pub phone: String,
    pub profile_url: String,
    /// Tags separated by commas.
    pub tags: String,
    /// An [`Origin`] key, or empty.
    pub origin: String,
    /// The introducer's id when origin is "introduced", or empty.
    pub introduced_by: String,
    pub knows_my_work: bool,
    /// Days, or empty for no cadence.
    pub cadence_days: String,
    pub notes: String,
}

impl PersonInput {
    /// What to save from a form opened on `opened` when the person is `current` by now
    /// (another tab, a sync or an import changed them meanwhile): the fields changed in the
    /// form, and every other field as it is now, so a form left open never puts back what
    /// was changed elsewhere. A field changed in both places takes the form's value: it was
    /// typed last.
    pub fn rebase(&self, opened: &PersonInput, current: &PersonInput) -> PersonInput {
        macro_rules! pick {
            ($($f:ident),*) => {
                PersonInput { $($f: if self.$f != opened.$f { self.$f.clone() } else { current.$f.clone() }),* }
            };
        }
        pick!(
            name,
            company,
            role,
            department,
            seniority,
            affiliations,
            location,
            email,
            phone,
            profile_url,
            tags,
            origin,
            introduced_by,
            knows_my_work,
            cadence_days,
            notes
        )
    }

    /// Input prefilled from existing fields, for editing.
    pub fn from_fields(f: &PersonFields) -> PersonInput {
        PersonInput {
            name: f.name.clone(),
            company: f.company.clone(),
            role: f.role.clone(),
            department: f.department.clone(),
            seniority: f.seniority.map(|s| s.key().to_string()).unwrap_or_default(),
            affiliations: f.affiliations.join(", "),
            location: f.location.clone(),
            email: f.email.clone(),
            phone: f.phone.clone(),
            profile_url: f.profile_url.clone(),
            tags: f.tags.join(", "),
            origin: f.origin.map(|o| o.key().to_string()).unwrap_or_default(),
            introduced_by: f.introduced_by.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            knows_my_work: f.knows_my_work,
            cadence_days: f.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            notes: f.notes.clone(),
        }
    }

    /// Checks every field. `is_person` tells whether an id names a living person,
    /// and `me` is the id of the person being edited, if any (no one introduces themselves).
    pub fn validate(&self, is_person: impl Fn(&Id) -> bool, me: Option<&Id>) -> Result<PersonFields, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = collapse_spaces(&self.name);
        if name.is_empty() {
            errors.add("name", "Enter a name.");
        } else if name.chars().count() > MAX_NAME {
            errors.add("name", format!("Keep the name under {MAX_NAME} characters."));
        }
        let company = short(&mut errors, "company", &self.company);
        let role = short(&mut errors, "role", &self.role);
        let department = short(&mut errors, "department", &self.department);
        let location = short(&mut errors, "location", &self.location);
        let seniority = optional_choice(&mut errors, "seniority", &self.seniority, Seniority::from_key);
        let origin = optional_choice(&mut errors, "origin", &self.origin, Origin::from_key);
        let email = self.email.trim().to_string();
        if !email.is_empty() && !looks_like_email(&email) {
            errors.add("email", "That doesn’t look like an email address (name@example.com).");
        }
        let phone = self.phone.trim().to_string();
        if !phone.is_empty() && !looks_like_phone(&phone) {
            errors.add("phone", "Use digits, spaces and + - ( ) only, with at least 5 digits.");
        }
        let profile_url = match normalise_url(&self.profile_url) {
            Ok(url) => url,
            Err(message) => {
                errors.add("profile_url", message);
                String::new()
            }
        };
        let introduced_by = if origin == Some(Origin::Introduced) && !self.introduced_by.trim().is_empty() {
            match Id::parse(self.introduced_by.trim()) {
                Ok(id) if Some(&id) == me => {
                    errors.add("introduced_by", "Someone can’t introduce themselves.");
                    None
                }
                Ok(id) if is_person(&id) => Some(id),
                _ => {
                    errors.add("introduced_by", "Choose a person from your network.");
                    None
                }
            }
        } else {
            None
        };
        let cadence_days = match self.cadence_days.trim() {
            "" => None,
            text => match text.parse::<u16>() {
                Ok(d) if (1..=MAX_CADENCE_DAYS).contains(&d) => Some(d),
                _ => {
                    errors.add(
                        "cadence_days",
                        format!("Enter a whole number of days from 1 to {MAX_CADENCE_DAYS}, or leave it empty."),
                    );
                    None
                }
            },
        };
        let tags = split_list(&self.tags);
        if let Some(long) = tags.iter().find(|t| t.chars().count() > 40) {
            errors.add("tags", format!("The tag “{long}” is too long; keep tags under 40 characters."));
        }
        let affiliations = split_list(&self.affiliations);
        if affiliations.iter().any(|a| a.chars().count() > MAX_SHORT) {
            errors.add("affiliations", format!("Keep each school or group under {MAX_SHORT} characters."));
        }
        let notes = self.notes.trim().to_string();
        if notes.chars().count() > MAX_NOTES {
            errors.add("notes", format!("Notes are limited to {MAX_NOTES} characters."));
        }
        errors.into_result(PersonFields {
            name,
            company,
            role,
            department,
            seniority,
            affiliations,
            location,
            email,
            phone,
            profile_url,
            tags,
            origin,
            introduced_by,
            knows_my_work: self.knows_my_work,
            cadence_days,
            notes,
        })
    }
}

/// An interaction form as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct InteractionInput {
    /// `YYYY-MM-DD`, as an `<input type="date">` gives it.
    pub date: String,
    pub channel: String,
    pub topic: String,
    pub started_by: String,
    pub purpose: String,
    pub notes: String,
}

impl InteractionInput {
    /// The defaults for a routine log: today, started by me, a catch-up by email.
    pub fn new_for(today: NaiveDate) -> InteractionInput {
        InteractionInput {
            date: today.to_string(),
            channel: Channel::Email.key().to_string(),
            topic: String::new(),
            started_by: Initiator::Me.key().to_string(),
            purpose: Purpose::CatchUp.key().to_string(),
            notes: String::new(),
        }
    }

    pub fn from_fields(f: &InteractionFields) -> InteractionInput {
        InteractionInput {
            date: f.date.to_string(),
            channel: f.channel.key().to_string(),
            topic: f.topic.clone(),
            started_by: f.started_by.key().to_string(),
            purpose: f.purpose.key().to_string(),
            notes: f.notes.clone(),
        }
    }

    /// Checks every field. Dates more than a year ahead are refused as typos.
    pub fn validate(&self, today: NaiveDate) -> Result<InteractionFields, FieldErrors> {
        let mut errors = FieldErrors::default();
        let date = match self.date.trim().parse::<NaiveDate>() {
            Ok(d) if d > today + Duration::days(366) => {
                errors.add("date", "That date is more than a year ahead; check the year.");
                today
            }
            Ok(d) if d.year() < 1900 => {
                errors.add("date", "Enter a date after 1900.");
                today
            }
            Ok(d) => d,
            Err(_) if self.date.trim().is_empty() => {
                errors.add("date", "Enter the date it happened.");
                today
            }
            Err(_) => {
                errors.add("date", "Enter a real date (YYYY-MM-DD).");
                today
            }
        };
        let channel = required_choice(&mut errors, "channel", &self.channel, Channel::from_key, Channel::Other);
        let started_by =
            required_choice(&mut errors, "started_by", &self.started_by, Initiator::from_key, Initiator::Me);
        let purpose = required_choice(&mut errors, "purpose", &self.purpose, Purpose::from_key, Purpose::CatchUp);
        let topic = short(&mut errors, "topic", &self.topic);
        let notes = self.notes.trim().to_string();
        if notes.chars().count() > MAX_NOTES {
            errors.add("notes", format!("Notes are limited to {MAX_NOTES} characters."));
        }
        errors.into_result(InteractionFields { date, channel, topic, started_by, purpose, notes })
    }
}

use chrono::Datelike;

/// My profile form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProfileInput {
    pub name: String,
    pub role: String,
    pub seniority: String,
    pub affiliations: String,
    pub organisation: String,
    pub past_employers: String,
    pub target_narrow: String,
    pub target_broad: String,
}

impl ProfileInput {
    pub fn from_profile(p: &Profile) -> ProfileInput {
        ProfileInput {
            name: p.name.clone(),
            role: p.role.clone(),
            seniority: p.seniority.map(|s| s.key().to_string()).unwrap_or_default(),
            affiliations: p.affiliations.join(", "),
            organisation: p.organisation.clone(),
            past_employers: p.past_employers.join(", "),
            target_narrow: p.target_narrow.clone(),
            target_broad: p.target_broad.clone(),
        }
    }

    pub fn validate(&self) -> Result<Profile, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = collapse_spaces(&self.name);
        if name.chars().count() > MAX_NAME {
            errors.add("name", format!("Keep the name under {MAX_NAME} characters."));
        }
        let role = short(&mut errors, "role", &self.role);
        let seniority = optional_choice(&mut errors, "seniority", &self.seniority, Seniority::from_key);
        let organisation = short(&mut errors, "organisation", &self.organisation);
        let target_narrow = short(&mut errors, "target_narrow", &self.target_narrow);
        let target_broad = short(&mut errors, "target_broad", &self.target_broad);
        let affiliations = split_list(&self.affiliations);
        let past_employers = split_list(&self.past_employers);
        errors.into_result(Profile {
            name,
            role,
            seniority,
            affiliations,
            organisation,
            past_employers,
            target_narrow,
            target_broad,
            updated: None,
        })
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn short(errors: &mut FieldErrors, field: &'static str, text: &str) -> String {
    let value = collapse_spaces(text);
    if value.chars().count() > MAX_SHORT {
        errors.add(field, format!("Keep this under {MAX_SHORT} characters."));
    }
    value
}

fn optional_choice<T>(
    errors: &mut FieldErrors,
    field: &'static str,
    key: &str,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    let key = key.trim();
    if key.is_empty() {
        return None;
    }
    let value = parse(key);
    if value.is_none() {
        errors.add(field, "Choose one of the listed options.");
    }
    value
}

fn required_choice<T>(
    errors: &mut FieldErrors,
    field: &'static str,
    key: &str,
    parse: fn(&str) -> Option<T>,
    fallback: T,
) -> T {
    match parse(key.trim()) {
        Some(v) => v,
        None => {
            errors.add(field, "Choose one of the listed options.");
            fallback
        }
    }
}

/// Splits "a, b\nc" into trimmed, non-empty items, dropping case-insensitive repeats.
pub fn split_list(text: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    text.split([',', '\n', ';'])
        .map(collapse_spaces)
        .filter(|item| !item.is_empty())
        .filter(|item| seen.insert(item.to_lowercase()))
        .collect()
}

fn looks_like_email(email: &str) -> bool {
    let mut parts = email.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && !email.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

fn looks_like_phone(phone: &str) -> bool {
    phone.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && phone.chars().filter(char::is_ascii_digit).count() >= 5
}

/// The URL if it is safe to open as a web link (`http:` or `https:`), else `None`. Stored
/// URLs come from forms and from imports; a `javascript:` or `data:` one is never a link.
pub fn web_link(url: &str) -> Option<&str> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url.trim())
}

/// Accepts `https://…`, `http://…` or a bare `www.linkedin.com/in/…`, which gets `https://`.
pub fn normalise_url(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let lower = text.to_ascii_lowercase();
    let scheme = lower.split(':').next().unwrap_or("");
    if ["javascript", "data", "vbscript", "file", "blob"].contains(&scheme.trim()) {
        return Err(format!(
            "Links starting with “{scheme}:” are not allowed: use a web address that starts with https://."
        ));
    }
    let url = if lower.starts_with("https://") || lower.starts_with("http://") {
        text.to_string()
    } else if lower.contains("://") {
        return Err("Use a web address that starts with https://.".into());
    } else {
        format!("https://{text}")
    };
    let rest = url.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || !host.contains('.') || url.chars().any(char::is_whitespace) || host.starts_with('.') {
        return Err("That doesn’t look like a web address (https://www.linkedin.com/in/…).".into());
    }
    Ok(url)
}

//! The review after an import: "Who do you actually know?" One imported person at a time,
//! the likely warm ties first, each kept (with how we know each other, a keep-in-touch
//! cadence and "knows my work"), put aside for now (archived, reversible) or skipped.
//!
//! An import brings connections, not relationships (methodology: "an accepted connection
//! request is not one"). The review turns a list of 5,000 into the few dozen people worth
//! keeping in touch with, and records each choice on the person, so it resumes where it
//! stopped and never asks twice.

use crate::company::Companies;
use crate::id::Id;
use crate::interaction::Channel;
use crate::network::{ChangeError, Network, Slot, Touched};
use crate::person::{Origin, Person, Source};
use crate::text::fold;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeSet;

/// Imports of at least this many new people offer the review.
pub const OFFER_AFTER: usize = 20;

/// Connections made within this many days count as recent.
pub const RECENT_DAYS: i64 = 365;

pub use crate::person::{ReviewChoice, Reviewed};

/// Why a person is where they are in the queue, most telling first. The order of the
/// variants is the order of the queue.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Signal {
    /// Conversations on record (LinkedIn messages or anything else logged).
    Messages(usize),
    /// A school or group we share.
    SharedAffiliation(String),
    /// They work where I work, or where I used to work.
    SharedEmployer { company: String, current: bool },
    /// They work at an employer on my target list.
    TargetEmployer(String),
    /// We connected recently.
    Recent(NaiveDate),
}

impl Signal {
    /// The tier of the queue this signal puts a person in (0 first).
    fn tier(&self) -> u8 {
        match self {
            Signal::Messages(_) => 0,
            Signal::SharedAffiliation(_) => 1,
            Signal::SharedEmployer { .. } => 2,
            Signal::TargetEmployer(_) => 3,
            Signal::Recent(_) => 4,
        }
    }

    /// What Rapport knows, in words.
    pub fn describe(&self) -> String {
        match self {
            Signal::Messages(1) => "You have one conversation on record.".into(),
            Signal::Messages(n) => format!("You have {n} conversations on record."),
            Signal::SharedAffiliation(a) => format!("You share {a}."),
            Signal::SharedEmployer { company, current: true } => format!("Works at {company}, like you."),
            Signal::SharedEmployer { company, current: false } => {
                format!("Works at {company}, where you used to work.")
            }
            Signal::TargetEmployer(e) => format!("Works at {e}, on your list of target employers."),
            Signal::Recent(_) => "You connected within the last year.".into(),
        }
    }

    /// Why a person with this as their strongest signal is where they are.
    pub fn why_here(&self) -> &'static str {
        match self {
            Signal::Messages(_) => "Early in the queue: you have talked before, the warmest sign there is.",
            Signal::SharedAffiliation(_) => "Early in the queue: a shared school or group makes a warm tie.",
            Signal::SharedEmployer { .. } => "Early in the queue: colleagues, past or present, are warm ties.",
            Signal::TargetEmployer(_) => "Ahead of most: someone at a target employer can tell you what it is like.",
            Signal::Recent(_) => "Ahead of older connections: a recent connection is easier to pick up.",
        }
    }
}

/// One person in the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    pub person: Id,
    /// Everything Rapport knows that suggests a tie, strongest first; empty for a plain
    /// connection.
    pub signals: Vec<Signal>,
    /// Skipped in an earlier pass: back at the end of the queue.
    pub skipped_before: bool,
}

impl QueueItem {
    /// Why this person is where they are in the queue.
    pub fn why_here(&self) -> String {
        match (self.skipped_before, self.signals.first()) {
            (true, _) => "At the end: you skipped them before.".into(),
            (false, Some(s)) => s.why_here().into(),
            (false, None) => "Nothing on record suggests a tie yet, so after the likely warm ones.".into(),
        }
    }
}

/// Whether a person is waiting for the review: imported, living, not archived, and not yet
/// kept or put aside (skipped people wait too, after the others).
pub fn waiting(person: &Person) -> bool {
    person.source == Source::Imported
        && !person.archived
        && !matches!(person.reviewed, Some(Reviewed { choice: ReviewChoice::Kept | ReviewChoice::NotNow, .. }))
}

/// The review queue: everyone [`waiting`], the likely warm ties first (conversations on
/// record, a shared school or group, a shared employer, a target employer, a recent
/// connection), then the rest by when we connected, newest first; people skipped before
/// come last. Computed once when the review opens; each step only moves along it.
pub fn queue(network: &Network, today: NaiveDate) -> Vec<QueueItem> {
    let profile = &network.profile;
    let companies = Companies::new(&network.settings.metrics.company_aliases);
    let mine: BTreeSet<String> =
        crate::order::btree_set(profile.affiliations.iter().map(|a| fold(a)).filter(|a| !a.is_empty()));
    let current = Some(companies.key(&profile.organisation)).filter(|k| !k.is_empty());
    let past: BTreeSet<String> =
        crate::order::btree_set(profile.past_employers.iter().map(|e| companies.key(e)).filter(|k| !k.is_empty()));
    let targets: Vec<(String, String)> = network
        .live_employers()
        .map(|e| (companies.key(&e.name), e.name.clone()))
        .filter(|(k, _)| !k.is_empty())
        .collect();
    let mut items: Vec<(u8, usize, Option<NaiveDate>, String, QueueItem)> = network
        .live_people()
        .filter(|p| waiting(p))
        .map(|p| {
            let mut signals = Vec::new();
            let talks = conversations(network, &p.id);
            if talks > 0 {
                signals.push(Signal::Messages(talks));
            }
            if let Some(shared) = p.affiliations.iter().find(|a| mine.contains(&fold(a))) {
                signals.push(Signal::SharedAffiliation(shared.clone()));
            }
            let company = companies.key(&p.company);
            if !company.is_empty() {
                if current.as_deref() == Some(company.as_str()) {
                    signals.push(Signal::SharedEmployer { company: p.company.clone(), current: true });
                } else if past.contains(&company) {
                    signals.push(Signal::SharedEmployer { company: p.company.clone(), current: false });
                }
                if let Some((_, name)) = targets.iter().find(|(k, _)| *k == company) {
                    signals.push(Signal::TargetEmployer(name.clone()));
                }
            }
            if let Some(on) = p.connected_on.filter(|on| (today - *on).num_days() <= RECENT_DAYS && *on <= today) {
                signals.push(Signal::Recent(on));
            }
            let skipped_before = matches!(p.reviewed, Some(Reviewed { choice: ReviewChoice::Skipped, .. }));
            let tier = if skipped_before { 10 } else { signals.first().map_or(5, Signal::tier) };
            (tier, talks, p.connected_on, p.name.to_lowercase(), QueueItem { person: p.id, signals, skipped_before })
        })
        .collect();
    // Within a tier: more conversations first, then the newest connection, then by name.
    crate::order::sort_by(&mut items, |a, b| {
        a.0.cmp(&b.0)
            .then_with(|| b.1.cmp(&a.1))
            .then_with(|| b.2.cmp(&a.2))
            .then_with(|| a.3.cmp(&b.3))
            .then_with(|| a.4.person.cmp(&b.4.person))
    });
    items.into_iter().map(|(.., item)| item).collect()
}

/// Conversations on record with a person: LinkedIn message days and any other genuine
/// interaction.
fn conversations(network: &Network, person: &Id) -> usize {
    network.interactions_of(person).iter().filter(|i| i.channel == Channel::LinkedinMessage || i.is_genuine()).count()
}

/// What "keep" records: how we know each other, a keep-in-touch cadence, "knows my work".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Keep {
    pub origin: Option<Origin>,
    pub cadence_days: Option<u16>,
    pub knows_my_work: bool,
}

/// One choice of the review.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Keep(Keep),
    /// Archived, reversible from the list's "Archived" view or the person's page.
    NotNow,
    /// Left for later, at the end of the queue.
    Skip,
}

/// How far the review has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub kept: usize,
    pub not_now: usize,
    /// Still waiting (skipped people included).
    pub left: usize,
    /// Of those waiting, skipped before.
    pub skipped: usize,
    /// Archived from the list without a decision here (bulk actions): not in the review.
    pub archived_elsewhere: usize,
    /// The relationships goal of the insights settings.
    pub goal: u16,
}

/// The review's counts over the imported people.
pub fn progress(network: &Network) -> Progress {
    let mut p = Progress { goal: network.settings.metrics.goal, ..Progress::default() };
    for person in network.live_people().filter(|p| p.source == Source::Imported) {
        match person.reviewed.map(|r| r.choice) {
            Some(ReviewChoice::Kept) => p.kept += 1,
            Some(ReviewChoice::NotNow) => p.not_now += 1,
            Some(ReviewChoice::Skipped) if !person.archived => {
                p.left += 1;
                p.skipped += 1;
            }
            None if !person.archived => p.left += 1,
            Some(ReviewChoice::Skipped) | None => p.archived_elsewhere += 1,
        }
    }
    p
}

impl Network {
    /// Records the review's decision about one person. Returns what changed and the person
    /// as they were, for undo ([`Network::undo_review`]).
    pub fn review(
        &mut self,
        id: &Id,
        decision: &Decision,
        now: DateTime<Utc>,
    ) -> Result<(Touched, Person), ChangeError> {
        if let Decision::Keep(Keep { cadence_days: Some(d), .. }) = decision {
            if !(1..=crate::input::MAX_CADENCE_DAYS).contains(d) {
                return Err(ChangeError::NotNow(format!(
                    "Keep in touch every 1 to {} days.",
                    crate::input::MAX_CADENCE_DAYS
                )));
            }
        }
        let before = self.people.live(id).ok_or(ChangeError::NoSuchPerson)?.clone();
        let mut person = before.clone();
        let choice = match decision {
            Decision::Keep(keep) => {
                if let Some(origin) = keep.origin {
                    person.origin = Some(origin);
                    if origin != Origin::Introduced {
                        person.introduced_by = None;
                    }
                }
                if keep.cadence_days.is_some() {
                    person.cadence_days = keep.cadence_days;
                }
                person.knows_my_work = keep.knows_my_work;
                person.archived = false;
                ReviewChoice::Kept
            }
            Decision::NotNow => {
                person.archived = true;
                ReviewChoice::NotNow
            }
            Decision::Skip => ReviewChoice::Skipped,
        };
        person.reviewed = Some(Reviewed { choice, at: now });
        person.updated = now;
        self.people.put(Slot::Live(person));
        Ok((Touched::person(id), before))
    }

    /// Puts a person back as they were before a review choice, unless they changed again
    /// since (here or in another tab): then nothing changes and the error says so.
    pub fn undo_review(
        &mut self,
        before: &Person,
        chosen_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Touched, ChangeError> {
        let person = self.people.live(&before.id).ok_or(ChangeError::NoSuchPerson)?;
        if person.updated != chosen_at {
            return Err(ChangeError::NotNow(format!(
                "{} changed after that choice, so it was left as it is.",
                person.name
            )));
        }
        let mut back = before.clone();
        back.updated = now;
        self.people.put(Slot::Live(back));
        Ok(Touched::person(&before.id))
    }
}

//! One informational interview: the pipeline for one person approached, the prep sheet, the
//! meeting and the debrief. Steps are dates; the stage is derived from them.

use super::calendar::{business_days_after, business_days_between};
use crate::choice;
use crate::id::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

choice! {
    /// TIARA: the question categories for the meeting.
    pub enum Tiara {
        Trends => ("trends", "Trends"),
        Insights => ("insights", "Insights"),
        Advice => ("advice", "Advice"),
        Resources => ("resources", "Resources"),
        Assignments => ("assignments", "Assignments"),
    }
}

/// The built-in TIARA bank: at least five questions per category.
pub fn tiara_bank(category: Tiara) -> &'static [&'static str] {
    match category {
        Tiara::Trends => &[
            "What trends are shaping your field right now?",
            "What is changing fastest in your industry?",
            "Which new tools or methods are people in your role adopting?",
            "How has your field changed since you started?",
            "Where do you see your team's work heading in the next few years?",
        ],
        Tiara::Insights => &[
            "What has surprised you most in your role?",
            "What do you wish you had known before starting this job?",
            "What separates people who thrive here from those who don't?",
            "What is the most rewarding part of your work?",
            "What is the hardest part of your work that outsiders don't see?",
        ],
        Tiara::Advice => &[
            "What would you do in my position to prepare?",
            "If you were starting again, what would you do differently?",
            "Which skills should I build first?",
            "How would you present my background to a hiring manager here?",
            "What mistakes do candidates often make when moving into this field?",
        ],
        Tiara::Resources => &[
            "Which people, groups or sources should I look into?",
            "Which newsletters, podcasts or books do you rely on?",
            "Which events or communities are worth joining?",
            "Is there anyone else you think I should talk to?",
            "Which companies do you admire in this space?",
        ],
        Tiara::Assignments => &[
            "What projects does someone in your role work on?",
            "What does a typical week look like for you?",
            "What was a recent project you were proud of?",
            "How is success measured for your team?",
            "What problems is your team trying to solve this year?",
        ],
    }
}

choice! {
    /// Where an interview stands. Declined and no reply are closed.
    pub enum PipelineStage {
        Identified => ("identified", "Identified"),
        OutreachSent => ("outreach_sent", "Outreach sent"),
        Replied => ("replied", "Replied"),
        Scheduled => ("scheduled", "Scheduled"),
        Done => ("done", "Done"),
        Thanked => ("thanked", "Thanked"),
        UpdateSent => ("update_sent", "Update sent"),
        Declined => ("declined", "Declined"),
        NoReply => ("no_reply", "No reply"),
    }
}

choice! {
    /// The reply delay classifies the contact (Dalton): aim outreach at Boosters.
    pub enum ContactKind {
        Booster => ("booster", "Booster"),
        Obligate => ("obligate", "Obligate"),
        Curmudgeon => ("curmudgeon", "Curmudgeon"),
    }
}

/// Booster: replied within this many business days.
pub const BOOSTER_DAYS: u32 = 3;
/// The 3 of 3B7: approach a second contact after this many business days without a reply.
pub const SECOND_CONTACT_DAYS: u32 = 3;
/// The 7 of 3B7: follow up after this many business days without a reply.
pub const FOLLOW_UP_DAYS: u32 = 7;

/// A scheduled meeting: the UTC instant plus the IANA zone it was set in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub start: DateTime<Utc>,
    /// IANA zone name, e.g. "Europe/Lisbon"; the browser works out offsets.
    pub zone: String,
    pub minutes: u16,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// The calendar date of the meeting in its own zone (reminders count from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_date: Option<NaiveDate>,
}

impl Meeting {
    /// The meeting's date where it happens.
    pub fn date(&self) -> NaiveDate {
        self.local_date.unwrap_or_else(|| self.start.date_naive())
    }
}

/// One question on the prep sheet; `category` is `None` for my own questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Tiara>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Prep {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub research: String,
    /// My 30-second introduction.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub intro: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goals: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
}

/// A piece of advice turned into an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub text: String,
    pub due: NaiveDate,
    #[serde(default)]
    pub done: bool,
}

/// A person or resource they suggested.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggested {
    pub name: String,
    /// Where they work, for a person: becomes a target employer if wanted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub company: String,
    #[serde(default)]
    pub is_resource: bool,
    /// The person record made from this suggestion, once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Debrief {
    /// Notes per TIARA category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<(Tiara, String)>,
    /// The most useful piece of advice, for the thank-you.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key_advice: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested: Vec<Suggested>,
    #[serde(default)]
    pub referral_offered: bool,
}

impl Debrief {
    pub fn note(&self, category: Tiara) -> &str {
        self.notes.iter().find(|(c, _)| *c == category).map(|(_, n)| n.as_str()).unwrap_or("")
    }
}

/// Interactions this interview logged, so each step is logged exactly once.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Logged {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outreach: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thanks: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<Id>,
}

/// How an interview was closed early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Closed {
    Declined,
    NoReply,
}

/// One person approached for an informational interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    pub id: Id,
    pub person: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outreach_sent: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replied: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followed_up: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Meeting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thanked: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_sent: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<(Closed, NaiveDate)>,
    #[serde(default)]
    pub prep: Prep,
    #[serde(default)]
    pub debrief: Debrief,
    #[serde(default)]
    pub logged: Logged,
    /// Part of the sample network, removed with it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl Interview {
    pub fn new(id: Id, person: Id, employer: Option<Id>, now: DateTime<Utc>) -> Interview {
        Interview {
            id,
            person,
            employer,
            outreach_sent: None,
            replied: None,
            followed_up: None,
            meeting: None,
            held: None,
            thanked: None,
            update_sent: None,
            closed: None,
            prep: Prep::default(),
            debrief: Debrief::default(),
            logged: Logged::default(),
            sample: false,
            created: now,
            updated: now,
        }
    }

    /// The stage, from the steps taken so far.
    pub fn stage(&self) -> PipelineStage {
        match self.closed {
            Some((Closed::Declined, _)) => return PipelineStage::Declined,
            Some((Closed::NoReply, _)) => return PipelineStage::NoReply,
            None => {}
        }
        if self.update_sent.is_some() {
            PipelineStage::UpdateSent
        } else if self.thanked.is_some() {
            PipelineStage::Thanked
        } else if self.held.is_some() {
            PipelineStage::Done
        } else if self.meeting.is_some() {
            PipelineStage::Scheduled
        } else if self.replied.is_some() {
            PipelineStage::Replied
        } else if self.outreach_sent.is_some() {
            PipelineStage::OutreachSent
        } else {
            PipelineStage::Identified
        }
    }

    pub fn is_closed(&self) -> bool {
        self.closed.is_some()
    }

    /// Booster, Obligate or Curmudgeon, once the reply delay tells; `None` while it can't yet.
    pub fn contact_kind(&self, today: NaiveDate, holidays: &[NaiveDate]) -> Option<ContactKind> {
        let sent = self.outreach_sent?;
        match (self.replied, self.followed_up) {
            (Some(replied), _) if business_days_between(sent, replied, holidays) <= BOOSTER_DAYS => {
                Some(ContactKind::Booster)
            }
            (Some(_), _) => Some(ContactKind::Obligate),
            (None, Some(nudged)) if today >= business_days_after(nudged, FOLLOW_UP_DAYS, holidays) => {
                Some(ContactKind::Curmudgeon)
            }
            _ => None,
        }
    }
}

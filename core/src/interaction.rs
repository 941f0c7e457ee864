//! Interactions: what happened between me and a person, and whether it was genuine.

use crate::choice;
use crate::id::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

choice! {
    /// How we were in touch. Listed from the deepest channel to the lightest.
    pub enum Channel {
        InPerson => ("in_person", "In person"),
        Video => ("video", "Video call"),
        Phone => ("phone", "Phone"),
        Email => ("email", "Email"),
        LinkedinMessage => ("linkedin_message", "LinkedIn message"),
        Comment => ("comment", "Comment or reaction on their work"),
        Event => ("event", "Event"),
        Other => ("other", "Other"),
    }
}

choice! {
    /// Who started the exchange.
    pub enum Initiator {
        Me => ("me", "Me"),
        Them => ("them", "Them"),
    }
}

choice! {
    /// Why we were in touch. Gives and asks feed the give-first metrics.
    pub enum Purpose {
        GaveHelp => ("give_help", "Give: helped"),
        GaveResource => ("give_resource", "Give: shared a resource"),
        GaveIntroduction => ("give_introduction", "Give: made an introduction"),
        GaveCongratulations => ("give_congrats", "Give: congratulated"),
        GaveRecommendation => ("give_recommendation", "Give: recommended or endorsed"),
        AskedAdvice => ("ask_advice", "Ask: advice"),
        AskedIntroduction => ("ask_introduction", "Ask: an introduction"),
        AskedReferral => ("ask_referral", "Ask: a referral"),
        AskedFavour => ("ask_favour", "Ask: a favour"),
        CatchUp => ("catch_up", "Catch-up"),
        InformationalInterview => ("informational_interview", "Informational interview"),
    }
}

impl Purpose {
    pub fn is_give(self) -> bool {
        matches!(
            self,
            Purpose::GaveHelp
                | Purpose::GaveResource
                | Purpose::GaveIntroduction
                | Purpose::GaveCongratulations
                | Purpose::GaveRecommendation
        )
    }

    pub fn is_ask(self) -> bool {
        matches!(
            self,
            Purpose::AskedAdvice | Purpose::AskedIntroduction | Purpose::AskedReferral | Purpose::AskedFavour
        )
    }
}

/// What kind of exchange this was, for the genuineness rule.
/// Later issues (the interview pipeline, the drafter) mark outreach and nudges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exchange {
    /// An ordinary two-way exchange or a real give.
    #[default]
    Regular,
    /// A message I sent to open contact; genuine only once they reply.
    Outreach { replied: bool },
    /// A follow-up nudge after no reply. Never genuine.
    Nudge,
}

/// One interaction with one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: Id,
    pub person: Id,
    pub date: NaiveDate,
    pub channel: Channel,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub topic: String,
    pub started_by: Initiator,
    pub purpose: Purpose,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "is_regular")]
    pub exchange: Exchange,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

fn is_regular(e: &Exchange) -> bool {
    *e == Exchange::Regular
}

/// The editable part of an interaction, after validation. See [`crate::InteractionInput`].
#[derive(Debug, Clone, PartialEq)]
pub struct InteractionFields {
    pub date: NaiveDate,
    pub channel: Channel,
    pub topic: String,
    pub started_by: Initiator,
    pub purpose: Purpose,
    pub notes: String,
}

impl Interaction {
    pub fn new(id: Id, person: Id, f: InteractionFields, now: DateTime<Utc>) -> Interaction {
        Interaction {
            id,
            person,
            date: f.date,
            channel: f.channel,
            topic: f.topic,
            started_by: f.started_by,
            purpose: f.purpose,
            notes: f.notes,
            exchange: Exchange::Regular,
            created: now,
            updated: now,
        }
    }

    pub fn apply(&mut self, f: InteractionFields, now: DateTime<Utc>) {
        self.date = f.date;
        self.channel = f.channel;
        self.topic = f.topic;
        self.started_by = f.started_by;
        self.purpose = f.purpose;
        self.notes = f.notes;
        self.updated = now;
    }

    pub fn fields(&self) -> InteractionFields {
        InteractionFields {
            date: self.date,
            channel: self.channel,
            topic: self.topic.clone(),
            started_by: self.started_by,
            purpose: self.purpose,
            notes: self.notes.clone(),
        }
    }

    /// The methodology's rule: a real exchange or a real give is genuine; an outreach
    /// that got no answer and a follow-up nudge are not. Once the contact answers, the
    /// outreach counts. Every metric counts genuine interactions only.
    /// Whether they took part, not only I: they started it, they replied to my outreach, or
    /// it was a conversation (in person, a video call, a phone call). An informational
    /// interview's reply and meeting count, so a contact who replied, met and helped can
    /// become a relationship.
    pub fn they_took_part(&self) -> bool {
        self.started_by == Initiator::Them
            || matches!(self.exchange, Exchange::Outreach { replied: true })
            || matches!(self.channel, Channel::InPerson | Channel::Video | Channel::Phone)
    }

    pub fn is_genuine(&self) -> bool {
        match self.exchange {
            Exchange::Regular => true,
            Exchange::Outreach { replied } => replied,
            Exchange::Nudge => false,
        }
    }
}

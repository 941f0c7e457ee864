//! The warm-outreach drafter: templates filled from my network, live checks, and "Mark as
//! sent", which logs the interaction exactly once (through the planner for interview steps).

pub mod checks;
pub mod fill;
pub mod templates;

use crate::id::Id;
use crate::insights::{stage, Stage};
use crate::interaction::{Channel, Exchange, Initiator, Interaction, Purpose};
use crate::network::{ChangeError, Network, Slot, Tombstone, Touched};
use crate::planner::{PipelineStage, Step};
pub use crate::record::draft::{Draft, UserPhrasing};
use crate::record::Kind;
use chrono::{DateTime, NaiveDate, Utc};
pub use templates::{MessageChannel, Phrasing, TemplateKind};

/// Why a referral request is withheld, or `Ok` when the relationship is established.
pub fn referral_gate(network: &Network, person: &Id, today: NaiveDate) -> Result<(), String> {
    let threshold = network.settings.metrics.relationship_threshold;
    match stage(network.interactions_of(person), today, threshold) {
        Stage::Relationship => Ok(()),
        s => Err(format!(
            "A referral asks a lot, so Rapport offers it only once the relationship is established ({threshold} genuine interactions, at least one they took part in: they replied, you talked, or they got in touch first). This tie is still {}. Give first instead: share a resource, congratulate them, or offer an introduction.",
            crate::text::with_article(&s.label().to_lowercase())
        )),
    }
}

fn drafts_touched(id: &Id) -> Touched {
    Touched::one(Kind::Draft, id)
}

impl Network {
    pub fn live_drafts(&self) -> impl Iterator<Item = &Draft> {
        self.drafts.values().filter_map(Slot::live)
    }

    pub fn draft(&self, id: &Id) -> Option<&Draft> {
        self.drafts.get(id).and_then(Slot::live)
    }

    /// The open draft for a person and template, if any.
    pub fn open_draft(&self, person: &Id, kind: TemplateKind) -> Option<&Draft> {
        self.live_drafts().find(|d| &d.person == person && d.kind == kind)
    }

    pub fn live_phrasings(&self, kind: TemplateKind) -> impl Iterator<Item = &UserPhrasing> {
        self.phrasings.values().filter_map(Slot::live).filter(move |p| p.kind == kind)
    }

    /// Creates or updates a draft.
    pub fn save_draft(&mut self, mut draft: Draft, now: DateTime<Utc>) -> Result<Touched, ChangeError> {
        self.person(&draft.person).ok_or(ChangeError::NoSuchPerson)?;
        match self.drafts.get(&draft.id) {
            Some(Slot::Live(old)) => draft.created = old.created,
            Some(Slot::Gone(_)) => return Err(ChangeError::NotNow("This draft was sent or discarded.".into())),
            None if self.id_in_use(&draft.id) => return Err(ChangeError::IdInUse),
            None => draft.created = now,
        }
        draft.updated = now;
        let id = draft.id;
        self.drafts.put(Slot::Live(draft));
        Ok(drafts_touched(&id))
    }

    pub fn discard_draft(&mut self, id: &Id, now: DateTime<Utc>) -> Result<(Touched, Draft), ChangeError> {
        let draft = self.draft(id).cloned().ok_or_else(|| ChangeError::NotNow("That draft is gone.".into()))?;
        self.drafts.put(Slot::Gone(Tombstone { id: *id, deleted: now }));
        Ok((drafts_touched(id), draft))
    }

    pub fn restore_draft(&mut self, mut draft: Draft, now: DateTime<Utc>) -> Touched {
        draft.updated = now;
        let id = draft.id;
        self.drafts.put(Slot::Live(draft));
        drafts_touched(&id)
    }

    pub fn save_phrasing(&mut self, phrasing: UserPhrasing) -> Result<Touched, ChangeError> {
        if self.id_in_use(&phrasing.id) {
            return Err(ChangeError::IdInUse);
        }
        let id = phrasing.id;
        self.phrasings.put(Slot::Live(phrasing));
        Ok(Touched::one(Kind::Phrasing, &id))
    }

    pub fn delete_phrasing(&mut self, id: &Id, now: DateTime<Utc>) -> Touched {
        self.phrasings.put(Slot::Gone(Tombstone { id: *id, deleted: now }));
        Touched::one(Kind::Phrasing, id)
    }

    /// Marks a draft sent on `date`: logs the interaction exactly once (through the planner
    /// for interview steps, starting 3B7 for informational requests), keeps the sent text on
    /// the timeline, and closes the draft. Returns the interaction's id.
    pub fn mark_sent(
        &mut self,
        draft_id: &Id,
        date: NaiveDate,
        new_id: &mut dyn FnMut() -> Id,
        now: DateTime<Utc>,
    ) -> Result<(Touched, Id), ChangeError> {
        let draft = self.draft(draft_id).cloned().ok_or_else(|| ChangeError::NotNow("That draft is gone.".into()))?;
        let person = draft.person;
        self.person(&person).ok_or(ChangeError::NoSuchPerson)?;
        let mut next = self.clone();
        let mut touched = Touched::default();
        let open = |n: &Network, fit: &dyn Fn(&crate::planner::Interview) -> bool| {
            n.interviews_with(&person).into_iter().rev().find(|iv| !iv.is_closed() && fit(iv)).map(|iv| iv.id)
        };
        let step = match draft.kind {
            TemplateKind::InfoRequest => {
                let iv = match open(&next, &|iv| iv.stage() == PipelineStage::Identified || iv.outreach_sent.is_some())
                {
                    Some(iv) => iv,
                    None => {
                        let iv = new_id();
                        touched = touched.and(next.add_interview(iv, &person, None, now)?);
                        iv
                    }
                };
                Some((iv, Step::OutreachSent))
            }
            TemplateKind::FollowUp => {
                open(&next, &|iv| iv.outreach_sent.is_some() && iv.replied.is_none() && iv.followed_up.is_none())
                    .map(|iv| (iv, Step::FollowedUp))
            }
            TemplateKind::ThankYou => {
                open(&next, &|iv| iv.held.is_some() && iv.thanked.is_none()).map(|iv| (iv, Step::Thanked))
            }
            TemplateKind::Update => {
                open(&next, &|iv| iv.held.is_some() && iv.update_sent.is_none()).map(|iv| (iv, Step::UpdateSent))
            }
            _ => None,
        };
        let channel = match draft.channel {
            MessageChannel::Email => Channel::Email,
            MessageChannel::LinkedinMessage | MessageChannel::ConnectionNote => Channel::LinkedinMessage,
        };
        let interaction_id = match step {
            Some((iv, step)) => {
                touched = touched.and(next.mark_step(&iv, step, date, new_id(), now)?);
                let logged = next.interview(&iv).map(|i| i.logged.clone()).unwrap_or_default();
                let id = match step {
                    Step::OutreachSent => logged.outreach,
                    Step::FollowedUp => logged.follow_up,
                    Step::Thanked => logged.thanks,
                    Step::UpdateSent => logged.update,
                    _ => None,
                };
                id.ok_or_else(|| ChangeError::NotNow("The planner did not log this step.".into()))?
            }
            None => {
                let (purpose, exchange) = match draft.kind {
                    TemplateKind::ShareResource => (Purpose::GaveResource, Exchange::Regular),
                    TemplateKind::Congratulate => (Purpose::GaveCongratulations, Exchange::Regular),
                    TemplateKind::OfferIntro | TemplateKind::DoubleOptIn => {
                        (Purpose::GaveIntroduction, Exchange::Regular)
                    }
                    TemplateKind::Referral => (Purpose::AskedReferral, Exchange::Regular),
                    TemplateKind::ConnectionNote => (Purpose::CatchUp, Exchange::Outreach { replied: false }),
                    TemplateKind::FollowUp => (Purpose::AskedAdvice, Exchange::Nudge),
                    TemplateKind::InfoRequest => (Purpose::AskedAdvice, Exchange::Outreach { replied: false }),
                    TemplateKind::Reconnect | TemplateKind::ThankYou | TemplateKind::Update => {
                        (Purpose::CatchUp, Exchange::Regular)
                    }
                };
                let id = new_id();
                let interaction = Interaction {
                    id,
                    person,
                    date,
                    channel,
                    topic: draft.kind.label().to_string(),
                    started_by: Initiator::Me,
                    purpose,
                    notes: String::new(),
                    exchange,
                    created: now,
                    updated: now,
                };
                touched = touched.and(next.insert_interaction(interaction)?);
                id
            }
        };
        // The sent text goes on the timeline.
        let text = if draft.subject.trim().is_empty() {
            draft.body.clone()
        } else {
            format!("Subject: {}\n\n{}", draft.subject, draft.body)
        };
        if let Some(shard) = next.shards.get_mut(&person) {
            if let Some(i) = shard.live.iter_mut().find(|i| i.id == interaction_id) {
                i.notes = text;
                i.channel = channel;
                i.updated = now;
            }
        }
        touched.insert(Kind::Shard, person);
        touched = touched.and(next.discard_draft(draft_id, now)?.0);
        *self = next;
        Ok((touched, interaction_id))
    }
}

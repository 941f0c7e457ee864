//! Changes to employers and interviews. Steps that are real interactions log one on the
//! person's timeline, exactly once, whichever screen marks them.

use super::employer::{Employer, EmployerFields};
use super::interview::{Closed, Debrief, Interview, Meeting, Prep};
use crate::id::Id;
use crate::interaction::{Channel, Exchange, Initiator, Interaction, Purpose};
use crate::network::{ChangeError, Network, Slot, Tombstone, Touched};
use crate::record::Kind;
use chrono::{DateTime, NaiveDate, Utc};

/// A step in the pipeline, marked on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    OutreachSent,
    Replied,
    FollowedUp,
    Held,
    Thanked,
    UpdateSent,
    Declined,
    NoReply,
}

impl Step {
    pub fn label(self) -> &'static str {
        match self {
            Step::OutreachSent => "Mark outreach sent",
            Step::Replied => "Mark replied",
            Step::FollowedUp => "Mark followed up",
            Step::Held => "Mark meeting held",
            Step::Thanked => "Mark thanked",
            Step::UpdateSent => "Mark update sent",
            Step::Declined => "Mark declined",
            Step::NoReply => "Close: no reply",
        }
    }
}

fn touched_interview(id: &Id) -> Touched {
    Touched::one(Kind::Interview, id)
}

fn touched_employer(id: &Id) -> Touched {
    Touched::one(Kind::Employer, id)
}

impl Network {
    pub fn live_employers(&self) -> impl Iterator<Item = &Employer> {
        self.employers.values().filter_map(Slot::live)
    }

    pub fn employer(&self, id: &Id) -> Option<&Employer> {
        self.employers.get(id).and_then(Slot::live)
    }

    pub fn live_interviews(&self) -> impl Iterator<Item = &Interview> {
        self.interviews.values().filter_map(Slot::live)
    }

    pub fn interview(&self, id: &Id) -> Option<&Interview> {
        self.interviews.get(id).and_then(Slot::live)
    }

    /// Interviews with one person, oldest first.
    pub fn interviews_with(&self, person: &Id) -> Vec<&Interview> {
        let mut list: Vec<&Interview> = self.live_interviews().filter(|iv| &iv.person == person).collect();
        crate::order::sort_by_key(&mut list, |iv| iv.created);
        list
    }

    pub fn add_employer(&mut self, id: Id, fields: EmployerFields, now: DateTime<Utc>) -> Result<Touched, ChangeError> {
        if self.id_in_use(&id) {
            return Err(ChangeError::IdInUse);
        }
        let touched = touched_employer(&id);
        self.employers.put(Slot::Live(Employer::new(id, fields, now)));
        Ok(touched)
    }

    pub fn update_employer(
        &mut self,
        id: &Id,
        fields: EmployerFields,
        now: DateTime<Utc>,
    ) -> Result<Touched, ChangeError> {
        let e = self.employers.get_mut(id).and_then(Slot::live_mut).ok_or(ChangeError::NoSuchEmployer)?;
        e.apply(fields, now);
        Ok(touched_employer(id))
    }

    pub fn delete_employer(&mut self, id: &Id, now: DateTime<Utc>) -> Result<(Touched, Employer), ChangeError> {
        let e = self.employer(id).cloned().ok_or(ChangeError::NoSuchEmployer)?;
        self.employers.put(Slot::Gone(Tombstone { id: *id, deleted: now }));
        Ok((touched_employer(id), e))
    }

    pub fn restore_employer(&mut self, mut e: Employer, now: DateTime<Utc>) -> Touched {
        e.updated = now;
        let id = e.id;
        self.employers.put(Slot::Live(e));
        touched_employer(&id)
    }

    /// Starts an interview with a person, optionally at a target employer.
    pub fn add_interview(
        &mut self,
        id: Id,
        person: &Id,
        employer: Option<Id>,
        now: DateTime<Utc>,
    ) -> Result<Touched, ChangeError> {
        self.person(person).ok_or(ChangeError::NoSuchPerson)?;
        if let Some(e) = &employer {
            self.employer(e).ok_or(ChangeError::NoSuchEmployer)?;
        }
        if self.id_in_use(&id) {
            return Err(ChangeError::IdInUse);
        }
        let touched = touched_interview(&id);
        self.interviews.put(Slot::Live(Interview::new(id, *person, employer, now)));
        Ok(touched)
    }

    pub fn delete_interview(&mut self, id: &Id, now: DateTime<Utc>) -> Result<(Touched, Interview), ChangeError> {
        let iv = self.interview(id).cloned().ok_or(ChangeError::NoSuchInterview)?;
        self.interviews.put(Slot::Gone(Tombstone { id: *id, deleted: now }));
        Ok((touched_interview(id), iv))
    }

    pub fn restore_interview(&mut self, mut iv: Interview, now: DateTime<Utc>) -> Touched {
        iv.updated = now;
        let id = iv.id;
        self.interviews.put(Slot::Live(iv));
        touched_interview(&id)
    }

    fn live_interview(&self, id: &Id) -> Result<&Interview, ChangeError> {
        let iv = self.interview(id).ok_or(ChangeError::NoSuchInterview)?;
        self.person(&iv.person).ok_or_else(|| {
            ChangeError::NotNow(
                "The person of this interview was deleted; restore them (undo) or delete the interview.".into(),
            )
        })?;
        Ok(iv)
    }

    fn interview_mut(&mut self, id: &Id) -> Result<&mut Interview, ChangeError> {
        self.interviews.get_mut(id).and_then(Slot::live_mut).ok_or(ChangeError::NoSuchInterview)
    }

    /// Marks a step on `date`. `new_id` is used if the step logs an interaction.
    pub fn mark_step(
        &mut self,
        id: &Id,
        step: Step,
        date: NaiveDate,
        new_id: Id,
        now: DateTime<Utc>,
    ) -> Result<Touched, ChangeError> {
        let iv = self.live_interview(id)?.clone();
        let not_now = |why: &str| Err(ChangeError::NotNow(why.to_string()));
        if iv.is_closed() {
            return not_now("This interview is closed.");
        }
        let before = |earlier: Option<NaiveDate>, what: &str| -> Result<(), ChangeError> {
            match earlier {
                Some(d) if date < d => Err(ChangeError::NotNow(format!("That date is before the {what} ({d})."))),
                _ => Ok(()),
            }
        };
        match step {
            Step::OutreachSent => {}
            Step::Replied | Step::FollowedUp | Step::NoReply => {
                if iv.outreach_sent.is_none() {
                    return not_now("Mark the outreach sent first.");
                }
                before(iv.outreach_sent, "outreach")?;
                if step != Step::Replied && iv.replied.is_some() {
                    return not_now("They already replied.");
                }
            }
            Step::Held => {
                before(iv.outreach_sent, "outreach")?;
                // Held before the day it is planned for: the meeting stayed listed as coming
                // up (issue 19's hostile test).
                if let Some(day) = iv.meeting.as_ref().map(|m| m.local_date.unwrap_or_else(|| m.start.date_naive())) {
                    if date < day {
                        return not_now(&format!(
                            "The meeting is planned for {day}: mark it held on or after that day, or reschedule it to the day it took place."
                        ));
                    }
                }
            }
            Step::Thanked | Step::UpdateSent => {
                if iv.held.is_none() {
                    return not_now("Mark the meeting held first.");
                }
                before(iv.held, "meeting")?;
            }
            Step::Declined => {}
        }
        let person = iv.person;
        let mut touched = touched_interview(id);
        let mut log = |net: &mut Network,
                       topic: &str,
                       purpose: Purpose,
                       channel: Channel,
                       exchange: Exchange|
         -> Result<Id, ChangeError> {
            if net.id_in_use(&new_id) {
                return Err(ChangeError::IdInUse);
            }
            let interaction = Interaction {
                id: new_id,
                person,
                date,
                channel,
                topic: topic.to_string(),
                started_by: Initiator::Me,
                purpose,
                notes: String::new(),
                exchange,
                created: now,
                updated: now,
            };
            touched = std::mem::take(&mut touched).and(net.insert_interaction(interaction)?);
            Ok(new_id)
        };
        let meeting_channel = match iv.meeting.as_ref().map(|m| m.place.to_lowercase()) {
            Some(place)
                if place.contains("http")
                    || place.contains("zoom")
                    || place.contains("meet")
                    || place.contains("teams") =>
            {
                Channel::Video
            }
            Some(place) if place.contains("phone") || place.contains("call") => Channel::Phone,
            Some(place) if !place.is_empty() => Channel::InPerson,
            _ => Channel::Video,
        };
        let mut next = iv.clone();
        match step {
            Step::OutreachSent => {
                next.outreach_sent = Some(date);
                if next.logged.outreach.is_none() {
                    let replied = next.replied.is_some();
                    next.logged.outreach = Some(log(
                        self,
                        "Asked for an informational interview",
                        Purpose::AskedAdvice,
                        Channel::Email,
                        Exchange::Outreach { replied },
                    )?);
                }
            }
            Step::Replied => {
                next.replied = Some(date);
                if let Some(outreach) = &next.logged.outreach {
                    // A reply makes the outreach count.
                    if let Some(shard) = self.shards.get_mut(&person) {
                        if let Some(i) = shard.live.iter_mut().find(|i| &i.id == outreach) {
                            i.exchange = Exchange::Outreach { replied: true };
                            i.updated = now;
                            touched.insert(Kind::Shard, person);
                        }
                    }
                }
            }
            Step::FollowedUp => {
                next.followed_up = Some(date);
                if next.logged.follow_up.is_none() {
                    next.logged.follow_up = Some(log(
                        self,
                        "Followed up on my request",
                        Purpose::AskedAdvice,
                        Channel::Email,
                        Exchange::Nudge,
                    )?);
                }
            }
            Step::Held => {
                next.held = Some(date);
                if next.logged.meeting.is_none() {
                    next.logged.meeting = Some(log(
                        self,
                        "Informational interview",
                        Purpose::InformationalInterview,
                        meeting_channel,
                        Exchange::Regular,
                    )?);
                }
            }
            Step::Thanked => {
                next.thanked = Some(date);
                if next.logged.thanks.is_none() {
                    next.logged.thanks = Some(log(
                        self,
                        "Thank-you after our conversation",
                        Purpose::CatchUp,
                        Channel::Email,
                        Exchange::Regular,
                    )?);
                }
            }
            Step::UpdateSent => {
                next.update_sent = Some(date);
                if next.logged.update.is_none() {
                    next.logged.update = Some(log(
                        self,
                        "Update after acting on their advice",
                        Purpose::CatchUp,
                        Channel::Email,
                        Exchange::Regular,
                    )?);
                }
            }
            Step::Declined => next.closed = Some((Closed::Declined, date)),
            Step::NoReply => next.closed = Some((Closed::NoReply, date)),
        }
        next.updated = now;
        *self.interview_mut(id)? = next;
        Ok(touched)
    }

    /// Reopens a closed interview.
    pub fn reopen_interview(&mut self, id: &Id, now: DateTime<Utc>) -> Result<Touched, ChangeError> {
        let iv = self.interview_mut(id)?;
        iv.closed = None;
        iv.updated = now;
        Ok(touched_interview(id))
    }

    pub fn schedule(&mut self, id: &Id, meeting: Meeting, now: DateTime<Utc>) -> Result<Touched, ChangeError> {
        if self.live_interview(id)?.is_closed() {
            return Err(ChangeError::NotNow("This interview is closed; reopen it to schedule a meeting.".into()));
        }
        let iv = self.interview_mut(id)?;
        iv.meeting = Some(meeting);
        iv.updated = now;
        Ok(touched_interview(id))
    }

    pub fn set_prep(&mut self, id: &Id, prep: Prep, now: DateTime<Utc>) -> Result<Touched, ChangeError> {
        let iv = self.interview_mut(id)?;
        iv.prep = prep;
        iv.updated = now;
        Ok(touched_interview(id))
    }

    pub fn set_debrief(&mut self, id: &Id, debrief: Debrief, now: DateTime<Utc>) -> Result<Touched, ChangeError> {
        let iv = self.interview_mut(id)?;
        iv.debrief = debrief;
        iv.updated = now;
        Ok(touched_interview(id))
    }
}

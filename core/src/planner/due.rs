//! What the planner puts on the agenda: 3B7 prompts, thank-yous, updates and debrief actions;
//! upcoming meetings; and the funnel.

use super::calendar::business_days_after;
use super::interview::{ContactKind, Interview, FOLLOW_UP_DAYS, SECOND_CONTACT_DAYS};
use crate::id::Id;
use crate::network::Network;
use crate::phrase::Phrase;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// A thank-you is due within a day of the meeting.
pub const THANKS_WITHIN_DAYS: i64 = 1;
/// The update after acting on their advice: reminded 2 weeks on, due by 4.
pub const UPDATE_AFTER_DAYS: i64 = 14;
pub const UPDATE_BY_DAYS: i64 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueKind {
    /// The 3 of 3B7: approach a second contact at the same employer.
    SecondContact,
    /// The 7 of 3B7: follow up with the first contact.
    FollowUp,
    Thanks,
    Update,
    Action,
}

/// One item due, with what to do and why.
#[derive(Debug, Clone, PartialEq)]
pub struct DueItem {
    pub kind: DueKind,
    pub interview: Id,
    pub person: Id,
    pub due: NaiveDate,
    pub title: String,
    pub reason: Phrase,
}

fn name(network: &Network, id: &Id) -> String {
    network.person(id).map(|p| p.name.clone()).unwrap_or_else(|| "someone no longer in your network".into())
}

fn employer_name(network: &Network, iv: &Interview) -> Option<String> {
    iv.employer.as_ref().and_then(|e| network.employer(e)).map(|e| e.name.clone())
}

/// Everything due by `until`, earliest first.
pub fn planner_due(network: &Network, until: NaiveDate) -> Vec<DueItem> {
    let holidays = &network.settings.prefs.holidays;
    let mut items = Vec::new();
    for iv in network.live_interviews().filter(|iv| network.person(&iv.person).is_some()) {
        let who = name(network, &iv.person);
        if let (Some(sent), None, None) = (iv.outreach_sent, iv.replied, iv.closed) {
            // 3: a second contact at the same employer, unless one was already approached since.
            if let Some(employer) = &iv.employer {
                let second_started = network.live_interviews().any(|other| {
                    other.id != iv.id
                        && other.employer.as_ref() == Some(employer)
                        && other.outreach_sent.is_some_and(|d| d >= sent)
                });
                let first_here = !network.live_interviews().any(|other| {
                    other.id != iv.id
                        && other.employer.as_ref() == Some(employer)
                        && other.outreach_sent.is_some_and(|d| d < sent)
                });
                if first_here && !second_started {
                    let due = business_days_after(sent, SECOND_CONTACT_DAYS, holidays);
                    let at = employer_name(network, iv).unwrap_or_default();
                    items.push(DueItem {
                        kind: DueKind::SecondContact,
                        interview: iv.id,
                        person: iv.person,
                        due,
                        title: format!("Approach a second contact at {at}"),
                        reason: format!("If {who} has not replied in {SECOND_CONTACT_DAYS} working days, write to a second person there (the 3 of 3B7).").into(),
                    });
                }
            }
            // 7: follow up with this contact.
            if iv.followed_up.is_none() {
                items.push(DueItem {
                    kind: DueKind::FollowUp,
                    interview: iv.id,
                    person: iv.person,
                    due: business_days_after(sent, FOLLOW_UP_DAYS, holidays),
                    title: format!("Follow up with {who}"),
                    reason: format!(
                        "No reply in {FOLLOW_UP_DAYS} working days? Then one gentle follow-up (the 7 of 3B7)."
                    )
                    .into(),
                });
            }
        }
        if let (Some(held), None) = (iv.held, iv.thanked) {
            items.push(DueItem {
                kind: DueKind::Thanks,
                interview: iv.id,
                person: iv.person,
                due: held + Duration::days(THANKS_WITHIN_DAYS),
                title: format!("Thank {who}"),
                reason: "Send thanks within 24 hours of the conversation.".into(),
            });
        }
        if let (Some(held), None) = (iv.held, iv.update_sent) {
            items.push(DueItem {
                kind: DueKind::Update,
                interview: iv.id,
                person: iv.person,
                due: held + Duration::days(UPDATE_AFTER_DAYS),
                title: format!("Update {who}"),
                reason: Phrase::from("Tell them how you acted on their advice, 2–4 weeks after you met (by ")
                    .date(held + Duration::days(UPDATE_BY_DAYS))
                    .then(")."),
            });
        }
        for action in iv.debrief.actions.iter().filter(|a| !a.done) {
            items.push(DueItem {
                kind: DueKind::Action,
                interview: iv.id,
                person: iv.person,
                due: action.due,
                title: action.text.clone(),
                reason: format!("Advice from {who}.").into(),
            });
        }
    }
    items.retain(|i| i.due <= until);
    crate::order::sort_by(&mut items, |a, b| a.due.cmp(&b.due).then_with(|| a.title.cmp(&b.title)));
    items
}

/// Meetings not yet held that start after `now`, soonest first.
pub fn upcoming_meetings(network: &Network, now: DateTime<Utc>) -> Vec<&Interview> {
    let mut list: Vec<&Interview> = network
        .live_interviews()
        .filter(|iv| iv.held.is_none() && !iv.is_closed() && iv.meeting.as_ref().is_some_and(|m| m.start >= now))
        .collect();
    crate::order::sort_by_key(&mut list, |iv| iv.meeting.as_ref().map(|m| m.start));
    list
}

/// The funnel with counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Funnel {
    pub approached: usize,
    pub outreach_sent: usize,
    pub replied: usize,
    pub meetings_held: usize,
    pub introductions: usize,
    pub referrals: usize,
}

impl Funnel {
    /// Replies as a share of outreach, in percent (the method expects 20–40%).
    pub fn reply_percent(&self) -> u32 {
        if self.outreach_sent == 0 {
            0
        } else {
            ((self.replied as f64 / self.outreach_sent as f64) * 100.0).round() as u32
        }
    }
}

pub fn funnel(network: &Network) -> Funnel {
    let mut f = Funnel::default();
    for iv in network.live_interviews() {
        f.approached += 1;
        f.outreach_sent += usize::from(iv.outreach_sent.is_some());
        f.replied += usize::from(iv.replied.is_some());
        f.meetings_held += usize::from(iv.held.is_some());
        f.introductions += iv.debrief.suggested.iter().filter(|s| !s.is_resource).count();
        f.referrals += usize::from(iv.debrief.referral_offered);
    }
    f
}

/// "2 replied quickly · 1 never replied": the replies at an employer in plain words, only
/// the kinds there are, or "no replies yet".
pub fn replies_text(counts: [usize; 3]) -> String {
    let parts: Vec<String> =
        [("replied quickly", counts[0]), ("replied late", counts[1]), ("never replied", counts[2])]
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(what, n)| format!("{n} {what}"))
            .collect();
    if parts.is_empty() {
        "no replies yet".into()
    } else {
        parts.join(" · ")
    }
}

/// Boosters, Obligates and Curmudgeons at one employer.
pub fn employer_kinds(network: &Network, employer: &Id, today: NaiveDate) -> [usize; 3] {
    let mut counts = [0; 3];
    for iv in network.live_interviews().filter(|iv| iv.employer.as_ref() == Some(employer)) {
        match iv.contact_kind(today, &network.settings.prefs.holidays) {
            Some(ContactKind::Booster) => counts[0] += 1,
            Some(ContactKind::Obligate) => counts[1] += 1,
            Some(ContactKind::Curmudgeon) => counts[2] += 1,
            None => {}
        }
    }
    counts
}

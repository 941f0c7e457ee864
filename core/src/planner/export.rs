//! Interviews as calendar entries: the meeting with its prep, and the thank-you and update
//! reminders.

use super::due::{THANKS_WITHIN_DAYS, UPDATE_AFTER_DAYS};
use super::interview::Interview;
use crate::ics::CalendarItem;
use crate::network::Network;
use chrono::{DateTime, Duration, Utc};

/// The text of the prep sheet for a calendar description: what I know, goals, questions.
pub fn prep_summary(network: &Network, iv: &Interview) -> String {
    let mut out = Vec::new();
    if let Some(p) = network.person(&iv.person) {
        let headline = p.headline();
        if !headline.is_empty() {
            out.push(format!("{}: {}", p.name, headline));
        }
        if !p.notes.is_empty() {
            out.push(format!("What I know: {}", p.notes));
        }
    }
    if !iv.prep.goals.is_empty() {
        out.push(format!("Goals: {}", iv.prep.goals));
    }
    if !iv.prep.intro.is_empty() {
        out.push(format!("My introduction: {}", iv.prep.intro));
    }
    if !iv.prep.questions.is_empty() {
        out.push("Questions:".into());
        for q in &iv.prep.questions {
            let tag = q.category.map(|c| format!("[{}] ", c.label())).unwrap_or_default();
            out.push(format!("- {tag}{}", q.text));
        }
    }
    out.push("Agenda: small talk; questions; next steps; ask whom else to talk to.".into());
    out.join("\n")
}

/// The calendar entries of one interview: the meeting, if scheduled, and the reminders
/// still to come.
pub fn interview_items(network: &Network, iv: &Interview) -> Vec<CalendarItem> {
    let name = network.person(&iv.person).map(|p| p.name.clone()).unwrap_or_else(|| "a contact".into());
    let mut items = Vec::new();
    if let Some(m) = &iv.meeting {
        items.push(CalendarItem::Timed {
            uid: format!("{}-meeting@rapport.invalid", iv.id),
            start: m.start,
            end: m.start + Duration::minutes(i64::from(m.minutes.max(1))),
            summary: format!("Informational interview with {name}"),
            description: prep_summary(network, iv),
            location: m.place.clone(),
            alarm_minutes: 30,
        });
    }
    let met = iv.held.or_else(|| iv.meeting.as_ref().map(|m| m.date()));
    if let Some(met) = met {
        if iv.thanked.is_none() {
            items.push(CalendarItem::AllDay {
                uid: format!("{}-thanks@rapport.invalid", iv.id),
                date: met + Duration::days(THANKS_WITHIN_DAYS),
                summary: format!("Thank {name}"),
                description: "Send thanks within 24 hours, naming a piece of advice you will act on.".into(),
            });
        }
        if iv.update_sent.is_none() {
            items.push(CalendarItem::AllDay {
                uid: format!("{}-update@rapport.invalid", iv.id),
                date: met + Duration::days(UPDATE_AFTER_DAYS),
                summary: format!("Update {name}"),
                description: "Tell them how you acted on their advice (2–4 weeks after you met).".into(),
            });
        }
    }
    items
}

/// Every upcoming meeting and reminder, as one calendar.
pub fn upcoming_items(network: &Network, now: DateTime<Utc>) -> Vec<CalendarItem> {
    network
        .live_interviews()
        .filter(|iv| !iv.is_closed() && network.person(&iv.person).is_some())
        .flat_map(|iv| interview_items(network, iv))
        .filter(|item| match item {
            CalendarItem::Timed { start, .. } => *start >= now,
            CalendarItem::AllDay { date, .. } => *date >= now.date_naive(),
        })
        .collect()
}

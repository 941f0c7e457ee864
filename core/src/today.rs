//! Today: one list, ranked by what matters most today. Meetings about to happen and
//! interview steps due come first, then people overdue for a keep-in-touch, the review of
//! imported people, open drafts, suggested actions, and what comes due later this week.
//! One person appears once, with their most important item; every item says why it is
//! there, and can be marked done or snoozed. The backup reminder appears only once there is
//! something worth backing up, and never above the first useful action.

use crate::agenda::{ago, keep_in_touch, overdue_text};
use crate::drafter::TemplateKind;
use crate::id::Id;
use crate::insights::{Suggestion, SuggestionKind};
use crate::interaction::Purpose;
use crate::network::Network;
use crate::person::Source;
use crate::phrase::Phrase;
use crate::planner::{planner_due, upcoming_meetings, DueKind};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::BTreeSet;

/// How many items Today shows before "Show more".
pub const FIRST_ITEMS: usize = 7;
/// How long "Snooze" hides an item.
pub const SNOOZE_DAYS: i64 = 3;
/// How long "Done" hides an item (a keep-in-touch or a step's key carries its due date, so
/// a new due date brings it back sooner).
pub const DONE_DAYS: i64 = 30;

/// What an item's main button does. Each kind of action has one label everywhere.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Opens the interaction form for the person, started with a purpose and topic.
    LogInteraction {
        person: Id,
        purpose: Purpose,
        topic: &'static str,
    },
    OpenInterview(Id),
    OpenPrep(Id),
    ContinueDraft {
        person: Id,
        kind: TemplateKind,
    },
    Review,
    Backup,
}

impl Action {
    /// The button's words: the same action has the same label everywhere.
    pub fn label(&self) -> &'static str {
        match self {
            Action::LogInteraction { .. } => "Log interaction",
            Action::OpenInterview(_) => "Open interview",
            Action::OpenPrep(_) => "Prep sheet",
            Action::ContinueDraft { .. } => "Continue draft",
            Action::Review => "Review",
            Action::Backup => "Download a backup",
        }
    }
}

/// One thing to do today.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Stable while the item is the same occurrence (a new due date is a new item): what
    /// "done" and "snooze" remember.
    pub key: String,
    /// Whom it is about; one person appears once.
    pub person: Option<Id>,
    pub title: String,
    /// Why it is on the list.
    pub reason: Phrase,
    /// "3 days overdue", "due today", "in 2 days"… when it has a date.
    pub when: Option<String>,
    pub overdue: bool,
    pub action: Action,
    /// The rank's tier, 0 first (see the module's text).
    pub tier: u8,
    /// Within a tier: the more overdue, the earlier.
    pub urgency: i64,
}

pub use crate::settings::Hidden;

/// Whether anything stored could not simply be imported again: people added by hand, an
/// interaction logged by hand, a review decision, employers, interviews, drafts or saved
/// phrasings. The sample network does not count.
pub fn worth_backing_up(network: &Network) -> bool {
    if network.live_employers().any(|e| !e.sample) || network.live_interviews().any(|i| !i.sample) {
        return true;
    }
    if network.drafts().live_records().next().is_some() || network.phrasings().live_records().next().is_some() {
        return true;
    }
    let imported: BTreeSet<Id> =
        crate::order::btree_set(network.batches().live_records().flat_map(|b| b.interactions.iter().map(|(_, i)| *i)));
    network.live_people().any(|p| {
        p.source == Source::Manual
            || (p.source == Source::Imported && p.reviewed.is_some())
            || (p.source != Source::Sample && network.interactions_of(&p.id).iter().any(|i| !imported.contains(&i.id)))
    })
}

/// Everything for Today, ranked, one item per person, without hidden items.
pub fn today_list(
    network: &Network,
    today: NaiveDate,
    now: DateTime<Utc>,
    suggestions: &[Suggestion],
    hidden: &Hidden,
) -> Vec<Item> {
    let mut items = Vec::new();
    let name = |id: &Id| network.person(id).map(|p| p.name.clone()).unwrap_or_default();

    for iv in upcoming_meetings(network, now) {
        let Some(meeting) = &iv.meeting else { continue };
        let hours = (meeting.start - now).num_hours();
        let who = name(&iv.person);
        let soon = hours < 24;
        items.push(Item {
            key: format!("meet:{}", iv.id),
            person: Some(iv.person),
            title: format!("Prepare for your informational interview with {who}"),
            reason: if soon {
                "It is within a day: go through your questions (trends, insights, advice, resources, assignments)."
                    .into()
            } else {
                "Coming up: a few minutes with your prep sheet makes the conversation about them.".into()
            },
            when: Some(ago(meeting.start.date_naive(), today)),
            overdue: false,
            action: Action::OpenPrep(iv.id),
            tier: if soon { 0 } else { 6 },
            urgency: -hours,
        });
    }

    for d in planner_due(network, today + Duration::days(crate::agenda::LOOKAHEAD_DAYS)) {
        let overdue_days = (today - d.due).num_days();
        // Debrief actions of one interview can share a day: their words tell them apart.
        let which = if d.kind == DueKind::Action { format!(":{:08x}", short_hash(&d.title)) } else { String::new() };
        let key = format!("due:{}:{}:{}{which}", d.interview, due_key(d.kind), d.due);
        items.push(Item {
            key,
            // A second contact is about the employer, not the first contact.
            person: (d.kind != DueKind::SecondContact).then_some(d.person),
            title: d.title,
            reason: d.reason,
            when: Some(overdue_text(overdue_days)),
            overdue: overdue_days > 0,
            action: Action::OpenInterview(d.interview),
            // A thank-you is due within a day: it is never "later this week".
            tier: if overdue_days >= 0 || d.kind == DueKind::Thanks { 1 } else { 6 },
            urgency: overdue_days,
        });
    }

    for k in keep_in_touch(network, today) {
        let last = match k.last {
            Some(d) => format!("last genuine contact {}", ago(d, today)),
            None => "no genuine contact yet".into(),
        };
        items.push(Item {
            key: format!("touch:{}:{}", k.person, k.due),
            person: Some(k.person),
            title: format!("Get back in touch with {}", k.name),
            reason: format!(
                "You wanted to be in touch every {}; {last}.",
                if k.cadence_days == 1 { "day".to_string() } else { format!("{} days", k.cadence_days) }
            )
            .into(),
            when: Some(overdue_text(k.overdue_days)),
            overdue: k.overdue_days > 0,
            action: Action::LogInteraction { person: k.person, purpose: Purpose::CatchUp, topic: "Keeping in touch" },
            tier: if k.overdue_days >= 0 { 2 } else { 6 },
            urgency: k.overdue_days,
        });
    }

    let waiting = network.live_people().filter(|p| crate::review::waiting(p)).count();
    if waiting > 0 {
        let people = if waiting == 1 { "1 imported person".to_string() } else { format!("{waiting} imported people") };
        items.push(Item {
            key: "review".into(),
            person: None,
            title: format!("Review {people}: who do you actually know?"),
            reason: "Imported connections are not relationships yet. Keep the people you really know, the likely warm ones first, and put the rest aside.".into(),
            when: None,
            overdue: false,
            action: Action::Review,
            tier: 3,
            urgency: 0,
        });
    }

    let mut drafts: Vec<_> = network.live_drafts().filter(|d| network.person(&d.person).is_some()).collect();
    crate::order::sort_by_key(&mut drafts, |d| d.updated);
    for d in drafts {
        let days = (now - d.updated).num_days();
        items.push(Item {
            key: format!("draft:{}", d.id),
            person: Some(d.person),
            title: format!("Finish your message to {}", name(&d.person)),
            reason: format!("{}, last edited {}.", d.kind.label(), ago(d.updated.date_naive(), today)).into(),
            when: None,
            overdue: false,
            action: Action::ContinueDraft { person: d.person, kind: d.kind },
            tier: 4,
            urgency: days,
        });
    }

    // "Follow up with …" says what the keep-in-touch items already say.
    for s in suggestions.iter().filter(|s| s.kind != SuggestionKind::FollowUp) {
        items.push(Item {
            key: format!("suggest:{}:{}", suggestion_key(s.kind), s.person),
            person: Some(s.person),
            title: format!("{} {}", s.kind.verb(), s.name),
            reason: s.reason.clone(),
            when: None,
            overdue: false,
            action: Action::LogInteraction { person: s.person, purpose: s.kind.purpose(), topic: s.kind.topic() },
            tier: 5,
            urgency: 0,
        });
    }

    crate::order::sort_by(&mut items, |a, b| {
        a.tier.cmp(&b.tier).then_with(|| b.urgency.cmp(&a.urgency)).then_with(|| a.title.cmp(&b.title))
    });
    // One person, one item: their most important. Hiding it (done or snoozed) hides the
    // person for that while, rather than bringing up their next item in its place.
    let mut seen = BTreeSet::new();
    items.retain(|i| i.person.is_none_or(|p| seen.insert(p)));
    items.retain(|i| hidden.get(&i.key).is_none_or(|until| *until <= today));

    let backup_key = "backup".to_string();
    let prefs = &network.settings.prefs;
    if prefs.backup_due(worth_backing_up(network), now) && hidden.get(&backup_key).is_none_or(|until| *until <= today) {
        let last = match prefs.last_backup {
            Some(at) => format!("Your last backup was {}.", ago(at.date_naive(), today)),
            None => "You haven't downloaded a backup yet.".into(),
        };
        let item = Item {
            key: backup_key,
            person: None,
            title: "Download a backup".into(),
            reason: format!(
                "{last} Your notes live only in this browser: a backup file keeps them safe if the browser clears site data."
            ).into(),
            when: None,
            overdue: false,
            action: Action::Backup,
            tier: 7,
            urgency: 0,
        };
        // Never above the first useful action: after the first item, or last if it is
        // all there is.
        let at = items.iter().position(|i| i.tier >= 5).unwrap_or(items.len()).max(1).min(items.len());
        items.insert(at, item);
    }
    items
}

/// The day "done" hides an item until: [`DONE_DAYS`] on, or the backup reminder's own
/// period.
pub fn done_until(network: &Network, key: &str, today: NaiveDate) -> NaiveDate {
    let days = if key == "backup" { i64::from(network.settings.prefs.backup_reminder_days.max(1)) } else { DONE_DAYS };
    today + Duration::days(days)
}

/// The day "snooze" hides an item until.
pub fn snooze_until(today: NaiveDate) -> NaiveDate {
    today + Duration::days(SNOOZE_DAYS)
}

/// FNV-1a of a text: a short, stable tag for keys.
fn short_hash(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

fn due_key(kind: DueKind) -> &'static str {
    match kind {
        DueKind::SecondContact => "second",
        DueKind::FollowUp => "follow",
        DueKind::Thanks => "thanks",
        DueKind::Update => "update",
        DueKind::Action => "action",
    }
}

fn suggestion_key(kind: SuggestionKind) -> &'static str {
    match kind {
        SuggestionKind::Thank => "thank",
        SuggestionKind::FollowUp => "follow",
        SuggestionKind::GiveFirst => "give",
        SuggestionKind::Reconnect => "reconnect",
    }
}

//! Per-person metrics: relationship stage, give-first status, and tie strength together.

use super::strength::{tie_strength, TieStrength};
use crate::choice;
use crate::interaction::Interaction;
use crate::settings::MetricSettings;
use chrono::NaiveDate;

choice! {
    /// Where a tie stands (the source text: a connection becomes a relationship only after
    /// 2–3 genuine interactions; an accepted connection request is not one).
    pub enum Stage {
        Connection => ("connection", "Connection"),
        Acquaintance => ("acquaintance", "Acquaintance"),
        Relationship => ("relationship", "Relationship"),
    }
}

/// The stage from genuine interactions on or before `today`: none → connection; a
/// relationship once there are `threshold` genuine ones with at least one they took part in
/// ([`Interaction::they_took_part`]: they started it, replied, or we talked); otherwise an
/// acquaintance.
pub fn stage(interactions: &[Interaction], today: NaiveDate, threshold: u8) -> Stage {
    let genuine = interactions.iter().filter(|i| i.is_genuine() && i.date <= today);
    let (count, by_them) = genuine.fold((0usize, false), |(n, them), i| (n + 1, them || i.they_took_part()));
    if count == 0 {
        Stage::Connection
    } else if count >= usize::from(threshold.max(1)) && by_them {
        Stage::Relationship
    } else {
        Stage::Acquaintance
    }
}

/// The day a tie became a relationship, as of `today` (None: not yet). Stages only grow as
/// interactions accumulate, so this is when [`stage`] first turns to `Relationship`.
pub fn relationship_since(interactions: &[Interaction], today: NaiveDate, threshold: u8) -> Option<NaiveDate> {
    let mut genuine: Vec<&Interaction> = interactions.iter().filter(|i| i.is_genuine() && i.date <= today).collect();
    crate::order::sort_by_key(&mut genuine, |i| i.date);
    let mut by_them = false;
    for (n, i) in genuine.iter().enumerate() {
        by_them |= i.they_took_part();
        if n + 1 >= usize::from(threshold.max(1)) && by_them {
            return Some(i.date);
        }
    }
    None
}

/// Gives and asks so far, and whether the first ask came before any give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GiveFirst {
    pub gives: usize,
    pub asks: usize,
    pub asked_before_giving: bool,
}

pub fn give_first(interactions: &[Interaction], today: NaiveDate) -> GiveFirst {
    // Genuine only: an unanswered outreach or a nudge is not an ask that landed.
    let mut done: Vec<&Interaction> = interactions.iter().filter(|i| i.is_genuine() && i.date <= today).collect();
    crate::order::sort_by_key(&mut done, |i| crate::record::interaction_order(i));
    let gives = done.iter().filter(|i| i.purpose.is_give()).count();
    let asks = done.iter().filter(|i| i.purpose.is_ask()).count();
    let first_give = done.iter().position(|i| i.purpose.is_give());
    let first_ask = done.iter().position(|i| i.purpose.is_ask());
    let asked_before_giving = match (first_ask, first_give) {
        (Some(ask), Some(give)) => ask < give,
        (Some(_), None) => true,
        _ => false,
    };
    GiveFirst { gives, asks, asked_before_giving }
}

/// Everything the list, person page and Insights need about one person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonMetrics {
    pub strength: TieStrength,
    pub stage: Stage,
    pub give_first: GiveFirst,
    pub genuine: usize,
    pub last_genuine: Option<NaiveDate>,
}

pub fn person_metrics(interactions: &[Interaction], today: NaiveDate, settings: &MetricSettings) -> PersonMetrics {
    PersonMetrics {
        strength: tie_strength(interactions, today, settings),
        stage: stage(interactions, today, settings.relationship_threshold),
        give_first: give_first(interactions, today),
        genuine: interactions.iter().filter(|i| i.is_genuine() && i.date <= today).count(),
        last_genuine: interactions.iter().filter(|i| i.is_genuine() && i.date <= today).map(|i| i.date).max(),
    }
}

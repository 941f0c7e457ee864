//! Tie strength, 0–100, built from five explainable parts (Gilbert & Karahalios 2009;
//! Granovetter 1973): recency, frequency, duration, reciprocity and depth.
//! Each part is computed in tenths of a point, and the score is their sum, so the parts
//! shown on screen always add up to the score shown.

use crate::interaction::{Channel, Initiator, Interaction};
use crate::settings::MetricSettings;
use chrono::NaiveDate;

/// The most each part can contribute; they sum to 100.
pub const RECENCY_MAX: f64 = 30.0;
pub const FREQUENCY_MAX: f64 = 25.0;
pub const DURATION_MAX: f64 = 15.0;
pub const RECIPROCITY_MAX: f64 = 15.0;
pub const DEPTH_MAX: f64 = 15.0;
/// Genuine interactions in the last 12 months that earn the full frequency part.
pub const FREQUENCY_FULL: usize = 12;
/// Days since the first interaction that earn the full duration part (three years).
pub const DURATION_FULL_DAYS: i64 = 3 * 365;

/// How deep a channel is: in person > video > phone > email/message > comment.
pub fn channel_depth(channel: Channel) -> f64 {
    match channel {
        Channel::InPerson => 1.0,
        Channel::Video => 0.8,
        Channel::Phone | Channel::Event => 0.6,
        Channel::Email | Channel::LinkedinMessage => 0.4,
        Channel::Other => 0.3,
        Channel::Comment => 0.2,
    }
}

/// What went into a part, kept as numbers; [`Part::describe`] puts it in words only when shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PartInput {
    /// No genuine interaction yet.
    Nothing,
    Recency {
        days: i64,
        half_life: u16,
    },
    Frequency {
        last_year: usize,
    },
    Duration {
        days: i64,
    },
    Reciprocity {
        by_them: usize,
        genuine: usize,
        gives: usize,
        asks: usize,
    },
    Depth {
        mean: f64,
    },
}

/// One part of the score: what went in, its weight, and the points it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: &'static str,
    pub input: PartInput,
    /// The most this part can give.
    pub weight: f64,
    /// Points given, in tenths.
    pub tenths: u32,
}

/// A tie strength with its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct TieStrength {
    pub parts: Vec<Part>,
}

impl Part {
    /// This person's input in words: "last genuine contact 12 days ago; halves every 90 days".
    pub fn describe(&self) -> String {
        match self.input {
            PartInput::Nothing => "no genuine contact yet".into(),
            PartInput::Recency { days, half_life } => {
                format!(
                    "last genuine contact {} ago; halves every {half_life} days",
                    crate::text::count(usize::try_from(days).unwrap_or(0), "day", "days")
                )
            }
            PartInput::Frequency { last_year } => {
                format!(
                    "{} in the last 12 months; full at {FREQUENCY_FULL}",
                    crate::text::count(last_year, "genuine interaction", "genuine interactions")
                )
            }
            PartInput::Duration { days } => {
                format!("first genuine contact {days} days ago; full at 3 years")
            }
            PartInput::Reciprocity { by_them, genuine, gives, asks } => {
                format!("{by_them} of {genuine} started by them; {gives} gives, {asks} asks")
            }
            PartInput::Depth { mean } => format!("average channel depth {:.0}%", mean * 100.0),
        }
    }
}

impl TieStrength {
    /// The score in tenths of a point: the sum of the parts.
    pub fn tenths(&self) -> u32 {
        self.parts.iter().map(|p| p.tenths).sum()
    }
    /// The score, 0–100.
    pub fn score(&self) -> f64 {
        f64::from(self.tenths()) / 10.0
    }
}

fn tenths(points: f64, max: f64) -> u32 {
    let clamped = if points.is_finite() { points.clamp(0.0, max) } else { 0.0 };
    (clamped * 10.0).round() as u32
}

/// The strength of one tie as of `today`, from that person's interactions (any order).
/// Only genuine interactions on or before `today` count.
pub fn tie_strength(interactions: &[Interaction], today: NaiveDate, settings: &MetricSettings) -> TieStrength {
    let genuine: Vec<&Interaction> = interactions.iter().filter(|i| i.is_genuine() && i.date <= today).collect();
    let last = genuine.iter().map(|i| i.date).max();
    let first = genuine.iter().map(|i| i.date).min();

    let (recency, recency_input) = match last {
        Some(last) => {
            let days = (today - last).num_days().max(0) as f64;
            let half_life = f64::from(settings.half_life_days.max(1));
            (
                RECENCY_MAX * 0.5f64.powf(days / half_life),
                PartInput::Recency { days: days as i64, half_life: settings.half_life_days.max(1) },
            )
        }
        None => (0.0, PartInput::Nothing),
    };

    let year_ago = today - chrono::Duration::days(365);
    let recent = genuine.iter().filter(|i| i.date > year_ago).count();
    let frequency = FREQUENCY_MAX * (recent.min(FREQUENCY_FULL) as f64) / FREQUENCY_FULL as f64;

    let (duration, duration_input) = match first {
        Some(first) => {
            let days = (today - first).num_days().max(0);
            (
                DURATION_MAX * (days.min(DURATION_FULL_DAYS) as f64) / DURATION_FULL_DAYS as f64,
                PartInput::Duration { days },
            )
        }
        None => (0.0, PartInput::Nothing),
    };

    let by_them = genuine.iter().filter(|i| i.started_by == Initiator::Them).count();
    let gives = genuine.iter().filter(|i| i.purpose.is_give()).count();
    let asks = genuine.iter().filter(|i| i.purpose.is_ask()).count();
    let (reciprocity, reciprocity_input) = if genuine.is_empty() {
        (0.0, PartInput::Nothing)
    } else {
        // Half for who starts contact (full when they start at least half), half for giving
        // at least as much as asking (neutral when there are neither).
        let share_them = by_them as f64 / genuine.len() as f64;
        let started = (share_them / 0.5).min(1.0);
        let balance = if gives + asks == 0 { 0.5 } else { (2.0 * gives as f64 / (gives + asks) as f64).min(1.0) };
        (
            RECIPROCITY_MAX * (started + balance) / 2.0,
            PartInput::Reciprocity { by_them, genuine: genuine.len(), gives, asks },
        )
    };

    let (depth, depth_input) = if genuine.is_empty() {
        (0.0, PartInput::Nothing)
    } else {
        let mean = genuine.iter().map(|i| channel_depth(i.channel)).sum::<f64>() / genuine.len() as f64;
        (DEPTH_MAX * mean, PartInput::Depth { mean })
    };

    TieStrength {
        parts: vec![
            Part { name: "Recency", input: recency_input, weight: RECENCY_MAX, tenths: tenths(recency, RECENCY_MAX) },
            Part {
                name: "Frequency",
                input: PartInput::Frequency { last_year: recent },
                weight: FREQUENCY_MAX,
                tenths: tenths(frequency, FREQUENCY_MAX),
            },
            Part {
                name: "Duration",
                input: duration_input,
                weight: DURATION_MAX,
                tenths: tenths(duration, DURATION_MAX),
            },
            Part {
                name: "Reciprocity",
                input: reciprocity_input,
                weight: RECIPROCITY_MAX,
                tenths: tenths(reciprocity, RECIPROCITY_MAX),
            },
            Part { name: "Depth", input: depth_input, weight: DEPTH_MAX, tenths: tenths(depth, DEPTH_MAX) },
        ],
    }
}

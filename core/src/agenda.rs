//! What is due: the Today screen's agenda. In this issue: keep-in-touch people who are due.

use crate::id::Id;
use crate::network::Network;
use chrono::{Duration, NaiveDate};

/// One person to get back in touch with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeepInTouch {
    pub person: Id,
    pub name: String,
    pub cadence_days: u16,
    /// The last genuine interaction, if any.
    pub last: Option<NaiveDate>,
    pub due: NaiveDate,
    /// Days past due; negative when due later this week.
    pub overdue_days: i64,
}

/// How far ahead the agenda looks for things coming due.
pub const LOOKAHEAD_DAYS: i64 = 7;

/// People with a keep-in-touch cadence whose next touch is due by `today + 7 days`,
/// most overdue first. The next touch is due `cadence` days after the last genuine
/// interaction, or after the day they were added when there has been none.
pub fn keep_in_touch(network: &Network, today: NaiveDate) -> Vec<KeepInTouch> {
    let mut due: Vec<KeepInTouch> = network
        .live_people()
        .filter(|p| !p.archived)
        .filter_map(|p| {
            let cadence = p.cadence_days?;
            let last = network
                .interactions_of(&p.id)
                .iter()
                .filter(|i| i.is_genuine() && i.date <= today)
                .map(|i| i.date)
                .max();
            let since = last.unwrap_or_else(|| p.created.date_naive());
            let due = since.checked_add_signed(Duration::days(i64::from(cadence)))?;
            let overdue_days = (today - due).num_days();
            (overdue_days >= -LOOKAHEAD_DAYS).then(|| KeepInTouch {
                person: p.id,
                name: p.name.clone(),
                cadence_days: cadence,
                last,
                due,
                overdue_days,
            })
        })
        .collect();
    crate::order::sort_by(&mut due, |a, b| b.overdue_days.cmp(&a.overdue_days).then_with(|| a.name.cmp(&b.name)));
    due
}

/// "today", "yesterday", "3 days ago", "2 weeks ago", "5 months ago", "2 years ago",
/// or "in 4 days" for dates ahead.
pub fn ago(date: NaiveDate, today: NaiveDate) -> String {
    let days = (today - date).num_days();
    if days < 0 {
        return match -days {
            1 => "tomorrow".into(),
            n => format!("in {n} days"),
        };
    }
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        2..=13 => plural(days, "day"),
        14..=59 => plural(days / 7, "week"),
        60..=729 => plural(days / 30, "month"),
        _ => plural(days / 365, "year"),
    }
}

/// "due today", "3 days overdue", "due in 2 days".
pub fn overdue_text(overdue_days: i64) -> String {
    match overdue_days {
        0 => "due today".into(),
        1 => "1 day overdue".into(),
        n if n > 1 => format!("{n} days overdue"),
        -1 => "due tomorrow".into(),
        n => format!("due in {} days", -n),
    }
}

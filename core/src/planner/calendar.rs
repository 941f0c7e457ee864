//! Business days: the 3B7 routine counts them. Weekends and the user's holidays are skipped.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// True on Monday–Friday when the day is not a listed holiday.
pub fn is_business_day(day: NaiveDate, holidays: &[NaiveDate]) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&day)
}

/// The date `n` business days after `start` (not counting `start` itself).
pub fn business_days_after(start: NaiveDate, n: u32, holidays: &[NaiveDate]) -> NaiveDate {
    let mut day = start;
    let mut left = n;
    while left > 0 {
        day += Duration::days(1);
        if is_business_day(day, holidays) {
            left -= 1;
        }
    }
    day
}

/// Business days from `start` to `end`: the days after `start` up to and including `end`.
/// Zero when `end` is not after `start`.
pub fn business_days_between(start: NaiveDate, end: NaiveDate, holidays: &[NaiveDate]) -> u32 {
    let mut count = 0;
    let mut day = start;
    while day < end {
        day += Duration::days(1);
        if is_business_day(day, holidays) {
            count += 1;
        }
    }
    count
}

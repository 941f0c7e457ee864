//! The hybrid logical clock that stamps every change.
//!
//! A stamp is an instant with nanosecond digits, read as three parts:
//!
//! ```text
//! 2026-12-06T14:05:09.123 045 817Z
//!                     ^^^ milliseconds of the wall clock (or of the latest stamp seen)
//!                         ^^^ a counter, for changes within one millisecond
//!                             ^^^ the device (0–999, see `device`)
//! ```
//!
//! So stamps stay `DateTime<Utc>` (stored as RFC 3339 text, ordered as instants, readable by
//! every earlier version) while they also carry the two rules of a hybrid logical clock:
//! - **every stamp is later than every stamp this device has made or seen** ([`Hlc::observe`]
//!   takes in the stamps of another tab's or device's changes), so an edit made after seeing a
//!   change always wins over it, however wrong either device's wall clock is: a device whose
//!   clock runs a year fast wins only the conflicts that come before the others have seen its
//!   changes, never every conflict from then on;
//! - **two devices never make the same stamp** (the device digits differ), so a tie between
//!   two different versions is rare and is broken by a fingerprint of the content.
//!
//! The clock is pure: the caller passes the wall clock's milliseconds in.
use chrono::{DateTime, Utc};

const NANOS_PER_MILLI: i64 = 1_000_000;

/// One device's hybrid logical clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hlc {
    /// Milliseconds of the latest stamp made or seen.
    millis: i64,
    /// The counter within that millisecond (0–999).
    counter: u16,
    /// This device's digits (0–999).
    device: u16,
}

impl Hlc {
    pub fn new(device: u16) -> Hlc {
        Hlc { millis: i64::MIN / NANOS_PER_MILLI, counter: 0, device: device % 1000 }
    }

    pub fn device(&self) -> u16 {
        self.device
    }

    /// A new stamp, later than every stamp made or seen so far.
    pub fn now(&mut self, wall_millis: i64) -> DateTime<Utc> {
        if wall_millis > self.millis {
            self.millis = wall_millis;
            self.counter = 0;
        } else if self.counter >= 999 {
            self.millis += 1;
            self.counter = 0;
        } else {
            self.counter += 1;
        }
        self.stamp()
    }

    /// Takes in a stamp made elsewhere: the next [`Hlc::now`] comes after it.
    pub fn observe(&mut self, seen: DateTime<Utc>) {
        let nanos = seen.timestamp_subsec_nanos() as i64 % NANOS_PER_MILLI;
        let millis = seen.timestamp_millis();
        let counter = (nanos / 1000) as u16;
        if (millis, counter) > (self.millis, self.counter) {
            self.millis = millis;
            self.counter = counter;
        }
    }

    fn stamp(&self) -> DateTime<Utc> {
        let secs = self.millis.div_euclid(1000);
        let nanos =
            self.millis.rem_euclid(1000) * NANOS_PER_MILLI + i64::from(self.counter) * 1000 + i64::from(self.device);
        DateTime::from_timestamp(secs, nanos as u32).unwrap_or_default()
    }
}

/// The device digits of a stamp (0 for stamps made before devices had them).
pub fn device_of(stamp: DateTime<Utc>) -> u16 {
    (stamp.timestamp_subsec_nanos() % 1000) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis()
    }

    #[test]
    fn stamps_rise_even_when_the_wall_clock_stands_still_or_goes_back() {
        let mut c = Hlc::new(17);
        let t = wall("2026-12-06T10:00:00Z");
        let a = c.now(t);
        let b = c.now(t);
        let d = c.now(t - 60_000);
        assert!(a < b && b < d);
        assert_eq!(device_of(a), 17);
        assert_eq!(a.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true), "2026-12-06T10:00:00.000000017Z");
        assert_eq!(b.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true), "2026-12-06T10:00:00.000001017Z");
    }

    #[test]
    fn a_thousand_changes_in_one_millisecond_move_on_to_the_next() {
        let mut c = Hlc::new(3);
        let t = wall("2026-12-06T10:00:00Z");
        let stamps: Vec<_> = (0..1500).map(|_| c.now(t)).collect();
        assert!(stamps.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_device_with_a_fast_clock_wins_only_until_its_change_is_seen() {
        let mut fast = Hlc::new(1);
        let mut right = Hlc::new(2);
        let t = wall("2026-12-06T10:00:00Z");
        let year = 365 * 24 * 3600 * 1000;
        let theirs = fast.now(t + year);
        assert!(right.now(t) < theirs, "before seeing it, the fast clock's change is later");
        right.observe(theirs);
        assert!(right.now(t + 1) > theirs, "after seeing it, the next change here wins");
    }

    #[test]
    fn two_devices_never_make_the_same_stamp() {
        let t = wall("2026-12-06T10:00:00Z");
        assert_ne!(Hlc::new(1).now(t), Hlc::new(2).now(t));
        assert_eq!(Hlc::new(1001).device(), 1);
    }
}

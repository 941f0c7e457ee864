//! Prints the calendar of a fixed interview from the sample network, so that tools outside
//! Rust (the PyPI `icalendar` check in scripts/test) can parse Rapport's real output.
use chrono::{NaiveDate, TimeZone, Utc};
use rapport_core::ics::calendar;
use rapport_core::planner::export::upcoming_items;

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).single().unwrap_or_default();
    let mut network = rapport_core::Network::default();
    let mut n = 0u64;
    let mut next = || {
        n += 1;
        let mut bytes = [0u8; 9];
        bytes[..8].copy_from_slice(&n.to_be_bytes());
        rapport_core::Id::from_entropy(bytes)
    };
    if let Err(e) = rapport_core::sample::add_sample(&mut network, today, now, &mut next) {
        eprintln!("sample failed: {e}");
        std::process::exit(1);
    }
    print!("{}", calendar(&upcoming_items(&network, now), now));
}

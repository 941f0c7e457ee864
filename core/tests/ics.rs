//! The .ics writer: each RFC 5545 rule, then a parse by an independent parser (the `ical` crate).
mod common;
use chrono::{Duration, TimeZone, Utc};
use common::{day, now};
use rapport_core::ics::{calendar, escape_text, fold_line, CalendarItem};

fn sample() -> String {
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 15, 30, 0).unwrap();
    calendar(
        &[
            CalendarItem::Timed {
                uid: "abc-meeting@rapport.invalid".into(),
                start,
                end: start + Duration::minutes(30),
                summary: "Informational interview with Zoë Ngata, Ph.D.; 🌿".into(),
                description: "Questions:\n- [Trends] What trends are shaping your field right now? ".repeat(4),
                location: "Café Lisboa, Rua Augusta 1".into(),
                alarm_minutes: 30,
            },
            CalendarItem::AllDay {
                uid: "abc-thanks@rapport.invalid".into(),
                date: day("2026-12-02"),
                summary: "Thank Zoë".into(),
                description: String::new(),
            },
        ],
        now(),
    )
}

#[test]
fn escaping() {
    fn check(input: &str, expected: &str) {
        assert_eq!(escape_text(input), expected);
    }
    check("a,b;c\\d", "a\\,b\\;c\\\\d");
    check("line one\nline two\r\nthree", "line one\\nline two\\nthree");
    check("Zoë 🌿", "Zoë 🌿");
}

#[test]
fn folding_keeps_75_octets_and_utf8_boundaries() {
    fn check(line: &str) {
        let folded = fold_line(line);
        assert!(folded.ends_with("\r\n"));
        for (n, physical) in folded.trim_end_matches("\r\n").split("\r\n").enumerate() {
            assert!(physical.len() <= 75, "line {n} has {} octets", physical.len());
            if n > 0 {
                assert!(physical.starts_with(' '));
            }
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }
    check("SUMMARY:short");
    check(&format!("DESCRIPTION:{}", "x".repeat(200)));
    check(&format!("DESCRIPTION:{}", "é".repeat(100)));
    check(&format!("DESCRIPTION:{}", "🌿".repeat(60)));
    check(&format!("DESCRIPTION:a{}", "€".repeat(80)));
}

#[test]
fn every_line_ends_in_crlf_and_events_have_uid_dtstamp_and_utc_times() {
    let text = sample();
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "no bare LF");
    let unfolded = text.replace("\r\n ", "");
    assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 2);
    assert_eq!(unfolded.matches("\r\nUID:").count(), 2);
    assert_eq!(unfolded.matches("\r\nDTSTAMP:20261125T120000Z").count(), 2);
    assert!(unfolded.contains("\r\nDTSTART:20261201T153000Z\r\n"));
    assert!(unfolded.contains("\r\nDTEND:20261201T160000Z\r\n"));
    assert!(unfolded.contains("\r\nDTSTART;VALUE=DATE:20261202\r\n"));
    assert!(unfolded.contains("TRIGGER:-PT30M"));
    assert!(unfolded.contains("SUMMARY:Informational interview with Zoë Ngata\\, Ph.D.\\; 🌿"));
}

#[test]
fn an_independent_parser_reads_it_back() {
    let text = sample();
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    assert_eq!(cal.events.len(), 2);
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
    };
    let meeting = &cal.events[0];
    assert_eq!(prop(meeting, "UID"), "abc-meeting@rapport.invalid");
    assert_eq!(prop(meeting, "DTSTART"), "20261201T153000Z");
    assert!(prop(meeting, "DESCRIPTION").starts_with("Questions:\\n- [Trends] What trends"), "folded lines unfold");
    assert_eq!(meeting.alarms.len(), 1);
    assert_eq!(prop(&cal.events[1], "SUMMARY"), "Thank Zoë");
}

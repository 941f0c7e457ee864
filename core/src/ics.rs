//! iCalendar (RFC 5545) writer for meetings and reminders: UID and DTSTAMP on every event,
//! times in UTC (`…Z`), CRLF line ends, lines folded at 75 octets on a UTF-8 boundary, and
//! TEXT values escaped. Google Calendar, Apple Calendar and Outlook all accept this subset.

use chrono::{DateTime, NaiveDate, Utc};

/// One calendar entry.
#[derive(Debug, Clone, PartialEq)]
pub enum CalendarItem {
    /// A meeting at an instant.
    Timed {
        uid: String,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        summary: String,
        description: String,
        location: String,
        alarm_minutes: u32,
    },
    /// A reminder for a day, with an alarm at 9:00 that day.
    AllDay { uid: String, date: NaiveDate, summary: String, description: String },
}

/// Escapes a TEXT value: backslash, semicolon, comma and new lines.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Folds one content line: at most 75 octets per physical line, breaking only between
/// characters, each continuation starting with a space. Ends with CRLF.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The whole calendar file.
pub fn calendar(items: &[CalendarItem], stamp: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Rapport//Informational interviews//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    for item in items {
        lines.push("BEGIN:VEVENT".into());
        match item {
            CalendarItem::Timed { uid, start, end, summary, description, location, alarm_minutes } => {
                lines.push(format!("UID:{}", escape_text(uid)));
                lines.push(format!("DTSTAMP:{}", utc(stamp)));
                lines.push(format!("DTSTART:{}", utc(*start)));
                lines.push(format!("DTEND:{}", utc(*end)));
                lines.push(format!("SUMMARY:{}", escape_text(summary)));
                if !description.is_empty() {
                    lines.push(format!("DESCRIPTION:{}", escape_text(description)));
                }
                if !location.is_empty() {
                    lines.push(format!("LOCATION:{}", escape_text(location)));
                }
                lines.push("BEGIN:VALARM".into());
                lines.push("ACTION:DISPLAY".into());
                lines.push(format!("DESCRIPTION:{}", escape_text(summary)));
                lines.push(format!("TRIGGER:-PT{alarm_minutes}M"));
                lines.push("END:VALARM".into());
            }
            CalendarItem::AllDay { uid, date, summary, description } => {
                lines.push(format!("UID:{}", escape_text(uid)));
                lines.push(format!("DTSTAMP:{}", utc(stamp)));
                lines.push(format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")));
                lines.push(format!("DTEND;VALUE=DATE:{}", (*date + chrono::Duration::days(1)).format("%Y%m%d")));
                lines.push(format!("SUMMARY:{}", escape_text(summary)));
                if !description.is_empty() {
                    lines.push(format!("DESCRIPTION:{}", escape_text(description)));
                }
                lines.push("TRANSP:TRANSPARENT".into());
                lines.push("BEGIN:VALARM".into());
                lines.push("ACTION:DISPLAY".into());
                lines.push(format!("DESCRIPTION:{}", escape_text(summary)));
                lines.push("TRIGGER:PT9H".into());
                lines.push("END:VALARM".into());
            }
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

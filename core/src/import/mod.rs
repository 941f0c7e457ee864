//! Imports, behind one boundary: each parser turns a file's text into candidates (people
//! with the line they came from) and skipped rows with reasons; matching then sorts the
//! candidates into new people and matches. Nothing changes until the user confirms.
//!
//! Every import that lands is recorded as a [`batch::ImportBatch`], so it can be undone.

pub mod batch;
pub mod linkedin;
pub mod matching;
pub mod messages;
pub mod vcard;

use crate::person::{PersonFields, Source};
use crate::record::Kind;
use chrono::NaiveDate;

/// A person found in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The line the record starts on, for messages.
    pub line: usize,
    pub fields: PersonFields,
    pub source: Source,
    pub connected_on: Option<NaiveDate>,
    pub tags: Vec<String>,
}

/// A row that could not become a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

/// What a parser found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub candidates: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
}

/// What kind of file the user picked, judged from its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Connections,
    Messages,
    Vcard,
    Backup,
}

/// Tells the kinds apart from the name and the first few kilobytes.
pub fn sniff(name: &str, head: &[u8]) -> Result<FileKind, String> {
    if head.is_empty() {
        return Err("The file is empty.".into());
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let upper = text.to_ascii_uppercase();
    let lower = name.to_lowercase();
    if upper.starts_with("BEGIN:VCARD") || lower.ends_with(".vcf") || lower.ends_with(".vcard") {
        Ok(FileKind::Vcard)
    } else if text.starts_with('{') || lower.ends_with(".json") {
        Ok(FileKind::Backup)
    } else if upper.starts_with("CONVERSATION ID") || upper.starts_with("\"CONVERSATION ID") {
        Ok(FileKind::Messages)
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        Ok(FileKind::Connections)
    } else {
        Err(format!("Rapport can't read “{name}”: choose a LinkedIn Connections.csv or messages.csv, a .vcf, or a Rapport backup (.json)."))
    }
}

/// Windows-1252 (WHATWG's table): Latin-1, with typographic characters in 0x80–0x9F. Written
/// out rather than taken from encoding_rs, whose tables for every encoding would weigh on
/// the lazily loaded import module for one of them.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH.get(usize::from(b - 0x80)).copied().unwrap_or('\u{fffd}'),
            _ => char::from(b),
        })
        .collect()
}

/// Decodes a whole file's bytes as text. UTF-8 is expected (a byte-order mark is dropped);
/// UTF-16 with a byte-order mark is decoded too. Anything else is read as Windows-1252, the
/// encoding older programs (Excel on Windows) save CSV in, and a warning says so (it was read
/// with “�” for every accented letter). Binary data and empty files are refused.
pub fn decode_text(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("The file is empty.".into());
    }
    let utf16 = |little: bool, body: &[u8]| -> Result<String, String> {
        let units: Vec<u16> = body
            .chunks(2)
            .map(|c| match c {
                [a, b] if little => u16::from_le_bytes([*a, *b]),
                [a, b] => u16::from_be_bytes([*a, *b]),
                [a] => u16::from(*a),
                _ => 0,
            })
            .collect();
        String::from_utf16(&units).map_err(|_| "The file says it is UTF-16 but isn't valid UTF-16.".to_string())
    };
    if let Some(body) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(true, body).map(|t| (t, None));
    }
    if let Some(body) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(false, body).map(|t| (t, None));
    }
    if bytes.contains(&0) {
        return Err("This file holds binary data, not text. Choose the .csv, .vcf or .json file itself.".into());
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), None)),
        Err(_) => Ok((
            windows_1252(bytes),
            Some(
                "The file is not UTF-8, so it was read as Windows-1252 (Western European), as older programs save it. Check the names in the preview before you confirm."
                    .into(),
            ),
        )),
    }
}

use crate::id::Id;
use crate::network::{ChangeError, Network, Touched};
use crate::person::Person;
use chrono::{DateTime, Utc};
use matching::{MatchedBy, Matcher};

/// What an import would do, shown before anything changes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Preview {
    pub new: Vec<Candidate>,
    pub matches: Vec<(Candidate, Id, MatchedBy)>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
}

/// Leaves empty a "connected on" date after `today`, with a warning: a connection can't be
/// made in the future (a date in 2031 put that person first among the people to review, and
/// among the dormant ties: issue 19's hostile test).
pub fn clear_future_dates(parsed: &mut Parsed, today: NaiveDate) {
    for c in &mut parsed.candidates {
        if let Some(d) = c.connected_on.filter(|d| *d > today) {
            parsed.warnings.push(format!(
                "Line {}: {} is connected on {d}, a date still to come; left empty.",
                c.line, c.fields.name
            ));
            c.connected_on = None;
        }
    }
}

/// Drops control characters from what a file says (a bell character in a name was kept);
/// notes keep their line breaks and tabs.
fn without_controls(f: &mut PersonFields) {
    let clean = |s: &mut String, keep: &[char]| {
        if s.chars().any(|c| c.is_control() && !keep.contains(&c)) {
            *s = s.chars().filter(|c| !c.is_control() || keep.contains(c)).collect();
        }
    };
    for s in [
        &mut f.name,
        &mut f.company,
        &mut f.role,
        &mut f.department,
        &mut f.location,
        &mut f.email,
        &mut f.phone,
        &mut f.profile_url,
    ] {
        clean(s, &[]);
    }
    for s in f.affiliations.iter_mut().chain(f.tags.iter_mut()) {
        clean(s, &[]);
    }
    clean(&mut f.notes, &['\n', '\t']);
}

/// The longest email, phone or profile address an import takes.
pub const MAX_CONTACT: usize = 2_000;

/// Why a row's fields are longer than the person form takes, if they are: such a row is
/// skipped with this reason rather than stored (a 3-million-character company froze the
/// person page; issue 19's hostile test).
fn too_long(f: &PersonFields) -> Option<String> {
    use crate::input::{MAX_NAME, MAX_NOTES, MAX_SHORT};
    let fields: [(&str, &str, usize); 9] = [
        ("name", &f.name, MAX_NAME),
        ("company", &f.company, MAX_SHORT),
        ("role", &f.role, MAX_SHORT),
        ("department", &f.department, MAX_SHORT),
        ("location", &f.location, MAX_SHORT),
        ("email", &f.email, MAX_CONTACT),
        ("phone", &f.phone, MAX_CONTACT),
        ("profile address", &f.profile_url, MAX_CONTACT),
        ("notes", &f.notes, MAX_NOTES),
    ];
    let lists = f.affiliations.iter().map(|a| ("school or group", a.as_str(), MAX_SHORT));
    let tags = f.tags.iter().map(|t| ("tag", t.as_str(), 40));
    let (what, len, max) = fields
        .into_iter()
        .chain(lists)
        .chain(tags)
        .map(|(what, text, max)| (what, text.chars().count(), max))
        .find(|(_, len, max)| len > max)?;
    let who: String = f.name.chars().take(60).collect();
    let who = if who.chars().count() < f.name.chars().count() { format!("{who}…") } else { who };
    Some(format!(
        "{who}: the {what} is {} characters long; Rapport keeps at most {}. Shorten it in the file, or add this person by hand.",
        thousands(len),
        thousands(max)
    ))
}

/// 3000000 → "3,000,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Sorts parsed candidates into new people and matches with people already here. Two rows of
/// one file that match each other by URL or email count once: the later one is skipped.
pub fn preview(network: &Network, parsed: Parsed) -> Preview {
    let mut out = Preview { skipped: parsed.skipped, warnings: parsed.warnings, ..Preview::default() };
    let mut seen_urls = std::collections::BTreeSet::new();
    let mut seen_emails = std::collections::BTreeSet::new();
    // Each row's name, company and date → its profile URL and line.
    let mut seen_rows: std::collections::BTreeMap<(String, String, Option<NaiveDate>), (String, usize)> =
        std::collections::BTreeMap::new();
    let matcher = Matcher::new(network);
    for mut c in parsed.candidates {
        without_controls(&mut c.fields);
        if c.fields.name.trim().is_empty() {
            out.skipped.push(Skipped { line: c.line, reason: "No name (only control characters).".into() });
            continue;
        }
        if let Some(reason) = too_long(&c.fields) {
            out.skipped.push(Skipped { line: c.line, reason });
            continue;
        }
        let url = matching::normalise_profile_url(&c.fields.profile_url);
        let email = matching::normalise_email(&c.fields.email);
        // The same name at the same company, connected the same day, is a repeated row too
        // unless both rows have profile URLs and they differ (a row without its URL became
        // a second person: issue 19's hostile test).
        let row = (crate::text::fold(c.fields.name.trim()), crate::text::fold(c.fields.company.trim()), c.connected_on);
        let repeated_row = match seen_rows.get_mut(&row) {
            // The earlier row had no URL and this one has: the earlier gets it (it was lost).
            Some((earlier, line)) if earlier.is_empty() && !url.is_empty() && !seen_urls.contains(&url) => {
                let line = *line;
                let target =
                    out.new.iter_mut().chain(out.matches.iter_mut().map(|(c, _, _)| c)).find(|e| e.line == line);
                if let Some(target) = target {
                    target.fields.profile_url = c.fields.profile_url.clone();
                    *earlier = url.clone();
                    seen_urls.insert(url);
                    out.skipped.push(Skipped {
                        line: c.line,
                        reason: format!(
                            "{} appears earlier in the file (line {line}); this row's profile URL was added there.",
                            c.fields.name
                        ),
                    });
                    continue;
                }
                true
            }
            Some((earlier, _)) => url.is_empty() || earlier.is_empty() || *earlier == url,
            None => {
                seen_rows.insert(row, (url.clone(), c.line));
                false
            }
        };
        if repeated_row
            || (!url.is_empty() && !seen_urls.insert(url))
            || (!email.is_empty() && !seen_emails.insert(email))
        {
            out.skipped
                .push(Skipped { line: c.line, reason: format!("{} appears earlier in the file.", c.fields.name) });
            continue;
        }
        match matcher.find(&c) {
            Some((id, by)) => out.matches.push((c, id, by)),
            None => out.new.push(c),
        }
    }
    crate::order::sort_by_key(&mut out.skipped, |s| s.line);
    out
}

/// Applies a preview in one change: adds the new people and, when `update_matches`, fills
/// the matched people's empty fields from the file (nothing typed by hand is overwritten).
/// Imported people are connections: no interactions are invented. The import is recorded
/// as a batch named after `file`, which is returned.
pub fn apply(
    network: &mut Network,
    preview: &Preview,
    update_matches: bool,
    new_id: &mut dyn FnMut() -> Id,
    now: DateTime<Utc>,
    kind: batch::BatchKind,
    file: &str,
) -> Result<(Touched, batch::ImportBatch), ChangeError> {
    let mut next = network.clone();
    let mut touched = Touched::default();
    let mut record = batch::ImportBatch::new(new_id(), kind, file, now);
    record.skipped = preview.skipped.len();
    // Every id in use, gathered once: checking each new id against the whole network
    // (interactions included) made a 5,000-row import quadratic.
    let mut used = next.all_ids();
    used.insert(record.id);
    for c in &preview.new {
        let id = new_id();
        if !used.insert(id) {
            return Err(ChangeError::IdInUse);
        }
        let mut person = Person::new(id, c.fields.clone(), c.source, now);
        person.connected_on = c.connected_on;
        person.tags = c.tags.clone();
        record.added.push(id);
        next.people.put(crate::network::PersonSlot::Live(person));
        touched.insert(Kind::Person, id);
    }
    let mut before_ids = std::collections::BTreeSet::new();
    if update_matches {
        for (c, id, _) in &preview.matches {
            let Some(current) = next.person(id) else { continue };
            let mut f = current.fields();
            let fill = |mine: &mut String, theirs: &str| {
                if mine.trim().is_empty() && !theirs.trim().is_empty() {
                    *mine = theirs.trim().to_string();
                }
            };
            fill(&mut f.company, &c.fields.company);
            fill(&mut f.role, &c.fields.role);
            fill(&mut f.department, &c.fields.department);
            fill(&mut f.email, &c.fields.email);
            fill(&mut f.phone, &c.fields.phone);
            fill(&mut f.profile_url, &c.fields.profile_url);
            fill(&mut f.notes, &c.fields.notes);
            for tag in &c.tags {
                if !f.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                    f.tags.push(tag.clone());
                }
            }
            let first_time = !before_ids.contains(&current.id);
            if f != current.fields() || (current.connected_on.is_none() && c.connected_on.is_some()) {
                // Two rows of a file may match one person: the state before the import is the first.
                if first_time {
                    before_ids.insert(current.id);
                    record.before.push(current.clone());
                }
                touched = touched.and(next.update_person(id, f, now)?);
                next.people.edit(id, |p| {
                    p.connected_on = p.connected_on.or(c.connected_on);
                    p.updated = now;
                });
            }
        }
    }
    if record.added.is_empty() && record.before.is_empty() {
        return Err(ChangeError::NothingToImport);
    }
    touched = touched.and(batch::record(&mut next, record.clone()));
    *network = next;
    Ok((touched, record))
}

impl Preview {
    /// Whether confirming could add or change anyone: new people, or matches to fill in.
    pub fn has_anything_to_import(&self, update_matches: bool) -> bool {
        !self.new.is_empty() || (update_matches && !self.matches.is_empty())
    }
}

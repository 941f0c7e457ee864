//! LinkedIn's `messages.csv`: for people already in Rapport, each conversation's messages on
//! one day become one interaction (channel: LinkedIn message). The text of the messages is
//! kept only when the user asks for it.
//!
//! The file can be large, so it is read in slices: [`MessagesReader::feed`] takes any run of
//! bytes (a slice may end inside a row, a field or a UTF-8 character) and keeps only a
//! summary per conversation and day, never the whole file. The CSV itself is parsed with the
//! `csv-core` crate, the incremental engine beneath the `csv` crate.
//!
//! Columns, as third parties report them: `CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER
//! PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER`. A message's
//! sender is matched to a person by profile URL, then by name; when the sender is not a
//! person in Rapport but a recipient is, the message is one I sent to them.

use super::matching::normalise_profile_url;
use super::Skipped;
use crate::id::Id;
use crate::interaction::{Channel, Exchange, Initiator, Interaction, InteractionFields, Purpose};
use crate::network::{ChangeError, Network, Touched};
use crate::text::fold;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::collections::BTreeMap;

/// Notes longer than this are cut, with a mark, so one chatty day can't fill the store.
const MAX_NOTE_CHARS: usize = 4000;

const REQUIRED: &[&str] = &["CONVERSATION ID", "FROM", "TO", "DATE"];

/// One conversation on one day with one person.
#[derive(Debug, Clone, PartialEq)]
struct Day {
    title: String,
    first: NaiveDateTime,
    first_from_them: bool,
    from_them: usize,
    from_me: usize,
    /// The messages' text (when kept), with their times, sorted when the file is done.
    text: Vec<(NaiveDateTime, String)>,
    text_len: usize,
}

/// Reads `messages.csv` slice by slice.
pub struct MessagesReader {
    reader: csv_core::Reader,
    field: Vec<u8>,
    fields: Vec<Vec<u8>>,
    /// Bytes of a row not yet complete.
    columns: Option<BTreeMap<String, usize>>,
    keep_text: bool,
    by_url: BTreeMap<String, Id>,
    by_name: BTreeMap<String, Option<Id>>,
    names: BTreeMap<Id, String>,
    days: BTreeMap<(String, NaiveDate, Id), Day>,
    rows: usize,
    unmatched: usize,
    skipped: Vec<Skipped>,
    invalid_utf8: bool,
    started: bool,
    problem: Option<String>,
    /// New lines consumed so far, and the last byte consumed: a record's first line is
    /// worked out from them when it ends (see `end_field`).
    newlines: usize,
    last_byte: u8,
}

/// What reading the whole file found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MessagesPreview {
    /// New interactions to add, one per conversation, day and person.
    pub interactions: Vec<(Id, InteractionFields, Exchange)>,
    /// Conversation days already logged as LinkedIn messages (not added again).
    pub already: usize,
    /// Messages read.
    pub rows: usize,
    /// Messages with no one in Rapport among sender and recipients.
    pub unmatched: usize,
    /// People the interactions are with.
    pub people: usize,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
}

fn parse_date(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim().trim_end_matches(" UTC").trim_end_matches('Z').trim();
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M", "%m/%d/%Y, %I:%M %p"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, format) {
            return Some(d);
        }
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0))
}

impl MessagesReader {
    pub fn new(network: &Network, keep_text: bool) -> MessagesReader {
        let mut by_url = BTreeMap::new();
        let mut by_name: BTreeMap<String, Option<Id>> = BTreeMap::new();
        let mut names = BTreeMap::new();
        for p in network.live_people() {
            let url = normalise_profile_url(&p.profile_url);
            if !url.is_empty() {
                by_url.insert(url, p.id);
            }
            // Two people with one name can't be told apart by name: neither matches by name.
            by_name.entry(fold(p.name.trim())).and_modify(|e| *e = None).or_insert_with(|| Some(p.id));
            names.insert(p.id, p.name.clone());
        }
        MessagesReader {
            reader: csv_core::ReaderBuilder::new().build(),
            field: Vec::new(),
            fields: Vec::new(),
            columns: None,
            keep_text,
            by_url,
            by_name,
            names,
            days: BTreeMap::new(),
            rows: 0,
            unmatched: 0,
            skipped: Vec::new(),
            invalid_utf8: false,
            started: false,
            problem: None,
            newlines: 0,
            last_byte: 0,
        }
    }

    /// Feeds the next slice of the file. An `Err` means the file is not a messages export;
    /// stop reading then.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), String> {
        let mut input = bytes;
        if !self.started && !input.is_empty() {
            self.started = true;
            input = input.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(input);
        }
        self.run(input, false)
    }

    /// Ends the file and sorts what was read into interactions to add.
    pub fn finish(mut self, network: &Network) -> Result<MessagesPreview, String> {
        self.run(&[], true)?;
        if self.columns.is_none() {
            return Err("The file is empty.".into());
        }
        let mut preview = MessagesPreview {
            rows: self.rows,
            unmatched: self.unmatched,
            skipped: std::mem::take(&mut self.skipped),
            ..MessagesPreview::default()
        };
        if self.invalid_utf8 {
            preview
                .warnings
                .push("Parts of the file are not valid UTF-8; those characters were replaced with “�”.".into());
        }
        let mut people = std::collections::BTreeSet::new();
        // The days each person wrote in each conversation: a later one answers my message.
        let mut they_wrote: BTreeMap<(String, Id), Vec<NaiveDate>> = BTreeMap::new();
        for ((conversation, date, person), day) in &self.days {
            if day.from_them > 0 {
                they_wrote.entry((conversation.clone(), *person)).or_default().push(*date);
            }
        }
        for ((conversation, date, person), day) in std::mem::take(&mut self.days) {
            let logged = network
                .interactions_of(&person)
                .iter()
                .any(|i| i.date == date && i.channel == Channel::LinkedinMessage);
            if logged {
                preview.already += 1;
                continue;
            }
            let started_by = if day.first_from_them { Initiator::Them } else { Initiator::Me };
            // They wrote (alone or in reply): a genuine exchange, started by whoever wrote first.
            // Only I wrote: an outreach, replied when they wrote in the conversation later.
            let exchange = if day.from_them > 0 {
                Exchange::Regular
            } else {
                let replied =
                    they_wrote.get(&(conversation.clone(), person)).is_some_and(|days| days.iter().any(|d| *d > date));
                Exchange::Outreach { replied }
            };
            let mut notes = String::new();
            if self.keep_text && !day.text.is_empty() {
                let mut text = day.text;
                crate::order::sort_by_key(&mut text, |(at, _)| *at);
                notes = text.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n");
                if notes.chars().count() > MAX_NOTE_CHARS {
                    notes = notes.chars().take(MAX_NOTE_CHARS).collect::<String>() + "…";
                }
            }
            let total = day.from_them + day.from_me;
            let topic = if day.title.trim().is_empty() {
                format!("LinkedIn conversation ({total} message{})", if total == 1 { "" } else { "s" })
            } else {
                day.title.trim().chars().take(120).collect()
            };
            people.insert(person);
            preview.interactions.push((
                person,
                InteractionFields {
                    date,
                    channel: Channel::LinkedinMessage,
                    topic,
                    started_by,
                    purpose: Purpose::CatchUp,
                    notes,
                },
                exchange,
            ));
        }
        preview.people = people.len();
        Ok(preview)
    }

    fn run(&mut self, mut input: &[u8], end: bool) -> Result<(), String> {
        if let Some(p) = &self.problem {
            return Err(p.clone());
        }
        if input.contains(&0) {
            let message = "This file holds binary data, not text. Choose messages.csv itself.".to_string();
            self.problem = Some(message.clone());
            return Err(message);
        }
        let mut out = [0u8; 4096];
        loop {
            // An empty input tells the reader the file is over: pass one only at the end.
            if input.is_empty() && !end {
                return Ok(());
            }
            let (result, read, written) = self.reader.read_field(input, &mut out);
            let consumed = input.get(..read).unwrap_or(&[]);
            self.newlines += consumed.iter().filter(|b| **b == b'\n').count();
            if let Some(&b) = consumed.last() {
                self.last_byte = b;
            }
            input = input.get(read..).unwrap_or(&[]);
            self.field.extend_from_slice(out.get(..written).unwrap_or(&[]));
            match result {
                csv_core::ReadFieldResult::InputEmpty if end && input.is_empty() => return Ok(()),
                csv_core::ReadFieldResult::InputEmpty => {
                    if !end {
                        return Ok(());
                    }
                }
                csv_core::ReadFieldResult::OutputFull => {}
                csv_core::ReadFieldResult::Field { record_end } => self.end_field(record_end)?,
                csv_core::ReadFieldResult::End => return Ok(()),
            }
        }
    }

    fn end_field(&mut self, record_end: bool) -> Result<(), String> {
        self.fields.push(std::mem::take(&mut self.field));
        if record_end {
            let fields = std::mem::take(&mut self.fields);
            // The record began after every new line consumed so far, except those inside its
            // fields and, with LF line ends, the one that ended it.
            let inside: usize = fields.iter().map(|f| f.iter().filter(|b| **b == b'\n').count()).sum();
            let ending = usize::from(self.last_byte == b'\n');
            let line = (self.newlines + 1).saturating_sub(inside + ending);
            if let Err(e) = self.record(fields, line) {
                self.problem = Some(e.clone());
                return Err(e);
            }
        }
        Ok(())
    }

    fn text(&mut self, bytes: &[u8]) -> String {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                self.invalid_utf8 = true;
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    }

    fn record(&mut self, fields: Vec<Vec<u8>>, line: usize) -> Result<(), String> {
        let fields: Vec<String> = fields.iter().map(|f| self.text(f)).collect();
        let Some(columns) = &self.columns else {
            if fields.iter().all(|f| f.trim().is_empty()) {
                return Ok(());
            }
            let columns: BTreeMap<String, usize> =
                crate::order::btree_map(fields.iter().enumerate().map(|(n, f)| (f.trim().to_ascii_uppercase(), n)));
            let missing: Vec<&str> = REQUIRED.iter().copied().filter(|c| !columns.contains_key(*c)).collect();
            if !missing.is_empty() {
                return Err(format!(
                    "This isn't a LinkedIn messages export: the first row lacks the column{} {}.",
                    if missing.len() == 1 { "" } else { "s" },
                    missing.join(", ")
                ));
            }
            self.columns = Some(columns);
            return Ok(());
        };
        if fields.len() == 1 && fields.first().is_some_and(|f| f.trim().is_empty()) {
            return Ok(());
        }
        self.rows += 1;
        let get = |name: &str| columns.get(name).and_then(|n| fields.get(*n)).map(|s| s.trim()).unwrap_or("");
        let Some(when) = parse_date(get("DATE")) else {
            self.skipped.push(Skipped { line, reason: format!("“{}” is not a date.", get("DATE")) });
            return Ok(());
        };
        let conversation = get("CONVERSATION ID").to_string();
        let title = get("CONVERSATION TITLE").to_string();
        let sender = self.person(get("SENDER PROFILE URL"), get("FROM"));
        let (person, from_them) = match sender {
            Some(p) => (p, true),
            None => {
                let urls: Vec<&str> = get("RECIPIENT PROFILE URLS").split(',').collect();
                let names: Vec<&str> = get("TO").split(',').collect();
                let found = urls
                    .iter()
                    .enumerate()
                    .find_map(|(n, url)| self.person(url, names.get(n).copied().unwrap_or("")))
                    .or_else(|| names.iter().find_map(|name| self.person("", name)));
                match found {
                    Some(p) => (p, false),
                    None => {
                        self.unmatched += 1;
                        return Ok(());
                    }
                }
            }
        };
        let content = if self.keep_text { get("CONTENT").to_string() } else { String::new() };
        let from = get("FROM").to_string();
        let me = if from_them { self.names.get(&person).cloned().unwrap_or(from) } else { "Me".to_string() };
        let day = self.days.entry((conversation, when.date(), person)).or_insert_with(|| Day {
            title,
            first: when,
            first_from_them: from_them,
            from_them: 0,
            from_me: 0,
            text: Vec::new(),
            text_len: 0,
        });
        if when < day.first {
            day.first = when;
            day.first_from_them = from_them;
        }
        if from_them {
            day.from_them += 1;
        } else {
            day.from_me += 1;
        }
        if !content.is_empty() && day.text_len < MAX_NOTE_CHARS * 4 {
            let line = format!("{me} ({}): {content}", when.format("%H:%M"));
            day.text_len += line.len();
            day.text.push((when, line));
        }
        Ok(())
    }

    fn person(&self, url: &str, name: &str) -> Option<Id> {
        let url = normalise_profile_url(url);
        if !url.is_empty() {
            if let Some(id) = self.by_url.get(&url) {
                return Some(*id);
            }
        }
        let name = fold(name.trim());
        if name.is_empty() {
            return None;
        }
        self.by_name.get(&name).cloned().flatten()
    }
}

/// Reads a whole messages file at once (tests and benchmarks; the app feeds slices).
pub fn read_all(network: &Network, bytes: &[u8], keep_text: bool, slice: usize) -> Result<MessagesPreview, String> {
    let mut reader = MessagesReader::new(network, keep_text);
    for chunk in bytes.chunks(slice.max(1)) {
        reader.feed(chunk)?;
    }
    reader.finish(network)
}

/// Adds the previewed interactions in one change, recorded as a batch.
pub fn apply(
    network: &mut Network,
    preview: &MessagesPreview,
    new_id: &mut dyn FnMut() -> Id,
    now: DateTime<Utc>,
    file: &str,
) -> Result<(Touched, super::batch::ImportBatch), ChangeError> {
    if preview.interactions.is_empty() {
        return Err(ChangeError::NothingToImport);
    }
    let mut next = network.clone();
    let mut record = super::batch::ImportBatch::new(new_id(), super::batch::BatchKind::LinkedinMessages, file, now);
    record.skipped = preview.skipped.len();
    let mut touched = Touched::default();
    for (person, fields, exchange) in &preview.interactions {
        let mut interaction = Interaction::new(new_id(), *person, fields.clone(), now);
        interaction.exchange = *exchange;
        record.interactions.push((*person, interaction.id));
        touched = touched.and(next.insert_interaction(interaction)?);
    }
    touched = touched.and(super::batch::record(&mut next, record.clone()));
    *network = next;
    Ok((touched, record))
}

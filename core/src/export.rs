//! Exports of people: CSV for spreadsheets and vCard 3.0 for Apple and Google Contacts.
//! (The full JSON backup is [`crate::backup`].) Both take the people to export, so the
//! caller can pass everyone or a selection.

use crate::ics::{escape_text, fold_line};
use crate::insights::person::stage;
use crate::network::Network;
use crate::person::Person;
use chrono::NaiveDate;

/// Makes a cell safe to open in a spreadsheet: a value starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be read as a formula, so it is prefixed with `'`
/// (OWASP's advice for CSV injection). The value itself is otherwise unchanged.
pub fn guard_cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// The columns of the people CSV.
pub const CSV_COLUMNS: &[&str] = &[
    "Name",
    "Company",
    "Role",
    "Department",
    "Seniority",
    "Location",
    "Email",
    "Phone",
    "Profile URL",
    "Tags",
    "How we met",
    "Knows my work",
    "Keep in touch every (days)",
    "Stage",
    "Interactions",
    "Last interaction",
    "Connected on",
    "Source",
    "Notes",
];

/// People as CSV: a header row and one row per person, comma-separated, quoted where needed,
/// CRLF line ends, every cell guarded against formula injection. With `bom` the text starts
/// with a UTF-8 byte-order mark, which Excel needs to read non-ASCII names correctly.
pub fn people_csv(network: &Network, people: &[&Person], today: NaiveDate, bom: bool) -> String {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![CSV_COLUMNS.iter().map(|c| c.to_string()).collect()];
    for p in people {
        let interactions = network.interactions_of(&p.id);
        let last = interactions.iter().filter(|i| i.date <= today).map(|i| i.date).max();
        rows.push(vec![
            p.name.clone(),
            p.company.clone(),
            p.role.clone(),
            p.department.clone(),
            p.seniority.map(|s| s.label().to_string()).unwrap_or_default(),
            p.location.clone(),
            p.email.clone(),
            p.phone.clone(),
            p.profile_url.clone(),
            p.tags.join("; "),
            p.origin.map(|o| o.label().to_string()).unwrap_or_default(),
            if p.knows_my_work { "yes" } else { "no" }.to_string(),
            p.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            stage(interactions, today, network.settings.metrics.relationship_threshold).label().to_string(),
            interactions.len().to_string(),
            last.map(|d| d.to_string()).unwrap_or_default(),
            p.connected_on.map(|d| d.to_string()).unwrap_or_default(),
            p.source.label().to_string(),
            p.notes.clone(),
        ]);
    }
    for row in rows {
        // Writing to a Vec cannot fail; a failed row would only ever be left out.
        let _ = writer.write_record(row.iter().map(|c| guard_cell(c)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    if bom {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

/// Splits a display name into vCard's family name, given names, honorific prefixes and
/// suffixes. The last word is the family name, with the lowercase particles before it
/// ("Ana María Pérez" → "Pérez", "Ana María"; "Ana de la Cruz" → "de la Cruz", "Ana");
/// leading titles are prefixes ("Prof. Dr. Chidi Okafor" → "Prof. Dr."), and a suffix after a
/// comma or a known one at the end is the suffix ("Chidi Okafor, PhD", "John Smith Jr.").
fn split_name(name: &str) -> VcardName {
    const TITLES: [&str; 9] = ["dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "dame"];
    const SUFFIXES: [&str; 10] = ["jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "dds"];
    const PARTICLES: [&str; 16] =
        ["de", "la", "del", "della", "van", "von", "der", "den", "da", "di", "du", "le", "dos", "das", "bin", "ter"];
    let bare = |w: &str| w.trim_end_matches(['.', ',']).to_lowercase();
    let (main, mut suffixes) = match name.split_once(',') {
        Some((main, rest)) if !rest.trim().is_empty() => (main, vec![rest.trim().to_string()]),
        _ => (name, Vec::new()),
    };
    let mut words: Vec<&str> = main.split_whitespace().collect();
    let mut prefixes = Vec::new();
    while words.len() > 2 && words.first().is_some_and(|w| TITLES.contains(&bare(w).as_str())) {
        prefixes.push(words.remove(0));
    }
    while words.len() > 2 && words.last().is_some_and(|w| SUFFIXES.contains(&bare(w).as_str())) {
        if let Some(w) = words.pop() {
            suffixes.insert(0, w.to_string());
        }
    }
    let mut family_from = words.len().saturating_sub(1);
    while family_from > 1 && words.get(family_from - 1).is_some_and(|w| PARTICLES.contains(&w.as_ref())) {
        family_from -= 1;
    }
    let (given, family) = words.split_at(family_from.min(words.len()));
    let (given, family) = if family.is_empty() { (&[][..], given) } else { (given, family) };
    VcardName {
        family: family.join(" "),
        given: given.join(" "),
        prefix: prefixes.join(" "),
        suffix: suffixes.join(" "),
    }
}

/// The parts of vCard's N property.
struct VcardName {
    family: String,
    given: String,
    prefix: String,
    suffix: String,
}

/// People as vCard 3.0 (RFC 2426), the version Apple and Google Contacts export and import:
/// CRLF line ends, lines folded at 75 octets on character boundaries, TEXT escaped.
pub fn people_vcard(people: &[&Person]) -> String {
    let mut out = String::new();
    for p in people {
        let n = split_name(&p.name);
        let mut lines = vec![
            "BEGIN:VCARD".to_string(),
            "VERSION:3.0".to_string(),
            "PRODID:-//Rapport//Rapport//EN".to_string(),
            format!(
                "N:{};{};;{};{}",
                escape_text(&n.family),
                escape_text(&n.given),
                escape_text(&n.prefix),
                escape_text(&n.suffix)
            ),
            format!("FN:{}", escape_text(&p.name)),
        ];
        if !p.company.is_empty() || !p.department.is_empty() {
            let org = if p.department.is_empty() {
                escape_text(&p.company)
            } else {
                format!("{};{}", escape_text(&p.company), escape_text(&p.department))
            };
            lines.push(format!("ORG:{org}"));
        }
        if !p.role.is_empty() {
            lines.push(format!("TITLE:{}", escape_text(&p.role)));
        }
        if !p.email.is_empty() {
            lines.push(format!("EMAIL;TYPE=INTERNET:{}", escape_text(&p.email)));
        }
        if !p.phone.is_empty() {
            lines.push(format!("TEL;TYPE=VOICE:{}", escape_text(&p.phone)));
        }
        if !p.profile_url.is_empty() {
            // URL is a URI value, not TEXT: it is written as it is (RFC 2426 §3.6.8).
            lines.push(format!("URL:{}", p.profile_url.replace(['\r', '\n'], "")));
        }
        if !p.location.is_empty() {
            lines.push(format!("ADR;TYPE=WORK:;;;{};;;", escape_text(&p.location)));
        }
        if !p.tags.is_empty() {
            let tags: Vec<String> = p.tags.iter().map(|t| escape_text(t)).collect();
            lines.push(format!("CATEGORIES:{}", tags.join(",")));
        }
        if !p.notes.is_empty() {
            lines.push(format!("NOTE:{}", escape_text(&p.notes)));
        }
        lines.push(format!("REV:{}", p.updated.format("%Y-%m-%dT%H:%M:%SZ")));
        lines.push("END:VCARD".to_string());
        for line in lines {
            out.push_str(&fold_line(&line));
        }
    }
    out
}

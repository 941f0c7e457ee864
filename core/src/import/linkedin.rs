//! LinkedIn's `Connections.csv`: a preamble of notes (found wherever it ends), a byte-order
//! mark, CRLF line ends, quoted commas and doubled quotes, empty names and emails, dates like
//! `15 Mar 2024`, and older exports without a URL column. Parsed with the `csv` crate.

use super::{Candidate, Parsed, Skipped};
use crate::person::{PersonFields, Source};
use chrono::NaiveDate;

const HEADER_START: &str = "First Name,Last Name,";

/// Parses the export. Rows that can't become a person are skipped with their line and reason.
pub fn parse_connections(text: &str) -> Result<Parsed, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Find the header instead of skipping a fixed number of lines: the preamble has changed over the years.
    let mut offset = 0;
    let mut header_line = None;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_start_matches('\u{feff}').starts_with(HEADER_START) {
            header_line = Some(n + 1);
            break;
        }
        offset += line.len();
    }
    let Some(header_line) = header_line else {
        // Say what to do with the CSVs people most often pick instead (issue 19's hostile test).
        let first = text.lines().next().unwrap_or("").trim_start_matches('\u{feff}');
        if first.starts_with("Name,Company,Role,") {
            return Err("This is Rapport's own “People as CSV” export, which is for spreadsheets. To move your network to another browser, use “Download everything (JSON)” and import that file.".into());
        }
        if first.contains("Given Name") && first.contains("Family Name") {
            return Err("This looks like a Google Contacts CSV. Export from Google Contacts as vCard (.vcf) instead, and import that file.".into());
        }
        if first.contains("E-mail Address") && first.contains("First Name") {
            return Err("This looks like an Outlook contacts CSV. Export your contacts as vCard (.vcf) instead, and import that file.".into());
        }
        return Err("This isn't a LinkedIn connections export: no “First Name,Last Name,…” header was found.".into());
    };
    let body = text.get(offset..).unwrap_or("");
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(body.as_bytes());
    let headers = reader.headers().map_err(|e| format!("The header row can't be read ({e})."))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(first), Some(last)) = (column("First Name"), column("Last Name")) else {
        return Err("The export has no First Name and Last Name columns.".into());
    };
    let (url, email, company, position, connected) =
        (column("URL"), column("Email Address"), column("Company"), column("Position"), column("Connected On"));
    // Lines counted from byte offsets, whatever the line ends (the csv crate's own line count
    // differs between CRLF and LF files).
    // Records come in order, so the count of new lines carries on from the last record
    // (counting from the start each time made a 5,000-row file take a second).
    let mut counted = (0usize, 0usize);
    let mut line_of = |byte: u64| {
        // With CRLF the reader reports the record as starting on the `\n`, so count it too.
        let end = (byte as usize + 1).min(body.len());
        let (from, lines) = if end >= counted.0 { counted } else { (0, 0) };
        let more = body.get(from..end).unwrap_or("").bytes().filter(|b| *b == b'\n').count();
        counted = (end, lines + more);
        header_line + lines + more
    };
    let mut parsed = Parsed::default();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_of(p.byte())).unwrap_or(0);
                parsed.skipped.push(Skipped { line, reason: format!("The row can't be read ({e}).") });
                continue;
            }
        };
        let line = record.position().map(|p| line_of(p.byte())).unwrap_or(0);
        if record.iter().any(|f| f.contains(['\n', '\r'])) && record.len() != headers.len() {
            // How many lines it swallowed: they were not read as rows (a count was missing, so
            // 600 lost rows read as one skipped row).
            let swallowed: usize = record.iter().map(|f| f.trim_end_matches(['\n', '\r']).matches('\n').count()).sum();
            let lines = if swallowed == 1 { "1 line".to_string() } else { format!("{swallowed} lines") };
            parsed.skipped.push(Skipped {
                line,
                reason: format!(
                    "A quote opened in this row is never closed, so it runs into the {lines} after it, which were not imported either. Close the quote and import the file again."
                ),
            });
            continue;
        }
        if record.len() < headers.len() && record.len() <= first.max(last) {
            parsed.skipped.push(Skipped {
                line,
                reason: format!("The row has {} fields; the header has {}.", record.len(), headers.len()),
            });
            continue;
        }
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).map(|s| s.trim().to_string()).unwrap_or_default();
        let name = format!("{} {}", get(Some(first)), get(Some(last))).trim().to_string();
        if name.is_empty() {
            parsed.skipped.push(Skipped { line, reason: "No name (the member hides it).".into() });
            continue;
        }
        let connected_on = match get(connected).as_str() {
            "" => None,
            d => match NaiveDate::parse_from_str(d, "%d %b %Y") {
                Ok(d) => Some(d),
                Err(_) => {
                    parsed.warnings.push(format!("Line {line}: “{d}” is not a date like 15 Mar 2024; left empty."));
                    None
                }
            },
        };
        let fields = PersonFields {
            name,
            company: get(company),
            role: get(position),
            email: get(email),
            profile_url: get(url),
            // How we know each other is not in the file: left for the review to ask, not
            // guessed as "cold" (a connection accepted years ago may be a former colleague).
            origin: None,
            ..PersonFields::default()
        };
        parsed.candidates.push(Candidate {
            line,
            fields,
            source: Source::Imported,
            connected_on,
            tags: vec!["linkedin".into()],
        });
    }
    Ok(parsed)
}

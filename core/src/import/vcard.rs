//! vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) as Apple and Google Contacts export them:
//! folded lines, escapes, the N parts, FN, ORG with department, TITLE, EMAIL, TEL, URL,
//! NOTE, ADR (as the location), CATEGORIES as tags, Apple's grouped `itemN.` properties, many cards per file.
//! vCard 2.1 with QUOTED-PRINTABLE (UTF-8) is read too.

use super::{Candidate, Parsed, Skipped};
use crate::person::{PersonFields, Source};

/// Joins folded lines: a line starting with a space or tab continues the previous one.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (n, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        match (line.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some((_, last))) => last.push_str(rest),
            _ => lines.push((n + 1, line.to_string())),
        }
    }
    lines
}

/// Undoes TEXT escaping: `\\n`, `\\,`, `\\;`, `\\\\`.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a structured value on unescaped `;` (or `,`), then unescapes each part.
fn split_unescaped(value: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            if let Some(last) = parts.last_mut() {
                last.push('\\');
                last.push(c);
            }
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts.iter().map(|p| unescape(p).trim().to_string()).collect()
}

/// Decodes QUOTED-PRINTABLE bytes as UTF-8 (vCard 2.1).
fn quoted_printable(value: &str) -> Result<String, String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'=' => {
                let hex = value.get(i + 1..i + 3).ok_or("a broken =XX escape")?;
                let byte =
                    u8::from_str_radix(hex, 16).map_err(|_| format!("“={hex}” is not a quoted-printable escape"))?;
                out.push(byte);
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| "quoted-printable text that is not UTF-8".to_string())
}

/// Parses every card in a file.
pub fn parse_vcards(text: &str) -> Result<Parsed, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.to_ascii_uppercase().contains("BEGIN:VCARD") {
        return Err("This isn't a vCard file: no BEGIN:VCARD was found.".into());
    }
    let mut parsed = Parsed::default();
    let mut card: Option<(usize, Vec<(String, Vec<String>, String)>)> = None;
    for (line_no, line) in unfold(text) {
        if line.trim().is_empty() {
            continue;
        }
        let Some((head, value)) = line.split_once(':') else {
            continue;
        };
        let mut params = head.split(';');
        let name = params.next().unwrap_or("").to_ascii_uppercase();
        // Apple groups properties: item1.EMAIL → EMAIL.
        let name = name.rsplit('.').next().unwrap_or("").to_string();
        let params: Vec<String> = params.map(|p| p.to_ascii_uppercase()).collect();
        match name.as_str() {
            "BEGIN" if value.trim().eq_ignore_ascii_case("VCARD") => card = Some((line_no, Vec::new())),
            "END" if value.trim().eq_ignore_ascii_case("VCARD") => {
                if let Some((start, props)) = card.take() {
                    match card_to_candidate(start, &props) {
                        Ok(c) => parsed.candidates.push(c),
                        Err(reason) => parsed.skipped.push(Skipped { line: start, reason }),
                    }
                }
            }
            _ => {
                if let Some((_, props)) = card.as_mut() {
                    let value = if params.iter().any(|p| p == "ENCODING=QUOTED-PRINTABLE" || p == "QUOTED-PRINTABLE") {
                        match quoted_printable(value) {
                            Ok(v) => v,
                            Err(e) => {
                                parsed.skipped.push(Skipped {
                                    line: line_no,
                                    reason: format!("A {name} value can't be decoded: {e}."),
                                });
                                continue;
                            }
                        }
                    } else {
                        value.to_string()
                    };
                    props.push((name, params, value));
                }
            }
        }
    }
    if card.is_some() {
        parsed
            .skipped
            .push(Skipped { line: 0, reason: "The last card has no END:VCARD; the file may be cut short.".into() });
    }
    Ok(parsed)
}

fn card_to_candidate(line: usize, props: &[(String, Vec<String>, String)]) -> Result<Candidate, String> {
    let first = |name: &str| props.iter().find(|(n, _, _)| n == name).map(|(_, _, v)| v.as_str());
    let mut name = first("FN").map(unescape).unwrap_or_default().trim().to_string();
    if name.is_empty() {
        if let Some(n) = first("N") {
            let parts = split_unescaped(n, ';');
            let given = parts.get(1).cloned().unwrap_or_default();
            let family = parts.first().cloned().unwrap_or_default();
            name = format!("{given} {family}").trim().to_string();
        }
    }
    if name.is_empty() {
        return Err("A card without a name (FN or N).".into());
    }
    let (company, department) = match first("ORG") {
        Some(org) => {
            let parts = split_unescaped(org, ';');
            (parts.first().cloned().unwrap_or_default(), parts.get(1).cloned().unwrap_or_default())
        }
        None => (String::new(), String::new()),
    };
    let tags = first("CATEGORIES")
        .map(|c| split_unescaped(c, ','))
        .unwrap_or_default()
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    let fields = PersonFields {
        name,
        company,
        department,
        role: first("TITLE").map(unescape).unwrap_or_default(),
        email: first("EMAIL").map(|e| unescape(e).trim().to_string()).unwrap_or_default(),
        phone: first("TEL").map(|t| unescape(t).trim().trim_start_matches("tel:").to_string()).unwrap_or_default(),
        profile_url: first("URL").map(|u| unescape(u).trim().to_string()).unwrap_or_default(),
        notes: first("NOTE").map(unescape).unwrap_or_default(),
        location: first("ADR")
            .map(|a| split_unescaped(a, ';').into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", "))
            .unwrap_or_default(),
        ..PersonFields::default()
    };
    Ok(Candidate { line, fields, source: Source::Imported, connected_on: None, tags })
}

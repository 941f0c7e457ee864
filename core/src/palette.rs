//! The command palette (Ctrl/Cmd-K): people, screens and actions, fuzzy-matched as you type.
//! The index of people is built once per change to the network; each keystroke scores the
//! folded names (a few microseconds each) and keeps the best.
//!
//! "log ada" offers "Log interaction with Ada Okafor"; "thank", "draft", "write" and "plan"
//! (or "interview") work the same way; anything else matches people, screens and actions.

use crate::id::Id;
use crate::network::Network;
use crate::text::fold;

/// The screens the palette can open, by key (the app maps keys to its routes), with more
/// words each is found by ("backup" found nothing: issue 19's hostile test).
pub const SCREENS: &[(&str, &str, &str)] = &[
    ("today", "Today", "home agenda due"),
    ("network", "Network", "people contacts list sample"),
    ("review", "Who do you actually know? (review imported people)", "triage"),
    ("interviews", "Interviews", "planner lamp employers pipeline"),
    ("outreach", "Outreach", "messages drafts templates"),
    ("insights", "Insights", "metrics charts strength"),
    ("settings", "Settings", "profile lock passphrase sync pairing theme metrics sample delete"),
    ("import_export", "Import & export", "backup restore download csv vcard linkedin undo import"),
    ("duplicates", "Find duplicates", "merge"),
    ("glossary", "Glossary", "method terms help"),
    ("new_person", "Add a person", "new contact"),
];

/// What choosing a result does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Screen(&'static str),
    OpenPerson(Id),
    LogWith(Id),
    ThankYou(Id),
    WriteTo(Id),
    PlanInterview(Id),
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub command: Command,
    pub label: String,
    /// Higher is better.
    pub score: i32,
}

/// The people, with their folded names, built once per change to the network.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PaletteIndex {
    people: Vec<(Id, String, String)>,
}

impl PaletteIndex {
    pub fn build(network: &Network) -> PaletteIndex {
        let mut people: Vec<(Id, String, String)> =
            network.live_people().map(|p| (p.id, p.name.clone(), fold(&p.name))).collect();
        crate::order::sort_by(&mut people, |a, b| a.2.cmp(&b.2));
        PaletteIndex { people }
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
}

/// Actions on a person, by the word that starts the query.
const VERBS: &[(&str, fn(Id) -> Command, &str)] = &[
    ("log", Command::LogWith, "Log interaction with"),
    ("thank", Command::ThankYou, "Draft a thank-you to"),
    ("draft", Command::WriteTo, "Write a message to"),
    ("write", Command::WriteTo, "Write a message to"),
    ("message", Command::WriteTo, "Write a message to"),
    ("plan", Command::PlanInterview, "Plan an informational interview with"),
    ("interview", Command::PlanInterview, "Plan an informational interview with"),
];

/// A fuzzy score of `query` (folded) in `text` (folded): every character of the query in
/// order; more for runs, for word starts and for a match at the start; `None` when some
/// character is missing.
pub fn fuzzy(query: &str, text: &str) -> Option<i32> {
    if query.is_empty() {
        return Some(0);
    }
    let mut score = 0i32;
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    let mut last_match: Option<usize> = None;
    let mut first_match: Option<usize> = None;
    for q in query.chars().filter(|c| !c.is_whitespace()) {
        let mut found = false;
        while let Some((at, c)) = chars.next() {
            let word_start = previous.is_none_or(|p| !p.is_alphanumeric());
            previous = Some(c);
            if c == q {
                // The first letter typed starts a word: "settings" does not find a name
                // that merely holds those letters somewhere.
                if first_match.is_none() && !word_start {
                    continue;
                }
                score += 1;
                if word_start {
                    score += 8;
                }
                if last_match.is_some_and(|l| l + c.len_utf8() >= at && at > l) {
                    score += 5;
                }
                first_match.get_or_insert(at);
                last_match = Some(at);
                found = true;
                break;
            }
        }
        if !found {
            return None;
        }
    }
    if first_match == Some(0) {
        score += 10;
    }
    // Shorter texts first among equal matches.
    score -= i32::try_from(text.chars().count() / 8).unwrap_or(0);
    Some(score)
}

/// The best `limit` results for what was typed.
pub fn search(index: &PaletteIndex, typed: &str, limit: usize) -> Vec<Hit> {
    let query = fold(typed.trim());
    let mut hits: Vec<Hit> = Vec::new();
    // "log ada", "thank ada", "plan ada"…
    let (verb, rest) = query.split_once(' ').unwrap_or((query.as_str(), ""));
    let verbs: Vec<_> = VERBS.iter().filter(|(word, _, _)| !verb.is_empty() && word.starts_with(verb)).collect();
    if !verbs.is_empty() {
        let rest = rest.trim();
        for (id, name, folded) in &index.people {
            if let Some(score) = fuzzy(rest, folded) {
                for (_, command, label) in &verbs {
                    hits.push(Hit { command: command(*id), label: format!("{label} {name}"), score: score + 20 });
                }
            }
        }
    }
    if query.is_empty() {
        hits.extend(SCREENS.iter().map(|(key, label, _)| Hit {
            command: Command::Screen(key),
            label: (*label).into(),
            score: 0,
        }));
    } else {
        for (key, label, also) in SCREENS {
            // The label first: a match in the extra words scores as one at the end of it.
            if let Some(score) =
                fuzzy(&query, &fold(label)).or_else(|| fuzzy(&query, &fold(&format!("{label} {also}"))))
            {
                hits.push(Hit { command: Command::Screen(key), label: (*label).into(), score: score + 5 });
            }
        }
        for (id, name, folded) in &index.people {
            if let Some(score) = fuzzy(&query, folded) {
                hits.push(Hit { command: Command::OpenPerson(*id), label: name.clone(), score });
            }
        }
    }
    // Best first; equal scores in the index's order (screens, then names alphabetically).
    crate::order::sort_by(&mut hits, |a, b| b.score.cmp(&a.score));
    hits.truncate(limit);
    hits
}

//! Live checks on a draft, per template and channel (Dalton's 6-Point Email, LinkedIn's
//! limits, and give-first). Each gives pass, fail or not applicable, with one line of why.
//! They work on any language's text: the pronoun check simply doesn't apply without
//! English pronouns.

use super::fill::{placeholders, unfilled};
use super::templates::{MessageChannel, TemplateKind};
use crate::text::fold;

/// A LinkedIn connection note holds 200 characters on a free account, 300 on Premium.
pub const NOTE_LIMIT: usize = 200;
pub const NOTE_LIMIT_PREMIUM: usize = 300;
/// LinkedIn messages hold 8,000 characters.
pub const MESSAGE_LIMIT: usize = 8000;
/// The 6-Point Email: fewer than 75 words. Other emails: fewer than 100.
pub const INFO_REQUEST_WORDS: usize = 75;
pub const EMAIL_WORDS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub name: &'static str,
    pub status: Status,
    pub why: String,
    /// The rule it comes from, for the method page.
    pub method: &'static str,
}

/// What the checks look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft<'a> {
    pub kind: TemplateKind,
    pub channel: MessageChannel,
    pub subject: &'a str,
    pub body: &'a str,
    pub premium: bool,
    /// The recipient's first name, counted as "about them".
    pub their_name: &'a str,
    /// Words that state our connection: the introducer, shared groups, my organisation.
    pub connection_words: &'a [String],
}

/// Characters as the browser's `maxlength` counts them: UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Words: whitespace-separated tokens with at least one letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

fn words(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// The body without a salutation line ("Hi Ada,") at the top.
fn without_salutation(body: &str) -> &str {
    let trimmed = body.trim_start();
    match trimmed.split_once('\n') {
        Some((first, rest)) if first.trim_end().ends_with(',') && first.chars().count() < 60 => rest.trim_start(),
        _ => trimmed,
    }
}

/// The first sentence, up to the first `.`, `!` or `?` followed by a space or the end.
fn first_sentence(text: &str) -> &str {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|(_, next)| next.is_whitespace()) {
            return &text[..at + c.len_utf8()];
        }
    }
    text
}

const CONNECTION_PHRASES: &[&str] = &[
    "worked together",
    "work together",
    "work at",
    "worked at",
    "were both",
    "we both",
    "are both",
    "studied",
    "met ",
    "suggested i",
    "introduced",
    "referred me",
    "your talk",
    "your post",
    "alum",
    "fellow",
    "same team",
    "my manager",
    "on my team",
    "community",
    "part of",
    "classmate",
    "colleague",
    "we spoke",
    "we talked",
    "caught up",
    "since we",
];

const JOB_WORDS: &[&str] = &[
    "job",
    "jobs",
    "opening",
    "openings",
    "position",
    "positions",
    "referral",
    "referrals",
    "refer",
    "resume",
    "cv",
    "vacancy",
    "vacancies",
    "hiring",
];

const ASK_PHRASES: &[&str] = &[
    "could you",
    "can you",
    "would you be",
    "would you mind",
    "would you like to help",
    "please send",
    "please share",
    "refer me",
    "introduce me",
    "help me",
    "a favour",
    "a favor",
    "referral",
    "any openings",
    "are you hiring",
];

fn check(name: &'static str, method: &'static str, pass: bool, ok: String, fail: String) -> Check {
    Check { name, method, status: if pass { Status::Pass } else { Status::Fail }, why: if pass { ok } else { fail } }
}

fn not_applicable(name: &'static str, method: &'static str, why: &str) -> Check {
    Check { name, method, status: Status::NotApplicable, why: why.to_string() }
}

/// Every check for a draft.
pub fn run_checks(d: &Draft) -> Vec<Check> {
    let mut out = Vec::new();
    let text = format!("{}\n{}", d.subject, d.body);
    let mut missing: Vec<String> = unfilled(&text).iter().map(|f| format!("{{{f}}}")).collect();
    missing.extend(placeholders(&text));
    out.push(check(
        "Nothing left to fill in",
        "Merge fields that could not be filled, and bracketed placeholders such as [link], are highlighted; fill each in or remove it.",
        missing.is_empty(),
        "Every merge field and placeholder is filled in.".into(),
        format!("Fill in or remove: {}.", missing.join(", ")),
    ));

    let words_n = word_count(d.body);
    if d.channel == MessageChannel::Email {
        let limit = if d.kind == TemplateKind::InfoRequest { INFO_REQUEST_WORDS } else { EMAIL_WORDS };
        out.push(check(
            "Word count",
            "6-Point Email: fewer than 75 words (the first edition allowed 100).",
            words_n < limit,
            format!("{words_n} words, under {limit}."),
            format!("{words_n} words: cut to fewer than {limit}."),
        ));
        out.push(check(
            "Subject",
            "An email needs a subject.",
            !d.subject.trim().is_empty(),
            "Has a subject.".into(),
            "Add a subject.".into(),
        ));
    } else {
        out.push(not_applicable("Word count", "6-Point Email", "Only emails have a word limit."));
    }

    let chars = utf16_len(d.body);
    match d.channel {
        MessageChannel::ConnectionNote => {
            let limit = if d.premium { NOTE_LIMIT_PREMIUM } else { NOTE_LIMIT };
            out.push(check(
                "Character count",
                "LinkedIn connection notes hold 200 characters (300 with Premium).",
                chars <= limit,
                format!("{chars} of {limit} characters."),
                format!("{chars} characters: LinkedIn allows {limit}. Cut {}.", chars.saturating_sub(limit)),
            ));
        }
        MessageChannel::LinkedinMessage => out.push(check(
            "Character count",
            "LinkedIn messages hold 8,000 characters.",
            chars <= MESSAGE_LIMIT,
            format!("{chars} of {MESSAGE_LIMIT} characters."),
            format!("{chars} characters: LinkedIn allows {MESSAGE_LIMIT}."),
        )),
        MessageChannel::Email => {}
    }

    if d.kind.is_request() {
        let first = fold(first_sentence(without_salutation(d.body)));
        let stated = CONNECTION_PHRASES.iter().any(|p| first.contains(p))
            || d.connection_words.iter().any(|w| !w.trim().is_empty() && first.contains(&fold(w.trim())));
        out.push(check(
            "Connection first",
            "6-Point Email: state your connection first.",
            stated,
            "The first sentence says how you are connected.".into(),
            "Say how you are connected in the first sentence (worked together, a shared school, who suggested you write).".into(),
        ));
    }

    if d.kind.is_request() || matches!(d.kind, TemplateKind::Reconnect | TemplateKind::FollowUp) {
        let asks = d.body.split_inclusive(['.', '!', '?']).any(|s| s.trim_end().ends_with('?'));
        out.push(check(
            "Ends in a question",
            "6-Point Email: phrase the request as a question, ending in “?”.",
            asks,
            "The request is a question.".into(),
            "Phrase the request as a question that ends in “?”.".into(),
        ));
    }

    if matches!(d.kind, TemplateKind::InfoRequest | TemplateKind::ConnectionNote) {
        let found: Vec<String> = words(&text).into_iter().filter(|w| JOB_WORDS.contains(&w.as_str())).collect();
        out.push(check(
            "Advice, not a job",
            "6-Point Email: ask for insight and advice, never for a job or a referral.",
            found.is_empty(),
            "Asks for insight and advice only.".into(),
            format!("Remove job words: {}.", found.join(", ")),
        ));
    }

    if d.channel == MessageChannel::Email || d.kind.is_request() {
        let all = words(d.body);
        let name = fold(d.their_name.trim());
        let you = all.iter().filter(|w| matches!(w.as_str(), "you" | "your" | "yours" | "yourself")).count();
        let them = you + all.iter().filter(|w| !name.is_empty() && **w == name).count();
        let me = all.iter().filter(|w| matches!(w.as_str(), "i" | "me" | "my" | "mine" | "myself")).count();
        // Without English pronouns the check doesn't apply (their name alone says little).
        if you + me == 0 {
            out.push(not_applicable(
                "About them",
                "6-Point Email",
                "No English pronouns found, so this check doesn't apply.",
            ));
        } else {
            out.push(check(
                "About them",
                "6-Point Email: more than half of the words are about the contact, not about you.",
                them > me,
                format!("{them} words about them, {me} about you."),
                format!("{them} words about them, {me} about you: write more about them."),
            ));
        }
    }

    if d.kind.is_give() {
        let folded = fold(&text);
        let found: Vec<&str> = ASK_PHRASES.iter().copied().filter(|p| folded.contains(p)).collect();
        out.push(check(
            "No ask",
            "Give first: help, share and introduce before asking for anything.",
            found.is_empty(),
            "A pure give: nothing is asked.".into(),
            format!("A give-first message asks nothing; remove “{}”.", found.join("”, “")),
        ));
    }
    out
}

/// "Ready to send", or what is left.
pub fn summary(checks: &[Check]) -> Result<(), Vec<String>> {
    let left: Vec<String> = checks.iter().filter(|c| c.status == Status::Fail).map(|c| c.why.clone()).collect();
    if left.is_empty() {
        Ok(())
    } else {
        Err(left)
    }
}

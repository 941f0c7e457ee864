//! Filling merge fields from my network. Fields that can't be filled stay as `{field}` in the
//! text: the UI highlights them, and Copy and Send wait until each is filled in or removed.

use crate::id::Id;
use crate::network::Network;
use crate::person::Origin;

/// Every merge field, with what it means.
pub const FIELDS: &[(&str, &str)] = &[
    ("first_name", "their first name"),
    ("company", "their company"),
    ("role", "their role"),
    ("how_we_know", "how we know each other"),
    ("introducer", "who introduced us"),
    ("last_topic", "the topic of our last interaction"),
    ("advice", "their advice, from the interview debrief"),
    ("other_name", "the other person in an introduction"),
    ("my_name", "my name"),
    ("my_role", "my role"),
    ("target_narrow", "my target, narrowly"),
    ("target_broad", "my target, broadly"),
];

/// The values known for one person.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeValues(pub Vec<(&'static str, String)>);

impl MergeValues {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, v)| *f == field && !v.trim().is_empty()).map(|(_, v)| v.as_str())
    }
}

/// "We worked together at Cobalt" and the like: the shared history, as a sentence start.
fn how_we_know(network: &Network, person: &crate::person::Person) -> String {
    let company = &person.company;
    let org = &network.profile.organisation;
    match person.origin {
        Some(Origin::FormerColleague) => "We worked together".into(),
        Some(Origin::FormerManager) => "You were my manager, and I still use what I learned from you".into(),
        Some(Origin::FormerReport) => "We worked together when you were on my team".into(),
        Some(Origin::Classmate) => match person.affiliations.first() {
            Some(school) => format!("We were both at {school}"),
            None => "We studied together".into(),
        },
        Some(Origin::CurrentColleague) if !org.is_empty() => format!("We both work at {org}"),
        Some(Origin::CurrentColleague) => "We work at the same organisation".into(),
        Some(Origin::FriendFamily) => "It's been a while since we caught up".into(),
        Some(Origin::Event) => "We met at an event".into(),
        Some(Origin::Introduced) => match person.introduced_by.as_ref().and_then(|id| network.person(id)) {
            Some(by) => format!("{} suggested I reach out to you", by.name),
            None => String::new(),
        },
        Some(Origin::OnlineCommunity) => "We're in the same online community".into(),
        Some(Origin::Cold) | None => {
            let shared = person
                .affiliations
                .iter()
                .find(|a| network.profile.affiliations.iter().any(|m| m.eq_ignore_ascii_case(a)));
            match shared {
                Some(group) => format!("We're both part of {group}"),
                None if !company.is_empty() && company.eq_ignore_ascii_case(org) => format!("We both work at {org}"),
                None => String::new(),
            }
        }
    }
}

/// The topic of our last conversation as the user wrote it: never a topic Rapport logged
/// itself (a planner step, a message marked sent, an imported LinkedIn conversation), and
/// never an ask (a give-first message must not bring one up). The first letter is lowered
/// to run on in a sentence, unless the first word is an acronym ("CV review").
fn last_topic(network: &Network, person: &Id) -> String {
    let logged: Vec<Id> = network
        .interviews_with(person)
        .iter()
        .flat_map(|iv| {
            let l = &iv.logged;
            [l.outreach, l.follow_up, l.meeting, l.thanks, l.update]
        })
        .flatten()
        .collect();
    let by_rapport = |i: &crate::interaction::Interaction| {
        logged.contains(&i.id)
            || super::TemplateKind::ALL.iter().any(|k| k.label() == i.topic)
            || (i.channel == crate::interaction::Channel::LinkedinMessage
                && i.topic.starts_with("LinkedIn conversation ("))
    };
    let Some(topic) = network
        .timeline(person)
        .into_iter()
        .find(|i| !i.topic.trim().is_empty() && !i.purpose.is_ask() && !by_rapport(i))
        .map(|i| i.topic.trim().to_string())
    else {
        return String::new();
    };
    let first_word = topic.split_whitespace().next().unwrap_or("");
    let acronym = first_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && first_word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let mut chars = topic.chars();
    match chars.next() {
        Some(first) if !acronym => first.to_lowercase().chain(chars).collect(),
        _ => topic,
    }
}

/// The merge values for a person, from their record, our history, their debrief and my profile.
pub fn merge_values(network: &Network, person: &Id, other: Option<&Id>) -> MergeValues {
    let mut values = Vec::new();
    if let Some(p) = network.person(person) {
        values.push(("first_name", p.name.split_whitespace().next().unwrap_or("").to_string()));
        values.push(("company", p.company.clone()));
        values.push(("role", p.role.clone()));
        values.push(("how_we_know", how_we_know(network, p)));
        let introducer =
            p.introduced_by.as_ref().and_then(|id| network.person(id)).map(|by| by.name.clone()).unwrap_or_default();
        values.push(("introducer", introducer));
        let last_topic = last_topic(network, person);
        values.push(("last_topic", last_topic));
        let advice = network
            .interviews_with(person)
            .iter()
            .rev()
            .map(|iv| iv.debrief.key_advice.trim().to_string())
            .find(|a| !a.is_empty())
            .unwrap_or_default();
        values.push(("advice", advice));
    }
    let other_name = other.and_then(|o| network.person(o)).map(|p| p.name.clone()).unwrap_or_default();
    values.push(("other_name", other_name));
    let me = &network.profile;
    values.push(("my_name", me.name.clone()));
    values.push(("my_role", me.role.clone()));
    values.push(("target_narrow", me.target_narrow.clone()));
    values.push(("target_broad", me.target_broad.clone()));
    MergeValues(values)
}

/// Replaces every `{field}` that has a value. Unknown or empty fields stay as written.
pub fn fill(text: &str, values: &MergeValues) -> String {
    let mut out = text.to_string();
    for (field, _) in FIELDS {
        if let Some(value) = values.get(field) {
            out = out.replace(&format!("{{{field}}}"), value);
        }
    }
    out
}

/// Placeholders the user is meant to replace, in order of appearance: `[link]`, `<link>`,
/// `{anything}` that is not a merge field Rapport fills (`{{calendar}}`), and the words
/// TODO, TBD and XXX. A bracket holds 1–40 characters and no line break.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for (open, close) in [('[', ']'), ('<', '>'), ('{', '}')] {
        let mut from = 0;
        while let Some(rel) = text.get(from..).and_then(|t| t.find(open)) {
            let start = from + rel;
            let after = text.get(start + 1..).unwrap_or("");
            from = start + 1;
            let Some(end) = after.find([close, open, '\n']) else { break };
            let (inside, tail) = after.split_at(end);
            let known_field = open == '{' && FIELDS.iter().any(|(f, _)| *f == inside);
            if tail.starts_with(close) && (1..=40).contains(&inside.chars().count()) && !known_field {
                // `{{calendar}}` is one placeholder, reported whole.
                let whole = if open == '{' && text.get(..start).is_some_and(|b| b.ends_with('{')) {
                    format!("{{{{{inside}}}}}")
                } else {
                    format!("{open}{inside}{close}")
                };
                found.push((start, whole));
                from = start + 1 + end + 1;
            }
        }
    }
    for word in ["TODO", "TBD", "XXX"] {
        for (at, _) in text.match_indices(word) {
            let before = text.get(..at).and_then(|b| b.chars().last());
            let after = text.get(at + word.len()..).and_then(|a| a.chars().next());
            if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
                found.push((at, word.to_string()));
            }
        }
    }
    crate::order::sort(&mut found);
    found.dedup_by(|a, b| a.1 == b.1 && a.0 <= b.0 + b.1.len());
    found.into_iter().map(|(_, p)| p).collect()
}

/// The merge fields still in a text, in order of first appearance.
pub fn unfilled(text: &str) -> Vec<&'static str> {
    let mut found: Vec<(usize, &'static str)> =
        FIELDS.iter().filter_map(|(f, _)| text.find(&format!("{{{f}}}")).map(|at| (at, *f))).collect();
    crate::order::sort(&mut found);
    found.into_iter().map(|(_, f)| f).collect()
}

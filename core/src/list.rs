//! The network list: search as you type, filters, and sorting.

use crate::agenda::ago;
use crate::id::Id;
use crate::insights::{person_metrics, Stage};
use crate::interaction::Channel;
use crate::network::Network;
use crate::person::{Origin, Person, Source};
use crate::text::{fold, matches_all_words};
use chrono::NaiveDate;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Name,
    /// Most recent interaction first; people never contacted last.
    LastInteraction,
    /// Strongest tie first.
    Strength,
}

/// What the list shows. Empty fields mean "any".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListQuery {
    /// Words to find in name, company, role, tags and the notes of the person and their interactions.
    pub text: String,
    pub tag: Option<String>,
    pub origin: Option<Origin>,
    pub company: Option<String>,
    pub source: Option<Source>,
    pub stage: Option<Stage>,
    /// Only relationships and acquaintances: connections are one filter away.
    pub known_only: bool,
    /// Show archived people instead of the others.
    pub archived: bool,
    pub sort: SortBy,
}

/// The last interaction, as a list row shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LastSeen {
    pub date: NaiveDate,
    pub channel: Channel,
    pub topic: String,
    pub ago: String,
}

/// One row of the network list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListRow {
    pub id: Id,
    pub name: String,
    pub headline: String,
    pub origin: Option<Origin>,
    pub source: Source,
    pub tags: Vec<String>,
    pub last: Option<LastSeen>,
    pub stage: Stage,
    /// Tie strength in tenths of a point (0–1000).
    pub strength_tenths: u32,
}

/// The rows matching `query`, sorted.
pub fn network_list(network: &Network, query: &ListQuery, today: NaiveDate) -> Vec<ListRow> {
    let words = fold(query.text.trim());
    let mut rows: Vec<ListRow> = network
        .live_people()
        .filter(|p| p.archived == query.archived)
        .filter(|p| query.origin.is_none_or(|o| p.origin == Some(o)))
        .filter(|p| query.source.is_none_or(|s| p.source == s))
        .filter(|p| query.company.as_ref().is_none_or(|c| p.company.eq_ignore_ascii_case(c)))
        .filter(|p| query.tag.as_ref().is_none_or(|t| p.tags.iter().any(|pt| pt.eq_ignore_ascii_case(t))))
        .filter(|p| words.is_empty() || matches_all_words(&haystack(network, p), &words))
        .filter_map(|p| {
            let metrics = person_metrics(network.interactions_of(&p.id), today, &network.settings);
            if query.stage.is_some_and(|s| s != metrics.stage)
                || (query.known_only && metrics.stage == Stage::Connection)
            {
                return None;
            }
            let last = network.last_interaction(&p.id).map(|i| LastSeen {
                date: i.date,
                channel: i.channel,
                topic: i.topic.clone(),
                ago: ago(i.date, today),
            });
            Some(ListRow {
                id: p.id.clone(),
                name: p.name.clone(),
                headline: p.headline(),
                origin: p.origin,
                source: p.source,
                tags: p.tags.clone(),
                last,
                stage: metrics.stage,
                strength_tenths: metrics.strength.tenths(),
            })
        })
        .collect();
    match query.sort {
        SortBy::Name => rows.sort_by_cached_key(|r| (fold(&r.name), r.id.clone())),
        SortBy::LastInteraction => rows.sort_by(|a, b| {
            let a_date = a.last.as_ref().map(|l| l.date);
            let b_date = b.last.as_ref().map(|l| l.date);
            b_date.cmp(&a_date).then_with(|| fold(&a.name).cmp(&fold(&b.name)))
        }),
        SortBy::Strength => rows
            .sort_by(|a, b| b.strength_tenths.cmp(&a.strength_tenths).then_with(|| fold(&a.name).cmp(&fold(&b.name)))),
    }
    rows
}

fn haystack(network: &Network, p: &Person) -> String {
    let mut text = format!("{} {} {} {} {}", p.name, p.company, p.role, p.tags.join(" "), p.notes);
    for i in network.interactions_of(&p.id) {
        text.push(' ');
        text.push_str(&i.topic);
        text.push(' ');
        text.push_str(&i.notes);
    }
    fold(&text)
}

/// The values the list's filters offer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facets {
    pub tags: Vec<String>,
    pub companies: Vec<String>,
}

pub fn facets(network: &Network) -> Facets {
    let mut tags = BTreeSet::new();
    let mut companies = BTreeSet::new();
    for p in network.live_people() {
        tags.extend(p.tags.iter().cloned());
        if !p.company.is_empty() {
            companies.insert(p.company.clone());
        }
    }
    Facets { tags: tags.into_iter().collect(), companies: companies.into_iter().collect() }
}

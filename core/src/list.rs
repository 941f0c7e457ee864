//! The network list: search as you type, filters, and sorting.

use crate::agenda::ago;
use crate::id::Id;
use crate::insights::{person_metrics, PersonMetrics, Stage};
use crate::interaction::Channel;
use crate::network::Network;
use crate::person::{Origin, Person, Source};
use crate::text::{fold, fold_into, WordMatcher};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

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
    /// Only the people I know (relationships, acquaintances, kept in a review): connections
    /// are one filter away.
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

/// Kept in the review after an import: someone I said I know, even before any interaction.
fn kept(p: &Person) -> bool {
    matches!(p.reviewed, Some(crate::person::Reviewed { choice: crate::person::ReviewChoice::Kept, .. }))
}

/// Whether anyone not archived is more than a connection (an acquaintance or a
/// relationship): the list's "relationships and acquaintances" view would not be empty.
pub fn anyone_known(network: &Network, today: NaiveDate) -> bool {
    let threshold = network.settings.metrics.relationship_threshold;
    network.live_people().filter(|p| !p.archived).any(|p| {
        kept(p) || crate::insights::stage(network.interactions_of(&p.id), today, threshold) != Stage::Connection
    })
}

/// The rows matching `query`, sorted. (Builds an index each time; views keep a
/// [`ListIndex`] and query it on every keystroke instead.)
pub fn network_list(network: &Network, query: &ListQuery, today: NaiveDate) -> Vec<ListRow> {
    let index = ListIndex::build(network, today);
    let text = SearchText::build(network, &index);
    index.query(query, None, Some(&text)).into_iter().filter_map(|i| index.row(i).cloned()).collect()
}

/// One person as the list needs them: the row, and what search and the filters compare.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    row: ListRow,
    name_key: String,
    archived: bool,
    /// More than a connection, or kept in the review: shown by "People you know".
    known: bool,
    company: String,
    tags: Vec<String>,
}

/// The network list, computed once per change to the network: rows with their metrics, in
/// name order. A keystroke then only filters and sorts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListIndex {
    entries: Vec<Entry>,
}

impl ListIndex {
    pub fn build(network: &Network, today: NaiveDate) -> ListIndex {
        ListIndex::build_with(network, &crate::insights::all_metrics(network, today), today)
    }

    /// Like [`build`](Self::build), with every living person's metrics as of `today`
    /// computed already (the app shares them between the list, Today and Insights). Anyone
    /// missing from `metrics` has theirs computed here.
    pub fn build_with(network: &Network, metrics: &BTreeMap<Id, PersonMetrics>, today: NaiveDate) -> ListIndex {
        let mut entries: Vec<Entry> = network
            .live_people()
            .map(|p| {
                let computed;
                let metrics = match metrics.get(&p.id) {
                    Some(m) => m,
                    None => {
                        computed = person_metrics(network.interactions_of(&p.id), today, &network.settings.metrics);
                        &computed
                    }
                };
                // The last one that happened; one still to come only when none has (it showed
                // "in 84 days" as the last interaction while the metrics, rightly, left it out).
                let last = network
                    .interactions_of(&p.id)
                    .iter()
                    .max_by_key(|i| (i.date <= today, crate::record::interaction_order(i)))
                    .map(|i| LastSeen {
                        date: i.date,
                        channel: i.channel,
                        topic: i.topic.clone(),
                        ago: ago(i.date, today),
                    });
                Entry {
                    row: ListRow {
                        id: p.id,
                        name: p.name.clone(),
                        headline: p.headline(),
                        origin: p.origin,
                        source: p.source,
                        tags: p.tags.clone(),
                        last,
                        stage: metrics.stage,
                        strength_tenths: metrics.strength.tenths(),
                    },
                    name_key: fold(&p.name),
                    archived: p.archived,
                    known: metrics.stage != Stage::Connection || kept(p),
                    company: p.company.to_lowercase(),
                    tags: p.tags.iter().map(|t| t.to_lowercase()).collect(),
                }
            })
            .collect();
        crate::order::sort_by(&mut entries, |a, b| a.name_key.cmp(&b.name_key).then_with(|| a.row.id.cmp(&b.row.id)));
        ListIndex { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The row at a position [`query`](Self::query) returned.
    pub fn row(&self, position: usize) -> Option<&ListRow> {
        self.entries.get(position).map(|e| &e.row)
    }

    /// Positions of the rows matching `query`, sorted. With `within`, only those positions
    /// are considered: a search that only adds to the previous text narrows the last result
    /// instead of scanning everyone again.
    ///
    /// Words in the query's text are looked for in `text`, the folded search text of these
    /// rows; without it (not built yet), only in names.
    pub fn query(&self, query: &ListQuery, within: Option<&[usize]>, text: Option<&SearchText>) -> Vec<usize> {
        let matcher = WordMatcher::new(&fold(query.text.trim()));
        let company = query.company.as_ref().map(|c| c.to_lowercase());
        let tag = query.tag.as_ref().map(|t| t.to_lowercase());
        let keep = |i: usize, e: &Entry| {
            e.archived == query.archived
                && query.origin.is_none_or(|o| e.row.origin == Some(o))
                && query.source.is_none_or(|s| e.row.source == s)
                && company.as_ref().is_none_or(|c| e.company == *c)
                && tag.as_ref().is_none_or(|t| e.tags.iter().any(|pt| pt == t))
                && query.stage.is_none_or(|s| s == e.row.stage)
                && (!query.known_only || e.known)
                && (matcher.is_empty() || {
                    let haystack = text.and_then(|t| t.haystacks.get(i)).unwrap_or(&e.name_key);
                    matcher.matches(haystack)
                })
        };
        let keep_at = |&i: &usize| self.entries.get(i).is_some_and(|e| keep(i, e));
        let mut found: Vec<usize> = match within {
            Some(positions) => positions.iter().copied().filter(keep_at).collect(),
            None => (0..self.entries.len()).filter(keep_at).collect(),
        };
        let entry = |i: &usize| self.entries.get(*i);
        match query.sort {
            // The index is in name order already.
            // Positions come in index order unless narrowed from another sort's result.
            SortBy::Name if found.is_sorted() => {}
            SortBy::Name => crate::order::sort(&mut found),
            SortBy::LastInteraction => crate::order::sort_by_key(&mut found, |i| {
                (std::cmp::Reverse(entry(i).and_then(|e| e.row.last.as_ref().map(|l| l.date))), *i)
            }),
            SortBy::Strength => crate::order::sort_by_key(&mut found, |i| {
                (std::cmp::Reverse(entry(i).map_or(0, |e| e.row.strength_tenths)), *i)
            }),
        }
        found
    }
}

/// Whether a search for `now` can narrow the result of a search for `before` (same filters,
/// and the text only grew word by word or letter by letter).
pub fn narrows(before: &ListQuery, now: &ListQuery) -> bool {
    let text_grew = {
        let (b, n) = (fold(before.text.trim()), fold(now.text.trim()));
        let (bw, nw): (Vec<&str>, Vec<&str>) = (b.split_whitespace().collect(), n.split_whitespace().collect());
        !bw.is_empty()
            && bw.len() <= nw.len()
            && bw.iter().enumerate().all(|(i, w)| nw.get(i).is_some_and(|n| n.contains(w)))
    };
    text_grew && ListQuery { text: String::new(), ..before.clone() } == ListQuery { text: String::new(), ..now.clone() }
}

/// The folded search text of each row of a [`ListIndex`], by position: name, company, role,
/// tags and notes of the person and of their interactions. Built apart from the index, after
/// the list has painted: folding every note of a large network takes longer than the rest.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchText {
    haystacks: Vec<String>,
}

impl SearchText {
    pub fn build(network: &Network, index: &ListIndex) -> SearchText {
        let haystacks = index
            .entries
            .iter()
            .map(|e| network.person(&e.row.id).map(|p| haystack(network, p)).unwrap_or_default())
            .collect();
        SearchText { haystacks }
    }
}

fn haystack(network: &Network, p: &Person) -> String {
    let mut text = String::new();
    let fields = [p.name.as_str(), &p.company, &p.role].into_iter().chain(p.tags.iter().map(String::as_str));
    for part in fields.chain([p.notes.as_str()]) {
        fold_into(&mut text, part);
        text.push(' ');
    }
    for i in network.interactions_of(&p.id) {
        fold_into(&mut text, &i.topic);
        text.push(' ');
        fold_into(&mut text, &i.notes);
        text.push(' ');
    }
    text
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

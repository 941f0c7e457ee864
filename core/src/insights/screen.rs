//! The Insights screen's data, computed in one pass over the network.

use super::person::{person_metrics, relationship_since, PersonMetrics, Stage};
use super::strength::tie_strength;
use crate::agenda::keep_in_touch;
use crate::company::Companies;
use crate::id::Id;
use crate::interaction::{Interaction, Purpose};
use crate::network::Network;
use crate::person::{Origin, Person, Seniority};
use crate::phrase::Phrase;
use crate::text::fold;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::{BTreeMap, HashMap};

/// Expected sizes of Dunbar's layers, innermost first.
pub const DUNBAR_SIZES: [usize; 4] = [5, 15, 50, 150];
/// How far back the "only when I need something" pattern looks at asks.
pub const ASK_WINDOW_DAYS: i64 = 90;
/// Most suggested actions shown at once.
pub const MAX_SUGGESTIONS: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub relationships: usize,
    pub goal: u16,
    pub connections: usize,
    /// Relationships as a share of everyone, in percent.
    pub quality_percent: u32,
    /// Relationships who know my work.
    pub knows_my_work: usize,
    /// Relationship count at the end of each of the last 12 months, oldest first.
    pub trend: Vec<(NaiveDate, usize)>,
    /// What would make the next relationship, in words ("Log 2 more genuine interactions
    /// with Ada Okafor…"), while the goal is not met and someone is on the way.
    pub next: Option<(Id, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OriginRow {
    pub origin: Option<Origin>,
    pub people: usize,
    pub relationships: usize,
    /// Mean tie strength, 0–100.
    pub mean_strength: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Warmth {
    pub by_origin: Vec<OriginRow>,
    pub warm: usize,
    pub cold: usize,
    /// People in strength bands 0–19, 20–39, 40–59, 60–79, 80–100.
    pub bands: [usize; 5],
}

#[derive(Debug, Clone, PartialEq)]
pub struct GiveSummary {
    pub gives: usize,
    pub asks: usize,
    pub asked_before_giving: Vec<(Id, String)>,
    /// Asks in the last 90 days, and those to people with nothing in the year before.
    pub recent_asks: usize,
    pub cold_asks: usize,
}

impl GiveSummary {
    /// "3 : 1", or "no asks yet".
    pub fn ratio_text(&self) -> String {
        match (self.gives, self.asks) {
            (0, 0) => "no gives or asks yet".into(),
            (g, 0) => format!("{}, no asks", crate::text::count(g, "give", "gives")),
            (0, a) => format!("no gives yet, {}", crate::text::count(a, "ask", "asks")),
            (g, a) => format!("{:.1} gives per ask", g as f64 / a as f64),
        }
    }
    /// Share of recent asks that went to people I had not been in touch with, in percent.
    pub fn cold_ask_percent(&self) -> u32 {
        percent(self.cold_asks, self.recent_asks)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overdue {
    pub person: Id,
    pub name: String,
    pub overdue_days: i64,
    pub strength: f64,
    /// Strength × days overdue: the ranking.
    pub priority: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    /// The Monday the first column starts on.
    pub start: NaiveDate,
    /// 52 weeks × 7 days of genuine interactions, day by day from `start`.
    pub counts: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Maintenance {
    /// Relationships that have a keep-in-touch cadence, and those within it.
    pub with_cadence: usize,
    pub within: usize,
    pub overdue: Vec<Overdue>,
    pub heatmap: Heatmap,
    /// Weeks of the last 52 with at least one genuine interaction.
    pub active_weeks: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dormant {
    pub person: Id,
    pub name: String,
    pub last: Option<NaiveDate>,
    /// Tie strength as it was at the last genuine contact.
    pub past_strength: f64,
    /// What makes reconnecting novel: "another company", "another seniority".
    pub novelty: Vec<&'static str>,
    pub rank: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InternalGrid {
    pub organisation: String,
    pub departments: Vec<String>,
    /// `cells[d][s]`: people in department `d` at seniority `Seniority::ALL[s]`.
    pub cells: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diversity {
    /// People with at least one genuine interaction: the ones diversity is measured over.
    pub people: usize,
    pub companies: usize,
    pub departments: usize,
    pub seniorities: usize,
    /// exp(Shannon entropy) of the company shares.
    pub effective_companies: f64,
    /// The largest company and its share in percent.
    pub largest_company: Option<(String, u32)>,
    pub internal: InternalGrid,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub threshold: u8,
    pub count: usize,
    pub expected: usize,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestionKind {
    Thank,
    FollowUp,
    GiveFirst,
    Reconnect,
}

impl SuggestionKind {
    pub fn verb(self) -> &'static str {
        match self {
            SuggestionKind::Thank => "Thank",
            SuggestionKind::FollowUp => "Follow up with",
            SuggestionKind::GiveFirst => "Give first to",
            SuggestionKind::Reconnect => "Reconnect with",
        }
    }
    /// The purpose the log form starts with when acting on this suggestion.
    pub fn purpose(self) -> Purpose {
        match self {
            SuggestionKind::GiveFirst => Purpose::GaveResource,
            SuggestionKind::Thank | SuggestionKind::FollowUp | SuggestionKind::Reconnect => Purpose::CatchUp,
        }
    }
    /// The topic the log form starts with.
    pub fn topic(self) -> &'static str {
        match self {
            SuggestionKind::Thank => "Thank-you",
            SuggestionKind::FollowUp => "Keeping in touch",
            SuggestionKind::GiveFirst => "Shared something useful",
            SuggestionKind::Reconnect => "Reconnecting",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub person: Id,
    pub name: String,
    pub reason: Phrase,
}

/// Everything on the Insights screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Insights {
    pub headline: Headline,
    pub warmth: Warmth,
    pub give: GiveSummary,
    pub maintenance: Maintenance,
    pub dormant: Vec<Dormant>,
    pub diversity: Diversity,
    pub layers: Vec<Layer>,
    pub suggestions: Vec<Suggestion>,
}

/// A person, their metrics, and their interactions.
type Row<'a> = (&'a Person, &'a PersonMetrics, &'a [Interaction]);

fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        0
    } else {
        ((part as f64 / whole as f64) * 100.0).round() as u32
    }
}

/// Per-person metrics for every living person.
pub fn all_metrics(network: &Network, today: NaiveDate) -> BTreeMap<Id, PersonMetrics> {
    network
        .live_people()
        .map(|p| (p.id, person_metrics(network.interactions_of(&p.id), today, &network.settings.metrics)))
        .collect()
}

/// Computes the whole Insights screen as of `today`.
pub fn insights(network: &Network, today: NaiveDate) -> Insights {
    let metrics = all_metrics(network, today);
    insights_from(network, &metrics, today)
}

/// Like [`insights`], reusing per-person metrics computed already.
pub fn insights_from(network: &Network, metrics: &BTreeMap<Id, PersonMetrics>, today: NaiveDate) -> Insights {
    let people = rows(network, metrics);
    let keys = company_keys(network, &people);
    let maintenance = maintenance(network, &people, metrics, today);
    let dormant = dormant(network, &people, &keys, today);
    let give = give_summary(&people, today);
    Insights {
        headline: headline(network, &people, today),
        warmth: warmth(&people),
        suggestions: suggestions(&people, &maintenance, &dormant, today),
        give,
        maintenance,
        dormant,
        diversity: diversity(network, &people, &keys),
        layers: layers(network, &people),
    }
}

/// Only the suggestions: the same list as `insights(network, today).suggestions`, without
/// computing the rest of the Insights screen. Today ranks them into its list on every open,
/// so it pays for maintenance and dormant ties only, not the headline's trend, warmth,
/// diversity or the layers (and the app's first screen doesn't carry their code).
pub fn suggestions_for(network: &Network, today: NaiveDate) -> Vec<Suggestion> {
    suggestions_from(network, &all_metrics(network, today), today)
}

/// Like [`suggestions_for`], reusing per-person metrics computed already.
pub fn suggestions_from(network: &Network, metrics: &BTreeMap<Id, PersonMetrics>, today: NaiveDate) -> Vec<Suggestion> {
    let people = rows(network, metrics);
    let keys = company_keys(network, &people);
    let maintenance = maintenance(network, &people, metrics, today);
    let dormant = dormant(network, &people, &keys, today);
    suggestions(&people, &maintenance, &dormant, today)
}

/// Each living, unarchived person with their metrics and interactions, looked up once.
fn rows<'a>(network: &'a Network, metrics: &'a BTreeMap<Id, PersonMetrics>) -> Vec<Row<'a>> {
    network
        .live_people()
        .filter(|p| !p.archived)
        .filter_map(|p| metrics.get(&p.id).map(|m| (p, m, network.interactions_of(&p.id))))
        .collect()
}

/// Each distinct company name normalised once: a network of 30,000 has a few thousand.
fn company_keys<'a>(network: &'a Network, people: &[Row<'a>]) -> CompanyKeys<'a> {
    let names = Companies::new(&network.settings.metrics.company_aliases);
    let mut keys: HashMap<&str, String> = HashMap::new();
    for (p, _, _) in people {
        keys.entry(p.company.as_str()).or_insert_with(|| names.key(&p.company));
    }
    CompanyKeys { names, keys }
}

fn headline(network: &Network, people: &[Row], today: NaiveDate) -> Headline {
    let relationships = people.iter().filter(|(_, m, _)| m.stage == Stage::Relationship).count();
    let knows_my_work = people.iter().filter(|(p, m, _)| m.stage == Stage::Relationship && p.knows_my_work).count();
    let threshold = network.settings.metrics.relationship_threshold;
    // A stage only grows as interactions accumulate, so each person became a relationship on
    // one day (or not yet); the count at a month's end is those who did by then.
    let mut since: Vec<NaiveDate> =
        people.iter().filter_map(|(_, _, list)| relationship_since(list, today, threshold)).collect();
    crate::order::sort(&mut since);
    let trend = (0..12)
        .rev()
        .map(|back| {
            let end = month_end(today, back).min(today);
            (end, since.partition_point(|d| *d <= end))
        })
        .collect();
    let goal = network.settings.metrics.goal;
    let next =
        (relationships < usize::from(goal)).then(|| next_relationship(people, threshold, relationships)).flatten();
    Headline {
        relationships,
        goal,
        connections: people.len(),
        quality_percent: percent(relationships, people.len()),
        knows_my_work,
        trend,
        next,
    }
}

/// The person closest to becoming a relationship (fewest genuine interactions still needed,
/// then the most recent contact), and what it would take, in words.
fn next_relationship(people: &[Row], threshold: u8, relationships: usize) -> Option<(Id, String)> {
    let which = if relationships == 0 { "your first relationship" } else { "another relationship" };
    people
        .iter()
        .filter(|(_, m, _)| m.stage == Stage::Acquaintance)
        .map(|(p, m, list)| {
            let needed = usize::from(threshold.max(1)).saturating_sub(m.genuine);
            let them = list.iter().any(|i| i.is_genuine() && i.they_took_part());
            (needed + usize::from(!them && needed == 0), std::cmp::Reverse(m.last_genuine), p, needed, them)
        })
        .min_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
        .map(|(_, _, p, needed, them)| {
            let text = if needed > 0 {
                format!(
                    "Log {} with {} to make {which}.",
                    crate::text::count(needed, "more genuine interaction", "more genuine interactions"),
                    p.name
                )
            } else if !them {
                format!(
                    "{} is one exchange they take part in (a reply, a call, a meeting) away from being {which}.",
                    p.name
                )
            } else {
                format!("{} is close to being {which}.", p.name)
            };
            (p.id, text)
        })
}

/// The last day of the month `back` months before `today`'s month.
fn month_end(today: NaiveDate, back: u32) -> NaiveDate {
    let months = today.year() * 12 + today.month0() as i32 - back as i32;
    let (year, month0) = (months.div_euclid(12), months.rem_euclid(12) as u32);
    let next = if month0 == 11 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month0 + 2, 1)
    };
    next.map(|d| d - Duration::days(1)).unwrap_or(today)
}

fn warmth(people: &[Row]) -> Warmth {
    let mut by_origin = Vec::new();
    let origins: Vec<Option<Origin>> = Origin::ALL.iter().copied().map(Some).chain([None]).collect();
    for origin in origins {
        let group: Vec<&PersonMetrics> =
            people.iter().filter(|(p, _, _)| p.origin == origin).map(|(_, m, _)| *m).collect();
        if group.is_empty() {
            continue;
        }
        let mean = group.iter().map(|m| m.strength.score()).sum::<f64>() / group.len() as f64;
        by_origin.push(OriginRow {
            origin,
            people: group.len(),
            relationships: group.iter().filter(|m| m.stage == Stage::Relationship).count(),
            mean_strength: mean,
        });
    }
    let warm = people.iter().filter(|(p, _, _)| p.origin.is_some_and(Origin::is_warm)).count();
    let cold = people.iter().filter(|(p, _, _)| p.origin.is_some_and(|o| !o.is_warm())).count();
    let mut bands = [0usize; 5];
    for (_, m, _) in people {
        let band = ((m.strength.score() / 20.0).floor() as usize).min(4);
        if let Some(count) = bands.get_mut(band) {
            *count += 1;
        }
    }
    Warmth { by_origin, warm, cold, bands }
}

fn give_summary(people: &[Row], today: NaiveDate) -> GiveSummary {
    let gives = people.iter().map(|(_, m, _)| m.give_first.gives).sum();
    let asks = people.iter().map(|(_, m, _)| m.give_first.asks).sum();
    let asked_before_giving = people
        .iter()
        .filter(|(_, m, _)| m.give_first.asked_before_giving)
        .map(|(p, _, _)| (p.id, p.name.clone()))
        .collect();
    let window_start = today - Duration::days(ASK_WINDOW_DAYS);
    let mut recent_asks = 0;
    let mut cold_asks = 0;
    for (_, _, all) in people {
        for ask in all.iter().filter(|i| i.purpose.is_ask() && i.date > window_start && i.date <= today) {
            recent_asks += 1;
            let year_before = ask.date - Duration::days(365);
            let in_touch =
                all.iter().any(|i| i.id != ask.id && i.is_genuine() && i.date >= year_before && i.date < ask.date);
            if !in_touch {
                cold_asks += 1;
            }
        }
    }
    GiveSummary { gives, asks, asked_before_giving, recent_asks, cold_asks }
}

fn maintenance(
    network: &Network,
    people: &[Row],
    metrics: &BTreeMap<Id, PersonMetrics>,
    today: NaiveDate,
) -> Maintenance {
    let due = keep_in_touch(network, today);
    let overdue_ids: BTreeMap<&Id, i64> =
        crate::order::btree_map(due.iter().filter(|d| d.overdue_days > 0).map(|d| (&d.person, d.overdue_days)));
    let relationships_with_cadence: Vec<&Person> = people
        .iter()
        .filter(|(p, m, _)| m.stage == Stage::Relationship && p.cadence_days.is_some())
        .map(|(p, _, _)| *p)
        .collect();
    let within = relationships_with_cadence.iter().filter(|p| !overdue_ids.contains_key(&p.id)).count();
    let mut overdue: Vec<Overdue> = due
        .iter()
        .filter(|d| d.overdue_days > 0)
        .map(|d| {
            let strength = metrics.get(&d.person).map(|m| m.strength.score()).unwrap_or(0.0);
            Overdue {
                person: d.person,
                name: d.name.clone(),
                overdue_days: d.overdue_days,
                strength,
                // +1 so that a tie with no strength left still ranks by how late it is.
                priority: (strength + 1.0) * d.overdue_days as f64,
            }
        })
        .collect();
    crate::order::sort_by(&mut overdue, |a, b| b.priority.total_cmp(&a.priority).then_with(|| a.name.cmp(&b.name)));

    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let start = monday - Duration::weeks(51);
    let mut counts = vec![0u32; 52 * 7];
    for (_, _, all) in people {
        for i in all.iter() {
            if i.is_genuine() && i.date >= start && i.date <= today {
                if let Some(slot) = counts.get_mut((i.date - start).num_days() as usize) {
                    *slot += 1;
                }
            }
        }
    }
    let active_weeks = counts.chunks(7).filter(|week| week.iter().any(|c| *c > 0)).count();
    Maintenance {
        with_cadence: relationships_with_cadence.len(),
        within,
        overdue,
        heatmap: Heatmap { start, counts },
        active_weeks,
    }
}

/// The company key of each person's company name (see [`Companies::key`]), computed once.
struct CompanyKeys<'a> {
    names: Companies,
    /// Only looked up, never walked in order: a hash map, which is several times faster here
    /// than ordered string comparisons.
    keys: HashMap<&'a str, String>,
}

impl CompanyKeys<'_> {
    fn key(&self, name: &str) -> String {
        self.keys.get(name).cloned().unwrap_or_else(|| self.names.key(name))
    }

    fn key_of(&self, name: &str) -> &str {
        self.keys.get(name).map(String::as_str).unwrap_or_default()
    }
}

fn dormant(network: &Network, people: &[Row], companies: &CompanyKeys<'_>, today: NaiveDate) -> Vec<Dormant> {
    let quiet_since = today - Duration::days(i64::from(network.settings.metrics.dormant_after_days));
    let my_key = companies.key(&network.profile.organisation);
    let my_seniority: Option<Seniority> = network.profile.seniority;
    let mut list: Vec<Dormant> = people
        .iter()
        .filter(|(p, m, _)| m.genuine >= 3 || matches!(p.origin, Some(Origin::FormerColleague | Origin::FormerManager)))
        .filter_map(|(p, m, all)| {
            let last_any = all.iter().filter(|i| i.date <= today).map(|i| i.date).max();
            if last_any.is_some_and(|d| d > quiet_since) {
                return None;
            }
            let past_strength = match m.last_genuine {
                Some(at) => tie_strength(all, at, &network.settings.metrics).score(),
                None => 0.0,
            };
            let mut novelty = Vec::new();
            // Not `Companies::same`, which normalises both names for every person.
            let theirs = companies.key_of(&p.company);
            if !p.company.trim().is_empty() && (theirs.is_empty() || theirs != my_key) {
                novelty.push("another company");
            }
            if let (Some(theirs), Some(mine)) = (p.seniority, my_seniority) {
                if theirs != mine {
                    novelty.push("another seniority");
                }
            }
            let rank = past_strength + 10.0 * novelty.len() as f64;
            Some(Dormant { person: p.id, name: p.name.clone(), last: last_any, past_strength, novelty, rank })
        })
        .collect();
    crate::order::sort_by(&mut list, |a, b| b.rank.total_cmp(&a.rank).then_with(|| a.name.cmp(&b.name)));
    list
}

fn diversity(network: &Network, people: &[Row], keys: &CompanyKeys<'_>) -> Diversity {
    let reached: Vec<&Person> = people.iter().filter(|(_, m, _)| m.genuine > 0).map(|(p, _, _)| *p).collect();
    let key_of = |name: &str| keys.key_of(name);
    let mut companies: BTreeMap<&str, (String, usize)> = BTreeMap::new();
    let mut departments = std::collections::BTreeSet::new();
    let mut seniorities = std::collections::BTreeSet::new();
    for p in &reached {
        if !p.company.trim().is_empty() {
            companies.entry(key_of(&p.company)).or_insert_with(|| (p.company.trim().to_string(), 0)).1 += 1;
        }
        if !p.department.trim().is_empty() {
            departments.insert(fold(p.department.trim()));
        }
        if let Some(s) = p.seniority {
            seniorities.insert(s);
        }
    }
    let with_company: usize = companies.values().map(|(_, n)| n).sum();
    let entropy: f64 = companies
        .values()
        .map(|(_, n)| {
            let share = *n as f64 / with_company as f64;
            -share * share.ln()
        })
        .sum();
    let effective_companies = if with_company == 0 { 0.0 } else { entropy.exp() };
    let largest_company = companies
        .values()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(name, n)| (name.clone(), percent(*n, with_company)));

    let organisation = network.profile.organisation.trim().to_string();
    let org = fold(&organisation);
    let org_key = keys.key(&organisation);
    let colleagues: Vec<&Person> = people
        .iter()
        .map(|(p, _, _)| *p)
        .filter(|p| {
            let key = key_of(&p.company);
            (!org.is_empty() && !key.is_empty() && key == org_key)
                || (org.is_empty() && p.origin == Some(Origin::CurrentColleague))
        })
        .collect();
    let mut dept_names: Vec<String> =
        colleagues
            .iter()
            .map(|p| {
                if p.department.trim().is_empty() {
                    "No department".to_string()
                } else {
                    p.department.trim().to_string()
                }
            })
            .collect();
    crate::order::sort(&mut dept_names);
    dept_names.dedup();
    let cells = dept_names
        .iter()
        .map(|dept| {
            Seniority::ALL
                .iter()
                .map(|s| {
                    colleagues
                        .iter()
                        .filter(|p| p.seniority == Some(*s))
                        .filter(|p| {
                            let d = if p.department.trim().is_empty() { "No department" } else { p.department.trim() };
                            d == dept
                        })
                        .count()
                })
                .collect()
        })
        .collect();
    Diversity {
        people: reached.len(),
        companies: companies.len(),
        departments: departments.len(),
        seniorities: seniorities.len(),
        effective_companies,
        largest_company,
        internal: InternalGrid { organisation, departments: dept_names, cells },
    }
}

fn layers(network: &Network, people: &[Row]) -> Vec<Layer> {
    network
        .settings
        .metrics
        .layer_thresholds
        .iter()
        .zip(DUNBAR_SIZES)
        .map(|(threshold, expected)| {
            let count = people.iter().filter(|(_, m, _)| m.strength.score() >= f64::from(*threshold)).count();
            let note = if count == 0 {
                Some("Empty: no one is this close yet.".to_string())
            } else if count * 2 > expected * 3 {
                Some(format!("Overfull: more than the ~{expected} people this layer usually holds."))
            } else {
                None
            };
            Layer { threshold: *threshold, count, expected, note }
        })
        .collect()
}

fn suggestions(people: &[Row], maintenance: &Maintenance, dormant: &[Dormant], today: NaiveDate) -> Vec<Suggestion> {
    // Each kind is a lazy queue: only the few suggestions taken are written out (a network
    // of 30,000 can have thousands of candidates of each kind).
    let thank = people.iter().filter_map(move |(p, _, all)| {
        let last = all.iter().filter(|i| i.date <= today).max_by_key(|i| crate::record::interaction_order(i))?;
        let helped_me = last.purpose == Purpose::InformationalInterview || last.purpose.is_ask();
        let days = (today - last.date).num_days();
        (helped_me && last.is_genuine() && days <= 14).then(|| Suggestion {
            kind: SuggestionKind::Thank,
            person: p.id,
            name: p.name.clone(),
            reason: format!(
                "{} {}, and nothing since: thank them within a day or two.",
                last.purpose.label(),
                crate::agenda::ago(last.date, today)
            )
            .into(),
        })
    });
    let follow = maintenance.overdue.iter().map(|o| Suggestion {
        kind: SuggestionKind::FollowUp,
        person: o.person,
        name: o.name.clone(),
        reason: format!(
            "{} past your keep-in-touch cadence; strength {:.0}.",
            crate::text::count(usize::try_from(o.overdue_days).unwrap_or(0), "day", "days"),
            o.strength
        )
        .into(),
    });
    let mut give: Vec<(f64, &Row)> = people
        .iter()
        .filter(|(_, m, _)| m.give_first.asked_before_giving || m.give_first.asks > m.give_first.gives)
        .map(|row| (row.1.strength.score(), row))
        .collect();
    crate::order::sort_by(&mut give, |a, b| b.0.total_cmp(&a.0));
    let give = give.into_iter().map(|(_, (p, m, _))| Suggestion {
        kind: SuggestionKind::GiveFirst,
        person: p.id,
        name: p.name.clone(),
        reason: format!(
            "You have asked {} times and given {}; share something useful before the next ask.",
            m.give_first.asks, m.give_first.gives
        )
        .into(),
    });
    let reconnect = dormant.iter().map(|d| Suggestion {
        kind: SuggestionKind::Reconnect,
        person: d.person,
        name: d.name.clone(),
        reason: match d.last {
            Some(last) => Phrase::from("A strong tie gone quiet since ")
                .date(last)
                .then("; dormant ties bring fresh information and trust survives the gap."),
            None => "A warm tie you have never logged contact with; trust survives the gap.".into(),
        },
    });
    // Take from each kind in turn, the time-sensitive ones first, one per person.
    let mut queues: [Box<dyn Iterator<Item = Suggestion> + '_>; 4] =
        [Box::new(thank), Box::new(follow), Box::new(give), Box::new(reconnect)];
    let mut out: Vec<Suggestion> = Vec::new();
    loop {
        let mut took = false;
        for queue in queues.iter_mut() {
            if out.len() >= MAX_SUGGESTIONS {
                return out;
            }
            for s in queue.by_ref() {
                if !out.iter().any(|o| o.person == s.person) {
                    out.push(s);
                    took = true;
                    break;
                }
            }
        }
        if !took {
            return out;
        }
    }
}

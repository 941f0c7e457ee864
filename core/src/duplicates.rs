//! The duplicate finder and merging two people.
//!
//! Two people are likely one when they share a normalised profile URL or email, or when
//! their folded names are very close (Jaro-Winkler ≥ [`NAME_SIMILARITY`]) at the same
//! normalised company. Names that are identical once folded also match when one of the two
//! has no company. Close names are not enough when both have a profile URL, or both an email,
//! and those differ. Pairs the user has said are different are left out.
//!
//! Merging keeps every interaction, interview and draft of both, with a value chosen for
//! each field; the other person is deleted (a tombstone), and everything that pointed at
//! them points at the kept person.

use crate::company::Companies;
use crate::id::Id;
use crate::import::matching::{normalise_email, normalise_profile_url};
use crate::network::{ChangeError, Network, PersonSlot, Tombstone, Touched};
use crate::person::{Person, PersonFields};
use crate::record::Kind;
use crate::text::fold;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// How close two folded names must be, by Jaro-Winkler, to count as one at one company.
pub const NAME_SIMILARITY: f64 = 0.92;

/// Why two people look like one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    ProfileUrl,
    Email,
    CloseName,
}

impl Reason {
    pub fn label(self) -> &'static str {
        match self {
            Reason::ProfileUrl => "same profile URL",
            Reason::Email => "same email",
            Reason::CloseName => "very close names at the same company",
        }
    }
}

/// A likely duplicate: `a` is the older record (created first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub a: Id,
    pub b: Id,
    pub reason: Reason,
}

/// A pair of ids in a fixed order, for "not duplicates" lists.
pub fn pair_key(a: &Id, b: &Id) -> (Id, Id) {
    if a <= b {
        (*a, *b)
    } else {
        (*b, *a)
    }
}

/// True when two names are close enough to be one person.
pub fn names_close(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a.trim()), fold(b.trim()));
    let (a, b) =
        (a.split_whitespace().collect::<Vec<_>>().join(" "), b.split_whitespace().collect::<Vec<_>>().join(" "));
    !a.is_empty() && !b.is_empty() && strsim::jaro_winkler(&a, &b) >= NAME_SIMILARITY
}

/// True when two people both have a profile URL, or both an email, and they differ: close
/// names are then two people (3,000 imported connections at 40 companies, "Person0 Bulk0" and
/// "Person2120 Bulk2120", made 34,813 pairs; issue 19's hostile test).
fn told_apart(a: &Person, b: &Person) -> bool {
    let differ = |x: String, y: String| !x.is_empty() && !y.is_empty() && x != y;
    differ(normalise_profile_url(&a.profile_url), normalise_profile_url(&b.profile_url))
        || differ(normalise_email(&a.email), normalise_email(&b.email))
}

/// Every likely duplicate among the living people, strongest reason first, then by name.
pub fn find(network: &Network) -> Vec<Pair> {
    let companies = Companies::new(&network.settings.metrics.company_aliases);
    let dismissed: BTreeSet<(Id, Id)> =
        crate::order::btree_set(network.settings.not_duplicates.iter().map(|(a, b)| pair_key(a, b)));
    let mut people: Vec<&Person> = network.live_people().collect();
    crate::order::sort_by(&mut people, |a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
    let mut found: BTreeMap<(Id, Id), Reason> = BTreeMap::new();
    let mut add = |a: &Person, b: &Person, reason: Reason| {
        let key = pair_key(&a.id, &b.id);
        if a.id != b.id && !dismissed.contains(&key) {
            let entry = found.entry(key).or_insert(reason);
            *entry = (*entry).min(reason);
        }
    };
    let mut by_url: BTreeMap<String, Vec<&Person>> = BTreeMap::new();
    let mut by_email: BTreeMap<String, Vec<&Person>> = BTreeMap::new();
    let mut by_company: BTreeMap<String, Vec<&Person>> = BTreeMap::new();
    let mut by_name: BTreeMap<String, Vec<&Person>> = BTreeMap::new();
    for p in &people {
        let url = normalise_profile_url(&p.profile_url);
        if !url.is_empty() {
            by_url.entry(url).or_default().push(p);
        }
        let email = normalise_email(&p.email);
        if !email.is_empty() {
            by_email.entry(email).or_default().push(p);
        }
        let company = companies.key(&p.company);
        if !company.is_empty() {
            by_company.entry(company).or_default().push(p);
        }
        by_name.entry(fold(p.name.trim())).or_default().push(p);
    }
    for group in by_url.values() {
        for (i, a) in group.iter().enumerate() {
            for b in group.iter().skip(i + 1) {
                add(a, b, Reason::ProfileUrl);
            }
        }
    }
    for group in by_email.values() {
        for (i, a) in group.iter().enumerate() {
            for b in group.iter().skip(i + 1) {
                add(a, b, Reason::Email);
            }
        }
    }
    for group in by_company.values() {
        for (i, a) in group.iter().enumerate() {
            for b in group.iter().skip(i + 1) {
                if names_close(&a.name, &b.name) && !told_apart(a, b) {
                    add(a, b, Reason::CloseName);
                }
            }
        }
    }
    for group in by_name.values() {
        for (i, a) in group.iter().enumerate() {
            for b in group.iter().skip(i + 1) {
                if (a.company.trim().is_empty() || b.company.trim().is_empty()) && !told_apart(a, b) {
                    add(a, b, Reason::CloseName);
                }
            }
        }
    }
    let order: BTreeMap<&Id, usize> = crate::order::btree_map(people.iter().enumerate().map(|(n, p)| (&p.id, n)));
    let mut pairs: Vec<Pair> = found
        .into_iter()
        .map(|((x, y), reason)| {
            let (a, b) = if order.get(&x) <= order.get(&y) { (x, y) } else { (y, x) };
            Pair { a, b, reason }
        })
        .collect();
    let name = |id: &Id| network.person(id).map(|p| fold(&p.name)).unwrap_or_default();
    crate::order::sort_by_key(&mut pairs, |p| (p.reason, name(&p.a)));
    pairs
}

/// Which person's value to keep for each field when merging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Kept,
    Other,
}

/// The merged fields: for each field, the kept person's value or the other's (the kept
/// person's when no pick is given). Tags and affiliations are joined, "knows my work" holds
/// when it holds for either, and with `join_notes` both notes are kept, one after the other.
pub fn merged_fields(
    kept: &Person,
    other: &Person,
    picks: &BTreeMap<&'static str, Pick>,
    join_notes: bool,
) -> PersonFields {
    let (k, o) = (kept.fields(), other.fields());
    let pick = |field: &str| picks.get(field).copied().unwrap_or(Pick::Kept);
    macro_rules! choose {
        ($name:ident) => {
            if pick(stringify!($name)) == Pick::Other {
                o.$name.clone()
            } else {
                k.$name.clone()
            }
        };
    }
    let mut tags = k.tags.clone();
    for t in &o.tags {
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.clone());
        }
    }
    let mut affiliations = k.affiliations.clone();
    for a in &o.affiliations {
        if !affiliations.iter().any(|x| x.eq_ignore_ascii_case(a)) {
            affiliations.push(a.clone());
        }
    }
    let notes = if join_notes && !k.notes.trim().is_empty() && !o.notes.trim().is_empty() && k.notes != o.notes {
        format!("{}\n\n{}", k.notes.trim_end(), o.notes.trim())
    } else {
        choose!(notes)
    };
    PersonFields {
        name: choose!(name),
        company: choose!(company),
        role: choose!(role),
        department: choose!(department),
        seniority: choose!(seniority),
        location: choose!(location),
        email: choose!(email),
        phone: choose!(phone),
        profile_url: choose!(profile_url),
        origin: choose!(origin),
        introduced_by: choose!(introduced_by).filter(|id| *id != kept.id && *id != other.id),
        knows_my_work: k.knows_my_work || o.knows_my_work,
        cadence_days: choose!(cadence_days),
        tags,
        affiliations,
        notes,
    }
}

/// The fields a merge screen offers to choose between, with labels.
pub const FIELDS: &[(&str, &str)] = &[
    ("name", "Name"),
    ("company", "Company"),
    ("role", "Role"),
    ("department", "Department"),
    ("seniority", "Seniority"),
    ("location", "Location"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("profile_url", "Profile URL"),
    ("origin", "How we met"),
    ("introduced_by", "Introduced by"),
    ("cadence_days", "Keep in touch every"),
    ("notes", "Notes"),
];

/// Merges `other` into `kept`: the kept person takes `fields`; every interaction of the other
/// moves to the kept person (same ids); interviews, drafts and introductions that pointed at
/// the other now point at the kept person; the other is deleted. One all-or-nothing change.
pub fn merge_people(
    network: &mut Network,
    kept: &Id,
    other: &Id,
    fields: PersonFields,
    now: DateTime<Utc>,
) -> Result<Touched, ChangeError> {
    if kept == other {
        return Err(ChangeError::NotNow("A person can't be merged with themselves.".into()));
    }
    let other_person = network.person(other).cloned().ok_or(ChangeError::NoSuchPerson)?;
    network.person(kept).ok_or(ChangeError::NoSuchPerson)?;
    let mut next = network.clone();
    let mut touched = next.update_person(kept, fields, now)?;
    next.people.edit(kept, |p| {
        p.connected_on = match (p.connected_on, other_person.connected_on) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        p.created = p.created.min(other_person.created);
        p.updated = now;
    });
    let moved: Vec<_> = next.shards.get_mut(other).map(|s| std::mem::take(&mut s.live)).unwrap_or_default();
    if let Some(shard) = next.shards.get_mut(other) {
        shard.gone.extend(moved.iter().map(|i| Tombstone { id: i.id, deleted: now }));
        touched.insert(Kind::Shard, *other);
    }
    if !moved.is_empty() {
        let shard = next.shards.entry(*kept).or_default();
        for mut i in moved {
            i.person = *kept;
            i.updated = now;
            shard.gone.retain(|t| t.id != i.id);
            shard.live.push(i);
        }
        crate::record::sort_interactions(&mut shard.live);
        touched.insert(Kind::Shard, *kept);
    }
    for (id, slot) in next.interviews.iter_mut() {
        if let Some(iv) = slot.live_mut() {
            if iv.person == *other {
                iv.person = *kept;
                iv.updated = now;
                touched.insert(Kind::Interview, *id);
            }
        }
    }
    for (id, slot) in next.drafts.iter_mut() {
        if let Some(d) = slot.live_mut() {
            let mut changed = false;
            if d.person == *other {
                d.person = *kept;
                changed = true;
            }
            if d.other.as_ref() == Some(other) {
                d.other = Some(*kept);
                changed = true;
            }
            if changed {
                d.updated = now;
                touched.insert(Kind::Draft, *id);
            }
        }
    }
    let introduced: Vec<Id> = next
        .people
        .live_records()
        .filter(|p| p.introduced_by.as_ref() == Some(other) && p.id != *other)
        .map(|p| p.id)
        .collect();
    for id in introduced {
        next.people.edit(&id, |p| {
            p.introduced_by = if p.id == *kept { None } else { Some(*kept) };
            p.updated = now;
        });
        touched.insert(Kind::Person, id);
    }
    next.people.put(PersonSlot::Gone(Tombstone { id: *other, deleted: now }));
    touched.insert(Kind::Person, *other);
    let dismissed = next.settings.not_duplicates.len();
    next.settings.not_duplicates.retain(|(a, b)| a != other && b != other);
    if next.settings.not_duplicates.len() != dismissed {
        next.settings.updated = Some(now);
        touched.settings = true;
    }
    *network = next;
    Ok(touched)
}

/// Marks a pair as "not the same person", so the finder stops showing it.
pub fn dismiss(network: &mut Network, a: &Id, b: &Id) -> Touched {
    let key = pair_key(a, b);
    if !network.settings.not_duplicates.contains(&key) {
        network.settings.not_duplicates.push(key);
    }
    Touched::settings()
}

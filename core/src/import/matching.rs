//! Matching imported people to people already in Rapport: by profile URL, then email, then
//! the same name at the same company. URLs drop scheme, `www.`, query and trailing slash and
//! are lower-cased; emails are trimmed and lower-cased; names and companies are folded.

use super::Candidate;
use crate::id::Id;
use crate::network::Network;
use crate::text::fold;
use std::collections::BTreeMap;

/// A profile URL in its comparable form.
pub fn normalise_profile_url(url: &str) -> String {
    let url = url.trim().to_lowercase();
    let url = url.split_once("://").map(|(_, rest)| rest.to_string()).unwrap_or(url);
    let url = url.strip_prefix("www.").unwrap_or(&url);
    let url = url.split(['?', '#']).next().unwrap_or("");
    url.trim_end_matches('/').to_string()
}

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// How a candidate matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    ProfileUrl,
    Email,
    NameAndCompany,
}

/// The living people indexed by what matching compares, built once per import.
pub struct Matcher {
    by_url: BTreeMap<String, Id>,
    by_email: BTreeMap<String, Id>,
    by_name: BTreeMap<(String, String), Id>,
}

impl Matcher {
    pub fn new(network: &Network) -> Matcher {
        let mut m = Matcher { by_url: BTreeMap::new(), by_email: BTreeMap::new(), by_name: BTreeMap::new() };
        // The first person (in id order) wins where two share a key, as a scan would find.
        for p in network.live_people() {
            let url = normalise_profile_url(&p.profile_url);
            if !url.is_empty() {
                m.by_url.entry(url).or_insert_with(|| p.id);
            }
            let email = normalise_email(&p.email);
            if !email.is_empty() {
                m.by_email.entry(email).or_insert_with(|| p.id);
            }
            m.by_name.entry((fold(p.name.trim()), fold(p.company.trim()))).or_insert_with(|| p.id);
        }
        m
    }

    /// The living person a candidate matches, if any.
    pub fn find(&self, c: &Candidate) -> Option<(Id, MatchedBy)> {
        let url = normalise_profile_url(&c.fields.profile_url);
        if let Some(id) = self.by_url.get(&url).filter(|_| !url.is_empty()) {
            return Some((*id, MatchedBy::ProfileUrl));
        }
        let email = normalise_email(&c.fields.email);
        if let Some(id) = self.by_email.get(&email).filter(|_| !email.is_empty()) {
            return Some((*id, MatchedBy::Email));
        }
        self.by_name
            .get(&(fold(c.fields.name.trim()), fold(c.fields.company.trim())))
            .map(|id| (*id, MatchedBy::NameAndCompany))
    }
}

/// The living person a candidate matches, if any (one lookup; imports build a [`Matcher`]).
pub fn find_match(network: &Network, c: &Candidate) -> Option<(Id, MatchedBy)> {
    Matcher::new(network).find(c)
}

//! Matching imported people to people already in Rapport: by profile URL, then email, then
//! the same name at the same company. URLs drop scheme, `www.`, query and trailing slash and
//! are lower-cased; emails are trimmed and lower-cased; names and companies are folded.

use super::Candidate;
use crate::id::Id;
use crate::network::Network;
use crate::text::fold;

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

/// The living person a candidate matches, if any.
pub fn find_match(network: &Network, c: &Candidate) -> Option<(Id, MatchedBy)> {
    let url = normalise_profile_url(&c.fields.profile_url);
    if !url.is_empty() {
        if let Some(p) = network.live_people().find(|p| normalise_profile_url(&p.profile_url) == url) {
            return Some((p.id.clone(), MatchedBy::ProfileUrl));
        }
    }
    let email = normalise_email(&c.fields.email);
    if !email.is_empty() {
        if let Some(p) = network.live_people().find(|p| normalise_email(&p.email) == email) {
            return Some((p.id.clone(), MatchedBy::Email));
        }
    }
    let (name, company) = (fold(c.fields.name.trim()), fold(c.fields.company.trim()));
    network
        .live_people()
        .find(|p| fold(p.name.trim()) == name && fold(p.company.trim()) == company)
        .map(|p| (p.id.clone(), MatchedBy::NameAndCompany))
}

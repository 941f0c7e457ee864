//! Company names, compared the way people mean them: "Google", "Google LLC" and "google, inc."
//! are one company. Names are folded (case, accents), punctuation is dropped, and legal
//! suffixes are removed. On top of that the user can join aliases ("Alphabet" → "Google"),
//! kept in [`crate::MetricSettings::company_aliases`]. LAMP advocacy, internal breadth,
//! company diversity and the duplicate finder all compare companies through [`Companies`].

use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Legal forms dropped from the end of a name (after folding and dropping punctuation).
const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "ab",
    "as",
    "oy",
    "pty",
    "pte",
    "kk",
    "holdings",
    "group",
];

/// The comparable form of a company name: "The Boston Consulting Group, Inc." → "boston consulting".
/// A name made only of suffixes ("Group") is kept as it is, folded.
pub fn normalise(name: &str) -> String {
    let folded = fold(name.trim());
    let cleaned: String =
        folded.chars().map(|c| if c.is_alphanumeric() || c == '&' { c } else { ' ' }).collect::<String>();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.len() > 1 && words.first() == Some(&"the") {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

/// One alias joined into another company: every person at `alias` counts as at `into`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyAlias {
    pub alias: String,
    pub into: String,
}

/// Compares companies with normalisation and the user's joined aliases.
#[derive(Debug, Clone, Default)]
pub struct Companies {
    joined: BTreeMap<String, String>,
}

impl Companies {
    pub fn new(aliases: &[CompanyAlias]) -> Companies {
        let mut joined = BTreeMap::new();
        for a in aliases {
            let (from, to) = (normalise(&a.alias), normalise(&a.into));
            if !from.is_empty() && !to.is_empty() && from != to {
                joined.insert(from, to);
            }
        }
        Companies { joined }
    }

    /// The key that two names of one company share; empty for an empty name.
    /// Chains of aliases are followed (at most as many steps as there are aliases).
    pub fn key(&self, name: &str) -> String {
        let mut key = normalise(name);
        for _ in 0..=self.joined.len() {
            match self.joined.get(&key) {
                Some(next) => key = next.clone(),
                None => break,
            }
        }
        key
    }

    /// True when both names are non-empty and mean the same company.
    pub fn same(&self, a: &str, b: &str) -> bool {
        let a = self.key(a);
        !a.is_empty() && a == self.key(b)
    }
}

/// Checks a new alias typed in Settings: both names given, and not already one company.
pub fn validate_alias(
    companies: &Companies,
    existing: &[CompanyAlias],
    alias: &str,
    into: &str,
) -> Result<CompanyAlias, String> {
    let (alias, into) = (alias.trim(), into.trim());
    if alias.is_empty() || into.is_empty() {
        return Err("Give both company names.".into());
    }
    if companies.same(alias, into) {
        return Err(format!("“{alias}” and “{into}” already count as one company."));
    }
    if existing.iter().any(|a| normalise(&a.alias) == normalise(alias)) {
        return Err(format!("“{alias}” is already joined to another company. Remove that join first."));
    }
    // A join that would close a loop is caught above: the two names are already one company.
    Ok(CompanyAlias { alias: alias.into(), into: into.into() })
}

//! Target employers: the LAMP list (Dalton, The 2-Hour Job Search) and whom to approach at each.

use crate::company::Companies;
use crate::id::Id;
use crate::input::FieldErrors;
use crate::insights::tie_strength;
use crate::network::Network;
use crate::person::{Origin, Person};
pub use crate::record::employer::{Employer, EmployerFields};
use crate::text::fold;

/// How many employers make the current batch.
pub const BATCH: usize = 5;

/// The employer row as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EmployerInput {
    pub name: String,
    pub motivation: String,
    pub posting: String,
    /// "", "yes" or "no".
    pub advocacy: String,
    pub notes: String,
}

impl EmployerInput {
    pub fn new() -> EmployerInput {
        EmployerInput { motivation: "0".into(), posting: "1".into(), ..EmployerInput::default() }
    }

    pub fn from_employer(e: &Employer) -> EmployerInput {
        EmployerInput {
            name: e.name.clone(),
            motivation: e.motivation.to_string(),
            posting: e.posting.to_string(),
            advocacy: match e.advocacy {
                None => String::new(),
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
            },
            notes: e.notes.clone(),
        }
    }

    /// Checks the row; `taken` tells whether another employer already has this name.
    pub fn validate(&self, taken: impl Fn(&str) -> bool) -> Result<EmployerFields, FieldErrors> {
        let mut errors = Vec::new();
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            errors.push(("name", "Enter the employer's name.".to_string()));
        } else if name.chars().count() > 120 {
            errors.push(("name", "Keep the name under 120 characters.".to_string()));
        } else if taken(&name) {
            errors.push(("name", format!("“{name}” is already on your list.")));
        }
        let motivation = match self.motivation.trim().parse::<u8>() {
            Ok(m) if m <= 3 => m,
            _ => {
                errors.push(("motivation", "Motivation is 0 (don't know) to 3.".to_string()));
                0
            }
        };
        let posting = match self.posting.trim().parse::<u8>() {
            Ok(p) if (1..=3).contains(&p) => p,
            _ => {
                errors.push(("posting", "Posting is 1 (none) to 3 (relevant).".to_string()));
                1
            }
        };
        let advocacy = match self.advocacy.trim() {
            "" => None,
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                errors.push(("advocacy", "Choose automatic, yes or no.".to_string()));
                None
            }
        };
        if errors.is_empty() {
            Ok(EmployerFields { name, motivation, posting, advocacy, notes: self.notes.trim().to_string() })
        } else {
            Err(FieldErrors(errors))
        }
    }
}

/// True when a person works at the employer: company names normalised ("Google LLC" is
/// "Google") and joined through the user's aliases.
pub fn works_at(companies: &Companies, person: &Person, employer_name: &str) -> bool {
    companies.same(&person.company, employer_name)
}

/// Whether another employer on the list has this name, compared as companies are (case,
/// accents, punctuation, legal forms like "Inc." and the user's joins): "company 2 inc." is
/// "Company 2".
pub fn name_taken(network: &Network, name: &str, except: Option<&Id>) -> bool {
    let companies = Companies::new(&network.settings.metrics.company_aliases);
    network.live_employers().any(|e| Some(&e.id) != except && companies.same(&e.name, name))
}

/// The employer on my list where a person works, if any (names normalised and joined).
pub fn employer_of(network: &Network, person: &Person) -> Option<Id> {
    if person.company.trim().is_empty() {
        return None;
    }
    let companies = Companies::new(&network.settings.metrics.company_aliases);
    network.live_employers().find(|e| works_at(&companies, person, &e.name)).map(|e| e.id)
}

/// The people I know at an employer.
pub fn people_at<'a>(network: &'a Network, employer_name: &str) -> Vec<&'a Person> {
    let companies = Companies::new(&network.settings.metrics.company_aliases);
    network.live_people().filter(|p| works_at(&companies, p, employer_name)).collect()
}

/// One employer in LAMP order.
#[derive(Debug, Clone, PartialEq)]
pub struct LampRow {
    pub employer: Employer,
    /// Y when set by hand, or when anyone in my network is there.
    pub advocacy: bool,
    pub advocacy_automatic: bool,
    /// Who I know there.
    pub known: Vec<(Id, String)>,
    /// Among the top 5: the current batch.
    pub in_batch: bool,
}

/// The LAMP list, sorted by motivation, then posting, then advocacy (high first), then name.
pub fn lamp_list(network: &Network) -> Vec<LampRow> {
    let mut rows: Vec<LampRow> = network
        .live_employers()
        .map(|e| {
            let known: Vec<(Id, String)> = people_at(network, &e.name).iter().map(|p| (p.id, p.name.clone())).collect();
            let advocacy = e.advocacy.unwrap_or(!known.is_empty());
            LampRow { employer: e.clone(), advocacy, advocacy_automatic: e.advocacy.is_none(), known, in_batch: false }
        })
        .collect();
    crate::order::sort_by(&mut rows, |a, b| {
        (b.employer.motivation, b.employer.posting, b.advocacy)
            .cmp(&(a.employer.motivation, a.employer.posting, a.advocacy))
            .then_with(|| fold(&a.employer.name).cmp(&fold(&b.employer.name)))
    });
    for row in rows.iter_mut().take(BATCH) {
        row.in_batch = true;
    }
    rows
}

/// Why a contact ranks where it does, most important first (Dalton's contact choice, with a
/// warm tie above all).
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRank {
    pub person: Id,
    pub name: String,
    pub warm: bool,
    pub shared_affiliation: Option<String>,
    pub same_work: bool,
    /// One or two seniority levels above mine.
    pub levels_above: bool,
    pub strength: f64,
}

impl ContactRank {
    /// The reasons in words, for the list.
    pub fn reasons(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.warm {
            out.push("warm tie".to_string());
        }
        if let Some(a) = &self.shared_affiliation {
            out.push(format!("shares {a}"));
        }
        if self.same_work {
            out.push("does the work you want".to_string());
        }
        if self.levels_above {
            out.push("1–2 levels above you".to_string());
        }
        out.push(format!("strength {:.0}", self.strength));
        out
    }
}

/// The people I know at an employer, best contact first.
pub fn rank_contacts(network: &Network, employer_name: &str, today: chrono::NaiveDate) -> Vec<ContactRank> {
    let me = &network.profile;
    let my_affiliations: Vec<String> = me.affiliations.iter().map(|a| fold(a)).collect();
    let target_words: Vec<String> = fold(&format!("{} {}", me.target_narrow, me.role))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
        .map(str::to_string)
        .collect();
    let mut ranks: Vec<ContactRank> = people_at(network, employer_name)
        .into_iter()
        .map(|p| {
            let shared_affiliation = p.affiliations.iter().find(|a| my_affiliations.contains(&fold(a))).cloned();
            let role = fold(&p.role);
            let same_work = target_words.iter().any(|w| role.contains(w.as_str()));
            let levels_above = match (p.seniority, me.seniority) {
                (Some(theirs), Some(mine)) => {
                    let gap = theirs as i32 - mine as i32;
                    gap == 1 || gap == 2
                }
                _ => false,
            };
            ContactRank {
                person: p.id,
                name: p.name.clone(),
                warm: p.origin.is_some_and(Origin::is_warm),
                shared_affiliation,
                same_work,
                levels_above,
                strength: tie_strength(network.interactions_of(&p.id), today, &network.settings.metrics).score(),
            }
        })
        .collect();
    crate::order::sort_by(&mut ranks, |a, b| {
        (b.warm, b.shared_affiliation.is_some(), b.same_work, b.levels_above)
            .cmp(&(a.warm, a.shared_affiliation.is_some(), a.same_work, a.levels_above))
            .then_with(|| b.strength.total_cmp(&a.strength))
            .then_with(|| a.name.cmp(&b.name))
    });
    ranks
}

//! The method's words made plain. Screens say what a term means first ("replied quickly"),
//! with the method's own word as a secondary label, a one-line explanation on demand, and
//! this glossary behind it.

/// One term of the method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Stable key, used in links (`#/glossary`) and by the screens.
    pub key: &'static str,
    /// The method's word.
    pub term: &'static str,
    /// What it means, in plain words: what the screens say first.
    pub plain: &'static str,
    /// One line of explanation.
    pub explain: &'static str,
    /// Where it comes from.
    pub source: &'static str,
}

const DALTON: &str = "Steve Dalton, The 2-Hour Job Search";

/// Every term, in the order the glossary lists them.
pub const TERMS: &[Term] = &[
    Term {
        key: "lamp",
        term: "LAMP list",
        plain: "Target employers, ranked",
        explain: "A fast list of about 40 employers, scored on Advocacy, Motivation and Posting, ranked by motivation, then posting, then advocacy. The top five are where you start.",
        source: DALTON,
    },
    Term {
        key: "batch",
        term: "Batch",
        plain: "Your first five",
        explain: "The top five employers of the ranked list: work on them in parallel, one contact at a time at each.",
        source: DALTON,
    },
    Term {
        key: "advocacy",
        term: "Advocacy",
        plain: "Someone there who could help",
        explain: "Yes when you know anyone at the employer (found from your network, or set by hand). The first edition called it Alumni.",
        source: DALTON,
    },
    Term {
        key: "motivation",
        term: "Motivation",
        plain: "How much you want to work there",
        explain: "A gut score: 3 high, 2 medium, 1 low, 0 don't know. Fast, not researched.",
        source: DALTON,
    },
    Term {
        key: "posting",
        term: "Posting",
        plain: "A relevant job posted",
        explain: "3 a relevant posting, 2 a semi-relevant one, 1 none.",
        source: DALTON,
    },
    Term {
        key: "3b7",
        term: "3B7",
        plain: "Follow up in 3 and 7 working days",
        explain: "After writing to someone: no reply in 3 working days, write to a second person at the same employer; no reply in 7, follow up with the first.",
        source: DALTON,
    },
    Term {
        key: "booster",
        term: "Booster",
        plain: "Replied quickly",
        explain: "Replied within 3 working days. Boosters like helping; about one contact in five is one. Aim your outreach at them.",
        source: DALTON,
    },
    Term {
        key: "obligate",
        term: "Obligate",
        plain: "Replied late",
        explain: "Replied after 3 working days, out of duty more than interest; they tend to help less.",
        source: DALTON,
    },
    Term {
        key: "curmudgeon",
        term: "Curmudgeon",
        plain: "Never replied",
        explain: "No reply at all. Don't take it personally: move on to the next contact.",
        source: DALTON,
    },
    Term {
        key: "six_point",
        term: "6-Point Email",
        plain: "A short request for advice",
        explain: "Under 75 words; asks for insight and advice, never a job; states your connection first; ends in a question; says your interest narrowly and broadly; is more about them than you.",
        source: DALTON,
    },
    Term {
        key: "tiara",
        term: "TIARA",
        plain: "Questions to ask: trends, insights, advice, resources, assignments",
        explain: "Five kinds of question for an informational interview, in that order: what is changing in their field, what surprised them, what they would do in your place, whom or what to look into, what their work involves.",
        source: DALTON,
    },
    Term {
        key: "tie_strength",
        term: "Tie strength",
        plain: "How close you are, 0 to 100",
        explain: "Built from recency, frequency, how long you have known each other, reciprocity and the depth of the channel, each part shown.",
        source: "Granovetter (1973); Gilbert & Karahalios (2009)",
    },
    Term {
        key: "half_life",
        term: "Half-life",
        plain: "How fast a tie cools",
        explain: "The number of days after which the recency part of tie strength has halved without contact.",
        source: "Gilbert & Karahalios (2009)",
    },
    Term {
        key: "dunbar",
        term: "Dunbar layers",
        plain: "Circles of closeness: about 5, 15, 50 and 150 people",
        explain: "People fall into circles by tie strength; an empty or overcrowded inner circle is worth a look.",
        source: "Robin Dunbar",
    },
    Term {
        key: "dormant",
        term: "Dormant tie",
        plain: "A close tie gone quiet",
        explain: "Someone you were close to and have not been in touch with for a year. Reconnecting brings more new information than current ties, and trust survives the gap.",
        source: "Levin, Walter & Murnighan (2011)",
    },
    Term {
        key: "give_first",
        term: "Give first",
        plain: "Help before you ask",
        explain: "Share, introduce, congratulate and help before asking for anything; contact only when you need a job reads as transactional.",
        source: "The source text",
    },
];

/// The term with this key.
pub fn term(key: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.key == key)
}

//! A deterministic synthetic network at the scale of a real one (the source text's 5,000
//! connections), for benchmarks: the native Insights benchmark now, the browser benchmark later.

use crate::id::Id;
use crate::interaction::{Channel, Exchange, Initiator, Interaction, Purpose};
use crate::network::Network;
use crate::person::{Origin, Person, PersonFields, Seniority, Source};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// How big the synthetic network is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub people: usize,
    pub interactions: usize,
    pub companies: usize,
    pub years: u32,
}

/// 5,000 people, 20,000 interactions, 400 companies over 6 years.
pub const REAL_NETWORK: Scale = Scale { people: 5000, interactions: 20_000, companies: 400, years: 6 };

const WORDS: &[&str] = &[
    "talked",
    "about",
    "the",
    "new",
    "team",
    "roadmap",
    "hiring",
    "data",
    "platform",
    "café",
    "conference",
    "Zürich",
    "intro",
    "résumé",
    "mentoring",
    "quarter",
    "launch",
    "feedback",
    "portfolio",
    "meetup",
    "strategy",
    "naïve",
    "budget",
    "customer",
    "research",
    "offsite",
    "promotion",
    "climate",
    "analytics",
    "design",
];

fn text(rng: &mut fastrand::Rng, target: usize) -> String {
    let mut out = String::with_capacity(target + 12);
    while out.chars().count() < target {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(WORDS[rng.usize(..WORDS.len())]);
    }
    out
}

/// Builds the network. Ids come from a counter, so the result is the same on every run.
pub fn synthetic_network(scale: Scale, today: NaiveDate, now: DateTime<Utc>) -> Network {
    let mut rng = fastrand::Rng::with_seed(0x00C0_FFEE);
    let mut network = Network::default();
    network.profile.organisation = "Company 0".into();
    network.profile.seniority = Some(Seniority::Mid);
    let mut counter = 0u64;
    let mut next_id = || {
        counter += 1;
        let mut bytes = [0u8; 9];
        bytes[..8].copy_from_slice(&counter.to_be_bytes());
        Id::from_entropy(bytes)
    };
    let days = i64::from(scale.years) * 365;
    let mut ids = Vec::with_capacity(scale.people);
    for n in 0..scale.people {
        let rich = rng.u8(..10) < 3;
        let fields = PersonFields {
            name: format!("Person {n} Ñandú"),
            company: format!("Company {}", rng.usize(..scale.companies.max(1))),
            role: ["Engineer", "Analyst", "Manager", "Designer", "Recruiter"][rng.usize(..5)].into(),
            department: ["Engineering", "Analytics", "Product", "Design", "People"][rng.usize(..5)].into(),
            seniority: Some(Seniority::ALL[rng.usize(..Seniority::ALL.len())]),
            affiliations: Vec::new(),
            location: String::new(),
            email: if rich { format!("person{n}@example.com") } else { String::new() },
            phone: String::new(),
            profile_url: if rich { format!("https://www.linkedin.com/in/person-{n}") } else { String::new() },
            tags: if rich { vec!["synthetic".into()] } else { Vec::new() },
            origin: Some(Origin::ALL[rng.usize(..Origin::ALL.len())]),
            introduced_by: None,
            knows_my_work: rng.u8(..10) < 2,
            cadence_days: if rng.u8(..10) < 2 { Some(90) } else { None },
            notes: {
                let len = 60 + rng.usize(..120);
                text(&mut rng, len)
            },
        };
        let id = next_id();
        let person = Person::new(id.clone(), fields, Source::Imported, now);
        network.people.insert(id.clone(), crate::network::PersonSlot::Live(person));
        ids.push(id);
    }
    for _ in 0..scale.interactions {
        let person = ids[rng.usize(..ids.len())].clone();
        let interaction = Interaction {
            id: next_id(),
            person: person.clone(),
            date: today - Duration::days(rng.i64(0..days)),
            channel: Channel::ALL[rng.usize(..Channel::ALL.len())],
            topic: text(&mut rng, 20),
            started_by: if rng.bool() { Initiator::Me } else { Initiator::Them },
            purpose: Purpose::ALL[rng.usize(..Purpose::ALL.len())],
            notes: {
                let len = 60 + rng.usize(..120);
                text(&mut rng, len)
            },
            exchange: if rng.u8(..20) == 0 { Exchange::Nudge } else { Exchange::Regular },
            created: now,
            updated: now,
        };
        network.shards.entry(person).or_default().live.push(interaction);
    }
    for shard in network.shards.values_mut() {
        shard.live.sort_by_key(|i| (i.date, i.created));
    }
    network
}

//! A deterministic synthetic network at the scale of a real one (the source text's 5,000
//! connections), for benchmarks: the native Insights benchmark now, the browser benchmark later.

// Generators index their own fixed tables with indices drawn below the tables' lengths;
// no user data is indexed here.
#![allow(clippy::indexing_slicing)]

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
    pub interviews: usize,
    pub drafts: usize,
    /// In how many of ten people and interactions there are notes (60 to 180 characters):
    /// 10 for the first tier; the large tier, mostly imported, is light on notes.
    pub noted_in_ten: u8,
}

/// 5,000 people, 20,000 interactions, 300 interviews and 200 drafts, 400 companies over 6
/// years. The first person has 50 interactions (the "open a person" benchmark).
pub const REAL_NETWORK: Scale = Scale {
    people: 5000,
    interactions: 20_000,
    companies: 400,
    years: 6,
    interviews: 300,
    drafts: 200,
    noted_in_ten: 10,
};

/// The second benchmark tier (issue 19): LinkedIn's limit of 30,000 connections, as a
/// recruiter's network is: 60,000 interactions, 2,400 companies over 6 years, notes on one
/// person and one interaction in ten. The first person still has 50 interactions.
pub const LARGE_NETWORK: Scale = Scale {
    people: 30_000,
    interactions: 60_000,
    companies: 2400,
    years: 6,
    interviews: 300,
    drafts: 200,
    noted_in_ten: 1,
};

/// The person with [`BUSY_INTERACTIONS`] interactions: the first one generated.
pub const BUSY_PERSON: usize = 0;
pub const BUSY_INTERACTIONS: usize = 50;

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

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chidi", "Dana", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kemal", "Lena", "Mateo", "Nadia",
    "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoë", "Amara",
    "Bruno", "Carmen", "Dmitri", "Esther", "Farah", "Gustav", "Hana", "Ivan", "Jia", "Kofi", "Lucía", "Mirela", "Noor",
    "Olu", "Pablo", "Rahel", "Sanjay", "Talia", "Ugo", "Vera", "Wiktor", "Yara", "Zeynep",
];
const LAST: &[&str] = &[
    "Okafor",
    "Müller",
    "Silva",
    "Chen",
    "Novak",
    "Haddad",
    "Kowalski",
    "Tanaka",
    "Ørsted",
    "García",
    "Mensah",
    "Ivanova",
    "Larsen",
    "Nakamura",
    "Pereira",
    "Rossi",
    "Schmidt",
    "Yilmaz",
    "Dubois",
    "Costa",
    "Fischer",
    "Moreau",
    "Andersen",
    "Kaur",
    "Lindqvist",
    "Mbeki",
    "Nguyen",
    "O'Brien",
    "Petrov",
    "Quispe",
    "Romero",
    "Sato",
    "Takahashi",
    "Usman",
    "Varga",
    "Weber",
    "Xu",
    "Yamamoto",
    "Zielinski",
    "Abebe",
    "Bianchi",
    "Castillo",
    "Dlamini",
    "Eriksen",
    "Fontaine",
    "Gómez",
    "Horvat",
    "Ibrahim",
    "Jansen",
    "Kim",
    "Lopes",
    "Mahlangu",
    "Nieminen",
    "Ortiz",
    "Park",
    "Quintero",
    "Rahman",
    "Sokolov",
    "Toure",
    "Ueda",
    "Vasquez",
    "Wójcik",
    "Yadav",
    "Zhou",
    "Ahmed",
    "Berg",
    "Cruz",
    "Demir",
    "Ekström",
    "Ferrari",
    "Grant",
    "Hansen",
    "Igwe",
    "Jovanović",
    "Kruger",
    "Lee",
    "Moretti",
    "Nowak",
    "Olsen",
    "Popescu",
    "Reyes",
    "Santos",
    "Tran",
    "Ulloa",
    "Volkov",
    "Walsh",
    "Young",
    "Zapata",
];

/// A realistic, distinct name for person `n`: first and last names from lists of 50 and 88
/// (4,400 pairs), then a middle initial for the rest.
fn person_name(n: usize) -> String {
    let first = FIRST[n % FIRST.len()];
    let last = LAST[(n / FIRST.len()) % LAST.len()];
    let round = n / (FIRST.len() * LAST.len());
    if round == 0 {
        format!("{first} {last}")
    } else {
        let initial = char::from(b'A' + (round as u8 - 1) % 26);
        format!("{first} {initial}. {last}")
    }
}

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
            name: person_name(n),
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
            // The first tier draws no extra number, so its network stays what it was.
            notes: if scale.noted_in_ten >= 10 || rng.u8(..10) < scale.noted_in_ten {
                let len = 60 + rng.usize(..120);
                text(&mut rng, len)
            } else {
                String::new()
            },
        };
        let id = next_id();
        let person = Person::new(id, fields, Source::Imported, now);
        network.people.put(crate::network::PersonSlot::Live(person));
        ids.push(id);
    }
    for n in 0..scale.interactions {
        // The first person gets exactly the first 50; nobody else is drawn for them.
        let person = if n < BUSY_INTERACTIONS.min(scale.interactions) {
            ids[BUSY_PERSON]
        } else {
            ids[1 + rng.usize(..ids.len().saturating_sub(1).max(1))]
        };
        let interaction = Interaction {
            id: next_id(),
            person,
            date: today - Duration::days(rng.i64(0..days)),
            channel: Channel::ALL[rng.usize(..Channel::ALL.len())],
            topic: text(&mut rng, 20),
            started_by: if rng.bool() { Initiator::Me } else { Initiator::Them },
            purpose: Purpose::ALL[rng.usize(..Purpose::ALL.len())],
            notes: if scale.noted_in_ten >= 10 || rng.u8(..10) < scale.noted_in_ten {
                let len = 60 + rng.usize(..120);
                text(&mut rng, len)
            } else {
                String::new()
            },
            exchange: if rng.u8(..20) == 0 { Exchange::Nudge } else { Exchange::Regular },
            created: now,
            updated: now,
        };
        network.shards.entry(person).or_default().live.push(interaction);
    }
    for shard in network.shards.values_mut() {
        crate::record::sort_interactions(&mut shard.live);
    }
    add_pipeline(&mut network, &ids, scale, &mut rng, &mut next_id, today, now);
    network
}

/// Target employers, informational interviews at every stage, and open drafts.
fn add_pipeline(
    network: &mut Network,
    ids: &[Id],
    scale: Scale,
    rng: &mut fastrand::Rng,
    next_id: &mut dyn FnMut() -> Id,
    today: NaiveDate,
    now: DateTime<Utc>,
) {
    use crate::drafter::{Draft, MessageChannel, TemplateKind};
    use crate::network::Slot;
    use crate::planner::employer::{Employer, EmployerFields};
    use crate::planner::interview::Interview;
    if ids.is_empty() {
        return;
    }
    let employers: Vec<Id> = (0..40.min(scale.companies))
        .map(|n| {
            let id = next_id();
            let fields = EmployerFields {
                name: format!("Company {n}"),
                motivation: rng.u8(..4),
                posting: rng.u8(..4),
                advocacy: None,
                notes: text(rng, 40),
            };
            network.employers.put(Slot::Live(Employer::new(id, fields, now)));
            id
        })
        .collect();
    for n in 0..scale.interviews {
        let id = next_id();
        let person = ids[rng.usize(..ids.len())];
        let mut iv = Interview::new(id, person, employers.get(n % employers.len().max(1)).cloned(), now);
        let sent = today - Duration::days(rng.i64(1..days_in(scale)));
        let stage = rng.u8(..5);
        iv.outreach_sent = Some(sent);
        if stage >= 1 {
            iv.replied = Some(sent + Duration::days(3));
        }
        if stage >= 2 {
            iv.held = Some(sent + Duration::days(10));
            iv.prep.research = text(rng, 120);
            iv.prep.goals = text(rng, 60);
        }
        if stage >= 3 {
            iv.thanked = Some(sent + Duration::days(11));
        }
        network.interviews.put(Slot::Live(iv));
    }
    let kinds = [TemplateKind::Reconnect, TemplateKind::InfoRequest, TemplateKind::ThankYou];
    for n in 0..scale.drafts {
        let id = next_id();
        let draft = Draft {
            id,
            person: ids[rng.usize(..ids.len())],
            kind: kinds[n % kinds.len()],
            channel: MessageChannel::Email,
            subject: text(rng, 30),
            body: text(rng, 400),
            other: None,
            created: now,
            updated: now,
        };
        network.drafts.put(Slot::Live(draft));
    }
}

fn days_in(scale: Scale) -> i64 {
    (i64::from(scale.years) * 365).max(2)
}

/// The people of a network as LinkedIn would export them: `Connections.csv` with the notes
/// preamble, a byte-order mark and CRLF line ends. For the import benchmarks.
/// The same people under other names, addresses and profiles: people not in `network` yet,
/// for import benchmarks (a preview finds every one new).
pub fn newcomers(network: &Network) -> Network {
    let mut out = network.clone();
    for (n, slot) in out.people.values_mut().enumerate() {
        if let crate::PersonSlot::Live(p) = slot {
            p.name = format!("{} Newcombe", p.name);
            p.email = p.email.replace("person", "newcomer");
            p.profile_url = format!("https://www.linkedin.com/in/newcomer-{n}");
        }
    }
    out
}

pub fn linkedin_connections_csv(network: &Network) -> String {
    let mut out = String::from(
        "\u{feff}Notes:\r\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n",
    );
    let quote = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    for p in network.live_people() {
        let (first, last) = p.name.split_once(' ').unwrap_or((p.name.as_str(), ""));
        let connected = p.connected_on.unwrap_or(p.created.date_naive()).format("%d %b %Y").to_string();
        let url = if p.profile_url.is_empty() {
            format!("https://www.linkedin.com/in/{}", p.id.as_str().to_lowercase())
        } else {
            p.profile_url.clone()
        };
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\r\n",
            quote(first),
            quote(last),
            quote(&url),
            quote(&p.email),
            quote(&p.company),
            quote(&p.role),
            connected
        ));
    }
    out
}

/// Another device's copy of `network`, changed on its own for the sync benchmark: 200
/// people's companies edited, 50 people deleted, 500 interactions logged, all after `now`.
pub fn diverged_copy(network: &Network, today: NaiveDate, now: DateTime<Utc>) -> Network {
    let mut other = network.clone();
    let ids: Vec<Id> = network.live_people().map(|p| p.id).collect();
    for (n, id) in ids.iter().skip(1000).take(200).enumerate() {
        if let Some(p) = other.person(id) {
            let mut f = p.fields();
            f.company = format!("Laptop Co {n}");
            let _ = other.update_person(id, f, now + chrono::Duration::seconds(n as i64 + 1));
        }
    }
    for id in ids.iter().skip(1300).take(50) {
        let _ = other.delete_person(id, now + chrono::Duration::seconds(300));
    }
    for (n, person) in ids.iter().skip(2000).take(500).enumerate() {
        if let Ok(fields) = crate::input::InteractionInput::new_for(today).validate(today) {
            if let Ok(id) = Id::parse(&format!("L{n:011}")) {
                let _ = other.log_interaction(id, person, fields, now + chrono::Duration::seconds(400));
            }
        }
    }
    other
}

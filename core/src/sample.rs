//! The sample network: about 60 people and 300 interactions over two years, generated
//! from a fixed seed relative to today, so it never goes stale. Every origin, purpose and
//! channel appears, and some people work at my own organisation. Every record is marked
//! [`Source::Sample`] so the whole sample can be removed in one action.

// Generators index their own fixed tables with indices drawn below the tables' lengths;
// no user data is indexed here.
#![allow(clippy::indexing_slicing)]

use crate::id::Id;
use crate::interaction::{Channel, Exchange, Initiator, Interaction, Purpose};
use crate::network::{ChangeError, Network, Touched};
use crate::person::{Origin, Person, PersonFields, Seniority, Source};
use chrono::{DateTime, Duration, NaiveDate, Utc};

pub const SAMPLE_PEOPLE: usize = 60;
pub const SAMPLE_INTERACTIONS: usize = 300;
const SEED: u64 = 0x5a4d_504c_4552_4150;
/// The organisation used when my profile names none.
pub const SAMPLE_ORGANISATION: &str = "Northwind Labs";

const FIRST: &[&str] = &[
    "Ada", "Bongani", "Chloé", "Dmitri", "Esi", "Farah", "Giulia", "Hiroshi", "Ines", "Jamal", "Kalani", "Léa",
    "Mateo", "Nadia", "Olu", "Priya", "Quentin", "Rosa", "Søren", "Tamar", "Uchenna", "Valeria", "Wen", "Ximena",
    "Yusuf", "Zoë", "Aroha", "Björn", "Camila", "Darius", "Elif", "Fionn", "Grace", "Hamid", "Isla", "José",
];
const LAST: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Petrov",
    "Mensah",
    "Haddad",
    "Rossi",
    "Tanaka",
    "Ferreira",
    "Bakr",
    "Kealoha",
    "Dubois",
    "García",
    "Nowak",
    "Adeyemi",
    "Raman",
    "Lefèvre",
    "Santos",
    "Østergaard",
    "Levi",
    "Eze",
    "Castillo",
    "Zhang",
    "Ortega",
    "Demir",
    "Walsh",
    "Ngata",
    "Łukasik",
    "Pereira",
    "Farahani",
];
const COMPANIES: &[&str] = &[
    "Brightline Health",
    "Cobalt Analytics",
    "Meridian Bank",
    "Juniper Robotics",
    "Tidewater Energy",
    "Lumen Media",
    "Atlas Logistics",
    "Fernwood University",
    "Quill & Vine Publishing",
    "Harbour City Council",
];
const ROLES: &[(&str, &str)] = &[
    ("Data Analyst", "Analytics"),
    ("Product Manager", "Product"),
    ("Software Engineer", "Engineering"),
    ("UX Researcher", "Design"),
    ("Marketing Lead", "Marketing"),
    ("Head of Data", "Analytics"),
    ("Recruiter", "People"),
    ("Finance Partner", "Finance"),
    ("Operations Manager", "Operations"),
    ("Engineering Manager", "Engineering"),
    ("Customer Success Manager", "Customer Success"),
    ("Policy Advisor", "Strategy"),
];
const SCHOOLS: &[&str] = &["Fernwood University", "City Polytechnic", "Women in Data", "Product Guild", "Toastmasters"];
const TAGS: &[&str] = &["mentor", "hiring", "analytics", "fintech", "climate", "design", "alumni", "speaker"];
const CITIES: &[&str] = &["London", "Lisbon", "Toronto", "Auckland", "Berlin", "Nairobi", "Singapore", "Austin"];
/// Topics that fit each purpose, so the sample reads like a real timeline.
fn topics(purpose: Purpose) -> &'static [&'static str] {
    match purpose {
        Purpose::GaveHelp => {
            &["Reviewed their portfolio", "Helped debug a dashboard", "Gave feedback on their talk draft"]
        }
        Purpose::GaveResource => &["Shared an article on data contracts", "Sent a list of climate-tech meetups"],
        Purpose::GaveIntroduction => {
            &["Introduced them to a recruiter friend", "Connected them with a designer I know"]
        }
        Purpose::GaveCongratulations => {
            &["Congratulated them on the promotion", "Congratulated them on their work anniversary"]
        }
        Purpose::GaveRecommendation => &["Recommended them on LinkedIn", "Endorsed them for stakeholder management"],
        Purpose::AskedAdvice => {
            &["Asked for advice on moving into product", "Asked how they prepared for a staff role"]
        }
        Purpose::AskedIntroduction => &["Asked for an introduction to their head of data"],
        Purpose::AskedReferral => &["Asked about a referral for an open role"],
        Purpose::AskedFavour => &["Asked them to review my CV", "Asked to borrow their interview notes"],
        Purpose::CatchUp => {
            &["Coffee catch-up about their new team", "Swapped notes on a meetup", "Commented on their conference talk"]
        }
        Purpose::InformationalInterview => {
            &["Informational interview about their role", "Talked about trends in climate tech"]
        }
    }
}
const NOTES: &[&str] = &[
    "Prefers short messages; replies fastest on Tuesday mornings.",
    "Mentioned they are hiring two analysts next quarter.",
    "Very generous with time. Suggested I speak to their manager.",
    "Working on a migration to a new warehouse; sounded stretched.",
    "Has a daughter starting university — ask how it went.",
    "",
    "Recommended the book “Thinking in Systems”.",
    "",
];

/// Builds the sample people and interactions. `new_id` hands out fresh ids; the profile's
/// organisation (or [`SAMPLE_ORGANISATION`]) is where the current colleagues work.
pub fn sample_records(
    organisation: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
    new_id: &mut dyn FnMut() -> Id,
) -> (Vec<Person>, Vec<Interaction>) {
    let mut rng = fastrand::Rng::with_seed(SEED);
    let organisation = if organisation.trim().is_empty() { SAMPLE_ORGANISATION } else { organisation.trim() };
    let mut people: Vec<Person> = Vec::with_capacity(SAMPLE_PEOPLE);
    for n in 0..SAMPLE_PEOPLE {
        // Cycle through every origin first so each one is represented.
        let origin = Origin::ALL[n % Origin::ALL.len()];
        let (role, department) = ROLES[rng.usize(..ROLES.len())];
        let company = if origin == Origin::CurrentColleague || n % 9 == 4 {
            organisation.to_string()
        } else {
            COMPANIES[rng.usize(..COMPANIES.len())].to_string()
        };
        let first = FIRST[n % FIRST.len()];
        let last = LAST[(n * 7 + 3) % LAST.len()];
        let mut affiliations = Vec::new();
        if matches!(origin, Origin::Classmate) || rng.u8(..4) == 0 {
            affiliations.push(SCHOOLS[rng.usize(..SCHOOLS.len())].to_string());
        }
        let tags: Vec<String> = if rng.u8(..10) < 4 {
            let mut t = vec![TAGS[rng.usize(..TAGS.len())].to_string()];
            let second = TAGS[rng.usize(..TAGS.len())].to_string();
            if !t.contains(&second) {
                t.push(second);
            }
            t
        } else {
            Vec::new()
        };
        let introduced_by =
            (origin == Origin::Introduced && !people.is_empty()).then(|| people[rng.usize(..people.len())].id);
        let fields = PersonFields {
            name: format!("{first} {last}"),
            company,
            role: role.to_string(),
            department: department.to_string(),
            seniority: Some(Seniority::ALL[rng.usize(..Seniority::ALL.len())]),
            affiliations,
            location: CITIES[rng.usize(..CITIES.len())].to_string(),
            email: if n % 3 == 0 { format!("{}.{}@example.com", ascii(first), ascii(last)) } else { String::new() },
            phone: String::new(),
            profile_url: if n % 2 == 0 {
                format!("https://www.linkedin.com/in/{}-{}-example", ascii(first), ascii(last))
            } else {
                String::new()
            },
            tags,
            origin: Some(origin),
            introduced_by,
            knows_my_work: origin.is_warm() && rng.u8(..10) < 6,
            // Cadences go to the people I am in touch with (see the weights below), as they would in life.
            cadence_days: if n % 10 <= 5 {
                [None, Some(30), Some(60), Some(90), Some(180)][rng.usize(..5)]
            } else {
                None
            },
            notes: NOTES[rng.usize(..NOTES.len())].to_string(),
        };
        people.push(Person::new(new_id(), fields, Source::Sample, now));
    }

    // Interactions: a few close ties with many, many people with a handful, some with none.
    let mut interactions = Vec::with_capacity(SAMPLE_INTERACTIONS);
    let weights: Vec<u32> = (0..SAMPLE_PEOPLE)
        .map(|n| match n % 10 {
            0 | 1 => 14,
            2..=5 => 5,
            6 | 7 => 2,
            _ => 0,
        })
        .collect();
    let total: u32 = weights.iter().sum();
    for k in 0..SAMPLE_INTERACTIONS {
        let mut pick = rng.u32(..total);
        let person = weights.iter().position(|w| {
            if pick < *w {
                true
            } else {
                pick -= w;
                false
            }
        });
        let person = &people[person.unwrap_or(0)];
        // Some strong ties went quiet a year or more ago: the dormant ties to reconnect with.
        let quiet = people.iter().position(|p| p.id == person.id).is_some_and(|n| n % 20 == 3);
        let date = if quiet {
            today - Duration::days(i64::from(400 + rng.u32(..330)))
        } else {
            today - Duration::days(i64::from(rng.u32(..730)))
        };
        // Cycle channels and purposes at first so each is represented.
        let channel =
            if k < Channel::ALL.len() { Channel::ALL[k] } else { Channel::ALL[rng.usize(..Channel::ALL.len())] };
        let purpose =
            if k < Purpose::ALL.len() { Purpose::ALL[k] } else { Purpose::ALL[rng.usize(..Purpose::ALL.len())] };
        let started_by = if rng.bool() { Initiator::Me } else { Initiator::Them };
        let exchange = match rng.u8(..20) {
            0 => Exchange::Outreach { replied: false },
            1 => Exchange::Outreach { replied: true },
            2 => Exchange::Nudge,
            _ => Exchange::Regular,
        };
        let exchange = if started_by == Initiator::Them { Exchange::Regular } else { exchange };
        interactions.push(Interaction {
            id: new_id(),
            person: person.id,
            date,
            channel,
            topic: {
                let options = topics(purpose);
                options[rng.usize(..options.len())].to_string()
            },
            started_by,
            purpose,
            notes: NOTES[rng.usize(..NOTES.len())].to_string(),
            exchange,
            created: now,
            updated: now,
        });
    }
    (people, interactions)
}

/// Adds the sample network in one change.
pub fn add_sample(
    network: &mut Network,
    today: NaiveDate,
    now: DateTime<Utc>,
    new_id: &mut dyn FnMut() -> Id,
) -> Result<Touched, ChangeError> {
    // Once: a second click while the first one's module loads, or another tab, would add
    // sixty more invented people.
    if network.live_people().any(|p| p.source == Source::Sample) {
        return Err(ChangeError::NotNow("The sample network is already here.".into()));
    }
    let organisation = network.profile.organisation.clone();
    let (people, interactions) = sample_records(&organisation, today, now, new_id);
    let mut next = network.clone();
    let mut touched = Touched::default();
    for p in people {
        touched = touched.and(next.insert_person(p)?);
    }
    for i in interactions {
        touched = touched.and(next.insert_interaction(i)?);
    }
    touched = touched.and(add_sample_planner(&mut next, today, now, new_id)?);
    *network = next;
    Ok(touched)
}

/// Target employers and interviews at every stage, with prep and debriefs.
fn add_sample_planner(
    network: &mut Network,
    today: NaiveDate,
    now: DateTime<Utc>,
    new_id: &mut dyn FnMut() -> Id,
) -> Result<Touched, ChangeError> {
    use crate::planner::interview::{ActionItem, Debrief, Meeting, Prep, Question, Suggested, Tiara};
    use crate::planner::{EmployerFields, Step};
    let days = |n: i64| today - Duration::days(n);
    let mut touched = Touched::default();
    // (employer, motivation, posting, notes)
    let lamp: [(&str, u8, u8, &str); 8] = [
        ("Cobalt Analytics", 3, 3, "Dream employer: their data platform team."),
        ("Brightline Health", 3, 2, "Hiring analysts in the health-data team."),
        ("Juniper Robotics", 2, 3, ""),
        ("Meridian Bank", 3, 1, "Alumni from Fernwood work here."),
        ("Tidewater Energy", 2, 2, "Trending field: grid storage."),
        ("Lumen Media", 1, 1, ""),
        ("Atlas Logistics", 0, 2, ""),
        ("Quill & Vine Publishing", 1, 3, ""),
    ];
    let mut employers = Vec::new();
    for (name, motivation, posting, notes) in lamp {
        let id = new_id();
        let fields = EmployerFields { name: name.into(), motivation, posting, advocacy: None, notes: notes.into() };
        touched = touched.and(network.add_employer(id, fields, now)?);
        if let Some(crate::network::Slot::Live(e)) = network.employers.get_mut(&id) {
            e.sample = true;
        }
        employers.push((id, name));
    }
    // One person at each employer to approach, or anyone when no one works there.
    let mut used: Vec<Id> = Vec::new();
    let companies = crate::company::Companies::new(&[]);
    let mut pick = |network: &Network, company: &str| -> Option<Id> {
        let at = network
            .live_people()
            .filter(|p| p.source == Source::Sample && !used.contains(&p.id))
            .find(|p| crate::planner::employer::works_at(&companies, p, company))
            .or_else(|| network.live_people().find(|p| p.source == Source::Sample && !used.contains(&p.id)))
            .map(|p| p.id);
        if let Some(id) = &at {
            used.push(*id);
        }
        at
    };
    let steps: [&[(Step, i64)]; 10] = [
        &[],
        &[(Step::OutreachSent, 5)],
        &[(Step::OutreachSent, 11)],
        &[(Step::OutreachSent, 6), (Step::Replied, 5)],
        &[(Step::OutreachSent, 20), (Step::Replied, 18), (Step::Held, 1)],
        &[(Step::OutreachSent, 30), (Step::Replied, 24), (Step::Held, 10), (Step::Thanked, 9)],
        &[(Step::OutreachSent, 70), (Step::Replied, 69), (Step::Held, 60), (Step::Thanked, 59), (Step::UpdateSent, 35)],
        &[(Step::OutreachSent, 15), (Step::Declined, 12)],
        &[(Step::OutreachSent, 40), (Step::FollowedUp, 30), (Step::NoReply, 10)],
        &[(Step::OutreachSent, 4), (Step::Replied, 2)],
    ];
    for (n, plan) in steps.iter().enumerate() {
        let (employer, company) = &employers[n % employers.len()];
        let Some(person) = pick(network, company) else { break };
        let iv = new_id();
        touched = touched.and(network.add_interview(iv, &person, Some(*employer), now)?);
        for (step, ago) in plan.iter() {
            touched = touched.and(network.mark_step(&iv, *step, days(*ago), new_id(), now)?);
        }
        let mut prep = Prep {
            research: "Read their team's engineering blog and last quarter's results.".into(),
            intro: "I'm a data analyst at a logistics company, moving towards product analytics.".into(),
            goals: "Understand how their analysts work with product teams; ask whom else to talk to.".into(),
            questions: vec![],
        };
        for category in [Tiara::Trends, Tiara::Insights, Tiara::Advice, Tiara::Resources, Tiara::Assignments] {
            prep.questions.push(Question {
                category: Some(category),
                text: crate::planner::interview::tiara_bank(category)[0].into(),
            });
        }
        prep.questions.push(Question { category: None, text: "How did you move from analytics into product?".into() });
        touched = touched.and(network.set_prep(&iv, prep, now)?);
        // Interview 3 has an upcoming meeting; the held ones had one.
        let meeting_day = match n {
            3 => Some(today + Duration::days(3)),
            4 => Some(days(1)),
            5 => Some(days(10)),
            6 => Some(days(60)),
            _ => None,
        };
        if let Some(date) = meeting_day {
            let start = date.and_hms_opt(15, 0, 0).unwrap_or_default().and_utc();
            let meeting = Meeting {
                start,
                zone: "Europe/London".into(),
                minutes: 30,
                place: "https://meet.example.com/rapport-sample".into(),
                local_date: Some(date),
            };
            if let Some(crate::network::Slot::Live(i)) = network.interviews.get_mut(&iv) {
                i.meeting = Some(meeting);
            }
        }
        if (4..=6).contains(&n) {
            let debrief = Debrief {
                notes: vec![
                    (Tiara::Trends, "Teams are moving analytics closer to product decisions.".into()),
                    (Tiara::Advice, "Build a small portfolio project on product metrics.".into()),
                    (Tiara::Resources, "Read “Lean Analytics”; join the Product Guild meetups.".into()),
                ],
                key_advice: "build a small portfolio project on product metrics".into(),
                actions: vec![ActionItem {
                    text: "Start the product-metrics portfolio project".into(),
                    due: today + Duration::days(5),
                    done: false,
                }],
                suggested: vec![Suggested {
                    name: "Priya Raman".into(),
                    company: "Juniper Robotics".into(),
                    is_resource: false,
                    added: None,
                }],
                referral_offered: n == 6,
            };
            touched = touched.and(network.set_debrief(&iv, debrief, now)?);
        }
        if let Some(crate::network::Slot::Live(i)) = network.interviews.get_mut(&iv) {
            i.sample = true;
        }
    }
    Ok(touched)
}

fn ascii(text: &str) -> String {
    crate::text::fold(text).chars().filter(char::is_ascii_alphanumeric).collect()
}

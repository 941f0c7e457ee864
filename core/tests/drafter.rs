//! The outreach drafter: templates, filling, every check with passing and failing texts, the
//! referral gate, and "Mark as sent".
mod common;
use common::{day, log, now, person_named, Ids};
use rapport_core::drafter::checks::{run_checks, utf16_len, Draft as CheckDraft, Status};
use rapport_core::drafter::fill::{fill, merge_values, unfilled};
use rapport_core::drafter::templates::phrasings;
use rapport_core::drafter::*;
use rapport_core::*;

const GOOD_REQUEST: &str = "Hi Ada,\n\nWe worked together at Northwind. Your path to Head of Data at Cobalt caught my eye. I'm exploring product analytics, and more broadly data work in finance. Would you be open to a 20-minute chat so you could share your insight and advice?\n\nThank you,\nSam";

/// Runs the checks on a body and returns the status of one check by name.
fn check(kind: TemplateKind, channel: MessageChannel, subject: &str, body: &str, name: &str) -> Status {
    let draft = CheckDraft { kind, channel, subject, body, premium: false, their_name: "Ada", connection_words: &[] };
    let checks = run_checks(&draft);
    checks.iter().find(|c| c.name == name).map(|c| c.status).unwrap_or(Status::NotApplicable)
}

#[test]
fn word_count() {
    use MessageChannel::Email;
    use TemplateKind::*;
    assert_eq!(check(InfoRequest, Email, "s", GOOD_REQUEST, "Word count"), Status::Pass);
    let long = format!("{GOOD_REQUEST} {}", "and more words about you ".repeat(10));
    assert_eq!(check(InfoRequest, Email, "s", &long, "Word count"), Status::Fail);
    assert_eq!(
        check(Reconnect, Email, "s", &"word ".repeat(99), "Word count"),
        Status::Pass,
        "other emails: under 100"
    );
    assert_eq!(check(Reconnect, Email, "s", &"word ".repeat(100), "Word count"), Status::Fail);
    assert_eq!(check(InfoRequest, MessageChannel::LinkedinMessage, "", &long, "Word count"), Status::NotApplicable);
}

#[test]
fn character_count_is_utf16_like_maxlength() {
    use MessageChannel::ConnectionNote as Note;
    use TemplateKind::ConnectionNote;
    assert_eq!(utf16_len("é"), 1);
    assert_eq!(utf16_len("🌿"), 2);
    assert_eq!(check(ConnectionNote, Note, "", &"a".repeat(200), "Character count"), Status::Pass);
    assert_eq!(check(ConnectionNote, Note, "", &"a".repeat(201), "Character count"), Status::Fail);
    assert_eq!(check(ConnectionNote, Note, "", &"é".repeat(200), "Character count"), Status::Pass);
    assert_eq!(
        check(ConnectionNote, Note, "", &format!("{}🌿", "a".repeat(199)), "Character count"),
        Status::Fail,
        "an emoji is two units"
    );
    let premium = CheckDraft {
        kind: ConnectionNote,
        channel: Note,
        subject: "",
        body: &"a".repeat(300),
        premium: true,
        their_name: "",
        connection_words: &[],
    };
    assert!(run_checks(&premium).iter().any(|c| c.name == "Character count" && c.status == Status::Pass));
}

#[test]
fn connection_first_question_and_job_words() {
    use MessageChannel::Email;
    use TemplateKind::*;
    assert_eq!(check(InfoRequest, Email, "s", GOOD_REQUEST, "Connection first"), Status::Pass);
    let buried = GOOD_REQUEST.replace("We worked together at Northwind. ", "");
    assert_eq!(check(InfoRequest, Email, "s", &buried, "Connection first"), Status::Fail);
    assert_eq!(check(InfoRequest, Email, "s", GOOD_REQUEST, "Ends in a question"), Status::Pass);
    let no_question = GOOD_REQUEST.replace("advice?", "advice.");
    assert_eq!(check(InfoRequest, Email, "s", &no_question, "Ends in a question"), Status::Fail);
    assert_eq!(check(InfoRequest, Email, "s", GOOD_REQUEST, "Advice, not a job"), Status::Pass);
    let job = GOOD_REQUEST.replace("insight and advice", "insight, and any job openings");
    assert_eq!(check(InfoRequest, Email, "s", &job, "Advice, not a job"), Status::Fail);
    assert_eq!(
        check(InfoRequest, Email, "s", &GOOD_REQUEST.replace("advice", "résumé"), "Advice, not a job"),
        Status::Fail
    );
    assert_eq!(check(InfoRequest, Email, "", GOOD_REQUEST, "Subject"), Status::Fail);
}

#[test]
fn more_than_half_about_them() {
    use MessageChannel::Email;
    use TemplateKind::*;
    assert_eq!(check(InfoRequest, Email, "s", GOOD_REQUEST, "About them"), Status::Pass);
    let me = "Hi Ada,\n\nWe worked together. I am looking for my next step and I want my career to grow. I think I need advice. Would you help me?";
    assert_eq!(check(InfoRequest, Email, "s", me, "About them"), Status::Fail);
    // Other languages don't crash; the pronoun check simply doesn't apply.
    assert_eq!(
        check(InfoRequest, Email, "s", "Olá Ada! Trabalhámos juntos. Podemos conversar?", "About them"),
        Status::NotApplicable
    );
    assert_eq!(
        check(InfoRequest, Email, "s", "こんにちは。一緒に働きました。お話しできますか？", "About them"),
        Status::NotApplicable
    );
}

#[test]
fn give_first_contains_no_ask() {
    use MessageChannel::Email;
    use TemplateKind::*;
    let give =
        "Hi Ada,\n\nI came across this article and thought of you. No need to reply. How is the new team?\n\nSam";
    assert_eq!(check(ShareResource, Email, "s", give, "No ask"), Status::Pass);
    let ask = format!("{give} Could you refer me for the open role?");
    assert_eq!(check(ShareResource, Email, "s", &ask, "No ask"), Status::Fail);
}

fn network() -> (Network, Id, Ids) {
    let mut net = Network::default();
    net.profile.name = "Sam Rivera".into();
    net.profile.role = "Data Analyst".into();
    net.profile.target_narrow = "product analytics".into();
    net.profile.target_broad = "data work in finance".into();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada Okafor");
    let mut f = net.person(&p).unwrap().fields();
    f.company = "Cobalt".into();
    f.role = "Head of Data".into();
    f.origin = Some(Origin::FormerColleague);
    net.update_person(&p, f, now()).unwrap();
    log(&mut net, &mut ids, &p, "2026-11-01", |d| d.topic = "Data contracts".into());
    (net, p, ids)
}

#[test]
fn filling_leaves_only_unknown_fields() {
    let (net, p, _) = network();
    let values = merge_values(&net, &p, None);
    let text = fill("Hi {first_name}, {how_we_know} at {company}; {last_topic}; {advice} {other_name}", &values);
    assert_eq!(text, "Hi Ada, We worked together at Cobalt; data contracts; {advice} {other_name}");
    assert_eq!(unfilled(&text), vec!["advice", "other_name"]);
}

#[test]
fn every_template_fills_and_the_request_passes_its_checks() {
    let (net, p, _) = network();
    let values = merge_values(&net, &p, None);
    for kind in TemplateKind::ALL {
        let list = phrasings(*kind);
        assert!((2..=3).contains(&list.len()), "{kind:?} has 2–3 phrasings");
        for phrasing in list {
            let body = fill(&phrasing.body, &values);
            assert!(!body.contains("{first_name}") && !body.contains("{my_name}"), "{kind:?}: {body}");
        }
    }
    let request = fill(&phrasings(TemplateKind::InfoRequest)[0].body, &values);
    let subject = fill(&phrasings(TemplateKind::InfoRequest)[0].subject, &values);
    let d = CheckDraft {
        kind: TemplateKind::InfoRequest,
        channel: MessageChannel::Email,
        subject: &subject,
        body: &request,
        premium: false,
        their_name: "Ada",
        connection_words: &[],
    };
    let failed: Vec<_> = run_checks(&d).into_iter().filter(|c| c.status == Status::Fail).collect();
    assert!(failed.is_empty(), "the built-in 6-Point Email passes: {failed:?}");
}

#[test]
fn referral_is_gated_on_an_established_relationship() {
    let (mut net, p, mut ids) = network();
    let why = referral_gate(&net, &p, day("2026-11-25")).unwrap_err();
    assert!(why.contains("Give first"), "{why}");
    log(&mut net, &mut ids, &p, "2026-11-05", |_| {});
    log(&mut net, &mut ids, &p, "2026-11-10", |d| d.started_by = "them".into());
    assert_eq!(referral_gate(&net, &p, day("2026-11-25")), Ok(()));
}

fn draft(net: &mut Network, ids: &mut Ids, person: &Id, kind: TemplateKind) -> Id {
    let id = ids.next();
    let d = Draft {
        id: id,
        person: *person,
        kind,
        channel: MessageChannel::Email,
        subject: "Hello".into(),
        body: "Body text".into(),
        other: None,
        created: now(),
        updated: now(),
    };
    net.save_draft(d, now()).unwrap();
    id
}

#[test]
fn mark_sent_logs_once_through_the_planner_and_keeps_the_text() {
    let (mut net, p, mut ids) = network();
    let d = draft(&mut net, &mut ids, &p, TemplateKind::InfoRequest);
    assert!(net.open_draft(&p, TemplateKind::InfoRequest).is_some());
    let before = net.interactions_of(&p).len();
    let (_, logged) = net.mark_sent(&d, day("2026-11-23"), &mut || ids.next(), now()).unwrap();
    assert_eq!(net.interactions_of(&p).len(), before + 1);
    let i = net.interaction(&p, &logged).unwrap();
    assert_eq!(i.notes, "Subject: Hello\n\nBody text");
    assert!(!i.is_genuine(), "an outreach counts once they reply");
    let iv = net.interviews_with(&p)[0].clone();
    assert_eq!(iv.outreach_sent, Some(day("2026-11-23")), "3B7 timers start");
    assert!(net.open_draft(&p, TemplateKind::InfoRequest).is_none(), "sent drafts close");
    // Marking the same outreach again from the planner logs nothing more.
    net.mark_step(&iv.id, rapport_core::planner::Step::OutreachSent, day("2026-11-23"), ids.next(), now()).unwrap();
    assert_eq!(net.interactions_of(&p).len(), before + 1);
    // A give logs a give.
    let g = draft(&mut net, &mut ids, &p, TemplateKind::ShareResource);
    let (_, logged) = net.mark_sent(&g, day("2026-11-24"), &mut || ids.next(), now()).unwrap();
    assert_eq!(net.interaction(&p, &logged).unwrap().purpose, Purpose::GaveResource);
}

/// Stand-ins for what the user types where Rapport has nothing to fill, as a user would.
const STAND_INS: &[(&str, &str)] = &[
    ("{how_we_know}", "We met at the analytics meetup"),
    ("{advice}", "build a small portfolio project"),
    ("{last_topic}", "pricing experiments"),
    ("{other_name}", "Jordan Lee"),
    ("{introducer}", "Priya Raman"),
    ("{role}", "analytics lead"),
    ("{company}", "Cobalt"),
    ("[link]", "https://example.com/report"),
    ("[role]", "the Senior Analyst opening"),
    ("[what happened]", "two teams asked to see the project"),
    ("[topic]", "pricing experiments"),
    ("[their point]", "testing prices with real customers"),
];

/// A capitalised word in the middle of a sentence where a merge field began a clause
/// ("since We were…"): the filled text reads badly.
fn reads_badly(text: &str) -> Option<String> {
    for pronoun in [" We ", " We'", " You ", " It's ", " It "] {
        for (at, _) in text.match_indices(pronoun) {
            let before = text[..at].trim_end();
            if before.ends_with(|c: char| c.is_lowercase() || c == ',') {
                return Some(format!("“…{}{pronoun}…”", &before[before.len().saturating_sub(20)..]));
            }
        }
    }
    for phrase in ["works on ", "work as an ", "the the "] {
        if text.contains(phrase) {
            return Some(format!("contains “{phrase}”"));
        }
    }
    None
}

/// The method, right: every built-in phrasing of every template, on every channel it fits,
/// filled from the sample network for a range of its people, passes its own checks.
#[test]
fn every_built_in_phrasing_filled_from_the_sample_passes_its_own_checks() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    rapport_core::sample::add_sample(&mut net, day("2026-11-25"), now(), &mut || ids.next()).unwrap();
    let profile = ProfileInput {
        name: "Sam Rivera".into(),
        role: "data analyst".into(),
        affiliations: "University of Leeds".into(),
        organisation: rapport_core::sample::SAMPLE_ORGANISATION.into(),
        target_narrow: "product analytics at fintechs".into(),
        target_broad: "data work in finance".into(),
        ..ProfileInput::default()
    }
    .validate()
    .unwrap();
    net.set_profile(profile, now());
    let people: Vec<Person> = net.live_people().step_by(4).cloned().collect();
    assert!(people.len() >= 12, "a range of sample people");
    let mut failures = Vec::new();
    let mut cases = 0;
    for kind in TemplateKind::ALL {
        for phrasing in phrasings(*kind) {
            for channel in kind.channels() {
                for person in &people {
                    let other = people.iter().find(|o| o.id != person.id).map(|o| o.id);
                    let values = merge_values(&net, &person.id, other.as_ref());
                    let mut subject = fill(&phrasing.subject, &values);
                    let mut body = fill(&phrasing.body, &values);
                    for (from, to) in STAND_INS {
                        subject = subject.replace(from, to);
                        body = body.replace(from, to);
                    }
                    let mut words = net.profile.affiliations.clone();
                    words.push(net.profile.organisation.clone());
                    if let Some(by) = person.introduced_by.and_then(|id| net.person(&id)) {
                        words.push(by.name.clone());
                    }
                    let first = person.name.split_whitespace().next().unwrap_or("");
                    let subject_used = if *channel == MessageChannel::Email { subject.as_str() } else { "" };
                    let draft = CheckDraft {
                        kind: *kind,
                        channel: *channel,
                        subject: subject_used,
                        body: &body,
                        premium: false,
                        their_name: first,
                        connection_words: &words,
                    };
                    cases += 1;
                    let origin = person.origin.map(|o| o.label()).unwrap_or("no origin");
                    for c in run_checks(&draft).into_iter().filter(|c| c.status == Status::Fail) {
                        eprintln!("SWEEP {kind:?} | {} | {channel:?} | {origin} | {}", phrasing.name, c.name);
                        failures.push(format!(
                            "{kind:?} “{}” {channel:?} to {} ({origin}): {} — {}\n{body}",
                            phrasing.name, person.name, c.name, c.why
                        ));
                    }
                    if let Some(bad) = reads_badly(&format!("{subject_used}\n{body}")) {
                        eprintln!("SWEEP {kind:?} | {} | {channel:?} | {origin} | reads badly", phrasing.name);
                        failures.push(format!(
                            "{kind:?} “{}” to {} ({origin}) reads badly: {bad}\n{body}",
                            phrasing.name, person.name
                        ));
                    }
                }
            }
        }
    }
    println!("template sweep: {cases} filled messages checked");
    assert!(
        failures.is_empty(),
        "{} of {cases} fail:\n\n{}",
        failures.len(),
        failures.iter().take(12).cloned().collect::<Vec<_>>().join("\n\n")
    );
}

#[test]
fn bracketed_placeholders_hold_back_sending() {
    use rapport_core::drafter::fill::placeholders;
    assert_eq!(placeholders("See [link] and [what happened]."), ["[link]", "[what happened]"]);
    assert_eq!(placeholders("No brackets, [] or [a\nb] or an [unclosed"), Vec::<String>::new());
    assert_eq!(placeholders("[a [b]"), ["[b]"]);
    // Found by a hostile tester: other placeholder styles pass unnoticed.
    assert_eq!(placeholders("Book a slot: {{calendar}} or <link>. TODO: add date"), ["{{calendar}}", "<link>", "TODO"]);
    assert_eq!(
        placeholders("Hi {first_name}, see you in TODOS and MXXX"),
        Vec::<String>::new(),
        "merge fields and words containing TODO are not placeholders"
    );
    let body = "Hi Ada,\n\nI came across this: [link]. No need to reply; I hope it's useful to you.\n\nSam";
    assert_eq!(
        check(TemplateKind::ShareResource, MessageChannel::Email, "s", body, "Nothing left to fill in"),
        Status::Fail
    );
    let filled = body.replace("[link]", "https://example.com");
    assert_eq!(
        check(TemplateKind::ShareResource, MessageChannel::Email, "s", &filled, "Nothing left to fill in"),
        Status::Pass
    );
}

/// Bug: "{last_topic}" took the topic Rapport logged itself when a message was marked sent
/// ("given your work on asked for an informational interview"), and asks in give-first
/// messages. It is the last topic the user wrote, and never an ask.
#[test]
fn last_topic_is_what_the_user_wrote_never_what_rapport_logged_or_an_ask() {
    let (mut net, p, mut ids) = network();
    log(&mut net, &mut ids, &p, "2026-11-10", |d| {
        d.topic = "Asked about a referral".into();
        d.purpose = Purpose::AskedReferral.key().into();
    });
    let d = draft(&mut net, &mut ids, &p, TemplateKind::InfoRequest);
    net.mark_sent(&d, day("2026-11-23"), &mut || ids.next(), now()).unwrap();
    let values = merge_values(&net, &p, None);
    assert_eq!(values.get("last_topic"), Some("data contracts"), "the topic written on 2026-11-01");
    log(&mut net, &mut ids, &p, "2026-11-24", |d| d.topic = "CV review over coffee".into());
    assert_eq!(
        merge_values(&net, &p, None).get("last_topic"),
        Some("CV review over coffee"),
        "an acronym keeps its case"
    );
}

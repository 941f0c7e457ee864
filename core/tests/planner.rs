//! The interview planner on fixed dates: business days, LAMP order, whom to approach, the
//! pipeline and its interactions, 3B7, Boosters/Obligates/Curmudgeons, and the funnel.
mod common;
use common::{day, now, person_named, Ids};
use rapport_core::planner::*;
use rapport_core::*;

fn check_after(start: &str, n: u32, holidays: &[&str], expected: &str) {
    let holidays: Vec<_> = holidays.iter().map(|h| day(h)).collect();
    assert_eq!(business_days_after(day(start), n, &holidays), day(expected), "{start} + {n} business days");
    assert_eq!(business_days_between(day(start), day(expected), &holidays), n, "{start}..{expected}");
}

#[test]
fn business_days() {
    check_after("2026-11-23", 3, &[], "2026-11-26"); // Monday → Thursday
    check_after("2026-11-26", 3, &[], "2026-12-01"); // Thursday, over a weekend and a month end
    check_after("2026-11-28", 1, &[], "2026-11-30"); // from a Saturday
    check_after("2026-12-29", 7, &[], "2027-01-07"); // over the year end
    check_after("2026-12-29", 7, &["2027-01-01"], "2027-01-08"); // New Year's Day off
    check_after("2026-11-23", 3, &["2026-11-24", "2026-11-25"], "2026-11-30");
    check_after("2026-11-23", 0, &[], "2026-11-23");
    assert_eq!(business_days_between(day("2026-11-30"), day("2026-11-23"), &[]), 0);
    assert!(!is_business_day(day("2026-11-29"), &[]));
}

fn employer(net: &mut Network, ids: &mut Ids, name: &str, motivation: &str, posting: &str, advocacy: &str) -> Id {
    let draft = EmployerInput {
        name: name.into(),
        motivation: motivation.into(),
        posting: posting.into(),
        advocacy: advocacy.into(),
        notes: String::new(),
    };
    let fields = draft.validate(|_| false).unwrap();
    let id = ids.next();
    net.add_employer(id, fields, now()).unwrap();
    id
}

fn set_person(net: &mut Network, id: &Id, edit: impl FnOnce(&mut PersonFields)) {
    let mut f = net.person(id).unwrap().fields();
    edit(&mut f);
    net.update_person(id, f, now()).unwrap();
}

#[test]
fn lamp_order_and_batch() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    employer(&mut net, &mut ids, "Low", "1", "1", "");
    employer(&mut net, &mut ids, "Posting", "3", "3", "no");
    employer(&mut net, &mut ids, "Known", "3", "3", "");
    employer(&mut net, &mut ids, "Unknown motivation", "0", "3", "yes");
    employer(&mut net, &mut ids, "Two", "2", "1", "");
    employer(&mut net, &mut ids, "Three", "3", "1", "");
    let ada = person_named(&mut net, &mut ids, "Ada");
    set_person(&mut net, &ada, |f| f.company = "known".into());
    let rows = lamp_list(&net);
    let names: Vec<&str> = rows.iter().map(|r| r.employer.name.as_str()).collect();
    assert_eq!(names, vec!["Known", "Posting", "Three", "Two", "Low", "Unknown motivation"]);
    assert!(rows[0].advocacy && rows[0].advocacy_automatic);
    assert_eq!(rows[0].known, vec![(ada, "Ada".to_string())]);
    assert!(!rows[1].advocacy, "set by hand to no");
    assert_eq!(rows.iter().filter(|r| r.in_batch).count(), 5);
    assert!(!rows[5].in_batch);
}

#[test]
fn employer_rows_are_validated() {
    let check = |draft: EmployerInput, field: &str| {
        let err = draft.validate(|n| n == "Taken").unwrap_err();
        assert!(err.get(field).is_some(), "{field}: {err}");
    };
    check(EmployerInput { name: " ".into(), ..EmployerInput::new() }, "name");
    check(EmployerInput { name: "Taken".into(), ..EmployerInput::new() }, "name");
    check(EmployerInput { name: "A".into(), motivation: "4".into(), ..EmployerInput::new() }, "motivation");
    check(EmployerInput { name: "A".into(), posting: "0".into(), ..EmployerInput::new() }, "posting");
}

#[test]
fn contacts_rank_warm_then_shared_then_work_then_level_then_strength() {
    let mut net = Network::default();
    net.profile.affiliations = vec!["Fernwood University".into()];
    net.profile.target_narrow = "product analytics".into();
    net.profile.seniority = Some(Seniority::Mid);
    let mut ids = Ids::new();
    let at = |net: &mut Network, ids: &mut Ids, name: &str, edit: &dyn Fn(&mut PersonFields)| {
        let id = person_named(net, ids, name);
        set_person(net, &id, |f| {
            f.company = "Cobalt".into();
            edit(f);
        });
        id
    };
    at(&mut net, &mut ids, "Level", &|f| f.seniority = Some(Seniority::Lead));
    at(&mut net, &mut ids, "Work", &|f| f.role = "Analytics Lead".into());
    at(&mut net, &mut ids, "Warm", &|f| f.origin = Some(Origin::FormerColleague));
    at(&mut net, &mut ids, "Alumna", &|f| f.affiliations = vec!["fernwood university".into()]);
    at(&mut net, &mut ids, "Plain", &|_| {});
    person_named(&mut net, &mut ids, "Elsewhere");
    let ranks = rank_contacts(&net, "cobalt", day("2026-11-25"));
    let names: Vec<&str> = ranks.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["Warm", "Alumna", "Work", "Level", "Plain"]);
    assert_eq!(ranks[1].reasons()[0], "shares fernwood university");
}

struct Plan {
    net: Network,
    ids: Ids,
    iv: Id,
    person: Id,
}

fn plan() -> Plan {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let e = employer(&mut net, &mut ids, "Cobalt", "3", "3", "");
    let person = person_named(&mut net, &mut ids, "Ada");
    let iv = ids.next();
    net.add_interview(iv, &person, Some(e), now()).unwrap();
    Plan { net, ids, iv, person }
}

impl Plan {
    fn step(&mut self, step: Step, date: &str) -> Result<Touched, ChangeError> {
        let id = self.ids.next();
        self.net.mark_step(&self.iv, step, day(date), id, now())
    }
    fn stage(&self) -> PipelineStage {
        self.net.interview(&self.iv).unwrap().stage()
    }
    fn genuine(&self) -> usize {
        self.net.interactions_of(&self.person).iter().filter(|i| i.is_genuine()).count()
    }
}

#[test]
fn pipeline_logs_each_real_step_once() {
    let mut p = plan();
    assert_eq!(p.stage(), PipelineStage::Identified);
    assert!(matches!(p.step(Step::Replied, "2026-11-23"), Err(ChangeError::NotNow(_))), "no reply before outreach");
    let touched = p.step(Step::OutreachSent, "2026-11-23").unwrap();
    assert_eq!(touched.ids(Kind::Shard).len(), 1, "outreach is logged on the timeline");
    assert_eq!((p.net.interactions_of(&p.person).len(), p.genuine()), (1, 0), "unanswered outreach is not genuine");
    p.step(Step::OutreachSent, "2026-11-23").unwrap();
    assert_eq!(p.net.interactions_of(&p.person).len(), 1, "marking twice logs once");
    p.step(Step::Replied, "2026-11-25").unwrap();
    assert_eq!(p.genuine(), 1, "a reply makes the outreach count");
    assert_eq!(p.stage(), PipelineStage::Replied);
    let meeting = Meeting {
        start: now(),
        zone: "Europe/Lisbon".into(),
        minutes: 30,
        place: "https://meet.example.com/x".into(),
        local_date: None,
    };
    p.net.schedule(&p.iv, meeting, now()).unwrap();
    assert_eq!(p.stage(), PipelineStage::Scheduled);
    assert!(matches!(p.step(Step::Thanked, "2026-11-30"), Err(ChangeError::NotNow(_))), "no thanks before the meeting");
    p.step(Step::Held, "2026-11-30").unwrap();
    p.step(Step::Held, "2026-11-30").unwrap();
    assert_eq!(p.stage(), PipelineStage::Done);
    let meeting = p.net.timeline(&p.person)[0].clone();
    assert_eq!((meeting.purpose, meeting.channel), (Purpose::InformationalInterview, Channel::Video));
    assert!(
        matches!(p.step(Step::Thanked, "2026-11-29"), Err(ChangeError::NotNow(_))),
        "thanks before the meeting date"
    );
    p.step(Step::Thanked, "2026-12-01").unwrap();
    p.step(Step::UpdateSent, "2026-12-20").unwrap();
    assert_eq!(p.stage(), PipelineStage::UpdateSent);
    assert_eq!(p.net.interactions_of(&p.person).len(), 4, "outreach, meeting, thanks, update");
    assert_eq!(p.genuine(), 4);
}

#[test]
fn closed_interviews_and_deleted_people_refuse_steps() {
    let mut p = plan();
    p.step(Step::Declined, "2026-11-23").unwrap();
    assert_eq!(p.stage(), PipelineStage::Declined);
    assert!(matches!(p.step(Step::OutreachSent, "2026-11-24"), Err(ChangeError::NotNow(_))));
    p.net.reopen_interview(&p.iv.clone(), now()).unwrap();
    p.net.delete_person(&p.person.clone(), now()).unwrap();
    let err = p.step(Step::OutreachSent, "2026-11-24").unwrap_err();
    assert!(err.to_string().contains("was deleted"), "{err}");
}

#[test]
fn three_b_seven_prompts_on_business_days() {
    let mut p = plan();
    p.step(Step::OutreachSent, "2026-11-26").unwrap(); // a Thursday
    let due =
        |net: &Network, until: &str| planner_due(net, day(until)).iter().map(|d| (d.kind, d.due)).collect::<Vec<_>>();
    assert_eq!(due(&p.net, "2026-11-30"), vec![], "Friday and Monday are only 2 business days");
    assert_eq!(due(&p.net, "2026-12-01"), vec![(DueKind::SecondContact, day("2026-12-01"))]);
    assert_eq!(
        due(&p.net, "2026-12-07"),
        vec![(DueKind::SecondContact, day("2026-12-01")), (DueKind::FollowUp, day("2026-12-07"))]
    );
    // Approaching a second contact at the same employer clears the 3.
    let bo = person_named(&mut p.net, &mut p.ids, "Bo");
    let second = p.ids.next();
    let employer = p.net.interview(&p.iv).unwrap().employer;
    p.net.add_interview(second, &bo, employer, now()).unwrap();
    p.net.mark_step(&second, Step::OutreachSent, day("2026-12-01"), p.ids.next(), now()).unwrap();
    let kinds: Vec<DueKind> = planner_due(&p.net, day("2026-12-07")).iter().map(|d| d.kind).collect();
    assert_eq!(kinds, vec![DueKind::FollowUp]);
    // A reply clears the 7.
    p.step(Step::Replied, "2026-12-02").unwrap();
    assert!(planner_due(&p.net, day("2026-12-07")).iter().all(|d| d.interview != p.iv));
}

#[test]
fn reply_delay_classifies_the_contact() {
    fn check(sent: &str, replied: Option<&str>, nudged: Option<&str>, today: &str, expected: Option<ContactKind>) {
        let mut p = plan();
        p.step(Step::OutreachSent, sent).unwrap();
        if let Some(n) = nudged {
            p.step(Step::FollowedUp, n).unwrap();
        }
        if let Some(r) = replied {
            p.step(Step::Replied, r).unwrap();
        }
        assert_eq!(
            p.net.interview(&p.iv).unwrap().contact_kind(day(today), &[]),
            expected,
            "{sent} {replied:?} {nudged:?}"
        );
    }
    check("2026-11-26", Some("2026-12-01"), None, "2026-12-10", Some(ContactKind::Booster)); // 3 business days
    check("2026-11-26", Some("2026-12-02"), None, "2026-12-10", Some(ContactKind::Obligate)); // 4
    check("2026-11-26", None, Some("2026-12-07"), "2026-12-15", None); // 6 business days after the nudge
    check("2026-11-26", None, Some("2026-12-07"), "2026-12-16", Some(ContactKind::Curmudgeon));
    check("2026-11-26", None, None, "2027-06-01", None);
}

#[test]
fn thanks_and_update_are_due_after_the_meeting() {
    let mut p = plan();
    p.step(Step::Held, "2026-11-30").unwrap();
    let due: Vec<(DueKind, chrono::NaiveDate)> =
        planner_due(&p.net, day("2026-12-31")).iter().map(|d| (d.kind, d.due)).collect();
    assert_eq!(due, vec![(DueKind::Thanks, day("2026-12-01")), (DueKind::Update, day("2026-12-14"))]);
    let f = funnel(&p.net);
    assert_eq!((f.approached, f.outreach_sent, f.meetings_held, f.reply_percent()), (1, 0, 1, 0));
}

/// Regression (hostile test, stop 27): the update's "by" date was written into the text as ISO
/// ("by 2026-12-28") beside locale dates everywhere else. It is kept as a date for the shell.
#[test]
fn the_update_deadline_stays_a_date_for_the_locale() {
    let mut p = plan();
    p.step(Step::Held, "2026-11-30").unwrap();
    let due = planner_due(&p.net, day("2026-12-31"));
    let update = due.iter().find(|d| d.kind == DueKind::Update).unwrap();
    assert!(update.reason.pieces().contains(&rapport_core::phrase::Piece::Date(day("2026-12-28"))));
    assert_eq!(
        update.reason.render(|d| d.format("%-d %B").to_string()),
        "Tell them how you acted on their advice, 2–4 weeks after you met (by 28 December)."
    );
    assert!(update.reason.contains("(by 2026-12-28)"), "plain text keeps ISO: {}", update.reason);
}

#[test]
fn funnel_counts_replies_introductions_and_referrals() {
    let mut p = plan();
    p.step(Step::OutreachSent, "2026-11-23").unwrap();
    p.step(Step::Replied, "2026-11-24").unwrap();
    p.step(Step::Held, "2026-11-30").unwrap();
    let mut debrief = p.net.interview(&p.iv).unwrap().debrief.clone();
    debrief.suggested.push(planner::interview::Suggested {
        name: "Cy".into(),
        company: String::new(),
        is_resource: false,
        added: None,
    });
    debrief.suggested.push(planner::interview::Suggested {
        name: "A book".into(),
        company: String::new(),
        is_resource: true,
        added: None,
    });
    debrief.referral_offered = true;
    p.net.set_debrief(&p.iv.clone(), debrief, now()).unwrap();
    let f = funnel(&p.net);
    assert_eq!(
        (f.outreach_sent, f.replied, f.reply_percent(), f.meetings_held, f.introductions, f.referrals),
        (1, 1, 100, 1, 1, 1)
    );
}

/// Bug: a contact who replied, met and offered a referral stayed "still an acquaintance":
/// no interaction of the interview was "started by them". Their reply and the meeting are
/// exchanges they took part in.
#[test]
fn a_completed_informational_interview_can_make_a_relationship() {
    use rapport_core::insights::{stage, Stage};
    let mut p = plan();
    p.step(Step::OutreachSent, "2026-11-20").unwrap();
    assert_eq!(stage(p.net.interactions_of(&p.person), day("2026-11-30"), 3), Stage::Connection, "no reply yet");
    p.step(Step::Replied, "2026-11-23").unwrap();
    p.step(Step::Held, "2026-11-27").unwrap();
    assert_eq!(stage(p.net.interactions_of(&p.person), day("2026-11-30"), 3), Stage::Acquaintance, "two exchanges");
    p.step(Step::Thanked, "2026-11-28").unwrap();
    assert_eq!(stage(p.net.interactions_of(&p.person), day("2026-11-30"), 3), Stage::Relationship);
}

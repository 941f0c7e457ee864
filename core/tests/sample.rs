//! The sample network.
mod common;
use common::{day, now, Ids};
use rapport_core::sample::{add_sample, SAMPLE_INTERACTIONS, SAMPLE_PEOPLE};
use rapport_core::*;
use std::collections::BTreeSet;

fn sample(today: &str) -> Network {
    let mut net = Network::default();
    let mut ids = Ids::new();
    add_sample(&mut net, day(today), now(), &mut || ids.next()).unwrap();
    net
}

#[test]
fn sample_is_realistic_and_complete() {
    let net = sample("2026-11-25");
    assert_eq!(net.live_count(), SAMPLE_PEOPLE);
    let all: Vec<&Interaction> = net.shards().values().flat_map(|s| s.live.iter()).collect();
    let logged_by_planner: usize = net
        .live_interviews()
        .map(|iv| {
            let l = &iv.logged;
            [&l.outreach, &l.follow_up, &l.meeting, &l.thanks, &l.update].iter().filter(|x| x.is_some()).count()
        })
        .sum();
    assert_eq!(all.len(), SAMPLE_INTERACTIONS + logged_by_planner);
    assert!(net.live_people().all(|p| p.source == Source::Sample));
    let origins: BTreeSet<_> = net.live_people().filter_map(|p| p.origin).collect();
    assert_eq!(origins.len(), Origin::ALL.len(), "every origin");
    let channels: BTreeSet<_> = all.iter().map(|i| i.channel).collect();
    assert_eq!(channels.len(), Channel::ALL.len(), "every channel");
    let purposes: BTreeSet<_> = all.iter().map(|i| i.purpose).collect();
    assert_eq!(purposes.len(), Purpose::ALL.len(), "every purpose");
    let companies: BTreeSet<_> = net.live_people().map(|p| p.company.as_str()).collect();
    assert!(companies.len() >= 6, "several companies");
    assert!(net.live_people().any(|p| p.company == sample::SAMPLE_ORGANISATION), "my organisation");
    let (first, last) = (all.iter().map(|i| i.date).min().unwrap(), all.iter().map(|i| i.date).max().unwrap());
    assert!(first >= day("2024-11-25") && last <= day("2026-11-25"), "two years up to today");
    assert!((last - first).num_days() > 600, "spread over two years");
    assert!(all.iter().any(|i| !i.is_genuine()), "some outreach went unanswered");
    let introduced = net.live_people().filter(|p| p.introduced_by.is_some()).count();
    assert!(introduced > 0, "introductions link to other people");
    assert!(!agenda::keep_in_touch(&net, day("2026-11-25")).is_empty(), "Today has content");
}

#[test]
fn sample_moves_with_today_and_is_deterministic() {
    let a = sample("2026-11-25");
    let b = sample("2030-03-01");
    let latest = |n: &Network| n.shards().values().flat_map(|s| s.live.iter()).map(|i| i.date).max().unwrap();
    assert!(latest(&b) > day("2029-12-01"), "never goes stale");
    // The whole network, every record and field, not only the names (which come from the
    // person's index and so would match even if the generator drew differently each time).
    assert_eq!(a, sample("2026-11-25"), "the same day gives the same network");
    assert_ne!(a, b, "another day moves the dates");
}

#[test]
fn sample_is_removed_in_one_action_and_keeps_my_people() {
    let mut net = sample("2026-11-25");
    let mut ids = Ids::new();
    let mine = common::person_named(&mut net, &mut Ids::new_from(10_000), "My Own");
    let _ = &mut ids;
    let touched = net.remove_sample(now());
    assert_eq!(touched.ids(Kind::Person).len(), SAMPLE_PEOPLE);
    assert_eq!(net.live_people().map(|p| p.id).collect::<Vec<_>>(), vec![mine]);
    assert!(!net.has_sample());
    assert!(net.shards().values().all(|s| s.live.is_empty()));
}

#[test]
fn every_insights_panel_has_content_with_the_sample() {
    let net = sample("2026-11-25");
    let i = insights::insights(&net, day("2026-11-25"));
    assert!(i.headline.relationships > 0, "relationships");
    assert!(i.headline.knows_my_work > 0, "knows my work");
    assert!(i.headline.trend.iter().any(|(_, n)| *n > 0), "trend");
    assert!(i.warmth.warm > 0 && i.warmth.cold > 0, "warm and cold");
    assert!(i.give.gives > 0 && i.give.asks > 0, "gives and asks");
    assert!(!i.give.asked_before_giving.is_empty(), "asked before giving");
    assert!(i.give.recent_asks > 0, "recent asks");
    assert!(i.maintenance.with_cadence > 0, "cadences");
    assert!(!i.maintenance.overdue.is_empty(), "overdue");
    assert!(i.maintenance.heatmap.counts.iter().any(|c| *c > 0), "heatmap");
    assert!(!i.dormant.is_empty(), "dormant ties");
    assert!(i.diversity.companies >= 6 && i.diversity.effective_companies > 3.0, "diversity");
    assert!(!i.diversity.internal.departments.is_empty(), "internal grid");
    assert!(i.layers.iter().any(|l| l.count > 0), "layers");
    assert!(!i.suggestions.is_empty(), "suggestions");
}

#[test]
fn the_planner_has_every_stage_with_the_sample() {
    use rapport_core::planner::*;
    let net = sample("2026-11-25");
    let stages: BTreeSet<PipelineStage> = net.live_interviews().map(|iv| iv.stage()).collect();
    assert_eq!(stages.len(), PipelineStage::ALL.len(), "every stage: {stages:?}");
    assert!(lamp_list(&net).iter().filter(|r| r.in_batch).count() == 5);
    assert!(lamp_list(&net).iter().any(|r| !r.known.is_empty()), "someone known at a target employer");
    let due: BTreeSet<_> = planner_due(&net, day("2026-12-02")).iter().map(|d| format!("{:?}", d.kind)).collect();
    for kind in ["SecondContact", "FollowUp", "Thanks", "Update", "Action"] {
        assert!(due.contains(kind), "{kind} due: {due:?}");
    }
    assert!(!upcoming_meetings(&net, now()).is_empty());
    assert!(net.live_interviews().any(|iv| !iv.debrief.notes.is_empty()));
    let f = funnel(&net);
    assert!(f.outreach_sent > 0 && f.replied > 0 && f.meetings_held > 0 && f.referrals > 0);
}

#[test]
fn removing_the_sample_removes_its_planner_too() {
    let mut net = sample("2026-11-25");
    net.remove_sample(now());
    assert!(!net.has_sample());
    assert_eq!(net.live_employers().count() + net.live_interviews().count(), 0);
}

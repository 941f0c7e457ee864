//! Changes to the network: what they do, and which keys they touch.
mod common;
use chrono::Duration;
use common::{day, log, now, person_named, Ids};
use proptest::prelude::*;
use rapport_core::*;

#[test]
fn genuine_rule() {
    fn check(exchange: Exchange, genuine: bool) {
        let mut net = Network::default();
        let mut ids = Ids::new();
        let p = person_named(&mut net, &mut ids, "Ada");
        let i = log(&mut net, &mut ids, &p, "2026-11-01", |_| {});
        let mut interaction = net.interaction(&p, &i).unwrap().clone();
        interaction.exchange = exchange;
        assert_eq!(interaction.is_genuine(), genuine, "{exchange:?}");
    }
    check(Exchange::Regular, true);
    check(Exchange::Outreach { replied: false }, false);
    check(Exchange::Outreach { replied: true }, true);
    check(Exchange::Nudge, false);
}

#[test]
fn add_touches_one_person_key() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let fields = PersonInput { name: "Ada".into(), ..Default::default() }.validate(|_| false, None).unwrap();
    let id = ids.next();
    let touched = net.add_person(id, fields.clone(), Source::Manual, now()).unwrap();
    assert_eq!(touched, Touched::person(&id));
    assert_eq!(net.add_person(id, fields, Source::Manual, now()), Err(ChangeError::IdInUse));
}

#[test]
fn delete_leaves_tombstones_and_undo_restores_everything() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    let i1 = log(&mut net, &mut ids, &p, "2026-10-01", |_| {});
    let i2 = log(&mut net, &mut ids, &p, "2026-11-01", |_| {});
    let later = now() + Duration::minutes(1);
    let (touched, removed) = net.delete_person(&p, later).unwrap();
    assert_eq!(touched, Touched::person(&p).and(Touched::shard(&p)));
    assert!(net.person(&p).is_none());
    assert!(net.interactions_of(&p).is_empty());
    let gone: Vec<&Id> = net.shard(&p).unwrap().gone.iter().map(|t| &t.id).collect();
    assert_eq!(gone, vec![&i1, &i2]);
    // Deleted ids are never handed out again.
    assert!(net.id_in_use(&p) && net.id_in_use(&i1));

    let undo_at = later + Duration::minutes(1);
    net.restore_person(removed, undo_at);
    assert_eq!(net.person(&p).unwrap().updated, undo_at);
    assert_eq!(net.interactions_of(&p).len(), 2);
    assert!(net.shard(&p).unwrap().gone.is_empty());
}

#[test]
fn timeline_is_newest_first_and_edits_resort() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    let a = log(&mut net, &mut ids, &p, "2026-01-01", |d| d.topic = "a".into());
    let b = log(&mut net, &mut ids, &p, "2026-03-01", |d| d.topic = "b".into());
    let c = log(&mut net, &mut ids, &p, "2026-02-01", |d| d.topic = "c".into());
    let order = |net: &Network| net.timeline(&p).iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(order(&net), vec![b, c, a]);
    let mut fields = net.interaction(&p, &a).unwrap().fields();
    fields.date = day("2026-04-01");
    net.update_interaction(&p, &a, fields, now()).unwrap();
    assert_eq!(order(&net), vec![a, b, c]);
    let (_, removed) = net.delete_interaction(&p, &b, now()).unwrap();
    assert_eq!(order(&net), vec![a, c]);
    net.restore_interaction(removed, now()).unwrap();
    assert_eq!(order(&net), vec![a, b, c]);
}

#[test]
fn changes_to_missing_records_fail_and_change_nothing() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    let before = net.clone();
    let ghost = ids.next();
    let fields = InteractionInput::new_for(day("2026-11-25")).validate(day("2026-11-25")).unwrap();
    assert_eq!(net.log_interaction(ids.next(), &ghost, fields.clone(), now()), Err(ChangeError::NoSuchPerson));
    assert_eq!(net.update_interaction(&p, &ghost, fields, now()), Err(ChangeError::NoSuchInteraction));
    assert_eq!(net.delete_person(&ghost, now()).err(), Some(ChangeError::NoSuchPerson));
    assert_eq!(net, before);
}

#[test]
fn merge_of_person_slots_keeps_the_latest_change() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let p = person_named(&mut net, &mut ids, "Ada");
    let mut theirs = net.person(&p).unwrap().clone();
    theirs.name = "Ada (other tab)".into();
    theirs.updated = now() + Duration::seconds(5);
    assert!(net.merge_person_slot(PersonSlot::Live(theirs.clone())));
    assert_eq!(net.person(&p).unwrap().name, "Ada (other tab)");
    let mut stale = theirs.clone();
    stale.name = "stale".into();
    stale.updated = now();
    assert!(!net.merge_person_slot(PersonSlot::Live(stale)));
    assert_eq!(net.person(&p).unwrap().name, "Ada (other tab)");
}

fn arb_shard(person: Id) -> impl Strategy<Value = Shard> {
    // Records 0..6 with random times and random liveness, drawn from one small id pool so copies overlap.
    prop::collection::vec((0u8..6, 0i64..50, any::<bool>()), 0..8).prop_map(move |records| {
        let mut shard = Shard::default();
        let mut seen = std::collections::BTreeSet::new();
        for (n, minutes, live) in records {
            if !seen.insert(n) {
                continue;
            }
            let id = Id::parse(&format!("R{n:011}")).unwrap();
            let at = now() + Duration::minutes(minutes);
            if live {
                let fields = InteractionInput::new_for(day("2026-11-01")).validate(day("2026-11-25")).unwrap();
                let mut i = Interaction::new(id, person, fields, at);
                i.topic = format!("v{minutes}");
                shard.live.push(i);
            } else {
                shard.gone.push(Tombstone { id, deleted: at });
            }
        }
        shard
    })
}

fn normalised(mut s: Shard) -> Shard {
    s.live.sort_by(|a, b| a.id.cmp(&b.id));
    s.gone.sort_by(|a, b| a.id.cmp(&b.id));
    s
}

proptest! {
    /// Two tabs' copies of a shard merge to the same result whichever merges first.
    #[test]
    fn shard_merge_is_order_independent(a in arb_shard(Id::parse("PPPPPPPPPPPP").unwrap()), b in arb_shard(Id::parse("PPPPPPPPPPPP").unwrap())) {
        let mut ab = a.clone();
        ab.merge(b.clone());
        let mut ba = b.clone();
        ba.merge(a.clone());
        prop_assert_eq!(normalised(ab.clone()), normalised(ba));
        // Every id from either side survives, live or as a tombstone.
        let ids = |s: &Shard| s.live.iter().map(|i| i.id).chain(s.gone.iter().map(|t| t.id)).collect::<std::collections::BTreeSet<_>>();
        let mut both = ids(&a);
        both.extend(ids(&b));
        prop_assert_eq!(ids(&ab), both);
    }

    /// Ids from any entropy are 12 URL-safe characters that parse back.
    #[test]
    fn ids_are_compact_and_parse_back(bytes in any::<[u8; 9]>()) {
        let id = Id::from_entropy(bytes);
        prop_assert_eq!(id.as_str().len(), 12);
        prop_assert_eq!(Id::parse(id.as_str()), Ok(id));
    }

    /// Ids order exactly as their text does (stored maps, exports and merges rely on it),
    /// whatever their length: the order compares numbers, not the text.
    #[test]
    fn ids_order_as_their_text(a in "[A-Za-z0-9_-]{1,12}", b in "[A-Za-z0-9_-]{1,12}") {
        let (x, y) = (Id::parse(&a).unwrap(), Id::parse(&b).unwrap());
        prop_assert_eq!(x.cmp(&y), a.cmp(&b));
        prop_assert_eq!(x.partial_cmp(&y), Some(a.cmp(&b)));
        prop_assert_eq!(x == y, a == b);
    }
}

#[test]
fn the_latest_change_covers_every_kind_and_tombstones() {
    let mut net = Network::default();
    assert_eq!(net.latest_change(), None);
    let mut ids = Ids::new();
    let ada = person_named(&mut net, &mut ids, "Ada");
    assert_eq!(net.latest_change(), Some(now()));
    let later = now() + chrono::Duration::minutes(5);
    net.delete_person(&ada, later).unwrap();
    assert_eq!(net.latest_change(), Some(later), "a deletion is a change");
}

//! The network list: search, filters, sort.
mod common;
use common::{day, log, now, person_named, Ids};
use rapport_core::list::{facets, network_list, ListQuery, SortBy};
use rapport_core::*;

fn network() -> Network {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let ada = person_named(&mut net, &mut ids, "Ada Okafor");
    let jose = person_named(&mut net, &mut ids, "José Ferreira");
    let _zed = person_named(&mut net, &mut ids, "zed Quiet");
    for (id, company, tags, origin) in [
        (&ada, "Cobalt Analytics", "mentor, fintech", Origin::FormerManager),
        (&jose, "Meridian Bank", "hiring", Origin::Cold),
    ] {
        let mut d = PersonInput::from_fields(&net.person(id).unwrap().fields());
        d.company = company.into();
        d.tags = tags.into();
        d.origin = origin.key().into();
        let f = d.validate(|_| true, None).unwrap();
        net.update_person(id, f, now()).unwrap();
    }
    log(&mut net, &mut ids, &ada, "2026-11-20", |d| d.notes = "talked about the warehouse migration".into());
    log(&mut net, &mut ids, &jose, "2026-10-01", |d| d.topic = "Coffee at the café".into());
    net
}

fn check(query: ListQuery, expected: &[&str]) {
    let rows = network_list(&network(), &query, day("2026-11-25"));
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, expected, "{query:?}");
}

fn text(t: &str) -> ListQuery {
    ListQuery { text: t.into(), ..Default::default() }
}

#[test]
fn search_and_filters() {
    check(ListQuery::default(), &["Ada Okafor", "José Ferreira", "zed Quiet"]);
    check(text("jose"), &["José Ferreira"]);
    check(text("CAFE"), &["José Ferreira"]);
    check(text("warehouse"), &["Ada Okafor"]);
    check(text("cobalt mentor"), &["Ada Okafor"]);
    check(text("cobalt hiring"), &[]);
    check(ListQuery { tag: Some("Hiring".into()), ..Default::default() }, &["José Ferreira"]);
    check(ListQuery { origin: Some(Origin::FormerManager), ..Default::default() }, &["Ada Okafor"]);
    check(ListQuery { company: Some("meridian bank".into()), ..Default::default() }, &["José Ferreira"]);
    check(ListQuery { source: Some(Source::Sample), ..Default::default() }, &[]);
    check(
        ListQuery { sort: SortBy::LastInteraction, ..Default::default() },
        &["Ada Okafor", "José Ferreira", "zed Quiet"],
    );
}

#[test]
fn rows_show_the_last_interaction_and_how_long_ago() {
    let rows = network_list(&network(), &ListQuery::default(), day("2026-11-25"));
    let last = rows[0].last.as_ref().unwrap();
    assert_eq!(last.date, day("2026-11-20"));
    assert_eq!(last.ago, "5 days ago");
    assert!(rows[2].last.is_none());
}

#[test]
fn facets_list_tags_and_companies() {
    let f = facets(&network());
    assert_eq!(f.tags, vec!["fintech", "hiring", "mentor"]);
    assert_eq!(f.companies, vec!["Cobalt Analytics", "Meridian Bank"]);
}

#[test]
fn typing_narrows_the_last_result_and_finds_the_same_people() {
    use rapport_core::list::{narrows, ListIndex, SearchText};
    let mut net = Network::default();
    let mut ids = Ids::new();
    sample::add_sample(&mut net, day("2026-11-25"), now(), &mut || ids.next()).unwrap();
    let index = ListIndex::build(&net, day("2026-11-25"));
    let search = SearchText::build(&net, &index);
    let typed = ["c", "co", "cof", "coff", "coffee", "coffee a", "coffee at"];
    let mut last: Option<(ListQuery, Vec<usize>)> = None;
    for text in typed {
        let query = ListQuery { text: text.into(), sort: SortBy::Strength, ..Default::default() };
        let full = index.query(&query, None, Some(&search));
        if let Some((before, found)) = &last {
            assert!(narrows(before, &query), "{text:?} narrows {:?}", before.text);
            assert_eq!(index.query(&query, Some(found), Some(&search)), full, "narrowed search for {text:?}");
        }
        last = Some((query, full));
    }
    let q = |text: &str| ListQuery { text: text.into(), ..Default::default() };
    let names = index.query(&q("ada"), None, None);
    assert!(!names.is_empty(), "before the search text is built, names are searched");
    assert!(names.iter().all(|&i| rapport_core::text::fold(&index.row(i).unwrap().name).contains("ada")));
    assert!(index.query(&q("coffee"), None, None).is_empty(), "notes are not, yet");
    assert!(!narrows(&q("coffee"), &q("cof")), "deleting a letter widens");
    assert!(!narrows(&q(""), &q("a")), "from nothing, everyone is scanned");
    assert!(!narrows(&q("ada"), &ListQuery { known_only: true, ..q("ada o") }), "another filter");
}

/// Bug: after importing 5,000 connections with "open on relationships" ticked, the list
/// opened on "0 of 5001 people". The known view is offered only when it has anyone.
#[test]
fn the_known_view_is_empty_until_someone_is_more_than_a_connection() {
    let mut net = Network::default();
    let mut ids = Ids::new();
    let ada = person_named(&mut net, &mut ids, "Ada Okafor");
    assert!(!rapport_core::list::anyone_known(&net, day("2026-11-25")));
    log(&mut net, &mut ids, &ada, "2026-11-20", |_| {});
    assert!(rapport_core::list::anyone_known(&net, day("2026-11-25")));
}

/// The app computes everyone's metrics once and shares them (`ListIndex::build_with`): the
/// list is the same as one that computes its own, and anyone missing from the shared metrics
/// (a person added since) still gets theirs.
#[test]
fn the_list_from_shared_metrics_is_the_list() {
    use rapport_core::insights::all_metrics;
    use rapport_core::list::ListIndex;
    let mut net = Network::default();
    let mut ids = Ids::new();
    sample::add_sample(&mut net, day("2026-11-25"), now(), &mut || ids.next()).unwrap();
    let today = day("2026-11-25");
    let own = ListIndex::build(&net, today);
    assert_eq!(ListIndex::build_with(&net, &all_metrics(&net, today), today), own);
    let mut some = all_metrics(&net, today);
    let dropped: Vec<_> = some.keys().step_by(2).copied().collect();
    for id in &dropped {
        some.remove(id);
    }
    assert!(!dropped.is_empty());
    assert_eq!(ListIndex::build_with(&net, &some, today), own);
}

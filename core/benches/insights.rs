//! Native benchmark of the Insights screen's data at real-network scale.
//! Run: `cargo bench -p rapport-core --bench insights`. It prints medians; it asserts nothing.
//! `BENCH_SCALE=large` runs it on the second tier (30,000 people, 60,000 interactions).

mod common;
use common::{runs as bench_runs, time};

use chrono::{NaiveDate, TimeZone, Utc};
use rapport_core::insights::screen::{all_metrics, insights_from};
use rapport_core::list::{network_list, ListQuery};
use rapport_core::synthetic::{synthetic_network, LARGE_NETWORK, REAL_NETWORK};

fn main() {
    let runs = bench_runs(9);
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
    let scale = if std::env::var("BENCH_SCALE").as_deref() == Ok("large") { LARGE_NETWORK } else { REAL_NETWORK };
    let mut network = None;
    let generate = time(runs.min(3), || network = Some(synthetic_network(scale, today, now)));
    let network = network.unwrap();
    let metrics_ms = time(runs, || drop(all_metrics(&network, today)));
    let metrics = all_metrics(&network, today);
    let screen_ms = time(runs, || drop(insights_from(&network, &metrics, today)));
    let whole_ms = time(runs, || drop(insights_from(&network, &all_metrics(&network, today), today)));
    let query = ListQuery { text: "zürich roadmap".into(), ..ListQuery::default() };
    let search_ms = time(runs, || drop(network_list(&network, &query, today)));
    println!(
        "synthetic network: {} people, {} interactions, {} companies, {} years",
        scale.people, scale.interactions, scale.companies, scale.years
    );
    println!("medians over {runs} runs (native, release):");
    println!("  generate network            {generate:8.2} ms");
    println!("  per-person metrics          {metrics_ms:8.2} ms");
    println!("  Insights screen from those  {screen_ms:8.2} ms");
    println!("  Insights, whole             {whole_ms:8.2} ms");
    println!("  network list search         {search_ms:8.2} ms");
}

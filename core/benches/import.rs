//! Native benchmark of the import and export paths at real-network scale: a 5,000-row
//! LinkedIn export parsed, previewed and applied; exports; the duplicate finder.
//! Run: `cargo bench -p rapport-core --bench import`. It prints medians; it asserts nothing.

mod common;
use common::{runs as bench_runs, time};

use chrono::{NaiveDate, TimeZone, Utc};
use rapport_core::import::batch::BatchKind;
use rapport_core::import::{apply, linkedin::parse_connections, preview, vcard::parse_vcards};
use rapport_core::synthetic::{linkedin_connections_csv, synthetic_network, REAL_NETWORK};
use rapport_core::{backup, duplicates, export, Id, Network, Person};

fn main() {
    let runs = bench_runs(9);
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
    let network = synthetic_network(REAL_NETWORK, today, now);
    let csv = linkedin_connections_csv(&network);
    let rows = csv.lines().count() - 4;
    let parse_ms = time(runs, || drop(parse_connections(&csv).unwrap()));
    let empty = Network::default();
    let preview_new_ms = time(runs, || drop(preview(&empty, parse_connections(&csv).unwrap())));
    let preview_match_ms = time(runs, || drop(preview(&network, parse_connections(&csv).unwrap())));
    let fresh = preview(&empty, parse_connections(&csv).unwrap());
    let mut counter = 0u64;
    let apply_ms = time(runs, || {
        let mut target = Network::default();
        let mut ids = || {
            counter += 1;
            Id::parse(&format!("B{counter:011}")).unwrap()
        };
        drop(apply(&mut target, &fresh, true, &mut ids, now, BatchKind::LinkedinConnections, "c.csv").unwrap());
    });
    let people: Vec<&Person> = network.live_people().collect();
    let csv_out_ms = time(runs, || drop(export::people_csv(&network, &people, today, true)));
    let vcf = export::people_vcard(&people);
    let vcf_out_ms = time(runs, || drop(export::people_vcard(&people)));
    let vcf_in_ms = time(runs, || drop(parse_vcards(&vcf).unwrap()));
    let json_ms = time(runs, || drop(backup::export_json(&network, now)));
    let json = backup::export_json(&network, now);
    let json_in_ms = time(runs, || drop(backup::parse_backup(&json).unwrap()));
    let dup_ms = time(runs, || drop(duplicates::find(&network)));
    println!("LinkedIn export: {rows} rows, {} KB", csv.len() / 1024);
    println!("medians over {runs} runs (native, release):");
    println!("  parse Connections.csv            {parse_ms:8.2} ms");
    println!("  parse + preview, all new         {preview_new_ms:8.2} ms");
    println!("  parse + preview, all matching    {preview_match_ms:8.2} ms");
    println!("  apply 5,000 new people           {apply_ms:8.2} ms");
    println!("  people CSV export                {csv_out_ms:8.2} ms");
    println!("  vCard export                     {vcf_out_ms:8.2} ms ({} KB)", vcf.len() / 1024);
    println!("  vCard parse                      {vcf_in_ms:8.2} ms");
    println!("  JSON backup export               {json_ms:8.2} ms ({} KB)", json.len() / 1024);
    println!("  JSON backup parse                {json_in_ms:8.2} ms");
    println!("  duplicate finder                 {dup_ms:8.2} ms");
}

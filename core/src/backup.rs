//! Rapport's own JSON backup: everything, with the schema version and the export time.
//! This issue writes it (the "download everything" when a save fails); the import/export
//! issue reads it back.

use crate::interaction::Interaction;
use crate::network::{Network, PersonSlot, Slot, Tombstone};
use crate::person::Person;
use crate::planner::{Employer, Interview};
use crate::profile::Profile;
use crate::settings::MetricSettings;
use crate::store::SCHEMA_VERSION;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The value of the backup's `format` field.
pub const BACKUP_FORMAT: &str = "rapport-backup";

#[derive(Serialize)]
struct Backup<'a> {
    format: &'static str,
    schema: u32,
    exported: DateTime<Utc>,
    profile: &'a Profile,
    settings: &'a MetricSettings,
    people: Vec<&'a Person>,
    interactions: Vec<&'a Interaction>,
    tombstones: Vec<&'a Tombstone>,
    employers: Vec<&'a Employer>,
    interviews: Vec<&'a Interview>,
}

/// The whole network as a pretty-printed JSON backup.
pub fn export_json(network: &Network, now: DateTime<Utc>) -> String {
    let mut tombstones: Vec<&Tombstone> = network
        .people
        .values()
        .filter_map(|slot| match slot {
            PersonSlot::Gone(t) => Some(t),
            PersonSlot::Live(_) => None,
        })
        .collect();
    tombstones.extend(network.shards.values().flat_map(|s| s.gone.iter()));
    for slot in network.employers.values() {
        if let Slot::Gone(t) = slot {
            tombstones.push(t);
        }
    }
    for slot in network.interviews.values() {
        if let Slot::Gone(t) = slot {
            tombstones.push(t);
        }
    }
    let backup = Backup {
        format: BACKUP_FORMAT,
        schema: SCHEMA_VERSION,
        exported: now,
        profile: &network.profile,
        settings: &network.settings,
        people: network.live_people().collect(),
        interactions: network.shards.values().flat_map(|s| s.live.iter()).collect(),
        tombstones,
        employers: network.live_employers().collect(),
        interviews: network.live_interviews().collect(),
    };
    serde_json::to_string_pretty(&backup).unwrap_or_default()
}

//! Rapport's own JSON backup: everything, with the schema version and the export time.
//! `export_json` writes it; `parse_backup` reads it back (refusing newer schemas), and
//! `restore` replaces everything or merges by id, the newest `updated` winning.

use crate::drafter::{Draft, UserPhrasing};
use crate::id::Id;
use crate::interaction::Interaction;
use crate::network::{Network, PersonSlot, Slot, Tombstone, Touched};
use crate::person::Person;
use crate::planner::{Employer, Interview};
use crate::profile::Profile;
use crate::settings::Settings;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The value of the backup's `format` field.
pub const BACKUP_FORMAT: &str = "rapport-backup";

/// Which kind of record a tombstone belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeletedKind {
    Person,
    Interaction,
    Employer,
    Interview,
    Draft,
    Phrasing,
    Batch,
}

/// A deleted record in a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    pub kind: DeletedKind,
    pub id: Id,
    pub deleted: DateTime<Utc>,
    /// For interactions: whose they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Id>,
}

/// The backup file's own version. It followed the stored schema up to 2; the stored schema 3
/// changed only how keys are laid out in the browser, not what a backup holds, so backups
/// stay at 2 and older versions of Rapport still read them.
pub const BACKUP_SCHEMA: u32 = 2;

/// A whole backup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub schema: u32,
    pub exported: DateTime<Utc>,
    #[serde(default)]
    pub profile: Profile,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub interactions: Vec<Interaction>,
    #[serde(default)]
    pub employers: Vec<Employer>,
    #[serde(default)]
    pub interviews: Vec<Interview>,
    #[serde(default)]
    pub drafts: Vec<Draft>,
    #[serde(default)]
    pub phrasings: Vec<UserPhrasing>,
    /// Import batches, so an import can still be undone after a restore.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub batches: Vec<crate::import::batch::ImportBatch>,
    #[serde(default)]
    pub tombstones: Vec<Deleted>,
}

fn gone<T>(kind: DeletedKind, map: &std::collections::BTreeMap<Id, Slot<T>>) -> impl Iterator<Item = Deleted> + '_ {
    map.values().filter_map(move |s| match s {
        Slot::Gone(t) => Some(Deleted { kind, id: t.id, deleted: t.deleted, person: None }),
        Slot::Live(_) => None,
    })
}

/// Every tombstone of the network, as a backup lists them.
fn tombstones(network: &Network) -> Vec<Deleted> {
    let mut tombstones: Vec<Deleted> = network
        .people
        .values()
        .filter_map(|slot| match slot {
            PersonSlot::Gone(t) => {
                Some(Deleted { kind: DeletedKind::Person, id: t.id, deleted: t.deleted, person: None })
            }
            PersonSlot::Live(_) => None,
        })
        .collect();
    for (person, shard) in &network.shards {
        tombstones.extend(shard.gone.iter().map(|t| Deleted {
            kind: DeletedKind::Interaction,
            id: t.id,
            deleted: t.deleted,
            person: Some(*person),
        }));
    }
    tombstones.extend(gone(DeletedKind::Employer, &network.employers));
    tombstones.extend(gone(DeletedKind::Interview, &network.interviews));
    tombstones.extend(gone(DeletedKind::Draft, &network.drafts));
    tombstones.extend(gone(DeletedKind::Phrasing, &network.phrasings));
    tombstones.extend(gone(DeletedKind::Batch, &network.batches));
    tombstones
}

/// The whole network as a backup.
pub fn backup(network: &Network, now: DateTime<Utc>) -> Backup {
    let tombstones = tombstones(network);
    Backup {
        format: BACKUP_FORMAT.into(),
        schema: BACKUP_SCHEMA,
        exported: now,
        profile: network.profile.clone(),
        settings: network.settings.clone(),
        people: network.live_people().cloned().collect(),
        interactions: network.shards.values().flat_map(|s| s.live.iter().cloned()).collect(),
        employers: network.live_employers().cloned().collect(),
        interviews: network.live_interviews().cloned().collect(),
        drafts: network.live_drafts().cloned().collect(),
        phrasings: network.phrasings.values().filter_map(Slot::live).cloned().collect(),
        batches: network.batches.values().filter_map(Slot::live).cloned().collect(),
        tombstones,
    }
}

/// [`Backup`] as it is written, borrowing the records instead of cloning them: the same
/// fields in the same order, so the JSON is the same (tested).
/// The sync file writes the interactions column by column ([`InteractionColumns`]).
#[derive(Serialize)]
struct BackupRef<'a, I: Serialize = Vec<&'a Interaction>> {
    format: &'a str,
    schema: u32,
    exported: DateTime<Utc>,
    profile: &'a Profile,
    settings: &'a Settings,
    people: Vec<&'a Person>,
    interactions: I,
    employers: Vec<&'a Employer>,
    interviews: Vec<&'a Interview>,
    drafts: Vec<&'a Draft>,
    phrasings: Vec<&'a UserPhrasing>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    batches: Vec<&'a crate::import::batch::ImportBatch>,
    tombstones: Vec<Deleted>,
}

/// The whole network as a JSON backup: compact, since a real network's backup must stay well
/// under the 20 MB an import reads (pretty-printing nearly doubled it).
pub fn export_json(network: &Network, now: DateTime<Utc>) -> String {
    let all = backup_ref(network, now, network.shards.values().flat_map(|s| s.live.iter()).collect::<Vec<_>>());
    serde_json::to_string(&all).unwrap_or_default()
}

fn backup_ref<I: Serialize>(network: &Network, now: DateTime<Utc>, interactions: I) -> BackupRef<'_, I> {
    BackupRef {
        format: BACKUP_FORMAT,
        schema: BACKUP_SCHEMA,
        exported: now,
        profile: &network.profile,
        settings: &network.settings,
        people: network.live_people().collect(),
        interactions,
        employers: network.live_employers().collect(),
        interviews: network.live_interviews().collect(),
        drafts: network.live_drafts().collect(),
        phrasings: network.phrasings.values().filter_map(Slot::live).collect(),
        batches: network.batches.values().filter_map(Slot::live).collect(),
        tombstones: tombstones(network),
    }
}

/// The backup with its interactions column by column ([`InteractionColumns`]): the payload
/// of a sync file from version 2 on. About a quarter smaller once deflated.
pub fn sync_json(network: &Network, now: DateTime<Utc>) -> Result<Vec<u8>, String> {
    let columns = InteractionColumns::of(network.shards.values().flat_map(|s| s.live.iter()));
    serde_json::to_vec(&backup_ref(network, now, columns)).map_err(|e| e.to_string())
}

/// Reads [`sync_json`]'s output, with the same checks as [`parse_backup`].
///
/// A well-formed file is parsed straight into its types, in one pass (a third faster than
/// through a JSON value: 872 KB of sync file is 8 MB of JSON). Anything else (not JSON, not a
/// backup, a newer schema, a damaged field, a duplicate key) goes through
/// [`parse_sync_json_checked`], which says what is wrong.
pub fn parse_sync_json(text: &str) -> Result<Backup, String> {
    if let Ok(body) = serde_json::from_str::<SyncBody>(text) {
        // Today's schema only: an older one goes through the checked path, where its
        // migration would be.
        if body.format == BACKUP_FORMAT && body.schema == BACKUP_SCHEMA {
            if let Ok(backup) = body.into_backup() {
                return Ok(backup);
            }
        }
    }
    parse_sync_json_checked(text)
}

/// A sync file's payload as [`sync_json`] writes it: a [`Backup`] with its interactions as
/// columns. The same fields, defaults included.
#[derive(Deserialize)]
struct SyncBody {
    format: String,
    schema: u32,
    exported: DateTime<Utc>,
    #[serde(default)]
    profile: Profile,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    people: Vec<Person>,
    /// Required, as the checked path requires it.
    interactions: InteractionColumns,
    #[serde(default)]
    employers: Vec<Employer>,
    #[serde(default)]
    interviews: Vec<Interview>,
    #[serde(default)]
    drafts: Vec<Draft>,
    #[serde(default)]
    phrasings: Vec<UserPhrasing>,
    #[serde(default)]
    batches: Vec<crate::import::batch::ImportBatch>,
    #[serde(default)]
    tombstones: Vec<Deleted>,
}

impl SyncBody {
    fn into_backup(self) -> Result<Backup, String> {
        Ok(Backup {
            format: self.format,
            schema: self.schema,
            exported: self.exported,
            profile: self.profile,
            settings: self.settings,
            people: self.people,
            interactions: self.interactions.rows()?,
            employers: self.employers,
            interviews: self.interviews,
            drafts: self.drafts,
            phrasings: self.phrasings,
            batches: self.batches,
            tombstones: self.tombstones,
        })
    }
}

/// [`parse_sync_json`] through a JSON value, checking the format and schema before the
/// fields: the way every file that is not well formed is read, for its message.
#[doc(hidden)]
pub fn parse_sync_json_checked(text: &str) -> Result<Backup, String> {
    let mut value = backup_value(text)?;
    let columns = value.get_mut("interactions").map(serde_json::Value::take).unwrap_or_default();
    let columns: InteractionColumns =
        serde_json::from_value(columns).map_err(|e| format!("The backup is damaged ({e})."))?;
    if let Some(slot) = value.get_mut("interactions") {
        *slot = serde_json::Value::Array(Vec::new());
    }
    let mut backup = decode_backup(value)?;
    backup.interactions = columns.rows()?;
    Ok(backup)
}

/// Interactions column by column: each field's values side by side, so that deflate finds
/// like values together (dates near dates, notes near notes) instead of between every
/// field's name. 838 KB of the synthetic network's interactions deflate to 630 KB.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct InteractionColumns {
    id: Vec<Id>,
    person: Vec<Id>,
    date: Vec<chrono::NaiveDate>,
    channel: Vec<crate::interaction::Channel>,
    topic: Vec<String>,
    started_by: Vec<crate::interaction::Initiator>,
    purpose: Vec<crate::interaction::Purpose>,
    notes: Vec<String>,
    exchange: Vec<crate::interaction::Exchange>,
    created: Vec<DateTime<Utc>>,
    updated: Vec<DateTime<Utc>>,
}

impl InteractionColumns {
    pub fn of<'a>(rows: impl Iterator<Item = &'a Interaction>) -> InteractionColumns {
        let mut c = InteractionColumns::default();
        for row in rows {
            // Every field by name: a field added to `Interaction` fails to compile here.
            let Interaction {
                id,
                person,
                date,
                channel,
                topic,
                started_by,
                purpose,
                notes,
                exchange,
                created,
                updated,
            } = row.clone();
            c.id.push(id);
            c.person.push(person);
            c.date.push(date);
            c.channel.push(channel);
            c.topic.push(topic);
            c.started_by.push(started_by);
            c.purpose.push(purpose);
            c.notes.push(notes);
            c.exchange.push(exchange);
            c.created.push(created);
            c.updated.push(updated);
        }
        c
    }

    /// The interactions again, or why not: every column must have one value per row.
    pub fn rows(self) -> Result<Vec<Interaction>, String> {
        let n = self.id.len();
        let lengths = [
            self.person.len(),
            self.date.len(),
            self.channel.len(),
            self.topic.len(),
            self.started_by.len(),
            self.purpose.len(),
            self.notes.len(),
            self.exchange.len(),
            self.created.len(),
            self.updated.len(),
        ];
        if lengths.iter().any(|l| *l != n) {
            return Err("The backup is damaged (its interactions' columns differ in length).".into());
        }
        let mut person = self.person.into_iter();
        let mut date = self.date.into_iter();
        let mut channel = self.channel.into_iter();
        let mut topic = self.topic.into_iter();
        let mut started_by = self.started_by.into_iter();
        let mut purpose = self.purpose.into_iter();
        let mut notes = self.notes.into_iter();
        let mut exchange = self.exchange.into_iter();
        let mut created = self.created.into_iter();
        let mut updated = self.updated.into_iter();
        let mut rows = Vec::with_capacity(n);
        for id in self.id {
            // The lengths are checked above: every `next` has a value.
            let (Some(person), Some(date), Some(channel), Some(topic), Some(started_by)) =
                (person.next(), date.next(), channel.next(), topic.next(), started_by.next())
            else {
                break;
            };
            let (Some(purpose), Some(notes), Some(exchange), Some(created), Some(updated)) =
                (purpose.next(), notes.next(), exchange.next(), created.next(), updated.next())
            else {
                break;
            };
            rows.push(Interaction {
                id,
                person,
                date,
                channel,
                topic,
                started_by,
                purpose,
                notes,
                exchange,
                created,
                updated,
            });
        }
        Ok(rows)
    }
}

/// Reads a backup, refusing anything that isn't one and backups from a newer version.
pub fn parse_backup(text: &str) -> Result<Backup, String> {
    decode_backup(backup_value(text)?)
}

fn backup_value(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| format!("This isn't a Rapport backup: it is not valid JSON ({e})."))
}

fn decode_backup(value: serde_json::Value) -> Result<Backup, String> {
    if value.get("format").and_then(|f| f.as_str()) != Some(BACKUP_FORMAT) {
        return Err("This JSON file isn't a Rapport backup (it has no \"format\": \"rapport-backup\").".into());
    }
    let schema = value.get("schema").and_then(|s| s.as_u64()).unwrap_or(0);
    if schema > u64::from(BACKUP_SCHEMA) {
        return Err(format!(
            "This backup comes from a newer version of Rapport (schema {schema}); this version reads schema {BACKUP_SCHEMA} and older. Open it with the newer version."
        ));
    }
    if schema == 0 {
        return Err("This backup has no schema version.".into());
    }
    // Schema 1 is the first; older backups would be migrated here, step by step, before decoding.
    serde_json::from_value(value).map_err(|e| format!("The backup is damaged ({e})."))
}

/// Builds the network a backup describes.
fn network_of(b: &Backup) -> Network {
    let mut n = Network { profile: b.profile.clone(), settings: b.settings.clone(), ..Network::default() };
    for p in &b.people {
        n.people.put(PersonSlot::Live(p.clone()));
    }
    for i in &b.interactions {
        n.shards.entry(i.person).or_default().live.push(i.clone());
    }
    for e in &b.employers {
        n.employers.put(Slot::Live(e.clone()));
    }
    for iv in &b.interviews {
        n.interviews.put(Slot::Live(iv.clone()));
    }
    for d in &b.drafts {
        n.drafts.put(Slot::Live(d.clone()));
    }
    for p in &b.phrasings {
        n.phrasings.put(Slot::Live(p.clone()));
    }
    for batch in &b.batches {
        n.batches.put(Slot::Live(batch.clone()));
    }
    for t in &b.tombstones {
        let tomb = Tombstone { id: t.id, deleted: t.deleted };
        match (t.kind, &t.person) {
            (DeletedKind::Person, _) => n.people.put(PersonSlot::Gone(tomb)),
            (DeletedKind::Interaction, Some(person)) => n.shards.entry(*person).or_default().gone.push(tomb),
            (DeletedKind::Interaction, None) => {}
            (DeletedKind::Employer, _) => n.employers.put(Slot::Gone(tomb)),
            (DeletedKind::Interview, _) => n.interviews.put(Slot::Gone(tomb)),
            (DeletedKind::Draft, _) => n.drafts.put(Slot::Gone(tomb)),
            (DeletedKind::Phrasing, _) => n.phrasings.put(Slot::Gone(tomb)),
            (DeletedKind::Batch, _) => n.batches.put(Slot::Gone(tomb)),
        }
    }
    for shard in n.shards.values_mut() {
        crate::record::sort_interactions(&mut shard.live);
    }
    n
}

/// A merge keeps the profile and the settings that changed last, as with records; where this
/// browser's were never set (a new browser, the first-run questions skipped), the backup's.
/// Whether the first-run questions were answered stays true once it is.
fn merge_profile_and_settings(next: &mut Network, b: &Backup) {
    let unset_profile = |p: &Profile| Profile { updated: None, ..p.clone() } == Profile::default();
    let unset_settings = |s: &Settings| {
        let mut bare = s.clone();
        bare.updated = None;
        bare.prefs.welcomed = false;
        bare == Settings::default()
    };
    if takes_theirs(unset_profile(&next.profile), next.profile.updated, unset_profile(&b.profile), b.profile.updated) {
        next.profile = b.profile.clone();
    }
    if takes_theirs(
        unset_settings(&next.settings),
        next.settings.updated,
        unset_settings(&b.settings),
        b.settings.updated,
    ) {
        let welcomed = next.settings.prefs.welcomed || b.settings.prefs.welcomed;
        next.settings = b.settings.clone();
        next.settings.prefs.welcomed = welcomed;
    }
}

/// Whether a merge takes the incoming document: it says something and ours doesn't, or both
/// do and theirs changed later.
fn takes_theirs(
    ours_unset: bool,
    ours: Option<DateTime<Utc>>,
    theirs_unset: bool,
    theirs: Option<DateTime<Utc>>,
) -> bool {
    if theirs_unset {
        return false;
    }
    ours_unset || theirs > ours
}

/// Replaces everything with the backup ("restore"), or merges it in by id with the newest
/// change winning (the profile and the settings too). Returns the keys to write: with replace, keys that the backup doesn't
/// have are written as removed.
pub fn restore(network: &mut Network, b: &Backup, merge: bool) -> Touched {
    if merge {
        merge_records(network, b);
        merge_profile_and_settings(network, b);
        Touched::everything(network)
    } else {
        let incoming = network_of(b);
        // Keys only the old network has are written too, which removes them.
        let mut touched = Touched::everything(network).and(Touched::everything(&incoming));
        touched.replaced = true;
        *network = incoming;
        touched
    }
}

/// Merges a backup's records in by id, the newest change winning; the profile and the settings
/// are left as they are (a sync merge: each device keeps its own).
pub fn merge_records(network: &mut Network, b: &Backup) {
    let incoming = network_of(b);
    let next = network;
    for slot in incoming.people.into_slots() {
        next.merge_person_slot(slot);
    }
    for (person, shard) in incoming.shards {
        next.merge_shard(&person, shard);
    }
    for slot in incoming.employers.into_slots() {
        next.merge_employer_slot(slot);
    }
    for slot in incoming.interviews.into_slots() {
        next.merge_interview_slot(slot);
    }
    for slot in incoming.drafts.into_slots() {
        next.merge_draft_slot(slot);
    }
    for slot in incoming.phrasings.into_slots() {
        next.merge_phrasing_slot(slot);
    }
    for slot in incoming.batches.into_slots() {
        next.merge_batch_slot(slot);
    }
}

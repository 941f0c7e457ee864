//! The whole network in memory, shaped exactly like the stored keys:
//! one slot per person, and one shard of interactions per person.
//! Every change returns the [`Touched`] keys, so a caller writes only what changed.

use crate::drafter::{Draft, UserPhrasing};
use crate::id::Id;
use crate::interaction::{Interaction, InteractionFields};
use crate::person::{Person, PersonFields, Source};
use crate::planner::employer::Employer;
use crate::planner::interview::Interview;
use crate::profile::Profile;
use crate::settings::MetricSettings;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What is left of a deleted record: its id and when it was deleted, so that merges
/// and other tabs see the deletion, and the id is never handed out again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    pub id: Id,
    pub deleted: DateTime<Utc>,
}

/// A person's stored slot: the person, or their tombstone.
#[derive(Debug, Clone, PartialEq)]
pub enum PersonSlot {
    Live(Person),
    Gone(Tombstone),
}

impl PersonSlot {
    /// When this slot last changed; the later of two slots wins a merge.
    pub fn changed(&self) -> DateTime<Utc> {
        match self {
            PersonSlot::Live(p) => p.updated,
            PersonSlot::Gone(t) => t.deleted,
        }
    }
}

/// A record's stored slot for the kinds stored one record per key (employers, interviews).
#[derive(Debug, Clone, PartialEq)]
pub enum Slot<T> {
    Live(T),
    Gone(Tombstone),
}

impl<T> Slot<T> {
    pub fn live(&self) -> Option<&T> {
        match self {
            Slot::Live(t) => Some(t),
            Slot::Gone(_) => None,
        }
    }
    pub fn live_mut(&mut self) -> Option<&mut T> {
        match self {
            Slot::Live(t) => Some(t),
            Slot::Gone(_) => None,
        }
    }
}

/// Keeps the later of a stored slot and the incoming one (a tombstone's time is its deletion).
fn merge_slot<T>(map: &mut BTreeMap<Id, Slot<T>>, id: Id, incoming: Slot<T>, updated: fn(&T) -> DateTime<Utc>) -> bool {
    let changed = |s: &Slot<T>| match s {
        Slot::Live(t) => updated(t),
        Slot::Gone(t) => t.deleted,
    };
    let take = map.get(&id).is_none_or(|mine| changed(&incoming) > changed(mine));
    if take {
        map.insert(id, incoming);
    }
    take
}

/// One person's interactions, live and deleted, stored under one key.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Shard {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub live: Vec<Interaction>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gone: Vec<Tombstone>,
}

impl Shard {
    /// Merges another copy of this shard record by record: for each id, the latest change wins.
    /// Two tabs that edit different interactions of one person keep both edits.
    pub fn merge(&mut self, other: Shard) {
        let mut latest: BTreeMap<Id, (DateTime<Utc>, Result<Interaction, Tombstone>)> = BTreeMap::new();
        let all = std::mem::take(&mut self.live)
            .into_iter()
            .map(Ok)
            .chain(std::mem::take(&mut self.gone).into_iter().map(Err))
            .chain(other.live.into_iter().map(Ok))
            .chain(other.gone.into_iter().map(Err));
        for record in all {
            let (id, changed) = match &record {
                Ok(i) => (i.id, i.updated),
                Err(t) => (t.id, t.deleted),
            };
            let newer = match latest.get(&id) {
                None => true,
                // On a tie a deletion wins, so the outcome never depends on merge order.
                Some((when, kept)) => changed > *when || (changed == *when && record.is_err() && kept.is_ok()),
            };
            if newer {
                latest.insert(id, (changed, record));
            }
        }
        for (_, (_, record)) in latest {
            match record {
                Ok(i) => self.live.push(i),
                Err(t) => self.gone.push(t),
            }
        }
        self.live.sort_by(|a, b| (a.date, a.created).cmp(&(b.date, b.created)));
    }
}

/// The keys a change touched.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Touched {
    pub people: BTreeSet<Id>,
    pub shards: BTreeSet<Id>,
    pub profile: bool,
    pub settings: bool,
    pub employers: BTreeSet<Id>,
    pub interviews: BTreeSet<Id>,
    pub drafts: BTreeSet<Id>,
    pub phrasings: BTreeSet<Id>,
    pub batches: BTreeSet<Id>,
    /// The change replaced the whole network (a backup restored over everything): records
    /// it removed must not be merged back from what is stored before it is written.
    pub replaced: bool,
}

impl Touched {
    /// Every record of `network`, profile and settings included.
    pub fn everything(network: &Network) -> Touched {
        Touched {
            people: network.people.keys().cloned().collect(),
            shards: network.shards.keys().cloned().collect(),
            profile: true,
            settings: true,
            employers: network.employers.keys().cloned().collect(),
            interviews: network.interviews.keys().cloned().collect(),
            drafts: network.drafts.keys().cloned().collect(),
            phrasings: network.phrasings.keys().cloned().collect(),
            batches: network.batches.keys().cloned().collect(),
            replaced: false,
        }
    }

    pub fn person(id: &Id) -> Touched {
        Touched { people: [*id].into(), ..Touched::default() }
    }
    pub fn shard(id: &Id) -> Touched {
        Touched { shards: [*id].into(), ..Touched::default() }
    }
    pub fn and(mut self, other: Touched) -> Touched {
        self.people.extend(other.people);
        self.shards.extend(other.shards);
        self.profile |= other.profile;
        self.settings |= other.settings;
        self.employers.extend(other.employers);
        self.interviews.extend(other.interviews);
        self.drafts.extend(other.drafts);
        self.phrasings.extend(other.phrasings);
        self.batches.extend(other.batches);
        self.replaced |= other.replaced;
        self
    }
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.shards.is_empty()
            && !self.profile
            && !self.settings
            && self.employers.is_empty()
            && self.interviews.is_empty()
            && self.drafts.is_empty()
            && self.phrasings.is_empty()
            && self.batches.is_empty()
    }
}

/// Why a change could not be made. Nothing has changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeError {
    NoSuchPerson,
    NoSuchInteraction,
    NoSuchEmployer,
    NoSuchInterview,
    IdInUse,
    /// A step that doesn't fit where the record stands, in words.
    NotNow(String),
    /// An import that would add or change nothing; nothing is recorded.
    NothingToImport,
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ChangeError::NoSuchPerson => {
                "That person is not in your network any more (deleted, perhaps in another tab)."
            }
            ChangeError::NoSuchInteraction => "That interaction no longer exists (deleted, perhaps in another tab).",
            ChangeError::NoSuchEmployer => {
                "That employer is not on your list any more (deleted, perhaps in another tab)."
            }
            ChangeError::NoSuchInterview => "That interview no longer exists (deleted, perhaps in another tab).",
            ChangeError::IdInUse => "A new record got an id already in use; please try again.",
            ChangeError::NotNow(why) => why.as_str(),
            ChangeError::NothingToImport => {
                "Nothing to import: everyone in this file is already in Rapport, with nothing new to fill in. Nothing was changed or recorded."
            }
        })
    }
}

/// A deleted person together with their interactions, kept by the caller for undo.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedPerson {
    pub person: Person,
    pub interactions: Vec<Interaction>,
}

/// My whole network, as stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Network {
    pub profile: Profile,
    pub settings: MetricSettings,
    pub people: BTreeMap<Id, PersonSlot>,
    pub shards: BTreeMap<Id, Shard>,
    pub employers: BTreeMap<Id, Slot<Employer>>,
    pub interviews: BTreeMap<Id, Slot<Interview>>,
    pub drafts: BTreeMap<Id, Slot<Draft>>,
    pub phrasings: BTreeMap<Id, Slot<UserPhrasing>>,
    /// Import batches, so a whole import can be undone later.
    pub batches: BTreeMap<Id, Slot<crate::import::batch::ImportBatch>>,
}

impl Network {
    /// Living people, in id order.
    pub fn live_people(&self) -> impl Iterator<Item = &Person> {
        self.people.values().filter_map(|slot| match slot {
            PersonSlot::Live(p) => Some(p),
            PersonSlot::Gone(_) => None,
        })
    }

    pub fn person(&self, id: &Id) -> Option<&Person> {
        match self.people.get(id) {
            Some(PersonSlot::Live(p)) => Some(p),
            _ => None,
        }
    }

    fn person_mut(&mut self, id: &Id) -> Option<&mut Person> {
        match self.people.get_mut(id) {
            Some(PersonSlot::Live(p)) => Some(p),
            _ => None,
        }
    }

    /// A person's live interactions, oldest first.
    pub fn interactions_of(&self, person: &Id) -> &[Interaction] {
        self.shards.get(person).map(|s| s.live.as_slice()).unwrap_or(&[])
    }

    /// A person's interactions, newest first: the timeline.
    pub fn timeline(&self, person: &Id) -> Vec<&Interaction> {
        let mut list: Vec<&Interaction> = self.interactions_of(person).iter().collect();
        list.sort_by(|a, b| (b.date, b.created).cmp(&(a.date, a.created)));
        list
    }

    /// The most recent interaction of any kind.
    pub fn last_interaction(&self, person: &Id) -> Option<&Interaction> {
        self.interactions_of(person).iter().max_by_key(|i| (i.date, i.created))
    }

    pub fn interaction(&self, person: &Id, id: &Id) -> Option<&Interaction> {
        self.interactions_of(person).iter().find(|i| &i.id == id)
    }

    /// True when an id names any record, living or deleted. Such an id is never reused.
    pub fn id_in_use(&self, id: &Id) -> bool {
        self.people.contains_key(id)
            || self.shards.contains_key(id)
            || self.employers.contains_key(id)
            || self.interviews.contains_key(id)
            || self.drafts.contains_key(id)
            || self.phrasings.contains_key(id)
            || self.batches.contains_key(id)
            || self.shards.values().any(|s| s.live.iter().any(|i| &i.id == id) || s.gone.iter().any(|t| &t.id == id))
    }

    /// Every id in use, living or deleted. Bulk changes (sample, imports) check new ids against
    /// this set once, instead of scanning the network for each id with [`Network::id_in_use`].
    pub fn all_ids(&self) -> BTreeSet<Id> {
        let mut ids: BTreeSet<Id> = self.people.keys().cloned().collect();
        ids.extend(self.employers.keys().cloned());
        ids.extend(self.interviews.keys().cloned());
        ids.extend(self.drafts.keys().cloned());
        ids.extend(self.phrasings.keys().cloned());
        ids.extend(self.batches.keys().cloned());
        for shard in self.shards.values() {
            ids.extend(shard.live.iter().map(|i| i.id));
            ids.extend(shard.gone.iter().map(|t| t.id));
        }
        ids
    }

    pub fn live_count(&self) -> usize {
        self.live_people().count()
    }

    pub fn has_sample(&self) -> bool {
        self.live_people().any(|p| p.source == Source::Sample)
            || self.live_employers().any(|e| e.sample)
            || self.live_interviews().any(|iv| iv.sample)
    }

    pub fn add_person(
        &mut self,
        id: Id,
        fields: PersonFields,
        source: Source,
        now: DateTime<Utc>,
    ) -> Result<Touched, ChangeError> {
        if self.id_in_use(&id) {
            return Err(ChangeError::IdInUse);
        }
        let touched = Touched::person(&id);
        self.people.insert(id, PersonSlot::Live(Person::new(id, fields, source, now)));
        Ok(touched)
    }

    /// Inserts a complete person record, as the sample generator and imports make them.
    pub fn insert_person(&mut self, person: Person) -> Result<Touched, ChangeError> {
        if self.id_in_use(&person.id) {
            return Err(ChangeError::IdInUse);
        }
        let touched = Touched::person(&person.id);
        self.people.insert(person.id, PersonSlot::Live(person));
        Ok(touched)
    }

    pub fn update_person(&mut self, id: &Id, fields: PersonFields, now: DateTime<Utc>) -> Result<Touched, ChangeError> {
        let person = self.person_mut(id).ok_or(ChangeError::NoSuchPerson)?;
        person.apply(fields, now);
        Ok(Touched::person(id))
    }

    /// Deletes a person and all their interactions, leaving tombstones.
    pub fn delete_person(&mut self, id: &Id, now: DateTime<Utc>) -> Result<(Touched, RemovedPerson), ChangeError> {
        let person = self.person(id).cloned().ok_or(ChangeError::NoSuchPerson)?;
        self.people.insert(*id, PersonSlot::Gone(Tombstone { id: *id, deleted: now }));
        let mut touched = Touched::person(id);
        let mut interactions = Vec::new();
        if let Some(shard) = self.shards.get_mut(id) {
            for i in std::mem::take(&mut shard.live) {
                shard.gone.push(Tombstone { id: i.id, deleted: now });
                interactions.push(i);
            }
            touched.shards.insert(*id);
        }
        Ok((touched, RemovedPerson { person, interactions }))
    }

    /// Brings a deleted person back with their interactions (undo). Their `updated` time
    /// becomes `now`, so the restored record wins over its tombstone in any merge.
    pub fn restore_person(&mut self, removed: RemovedPerson, now: DateTime<Utc>) -> Touched {
        let RemovedPerson { mut person, interactions } = removed;
        let id = person.id;
        person.updated = now;
        self.people.insert(id, PersonSlot::Live(person));
        let mut touched = Touched::person(&id);
        if !interactions.is_empty() {
            let shard = self.shards.entry(id).or_default();
            for mut i in interactions {
                shard.gone.retain(|t| t.id != i.id);
                i.updated = now;
                shard.live.push(i);
            }
            shard.live.sort_by(|a, b| (a.date, a.created).cmp(&(b.date, b.created)));
            touched.shards.insert(id);
        }
        touched
    }

    pub fn log_interaction(
        &mut self,
        id: Id,
        person: &Id,
        fields: InteractionFields,
        now: DateTime<Utc>,
    ) -> Result<Touched, ChangeError> {
        self.person(person).ok_or(ChangeError::NoSuchPerson)?;
        if self.id_in_use(&id) {
            return Err(ChangeError::IdInUse);
        }
        self.insert_interaction(Interaction::new(id, *person, fields, now))
    }

    /// Inserts a complete interaction record for a living person.
    pub fn insert_interaction(&mut self, interaction: Interaction) -> Result<Touched, ChangeError> {
        self.person(&interaction.person).ok_or(ChangeError::NoSuchPerson)?;
        let person = interaction.person;
        let shard = self.shards.entry(person).or_default();
        let at = shard.live.partition_point(|i| (i.date, i.created) <= (interaction.date, interaction.created));
        shard.live.insert(at, interaction);
        Ok(Touched::shard(&person))
    }

    pub fn update_interaction(
        &mut self,
        person: &Id,
        id: &Id,
        fields: InteractionFields,
        now: DateTime<Utc>,
    ) -> Result<Touched, ChangeError> {
        self.person(person).ok_or(ChangeError::NoSuchPerson)?;
        let shard = self.shards.get_mut(person).ok_or(ChangeError::NoSuchInteraction)?;
        let interaction = shard.live.iter_mut().find(|i| &i.id == id).ok_or(ChangeError::NoSuchInteraction)?;
        interaction.apply(fields, now);
        shard.live.sort_by(|a, b| (a.date, a.created).cmp(&(b.date, b.created)));
        Ok(Touched::shard(person))
    }

    pub fn delete_interaction(
        &mut self,
        person: &Id,
        id: &Id,
        now: DateTime<Utc>,
    ) -> Result<(Touched, Interaction), ChangeError> {
        let shard = self.shards.get_mut(person).ok_or(ChangeError::NoSuchInteraction)?;
        let at = shard.live.iter().position(|i| &i.id == id).ok_or(ChangeError::NoSuchInteraction)?;
        let removed = shard.live.remove(at);
        shard.gone.push(Tombstone { id: *id, deleted: now });
        Ok((Touched::shard(person), removed))
    }

    /// Undoes [`Network::delete_interaction`], if the person is still there.
    pub fn restore_interaction(
        &mut self,
        mut interaction: Interaction,
        now: DateTime<Utc>,
    ) -> Result<Touched, ChangeError> {
        self.person(&interaction.person).ok_or(ChangeError::NoSuchPerson)?;
        if let Some(shard) = self.shards.get_mut(&interaction.person) {
            shard.gone.retain(|t| t.id != interaction.id);
        }
        interaction.updated = now;
        self.insert_interaction(interaction)
    }

    pub fn set_profile(&mut self, mut profile: Profile, now: DateTime<Utc>) -> Touched {
        profile.updated = Some(now);
        self.profile = profile;
        Touched { profile: true, ..Touched::default() }
    }

    pub fn set_settings(&mut self, mut settings: MetricSettings, now: DateTime<Utc>) -> Touched {
        settings.updated = Some(now);
        self.settings = settings;
        Touched { settings: true, ..Touched::default() }
    }

    /// Deletes every sample person and their interactions, in one change.
    pub fn remove_sample(&mut self, now: DateTime<Utc>) -> Touched {
        let sample: Vec<Id> = self.live_people().filter(|p| p.source == Source::Sample).map(|p| p.id).collect();
        let mut touched = Touched::default();
        for id in sample {
            if let Ok((t, _)) = self.delete_person(&id, now) {
                touched = touched.and(t);
            }
        }
        let interviews: Vec<Id> = self.live_interviews().filter(|iv| iv.sample).map(|iv| iv.id).collect();
        for id in interviews {
            if let Ok((t, _)) = self.delete_interview(&id, now) {
                touched = touched.and(t);
            }
        }
        let employers: Vec<Id> = self.live_employers().filter(|e| e.sample).map(|e| e.id).collect();
        for id in employers {
            if let Ok((t, _)) = self.delete_employer(&id, now) {
                touched = touched.and(t);
            }
        }
        touched
    }

    /// Takes in one stored person slot from elsewhere (another tab); the latest change wins.
    /// Returns true when this network changed.
    pub fn merge_person_slot(&mut self, incoming: PersonSlot) -> bool {
        let id = match &incoming {
            PersonSlot::Live(p) => p.id,
            PersonSlot::Gone(t) => t.id,
        };
        let take = match self.people.get(&id) {
            None => true,
            Some(mine) => incoming.changed() > mine.changed(),
        };
        if take {
            self.people.insert(id, incoming);
        }
        take
    }

    /// Takes in one stored employer slot from elsewhere; the latest change wins.
    pub fn merge_employer_slot(&mut self, id: Id, incoming: Slot<Employer>) -> bool {
        merge_slot(&mut self.employers, id, incoming, |e| e.updated)
    }

    /// Takes in one stored draft slot from elsewhere; the latest change wins.
    pub fn merge_draft_slot(&mut self, id: Id, incoming: Slot<Draft>) -> bool {
        merge_slot(&mut self.drafts, id, incoming, |d| d.updated)
    }

    /// Takes in one stored import batch slot from elsewhere; the latest change wins.
    pub fn merge_batch_slot(&mut self, id: Id, incoming: Slot<crate::import::batch::ImportBatch>) -> bool {
        merge_slot(&mut self.batches, id, incoming, |b| b.updated)
    }

    /// Takes in one stored phrasing slot from elsewhere; phrasings only appear or go.
    pub fn merge_phrasing_slot(&mut self, id: Id, incoming: Slot<UserPhrasing>) -> bool {
        let gone = matches!(self.phrasings.get(&id), Some(Slot::Gone(_)));
        if !gone {
            self.phrasings.insert(id, incoming);
        }
        !gone
    }

    /// Takes in one stored interview slot from elsewhere; the latest change wins.
    pub fn merge_interview_slot(&mut self, id: Id, incoming: Slot<Interview>) -> bool {
        merge_slot(&mut self.interviews, id, incoming, |iv| iv.updated)
    }

    /// Takes in one stored shard from elsewhere, merging record by record.
    pub fn merge_shard(&mut self, person: &Id, incoming: Shard) -> bool {
        let before = self.shards.get(person).cloned();
        self.shards.entry(*person).or_default().merge(incoming);
        before.as_ref() != self.shards.get(person)
    }
}

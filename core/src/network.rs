//! The whole network in memory, shaped exactly like the stored keys:
//! one slot per person, and one shard of interactions per person.
//! Every change returns the [`Touched`] keys, so a caller writes only what changed.

use crate::id::Id;
use crate::interaction::{Interaction, InteractionFields};
use crate::person::{Person, PersonFields, Source};
use crate::planner::interview::Interview;
use crate::profile::Profile;
use crate::record::draft::{Draft, UserPhrasing};
use crate::record::employer::Employer;
use crate::settings::Settings;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub use crate::record::{Kind, Record, Records, Slot, Tombstone};

/// A person's stored slot: the person, or their tombstone.
pub type PersonSlot = Slot<Person>;

/// One person's interactions, live and deleted, stored under one key.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Shard {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub live: Vec<Interaction>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gone: Vec<Tombstone>,
}

impl Shard {
    /// Merges another copy of this shard record by record under the one merge rule
    /// ([`Slot::wins_over`]). Two tabs that edit different interactions of one person keep
    /// both edits.
    pub fn merge(&mut self, other: Shard) {
        let mut latest: Records<Interaction> = Records::default();
        let all = std::mem::take(&mut self.live)
            .into_iter()
            .map(Slot::Live)
            .chain(std::mem::take(&mut self.gone).into_iter().map(Slot::Gone))
            .chain(other.live.into_iter().map(Slot::Live))
            .chain(other.gone.into_iter().map(Slot::Gone));
        for slot in all {
            latest.merge(slot);
        }
        for slot in latest.into_slots() {
            match slot {
                Slot::Live(i) => self.live.push(i),
                Slot::Gone(t) => self.gone.push(t),
            }
        }
        crate::record::sort_interactions(&mut self.live);
    }
}

/// The keys a change touched: for each kind of record, the ids; and the profile, the
/// settings, and whether the whole network was replaced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Touched {
    ids: BTreeMap<Kind, BTreeSet<Id>>,
    pub profile: bool,
    pub settings: bool,
    /// The change replaced the whole network (a backup restored over everything): records
    /// it removed must not be merged back from what is stored before it is written.
    pub replaced: bool,
}

static NO_IDS: BTreeSet<Id> = BTreeSet::new();

impl Touched {
    /// Every record of `network`, profile and settings included.
    pub fn everything(network: &Network) -> Touched {
        let mut t = Touched { profile: true, settings: true, ..Touched::default() };
        t.extend(Kind::Person, network.people.keys().copied());
        t.extend(Kind::Shard, network.shards.keys().copied());
        t.extend(Kind::Employer, network.employers.keys().copied());
        t.extend(Kind::Interview, network.interviews.keys().copied());
        t.extend(Kind::Draft, network.drafts.keys().copied());
        t.extend(Kind::Phrasing, network.phrasings.keys().copied());
        t.extend(Kind::Batch, network.batches.keys().copied());
        t
    }

    /// One record of one kind.
    pub fn one(kind: Kind, id: &Id) -> Touched {
        let mut t = Touched::default();
        t.insert(kind, *id);
        t
    }
    /// The profile only.
    pub fn profile() -> Touched {
        Touched { profile: true, ..Touched::default() }
    }
    /// The settings only.
    pub fn settings() -> Touched {
        Touched { settings: true, ..Touched::default() }
    }
    pub fn person(id: &Id) -> Touched {
        Touched::one(Kind::Person, id)
    }
    pub fn shard(id: &Id) -> Touched {
        Touched::one(Kind::Shard, id)
    }

    /// The ids of one kind.
    pub fn ids(&self, kind: Kind) -> &BTreeSet<Id> {
        self.ids.get(&kind).unwrap_or(&NO_IDS)
    }
    pub fn contains(&self, kind: Kind, id: &Id) -> bool {
        self.ids(kind).contains(id)
    }
    pub fn insert(&mut self, kind: Kind, id: Id) {
        self.ids.entry(kind).or_default().insert(id);
    }
    pub fn extend(&mut self, kind: Kind, ids: impl IntoIterator<Item = Id>) {
        self.ids.entry(kind).or_default().extend(ids);
    }
    pub fn remove(&mut self, kind: Kind, id: &Id) -> bool {
        self.ids.get_mut(&kind).is_some_and(|set| set.remove(id))
    }

    pub fn and(mut self, other: Touched) -> Touched {
        for (kind, ids) in other.ids {
            self.extend(kind, ids);
        }
        self.profile |= other.profile;
        self.settings |= other.settings;
        self.replaced |= other.replaced;
        self
    }
    pub fn is_empty(&self) -> bool {
        self.ids.values().all(BTreeSet::is_empty) && !self.profile && !self.settings
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
    pub settings: Settings,
    pub(crate) people: Records<Person>,
    pub(crate) shards: BTreeMap<Id, Shard>,
    pub(crate) employers: Records<Employer>,
    pub(crate) interviews: Records<Interview>,
    pub(crate) drafts: Records<Draft>,
    pub(crate) phrasings: Records<UserPhrasing>,
    /// Import batches, so a whole import can be undone later.
    pub(crate) batches: Records<crate::record::batch::ImportBatch>,
}

impl Network {
    /// Every person's slot (live or tombstone), by id.
    pub fn people_slots(&self) -> &Records<Person> {
        &self.people
    }
    /// A person's interactions, live and deleted.
    pub fn shard(&self, person: &Id) -> Option<&Shard> {
        self.shards.get(person)
    }
    /// Every person's interactions, by person.
    pub fn shards(&self) -> &BTreeMap<Id, Shard> {
        &self.shards
    }
    pub fn employers(&self) -> &Records<Employer> {
        &self.employers
    }
    pub fn interviews(&self) -> &Records<Interview> {
        &self.interviews
    }
    pub fn drafts(&self) -> &Records<Draft> {
        &self.drafts
    }
    pub fn phrasings(&self) -> &Records<UserPhrasing> {
        &self.phrasings
    }
    pub fn batches(&self) -> &Records<crate::record::batch::ImportBatch> {
        &self.batches
    }

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

    /// A person's live interactions, oldest first.
    pub fn interactions_of(&self, person: &Id) -> &[Interaction] {
        self.shards.get(person).map(|s| s.live.as_slice()).unwrap_or(&[])
    }

    /// A person's interactions, newest first: the timeline.
    pub fn timeline(&self, person: &Id) -> Vec<&Interaction> {
        let mut list: Vec<&Interaction> = self.interactions_of(person).iter().collect();
        crate::order::sort_by_key(&mut list, |i| std::cmp::Reverse(crate::record::interaction_order(i)));
        list
    }

    /// The most recent interaction of any kind.
    pub fn last_interaction(&self, person: &Id) -> Option<&Interaction> {
        self.interactions_of(person).iter().max_by_key(|i| crate::record::interaction_order(i))
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
        let mut ids: BTreeSet<Id> = crate::order::btree_set(self.people.keys().cloned());
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

    /// The latest change anywhere in the store (records, tombstones, profile, settings,
    /// import batches): stamps of new changes must come after it.
    pub fn latest_change(&self) -> Option<DateTime<Utc>> {
        let people = self.people.values().map(Slot::changed);
        let shards =
            self.shards.values().flat_map(|s| s.live.iter().map(|i| i.updated).chain(s.gone.iter().map(|t| t.deleted)));
        let employers = self.employers.values().map(Slot::changed);
        let interviews = self.interviews.values().map(Slot::changed);
        let drafts = self.drafts.values().map(Slot::changed);
        let phrasings = self.phrasings.values().map(Slot::changed);
        let batches = self.batches.values().map(Slot::changed);
        let batch_times = self.batches.live_records().map(|b| b.at);
        people
            .chain(shards)
            .chain(employers)
            .chain(interviews)
            .chain(drafts)
            .chain(phrasings)
            .chain(batches)
            .chain(batch_times)
            .chain(self.settings.updated)
            .chain(self.profile.updated)
            .max()
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
        self.people.put(PersonSlot::Live(Person::new(id, fields, source, now)));
        Ok(touched)
    }

    /// Inserts a complete person record, as the sample generator and imports make them.
    pub fn insert_person(&mut self, person: Person) -> Result<Touched, ChangeError> {
        if self.id_in_use(&person.id) {
            return Err(ChangeError::IdInUse);
        }
        let touched = Touched::person(&person.id);
        self.people.put(PersonSlot::Live(person));
        Ok(touched)
    }

    pub fn update_person(&mut self, id: &Id, fields: PersonFields, now: DateTime<Utc>) -> Result<Touched, ChangeError> {
        self.people.edit(id, |person| person.apply(fields, now)).ok_or(ChangeError::NoSuchPerson)?;
        Ok(Touched::person(id))
    }

    /// Deletes a person and all their interactions, leaving tombstones.
    pub fn delete_person(&mut self, id: &Id, now: DateTime<Utc>) -> Result<(Touched, RemovedPerson), ChangeError> {
        let person = self.person(id).cloned().ok_or(ChangeError::NoSuchPerson)?;
        self.people.put(PersonSlot::Gone(Tombstone { id: *id, deleted: now }));
        let mut touched = Touched::person(id);
        let mut interactions = Vec::new();
        if let Some(shard) = self.shards.get_mut(id) {
            for i in std::mem::take(&mut shard.live) {
                shard.gone.push(Tombstone { id: i.id, deleted: now });
                interactions.push(i);
            }
            touched.insert(Kind::Shard, *id);
        }
        Ok((touched, RemovedPerson { person, interactions }))
    }

    /// Brings a deleted person back with their interactions (undo). Their `updated` time
    /// becomes `now`, so the restored record wins over its tombstone in any merge.
    pub fn restore_person(&mut self, removed: RemovedPerson, now: DateTime<Utc>) -> Touched {
        let RemovedPerson { mut person, interactions } = removed;
        let id = person.id;
        person.stamp(now);
        self.people.put(PersonSlot::Live(person));
        let mut touched = Touched::person(&id);
        if !interactions.is_empty() {
            let shard = self.shards.entry(id).or_default();
            for mut i in interactions {
                shard.gone.retain(|t| t.id != i.id);
                i.updated = now;
                shard.live.push(i);
            }
            crate::record::sort_interactions(&mut shard.live);
            touched.insert(Kind::Shard, id);
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
        let at = shard
            .live
            .partition_point(|i| crate::record::interaction_order(i) <= crate::record::interaction_order(&interaction));
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
        crate::record::sort_interactions(&mut shard.live);
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

    pub fn set_settings(&mut self, mut settings: Settings, now: DateTime<Utc>) -> Touched {
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

    /// Takes in one stored person slot from elsewhere (another tab) under the one merge
    /// rule ([`Slot::wins_over`]). Returns true when this network changed.
    pub fn merge_person_slot(&mut self, incoming: PersonSlot) -> bool {
        self.people.merge(incoming)
    }

    pub fn merge_employer_slot(&mut self, incoming: Slot<Employer>) -> bool {
        self.employers.merge(incoming)
    }

    pub fn merge_draft_slot(&mut self, incoming: Slot<Draft>) -> bool {
        self.drafts.merge(incoming)
    }

    pub fn merge_batch_slot(&mut self, incoming: Slot<crate::record::batch::ImportBatch>) -> bool {
        self.batches.merge(incoming)
    }

    pub fn merge_phrasing_slot(&mut self, incoming: Slot<UserPhrasing>) -> bool {
        self.phrasings.merge(incoming)
    }

    pub fn merge_interview_slot(&mut self, incoming: Slot<Interview>) -> bool {
        self.interviews.merge(incoming)
    }

    /// Takes in one stored shard from elsewhere, merging record by record.
    pub fn merge_shard(&mut self, person: &Id, incoming: Shard) -> bool {
        if self.shards.get(person) == Some(&incoming) {
            return false;
        }
        let before = self.shards.get(person).cloned();
        self.shards.entry(*person).or_default().merge(incoming);
        before.as_ref() != self.shards.get(person)
    }
}

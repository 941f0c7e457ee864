//! `rapport-core`: Rapport's whole domain, pure.
//!
//! Invariants: this crate does no IO and depends on no browser crate. The current time,
//! today's date and new ids are always arguments. Everything here runs natively in tests.

pub mod agenda;
pub mod backup;
pub mod bulk;
mod choice;
pub mod clock;
pub mod company;
pub mod drafter;
pub mod duplicates;
pub mod export;
pub mod glossary;
pub mod ics;
pub mod id;
pub mod import;
pub mod input;
pub mod insights;
pub mod interaction;
pub mod list;
pub mod lock;
pub mod network;
pub mod order;
pub mod pair;
pub mod palette;
pub mod person;
pub mod phrase;
pub mod planner;
pub mod profile;
pub mod record;
pub mod revert;
pub mod review;
pub mod sample;
pub mod settings;
pub mod store;
pub mod sync;
pub mod synthetic;
pub mod text;
pub mod today;

pub use id::Id;
pub use input::{FieldErrors, InteractionInput, PersonInput, ProfileInput};
pub use interaction::{Channel, Exchange, Initiator, Interaction, InteractionFields, Purpose};
pub use network::{ChangeError, Network, PersonSlot, RemovedPerson, Shard, Slot, Tombstone, Touched};
pub use person::{Origin, Person, PersonFields, Seniority, Source};
pub use profile::Profile;
pub use record::{Kind, Record, Records};
pub use settings::{MetricSettings, Preferences, Settings, SettingsInput};

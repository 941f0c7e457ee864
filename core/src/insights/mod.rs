//! Network-quality metrics that value genuine relationships over connection counts.
//! Every figure here is explained in the app ("How is this computed?") with its source.

pub mod person;
pub mod screen;
pub mod strength;

pub use person::{give_first, person_metrics, stage, GiveFirst, PersonMetrics, Stage};
pub use screen::{
    all_metrics, insights, insights_from, suggestions_for, suggestions_from, Insights, Suggestion, SuggestionKind,
};
pub use strength::{channel_depth, tie_strength, Part, TieStrength};

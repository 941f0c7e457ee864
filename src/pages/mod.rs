//! One module per screen.
pub mod coming;
pub mod compose;
pub mod data;
pub mod duplicates;
pub mod employer;
pub mod insights;
pub mod interview;
pub mod interviews;
pub mod network;
pub mod outreach;
pub mod person;
pub mod person_form;
pub mod prep;
pub mod recovery;
pub mod settings;
pub mod today;
pub mod unlock;

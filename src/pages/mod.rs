//! One module per screen.
pub mod compose;
pub mod duplicates;
pub mod employer;
pub mod import_export;
pub mod insights;
pub mod interview;
pub mod interviews;
pub mod network;
pub mod not_found;
pub mod outreach;
pub mod person;
pub mod person_form;
pub mod prep;
pub mod recovery;
pub mod settings;
pub mod today;
pub mod unlock;

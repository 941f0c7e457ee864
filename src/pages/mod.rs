//! One module per screen.
pub mod coming;
pub mod insights;
pub mod network;
pub mod person;
pub mod person_form;
pub mod recovery;
pub mod settings;
pub mod today;

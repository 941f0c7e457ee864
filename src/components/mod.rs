//! Reusable pieces of screens.
pub mod banners;
pub mod charts;
pub mod combobox;
pub mod due;
pub mod fields;
pub mod import;
pub mod interaction_form;
pub mod lock;
pub mod nav;
pub mod palette;
pub mod shortcuts;
pub mod suggestions;
pub mod sync;
pub mod sync_folder;
pub mod term;
pub mod welcome;
pub mod your_data;

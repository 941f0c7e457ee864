//! The informational-interview planner (Dalton, The 2-Hour Job Search): the LAMP list of
//! target employers, whom to approach, the pipeline with 3B7, Boosters/Obligates/Curmudgeons,
//! TIARA prep and debrief.

pub mod calendar;
pub mod due;
pub mod employer;
pub mod export;
pub mod interview;
pub mod ops;

pub use calendar::{business_days_after, business_days_between, is_business_day};
pub use due::{funnel, planner_due, upcoming_meetings, DueItem, DueKind, Funnel};
pub use employer::{lamp_list, rank_contacts, Employer, EmployerFields, EmployerInput, LampRow};
pub use interview::{ContactKind, Debrief, Interview, Meeting, PipelineStage, Prep, Question, Tiara};
pub use ops::Step;

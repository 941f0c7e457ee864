//! My own profile: what the drafter, planner and metrics need to know about me.

use crate::person::Seniority;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seniority: Option<Seniority>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<String>,
    /// My current organisation, for internal-network metrics.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    /// Where I used to work: people there now are likely warm ties (the review's order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub past_employers: Vec<String>,
    /// Target roles and fields, narrowly ("product analytics at fintechs")…
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target_narrow: String,
    /// …and broadly ("data work in finance").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target_broad: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime<Utc>>,
}

//! The settings stored under `rapport.settings`: the metric settings (Settings → Metrics),
//! my preferences, and the people I said are not duplicates.

use crate::input::FieldErrors;
use serde::{Deserialize, Serialize};

/// Everything stored under `rapport.settings`, as one JSON object: the groups below side by
/// side in it, as they were stored before they were split. Read and written through
/// [`StoredSettings`], the same object with every field at the top: serde's `flatten` would
/// buffer the whole object and read every field a second way (issue 19: code in the first
/// load).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(into = "StoredSettings")]
pub struct Settings {
    pub metrics: MetricSettings,
    pub prefs: Preferences,
    /// Pairs of people the user has said are not one person (see [`crate::duplicates`]).
    pub not_duplicates: Vec<(crate::id::Id, crate::id::Id)>,
    /// When these settings last changed (absent in data stored before 2026-12), so that an
    /// undo never puts back settings another tab changed later.
    pub updated: Option<chrono::DateTime<chrono::Utc>>,
}

/// [`Settings`] as stored: one object, every field optional (a missing one is its default),
/// unknown ones ignored.
#[derive(Serialize, Deserialize)]
#[serde(default)]
struct StoredSettings {
    goal: u16,
    half_life_days: u16,
    relationship_threshold: u8,
    dormant_after_days: u16,
    layer_thresholds: [u8; 4],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    company_aliases: Vec<crate::company::CompanyAlias>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    holidays: Vec<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    linkedin_premium: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    list_known_first: bool,
    theme: Theme,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    shortcuts_off: bool,
    backup_reminder_days: u16,
    lock_idle_minutes: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_backup: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    today_hidden: Hidden,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    welcomed: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_duplicates: Vec<(crate::id::Id, crate::id::Id)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<chrono::DateTime<chrono::Utc>>,
}

/// Only an object is settings: a derived reader would also take a list of the fields in
/// order (`[]` as every default), which the stored form never was.
impl<'de> Deserialize<'de> for Settings {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Object;
        impl<'de> serde::de::Visitor<'de> for Object {
            type Value = Settings;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the settings, an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Settings, A::Error> {
                StoredSettings::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Settings::from)
            }
        }
        deserializer.deserialize_map(Object)
    }
}

impl Default for StoredSettings {
    fn default() -> Self {
        Settings::default().into()
    }
}

impl From<Settings> for StoredSettings {
    fn from(s: Settings) -> Self {
        let Settings { metrics: m, prefs: p, not_duplicates, updated } = s;
        StoredSettings {
            goal: m.goal,
            half_life_days: m.half_life_days,
            relationship_threshold: m.relationship_threshold,
            dormant_after_days: m.dormant_after_days,
            layer_thresholds: m.layer_thresholds,
            company_aliases: m.company_aliases,
            holidays: p.holidays,
            linkedin_premium: p.linkedin_premium,
            list_known_first: p.list_known_first,
            theme: p.theme,
            shortcuts_off: p.shortcuts_off,
            backup_reminder_days: p.backup_reminder_days,
            lock_idle_minutes: p.lock_idle_minutes,
            last_backup: p.last_backup,
            today_hidden: p.today_hidden,
            welcomed: p.welcomed,
            not_duplicates,
            updated,
        }
    }
}

impl From<StoredSettings> for Settings {
    fn from(s: StoredSettings) -> Self {
        Settings {
            metrics: MetricSettings {
                goal: s.goal,
                half_life_days: s.half_life_days,
                relationship_threshold: s.relationship_threshold,
                dormant_after_days: s.dormant_after_days,
                layer_thresholds: s.layer_thresholds,
                company_aliases: s.company_aliases,
            },
            prefs: Preferences {
                holidays: s.holidays,
                linkedin_premium: s.linkedin_premium,
                list_known_first: s.list_known_first,
                theme: s.theme,
                shortcuts_off: s.shortcuts_off,
                backup_reminder_days: s.backup_reminder_days,
                lock_idle_minutes: s.lock_idle_minutes,
                last_backup: s.last_backup,
                today_hidden: s.today_hidden,
                welcomed: s.welcomed,
            },
            not_duplicates: s.not_duplicates,
            updated: s.updated,
        }
    }
}

/// The settings of the metrics (Settings → Metrics): what counts, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricSettings {
    /// Genuine relationships to aim for (the source text's "50 genuine relationships").
    pub goal: u16,
    /// Recency halves every this many days.
    pub half_life_days: u16,
    /// Genuine interactions, at least one they took part in, that make a relationship: 2 or 3.
    pub relationship_threshold: u8,
    /// Strong ties with nothing for this long are dormant.
    pub dormant_after_days: u16,
    /// Tie-strength thresholds of the Dunbar layers, innermost first.
    pub layer_thresholds: [u8; 4],
    /// Company names joined into another ("Alphabet" → "Google"); see [`crate::company`].
    pub company_aliases: Vec<crate::company::CompanyAlias>,
}

/// Today's items marked done or snoozed: key → the first day they show again (see
/// [`crate::today`]).
pub type Hidden = std::collections::BTreeMap<String, chrono::NaiveDate>;

/// How I work and how the app behaves: the planner's holidays, my LinkedIn account, the
/// theme, shortcuts, the idle lock, backups and the network list's first view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preferences {
    /// Days that are not business days, besides weekends (for 3B7).
    pub holidays: Vec<chrono::NaiveDate>,
    /// A LinkedIn Premium account: connection notes hold 300 characters instead of 200.
    pub linkedin_premium: bool,
    /// The network list opens on relationships and acquaintances, connections one filter away.
    pub list_known_first: bool,
    /// Light, dark, or whatever the system uses.
    pub theme: Theme,
    /// Single-key shortcuts can be turned off (WCAG 2.1.4).
    pub shortcuts_off: bool,
    /// Today reminds me to download a backup when the last one is older than this.
    pub backup_reminder_days: u16,
    /// With the passphrase lock on, Rapport locks after this many minutes without use (0: never).
    pub lock_idle_minutes: u16,
    /// When I last downloaded a full backup.
    pub last_backup: Option<chrono::DateTime<chrono::Utc>>,
    /// Today's items marked done or snoozed: key → the first day they show again.
    pub today_hidden: Hidden,
    /// The first-run questions were answered or skipped.
    pub welcomed: bool,
}

crate::choice! {
    /// The colour theme.
    pub enum Theme {
        System => ("system", "Follow the system"),
        Light => ("light", "Light"),
        Dark => ("dark", "Dark"),
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::System
    }
}

impl Preferences {
    /// True when Today should remind me to download a backup: I have data, and either never
    /// downloaded one or the last is older than my setting.
    pub fn backup_due(&self, has_data: bool, now: chrono::DateTime<chrono::Utc>) -> bool {
        has_data
            && match self.last_backup {
                None => true,
                Some(at) => (now - at).num_days() >= i64::from(self.backup_reminder_days.max(1)),
            }
    }
}

impl Default for MetricSettings {
    fn default() -> Self {
        MetricSettings {
            goal: 50,
            half_life_days: 90,
            relationship_threshold: 3,
            dormant_after_days: 365,
            layer_thresholds: [80, 60, 40, 20],
            company_aliases: Vec::new(),
        }
    }
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            holidays: Vec::new(),
            linkedin_premium: false,
            list_known_first: false,
            theme: Theme::System,
            shortcuts_off: false,
            backup_reminder_days: 30,
            lock_idle_minutes: 15,
            last_backup: None,
            today_hidden: Default::default(),
            welcomed: false,
        }
    }
}

/// The metrics form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SettingsInput {
    pub goal: String,
    pub half_life_days: String,
    pub relationship_threshold: String,
    pub dormant_after_days: String,
    /// Four numbers separated by commas, innermost layer first.
    pub layer_thresholds: String,
    /// Dates (YYYY-MM-DD) separated by commas or new lines.
    pub holidays: String,
    pub linkedin_premium: bool,
}

impl SettingsInput {
    pub fn from_settings(settings: &Settings) -> SettingsInput {
        let (s, p) = (&settings.metrics, &settings.prefs);
        SettingsInput {
            goal: s.goal.to_string(),
            half_life_days: s.half_life_days.to_string(),
            relationship_threshold: s.relationship_threshold.to_string(),
            dormant_after_days: s.dormant_after_days.to_string(),
            layer_thresholds: s.layer_thresholds.map(|t| t.to_string()).join(", "),
            holidays: p.holidays.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "),
            linkedin_premium: p.linkedin_premium,
        }
    }

    /// Checks the form; fields the form doesn't show are kept from `current`.
    pub fn validate(&self, current: &Settings) -> Result<Settings, FieldErrors> {
        let mut errors = Vec::new();
        let mut number = |field: &'static str, text: &str, min: u16, max: u16| -> u16 {
            match text.trim().parse::<u16>() {
                Ok(n) if (min..=max).contains(&n) => n,
                _ => {
                    errors.push((field, format!("Enter a whole number from {min} to {max}.")));
                    min
                }
            }
        };
        let goal = number("goal", &self.goal, 1, 1000);
        let half_life_days = number("half_life_days", &self.half_life_days, 7, 3650);
        let threshold = number("relationship_threshold", &self.relationship_threshold, 2, 3) as u8;
        let dormant_after_days = number("dormant_after_days", &self.dormant_after_days, 30, 3650);
        let parts: Vec<Option<u8>> =
            self.layer_thresholds.split(',').map(|p| p.trim().parse::<u8>().ok().filter(|n| *n <= 100)).collect();
        let layers = match parts.as_slice() {
            [Some(a), Some(b), Some(c), Some(d)] if a > b && b > c && c > d => [*a, *b, *c, *d],
            _ => {
                errors.push((
                    "layer_thresholds",
                    "Enter four strengths from 100 down to 0, each lower than the one before (e.g. 80, 60, 40, 20)."
                        .into(),
                ));
                [80, 60, 40, 20]
            }
        };
        let mut holidays = Vec::new();
        for part in self.holidays.split([',', '\n', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
            match part.parse::<chrono::NaiveDate>() {
                Ok(d) => holidays.push(d),
                Err(_) => {
                    errors.push(("holidays", format!("“{part}” is not a date; use YYYY-MM-DD, separated by commas.")));
                    break;
                }
            }
        }
        crate::order::sort(&mut holidays);
        holidays.dedup();
        if errors.is_empty() {
            let mut next = current.clone();
            next.metrics = MetricSettings {
                goal,
                half_life_days,
                relationship_threshold: threshold,
                dormant_after_days,
                layer_thresholds: layers,
                ..current.metrics.clone()
            };
            next.prefs.holidays = holidays;
            next.prefs.linkedin_premium = self.linkedin_premium;
            Ok(next)
        } else {
            Err(FieldErrors(errors))
        }
    }
}

//! A sentence for the screen that keeps its dates as dates, so the shell writes them in the
//! user's locale ("by Dec 25, 2026", "quiet since 3 Nov 2026") beside every other date it
//! shows. Core has no locale: `Display` writes ISO dates, for tests and plain text.

use chrono::NaiveDate;
use std::fmt;

/// Text and dates, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Phrase(Vec<Piece>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Date(NaiveDate),
}

impl Phrase {
    /// Appends text.
    pub fn then(mut self, text: impl Into<String>) -> Self {
        self.0.push(Piece::Text(text.into()));
        self
    }

    /// Appends a date, written by whoever renders the phrase.
    pub fn date(mut self, date: NaiveDate) -> Self {
        self.0.push(Piece::Date(date));
        self
    }

    /// The phrase with each date written by `date`.
    pub fn render(&self, date: impl Fn(NaiveDate) -> String) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Date(d) => out.push_str(&date(*d)),
            }
        }
        out
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|p| matches!(p, Piece::Text(t) if t.is_empty()))
    }

    /// Whether the text, dates written as ISO, contains `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.to_string().contains(needle)
    }
}

impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(|d| d.to_string()))
    }
}

impl From<String> for Phrase {
    fn from(text: String) -> Self {
        Phrase::default().then(text)
    }
}

impl From<&str> for Phrase {
    fn from(text: &str) -> Self {
        Phrase::default().then(text)
    }
}

//! The command palette: fuzzy matching, actions on people, screens.
mod common;
use common::{person_named, Ids};
use rapport_core::palette::{fuzzy, search, Command, PaletteIndex};
use rapport_core::*;

fn index(names: &[&str]) -> (Network, PaletteIndex) {
    let mut net = Network::default();
    let mut ids = Ids::new();
    for n in names {
        person_named(&mut net, &mut ids, n);
    }
    let index = PaletteIndex::build(&net);
    (net, index)
}

/// Checks the labels of the first results for what was typed.
fn check(index: &PaletteIndex, typed: &str, expected: &[&str]) {
    let got: Vec<String> = search(index, typed, expected.len()).into_iter().map(|h| h.label).collect();
    assert_eq!(got, expected, "typed {typed:?}");
}

#[test]
fn fuzzy_prefers_word_starts_and_runs() {
    assert!(fuzzy("ao", "ada okafor").unwrap() > fuzzy("ao", "jorge alvarado").unwrap());
    assert!(fuzzy("ada", "ada okafor").unwrap() > fuzzy("ada", "adam adams").unwrap_or(0) - 100);
    assert_eq!(fuzzy("xyz", "ada okafor"), None);
    assert_eq!(fuzzy("", "anything"), Some(0));
    // Found by a hostile tester: "settings" listed a long name holding those letters.
    assert_eq!(fuzzy("settings", "hubert wolfeschlegelsteinhausenbergerdorff"), None);
}

#[test]
fn people_screens_and_actions() {
    let (net, idx) = index(&["Ada Okafor", "José Núñez", "Adam Smith", "Nadia Nowak"]);
    check(&idx, "ada oka", &["Ada Okafor"]);
    check(&idx, "jose", &["José Núñez"]); // accents folded
    check(&idx, "insi", &["Insights"]);
    check(&idx, "log nad", &["Log interaction with Nadia Nowak"]);
    check(&idx, "thank jos", &["Draft a thank-you to José Núñez"]);
    check(&idx, "plan ada ok", &["Plan an informational interview with Ada Okafor"]);
    let ada = net.live_people().find(|p| p.name == "Ada Okafor").unwrap().id;
    assert_eq!(search(&idx, "log ada o", 1)[0].command, Command::LogWith(ada));
    // Screens by what they hold, not only their names (issue 19's hostile test).
    check(&idx, "backup", &["Import & export"]);
    check(&idx, "undo imp", &["Import & export"]);
    check(&idx, "passphrase", &["Settings"]);
    // Nothing typed: the screens.
    assert_eq!(search(&idx, "", 3).len(), 3);
    assert!(matches!(search(&idx, "", 1)[0].command, Command::Screen("today")));
}

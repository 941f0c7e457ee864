//! The reactive state: the network in one signal, what is not yet saved, the undo slot and
//! the current route. Views read it; they change it only through `actions`.

pub mod actions;
pub mod devices;
pub mod drafter;
pub mod pairing;
pub mod planner;
pub mod review;
mod sync;

use crate::route::{self, Route};
use leptos::prelude::*;
use rapport_core::drafter::Draft;
use rapport_core::planner::{Employer, Interview};
use rapport_core::{Interaction, Network, RemovedPerson, Touched};

/// Whether everything in memory is stored.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Saved,
    /// The last save failed; `reason` says why. Memory still has every change.
    Unsaved {
        reason: String,
    },
    /// The store opened with its data, but nothing can be saved this session (storage full
    /// at start, or an upgrade that did not fit); `reason` says why. Nothing is unsaved yet.
    ReadOnly {
        reason: String,
    },
    /// localStorage does not work here; nothing is kept after the tab closes.
    NoStorage {
        reason: String,
    },
}

/// Something the user can undo.
#[derive(Debug, Clone, PartialEq)]
pub enum UndoAction {
    RestorePerson(RemovedPerson),
    RestoreInteraction(Interaction),
    RestoreEmployer(Employer),
    RestoreInterview(Interview),
    RestoreDraft(Draft),
    /// Puts the records a change touched back as they were (merges, bulk edits, imports).
    Revert(std::sync::Arc<Network>, Touched, chrono::DateTime<chrono::Utc>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    pub message: String,
    pub action: UndoAction,
}

/// The network list's search, view, sort and filters, kept for the page's life so that
/// leaving the list and coming back (Back, or a tab) finds it as it was.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListView {
    pub text: String,
    /// "" (the list's own default), "everyone", "known" or "archived".
    pub show: String,
    pub sort: String,
    pub tag: String,
    pub origin: String,
    pub company: String,
    pub source: String,
    pub stage: String,
}

/// Everything the views share, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub network: RwSignal<Network>,
    pub route: RwSignal<Route>,
    pub save: RwSignal<SaveStatus>,
    pub undo: RwSignal<Option<Undo>>,
    /// A short message announced after an action ("Saved Ada Okafor").
    pub notice: RwSignal<Option<String>>,
    /// Whether the passphrase lock is on (this page holds the unlocked key).
    pub lock_on: RwSignal<bool>,
    /// Where the user was before writing a message (the screen before the template
    /// chooser or the editor), so "Mark as sent" can go back there.
    pub before_writing: RwSignal<Option<Route>>,
    /// The network list as the user left it.
    pub list_view: StoredValue<ListView>,
    /// What was typed into a person form and not saved yet, by the form's address: leaving
    /// the form and coming back finds it again (for the page's life).
    pub unsaved_people: StoredValue<std::collections::HashMap<String, rapport_core::PersonInput>>,
    /// What was typed into an interview's debrief and not saved yet, by interview, beside the
    /// stored debrief it was typed over: leaving the interview and coming back finds it again
    /// (for the page's life), unless the stored one has changed since.
    pub unsaved_debriefs: StoredValue<
        std::collections::HashMap<rapport_core::Id, (rapport_core::planner::Debrief, rapport_core::planner::Debrief)>,
    >,
    /// Keys changed in memory but not yet stored, retried with every save.
    pending: StoredValue<Touched, LocalStorageSlot>,
    /// Whether there is a store at all (localStorage can be read); without one nothing is
    /// ever written.
    has_store: bool,
    /// Every living person's metrics as of today, computed once per change to the network
    /// and shared by the list, Today's suggestions and Insights (read only when one of them
    /// is drawn).
    pub metrics: Memo<Metrics>,
}

/// Per-person metrics (`rapport_core::insights::all_metrics`) and the day they are as of.
#[derive(Clone)]
pub struct Metrics {
    pub day: chrono::NaiveDate,
    pub by_person: std::sync::Arc<std::collections::BTreeMap<rapport_core::Id, rapport_core::insights::PersonMetrics>>,
}

impl Metrics {
    /// The metrics as of `day`: the shared ones when they are, computed here otherwise (a
    /// screen opened before midnight and redrawn after it).
    pub fn as_of(&self, network: &Network, day: chrono::NaiveDate) -> Metrics {
        if self.day == day {
            self.clone()
        } else {
            Metrics::compute(network, day)
        }
    }

    fn compute(network: &Network, day: chrono::NaiveDate) -> Metrics {
        Metrics { day, by_person: std::sync::Arc::new(rapport_core::insights::all_metrics(network, day)) }
    }
}

/// Recomputed metrics always count as changed: comparing 30,000 people's would cost as much
/// as computing them.
impl PartialEq for Metrics {
    fn eq(&self, other: &Metrics) -> bool {
        self.day == other.day && std::sync::Arc::ptr_eq(&self.by_person, &other.by_person)
    }
}

/// The storage slot of `StoredValue`s that hold non-`Send` browser handles.
pub type LocalStorageSlot = leptos::reactive::owner::LocalStorage;

impl AppState {
    /// Forgets typed and unsaved text (person forms, debriefs): after "Delete everything" or a
    /// backup that replaces everything, it belongs to data that is gone.
    pub fn forget_unsaved(&self) {
        self.unsaved_people.update_value(|m| m.clear());
        self.unsaved_debriefs.update_value(|m| m.clear());
    }

    /// State over the opened store (`has_store`), or over no storage at all.
    pub fn new(network: Network, has_store: bool, save: SaveStatus) -> AppState {
        let network = RwSignal::new(network);
        let state = AppState {
            network,
            metrics: Memo::new(move |_| network.with(|n| Metrics::compute(n, crate::browser::today()))),
            route: RwSignal::new(route::current()),
            save: RwSignal::new(save),
            undo: RwSignal::new(None),
            notice: RwSignal::new(None),
            lock_on: RwSignal::new(crate::storage::lock::is_on()),
            before_writing: RwSignal::new(None),
            list_view: StoredValue::new(ListView::default()),
            unsaved_people: StoredValue::new(std::collections::HashMap::new()),
            unsaved_debriefs: StoredValue::new(std::collections::HashMap::new()),
            pending: StoredValue::new_local(Touched::default()),
            has_store,
        };
        let route = state.route;
        let before_writing = state.before_writing;
        crate::scroll::init();
        let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
            crate::scroll::on_navigate();
            let next = route::current();
            let previous = route.get_untracked();
            let writing = |r: &Route| matches!(r, Route::OutreachTo(_) | Route::Compose(..));
            if writing(&next) && !writing(&previous) {
                before_writing.set(Some(previous));
            }
            route.set(next);
        });
        on_cleanup(move || on_hash.remove());
        sync::listen_for_other_tabs(state);
        sync::ask_before_closing_unsaved(state);
        state
    }

    pub fn context() -> AppState {
        expect_context::<AppState>()
    }
}

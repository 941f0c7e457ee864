//! Actions: each validates with core, changes the network in memory through core, then
//! persists exactly the keys core says it touched. A rejected action changes nothing.
//! Errors come back as `FieldErrors`; problems that are not about one field use "form".

use super::{AppState, SaveStatus, Undo, UndoAction};
use crate::browser;
use crate::storage;
use leptos::prelude::*;
use rapport_core::{
    ChangeError, FieldErrors, Id, InteractionInput, Network, PersonInput, ProfileInput, SettingsInput, Source, Touched,
};

fn form_error(message: impl Into<String>) -> FieldErrors {
    FieldErrors(vec![("form", message.into())])
}

fn change_error(e: ChangeError) -> FieldErrors {
    form_error(e.to_string())
}

/// Hands out many fresh ids for one change, checking each against every id in use once.
pub(crate) fn id_source(network: &Network) -> impl FnMut() -> Id {
    let mut used = network.all_ids();
    move || {
        let id = browser::new_id(|id| used.contains(id));
        used.insert(id);
        id
    }
}

pub(crate) fn fresh_id(state: AppState) -> Id {
    state.network.with_untracked(|n| browser::new_id(|id| n.id_in_use(id)))
}

/// Applies `change` to the network; on success, stores the touched keys. A new change ends
/// the offer to undo the previous one (undo only ever reverts the latest change).
pub(crate) fn change<T>(
    state: AppState,
    change: impl FnOnce(&mut Network) -> Result<(Touched, T), ChangeError>,
) -> Result<T, FieldErrors> {
    let value = change_keeping_undo(state, change)?;
    if state.undo.with_untracked(Option::is_some) {
        state.undo.set(None);
    }
    Ok(value)
}

/// Like [`change`], without ending the undo offer: for settings that an undo never touches
/// in a way that matters (theme, the last backup date, list preferences).
fn change_keeping_undo<T>(
    state: AppState,
    change: impl FnOnce(&mut Network) -> Result<(Touched, T), ChangeError>,
) -> Result<T, FieldErrors> {
    let result =
        state.network.try_update(|n| change(n)).unwrap_or(Err(ChangeError::NoSuchPerson)).map_err(change_error)?;
    let (touched, value) = result;
    persist(state, touched);
    Ok(value)
}

/// Stores the touched keys together with anything a failed save left pending. The engine
/// merges the stored copy of each bucket first (another tab may have changed other people
/// of it), so both tabs' edits survive this write.
pub(crate) fn persist(state: AppState, touched: Touched) {
    let all = state.pending.with_value(|p| p.clone()).and(touched);
    if !state.has_store {
        state.pending.set_value(all);
        return;
    }
    let started = browser::performance_now();
    let now = browser::now();
    let result = state.network.try_update_untracked(|n| storage::save(n, &all, now));
    // For the benchmark: how long merging, encoding, packing (or sealing) and storing took.
    browser::measure("rapport-save", started);
    match result {
        Some(Ok(merged)) => {
            if merged {
                // What came from the other tab shows here too.
                state.network.notify();
            }
            state.pending.set_value(Touched::default());
            if state.save.get_untracked() != SaveStatus::Saved {
                state.save.set(SaveStatus::Saved);
            }
        }
        Some(Err(error)) => {
            state.pending.set_value(all);
            state.save.set(SaveStatus::Unsaved { reason: error.message });
        }
        None => state.pending.set_value(all),
    }
}

/// Stores a change already made in memory once the next frame has painted: for a change whose
/// save takes long (a sync merge writes most buckets again), so what it reports shows first.
/// Until then it is pending, as after a failed save: closing the tab asks first, and a save
/// that fails says so as any other does. Ends the offer to undo the previous change.
pub(crate) fn store_after_paint(state: AppState, touched: Touched) {
    state.pending.update_value(|p| *p = std::mem::take(p).and(touched));
    if state.undo.with_untracked(Option::is_some) {
        state.undo.set(None);
    }
    // A hidden tab paints no frames: stored at once. Otherwise after the next frame, or after
    // 100 ms if no frame comes first; once.
    let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
    if hidden {
        persist(state, Touched::default());
        return;
    }
    let done = std::rc::Rc::new(std::cell::Cell::new(false));
    let once = move || {
        if !done.replace(true) {
            persist(state, Touched::default());
        }
    };
    browser::after_frames(1, once.clone());
    set_timeout(once, std::time::Duration::from_millis(100));
}

/// Stores at once whatever waits to be stored ([`store_after_paint`]); nothing if nothing does.
pub(crate) fn store_pending(state: AppState) {
    if has_unsaved(state) && state.has_store {
        persist(state, Touched::default());
    }
}

/// Whether something changed in memory is not stored yet (a save failed, or is pending).
pub fn has_unsaved(state: AppState) -> bool {
    !state.pending.with_value(Touched::is_empty)
}

/// Stops all saving from this tab (the stored data moved to a newer schema elsewhere).
pub fn halt(state: AppState, reason: &str) {
    storage::halt(reason);
    state.save.set(SaveStatus::Unsaved { reason: reason.to_string() });
}

/// Tries again to store everything a failed save left in memory only.
pub fn retry_save(state: AppState) {
    persist(state, Touched::default());
    if state.save.get_untracked() == SaveStatus::Saved {
        state.notice.set(Some("Everything is saved now.".into()));
    }
}

pub(crate) fn saved_notice(state: AppState, what: String) {
    if state.save.get_untracked() == SaveStatus::Saved {
        state.notice.set(Some(what));
    }
}

pub fn add_person(state: AppState, draft: &PersonInput) -> Result<Id, FieldErrors> {
    let fields = state.network.with_untracked(|n| draft.validate(|id| n.person(id).is_some(), None))?;
    let id = fresh_id(state);
    let name = fields.name.clone();
    let now = browser::now();
    let new = id;
    change(state, move |n| n.add_person(new, fields, Source::Manual, now).map(|t| (t, ())))?;
    saved_notice(state, format!("Added {name}."));
    Ok(id)
}

/// Test hook (`test-hooks`): [`add_person`] with a fresh id in one storage bucket.
#[cfg(feature = "test-hooks")]
pub fn add_person_in_bucket(state: AppState, draft: &PersonInput, bucket: u8) -> Result<Id, FieldErrors> {
    let fields = state.network.with_untracked(|n| draft.validate(|id| n.person(id).is_some(), None))?;
    let id = state
        .network
        .with_untracked(|n| browser::new_id(|id| n.id_in_use(id) || rapport_core::store::bucket_of(id) != bucket));
    let now = browser::now();
    let new = id;
    change(state, move |n| n.add_person(new, fields, Source::Manual, now).map(|t| (t, ())))?;
    Ok(id)
}

/// Saves an edit form opened on `opened`: only the fields changed in it, so what another tab
/// changed meanwhile stays (see [`PersonInput::rebase`]).
pub fn update_person(state: AppState, id: &Id, opened: &PersonInput, draft: &PersonInput) -> Result<(), FieldErrors> {
    let fields = state.network.with_untracked(|n| {
        let current = n.person(id).map(|p| PersonInput::from_fields(&p.fields()));
        let draft = current.map(|c| draft.rebase(opened, &c)).unwrap_or_else(|| draft.clone());
        draft.validate(|other| n.person(other).is_some(), Some(id))
    })?;
    let name = fields.name.clone();
    let now = browser::now();
    change(state, |n| n.update_person(id, fields, now).map(|t| (t, ())))?;
    saved_notice(state, format!("Saved {name}."));
    Ok(())
}

pub fn delete_person(state: AppState, id: &Id) -> Result<(), FieldErrors> {
    let now = browser::now();
    let removed = change(state, |n| n.delete_person(id, now))?;
    let count = removed.interactions.len();
    let message = match count {
        0 => format!("Deleted {}.", removed.person.name),
        1 => format!("Deleted {} and 1 interaction.", removed.person.name),
        n => format!("Deleted {} and {n} interactions.", removed.person.name),
    };
    state.notice.set(None);
    state.undo.set(Some(Undo { message, action: UndoAction::RestorePerson(removed) }));
    Ok(())
}

pub fn log_interaction(state: AppState, person: &Id, draft: &InteractionInput) -> Result<(), FieldErrors> {
    let fields = draft.validate(browser::today())?;
    let id = fresh_id(state);
    let now = browser::now();
    change(state, |n| n.log_interaction(id, person, fields, now).map(|t| (t, ())))?;
    saved_notice(state, "Interaction logged.".into());
    Ok(())
}

pub fn update_interaction(state: AppState, person: &Id, id: &Id, draft: &InteractionInput) -> Result<(), FieldErrors> {
    let fields = draft.validate(browser::today())?;
    let now = browser::now();
    change(state, |n| n.update_interaction(person, id, fields, now).map(|t| (t, ())))?;
    saved_notice(state, "Interaction saved.".into());
    Ok(())
}

pub fn delete_interaction(state: AppState, person: &Id, id: &Id) -> Result<(), FieldErrors> {
    let now = browser::now();
    let removed = change(state, |n| n.delete_interaction(person, id, now))?;
    state.notice.set(None);
    state.undo.set(Some(Undo {
        message: "Deleted the interaction.".into(),
        action: UndoAction::RestoreInteraction(removed),
    }));
    Ok(())
}

/// Undoes the last destructive action.
pub fn undo(state: AppState) -> Result<(), FieldErrors> {
    let Some(undo) = state.undo.get_untracked() else {
        return Ok(());
    };
    let now = browser::now();
    match undo.action {
        UndoAction::RestorePerson(removed) => {
            let name = removed.person.name.clone();
            change(state, |n| Ok((n.restore_person(removed, now), ())))?;
            saved_notice(state, format!("Restored {name}."));
        }
        UndoAction::RestoreInteraction(interaction) => {
            change(state, |n| n.restore_interaction(interaction, now).map(|t| (t, ())))?;
            saved_notice(state, "Restored the interaction.".into());
        }
        UndoAction::RestoreEmployer(employer) => {
            let name = employer.name.clone();
            change(state, |n| Ok((n.restore_employer(employer, now), ())))?;
            saved_notice(state, format!("Restored {name}."));
        }
        UndoAction::RestoreDraft(draft) => {
            change(state, |n| Ok((n.restore_draft(draft, now), ())))?;
            saved_notice(state, "Restored the draft.".into());
        }
        UndoAction::RestoreInterview(interview) => {
            change(state, |n| Ok((n.restore_interview(interview, now), ())))?;
            saved_notice(state, "Restored the interview.".into());
        }
        UndoAction::Revert(before, touched, since) => {
            change(state, |n| Ok((rapport_core::revert::revert(n, &before, &touched, since, now), ())))?;
            saved_notice(state, "Undone.".into());
        }
    }
    state.undo.set(None);
    Ok(())
}

pub fn save_profile(state: AppState, draft: &ProfileInput) -> Result<(), FieldErrors> {
    let profile = draft.validate()?;
    let now = browser::now();
    change(state, |n| Ok((n.set_profile(profile, now), ())))?;
    saved_notice(state, "Saved your profile.".into());
    Ok(())
}

pub fn save_settings(state: AppState, draft: &SettingsInput) -> Result<(), FieldErrors> {
    let settings = state.network.with_untracked(|n| draft.validate(&n.settings))?;
    change(state, |n| Ok((n.set_settings(settings, browser::now()), ())))?;
    saved_notice(state, "Saved the metric settings.".into());
    Ok(())
}

/// Adds the sample network, fetching its module first (see `screens::sample`).
pub async fn load_sample(state: AppState) -> Result<(), FieldErrors> {
    let add = crate::screens::sample()
        .await
        .map_err(|_| form_error("The sample network could not be loaded: the connection may be down. Try again."))?;
    let today = browser::today();
    let now = browser::now();
    change(state, move |n| {
        let mut next = id_source(n);
        add(n, today, now, &mut next).map(|t| (t, ()))
    })?;
    saved_notice(state, "Loaded the sample network. Remove it any time from the Network screen or Settings.".into());
    Ok(())
}

pub fn remove_sample(state: AppState) -> Result<(), FieldErrors> {
    let now = browser::now();
    change(state, |n| Ok((n.remove_sample(now), ())))?;
    saved_notice(state, "Removed the sample network.".into());
    Ok(())
}

/// Like [`change`], and offers to undo it: the records it touched are put back as they were.
fn undoable<T>(
    state: AppState,
    message: impl FnOnce(&T) -> String,
    f: impl FnOnce(&mut Network) -> Result<(Touched, T), ChangeError>,
) -> Result<T, FieldErrors> {
    let before = state.network.with_untracked(|n| std::sync::Arc::new(n.clone()));
    let since = browser::now();
    let (touched, value) = change(state, |n| f(n).map(|(t, v)| (t.clone(), (t, v))))?;
    state.notice.set(None);
    state.undo.set(Some(Undo { message: message(&value), action: UndoAction::Revert(before, touched, since) }));
    Ok(value)
}

/// Applies an import preview in one all-or-nothing change, recorded as a batch.
pub fn import_people(
    state: AppState,
    preview: &rapport_core::import::Preview,
    update_matches: bool,
    kind: rapport_core::import::batch::BatchKind,
    file: &str,
) -> Result<usize, FieldErrors> {
    let now = browser::now();
    let batch = undoable(
        state,
        |batch: &rapport_core::import::batch::ImportBatch| {
            let people = |n: usize| if n == 1 { "1 new person".to_string() } else { format!("{n} new people") };
            format!(
                "Imported {} and updated {}. Undo now, or later from Import & export.",
                people(batch.added.len()),
                batch.before.len()
            )
        },
        |n| {
            let mut next = id_source(n);
            rapport_core::import::apply(n, preview, update_matches, &mut next, now, kind, file)
        },
    )?;
    Ok(batch.added.len())
}

/// Adds the interactions a LinkedIn messages preview found, in one change.
pub fn import_messages(
    state: AppState,
    preview: &rapport_core::import::messages::MessagesPreview,
    file: &str,
) -> Result<(), FieldErrors> {
    let now = browser::now();
    undoable(
        state,
        |batch: &rapport_core::import::batch::ImportBatch| {
            format!(
                "Added {} LinkedIn message interactions. Undo now, or later from Import & export.",
                batch.interactions.len()
            )
        },
        |n| {
            let mut next = id_source(n);
            rapport_core::import::messages::apply(n, preview, &mut next, now, file)
        },
    )?;
    Ok(())
}

/// Applies a bulk edit to the selected people.
pub fn bulk_edit(state: AppState, ids: &[Id], edit: &rapport_core::bulk::BulkEdit) -> Result<usize, FieldErrors> {
    let now = browser::now();
    undoable(
        state,
        |count: &usize| match count {
            1 => "Changed 1 person.".to_string(),
            n => format!("Changed {n} people."),
        },
        |n| rapport_core::bulk::apply(n, ids, edit, now).map(|(t, before)| (t, before.len())),
    )
}

/// Merges `other` into `kept` with the chosen fields.
pub fn merge_people(
    state: AppState,
    kept: &Id,
    other: &Id,
    fields: rapport_core::PersonFields,
) -> Result<(), FieldErrors> {
    let now = browser::now();
    let name = fields.name.clone();
    undoable(
        state,
        |_: &()| format!("Merged into {name}."),
        |n| rapport_core::duplicates::merge_people(n, kept, other, fields, now).map(|t| (t, ())),
    )
}

/// Says two people are not one, so the duplicate finder stops showing them.
pub fn not_duplicates(state: AppState, a: &Id, b: &Id) -> Result<(), FieldErrors> {
    change(state, |n| Ok((rapport_core::duplicates::dismiss(n, a, b), ())))?;
    saved_notice(state, "Noted: they are different people.".into());
    Ok(())
}

/// Joins one company name into another for every metric.
pub fn join_company(state: AppState, alias: &str, into: &str) -> Result<(), FieldErrors> {
    let joined = state.network.with_untracked(|n| {
        let companies = rapport_core::company::Companies::new(&n.settings.metrics.company_aliases);
        rapport_core::company::validate_alias(&companies, &n.settings.metrics.company_aliases, alias, into)
    });
    let joined = joined.map_err(form_error)?;
    let message = format!("“{}” now counts as “{}”.", joined.alias, joined.into);
    change(state, |n| {
        let mut settings = n.settings.clone();
        settings.metrics.company_aliases.push(joined);
        Ok((n.set_settings(settings, browser::now()), ()))
    })?;
    saved_notice(state, message);
    Ok(())
}

pub fn unjoin_company(state: AppState, index: usize) -> Result<(), FieldErrors> {
    change(state, |n| {
        let mut settings = n.settings.clone();
        if index < settings.metrics.company_aliases.len() {
            settings.metrics.company_aliases.remove(index);
        }
        Ok((n.set_settings(settings, browser::now()), ()))
    })?;
    saved_notice(state, "Removed the join.".into());
    Ok(())
}

/// Remembers whether the network list opens on relationships and acquaintances.
pub fn set_list_known_first(state: AppState, on: bool) -> Result<(), FieldErrors> {
    set_setting(state, |s| s.prefs.list_known_first = on)
}

/// Removes every stored key and empties the network. The caller has had a typed confirmation.
pub fn wipe_everything(state: AppState) -> Result<(), FieldErrors> {
    if state.has_store {
        storage::wipe().map_err(form_error)?;
    }
    state.pending.set_value(Touched::default());
    state.lock_on.set(false);
    state.network.set(Network::default());
    state.undo.set(None);
    state.forget_unsaved();
    state.notice.set(Some("Everything was deleted from this browser.".into()));
    Ok(())
}

/// Undoes a whole recorded import.
pub fn undo_batch(state: AppState, batch: &Id) -> Result<String, FieldErrors> {
    let now = browser::now();
    // Removing an import can itself be undone (the toast's Undo puts everything back).
    let report = undoable(
        state,
        |report: &rapport_core::import::batch::Undone| format!("Undid the import. {report}"),
        |n| rapport_core::import::batch::undo(n, batch, now),
    )?;
    Ok(format!("Undid the import. {report}"))
}

/// Forgets a recorded import; the people it brought stay.
pub fn forget_batch(state: AppState, batch: &Id) -> Result<(), FieldErrors> {
    let now = browser::now();
    change(state, |n| Ok((rapport_core::import::batch::forget(n, batch, now), ())))?;
    Ok(())
}

/// Restores a backup: merged in, or replacing everything, in one all-or-nothing change.
pub fn restore_backup(state: AppState, backup: &rapport_core::backup::Backup, merge: bool) -> Result<(), FieldErrors> {
    change(state, |n| Ok((rapport_core::backup::restore(n, backup, merge), ())))?;
    state.undo.set(None);
    if !merge {
        state.forget_unsaved();
    }
    saved_notice(state, if merge { "Merged the backup.".into() } else { "Restored the backup.".into() });
    Ok(())
}

/// Downloads everything as Rapport's JSON backup.
pub fn download_backup(state: AppState) -> Result<(), String> {
    let now = browser::now();
    let text = state.network.with_untracked(|n| rapport_core::backup::export_json(n, now));
    browser::download(&format!("rapport-backup-{}.json", browser::today()), &text, "application/json")?;
    backup_taken(state, now);
    Ok(())
}

/// Downloads a full backup sealed under a passphrase (see `rapport_core::lock::EncryptedBackup`).
pub async fn download_encrypted_backup(state: AppState, passphrase: String) -> Result<(), String> {
    let now = browser::now();
    let text = state.network.with_untracked(|n| rapport_core::backup::export_json(n, now));
    let sealed = crate::storage::lock::encrypt_backup(&passphrase, &text).await?;
    browser::download(&format!("rapport-backup-{}.encrypted.json", browser::today()), &sealed, "application/json")?;
    backup_taken(state, now);
    Ok(())
}

/// Remembers when, for the reminder on Today (a failed save of this is only a lost date).
fn backup_taken(state: AppState, now: chrono::DateTime<chrono::Utc>) {
    let _ = set_setting(state, |s| s.prefs.last_backup = Some(now));
}

/// Changes one of the settings that are not on the metrics form, and stores them.
pub fn set_setting(state: AppState, edit: impl FnOnce(&mut rapport_core::Settings)) -> Result<(), FieldErrors> {
    change_keeping_undo(state, |n| {
        let mut settings = n.settings.clone();
        edit(&mut settings);
        Ok((n.set_settings(settings, browser::now()), ()))
    })
}

/// Hides one of Today's items until `until` (done or snoozed); forgets items whose day has
/// come, so the list of hidden items never grows without end.
pub fn hide_today_item(
    state: AppState,
    key: &str,
    until: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<(), FieldErrors> {
    set_setting(state, |s| {
        s.prefs.today_hidden.retain(|_, day| *day > today);
        s.prefs.today_hidden.insert(key.to_string(), until);
    })
}

/// Brings back an item of Today's that was marked done or snoozed.
pub fn unhide_today_item(state: AppState, key: &str) -> Result<(), FieldErrors> {
    set_setting(state, |s| {
        s.prefs.today_hidden.remove(key);
    })
}

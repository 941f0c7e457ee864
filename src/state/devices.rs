//! Sync between devices, on the browser side: the sync passphrase, saving this device's sync
//! file, and merging other devices' files (chosen by hand, or read from the sync folder) in
//! one change that can be undone whole. What a merge does is core's
//! (`rapport_core::sync::merge`); the file format is `rapport_core::sync`'s.

use super::{actions, AppState, Undo, UndoAction};
use crate::browser;
use crate::storage::{device, lock as store_lock};
use leptos::prelude::*;
use rapport_core::lock::{ITERATIONS, MIN_PASSPHRASE_CHARS};
use rapport_core::sync::{self, MergeReport, SyncFile};
use std::cell::RefCell;

thread_local! {
    /// The sync passphrase as typed, for this page's life only: it derives the key of a
    /// device whose file this device has not read before.
    static PASSPHRASE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The sync passphrase, if typed on this page.
pub fn passphrase() -> Option<String> {
    PASSPHRASE.with(|p| p.borrow().clone())
}

/// Whether this device can write its sync file.
pub fn has_key() -> bool {
    device::load().own_key().is_some()
}

/// Sets (or changes) the sync passphrase: derives this device's key from it.
pub async fn set_passphrase(passphrase: String, again: String) -> Result<(), String> {
    if store_lock::is_on() {
        return Err(LOCK_IS_SYNC.into());
    }
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(format!("Use at least {MIN_PASSPHRASE_CHARS} characters, the same on every device."));
    }
    if passphrase != again {
        return Err("The two passphrases don't match.".into());
    }
    let d = device::load();
    let salt = d.salt_bytes().ok_or("This browser gave no secure random numbers for the sync key.")?;
    let raw = store_lock::derive(&passphrase, &salt, ITERATIONS).await?;
    device::update(|d| {
        // Keys from an earlier passphrase would read nothing new.
        d.keys.clear();
        let salt = d.salt.clone();
        d.keep_key(&salt, &raw);
    });
    PASSPHRASE.with(|p| *p.borrow_mut() = Some(passphrase));
    Ok(())
}

const LOCK_IS_SYNC: &str =
    "With the lock on, the lock passphrase is the sync passphrase: change it under Passphrase lock.";

/// With the passphrase lock on, the lock passphrase is the sync passphrase: called with it
/// when the lock is turned on, its passphrase changed, or Rapport unlocked. It takes the
/// passphrase for this page's life at once (so files from other devices can be read while
/// the key is derived), then derives this device's sync key from it under the device's
/// own sync salt, as [`set_passphrase`] would. The key is kept for this page only, like
/// everything else while the lock is on. A failed derivation leaves the device as it was:
/// the sync card then asks for nothing and "Save my sync file" says why it can't.
pub async fn adopt_lock_passphrase(passphrase: String) -> Result<(), String> {
    PASSPHRASE.with(|p| *p.borrow_mut() = Some(passphrase.clone()));
    let d = device::load();
    let salt = d.salt_bytes().ok_or("This browser gave no secure random numbers for the sync key.")?;
    let raw = store_lock::derive(&passphrase, &salt, ITERATIONS).await?;
    device::update(|d| {
        if d.own_key() != Some(raw) {
            // Keys from an earlier passphrase would read nothing new.
            d.keys.clear();
        }
        let salt = d.salt.clone();
        d.keep_key(&salt, &raw);
    });
    Ok(())
}

/// Takes the sync passphrase for this page's life (to read a device new to this one),
/// after checking it is the one set on this device.
pub async fn remember_passphrase(passphrase: String) -> Result<(), String> {
    let d = device::load();
    let salt = d.salt_bytes().ok_or("This device's sync salt is missing.")?;
    let own = d.own_key().ok_or("Set the sync passphrase first.")?;
    let raw = store_lock::derive(&passphrase, &salt, ITERATIONS).await?;
    if raw != own {
        return Err("That is not the sync passphrase set on this device.".into());
    }
    PASSPHRASE.with(|p| *p.borrow_mut() = Some(passphrase));
    Ok(())
}

/// Renames this device (its file's name follows).
pub fn rename(name: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Give this device a name, such as “Phone” or “Work laptop”.".into());
    }
    if name.chars().count() > 40 {
        return Err("Use at most 40 characters for the device's name.".into());
    }
    device::update(|d| d.name = name.to_string());
    Ok(())
}

/// This device's sync file, sealed now: (file name, bytes).
pub fn sync_file(state: AppState) -> Result<(String, Vec<u8>), String> {
    let d = device::load();
    let raw = d.own_key().ok_or("Set the sync passphrase first (the same on every device).")?;
    let salt = d.salt_bytes().ok_or("This device's sync salt is missing.")?;
    let now = browser::now();
    let bytes = state
        .network
        .with_untracked(|n| sync::seal(n, &d.id, &d.name, now, &raw, &salt, &mut store_lock::random))
        .map_err(|e| e.to_string())?;
    device::update(|d| d.last_written = Some(now));
    Ok((sync::file_name(&d.name, &d.id), bytes))
}

/// "Save my sync file": the share sheet on a phone, a download elsewhere.
pub fn save_file(state: AppState) -> Result<String, String> {
    let (name, bytes) = sync_file(state)?;
    browser::share_or_download(&name, &bytes, "application/octet-stream")?;
    Ok(name)
}

/// What merging some files did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merged {
    /// One sentence for the status line.
    pub summary: String,
    /// A file that was not merged, and why (one line each).
    pub problems: Vec<String>,
    pub changed: bool,
    /// Files from devices new to this one, waiting for the sync passphrase on this page.
    pub waiting: Vec<(String, Vec<u8>)>,
}

/// Merges other devices' sync files (name, bytes) into the network, as one change that can
/// be undone whole. A file that can't be read, is tampered with, or was written under another
/// passphrase is refused with its reason, and nothing of it is merged; the others still are.
pub async fn merge_files(state: AppState, files: Vec<(String, Vec<u8>)>) -> Merged {
    let mut problems = Vec::new();
    let mut waiting = Vec::new();
    let mut opened = Vec::new();
    let started = browser::performance_now();
    let me = device::load();
    let mut own = 0;
    for (name, bytes) in files {
        if bytes.len() > sync::MAX_FILE_BYTES {
            problems.push(format!("{name}: too large for a sync file. Nothing was merged from it."));
            continue;
        }
        let file = match SyncFile::parse(&bytes) {
            Ok(f) => f,
            Err(e) => {
                problems.push(format!("{name}: {e} Nothing was merged from it."));
                continue;
            }
        };
        if file.header.device == me.id {
            own += 1;
            continue;
        }
        if me.is_removed(&file.header.device) {
            problems.push(format!(
                "{name}: from “{}”, which was removed from sync on this device. Not merged.",
                file.header.name
            ));
            continue;
        }
        let key = match device::load().key_for(&file.header.salt) {
            Some(k) => k,
            None => {
                let Some(passphrase) = PASSPHRASE.with(|p| p.borrow().clone()) else {
                    waiting.push((name, bytes));
                    continue;
                };
                let salt = match file.salt() {
                    Ok(s) => s,
                    Err(e) => {
                        problems.push(format!("{name}: {e} Nothing was merged from it."));
                        continue;
                    }
                };
                match store_lock::derive(&passphrase, &salt, file.header.iterations).await {
                    Ok(k) => k,
                    Err(e) => {
                        problems.push(format!("{name}: {e}"));
                        continue;
                    }
                }
            }
        };
        let opening = browser::performance_now();
        let result = open_file(&file, &key).await;
        browser::measure("rapport-sync-open", opening);
        match result {
            Ok(store) => {
                device::update(|d| d.keep_key(&file.header.salt, &key));
                opened.push((file.header, store));
            }
            Err(e) => problems.push(format!("{name}: {e} Nothing was merged from it.")),
        }
    }
    merge_opened(state, opened, problems, waiting, own, started)
}

/// Opens a sync file with its key: the body decrypted by WebCrypto where it can, by core
/// otherwise (and whenever WebCrypto refuses, so a damaged file is refused in core's words).
async fn open_file(file: &SyncFile, key: &[u8; 32]) -> Result<rapport_core::backup::Backup, sync::SyncError> {
    let sealed = file.sealed_body(key)?;
    match store_lock::aes_gcm_decrypt(key, &sealed.nonce, sealed.body, sealed.aad).await {
        Some(packed) => file.read_body(&packed),
        None => file.open(key),
    }
}

/// Merges stores already opened (from files, or from a paired device), as one change that
/// can be undone whole; `problems`, `waiting` and `own` come from reading the files.
pub fn merge_opened(
    state: AppState,
    opened: Vec<(sync::Header, rapport_core::backup::Backup)>,
    problems: Vec<String>,
    waiting: Vec<(String, Vec<u8>)>,
    own: usize,
    started: f64,
) -> Merged {
    // Everything read: merged into the network (a merge changes it only when it brings
    // something); stored as one change only if something changed (a merge that brings
    // nothing leaves the undo offer alone). `before` is what an undo goes back to: the
    // network before the first merge that changed it.
    let mut before: Option<std::sync::Arc<rapport_core::Network>> = None;
    let mut report = MergeReport::default();
    let mut names = Vec::new();
    let mut ahead = Vec::new();
    let merging = browser::performance_now();
    for (header, store) in &opened {
        let one = browser::performance_now();
        let mut r = MergeReport::default();
        state.network.update_untracked(|n| {
            let (report, was) = sync::merge_keeping_before(n, store);
            r = report;
            if before.is_none() {
                before = was.map(std::sync::Arc::new);
            }
        });
        browser::measure("rapport-sync-merge", one);
        if let Some(latest) = r.latest {
            if browser::is_far_ahead(latest) {
                ahead.push(header.name.clone());
            }
            browser::observe(latest);
        }
        add(&mut report, r);
        if !names.contains(&header.name) {
            names.push(header.name.clone());
        }
    }
    // After the merge has seen the incoming stamps: an undo reverts every record it changed,
    // and leaves only those changed after it.
    let since = browser::now();
    if !report.touched.is_empty() {
        state.network.notify();
        // Most buckets are written again (200 ms at 5,000 people): after the report shows.
        actions::store_after_paint(state, report.touched.clone());
    }
    // For the benchmark: the merges (the save follows, measured as "rapport-save").
    browser::measure("rapport-sync-merge-all", merging);
    browser::measure("rapport-sync-all", started);
    let now = browser::now();
    for (header, _) in &opened {
        device::update(|d| d.saw(header, now));
    }
    let files = rapport_core::text::count(opened.len(), "file", "files");
    let mut summary = if opened.is_empty() {
        if !waiting.is_empty() {
            "A file from a device new to this one is waiting for the sync passphrase.".to_string()
        } else if own > 0 && problems.is_empty() {
            "That is this device's own sync file: nothing to merge.".to_string()
        } else {
            "Nothing was merged.".to_string()
        }
    } else {
        format!("Merged {files} from {}: {}", names.join(", "), report.summary())
    };
    if !report.brought_back.is_empty() {
        summary.push_str(&format!(
            " Brought back, because they were changed on another device after being deleted: {} (only what was changed after the deletion).",
            report.brought_back.join(", ")
        ));
    }
    if !ahead.is_empty() {
        summary.push_str(&format!(
            " The clock of {} seems to be more than a day fast; changes made here from now on still count as later.",
            ahead.join(", ")
        ));
    }
    let changed = !report.touched.is_empty();
    if let Some(before) = before.filter(|_| changed) {
        state.undo.set(Some(Undo {
            message: format!("Merged {files}."),
            action: UndoAction::Revert(before, report.touched.clone(), since),
        }));
    }
    Merged { summary, problems, changed, waiting }
}

fn add(total: &mut MergeReport, r: MergeReport) {
    for (t, c) in [
        (&mut total.people, r.people),
        (&mut total.interactions, r.interactions),
        (&mut total.employers, r.employers),
        (&mut total.interviews, r.interviews),
        (&mut total.drafts, r.drafts),
        (&mut total.other, r.other),
    ] {
        t.added += c.added;
        t.updated += c.updated;
        t.deleted += c.deleted;
    }
    total.brought_back.extend(r.brought_back);
    total.touched = std::mem::take(&mut total.touched).and(r.touched);
    total.latest = total.latest.max(r.latest);
}

/// Stops merging a device's files.
pub fn remove_device(device_id: &str) {
    device::update(|d| d.remove(device_id));
}

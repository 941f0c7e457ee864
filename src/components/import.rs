//! Importing people from a LinkedIn `Connections.csv` or a vCard file: pick a file, see a
//! preview (new, matching, skipped with line and reason), choose what to do with matches,
//! and confirm. Nothing changes before the confirmation, and the import lands whole.

use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::import::{linkedin::parse_connections, preview, vcard::parse_vcards, Preview};
use wasm_bindgen::JsCast;

/// Files above this are refused before they are read.
const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

fn parse(name: &str, text: &str) -> Result<rapport_core::import::Parsed, String> {
    if text.trim().is_empty() {
        return Err("The file is empty.".into());
    }
    if text.contains('\0') {
        return Err("This file holds binary data, not text. Choose the .csv or .vcf file itself.".into());
    }
    let lower = name.to_lowercase();
    if lower.ends_with(".vcf") || lower.ends_with(".vcard") || text.to_ascii_uppercase().contains("BEGIN:VCARD") {
        parse_vcards(text)
    } else {
        parse_connections(text)
    }
}

#[component]
pub fn ImportPeople() -> impl IntoView {
    let state = AppState::context();
    let pending = RwSignal::new(None::<(String, Preview)>);
    let pending_backup = RwSignal::new(None::<(String, rapport_core::backup::Backup)>);
    let merge = RwSignal::new(true);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let update_matches = RwSignal::new(true);
    let on_file = move |ev: leptos::ev::Event| {
        problem.set(None);
        pending.set(None);
        pending_backup.set(None);
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let name = file.name();
        if file.size() > MAX_BYTES {
            problem.set(Some(format!("“{name}” is larger than 20 MB, so it was not read. Is it the right file?")));
            return;
        }
        busy.set(true);
        let promise = file.text();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|v| v.as_string());
            busy.set(false);
            let Some(text) = text else {
                problem.set(Some(format!("“{name}” could not be read as text.")));
                return;
            };
            if name.to_lowercase().ends_with(".json") || text.trim_start().starts_with('{') {
                match rapport_core::backup::parse_backup(&text) {
                    Ok(b) => pending_backup.set(Some((name, b))),
                    Err(e) => problem.set(Some(format!("Nothing was restored from “{name}”: {e}"))),
                }
                return;
            }
            match parse(&name, &text) {
                Ok(parsed) => {
                    let p = state.network.with_untracked(|n| preview(n, parsed));
                    pending.set(Some((name, p)));
                }
                Err(e) => problem.set(Some(format!("Nothing was imported from “{name}”: {e}"))),
            }
        });
    };
    let confirm = move |_| {
        let Some((_, p)) = pending.get_untracked() else { return };
        match actions::import_people(state, &p, update_matches.get_untracked()) {
            Ok(()) => pending.set(None),
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let restore = move |_| {
        let Some((_, b)) = pending_backup.get_untracked() else { return };
        match actions::restore_backup(state, &b, merge.get_untracked()) {
            Ok(()) => pending_backup.set(None),
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    view! {
        <div class="card" aria-label="Import people">
            <h2>"Import people"</h2>
            <p class="muted">"From LinkedIn (Settings & Privacy → Data privacy → Get a copy of your data → Connections), or a .vcf from Apple or Google Contacts. Imported people are connections, not relationships: no interactions are invented."</p>
            <div class="field">
                <label for="import-file">"Choose a Connections.csv, a .vcf, or a Rapport backup (.json)"</label>
                <input id="import-file" type="file" accept=".csv,.vcf,.json,text/csv,text/vcard,application/json" on:change=on_file />
            </div>
            {move || busy.get().then(|| view! { <p role="status">"Reading the file…"</p> })}
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {move || pending_backup.get().map(|(name, b)| view! {
                <div class="preview" role="region" aria-label="Restore preview">
                    <h3>{format!("Backup “{name}”")}</h3>
                    <p>{format!("Saved {} with {} people, {} interactions, {} employers and {} interviews.",
                        crate::browser::local_datetime(b.exported), b.people.len(), b.interactions.len(), b.employers.len(), b.interviews.len())}</p>
                    <fieldset>
                        <legend>"How to restore"</legend>
                        <label class="check"><input type="radio" name="restore" prop:checked=move || merge.get() on:change=move |_| merge.set(true) />" Merge: add what is missing; where both have a record, keep the newer"</label>
                        <label class="check"><input type="radio" name="restore" prop:checked=move || !merge.get() on:change=move |_| merge.set(false) />" Replace everything in this browser with the backup"</label>
                    </fieldset>
                    {move || (!merge.get()).then(|| view! { <p class="error">"Replacing removes everything not in the backup. Download everything first if unsure."</p> })}
                    <div class="actions">
                        <button type="button" on:click=restore>"Confirm restore"</button>
                        <button type="button" class="secondary" on:click=move |_| pending_backup.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
            {move || pending.get().map(|(name, p)| view! {
                <div class="preview" role="region" aria-label="Import preview">
                    <h3>{format!("Preview of “{name}”")}</h3>
                    <p>{format!("{} new people, {} matching people already here, {} rows skipped.", p.new.len(), p.matches.len(), p.skipped.len())}</p>
                    {(!p.skipped.is_empty()).then(|| view! {
                        <ul class="inline-list" aria-label="Skipped rows">
                            {p.skipped.iter().map(|s| view! { <li>{format!("Line {}: {}", s.line, s.reason)}</li> }).collect_view()}
                        </ul>
                    })}
                    {(!p.warnings.is_empty()).then(|| view! {
                        <ul class="inline-list">{p.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                    })}
                    {(!p.matches.is_empty()).then(|| view! {
                        <fieldset>
                            <legend>"People already in Rapport"</legend>
                            <label class="check"><input type="radio" name="matches" prop:checked=move || update_matches.get() on:change=move |_| update_matches.set(true) />" Update them: fill their empty fields from the file"</label>
                            <label class="check"><input type="radio" name="matches" prop:checked=move || !update_matches.get() on:change=move |_| update_matches.set(false) />" Skip them"</label>
                        </fieldset>
                    })}
                    <div class="actions">
                        <button type="button" on:click=confirm>"Confirm import"</button>
                        <button type="button" class="secondary" on:click=move |_| pending.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
        </div>
    }
}

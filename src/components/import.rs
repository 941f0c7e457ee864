//! Importing: pick a file or drop it on the card, see a preview (new, matching, skipped with
//! line and reason), choose what to do with matches, and confirm. Nothing changes before the
//! confirmation, and each import lands whole, recorded as a batch that can be undone.
//!
//! Which parser runs is decided in core ([`rapport_core::import::sniff`]). LinkedIn's
//! `messages.csv` can be large, so it is read in slices (`Blob.slice`) and fed to core's
//! incremental reader; every other file is read whole after a 20 MB check.

use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::backup::Backup;
use rapport_core::import::batch::BatchKind;
use rapport_core::import::messages::{MessagesPreview, MessagesReader};
use rapport_core::import::{decode_text, linkedin::parse_connections, preview, sniff, vcard::parse_vcards, FileKind};
use rapport_core::import::{Parsed, Preview};
use rapport_core::lock::EncryptedBackup;
use wasm_bindgen::JsCast;

/// Files above this are refused before they are read (messages.csv is read in slices instead).
const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;
/// The size of each slice of messages.csv.
const SLICE: f64 = 1024.0 * 1024.0;

/// What waits for the user's confirmation.
#[derive(Clone)]
enum Pending {
    People {
        file: String,
        kind: BatchKind,
        preview: Preview,
    },
    Messages {
        file: String,
        preview: MessagesPreview,
        keep_text: bool,
    },
    Backup {
        file: String,
        backup: Backup,
    },
    /// An encrypted backup, waiting for its passphrase.
    Sealed {
        file: String,
        sealed: EncryptedBackup,
    },
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

async fn read_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| "The browser could not read the file.".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn slice(file: &web_sys::File, start: f64, end: f64) -> Result<web_sys::Blob, String> {
    file.slice_with_f64_and_f64(start, end).map_err(|_| "The browser could not read the file.".to_string())
}

fn parse_people(kind: FileKind, text: &str) -> Result<(BatchKind, Parsed), String> {
    match kind {
        FileKind::Vcard => parse_vcards(text).map(|p| (BatchKind::Vcard, p)),
        _ => parse_connections(text).map(|p| (BatchKind::LinkedinConnections, p)),
    }
}

/// Reads a file and prepares what to confirm. `progress` shows how far a sliced read is.
async fn read(
    state: AppState,
    file: web_sys::File,
    keep_text: bool,
    progress: RwSignal<Option<String>>,
) -> Result<Pending, String> {
    let name = file.name();
    let size = file.size();
    let head = read_bytes(&slice(&file, 0.0, 4096.0_f64.min(size))?).await?;
    let kind = sniff(&name, &head)?;
    if kind == FileKind::Messages {
        let mut reader = state.network.with_untracked(|n| MessagesReader::new(n, keep_text));
        let mut start = 0.0;
        while start < size {
            let end = (start + SLICE).min(size);
            let bytes = read_bytes(&slice(&file, start, end)?).await?;
            reader.feed(&bytes)?;
            start = end;
            progress.set(Some(format!("Reading “{name}”: {:.0}%", start / size * 100.0)));
        }
        let preview = state.network.with_untracked(|n| reader.finish(n))?;
        return Ok(Pending::Messages { file: name, preview, keep_text });
    }
    if size > MAX_BYTES {
        return Err(format!("“{name}” is larger than 20 MB, so it was not read. Is it the right file?"));
    }
    let bytes = read_bytes(file.as_ref()).await?;
    let (text, warning) = decode_text(&bytes)?;
    if kind == FileKind::Backup && EncryptedBackup::sniff(&text) {
        let sealed = EncryptedBackup::parse(&text)?;
        return Ok(Pending::Sealed { file: name, sealed });
    }
    if kind == FileKind::Backup {
        let backup = rapport_core::backup::parse_backup(&text)?;
        return Ok(Pending::Backup { file: name, backup });
    }
    let (batch, mut parsed) = parse_people(kind, &text)?;
    if let Some(w) = warning {
        parsed.warnings.insert(0, w);
    }
    rapport_core::import::clear_future_dates(&mut parsed, crate::browser::today());
    let preview = state.network.with_untracked(|n| preview(n, parsed));
    Ok(Pending::People { file: name, kind: batch, preview })
}

/// Skipped rows and warnings shown before "Show the other …".
const SHOWN_LINES: usize = 10;

#[component]
pub fn ImportPeople() -> impl IntoView {
    let state = AppState::context();
    let pending = RwSignal::new(None::<Pending>);
    let chosen = StoredValue::new_local(None::<web_sys::File>);
    let merge = RwSignal::new(true);
    let problem = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<String>);
    let update_matches = RwSignal::new(true);
    let keep_text = RwSignal::new(false);
    let known_first = RwSignal::new(false);
    // After an import of many people: the offer to review who I actually know.
    let offer_review = RwSignal::new(None::<usize>);
    let dragging = RwSignal::new(false);
    // Each read has a number; a result that is not from the latest read is dropped.
    let reads = StoredValue::new(0u32);
    let start = move |file: web_sys::File| {
        reads.update_value(|n| *n += 1);
        let this_read = reads.get_value();
        problem.set(None);
        pending.set(None);
        offer_review.set(None);
        chosen.set_value(Some(file.clone()));
        progress.set(Some(format!("Reading “{}”…", file.name())));
        let name = file.name();
        let keep = keep_text.get_untracked();
        leptos::task::spawn_local(async move {
            let result = read(state, file, keep, progress).await;
            if reads.get_value() != this_read {
                return;
            }
            progress.set(None);
            match result {
                Ok(p) => {
                    if let Pending::People { .. } = &p {
                        known_first.set(state.network.with_untracked(|n| n.settings.prefs.list_known_first));
                    }
                    pending.set(Some(p));
                }
                Err(e) => problem.set(Some(format!("Nothing was imported from “{name}”: {e}"))),
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            start(file);
        }
        // Choosing the same file again must fire `change` again.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        match ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            Some(file) => start(file),
            None => {
                problem.set(Some("Drop a file here: a Connections.csv, messages.csv, .vcf or Rapport backup.".into()))
            }
        }
    };
    let on_keep_text = move |ev: leptos::ev::Event| {
        keep_text.set(event_target_checked(&ev));
        // A messages file read (or being read) with the other choice: read it again.
        let reading = progress.with_untracked(Option::is_some);
        if reading || matches!(pending.get_untracked(), Some(Pending::Messages { .. })) {
            if let Some(file) = chosen.get_value() {
                start(file);
            }
        }
    };
    let confirm = move |_| {
        offer_review.set(None);
        let result = match pending.get_untracked() {
            Some(Pending::People { file, kind, preview }) => {
                let result = actions::import_people(state, &preview, update_matches.get_untracked(), kind, &file);
                let wanted = known_first.get_untracked();
                if result.is_ok() && wanted != state.network.with_untracked(|n| n.settings.prefs.list_known_first) {
                    let _ = actions::set_list_known_first(state, wanted);
                }
                if let Ok(added) = result {
                    if added >= rapport_core::review::OFFER_AFTER {
                        offer_review.set(Some(added));
                    }
                }
                result.map(|_| ())
            }
            Some(Pending::Messages { file, preview, .. }) => actions::import_messages(state, &preview, &file),
            Some(Pending::Backup { backup, .. }) => actions::restore_backup(state, &backup, merge.get_untracked()),
            Some(Pending::Sealed { .. }) | None => return,
        };
        match result {
            Ok(()) => pending.set(None),
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let cancel = move |_| pending.set(None);
    let backup_passphrase = RwSignal::new(String::new());
    let opening = RwSignal::new(false);
    let open_sealed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(Pending::Sealed { file, sealed }) = pending.get_untracked() else { return };
        let typed = backup_passphrase.get_untracked();
        if typed.is_empty() {
            problem.set(Some("Enter the passphrase the backup was encrypted with.".into()));
            return;
        }
        opening.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let opened = crate::storage::lock::decrypt_backup(&sealed, &typed).await;
            opening.set(false);
            backup_passphrase.set(String::new());
            match opened.and_then(|json| rapport_core::backup::parse_backup(&json)) {
                Ok(backup) => pending.set(Some(Pending::Backup { file, backup })),
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    // Long lists show their first few, the rest one click away: 600 warnings about dates
    // pushed the skipped rows 17,000 px down (issue 19's hostile test).
    let capped = |texts: Vec<String>, label: &'static str, class: &'static str, rest: &'static str| {
        (!texts.is_empty()).then(|| {
            let shown = texts.iter().take(SHOWN_LINES).map(|t| view! { <li>{t.clone()}</li> }).collect_view();
            let more = texts.len().saturating_sub(SHOWN_LINES);
            let others: Vec<String> = texts.into_iter().skip(SHOWN_LINES).collect();
            view! {
                <ul class=format!("inline-list {class}") aria-label=label>{shown}</ul>
                {(more > 0).then(|| view! {
                    <details class="more-lines">
                        <summary>{format!("Show the other {more} {rest}")}</summary>
                        <ul class=format!("inline-list {class}")>{others.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    </details>
                })}
            }
        })
    };
    let skipped_list = move |skipped: &[rapport_core::import::Skipped]| {
        let texts = skipped
            .iter()
            .map(|s| if s.line == 0 { s.reason.clone() } else { format!("Line {}: {}", s.line, s.reason) })
            .collect();
        capped(texts, "Skipped rows", "", "skipped rows")
    };
    let warnings_list = move |warnings: &[String]| capped(warnings.to_vec(), "Warnings", "warnings", "warnings");
    let preview_view = move |p: Pending| {
        match p {
        Pending::Sealed { file, .. } => view! {
            <form class="preview" role="region" aria-label="Encrypted backup" on:submit=open_sealed novalidate>
                <h3>{format!("Encrypted backup “{file}”")}</h3>
                <p>"This backup is encrypted. Enter the passphrase it was made with to see what it holds."</p>
                <div class="field">
                    <label for="sealed-passphrase">"Backup passphrase"</label>
                    <input id="sealed-passphrase" type="password" autocomplete="off" bind:value=backup_passphrase />
                </div>
                <div class="actions">
                    <button type="submit" disabled=move || opening.get()>{move || if opening.get() { "Opening…" } else { "Open backup" }}</button>
                    <button type="button" class="secondary" on:click=cancel>"Cancel"</button>
                </div>
            </form>
        }
        .into_any(),
        Pending::Backup { file, backup } => view! {
            <div class="preview" role="region" aria-label="Restore preview">
                <h3>{format!("Backup “{file}”")}</h3>
                <p>{{
                    use rapport_core::text::count as n;
                    format!("Saved {} with {}, {}, {} and {}.",
                        crate::browser::local_datetime(backup.exported), n(backup.people.len(), "person", "people"),
                        n(backup.interactions.len(), "interaction", "interactions"), n(backup.employers.len(), "employer", "employers"),
                        n(backup.interviews.len(), "interview", "interviews"))
                }}</p>
                <fieldset>
                    <legend>"How to restore"</legend>
                    <label class="check"><input type="radio" name="restore" prop:checked=move || merge.get() on:change=move |_| merge.set(true) />" Merge: add what is missing; where both have a record, keep the newer"</label>
                    <label class="check"><input type="radio" name="restore" prop:checked=move || !merge.get() on:change=move |_| merge.set(false) />" Replace everything in this browser with the backup"</label>
                </fieldset>
                {move || (!merge.get()).then(|| view! { <p class="error">"Replacing removes everything not in the backup. Download everything first if unsure."</p> })}
                <div class="actions">
                    <button type="button" on:click=confirm>"Confirm restore"</button>
                    <button type="button" class="secondary" on:click=cancel>"Cancel"</button>
                </div>
            </div>
        }
        .into_any(),
        Pending::Messages { file, preview, keep_text } => {
            let summary = format!(
                "{} read: {} with {} already in Rapport; {} already logged; {} with no one in Rapport; {} skipped.",
                count(preview.rows, "message", "messages"),
                count(preview.interactions.len(), "new interaction", "new interactions"),
                count(preview.people, "person", "people"),
                count(preview.already, "conversation day", "conversation days"),
                count(preview.unmatched, "message", "messages"),
                count(preview.skipped.len(), "row", "rows"),
            );
            let text_note = if keep_text {
                "The text of each message will be kept in the interaction's notes."
            } else {
                "Only dates and who wrote first will be kept, not the text."
            };
            view! {
                <div class="preview" role="region" aria-label="Import preview">
                    <h3>{format!("Preview of “{file}”")}</h3>
                    <p>{summary}</p>
                    <p class="muted">{text_note}" One interaction per conversation per day, as a LinkedIn message. People not in Rapport are not added: import your connections first."</p>
                    {skipped_list(&preview.skipped)}
                    {warnings_list(&preview.warnings)}
                    <div class="actions">
                        <button type="button" on:click=confirm disabled=preview.interactions.is_empty()>"Confirm import"</button>
                        <button type="button" class="secondary" on:click=cancel>"Cancel"</button>
                    </div>
                </div>
            }
            .into_any()
        }
        Pending::People { file, kind, preview } => view! {
            <div class="preview" role="region" aria-label="Import preview">
                <h3>{format!("Preview of “{file}”")}</h3>
                <p>{format!("{}, {} already here, {} skipped.",
                    count(preview.new.len(), "new person", "new people"),
                    count(preview.matches.len(), "matching person", "matching people"),
                    count(preview.skipped.len(), "row", "rows"))}</p>
                {skipped_list(&preview.skipped)}
                {warnings_list(&preview.warnings)}
                {(!preview.new.is_empty()).then(|| {
                    let shown = preview.new.len().min(5);
                    view! {
                        <h4>{if shown < preview.new.len() { format!("The first {shown} of {}, as they will be stored", preview.new.len()) } else { "As they will be stored".to_string() }}</h4>
                        <table class="stack preview-rows" aria-label="The first people, as they will be stored">
                            <thead><tr><th>"Name"</th><th>"Company"</th><th>"Role"</th><th>"Email"</th><th>"Connected on"</th><th>"Tags"</th></tr></thead>
                            <tbody>
                                {preview.new.iter().take(5).map(|c| view! {
                                    <tr>
                                        <th scope="row">{c.fields.name.clone()}</th>
                                        <td data-label="Company">{c.fields.company.clone()}</td>
                                        <td data-label="Role">{c.fields.role.clone()}</td>
                                        <td data-label="Email">{c.fields.email.clone()}</td>
                                        <td data-label="Connected on">{c.connected_on.map(crate::browser::local_date).unwrap_or_default()}</td>
                                        <td data-label="Tags">{c.tags.join(", ")}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                })}
                {(!preview.matches.is_empty()).then(|| view! {
                    <fieldset>
                        <legend>"People already in Rapport"</legend>
                        <label class="check"><input type="radio" name="matches" prop:checked=move || update_matches.get() on:change=move |_| update_matches.set(true) />" Update them: fill their empty fields from the file"</label>
                        <label class="check"><input type="radio" name="matches" prop:checked=move || !update_matches.get() on:change=move |_| update_matches.set(false) />" Skip them"</label>
                    </fieldset>
                })}
                {(kind == BatchKind::LinkedinConnections).then(|| view! {
                    <label class="check"><input type="checkbox" prop:checked=move || known_first.get() on:change=move |ev| known_first.set(event_target_checked(&ev)) />
                        " Open the network list on the people you know (imported connections stay one filter away)"</label>
                })}
                {
                    let nothing = {
                        let preview = preview.clone();
                        move || !preview.has_anything_to_import(update_matches.get())
                    };
                    let why = {
                        let nothing = nothing.clone();
                        let anyone = !preview.matches.is_empty();
                        move || nothing().then(|| if anyone {
                            view! { <p id="nothing-to-import" role="status">"Nothing to import: everyone in this file is already in Rapport. Choose “Update them” to fill in their empty fields, or Cancel."</p> }.into_any()
                        } else {
                            view! { <p id="nothing-to-import" role="status">"Nothing to import: Rapport found no people in this file (see the skipped rows above, if any). Check that it is the right file, or Cancel."</p> }.into_any()
                        })
                    };
                    view! {
                        {why}
                        <div class="actions">
                            <button type="button" on:click=confirm disabled=nothing>"Confirm import"</button>
                            <button type="button" class="secondary" on:click=cancel>"Cancel"</button>
                        </div>
                    }
                }
            </div>
        }
        .into_any(),
    }
    };
    view! {
        <div class="card dropzone" class:dragging=move || dragging.get() role="region" aria-label="Import people"
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <h2>"Import"</h2>
            <p class="muted">"From LinkedIn (Settings & Privacy → Data privacy → Get a copy of your data): Connections.csv, and optionally messages.csv. Or a .vcf from Apple or Google Contacts, or a Rapport backup. Imported people are connections, not relationships: no interactions are invented."</p>
            <div class="field drop-target">
                <label for="import-file">"Choose a file, or drop it here"</label>
                <p class="muted" aria-hidden="true">"⬇ Drop Connections.csv, messages.csv, a .vcf or a Rapport backup anywhere on this card"</p>
                <input id="import-file" type="file" accept=".csv,.vcf,.vcard,.json,text/csv,text/vcard,application/json" on:change=on_file />
            </div>
            <label class="check"><input type="checkbox" prop:checked=move || keep_text.get() on:change=on_keep_text />
                " Keep the text of LinkedIn messages (otherwise only dates and who wrote first)"</label>
            {move || progress.get().map(|p| view! { <p role="status">{p}</p> })}
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {move || pending.get().map(preview_view)}
            {move || offer_review.get().map(|added| view! {
                <div class="banner info" role="region" aria-label="Review who you know">
                    <h3>{format!("Imported {added} people. Who do you actually know?")}</h3>
                    <p>"A connection is not a relationship yet. Go through them one at a time, the likely warm ties first (people you have talked to, share a school or employer with, or who work where you want to), and keep the ones you really know."</p>
                    <div class="actions">
                        <a class="button" href=crate::route::Route::Review.href()>"Start the review"</a>
                        <a class="button secondary" href=crate::route::Route::Network.href()>"See everyone"</a>
                    </div>
                </div>
            })}
        </div>
    }
}

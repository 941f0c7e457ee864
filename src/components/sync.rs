//! "Sync between devices" in Settings: this device's name, the sync passphrase, saving this
//! device's sync file and merging the others', the sync folder where the browser offers one,
//! and the devices seen.

use crate::browser;
use crate::state::devices::{self, Merged};
use crate::state::AppState;
use crate::storage::device;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

async fn read_files(list: web_sys::FileList) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => Vec::new(),
        };
        out.push((file.name(), bytes));
    }
    out
}

#[component]
pub fn SyncCard() -> impl IntoView {
    let state = AppState::context();
    // The device's state, read again after every change here.
    let tick = RwSignal::new(0u32);
    let info = Memo::new(move |_| {
        tick.track();
        device::load()
    });
    let name = RwSignal::new(info.get_untracked().name);
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let changing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::<String>::new());
    let waiting = StoredValue::new(Vec::<(String, Vec<u8>)>::new());
    let has_waiting = RwSignal::new(false);
    let waiting_passphrase = RwSignal::new(String::new());
    let folder = crate::components::sync_folder::Folder::new(state, tick, status, problems, waiting, has_waiting);

    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match devices::rename(&name.get_untracked()) {
            Ok(()) => {
                problems.set(Vec::new());
                status.set(Some(format!("This device is “{}”.", name.get_untracked().trim())));
                tick.update(|t| *t += 1);
            }
            Err(e) => problems.set(vec![e]),
        }
    };
    let set_passphrase = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        status.set(Some("Deriving the sync key…".into()));
        problems.set(Vec::new());
        let (p, a) = (passphrase.get_untracked(), again.get_untracked());
        leptos::task::spawn_local(async move {
            match devices::set_passphrase(p, a).await {
                Ok(()) => {
                    passphrase.set(String::new());
                    again.set(String::new());
                    changing.set(false);
                    status.set(Some("The sync passphrase is set on this device.".into()));
                    tick.update(|t| *t += 1);
                }
                Err(e) => {
                    status.set(None);
                    problems.set(vec![e]);
                }
            }
            busy.set(false);
        });
    };
    let save_file = move |_| match devices::save_file(state) {
        Ok(name) => {
            problems.set(Vec::new());
            status.set(Some(format!(
                "Saved {name}. Put it where your other devices can open it, or merge it there by hand."
            )));
            tick.update(|t| *t += 1);
        }
        Err(e) => problems.set(vec![e]),
    };
    let show_merged = move |m: Merged| {
        status.set(Some(m.summary));
        problems.set(m.problems);
        // After awaits: the card may be gone (Settings left while merging).
        has_waiting.set(!m.waiting.is_empty());
        waiting.try_set_value(m.waiting);
        tick.update(|t| *t += 1);
    };
    let unlock_waiting = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let typed = waiting_passphrase.get_untracked();
        leptos::task::spawn_local(async move {
            match devices::remember_passphrase(typed).await {
                Ok(()) => {
                    waiting_passphrase.set(String::new());
                    let files = waiting.try_with_value(Clone::clone).unwrap_or_default();
                    let merged = devices::merge_files(state, files).await;
                    show_merged(merged);
                }
                Err(e) => problems.set(vec![e]),
            }
            busy.set(false);
        });
    };
    let save_after = move |merged: &mut Merged| {
        let all_in = merged.problems.is_empty() && merged.waiting.is_empty();
        if browser::coarse_pointer() {
            // A phone's share sheet opens only from a tap, and the merge took that moment.
            merged.summary.push_str(" Now tap “Save my sync file” to share this device's file.");
            return;
        }
        match devices::save_file(state) {
            Ok(name) if all_in => merged
                .summary
                .push_str(&format!(" Saved {name}, with everything merged: merge it on your other devices.")),
            Ok(name) => merged.summary.push_str(&format!(" Saved {name}, with what could be merged (see below).")),
            Err(e) => merged.problems.push(format!("This device's file was not saved: {e}")),
        }
    };
    // The files chosen are merged; with `then_save` (one step where the files go by hand),
    // this device's file is saved after, carrying the others' changes too, for them to merge.
    let merge_chosen = move |ev: leptos::ev::Event, then_save: bool| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        busy.set(true);
        status.set(Some("Merging…".into()));
        leptos::task::spawn_local(async move {
            let files = read_files(list).await;
            input.set_value("");
            let mut merged = devices::merge_files(state, files).await;
            if then_save {
                save_after(&mut merged);
            }
            show_merged(merged);
            busy.set(false);
        });
    };
    let has_key = move || {
        tick.track();
        info.with(|d| d.own_key().is_some())
    };
    // The device's state also changes outside this card: the sync key derived from the lock
    // passphrase just after an unlock or a lock change (a fraction of a second later), or a
    // merge by the sync folder in the background. Shown as it is.
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if info.with_untracked(|shown| *shown != device::load()) {
                tick.update(|t| *t += 1);
            }
        },
        std::time::Duration::from_millis(400),
    ) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <div class="card" role="region" aria-label="Sync between devices">
            <h2>"Sync between devices"</h2>
            <p class="muted">
                "Your phone and your laptop keep the same network with no server and no account. Each device writes its own sync file, encrypted under a sync passphrase you type on every device (the lock's passphrase, when the passphrase lock is on), and merges the others' files: through a folder your own file sync already shares (iCloud Drive, Dropbox, Google Drive, Syncthing, a USB stick), or by hand. Edits on both sides are kept, field by field; the later change of one field wins."
            </p>
            <form class="inline-form" on:submit=save_name novalidate>
                <div class="field">
                    <label for="device-name">"This device's name"</label>
                    <input id="device-name" type="text" maxlength="40" autocomplete="off" bind:value=name />
                </div>
                <button type="submit" class="secondary">"Save the name"</button>
            </form>
            <Show when=move || has_key() && (!changing.get() || state.lock_on.get()) fallback=move || view! {
                <Show when=move || !state.lock_on.get() fallback=|| view! {
                    <p>"The passphrase lock is on, so its passphrase is the sync passphrase too. Deriving the sync key from it… (If this stays, lock Rapport and unlock it again.)"</p>
                }>
                <form on:submit=set_passphrase novalidate aria-label="Sync passphrase">
                    <div class="grid">
                        <div class="field">
                            <label for="sync-passphrase">"Sync passphrase (at least 8 characters, the same on every device)"</label>
                            <input id="sync-passphrase" type="password" autocomplete="new-password" bind:value=passphrase />
                        </div>
                        <div class="field">
                            <label for="sync-passphrase-again">"The same passphrase again"</label>
                            <input id="sync-passphrase-again" type="password" autocomplete="new-password" bind:value=again />
                        </div>
                    </div>
                    <div class="actions">
                        <button type="submit" disabled=move || busy.get()>"Set the sync passphrase"</button>
                        <Show when=move || changing.get()>
                            <button type="button" class="secondary" on:click=move |_| changing.set(false)>"Cancel"</button>
                        </Show>
                    </div>
                </form>
                </Show>
            }>
                <Show when=move || !state.lock_on.get() fallback=|| view! {
                    <p>"The passphrase lock is on, so its passphrase is the sync passphrase too: on your other devices, use the same one as their sync passphrase (or as their lock's passphrase, where the lock is on). Changing the lock's passphrase changes it."</p>
                }>
                    <p>"The sync passphrase is set on this device. "
                        <button type="button" class="link" on:click=move |_| changing.set(true)>"Change it"</button>
                    </p>
                </Show>
                <div class="actions">
                    <button type="button" on:click=save_file disabled=move || busy.get()>"Save my sync file"</button>
                    <label class="button secondary file-button">
                        "Merge sync files…"
                        <input type="file" multiple accept=".sync,application/octet-stream" aria-label="Merge sync files" class="visually-hidden" on:change=move |ev| merge_chosen(ev, false) />
                    </label>
                    <label class="button secondary file-button">
                        "Merge, then save mine…"
                        <input type="file" multiple accept=".sync,application/octet-stream" aria-label="Merge sync files, then save mine" class="visually-hidden" on:change=move |ev| merge_chosen(ev, true) />
                    </label>
                </div>
                {folder.view()}
                <crate::components::pairing::PairCard />
            </Show>
            <p role="status" aria-live="polite" class="sync-status">{move || status.get()}</p>
            <Show when=move || has_waiting.get()>
                <form class="inline-form" on:submit=unlock_waiting novalidate aria-label="Read files from a new device">
                    <div class="field">
                        <label for="sync-passphrase-read">{move || format!(
                            "Sync passphrase, to read {}",
                            waiting.with_value(|w| w.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>().join(", "))
                        )}</label>
                        <input id="sync-passphrase-read" type="password" autocomplete="current-password" bind:value=waiting_passphrase />
                    </div>
                    <button type="submit" disabled=move || busy.get()>"Read them"</button>
                </form>
            </Show>
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="error" role="alert" aria-label="Sync problems">
                        {list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                })
            }}
            <h3>"Devices"</h3>
            <ul class="plain" aria-label="Devices in sync">
                <li>{move || info.with(|d| format!(
                    "{} (this device){}",
                    d.name,
                    d.last_written.map(|w| format!(", last wrote its file {}", browser::local_datetime(w))).unwrap_or_default(),
                ))}</li>
                {move || info.with(|d| d.peers.clone()).into_iter().map(|p| {
                    let id = p.device.clone();
                    let label = format!("Remove {} from sync", p.name);
                    view! {
                        <li>
                            {format!("{}: last wrote its file {}, merged here {}", p.name, browser::local_datetime(p.written), browser::local_datetime(p.merged))}
                            " "
                            <button type="button" class="link" aria-label=label on:click=move |_| {
                                devices::remove_device(&id);
                                tick.update(|t| *t += 1);
                            }>"Remove"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="muted">{move || info.with(|d| d.last_synced.map_or_else(
                || "Not synced yet.".to_string(),
                |t| format!("Last synced {}.", browser::local_datetime(t)),
            ))}</p>
        </div>
    }
}

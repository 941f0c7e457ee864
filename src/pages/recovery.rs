//! Shown instead of the app when stored data cannot be read. It never writes on its own:
//! it explains, offers the stored text as it is, and clears only after explicit confirmation.

use crate::browser;
use crate::storage;
use leptos::prelude::*;
use rapport_core::store::{raw_dump, DecodeError, RawStore};

/// What the user must type to confirm clearing.
const CONFIRM_WORD: &str = "DELETE";

#[component]
pub fn Recovery(error: DecodeError, raw: RawStore) -> impl IntoView {
    browser::set_title("Your data needs attention");
    let dump = raw_dump(&raw);
    let keys = raw.len();
    let problem = RwSignal::new(None::<String>);
    let typed = RwSignal::new(String::new());
    let download = move |_| {
        let name = format!("rapport-stored-data-{}.json", browser::today());
        problem.set(browser::download(&name, &dump, "application/json").err());
    };
    let clear = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if typed.get_untracked().trim() != CONFIRM_WORD {
            problem.set(Some(format!("Type {CONFIRM_WORD} to confirm. Nothing was cleared.")));
            return;
        }
        match storage::clear_all() {
            Ok(()) => {
                // Start again on the home screen, not on an address that named old data.
                if let Some(w) = web_sys::window() {
                    let _ = w.location().set_hash("#/today");
                    let _ = w.location().reload();
                }
            }
            Err(e) => problem.set(Some(format!("Clearing failed: {e}"))),
        }
    };
    view! {
        <main class="recovery page">
            <h1>"Rapport couldn't read your saved data"</h1>
            <div class="card">
                <p>"Your data is still stored in this browser, untouched. Rapport has not changed or replaced any of it, and won't unless you tell it to below."</p>
                <p><strong>"What went wrong: "</strong>{error.to_string()}</p>
                <p class="muted">{format!("{keys} stored entries were found.")}</p>
                <p>"First, download the stored data exactly as it is. Keep the file: it holds all your people and notes, and it can be repaired or imported later."</p>
                <div class="actions">
                    <button type="button" on:click=download>"Download the stored data"</button>
                </div>
            </div>
            <form class="card danger-zone" novalidate on:submit=clear aria-label="Clear stored data">
                <h2>"Start again"</h2>
                <p>"This deletes everything Rapport stored in this browser. It cannot be undone. Download the stored data first."</p>
                <div class="field">
                    <label for="confirm-clear">{format!("Type {CONFIRM_WORD} to confirm")}</label>
                    <input id="confirm-clear" type="text" autocomplete="off" bind:value=typed />
                </div>
                <div class="actions">
                    <button type="submit" class="danger">"Clear stored data"</button>
                </div>
            </form>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </main>
    }
}

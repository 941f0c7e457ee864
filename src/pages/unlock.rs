//! The unlock screen: shown at start while the passphrase lock is on. A wrong passphrase
//! says so and changes nothing. For a forgotten passphrase it explains that nothing can be
//! recovered and offers to delete everything and start again (typed confirmation).

use crate::storage;
use leptos::prelude::*;
use rapport_core::lock::{Header, State};

#[component]
pub fn Unlock(header: Header, on_unlock: Callback<()>) -> impl IntoView {
    crate::browser::set_title("Locked");
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = passphrase.get_untracked();
        if typed.is_empty() {
            problem.set(Some("Enter your passphrase.".into()));
            return;
        }
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let result = storage::lock::unlock(&typed).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    on_unlock.run(());
                    // The lock passphrase is the sync passphrase while the lock is on.
                    if let Err(e) = crate::state::devices::adopt_lock_passphrase(typed).await {
                        leptos::logging::warn!("sync key: {e}");
                    }
                }
                Err(e) => {
                    passphrase.set(String::new());
                    problem.set(Some(e));
                }
            }
        });
    };
    let under_way = match header.state {
        State::Locked => None,
        State::Encrypting => Some("Rapport was closed while turning the lock on. Unlocking finishes the job."),
        State::Rekeying => Some(
            "Rapport was closed while changing the passphrase. Enter the new passphrase; unlocking finishes the job.",
        ),
        State::Removing => {
            Some("Rapport was closed while turning the lock off. Enter the passphrase once more to finish.")
        }
    };
    let typed = RwSignal::new(String::new());
    let wipe_problem = RwSignal::new(None::<String>);
    let wipe = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if typed.get_untracked().trim() != "DELETE" {
            wipe_problem.set(Some("Type DELETE in capitals to confirm.".into()));
            return;
        }
        storage::lock::forget();
        match storage::clear_all() {
            Ok(()) => storage::lock::reload(),
            Err(e) => wipe_problem.set(Some(format!("Deleting failed: {e}"))),
        }
    };
    view! {
        <main id="main" class="unlock" tabindex="-1">
            <div class="card" role="region" aria-label="Unlock Rapport">
                <h1>"Rapport is locked"</h1>
                <p>"Your data in this browser is encrypted. Enter your passphrase to open it; it is checked here, and never stored or sent anywhere."</p>
                {under_way.map(|m| view! { <p role="status">{m}</p> })}
                <form on:submit=submit novalidate>
                    <div class="field">
                        <label for="unlock-passphrase">"Passphrase"</label>
                        <input id="unlock-passphrase" type="password" autocomplete="current-password" autofocus bind:value=passphrase />
                    </div>
                    <div class="actions">
                        <button type="submit" disabled=move || busy.get()>{move || if busy.get() { "Unlocking…" } else { "Unlock" }}</button>
                    </div>
                </form>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                <details>
                    <summary>"Forgot your passphrase?"</summary>
                    <p>"It can't be recovered: Rapport never kept it, and without it the data can't be decrypted. If you exported a backup, you can delete everything here, start again and restore it (Settings → Import & export)."</p>
                    <form class="danger-zone" aria-label="Delete everything" on:submit=wipe novalidate>
                        <div class="field">
                            <label for="unlock-wipe">"Type DELETE to delete everything Rapport stored in this browser"</label>
                            <input id="unlock-wipe" type="text" autocomplete="off" bind:value=typed />
                        </div>
                        {move || wipe_problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                        <div class="actions"><button type="submit" class="danger">"Delete everything"</button></div>
                    </form>
                </details>
            </div>
        </main>
    }
}

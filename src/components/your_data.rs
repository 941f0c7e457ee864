//! "Your data" in Settings: where the data lives, how much room it takes, the last backup,
//! what browsers may do to site data (with a request for persistent storage), export, wipe,
//! and the privacy statement in plain words.

use crate::browser;
use crate::route::Route;
use crate::state::{actions, AppState};
use crate::storage;
use leptos::prelude::*;

/// Asks the browser to keep this site's data (`navigator.storage.persist()`), or with
/// `ask == false` only whether it already does (`persisted()`, which never prompts).
async fn persistence(ask: bool) -> Result<bool, String> {
    let manager = web_sys::window().map(|w| w.navigator().storage()).ok_or("No browser window.")?;
    let promise = if ask { manager.persist() } else { manager.persisted() }
        .map_err(|_| "This browser can't be asked to keep data.".to_string())?;
    let answer =
        wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|_| "The browser did not answer.".to_string())?;
    Ok(answer.as_bool().unwrap_or(false))
}

#[component]
pub fn YourData() -> impl IntoView {
    let state = AppState::context();
    // Recounted whenever the network changes (every change is stored at once).
    let used = Memo::new(move |_| {
        state.network.track();
        storage::used_chars()
    });
    let percent = move || used.get() as f64 / storage::QUOTA_CHARS as f64 * 100.0;
    let persisted = RwSignal::new(None::<Result<bool, String>>);
    leptos::task::spawn_local(async move { persisted.set(Some(persistence(false).await)) });
    let ask = move |_| leptos::task::spawn_local(async move { persisted.set(Some(persistence(true).await)) });
    let problem = RwSignal::new(None::<String>);
    let reminder = RwSignal::new(state.network.with_untracked(|n| n.settings.prefs.backup_reminder_days.to_string()));
    let reminder_problem = RwSignal::new(None::<String>);
    let save_reminder = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match reminder.get_untracked().trim().parse::<u16>() {
            Ok(days) if (1..=365).contains(&days) => reminder_problem
                .set(actions::set_setting(state, |s| s.prefs.backup_reminder_days = days).err().map(|e| e.to_string())),
            _ => reminder_problem.set(Some("Enter a whole number of days from 1 to 365.".into())),
        }
    };
    let counts = move || {
        state.network.with(|n| {
            let interactions: usize = n.shards().values().map(|s| s.live.len()).sum();
            format!(
                "{} and {}.",
                rapport_core::text::count(n.live_count(), "person", "people"),
                rapport_core::text::count(interactions, "interaction", "interactions")
            )
        })
    };
    view! {
        <div class="card" role="region" aria-label="Your data">
            <h2>"Your data"</h2>
            <p><strong>"Where it lives: "</strong>"only in this browser, in this site's local storage on this device. There is no account and no server, and Rapport sends nothing anywhere. "{counts}</p>
            <p>
                <strong>"Storage used: "</strong>
                {move || format!("about {:.1}% ({} of about {} characters; an estimate of Chromium's limit).",
                    percent(), used.get(), storage::QUOTA_CHARS)}
            </p>
            <meter class="meter" min="0" max="100" low="60" high="80" optimum="0" prop:value=percent aria-label="Storage used"></meter>
            <Show when=move || { percent() >= 80.0 }>
                <p class="error" role="alert">"Storage is more than 80% full. Download a backup, and consider archiving or deleting imported connections you don't need."</p>
            </Show>
            <p>
                <strong>"Last backup: "</strong>
                {move || state.network.with(|n| n.settings.prefs.last_backup.map(|at| browser::local_datetime(at)).unwrap_or_else(|| "never".into()))}
            </p>
            <form class="inline-form" on:submit=save_reminder novalidate>
                <div class="field">
                    <label for="backup-reminder">"Remind me on Today when my last backup is older than (days)"</label>
                    <input id="backup-reminder" type="text" inputmode="numeric" bind:value=reminder />
                </div>
                <button type="submit" class="secondary">"Save reminder"</button>
            </form>
            {move || reminder_problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <h3>"What browsers may do"</h3>
            <p>
                {move || match persisted.get() {
                    None => "Checking whether the browser keeps Rapport's data…".to_string(),
                    Some(Ok(true)) => "This browser has agreed to keep Rapport's data: it won't clear it to free space.".to_string(),
                    Some(Ok(false)) => "This browser has not promised to keep Rapport's data: it may clear it when space runs low. Ask it below; installing Rapport as an app, or bookmarking it, makes a yes more likely.".to_string(),
                    Some(Err(e)) => format!("{e} Keep backups."),
                }}
            </p>
            <Show when=move || matches!(persisted.get(), Some(Ok(false)))>
                <div class="actions"><button type="button" class="secondary" on:click=ask>"Ask the browser to keep Rapport's data"</button></div>
            </Show>
            <p>"Safari deletes a site's data after 7 days without a visit, unless the site is installed to the Home Screen. On an iPhone or iPad, install Rapport (Share → Add to Home Screen) or download backups often."</p>
            <p>"Clearing your browser's history or site data for this site deletes Rapport's data too."</p>
            <div class="actions">
                <button type="button" on:click=move |_| problem.set(actions::download_backup(state).err())>"Export everything (JSON)"</button>
                <a class="button secondary" href=Route::ImportExport.href()>"Import & export"</a>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <crate::pages::settings::Wipe />
            <h3>"Privacy"</h3>
            <p>"Rapport is a static page. Your notes about people stay on this device: nothing is uploaded, there are no analytics, no cookies, no fonts or scripts from other sites, and no error reports. The page's security policy forbids it from contacting any other site. A file you download is the only way your data leaves the browser, and you choose where it goes. To keep what is stored here unreadable to others who use this browser, turn on the passphrase lock below."</p>
        </div>
    }
}

//! Messages that stay on screen: unsaved changes, storage that doesn't work, undo, notices.

use crate::state::{actions, AppState, SaveStatus};
use leptos::prelude::*;

/// Shown while anything in memory is not stored. It stays until a save succeeds.
#[component]
pub fn SaveBanner() -> impl IntoView {
    let state = AppState::context();
    let download_error = RwSignal::new(None::<String>);
    let download = move |_| download_error.set(actions::download_backup(state).err());
    move || {
        match state.save.get() {
        SaveStatus::Saved => None,
        SaveStatus::Unsaved { reason } => Some(
            view! {
                <div class="banner danger" role="alert">
                    <p>
                        <strong>"Your last change is not saved. "</strong>
                        {reason}
                        " It is still here on screen, and nothing stored before was changed. Download everything to keep it safe, free some space, then try again."
                    </p>
                    <div class="actions">
                        <button type="button" on:click=download>"Download everything (JSON)"</button>
                        <button type="button" class="secondary" on:click=move |_| actions::retry_save(state)>"Try saving again"</button>
                    </div>
                    {move || download_error.get().map(|e| view! { <p>{e}</p> })}
                </div>
            }
            .into_any(),
        ),
        SaveStatus::ReadOnly { reason } => Some(
            view! {
                <div class="banner danger" role="alert">
                    <p>
                        <strong>"Rapport can't save changes right now. "</strong>
                        {reason}
                    </p>
                    <div class="actions">
                        <button type="button" on:click=download>"Download everything (JSON)"</button>
                    </div>
                    {move || download_error.get().map(|e| view! { <p>{e}</p> })}
                </div>
            }
            .into_any(),
        ),
        SaveStatus::NoStorage { reason } => Some(
            view! {
                <div class="banner warning" role="alert">
                    <p>
                        <strong>"Rapport can't save in this browser. "</strong>
                        {reason}
                        " You can still use it, but nothing is kept after this tab closes. Download everything before you leave."
                    </p>
                    <div class="actions">
                        <button type="button" on:click=download>"Download everything (JSON)"</button>
                    </div>
                </div>
            }
            .into_any(),
        ),
    }
    }
}

/// The undo offer after a deletion, and short notices after other actions.
#[component]
pub fn Toasts() -> impl IntoView {
    let state = AppState::context();
    let problem = RwSignal::new(None::<String>);
    // Notices fade after a few seconds; the undo offer stays until used or dismissed.
    Effect::new(move |_| {
        if let Some(shown) = state.notice.get() {
            set_timeout(
                move || {
                    if state.notice.get_untracked().as_ref() == Some(&shown) {
                        state.notice.set(None);
                    }
                },
                std::time::Duration::from_secs(6),
            );
        }
    });
    let undo = move |_| {
        problem.set(actions::undo(state).err().map(|e| e.to_string()));
    };
    view! {
        <div class="toasts" role="status" aria-live="polite">
            {move || state.undo.get().map(|u| view! {
                <div class="toast">
                    <span>{u.message}</span>
                    <button type="button" on:click=undo>"Undo"</button>
                    <button type="button" class="link" aria-label="Dismiss" on:click=move |_| state.undo.set(None)>"×"</button>
                </div>
            })}
            {move || state.notice.get().map(|n| view! {
                <div class="toast quiet">
                    <span>{n}</span>
                    <button type="button" class="link" aria-label="Dismiss" on:click=move |_| state.notice.set(None)>"×"</button>
                </div>
            })}
            {move || problem.get().map(|p| view! { <div class="toast danger"><span>{p}</span></div> })}
        </div>
    }
}

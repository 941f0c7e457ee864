//! The passphrase lock in Settings: turn it on (after a plain warning and an offer to export),
//! lock now, lock after idle time, change the passphrase, turn it off. Also the idle watcher
//! and the "Lock" button in the navigation.

use crate::state::{actions, AppState, SaveStatus};
use crate::storage::lock as store_lock;
use leptos::prelude::*;
use rapport_core::lock::MIN_PASSPHRASE_CHARS;

/// Checks a new passphrase and its confirmation.
pub fn check_new(passphrase: &str, again: &str) -> Result<(), String> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(format!("Use at least {MIN_PASSPHRASE_CHARS} characters. A few unrelated words are easy to remember and hard to guess."));
    }
    if passphrase != again {
        return Err("The two passphrases don't match.".into());
    }
    Ok(())
}

/// Which form is open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    None,
    TurnOn,
    Change,
    TurnOff,
}

/// Locks now, unless a failed save left changes only in memory (a reload would lose them).
pub fn lock_now(state: AppState) -> Result<(), String> {
    // A change waiting to be stored (a sync merge's, stored after its report) is stored now.
    crate::state::actions::store_pending(state);
    if matches!(state.save.get_untracked(), SaveStatus::Unsaved { .. }) {
        return Err("Some changes are not saved yet (see the message at the top), and locking would lose them. Export everything first, or free some space.".into());
    }
    store_lock::lock_now();
    Ok(())
}

/// Locks after the idle time in Settings: any key, pointer or scroll resets the clock.
pub fn watch_idle(state: AppState) {
    let last = StoredValue::new(js_sys::Date::now());
    let touch = move || last.set_value(js_sys::Date::now());
    let handles = [
        window_event_listener(leptos::ev::keydown, move |_| touch()),
        window_event_listener(leptos::ev::pointerdown, move |_| touch()),
        window_event_listener(leptos::ev::wheel, move |_| touch()),
        window_event_listener(leptos::ev::touchstart, move |_| touch()),
    ];
    let interval = set_interval_with_handle(
        move || {
            let minutes = state.network.with_untracked(|n| n.settings.prefs.lock_idle_minutes);
            if state.lock_on.get_untracked()
                && minutes > 0
                && js_sys::Date::now() - last.get_value() >= f64::from(minutes) * 60_000.0
            {
                // With unsaved changes, stay open: the banner already asks for an export.
                let _ = lock_now(state);
            }
        },
        std::time::Duration::from_secs(5),
    )
    .ok();
    let channel = StoredValue::new_local(store_lock::follow_other_tabs());
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
        if let Some(i) = interval {
            i.clear();
        }
        if let Some(c) = channel.get_value() {
            c.close();
        }
    });
}

/// "Lock" in the navigation, while the lock is on.
#[component]
pub fn LockButton() -> impl IntoView {
    let state = AppState::context();
    let problem = RwSignal::new(None::<String>);
    view! {
        <Show when=move || state.lock_on.get()>
            <button type="button" class="secondary lock-button" on:click=move |_| problem.set(lock_now(state).err())>"Lock"</button>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </Show>
    }
}

/// A password field with its label.
#[component]
fn Secret(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "new-password")] autocomplete: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="password" autocomplete=autocomplete bind:value=value />
        </div>
    }
}

#[component]
pub fn LockCard() -> impl IntoView {
    let state = AppState::context();
    let open = RwSignal::new(Open::None);
    let current = RwSignal::new(String::new());
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let busy = RwSignal::new(None::<&'static str>);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let reset = move || {
        for s in [current, first, again] {
            s.set(String::new());
        }
        understood.set(false);
        problem.set(None);
    };
    let show = move |which: Open| {
        reset();
        done.set(None);
        open.set(which);
    };
    let finish = move |result: Result<(), String>, message: &str| {
        busy.set(None);
        match result {
            Ok(()) => {
                reset();
                open.set(Open::None);
                state.lock_on.set(store_lock::is_on());
                done.set(Some(message.to_string()));
            }
            Err(e) => {
                // A change cut short may have changed the state either way.
                state.lock_on.set(store_lock::is_on());
                problem.set(Some(e));
            }
        }
    };
    let turn_on = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p, a) = (first.get_untracked(), again.get_untracked());
        if let Err(e) = check_new(&p, &a) {
            problem.set(Some(e));
            return;
        }
        if !understood.get_untracked() {
            problem.set(Some(
                "Tick the box to confirm you understand that a forgotten passphrase can't be recovered.".into(),
            ));
            return;
        }
        if !matches!(state.save.get_untracked(), SaveStatus::Saved) {
            problem.set(Some(
                "Some changes are not saved yet, so the lock can't be turned on now. Export everything first.".into(),
            ));
            return;
        }
        busy.set(Some("Turning the lock on…"));
        problem.set(None);
        leptos::task::spawn_local(async move {
            let mut result = store_lock::turn_on(&p).await;
            if result.is_ok() {
                // From now on the lock passphrase is the sync passphrase too.
                result = crate::state::devices::adopt_lock_passphrase(p).await.map_err(|e| {
                    format!("The lock is on, but the sync key could not be derived from its passphrase: {e}")
                });
            }
            finish(result, "The lock is on. Everything Rapport stores in this browser is now encrypted, and Rapport will ask for the passphrase when it starts. It is now also the sync passphrase between your devices.");
        });
    };
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (c, p, a) = (current.get_untracked(), first.get_untracked(), again.get_untracked());
        if let Err(e) = check_new(&p, &a) {
            problem.set(Some(e));
            return;
        }
        busy.set(Some("Changing the passphrase…"));
        problem.set(None);
        leptos::task::spawn_local(async move {
            let mut result = store_lock::change(&c, &p).await;
            if result.is_ok() {
                result = crate::state::devices::adopt_lock_passphrase(p).await.map_err(|e| {
                    format!("The passphrase is changed, but the sync key could not be derived from it: {e}")
                });
            }
            finish(result, "The passphrase is changed, and everything is encrypted under the new one. It is also the new sync passphrase: use it on your other devices.");
        });
    };
    let turn_off = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let c = current.get_untracked();
        busy.set(Some("Turning the lock off…"));
        problem.set(None);
        leptos::task::spawn_local(async move {
            let result = store_lock::turn_off(&c).await;
            finish(result, "The lock is off. Rapport's data in this browser is stored as plain text again.");
        });
    };
    let idle = move |ev: leptos::ev::Event| {
        let minutes = event_target_value(&ev).parse::<u16>().unwrap_or(15);
        problem.set(actions::set_setting(state, |s| s.prefs.lock_idle_minutes = minutes).err().map(|e| e.to_string()));
    };
    let cancel = move |_| show(Open::None);
    let buttons = move |label: &'static str| {
        view! {
            <div class="actions">
                <button type="submit" disabled=move || busy.get().is_some()>{label}</button>
                <button type="button" class="secondary" on:click=cancel>"Cancel"</button>
            </div>
        }
    };
    view! {
        <div class="card" role="region" aria-label="Passphrase lock">
            <h2>"Passphrase lock"</h2>
            {move || if state.lock_on.get() {
                view! {
                    <p><strong>"The lock is on. "</strong>"Everything Rapport stores in this browser is encrypted (AES-256-GCM, with a key made from your passphrase by PBKDF2-SHA256). Anyone who opens this browser's storage sees only ciphertext."</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| problem.set(lock_now(state).err())>"Lock now"</button>
                        <button type="button" class="secondary" on:click=move |_| show(Open::Change)>"Change passphrase…"</button>
                        <button type="button" class="secondary" on:click=move |_| show(Open::TurnOff)>"Turn the lock off…"</button>
                    </div>
                    <div class="field">
                        <label for="lock-idle">"Lock after this long without use"</label>
                        <select id="lock-idle" on:change=idle>
                            {[(5u16, "5 minutes"), (15, "15 minutes"), (30, "30 minutes"), (60, "1 hour"), (240, "4 hours"), (0, "Never")].into_iter().map(|(m, label)| view! {
                                <option value=m.to_string() selected=move || state.network.with(|n| n.settings.prefs.lock_idle_minutes == m)>{label}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p>"Rapport keeps your notes about people in this browser as plain text. Anyone who can use this browser profile can read them. With a passphrase, Rapport encrypts everything it stores, and asks for the passphrase when it starts."</p>
                    <div class="actions">
                        <button type="button" class="secondary" on:click=move |_| show(Open::TurnOn)>"Turn on the lock…"</button>
                    </div>
                }.into_any()
            }}
            {move || done.get().map(|m| view! { <p role="status">{m}</p> })}
            {move || match open.get() {
                Open::None => None,
                Open::TurnOn => Some(view! {
                    <form class="danger-zone" role="region" aria-label="Turn on the lock" on:submit=turn_on novalidate>
                        <h3>"Turn on the lock"</h3>
                        <p><strong>"If you forget the passphrase, your data can't be recovered: not by you, not by anyone. "</strong>"There is no reset and no hint. Write it down somewhere safe, and keep a backup."</p>
                        <div class="actions">
                            <button type="button" class="secondary" on:click=move |_| problem.set(actions::download_backup(state).err())>"Export a backup first (JSON)"</button>
                        </div>
                        <Secret id="lock-new" label="Passphrase (at least 8 characters)" value=first />
                        <Secret id="lock-again" label="The same passphrase again" value=again />
                        <label class="check"><input type="checkbox" prop:checked=move || understood.get() on:change=move |ev| understood.set(event_target_checked(&ev)) />
                            " I understand that a forgotten passphrase can't be recovered"</label>
                        {buttons("Turn on the lock")}
                    </form>
                }.into_any()),
                Open::Change => Some(view! {
                    <form class="lock-form" role="region" aria-label="Change passphrase" on:submit=change novalidate>
                        <h3>"Change passphrase"</h3>
                        <Secret id="lock-current" label="Current passphrase" value=current autocomplete="current-password" />
                        <Secret id="lock-new" label="New passphrase (at least 8 characters)" value=first />
                        <Secret id="lock-again" label="The new passphrase again" value=again />
                        {buttons("Change passphrase")}
                    </form>
                }.into_any()),
                Open::TurnOff => Some(view! {
                    <form class="lock-form" role="region" aria-label="Turn the lock off" on:submit=turn_off novalidate>
                        <h3>"Turn the lock off"</h3>
                        <p>"Everything is stored as plain text again, readable by anyone who can use this browser profile."</p>
                        <Secret id="lock-current" label="Current passphrase" value=current autocomplete="current-password" />
                        {buttons("Turn the lock off")}
                    </form>
                }.into_any()),
            }}
            {move || busy.get().map(|b| view! { <p role="status">{b}</p> })}
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </div>
    }
}

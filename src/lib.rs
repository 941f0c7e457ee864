//! Rapport's web app: the shell around `rapport-core`.
//!
//! `start` opens the store and mounts the app. The store decides which root shows:
//! the app, the recovery screen (stored data that can't be read), or the app with a
//! "can't save here" banner when localStorage doesn't work.

pub mod browser;
pub mod components;
pub mod pages;
pub mod pwa;
pub mod route;
pub mod screens;
pub mod scroll;
pub mod state;
pub mod storage;
#[cfg(feature = "test-hooks")]
pub mod test_hooks;

use components::banners::{SaveBanner, Toasts};
use components::nav::Nav;
use leptos::prelude::*;
use pages::recovery::Recovery;
use state::{AppState, SaveStatus};
use storage::Open;
use wasm_bindgen::JsCast;

/// Entry point for `main`: panic messages to the console, then mount on `<body>`.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panic_screen(&info.to_string());
    }));
    mount_to_body(Root);
    // The static first screen the browser drew while the wasm downloaded (index.html).
    browser::finish_boot();
}

/// Hands a panic to `panic.js`, which replaces the page with "Something went wrong — your
/// data is safe", a reload button and an export straight from localStorage.
fn show_panic_screen(message: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(show) = js_sys::Reflect::get(&window, &"rapportPanic".into()) else { return };
    if let Some(show) = show.dyn_ref::<js_sys::Function>() {
        let _ = show.call1(&window, &message.into());
    }
}

/// Chooses the root from what the store holds. After an unlock the store is opened again.
#[component]
pub fn Root() -> impl IntoView {
    let unlocked = RwSignal::new(0u32);
    move || open_root(unlocked)
}

fn open_root(unlocked: RwSignal<u32>) -> AnyView {
    unlocked.track();
    // For the benchmark: reading, unpacking (or decrypting) and decoding the store.
    let started = browser::performance_now();
    let opened = storage::open();
    browser::measure("rapport-open", started);
    match opened {
        Open::Locked(header) => {
            let on_unlock = Callback::new(move |()| unlocked.update(|n| *n += 1));
            view! { <pages::unlock::Unlock header=header on_unlock=on_unlock /> }.into_any()
        }
        Open::Ready(decoded) => {
            let status = match storage::halted() {
                Some(reason) => SaveStatus::ReadOnly { reason },
                None => SaveStatus::Saved,
            };
            // New changes are stamped after the latest one stored, whatever the clock says.
            if let Some(latest) = decoded.network.latest_change() {
                browser::observe(latest);
            }
            view! { <App state=AppState::new(decoded.network, true, status) /> }.into_any()
        }
        Open::Unavailable(reason) => {
            view! { <App state=AppState::new(Default::default(), false, SaveStatus::NoStorage { reason }) /> }
                .into_any()
        }
        Open::Damaged { error, raw } => view! { <Recovery error=error raw=raw /> }.into_any(),
    }
}

/// The app around a ready state.
#[component]
pub fn App(state: AppState) -> impl IntoView {
    provide_context(state);
    #[cfg(feature = "test-hooks")]
    test_hooks::install(state);
    pwa::register();
    // Once the first screen has painted and the service worker has settled, the other
    // screens' modules load in the background (src/screens.rs). With nobody stored (a first
    // visit), only after the user's first input and a quiet second: the first screen is a
    // question to read and answer, and instantiating six modules while it is read is main
    // thread work the user did not ask for (a long task that would hold up the first tap on
    // a phone; Lighthouse's blocking time, issue 19). The service worker has them cached, so
    // a screen opened before then fetches nothing from the network.
    // (Whether there are people is read now: the task may outlive this App, in the browser
    // tests that mount and drop it, and a dropped signal's `with` panics.)
    let has_people = state.network.with_untracked(|n| n.live_people().next().is_some());
    browser::watch_input();
    browser::after_frames(2, move || {
        leptos::task::spawn_local(async move {
            pwa::worker_settled().await;
            if !has_people {
                browser::first_input().await;
                browser::quiet_moment(1000.0).await;
            }
            screens::preload_all(has_people).await;
        })
    });
    components::lock::watch_idle(state);
    components::sync_folder::watch(state);
    // The theme chosen in Settings, on <html>; without one, CSS follows the system. Its copy
    // for the next visit's first paint is kept beside the store (storage::hint_theme).
    Effect::new(move |_| {
        let theme = state.network.with(|n| n.settings.prefs.theme);
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = match theme {
                rapport_core::settings::Theme::System => root.remove_attribute("data-theme"),
                other => root.set_attribute("data-theme", other.key()),
            };
        }
        crate::storage::hint_theme(theme);
    });
    let page = move || screens::page(state.route.get());
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>"Skip to content"</a>
        <Nav />
        <pwa::UpdateBanner />
        <SaveBanner />
        <main id="main" tabindex="-1">{page}</main>
        <Toasts />
        <components::shortcuts::Shortcuts />
    }
}

/// The skip link moves focus to the main content without changing the route's fragment.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
        }
    }
}

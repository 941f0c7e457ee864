//! The service worker: registered in release builds, and the "A new version is ready" prompt.
//!
//! The worker (`assets/sw.js`, its file list written after each build) serves one build from
//! one cache. When a new build is deployed, the browser installs its worker beside the old
//! one; it waits until the user chooses to reload, then takes over, and the page reloads once.
//! Hand-written with web-sys rather than leptos-use's `use_service_worker`: it is thirty lines,
//! and leptos-use would add to the wasm the size budget counts.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Whether a new version waits, shared with the banner.
#[derive(Clone, Copy)]
pub struct Pwa {
    pub update_ready: RwSignal<bool>,
    /// This tab asked for the update: only this tab reloads when the new worker takes over.
    requested: StoredValue<bool>,
    registration: StoredValue<Option<web_sys::ServiceWorkerRegistration>, crate::state::LocalStorageSlot>,
}

impl Pwa {
    pub fn context() -> Option<Pwa> {
        use_context::<Pwa>()
    }

    /// Asks the waiting worker to take over; the page reloads when it does.
    pub fn reload_into_update(&self) {
        self.requested.set_value(true);
        let waiting = self.registration.get_value().and_then(|r| r.waiting());
        match waiting {
            Some(worker) => {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
                let _ = worker.post_message(&message);
            }
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    }
}

/// Registers the worker (release builds only: in development it would cache stale files).
pub fn register() -> Pwa {
    let pwa = Pwa {
        update_ready: RwSignal::new(false),
        requested: StoredValue::new(false),
        registration: StoredValue::new_local(None),
    };
    provide_context(pwa);
    if cfg!(debug_assertions) {
        crate::browser::after_frames(2, || leptos::task::spawn_local(crate::screens::preload_all()));
        return pwa;
    }
    let Some(window) = web_sys::window() else { return pwa };
    let container = window.navigator().service_worker();
    // When the new worker takes over at this tab's request, load the new build once. Other
    // tabs keep what is on screen (a half-typed form) and offer the reload instead.
    let reloading = std::cell::Cell::new(false);
    let on_change = Closure::<dyn Fn()>::new(move || {
        if !pwa.requested.get_value() {
            pwa.update_ready.set(true);
            return;
        }
        if !reloading.replace(true) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    let had_controller = container.controller().is_some();
    if had_controller {
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    }
    on_change.forget();
    // After the first screen has painted, the page loads every screen's module (so that opening
    // one does not wait), then registers the worker, whose install takes those modules from the
    // HTTP cache the page has just filled: nothing is downloaded twice.
    crate::browser::after_frames(2, move || {
        leptos::task::spawn_local(async move {
            crate::screens::preload_all().await;
            let promise = container.register("sw.js");
            let Ok(value) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
            let Ok(registration) = value.dyn_into::<web_sys::ServiceWorkerRegistration>() else { return };
            pwa.registration.set_value(Some(registration.clone()));
            // A first install is not an update: only show the prompt when a worker already controls.
            if !had_controller {
                return;
            }
            if registration.waiting().is_some() {
                pwa.update_ready.set(true);
            }
            // Watch a worker that is installing now, and any found later.
            let watch = move |installing: web_sys::ServiceWorker| {
                let worker = installing.clone();
                let on_state = Closure::<dyn Fn()>::new(move || {
                    if worker.state() == web_sys::ServiceWorkerState::Installed {
                        pwa.update_ready.set(true);
                    }
                });
                installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            };
            if let Some(installing) = registration.installing() {
                watch(installing);
            }
            let reg = registration.clone();
            let on_found = Closure::<dyn Fn()>::new(move || {
                if let Some(installing) = reg.installing() {
                    watch(installing);
                }
            });
            registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
            on_found.forget();
        });
    });
    pwa
}

/// The prompt shown when a new version waits.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let pwa = Pwa::context();
    let ready = move || pwa.is_some_and(|p| p.update_ready.get());
    view! {
        <Show when=ready>
            <div class="banner info update" role="status">
                <p>"A new version is ready."</p>
                <button type="button" on:click=move |_| { if let Some(p) = pwa { p.reload_into_update(); } }>"Reload"</button>
            </div>
        </Show>
    }
}

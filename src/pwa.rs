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
        return pwa;
    }
    let Some(window) = web_sys::window() else { return pwa };
    // No worker where the browser has none: a page served over plain http from another
    // machine (not a secure context), or a browser that turns them off.
    let navigator = window.navigator();
    if !js_sys::Reflect::get(&navigator, &"serviceWorker".into()).is_ok_and(|c| c.is_object()) {
        return pwa;
    }
    let (settled, settle) = settle_promise();
    SETTLED.with(|s| *s.borrow_mut() = Some(settled));
    let container = navigator.service_worker();
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
    // As soon as the first screen has painted, so that a first visit leaves an offline copy
    // however soon it ends. The worker's install takes the files the page has fetched from the
    // HTTP cache and fetches the rest (the lazily loaded modules); the page loads those only
    // once the worker controls it (`worker_settled`), from the worker's cache, so nothing is
    // downloaded twice.
    crate::browser::after_frames(2, move || {
        leptos::task::spawn_local(async move {
            let promise = container.register("sw.js");
            let registered = wasm_bindgen_futures::JsFuture::from(promise).await;
            let ready = match (&registered, container.ready()) {
                (Ok(_), Ok(ready)) => Some(ready),
                _ => None,
            };
            if let Some(ready) = ready {
                // An install that fails (a file that could not be fetched, storage full) never
                // makes the worker ready: its worker turning redundant ends the wait too.
                let failed = js_sys::Promise::new(&mut |resolve, _| {
                    let installing = registered
                        .as_ref()
                        .ok()
                        .and_then(|r| r.dyn_ref::<web_sys::ServiceWorkerRegistration>())
                        .and_then(|r| r.installing());
                    if let Some(worker) = installing {
                        let watched = worker.clone();
                        let on_state = Closure::<dyn Fn()>::new(move || {
                            if watched.state() == web_sys::ServiceWorkerState::Redundant {
                                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                            }
                        });
                        let _ =
                            worker.add_event_listener_with_callback("statechange", on_state.as_ref().unchecked_ref());
                        on_state.forget();
                    }
                });
                let either = js_sys::Promise::race(&js_sys::Array::of2(&ready, &failed));
                let _ = wasm_bindgen_futures::JsFuture::from(either).await;
                // On a first visit the new worker then claims this page; until it has, the
                // page's fetches would bypass it and download its files again.
                if container.controller().is_none() {
                    let claimed = js_sys::Promise::new(&mut |resolve, _| {
                        let options = web_sys::AddEventListenerOptions::new();
                        options.set_once(true);
                        let _ = container.add_event_listener_with_callback_and_add_event_listener_options(
                            "controllerchange",
                            &resolve,
                            &options,
                        );
                    });
                    // A page opened with a forced reload stays uncontrolled: wait 5 s at most.
                    let timeout = crate::browser::timer(5000.0);
                    let either = js_sys::Promise::race(&js_sys::Array::of2(&claimed, &timeout));
                    let _ = wasm_bindgen_futures::JsFuture::from(either).await;
                }
            }
            let _ = settle.call0(&wasm_bindgen::JsValue::NULL);
            let Ok(value) = registered else { return };
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

thread_local! {
    /// Resolves once the worker has settled (see `worker_settled`); `None` without a worker.
    static SETTLED: std::cell::RefCell<Option<js_sys::Promise>> = const { std::cell::RefCell::new(None) };
}

/// A promise and the function that resolves it.
fn settle_promise() -> (js_sys::Promise, js_sys::Function) {
    let mut settle = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| settle = Some(resolve));
    (promise, settle.unwrap_or_else(|| js_sys::Function::new_no_args("")))
}

/// Resolves once the service worker is active and controls this page, so its install has put
/// the whole build in its cache and the page's fetches go through it; or once registering or
/// installing it failed; at once where none is registered (development
/// builds). The page loads lazily loaded modules after this.
pub async fn worker_settled() {
    if let Some(settled) = SETTLED.with(|s| s.borrow().clone()) {
        let _ = wasm_bindgen_futures::JsFuture::from(settled).await;
    }
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

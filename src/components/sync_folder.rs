//! The sync folder, where the browser offers the File System Access API (Chromium on a
//! desktop): the user picks a folder their own file sync shares; Rapport keeps its handle
//! (in IndexedDB: a handle can't be put in localStorage), merges the other devices' files
//! when it opens and whenever the window regains focus, and writes this device's own file a
//! few seconds after each change. Elsewhere this shows nothing, and the files go by hand.

use crate::state::devices;
use crate::state::AppState;
use crate::storage::device;
use leptos::prelude::*;
use rapport_core::sync;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const DB: &str = "rapport-sync-folder";
const STORE: &str = "handles";

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key))
}

/// Calls `target.method(...args)` and awaits it when it returns a promise.
async fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(target, method)?.dyn_into()?;
    let out = f.apply(target, &args.iter().collect::<js_sys::Array>())?;
    match out.dyn_into::<js_sys::Promise>() {
        Ok(p) => JsFuture::from(p).await,
        Err(v) => Ok(v),
    }
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Whether this browser can keep a sync folder.
pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| get(&w, "showDirectoryPicker").is_ok_and(|f| f.is_function()))
}

/// An IndexedDB request as a promise of its result.
fn request(req: &JsValue) -> js_sys::Promise {
    let req = req.clone();
    js_sys::Promise::new(&mut |resolve, reject| {
        let r2 = req.clone();
        let ok = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &get(&r2, "result").unwrap_or(JsValue::UNDEFINED));
        });
        let fail = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        let _ = js_sys::Reflect::set(&req, &JsValue::from_str("onsuccess"), &ok);
        let _ = js_sys::Reflect::set(&req, &JsValue::from_str("onerror"), &fail);
    })
}

async fn database() -> Result<JsValue, JsValue> {
    let window: JsValue = web_sys::window().ok_or(JsValue::NULL)?.into();
    let idb = get(&window, "indexedDB")?;
    let open: js_sys::Function = get(&idb, "open")?.dyn_into()?;
    let req = open.call2(&idb, &JsValue::from_str(DB), &JsValue::from_f64(1.0))?;
    let upgrade = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
        if let Ok(db) = get(&ev, "target").and_then(|t| get(&t, "result")) {
            if let Ok(f) = get(&db, "createObjectStore").and_then(|f| f.dyn_into::<js_sys::Function>()) {
                let _ = f.call1(&db, &JsValue::from_str(STORE));
            }
        }
    });
    js_sys::Reflect::set(&req, &JsValue::from_str("onupgradeneeded"), upgrade.as_ref())?;
    let db = JsFuture::from(request(&req)).await;
    drop(upgrade);
    db
}

async fn store_op(method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let db = database().await?;
    let mode = if method == "get" { "readonly" } else { "readwrite" };
    let tx = call(&db, "transaction", &[JsValue::from_str(STORE), JsValue::from_str(mode)]).await?;
    let store = call(&tx, "objectStore", &[JsValue::from_str(STORE)]).await?;
    let f: js_sys::Function = get(&store, method)?.dyn_into()?;
    let req = f.apply(&store, &args.iter().collect::<js_sys::Array>())?;
    JsFuture::from(request(&req)).await
}

async fn saved_handle() -> Option<JsValue> {
    store_op("get", &[JsValue::from_str("folder")]).await.ok().filter(|h| !h.is_undefined() && !h.is_null())
}

/// Whether the page may read and write the folder now (`ask`: ask the user, which needs a click).
async fn permitted(handle: &JsValue, ask: bool) -> bool {
    let mode = object(&[("mode", JsValue::from_str("readwrite"))]);
    let query = if ask { "requestPermission" } else { "queryPermission" };
    call(handle, query, &[mode]).await.ok().and_then(|s| s.as_string()).as_deref() == Some("granted")
}

/// Every sync file in the folder except this device's own: (name, bytes), and a line for
/// each file that could not be read this time (one being written by a sync client, say).
async fn read_others(handle: &JsValue, own: &str) -> Result<(Vec<(String, Vec<u8>)>, Vec<String>), JsValue> {
    let iter = call(handle, "values", &[]).await?;
    let mut out = Vec::new();
    let mut unreadable = Vec::new();
    loop {
        let step = call(&iter, "next", &[]).await?;
        if get(&step, "done")?.is_truthy() {
            break;
        }
        let entry = get(&step, "value")?;
        let name = get(&entry, "name")?.as_string().unwrap_or_default();
        if get(&entry, "kind")?.as_string().as_deref() != Some("file") || !sync::is_sync_file_name(&name) || name == own
        {
            continue;
        }
        let read = async {
            let file = call(&entry, "getFile", &[]).await?;
            call(&file, "arrayBuffer", &[]).await
        };
        match read.await {
            Ok(buffer) => out.push((name, js_sys::Uint8Array::new(&buffer).to_vec())),
            Err(e) => unreadable
                .push(format!("{name}: could not be read this time ({}); it is tried again next time.", describe(&e))),
        }
    }
    Ok((out, unreadable))
}

async fn write_own(handle: &JsValue, name: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let file = call(handle, "getFileHandle", &[JsValue::from_str(name), object(&[("create", JsValue::TRUE)])]).await?;
    let writable = call(&file, "createWritable", &[]).await?;
    call(&writable, "write", &[js_sys::Uint8Array::from(bytes).into()]).await?;
    call(&writable, "close", &[]).await?;
    Ok(())
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>().map_or_else(|| "the browser refused".to_string(), |d| d.message())
}

/// The folder's state on this page.
#[derive(Clone, Copy)]
pub struct Folder {
    state: AppState,
    tick: RwSignal<u32>,
    status: RwSignal<Option<String>>,
    problems: RwSignal<Vec<String>>,
    /// Files from devices new to this one, waiting for the sync passphrase.
    waiting: StoredValue<Vec<(String, Vec<u8>)>>,
    has_waiting: RwSignal<bool>,
    /// The folder's handle, once known and permitted on this page.
    handle: StoredValue<Option<JsValue>, crate::state::LocalStorageSlot>,
    /// A folder was chosen before, and the browser needs a click to allow it again.
    needs_permission: RwSignal<bool>,
    ready: RwSignal<bool>,
}

impl Folder {
    pub fn new(
        state: AppState,
        tick: RwSignal<u32>,
        status: RwSignal<Option<String>>,
        problems: RwSignal<Vec<String>>,
        waiting: StoredValue<Vec<(String, Vec<u8>)>>,
        has_waiting: RwSignal<bool>,
    ) -> Folder {
        let f = Folder {
            state,
            tick,
            status,
            problems,
            waiting,
            has_waiting,
            handle: StoredValue::new_local(None),
            needs_permission: RwSignal::new(false),
            ready: RwSignal::new(false),
        };
        if supported() && device::load().folder.is_some() {
            leptos::task::spawn_local(async move {
                if let Some(h) = saved_handle().await {
                    if permitted(&h, false).await {
                        f.handle.set_value(Some(h));
                        f.ready.set(true);
                    } else {
                        f.needs_permission.set(true);
                    }
                }
            });
        }
        f
    }

    /// One pass in the background (see `screens::sync_folder`): read and merge, then write;
    /// or only write this device's file.
    pub fn job(self, write_only: bool) -> crate::screens::Job {
        Box::pin(async move {
            let Some(h) = self.handle.get_value() else { return };
            if write_only {
                self.write(&h).await;
            } else {
                self.sync_now().await;
            }
        })
    }

    async fn sync_now(self) {
        // The card may be gone by now (Settings left while the folder was asked for).
        let Some(handle) = self.handle.try_get_value().flatten() else { return };
        let d = device::load();
        let own = sync::file_name(&d.name, &d.id);
        match read_others(&handle, &own).await {
            Ok((files, unreadable)) => {
                let mut merged = devices::merge_files(self.state, files).await;
                merged.problems.extend(unreadable);
                self.status.set(Some(merged.summary));
                self.problems.set(merged.problems);
                self.has_waiting.set(!merged.waiting.is_empty());
                self.waiting.set_value(merged.waiting);
            }
            Err(e) => self.problems.set(vec![format!("The sync folder could not be read: {}.", describe(&e))]),
        }
        self.write(&handle).await;
        self.tick.update(|t| *t += 1);
    }

    async fn write(self, handle: &JsValue) {
        match devices::sync_file(self.state) {
            Ok((name, bytes)) => {
                if let Err(e) = write_own(handle, &name, &bytes).await {
                    self.problems.set(vec![format!("This device's sync file could not be written: {}.", describe(&e))]);
                }
            }
            Err(e) => self.problems.set(vec![e]),
        }
    }

    async fn choose(self) {
        let Some(window) = web_sys::window() else { return };
        let options = object(&[("id", JsValue::from_str("rapport-sync")), ("mode", JsValue::from_str("readwrite"))]);
        match call(&window, "showDirectoryPicker", &[options]).await {
            Ok(handle) => {
                let name = get(&handle, "name").ok().and_then(|n| n.as_string()).unwrap_or_default();
                if let Err(e) = store_op("put", &[handle.clone(), JsValue::from_str("folder")]).await {
                    self.problems.set(vec![format!("The browser would not keep the folder: {}.", describe(&e))]);
                }
                device::update(|d| d.folder = Some(name));
                self.handle.set_value(Some(handle));
                self.ready.set(true);
                self.needs_permission.set(false);
                self.sync_now().await;
            }
            Err(e) => {
                let cancelled = e.dyn_ref::<web_sys::DomException>().is_some_and(|d| d.name() == "AbortError");
                if !cancelled {
                    self.problems.set(vec![format!("The folder could not be opened: {}.", describe(&e))]);
                }
            }
        }
    }

    pub fn view(self) -> impl IntoView {
        if !supported() {
            return view! {
                <p class="muted">"This browser can't keep a sync folder: save your sync file and merge the others' by hand (Chromium-based browsers on a computer keep a folder and sync by themselves)."</p>
            }
            .into_any();
        }
        let folder_name = move || {
            self.tick.track();
            device::load().folder
        };
        view! {
            <div class="actions">
                <button type="button" class="secondary" on:click=move |_| leptos::task::spawn_local(self.choose())>
                    {move || if folder_name().is_some() { "Choose another sync folder…" } else { "Choose a sync folder…" }}
                </button>
                <Show when=move || self.needs_permission.get()>
                    <button type="button" on:click=move |_| {
                        leptos::task::spawn_local(async move {
                            if let Some(h) = saved_handle().await {
                                if permitted(&h, true).await {
                                    self.handle.set_value(Some(h));
                                    self.ready.set(true);
                                    self.needs_permission.set(false);
                                    self.sync_now().await;
                                }
                            }
                        });
                    }>"Allow the sync folder again"</button>
                </Show>
                <Show when=move || self.ready.get()>
                    <button type="button" on:click=move |_| leptos::task::spawn_local(self.sync_now())>"Sync now"</button>
                </Show>
            </div>
            <p class="muted">{move || folder_name().map(|n| format!("Sync folder: {n}. Rapport merges the other devices' files when it opens and when you come back to this window, and writes this device's file a few seconds after each change."))}</p>
        }
        .into_any()
    }
}

/// Keeps the sync folder in step for the app's life: merges when the app opens and when the
/// window regains focus, and writes this device's file a few seconds after a change.
pub fn watch(state: AppState) {
    // Installed in every browser that can keep a folder; it does nothing until one is chosen
    // (possibly later on this page, in Settings).
    if !supported() {
        return;
    }
    let handle = StoredValue::new_local(None::<JsValue>);
    let tick = RwSignal::new(0u32);
    let status = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::new());
    let merging = StoredValue::new(false);
    let waiting = StoredValue::new(Vec::new());
    let has_waiting = RwSignal::new(false);
    // The sync module could not be loaded in the last pass (and that was said).
    let unloaded = StoredValue::new(false);
    let run = move |write_only: bool| {
        if merging.get_value() || device::load().folder.is_none() {
            return;
        }
        merging.set_value(true);
        leptos::task::spawn_local(async move {
            if handle.get_value().is_none() {
                if let Some(h) = saved_handle().await {
                    if permitted(&h, false).await {
                        handle.set_value(Some(h));
                    }
                }
            }
            if let Some(h) = handle.get_value() {
                let f = Folder {
                    state,
                    tick,
                    status,
                    problems,
                    waiting,
                    has_waiting,
                    handle: StoredValue::new_local(Some(h.clone())),
                    needs_permission: RwSignal::new(false),
                    ready: RwSignal::new(true),
                };
                if crate::screens::sync_folder(f, write_only).await.is_err() {
                    // Offline before the browser kept the sync module: said once until a pass
                    // gets through (not at every focus or edit), and tried again on the next
                    // focus or change.
                    if !unloaded.get_value() {
                        unloaded.set_value(true);
                        state.notice.set(Some(
                            "Sync folder: this part of Rapport could not be loaded (no connection?), so the folder is not synced for now. It is tried again when you come back to this window or change something."
                                .into(),
                        ));
                    }
                } else {
                    unloaded.set_value(false);
                    if let Some(summary) = status.get_untracked().filter(|_| !write_only) {
                        if has_waiting.get_untracked() {
                            state.notice.set(Some(
                                "The sync folder has a file from a device new to this one: type the sync passphrase in Settings, Sync between devices, to read it."
                                    .into(),
                            ));
                        } else if let Some(problem) =
                            problems.get_untracked().into_iter().find(|p| !p.contains("removed from sync"))
                        {
                            state.notice.set(Some(format!("Sync folder: {problem}")));
                        } else if !summary.starts_with("Nothing") && !summary.starts_with("That is") {
                            state.notice.set(Some(summary));
                        }
                    }
                }
            }
            merging.set_value(false);
        });
    };
    run(false);
    let on_focus = window_event_listener(leptos::ev::focus, move |_| run(false));
    // A few seconds after the network last changed, write this device's file.
    let pending = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        state.network.track();
        if first.is_none() {
            return;
        }
        if let Some(t) = pending.get_value() {
            t.clear();
        }
        pending.set_value(set_timeout_with_handle(move || run(true), std::time::Duration::from_secs(3)).ok());
    });
    on_cleanup(move || on_focus.remove());
}

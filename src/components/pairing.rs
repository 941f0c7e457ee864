//! "Pair with a device on this network", in Settings → Sync between devices: one device shows
//! a pairing code (text and QR code), the other pastes it and shows its answer, the first
//! pastes the answer; both show a confirmation code, and once the user has checked it on both,
//! they sync directly (`crate::state::pairing`).

use crate::state::pairing::{self, Pairing, Phase};
use crate::state::AppState;
use leptos::prelude::*;

/// A QR code as SVG markup (dark modules as one path), for a code of up to a few kilobytes.
fn qr_svg(text: &str) -> Option<String> {
    let qr = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Low).ok()?;
    let size = qr.size();
    let border = 4;
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{} {}h1v1h-1z", x + border, y + border));
            }
        }
    }
    let full = size + 2 * border;
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {full} {full}" shape-rendering="crispEdges"><rect width="{full}" height="{full}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    ))
}

/// Whether this browser can read a QR code from its camera: `BarcodeDetector` (Chromium on
/// Android and macOS, Safari) and a camera API. Elsewhere the codes are pasted.
fn can_scan() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &"BarcodeDetector".into()).unwrap_or(false) && w.navigator().media_devices().is_ok()
    })
}

fn js_error(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default()
}

/// The camera's stream, opened for the environment-facing camera where there is one.
async fn open_camera() -> Result<web_sys::MediaStream, String> {
    use wasm_bindgen::JsCast;
    let devices = web_sys::window()
        .and_then(|w| w.navigator().media_devices().ok())
        .ok_or("This browser has no camera access: paste the code instead.")?;
    let video = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&video, &"facingMode".into(), &"environment".into());
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_video(&video);
    let pending = devices.get_user_media_with_constraints(&constraints).map_err(|e| js_error(&e))?;
    let stream = wasm_bindgen_futures::JsFuture::from(pending).await.map_err(|e| match js_error(&e).as_str() {
        "NotAllowedError" | "SecurityError" => {
            "The camera was not allowed. Allow it in the browser, or paste the code instead.".to_string()
        }
        "NotFoundError" | "OverconstrainedError" => "No camera was found: paste the code instead.".to_string(),
        _ => "The camera could not be opened: paste the code instead.".to_string(),
    })?;
    stream.dyn_into().map_err(|_| "The camera could not be opened: paste the code instead.".to_string())
}

/// The text of the first QR code `detector` sees in `video`, if any.
async fn detect(detector: &wasm_bindgen::JsValue, video: &web_sys::HtmlVideoElement) -> Option<String> {
    let detect = js_sys::Reflect::get(detector, &"detect".into()).ok()?;
    let detect: &js_sys::Function = wasm_bindgen::JsCast::dyn_ref(&detect)?;
    let pending: js_sys::Promise = wasm_bindgen::JsCast::dyn_into(detect.call1(detector, video).ok()?).ok()?;
    let found = wasm_bindgen_futures::JsFuture::from(pending).await.ok()?;
    let first = js_sys::Array::from(&found).get(0);
    js_sys::Reflect::get(&first, &"rawValue".into()).ok()?.as_string().filter(|s| !s.trim().is_empty())
}

/// The browser's `BarcodeDetector` class, where there is one.
fn barcode_detector() -> Option<js_sys::Function> {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"BarcodeDetector".into()).ok())
        .and_then(|c| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(c).ok())
}

/// Whether `BarcodeDetector` says it reads QR codes (`getSupportedFormats`); a browser that
/// can't tell is tried.
async fn reads_qr(class: &js_sys::Function) -> bool {
    let Some(formats) = js_sys::Reflect::get(class, &"getSupportedFormats".into())
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
    else {
        return true;
    };
    let Some(pending) =
        formats.call0(class).ok().and_then(|p| wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(p).ok())
    else {
        return true;
    };
    match wasm_bindgen_futures::JsFuture::from(pending).await {
        Ok(list) => js_sys::Array::from(&list).includes(&"qr_code".into(), 0),
        Err(_) => true,
    }
}

fn stop_tracks(stream: &web_sys::MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(t) = wasm_bindgen::JsCast::dyn_into::<web_sys::MediaStreamTrack>(track) {
            t.stop();
        }
    }
}

thread_local! {
    /// The scan under way: a newer scan (or a stop) ends an older one's loop.
    static SCAN: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// The camera's stream while a scan is under way: one camera for the page, kept outside
    /// the reactive arena so it is stopped even while its view is being taken down.
    static CAMERA: std::cell::RefCell<Option<web_sys::MediaStream>> = const { std::cell::RefCell::new(None) };
}

fn scan_number() -> u64 {
    SCAN.with(std::cell::Cell::get)
}

/// Ends any scan and stops the camera.
fn stop_camera() {
    SCAN.with(|s| s.set(s.get() + 1));
    if let Some(stream) = CAMERA.with(|c| c.borrow_mut().take()) {
        stop_tracks(&stream);
    }
}

/// "Scan it with the camera", beside a field that takes a code, where the browser can read QR
/// codes: the camera's picture is shown until a code is seen, which fills `into`. The camera
/// stops when a code is read, on "Stop the camera", and when the field goes away.
#[component]
fn ScanCode(into: RwSignal<String>, what: &'static str) -> impl IntoView {
    let scanning = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let video = NodeRef::<leptos::html::Video>::new();
    on_cleanup(stop_camera);
    let stop = move |_| {
        stop_camera();
        scanning.set(false);
    };
    let start = move |_| {
        stop_camera();
        let mine = scan_number();
        problem.set(None);
        scanning.set(true);
        leptos::task::spawn_local(async move {
            let can_read = match barcode_detector() {
                Some(c) => reads_qr(&c).await,
                None => false,
            };
            if !can_read {
                if scan_number() == mine {
                    problem
                        .set(Some("This browser's barcode reader can't read QR codes: paste the code instead.".into()));
                    scanning.set(false);
                }
                return;
            }
            let opened = open_camera().await;
            if scan_number() != mine {
                if let Ok(s) = opened {
                    stop_tracks(&s);
                }
                return;
            }
            let s = match opened {
                Ok(s) => s,
                Err(e) => {
                    problem.set(Some(e));
                    scanning.set(false);
                    return;
                }
            };
            // `Clone::clone`, the handle: `MediaStream::clone` would be the DOM's clone(), a
            // second stream whose stop leaves the camera on.
            CAMERA.with(|c| *c.borrow_mut() = Some(Clone::clone(&s)));
            let detector = barcode_detector().and_then(|c| {
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&options, &"formats".into(), &js_sys::Array::of1(&"qr_code".into()));
                js_sys::Reflect::construct(&c, &js_sys::Array::of1(&options)).ok()
            });
            let (Some(v), Some(detector)) = (video.get_untracked(), detector) else {
                stop_camera();
                problem.set(Some("This browser can't read QR codes: paste the code instead.".into()));
                scanning.set(false);
                return;
            };
            v.set_src_object(Some(&s));
            let _ = v.play();
            // Four looks a second, for two minutes at most.
            let mut looks = 0;
            while scan_number() == mine {
                looks += 1;
                if looks > 480 {
                    stop_camera();
                    problem.set(Some(
                        "No code was seen for two minutes, so the camera is off. Try again, or paste the code.".into(),
                    ));
                    scanning.set(false);
                    return;
                }
                if let Some(text) = detect(&detector, &v).await {
                    if scan_number() == mine {
                        // The camera first, then the code: filling the field may redraw.
                        stop_camera();
                        scanning.set(false);
                        into.set(text.trim().to_string());
                    }
                    return;
                }
                crate::browser::sleep(250.0).await;
            }
        });
    };
    can_scan().then(|| view! {
        <div class="scan">
            <Show when=move || scanning.get() fallback=move || view! {
                <button type="button" class="secondary" on:click=start>{format!("Scan {what} with the camera")}</button>
            }>
                <button type="button" class="secondary" on:click=stop>"Stop the camera"</button>
            </Show>
            <video node_ref=video class="scan-video" hidden=move || !scanning.get() muted=true playsinline=true
                aria-label=format!("The camera's picture: hold {what} in front of it")></video>
            {move || problem.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    })
}

#[component]
fn CodeToCopy(code: String, label: &'static str, id: &'static str) -> impl IntoView {
    let svg = qr_svg(&code);
    // None: not tried yet; Some(true): copied; Some(false): no clipboard on this page.
    let copied = RwSignal::new(None::<bool>);
    let text = code.clone();
    view! {
        <div class="pair-code">
            <div class="field">
                <label for=id>{label}</label>
                <textarea id=id readonly rows="4" class="code-text">{code}</textarea>
            </div>
            <div class="actions">
                <button type="button" class="secondary" on:click=move |_| {
                    match crate::browser::clipboard() {
                        Some(clipboard) => {
                            let _ = clipboard.write_text(&text);
                            copied.set(Some(true));
                        }
                        None => copied.set(Some(false)),
                    }
                }>{move || if copied.get() == Some(true) { "Copied" } else { "Copy the code" }}</button>
                {move || (copied.get() == Some(false)).then(|| view! {
                    <p class="muted" role="status">"This page can't use the clipboard (it needs https): select the code and copy it by hand."</p>
                })}
            </div>
            {svg.map(|s| view! { <div class="qr" role="img" aria-label="The same code as a QR code, to scan with the other device" inner_html=s></div> })}
        </div>
    }
}

#[component]
pub fn PairCard() -> impl IntoView {
    let state = AppState::context();
    let p = Pairing {
        phase: RwSignal::new(Phase::Idle),
        peer: RwSignal::new(String::new()),
        problems: RwSignal::new(Vec::new()),
    };
    let pasted = RwSignal::new(String::new());
    let answer_pasted = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let pasting = RwSignal::new(false);
    on_cleanup(pairing::close);
    let start = move |_| {
        busy.set(true);
        p.problems.set(Vec::new());
        leptos::task::spawn_local(async move {
            pairing::offer(state, p).await;
            busy.set(false);
        });
    };
    let answer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let code = pasted.get_untracked();
        leptos::task::spawn_local(async move {
            pairing::answer(state, p, code).await;
            busy.set(false);
        });
    };
    let complete = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = answer_pasted.get_untracked();
        leptos::task::spawn_local(async move { pairing::complete(p, code).await });
    };
    let stop = move |_| {
        pairing::close();
        pasting.set(false);
        pasted.set(String::new());
        answer_pasted.set(String::new());
        p.problems.set(Vec::new());
        p.phase.set(Phase::Idle);
    };
    view! {
        <div role="region" aria-label="Pair with a device on this network" class="pairing">
            <h3>"Pair with a device on this network"</h3>
            <p class="muted">"Two devices on the same Wi-Fi sync directly, with no server in between: one shows a code, the other answers with one. Both must have the same sync passphrase."</p>
            {move || match p.phase.get() {
                Phase::Idle => view! {
                    <div class="actions">
                        <button type="button" on:click=start disabled=move || busy.get()>"Show a pairing code"</button>
                        <button type="button" class="secondary" on:click=move |_| pasting.set(true)>"I have a pairing code"</button>
                    </div>
                    <Show when=move || pasting.get()>
                        <form on:submit=answer novalidate aria-label="Answer a pairing code">
                            <div class="field">
                                <label for="pair-offer">"The other device's pairing code"</label>
                                <textarea id="pair-offer" rows="4" bind:value=pasted></textarea>
                            </div>
                            <ScanCode into=pasted what="its pairing code" />
                            <div class="actions"><button type="submit" disabled=move || busy.get()>"Answer it"</button></div>
                        </form>
                    </Show>
                }.into_any(),
                Phase::Offered { code } => view! {
                    <p>"On the other device, choose “I have a pairing code” and paste this code there, or scan its QR code with that device's camera. Then paste its answer here."</p>
                    <CodeToCopy code=code label="Pairing code for the other device" id="pair-offer-code" />
                    <form on:submit=complete novalidate aria-label="The other device's answer">
                        <div class="field">
                            <label for="pair-answer">"The other device's answer code"</label>
                            <textarea id="pair-answer" rows="4" bind:value=answer_pasted></textarea>
                        </div>
                        <ScanCode into=answer_pasted what="its answer code" />
                        <div class="actions">
                            <button type="submit">"Connect"</button>
                            <button type="button" class="secondary" on:click=stop>"Cancel"</button>
                        </div>
                    </form>
                }.into_any(),
                Phase::Confirm { code, confirmed, answer } => view! {
                    {answer.map(|a| view! {
                        <p>"Paste this answer on the other device (or let its camera app read the QR code):"</p>
                        <CodeToCopy code=a label="Answer code for the other device" id="pair-answer-code" />
                    })}
                    <p class="confirm-code" role="status">
                        "Confirmation code: " <strong aria-label=format!("Confirmation code {code}")>{code.clone()}</strong>
                    </p>
                    {if confirmed {
                        view! { <p class="muted">"Waiting for the other device…"</p> }.into_any()
                    } else {
                        view! {
                            <p>"Check that the other device shows the same code. If it doesn't, someone may be between the two devices: stop."</p>
                            <div class="actions">
                                <button type="button" on:click=move |_| pairing::confirm(state, p)>"The codes match: sync"</button>
                                <button type="button" class="secondary" on:click=stop>"They don't match: stop"</button>
                            </div>
                        }.into_any()
                    }}
                }.into_any(),
                Phase::Syncing => view! { <p role="status">"Connected. Syncing…"</p> }.into_any(),
                Phase::Done { summary } => view! {
                    <p role="status">{summary}</p>
                    <div class="actions"><button type="button" class="secondary" on:click=stop>"Done"</button></div>
                }.into_any(),
                Phase::Failed { reason } => view! {
                    <p class="error" role="alert">{reason}</p>
                    <div class="actions"><button type="button" class="secondary" on:click=stop>"Start again"</button></div>
                }.into_any(),
            }}
            {move || {
                let list = p.problems.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="error" role="alert" aria-label="Pairing problems">
                        {list.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
}

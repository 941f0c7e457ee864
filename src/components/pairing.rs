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

#[component]
fn CodeToCopy(code: String, label: &'static str, id: &'static str) -> impl IntoView {
    let svg = qr_svg(&code);
    let copied = RwSignal::new(false);
    let text = code.clone();
    view! {
        <div class="pair-code">
            <div class="field">
                <label for=id>{label}</label>
                <textarea id=id readonly rows="4" class="code-text">{code}</textarea>
            </div>
            <div class="actions">
                <button type="button" class="secondary" on:click=move |_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.navigator().clipboard().write_text(&text);
                        copied.set(true);
                    }
                }>{move || if copied.get() { "Copied" } else { "Copy the code" }}</button>
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
                            <div class="actions"><button type="submit" disabled=move || busy.get()>"Answer it"</button></div>
                        </form>
                    </Show>
                }.into_any(),
                Phase::Offered { code } => view! {
                    <p>"On the other device, choose “I have a pairing code” and paste this code there (a phone's camera app can read the QR code and copy its text). Then paste its answer here."</p>
                    <CodeToCopy code=code label="Pairing code for the other device" id="pair-offer-code" />
                    <form on:submit=complete novalidate aria-label="The other device's answer">
                        <div class="field">
                            <label for="pair-answer">"The other device's answer code"</label>
                            <textarea id="pair-answer" rows="4" bind:value=answer_pasted></textarea>
                        </div>
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

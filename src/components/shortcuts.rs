//! Keyboard shortcuts for frequent actions, and the help dialog that lists them (`?`).
//!
//! Single keys are ignored while focus is in a text field, with a modifier held, and when
//! turned off in Settings (WCAG 2.1.4). Two-key "go to" sequences start with `g`.

use crate::route::{self, Route};
use crate::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The shortcuts, as listed in the help dialog.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+K", "Command palette: find a person, a screen or an action (⌘K on a Mac)"),
    ("n", "Add a person"),
    ("l", "Log an interaction (on a person's page)"),
    ("/", "Search the network; ↓ moves into the results"),
    ("j k", "Next and previous item of a list"),
    ("Enter", "Open the item"),
    ("x", "Select the item (on the network list)"),
    ("g t", "Go to Today"),
    ("g n", "Go to Network"),
    ("g v", "Go to Interviews"),
    ("g o", "Go to Outreach"),
    ("g i", "Go to Insights"),
    ("g s", "Go to Settings"),
    ("y a s u", "In the review: keep, not now, skip, undo"),
    ("1–9 0", "In the review: how you know each other"),
    ("?", "Show this list"),
    ("Esc", "Close this list"),
];

pub fn in_text_field(target: Option<web_sys::EventTarget>) -> bool {
    let Some(element) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    let tag = element.tag_name().to_ascii_uppercase();
    // A checkbox, radio or button takes no typing: keys stay shortcuts there.
    let typing_input = tag == "INPUT"
        && !matches!(
            element.get_attribute("type").unwrap_or_default().to_ascii_lowercase().as_str(),
            "checkbox" | "radio" | "button" | "submit" | "reset" | "range" | "color" | "file"
        );
    typing_input || matches!(tag.as_str(), "TEXTAREA" | "SELECT") || element.is_content_editable()
}

fn focus_selector(selector: &str) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(e) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = e.focus();
    }
}

fn click_selector(selector: &str) -> bool {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten());
    match element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(e) => {
            e.click();
            true
        }
        None => false,
    }
}

/// Clicks `selector` once it is drawn on the page at `on` (a lazily loaded screen may still be
/// on its way), checking every 50 ms for up to 5 s; false when it never came or the user went
/// elsewhere meanwhile.
pub(crate) async fn click_when_drawn(on: Route, selector: &'static str) -> bool {
    for _ in 0..100 {
        if route::current() != on {
            return false;
        }
        if click_selector(selector) {
            return true;
        }
        crate::browser::sleep(50.0).await;
    }
    false
}

/// Listens for shortcuts on the window and renders the help dialog when asked.
#[component]
pub fn Shortcuts() -> impl IntoView {
    let state = AppState::context();
    let help = RwSignal::new(false);
    let pending_g = StoredValue::new(false);
    let g_at = StoredValue::new(0.0_f64);
    let returns_to = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let open_help = move || {
        let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
        returns_to.set_value(active.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()));
        help.set(true);
    };
    let close_help = move || {
        help.set(false);
        if let Some(e) = returns_to.get_value() {
            let _ = e.focus();
        }
    };
    let palette = RwSignal::new(false);
    let handle = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        // The palette: Ctrl+K (⌘K), anywhere, even in a field.
        if (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() && ev.key().eq_ignore_ascii_case("k") {
            ev.prevent_default();
            if !help.get_untracked() {
                palette.update(|p| *p = !*p);
            }
            return;
        }
        if palette.get_untracked() {
            return;
        }
        if help.get_untracked() {
            if ev.key() == "Escape" {
                ev.prevent_default();
                close_help();
            }
            return;
        }
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return;
        }
        // Not while typing, not when turned off, not while a confirmation waits for an answer.
        let confirming = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[role=alertdialog]").ok().flatten())
            .is_some();
        if in_text_field(ev.target()) || confirming || state.network.with_untracked(|n| n.settings.prefs.shortcuts_off)
        {
            pending_g.set_value(false);
            return;
        }
        let key = ev.key();
        // A "g" waits a second and a half for its second key.
        if pending_g.get_value() && js_sys::Date::now() - g_at.get_value() > 1500.0 {
            pending_g.set_value(false);
        }
        if pending_g.get_value() {
            pending_g.set_value(false);
            let to = match key.as_str() {
                "t" => Some(Route::Today),
                "n" => Some(Route::Network),
                "v" => Some(Route::Interviews),
                "o" => Some(Route::Outreach),
                "i" => Some(Route::Insights),
                "s" => Some(Route::Settings),
                _ => None,
            };
            if let Some(to) = to {
                ev.prevent_default();
                route::go(&to);
            }
            return;
        }
        match key.as_str() {
            "g" => {
                pending_g.set_value(true);
                g_at.set_value(js_sys::Date::now());
            }
            "n" => {
                ev.prevent_default();
                route::go(&Route::NewPerson);
                leptos::task::spawn_local(focus_first_field_when_drawn("main form.person-form"));
            }
            "l" => {
                ev.prevent_default();
                click_selector("[data-shortcut=log]");
                leptos::task::spawn_local(focus_first_field_when_drawn("main form.interaction-form"));
            }
            "j" | "k" => {
                ev.prevent_default();
                move_in_list(key == "j");
            }
            "x" => {
                if !toggle_current_selection() {
                    return;
                }
                ev.prevent_default();
            }
            "/" => {
                ev.prevent_default();
                if state.route.get_untracked() != Route::Network {
                    route::go(&Route::Network);
                }
                // After the list renders.
                leptos::task::spawn_local(async move {
                    crate::browser::sleep(50.0).await;
                    focus_selector("#search");
                });
            }
            "?" => {
                ev.prevent_default();
                open_help();
            }
            _ => return,
        }
    });
    on_cleanup(move || handle.remove());
    // Keep Tab inside the dialog while it is open.
    let trap = move |ev: leptos::ev::KeyboardEvent| trap_focus(&ev, "shortcut-help");
    // Focus moves into the dialog when it opens.
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close_button.get() {
            let _ = button.focus();
        }
    });
    view! {
        <crate::components::palette::Palette open=palette />
        <Show when=move || help.get()>
            <div class="overlay" on:click=move |ev| {
                // A click on the backdrop (not inside the dialog) closes it.
                if ev.target() == ev.current_target() { close_help(); }
            }>
                <div class="dialog" id="shortcut-help" role="dialog" aria-modal="true" aria-labelledby="shortcut-help-title" on:keydown=trap>
                    <h2 id="shortcut-help-title">"Keyboard shortcuts"</h2>
                    <table>
                        <thead><tr><th scope="col">"Keys"</th><th scope="col">"Action"</th></tr></thead>
                        <tbody>
                            {SHORTCUTS.iter().map(|(keys, what)| view! {
                                <tr><td>{keys.split(' ').map(|k| view! { <kbd>{k}</kbd>" " }).collect_view()}</td><td>{*what}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="muted">"Single keys do nothing while you type in a field. Turn them off in Settings → Appearance and keyboard."</p>
                    <div class="actions">
                        <button type="button" node_ref=close_button on:click=move |_| close_help()>"Close"</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}

/// Focuses the first field of the first form matching `selector` once it is drawn: a screen
/// loaded lazily (src/screens.rs) is drawn when its module has arrived. Gives up after 5 s.
pub(crate) async fn focus_first_field_when_drawn(selector: &'static str) {
    for _ in 0..100 {
        crate::browser::sleep(50.0).await;
        if focus_first_field(selector) {
            return;
        }
    }
}

/// Focuses the first field of the first form matching `selector`; false when there is none.
fn focus_first_field(selector: &str) -> bool {
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("{selector} input:not([type=hidden]), {selector} select, {selector} textarea"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match field {
        Some(f) => f.focus().is_ok(),
        None => false,
    }
}

/// The list items the keyboard moves through: items of the lists marked `data-keylist` in
/// the page's main content.
fn list_items() -> Vec<web_sys::HtmlElement> {
    let Some(list) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("main [data-keylist] > li").ok())
    else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok()).collect()
}

/// The item holding the focus, if any.
fn current_item(items: &[web_sys::HtmlElement]) -> Option<usize> {
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element())?;
    items.iter().position(|li| li.contains(Some(&active)))
}

/// `j` and `k`: focus the next or previous item's first link (Enter then opens it).
fn move_in_list(down: bool) {
    let items = list_items();
    if items.is_empty() {
        return;
    }
    let at = match current_item(&items) {
        Some(i) if down => (i + 1).min(items.len() - 1),
        Some(i) => i.saturating_sub(1),
        None => 0,
    };
    if let Some(li) = items.get(at) {
        let target = li
            .query_selector("a[href], button")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            .unwrap_or_else(|| li.clone());
        let _ = target.focus();
    }
}

/// `x`: ticks or unticks the focused item's checkbox; false when there is none.
fn toggle_current_selection() -> bool {
    let items = list_items();
    let Some(li) = current_item(&items).and_then(|i| items.get(i).cloned()) else { return false };
    let Some(checkbox) = li
        .query_selector("input[type=checkbox]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    checkbox.click();
    true
}

/// Keeps Tab and Shift+Tab inside the element with `id` (a dialog), wrapping at both ends.
pub fn trap_focus(ev: &web_sys::KeyboardEvent, id: &str) {
    if ev.key() != "Tab" {
        return;
    }
    let Some(dialog) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let Ok(list) =
        dialog.query_selector_all("button, a[href], input, select, textarea, [tabindex]:not([tabindex='-1'])")
    else {
        return;
    };
    let (Some(first), Some(last)) = (list.item(0), list.item(list.length().saturating_sub(1))) else { return };
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let at = |node: &web_sys::Node| active.as_ref().is_some_and(|a| a.is_same_node(Some(node)));
    if ev.shift_key() && at(&first) {
        ev.prevent_default();
        if let Ok(e) = last.dyn_into::<web_sys::HtmlElement>() {
            let _ = e.focus();
        }
    } else if !ev.shift_key() && at(&last) {
        ev.prevent_default();
        if let Ok(e) = first.dyn_into::<web_sys::HtmlElement>() {
            let _ = e.focus();
        }
    }
}

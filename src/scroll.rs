//! Scroll on navigation: a new screen starts at the top, and Back and Forward return to
//! where the user was on that screen. Each history entry is tagged with a number in
//! `history.state` (hash links create entries without one), and the scroll position is
//! remembered per entry for the page's life.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

const KEY: &str = "rapportEntry";

thread_local! {
    static POSITIONS: RefCell<HashMap<u32, f64>> = RefCell::new(HashMap::new());
    static CURRENT: Cell<u32> = const { Cell::new(0) };
}

fn entry_of(state: &JsValue) -> Option<u32> {
    js_sys::Reflect::get(state, &JsValue::from_str(KEY)).ok()?.as_f64().map(|n| n as u32)
}

fn tag(history: &web_sys::History, entry: u32) {
    let state = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&state, &JsValue::from_str(KEY), &JsValue::from(entry));
    let _ = history.replace_state(&state, "");
}

/// Takes over scroll restoration from the browser and tags the entry the page opened on.
pub fn init() {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    let entry = history.state().ok().as_ref().and_then(entry_of).unwrap_or(1);
    tag(&history, entry);
    CURRENT.with(|c| c.set(entry));
}

/// Called when the hash changes, before the new screen renders: remembers where the user
/// was, and after the new screen has rendered scrolls to the top (a new entry) or to where
/// the user was on it (Back or Forward).
pub fn on_navigate() {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let here = window.scroll_y().unwrap_or(0.0);
    let previous = CURRENT.with(Cell::get);
    POSITIONS.with(|p| p.borrow_mut().insert(previous, here));
    let (entry, target) = match history.state().ok().as_ref().and_then(entry_of) {
        Some(entry) => (entry, POSITIONS.with(|p| p.borrow().get(&entry).copied()).unwrap_or(0.0)),
        None => {
            let entry = previous + 1;
            tag(&history, entry);
            // A new entry replaces whatever was forward of the previous one.
            POSITIONS.with(|p| p.borrow_mut().retain(|e, _| *e < entry));
            (entry, 0.0)
        }
    };
    CURRENT.with(|c| c.set(entry));
    // After the new screen has rendered: and since lists draw in effects, for a few frames
    // more until the page is tall enough to get there (at most about half a second).
    leptos::prelude::set_timeout(
        move || {
            restore(target, 30);
            keep_focus_in_page();
        },
        std::time::Duration::from_millis(0),
    );
}

/// A screen that navigates on its own (Save on a form, Delete, a step that opens another
/// screen) removes the focused button with the old screen, and focus fell back to the page's
/// start: the next Tab went through the skip link and the tabs again. Focus then moves to the
/// new screen's main region, as the skip link does. A link or tab that keeps its focus is
/// left alone.
fn keep_focus_in_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let lost = match document.active_element() {
        None => true,
        Some(active) => active.tag_name().eq_ignore_ascii_case("body"),
    };
    if !lost {
        return;
    }
    if let Some(main) = document.get_element_by_id("main").and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = main.focus_with_options(&options);
    }
}

/// Scrolls to `target`, trying again on the next frame while the page is too short for it.
fn restore(target: f64, frames_left: u32) {
    let Some(w) = web_sys::window() else { return };
    w.scroll_to_with_x_and_y(0.0, target);
    let there = (w.scroll_y().unwrap_or(0.0) - target).abs() <= 1.0;
    if there || frames_left == 0 {
        return;
    }
    let again = wasm_bindgen::closure::Closure::once_into_js(move || restore(target, frames_left - 1));
    let _ = w.request_animation_frame(again.unchecked_ref());
}

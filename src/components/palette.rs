//! The command palette (Ctrl/Cmd-K): find a person, open a screen or start an action, all
//! from the keyboard. An ARIA combobox over a listbox: the input keeps focus, ↑ and ↓ move
//! the active option (announced through `aria-activedescendant`), Enter runs it, Escape
//! closes and gives focus back.

use crate::components::shortcuts;
use crate::route::{self, Route};
use crate::state::AppState;
use leptos::prelude::*;
use rapport_core::drafter::TemplateKind;
use rapport_core::palette::{search, Command, Hit, PaletteIndex};
use wasm_bindgen::JsCast;

/// How many results are listed.
const SHOWN: usize = 12;

fn route_of(command: Command) -> Option<Route> {
    Some(match command {
        Command::Screen(key) => match key {
            "today" => Route::Today,
            "network" => Route::Network,
            "review" => Route::Review,
            "interviews" => Route::Interviews,
            "outreach" => Route::Outreach,
            "insights" => Route::Insights,
            "settings" => Route::Settings,
            "import_export" => Route::ImportExport,
            "duplicates" => Route::Duplicates,
            "glossary" => Route::Glossary,
            "new_person" => Route::NewPerson,
            _ => return None,
        },
        Command::OpenPerson(id) | Command::LogWith(id) | Command::PlanInterview(id) => Route::Person(id),
        Command::ThankYou(id) => Route::Compose(id, TemplateKind::ThankYou),
        Command::WriteTo(id) => Route::OutreachTo(id),
    })
}

/// Runs a command: goes to its screen, and for "log" and "plan" presses the button there.
fn run(command: Command) {
    let Some(to) = route_of(command) else { return };
    route::go(&to);
    let (press, log) = match command {
        Command::LogWith(_) => ("[data-shortcut=log]", true),
        Command::PlanInterview(_) => ("[data-shortcut=plan]", false),
        _ => return,
    };
    // The person's page is lazily loaded: its button is waited for, not a fixed time (it
    // says "Opening…" until its module arrives).
    leptos::task::spawn_local(async move {
        if shortcuts::click_when_drawn(to, press).await && log {
            // The form that opened takes the cursor, as with the single keys.
            shortcuts::focus_first_field_when_drawn("main form.interaction-form").await;
        }
    });
}

#[component]
pub fn Palette(open: RwSignal<bool>) -> impl IntoView {
    let state = AppState::context();
    // Built when the palette opens (and again if the network changes while it is open).
    let index =
        Memo::new(move |_| if open.get() { state.network.with(PaletteIndex::build) } else { PaletteIndex::default() });
    let typed = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let hits = Memo::new(move |_| {
        let started = crate::browser::performance_now();
        let hits = index.with(|i| search(i, &typed.get(), SHOWN));
        crate::browser::measure("rapport-palette", started);
        hits
    });
    let input = NodeRef::<leptos::html::Input>::new();
    let returns_to = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        if open.get() {
            let active_element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            returns_to.set_value(active_element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()));
            typed.set(String::new());
            active.set(0);
        }
    });
    Effect::new(move |_| {
        if let Some(i) = input.get() {
            let _ = i.focus();
        }
    });
    let close = move || {
        open.set(false);
        if let Some(e) = returns_to.get_value() {
            let _ = e.focus();
        }
    };
    let choose = move |hit: Hit| {
        open.set(false);
        run(hit.command);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = hits.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if count > 0 {
                    active.update(|a| *a = (*a + 1) % count);
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                if count > 0 {
                    active.update(|a| *a = (*a + count - 1) % count);
                }
            }
            "Enter" => {
                ev.prevent_default();
                if let Some(hit) = hits.with(|h| h.get(active.get_untracked()).cloned()) {
                    choose(hit);
                }
            }
            "Escape" => {
                ev.prevent_default();
                close();
            }
            "Tab" => ev.prevent_default(),
            _ => {}
        }
    };
    view! {
        <Show when=move || open.get()>
            <div class="overlay" on:click=move |ev| if ev.target() == ev.current_target() { close() }>
                <div class="dialog palette" role="dialog" aria-modal="true" aria-label="Command palette">
                    <label for="palette-input" class="visually-hidden">"Find a person, a screen or an action"</label>
                    <input id="palette-input" node_ref=input type="text" role="combobox" autocomplete="off"
                        aria-expanded="true" aria-controls="palette-list" aria-autocomplete="list"
                        aria-activedescendant=move || hits.with(|h| if h.is_empty() { String::new() } else { format!("palette-{}", active.get()) })
                        placeholder="A name, a screen, or “log Ada”, “thank”, “plan”…"
                        prop:value=move || typed.get()
                        on:input=move |ev| { typed.set(event_target_value(&ev)); active.set(0); }
                        on:keydown=on_key />
                    <ul id="palette-list" role="listbox" aria-label="Results">
                        {move || hits.get().into_iter().enumerate().map(|(n, hit)| {
                            let chosen = hit.clone();
                            view! {
                                <li id=format!("palette-{n}") role="option" aria-selected=move || (active.get() == n).to_string()
                                    class:active=move || active.get() == n
                                    on:mousedown=move |ev| { ev.prevent_default(); choose(chosen.clone()); }>
                                    {hit.label.clone()}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {move || hits.with(Vec::is_empty).then(|| view! { <p class="muted" role="status">"Nothing matches."</p> })}
                    <p class="muted hint">"↑ ↓ to choose, Enter to go, Esc to close."</p>
                </div>
            </div>
        </Show>
    }
}

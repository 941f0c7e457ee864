//! The navigation shell: one link per screen, marked current. On a phone (below 600 px) the
//! tabs become a bar at the bottom, within thumb's reach: Today, Network, Interviews,
//! Outreach and "More", which holds Insights, Settings, Import & export, the glossary and
//! the command palette. The header keeps one row.

use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;

/// The tabs; `true` for those that move into "More" on a phone.
const TABS: &[(Route, &str, bool)] = &[
    (Route::Today, "Today", false),
    (Route::Network, "Network", false),
    (Route::Interviews, "Interviews", false),
    (Route::Outreach, "Outreach", false),
    (Route::Insights, "Insights", true),
    (Route::Settings, "Settings", true),
];

#[component]
pub fn Nav() -> impl IntoView {
    let state = AppState::context();
    let more = RwSignal::new(false);
    // Any navigation closes "More".
    Effect::new(move |_| {
        state.route.track();
        more.set(false);
    });
    let links = TABS
        .iter()
        .map(|(route, label, extra)| {
            let here = route.clone();
            let current = move || state.route.with(|r| r.section().as_ref() == Some(&here)).then_some("page");
            view! { <li class:extra=*extra><a href=route.href() aria-current=current>{*label}</a></li> }
        })
        .collect_view();
    let in_more = move || state.route.with(|r| matches!(r.section(), Some(Route::Insights | Route::Settings)));
    let open_palette = move |_| {
        more.set(false);
        // The palette listens for Ctrl+K on the window.
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("k");
        init.set_ctrl_key(true);
        init.set_bubbles(true);
        init.set_cancelable(true);
        if let Ok(ev) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
            if let Some(w) = web_sys::window() {
                let _ = w.dispatch_event(&ev);
            }
        }
    };
    view! {
        <header class="top">
            <a class="brand" href="#/today">"Rapport"</a>
            <nav aria-label="Main">
                <ul>
                    {links}
                    <li class="more-tab">
                        <button type="button" class="tab" aria-expanded=move || more.get().to_string() aria-controls="more-menu"
                            class:current=in_more on:click=move |_| more.update(|m| *m = !*m)>"More"</button>
                    </li>
                </ul>
            </nav>
            <Show when=move || more.get()>
                <div class="more-menu" id="more-menu" role="region" aria-label="More">
                    <ul>
                        <li><a href=Route::Insights.href()>"Insights"</a></li>
                        <li><a href=Route::Settings.href()>"Settings"</a></li>
                        <li><a href=Route::ImportExport.href()>"Import & export"</a></li>
                        <li><a href=Route::Review.href()>"Review imported people"</a></li>
                        <li><a href=Route::Glossary.href()>"Glossary"</a></li>
                        <li><button type="button" class="link" on:click=open_palette>"Search everything…"</button></li>
                    </ul>
                </div>
            </Show>
            <crate::components::lock::LockButton />
        </header>
    }
}

//! The navigation shell: one link per screen, marked current.

use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;

const TABS: &[(Route, &str)] = &[
    (Route::Today, "Today"),
    (Route::Network, "Network"),
    (Route::Interviews, "Interviews"),
    (Route::Outreach, "Outreach"),
    (Route::Insights, "Insights"),
    (Route::Settings, "Settings"),
];

#[component]
pub fn Nav() -> impl IntoView {
    let state = AppState::context();
    let links = TABS
        .iter()
        .map(|(route, label)| {
            let here = route.clone();
            let current = move || state.route.with(|r| r.section().as_ref() == Some(&here)).then_some("page");
            view! { <li><a href=route.href() aria-current=current>{*label}</a></li> }
        })
        .collect_view();
    view! {
        <header class="top">
            <a class="brand" href="#/today">"Rapport"</a>
            <nav aria-label="Main">
                <ul>{links}</ul>
            </nav>
            <crate::components::lock::LockButton />
        </header>
    }
}

//! The planner's agenda items and upcoming meetings, shared by Today and Interviews.

use crate::browser;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;
use rapport_core::agenda::overdue_text;
use rapport_core::planner::{planner_due, upcoming_meetings};

#[component]
pub fn PlannerDue() -> impl IntoView {
    let state = AppState::context();
    let today = browser::today();
    let items = Memo::new(move |_| state.network.with(|n| planner_due(n, today + chrono::Duration::days(7))));
    move || {
        let list = items.get();
        if list.is_empty() {
            return view! { <p class="muted">"Nothing due from your interviews this week."</p> }.into_any();
        }
        view! {
            <ul class="cards" aria-label="Interview follow-ups">
                {list.into_iter().map(|d| {
                    let overdue = (today - d.due).num_days();
                    view! {
                        <li class="card row" class:overdue={overdue > 0}>
                            <div class="row-main">
                                <a class="name" href=Route::Interview(d.interview).href()>{d.title.clone()}</a>
                                <p class="muted">{d.reason.render(crate::browser::local_date)}</p>
                            </div>
                            <span class="badge" class:danger={overdue > 0}>{overdue_text(overdue)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

#[component]
pub fn UpcomingMeetings() -> impl IntoView {
    let state = AppState::context();
    let now = browser::now();
    let meetings = Memo::new(move |_| {
        state.network.with(|n| {
            upcoming_meetings(n, now)
                .into_iter()
                .map(|iv| {
                    let who = n.person(&iv.person).map(|p| p.name.clone()).unwrap_or_default();
                    let when = iv
                        .meeting
                        .as_ref()
                        .map(|m| browser::format_in_zone(m.start, &browser::local_zone()))
                        .unwrap_or_default();
                    (iv.id, who, when)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = meetings.get();
        if list.is_empty() {
            return view! { <p class="muted">"No meetings scheduled."</p> }.into_any();
        }
        view! {
            <ul class="cards" aria-label="Upcoming meetings">
                {list.into_iter().map(|(id, who, when)| view! {
                    <li class="card row">
                        <div class="row-main">
                            <a class="name" href=Route::Interview(id).href()>{format!("Informational interview with {who}")}</a>
                            <p class="muted">{when}</p>
                        </div>
                        <a class="button secondary" href=Route::Prep(id).href()>"Prep sheet"</a>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

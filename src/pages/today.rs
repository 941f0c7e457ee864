//! Today, the home screen: one agenda of what is due. This issue brings the keep-in-touch
//! people who are due; later work adds its own items here.

use crate::browser;
use crate::components::due::{PlannerDue, UpcomingMeetings};
use crate::components::interaction_form::QuickLog;
use crate::components::suggestions::SuggestionList;
use crate::route::Route;
use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::agenda::{ago, keep_in_touch, overdue_text};
use rapport_core::insights::insights;
use rapport_core::Id;

#[component]
pub fn Today() -> impl IntoView {
    browser::set_title("Today");
    let state = AppState::context();
    let today = browser::today();
    let due = Memo::new(move |_| state.network.with(|n| keep_in_touch(n, today)));
    // The most overdue first, a bounded number at a time: a large network can have a
    // thousand people due, and each row carries a quick-log form.
    let limit = RwSignal::new(FIRST_DUE);
    let shown = Memo::new(move |_| {
        let n = limit.get();
        due.with(|d| d.iter().take(n).cloned().collect::<Vec<_>>())
    });
    let empty_network = Memo::new(move |_| state.network.with(|n| n.live_count() == 0));
    let logging = RwSignal::new(None::<Id>);
    let suggestions = Memo::new(move |_| state.network.with(|n| insights(n, today).suggestions));
    view! {
        <section class="page">
            <h1>"Today"</h1>
            <p class="muted">{browser::local_date(today)}</p>
            <BackupReminder />
            <Show
                when=move || !empty_network.get()
                fallback=|| view! { <crate::pages::network::EmptyNetwork /> }
            >
                <h2>"Interviews"</h2>
                <PlannerDue />
                <UpcomingMeetings />
                <h2>"Open drafts"</h2>
                <crate::pages::outreach::OpenDrafts />
                <h2>"This week"</h2>
                {move || view! { <SuggestionList suggestions=suggestions.get() /> }}
                <h2>"Keep in touch"</h2>
                <Show
                    when=move || !due.with(Vec::is_empty)
                    fallback=|| view! {
                        <div class="card empty">
                            <p>"Nothing is due. Relationships are maintained continuously, not only when you need something: give the people you want to stay close to a keep-in-touch cadence, and they appear here when it is time."</p>
                            <a class="button secondary" href=Route::Network.href()>"Open your network"</a>
                        </div>
                    }
                >
                    <p class="muted">
                        {move || match due.with(Vec::len) {
                            1 => "1 person is due within a week.".to_string(),
                            n => format!("{n} people are due within a week, the most overdue first."),
                        }}
                    </p>
                    <ul class="cards" aria-label="Keep in touch">
                        <For each=move || shown.get() key=|d| d.clone() let:item>
                            {
                                let last = match item.last {
                                    Some(d) => format!("last genuine contact {}", ago(d, today)),
                                    None => "no genuine contact yet".to_string(),
                                };
                                view! {
                                    <li class="card row" class:overdue={item.overdue_days > 0}>
                                        <div class="row-main">
                                            <a class="name" href=Route::Person(item.person).href()>{item.name.clone()}</a>
                                            <p class="muted">{format!("Every {} days · {}", item.cadence_days, last)}</p>
                                        </div>
                                        <span class="badge" class:danger={item.overdue_days > 0}>{overdue_text(item.overdue_days)}</span>
                                        <QuickLog person=item.person open_for=logging label="Log interaction"
                                            aria_label=format!("Log interaction with {}", item.name) />
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                    <crate::pages::network::MoreRows limit=limit total=Signal::derive(move || due.with(Vec::len)) />
                </Show>
            </Show>
        </section>
    }
}

/// How many people due are listed at first.
const FIRST_DUE: usize = 20;

/// A gentle reminder to download a backup when the last one is older than the setting.
#[component]
fn BackupReminder() -> impl IntoView {
    let state = AppState::context();
    let now = browser::now();
    let due = Memo::new(move |_| state.network.with(|n| n.settings.prefs.backup_due(n.live_count() > 0, now)));
    let problem = RwSignal::new(None::<String>);
    let last = move || {
        state.network.with(|n| match n.settings.prefs.last_backup {
            Some(at) => format!("Your last backup was on {}.", browser::local_date(at.date_naive())),
            None => "You haven't downloaded a backup yet.".to_string(),
        })
    };
    view! {
        <Show when=move || due.get()>
            <div class="banner info" role="region" aria-label="Backup reminder">
                <p>{last}" Your data lives only in this browser: a backup file keeps it safe if the browser clears site data."</p>
                <div class="actions">
                    <button type="button" class="secondary" on:click=move |_| problem.set(actions::download_backup(state).err())>"Download a backup"</button>
                    <a class="button secondary" href=Route::Settings.href()>"Change the reminder"</a>
                </div>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            </div>
        </Show>
    }
}

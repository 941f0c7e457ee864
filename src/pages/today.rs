//! Today, the home screen: one list ranked by what matters most today (core's
//! `today::today_list`), seven items first and the rest on request. Each item says why it
//! is there and offers its action, "Done" and "Snooze".

use crate::browser;
use crate::components::interaction_form::InteractionForm;
use crate::route::Route;
use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::insights::suggestions_from;
use rapport_core::today::{done_until, snooze_until, today_list, Action, Item, FIRST_ITEMS, SNOOZE_DAYS};
use rapport_core::InteractionInput;

#[component]
pub fn Today() -> impl IntoView {
    browser::set_title("Today");
    let state = AppState::context();
    let today = browser::today();
    let now = browser::now();
    let items = Memo::new(move |_| {
        let metrics = state.metrics.get();
        state.network.with(|n| {
            let suggestions = suggestions_from(n, &metrics.as_of(n, today).by_person, today);
            today_list(n, today, now, &suggestions, &n.settings.prefs.today_hidden)
        })
    });
    let limit = RwSignal::new(FIRST_ITEMS);
    let shown = Memo::new(move |_| items.with(|all| all.iter().take(limit.get()).cloned().collect::<Vec<_>>()));
    let empty_network = Memo::new(move |_| state.network.with(|n| n.live_count() == 0));
    let first_run = Memo::new(move |_| state.network.with(|n| n.live_count() == 0 && !n.settings.prefs.welcomed));
    // The last item hidden, so it can be brought back.
    let hidden_last = RwSignal::new(None::<(String, String)>);
    let problem = RwSignal::new(None::<String>);
    let hide = move |item: &Item, snooze: bool| {
        let until = if snooze {
            snooze_until(today)
        } else {
            state.network.with_untracked(|n| done_until(n, &item.key, today))
        };
        match actions::hide_today_item(state, &item.key, until, today) {
            Ok(()) => {
                let said = if snooze {
                    format!("Snoozed for {SNOOZE_DAYS} days: {}.", item.title)
                } else {
                    format!("Done: {}.", item.title)
                };
                hidden_last.set(Some((item.key.clone(), said)));
                problem.set(None);
                // Focus stays in the list's neighbourhood: on the way back.
                set_timeout(
                    || {
                        use wasm_bindgen::JsCast;
                        let undo = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| d.query_selector(".today-status button").ok().flatten())
                            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                        if let Some(b) = undo {
                            let _ = b.focus();
                        }
                    },
                    std::time::Duration::from_millis(0),
                );
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let bring_back = move |_| {
        if let Some((key, _)) = hidden_last.get_untracked() {
            match actions::unhide_today_item(state, &key) {
                Ok(()) => hidden_last.set(None),
                Err(e) => problem.set(Some(e.to_string())),
            }
        }
    };
    view! {
        <section class="page">
            <h1>"Today"</h1>
            <p class="muted">{browser::local_date(today)}</p>
            <Show
                when=move || !empty_network.get()
                fallback=move || if first_run.get() {
                    view! { <crate::components::welcome::Welcome /> }.into_any()
                } else {
                    view! { <crate::pages::network::EmptyNetwork /> }.into_any()
                }
            >
                <div role="status" class="today-status">
                    {move || hidden_last.get().map(|(_, said)| view! {
                        <p>{said}" "<button type="button" class="link" on:click=bring_back>"Undo"</button></p>
                    })}
                </div>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                <Show
                    when=move || !items.with(Vec::is_empty)
                    fallback=|| view! {
                        <div class="card empty">
                            <p>"Nothing needs you today. Relationships are maintained continuously, not only when you need something: give the people you want to stay close to a keep-in-touch cadence, and they appear here when it is time."</p>
                            <a class="button secondary" href=Route::Network.href()>"Open your network"</a>
                        </div>
                    }
                >
                    <p class="muted">
                        {move || match items.with(Vec::len) {
                            1 => "1 thing to do, with the reason for it.".to_string(),
                            n => format!("{n} things to do, the most important first."),
                        }}
                    </p>
                    <ol class="cards today-list" aria-label="To do today" data-keylist="">
                        <For each=move || shown.get() key=|item| item.key.clone() let:item>
                            <TodayRow item=item hide=hide />
                        </For>
                    </ol>
                    {move || {
                        let total = items.with(Vec::len);
                        let drawn = shown.with(Vec::len);
                        (total > drawn).then(|| view! {
                            <button type="button" class="secondary" on:click=move |_| limit.set(total)>
                                {format!("Show {} more", total - drawn)}
                            </button>
                        })
                    }}
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn TodayRow(item: Item, hide: impl Fn(&Item, bool) + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = AppState::context();
    let logging = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let title = match item.person {
        Some(p) => view! { <a class="name" href=Route::Person(p).href()>{item.title.clone()}</a> }.into_any(),
        None => view! { <span class="name">{item.title.clone()}</span> }.into_any(),
    };
    let label = item.action.label();
    let action = match item.action.clone() {
        Action::LogInteraction { .. } => view! {
            <button type="button" aria-label=format!("{label}: {}", item.title) on:click=move |_| logging.set(true)>{label}</button>
        }
        .into_any(),
        Action::OpenInterview(id) => view! { <a class="button" href=Route::Interview(id).href()>{label}</a> }.into_any(),
        Action::OpenPrep(id) => view! { <a class="button" href=Route::Prep(id).href()>{label}</a> }.into_any(),
        Action::ContinueDraft { person, kind } => {
            view! { <a class="button" href=Route::Compose(person, kind).href()>{label}</a> }.into_any()
        }
        Action::Review => view! { <a class="button" href=Route::Review.href()>{label}</a> }.into_any(),
        Action::Backup => view! {
            <button type="button" on:click=move |_| problem.set(actions::download_backup(state).err())>{label}</button>
        }
        .into_any(),
    };
    let form = match item.action.clone() {
        Action::LogInteraction { person, purpose, topic } => {
            let mut start = InteractionInput::new_for(browser::today());
            start.purpose = purpose.key().to_string();
            start.topic = topic.to_string();
            Some(view! {
                <Show when=move || logging.get()>
                    <InteractionForm person=person start=start.clone() done=move |_| logging.set(false) />
                </Show>
            })
        }
        _ => None,
    };
    let for_done = item.clone();
    let for_snooze = item.clone();
    view! {
        <li class="card today-item" class:overdue=item.overdue>
            <div class="row">
                <div class="row-main">
                    {title}
                    <p class="muted">{item.reason.render(crate::browser::local_date)}</p>
                </div>
                {item.when.clone().map(|w| view! { <span class="badge" class:danger=item.overdue>{w}</span> })}
            </div>
            <div class="actions">
                {action}
                <button type="button" class="secondary" aria-label=format!("Done: {}", item.title)
                    on:click=move |_| hide(&for_done, false)>"Done"</button>
                <button type="button" class="secondary" aria-label=format!("Snooze {SNOOZE_DAYS} days: {}", item.title)
                    on:click=move |_| hide(&for_snooze, true)>{format!("Snooze {SNOOZE_DAYS} days")}</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {form}
        </li>
    }
}

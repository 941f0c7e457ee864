//! "Who do you actually know?": the review after an import, one person at a time, the
//! likely warm ties first. Keep (with how we know each other, a keep-in-touch cadence and
//! "knows my work"), not now (archived, reversible) or skip; undo the last choice. The
//! queue's order is computed once when the screen opens; each step writes one person.

use crate::browser;
use crate::components::shortcuts::in_text_field;
use crate::route::Route;
use crate::state::review::{self, Chosen};
use crate::state::AppState;
use leptos::prelude::*;
use rapport_core::review::{progress, queue, waiting, Decision, Keep, QueueItem};
use rapport_core::{Origin, Person};

/// Keep-in-touch cadences offered when keeping someone.
const CADENCES: &[(u16, &str)] = &[
    (30, "Every month"),
    (60, "Every 2 months"),
    (90, "Every 3 months"),
    (180, "Every 6 months"),
    (365, "Once a year"),
];

/// How many choices U can undo, latest first.
const UNDO_DEPTH: usize = 50;

#[component]
pub fn ReviewPage() -> impl IntoView {
    browser::set_title("Who do you actually know?");
    let state = AppState::context();
    let today = browser::today();
    let order = StoredValue::new(state.network.with_untracked(|n| queue(n, today)));
    let position = RwSignal::new(0usize);
    // The first person from `position` on who still waits (another tab may have decided).
    let current = Memo::new(move |_| {
        let from = position.get();
        state.network.with(|n| {
            order.with_value(|o| {
                o.iter().enumerate().skip(from).find_map(|(i, item)| {
                    n.person(&item.person).filter(|p| waiting(p)).map(|p| (i, item.clone(), p.clone()))
                })
            })
        })
    });
    let counts = Memo::new(move |_| state.network.with(progress));
    // The choices made, latest last: U undoes them one after another (it undid only the
    // latest, and further presses did nothing: issue 19's hostile test).
    let last = RwSignal::new(Vec::<(usize, Chosen)>::new());
    let problem = RwSignal::new(None::<String>);
    let said = RwSignal::new(String::new());
    // The keep form, reset for each person.
    let origin = RwSignal::new(String::new());
    let cadence = RwSignal::new(String::new());
    let knows = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some((_, _, p)) = current.get() {
            origin.set(p.origin.map(|o| o.key().to_string()).unwrap_or_default());
            cadence.set(p.cadence_days.map(|d| d.to_string()).unwrap_or_default());
            knows.set(p.knows_my_work);
        }
    });
    let decide = move |decision: Decision| {
        let Some((index, _, person)) = current.get_untracked() else { return };
        match review::choose(state, &person.id, &decision) {
            Ok(chosen) => {
                problem.set(None);
                said.set(match decision {
                    Decision::Keep(_) => format!("Kept {}.", person.name),
                    Decision::NotNow => format!("{} is archived for now.", person.name),
                    Decision::Skip => format!("Skipped {}.", person.name),
                });
                last.update(|l| {
                    l.push((index, chosen));
                    if l.len() > UNDO_DEPTH {
                        l.remove(0);
                    }
                });
                position.set(index + 1);
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let keep = move || {
        let days = cadence.get_untracked().parse::<u16>().ok();
        decide(Decision::Keep(Keep {
            origin: Origin::from_key(&origin.get_untracked()),
            cadence_days: days,
            knows_my_work: knows.get_untracked(),
        }))
    };
    let undo = move || {
        let Some((index, chosen)) = last.with_untracked(|l| l.last().cloned()) else {
            said.set("Nothing more to undo.".into());
            return;
        };
        match review::undo(state, &chosen) {
            Ok(()) => {
                said.set(format!("Undone: {} is back in the queue.", chosen.before.name));
                problem.set(None);
                position.set(index);
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
        last.update(|l| {
            l.pop();
        });
    };
    let again = move |_| {
        order.set_value(state.network.with_untracked(|n| queue(n, today)));
        position.set(0);
        last.update(Vec::clear);
    };
    let keys_on = move || !state.network.with(|n| n.settings.prefs.shortcuts_off);
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() || in_text_field(ev.target()) {
            return;
        }
        if state.network.with_untracked(|n| n.settings.prefs.shortcuts_off) {
            return;
        }
        let key = ev.key();
        let digit = key.parse::<usize>().ok().filter(|_| key.len() == 1);
        let handled = match (key.as_str(), digit) {
            ("u", _) => {
                undo();
                true
            }
            _ if current.get_untracked().is_none() => false,
            ("y", _) => {
                keep();
                true
            }
            ("a", _) => {
                decide(Decision::NotNow);
                true
            }
            ("s", _) => {
                decide(Decision::Skip);
                true
            }
            (_, Some(d)) => {
                // 1–9 and 0: how we know each other, in the order of the list.
                let at = if d == 0 { 9 } else { d - 1 };
                if let Some(o) = Origin::ALL.get(at) {
                    origin.set(o.key().to_string());
                }
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <section class="page review">
            <h1>"Who do you actually know?"</h1>
            <div class="review-progress">
                <p>
                    {move || {
                        let c = counts.get();
                        format!("Kept {} you really know. Your goal: {} genuine relationships.", c.kept, c.goal)
                    }}
                </p>
                <progress max=move || counts.get().goal.max(1) value=move || counts.get().kept.min(usize::from(counts.get().goal.max(1)))
                    aria-label="Kept, toward your goal"></progress>
                <p class="muted">
                    {move || {
                        let c = counts.get();
                        format!("{} archived for now · {} left to review", c.not_now, c.left)
                    }}
                </p>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{move || said.get()}</p>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {move || match current.get() {
                Some((_, item, person)) => view! { <ReviewCard item=item person=person /> }.into_any(),
                None => {
                    let c = counts.get_untracked();
                    view! {
                        <div class="card empty review-done" role="region" aria-label="Review summary">
                            <h2>"Review done"</h2>
                            <p>{format!("You kept {}, put {} aside for now, and left {} for later.",
                                people(c.kept), people(c.not_now), people(c.left))}
                                {(c.archived_elsewhere > 0).then(|| format!(" {} archived from the network list {} not in the review.", people(c.archived_elsewhere), if c.archived_elsewhere == 1 { "is" } else { "are" }))}</p>
                            <p class="muted">"The people you kept are in your network's “People you know” view. With a keep-in-touch cadence they come up on Today when it is time, and as you get in touch they become relationships in Insights."</p>
                            <div class="actions">
                                <a class="button" href=Route::Today.href()>"Go to Today"</a>
                                <a class="button secondary" href=Route::Network.href()>"Open your network"</a>
                                {(c.skipped > 0).then(|| view! {
                                    <button type="button" class="secondary" on:click=again>{format!("Review the {} skipped", c.skipped)}</button>
                                })}
                            </div>
                        </div>
                    }
                    .into_any()
                }
            }}
            <Show when=move || current.with(Option::is_some)>
                <fieldset class="card review-keep">
                    <legend>"If you keep them"</legend>
                    <div class="field">
                        <label for="review-origin">"How do you know each other?"</label>
                        <select id="review-origin" prop:value=move || origin.get() on:change=move |ev| { origin.set(event_target_value(&ev)); leave_field(&ev); }>
                            <option value="">"Leave as it is"</option>
                            {Origin::ALL.iter().enumerate().map(|(i, o)| {
                                let key = (i + 1) % 10;
                                view! { <option value=o.key()>{format!("{} ({key})", o.label())}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="review-cadence">"Keep in touch"</label>
                        <select id="review-cadence" prop:value=move || cadence.get() on:change=move |ev| { cadence.set(event_target_value(&ev)); leave_field(&ev); }>
                            <option value="">"No reminder"</option>
                            {CADENCES.iter().map(|(d, label)| view! { <option value=d.to_string()>{*label}</option> }).collect_view()}
                        </select>
                    </div>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || knows.get() on:change=move |ev| knows.set(event_target_checked(&ev)) />
                        " They know my work"
                    </label>
                </fieldset>
                <div class="actions review-actions" role="group" aria-label="Your choice">
                    <button type="button" aria-keyshortcuts="y" on:click=move |_| keep()>"Keep" {move || keys_on().then(|| view! { <kbd>"Y"</kbd> })}</button>
                    <button type="button" class="secondary" aria-keyshortcuts="a" on:click=move |_| decide(Decision::NotNow)>"Not now" {move || keys_on().then(|| view! { <kbd>"A"</kbd> })}</button>
                    <button type="button" class="secondary" aria-keyshortcuts="s" on:click=move |_| decide(Decision::Skip)>"Skip" {move || keys_on().then(|| view! { <kbd>"S"</kbd> })}</button>
                    <button type="button" class="secondary" aria-keyshortcuts="u" disabled=move || last.with(Vec::is_empty) on:click=move |_| undo()>"Undo" {move || keys_on().then(|| view! { <kbd>"U"</kbd> })}</button>
                </div>
                <Show when=move || !state.network.with(|n| n.settings.prefs.shortcuts_off)>
                    <p class="muted hint">"Keys: Y keep, A not now, S skip, U undo the last choice (again for the one before), 1–9 and 0 choose how you know each other."</p>
                </Show>
            </Show>
            <p class="muted">"Imported connections are not relationships yet: keep the people you really know, and put the rest aside for now. Nothing is deleted; “Not now” archives, and you can bring anyone back from the network list."</p>
        </section>
    }
}

/// After a choice in a drop-down, focus leaves it, so Y, A, S and U work again at once.
fn leave_field(ev: &leptos::ev::Event) {
    use wasm_bindgen::JsCast;
    if let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = select.blur();
    }
}

fn people(n: usize) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}

/// The person being reviewed: who they are, what Rapport knows, and why they are here.
#[component]
fn ReviewCard(item: QueueItem, person: Person) -> impl IntoView {
    let work = match (person.role.is_empty(), person.company.is_empty()) {
        (false, false) => format!("{} at {}", person.role, person.company),
        (false, true) => person.role.clone(),
        (true, false) => person.company.clone(),
        (true, true) => "No role or company on record".into(),
    };
    let connected = person.connected_on.map(|d| format!("Connected on {}", browser::local_date(d)));
    let signals = item.signals.iter().map(|s| view! { <li>{s.describe()}</li> }).collect_view();
    let nothing = item.signals.is_empty();
    view! {
        <article class="card review-card" aria-labelledby="review-name">
            <h2 id="review-name">{person.name.clone()}</h2>
            <p>{work}</p>
            {connected.map(|c| view! { <p class="muted">{c}</p> })}
            {if nothing {
                view! { <p>"Nothing on record besides the connection."</p> }.into_any()
            } else {
                view! { <ul class="review-signals" aria-label="What Rapport knows">{signals}</ul> }.into_any()
            }}
            <p class="muted why">{item.why_here()}</p>
            <a href=Route::Person(person.id).href()>{format!("Open {}'s page", person.name)}</a>
        </article>
    }
}

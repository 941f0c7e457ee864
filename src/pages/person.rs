//! A person's page: details, edit, delete with undo, the "Log interaction" form and the
//! timeline of interactions, newest first, each editable or deletable with undo.

use crate::browser;
use crate::components::interaction_form::InteractionForm;
use crate::route::{self, Route};
use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::agenda::overdue_text;
use rapport_core::insights::person_metrics;
use rapport_core::{Id, Interaction, Person, Source};

#[component]
pub fn PersonPage(id: Id) -> impl IntoView {
    let state = AppState::context();
    let pid = id;
    let person = Memo::new(move |_| state.network.with(|n| n.person(&pid).cloned()));
    let page_id = id;
    move || match person.get() {
        None => view! {
            <section class="page">
                <h1>"This person is not in your network"</h1>
                <div class="card empty">
                    <p>"They may have been deleted, perhaps in another tab."</p>
                    <a class="button" href=Route::Network.href()>"Back to your network"</a>
                </div>
            </section>
        }
        .into_any(),
        Some(p) => view! { <PersonView person=p id=page_id /> }.into_any(),
    }
}

/// "Plan an informational interview": one step from a person's page (at the employer on my
/// list where they work, if any); or the open interview with them.
#[component]
fn PlanInterview(person: Id) -> impl IntoView {
    let state = AppState::context();
    let open = Memo::new(move |_| {
        state
            .network
            .with(|n| n.interviews_with(&person).iter().find(|iv| !iv.is_closed() && iv.held.is_none()).map(|iv| iv.id))
    });
    let problem = RwSignal::new(None::<String>);
    let plan = move |_| {
        let employer = state
            .network
            .with_untracked(|n| n.person(&person).and_then(|p| rapport_core::planner::employer::employer_of(n, p)));
        match crate::state::planner::approach(state, &person, employer) {
            Ok(id) => route::go(&Route::Interview(id)),
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    move || {
        match open.get() {
        Some(iv) => {
            view! { <a class="button secondary" href=Route::Interview(iv).href()>"Open the interview"</a> }.into_any()
        }
        None => view! {
            <button type="button" class="secondary" data-shortcut="plan" on:click=plan>"Plan an informational interview"</button>
            {move || problem.get().map(|p| view! { <span class="error" role="alert">{p}</span> })}
        }
        .into_any(),
    }
    }
}

#[component]
fn PersonView(person: Person, id: Id) -> impl IntoView {
    browser::set_title(&person.name);
    let state = AppState::context();
    let confirming = RwSignal::new(false);
    let logging = RwSignal::new(false);
    // On a phone, "Log interaction" sits at the top of the page and its form opens there.
    let logging_top = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    // The confirmation takes focus (on its safe choice) and gives it back when it closes.
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    let delete_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = cancel_button.get() {
            let _ = b.focus();
        }
    });
    let close_confirm = move || {
        confirming.set(false);
        if let Some(b) = delete_button.get_untracked() {
            let _ = b.focus();
        }
    };
    let delete_id = id;
    let delete = move |_| match actions::delete_person(state, &delete_id) {
        Ok(()) => route::go(&Route::Network),
        Err(e) => problem.set(Some(e.to_string())),
    };
    let tid = id;
    let timeline =
        Memo::new(move |_| state.network.with(|n| n.timeline(&tid).into_iter().cloned().collect::<Vec<_>>()));
    let introducer = person.introduced_by.as_ref().map(|by| {
        let name = state.network.with_untracked(|n| n.person(by).map(|p| p.name.clone()));
        match name {
            Some(name) => view! { <a href=Route::Person(*by).href()>{name}</a> }.into_any(),
            None => view! { <span>"someone no longer in your network"</span> }.into_any(),
        }
    });
    let count = move || timeline.with(Vec::len);
    let name = person.name.clone();
    let log_id = id;
    view! {
        <section class="page person">
            <div class="page-head">
                <div>
                    <h1>{person.name.clone()}</h1>
                    <p class="muted">{person.headline()}</p>
                </div>
                <div class="actions">
                    <PlanInterview person=id />
                    <a class="button secondary" href=Route::OutreachTo(id).href()>"Write a message"</a>
                    <a class="button secondary" href=Route::EditPerson(id).href()>"Edit"</a>
                    <button type="button" class="secondary danger" node_ref=delete_button on:click=move |_| confirming.set(true)>"Delete"</button>
                </div>
            </div>
            <button type="button" class="phone-only log-top" on:click=move |_| logging_top.set(true)>"Log interaction"</button>
            <Show when=move || logging_top.get()>
                <InteractionForm person=log_id done=move |_| logging_top.set(false) />
            </Show>
            {(person.source == Source::Sample).then(|| view! { <p><span class="badge">"Sample data"</span></p> })}
            {
                let archived = person.archived;
                let target = id;
                let toggle = move |_| {
                    let edit = rapport_core::bulk::BulkEdit { archived: Some(!archived), ..Default::default() };
                    if let Err(e) = actions::bulk_edit(state, std::slice::from_ref(&target), &edit) {
                        problem.set(Some(e.to_string()));
                    }
                };
                view! {
                    <p>
                        {archived.then(|| view! { <span class="badge">"Archived"</span>" " })}
                        <button type="button" class="link" on:click=toggle>{if archived { "Bring back from archive" } else { "Archive" }}</button>
                    </p>
                }
            }
            <Show when=move || confirming.get()>
                <div class="card confirm" role="alertdialog" aria-label="Confirm deletion" id="confirm-delete"
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Escape" {
                            ev.prevent_default();
                            close_confirm();
                        } else {
                            crate::components::shortcuts::trap_focus(&ev, "confirm-delete");
                        }
                    }>
                    <p>{format!("Delete {} and their {}? You can undo this right after.", name, rapport_core::text::count(count(), "interaction", "interactions"))}</p>
                    <div class="actions">
                        <button type="button" class="danger" on:click=delete>"Delete"</button>
                        <button type="button" class="secondary" node_ref=cancel_button on:click=move |_| close_confirm()>"Cancel"</button>
                    </div>
                </div>
            </Show>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <div class="person-grid">
                <div class="side">
                <div class="card details">
                    <h2>"Details"</h2>
                    <dl>
                        <Detail label="Company" value=person.company.clone() />
                        <Detail label="Role" value=person.role.clone() />
                        <Detail label="Department" value=person.department.clone() />
                        <Detail label="Seniority" value=person.seniority.map(|s| s.label().to_string()).unwrap_or_default() />
                        <Detail label="Schools and groups" value=person.affiliations.join(", ") />
                        <Detail label="Location" value=person.location.clone() />
                        {(!person.email.is_empty()).then(|| view! {
                            <dt>"Email"</dt><dd><a href=format!("mailto:{}", person.email)>{person.email.clone()}</a></dd>
                        })}
                        {(!person.phone.is_empty()).then(|| view! {
                            <dt>"Phone"</dt><dd><a href=format!("tel:{}", person.phone)>{person.phone.clone()}</a></dd>
                        })}
                        {(!person.profile_url.is_empty() && rapport_core::input::web_link(&person.profile_url).is_none()).then(|| view! {
                            <dt>"Profile URL"</dt><dd>{person.profile_url.clone()}" (not a web address, so not a link)"</dd>
                        })}
                        {rapport_core::input::web_link(&person.profile_url).is_some().then(|| view! {
                            <dt>"Profile"</dt>
                            <dd><a href=person.profile_url.clone() target="_blank" rel="noopener noreferrer">{person.profile_url.clone()}</a></dd>
                        })}
                        <Detail label="How we know each other" value=person.origin.map(|o| o.label().to_string()).unwrap_or_default() />
                        {introducer.map(|who| view! { <dt>"Introduced by"</dt><dd>{who}</dd> })}
                        <Detail label="Tags" value=person.tags.join(", ") />
                        <dt>"Knows my work"</dt><dd>{if person.knows_my_work { "Yes" } else { "Not yet" }}</dd>
                        <Detail label="Keep in touch" value=person.cadence_days.map(|d| format!("Every {d} days")).unwrap_or_default() />
                        <dt>"Added"</dt><dd>{format!("{} · {}", browser::local_datetime(person.created), person.source.label())}</dd>
                        <dt>"Last edited"</dt><dd>{browser::local_datetime(person.updated)}</dd>
                    </dl>
                    {(!person.notes.is_empty()).then(|| view! { <h3>"Notes"</h3><p class="notes">{person.notes.clone()}</p> })}
                </div>
                <RelationshipCard id=id cadence=person.cadence_days created=person.created.date_naive() />
                </div>
                <div class="timeline">
                    <div class="page-head">
                        <h2>"Timeline"</h2>
                        <button type="button" data-shortcut="log" on:click=move |_| logging.set(true)>"Log interaction"</button>
                    </div>
                    <Show when=move || logging.get()>
                        <InteractionForm person=log_id done=move |_| logging.set(false) />
                    </Show>
                    <Show
                        when=move || { count() > 0 }
                        fallback=|| view! { <div class="card empty"><p>"No interactions yet. A connection becomes a relationship after 2–3 genuine interactions: a conversation, a shared resource, a comment on their work."</p></div> }
                    >
                        <ol class="cards" aria-label="Interactions">
                            <For each=move || timeline.get() key=|i| (i.id, i.updated) let:interaction>
                                <TimelineItem interaction=interaction />
                            </For>
                        </ol>
                    </Show>
                </div>
            </div>
        </section>
    }
}

/// Stage, tie strength with its parts, give-first status and the next keep-in-touch date.
#[component]
fn RelationshipCard(id: Id, cadence: Option<u16>, created: chrono::NaiveDate) -> impl IntoView {
    let state = AppState::context();
    let today = browser::today();
    let metrics =
        Memo::new(move |_| state.network.with(|n| person_metrics(n.interactions_of(&id), today, &n.settings.metrics)));
    move || {
        let m = metrics.get();
        let score = m.strength.score();
        let next = cadence.map(|days| {
            let since = m.last_genuine.unwrap_or(created);
            let due = since + chrono::Duration::days(i64::from(days));
            let overdue = (today - due).num_days();
            format!("Next touch {}: {}", browser::local_date(due), overdue_text(overdue))
        });
        view! {
            <div class="card relationship" aria-label="Strength and stage">
                <h2>"Strength and stage"</h2>
                <p>
                    <span class=format!("chip stage {}", m.stage.key())>{m.stage.label()}</span>
                    {format!(" {}", rapport_core::text::count(m.genuine, "genuine interaction", "genuine interactions"))}
                </p>
                <p class="big">{format!("Tie strength {score:.1}")}<span class="muted">" / 100"</span></p>
                <table class="parts">
                    <caption class="muted">"Parts of the score, which add up to it"</caption>
                    <thead><tr><th>"Part"</th><th>"This person"</th><th>"Points"</th></tr></thead>
                    <tbody>
                        {m.strength.parts.iter().map(|p| view! {
                            <tr>
                                <td>{p.name}</td>
                                <td class="muted">{p.describe()}</td>
                                <td class="num">{format!("{:.1} / {:.0}", f64::from(p.tenths) / 10.0, p.weight)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr><th colspan="2">"Total"</th><td class="num">{format!("{score:.1}")}</td></tr></tfoot>
                </table>
                <p>
                    {format!("Give first: {}, {}.", rapport_core::text::count(m.give_first.gives, "give", "gives"), rapport_core::text::count(m.give_first.asks, "ask", "asks"))}
                    {m.give_first.asked_before_giving.then(|| view! { <span class="chip warn">" Asked before giving"</span> })}
                </p>
                {next.map(|n| view! { <p>{n}</p> })}
                <details class="how">
                    <summary>"How is this computed?"</summary>
                    <p>"Tie strength follows Gilbert & Karahalios (2009) and Granovetter (1973): recency decays by half every half-life (Settings); frequency counts genuine interactions in the last 12 months; duration runs from the first one; reciprocity rewards contact they start and giving at least as much as asking; depth weighs in person > video > phone > email/message > comment. Only genuine interactions count."</p>
                </details>
            </div>
        }
    }
}

#[component]
fn Detail(label: &'static str, value: String) -> impl IntoView {
    (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> })
}

#[component]
fn TimelineItem(interaction: Interaction) -> impl IntoView {
    let state = AppState::context();
    let editing = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let (person, id) = (interaction.person, interaction.id);
    let delete = move |_| {
        if let Err(e) = actions::delete_interaction(state, &person, &id) {
            problem.set(Some(e.to_string()));
        }
    };
    let genuine = interaction.is_genuine();
    let heading =
        if interaction.topic.is_empty() { interaction.purpose.label().to_string() } else { interaction.topic.clone() };
    let edit_person = interaction.person;
    let edit_id = interaction.id;
    let label = heading.clone();
    view! {
        <li class="card interaction">
            <Show
                when=move || editing.get()
                fallback=move || {
                    let i = interaction.clone();
                    let heading = heading.clone();
                    let label = label.clone();
                    let delete = delete;
                    view! {
                        <div class="interaction-head">
                            <time datetime=i.date.to_string()>{browser::local_date(i.date)}</time>
                            <span class="chip">{i.channel.label()}</span>
                            // Without a topic the purpose is the heading: not shown twice.
                            {(!i.topic.is_empty()).then(|| view! { <span class="chip">{i.purpose.label()}</span> })}
                            {(!genuine).then(|| view! { <span class="chip muted" title="Unanswered outreach and follow-up nudges don't count towards a relationship">"Not counted"</span> })}
                        </div>
                        <h3>{heading}</h3>
                        <p class="muted">{format!("Started by {}", i.started_by.label().to_lowercase())}</p>
                        {(!i.notes.is_empty()).then(|| view! { <p class="notes">{i.notes.clone()}</p> })}
                        <div class="actions">
                            <button type="button" class="link" aria-label=format!("Edit “{label}”") on:click=move |_| editing.set(true)>"Edit"</button>
                            <button type="button" class="link danger" aria-label=format!("Delete “{label}”") on:click=delete>"Delete"</button>
                        </div>
                    }
                }
            >
                <InteractionForm person=edit_person editing=edit_id done=move |_| editing.set(false) />
            </Show>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </li>
    }
}

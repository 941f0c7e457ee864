//! The prep sheet for a meeting: what I know of them, research, my 30-second introduction,
//! goals, TIARA questions from the bank plus my own, and the agenda. Prints on one page.

use crate::browser;
use crate::components::fields::TextArea;
use crate::route::Route;
use crate::state::{planner, AppState};
use leptos::prelude::*;
use rapport_core::planner::interview::tiara_bank;
use rapport_core::planner::{Prep, Question, Tiara};
use rapport_core::{FieldErrors, Id};

const AGENDA: &[&str] = &[
    "Small talk (2–3 min): thank them, and how you found them.",
    "Your 30-second introduction.",
    "Questions (15–20 min): Trends, Insights, Advice, Resources, Assignments.",
    "Next steps: “Whom else should I talk to?” and thanks.",
];

#[component]
pub fn PrepPage(id: Id) -> impl IntoView {
    let state = AppState::context();
    let Some(iv) = state.network.with_untracked(|n| n.interview(&id).cloned()) else {
        return view! {
            <section class="page"><h1>"This interview no longer exists"</h1>
            <div class="card empty"><a class="button" href=Route::Interviews.href()>"Back to Interviews"</a></div></section>
        }
        .into_any();
    };
    let person = state.network.with_untracked(|n| n.person(&iv.person).cloned());
    let who = person.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| "a deleted person".into());
    browser::set_title(&format!("Prep: {who}"));
    let research = RwSignal::new(iv.prep.research.clone());
    let intro = RwSignal::new(iv.prep.intro.clone());
    let goals = RwSignal::new(iv.prep.goals.clone());
    let questions = RwSignal::new(iv.prep.questions.clone());
    let own = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let sid = id;
    let current = move || Prep {
        research: research.get_untracked().trim().to_string(),
        intro: intro.get_untracked().trim().to_string(),
        goals: goals.get_untracked().trim().to_string(),
        questions: questions.get_untracked().into_iter().filter(|q| !q.text.trim().is_empty()).collect(),
    };
    // Saved as it is typed (a moment after the last change), so leaving the sheet loses
    // nothing; "Save prep sheet" also says so.
    let typed = StoredValue::new(0u32);
    Effect::new(move |first: Option<()>| {
        research.track();
        intro.track();
        goals.track();
        questions.track();
        if first.is_none() {
            return;
        }
        typed.update_value(|n| *n += 1);
        let this = typed.get_value();
        set_timeout(
            move || {
                if typed.try_get_value() == Some(this) {
                    if let Err(e) = planner::autosave_prep(state, &sid, current()) {
                        errors.set(e);
                    }
                }
            },
            std::time::Duration::from_millis(600),
        );
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let prep = current();
        match planner::save_prep(state, &sid, prep) {
            Ok(()) => errors.set(FieldErrors::default()),
            Err(e) => errors.set(e),
        }
    };
    let known = person.as_ref().map(|p| {
        let mut lines = vec![p.headline()];
        if let Some(o) = p.origin {
            lines.push(format!("How we know each other: {}", o.label()));
        }
        if !p.affiliations.is_empty() {
            lines.push(format!("Schools and groups: {}", p.affiliations.join(", ")));
        }
        if !p.notes.is_empty() {
            lines.push(p.notes.clone());
        }
        lines.into_iter().filter(|l| !l.is_empty()).collect::<Vec<_>>()
    });
    let when = iv.meeting.as_ref().map(|m| browser::format_in_zone(m.start, &m.zone));
    view! {
        <section class="page prep">
            <div class="page-head no-print">
                <h1>{format!("Prep sheet: {who}")}</h1>
                <div class="actions">
                    <a class="button secondary" href=Route::Interview(id).href()>"Back to the interview"</a>
                    <button type="button" on:click=move |_| browser::print()>"Print"</button>
                </div>
            </div>
            <h1 class="print-only">{format!("Informational interview: {who}")}</h1>
            {when.map(|w| view! { <p><strong>{w}</strong></p> })}
            <div class="card" aria-label="What I know">
                <h2>"What I know of them"</h2>
                {match known {
                    Some(lines) => lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view().into_any(),
                    None => view! { <p class="muted">"This person was deleted."</p> }.into_any(),
                }}
            </div>
            <form class="card" novalidate on:submit=save aria-label="Prep">
                <TextArea label="Research notes" key="research" value=research errors=errors rows=3 />
                <p class="print-only print-text">{move || research.get()}</p>
                <TextArea label="My 30-second introduction" key="intro" value=intro errors=errors rows=3 />
                <p class="print-only print-text">{move || intro.get()}</p>
                <TextArea label="My goals for the call" key="goals" value=goals errors=errors rows=2 />
                <p class="print-only print-text">{move || goals.get()}</p>
                <h2>"Questions"</h2>
                <ol class="questions" aria-label="Chosen questions">
                    {move || questions.get().into_iter().enumerate().map(|(n, q)| {
                        let label = format!("Question {}", n + 1);
                        view! {
                            <li>
                                {q.category.map(|c| view! { <span class="chip">{c.label()}</span> })}
                                <span class="print-only print-text">{q.text.clone()}</span>
                                <input type="text" aria-label=label.clone() class="no-print" prop:value=q.text.clone()
                                    on:change=move |ev| { let v = event_target_value(&ev); questions.update(|list| if let Some(x) = list.get_mut(n) { x.text = v }) } />
                                <button type="button" class="link no-print" aria-label=format!("Remove {label}")
                                    on:click=move |_| questions.update(|list| { if n < list.len() { list.remove(n); } })>"Remove"</button>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <div class="no-print">
                    <div class="field">
                        <label for="own-question">"My own question"</label>
                        <input id="own-question" type="text" bind:value=own />
                    </div>
                    <button type="button" class="secondary" on:click=move |_| {
                        let text = own.get_untracked().trim().to_string();
                        if !text.is_empty() {
                            questions.update(|q| q.push(Question { category: None, text }));
                            own.set(String::new());
                        }
                    }>"Add my question"</button>
                    <h3><crate::components::term::Term key="tiara" plain="Questions to choose from" /></h3>
                    {Tiara::ALL.iter().map(|t| {
                        let t = *t;
                        view! {
                            <details class="bank">
                                <summary>{t.label()}</summary>
                                <ul>
                                    {tiara_bank(t).iter().map(|text| {
                                        let text = text.to_string();
                                        let shown = text.clone();
                                        view! {
                                            <li>
                                                {shown.clone()} " "
                                                <button type="button" class="link" aria-label=format!("Add: {shown}") on:click=move |_| {
                                                    let t2 = text.clone();
                                                    questions.update(|q| if !q.iter().any(|x| x.text == t2) { q.push(Question { category: Some(t), text: t2 }) });
                                                }>"Add"</button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </details>
                        }
                    }).collect_view()}
                </div>
                <h2>"Agenda (20–30 minutes)"</h2>
                <ol>{AGENDA.iter().map(|a| view! { <li>{*a}</li> }).collect_view()}</ol>
                <div class="actions no-print"><button type="submit">"Save prep sheet"</button></div>
            </form>
        </section>
    }
    .into_any()
}

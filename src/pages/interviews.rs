//! Interviews: the planner's home. What is due, upcoming meetings, the funnel, the LAMP list
//! of target employers (added row after row), and the pipeline.

use crate::browser;
use crate::components::due::{PlannerDue, UpcomingMeetings};
use crate::components::fields::{FormProblems, SelectField, TextField};
use crate::route::Route;
use crate::state::{planner, AppState};
use leptos::prelude::*;
use rapport_core::planner::due::employer_kinds;
use rapport_core::planner::{funnel, lamp_list, EmployerInput, PipelineStage};
use rapport_core::FieldErrors;

fn options(range: std::ops::RangeInclusive<u8>, label: fn(u8) -> &'static str) -> Vec<(String, String)> {
    range.map(|v| (v.to_string(), format!("{v} · {}", label(v)))).collect()
}

pub fn motivation_label(v: u8) -> &'static str {
    match v {
        0 => "don't know",
        1 => "low",
        2 => "medium",
        _ => "high",
    }
}

pub fn posting_label(v: u8) -> &'static str {
    match v {
        1 => "no posting",
        2 => "semi-relevant",
        _ => "relevant posting",
    }
}

/// The fast list: name, motivation, posting, Add; focus returns to the name for the next row.
#[component]
fn AddEmployerRow() -> impl IntoView {
    let state = AppState::context();
    let start = EmployerInput::new();
    let name = RwSignal::new(String::new());
    let motivation = RwSignal::new(start.motivation);
    let posting = RwSignal::new(start.posting);
    let errors = RwSignal::new(FieldErrors::default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = EmployerInput {
            name: name.get_untracked(),
            motivation: motivation.get_untracked(),
            posting: posting.get_untracked(),
            ..EmployerInput::new()
        };
        match planner::add_employer(state, &draft) {
            Ok(_) => {
                errors.set(FieldErrors::default());
                name.set(String::new());
                if let Some(input) =
                    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("field-name"))
                {
                    use wasm_bindgen::JsCast;
                    if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                        let _ = input.focus();
                    }
                }
            }
            Err(e) => errors.set(e),
        }
    };
    view! {
        <form class="lamp-add" novalidate on:submit=submit aria-label="Add employer">
            <FormProblems errors=errors />
            <div class="lamp-add-row">
                <TextField label="Employer" key="name" value=name errors=errors />
                <SelectField label="Motivation" key="motivation" value=motivation errors=errors options=options(0..=3, motivation_label) />
                <SelectField label="Posting" key="posting" value=posting errors=errors options=options(1..=3, posting_label) />
                <button type="submit">"Add"</button>
            </div>
        </form>
    }
}

#[component]
pub fn InterviewsPage() -> impl IntoView {
    browser::set_title("Interviews");
    let state = AppState::context();
    let today = browser::today();
    let lamp = Memo::new(move |_| {
        state.network.with(|n| {
            lamp_list(n)
                .into_iter()
                .map(|row| {
                    let kinds = employer_kinds(n, &row.employer.id, today);
                    (row, kinds)
                })
                .collect::<Vec<_>>()
        })
    });
    let counts = Memo::new(move |_| state.network.with(funnel));
    // Drawn a page at a time, like the network list (a long search can reach hundreds).
    let pipeline_limit = RwSignal::new(crate::pages::network::PAGE);
    let pipeline = Memo::new(move |_| {
        state.network.with(|n| {
            let mut list: Vec<_> = n
                .live_interviews()
                .map(|iv| {
                    let who = n.person(&iv.person).map(|p| p.name.clone()).unwrap_or_else(|| "(deleted person)".into());
                    let at =
                        iv.employer.as_ref().and_then(|e| n.employer(e)).map(|e| e.name.clone()).unwrap_or_default();
                    let kind = iv.contact_kind(today, &n.settings.prefs.holidays);
                    (iv.id, who, at, iv.stage(), kind)
                })
                .collect();
            rapport_core::order::sort_by_key(&mut list, |(_, who, _, stage, _)| (*stage as u8, who.clone()));
            list
        })
    });
    let calendar_problem = RwSignal::new(None::<String>);
    view! {
        <section class="page interviews">
            <div class="page-head">
                <h1>"Interviews"</h1>
                <button type="button" class="secondary" on:click=move |_| calendar_problem.set(planner::download_calendar(state, None).err())>
                    "Download upcoming (.ics)"
                </button>
            </div>
            {move || calendar_problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <div class="grid-2">
                <div class="card" aria-label="Due this week">
                    <h2>"Due this week"</h2>
                    <PlannerDue />
                </div>
                <div class="card" aria-label="Upcoming">
                    <h2>"Upcoming meetings"</h2>
                    <UpcomingMeetings />
                </div>
            </div>
            <div class="card" aria-label="Funnel">
                <h2>"Funnel"</h2>
                {move || {
                    let f = counts.get();
                    view! {
                        <dl class="funnel">
                            <div><dt>"Approached"</dt><dd>{f.approached}</dd></div>
                            <div><dt>"Outreach sent"</dt><dd>{f.outreach_sent}</dd></div>
                            <div><dt>"Reply rate"</dt><dd>{format!("{}%", f.reply_percent())}</dd></div>
                            <div><dt>"Meetings held"</dt><dd>{f.meetings_held}</dd></div>
                            <div><dt>"Introductions"</dt><dd>{f.introductions}</dd></div>
                            <div><dt>"Referrals"</dt><dd>{f.referrals}</dd></div>
                        </dl>
                    }
                }}
                <p class="muted">"Expect replies from 20–40% of the people you write to. The most helpful reply within 3 working days: "<crate::components::term::TermNote key="booster" /></p>
            </div>
            <div class="card" aria-label="Target employers">
                <h2><crate::components::term::Term key="lamp" /></h2>
                <p class="muted">"A fast list, not research: dream employers, employers where you know someone, employers hiring now, employers in trending fields. Ranked by how much you want to work there, then whether a relevant job is posted, then whether someone there could help; start with your first five."</p>
                <AddEmployerRow />
                <Show when=move || !lamp.with(Vec::is_empty)
                    fallback=|| view! { <p class="muted">"No employers yet. Add about 40, row after row."</p> }>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Target employers, ranked">
                        // The roles are the table's own, written out: on a phone the rows are
                        // drawn as cards (display: block), which would otherwise drop them.
                        <table class="lamp" aria-label="LAMP list" role="table">
                            <thead role="rowgroup"><tr role="row">
                                <th role="columnheader">"#"</th><th role="columnheader">"Employer"</th>
                                <th role="columnheader">"Want it" <crate::components::term::TermNote key="motivation" /></th>
                                <th role="columnheader">"Job posted" <crate::components::term::TermNote key="posting" /></th>
                                <th role="columnheader">"Someone to help" <crate::components::term::TermNote key="advocacy" /></th>
                                <th role="columnheader">"Replies" <crate::components::term::TermNote key="booster" /></th>
                            </tr></thead>
                            <tbody role="rowgroup">
                                {move || lamp.get().into_iter().enumerate().map(|(n, (row, kinds))| {
                                    let who = row.known.iter().map(|(_, name)| name.clone()).collect::<Vec<_>>().join(", ");
                                    view! {
                                        <tr class:batch=row.in_batch role="row">
                                            <td role="cell" class="rank">{n + 1}{row.in_batch.then(|| view! { <span class="chip batch-chip" title="Batch: your first five">"First five"</span> })}</td>
                                            <td role="cell" class="employer"><a href=Route::Employer(row.employer.id).href()>{row.employer.name.clone()}</a></td>
                                            <td role="cell" data-label="Want it">{row.employer.motivation}</td>
                                            <td role="cell" data-label="Job posted">{row.employer.posting}</td>
                                            <td role="cell" data-label="Someone to help">
                                                {if row.advocacy { "Yes" } else { "No" }}
                                                {(!who.is_empty()).then(|| view! { <span class="muted">{format!(" · {who}")}</span> })}
                                                {(!row.advocacy_automatic).then(|| view! { <span class="muted">" (set by hand)"</span> })}
                                            </td>
                                            <td role="cell" class="muted" data-label="Replies">{rapport_core::planner::due::replies_text(kinds)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </Show>
            </div>
            <div class="card" aria-label="Pipeline">
                <h2>"Pipeline"</h2>
                <Show when=move || !pipeline.with(Vec::is_empty)
                    fallback=|| view! { <p class="muted">"No one approached yet. Open an employer and choose whom to approach: warm ties first."</p> }>
                    <ul class="cards" aria-label="Interviews in the pipeline" data-keylist="">
                        {move || pipeline.get().into_iter().take(pipeline_limit.get()).map(|(id, who, at, stage, kind)| view! {
                            <li class="card row">
                                <div class="row-main">
                                    <a class="name" href=Route::Interview(id).href()>{who}</a>
                                    <span class="muted">{if at.is_empty() { String::new() } else { format!(" at {at}") }}</span>
                                </div>
                                <span class="chip" class:closed={matches!(stage, PipelineStage::Declined | PipelineStage::NoReply)}>{stage.label()}</span>
                                {kind.map(|k| view! { <span class="chip" title=k.label()>{rapport_core::glossary::term(k.key()).map_or(k.label(), |t| t.plain)}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                    <crate::pages::network::MoreRows limit=pipeline_limit total=Signal::derive(move || pipeline.with(Vec::len)) />
                </Show>
            </div>
        </section>
    }
}

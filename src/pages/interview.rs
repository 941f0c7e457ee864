//! One informational interview: the pipeline steps, scheduling, calendar export, and the
//! debrief with action items, suggested people and the thank-you.

use crate::browser;
use crate::components::fields::{FormProblems, TextArea, TextField};
use crate::route::{self, Route};
use crate::state::planner::{self, ScheduleInput};
use crate::state::AppState;
use leptos::prelude::*;
use rapport_core::planner::interview::{ActionItem, Suggested};
use rapport_core::planner::{Debrief, Interview, PipelineStage, Step, Tiara};
use rapport_core::{FieldErrors, Id};

fn next_steps(iv: &Interview) -> Vec<Step> {
    if iv.is_closed() {
        return vec![];
    }
    match iv.stage() {
        PipelineStage::Identified => vec![Step::OutreachSent, Step::Declined],
        PipelineStage::OutreachSent => {
            let mut steps = vec![Step::Replied];
            if iv.followed_up.is_none() {
                steps.push(Step::FollowedUp);
            }
            steps.extend([Step::Declined, Step::NoReply]);
            steps
        }
        PipelineStage::Replied | PipelineStage::Scheduled => vec![Step::Held, Step::Declined],
        PipelineStage::Done => vec![Step::Thanked, Step::UpdateSent],
        PipelineStage::Thanked => vec![Step::UpdateSent],
        PipelineStage::UpdateSent | PipelineStage::Declined | PipelineStage::NoReply => vec![],
    }
}

#[component]
pub fn InterviewPage(id: Id) -> impl IntoView {
    let state = AppState::context();
    let iid = id;
    // Rebuilt only when the interview appears or goes, so typed but unsaved text in the
    // schedule and debrief forms survives other changes; the parts that show state track it.
    let exists = Memo::new(move |_| state.network.with(|n| n.interview(&iid).is_some()));
    move || match exists.get() {
        false => {
            browser::set_title("Not found");
            view! {
                <section class="page">
                    <h1>"This interview no longer exists"</h1>
                    <div class="card empty"><a class="button" href=Route::Interviews.href()>"Back to Interviews"</a></div>
                </section>
            }
            .into_any()
        }
        true => view! { <InterviewView id=id /> }.into_any(),
    }
}

#[component]
fn InterviewView(id: Id) -> impl IntoView {
    let state = AppState::context();
    let mid = id;
    let memo = Memo::new(move |_| state.network.with(|n| n.interview(&mid).cloned()));
    let Some(iv) = memo.get_untracked() else {
        return view! { <p>"This interview no longer exists."</p> }.into_any();
    };
    let problem = RwSignal::new(None::<String>);
    let step_date = RwSignal::new(browser::today().to_string());
    let errors = RwSignal::new(FieldErrors::default());
    let ics_id = id;
    let delete_id = id;
    let who_for_title = state
        .network
        .with_untracked(|n| n.person(&iv.person).map(|p| p.name.clone()))
        .unwrap_or_else(|| "a deleted person".into());
    browser::set_title(&format!("Interview with {who_for_title}"));
    let header = move || {
        let iv = memo.get()?;
        let (person, employer) = state
            .network
            .with(|n| (n.person(&iv.person).cloned(), iv.employer.as_ref().and_then(|e| n.employer(e).cloned())));
        let who = person.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| "a deleted person".into());
        Some(view! {
            <div>
                <h1>{format!("Interview with {who}")}</h1>
                <p class="muted">
                    {employer.as_ref().map(|e| view! { <a href=Route::Employer(e.id).href()>{e.name.clone()}</a> })}
                    {person.as_ref().map(|p| view! { " · " <a href=Route::Person(p.id).href()>"Person page"</a> })}
                </p>
                {person.is_none().then(|| view! {
                    <div class="banner warning" role="alert"><p>"The person of this interview was deleted. Undo the deletion to continue, or delete this interview."</p></div>
                })}
            </div>
        })
    };
    let pipeline = move || memo.get().map(|iv| view! { <PipelineCard iv=iv step_date=step_date errors=errors /> });
    let thank_you = move || {
        memo.get().map(|iv| {
            let who = state.network.with(|n| n.person(&iv.person).map(|p| p.name.clone())).unwrap_or_default();
            view! { <ThankYouCard iv=iv who=who /> }
        })
    };
    view! {
        <section class="page interview">
            <div class="page-head">
                {header}
                <div class="actions">
                    {move || memo.get().map(|iv| {
                        let kind = match iv.stage() {
                            PipelineStage::Identified => rapport_core::drafter::TemplateKind::InfoRequest,
                            PipelineStage::OutreachSent => rapport_core::drafter::TemplateKind::FollowUp,
                            PipelineStage::Done => rapport_core::drafter::TemplateKind::ThankYou,
                            PipelineStage::Thanked => rapport_core::drafter::TemplateKind::Update,
                            _ => rapport_core::drafter::TemplateKind::Reconnect,
                        };
                        view! { <a class="button secondary" href=Route::Compose(iv.person, kind).href()>{format!("Draft: {}", kind.label())}</a> }
                    })}
                    <a class="button secondary" href=Route::Prep(id).href()>"Prep sheet"</a>
                    <button type="button" class="secondary" on:click=move |_| problem.set(planner::download_calendar(state, Some(&ics_id)).err())>"Download .ics"</button>
                    <button type="button" class="secondary danger" on:click=move |_| match planner::delete_interview(state, &delete_id) {
                        Ok(()) => route::go(&Route::Interviews),
                        Err(e) => problem.set(Some(e.to_string())),
                    }>"Delete"</button>
                </div>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {pipeline}
            // One step at a time: the meeting once they have replied, the thanks and the
            // debrief once it is held; until then each is closed, one tap away.
            {
                let stage = Memo::new(move |_| memo.with(|m| m.as_ref().map(Interview::stage)));
                let reached = move |from: &[PipelineStage]| stage.with(|s| s.is_some_and(|s| from.contains(&s)));
                // Memos: the cards are drawn again only when they open or close, not at every
                // step (a debrief typed and not saved was emptied by "Mark thanked").
                let meeting_open = Memo::new(move |_| reached(&[PipelineStage::Replied, PipelineStage::Scheduled, PipelineStage::Done, PipelineStage::Thanked, PipelineStage::UpdateSent]));
                let after_open = Memo::new(move |_| reached(&[PipelineStage::Done, PipelineStage::Thanked, PipelineStage::UpdateSent]));
                // A stage change draws these cards again: from the interview as it is now, not
                // as the page opened (a reschedule wiped the place and the duration, and a
                // debrief saved before "Mark thanked" showed empty again).
                let schedule_iv = iv.clone();
                let debrief_iv = iv.clone();
                let now_or = move |opened: &Interview| memo.get_untracked().unwrap_or_else(|| opened.clone());
                view! {
                    {move || {
                        let card = view! { <ScheduleCard iv=now_or(&schedule_iv) memo=memo step_errors=errors /> };
                        if meeting_open.get() {
                            card.into_any()
                        } else {
                            view! { <details class="card later"><summary>"Meeting: once they reply"</summary>{card}</details> }.into_any()
                        }
                    }}
                    {move || {
                        let cards = view! { <div class="grid-2">{thank_you}</div><DebriefCard iv=now_or(&debrief_iv) /> };
                        if after_open.get() {
                            cards.into_any()
                        } else {
                            view! { <details class="card later"><summary>"Thank-you and debrief: once you have met"</summary>{cards}</details> }.into_any()
                        }
                    }}
                }
            }
        </section>
    }
    .into_any()
}

/// What to do next at each stage, in plain words.
fn next_step_text(stage: PipelineStage) -> &'static str {
    match stage {
        PipelineStage::Identified => "Next: write to them, a short request for advice (under 75 words, about them, ending in a question). Then mark the outreach sent.",
        PipelineStage::OutreachSent => "Next: wait for a reply. No reply in 3 working days? Write to a second person at the employer. In 7? One gentle follow-up.",
        PipelineStage::Replied => "Next: schedule 20–30 minutes, then prepare your questions on the prep sheet.",
        PipelineStage::Scheduled => "Next: prepare with the prep sheet, hold the meeting, then mark it held.",
        PipelineStage::Done => "Next: thank them within a day, and note their advice in the debrief.",
        PipelineStage::Thanked => "Next: act on their advice, then send an update in 2–4 weeks.",
        PipelineStage::UpdateSent => "All steps done. Stay in touch a few times a year.",
        PipelineStage::Declined | PipelineStage::NoReply => "Closed. Reopen it if they get back to you.",
    }
}

/// The stage, the steps taken, and the buttons for the next ones.
#[component]
fn PipelineCard(iv: Interview, step_date: RwSignal<String>, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let state = AppState::context();
    let today = browser::today();
    let kind = state.network.with_untracked(|n| iv.contact_kind(today, &n.settings.prefs.holidays));
    let id = iv.id;
    let steps = next_steps(&iv);
    let step_buttons = steps
        .into_iter()
        .map(|step| {
            let id = id;
            view! {
                <button type="button" class:secondary={matches!(step, Step::Declined | Step::NoReply)} on:click=move |_| {
                    match planner::mark_step(state, &id, step, &step_date.get_untracked()) {
                        Ok(()) => errors.set(FieldErrors::default()),
                        Err(e) => errors.set(e),
                    }
                }>{step.label()}</button>
            }
        })
        .collect_view();
    let reopen_id = id;
    let history: Vec<(&str, Option<chrono::NaiveDate>)> = vec![
        ("Outreach sent", iv.outreach_sent),
        ("Replied", iv.replied),
        ("Followed up", iv.followed_up),
        ("Meeting held", iv.held),
        ("Thanked", iv.thanked),
        ("Update sent", iv.update_sent),
    ];
    view! {
            <div class="card" aria-label="Pipeline step">
                <h2>"Stage: " {iv.stage().label()}</h2>
                <p class="next-step">{next_step_text(iv.stage())}</p>
                {kind.map(|k| view! { <p><crate::components::term::Term key=k.key() /></p> })}
                <ul class="steps">
                    {history.into_iter().filter_map(|(label, d)| d.map(|d| view! { <li>{format!("{label}: {}", browser::local_date(d))}</li> })).collect_view()}
                    {iv.closed.map(|(c, d)| view! { <li>{format!("Closed ({}) on {}", match c { rapport_core::planner::interview::Closed::Declined => "declined", rapport_core::planner::interview::Closed::NoReply => "no reply" }, browser::local_date(d))}</li> })}
                </ul>
                <FormProblems errors=errors />
                {iv.is_closed().then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| { let _ = planner::reopen(state, &reopen_id); }>"Reopen"</button>
                })}
                {(!iv.is_closed() && iv.stage() != PipelineStage::UpdateSent).then(|| view! {
                    <div class="step-row">
                        <TextField label="Step date" key="step_date" kind="date" value=step_date errors=errors />
                        <div class="actions">{step_buttons}</div>
                    </div>
                })}
            </div>
    }
}

#[component]
fn ScheduleCard(iv: Interview, memo: Memo<Option<Interview>>, step_errors: RwSignal<FieldErrors>) -> impl IntoView {
    let state = AppState::context();
    let zone_default = iv.meeting.as_ref().map(|m| m.zone.clone()).unwrap_or_else(browser::local_zone);
    // A meeting already set: its date and time in its own zone, so "Reschedule" changes only
    // what the user changes.
    let set = iv.meeting.as_ref().and_then(|m| browser::local_date_time_in_zone(m.start, &m.zone));
    let date = RwSignal::new(set.as_ref().map(|(d, _)| d.clone()).unwrap_or_default());
    let time = RwSignal::new(set.map(|(_, t)| t).unwrap_or_else(|| "15:00".to_string()));
    let zone = RwSignal::new(zone_default);
    // The browser's own list, the user's zone first.
    let zone_options: Vec<(String, String)> = browser::time_zones()
        .into_iter()
        .map(|z| {
            let old = browser::RENAMED_ZONES.iter().find(|(_, new)| *new == z).map(|(old, _)| *old);
            let label = match old {
                Some(old) => format!(
                    "{} (formerly {})",
                    z.replace('_', " "),
                    old.rsplit('/').next().unwrap_or(old).replace('_', " ")
                ),
                None => z.replace('_', " "),
            };
            (z, label)
        })
        .collect();
    let minutes = RwSignal::new(iv.meeting.as_ref().map(|m| m.minutes.to_string()).unwrap_or_else(|| "30".into()));
    let place = RwSignal::new(iv.meeting.as_ref().map(|m| m.place.clone()).unwrap_or_default());
    let errors = RwSignal::new(FieldErrors::default());
    let id = iv.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ScheduleInput {
            date: date.get_untracked(),
            time: time.get_untracked(),
            zone: zone.get_untracked(),
            minutes: minutes.get_untracked(),
            place: place.get_untracked(),
        };
        match planner::schedule(state, &id, &draft) {
            Ok(()) => {
                errors.set(FieldErrors::default());
                // A step refused for the old date ("planned for …") no longer applies.
                step_errors.set(FieldErrors::default());
            }
            Err(e) => errors.set(e),
        }
    };
    let when = move || {
        memo.get().and_then(|iv| iv.meeting).map(|m| {
            let there = browser::format_in_zone(m.start, &m.zone);
            let here = browser::format_in_zone(m.start, &browser::local_zone());
            let text = if there == here {
                format!("{there}, {} minutes", m.minutes)
            } else {
                format!("{there} ({here} for you), {} minutes", m.minutes)
            };
            (text, m.place)
        })
    };
    let scheduled = move || memo.with(|iv| iv.as_ref().is_some_and(|iv| iv.meeting.is_some()));
    view! {
        <form class="card" novalidate on:submit=submit aria-label="Schedule">
            <h2>"Meeting"</h2>
            {move || match when() {
                Some((w, place)) => view! { <p><strong>{w}</strong></p> {(!place.is_empty()).then(|| view! { <p>{place}</p> })} }.into_any(),
                None => view! { <p class="muted">"Not scheduled. A call of 20–30 minutes: small talk, your questions, next steps, and whom else to talk to."</p> }.into_any(),
            }}
            <FormProblems errors=errors />
            <div class="grid">
                <TextField label="Date" key="meeting_date" kind="date" value=date errors=errors />
                <TextField label="Time" key="meeting_time" kind="time" value=time errors=errors />
                <div>
                    <crate::components::combobox::Combobox id="meeting_zone" label="Time zone" value=zone
                        options=Signal::derive(move || zone_options.clone()) placeholder="Type a city, e.g. Lisbon" />
                    {move || errors.with(|e| e.get("meeting_zone").map(|m| view! { <p class="error" role="alert">{m.to_string()}</p> }))}
                </div>
                <TextField label="Duration (minutes)" key="meeting_minutes" value=minutes errors=errors />
            </div>
            <TextField label="Place or link" key="meeting_place" value=place errors=errors />
            <div class="actions"><button type="submit">{move || if scheduled() { "Reschedule" } else { "Schedule" }}</button></div>
        </form>
    }
}

#[component]
fn ThankYouCard(iv: Interview, who: String) -> impl IntoView {
    let first = who.split_whitespace().next().unwrap_or("").to_string();
    let advice = if iv.debrief.key_advice.trim().is_empty() {
        "your advice".to_string()
    } else {
        format!("your advice to {}", iv.debrief.key_advice.trim())
    };
    let text = format!(
        "Hi {first},\n\nThank you for your time today. I especially appreciated {advice}, and I'm going to act on it this week.\n\nI'll let you know how it goes.\n\nBest,\n"
    );
    let due = iv.held.map(|h| h + chrono::Duration::days(1));
    view! {
        <div class="card" aria-label="Thank-you">
            <h2>"Thank-you"</h2>
            {match (iv.thanked, due) {
                (Some(d), _) => view! { <p>{format!("Thanked on {}.", browser::local_date(d))}</p> }.into_any(),
                (None, Some(due)) => view! { <p>{format!("Due by {}: send thanks within 24 hours.", browser::local_date(due))}</p> }.into_any(),
                (None, None) => view! { <p class="muted">"After the meeting, send thanks within 24 hours, naming a piece of advice you will act on."</p> }.into_any(),
            }}
            <label for="thank-you-text">"A prepared text to copy into your email"</label>
            <textarea id="thank-you-text" rows="7" readonly>{text}</textarea>
        </div>
    }
}

#[component]
fn DebriefCard(iv: Interview) -> impl IntoView {
    let state = AppState::context();
    let today = browser::today();
    // What was typed here and not saved, if the user left and came back: only over the
    // debrief it was typed over. If that changed since (another tab, a sync, an added
    // suggestion), the old text would overwrite the newer one on Save: it is dropped, and
    // the card says so.
    let kept = state.unsaved_debriefs.with_value(|m| m.get(&iv.id).cloned());
    let (restored, stale) = match kept {
        Some((base, typed)) if typed != iv.debrief => {
            if base == iv.debrief {
                (Some(typed), false)
            } else {
                (None, true)
            }
        }
        _ => (None, false),
    };
    if stale {
        state.unsaved_debriefs.update_value(|m| {
            m.remove(&iv.id);
        });
    }
    let was_restored = RwSignal::new(restored.is_some());
    let start = restored.unwrap_or_else(|| iv.debrief.clone());
    let notes: Vec<(Tiara, RwSignal<String>)> =
        Tiara::ALL.iter().map(|t| (*t, RwSignal::new(start.note(*t).to_string()))).collect();
    let key_advice = RwSignal::new(start.key_advice.clone());
    let actions = RwSignal::new(start.actions.clone());
    let suggested = RwSignal::new(start.suggested.clone());
    let referral = RwSignal::new(start.referral_offered);
    let new_action = RwSignal::new(String::new());
    let new_action_due = RwSignal::new((today + chrono::Duration::days(7)).to_string());
    let new_name = RwSignal::new(String::new());
    let new_company = RwSignal::new(String::new());
    let new_is_resource = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<String>);
    let id = iv.id;
    let notes_for_save = StoredValue::new(notes.clone());
    // Copy, so each button can carry it.
    let collect = move || Debrief {
        notes: notes_for_save.with_value(|notes| {
            notes
                .iter()
                .map(|(t, s)| (*t, s.get_untracked().trim().to_string()))
                .filter(|(_, n)| !n.is_empty())
                .collect()
        }),
        key_advice: key_advice.get_untracked().trim().to_string(),
        actions: actions.get_untracked(),
        suggested: suggested.get_untracked(),
        referral_offered: referral.get_untracked(),
    };
    // Kept as it is typed, until saved: compared with the debrief as stored now.
    Effect::new(move |_| {
        notes_for_save.with_value(|notes| notes.iter().for_each(|(_, s)| s.track()));
        key_advice.track();
        actions.track();
        suggested.track();
        referral.track();
        let now = collect();
        let stored = state.network.with_untracked(|n| n.interview(&id).map(|i| i.debrief.clone()));
        state.unsaved_debriefs.update_value(|m| match stored {
            Some(stored) if stored != now => {
                m.insert(id, (stored, now));
            }
            _ => {
                m.remove(&id);
            }
        });
    });
    let save_id = id;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match planner::save_debrief(state, &save_id, collect()) {
            Ok(()) => {
                state.unsaved_debriefs.update_value(|m| {
                    m.remove(&save_id);
                });
                was_restored.set(false);
                errors.set(FieldErrors::default());
                // "Added — save the debrief to keep it" is done with.
                problem.set(None);
            }
            Err(e) => errors.set(e),
        }
    };
    let add_action = move |_| {
        let text = new_action.get_untracked().trim().to_string();
        match new_action_due.get_untracked().trim().parse::<chrono::NaiveDate>() {
            _ if text.is_empty() => problem.set(Some("Describe the action first.".into())),
            Ok(due) => {
                actions.update(|a| a.push(ActionItem { text, due, done: false }));
                new_action.set(String::new());
                problem.set(Some("Added — save the debrief to keep it.".into()));
            }
            Err(_) => problem.set(Some("Give the action a due date (YYYY-MM-DD).".into())),
        }
    };
    let add_suggested = move |_| {
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            problem.set(Some("Give the person or resource a name first.".into()));
            return;
        }
        suggested.update(|s| {
            s.push(Suggested {
                name,
                company: new_company.get_untracked().trim().to_string(),
                is_resource: new_is_resource.get_untracked(),
                added: None,
            })
        });
        new_name.set(String::new());
        new_company.set(String::new());
        problem.set(Some("Added — save the debrief to keep it.".into()));
    };
    let held = iv.held.is_some();
    view! {
        <form class="card debrief" novalidate on:submit=save aria-label="Debrief">
            <h2>"Debrief"</h2>
            {(!held).then(|| view! { <p class="muted">"Fill this in right after the meeting."</p> })}
            {move || was_restored.get().then(|| view! { <p class="banner info" role="status">"What you typed here before is back. Save the debrief to keep it."</p> })}
            {stale.then(|| view! { <p class="banner info" role="status">"What you typed here before and did not save was not brought back: this debrief was changed since (in another tab, by a sync or a restore). It shows what is saved now."</p> })}
            <FormProblems errors=errors />
            <div class="grid">
                {notes.into_iter().map(|(t, s)| {
                    let key: &'static str = t.key();
                    view! { <TextArea label=format!("{} notes", t.label()) key=key value=s errors=errors rows=2 /> }
                }).collect_view()}
            </div>
            <TextField label="The advice you'll act on first" key="key_advice" value=key_advice errors=errors hint="Named in your thank-you." />
            <h3>"Action items"</h3>
            <ul class="inline-list" aria-label="Action items">
                {move || actions.get().into_iter().enumerate().map(|(n, a)| view! {
                    <li>
                        <label class="check">
                            <input type="checkbox" prop:checked=a.done on:change=move |_| actions.update(|list| if let Some(x) = list.get_mut(n) { x.done = !x.done }) />
                            {format!(" {} — due {}", a.text, browser::local_date(a.due))}
                        </label>
                    </li>
                }).collect_view()}
            </ul>
            <div class="grid">
                <div class="field"><label for="new-action">"New action"</label><input id="new-action" type="text" bind:value=new_action /></div>
                <div class="field"><label for="new-action-due">"Due"</label><input id="new-action-due" type="date" bind:value=new_action_due /></div>
            </div>
            <button type="button" class="secondary" on:click=add_action>"Add action"</button>
            <h3>"People and resources they suggested"</h3>
            <ul class="inline-list" aria-label="Suggested">
                {move || suggested.get().into_iter().enumerate().map(|(n, s)| {
                    let iid = id;
                    let label = format!("Add {} to my network", s.name);
                    let label_employer = format!("Add {} and {} as a target", s.name, s.company);
                    let has_company = !s.company.is_empty();
                    let add = move |as_employer: bool| {
                        // Save what is typed first, so the one click keeps the debrief too;
                        // saved, it is no longer unsaved text to bring back.
                        if planner::save_debrief(state, &iid, collect()).is_ok() {
                            state.unsaved_debriefs.update_value(|m| {
                                m.remove(&iid);
                            });
                        }
                        match planner::add_suggested(state, &iid, n, as_employer) {
                            Ok(pid) => route::go(&Route::Person(pid)),
                            Err(e) => problem.set(Some(e.to_string())),
                        }
                    };
                    let add_again = add;
                    view! {
                        <li>
                            {format!("{}{}{}", s.name, if s.company.is_empty() { String::new() } else { format!(" ({})", s.company) }, if s.is_resource { " — resource" } else { "" })}
                            {match (&s.added, s.is_resource) {
                                (Some(p), _) => view! { " · " <a href=Route::Person(*p).href()>"in your network"</a> }.into_any(),
                                (None, true) => view! { <span></span> }.into_any(),
                                (None, false) => view! {
                                    " "
                                    <button type="button" class="link" aria-label=label on:click=move |_| add(false)>"Add to network"</button>
                                    {has_company.then(|| view! { <button type="button" class="link" aria-label=label_employer on:click=move |_| add_again(true)>"…and target employer"</button> })}
                                }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="grid">
                <div class="field"><label for="new-suggested">"Suggested person or resource"</label><input id="new-suggested" type="text" bind:value=new_name /></div>
                <div class="field"><label for="new-suggested-company">"Their company (optional)"</label><input id="new-suggested-company" type="text" bind:value=new_company /></div>
            </div>
            <div class="field checkbox"><input id="new-suggested-resource" type="checkbox" bind:checked=new_is_resource /><label for="new-suggested-resource">"It's a resource, not a person"</label></div>
            <button type="button" class="secondary" on:click=add_suggested>"Add suggestion"</button>
            <div class="field checkbox"><input id="referral" type="checkbox" bind:checked=referral /><label for="referral">"They offered a referral"</label></div>
            {move || problem.get().map(|p| view! { <p class="muted" role="status">{p}</p> })}
            <div class="actions"><button type="submit">"Save debrief"</button></div>
        </form>
    }
}

//! Composing one message: a template's phrasing filled from my network, freely editable,
//! with live checks, and sent through the user's own tools.

use crate::browser;
use crate::route::{self, Route};
use crate::state::{actions, drafter, AppState};
use leptos::prelude::*;
use rapport_core::drafter::checks::{run_checks, summary, utf16_len, word_count, Draft as CheckDraft, Status};
use rapport_core::drafter::fill::{fill, merge_values, placeholders, unfilled, FIELDS};
use rapport_core::drafter::templates::phrasings;
use rapport_core::drafter::{referral_gate, MessageChannel, Phrasing, TemplateKind};
use rapport_core::{Id, ProfileInput};

/// My own merge fields: key, label, hint.
const MY_FIELDS: &[(&str, &str, &str)] = &[
    ("my_name", "Your name", "How you sign your messages."),
    ("my_role", "Your role", "e.g. data analyst"),
    ("target_narrow", "What you are looking for, narrowly", "e.g. product analytics at fintechs"),
    ("target_broad", "…and broadly", "e.g. data work in finance"),
];

#[component]
pub fn Compose(person: Id, kind: TemplateKind) -> impl IntoView {
    let state = AppState::context();
    let Some(p) = state.network.with_untracked(|n| n.person(&person).cloned()) else {
        return view! { <section class="page"><h1>"This person is not in your network"</h1></section> }.into_any();
    };
    browser::set_title(&format!("{} to {}", kind.label(), p.name));
    if kind == TemplateKind::Referral {
        if let Err(why) = state.network.with_untracked(|n| referral_gate(n, &person, browser::today())) {
            return view! {
                <section class="page">
                    <h1>{format!("Referral request to {}", p.name)}</h1>
                    <div class="card" role="alert">
                        <p>{why}</p>
                        <div class="actions">
                            <a class="button" href=Route::Compose(person, TemplateKind::ShareResource).href()>"Share a resource"</a>
                            <a class="button secondary" href=Route::Compose(person, TemplateKind::Congratulate).href()>"Congratulate them"</a>
                            <a class="button secondary" href=Route::Compose(person, TemplateKind::OfferIntro).href()>"Offer an introduction"</a>
                        </div>
                    </div>
                </section>
            }
            .into_any();
        }
    }
    let existing = state.network.with_untracked(|n| n.open_draft(&person, kind).cloned());
    let mut options: Vec<Phrasing> = phrasings(kind);
    options.extend(state.network.with_untracked(|n| {
        n.live_phrasings(kind)
            .map(|u| Phrasing { name: format!("Mine: {}", u.name), subject: u.subject.clone(), body: u.body.clone() })
            .collect::<Vec<_>>()
    }));
    let options = StoredValue::new(options);
    let other =
        RwSignal::new(existing.as_ref().and_then(|d| d.other.as_ref().map(|o| o.to_string())).unwrap_or_default());
    // StoredValue keeps the closures below Copy, so every button can carry them.
    let pid = StoredValue::new(person);
    let values = move || {
        let other_id = Id::parse(&other.get_untracked()).ok();
        state.network.with_untracked(|n| pid.with_value(|id| merge_values(n, id, other_id.as_ref())))
    };
    let first = options.with_value(|o| o.first().cloned()).unwrap_or(Phrasing {
        name: String::new(),
        subject: String::new(),
        body: String::new(),
    });
    let channel = RwSignal::new(
        existing
            .as_ref()
            .map(|d| d.channel)
            .unwrap_or_else(|| kind.channels().first().copied().unwrap_or(MessageChannel::Email)),
    );
    let subject =
        RwSignal::new(existing.as_ref().map(|d| d.subject.clone()).unwrap_or_else(|| fill(&first.subject, &values())));
    let body = RwSignal::new(existing.as_ref().map(|d| d.body.clone()).unwrap_or_else(|| fill(&first.body, &values())));
    let draft_id = RwSignal::new(existing.as_ref().map(|d| d.id));
    let phrasing = RwSignal::new("0".to_string());
    let problem = RwSignal::new(None::<String>);
    let copied = RwSignal::new(None::<String>);
    let phrasing_name = RwSignal::new(String::new());
    let use_phrasing = move |index: String| {
        phrasing.set(index.clone());
        if let Some(ph) = index.parse::<usize>().ok().and_then(|i| options.with_value(|o| o.get(i).cloned())) {
            let v = values();
            subject.set(fill(&ph.subject, &v));
            body.set(fill(&ph.body, &v));
        }
    };
    let connection_words: Vec<String> = state.network.with_untracked(|n| {
        let mut words = n.profile.affiliations.clone();
        if !n.profile.organisation.is_empty() {
            words.push(n.profile.organisation.clone());
        }
        if let Some(by) = p.introduced_by.as_ref().and_then(|id| n.person(id)) {
            words.push(by.name.clone());
        }
        words
    });
    let first_name = p.name.split_whitespace().next().unwrap_or("").to_string();
    let checks = Memo::new(move |_| {
        let premium = state.network.with(|n| n.settings.prefs.linkedin_premium);
        let subject = subject.get();
        let body = body.get();
        let d = CheckDraft {
            kind,
            channel: channel.get(),
            subject: if channel.get() == MessageChannel::Email { &subject } else { "" },
            body: &body,
            premium,
            their_name: &first_name,
            connection_words: &connection_words,
        };
        run_checks(&d)
    });
    // What is left to fill in: merge fields with no value, and bracketed placeholders.
    let missing = Memo::new(move |_| {
        let text = format!("{}\n{}", subject.get(), body.get());
        unfilled(&text).into_iter().map(|f| f.to_string()).collect::<Vec<_>>()
    });
    let brackets = Memo::new(move |_| placeholders(&format!("{}\n{}", subject.get(), body.get())));
    let ready = move || missing.with(Vec::is_empty) && brackets.with(Vec::is_empty);
    // My own fields, fillable right here (and saved to my profile).
    let start_profile = state.network.with_untracked(|n| ProfileInput::from_profile(&n.profile));
    let my_name = RwSignal::new(start_profile.name.clone());
    let my_role = RwSignal::new(start_profile.role.clone());
    let target_narrow = RwSignal::new(start_profile.target_narrow.clone());
    let target_broad = RwSignal::new(start_profile.target_broad.clone());
    let mine_missing = Memo::new(move |_| {
        missing.with(|m| {
            MY_FIELDS.iter().filter(|(f, _, _)| m.iter().any(|x| x == f)).map(|(f, _, _)| *f).collect::<Vec<_>>()
        })
    });
    let profile_problem = RwSignal::new(None::<String>);
    let save_mine = move |_| {
        let mut input = state.network.with_untracked(|n| ProfileInput::from_profile(&n.profile));
        input.name = my_name.get_untracked();
        input.role = my_role.get_untracked();
        input.target_narrow = target_narrow.get_untracked();
        input.target_broad = target_broad.get_untracked();
        match actions::save_profile(state, &input) {
            Ok(()) => {
                profile_problem.set(None);
                let v = values();
                subject.set(fill(&subject.get_untracked(), &v));
                body.set(fill(&body.get_untracked(), &v));
            }
            Err(e) => profile_problem.set(Some(e.to_string())),
        }
    };
    let signal_of = move |field: &str| match field {
        "my_name" => my_name,
        "my_role" => my_role,
        "target_narrow" => target_narrow,
        _ => target_broad,
    };
    let save = move || -> Option<Id> {
        let result = drafter::save_draft(
            state,
            draft_id.get_untracked(),
            &pid.get_value(),
            kind,
            channel.get_untracked(),
            &subject.get_untracked(),
            &body.get_untracked(),
            Id::parse(&other.get_untracked()).ok(),
        );
        match result {
            Ok(id) => {
                draft_id.set(Some(id));
                Some(id)
            }
            Err(e) => {
                problem.set(Some(e.to_string()));
                None
            }
        }
    };
    // A draft is kept as it is typed (a moment after the last change), so leaving the editor
    // loses nothing; it waits on Today as "Finish your message".
    let typed = StoredValue::new(0u32);
    let sent_or_discarded = StoredValue::new(false);
    Effect::new(move |first: Option<()>| {
        subject.track();
        body.track();
        channel.track();
        if first.is_none() {
            return;
        }
        typed.update_value(|n| *n += 1);
        let this = typed.get_value();
        set_timeout(
            move || {
                if typed.try_get_value() == Some(this) && sent_or_discarded.try_get_value() == Some(false) {
                    let _ = save();
                }
            },
            std::time::Duration::from_millis(800),
        );
    });
    let sent_person = person;
    let mark_sent = move |_| {
        if !ready() {
            return;
        }
        if let Some(id) = save() {
            sent_or_discarded.set_value(true);
            match drafter::mark_sent(state, &id) {
                // Back where the user was before writing (Today, an interview, the person…).
                Ok(()) => route::go(&state.before_writing.get_untracked().unwrap_or(Route::Person(sent_person))),
                Err(e) => problem.set(Some(e.to_string())),
            }
        }
    };
    let copy = move |_| {
        if !ready() {
            return;
        }
        let _ = save();
        let text = if channel.get_untracked() == MessageChannel::Email {
            format!("{}\n\n{}", subject.get_untracked(), body.get_untracked())
        } else {
            body.get_untracked()
        };
        drafter::copy(text, move |r| {
            copied.set(Some(match r {
                Ok(()) => "Copied to the clipboard.".into(),
                Err(e) => e,
            }))
        });
    };
    let email = StoredValue::new(p.email.clone());
    let mailto = move || {
        let enc = |t: &str| String::from(js_sys::encode_uri_component(t));
        // The address is validated (no spaces, one @), so it goes in as written; subject and
        // body are percent-encoded as UTF-8, which mail clients decode for any script.
        format!("mailto:{}?subject={}&body={}", email.get_value(), enc(&subject.get()), enc(&body.get()))
    };
    let discard = move |_| {
        sent_or_discarded.set_value(true);
        if let Some(id) = draft_id.get_untracked() {
            match drafter::discard_draft(state, &id) {
                Ok(()) => route::go(&Route::OutreachTo(person)),
                Err(e) => problem.set(Some(e.to_string())),
            }
        }
    };
    let others: Vec<(String, String)> = state.network.with_untracked(|n| {
        let mut l: Vec<(String, String)> =
            n.live_people().filter(|o| o.id != p.id).map(|o| (o.id.to_string(), o.name.clone())).collect();
        rapport_core::order::sort_by_key(&mut l, |(_, name)| name.to_lowercase());
        l
    });
    let profile_url = p.profile_url.clone();
    view! {
        <section class="page compose">
            <div class="page-head">
                <h1>{format!("{} to {}", kind.label(), p.name)}</h1>
                <a class="button secondary" href=Route::OutreachTo(p.id).href()>"Other templates"</a>
            </div>
            <div class="compose-grid">
                <form class="card" novalidate aria-label="Draft" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); if save().is_some() { copied.set(Some("Draft saved.".into())); } }>
                    <div class="grid">
                        <div class="field">
                            <label for="phrasing">"Phrasing"</label>
                            <select id="phrasing" on:change=move |ev| use_phrasing(event_target_value(&ev))>
                                {options.with_value(|o| o.iter().enumerate().map(|(i, ph)| view! { <option value=i.to_string()>{ph.name.clone()}</option> }).collect_view())}
                            </select>
                        </div>
                        <div class="field">
                            <label for="channel">"Channel"</label>
                            <select id="channel" on:change=move |ev| if let Some(c) = MessageChannel::from_key(&event_target_value(&ev)) { channel.set(c) }>
                                {kind.channels().iter().map(|c| view! { <option value=c.key() selected=move || channel.get() == *c>{c.label()}</option> }).collect_view()}
                            </select>
                        </div>
                        {(kind == TemplateKind::DoubleOptIn).then(|| {
                            let options = others.clone();
                            view! {
                                <crate::components::combobox::Combobox id="other-party" label="The other person" value=other
                                    options=Signal::derive(move || options.clone()) placeholder="Type a name"
                                    on_choose=Callback::new(move |_: String| use_phrasing(phrasing.get_untracked())) />
                            }
                        })}
                    </div>
                    <Show when=move || channel.get() == MessageChannel::Email>
                        <div class="field">
                            <label for="subject">"Subject"</label>
                            <input id="subject" type="text" bind:value=subject />
                        </div>
                    </Show>
                    <div class="field">
                        <label for="body">"Message"</label>
                        <textarea id="body" rows="12" bind:value=body></textarea>
                        <p class="hint">{move || format!("{} words · {} characters", word_count(&body.get()), utf16_len(&body.get()))}</p>
                    </div>
                    {move || {
                        let list = missing.get();
                        let marks = brackets.get();
                        (!list.is_empty() || !marks.is_empty()).then(|| view! {
                            <div class="missing" role="status">
                                <p><strong>"Fill in or remove these before sending: "</strong>
                                {list.into_iter().map(|f| {
                                    let meaning = FIELDS.iter().find(|(k, _)| *k == f).map(|(_, m)| *m).unwrap_or("");
                                    view! { <mark class="field-mark" title=meaning>{format!("{{{f}}}")}</mark> " " }
                                }).collect_view()}
                                {marks.into_iter().map(|m| view! { <mark class="field-mark" title="a placeholder for you to replace">{m}</mark> " " }).collect_view()}
                                </p>
                            </div>
                        })
                    }}
                    {move || {
                        let mine = mine_missing.get();
                        (!mine.is_empty()).then(|| view! {
                            <fieldset class="card mine" aria-label="About you">
                                <legend>"About you"</legend>
                                <p class="muted">"These come from Settings → My profile. Fill them in here; they are saved there for every message."</p>
                                {mine.into_iter().map(|f| {
                                    let (label, hint) = MY_FIELDS.iter().find(|(k, _, _)| *k == f).map(|(_, l, h)| (*l, *h)).unwrap_or(("", ""));
                                    let id = format!("mine-{f}");
                                    let value = signal_of(f);
                                    view! {
                                        <div class="field">
                                            <label for=id.clone()>{label}</label>
                                            <input id=id type="text" bind:value=value />
                                            <p class="hint">{hint}</p>
                                        </div>
                                    }
                                }).collect_view()}
                                <button type="button" class="secondary" on:click=save_mine>"Fill in and save to my profile"</button>
                                {move || profile_problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                            </fieldset>
                        })
                    }}
                    <div class="actions">
                        <button type="button" on:click=copy prop:disabled=move || !ready()>"Copy"</button>
                        <Show when=move || channel.get() == MessageChannel::Email && ready()
                            fallback=|| view! { <button type="button" class="secondary" disabled>"Open in email"</button> }>
                            <a class="button secondary" href=mailto rel="noopener noreferrer">"Open in email"</a>
                        </Show>
                        {rapport_core::input::web_link(&profile_url).is_some().then(|| view! {
                            <a class="button secondary" href=profile_url.clone() target="_blank" rel="noopener noreferrer">"Open profile"</a>
                        })}
                        <button type="button" on:click=mark_sent prop:disabled=move || !ready()>"Mark as sent"</button>
                        <button type="submit" class="secondary">"Save draft"</button>
                        <Show when=move || draft_id.with(Option::is_some)>
                            <button type="button" class="secondary danger" on:click=discard>"Discard"</button>
                        </Show>
                    </div>
                    {move || copied.get().map(|c| view! { <p class="muted" role="status">{c}</p> })}
                    {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                    <details class="save-phrasing">
                        <summary>"Save this text as my own phrasing"</summary>
                        <div class="inline-form">
                            <div class="field"><label for="phrasing-name">"Name"</label><input id="phrasing-name" type="text" bind:value=phrasing_name /></div>
                            <button type="button" class="secondary" on:click=move |_| {
                                match drafter::save_phrasing(state, kind, &phrasing_name.get_untracked(), &subject.get_untracked(), &body.get_untracked()) {
                                    Ok(()) => phrasing_name.set(String::new()),
                                    Err(e) => problem.set(Some(e.to_string())),
                                }
                            }>"Save phrasing"</button>
                        </div>
                        <p class="hint">"Keep merge fields such as {first_name} in the text to reuse it with anyone."</p>
                    </details>
                </form>
                <div class="card checks" aria-label="Checks">
                    <h2>"Checks"</h2>
                    {move || match summary(&checks.get()) {
                        Ok(()) => view! { <p class="ready">"Ready to send."</p> }.into_any(),
                        Err(left) => view! { <p class="not-ready">{format!("{} to fix before sending.", left.len())}</p> }.into_any(),
                    }}
                    <ul class="check-list">
                        {move || checks.get().into_iter().map(|c| {
                            let (mark, class) = match c.status {
                                Status::Pass => ("✓", "pass"),
                                Status::Fail => ("✗", "fail"),
                                Status::NotApplicable => ("–", "na"),
                            };
                            let status = match c.status { Status::Pass => "passes", Status::Fail => "fails", Status::NotApplicable => "does not apply" };
                            view! {
                                <li class=class aria-label=format!("{} {status}", c.name)>
                                    <span class="mark" aria-hidden="true">{mark}</span>
                                    <div>
                                        <strong>{c.name}</strong>
                                        <p>{c.why}</p>
                                        <p class="muted"><a href=Route::Method.href() title=c.method>"The method"</a></p>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        </section>
    }
    .into_any()
}

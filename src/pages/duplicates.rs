//! The duplicate finder and the merge screen: likely pairs with the reason, then a
//! field-by-field choice of values. Merging keeps every interaction, interview and draft,
//! and can be undone.

use crate::browser;
use crate::route::{self, Route};
use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::duplicates::{self, merged_fields, Pick, FIELDS};
use rapport_core::{Id, Person};
use std::collections::BTreeMap;

/// Pairs drawn at once, and per "Show more".
const PAGE: usize = 50;

#[component]
pub fn DuplicatesPage() -> impl IntoView {
    browser::set_title("Duplicates");
    let state = AppState::context();
    let pairs = Memo::new(move |_| {
        state.network.with(|n| {
            duplicates::find(n)
                .into_iter()
                .filter_map(|p| {
                    let (a, b) = (n.person(&p.a)?, n.person(&p.b)?);
                    Some((p.a, p.b, a.name.clone(), a.headline(), b.name.clone(), b.headline(), p.reason.label()))
                })
                .collect::<Vec<_>>()
        })
    });
    // Drawn 50 pairs at a time: a large import can still make hundreds.
    let limit = RwSignal::new(PAGE);
    let total = move || pairs.with(Vec::len);
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Possible duplicates"</h1>
                <a class="button secondary" href=Route::Network.href()>"Back to Network"</a>
            </div>
            <p class="muted">"Pairs with the same profile URL or email, or very close names at the same company. Merge them, or say they are different people."</p>
            <Show when=move || !pairs.with(Vec::is_empty) fallback=|| view! { <div class="card empty"><p>"No likely duplicates."</p></div> }>
                <ul class="cards" aria-label="Duplicate pairs">
                    {move || pairs.get().into_iter().take(limit.get()).map(|(a, b, an, ah, bn, bh, why)| {
                        let (a2, b2) = (a, b);
                        let label = format!("{an} and {bn}");
                        view! {
                            <li class="card row" aria-label=label>
                                <div class="row-main">
                                    <p><strong>{an.clone()}</strong>" · "<span class="muted">{ah}</span></p>
                                    <p><strong>{bn.clone()}</strong>" · "<span class="muted">{bh}</span></p>
                                    <p class="chip">{why}</p>
                                </div>
                                <div class="actions">
                                    <a class="button" href=Route::Merge(a, b).href()>"Review and merge"</a>
                                    <button type="button" class="secondary" on:click=move |_| { let _ = actions::not_duplicates(state, &a2, &b2); }>"Different people"</button>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || (total() > limit.get()).then(|| {
                    let left = total() - limit.get();
                    view! {
                        <div class="actions">
                            <button type="button" class="secondary" on:click=move |_| limit.update(|l| *l += PAGE)>
                                {format!("Show {} more ({left} not shown)", left.min(PAGE))}
                            </button>
                        </div>
                    }
                })}
            </Show>
        </section>
    }
}

fn shown(p: &Person, field: &str, names: &dyn Fn(&Id) -> String) -> String {
    let f = p.fields();
    match field {
        "name" => f.name,
        "company" => f.company,
        "role" => f.role,
        "department" => f.department,
        "seniority" => f.seniority.map(|s| s.label().to_string()).unwrap_or_default(),
        "location" => f.location,
        "email" => f.email,
        "phone" => f.phone,
        "profile_url" => f.profile_url,
        "origin" => f.origin.map(|o| o.label().to_string()).unwrap_or_default(),
        "introduced_by" => f.introduced_by.as_ref().map(names).unwrap_or_default(),
        "cadence_days" => f.cadence_days.map(|d| format!("{d} days")).unwrap_or_default(),
        "notes" => f.notes,
        _ => String::new(),
    }
}

#[component]
pub fn MergePage(a: Id, b: Id) -> impl IntoView {
    browser::set_title("Merge");
    let state = AppState::context();
    let people = state.network.with_untracked(|n| Some((n.person(&a)?.clone(), n.person(&b)?.clone())));
    let Some((first, second)) = people else {
        return view! {
            <section class="page">
                <h1>"Merge"</h1>
                <div class="card"><p>"One of these people no longer exists (merged or deleted already)."</p>
                <a class="button" href=Route::Duplicates.href()>"Back to duplicates"</a></div>
            </section>
        }
        .into_any();
    };
    // Keep the record with more history; its id (and links to it) survive.
    let (kept, other) = state.network.with_untracked(|n| {
        if n.interactions_of(&second.id).len() > n.interactions_of(&first.id).len() {
            (second.clone(), first.clone())
        } else {
            (first.clone(), second.clone())
        }
    });
    let names =
        move |id: &Id| state.network.with_untracked(|n| n.person(id).map(|p| p.name.clone()).unwrap_or_default());
    let picks = RwSignal::new(BTreeMap::<&'static str, Pick>::new());
    let join_notes = RwSignal::new(true);
    let problem = RwSignal::new(None::<String>);
    let counts = state.network.with_untracked(|n| {
        (n.interactions_of(&kept.id).len() + n.interactions_of(&other.id).len(), n.interactions_of(&other.id).len())
    });
    let rows = FIELDS
        .iter()
        .filter_map(|(field, label)| {
            let (mine, theirs) = (shown(&kept, field, &names), shown(&other, field, &names));
            if mine == theirs {
                return None;
            }
            // An empty value never wins by default.
            if mine.is_empty() {
                picks.update(|p| {
                    p.insert(field, Pick::Other);
                });
            }
            let group = format!("pick-{field}");
            Some(view! {
                <fieldset class="merge-field">
                    <legend>{*label}</legend>
                    <label class="check"><input type="radio" name=group.clone()
                        prop:checked=move || picks.with(|p| p.get(field).copied().unwrap_or(Pick::Kept) == Pick::Kept)
                        on:change=move |_| picks.update(|p| { p.insert(field, Pick::Kept); }) />
                        " "{if mine.is_empty() { "(empty)".to_string() } else { mine.clone() }}</label>
                    <label class="check"><input type="radio" name=group
                        prop:checked=move || picks.with(|p| p.get(field).copied() == Some(Pick::Other))
                        on:change=move |_| picks.update(|p| { p.insert(field, Pick::Other); }) />
                        " "{if theirs.is_empty() { "(empty)".to_string() } else { theirs.clone() }}</label>
                </fieldset>
            })
        })
        .collect_view();
    let both_notes = !kept.notes.trim().is_empty() && !other.notes.trim().is_empty() && kept.notes != other.notes;
    let (kept_id, other_id) = (kept.id, other.id);
    let merge = move |_| {
        // The people as they are now (edited since this screen opened, perhaps in another tab).
        let current =
            state.network.with_untracked(|n| Some((n.person(&kept_id)?.clone(), n.person(&other_id)?.clone())));
        let Some((k2, o2)) = current else {
            problem.set(Some("One of them no longer exists (deleted or merged in another tab).".into()));
            return;
        };
        let fields = merged_fields(&k2, &o2, &picks.get_untracked(), join_notes.get_untracked());
        match actions::merge_people(state, &kept_id, &other_id, fields) {
            Ok(()) => route::go(&Route::Person(kept_id)),
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    view! {
        <section class="page">
            <h1>{format!("Merge {} and {}", kept.name, other.name)}</h1>
            <div class="card" role="region" aria-label="Merge">
                <p>{format!("The merged person keeps every interaction ({}, {} from {}), every interview and draft of both, both sets of tags, and is marked as knowing your work if either was.", counts.0, counts.1, other.name)}</p>
                <p class="muted">"Where they differ, choose the value to keep:"</p>
                {rows}
                {both_notes.then(|| view! {
                    <label class="check"><input type="checkbox" prop:checked=move || join_notes.get() on:change=move |ev| join_notes.set(event_target_checked(&ev)) />" Keep both notes, one after the other (untick to keep only the one chosen above)"</label>
                })}
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                <div class="actions">
                    <button type="button" on:click=merge>"Merge"</button>
                    <a class="button secondary" href=Route::Duplicates.href()>"Cancel"</a>
                </div>
            </div>
        </section>
    }
    .into_any()
}

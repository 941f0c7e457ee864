//! Import & export: every way data comes in or goes out, the record of past imports (each can
//! be undone whole), and company names (normalised, with aliases the user joins).

use crate::browser;
use crate::components::import::ImportPeople;
use crate::route::Route;
use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::company::Companies;
use rapport_core::import::batch::ImportBatch;
use rapport_core::{Id, Slot};
use std::collections::BTreeMap;

#[component]
pub fn ImportExportPage() -> impl IntoView {
    browser::set_title("Import & export");
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Import & export"</h1>
                <a class="button secondary" href=Route::Settings.href()>"Back to Settings"</a>
            </div>
            <ImportPeople />
            <ExportCard />
            <Imports />
            <CompanyNames />
        </section>
    }
}

#[component]
fn ExportCard() -> impl IntoView {
    let state = AppState::context();
    let bom = RwSignal::new(true);
    let problem = RwSignal::new(None::<String>);
    let encrypt = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let backup = move |_| {
        if !encrypt.get_untracked() {
            problem.set(actions::download_backup(state).err());
            return;
        }
        let (p, a) = (passphrase.get_untracked(), again.get_untracked());
        if let Err(e) = crate::components::lock::check_new(&p, &a) {
            problem.set(Some(format!("The backup was not made: {e}")));
            return;
        }
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let result = actions::download_encrypted_backup(state, p).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    passphrase.set(String::new());
                    again.set(String::new());
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    let csv = move |_| {
        let today = browser::today();
        let text = state.network.with_untracked(|n| {
            let people: Vec<&rapport_core::Person> = n.live_people().collect();
            rapport_core::export::people_csv(n, &people, today, bom.get_untracked())
        });
        problem.set(browser::download(&format!("rapport-people-{today}.csv"), &text, "text/csv").err());
    };
    let vcard = move |_| {
        let today = browser::today();
        let text = state.network.with_untracked(|n| {
            let people: Vec<&rapport_core::Person> = n.live_people().collect();
            rapport_core::export::people_vcard(&people)
        });
        problem.set(browser::download(&format!("rapport-people-{today}.vcf"), &text, "text/vcard").err());
    };
    view! {
        <div class="card" role="region" aria-label="Export">
            <h2>"Export"</h2>
            <p class="muted">"Files are made here in the browser and saved by your browser's download; nothing is sent anywhere. To export some people only, select them in the Network list."</p>
            <div class="actions">
                <button type="button" on:click=backup disabled=move || busy.get()>
                    {move || if busy.get() { "Encrypting…" } else if encrypt.get() { "Download everything, encrypted (JSON)" } else { "Download everything (JSON)" }}
                </button>
                <button type="button" class="secondary" on:click=csv>"People as CSV"</button>
                <button type="button" class="secondary" on:click=vcard>"People as vCard"</button>
            </div>
            <label class="check"><input type="checkbox" prop:checked=move || encrypt.get() on:change=move |ev| encrypt.set(event_target_checked(&ev)) />
                " Encrypt the backup with a passphrase (AES-256-GCM; needed again to restore it)"</label>
            <Show when=move || encrypt.get()>
                <div class="grid">
                    <div class="field">
                        <label for="backup-passphrase">"Backup passphrase (at least 8 characters)"</label>
                        <input id="backup-passphrase" type="password" autocomplete="new-password" bind:value=passphrase />
                    </div>
                    <div class="field">
                        <label for="backup-again">"The same passphrase again"</label>
                        <input id="backup-again" type="password" autocomplete="new-password" bind:value=again />
                    </div>
                </div>
                <p class="muted">"A forgotten backup passphrase can't be recovered. The file's format is documented in Rapport's ARCHITECTURE.md."</p>
            </Show>
            <label class="check"><input type="checkbox" prop:checked=move || bom.get() on:change=move |ev| bom.set(event_target_checked(&ev)) />
                " CSV for Excel (starts with a byte-order mark, so accented names show correctly)"</label>
            <p class="muted">"CSV cells that start with = + - or @ get a leading apostrophe, so a spreadsheet never runs them as formulas."</p>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </div>
    }
}

#[component]
fn Imports() -> impl IntoView {
    let state = AppState::context();
    let batches = Memo::new(move |_| {
        state.network.with(|n| {
            let mut list: Vec<ImportBatch> = n.batches().values().filter_map(Slot::live).cloned().collect();
            rapport_core::order::sort_by(&mut list, |a, b| b.at.cmp(&a.at));
            list
        })
    });
    let confirming = RwSignal::new(None::<Id>);
    let message = RwSignal::new(None::<(bool, String)>);
    view! {
        <div class="card" role="region" aria-label="Past imports">
            <h2>"Past imports"</h2>
            <p class="muted">"Undoing an import removes the people and interactions it added and puts back what it changed. Anyone you edited or logged an interaction with since is kept."</p>
            {move || message.get().map(|(ok, m)| if ok { view! { <p role="status">{m}</p> }.into_any() } else { view! { <p class="error" role="alert">{m}</p> }.into_any() })}
            <Show when=move || !batches.with(Vec::is_empty) fallback=|| view! { <p>"No imports yet."</p> }>
                <ul class="plain" aria-label="Imports">
                    <For each=move || batches.get() key=|b| (b.id, b.updated) let:b>
                        {
                            let id = b.id;
                            let id2 = b.id;
                            let id3 = b.id;
                            let title = format!("{} · {}", b.file, b.kind.label());
                            let when = browser::local_datetime(b.at);
                            let undone = b.undone.map(|u| format!("Undone {}", browser::local_datetime(u)));
                            view! {
                                <li class="batch">
                                    <p><strong>{title}</strong></p>
                                    <p class="muted">{format!("{when}: {}", b.summary())}</p>
                                    {match undone {
                                        Some(u) => view! {
                                            <p>{u}" "<button type="button" class="link" on:click=move |_| { let _ = actions::forget_batch(state, &id); }>"Remove from this list"</button></p>
                                        }.into_any(),
                                        None => view! {
                                            <div class="actions">
                                                <Show when={ let id = id2; move || confirming.with(|c| c.as_ref() == Some(&id)) }
                                                    fallback={ let id = id2; move || { let id = id; view! { <button type="button" class="secondary" on:click=move |_| confirming.set(Some(id))>"Undo this import"</button> } } }>
                                                    {
                                                        let id = id3;
                                                        view! {
                                                            <p>"Remove what this import added?"</p>
                                                            <button type="button" class="danger" on:click=move |_| {
                                                                confirming.set(None);
                                                                match actions::undo_batch(state, &id) {
                                                                    Ok(m) => message.set(Some((true, m))),
                                                                    Err(e) => message.set(Some((false, e.to_string()))),
                                                                }
                                                            }>"Yes, undo the import"</button>
                                                            <button type="button" class="secondary" on:click=move |_| confirming.set(None)>"Keep it"</button>
                                                        }
                                                    }
                                                </Show>
                                            </div>
                                        }.into_any(),
                                    }}
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </div>
    }
}

/// Company names: spellings that already count as one, the user's joins, and a form to join
/// more ("Alphabet" into "Google").
#[component]
fn CompanyNames() -> impl IntoView {
    let state = AppState::context();
    let alias = RwSignal::new(String::new());
    let into = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let groups = Memo::new(move |_| {
        state.network.with(|n| {
            let companies = Companies::new(&n.settings.metrics.company_aliases);
            let mut groups: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
            for p in n.live_people().filter(|p| !p.company.trim().is_empty()) {
                *groups
                    .entry(companies.key(&p.company))
                    .or_default()
                    .entry(p.company.trim().to_string())
                    .or_default() += 1;
            }
            groups.into_values().filter(|g| g.len() > 1).map(|g| g.into_iter().collect::<Vec<_>>()).collect::<Vec<_>>()
        })
    });
    let names = Memo::new(move |_| {
        state.network.with(|n| {
            let mut all: Vec<String> =
                n.live_people().map(|p| p.company.trim().to_string()).filter(|c| !c.is_empty()).collect();
            rapport_core::order::sort(&mut all);
            all.dedup();
            all
        })
    });
    let aliases = move || state.network.with(|n| n.settings.metrics.company_aliases.clone());
    let join = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match actions::join_company(state, &alias.get_untracked(), &into.get_untracked()) {
            Ok(()) => {
                problem.set(None);
                alias.set(String::new());
                into.set(String::new());
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    view! {
        <div class="card" role="region" aria-label="Company names">
            <h2>"Company names"</h2>
            <p class="muted">"Names are compared without case, accents, punctuation or legal forms, so “Google” and “Google LLC” are one company. Join other names yourself. LAMP advocacy, internal breadth and company diversity all use the joined names."</p>
            <Show when=move || !groups.with(Vec::is_empty)>
                <h3>"Spellings counted as one"</h3>
                <ul class="plain">
                    {move || groups.get().into_iter().map(|g| view! {
                        <li>{g.iter().map(|(name, n)| format!("{name} ({n})")).collect::<Vec<_>>().join(" = ")}</li>
                    }).collect_view()}
                </ul>
            </Show>
            <Show when=move || !aliases().is_empty()>
                <h3>"Your joins"</h3>
                <ul class="plain" aria-label="Joined company names">
                    {move || aliases().into_iter().enumerate().map(|(i, a)| view! {
                        <li>{format!("{} → {}", a.alias, a.into)}" "
                            <button type="button" class="link" aria-label=format!("Remove the join of {} into {}", a.alias, a.into)
                                on:click=move |_| { let _ = actions::unjoin_company(state, i); }>"Remove"</button>
                        </li>
                    }).collect_view()}
                </ul>
            </Show>
            <form class="inline-form" on:submit=join novalidate>
                <datalist id="company-names">{move || names.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}</datalist>
                <div class="field">
                    <label for="alias">"Count this company"</label>
                    <input id="alias" type="text" list="company-names" bind:value=alias />
                </div>
                <div class="field">
                    <label for="alias-into">"as"</label>
                    <input id="alias-into" type="text" list="company-names" bind:value=into />
                </div>
                <button type="submit">"Join"</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </div>
    }
}

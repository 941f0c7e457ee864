//! The network list: search as you type, filters, sort, and a quick "Log" on every row.

use crate::browser;
use crate::components::interaction_form::InteractionForm;
use crate::route::Route;
use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::insights::Stage;
use rapport_core::list::{facets, narrows, ListIndex, ListQuery, ListRow, SearchText, SortBy};
use rapport_core::{Id, Origin, Source};

/// The first-run offer: add someone, or explore with the sample network.
#[component]
pub fn EmptyNetwork() -> impl IntoView {
    let state = AppState::context();
    let problem = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let try_sample = move |_| {
        loading.set(true);
        leptos::task::spawn_local(async move {
            let result = actions::load_sample(state).await;
            loading.try_set(false);
            problem.try_set(result.err().map(|e| e.to_string()));
        });
    };
    view! {
        <div class="card empty">
            <h2>"Start with the people you already know"</h2>
            <p>"Networking is a small number of genuine relationships, not a count of connections. Warm ties come first: former colleagues, managers and classmates. Add them, and log each real exchange you have."</p>
            <p class="muted">"Everything stays in this browser. There is no account and no server."</p>
            <div class="actions">
                <a class="button" href=Route::NewPerson.href()>"Add a person"</a>
                <a class="button secondary" href=Route::ImportExport.href()>"Import your LinkedIn connections"</a>
                <button type="button" class="secondary" on:click=try_sample disabled=move || loading.get()>"Try a sample network"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </div>
    }
}

#[component]
pub fn NetworkPage() -> impl IntoView {
    browser::set_title("Network");
    let state = AppState::context();
    let today = browser::today();
    // As the user left it (Back, or a tab, returns to the same list).
    let kept = state.list_view.get_value();
    let text = RwSignal::new(kept.text.clone());
    let tag = RwSignal::new(kept.tag.clone());
    let origin = RwSignal::new(kept.origin.clone());
    let company = RwSignal::new(kept.company.clone());
    let source = RwSignal::new(kept.source.clone());
    let sort = RwSignal::new(if kept.sort.is_empty() { "name".to_string() } else { kept.sort.clone() });
    let stage = RwSignal::new(kept.stage.clone());
    // Everyone, relationships and acquaintances only, or the archived. The list never opens
    // on an empty view: with nobody known yet, it opens on everyone.
    let known_first = state
        .network
        .with_untracked(|n| n.settings.prefs.list_known_first && rapport_core::list::anyone_known(n, today));
    let show = RwSignal::new(if !kept.show.is_empty() {
        kept.show.clone()
    } else if known_first {
        "known".to_string()
    } else {
        "everyone".to_string()
    });
    Effect::new(move |_| {
        let view = crate::state::ListView {
            text: text.get(),
            show: show.get(),
            sort: sort.get(),
            tag: tag.get(),
            origin: origin.get(),
            company: company.get(),
            source: source.get(),
            stage: stage.get(),
        };
        state.list_view.set_value(view);
    });
    let selected = RwSignal::new(std::collections::BTreeSet::<Id>::new());
    let filters_open = RwSignal::new(false);
    let any_filter = [&kept.tag, &kept.origin, &kept.company, &kept.source, &kept.stage].iter().any(|v| !v.is_empty());
    if any_filter {
        filters_open.set(true);
    }
    let active_count =
        move || [tag, origin, company, source, stage].iter().filter(|s| s.with(|v| !v.is_empty())).count();
    let query = move || ListQuery {
        known_only: show.with(|s| s == "known"),
        archived: show.with(|s| s == "archived"),
        text: text.get(),
        tag: Some(tag.get()).filter(|t| !t.is_empty()),
        origin: Origin::from_key(&origin.get()),
        company: Some(company.get()).filter(|c| !c.is_empty()),
        source: Source::from_key(&source.get()),
        stage: Stage::from_key(&stage.get()),
        sort: match sort.get().as_str() {
            "recent" => SortBy::LastInteraction,
            "strength" => SortBy::Strength,
            _ => SortBy::Name,
        },
    };
    // The list, computed once per change to the network; a keystroke only filters and sorts
    // it, and a search that only adds letters narrows the last result.
    let last = StoredValue::new(None::<(ListQuery, Vec<usize>)>);
    let index = Memo::new(move |_| {
        last.set_value(None);
        let started = browser::performance_now();
        let metrics = state.metrics.get();
        let index = state.network.with(|n| ListIndex::build_with(n, &metrics.as_of(n, today).by_person, today));
        browser::measure("rapport-list-index", started);
        index
    });
    // The folded search text: a memo read only once there is something to search for, and
    // warmed just after the list first paints, so it is not on the way to the first paint.
    let search = Memo::new(move |_| index.with(|i| state.network.with(|n| SearchText::build(n, i))));
    let found = Memo::new(move |_| {
        let q = query();
        let result = index.with(|i| {
            let within = last.with_value(|l| l.as_ref().filter(|(b, _)| narrows(b, &q)).map(|(_, f)| f.clone()));
            if q.text.trim().is_empty() {
                i.query(&q, within.as_deref(), None)
            } else {
                search.with(|text| i.query(&q, within.as_deref(), Some(text)))
            }
        });
        last.set_value(Some((q, result.clone())));
        result
    });
    // Rows are drawn a page at a time (more as the end of the list scrolls into view), so
    // the page holds a bounded number of nodes however large the network.
    //
    // Within a page, one change draws at most a screenful of rows that were not on the page
    // before (first_rows), and the rest follow CHUNK_ROWS at a time, each a
    // frame after the one before has painted (issue 19). A letter that replaces the whole
    // list waits for the rows on screen only; a letter that narrows the list keeps its rows
    // and draws at once; a key pressed meanwhile is handled before the next chunk, and a
    // newer search drops the older one's chunks.
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        query();
        if limit.get_untracked() != PAGE {
            limit.set(PAGE);
        }
    });
    // The search the chunks were granted for, and how many rows they add.
    let chunks = RwSignal::new((None::<ListQuery>, 0usize));
    // The rows on the page when the search last changed: what counts as already drawn for
    // every recomputation under the same search (a memo may run more than once per change).
    let baseline = StoredValue::new((None::<ListQuery>, std::collections::BTreeSet::<Id>::new()));
    // Read once: window.innerHeight in the middle of an update would force a layout.
    let first = first_rows();
    let rows = Memo::new(move |prev: Option<&Vec<ListRow>>| {
        let wanted = limit.get();
        let q = query();
        let extra = chunks.with(|(asked, n)| if asked.as_ref() == Some(&q) { *n } else { 0 });
        if baseline.with_value(|(asked, _)| asked.as_ref() != Some(&q)) {
            let shown = prev.map(|r| r.iter().map(|row| row.id).collect()).unwrap_or_default();
            baseline.set_value((Some(q.clone()), shown));
        }
        let mut allowance = first + extra;
        found.with(|f| {
            index.with(|i| {
                baseline.with_value(|(_, before)| {
                    let mut out = Vec::new();
                    for row in f.iter().take(wanted).filter_map(|&p| i.row(p)) {
                        if !before.contains(&row.id) {
                            if allowance == 0 {
                                break;
                            }
                            allowance -= 1;
                        }
                        out.push(row.clone());
                    }
                    out
                })
            })
        })
    });
    Effect::new(move |_| {
        let drawn = rows.with(Vec::len);
        let wanted = limit.get().min(found.with(Vec::len));
        if drawn < wanted {
            let asked = query();
            browser::after_frames(2, move || {
                let _ = chunks.try_update(|(granted, n)| {
                    if granted.as_ref() == Some(&asked) {
                        *n += CHUNK_ROWS;
                    } else {
                        *granted = Some(asked);
                        *n = CHUNK_ROWS;
                    }
                });
            });
        }
    });
    let shown_ids = move || -> Vec<Id> {
        found.with(|f| index.with(|i| f.iter().filter_map(|&p| i.row(p).map(|r| r.id)).collect()))
    };
    // For the benchmark: a mark once the list has first painted with people in it.
    let painted = StoredValue::new(false);
    Effect::new(move |_| {
        if !painted.get_value() && rows.with(|r| !r.is_empty()) {
            painted.set_value(true);
            browser::mark_at_next_frame("rapport-list-painted");
            set_timeout(
                move || {
                    let _ = search.try_with_untracked(|_| ());
                },
                std::time::Duration::from_millis(50),
            );
        }
    });
    let facets = Memo::new(move |_| state.network.with(facets));
    // The selection only ever holds people who are shown (filters change, another tab deletes).
    Effect::new(move |_| {
        // With nothing selected (the usual case) there is nothing to check: no set of every
        // shown id is built at each keystroke.
        found.track();
        if selected.with(|s| s.is_empty()) {
            return;
        }
        let shown: std::collections::BTreeSet<Id> = rapport_core::order::btree_set(shown_ids());
        if selected.with_untracked(|s| s.iter().any(|id| !shown.contains(id))) {
            selected.update(|s| s.retain(|id| shown.contains(id)));
        }
    });
    let total = Memo::new(move |_| state.network.with(|n| n.live_count()));
    let to_review = Memo::new(move |_| {
        state.network.with(|n| n.live_people().filter(|p| rapport_core::review::waiting(p)).count())
    });
    let has_sample = Memo::new(move |_| state.network.with(|n| n.has_sample()));
    let logging = RwSignal::new(None::<Id>);
    let remove_sample = move |_| {
        let _ = actions::remove_sample(state);
    };
    let option_list = |values: Vec<String>, chosen: RwSignal<String>| {
        values
            .into_iter()
            .map(|v| {
                let same = v.clone();
                let label = v.clone();
                view! { <option value=v selected=move || chosen.with(|c| *c == same)>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Network"</h1>
                <div class="actions">
                    <a class="button secondary" href=Route::ImportExport.href()>"Import"</a>
                    <a class="button secondary" href=Route::Duplicates.href()>"Find duplicates"</a>
                    <a class="button" href=Route::NewPerson.href()>"Add a person"</a>
                </div>
            </div>
            <Show when=move || has_sample.get()>
                <div class="banner info">
                    <p><strong>"This is sample data. "</strong>"The people marked “Sample” are invented, to show how Rapport works. Remove them in one step when you are ready to add your own."</p>
                    <div class="actions">
                        <button type="button" class="secondary" on:click=remove_sample>"Remove sample network"</button>
                    </div>
                </div>
            </Show>
            {move || {
                let waiting = to_review.get();
                (waiting > 0).then(|| view! {
                    <div class="banner info" role="region" aria-label="Review imported people">
                        <p>{format!("{} to review: who do you actually know? Keep the people you really know and put the rest aside.", rapport_core::text::count(waiting, "imported person", "imported people"))}</p>
                        <div class="actions"><a class="button secondary" href=Route::Review.href()>"Review"</a></div>
                    </div>
                })
            }}
            <Show when=move || { total.get() > 0 } fallback=|| view! { <EmptyNetwork /> }>
                <div class="filter-bar card">
                    <div class="field search">
                        <label for="search">"Search"</label>
                        <input id="search" type="search" placeholder="Name, company, role, tag or notes" bind:value=text
                            on:keydown=|ev: leptos::ev::KeyboardEvent| {
                                // ↓ moves from the search into the results.
                                if ev.key() == "ArrowDown" {
                                    let first = web_sys::window()
                                        .and_then(|w| w.document())
                                        .and_then(|d| d.query_selector("main [data-keylist] > li a[href]").ok().flatten())
                                        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
                                    if let Some(link) = first {
                                        ev.prevent_default();
                                        let _ = link.focus();
                                    }
                                }
                            } />
                    </div>
                    <div class="field">
                        <label for="filter-show">"Show"</label>
                        <select id="filter-show" on:change=move |ev| { show.set(event_target_value(&ev)); selected.set(Default::default()); }>
                            <option value="everyone" selected=move || show.with(|s| s == "everyone")>"Everyone"</option>
                            <option value="known" selected=move || show.with(|s| s == "known")>"People you know"</option>
                            <option value="archived" selected=move || show.with(|s| s == "archived")>"Archived"</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="sort">"Sort by"</label>
                        <select id="sort" on:change=move |ev| sort.set(event_target_value(&ev))>
                            <option value="name" selected=move || sort.with(|s| s == "name")>"Name"</option>
                            <option value="recent" selected=move || sort.with(|s| s == "recent")>"Last interaction"</option>
                            <option value="strength" selected=move || sort.with(|s| s == "strength")>"Tie strength"</option>
                        </select>
                    </div>
                    <button type="button" class="secondary filters-toggle" aria-expanded=move || filters_open.get().to_string()
                        aria-controls="filters-panel" on:click=move |_| filters_open.update(|o| *o = !*o)>
                        {move || match active_count() { 0 => "Filters".to_string(), n => format!("Filters ({n})") }}
                    </button>
                </div>
                <Show when=move || filters_open.get()>
                    <div class="filters card" id="filters-panel" role="region" aria-label="Filters">
                        <div class="field">
                            <label for="filter-tag">"Tag"</label>
                            <select id="filter-tag" on:change=move |ev| tag.set(event_target_value(&ev))>
                                <option value="" selected=move || tag.with(String::is_empty)>"Any tag"</option>
                                {move || option_list(facets.with(|f| f.tags.clone()), tag)}
                            </select>
                        </div>
                        <div class="field">
                            <label for="filter-origin">"Origin"</label>
                            <select id="filter-origin" on:change=move |ev| origin.set(event_target_value(&ev))>
                                <option value="" selected=move || origin.with(String::is_empty)>"Any origin"</option>
                                {Origin::ALL.iter().map(|o| { let key = o.key(); view! { <option value=key selected=move || origin.with(|v| v == key)>{o.label()}</option> } }).collect_view()}
                            </select>
                        </div>
                        <crate::components::combobox::Combobox id="filter-company" label="Company" value=company none="Any company"
                            options=Signal::derive(move || facets.with(|f| f.companies.iter().map(|c| (c.clone(), c.clone())).collect::<Vec<_>>()))
                            placeholder="Any company" />
                        <div class="field">
                            <label for="filter-source">"Source"</label>
                            <select id="filter-source" on:change=move |ev| source.set(event_target_value(&ev))>
                                <option value="" selected=move || source.with(String::is_empty)>"Any source"</option>
                                {Source::ALL.iter().map(|s| { let key = s.key(); view! { <option value=key selected=move || source.with(|v| v == key)>{s.label()}</option> } }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="filter-stage">"Stage"</label>
                            <select id="filter-stage" on:change=move |ev| stage.set(event_target_value(&ev))>
                                <option value="" selected=move || stage.with(String::is_empty)>"Any stage"</option>
                                {Stage::ALL.iter().map(|s| { let key = s.key(); view! { <option value=key selected=move || stage.with(|v| v == key)>{s.label()}</option> } }).collect_view()}
                            </select>
                        </div>
                    </div>
                </Show>
                {move || {
                    // The active filters, each one tap from removed, always in view.
                    let chips: Vec<(String, RwSignal<String>)> = [
                        (tag, "Tag", tag.get()),
                        (origin, "Origin", Origin::from_key(&origin.get()).map(|o| o.label().to_string()).unwrap_or_default()),
                        (company, "Company", company.get()),
                        (source, "Source", Source::from_key(&source.get()).map(|s| s.label().to_string()).unwrap_or_default()),
                        (stage, "Stage", Stage::from_key(&stage.get()).map(|s| s.label().to_string()).unwrap_or_default()),
                    ]
                    .into_iter()
                    .filter(|(_, _, v)| !v.is_empty())
                    .map(|(signal, name, v)| (format!("{name}: {v}"), signal))
                    .collect();
                    (!chips.is_empty()).then(|| view! {
                        <ul class="active-filters" aria-label="Active filters">
                            {chips.into_iter().map(|(text, signal)| view! {
                                <li class="chip">{text.clone()}
                                    <button type="button" class="link" aria-label=format!("Remove the filter {text}") on:click=move |_| signal.set(String::new())>"×"</button>
                                </li>
                            }).collect_view()}
                        </ul>
                    })
                }}
                <div class="list-head">
                    // Nothing to select when the search found no one ("Select the 0 shown").
                    <label class="check" hidden=move || rows.with(Vec::is_empty)>
                        <input type="checkbox"
                            prop:checked=move || { let n = rows.with(Vec::len); n > 0 && rows.with(|r| selected.with(|s| r.iter().all(|row| s.contains(&row.id)))) }
                            on:change=move |ev| {
                                if event_target_checked(&ev) {
                                    selected.set(rows.with(|r| r.iter().map(|row| row.id).collect()));
                                } else {
                                    selected.set(Default::default());
                                }
                            } />
                        {move || format!(" Select the {} shown", rows.with(Vec::len))}
                    </label>
                    {move || {
                        let matching = found.with(Vec::len);
                        let drawn = rows.with(Vec::len);
                        let chosen = selected.with(|s| s.len());
                        (matching > drawn && chosen >= drawn && chosen < matching).then(|| view! {
                            <button type="button" class="secondary" on:click=move |_| selected.set(shown_ids().into_iter().collect())>
                                {format!("Select all {matching} that match")}
                            </button>
                        })
                    }}
                    {move || {
                        let matching = found.with(Vec::len);
                        let chosen = selected.with(|s| s.len());
                        (chosen > rows.with(Vec::len) && chosen == matching).then(|| view! {
                            <p class="muted" role="status">{format!("All {matching} that match are selected, including those not drawn yet.")}</p>
                        })
                    }}
                    <p class="muted" role="status">
                        {move || {
                            let shown = found.with(Vec::len);
                            let all = total.get();
                            if shown == all { rapport_core::text::count(all, "person", "people") } else { format!("{shown} of {}", rapport_core::text::count(all, "person", "people")) }
                        }}
                    </p>
                </div>
                <Show when=move || selected.with(|s| !s.is_empty())>
                    <BulkActions selected=selected />
                </Show>
                // One listener for the whole list, not two per row: a row's checkbox and its
                // "Log interaction" button name their person in data-id. Adding and removing
                // rows at each keystroke then adds and removes no listeners (issue 19).
                <ul class="cards people-list" aria-label="People" data-keylist=""
                    on:change=move |ev| {
                        if let Some((id, input)) = row_target::<web_sys::HtmlInputElement>(&ev, "input.select") {
                            let on = input.checked();
                            selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                        }
                    }
                    on:click=move |ev| {
                        if let Some((id, _)) = row_target::<web_sys::HtmlElement>(&ev, "button.log") {
                            logging.set(Some(id));
                        }
                    }>
                    <For each=move || rows.get() key=|r| r.clone() let:row>
                        {
                            let id = row.id;
                            let last = match &row.last {
                                Some(l) if l.topic.is_empty() => format!("{} · {}", l.channel.label(), l.ago),
                                Some(l) => format!("{} · {} · {}", l.channel.label(), l.topic, l.ago),
                                None => "No interactions yet".to_string(),
                            };
                            let label = format!("Log interaction with {}", row.name);
                            view! {
                                <li class="card row">
                                    <input type="checkbox" class="select" aria-label=format!("Select {}", row.name) data-id=id.to_string()
                                        prop:checked={ let id = id; move || selected.with(|s| s.contains(&id)) } />
                                    <div class="row-main">
                                        <p class="line">
                                            <a class="name" href=Route::Person(row.id).href()>{row.name.clone()}</a>
                                            {(row.source == Source::Sample).then(|| view! { <span class="badge">"Sample"</span> })}
                                            <span class="muted headline">{row.headline.clone()}</span>
                                        </p>
                                        <p class="line tags">
                                            <span class=format!("chip stage {}", row.stage.key())>{row.stage.label()}</span>
                                            <span class="chip" title="Tie strength, 0–100">{format!("Strength {:.0}", f64::from(row.strength_tenths) / 10.0)}</span>
                                            {row.origin.map(|o| view! { <span class="chip origin">{o.label()}</span> })}
                                            {row.tags.iter().take(2).map(|t| view! { <span class="chip">{t.clone()}</span> }).collect_view()}
                                            <span class="last muted">{last}</span>
                                        </p>
                                    </div>
                                    <button type="button" class="secondary log" aria-label=label data-id=id.to_string()>"Log"<span class="long">"\u{a0}interaction"</span></button>
                                    <Show when=move || logging.with(|o| *o == Some(id))>
                                        <InteractionForm person=id done=move |_| logging.set(None) />
                                    </Show>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <MoreRows limit=limit total=Signal::derive(move || found.with(Vec::len)) />
                <Show when=move || rows.with(Vec::is_empty)>
                    <div class="card empty"><p>{move || {
                        let searching = text.with(|t| !t.trim().is_empty()) || active_count() > 0;
                        if searching {
                            "No one matches. Try fewer words, or clear the filters."
                        } else {
                            match show.get().as_str() {
                                "known" => "No one you know yet: keep people in the review, or log a genuine interaction with someone.",
                                "archived" => "No one is archived.",
                                _ => "Everyone here is archived. Choose Show → Archived to see them, and bring anyone back.",
                            }
                        }
                    }}</p></div>
                </Show>
            </Show>
        </section>
    }
}

/// The row element matching `selector` that an event in the list came from, and the person
/// its data-id names.
fn row_target<E: wasm_bindgen::JsCast>(ev: &web_sys::Event, selector: &str) -> Option<(Id, E)> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let element = target.closest(selector).ok()??;
    let id = Id::parse(&element.get_attribute("data-id")?).ok()?;
    Some((id, element.dyn_into::<E>().ok()?))
}

/// How many rows are drawn at first, and added each time.
pub(crate) const PAGE: usize = 100;
/// How many new rows one change draws at once: a screenful (a row is at least about 60 px
/// high) and one more. Each later chunk adds CHUNK_ROWS, about 12 ms of work.
fn first_rows() -> usize {
    let height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(900.0);
    ((height / 60.0).ceil() as usize + 1).clamp(8, 30)
}
const CHUNK_ROWS: usize = 12;

/// "Show more" below a long list: a button, also pressed for you when it scrolls into view.
#[component]
pub(crate) fn MoreRows(limit: RwSignal<usize>, total: Signal<usize>) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let button = NodeRef::<leptos::html::Button>::new();
    let more = move || limit.update(|l| *l += PAGE);
    // Near the end of the list, load the next page (an IntersectionObserver on the button).
    Effect::new(move |_| {
        let Some(el) = button.get() else { return };
        let callback = wasm_bindgen::closure::Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let seen = entries
                .iter()
                .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                .any(|e| e.is_intersecting());
            if seen && limit.get_untracked() < total.get_untracked() {
                more();
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("400px");
        if let Ok(observer) =
            web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
        {
            observer.observe(&el);
            let observer = StoredValue::new_local(observer);
            on_cleanup(move || observer.with_value(|o| o.disconnect()));
        }
        callback.forget();
    });
    view! {
        <Show when=move || { limit.get() < total.get() }>
            <div class="actions more">
                <button type="button" class="secondary" node_ref=button on:click=move |_| more()>
                    {move || format!("Show more ({} not shown yet)", total.get().saturating_sub(limit.get()))}
                </button>
            </div>
        </Show>
    }
}

/// The bar of bulk actions for the selected people: tag, how we met, cadence, "knows my
/// work", archive or bring back, and exports of the selection.
#[component]
fn BulkActions(selected: RwSignal<std::collections::BTreeSet<Id>>) -> impl IntoView {
    use rapport_core::bulk::BulkEdit;
    let state = AppState::context();
    let tag = RwSignal::new(String::new());
    let origin = RwSignal::new(String::new());
    let cadence = RwSignal::new(String::new());
    let knows = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let count = move || selected.with(|s| s.len());
    let ids = move || selected.with_untracked(|s| s.iter().cloned().collect::<Vec<_>>());
    let run = move |edit: BulkEdit| match actions::bulk_edit(state, &ids(), &edit) {
        Ok(_) => {
            problem.set(None);
            tag.set(String::new());
            origin.set(String::new());
            cadence.set(String::new());
            knows.set(String::new());
            if edit.archived.is_some() {
                selected.set(Default::default());
            }
        }
        Err(e) => problem.set(Some(e.to_string())),
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let edit = BulkEdit {
            add_tag: Some(tag.get_untracked()).filter(|t| !t.trim().is_empty()),
            origin: Origin::from_key(&origin.get_untracked()),
            cadence_days: match cadence.get_untracked().as_str() {
                "" => None,
                "none" => Some(None),
                days => days.parse().ok().map(Some),
            },
            knows_my_work: match knows.get_untracked().as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            archived: None,
        };
        run(edit);
    };
    let archive = move |on: bool| run(BulkEdit { archived: Some(on), ..BulkEdit::default() });
    // The writers are in the `data` module (`screens::people_writer`), fetched if not loaded yet:
    // meanwhile the bar says so, and another press does not start a second download.
    let exporting = RwSignal::new(false);
    let export = move |vcard: bool| {
        if exporting.get_untracked() {
            return;
        }
        let today = browser::today();
        let chosen = ids();
        exporting.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let loaded = crate::screens::people_writer(vcard).await;
            exporting.try_set(false);
            let Ok(write) = loaded else {
                problem.try_set(Some("The export could not be loaded: the connection may be down. Try again.".into()));
                return;
            };
            let text = state.network.with_untracked(|n| {
                let people: Vec<&rapport_core::Person> = chosen.iter().filter_map(|id| n.person(id)).collect();
                write(n, &people, today)
            });
            let (name, mime) = if vcard {
                (format!("rapport-people-{today}.vcf"), "text/vcard")
            } else {
                (format!("rapport-people-{today}.csv"), "text/csv")
            };
            problem.try_set(browser::download(&name, &text, mime).err());
        });
    };
    view! {
        <form class="card bulk" role="region" aria-label="Bulk actions" on:submit=apply novalidate>
            <h2>{move || match count() { 1 => "1 selected".to_string(), n => format!("{n} selected") }}</h2>
            <div class="grid">
                <div class="field">
                    <label for="bulk-tag">"Add a tag"</label>
                    <input id="bulk-tag" type="text" bind:value=tag />
                </div>
                <div class="field">
                    <label for="bulk-origin">"Set how we met"</label>
                    <select id="bulk-origin" on:change=move |ev| origin.set(event_target_value(&ev)) prop:value=move || origin.get()>
                        <option value="">"Leave as is"</option>
                        {Origin::ALL.iter().map(|o| view! { <option value=o.key()>{o.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="bulk-cadence">"Keep in touch"</label>
                    <select id="bulk-cadence" on:change=move |ev| cadence.set(event_target_value(&ev)) prop:value=move || cadence.get()>
                        <option value="">"Leave as is"</option>
                        <option value="30">"Every month"</option>
                        <option value="90">"Every quarter"</option>
                        <option value="180">"Every six months"</option>
                        <option value="365">"Every year"</option>
                        <option value="none">"No cadence"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="bulk-knows">"Knows my work"</label>
                    <select id="bulk-knows" on:change=move |ev| knows.set(event_target_value(&ev)) prop:value=move || knows.get()>
                        <option value="">"Leave as is"</option>
                        <option value="yes">"Yes"</option>
                        <option value="no">"No"</option>
                    </select>
                </div>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {move || exporting.get().then(|| view! { <p class="muted" role="status">"Preparing the export…"</p> })}
            <div class="actions">
                <button type="submit">{move || format!("Apply to {}", match count() { 1 => "1 person".to_string(), n => format!("{n} people") })}</button>
                <button type="button" class="secondary" on:click=move |_| archive(true)>"Archive"</button>
                <button type="button" class="secondary" on:click=move |_| archive(false)>"Bring back from archive"</button>
                <button type="button" class="secondary" on:click=move |_| export(true)>"Export as vCard"</button>
                <button type="button" class="secondary" on:click=move |_| export(false)>"Export as CSV"</button>
                <button type="button" class="link" on:click=move |_| selected.set(Default::default())>"Clear selection"</button>
            </div>
        </form>
    }
}

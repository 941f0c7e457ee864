//! Screens loaded when they are first opened (issue 19).
//!
//! The first screens (Today and the network list) are in the main wasm module. Every other
//! screen is a split point, a person's page included (its module, `people`, is loaded right
//! after the first screen, beside Insights, where people are stored, as it is the screen opened
//! most from them): with the
//! `split` feature (on by default, so every Trunk build has it), `wasm_split_cli` moves the
//! code only that screen's module reaches into that module, fetched when the page has a quiet
//! moment or when the screen is first opened, and `scripts/split.mjs` names each module after
//! the build's contents. Without the feature (tests, native checks) the same functions are plain `async`
//! functions that resolve at once, so both builds run the same view code.
//!
//! A module that cannot be fetched (offline before the service worker has cached it) shows
//! a message and a "Try again" button: nothing panics, and a failed load is not remembered.

use crate::route::Route;
use leptos::prelude::*;
use rapport_core::drafter::TemplateKind;
use rapport_core::Id;
use send_wrapper::SendWrapper;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A screen's module could not be fetched.
#[derive(Debug, Clone, Copy)]
pub struct LoadFailed;

impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadFailed
    }
}

/// The lazily loaded screens: `$module` names a screen's wasm module (screens that share a
/// name share a module), `$preload` the function that loads it without drawing anything.
macro_rules! screens {
    ($( $module:ident => fn $name:ident($($arg:ident: $ty:ty),*) / $preload:ident $body:block )*) => {
        $(
            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
            fn $name($($arg: $ty),*) -> Result<AnyView, LoadFailed> {
                let view: AnyView = $body;
                Ok(view)
            }
            #[cfg(not(feature = "split"))]
            async fn $name($($arg: $ty),*) -> Result<AnyView, LoadFailed> {
                let view: AnyView = $body;
                Ok(view)
            }
            #[cfg(not(feature = "split"))]
            async fn $preload() -> Result<(), leptos::wasm_split::SplitLoaderError> {
                Ok(())
            }
        )*

        /// Fetches and instantiates every screen's module, so that opening a screen later
        /// does not wait for it. Insights and (where there are people) a person's page first
        /// and at once: opened straight from the first screens, each with a budget of its
        /// own. Then the others,
        /// one after another, each in a quiet moment (the user has not typed, clicked or
        /// touched for a second): loading them all at once doubled the time a keystroke
        /// took. A module that cannot be fetched is left for its screen to report when it
        /// is opened.
        pub async fn preload_all(has_people: bool) {
            let _ = preload_insights().await;
            // A person's page (and the rest of `people`): the screen opened most from the
            // first screens, loaded as soon as Insights where there is someone to open. Not
            // on a first visit with nothing stored: there it only added to the busy start
            // (Lighthouse's mobile blocking time 221-293 ms with it, 181-207 ms without).
            if has_people {
                let _ = preload_person().await;
            }
            $(
                crate::browser::quiet_moment(1000.0).await;
                let _ = $preload().await;
            )*
        }
    };
}

use crate::pages;

// Six modules, in the order `preload_all` loads them: a person's page and what is reached from
// it first (the form, outreach, the method), the largest (Settings with sync, pairing and the
// lock) last. Fewer, larger modules than one per screen: each module and each chunk of code
// shared between modules is one more fetch and instantiation.
screens! {
    people => fn person(id: Id) / preload_person { view! { <pages::person::PersonPage id=id /> }.into_any() }
    people => fn new_person() / preload_new_person { view! { <pages::person_form::PersonForm /> }.into_any() }
    people => fn edit_person(id: Id) / preload_edit_person { view! { <pages::person_form::PersonForm editing=id /> }.into_any() }
    insights => fn insights() / preload_insights { view! { <pages::insights::InsightsPage /> }.into_any() }
    planner => fn interviews() / preload_interviews { view! { <pages::interviews::InterviewsPage /> }.into_any() }
    planner => fn employer(id: Id) / preload_employer { view! { <pages::employer::EmployerPage id=id /> }.into_any() }
    planner => fn interview(id: Id) / preload_interview { view! { <pages::interview::InterviewPage id=id /> }.into_any() }
    planner => fn prep(id: Id) / preload_prep { view! { <pages::prep::PrepPage id=id /> }.into_any() }
    people => fn outreach() / preload_outreach { view! { <pages::outreach::OutreachPage /> }.into_any() }
    people => fn outreach_to(id: Id) / preload_outreach_to { view! { <pages::outreach::ChooseTemplate person=id /> }.into_any() }
    compose => fn compose(id: Id, kind: TemplateKind) / preload_compose { view! { <pages::compose::Compose person=id kind=kind /> }.into_any() }
    people => fn method() / preload_method { view! { <pages::outreach::MethodPage /> }.into_any() }
    people => fn glossary() / preload_glossary { view! { <crate::components::term::GlossaryPage /> }.into_any() }
    data => fn review() / preload_review { view! { <pages::review::ReviewPage /> }.into_any() }
    data => fn duplicates() / preload_duplicates { view! { <pages::duplicates::DuplicatesPage /> }.into_any() }
    data => fn merge(a: Id, b: Id) / preload_merge { view! { <pages::duplicates::MergePage a=a b=b /> }.into_any() }
    data => fn import_export() / preload_import_export { view! { <pages::import_export::ImportExportPage /> }.into_any() }
    settings => fn settings() / preload_settings { view! { <pages::settings::Settings /> }.into_any() }
}

type Loading = Pin<Box<dyn Future<Output = Result<AnyView, LoadFailed>>>>;

/// The view for a route: the first screens at once, the others when their module is loaded.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Today => view! { <pages::today::Today /> }.into_any(),
        Route::Network => view! { <pages::network::NetworkPage /> }.into_any(),
        Route::NotFound(hash) => view! { <pages::not_found::NotFound hash=hash /> }.into_any(),
        lazy => lazily(move || load(lazy.clone())),
    }
}

/// Loads a screen's module (at once when it is already loaded) and draws the screen.
fn load(route: Route) -> Loading {
    match route {
        Route::Person(id) => Box::pin(person(id)),
        Route::NewPerson => Box::pin(new_person()),
        Route::EditPerson(id) => Box::pin(edit_person(id)),
        Route::Settings => Box::pin(settings()),
        Route::ImportExport => Box::pin(import_export()),
        Route::Duplicates => Box::pin(duplicates()),
        Route::Merge(a, b) => Box::pin(merge(a, b)),
        Route::Review => Box::pin(review()),
        Route::Insights => Box::pin(insights()),
        Route::Interviews => Box::pin(interviews()),
        Route::Employer(id) => Box::pin(employer(id)),
        Route::Interview(id) => Box::pin(interview(id)),
        Route::Prep(id) => Box::pin(prep(id)),
        Route::Outreach => Box::pin(outreach()),
        Route::OutreachTo(id) => Box::pin(outreach_to(id)),
        Route::Compose(id, kind) => Box::pin(compose(id, kind)),
        Route::Method => Box::pin(method()),
        Route::Glossary => Box::pin(glossary()),
        // In the main module: `page` draws these at once.
        eager @ (Route::Today | Route::Network | Route::NotFound(_)) => Box::pin(async move { Ok(page(eager)) }),
    }
}

/// Draws what `load` resolves to; on a failed load, a message and a way to try again. A module
/// already loaded resolves on the first poll, and the screen is drawn at once. One still on
/// its way (a screen opened before the page's quiet moments loaded it, or on a slow
/// connection) shows "Opening…" until it arrives, not an empty page under the header.
/// (Hand-written rather than Leptos's `Suspense`, which added 3 KB gzipped to the first load
/// for this one use.)
fn lazily(load: impl Fn() -> Loading + 'static) -> AnyView {
    let attempt = RwSignal::new(0u32);
    let load = SendWrapper::new(load);
    (move || {
        attempt.track();
        // The screen's view is built while the future is polled: under this owner (its
        // context), and untracked, so what it reads does not redraw the whole screen.
        let mut loading = load();
        let first = untrack(|| loading.as_mut().poll(&mut Context::from_waker(Waker::noop())));
        if let Poll::Ready(result) = first {
            return drawn(result, attempt);
        }
        let arrived = RwSignal::new(false);
        let slot = StoredValue::new_local(None::<Result<AnyView, LoadFailed>>);
        // The user may have gone elsewhere meanwhile: the signal is gone then, and the screen
        // is not built (its body would set the title, add listeners) for a page not shown.
        let waited = std::future::poll_fn(move |cx| match arrived.is_disposed() {
            true => Poll::Ready(None),
            false => loading.as_mut().poll(cx).map(Some),
        });
        leptos::task::spawn_local(ScopedFuture::new_untracked(async move {
            if let Some(result) = waited.await {
                if slot.try_set_value(Some(result)).is_none() {
                    arrived.try_set(true);
                }
            }
        }));
        (move || match arrived.get() {
            false => view! { <Opening /> }.into_any(),
            true => match slot.try_update_value(Option::take).flatten() {
                Some(result) => drawn(result, attempt),
                None => ().into_any(),
            },
        })
        .into_any()
    })
    .into_any()
}

/// A loaded screen, or why it is not there.
fn drawn(result: Result<AnyView, LoadFailed>, attempt: RwSignal<u32>) -> AnyView {
    match result {
        Ok(view) => view,
        Err(LoadFailed) => view! { <LoadFailedCard attempt=attempt /> }.into_any(),
    }
}

/// What a screen shows while its module loads.
#[component]
fn Opening() -> impl IntoView {
    view! {
        <section class="page">
            <p class="muted" role="status">"Opening…"</p>
        </section>
    }
}

#[component]
fn LoadFailedCard(attempt: RwSignal<u32>) -> impl IntoView {
    crate::browser::set_title("Not loaded");
    view! {
        <section class="page">
            <h1>"This screen could not be loaded"</h1>
            <div class="card" role="alert">
                <p>
                    "Rapport loads this screen the first time it is opened, and it could not be fetched: "
                    "the connection may be down, and this browser has not saved it for offline use yet. "
                    "Your data is safe and unchanged."
                </p>
                <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
            </div>
        </section>
    }
}

/// Work that runs in the background and has its own module: the sync folder's merge (issue
/// 19). It reaches sync-file decoding, the merge, its encryption and compression, which a
/// device without a sync folder never needs; `watch` loads it only when a folder is set.
pub type Job = Pin<Box<dyn Future<Output = ()>>>;

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(sync, wasm_split_path = ::leptos::wasm_split, fallible)]
fn folder_job(folder: crate::components::sync_folder::Folder, write_only: bool) -> Result<Job, LoadFailed> {
    Ok(folder.job(write_only))
}

#[cfg(not(feature = "split"))]
async fn folder_job(folder: crate::components::sync_folder::Folder, write_only: bool) -> Result<Job, LoadFailed> {
    Ok(folder.job(write_only))
}

/// Runs one pass of the sync folder (read and merge the other devices' files, then write this
/// device's; or only write), loading its module first.
pub async fn sync_folder(folder: crate::components::sync_folder::Folder, write_only: bool) -> Result<(), LoadFailed> {
    folder_job(folder, write_only).await?.await;
    Ok(())
}

/// Adding the sample network has its own module too: the sixty invented people, their
/// interactions and interviews are text a network of one's own never needs (about 6 KB of
/// the first load, gzipped). `actions::load_sample` loads it when asked.
pub type SampleAdd = Box<
    dyn FnOnce(
        &mut rapport_core::Network,
        chrono::NaiveDate,
        chrono::DateTime<chrono::Utc>,
        &mut dyn FnMut() -> rapport_core::Id,
    ) -> Result<rapport_core::Touched, rapport_core::ChangeError>,
>;

fn sample_add() -> SampleAdd {
    Box::new(|n, today, now, next| rapport_core::sample::add_sample(n, today, now, next))
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(sample, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sample_adder() -> Result<SampleAdd, LoadFailed> {
    Ok(sample_add())
}

#[cfg(not(feature = "split"))]
async fn sample_adder() -> Result<SampleAdd, LoadFailed> {
    Ok(sample_add())
}

/// The code that adds the sample network, fetched the first time it is asked for.
pub async fn sample() -> Result<SampleAdd, LoadFailed> {
    sample_adder().await
}

/// Writing a selection of people as a file (the network list's bulk actions): CSV or vCard.
pub type PeopleWriter = Box<dyn Fn(&rapport_core::Network, &[&rapport_core::Person], chrono::NaiveDate) -> String>;

fn people_writer_for(vcard: bool) -> PeopleWriter {
    if vcard {
        Box::new(|_, people, _| rapport_core::export::people_vcard(people))
    } else {
        Box::new(|n, people, today| rapport_core::export::people_csv(n, people, today, true))
    }
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(data, wasm_split_path = ::leptos::wasm_split, fallible)]
fn people_writer_loaded(vcard: bool) -> Result<PeopleWriter, LoadFailed> {
    Ok(people_writer_for(vcard))
}

#[cfg(not(feature = "split"))]
async fn people_writer_loaded(vcard: bool) -> Result<PeopleWriter, LoadFailed> {
    Ok(people_writer_for(vcard))
}

/// The CSV and vCard writers are in the `data` module with the rest of the export (issue 19:
/// about 10 KB of code the network list's first load never ran): the bulk actions' exports
/// fetch it when it has not been loaded yet.
pub async fn people_writer(vcard: bool) -> Result<PeopleWriter, LoadFailed> {
    people_writer_loaded(vcard).await
}

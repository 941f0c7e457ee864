//! The hash router. Routes live in the fragment (`#/people/ID`), so every screen has its own
//! address that survives a reload, even when `dist/` is served from a sub-path of a plain
//! static host with no rewrite rules. leptos_router has no hash mode, hence this small module.

use rapport_core::drafter::TemplateKind;
use rapport_core::Id;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Today,
    Network,
    NewPerson,
    Person(Id),
    EditPerson(Id),
    Interviews,
    Employer(Id),
    Interview(Id),
    Prep(Id),
    Outreach,
    OutreachTo(Id),
    Compose(Id, TemplateKind),
    Method,
    /// The method's words made plain.
    Glossary,
    Insights,
    Settings,
    /// Import & export: imports, exports, recorded imports, company names.
    ImportExport,
    Duplicates,
    /// "Who do you actually know?": the review of imported people.
    Review,
    Merge(Id, Id),
    NotFound(String),
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/').trim_end_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [""] | ["today"] => Route::Today,
            // "#/people" is where a person's address starts: the list of them.
            ["network"] | ["people"] => Route::Network,
            ["people", "new"] => Route::NewPerson,
            ["people", id] => Id::parse(id).map(Route::Person).unwrap_or_else(|_| Route::NotFound(hash.to_string())),
            ["people", id, "edit"] => {
                Id::parse(id).map(Route::EditPerson).unwrap_or_else(|_| Route::NotFound(hash.to_string()))
            }
            ["interviews"] => Route::Interviews,
            ["interviews", id] => {
                Id::parse(id).map(Route::Interview).unwrap_or_else(|_| Route::NotFound(hash.to_string()))
            }
            ["interviews", id, "prep"] => {
                Id::parse(id).map(Route::Prep).unwrap_or_else(|_| Route::NotFound(hash.to_string()))
            }
            ["employers", id] => {
                Id::parse(id).map(Route::Employer).unwrap_or_else(|_| Route::NotFound(hash.to_string()))
            }
            ["outreach"] => Route::Outreach,
            ["outreach", id] => {
                Id::parse(id).map(Route::OutreachTo).unwrap_or_else(|_| Route::NotFound(hash.to_string()))
            }
            ["outreach", id, kind] => match (Id::parse(id), TemplateKind::from_key(kind)) {
                (Ok(id), Some(kind)) => Route::Compose(id, kind),
                _ => Route::NotFound(hash.to_string()),
            },
            ["method"] => Route::Method,
            ["glossary"] => Route::Glossary,
            ["insights"] => Route::Insights,
            ["settings"] => Route::Settings,
            ["import-export"] | ["data"] => Route::ImportExport,
            ["duplicates"] => Route::Duplicates,
            ["review"] => Route::Review,
            ["duplicates", a, b] => match (Id::parse(a), Id::parse(b)) {
                (Ok(a), Ok(b)) => Route::Merge(a, b),
                _ => Route::NotFound(hash.to_string()),
            },
            _ => Route::NotFound(hash.to_string()),
        }
    }

    /// The `href` for links: always a fragment, so it works under any sub-path.
    pub fn href(&self) -> String {
        match self {
            Route::Today => "#/today".into(),
            Route::Network => "#/network".into(),
            Route::NewPerson => "#/people/new".into(),
            Route::Person(id) => format!("#/people/{id}"),
            Route::EditPerson(id) => format!("#/people/{id}/edit"),
            Route::Interviews => "#/interviews".into(),
            Route::Interview(id) => format!("#/interviews/{id}"),
            Route::Prep(id) => format!("#/interviews/{id}/prep"),
            Route::Employer(id) => format!("#/employers/{id}"),
            Route::Outreach => "#/outreach".into(),
            Route::OutreachTo(id) => format!("#/outreach/{id}"),
            Route::Compose(id, kind) => format!("#/outreach/{id}/{}", kind.key()),
            Route::Method => "#/method".into(),
            Route::Glossary => "#/glossary".into(),
            Route::Insights => "#/insights".into(),
            Route::Settings => "#/settings".into(),
            Route::ImportExport => "#/import-export".into(),
            Route::Duplicates => "#/duplicates".into(),
            Route::Review => "#/review".into(),
            Route::Merge(a, b) => format!("#/duplicates/{a}/{b}"),
            Route::NotFound(hash) => hash.clone(),
        }
    }

    /// Which main tab this route belongs to.
    pub fn section(&self) -> Option<Route> {
        match self {
            Route::NewPerson
            | Route::Person(_)
            | Route::EditPerson(_)
            | Route::Duplicates
            | Route::Merge(..)
            | Route::Review => Some(Route::Network),
            Route::ImportExport => Some(Route::Settings),
            Route::Employer(_) | Route::Interview(_) | Route::Prep(_) => Some(Route::Interviews),
            Route::OutreachTo(_) | Route::Compose(..) | Route::Method | Route::Glossary => Some(Route::Outreach),
            Route::NotFound(_) => None,
            other => Some(other.clone()),
        }
    }
}

/// The current route, from `location.hash`.
pub fn current() -> Route {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    Route::parse(&hash)
}

/// Goes to a route, adding a history entry; the `hashchange` listener updates the view.
pub fn go(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href());
    }
}

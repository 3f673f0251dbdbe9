//! Gute Nachbarschaft: everything shared by the server and the browser — domain types,
//! pages, components and `#[server]` functions. SQL and other server-only code sit
//! behind the `ssr` feature.

// Deep page view trees need more room than the default when compiled for the browser.
#![recursion_limit = "256"]

pub mod audit;
pub mod auth;
pub mod context;
pub mod coordinator;
#[cfg(feature = "ssr")]
pub mod ctx;
#[cfg(feature = "ssr")]
pub mod db;
pub mod error;
pub mod home;
pub mod i18n;
pub mod legal;
pub mod live;
pub mod mail;
pub mod matching;
pub mod moderation;
pub mod orgs;
pub mod places;
pub mod requests;
#[cfg(feature = "ssr")]
pub mod security;
pub mod support;
pub mod ui;
pub mod volunteers;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// Every form post (the no-JavaScript paths that change state) and the account
/// download, for the server's router; the authorisation-matrix test walks the same list.
#[cfg(feature = "ssr")]
pub fn form_routes<S: Clone + Send + Sync + 'static>(
) -> Vec<(&'static str, axum::routing::MethodRouter<S>)> {
    let mut routes = auth::routes::form_routes();
    routes.extend(requests::routes::form_routes());
    routes.extend(volunteers::routes::form_routes());
    routes.extend(places::routes::form_routes());
    routes.extend(support::services::routes::form_routes());
    routes.extend(support::conflict::routes::form_routes());
    routes.extend(moderation::routes::form_routes());
    routes.extend(live::routes::form_routes());
    routes
}

/// The browser's entry point: wakes the page's islands, the only parts that run there.
#[cfg(feature = "hydrate")]
pub fn hydrate_islands() {
    leptos::mount::hydrate_islands();
}

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = i18n::request_lang();
    #[cfg(feature = "ssr")]
    security::set_page_csp();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() dir=lang.dir()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.ico"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(i18n::request_lang());
    view! {
        <Stylesheet id="leptos" href="/pkg/nachbarschaft.css"/>
        <Title formatter=|text: String| format!("{text} · Gute Nachbarschaft")/>
        <Router>
            <ui::Layout>
                <Routes fallback=|| view! { <legal::NotFoundPage/> }>
                    <Route path=path!("") view=home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("requests") view=requests::page::RequestsPage ssr=SsrMode::Async/>
                    <Route path=path!("requests/new") view=requests::pages::NewNeedPage ssr=SsrMode::Async/>
                    <Route path=path!("requests/:id") view=requests::pages::NeedPage ssr=SsrMode::Async/>
                    <Route path=path!("requests/:id/notice") view=requests::pages::NoticePage ssr=SsrMode::Async/>
                    <Route path=path!("requests/:id/suggestions") view=volunteers::pages::SuggestionsPage ssr=SsrMode::Async/>
                    <Route path=path!("me/volunteer") view=volunteers::pages::VolunteerProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("coordinator/volunteers") view=volunteers::pages::VerificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("coordinator/proposal") view=volunteers::pages::ProposalPage ssr=SsrMode::Async/>
                    <Route path=path!("help") view=support::HelpPage ssr=SsrMode::Async/>
                    <Route path=path!("help/conflict") view=support::conflict::ConflictPage ssr=SsrMode::Async/>
                    <Route path=path!("services") view=support::services::ServicesSearchPage ssr=SsrMode::Async/>
                    <Route path=path!("places") view=places::pages::PlacesListPage ssr=SsrMode::Async/>
                    <Route path=path!("places/:id") view=places::pages::PlaceDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("coordinator/places") view=places::pages::PlacesEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("report") view=moderation::pages::ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("coordinator/reports") view=moderation::pages::ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("coordinator/mediation") view=support::conflict::MediationPage ssr=SsrMode::Async/>
                    <Route path=path!("login") view=auth::pages::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("register") view=auth::pages::RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("verify") view=auth::pages::VerifyPage ssr=SsrMode::Async/>
                    <Route path=path!("password/forgot") view=auth::pages::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("password/reset") view=auth::pages::ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("email/confirm") view=auth::pages::EmailConfirmPage ssr=SsrMode::Async/>
                    <Route path=path!("invitation") view=auth::pages::InvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("me") view=auth::pages::MePage ssr=SsrMode::Async/>
                    <Route path=path!("coordinator") view=coordinator::page::CoordinatorPage ssr=SsrMode::Async/>
                    <Route path=path!("privacy") view=legal::PrivacyPage ssr=SsrMode::Async/>
                    <Route path=path!("imprint") view=legal::ImprintPage ssr=SsrMode::Async/>
                </Routes>
            </ui::Layout>
        </Router>
    }
}

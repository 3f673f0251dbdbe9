//! The HTTP router: Leptos pages and server functions, operational endpoints, static
//! files, and the middleware every response passes through.

use crate::telemetry::metrics_handle;
use app::auth::session::SESSION_COOKIE;
use app::auth::session_store::DbSessionStore;
use app::db::Db;
use app::i18n::{Lang, LANG_COOKIE};
use app::{security, shell, App};
use axum::extract::{FromRef, Query, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use axum_prometheus::PrometheusMetricLayer;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use serde::Deserialize;
use std::path::Path;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Largest request body accepted (forms and server-function calls are small).
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;
/// Longest time a request may take before it is answered 408.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long `/readyz` waits for the database.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// Public address of the site; `https://` makes the session cookie `Secure`, and
    /// its origin is accepted for form posts.
    pub base_url: String,
    /// Whether `/dev/mail` shows the outbox (development and tests only).
    pub dev_mailbox: bool,
    /// Map tile addresses (`{z}/{x}/{y}`); `None` shows no map.
    pub map_tiles: Option<String>,
}

/// How long a session lasts without activity.
const SESSION_IDLE: time::Duration = time::Duration::hours(12);

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Leptos options for a site folder and address, without reading Cargo.toml, so the
/// binary runs from any folder.
pub fn leptos_options(site_root: &Path, site_addr: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("nachbarschaft")
        .site_root(site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(site_addr)
        .build()
}

/// The app's routes, generated once per process. Generating renders the app with
/// resource loading suppressed process-wide, so it must never overlap a page being
/// rendered (several routers are built in one process by the tests).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build_router(state: AppState) -> Router {
    // The recorder must exist before the first request is counted.
    let _ = metrics_handle();
    let routes = route_list();
    let site_root = Path::new(&*state.leptos_options.site_root).to_path_buf();
    let db = state.db.clone();
    let db_for_handlers = state.db.clone();
    let site = app::ctx::SiteConfig {
        base_url: state.base_url.clone(),
        dev_mailbox: state.dev_mailbox,
        map_tiles: state.map_tiles.clone(),
    };
    let site_for_pages = site.clone();
    let context = move || {
        provide_context(db.clone());
        provide_context(site_for_pages.clone());
    };

    let request_id = HeaderName::from_static("x-request-id");
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.base_url.starts_with("https://"))
        .with_expiry(Expiry::OnInactivity(SESSION_IDLE));
    let base_url = state.base_url.clone();
    let throttle = std::sync::Arc::new(app::auth::throttle::LoginThrottle::default());
    let mail_throttle = std::sync::Arc::new(app::auth::throttle::MailThrottle::default());
    spawn_tidying(throttle.clone(), mail_throttle.clone());
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/lang", get(set_language));
    for (path, route) in app::form_routes() {
        router = router.route(path, route);
    }
    if state.dev_mailbox {
        router = router
            .route("/dev/mail", get(crate::mailer::dev_mailbox_page))
            .route("/dev/mail.json", get(crate::mailer::dev_mailbox_json));
    }
    let router = router
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .merge(crate::assets::Assets::load(&site_root).routes())
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .with_state(state)
        .layer(axum::middleware::from_fn(server_fn_error_status))
        // Inside the viewer's loading: a kept page is keyed by who reads it.
        .layer(axum::middleware::from_fn(crate::kept_pages::keep_pages))
        .layer(axum::middleware::from_fn(app::auth::session::load_viewer))
        .layer(sessions)
        .layer(axum::Extension(db_for_handlers))
        .layer(axum::Extension(crate::kept_pages::KeptPages::default()))
        .layer(axum::Extension(throttle))
        .layer(axum::Extension(mail_throttle))
        .layer(axum::Extension(site))
        .layer(axum::middleware::from_fn(move |req, next| {
            same_origin_only(base_url.clone(), req, next)
        }))
        .layer(PrometheusMetricLayer::new())
        .layer(CompressionLayer::new());
    // Layers run bottom-up on the way in: the request id is set first, so the trace span
    // and every log line of the request carry it.
    with_security_headers(router)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                let id = req
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
            }),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// Headers on every response; pages replace the default CSP with their nonce policy.
fn with_security_headers(router: Router) -> Router {
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    router
        .layer(header(
            header::CONTENT_SECURITY_POLICY,
            security::DEFAULT_CSP,
        ))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(
            header::REFERRER_POLICY,
            "strict-origin-when-cross-origin",
        ))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header(
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ))
}

/// Forgets recovered throttle keys every ten minutes (when a runtime is running).
fn spawn_tidying(
    login: std::sync::Arc<app::auth::throttle::LoginThrottle>,
    mail: std::sync::Arc<app::auth::throttle::MailThrottle>,
) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        let (login, mail) = (
            std::sync::Arc::downgrade(&login),
            std::sync::Arc::downgrade(&mail),
        );
        runtime.spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(600));
            loop {
                every.tick().await;
                match (login.upgrade(), mail.upgrade()) {
                    (Some(login), Some(mail)) => {
                        login.tidy();
                        mail.0.tidy();
                    }
                    _ => break,
                }
            }
        });
    }
}

/// A server function that fails before its body runs (arguments that cannot be
/// decoded) is answered 500 by the framework; the error it carries knows better. Reads
/// the body of failed server-function calls only, and gives them their error's status.
async fn server_fn_error_status(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let is_server_fn = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT_BYTES).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Refuses state-changing requests that a browser sent from another site: their
/// `Origin` (or else `Referer`) must be this site. Requests without either header come
/// from non-browser clients, which cannot carry a victim's cookies.
async fn same_origin_only(
    base_url: String,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let method = req.method();
    if method == axum::http::Method::GET
        || method == axum::http::Method::HEAD
        || method == axum::http::Method::OPTIONS
    {
        return next.run(req).await;
    }
    let headers = req.headers();
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let source = text(header::ORIGIN).or_else(|| text(header::REFERER));
    let allowed = match source {
        None => true,
        Some(source) => is_same_origin(source, text(header::HOST), &base_url),
    };
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(origin = ?source, "cross-site request refused");
        (
            StatusCode::FORBIDDEN,
            "origin: cross-site requests are refused",
        )
            .into_response()
    }
}

/// Does an `Origin` or `Referer` value point at this site (its Host, or `BASE_URL`)?
pub fn is_same_origin(source: &str, host: Option<&str>, base_url: &str) -> bool {
    let authority = |url: &str| -> Option<String> {
        let (_, rest) = url.split_once("://")?;
        Some(
            rest.split(['/', '?', '#'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase(),
        )
    };
    let Some(source) = authority(source) else {
        return false;
    };
    host.is_some_and(|h| h.eq_ignore_ascii_case(&source))
        || authority(base_url).is_some_and(|b| b == source)
}

/// The process is alive.
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers; 503 when it does not (load balancers take the instance out).
async fn readyz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(READY_TIMEOUT, state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready").into_response(),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
        Err(_) => {
            tracing::warn!("readiness check timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Request counts and latencies in the Prometheus text format.
async fn metrics() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        metrics_handle().render(),
    )
        .into_response()
}

#[derive(Debug, Deserialize)]
struct LanguageChoice {
    lang: Option<String>,
    back: Option<String>,
}

/// Keeps the chosen language in a cookie and returns to the page the switch was on.
/// Only paths on this site are followed back, never another host.
async fn set_language(Query(choice): Query<LanguageChoice>) -> Response {
    let Some(lang) = choice.lang.as_deref().and_then(Lang::from_code) else {
        return (
            StatusCode::BAD_REQUEST,
            "lang: unknown language (use de or en)",
        )
            .into_response();
    };
    let back = choice
        .back
        .filter(|b| is_local_path(b))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        lang.code()
    );
    let mut response = Redirect::to(&back).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// A path on this site: starts with one slash, no scheme, no backslash tricks.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.len() <= 2048
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_this_site_may_post() {
        use super::is_same_origin;
        let base = "https://nachbarschaft.example";
        assert!(is_same_origin(
            "http://127.0.0.1:3000",
            Some("127.0.0.1:3000"),
            base
        ));
        assert!(is_same_origin(
            "https://nachbarschaft.example/login",
            None,
            base
        ));
        assert!(!is_same_origin(
            "https://evil.example",
            Some("127.0.0.1:3000"),
            base
        ));
        assert!(!is_same_origin(
            "https://nachbarschaft.example.evil.example",
            None,
            base
        ));
        assert!(!is_same_origin("null", Some("127.0.0.1:3000"), base));
    }

    #[test]
    fn only_local_paths_are_followed_back() {
        assert!(is_local_path("/requests?quartier=linden-sued"));
        assert!(is_local_path("/"));
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            "",
            "/a\r\nSet-Cookie: x",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }
}

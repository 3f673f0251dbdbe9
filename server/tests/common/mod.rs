//! Helpers shared by the integration tests: the real router on a test database, and
//! requests sent to it in memory.
// Each test file uses a different part of this module.
#![allow(dead_code)]

pub mod process;

use app::auth::policy::{OrgRole, QuartierRole};
use app::db::Db;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use server::router::{build_router, leptos_options, AppState};
use sqlx::Row;
use tower::ServiceExt;

pub fn router(db: &Db) -> Router {
    router_with(db, true)
}

/// The router, with or without the dev mailbox.
pub fn router_with(db: &Db, dev_mailbox: bool) -> Router {
    server::telemetry::init_tracing();
    let options = leptos_options(
        std::path::Path::new("target/site"),
        ([127, 0, 0, 1], 3000).into(),
    );
    build_router(AppState {
        leptos_options: options,
        db: db.clone(),
        base_url: "http://127.0.0.1:3000".into(),
        dev_mailbox,
        map_tiles: Some("https://tile.openstreetmap.org/{z}/{x}/{y}.png".into()),
    })
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: header::HeaderName) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    pub fn location(&self) -> Option<String> {
        self.header(header::LOCATION)
    }

    /// The session cookie this answer sets, whole (with its attributes).
    pub fn cookie(&self) -> Option<String> {
        self.set_cookie("gn_session=")
    }

    /// The `name=value` of the notice cookie this answer sets (or clears).
    pub fn notice_cookie(&self) -> Option<String> {
        self.set_cookie("gn_notice=").map(|c| cookie_pair(&c))
    }

    /// The whole `Set-Cookie` whose value starts with `prefix`.
    pub fn set_cookie(&self, prefix: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with(prefix))
            .map(str::to_owned)
    }
}

/// The page a form answer redirects to, as a browser follows it: with the session
/// cookie and the notice cookie the answer left.
pub async fn follow(router: &Router, posted: &Answer, cookie: Option<&str>) -> Answer {
    let location = posted.location().expect("redirect");
    // A browser keeps the fragment to itself.
    let to = location.split('#').next().unwrap_or_default();
    let cookies: Vec<String> = cookie
        .map(str::to_owned)
        .into_iter()
        .chain(posted.notice_cookie())
        .collect();
    let cookies = cookies.join("; ");
    page(
        router,
        to,
        (!cookies.is_empty()).then_some(cookies.as_str()),
    )
    .await
}

pub async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router
        .clone()
        .oneshot(request)
        .await
        .expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    // A change stream never ends by itself; its status and headers are the answer.
    if headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/event-stream"))
    {
        return Answer {
            status,
            headers,
            body: String::new(),
        };
    }
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A form post, optionally with a session cookie.
pub fn form(uri: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut builder =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        builder = builder.header(header::COOKIE, c);
    }
    builder.body(Body::from(body.to_owned())).expect("request")
}

/// A page request, optionally with a session cookie.
pub async fn page(router: &Router, uri: &str, cookie: Option<&str>) -> Answer {
    let mut builder = Request::get(uri).header(header::ACCEPT, "text/html");
    if let Some(c) = cookie {
        builder = builder.header(header::COOKIE, c);
    }
    send(router, builder.body(Body::empty()).expect("request")).await
}

/// The `name=value` part of a Set-Cookie header.
pub fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_owned()
}

/// Percent-encodes a form value.
pub fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The token of the newest link to `path` in a letter to `recipient`.
pub async fn token_from_mail(db: &Db, recipient: &str, path: &str) -> Option<String> {
    let letters = app::mail::outbox::latest(db, 200).await.expect("outbox");
    let marker = format!("{path}?token=");
    letters
        .iter()
        .filter(|m| m.recipient == recipient)
        .find_map(|m| {
            let start = m.body.find(&marker)? + marker.len();
            Some(
                m.body[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect(),
            )
        })
}

/// Creates a verified account with a password and signs it in; returns its id and
/// session cookie.
pub async fn signed_in(router: &Router, db: &Db, email: &str, password: &str) -> (i64, String) {
    let hash = app::auth::password::hash(password).await.expect("hash");
    let mut conn = db.pool().acquire().await.expect("conn");
    let id = app::auth::db::create_account(&mut conn, email, email, &hash, "de", true)
        .await
        .expect("insert")
        .expect("new account");
    drop(conn);
    let answer = send(
        router,
        form(
            "/login",
            &format!("email={}&password={}", enc(email), enc(password)),
            None,
        ),
    )
    .await;
    assert_eq!(
        answer.location().as_deref(),
        Some("/me"),
        "{email} signs in"
    );
    (id, cookie_pair(&answer.cookie().expect("session cookie")))
}

/// The password of the people made by [`person`].
pub const PERSON_PASSWORD: &str = "Gartenzaun-am-Bach-9";

/// A signed-in person with a Quartier role in the first Quartier and/or an
/// organisation role in the first organisation serving it; their id and cookie.
pub async fn person(
    app: &Router,
    db: &Db,
    email: &str,
    quartier: Option<QuartierRole>,
    org: Option<OrgRole>,
) -> (i64, String) {
    let (id, _) = signed_in(app, db, email, PERSON_PASSWORD).await;
    let mut conn = db.pool().acquire().await.expect("conn");
    if let Some(role) = quartier {
        app::auth::db::grant_quartier_role(&mut conn, id, 1, role)
            .await
            .expect("role");
    }
    if let Some(role) = org {
        let first_org: i64 = sqlx::query("SELECT organisation_id FROM organisation_quartiere WHERE quartier_id = 1 ORDER BY organisation_id")
            .fetch_one(&mut *conn)
            .await
            .expect("org")
            .try_get("organisation_id")
            .expect("id");
        app::auth::db::grant_org_role(&mut conn, id, first_org, role)
            .await
            .expect("role");
    }
    drop(conn);
    let answer = send(
        app,
        form(
            "/login",
            &format!("email={}&password={}", enc(email), enc(PERSON_PASSWORD)),
            None,
        ),
    )
    .await;
    (id, cookie_pair(&answer.cookie().expect("cookie")))
}

/// A coordinator of the organisation with slug `org`.
pub async fn coordinator_of(app: &Router, db: &Db, email: &str, org: &str) -> String {
    let (id, _) = person(app, db, email, None, None).await;
    let org_id: i64 = sqlx::query("SELECT id FROM organisations WHERE slug = $1")
        .bind(org)
        .fetch_one(db.pool())
        .await
        .expect("org")
        .try_get("id")
        .expect("id");
    let mut conn = db.pool().acquire().await.expect("conn");
    app::auth::db::grant_org_role(
        &mut conn,
        id,
        org_id,
        app::auth::policy::OrgRole::Coordinator,
    )
    .await
    .expect("role");
    drop(conn);
    let answer = send(
        app,
        form(
            "/login",
            &format!("email={}&password={}", enc(email), enc(PERSON_PASSWORD)),
            None,
        ),
    )
    .await;
    cookie_pair(&answer.cookie().expect("cookie"))
}

/// A form post and the page it leads to, followed as a browser does.
pub async fn post_and_open(app: &Router, uri: &str, body: &str, cookie: &str) -> Answer {
    let posted = send(app, form(uri, body, Some(cookie))).await;
    follow(app, &posted, Some(cookie)).await
}

/// A form post; its status and where it leads.
pub async fn post(
    app: &Router,
    uri: &str,
    body: &str,
    cookie: &str,
) -> (StatusCode, Option<String>) {
    let answer = send(app, form(uri, body, Some(cookie))).await;
    (answer.status, answer.location())
}

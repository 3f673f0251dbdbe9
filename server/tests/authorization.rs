//! The authorisation matrix: every registered server function, called as every kind of
//! actor, answers as `auth::policy` says. A server function without a row fails here.

use app::auth::policy::{access_of, Actor, SERVER_FUNCTIONS};
use app::db::Db;
use app::db_test;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use std::collections::BTreeSet;
use tower::ServiceExt;

mod common;

const PASSWORD: &str = "matrix-passwort-123";

fn registered() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect()
}

#[test]
fn every_registered_server_function_has_a_policy_row() {
    let registered = registered();
    assert!(
        registered.len() >= SERVER_FUNCTIONS.len(),
        "server functions are registered"
    );
    let missing: Vec<_> = registered
        .iter()
        .filter(|p| access_of(p).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "server functions without a policy row: {missing:?}"
    );
    let stale: Vec<_> = SERVER_FUNCTIONS
        .iter()
        .filter(|(p, _)| !registered.contains(*p))
        .collect();
    assert!(
        stale.is_empty(),
        "policy rows without a server function: {stale:?}"
    );
}

/// Signs the actor in and returns its cookie; `None` for a visitor.
async fn cookie_for(app: &Router, db: &Db, actor: Actor) -> Option<String> {
    if !actor.is_signed_in() {
        return None;
    }
    let email = format!("{actor:?}@example.org").to_lowercase();
    let hash = app::auth::password::hash(PASSWORD).expect("hash");
    app::auth::db::upsert_platform_admin(db, &email, &format!("{actor:?}"), &hash)
        .await
        .expect("account");
    if actor != Actor::PlatformAdmin {
        // Roles in organisations do not exist yet: every other actor is a plain account.
        sqlx::query("UPDATE users SET is_platform_admin = 0 WHERE email = $1")
            .bind(&email)
            .execute(db.pool())
            .await
            .expect("plain account");
    }
    let response = app
        .clone()
        .oneshot(
            Request::post("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!(
                    "email={}&password={PASSWORD}",
                    email.replace('@', "%40")
                )))
                .expect("request"),
        )
        .await
        .expect("answer");
    assert_eq!(
        response
            .headers()
            .get(header::LOCATION)
            .map(|v| v.as_bytes()),
        Some(&b"/me"[..])
    );
    response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
}

db_test!(
    every_server_function_answers_every_actor_as_the_policy_says,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let mut failures = Vec::new();
        for actor in Actor::ALL {
            let cookie = cookie_for(&app, &db, actor).await;
            for path in registered() {
                let access = access_of(&path).expect("row exists (checked above)");
                let mut request = Request::post(path.as_str())
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "application/json");
                if let Some(c) = &cookie {
                    request = request.header(header::COOKIE, c);
                }
                let response = app
                    .clone()
                    .oneshot(request.body(Body::empty()).expect("request"))
                    .await
                    .expect("answer");
                let status = response.status();
                let denied = matches!(
                    status,
                    StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::FOUND
                );
                let expected_allowed = access.allows(actor);
                if denied == expected_allowed || status.is_server_error() {
                    failures.push(format!(
                        "{path} as {actor:?}: {status} (policy allows: {expected_allowed})"
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
);

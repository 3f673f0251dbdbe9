//! The authorisation matrix: every registered server function and every form post,
//! called as every kind of actor, answers as `auth::policy` says. One without a row
//! fails here.

use app::auth::policy::{access_of, Actor};
use app::db::Db;
use app::db_test;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use common::{send, signed_in};
use sqlx::Row;
use std::collections::BTreeSet;

mod common;

const PASSWORD: &str = "Matrix-Passwort-17";

fn server_functions() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect()
}

fn form_posts() -> Vec<&'static str> {
    app::form_routes::<()>()
        .into_iter()
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn every_server_function_and_form_post_has_a_policy_row() {
    let registered: Vec<String> = server_functions()
        .into_iter()
        .chain(form_posts().into_iter().map(str::to_owned))
        .collect();
    let missing: Vec<_> = registered
        .iter()
        .filter(|p| access_of(p).is_none())
        .collect();
    assert!(missing.is_empty(), "without a policy row: {missing:?}");
    let stale: Vec<_> = app::auth::policy::SERVER_FUNCTIONS
        .iter()
        .chain(app::auth::policy::FORM_POSTS)
        .filter(|(p, _)| !registered.iter().any(|r| r == p))
        .collect();
    assert!(stale.is_empty(), "policy rows without a route: {stale:?}");
}

/// Gives the actor its roles: in `same_org`, `other_org` and the first Quartier.
async fn account_for(
    router: &Router,
    db: &Db,
    actor: Actor,
    orgs: (i64, i64),
    quartier: i64,
) -> String {
    let email = format!("{actor:?}@example.org").to_lowercase();
    let (id, _) = signed_in(router, db, &email, PASSWORD).await;
    let roles = actor.roles(orgs.0, orgs.1, quartier);
    let mut conn = db.pool().acquire().await.expect("conn");
    for m in &roles.organisations {
        app::auth::db::grant_org_role(&mut conn, id, m.organisation_id, m.role)
            .await
            .expect("org role");
    }
    for m in &roles.quartiere {
        app::auth::db::grant_quartier_role(&mut conn, id, m.quartier_id, m.role)
            .await
            .expect("quartier role");
    }
    if roles.platform_admin {
        sqlx::query("UPDATE users SET is_platform_admin = 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await
            .expect("admin");
    }
    drop(conn);
    // A fresh sign-in after the roles changed.
    let (_, cookie) = relogin(router, &email).await;
    cookie
}

async fn relogin(router: &Router, email: &str) -> (String, String) {
    let answer = send(
        router,
        common::form(
            "/login",
            &format!("email={}&password={PASSWORD}", common::enc(email)),
            None,
        ),
    )
    .await;
    assert_eq!(answer.location().as_deref(), Some("/me"));
    (
        email.to_owned(),
        common::cookie_pair(&answer.cookie().expect("cookie")),
    )
}

fn denied(status: StatusCode, location: Option<&str>) -> bool {
    matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
        || (status.is_redirection() && location == Some("/login"))
}

db_test!(
    every_route_answers_every_actor_as_the_policy_says,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let ids: Vec<i64> = sqlx::query("SELECT id FROM organisations ORDER BY id")
            .fetch_all(db.pool())
            .await
            .expect("orgs")
            .iter()
            .map(|r| r.try_get("id").expect("id"))
            .collect();
        let quartier: i64 = sqlx::query("SELECT id FROM quartiere ORDER BY id")
            .fetch_one(db.pool())
            .await
            .expect("quartier")
            .try_get("id")
            .expect("id");
        let (same, other) = (ids[0], ids[1]);
        // Need actions are called on an open need of the "same" organisation.
        let need: i64 = sqlx::query(
            "SELECT id FROM needs WHERE organisation_id = $1 AND status = 'open' ORDER BY id",
        )
        .bind(same)
        .fetch_one(db.pool())
        .await
        .expect("need")
        .try_get("id")
        .expect("id");
        let app = common::router(&db);
        // Sign-out ends the actor's session, so it is called last.
        let mut posts = form_posts();
        posts.sort_by_key(|p| *p == "/logout");
        let mut failures = Vec::new();
        for actor in Actor::ALL {
            let cookie = if actor.is_signed_in() {
                Some(account_for(&app, &db, actor, (same, other), quartier).await)
            } else {
                None
            };
            let calls = server_functions()
                .into_iter()
                .map(|p| (p, String::new(), true))
                .chain(
                    posts
                        .iter()
                        .map(|p| ((*p).to_owned(), format!("organisation={same}"), false)),
                );
            for (path, body, is_server_fn) in calls {
                let access = access_of(&path).expect("row exists (checked above)");
                let mut status = StatusCode::METHOD_NOT_ALLOWED;
                let mut location = None;
                for method in [Method::POST, Method::GET] {
                    let mut request = Request::builder()
                        .method(method.clone())
                        .uri(path.replace("{id}", &need.to_string()))
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                    if is_server_fn {
                        request = request.header(header::ACCEPT, "application/json");
                    }
                    if let Some(c) = &cookie {
                        request = request.header(header::COOKIE, c);
                    }
                    let body = if method == Method::POST {
                        Body::from(body.clone())
                    } else {
                        Body::empty()
                    };
                    let answer = send(&app, request.body(body).expect("request")).await;
                    status = answer.status;
                    location = answer.location();
                    if status != StatusCode::METHOD_NOT_ALLOWED {
                        break;
                    }
                }
                let expected_allowed = access.allows(actor);
                if denied(status, location.as_deref()) == expected_allowed
                    || status.is_server_error()
                    || status == StatusCode::METHOD_NOT_ALLOWED
                {
                    failures.push(format!(
                        "{path} as {actor:?}: {status} {location:?} (policy allows: {expected_allowed})"
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
);

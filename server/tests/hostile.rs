//! Hostile input against every server function and every form post, on SQLite and
//! PostgreSQL: empty, very long, control characters, an RTL override, HTML, SQL, huge
//! and negative numbers, raw bytes that are not UTF-8, and ids in the path that are not
//! numbers or name nothing. Each answer is a redirect or a 4xx (or a page), never a
//! 5xx, as a visitor, a neighbour, a coordinator and the platform admin.

use app::auth::policy::{OrgRole, QuartierRole};
use app::db::Db;
use app::db_test;
use axum::body::Body;
use axum::http::{header, Method, Request};
use common::{person, send};

mod common;

/// Every field name the forms and server functions read.
const FIELDS: &[&str] = &[
    "id",
    "kind",
    "reason",
    "details",
    "decision",
    "note",
    "status",
    "notes",
    "situation",
    "reachable",
    "quartier",
    "description",
    "title",
    "date",
    "start",
    "end",
    "weekly",
    "organisation",
    "place",
    "service",
    "topic",
    "phone",
    "email",
    "hours",
    "hours_note",
    "place_name",
    "place_kind",
    "street_address",
    "lat",
    "lon",
    "feature",
    "language",
    "slot_0_0_from",
    "slot_0_0_to",
    "helpers",
    "category",
    "body",
    "minutes",
    "feedback",
    "helper",
    "volunteer",
    "pick",
    "radius",
    "max_hours",
    "name",
    "password",
    "password_repeat",
    "current_password",
    "token",
    "invitation",
    "role",
    "user",
    "q",
    "features",
    "page",
    "sort",
    "from",
    "to",
    "km",
    "checked_on",
    "result",
    "consent",
    "contact_name",
    "paused_until",
    "gender",
    "helper_gender",
    "skill",
    "mobility",
    "home_lat",
    "home_lon",
    "home_quartier",
    "skills_other",
    "rough_place",
    "notes",
];

/// Hostile values, already form-encoded (the last one is raw non-UTF-8 bytes).
fn payloads() -> Vec<String> {
    let enc = common::enc;
    vec![
        String::new(),
        enc(&"x".repeat(20_000)),
        enc("\u{0}\u{7}\u{1b}[31m"),
        enc("\u{202e}gnp.exe"),
        enc("<script>alert(1)</script>"),
        enc("' OR 1=1; DROP TABLE users; --"),
        "99999999999999999999999999".to_owned(),
        "-9223372036854775808".to_owned(),
        "-1".to_owned(),
        "1e309".to_owned(),
        "%FF%FE%C3%28".to_owned(),
    ]
}

/// Path ids that are not numbers, too big, negative, or name nothing.
const IDS: &[&str] = &["abc", "-1", "99999999999999999999", "0", "424242"];

fn body_of(value: &str) -> String {
    FIELDS
        .iter()
        .map(|f| format!("{f}={value}"))
        .collect::<Vec<_>>()
        .join("&")
}

db_test!(
    hostile_input_never_gets_a_server_error,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let (_, neighbour) = person(
            &app,
            &db,
            "helga@example.org",
            Some(QuartierRole::Neighbour),
            None,
        )
        .await;
        let (_, coordinator) = person(
            &app,
            &db,
            "kim@example.org",
            None,
            Some(OrgRole::Coordinator),
        )
        .await;
        // The platform admin flag is read on every request, so the session stays valid.
        let (admin_id, admin) = person(&app, &db, "root@example.org", None, None).await;
        sqlx::query("UPDATE users SET is_platform_admin = 1 WHERE id = $1")
            .bind(admin_id)
            .execute(db.pool())
            .await
            .expect("admin");
        let server_functions: Vec<String> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path.to_owned())
            .collect();
        // Signing out or deleting the account would end the actor's session.
        let posts: Vec<&str> = app::form_routes::<()>()
            .into_iter()
            .map(|(path, _)| path)
            .filter(|p| !matches!(*p, "/logout" | "/me/delete"))
            .collect();
        let mut failures = Vec::new();
        let mut calls = 0;
        for cookie in [None, Some(&neighbour), Some(&coordinator), Some(&admin)] {
            for value in payloads() {
                let body = body_of(&value);
                let mut targets: Vec<(String, bool)> =
                    server_functions.iter().map(|p| (p.clone(), true)).collect();
                for p in &posts {
                    let ids = if p.contains("{id}") { IDS.len() } else { 1 };
                    for id in &IDS[..ids] {
                        targets.push((p.replace("{id}", id), false));
                    }
                }
                for (path, is_server_fn) in targets {
                    for method in [Method::POST, Method::GET] {
                        let uri = if method == Method::GET {
                            format!(
                                "{path}?{}",
                                body_of(&value).chars().take(4000).collect::<String>()
                            )
                        } else {
                            path.clone()
                        };
                        let mut request = Request::builder()
                            .method(method.clone())
                            .uri(&uri)
                            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                        if is_server_fn {
                            request = request.header(header::ACCEPT, "application/json");
                        }
                        if let Some(c) = cookie {
                            request = request.header(header::COOKIE, c.as_str());
                        }
                        let payload = if method == Method::POST {
                            Body::from(body.clone())
                        } else {
                            Body::empty()
                        };
                        let answer = send(&app, request.body(payload).expect("request")).await;
                        calls += 1;
                        if answer.status.is_server_error() {
                            failures.push(format!(
                                "{method} {} with {:?}…: {}",
                                path,
                                value.chars().take(24).collect::<String>(),
                                answer.status
                            ));
                        }
                    }
                }
            }
        }
        assert!(calls > 1000, "{calls} calls");
        failures.dedup();
        assert!(
            failures.is_empty(),
            "{} of {calls} calls failed: {:#?}",
            failures.len(),
            &failures[..failures.len().min(40)]
        );
        // Nothing was created by the hostile sign-ups.
        let accounts: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM users WHERE email LIKE '%script%' OR email LIKE '%DROP%'",
        )
        .fetch_one(db.pool())
        .await
        .map(|r| sqlx::Row::try_get(&r, "n").expect("n"))
        .expect("count");
        assert_eq!(accounts, 0);
    }
);

//! Signing in and out through the real router, on SQLite and PostgreSQL.

use app::db::Db;
use app::db_test;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::send;

mod common;

const EMAIL: &str = "koordination@example.org";
const PASSWORD: &str = "ein-sicheres-passwort";

async fn app_with_account(db: &Db) -> Router {
    let hash = app::auth::password::hash(PASSWORD).await.expect("hash");
    app::auth::db::upsert_platform_admin(db, EMAIL, "Kim Koordination", &hash)
        .await
        .expect("account");
    common::router(db)
}

fn login_request(
    email: &str,
    password: &str,
    cookie: Option<&str>,
    origin: Option<&str>,
) -> Request<Body> {
    let mut builder =
        Request::post("/login").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        builder = builder.header(header::COOKIE, c);
    }
    if let Some(o) = origin {
        builder = builder
            .header(header::ORIGIN, o)
            .header(header::HOST, "127.0.0.1:3000");
    }
    let form = format!("email={}&password={}", email.replace('@', "%40"), password);
    builder.body(Body::from(form)).expect("request")
}

use common::{cookie_pair, page as get_with};

db_test!(
    a_wrong_password_is_refused_without_saying_whether_the_account_exists,
    |db: Db| async move {
        let app = app_with_account(&db).await;
        let wrong = send(&app, login_request(EMAIL, "falsches-passwort", None, None)).await;
        let unknown = send(
            &app,
            login_request("niemand@example.org", PASSWORD, None, None),
        )
        .await;
        assert_eq!(wrong.status, StatusCode::SEE_OTHER);
        assert_eq!(
            wrong.location().as_deref(),
            Some("/login?error=credentials")
        );
        assert_eq!(
            unknown.location(),
            wrong.location(),
            "same answer for unknown e-mail"
        );
        assert!(
            wrong.cookie().is_none() && unknown.cookie().is_none(),
            "no session for a failed sign-in"
        );
        let missing = send(&app, login_request("", "", None, None)).await;
        assert_eq!(missing.location().as_deref(), Some("/login?error=missing"));
        let page = get_with(&app, "/login?error=credentials", None).await;
        assert!(page
            .body
            .contains("E-Mail-Adresse oder Passwort stimmen nicht."));
    }
);

db_test!(
    signing_in_opens_my_account_and_signing_out_ends_the_session,
    |db: Db| async move {
        let app = app_with_account(&db).await;
        let signed_in = send(
            &app,
            login_request("Koordination@Example.org", PASSWORD, None, None),
        )
        .await;
        assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
        assert_eq!(signed_in.location().as_deref(), Some("/me"));
        let set_cookie = signed_in.cookie().expect("session cookie");
        assert!(set_cookie.starts_with("gn_session="), "{set_cookie}");
        assert!(
            set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
            "{set_cookie}"
        );
        assert!(!set_cookie.contains("Secure"), "plain http in this test");
        let cookie = cookie_pair(&set_cookie);

        let me = get_with(&app, "/me", Some(&cookie)).await;
        assert_eq!(me.status, StatusCode::OK);
        assert!(me.body.contains(EMAIL) && me.body.contains("Kim Koordination"));
        assert!(me.body.contains("Plattform-Administration"));
        assert!(
            me.body.contains("action=\"/logout\""),
            "the header offers sign-out"
        );

        // Signing in again issues a new session id (no session fixation).
        let again = send(&app, login_request(EMAIL, PASSWORD, Some(&cookie), None)).await;
        let new_cookie = cookie_pair(&again.cookie().expect("rotated cookie"));
        assert_ne!(new_cookie, cookie);
        assert_eq!(
            get_with(&app, "/me", Some(&cookie)).await.status,
            StatusCode::FOUND,
            "the old id is gone"
        );

        let out = send(
            &app,
            Request::post("/logout")
                .header(header::COOKIE, &new_cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        let after = get_with(&app, "/me", Some(&new_cookie)).await;
        assert_eq!(after.status, StatusCode::FOUND);
        assert_eq!(after.location().as_deref(), Some("/login"));
    }
);

db_test!(
    a_visitor_opening_my_account_is_sent_to_login,
    |db: Db| async move {
        let app = app_with_account(&db).await;
        let me = get_with(&app, "/me", None).await;
        assert_eq!(me.status, StatusCode::FOUND);
        assert_eq!(me.location().as_deref(), Some("/login"));
        let home = get_with(&app, "/", None).await;
        assert!(
            home.body.contains("href=\"/login\""),
            "visitors see the sign-in link"
        );
    }
);

db_test!(
    changing_the_password_ends_existing_sessions,
    |db: Db| async move {
        let app = app_with_account(&db).await;
        let signed_in = send(&app, login_request(EMAIL, PASSWORD, None, None)).await;
        let cookie = cookie_pair(&signed_in.cookie().expect("cookie"));
        let new_hash = app::auth::password::hash("ein-ganz-neues-passwort")
            .await
            .expect("hash");
        app::auth::db::upsert_platform_admin(&db, EMAIL, "Kim Koordination", &new_hash)
            .await
            .expect("update");
        assert_eq!(
            get_with(&app, "/me", Some(&cookie)).await.status,
            StatusCode::FOUND
        );
    }
);

db_test!(
    cross_site_posts_are_refused_and_same_site_posts_pass,
    |db: Db| async move {
        let app = app_with_account(&db).await;
        let evil = send(
            &app,
            login_request(EMAIL, PASSWORD, None, Some("https://evil.example")),
        )
        .await;
        assert_eq!(evil.status, StatusCode::FORBIDDEN);
        assert!(evil.cookie().is_none());
        let evil_fn = send(
            &app,
            Request::post("/api/needs/open")
                .header(header::CONTENT_TYPE, "text/plain")
                .header(header::ORIGIN, "https://evil.example")
                .body(Body::from("quartier="))
                .expect("request"),
        )
        .await;
        assert_eq!(
            evil_fn.status,
            StatusCode::FORBIDDEN,
            "server functions are covered too"
        );
        let evil_referer = send(
            &app,
            Request::post("/logout")
                .header(header::REFERER, "https://evil.example/page")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(evil_referer.status, StatusCode::FORBIDDEN);
        let same = send(
            &app,
            login_request(EMAIL, PASSWORD, None, Some("http://127.0.0.1:3000")),
        )
        .await;
        assert_eq!(same.status, StatusCode::SEE_OTHER);
        assert_eq!(same.location().as_deref(), Some("/me"));
    }
);

db_test!(expired_sessions_are_deleted, |db: Db| async move {
    use tower_sessions::ExpiredDeletion;
    let app = app_with_account(&db).await;
    send(&app, login_request(EMAIL, PASSWORD, None, None)).await;
    sqlx::query("UPDATE sessions SET expires_at = 0")
        .execute(db.pool())
        .await
        .expect("age");
    app::auth::session_store::DbSessionStore::new(db.clone())
        .delete_expired()
        .await
        .expect("delete");
    let left: i64 = sqlx::Row::try_get(
        &sqlx::query("SELECT COUNT(*) FROM sessions")
            .fetch_one(db.pool())
            .await
            .expect("count"),
        0,
    )
    .expect("n");
    assert_eq!(left, 0);
});

db_test!(
    repeated_attempts_on_one_account_get_429_with_retry_after,
    |db: Db| async move {
        let app = app_with_account(&db).await;
        for _ in 0..5 {
            let answer = send(&app, login_request(EMAIL, "falsch-falsch", None, None)).await;
            assert_eq!(answer.status, StatusCode::SEE_OTHER);
        }
        let throttled = send(&app, login_request(EMAIL, PASSWORD, None, None)).await;
        assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
        let retry: u64 = throttled
            .header(header::RETRY_AFTER)
            .and_then(|v| v.parse().ok())
            .expect("Retry-After in seconds");
        assert!(retry >= 1);
        assert!(throttled.body.contains("Zu viele Anmeldeversuche"));
        assert!(
            throttled.cookie().is_none(),
            "no session even with the right password"
        );
        // Another account from the same address is still served.
        let other = send(
            &app,
            login_request("jemand@example.org", "egal-egal-egal", None, None),
        )
        .await;
        assert_eq!(other.status, StatusCode::SEE_OTHER);
    }
);

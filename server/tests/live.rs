//! The change stream of the coordinator page, in one process, on SQLite and PostgreSQL:
//! a need posted by a neighbour reaches the coordinators of its organisation and no
//! one else, and the stream ends when the server shuts down. A page loaded again in the
//! background leaves a form's notice for the page the form leads to.

use app::auth::policy::{OrgRole, QuartierRole};
use app::db::testing::TestDb;
use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use sqlx::Row;
use std::time::Duration;
use tower::ServiceExt;

mod common;
use common::{coordinator_of, enc, person, post, router, send, Answer};

/// The body of an open change stream.
struct Stream(Body);

impl Stream {
    async fn open(app: &axum::Router, cookie: &str) -> Stream {
        let request = Request::get("/live/coordinator")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("request");
        let response = app.clone().oneshot(request).await.expect("answer");
        assert_eq!(response.status(), 200);
        assert_eq!(
            response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|t| t.to_str().ok()),
            Some("text/event-stream")
        );
        Stream(response.into_body())
    }

    /// The next event's data, or `None` when the stream ended; fails after ten seconds
    /// of silence.
    async fn next(&mut self) -> Option<String> {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(10), self.0.frame())
                .await
                .expect("an event or the end within ten seconds")?
                .expect("frame");
            let Ok(data) = frame.into_data() else {
                continue;
            };
            let text = String::from_utf8_lossy(&data).into_owned();
            if let Some(line) = text.lines().find_map(|l| l.strip_prefix("data: ")) {
                return Some(line.to_owned());
            }
        }
    }
}

/// A signed-in neighbour of the first Quartier; their cookie.
async fn neighbour(app: &axum::Router, db: &app::db::Db) -> String {
    person(
        app,
        db,
        "nachbarin@live.example",
        Some(QuartierRole::Neighbour),
        None,
    )
    .await
    .1
}

/// The neighbour posts a need; the status and where the form leads.
fn need_form() -> String {
    format!(
        "category=shopping&title={}&description={}&date=2030-05-06&start=10%3A00&end=11%3A30&quartier=linden-sued&helpers=1",
        enc("Einkauf für die Woche"),
        enc("Zwei Taschen vom Markt."),
    )
}

async fn post_a_need(
    app: &axum::Router,
    neighbour: &str,
) -> (axum::http::StatusCode, Option<String>) {
    post(app, "/requests/new", &need_form(), neighbour).await
}

async fn changes_reach_only_the_organisation_concerned(test_db: TestDb) {
    let db = test_db.db.clone();
    server::seed::seed_demo(&db, 1, false).await.expect("seed");
    let app = router(&db);
    let (_, ours) = person(
        &app,
        &db,
        "koordination@live.example",
        None,
        Some(OrgRole::Coordinator),
    )
    .await;
    let other: (i64, String) = {
        let row = sqlx::query(
            "SELECT id, slug FROM organisations
              WHERE id NOT IN (SELECT organisation_id FROM organisation_quartiere WHERE quartier_id = 1)
              ORDER BY id LIMIT 1",
        )
        .fetch_one(db.pool())
        .await
        .expect("another organisation");
        (
            row.try_get("id").expect("id"),
            row.try_get("slug").expect("slug"),
        )
    };
    let theirs = coordinator_of(&app, &db, "andere@live.example", &other.1).await;
    let neighbour = neighbour(&app, &db).await;
    let mut our_page = Stream::open(&app, &ours).await;
    let mut their_page = Stream::open(&app, &theirs).await;

    let (status, _) = post_a_need(&app, &neighbour).await;
    assert_eq!(status, 303);
    let first_org: i64 = sqlx::query("SELECT organisation_id FROM needs ORDER BY id DESC LIMIT 1")
        .fetch_one(db.pool())
        .await
        .expect("need")
        .try_get("organisation_id")
        .expect("id");
    assert_eq!(our_page.next().await, Some(format!("org:{first_org}")));

    // The other organisation hears its own next change first: the need was not theirs.
    app::live::bus::organisation_changed(&db, other.0).await;
    assert_eq!(their_page.next().await, Some(format!("org:{}", other.0)));

    // Shutting down ends the streams.
    db.live().close();
    assert_eq!(our_page.next().await, None);
    assert_eq!(their_page.next().await, None);
    test_db.finish().await;
}

#[tokio::test]
async fn changes_reach_only_the_organisation_concerned_on_sqlite() {
    changes_reach_only_the_organisation_concerned(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn changes_reach_only_the_organisation_concerned_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        changes_reach_only_the_organisation_concerned(db).await;
    }
}

/// A page request as the live region's background load sends it: with the browser's
/// `Sec-Fetch-Mode` or, failing that, the region's own header.
async fn background(app: &axum::Router, uri: &str, cookie: &str, header: (&str, &str)) -> Answer {
    let request = Request::get(uri)
        .header(header::COOKIE, cookie)
        .header(header.0, header.1)
        .body(Body::empty())
        .expect("request");
    send(app, request).await
}

async fn a_background_load_leaves_the_notice_for_the_next_page(test_db: TestDb) {
    let db = test_db.db.clone();
    server::seed::seed_demo(&db, 1, false).await.expect("seed");
    let app = router(&db);
    let neighbour = neighbour(&app, &db).await;
    let posted = send(
        &app,
        common::form("/requests/new", &need_form(), Some(&neighbour)),
    )
    .await;
    assert_eq!(posted.status, 303);
    let need_page = posted.location().expect("the need's page");
    let notice = posted
        .notice_cookie()
        .expect("the notice travels in its cookie");
    let left = posted.set_cookie("gn_notice=").unwrap_or_default();
    assert!(
        left.contains("HttpOnly") && left.contains("SameSite=Lax") && left.contains("Max-Age=60"),
        "{left}"
    );
    assert!(!left.contains("Secure"), "plain http in this test");
    assert!(
        posted.cookie().is_none(),
        "the session is not written for it"
    );
    let cookies = format!("{neighbour}; {notice}");

    // The page the form was sent from renews itself before the browser moves on.
    for header in [
        ("sec-fetch-mode", "cors"),
        (app::live::BACKGROUND_HEADER, "1"),
    ] {
        let renewed = background(&app, "/requests/new", &cookies, header).await;
        assert_eq!(renewed.status, 200);
        assert!(!renewed.body.contains("notice--ok"), "{header:?}");
        assert!(
            renewed.notice_cookie().is_none(),
            "left waiting: {header:?}"
        );
    }
    let arrived = background(&app, &need_page, &cookies, ("sec-fetch-mode", "navigate")).await;
    assert_eq!(arrived.status, 200);
    assert!(arrived.body.contains("notice--ok"), "the notice is shown");
    let cleared = arrived.set_cookie("gn_notice=").unwrap_or_default();
    assert!(
        cleared.starts_with("gn_notice=;") && cleared.contains("Max-Age=0"),
        "and cleared, so it is shown only once: {cleared}"
    );
    let again = common::page(&app, &need_page, Some(&neighbour)).await;
    assert!(!again.body.contains("notice--ok"), "only once");

    // A cookie naming no notice shows nothing, fails nothing, and is cleared.
    for made_up in ["gn_notice=Bogus", "gn_notice=%22x", "gn_notice="] {
        let odd = common::page(&app, &need_page, Some(&format!("{neighbour}; {made_up}"))).await;
        assert_eq!(odd.status, 200, "{made_up}");
        assert!(!odd.body.contains("notice--ok"), "{made_up}");
        assert!(
            odd.set_cookie("gn_notice=")
                .is_some_and(|c| c.contains("Max-Age=0")),
            "{made_up}"
        );
    }
    test_db.finish().await;
}

#[tokio::test]
async fn a_background_load_leaves_the_notice_for_the_next_page_on_sqlite() {
    a_background_load_leaves_the_notice_for_the_next_page(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn a_background_load_leaves_the_notice_for_the_next_page_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        a_background_load_leaves_the_notice_for_the_next_page(db).await;
    }
}

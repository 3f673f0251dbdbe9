//! Pages keep reads they repeat in memory (the needs list, the Quartiere, an account with
//! its roles, a volunteer's home point), tagged with data versions that the database
//! raises with every change. These tests change the data behind the pages' back, by
//! plain SQL and through a second handle on the same database as a second instance
//! would, and check that the very next request shows the change.

use app::auth::policy::QuartierRole;
use app::db::testing::{run, TestDb};
use app::db::Db;
use axum::http::StatusCode;
use axum::Router;
use common::{form, page, person, router, send};
use sqlx::Row;

mod common;

/// One page of the open-needs list as the filter server function gives it.
async fn open_list(app: &Router, cookie: Option<&str>) -> serde_json::Value {
    let answer = send(app, form("/api/needs/open", "", cookie)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_str(&answer.body).expect("json")
}

fn needs(list: &serde_json::Value) -> &Vec<serde_json::Value> {
    list["needs"].as_array().expect("needs")
}

fn ids(list: &serde_json::Value) -> Vec<i64> {
    needs(list)
        .iter()
        .map(|n| n["id"].as_i64().expect("id"))
        .collect()
}

async fn exec(db: &Db, sql: &str, id: i64) {
    sqlx::query(sql)
        .bind(id)
        .execute(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn the_list_follows_every_change(db: Db, url: String) {
    server::seed::seed_demo(&db, 1, false).await.expect("seed");
    let app = router(&db);
    // A second instance: its own handle (and its own kept reads) on the same database.
    let other_db = Db::connect(&url).await.expect("second handle");
    let other = router(&other_db);

    let first = open_list(&app, None).await;
    let seen_by_other = open_list(&other, None).await;
    assert_eq!(ids(&first), ids(&seen_by_other));
    let hidden = ids(&first)[0];
    let renamed = ids(&first)[1];

    // Hidden by plain SQL: gone from the next list of both instances.
    exec(&db, "UPDATE needs SET hidden_at = 1 WHERE id = $1", hidden).await;
    assert!(!ids(&open_list(&app, None).await).contains(&hidden));
    assert!(!ids(&open_list(&other, None).await).contains(&hidden));

    // Retitled through the second instance's handle: the first shows the new title.
    exec(
        &other_db,
        "UPDATE needs SET title = 'Neu: Einkauf am Samstag' WHERE id = $1",
        renamed,
    )
    .await;
    let after = open_list(&app, None).await;
    let title = needs(&after)
        .iter()
        .find(|n| n["id"].as_i64() == Some(renamed))
        .map(|n| n["title"].clone());
    assert_eq!(
        title,
        Some(serde_json::Value::from("Neu: Einkauf am Samstag"))
    );

    // A Quartier renamed: the filter's choices and the list's cards follow.
    let quartier: i64 = sqlx::query("SELECT quartier_id FROM needs WHERE id = $1")
        .bind(renamed)
        .fetch_one(db.pool())
        .await
        .expect("quartier")
        .try_get("quartier_id")
        .expect("id");
    exec(
        &other_db,
        "UPDATE quartiere SET name = 'Lindenhof am Wasser' WHERE id = $1",
        quartier,
    )
    .await;
    let listed = page(&app, "/requests", None).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(
        listed.body.matches("Lindenhof am Wasser").count() >= 2,
        "the new name in the choices and on the cards"
    );

    // Moved to the front through the second instance: the first lists it first.
    exec(
        &other_db,
        "UPDATE needs SET starts_at = 1, ends_at = 4102444800 WHERE id = $1",
        renamed,
    )
    .await;
    assert_eq!(
        ids(&open_list(&app, None).await)[0],
        renamed,
        "now the soonest"
    );

    // The home page's meeting places: renamed and then hidden through the second
    // instance, each seen at the next view of the first.
    let place: i64 = sqlx::query(
        "SELECT p.id FROM meeting_places p JOIN quartiere q ON q.id = p.quartier_id
          WHERE p.hidden_at IS NULL ORDER BY q.name, p.name LIMIT 1",
    )
    .fetch_one(db.pool())
    .await
    .expect("a place")
    .try_get("id")
    .expect("id");
    assert_eq!(page(&app, "/", None).await.status, StatusCode::OK);
    exec(
        &other_db,
        "UPDATE meeting_places SET name = 'Aaa Treff am Kanal' WHERE id = $1",
        place,
    )
    .await;
    assert!(page(&app, "/", None)
        .await
        .body
        .contains("Aaa Treff am Kanal"));
    exec(
        &other_db,
        "UPDATE meeting_places SET hidden_at = 1 WHERE id = $1",
        place,
    )
    .await;
    assert!(!page(&app, "/", None)
        .await
        .body
        .contains("Aaa Treff am Kanal"));
    other_db.close().await;
}

async fn an_account_change_counts_at_the_next_request(db: Db) {
    server::seed::seed_demo(&db, 1, false).await.expect("seed");
    let app = router(&db);
    let (id, cookie) = person(
        &app,
        &db,
        "vera@example.org",
        Some(QuartierRole::Volunteer),
        None,
    )
    .await;
    // Volunteers read the task and the distance; others do not.
    let as_volunteer = open_list(&app, Some(&cookie)).await;
    assert!(needs(&as_volunteer)
        .iter()
        .any(|n| n["distance_m"].is_i64()));

    exec(&db, "DELETE FROM quartier_members WHERE user_id = $1", id).await;
    let without_role = open_list(&app, Some(&cookie)).await;
    assert!(needs(&without_role)
        .iter()
        .all(|n| n["distance_m"].is_null() && n["description"].is_null()));
    assert_eq!(
        page(&app, "/me", Some(&cookie)).await.status,
        StatusCode::OK
    );

    // Suspended by plain SQL: signed out at the next request.
    exec(&db, "UPDATE users SET suspended_at = 1 WHERE id = $1", id).await;
    let me = page(&app, "/me", Some(&cookie)).await;
    assert_ne!(
        me.status,
        StatusCode::OK,
        "a suspended account sees no account page"
    );
    assert_eq!(me.location().as_deref(), Some("/login"));
}

async fn versions_rise_with_what_pages_show(db: Db) {
    use app::db::kept::read_versions;
    server::seed::seed_demo(&db, 1, false).await.expect("seed");
    let volunteer: i64 = sqlx::query("SELECT MIN(user_id) AS id FROM volunteers")
        .fetch_one(db.pool())
        .await
        .expect("volunteer")
        .try_get("id")
        .expect("id");
    let start = read_versions(&db).await.expect("versions");
    // A volunteer's last activity changes with every sign-up and is on no kept page.
    exec(
        &db,
        "UPDATE volunteers SET last_active_at = 5 WHERE user_id = $1",
        volunteer,
    )
    .await;
    assert_eq!(read_versions(&db).await.expect("versions"), start);
    // The home point is kept: accounts rise, the listing does not.
    exec(
        &db,
        "UPDATE volunteers SET home_lat = 52.37 WHERE user_id = $1",
        volunteer,
    )
    .await;
    let moved = read_versions(&db).await.expect("versions");
    assert!(moved.accounts > start.accounts);
    assert_eq!(moved.listing, start.listing);
    // A need: the listing rises, accounts do not.
    exec(&db, "UPDATE needs SET helpers_needed = 3 WHERE id = $1", 1).await;
    let listed = read_versions(&db).await.expect("versions");
    assert!(listed.listing > moved.listing);
    assert_eq!(listed.accounts, moved.accounts);
    // A meeting place's opening hours: the listing rises.
    let place: i64 = sqlx::query("SELECT MIN(id) AS id FROM meeting_places")
        .fetch_one(db.pool())
        .await
        .expect("place")
        .try_get("id")
        .expect("id");
    exec(
        &db,
        "INSERT INTO place_hours (place_id, weekday, start_minute, end_minute) VALUES ($1, 6, 1, 2)",
        place,
    )
    .await;
    let listed = {
        let hours = read_versions(&db).await.expect("versions");
        assert!(hours.listing > listed.listing);
        hours
    };
    // Several changes in one transaction raise a version at least once.
    let mut tx = db.begin_write().await.expect("tx");
    for id in [1_i64, 2, 3] {
        sqlx::query("UPDATE needs SET helpers_needed = 4 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .expect("update");
    }
    tx.commit().await.expect("commit");
    assert!(read_versions(&db).await.expect("versions").listing > listed.listing);
}

/// The nonce of a page's policy, and whether the page's scripts carry exactly it.
fn nonce_of(answer: &common::Answer) -> String {
    let policy = answer
        .header(axum::http::header::CONTENT_SECURITY_POLICY)
        .expect("page policy");
    let start = policy.find("'nonce-").expect("nonce") + "'nonce-".len();
    let nonce = policy[start..]
        .split('\'')
        .next()
        .expect("nonce")
        .to_owned();
    let in_scripts: Vec<&str> = answer
        .body
        .split("nonce=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(!in_scripts.is_empty(), "the page has scripts with a nonce");
    assert!(
        in_scripts.iter().all(|n| *n == nonce),
        "every script carries the policy's nonce"
    );
    nonce
}

fn is_kept(answer: &common::Answer) -> bool {
    answer.header(server::kept_pages::KEPT_HEADER.parse().expect("name")) == Some("hit".into())
}

async fn list_page(app: &Router, cookie: Option<&str>, english: bool) -> common::Answer {
    let mut request = axum::http::Request::get("/requests");
    if let Some(cookie) = cookie {
        request = request.header(axum::http::header::COOKIE, cookie);
    }
    if english {
        request = request.header(axum::http::header::ACCEPT_LANGUAGE, "en");
    }
    let answer = send(
        app,
        request.body(axum::body::Body::empty()).expect("request"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer
}

async fn the_list_page_is_kept_while_nothing_changes(db: Db, url: String) {
    server::seed::seed_demo(&db, 1, false).await.expect("seed");
    let app = router(&db);
    let other_db = Db::connect(&url).await.expect("second handle");

    // A visitor reads the list twice: the second is the kept page, with a new nonce.
    let first = list_page(&app, None, false).await;
    let again = list_page(&app, None, false).await;
    assert!(!is_kept(&first));
    assert!(is_kept(&again), "the same page again is sent from memory");
    let (n1, n2) = (nonce_of(&first), nonce_of(&again));
    assert_ne!(n1, n2, "every response has its own nonce");
    assert_eq!(first.body.replace(&n1, &n2), again.body);

    // Another reader, another language: pages of their own.
    let (_, cookie) = person(
        &app,
        &db,
        "vera@example.org",
        Some(QuartierRole::Volunteer),
        None,
    )
    .await;
    let volunteer = list_page(&app, Some(&cookie), false).await;
    assert!(!is_kept(&volunteer));
    assert!(volunteer.body.contains("href=\"/me\""));
    assert!(!again.body.contains("href=\"/me\""));
    assert!(is_kept(&list_page(&app, Some(&cookie), false).await));
    let english = list_page(&app, None, true).await;
    assert!(!is_kept(&english));
    assert!(english.body.contains("lang=\"en\""));

    // A need retitled through a second instance: the next page shows it, for everyone.
    let id = ids(&open_list(&app, None).await)[0];
    exec(
        &other_db,
        "UPDATE needs SET title = 'Neu: Einkauf am Samstag' WHERE id = $1",
        id,
    )
    .await;
    for cookie in [None, Some(cookie.as_str())] {
        let fresh = list_page(&app, cookie, false).await;
        assert!(!is_kept(&fresh));
        assert!(fresh.body.contains("Neu: Einkauf am Samstag"));
    }

    // A visitor with a notice from a form sees it once, and never someone's kept page.
    assert!(is_kept(&list_page(&app, None, false).await));
    let asked = send(
        &app,
        form("/password/forgot", "email=niemand%40example.org", None),
    )
    .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    let notice = asked.notice_cookie().expect("the notice's cookie");
    let noticed = list_page(&app, Some(&notice), false).await;
    assert!(!is_kept(&noticed));
    assert!(noticed.body.contains("notice--ok"), "the notice is shown");
    assert!(
        noticed
            .set_cookie("gn_notice=")
            .is_some_and(|c| c.contains("Max-Age=0")),
        "and cleared, so it is shown only once"
    );
    let after = list_page(&app, None, false).await;
    assert!(is_kept(&after) && !after.body.contains("notice--ok"));
    other_db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_page_is_kept_while_nothing_changes_on_sqlite() {
    let test_db = TestDb::sqlite().await;
    let url = test_db.url.clone();
    run(test_db, |db| {
        the_list_page_is_kept_while_nothing_changes(db, url)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_page_is_kept_while_nothing_changes_on_postgres() {
    if let Some(test_db) = TestDb::postgres().await {
        let url = test_db.url.clone();
        run(test_db, |db| {
            the_list_page_is_kept_while_nothing_changes(db, url)
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn versions_rise_with_what_pages_show_on_sqlite() {
    run(TestDb::sqlite().await, versions_rise_with_what_pages_show).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn versions_rise_with_what_pages_show_on_postgres() {
    if let Some(test_db) = TestDb::postgres().await {
        run(test_db, versions_rise_with_what_pages_show).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_follows_every_change_on_sqlite() {
    let test_db = TestDb::sqlite().await;
    let url = test_db.url.clone();
    run(test_db, |db| the_list_follows_every_change(db, url)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_follows_every_change_on_postgres() {
    if let Some(test_db) = TestDb::postgres().await {
        let url = test_db.url.clone();
        run(test_db, |db| the_list_follows_every_change(db, url)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_change_counts_at_the_next_request_on_sqlite() {
    run(
        TestDb::sqlite().await,
        an_account_change_counts_at_the_next_request,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_change_counts_at_the_next_request_on_postgres() {
    if let Some(test_db) = TestDb::postgres().await {
        run(test_db, an_account_change_counts_at_the_next_request).await;
    }
}

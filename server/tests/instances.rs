//! Two instances of the real binary on one PostgreSQL database, as in production: a
//! session opened on one is valid on the other, a sign-up storm spread over both fills
//! a need's places exactly, and a change made through one reaches a coordinator's page
//! open on the other, live.

use app::auth::db::{create_account, grant_org_role, grant_quartier_role};
use app::auth::policy::{OrgRole, QuartierRole};
use app::db::testing::TestDb;
use app::db::Db;
use sqlx::Row;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

mod common;
use common::enc;
use common::process::{free_address, request, sign_in, start};

const PASSWORD: &str = "Zwei-Instanzen-2026";
const VOLUNTEERS: usize = 12;
const PLACES: i64 = 3;

/// Creates an account with one role and returns its e-mail address.
async fn account(db: &Db, email: &str, role: Result<OrgRole, QuartierRole>) -> String {
    let hash = app::auth::password::hash(PASSWORD).await.expect("hash");
    let mut conn = db.pool().acquire().await.expect("conn");
    let id = create_account(&mut conn, email, "Probe", &hash, "de", true)
        .await
        .expect("account")
        .expect("new");
    match role {
        Ok(role) => grant_org_role(&mut conn, id, 1, role).await.map(drop),
        Err(role) => grant_quartier_role(&mut conn, id, 1, role).await,
    }
    .expect("role");
    email.to_owned()
}

/// An open need of the first organisation that anyone may take, with `PLACES` places.
async fn need_with_places(db: &Db) -> i64 {
    let id: i64 = sqlx::query(
        "SELECT id FROM needs
          WHERE organisation_id = 1 AND quartier_id = 1 AND status = 'open' AND helpers_filled = 0
            AND starts_at > $1 AND same_gender = 0 AND category IN ('shopping', 'accompaniment', 'forms')
          ORDER BY id LIMIT 1",
    )
    .bind(app::db::now())
    .fetch_one(db.pool())
    .await
    .expect("an open need")
    .try_get("id")
    .expect("id");
    sqlx::query("UPDATE needs SET helpers_needed = $2 WHERE id = $1")
        .bind(id)
        .bind(PLACES)
        .execute(db.pool())
        .await
        .expect("places");
    id
}

/// A change stream held open: the text received so far.
struct Stream {
    connection: TcpStream,
    received: String,
}

impl Stream {
    async fn open(addr: &str, path: &str, cookie: &str) -> Stream {
        let mut connection = TcpStream::connect(addr).await.expect("connect");
        let head = format!(
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n\r\n"
        );
        connection
            .write_all(head.as_bytes())
            .await
            .expect("request");
        let mut stream = Stream {
            connection,
            received: String::new(),
        };
        assert!(
            stream.wait_for("\r\n\r\n").await,
            "no answer: {}",
            stream.received
        );
        assert!(
            stream.received.starts_with("HTTP/1.1 200"),
            "{}",
            stream.received
        );
        assert!(
            stream.received.contains("text/event-stream"),
            "{}",
            stream.received
        );
        stream
    }

    /// Reads until `text` arrived (true) or ten seconds passed (false).
    async fn wait_for(&mut self, text: &str) -> bool {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        let mut buffer = [0u8; 4096];
        while !self.received.contains(text) {
            match tokio::time::timeout_at(deadline, self.connection.read(&mut buffer)).await {
                Ok(Ok(n)) if n > 0 => self
                    .received
                    .push_str(&String::from_utf8_lossy(&buffer[..n])),
                _ => return false,
            }
        }
        true
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_sessions_places_and_live_changes() {
    let Some(test_db) = TestDb::postgres().await else {
        eprintln!("skipped: no PostgreSQL (TEST_DATABASE_URL)");
        return;
    };
    let db = test_db.db.clone();
    server::seed::seed_demo(&db, 1, false).await.expect("seed");
    let coordinator = account(&db, "koordination@zwei.example", Ok(OrgRole::Coordinator)).await;
    let neighbour = account(&db, "nachbarin@zwei.example", Err(QuartierRole::Neighbour)).await;
    let mut volunteers = Vec::new();
    for i in 0..VOLUNTEERS {
        let email = format!("helfer-{i}@zwei.example");
        volunteers.push(account(&db, &email, Err(QuartierRole::Volunteer)).await);
    }
    let need = need_with_places(&db).await;
    let (a, b) = (free_address(), free_address());
    let mut first = start(&test_db.url, &a).await;
    let mut second = start(&test_db.url, &b).await;

    // A session opened on A is valid on B.
    let coordinator_cookie = sign_in(&a, &coordinator, PASSWORD).await;
    let on_b = request(&b, "/coordinator", None, Some(&coordinator_cookie))
        .await
        .expect("page on B");
    assert_eq!((on_b.status, on_b.location), (200, None), "session on B");

    // The coordinator's page on B follows the changes; a neighbour posts through A.
    let mut live_on_b = Stream::open(&b, "/live/coordinator", &coordinator_cookie).await;
    let neighbour_cookie = sign_in(&a, &neighbour, PASSWORD).await;
    let form = format!(
        "category=shopping&title={}&description={}&date=2030-05-06&start=10%3A00&end=11%3A30&quartier=linden-sued&helpers=1",
        enc("Einkauf für die Woche"),
        enc("Zwei Taschen vom Markt."),
    );
    let posted = request(&a, "/requests/new", Some(&form), Some(&neighbour_cookie))
        .await
        .expect("post on A");
    assert_eq!(posted.status, 303);
    assert!(
        live_on_b.wait_for("event: changed\ndata: org:1\n").await,
        "B heard nothing of A's change: {:?}",
        live_on_b.received
    );
    live_on_b.received.clear();

    // A sign-up storm spread over both instances fills exactly the free places.
    let mut cookies = Vec::new();
    for (i, email) in volunteers.iter().enumerate() {
        let instance = if i % 2 == 0 { &a } else { &b };
        cookies.push((instance.clone(), sign_in(instance, email, PASSWORD).await));
    }
    let storm: Vec<_> = cookies
        .into_iter()
        .map(|(instance, cookie)| {
            tokio::spawn(async move {
                request(
                    &instance,
                    &format!("/requests/{need}/signup"),
                    Some(""),
                    Some(&cookie),
                )
                .await
                .expect("sign-up answered")
                .status
            })
        })
        .collect();
    for answer in storm {
        assert_eq!(
            answer.await.expect("task"),
            303,
            "every sign-up is answered"
        );
    }
    let row = sqlx::query(
        "SELECT n.helpers_filled, n.status,
                (SELECT COUNT(*) FROM need_helpers h WHERE h.need_id = n.id AND h.state = 'signed_up') AS placed,
                (SELECT COUNT(*) FROM need_helpers h WHERE h.need_id = n.id AND h.state = 'waitlisted') AS waiting
           FROM needs n WHERE n.id = $1",
    )
    .bind(need)
    .fetch_one(db.pool())
    .await
    .expect("need");
    let filled: i64 = row.try_get("helpers_filled").expect("filled");
    let status: String = row.try_get("status").expect("status");
    let placed: i64 = row.try_get("placed").expect("placed");
    let waiting: i64 = row.try_get("waiting").expect("waiting");
    assert_eq!((filled, placed), (PLACES, PLACES), "places taken exactly");
    assert_eq!(waiting, VOLUNTEERS as i64 - PLACES, "the rest wait");
    assert_eq!(status, "filled");
    // The storm is heard on B too.
    assert!(
        live_on_b.wait_for("event: changed\ndata: org:1\n").await,
        "{:?}",
        live_on_b.received
    );

    // Signing out on B ends the session on A as well.
    let out = request(&b, "/logout", Some(""), Some(&coordinator_cookie))
        .await
        .expect("sign out on B");
    assert_eq!(out.status, 303);
    let after = request(&a, "/coordinator", None, Some(&coordinator_cookie))
        .await
        .expect("page on A");
    assert_eq!(after.location.as_deref(), Some("/login"), "session ended");

    for server in [&mut first, &mut second] {
        let _ = server.kill();
        let _ = server.wait();
    }
    drop(live_on_b);
    test_db.finish().await;
}

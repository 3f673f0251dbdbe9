//! Crash safety with the real binary, on SQLite and PostgreSQL: while clients write
//! messages and sign-ups and note every write the server acknowledged, the server is
//! killed with SIGKILL. After a restart on the same database, every acknowledged write
//! is there and the pages answer.

use app::auth::db::{create_account, grant_org_role, grant_quartier_role};
use app::auth::policy::{OrgRole, QuartierRole};
use app::db::testing::TestDb;
use app::db::Db;
use sqlx::Row;
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod common;
use common::process::{free_address, request, sign_in, start};

const PASSWORD: &str = "Absturz-sicher-2026";

/// A coordinator of the first organisation and three volunteers of the first Quartier.
async fn people(db: &Db) -> Vec<String> {
    let hash = app::auth::password::hash(PASSWORD).await.expect("hash");
    let mut conn = db.pool().acquire().await.expect("conn");
    let mut emails = Vec::new();
    for (i, email) in [
        "koordinatorin@crash.example",
        "v1@crash.example",
        "v2@crash.example",
        "v3@crash.example",
    ]
    .into_iter()
    .enumerate()
    {
        let id = create_account(&mut conn, email, "Probe", &hash, "de", true)
            .await
            .expect("account")
            .expect("new");
        if i == 0 {
            grant_org_role(&mut conn, id, 1, OrgRole::Coordinator)
                .await
                .expect("role");
        } else {
            grant_quartier_role(&mut conn, id, 1, QuartierRole::Volunteer)
                .await
                .expect("role");
        }
        emails.push(email.to_owned());
    }
    emails
}

/// Open needs of the first organisation in the first Quartier that anyone may take.
async fn needs(db: &Db) -> Vec<i64> {
    sqlx::query(
        "SELECT id FROM needs
          WHERE organisation_id = 1 AND quartier_id = 1 AND status IN ('open', 'filled')
            AND starts_at > $1 AND same_gender = 0 AND category IN ('shopping', 'accompaniment', 'forms')
          ORDER BY id LIMIT 8",
    )
    .bind(app::db::now())
    .fetch_all(db.pool())
    .await
    .expect("needs")
    .iter()
    .map(|r| r.try_get("id").expect("id"))
    .collect()
}

async fn acknowledged_writes_survive_a_kill(test_db: TestDb) {
    let db = test_db.db.clone();
    server::seed::seed_demo(&db, 1, false).await.expect("seed");
    let emails = people(&db).await;
    let needs = needs(&db).await;
    assert!(needs.len() >= 3, "needs to write to: {needs:?}");
    let addr = free_address();
    let mut server = start(&test_db.url, &addr).await;
    let mut cookies = Vec::new();
    for email in &emails {
        cookies.push(sign_in(&addr, email, PASSWORD).await);
    }
    let messages: Arc<Mutex<Vec<(i64, String)>>> = Arc::default();
    let sign_ups: Arc<Mutex<Vec<(usize, i64)>>> = Arc::default();
    let mut writers = Vec::new();
    // The coordinator writes messages until the server is gone.
    {
        let (addr, cookie, needs, acked) = (
            addr.clone(),
            cookies[0].clone(),
            needs.clone(),
            messages.clone(),
        );
        writers.push(tokio::spawn(async move {
            for k in 0.. {
                let need = needs[k % needs.len()];
                let text = format!("probe-{k}-{need}");
                let Ok(answer) = request(
                    &addr,
                    &format!("/requests/{need}/messages"),
                    Some(&format!("body={text}")),
                    Some(&cookie),
                )
                .await
                else {
                    break;
                };
                if answer.status == 303
                    && answer.location == Some(format!("/requests/{need}#messages"))
                {
                    acked.lock().expect("lock").push((need, text));
                }
            }
        }));
    }
    // Each volunteer signs up for each need once.
    for (v, cookie) in cookies.iter().enumerate().skip(1) {
        let (addr, cookie, needs, acked) = (
            addr.clone(),
            cookie.clone(),
            needs.clone(),
            sign_ups.clone(),
        );
        writers.push(tokio::spawn(async move {
            for need in needs {
                let Ok(answer) = request(
                    &addr,
                    &format!("/requests/{need}/signup"),
                    Some(""),
                    Some(&cookie),
                )
                .await
                else {
                    break;
                };
                if answer.status == 303 {
                    acked.lock().expect("lock").push((v, need));
                }
                // Spread over the time before the kill, so the last ones are in flight.
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    server.kill().expect("SIGKILL");
    server.wait().expect("reaped");
    for w in writers {
        let _ = tokio::time::timeout(Duration::from_secs(5), w).await;
    }
    let messages = messages.lock().expect("lock").clone();
    let sign_ups = sign_ups.lock().expect("lock").clone();
    assert!(
        !messages.is_empty() && !sign_ups.is_empty(),
        "writes happened before the kill"
    );

    let mut server = start(&test_db.url, &addr).await;
    for (need, text) in &messages {
        let found =
            sqlx::query("SELECT 1 AS one FROM need_messages WHERE need_id = $1 AND body = $2")
                .bind(need)
                .bind(text)
                .fetch_optional(db.pool())
                .await
                .expect("query");
        assert!(found.is_some(), "acknowledged message {text} lost");
    }
    for (v, need) in &sign_ups {
        let found = sqlx::query(
            "SELECT 1 AS one FROM need_helpers h JOIN users u ON u.id = h.user_id
              WHERE h.need_id = $1 AND u.email = $2",
        )
        .bind(need)
        .bind(&emails[*v])
        .fetch_optional(db.pool())
        .await
        .expect("query");
        assert!(
            found.is_some(),
            "acknowledged sign-up of {} for need {need} lost",
            emails[*v]
        );
    }
    // Capacity stays exact: no need counts more places than it has helpers holding one.
    let broken = sqlx::query(
        "SELECT n.id FROM needs n
          WHERE n.helpers_filled <> (SELECT COUNT(*) FROM need_helpers h
                                      WHERE h.need_id = n.id AND h.state IN ('signed_up', 'confirmed'))",
    )
    .fetch_all(db.pool())
    .await
    .expect("query");
    assert!(
        broken.is_empty(),
        "{} needs with a wrong count",
        broken.len()
    );
    let page = request(
        &addr,
        &format!("/requests/{}", needs[0]),
        None,
        Some(&cookies[0]),
    )
    .await
    .expect("page");
    assert_eq!(page.status, 200, "pages answer after the restart");
    server.kill().expect("stop");
    server.wait().expect("reaped");
    eprintln!(
        "{:?}: {} messages and {} sign-ups acknowledged, all there after SIGKILL",
        db.kind(),
        messages.len(),
        sign_ups.len()
    );
    test_db.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_a_kill_on_sqlite() {
    acknowledged_writes_survive_a_kill(TestDb::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_a_kill_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        acknowledged_writes_survive_a_kill(db).await;
    }
}

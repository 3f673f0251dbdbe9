//! On SQLite one connection writes at a time. Writers of one process take turns in the
//! order they came, instead of meeting in SQLite's busy handler, whose sleeps grow to
//! 100 ms a try and let a late writer overtake one that waited long. Sessions are saved
//! in turn as well. On PostgreSQL writers of different rows do not wait on each other.

use app::auth::session_store::DbSessionStore;
use app::db::testing::{run, TestDb};
use app::db::{Db, DbKind};
use std::time::Duration;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::SessionStore;

/// Long enough for a spawned writer to reach its turn's queue on a busy machine.
const SETTLE: Duration = Duration::from_millis(150);

async fn exec(db: &Db, sql: &str) {
    sqlx::query(sql)
        .execute(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// The table in which writers note the order they wrote in.
async fn arrivals_table(db: &Db) {
    let sql = match db.kind() {
        DbKind::Sqlite => {
            "CREATE TABLE arrivals (position INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER)"
        }
        DbKind::Postgres => "CREATE TABLE arrivals (position BIGSERIAL PRIMARY KEY, n BIGINT)",
    };
    exec(db, sql).await;
}

/// Writes `n` into `arrivals` in a write transaction of its own.
fn writer(db: &Db, n: i64) -> tokio::task::JoinHandle<()> {
    let db = db.clone();
    tokio::spawn(async move {
        let mut tx = db.begin_write().await.expect("turn");
        sqlx::query("INSERT INTO arrivals (n) VALUES ($1)")
            .bind(n)
            .execute(&mut *tx)
            .await
            .expect("insert");
        tx.commit().await.expect("commit");
    })
}

async fn arrivals(db: &Db) -> Vec<i64> {
    sqlx::query_scalar("SELECT n FROM arrivals ORDER BY position")
        .fetch_all(db.pool())
        .await
        .expect("arrivals")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writers_take_turns_in_the_order_they_came_on_sqlite() {
    run(TestDb::sqlite().await, |db| async move {
        arrivals_table(&db).await;
        let first = db.begin_write().await.expect("first turn");
        let mut waiting = Vec::new();
        for n in 1..=5 {
            waiting.push(writer(&db, n));
            tokio::time::sleep(SETTLE).await;
        }
        // Nobody wrote while the first writer held its turn.
        assert!(waiting.iter().all(|w| !w.is_finished()));
        assert_eq!(arrivals(&db).await, Vec::<i64>::new());
        first.commit().await.expect("commit");
        for w in waiting {
            w.await.expect("writer");
        }
        assert_eq!(arrivals(&db).await, vec![1, 2, 3, 4, 5]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_saved_in_turn_on_sqlite() {
    run(TestDb::sqlite().await, |db| async move {
        arrivals_table(&db).await;
        // A saved session counts as arrival 0.
        exec(
            &db,
            "CREATE TRIGGER session_arrives AFTER INSERT ON sessions
             BEGIN INSERT INTO arrivals (n) VALUES (0); END",
        )
        .await;
        let store = DbSessionStore::new(db.clone());
        let mut record = Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        };
        let first = db.begin_write().await.expect("first turn");
        let before = writer(&db, 1);
        tokio::time::sleep(SETTLE).await;
        let saving = tokio::spawn({
            let store = store.clone();
            async move { store.create(&mut record).await.map(|_| record.id) }
        });
        tokio::time::sleep(SETTLE).await;
        let after = writer(&db, 2);
        tokio::time::sleep(SETTLE).await;
        assert!(!saving.is_finished(), "the session waits for its turn");
        // A writer that gives up (its transaction rolled back) ends its turn as well.
        drop(first);
        before.await.expect("writer");
        let id = saving.await.expect("task").expect("saved");
        after.await.expect("writer");
        assert_eq!(arrivals(&db).await, vec![1, 0, 2]);
        assert!(store.load(&id).await.expect("load").is_some());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writers_of_different_rows_do_not_wait_on_postgres() {
    let Some(test_db) = TestDb::postgres().await else {
        return;
    };
    run(test_db, |db| async move {
        arrivals_table(&db).await;
        let first = db.begin_write().await.expect("first transaction");
        tokio::time::timeout(Duration::from_secs(30), writer(&db, 1))
            .await
            .expect("the second writer does not wait for the first")
            .expect("writer");
        assert_eq!(arrivals(&db).await, vec![1]);
        first.commit().await.expect("commit");
    })
    .await;
}

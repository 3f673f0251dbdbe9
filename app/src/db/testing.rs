//! Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL database on
//! `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`).
//!
//! When PostgreSQL cannot be reached, a test fails if `CI=true` and otherwise says loudly
//! that it skipped; it never passes silently.

use super::Db;
use sqlx::{Connection, Executor};
use std::sync::atomic::{AtomicU32, Ordering};

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/test";
static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A migrated database that belongs to one test.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteDir(std::path::PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let r: u32 = rand::random();
    format!("gn_test_{}_{n}_{r:08x}", std::process::id())
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(unique_name());
        let url = format!("sqlite://{}/test.db", dir.display());
        let db = Db::connect(&url).await.expect("open test SQLite database");
        db.migrate().await.expect("migrate test SQLite database");
        TestDb {
            db,
            url,
            cleanup: Cleanup::SqliteDir(dir),
        }
    }

    /// `None` when PostgreSQL is unreachable outside CI (after saying so on stderr).
    pub async fn postgres() -> Option<TestDb> {
        sqlx::any::install_default_drivers();
        let admin_url =
            std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned());
        let mut admin = match sqlx::AnyConnection::connect(&admin_url).await {
            Ok(conn) => conn,
            Err(err) => {
                let in_ci = std::env::var("CI").map(|v| v == "true").unwrap_or(false);
                assert!(
                    !in_ci,
                    "PostgreSQL test database unreachable at {} while CI=true: {err}",
                    super::redact(&admin_url)
                );
                eprintln!(
                    "SKIPPED (PostgreSQL unreachable at {}): {err}",
                    super::redact(&admin_url)
                );
                return None;
            }
        };
        let name = unique_name();
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let url = with_database(&admin_url, &name);
        let db = Db::connect(&url)
            .await
            .expect("open test PostgreSQL database");
        db.migrate()
            .await
            .expect("migrate test PostgreSQL database");
        Some(TestDb {
            db,
            url,
            cleanup: Cleanup::PostgresDatabase { admin_url, name },
        })
    }

    /// Closes the pool and removes the database.
    pub async fn finish(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::SqliteDir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                if let Ok(mut admin) = sqlx::AnyConnection::connect(&admin_url).await {
                    let _ = admin
                        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                        .await;
                    let _ = admin.close().await;
                }
            }
        }
    }
}

/// The same server address with another database name.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let prefix = match base.rfind('/') {
        Some(i) if i > base.find("://").map(|s| s + 2).unwrap_or(0) => &base[..i],
        _ => base,
    };
    if query.is_empty() {
        format!("{prefix}/{name}")
    } else {
        format!("{prefix}/{name}?{query}")
    }
}

/// Runs `body` on a fresh database; the database is removed afterwards even when the
/// body panics, and the panic is passed on.
pub async fn run<F, Fut>(test_db: TestDb, body: F)
where
    F: FnOnce(Db) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let outcome = tokio::spawn(body(test_db.db.clone())).await;
    test_db.finish().await;
    if let Err(err) = outcome {
        if err.is_panic() {
            std::panic::resume_unwind(err.into_panic());
        }
        panic!("test task failed: {err}");
    }
}

/// Declares a test that runs once on SQLite and once on PostgreSQL:
///
/// ```ignore
/// db_test!(seeded_needs_are_listed, |db| async move { ... });
/// ```
#[macro_export]
macro_rules! db_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let test_db = $crate::db::testing::TestDb::sqlite().await;
                $crate::db::testing::run(test_db, $body).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                if let Some(test_db) = $crate::db::testing::TestDb::postgres().await {
                    $crate::db::testing::run(test_db, $body).await;
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_is_replaced() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u@h/test?sslmode=disable", "y"),
            "postgres://u@h/y?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h", "z"), "postgres://u@h/z");
    }
}

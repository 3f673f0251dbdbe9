//! The database handle: one code path for SQLite (embedded default) and PostgreSQL
//! (production). Queries are runtime-checked, portable SQL (`$1` placeholders,
//! `RETURNING`); times are UTC epoch seconds (`i64`), ids `i64`, flags `0/1` integers
//! (the Any driver cannot decode SQLite booleans).

pub mod connections;
pub mod kept;
pub mod testing;

use connections::Connections;
use sqlx::any::{AnyConnectOptions, AnyTransactionManager};
use sqlx::{AnyConnection, Connection, Executor, TransactionManager};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

impl DbKind {
    /// Which database a `DATABASE_URL` points at, or `None` when it is neither.
    pub fn of_url(url: &str) -> Option<DbKind> {
        if url.starts_with("sqlite:") {
            Some(DbKind::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(DbKind::Postgres)
        } else {
            None
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    UnsupportedUrl(String),
    #[error("DATABASE_URL is not a valid database address: {0}")]
    InvalidUrl(String),
    #[error("cannot open the database given by DATABASE_URL: {0}")]
    Connect(String),
    #[error("database migration failed: {0}")]
    Migrate(String),
}

/// A cheap-to-clone handle on the connection pool.
#[derive(Clone, Debug)]
pub struct Db {
    pool: Connections,
    kind: DbKind,
    /// The change feed of this process (shared by clones).
    live: crate::live::bus::Live,
    /// Reads kept in memory while their data version stands (shared by clones).
    kept: std::sync::Arc<kept::Kept>,
    /// SQLite's one writing connection: writers take turns on it, first come first
    /// served (shared by clones; `None` on PostgreSQL).
    writer: Option<std::sync::Arc<tokio::sync::Mutex<AnyConnection>>>,
    /// SQLite's checkpoints, stopped when the last clone is dropped.
    _checkpoints: Option<std::sync::Arc<Checkpoints>>,
}

/// One SQL statement with its arguments bound, as `sqlx::query` makes it.
pub type Statement<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// How often SQLite's write-ahead log is copied back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

/// The task that checkpoints SQLite's write-ahead log; ends with its `Db`.
#[derive(Debug)]
struct Checkpoints(tokio::task::AbortHandle);

impl Drop for Checkpoints {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Copies SQLite's write-ahead log back into the database off the write path. Left to
/// SQLite, the commit that fills the log copies it inside `COMMIT`, while every other
/// writer waits for its turn (`BENCHMARKS.md`). A passive checkpoint blocks no reader
/// and no writer.
fn spawn_checkpoints(pool: Connections) -> Checkpoints {
    let task = tokio::spawn(async move {
        let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(err) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&pool)
                .await
            {
                tracing::debug!(error = %err, "checkpoint postponed");
            }
        }
    });
    Checkpoints(task.abort_handle())
}

/// A transaction: used as a connection, ended by `commit` or dropped to roll back. It
/// comes from [`Db::begin_write`] or from the pool's `begin`.
pub struct WriteTx {
    conn: Held,
    open: bool,
}

enum Held {
    /// A connection of the pool; taken out only when the transaction is dropped.
    Lent(Option<connections::Lent>),
    /// SQLite's writer connection, for this turn; the turn passes on when it is dropped.
    Turn(tokio::sync::OwnedMutexGuard<AnyConnection>),
}

impl WriteTx {
    /// Begins a transaction on a lent connection.
    pub(crate) async fn begin_lent(mut conn: connections::Lent) -> Result<WriteTx, sqlx::Error> {
        match AnyTransactionManager::begin(&mut conn, None).await {
            Ok(()) => Ok(WriteTx {
                conn: Held::Lent(Some(conn)),
                open: true,
            }),
            Err(err) => {
                connections::flush_and_give_back(conn);
                Err(err)
            }
        }
    }

    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        AnyTransactionManager::commit(&mut self).await?;
        self.open = false;
        Ok(())
    }

    pub async fn rollback(mut self) -> Result<(), sqlx::Error> {
        AnyTransactionManager::rollback(&mut self).await?;
        self.open = false;
        Ok(())
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        if !self.open {
            return;
        }
        match &mut self.conn {
            // As `sqlx::Transaction` does: the rollback is queued on the connection, ahead
            // of whatever the next writer sends it.
            Held::Turn(conn) => AnyTransactionManager::start_rollback(conn),
            Held::Lent(slot) => {
                if let Some(mut conn) = slot.take() {
                    AnyTransactionManager::start_rollback(&mut conn);
                    connections::flush_and_give_back(conn);
                }
            }
        }
    }
}

impl std::ops::Deref for WriteTx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        match &self.conn {
            Held::Lent(conn) => conn.as_deref().expect(LENT_UNTIL_DROPPED),
            Held::Turn(conn) => conn,
        }
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match &mut self.conn {
            Held::Lent(conn) => conn.as_deref_mut().expect(LENT_UNTIL_DROPPED),
            Held::Turn(conn) => conn,
        }
    }
}

const LENT_UNTIL_DROPPED: &str = "a transaction holds its connection until it is dropped";

/// The pool size when none is set, for an instance on `cores` cores.
///
/// SQLite runs each connection on its own thread and writes one at a time, on a
/// connection of their own beside the pool ([`Db::begin_write`]): four keep two cores
/// busy with less switching and memory than more. On PostgreSQL, requests
/// beyond what the cores can render wait better for a connection inside the server
/// than as PostgreSQL processes competing for the CPU: on two cores, four connections
/// served every page faster and with a shorter tail than 8, 16 or 32 (`BENCHMARKS.md`).
pub fn default_pool_size(kind: DbKind, cores: usize) -> u32 {
    match kind {
        DbKind::Sqlite => 4,
        DbKind::Postgres => u32::try_from(cores.saturating_mul(2)).map_or(64, |n| n.clamp(4, 64)),
    }
}

impl Db {
    /// Opens a pool for `url`. SQLite files (and their folder) are created when missing;
    /// each SQLite connection runs in WAL mode with foreign keys on.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        Db::connect_with(url, None).await
    }

    /// As [`Db::connect`], with at most `connections` open at once (`None`: the
    /// default for the kind of database). Several instances on one PostgreSQL share
    /// its connection limit, so operators size each pool.
    pub async fn connect_with(url: &str, connections: Option<u32>) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let kind = DbKind::of_url(url).ok_or_else(|| DbError::UnsupportedUrl(redact(url)))?;
        let url = match kind {
            DbKind::Sqlite => prepare_sqlite_url(url)?,
            DbKind::Postgres => url.to_owned(),
        };
        let options =
            AnyConnectOptions::from_str(&url).map_err(|e| DbError::InvalidUrl(e.to_string()))?;
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let max = connections.unwrap_or_else(|| default_pool_size(kind, cores));
        let pool = Connections::open(options.clone(), kind, max)
            .await
            .map_err(|e| DbError::Connect(e.to_string()))?;
        let writer = match kind {
            DbKind::Sqlite => {
                let connect = async {
                    let mut conn = AnyConnection::connect_with(&options).await?;
                    sqlite_settings(&mut conn).await?;
                    Ok::<_, sqlx::Error>(conn)
                };
                let conn = connect.await.map_err(|e| DbError::Connect(e.to_string()))?;
                Some(std::sync::Arc::new(tokio::sync::Mutex::new(conn)))
            }
            DbKind::Postgres => None,
        };
        Ok(Db {
            kind,
            live: crate::live::bus::Live::default(),
            kept: Default::default(),
            writer,
            _checkpoints: (kind == DbKind::Sqlite)
                .then(|| std::sync::Arc::new(spawn_checkpoints(pool.clone()))),
            pool,
        })
    }

    pub fn pool(&self) -> &Connections {
        &self.pool
    }

    pub fn kind(&self) -> DbKind {
        self.kind
    }

    pub fn live(&self) -> &crate::live::bus::Live {
        &self.live
    }

    pub fn kept_entries(&self) -> &kept::Kept {
        &self.kept
    }

    /// Applies the migrations of this database kind that have not run yet.
    pub async fn migrate(&self) -> Result<(), DbError> {
        let migrator = match self.kind {
            DbKind::Sqlite => &SQLITE_MIGRATIONS,
            DbKind::Postgres => &POSTGRES_MIGRATIONS,
        };
        let mut conn = self
            .pool
            .acquire()
            .await
            .map_err(|e| DbError::Migrate(e.to_string()))?;
        migrator
            .run_direct(&mut *conn)
            .await
            .map_err(|e| DbError::Migrate(e.to_string()))
    }

    /// After a bulk load (a big seed, a restore): PostgreSQL plans from empty statistics
    /// until autovacuum gets round to them, and a list page then took 30 times longer,
    /// so they are gathered at once. SQLite plans well without them.
    pub async fn gather_statistics(&self) -> Result<(), sqlx::Error> {
        if self.kind == DbKind::Postgres {
            sqlx::query("ANALYZE").execute(&self.pool).await?;
        }
        Ok(())
    }

    /// A transaction that takes the write lock at once on SQLite (`BEGIN IMMEDIATE`), so
    /// a read-then-write transaction never fails on finding the database changed; a
    /// plain transaction on PostgreSQL.
    ///
    /// SQLite writes one at a time. Writers that meet the lock retry in its busy
    /// handler, which sleeps longer each time: under a storm some waited a tenth of a
    /// second while others came and went. Here they queue for their turn in order
    /// instead, and each finds the lock free (`BENCHMARKS.md`). Every write of the
    /// running server takes a turn: transactions here, single statements through
    /// [`Db::execute_write`]. Only the demo seed and the tests write beside it.
    ///
    /// The turn comes with a connection of its own, outside the pool: a writer never
    /// waits for a reader to give a connection back while every other writer waits
    /// behind it.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        match &self.writer {
            Some(writer) => {
                let mut conn = writer.clone().lock_owned().await;
                AnyTransactionManager::begin(&mut conn, Some("BEGIN IMMEDIATE".into())).await?;
                Ok(WriteTx {
                    conn: Held::Turn(conn),
                    open: true,
                })
            }
            None => self.pool.begin().await,
        }
    }

    /// Runs one statement that writes, outside any transaction. On SQLite it waits for
    /// the writer's turn like [`Db::begin_write`]: a write on a pooled connection that
    /// meets the lock sleeps in SQLite's busy handler, and while it holds the lock the
    /// writer in turn sleeps there too (a sign-up storm's session saves and mails did
    /// both).
    pub async fn execute_write<'q>(
        &self,
        statement: Statement<'q>,
    ) -> Result<sqlx::any::AnyQueryResult, sqlx::Error> {
        match &self.writer {
            Some(writer) => statement.execute(&mut *writer.lock().await).await,
            None => statement.execute(&self.pool).await,
        }
    }

    /// As [`Db::execute_write`], for a statement that returns at most one row.
    pub async fn fetch_optional_write<'q>(
        &self,
        statement: Statement<'q>,
    ) -> Result<Option<sqlx::any::AnyRow>, sqlx::Error> {
        match &self.writer {
            Some(writer) => statement.fetch_optional(&mut *writer.lock().await).await,
            None => statement.fetch_optional(&self.pool).await,
        }
    }

    /// A round trip to the database, for `/readyz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The current time as UTC epoch seconds, the one time format stored.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Converts a stored 0/1 flag.
pub fn flag(value: i64) -> bool {
    value != 0
}

/// How long a SQLite connection that meets another's write lock retries before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How every SQLite connection runs: WAL mode, foreign keys on, checkpoints apart.
async fn sqlite_settings(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    for pragma in [
        "PRAGMA journal_mode = WAL",
        "PRAGMA foreign_keys = ON",
        "PRAGMA synchronous = NORMAL",
        // Checkpoints run apart (`spawn_checkpoints`); the log is cut back to 64 MiB
        // after a storm.
        "PRAGMA wal_autocheckpoint = 0",
        "PRAGMA journal_size_limit = 67108864",
    ] {
        conn.execute(pragma).await?;
    }
    let busy = format!("PRAGMA busy_timeout = {}", BUSY_TIMEOUT.as_millis());
    conn.execute(busy.as_str()).await?;
    Ok(())
}

/// Makes sure a file-backed SQLite URL creates its file, and its folder exists.
fn prepare_sqlite_url(url: &str) -> Result<String, DbError> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() {
        return Err(DbError::InvalidUrl("no file name after sqlite://".into()));
    }
    if path == ":memory:" {
        return Ok(url.to_owned());
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| {
                DbError::Connect(format!("cannot create folder {}: {e}", parent.display()))
            })?;
        }
    }
    let query = if query.split('&').any(|p| p.starts_with("mode=")) {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// A URL fit for messages: any password is replaced.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db_test;

    #[test]
    fn only_sqlite_and_postgres_urls_are_accepted() {
        assert_eq!(DbKind::of_url("sqlite://data/x.db"), Some(DbKind::Sqlite));
        assert_eq!(DbKind::of_url("postgres://u@h/db"), Some(DbKind::Postgres));
        assert_eq!(
            DbKind::of_url("postgresql://u@h/db"),
            Some(DbKind::Postgres)
        );
        assert_eq!(DbKind::of_url("mysql://u@h/db"), None);
        assert_eq!(DbKind::of_url("data.db"), None);
    }

    #[test]
    fn passwords_never_appear_in_messages() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }

    #[test]
    fn sqlite_urls_create_their_file() {
        let dir = std::env::temp_dir().join(format!("gn-url-{}", std::process::id()));
        let url = format!("sqlite://{}/a.db", dir.display());
        let prepared = prepare_sqlite_url(&url).expect("valid url");
        assert!(prepared.ends_with("a.db?mode=rwc"));
        assert!(dir.is_dir());
        assert!(prepare_sqlite_url("sqlite://").is_err());
    }

    #[test]
    fn postgres_pools_follow_the_cores_and_sqlite_pools_stay_small() {
        assert_eq!(default_pool_size(DbKind::Sqlite, 1), 4);
        assert_eq!(default_pool_size(DbKind::Sqlite, 16), 4);
        assert_eq!(default_pool_size(DbKind::Postgres, 1), 4);
        assert_eq!(default_pool_size(DbKind::Postgres, 2), 4);
        assert_eq!(default_pool_size(DbKind::Postgres, 8), 16);
        assert_eq!(default_pool_size(DbKind::Postgres, 1000), 64);
        assert_eq!(default_pool_size(DbKind::Postgres, usize::MAX), 64);
    }

    #[tokio::test]
    async fn the_pool_holds_as_many_connections_as_asked() {
        let dir = std::env::temp_dir().join(format!("gn-pool-{}", std::process::id()));
        let url = format!("sqlite://{}/a.db", dir.display());
        let sized = Db::connect_with(&url, Some(2)).await.expect("open");
        assert_eq!(sized.pool().max_size(), 2);
        sized.close().await;
        let default = Db::connect(&url).await.expect("open");
        assert_eq!(default.pool().max_size(), 4);
        default.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    db_test!(
        a_dropped_write_leaves_nothing_and_the_next_writer_goes_on,
        |db: Db| async move {
            sqlx::query("CREATE TABLE written (n BIGINT NOT NULL)")
                .execute(db.pool())
                .await
                .expect("table");
            {
                let mut dropped = db.begin_write().await.expect("begin");
                sqlx::query("INSERT INTO written (n) VALUES (1)")
                    .execute(&mut *dropped)
                    .await
                    .expect("insert");
            }
            let mut tx = db.begin_write().await.expect("the next turn");
            sqlx::query("INSERT INTO written (n) VALUES (2)")
                .execute(&mut *tx)
                .await
                .expect("insert");
            tx.commit().await.expect("commit");
            let kept: Vec<i64> = sqlx::query_scalar("SELECT n FROM written")
                .fetch_all(db.pool())
                .await
                .expect("read");
            assert_eq!(kept, vec![2]);
        }
    );

    /// A writer's turn never waits for the pool: with its only connection lent out, a
    /// write still begins and commits, and readers see it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite_writes_while_every_pooled_connection_is_out() {
        let test_db = testing::TestDb::sqlite().await;
        let db = Db::connect_with(&test_db.url, Some(1)).await.expect("open");
        let lent = db.pool().acquire().await.expect("the only connection");
        let mut tx = db.begin_write().await.expect("a turn without the pool");
        sqlx::query("CREATE TABLE written (n INTEGER NOT NULL)")
            .execute(&mut *tx)
            .await
            .expect("table");
        sqlx::query("INSERT INTO written (n) VALUES (1)")
            .execute(&mut *tx)
            .await
            .expect("insert");
        tx.commit().await.expect("commit");
        drop(lent);
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM written")
            .fetch_one(db.pool())
            .await
            .expect("count");
        assert_eq!(count, 1);
        drop(db);
        test_db.finish().await;
    }

    /// A session save or a mail's mark waits its turn behind an open write transaction,
    /// past SQLite's busy timeout, and then lands: it never meets the lock itself.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite_single_writes_wait_for_the_writers_turn() {
        let test_db = testing::TestDb::sqlite().await;
        let db = test_db.db.clone();
        sqlx::query("CREATE TABLE written (n INTEGER NOT NULL)")
            .execute(db.pool())
            .await
            .expect("table");
        let mut tx = db.begin_write().await.expect("turn");
        sqlx::query("INSERT INTO written (n) VALUES (1)")
            .execute(&mut *tx)
            .await
            .expect("first");
        let waiting = tokio::spawn({
            let db = db.clone();
            async move {
                db.execute_write(sqlx::query("INSERT INTO written (n) VALUES (2)"))
                    .await
            }
        });
        tokio::time::sleep(BUSY_TIMEOUT + Duration::from_millis(500)).await;
        assert!(!waiting.is_finished(), "the single write met the lock");
        tx.commit().await.expect("commit");
        let done = waiting.await.expect("task");
        assert_eq!(done.expect("second").rows_affected(), 1);
        let kept: Vec<i64> = sqlx::query_scalar("SELECT n FROM written ORDER BY n")
            .fetch_all(db.pool())
            .await
            .expect("read");
        assert_eq!(kept, vec![1, 2]);
        drop(db);
        test_db.finish().await;
    }

    /// Without its checkpoints SQLite's log would hold every burst below (6 MB and more);
    /// with them it is copied back between bursts and starts again from its beginning.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite_copies_its_log_back_between_bursts_of_writes() {
        let test_db = testing::TestDb::sqlite().await;
        let db = test_db.db.clone();
        sqlx::query("CREATE TABLE burst (id INTEGER PRIMARY KEY, data TEXT NOT NULL)")
            .execute(db.pool())
            .await
            .expect("table");
        let wal = test_db.url.trim_start_matches("sqlite://").to_owned() + "-wal";
        let mut largest = 0;
        for _ in 0..8 {
            for _ in 0..100 {
                let mut tx = db.begin_write().await.expect("begin");
                sqlx::query("INSERT INTO burst (data) VALUES ($1)")
                    .bind("x".repeat(2000))
                    .execute(&mut *tx)
                    .await
                    .expect("insert");
                tx.commit().await.expect("commit");
            }
            largest = largest.max(std::fs::metadata(&wal).expect("the log").len());
            tokio::time::sleep(CHECKPOINT_EVERY * 2).await;
        }
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM burst")
            .fetch_one(db.pool())
            .await
            .expect("count");
        assert_eq!(count, 800, "every write is kept");
        assert!(largest < 4 << 20, "the log grew to {largest} bytes");
        drop(db);
        test_db.finish().await;
    }
}

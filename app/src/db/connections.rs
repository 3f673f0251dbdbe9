//! The connections a process keeps open and lends out, one request at a time.
//!
//! sqlx's own pool tests a connection with a round trip each time it comes back, on
//! every read: one more trip to PostgreSQL (or to SQLite's connection thread) per query,
//! on a second task, while the connection is kept from the next request
//! (`BENCHMARKS.md`). Here a connection comes back as it is. It is tested before use
//! only after it rested a while; after an error it is tested before it goes back, and
//! closed when the test fails. A transaction left open is ended before its connection
//! goes back (see [`super::WriteTx`]).

use super::{sqlite_settings, DbKind};
use deadpool::managed::{Manager, Metrics, Object, Pool, PoolError, RecycleResult, Timeouts};
use futures::TryStreamExt;
use sqlx::any::{Any, AnyConnectOptions, AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo};
use sqlx::{AnyConnection, Connection, Describe, Either, Execute, Executor};
use std::time::Duration;

/// How long a PostgreSQL connection may rest before it is tested again: it seldom
/// drops within a second of its last use. A SQLite connection cannot drop.
const RETEST_AFTER_IDLE: Duration = Duration::from_secs(1);

/// How long a request waits for a connection (or for a new one to open).
const WAIT: Duration = Duration::from_secs(5);

/// Opens connections for the pool and checks them before they are lent again.
#[derive(Debug)]
pub struct Opener {
    options: AnyConnectOptions,
    kind: DbKind,
}

impl Manager for Opener {
    type Type = AnyConnection;
    type Error = sqlx::Error;

    async fn create(&self) -> Result<AnyConnection, sqlx::Error> {
        let mut conn = AnyConnection::connect_with(&self.options).await?;
        if self.kind == DbKind::Sqlite {
            sqlite_settings(&mut conn).await?;
        }
        Ok(conn)
    }

    async fn recycle(
        &self,
        conn: &mut AnyConnection,
        metrics: &Metrics,
    ) -> RecycleResult<sqlx::Error> {
        if self.kind == DbKind::Postgres && metrics.last_used() >= RETEST_AFTER_IDLE {
            conn.ping().await?;
        }
        Ok(())
    }
}

/// A connection lent from [`Connections`]; it goes back when dropped.
pub type Lent = Object<Opener>;

/// The pool of one database (cheap to clone: the clones share it).
#[derive(Clone, Debug)]
pub struct Connections {
    pool: Pool<Opener>,
}

impl Connections {
    /// A pool of at most `max` connections, with one opened at once so that a wrong
    /// address or a database that is down is reported at start.
    pub(super) async fn open(
        options: AnyConnectOptions,
        kind: DbKind,
        max: u32,
    ) -> Result<Connections, sqlx::Error> {
        let pool = Pool::builder(Opener { options, kind })
            .max_size(usize::try_from(max).unwrap_or(usize::MAX).max(1))
            .timeouts(Timeouts {
                wait: Some(WAIT),
                create: Some(WAIT),
                recycle: Some(WAIT),
            })
            .runtime(deadpool::Runtime::Tokio1)
            .build()
            .map_err(|e| sqlx::Error::Configuration(e.to_string().into()))?;
        let connections = Connections { pool };
        drop(connections.acquire().await?);
        Ok(connections)
    }

    /// A connection of its own for a while (several statements, a transaction).
    pub async fn acquire(&self) -> Result<Lent, sqlx::Error> {
        self.pool.get().await.map_err(|err| match err {
            PoolError::Backend(err) => err,
            PoolError::Timeout(_) => sqlx::Error::PoolTimedOut,
            PoolError::Closed => sqlx::Error::PoolClosed,
            other => sqlx::Error::Configuration(other.to_string().into()),
        })
    }

    /// A transaction on a connection of the pool, with no turn taken on SQLite: for
    /// PostgreSQL's writers (through `Db::begin_write`) and the demo seed, which writes
    /// alone. A writer beside the running server on SQLite takes `Db::begin_write`.
    pub async fn begin(&self) -> Result<super::WriteTx, sqlx::Error> {
        super::WriteTx::begin_lent(self.acquire().await?).await
    }

    /// The most connections open at once.
    pub fn max_size(&self) -> usize {
        self.pool.status().max_size
    }

    /// Lends no more connections: those at rest are closed in order (SQLite then copies
    /// its log back on the last), those lent out when they come back.
    pub async fn close(&self) {
        let resting = self.pool.retain(|_, _| false).removed;
        self.pool.close();
        for conn in resting {
            let _ = conn.close().await;
        }
    }
}

/// Gives a connection back; after an error, only once a round trip shows that it still
/// works (the error may have been the connection's end).
fn give_back<T>(conn: Lent, result: &Result<T, sqlx::Error>) {
    if result.is_err() {
        flush_and_give_back(conn);
    }
}

/// Sends what is queued on a connection (a rollback, on PostgreSQL, goes out only with
/// the connection's next message) and then gives it back, or closes it when that fails:
/// no transaction stays open, holding its locks, while the connection rests in the pool.
pub(super) fn flush_and_give_back(mut conn: Lent) {
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => {
            runtime.spawn(async move {
                if conn.ping().await.is_err() {
                    drop(Object::take(conn));
                }
            });
        }
        Err(_) => drop(Object::take(conn)),
    }
}

/// A query on the pool runs on a lent connection, which goes back when it is done.
impl<'p> Executor<'p> for &'_ Connections {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> futures::stream::BoxStream<'e, Result<Either<AnyQueryResult, AnyRow>, sqlx::Error>>
    where
        E: 'q + Execute<'q, Any>,
    {
        let pool = self.clone();
        Box::pin(async_stream::try_stream! {
            let mut conn = pool.acquire().await?;
            let ended = {
                let mut rows = conn.fetch_many(query);
                loop {
                    match rows.try_next().await {
                        Ok(Some(item)) => {
                            yield item;
                        }
                        Ok(None) => break Ok(()),
                        Err(err) => break Err(err),
                    }
                }
            };
            give_back(conn, &ended);
            ended?;
        })
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> futures::future::BoxFuture<'e, Result<Option<AnyRow>, sqlx::Error>>
    where
        E: 'q + Execute<'q, Any>,
    {
        let pool = self.clone();
        Box::pin(async move {
            let mut conn = pool.acquire().await?;
            let row = conn.fetch_optional(query).await;
            give_back(conn, &row);
            row
        })
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [AnyTypeInfo],
    ) -> futures::future::BoxFuture<'e, Result<AnyStatement<'q>, sqlx::Error>> {
        let pool = self.clone();
        Box::pin(async move {
            let mut conn = pool.acquire().await?;
            let statement = conn.prepare_with(sql, parameters).await;
            give_back(conn, &statement);
            statement
        })
    }

    fn describe<'e, 'q: 'e>(
        self,
        sql: &'q str,
    ) -> futures::future::BoxFuture<'e, Result<Describe<Any>, sqlx::Error>> {
        let pool = self.clone();
        Box::pin(async move {
            let mut conn = pool.acquire().await?;
            let described = conn.describe(sql).await;
            give_back(conn, &described);
            described
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::db::{testing::TestDb, Db};
    use crate::db_test;
    use sqlx::{AnyConnection, Connection};

    db_test!(
        a_transaction_dropped_on_a_lent_connection_holds_nothing,
        |db: Db| async move {
            sqlx::query("CREATE TABLE counted (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)")
                .execute(db.pool())
                .await
                .expect("table");
            sqlx::query("INSERT INTO counted (id, n) VALUES (1, 0)")
                .execute(db.pool())
                .await
                .expect("row");
            let mut other = db.pool().acquire().await.expect("a second connection");
            {
                let mut dropped = db.pool().begin().await.expect("begin");
                sqlx::query("UPDATE counted SET n = n + 10 WHERE id = 1")
                    .execute(&mut *dropped)
                    .await
                    .expect("update");
            }
            if db.kind() == crate::db::DbKind::Postgres {
                // Without its rollback sent, the dropped transaction would hold the row
                // while its connection rests in the pool.
                sqlx::query("SET lock_timeout = '3s'")
                    .execute(&mut *other)
                    .await
                    .expect("timeout");
            }
            sqlx::query("UPDATE counted SET n = n + 1 WHERE id = 1")
                .execute(&mut *other)
                .await
                .expect("the row is free");
            drop(other);
            let n: i64 = sqlx::query_scalar("SELECT n FROM counted WHERE id = 1")
                .fetch_one(db.pool())
                .await
                .expect("read");
            assert_eq!(n, 1, "only the committed change is kept");
        }
    );

    /// A PostgreSQL connection ended from outside fails at most the query that meets it,
    /// and is then closed, not lent to the next request.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_postgres_connection_that_ended_is_not_lent_again() {
        let Some(test_db) = TestDb::postgres().await else {
            return;
        };
        let db = Db::connect_with(&test_db.url, Some(1)).await.expect("open");
        let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
            .fetch_one(db.pool())
            .await
            .expect("pid");
        let mut admin = AnyConnection::connect(&test_db.url).await.expect("admin");
        let ended: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1, 5000)")
            .bind(pid)
            .fetch_one(&mut admin)
            .await
            .expect("terminate");
        assert!(ended);
        let _ = admin.close().await;
        // Either the test before use finds it ended (after a rest), or the query meets it
        // and fails.
        let first = sqlx::query_scalar::<_, i32>("SELECT pg_backend_pid()")
            .fetch_one(db.pool())
            .await;
        if let Ok(first) = first {
            assert_ne!(first, pid);
        }
        let next: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
            .fetch_one(db.pool())
            .await
            .expect("the next query gets a new connection");
        assert_ne!(next, pid);
        db.close().await;
        test_db.finish().await;
    }
}

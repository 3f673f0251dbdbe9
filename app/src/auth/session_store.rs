//! Sessions stored in our own database (SQLite or PostgreSQL, through the same `Db`
//! handle as everything else), as a `tower_sessions` store. The sqlx stores of
//! `tower-sessions-sqlx-store` need a typed pool per database; this keeps one pool.

use crate::db::kept::{RequestVersions, Versions, VERSIONS_SQL};
use crate::db::{now, Db};
use sqlx::Row;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        DbSessionStore { db }
    }
}

fn backend(err: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

fn encode(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = encode(record)?;
        // A new id on the (astronomically rare) collision with an existing session.
        loop {
            let inserted = self
                .db
                .execute_write(
                    sqlx::query(
                        "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3)
                 ON CONFLICT (id) DO NOTHING",
                    )
                    .bind(record.id.to_string())
                    .bind(&data)
                    .bind(record.expiry_date.unix_timestamp()),
                )
                .await
                .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.db
            .execute_write(
                sqlx::query(
                    "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
                )
                .bind(record.id.to_string())
                .bind(encode(record)?)
                .bind(record.expiry_date.unix_timestamp()),
            )
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        let row = match RequestVersions::wanted_with_session() {
            // The versions come along in the same round trip (one row, with or without
            // the session).
            Some(memo) => {
                let row = sqlx::query(&format!(
                    "SELECT s.data, s.expires_at, v.listing, v.accounts FROM ({VERSIONS_SQL}) v
                     LEFT JOIN sessions s ON s.id = $1 AND s.expires_at > $2"
                ))
                .bind(session_id.to_string())
                .bind(now())
                .fetch_one(self.db.pool())
                .await
                .map_err(backend)?;
                memo.offer(Versions::from_row(&row).map_err(backend)?);
                row
            }
            None => {
                let row = sqlx::query(
                    "SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2",
                )
                .bind(session_id.to_string())
                .bind(now())
                .fetch_optional(self.db.pool())
                .await
                .map_err(backend)?;
                let Some(row) = row else { return Ok(None) };
                row
            }
        };
        let Some(data) = row.try_get::<Option<String>, _>("data").map_err(backend)? else {
            return Ok(None);
        };
        let expires_at: i64 = row.try_get("expires_at").map_err(backend)?;
        Ok(Some(Record {
            id: *session_id,
            data: serde_json::from_str(&data)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
            expiry_date: OffsetDateTime::from_unix_timestamp(expires_at)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        self.db
            .execute_write(
                sqlx::query("DELETE FROM sessions WHERE id = $1").bind(session_id.to_string()),
            )
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        self.db
            .execute_write(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now()))
            .await
            .map_err(backend)?;
        Ok(())
    }
}

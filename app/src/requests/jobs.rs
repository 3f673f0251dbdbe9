//! Lifecycle jobs, run hourly by the server: needs whose time has passed become
//! `expired`; the private part of needs closed longer than the retention period is
//! deleted, while the needs themselves (and their counts and hours) stay. Both are
//! single statements with conditions, so running them twice changes nothing more.

use crate::db::Db;

/// Default retention of private details after a need is closed, in days.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;

/// Marks needs whose end has passed as expired; returns how many.
pub async fn expire_passed(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE needs SET status = 'expired', closed_at = $1
         WHERE status IN ('draft', 'pending_review', 'open', 'filled') AND ends_at < $1",
    )
    .bind(now)
    .execute(db.pool())
    .await?
    .rows_affected())
}

/// Deletes the private part (name, address, phone, notes) of needs closed more than
/// `retention_days` ago; returns how many.
pub async fn purge_private_details(
    db: &Db,
    now: i64,
    retention_days: u32,
) -> Result<u64, sqlx::Error> {
    let before = now - i64::from(retention_days) * 86_400;
    let mut tx = db.begin_write().await?;
    let deleted = sqlx::query(
        "DELETE FROM need_private WHERE need_id IN (
             SELECT id FROM needs
             WHERE status IN ('done', 'cancelled', 'expired') AND closed_at IS NOT NULL AND closed_at < $1)",
    )
    .bind(before)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // Messages may hold contact data too once it was revealed.
    sqlx::query(
        "DELETE FROM need_messages WHERE need_id IN (
             SELECT id FROM needs
             WHERE status IN ('done', 'cancelled', 'expired') AND closed_at IS NOT NULL AND closed_at < $1)",
    )
    .bind(before)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(deleted)
}

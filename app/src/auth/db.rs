//! SQL for accounts.

use crate::db::{now, Db};
use sqlx::Row;

/// Creates a platform administrator, or makes an existing account one (new password).
/// Returns the account id.
pub async fn upsert_platform_admin(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (email, password_hash, display_name, is_platform_admin, created_at)
         VALUES ($1, $2, $3, 1, $4)
         ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash,
                                           is_platform_admin = 1
         RETURNING id",
    )
    .bind(email)
    .bind(password_hash)
    .bind(display_name)
    .bind(now())
    .fetch_one(db.pool())
    .await?
    .try_get("id")
}

/// The id and stored hash of an account, by (normalised) e-mail.
pub async fn find_login(db: &Db, email: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query("SELECT id, password_hash FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(db.pool())
        .await?
        .map(|row| Ok((row.try_get("id")?, row.try_get("password_hash")?)))
        .transpose()
}

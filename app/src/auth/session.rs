//! The signed-in user kept in the session: their id and a fingerprint of their password
//! hash, so that changing the password ends every other session.

use super::Viewer;
use crate::db::{flag, Db};
use crate::error::AppError;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use tower_sessions::Session;

const USER_KEY: &str = "user";

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "gn_session";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SessionUser {
    id: i64,
    fingerprint: String,
}

/// The part of a password hash that changes with every new password (its salt and
/// digest); never the whole hash.
fn fingerprint(password_hash: &str) -> String {
    let tail: String = password_hash.chars().rev().take(16).collect();
    tail.chars().rev().collect()
}

fn session_error(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session store failed");
    AppError::Unavailable
}

/// The session of the current request (inside a server function or page).
pub async fn request_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|err| {
        tracing::error!(error = %err, "no session layer");
        AppError::Internal
    })
}

/// Starts a signed-in session: a fresh session id (no fixation), then the user.
pub async fn sign_in(session: &Session, user_id: i64, password_hash: &str) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(
            USER_KEY,
            SessionUser {
                id: user_id,
                fingerprint: fingerprint(password_hash),
            },
        )
        .await
        .map_err(session_error)
}

/// Ends the session and deletes it from the store.
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// The signed-in viewer, or `None`. A session whose password fingerprint no longer
/// matches (the password was changed) is ended.
pub async fn viewer(db: &Db, session: &Session) -> Result<Option<Viewer>, AppError> {
    let Some(user) = session
        .get::<SessionUser>(USER_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    let row = sqlx::query(
        "SELECT id, email, display_name, is_platform_admin, password_hash FROM users WHERE id = $1",
    )
    .bind(user.id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        sign_out(session).await?;
        return Ok(None);
    };
    let hash: String = row.try_get("password_hash")?;
    if fingerprint(&hash) != user.fingerprint {
        sign_out(session).await?;
        return Ok(None);
    }
    Ok(Some(Viewer {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        is_platform_admin: flag(row.try_get("is_platform_admin")?),
    }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fingerprint_is_the_end_of_the_hash_only() {
        let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$ZGlnZXN0ZGlnZXN0ZGlnZXN0";
        let f = super::fingerprint(hash);
        assert_eq!(f.len(), 16);
        assert!(hash.ends_with(&f));
    }
}

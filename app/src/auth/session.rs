//! The signed-in user kept in the session: their id and a fingerprint of their password
//! hash, so that changing the password ends every other session.

use super::flash;
use super::Viewer;
use crate::auth::db::load_roles;
use crate::db::kept::{RequestVersions, Topic, KEEP_VERSIONED};
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

/// The viewer of the current request, as loaded once by [`load_viewer`].
#[derive(Debug, Clone)]
pub struct RequestViewer(pub Option<Viewer>);

/// Loads the signed-in viewer once per request, before any page or server function
/// runs, and puts it into the request. Pages render several resources at once; reading
/// the viewer from the request keeps them from racing on the session.
pub async fn load_viewer(
    axum::extract::Extension(db): axum::extract::Extension<Db>,
    axum::extract::Extension(site): axum::extract::Extension<crate::ctx::SiteConfig>,
    session: Session,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path().to_owned();
    let needs_viewer = !(path.starts_with("/pkg/")
        || matches!(
            path.as_str(),
            "/healthz" | "/readyz" | "/metrics" | "/favicon.ico"
        ));
    let mut took_notice = false;
    if needs_viewer {
        // The data versions are read at most once per page view, by whichever part asks
        // first (here, for a signed-in person). Only reads share them: a request that
        // writes must see its own change in whatever it reads after the write.
        let versions = RequestVersions::default();
        if matches!(*request.method(), http::Method::GET | http::Method::HEAD) {
            request.extensions_mut().insert(versions.clone());
        }
        let viewer = match versions
            .around_session(viewer(&db, &session, &versions))
            .await
        {
            Ok(viewer) => viewer,
            Err(err) => {
                // A broken session is not silently a visitor: the request fails.
                tracing::error!(error = %err, "could not load the viewer");
                let status = http::StatusCode::from_u16(err.status())
                    .unwrap_or(http::StatusCode::SERVICE_UNAVAILABLE);
                return axum::response::IntoResponse::into_response((
                    status,
                    "session: temporarily unavailable",
                ));
            }
        };
        request.extensions_mut().insert(RequestViewer(viewer));
        if request.method() == http::Method::GET
            && !path.starts_with("/api/")
            && !background_fetch(request.headers())
        {
            // Read first: removing marks the session changed, which would write it back
            // on every page view.
            let flash = session
                .get::<flash::Flash>(flash::FLASH_KEY)
                .await
                .unwrap_or_default();
            if flash.is_some() {
                let _ = session.remove::<flash::Flash>(flash::FLASH_KEY).await;
            }
            let taken = flash::notice_cookie(request.headers());
            let flash = flash.or_else(|| {
                taken
                    .as_deref()
                    .and_then(flash::Notice::from_name)
                    .map(flash::Flash::notice)
            });
            took_notice = taken.is_some();
            request.extensions_mut().insert(flash::RequestFlash(flash));
        }
    }
    let mut response = next.run(request).await;
    // A notice left by a form answer goes to the browser; one this page took is cleared.
    let left = response.extensions_mut().remove::<flash::LeftNotice>();
    if left.is_some() || took_notice {
        let secure = site.base_url.starts_with("https://");
        if let Some(cookie) = flash::notice_set_cookie(left.map(|l| l.0), secure) {
            response
                .headers_mut()
                .append(http::header::SET_COOKIE, cookie);
        }
    }
    response
}

/// Is this a script's own fetch rather than the browser going to a page? The live
/// region loads its page again in the background; it must leave a notice waiting for
/// the page a form sent the browser to, which may be asked for a moment later.
fn background_fetch(headers: &http::HeaderMap) -> bool {
    headers
        .get("sec-fetch-mode")
        .is_some_and(|mode| mode.as_bytes() != b"navigate")
        || headers.contains_key(crate::live::BACKGROUND_HEADER)
}

/// The viewer loaded for the current request (inside a server function or page).
/// Outside a request (while the route list is generated) there is nobody: `None`.
pub fn request_viewer() -> Result<Option<Viewer>, AppError> {
    let Some(parts) = crate::context::lookup::<http::request::Parts>() else {
        return Ok(None);
    };
    parts
        .extensions
        .get::<RequestViewer>()
        .map(|v| v.0.clone())
        .ok_or_else(|| {
            // Also reached once at start-up, when the route list is generated from a
            // stand-in request; a real request without it fails the calling function.
            tracing::debug!("no viewer in the request");
            AppError::Internal
        })
}

/// The signed-in viewer, or `Unauthorized`. A page render is redirected to `/login`
/// (302); a direct call answers 401 and carries the redirect header the browser's
/// router follows.
pub fn require_viewer() -> Result<Viewer, AppError> {
    match request_viewer()? {
        Some(viewer) => Ok(viewer),
        None => {
            crate::context::holding_owners(|| leptos_axum::redirect("/login"));
            let direct_call = crate::context::lookup::<http::request::Parts>()
                .is_some_and(|parts| parts.uri.path().starts_with("/api/"));
            if direct_call {
                Err(AppError::Unauthorized.respond())
            } else {
                Err(AppError::Unauthorized)
            }
        }
    }
}

/// Gives the session a new id, keeping its data: after a change of privileges.
pub async fn rotate(session: &Session) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)
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
pub async fn viewer(
    db: &Db,
    session: &Session,
    versions: &RequestVersions,
) -> Result<Option<Viewer>, AppError> {
    let Some(user) = session
        .get::<SessionUser>(USER_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    let version = versions.get(db).await?.of(Topic::Accounts);
    let Some(account) = kept_account(db, user.id, version).await?.as_ref().clone() else {
        sign_out(session).await?;
        return Ok(None);
    };
    // A suspended account is signed out at its next request.
    if account.suspended || account.fingerprint != user.fingerprint {
        sign_out(session).await?;
        return Ok(None);
    }
    Ok(Some(account.viewer))
}

/// An account as each of its requests needs it.
#[derive(Debug, Clone)]
struct Account {
    viewer: Viewer,
    fingerprint: String,
    suspended: bool,
}

/// The account with its roles, kept while the accounts version stands (a new password,
/// a suspension, a role granted or taken all raise it): it is read on every signed-in
/// request, and roles take a join over both kinds of membership.
async fn kept_account(
    db: &Db,
    user_id: i64,
    version: i64,
) -> Result<std::sync::Arc<Option<Account>>, sqlx::Error> {
    db.kept_entries()
        .get_or_load(
            format!("account {user_id}"),
            version,
            KEEP_VERSIONED,
            || load_account(db, user_id),
        )
        .await
}

async fn load_account(db: &Db, user_id: i64) -> Result<Option<Account>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, email, display_name, is_platform_admin, password_hash, suspended_at
           FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let hash: String = row.try_get("password_hash")?;
    let id: i64 = row.try_get("id")?;
    let is_platform_admin = flag(row.try_get("is_platform_admin")?);
    let mut conn = db.pool().acquire().await?;
    let roles = load_roles(&mut conn, id, is_platform_admin).await?;
    Ok(Some(Account {
        viewer: Viewer {
            id,
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
            is_platform_admin,
            roles,
        },
        fingerprint: fingerprint(&hash),
        suspended: row.try_get::<Option<i64>, _>("suspended_at")?.is_some(),
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

//! A personal calendar feed (iCalendar) of the needs one helps with, behind a secret
//! link that can be replaced (which revokes the old one). The feed carries what, when,
//! the Quartier and a link to the need — never a name, address or phone number, since
//! calendar apps copy feeds to other services.

use crate::auth::flash::{Flash, Notice};
use crate::auth::routes::{answer, refused, viewer_of};
use crate::ctx::SiteConfig;
use crate::db::{now, Db};
use crate::error::AppError;
use axum::extract::{Extension, Path};
use axum::response::{IntoResponse, Response};
use chrono::DateTime;
use icalendar::{Calendar, Component, Event, EventLike};
use sqlx::Row;
use tower_sessions::Session;

/// The feed's link for a person, if they made one.
pub async fn feed_token(db: &Db, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT token FROM calendar_feeds WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db.pool())
        .await?
        .map(|row| row.try_get("token"))
        .transpose()
}

/// Makes a new link (the old one stops working).
pub async fn renew(db: &Db, user_id: i64) -> Result<String, sqlx::Error> {
    let (token, _) = crate::auth::tokens::new_token();
    db.execute_write(sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at",
    )
    .bind(user_id)
    .bind(&token)
    .bind(now())
    )
    .await?;
    Ok(token)
}

pub async fn revoke(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    db.execute_write(sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1").bind(user_id))
        .await?;
    Ok(())
}

/// The feed for a token, or `None` for an unknown or revoked one.
pub async fn feed(db: &Db, site: &SiteConfig, token: &str) -> Result<Option<String>, sqlx::Error> {
    let token = token.trim_end_matches(".ics");
    let Some(row) = sqlx::query("SELECT user_id FROM calendar_feeds WHERE token = $1")
        .bind(token)
        .fetch_optional(db.pool())
        .await?
    else {
        return Ok(None);
    };
    let user: i64 = row.try_get("user_id")?;
    let mut calendar = Calendar::new();
    calendar.name("Gute Nachbarschaft");
    for row in sqlx::query(
        "SELECT n.id, n.title, n.starts_at, n.ends_at, q.name FROM need_helpers h
         JOIN needs n ON n.id = h.need_id JOIN quartiere q ON q.id = n.quartier_id
         WHERE h.user_id = $1 AND h.state IN ('signed_up', 'confirmed')
           AND n.status IN ('open', 'filled', 'done')
         ORDER BY n.starts_at LIMIT 500",
    )
    .bind(user)
    .fetch_all(db.pool())
    .await?
    {
        let id: i64 = row.try_get("id")?;
        let (Some(start), Some(end)) = (
            DateTime::from_timestamp(row.try_get("starts_at")?, 0),
            DateTime::from_timestamp(row.try_get("ends_at")?, 0),
        ) else {
            continue;
        };
        let title: String = row.try_get("title")?;
        let quartier: String = row.try_get("name")?;
        let link = format!("{}/requests/{id}", site.base_url.trim_end_matches('/'));
        calendar.push(
            Event::new()
                .uid(&format!("need-{id}@gute-nachbarschaft"))
                .summary(&title)
                .location(&quartier)
                .description(&link)
                .url(&link)
                .starts(start)
                .ends(end)
                .done(),
        );
    }
    Ok(Some(calendar.done().to_string()))
}

/// `GET /calendar/{token}`: the feed, for calendar apps (no session needed).
pub async fn feed_route(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    Path(token): Path<String>,
) -> Response {
    match feed(&db, &site, &token).await {
        Ok(Some(ics)) => (
            [
                (http::header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (http::header::CACHE_CONTROL, "private, max-age=300"),
            ],
            ics,
        )
            .into_response(),
        Ok(None) => (
            http::StatusCode::NOT_FOUND,
            "calendar: unknown or revoked link",
        )
            .into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "calendar feed unavailable");
            (
                http::StatusCode::SERVICE_UNAVAILABLE,
                "calendar: temporarily unavailable",
            )
                .into_response()
        }
    }
}

/// `POST /me/calendar`: a new link (replacing any old one).
pub async fn renew_route(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    match renew(&db, viewer.id).await {
        Ok(_) => {
            answer(
                &session,
                "/me#calendar",
                Flash::notice(Notice::CalendarRenewed),
            )
            .await
        }
        Err(err) => {
            answer(
                &session,
                "/me#calendar",
                Flash::error("calendar", AppError::from(err), vec![]),
            )
            .await
        }
    }
}

/// `POST /me/calendar/revoke`: the link stops working.
pub async fn revoke_route(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    match revoke(&db, viewer.id).await {
        Ok(()) => {
            answer(
                &session,
                "/me#calendar",
                Flash::notice(Notice::CalendarRevoked),
            )
            .await
        }
        Err(err) => {
            answer(
                &session,
                "/me#calendar",
                Flash::error("calendar", AppError::from(err), vec![]),
            )
            .await
        }
    }
}

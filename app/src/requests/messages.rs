//! One message thread per need, between the neighbour who posted it, its helpers and
//! the coordinators of its organisation. While a helper who is not yet confirmed can
//! read along, contact data in a message is held back (and the writer told so). Each
//! new message is announced to the others by e-mail, through the outbox.

use super::staffing::{helper_state, need_facts};
use super::text_check::take_out_contact_data;
use super::HelperState;
use crate::auth::Viewer;
use crate::ctx::SiteConfig;
use crate::db::{flag, now, Db};
use crate::error::{AppError, Problem};
use crate::i18n::{Key, Lang};
use crate::mail::{outbox::enqueue, Letter};
use sqlx::Row;

pub use super::detail::MessageRow;

const MAX_MESSAGE: usize = 2000;

/// Whether the viewer takes part in the need's thread.
pub async fn takes_part(
    conn: &mut sqlx::AnyConnection,
    viewer: &Viewer,
    need: &super::staffing::NeedFacts,
) -> Result<bool, sqlx::Error> {
    if need.is_party(viewer) {
        return Ok(true);
    }
    Ok(matches!(
        helper_state(conn, need.id, viewer.id).await?,
        Some(HelperState::SignedUp | HelperState::Confirmed)
    ))
}

/// Writes a message; returns whether contact data was held back.
pub async fn post_message(
    db: &Db,
    site: &SiteConfig,
    viewer: &Viewer,
    need_id: i64,
    body: &str,
) -> Result<bool, AppError> {
    let mut tx = db.begin_write().await?;
    let need = need_facts(&mut tx, need_id).await?;
    if !takes_part(&mut tx, viewer, &need).await? {
        return Err(AppError::Forbidden);
    }
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::validation("body", Problem::Missing));
    }
    if body.chars().count() > MAX_MESSAGE {
        return Err(AppError::validation("body", Problem::TooLong));
    }
    if body
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(AppError::validation("body", Problem::Malformed));
    }
    let unrevealed: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM need_helpers WHERE need_id = $1 AND state = 'signed_up'",
    )
    .bind(need_id)
    .fetch_one(&mut *tx)
    .await?
    .try_get("n")?;
    let cleaned = take_out_contact_data(body);
    let held_back = unrevealed > 0 && !cleaned.moved.is_empty();
    let stored = if held_back {
        cleaned.text
    } else {
        body.to_owned()
    };
    sqlx::query(
        "INSERT INTO need_messages (need_id, author_id, body, held_back, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(need_id)
    .bind(viewer.id)
    .bind(&stored)
    .bind(i64::from(held_back))
    .bind(now())
    .execute(&mut *tx)
    .await?;
    // Everyone else in the thread with an account hears of it.
    let recipients = sqlx::query(
        "SELECT u.email, u.language FROM users u WHERE u.id <> $2 AND (
             u.id = (SELECT posted_by FROM needs WHERE id = $1)
             OR u.id IN (SELECT user_id FROM need_helpers WHERE need_id = $1 AND state IN ('signed_up', 'confirmed')))",
    )
    .bind(need_id)
    .bind(viewer.id)
    .fetch_all(&mut *tx)
    .await?;
    let link = format!("{}/requests/{need_id}", site.base_url.trim_end_matches('/'));
    for row in recipients {
        let email: String = row.try_get("email")?;
        let language: String = row.try_get("language")?;
        let lang = Lang::from_code(&language).unwrap_or_default();
        let letter = Letter::compose(
            lang,
            Key::MailMessageSubject,
            Key::MailMessageBody,
            &[("name", &viewer.display_name), ("link", &link)],
        );
        enqueue(&mut tx, &email, &letter).await?;
    }
    tx.commit().await?;
    Ok(held_back)
}

/// The thread, oldest first.
pub async fn thread(
    conn: &mut sqlx::AnyConnection,
    lang: Lang,
    need_id: i64,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let mut rows = Vec::new();
    for row in sqlx::query(
        "SELECT m.id, m.author_id, m.body, m.held_back, m.hidden_at, m.created_at, u.display_name
           FROM need_messages m
         LEFT JOIN users u ON u.id = m.author_id WHERE m.need_id = $1 ORDER BY m.id LIMIT 500",
    )
    .bind(need_id)
    .fetch_all(&mut *conn)
    .await?
    {
        let hidden = row.try_get::<Option<i64>, _>("hidden_at")?.is_some();
        rows.push(MessageRow {
            id: row.try_get("id")?,
            author_id: row.try_get("author_id")?,
            author: row.try_get("display_name")?,
            body: if hidden {
                String::new()
            } else {
                row.try_get("body")?
            },
            hidden,
            held_back: flag(row.try_get("held_back")?),
            when: super::when::moment(lang, row.try_get("created_at")?),
        });
    }
    Ok(rows)
}

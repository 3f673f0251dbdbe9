//! The outbox table: queue in a transaction, claim, mark sent or failed with backoff.

use super::Letter;
use crate::db::{now, Db};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

/// After this many failed attempts a message is given up (and stays for inspection).
pub const MAX_ATTEMPTS: i64 = 8;

/// Queues a letter; it is sent only if the surrounding transaction commits.
pub async fn enqueue(
    conn: &mut AnyConnection,
    recipient: &str,
    letter: &Letter,
) -> Result<i64, sqlx::Error> {
    let at = now();
    sqlx::query(
        "INSERT INTO outbox (recipient, subject, body, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(recipient)
    .bind(&letter.subject)
    .bind(&letter.body)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")
}

/// Queues a letter to an account, written in the account's language; `compose` gets
/// that language and the account's display name. An account that no longer exists
/// gets nothing.
pub async fn enqueue_for_user(
    conn: &mut AnyConnection,
    user_id: i64,
    compose: impl FnOnce(crate::i18n::Lang, &str) -> Letter,
) -> Result<(), sqlx::Error> {
    let Some(row) = sqlx::query("SELECT email, language, display_name FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(());
    };
    let email: String = row.try_get("email")?;
    let language: String = row.try_get("language")?;
    let name: String = row.try_get("display_name")?;
    let letter = compose(
        crate::i18n::Lang::from_code(&language).unwrap_or_default(),
        &name,
    );
    enqueue(conn, &email, &letter).await?;
    Ok(())
}

/// Queues a letter to an account in the account's language, in one statement: the
/// letter is written in every language beforehand and the database picks the one the
/// account reads (a write transaction that holds SQLite's lock makes one round trip
/// fewer). An account that no longer exists gets nothing.
pub async fn enqueue_in_language_of(
    conn: &mut AnyConnection,
    user_id: i64,
    compose: impl Fn(Lang) -> Letter,
) -> Result<(), sqlx::Error> {
    let mut query = sqlx::query(&IN_LANGUAGE_OF).bind(user_id).bind(now());
    for letter in Lang::ALL.map(compose) {
        query = query.bind(letter.subject).bind(letter.body);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// `$1` the account, `$2` the time, then subject and body in each language of
/// [`Lang::ALL`]; an unknown language reads the default, as [`Lang::from_code`] does.
static IN_LANGUAGE_OF: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let pick = |part: usize| {
        let param = |lang: Lang| {
            let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
            3 + 2 * index + part
        };
        let mut case = String::from("CASE LOWER(TRIM(language))");
        for lang in Lang::ALL {
            case += &format!(" WHEN '{}' THEN ${}", lang.code(), param(lang));
        }
        case + &format!(" ELSE ${} END", param(Lang::default()))
    };
    format!(
        "INSERT INTO outbox (recipient, subject, body, created_at, next_attempt_at)
         SELECT email, {}, {}, $2, $2 FROM users WHERE id = $1",
        pick(0),
        pick(1)
    )
});

/// A queued message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub attempts: i64,
    pub sent_at: Option<i64>,
}

fn message_from(row: &sqlx::any::AnyRow) -> Result<Message, sqlx::Error> {
    Ok(Message {
        id: row.try_get("id")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        created_at: row.try_get("created_at")?,
        attempts: row.try_get("attempts")?,
        sent_at: row.try_get("sent_at")?,
    })
}

/// Claims up to `limit` due messages for this worker: each is pushed back by
/// `lease_secs`, so another instance's worker does not send it at the same time.
pub async fn claim_due(db: &Db, limit: i64, lease_secs: i64) -> Result<Vec<Message>, sqlx::Error> {
    let at = now();
    let due = sqlx::query(
        "SELECT id, next_attempt_at FROM outbox
         WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT $2",
    )
    .bind(at)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    let mut claimed = Vec::new();
    for row in due {
        let id: i64 = row.try_get("id")?;
        let was: i64 = row.try_get("next_attempt_at")?;
        let row = db
            .fetch_optional_write(
                sqlx::query(
                    "UPDATE outbox SET next_attempt_at = $3
             WHERE id = $1 AND next_attempt_at = $2 AND sent_at IS NULL
             RETURNING id, recipient, subject, body, created_at, attempts, sent_at",
                )
                .bind(id)
                .bind(was)
                .bind(at + lease_secs),
            )
            .await?;
        if let Some(row) = row {
            claimed.push(message_from(&row)?);
        }
    }
    Ok(claimed)
}

pub async fn mark_sent(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    db.execute_write(sqlx::query(
        "UPDATE outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(now())
    )
    .await?;
    Ok(())
}

/// Seconds to wait before attempt number `attempts + 1`: 30 s doubling, at most 1 h.
pub fn backoff_secs(attempts: i64) -> i64 {
    let exponent = attempts.clamp(0, 7) as u32;
    (30i64 << exponent).min(3600)
}

/// Records a failed attempt; retried later with backoff, given up after
/// [`MAX_ATTEMPTS`].
pub async fn mark_failed(db: &Db, message: &Message, error: &str) -> Result<(), sqlx::Error> {
    let attempts = message.attempts + 1;
    let at = now();
    let failed_at = (attempts >= MAX_ATTEMPTS).then_some(at);
    let error: String = error.chars().take(500).collect();
    db.execute_write(
        sqlx::query(
            "UPDATE outbox SET attempts = $2, next_attempt_at = $3, failed_at = $4, last_error = $5
         WHERE id = $1",
        )
        .bind(message.id)
        .bind(attempts)
        .bind(at + backoff_secs(attempts))
        .bind(failed_at)
        .bind(error),
    )
    .await?;
    Ok(())
}

/// The newest messages, for the dev mailbox.
pub async fn latest(db: &Db, limit: i64) -> Result<Vec<Message>, sqlx::Error> {
    sqlx::query(
        "SELECT id, recipient, subject, body, created_at, attempts, sent_at FROM outbox
         ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(message_from)
    .collect()
}

/// Subjects and dates of the messages sent to an address (for the data export).
pub async fn sent_to(
    conn: &mut AnyConnection,
    recipient: &str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query("SELECT subject, created_at FROM outbox WHERE recipient = $1 ORDER BY id")
        .bind(recipient)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| Ok((row.try_get("subject")?, row.try_get("created_at")?)))
        .collect()
}

/// Removes the letters to a deleted account's address.
pub async fn forget_recipient(
    conn: &mut AnyConnection,
    recipient: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM outbox WHERE recipient = $1 AND (sent_at IS NOT NULL OR failed_at IS NOT NULL)")
        .bind(recipient)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db_test;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_secs(0), 30);
        assert_eq!(backoff_secs(1), 60);
        assert!(backoff_secs(5) > backoff_secs(4));
        assert_eq!(backoff_secs(40), 3600);
        assert_eq!(backoff_secs(-3), 30);
    }

    db_test!(
        a_message_is_claimed_once_and_retried_with_backoff,
        |db: Db| async move {
            let mut conn = db.pool().acquire().await.expect("conn");
            let letter = Letter {
                subject: "Betreff".into(),
                body: "Text".into(),
            };
            let id = enqueue(&mut conn, "a@example.org", &letter)
                .await
                .expect("enqueue");
            drop(conn);
            let first = claim_due(&db, 10, 120).await.expect("claim");
            assert_eq!(first.iter().map(|m| m.id).collect::<Vec<_>>(), vec![id]);
            assert!(
                claim_due(&db, 10, 120).await.expect("claim").is_empty(),
                "leased"
            );
            mark_failed(&db, &first[0], "connection refused")
                .await
                .expect("fail");
            assert!(
                claim_due(&db, 10, 120).await.expect("claim").is_empty(),
                "backing off"
            );
            sqlx::query("UPDATE outbox SET next_attempt_at = 0")
                .execute(db.pool())
                .await
                .expect("due");
            let again = claim_due(&db, 10, 120).await.expect("claim");
            assert_eq!(again[0].attempts, 1);
            mark_sent(&db, id).await.expect("sent");
            sqlx::query("UPDATE outbox SET next_attempt_at = 0")
                .execute(db.pool())
                .await
                .expect("due");
            assert!(
                claim_due(&db, 10, 120).await.expect("claim").is_empty(),
                "sent once"
            );
            let latest = latest(&db, 5).await.expect("latest");
            assert!(latest[0].sent_at.is_some());
        }
    );

    db_test!(
        a_letter_to_an_account_is_written_in_its_language,
        |db: Db| async move {
            let mut conn = db.pool().acquire().await.expect("conn");
            let mut accounts = Vec::new();
            for (email, language) in [
                ("de@example.org", "de"),
                ("en@example.org", "en"),
                ("odd@example.org", "xx"),
                ("spaced@example.org", " EN"),
            ] {
                let id = crate::auth::db::create_account(
                    &mut conn, email, "Name", "hash", language, true,
                )
                .await
                .expect("account")
                .expect("new address");
                accounts.push(id);
            }
            let compose = |lang: Lang| Letter {
                subject: format!("subject {}", lang.code()),
                body: format!("body {}", lang.code()),
            };
            for id in &accounts {
                enqueue_in_language_of(&mut conn, *id, compose)
                    .await
                    .expect("enqueue");
            }
            enqueue_in_language_of(&mut conn, 999_999, compose)
                .await
                .expect("an account that is gone gets nothing");
            drop(conn);
            let mut letters: Vec<(String, String, String)> = claim_due(&db, 10, 120)
                .await
                .expect("claim")
                .into_iter()
                .map(|m| (m.recipient, m.subject, m.body))
                .collect();
            letters.sort();
            let letter = |to: &str, lang: &str| {
                (
                    to.to_owned(),
                    format!("subject {lang}"),
                    format!("body {lang}"),
                )
            };
            assert_eq!(
                letters,
                vec![
                    letter("de@example.org", "de"),
                    letter("en@example.org", "en"),
                    letter("odd@example.org", "de"),
                    letter("spaced@example.org", "en"),
                ]
            );
        }
    );

    db_test!(a_rolled_back_event_sends_nothing, |db: Db| async move {
        let mut tx = db.pool().begin().await.expect("tx");
        let letter = Letter {
            subject: "S".into(),
            body: "B".into(),
        };
        enqueue(&mut tx, "b@example.org", &letter)
            .await
            .expect("enqueue");
        tx.rollback().await.expect("rollback");
        assert!(claim_due(&db, 10, 120).await.expect("claim").is_empty());
    });
}

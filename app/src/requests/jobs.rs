//! Lifecycle jobs, run hourly by the server: needs whose time has passed become
//! `expired`; the private part of needs closed longer than the retention period is
//! deleted, while the needs themselves (and their counts and hours) stay. Both are
//! single statements with conditions, so running them twice changes nothing more.

use crate::db::Db;

/// Default retention of private details after a need is closed, in days.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;

/// Weekly needs whose time has passed get their next occurrence a week later (open,
/// no helpers yet, the same private details), once. Cancelled ones end. Returns how
/// many were repeated.
pub async fn repeat_weekly(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    use sqlx::Row;
    const WEEK: i64 = 7 * 86_400;
    let mut tx = db.begin_write().await?;
    let due = sqlx::query(
        "SELECT id, starts_at FROM needs
         WHERE weekly = 1 AND repeated_as IS NULL AND ends_at < $1
           AND status IN ('open', 'filled', 'done', 'expired')",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let mut repeated = 0;
    for row in due {
        let id: i64 = row.try_get("id")?;
        let starts_at: i64 = row.try_get("starts_at")?;
        // The next week still to come (a need may have been missed for a while).
        let weeks = ((now - starts_at) / WEEK + 1).max(1);
        let shift = weeks * WEEK;
        let next: i64 = sqlx::query(
            "INSERT INTO needs (organisation_id, quartier_id, category, title, description, status,
                                helpers_needed, helpers_filled, starts_at, ends_at, created_at, posted_by,
                                on_behalf, rough_place, weekly, language, same_gender, step_free, needs_car, helper_gender)
             SELECT organisation_id, quartier_id, category, title, description, 'open',
                    helpers_needed, 0, starts_at + $2, ends_at + $2, $3, posted_by,
                    on_behalf, rough_place, 1, language, same_gender, step_free, needs_car, helper_gender
             FROM needs WHERE id = $1
             RETURNING id",
        )
        .bind(id)
        .bind(shift)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        sqlx::query(
            "INSERT INTO need_private (need_id, contact_name, street_address, phone, notes, consent)
             SELECT $2, contact_name, street_address, phone, notes, consent FROM need_private WHERE need_id = $1",
        )
        .bind(id)
        .bind(next)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE needs SET repeated_as = $2 WHERE id = $1")
            .bind(id)
            .bind(next)
            .execute(&mut *tx)
            .await?;
        repeated += 1;
    }
    tx.commit().await?;
    Ok(repeated)
}

/// Marks needs whose end has passed as expired; returns how many.
pub async fn expire_passed(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(db
        .execute_write(
            sqlx::query(
                "UPDATE needs SET status = 'expired', closed_at = $1
         WHERE status IN ('draft', 'pending_review', 'open', 'filled') AND ends_at < $1",
            )
            .bind(now),
        )
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

/// Reminds helpers of needs that start within the next day, once each. Returns how
/// many letters were queued.
pub async fn send_reminders(
    db: &Db,
    site: &crate::ctx::SiteConfig,
    now: i64,
) -> Result<u64, sqlx::Error> {
    use crate::i18n::{Key, Lang};
    use crate::mail::{outbox::enqueue, Letter};
    use sqlx::Row;
    let mut tx = db.begin_write().await?;
    let due = sqlx::query(
        "SELECT h.need_id, h.user_id, n.title, u.email, u.language FROM need_helpers h
         JOIN needs n ON n.id = h.need_id JOIN users u ON u.id = h.user_id
         WHERE h.state IN ('signed_up', 'confirmed') AND h.reminded_at IS NULL
           AND n.status IN ('open', 'filled') AND n.starts_at > $1 AND n.starts_at <= $2",
    )
    .bind(now)
    .bind(now + 86_400)
    .fetch_all(&mut *tx)
    .await?;
    let mut sent = 0;
    for row in due {
        let need: i64 = row.try_get("need_id")?;
        let user: i64 = row.try_get("user_id")?;
        let title: String = row.try_get("title")?;
        let email: String = row.try_get("email")?;
        let language: String = row.try_get("language")?;
        let link = format!("{}/requests/{need}", site.base_url.trim_end_matches('/'));
        let letter = Letter::compose(
            Lang::from_code(&language).unwrap_or_default(),
            Key::MailReminderSubject,
            Key::MailReminderBody,
            &[("title", &title), ("link", &link)],
        );
        enqueue(&mut tx, &email, &letter).await?;
        sqlx::query("UPDATE need_helpers SET reminded_at = $3 WHERE need_id = $1 AND user_id = $2")
            .bind(need)
            .bind(user)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sent += 1;
    }
    tx.commit().await?;
    Ok(sent)
}

/// Once a day at most per volunteer: a letter listing the needs opened since their last
/// digest in the Quartiere they help in. Returns how many letters were queued.
pub async fn send_digests(
    db: &Db,
    site: &crate::ctx::SiteConfig,
    now: i64,
) -> Result<u64, sqlx::Error> {
    use crate::i18n::{Key, Lang};
    use crate::mail::{outbox::enqueue, Letter};
    use sqlx::Row;
    // Read outside any write transaction, and write one short transaction per letter:
    // with thousands of volunteers, sign-ins and sign-ups must not wait for the digest.
    let volunteers = sqlx::query(
        "SELECT DISTINCT u.id, u.email, u.language, COALESCE(d.last_sent_at, $1 - 86400) AS since
         FROM quartier_members m JOIN users u ON u.id = m.user_id
         LEFT JOIN need_digests d ON d.user_id = u.id
         WHERE m.role = 'volunteer' AND u.email_verified_at IS NOT NULL
           AND (d.last_sent_at IS NULL OR d.last_sent_at <= $1 - 86400)",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut sent = 0;
    for row in volunteers {
        let user: i64 = row.try_get("id")?;
        let since: i64 = row.try_get("since")?;
        let needs = sqlx::query(
            "SELECT n.id, n.title, q.name FROM needs n JOIN quartiere q ON q.id = n.quartier_id
             WHERE n.status = 'open' AND n.hidden_at IS NULL AND n.created_at > $2 AND n.starts_at > $3
               AND n.quartier_id IN (SELECT quartier_id FROM quartier_members WHERE user_id = $1 AND role = 'volunteer')
             ORDER BY n.starts_at LIMIT 20",
        )
        .bind(user)
        .bind(since)
        .bind(now)
        .fetch_all(db.pool())
        .await?;
        if needs.is_empty() {
            continue;
        }
        let mut tx = db.begin_write().await?;
        // Claim today's digest first, so two instances never both send it.
        let claimed = sqlx::query(
            "INSERT INTO need_digests (user_id, last_sent_at) VALUES ($1, $2)
             ON CONFLICT (user_id) DO UPDATE SET last_sent_at = excluded.last_sent_at
             WHERE need_digests.last_sent_at <= $2 - 86400",
        )
        .bind(user)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed != 1 {
            continue;
        }
        let base = site.base_url.trim_end_matches('/');
        let mut list = String::new();
        for need in &needs {
            let id: i64 = need.try_get("id")?;
            let title: String = need.try_get("title")?;
            let quartier: String = need.try_get("name")?;
            list.push_str(&format!("- {title} ({quartier}): {base}/requests/{id}\n"));
        }
        let email: String = row.try_get("email")?;
        let language: String = row.try_get("language")?;
        let letter = Letter::compose(
            Lang::from_code(&language).unwrap_or_default(),
            Key::MailDigestSubject,
            Key::MailDigestBody,
            &[("list", list.trim_end())],
        );
        enqueue(&mut tx, &email, &letter).await?;
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

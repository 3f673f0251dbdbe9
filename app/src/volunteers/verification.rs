//! Verification records kept by coordinators: the inspection of the extended police
//! certificate (§72a SGB VIII: inspected on, by whom, result, valid for 5 years) and
//! the basic course for care-related help (§45a SGB XI). The document itself is never
//! uploaded or stored. Holders are reminded before an inspection runs out; records are
//! deleted at the latest 3 months after the volunteer's last activity.

use super::{VerificationKind, VerificationView, VerificationsPage};
use crate::audit::{db::record, Action, Event};
use crate::auth::Viewer;
use crate::ctx::SiteConfig;
use crate::db::{now, Db};
use crate::error::{AppError, Problem};
use crate::i18n::{Key, Lang};
use crate::mail::{outbox::enqueue, Letter};
use chrono::{DateTime, Months, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Europe::Berlin;
use serde::Deserialize;
use sqlx::Row;

/// An inspection is valid this long (renewal after 5 years).
pub const INSPECTION_YEARS: u32 = 5;
/// Holders are reminded this long before the inspection runs out.
pub const REMIND_BEFORE_SECS: i64 = 60 * 86_400;
/// Records go this long after the volunteer's last activity.
pub const KEEP_AFTER_ACTIVITY_SECS: i64 = 90 * 86_400;

/// The record form, as entered.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RecordForm {
    pub organisation: String,
    pub email: String,
    pub kind: String,
    pub checked_on: String,
    pub result: String,
}

/// A checked record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRecord {
    pub kind: VerificationKind,
    pub checked_on: NaiveDate,
    pub result_ok: bool,
    pub valid_until: Option<NaiveDate>,
}

/// Checks the record's fields against `today` (pure).
pub fn check(form: &RecordForm, today: NaiveDate) -> Result<CheckedRecord, AppError> {
    let kind = VerificationKind::parse(form.kind.trim())
        .ok_or_else(|| AppError::validation("kind", Problem::Unknown))?;
    let checked_on = NaiveDate::parse_from_str(form.checked_on.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::validation("checked_on", Problem::Malformed))?;
    if checked_on > today {
        return Err(AppError::validation("checked_on", Problem::Future));
    }
    let result_ok = match form.result.trim() {
        "ok" => true,
        "not_ok" => false,
        _ => return Err(AppError::validation("result", Problem::Unknown)),
    };
    let valid_until = match kind {
        VerificationKind::Inspection => {
            let until = checked_on
                .checked_add_months(Months::new(12 * INSPECTION_YEARS))
                .ok_or_else(|| AppError::validation("checked_on", Problem::OutOfRange))?;
            if until <= today {
                return Err(AppError::validation("checked_on", Problem::Outdated));
            }
            Some(until)
        }
        VerificationKind::Course => None,
    };
    Ok(CheckedRecord {
        kind,
        checked_on,
        result_ok,
        valid_until,
    })
}

fn start_of(day: NaiveDate) -> i64 {
    Berlin
        .from_local_datetime(&day.and_time(NaiveTime::MIN))
        .earliest()
        .map(|t| t.timestamp())
        .unwrap_or_default()
}

fn day_of(at: i64) -> String {
    DateTime::from_timestamp(at, 0)
        .map(|t| t.with_timezone(&Berlin).format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

pub fn today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&Berlin).date_naive()
}

/// A coordinator records a verification for a volunteer of a Quartier their
/// organisation serves.
pub async fn record_verification(
    db: &Db,
    viewer: &Viewer,
    form: &RecordForm,
) -> Result<(), AppError> {
    let organisation: i64 = form
        .organisation
        .trim()
        .parse()
        .map_err(|_| AppError::validation("organisation", Problem::Malformed))?;
    if !viewer.roles.coordinates(organisation) {
        return Err(AppError::Forbidden);
    }
    let checked = check(form, today())?;
    let email = crate::auth::validate::email(&form.email)?;
    let mut tx = db.begin_write().await?;
    let person = crate::auth::db::find_account(&mut tx, &email)
        .await?
        .ok_or_else(|| AppError::validation("email", Problem::Unknown))?;
    let serves = super::invitations::volunteers_for(&mut tx, organisation, person.id).await?;
    if !serves {
        return Err(AppError::validation("email", Problem::OtherOrganisation));
    }
    sqlx::query(
        "INSERT INTO verifications (user_id, organisation_id, kind, checked_on, recorded_by,
                                    result_ok, valid_until, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(person.id)
    .bind(organisation)
    .bind(checked.kind.as_str())
    .bind(start_of(checked.checked_on))
    .bind(viewer.id)
    .bind(i64::from(checked.result_ok))
    .bind(checked.valid_until.map(start_of))
    .bind(now())
    .execute(&mut *tx)
    .await?;
    super::db::touch(&mut tx, person.id).await?;
    record(
        &mut tx,
        Event {
            action: Action::VerificationRecorded,
            actor: Some(viewer.id),
            subject: Some(person.id),
            organisation: Some(organisation),
            detail: format!(
                "{} {}",
                checked.kind.as_str(),
                if checked.result_ok { "ok" } else { "not_ok" }
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

const VIEW_COLUMNS: &str = "r.id, u.display_name, u.email, r.kind, r.checked_on, r.result_ok,
    r.valid_until, COALESCE(b.display_name, '') AS recorded_by";

fn view_of(row: &sqlx::any::AnyRow, at: i64) -> Result<VerificationView, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    let valid_until: Option<i64> = row.try_get("valid_until")?;
    let result_ok = row.try_get::<i64, _>("result_ok")? == 1;
    Ok(VerificationView {
        id: row.try_get("id")?,
        volunteer_name: row.try_get("display_name")?,
        volunteer_email: row.try_get("email")?,
        kind: VerificationKind::parse(&kind).unwrap_or(VerificationKind::Course),
        checked_on: day_of(row.try_get("checked_on")?),
        recorded_by: row.try_get("recorded_by")?,
        result_ok,
        valid_until: valid_until.map(day_of),
        valid_now: result_ok && valid_until.is_none_or(|until| until > at),
    })
}

/// The records of one person (their own page).
pub async fn of_person(db: &Db, user_id: i64) -> Result<Vec<VerificationView>, sqlx::Error> {
    let at = now();
    sqlx::query(&format!(
        "SELECT {VIEW_COLUMNS} FROM verifications r JOIN users u ON u.id = r.user_id
           LEFT JOIN users b ON b.id = r.recorded_by
          WHERE r.user_id = $1 ORDER BY r.checked_on DESC"
    ))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| view_of(row, at))
    .collect()
}

/// `/coordinator/volunteers`: the records the viewer's organisations keep.
pub async fn page(db: &Db, viewer: &Viewer) -> Result<VerificationsPage, AppError> {
    let at = now();
    let organisations: Vec<(i64, String)> = viewer
        .roles
        .organisations
        .iter()
        .filter(|m| viewer.roles.coordinates(m.organisation_id))
        .map(|m| (m.organisation_id, m.organisation_name.clone()))
        .collect();
    let mut records = Vec::new();
    for (id, _) in &organisations {
        for row in sqlx::query(&format!(
            "SELECT {VIEW_COLUMNS} FROM verifications r JOIN users u ON u.id = r.user_id
               LEFT JOIN users b ON b.id = r.recorded_by
              WHERE r.organisation_id = $1 ORDER BY u.display_name, r.checked_on DESC LIMIT 500"
        ))
        .bind(id)
        .fetch_all(db.pool())
        .await?
        {
            records.push(view_of(&row, at)?);
        }
    }
    Ok(VerificationsPage {
        organisations,
        records,
    })
}

/// Letters to holders whose inspection runs out within two months (once per record).
pub async fn send_expiry_reminders(db: &Db, site: &SiteConfig) -> Result<usize, sqlx::Error> {
    let at = now();
    let rows = sqlx::query(
        "SELECT r.id, r.valid_until, u.email, u.language, u.display_name
           FROM verifications r JOIN users u ON u.id = r.user_id
          WHERE r.kind = 'inspection' AND r.result_ok = 1 AND r.reminded_at IS NULL
            AND r.valid_until > $1 AND r.valid_until <= $2",
    )
    .bind(at)
    .bind(at + REMIND_BEFORE_SECS)
    .fetch_all(db.pool())
    .await?;
    let mut sent = 0;
    for row in rows {
        let mut tx = db.begin_write().await?;
        let id: i64 = row.try_get("id")?;
        // Claim the record first, so two instances do not both remind.
        let claimed = sqlx::query(
            "UPDATE verifications SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL",
        )
        .bind(id)
        .bind(at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 1 {
            let language: String = row.try_get("language")?;
            let email: String = row.try_get("email")?;
            let name: String = row.try_get("display_name")?;
            let until = day_of(row.try_get("valid_until")?);
            let link = format!("{}/me/volunteer", site.base_url.trim_end_matches('/'));
            let letter = Letter::compose(
                Lang::from_code(&language).unwrap_or_default(),
                Key::MailInspectionExpiresSubject,
                Key::MailInspectionExpiresBody,
                &[("name", &name), ("until", &until), ("link", &link)],
            );
            enqueue(&mut tx, &email, &letter).await?;
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}

/// Deletes the records of volunteers without activity for 3 months: no profile change,
/// no sign-up or invitation answer, and no need they held a place for since then.
pub async fn purge_inactive(db: &Db) -> Result<u64, sqlx::Error> {
    let cutoff = now() - KEEP_AFTER_ACTIVITY_SECS;
    let done = db.execute_write(sqlx::query(
        "DELETE FROM verifications
          WHERE recorded_at < $1
            AND user_id NOT IN (SELECT user_id FROM volunteers
                                 WHERE user_id IS NOT NULL AND last_active_at >= $1)
            AND user_id NOT IN (SELECT h.user_id FROM need_helpers h JOIN needs n ON n.id = h.need_id
                                 WHERE h.state IN ('signed_up', 'confirmed') AND n.ends_at >= $1)",
    )
    .bind(cutoff)
    )
    .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str, checked_on: &str, result: &str) -> RecordForm {
        RecordForm {
            organisation: "1".into(),
            email: "a@example.org".into(),
            kind: kind.into(),
            checked_on: checked_on.into(),
            result: result.into(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("valid")
    }

    fn problem(f: &RecordForm) -> (String, Problem) {
        match check(f, today()) {
            Err(AppError::Validation { field, problem }) => (field, problem),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn an_inspection_is_valid_for_five_years() {
        let r = check(&form("inspection", "2024-03-01", "ok"), today()).expect("valid");
        assert_eq!(r.valid_until, NaiveDate::from_ymd_opt(2029, 3, 1));
        assert!(r.result_ok);
        let c = check(&form("course", "2020-01-01", "ok"), today()).expect("valid");
        assert_eq!(c.valid_until, None);
    }

    #[test]
    fn future_expired_and_unknown_values_are_named() {
        assert_eq!(
            problem(&form("inspection", "2026-12-24", "ok")),
            ("checked_on".into(), Problem::Future)
        );
        assert_eq!(
            problem(&form("inspection", "2021-11-01", "ok")),
            ("checked_on".into(), Problem::Outdated)
        );
        assert_eq!(problem(&form("passport", "2025-01-01", "ok")).0, "kind");
        assert_eq!(
            problem(&form("inspection", "1.1.2025", "ok")).0,
            "checked_on"
        );
        assert_eq!(
            problem(&form("inspection", "2025-01-01", "maybe")).0,
            "result"
        );
    }
}

//! SQL for reports and moderation decisions.

use super::{
    CheckedReport, Decision, QueuedReport, Reason, ReportQueue, TargetKind, TargetSummary,
};
use crate::audit::{db::record, Action, Event};
use crate::auth::Viewer;
use crate::db::{now, Db};
use crate::error::{AppError, Problem};
use crate::i18n::{Key, Lang};
use crate::mail::{outbox::enqueue_for_user, Letter};
use sqlx::{AnyConnection, Row};

fn unknown() -> AppError {
    AppError::validation("target", Problem::Unknown)
}

/// Whether the viewer takes part in the need: posted it, helps with it (confirmed),
/// coordinates its organisation, or runs the platform.
async fn takes_part(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    need: i64,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT organisation_id, posted_by FROM needs WHERE id = $1")
        .bind(need)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(false) };
    let org: i64 = row.try_get("organisation_id")?;
    let poster: Option<i64> = row.try_get("posted_by")?;
    if viewer.is_platform_admin || viewer.roles.coordinates(org) || poster == Some(viewer.id) {
        return Ok(true);
    }
    Ok(sqlx::query(
        "SELECT 1 AS one FROM need_helpers WHERE need_id = $1 AND user_id = $2 AND state = 'confirmed'",
    )
    .bind(need)
    .bind(viewer.id)
    .fetch_optional(&mut *conn)
    .await?
    .is_some())
}

/// What the viewer may report, with its Quartier. Content that does not exist, was
/// hidden, or that the viewer cannot see is "unknown" (so nothing leaks); one's own
/// content or account is refused.
pub async fn reportable(
    db: &Db,
    viewer: &Viewer,
    kind: TargetKind,
    id: i64,
) -> Result<(TargetSummary, Option<i64>), AppError> {
    let mut conn = db.pool().acquire().await?;
    let summary =
        |text: String, link: Option<String>, hidden: bool, suspended: bool| TargetSummary {
            kind,
            id,
            text,
            link,
            hidden,
            suspended,
        };
    match kind {
        TargetKind::Need => {
            let row = sqlx::query(
                "SELECT title, quartier_id, posted_by, hidden_at, status FROM needs WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(unknown)?;
            let status: String = row.try_get("status")?;
            if row.try_get::<Option<i64>, _>("hidden_at")?.is_some() || status == "draft" {
                return Err(unknown());
            }
            if row.try_get::<Option<i64>, _>("posted_by")? == Some(viewer.id) {
                return Err(AppError::validation("target", Problem::Own));
            }
            Ok((
                summary(
                    row.try_get("title")?,
                    Some(format!("/requests/{id}")),
                    false,
                    false,
                ),
                Some(row.try_get("quartier_id")?),
            ))
        }
        TargetKind::Message => {
            let row = sqlx::query(
                "SELECT m.body, m.author_id, m.hidden_at, m.need_id, n.quartier_id
                   FROM need_messages m JOIN needs n ON n.id = m.need_id WHERE m.id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(unknown)?;
            let need: i64 = row.try_get("need_id")?;
            if row.try_get::<Option<i64>, _>("hidden_at")?.is_some()
                || !takes_part(&mut conn, viewer, need).await?
            {
                return Err(unknown());
            }
            if row.try_get::<Option<i64>, _>("author_id")? == Some(viewer.id) {
                return Err(AppError::validation("target", Problem::Own));
            }
            let body: String = row.try_get("body")?;
            Ok((
                summary(
                    body.chars().take(300).collect(),
                    Some(format!("/requests/{need}#message-{id}")),
                    false,
                    false,
                ),
                Some(row.try_get("quartier_id")?),
            ))
        }
        TargetKind::Place => {
            let row = sqlx::query(
                "SELECT name, quartier_id, hidden_at FROM meeting_places WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(unknown)?;
            if row.try_get::<Option<i64>, _>("hidden_at")?.is_some() {
                return Err(unknown());
            }
            Ok((
                summary(
                    row.try_get("name")?,
                    Some(format!("/places/{id}")),
                    false,
                    false,
                ),
                Some(row.try_get("quartier_id")?),
            ))
        }
        TargetKind::User => {
            if id == viewer.id {
                return Err(AppError::validation("target", Problem::Own));
            }
            let row = sqlx::query("SELECT display_name, suspended_at FROM users WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(unknown)?;
            // A person can be reported by those who met them through a need: in its
            // thread, as its poster or as its helper. Coordinators may report anyone.
            let shared = sqlx::query(
                "SELECT n.quartier_id FROM needs n
                  WHERE (EXISTS (SELECT 1 FROM need_messages m WHERE m.need_id = n.id AND m.author_id = $1)
                         OR n.posted_by = $1
                         OR EXISTS (SELECT 1 FROM need_helpers h WHERE h.need_id = n.id AND h.user_id = $1))
                    AND (n.posted_by = $2
                         OR EXISTS (SELECT 1 FROM need_helpers h WHERE h.need_id = n.id AND h.user_id = $2 AND h.state = 'confirmed'))
                  ORDER BY n.id DESC LIMIT 1",
            )
            .bind(id)
            .bind(viewer.id)
            .fetch_optional(&mut *conn)
            .await?;
            let quartier: Option<i64> = match shared {
                Some(r) => Some(r.try_get("quartier_id")?),
                None if viewer.roles.may_enter_coordinator_area() => sqlx::query(
                    "SELECT quartier_id FROM quartier_members WHERE user_id = $1 ORDER BY quartier_id LIMIT 1",
                )
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
                .map(|r| r.try_get("quartier_id"))
                .transpose()?,
                None => return Err(unknown()),
            };
            let suspended = row.try_get::<Option<i64>, _>("suspended_at")?.is_some();
            Ok((
                summary(row.try_get("display_name")?, None, false, suspended),
                quartier,
            ))
        }
    }
}

/// Files a report; a second open one by the same person about the same thing is
/// refused. Answers where the reporter came from.
pub async fn file_report(
    db: &Db,
    viewer: &Viewer,
    report: &CheckedReport,
) -> Result<Option<String>, AppError> {
    let (summary, quartier) = reportable(db, viewer, report.kind, report.target).await?;
    let mut tx = db.begin_write().await?;
    let open = sqlx::query(
        "SELECT 1 AS one FROM reports
          WHERE reporter_id = $1 AND target_kind = $2 AND target_id = $3 AND status = 'open'",
    )
    .bind(viewer.id)
    .bind(report.kind.slug())
    .bind(report.target)
    .fetch_optional(&mut *tx)
    .await?;
    if open.is_some() {
        return Err(AppError::validation("target", Problem::Duplicate));
    }
    let inserted = sqlx::query(
        "INSERT INTO reports (target_kind, target_id, quartier_id, reporter_id, reason, details,
                              urgent, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(report.kind.slug())
    .bind(report.target)
    .bind(quartier)
    .bind(viewer.id)
    .bind(report.reason.slug())
    .bind(&report.details)
    .bind(i64::from(report.reason.is_urgent()))
    .bind(now())
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(row) => row.try_get("id")?,
        // Two reports at the same moment: the unique index keeps one.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::validation("target", Problem::Duplicate))
        }
        Err(e) => return Err(e.into()),
    };
    record(
        &mut tx,
        Event {
            action: Action::ReportFiled,
            actor: Some(viewer.id),
            subject: None,
            organisation: None,
            detail: format!(
                "report {id}: {} {} ({})",
                report.kind.slug(),
                report.target,
                report.reason.slug()
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(summary.link)
}

/// The Quartiere whose reports the viewer moderates: those served by organisations
/// they coordinate. `None` means all (the platform admin).
async fn moderated_quartiere(db: &Db, viewer: &Viewer) -> Result<Option<Vec<i64>>, sqlx::Error> {
    if viewer.is_platform_admin {
        return Ok(None);
    }
    let orgs: Vec<i64> = viewer
        .roles
        .organisations
        .iter()
        .filter(|m| viewer.roles.coordinates(m.organisation_id))
        .map(|m| m.organisation_id)
        .collect();
    if orgs.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let list: Vec<String> = orgs.iter().map(i64::to_string).collect();
    let rows = sqlx::query(&format!(
        "SELECT DISTINCT quartier_id FROM organisation_quartiere WHERE organisation_id IN ({})",
        list.join(",")
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(Some(
        rows.iter()
            .map(|r| r.try_get("quartier_id"))
            .collect::<Result<_, _>>()?,
    ))
}

fn may_moderate(scope: &Option<Vec<i64>>, quartier: Option<i64>) -> bool {
    match scope {
        None => true,
        Some(list) => quartier.is_some_and(|q| list.contains(&q)),
    }
}

/// The current state of reported content, for the queue (also when hidden).
async fn summary_of(db: &Db, kind: TargetKind, id: i64) -> Result<TargetSummary, sqlx::Error> {
    let (sql, link) = match kind {
        TargetKind::Need => ("SELECT title AS text, hidden_at, NULL AS suspended_at FROM needs WHERE id = $1", Some(format!("/requests/{id}"))),
        TargetKind::Message => (
            "SELECT m.body AS text, m.hidden_at, NULL AS suspended_at FROM need_messages m WHERE m.id = $1",
            None,
        ),
        TargetKind::Place => ("SELECT name AS text, hidden_at, NULL AS suspended_at FROM meeting_places WHERE id = $1", Some(format!("/places/{id}"))),
        TargetKind::User => ("SELECT display_name AS text, NULL AS hidden_at, suspended_at FROM users WHERE id = $1", None),
    };
    let row = sqlx::query(sql).bind(id).fetch_optional(db.pool()).await?;
    Ok(match row {
        Some(row) => {
            let text: String = row.try_get("text")?;
            TargetSummary {
                kind,
                id,
                text: text.chars().take(300).collect(),
                link,
                hidden: row.try_get::<Option<i64>, _>("hidden_at")?.is_some(),
                suspended: row.try_get::<Option<i64>, _>("suspended_at")?.is_some(),
            }
        }
        // Deleted since (an account or need removed): nothing left to show.
        None => TargetSummary {
            kind,
            id,
            text: String::new(),
            link: None,
            hidden: true,
            suspended: false,
        },
    })
}

/// `/coordinator/reports`: open reports, threats first, then the latest decided ones.
pub async fn queue(db: &Db, viewer: &Viewer, lang: Lang) -> Result<ReportQueue, AppError> {
    let scope = moderated_quartiere(db, viewer).await?;
    let condition = match &scope {
        None => String::from("1 = 1"),
        Some(list) if list.is_empty() => String::from("1 = 0"),
        Some(list) => format!(
            "r.quartier_id IN ({})",
            list.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        ),
    };
    let mut lists = Vec::new();
    for (status, order) in [
        ("r.status = 'open'", "r.urgent DESC, r.created_at, r.id"),
        ("r.status <> 'open'", "r.decided_at DESC, r.id DESC"),
    ] {
        let sql = format!(
            "SELECT r.id, r.target_kind, r.target_id, r.reason, r.details, r.urgent, r.status,
                    r.outcome_note, r.created_at, COALESCE(q.name, '') AS quartier_name
               FROM reports r LEFT JOIN quartiere q ON q.id = r.quartier_id
              WHERE {status} AND {condition} ORDER BY {order} LIMIT 100"
        );
        let mut list = Vec::new();
        for row in sqlx::query(&sql).fetch_all(db.pool()).await? {
            let kind: String = row.try_get("target_kind")?;
            let reason: String = row.try_get("reason")?;
            let status: String = row.try_get("status")?;
            let kind = TargetKind::from_slug(&kind).ok_or(AppError::Internal)?;
            list.push(QueuedReport {
                id: row.try_get("id")?,
                target: summary_of(db, kind, row.try_get("target_id")?).await?,
                reason: Reason::from_slug(&reason).unwrap_or(Reason::Other),
                details: row.try_get("details")?,
                urgent: crate::db::flag(row.try_get("urgent")?),
                quartier_name: row.try_get("quartier_name")?,
                when: crate::requests::when::moment(lang, row.try_get("created_at")?),
                open: status == "open",
                decision_note: row.try_get("outcome_note")?,
            });
        }
        lists.push(list);
    }
    let decided = lists.pop().unwrap_or_default();
    let open = lists.pop().unwrap_or_default();
    Ok(ReportQueue { open, decided })
}

/// The account a suspension is about: the person reported, or the author of the need
/// or message.
async fn account_of(
    conn: &mut AnyConnection,
    kind: TargetKind,
    id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let sql = match kind {
        TargetKind::User => "SELECT id AS who FROM users WHERE id = $1",
        TargetKind::Need => "SELECT posted_by AS who FROM needs WHERE id = $1",
        TargetKind::Message => "SELECT author_id AS who FROM need_messages WHERE id = $1",
        TargetKind::Place => return Ok(None),
    };
    Ok(sqlx::query(sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| r.try_get::<Option<i64>, _>("who"))
        .transpose()?
        .flatten())
}

/// Applies a moderator's decision to a report and every open report about the same
/// thing, audited; each person who reported gets a letter with the outcome.
pub async fn decide(
    db: &Db,
    viewer: &Viewer,
    report: i64,
    decision: &str,
    note: &str,
) -> Result<Decision, AppError> {
    let row = sqlx::query("SELECT target_kind, target_id, quartier_id FROM reports WHERE id = $1")
        .bind(report)
        .fetch_optional(db.pool())
        .await?
        .ok_or(AppError::NotFound)?;
    let quartier: Option<i64> = row.try_get("quartier_id")?;
    if !may_moderate(&moderated_quartiere(db, viewer).await?, quartier) {
        return Err(AppError::Forbidden);
    }
    let kind: String = row.try_get("target_kind")?;
    let kind = TargetKind::from_slug(&kind).ok_or(AppError::Internal)?;
    let target: i64 = row.try_get("target_id")?;
    let (decision, note) = super::check_decision(kind, decision, note)?;
    let at = now();
    let mut tx = db.begin_write().await?;
    let mut subject = None;
    match decision {
        Decision::Hide | Decision::Unhide => {
            let table = match kind {
                TargetKind::Need => "needs",
                TargetKind::Message => "need_messages",
                TargetKind::Place => "meeting_places",
                TargetKind::User => {
                    return Err(AppError::validation("decision", Problem::NotApplicable))
                }
            };
            let value = (decision == Decision::Hide).then_some(at);
            let changed = sqlx::query(&format!("UPDATE {table} SET hidden_at = $1 WHERE id = $2"))
                .bind(value)
                .bind(target)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if changed == 0 {
                return Err(unknown());
            }
        }
        Decision::Suspend | Decision::Unsuspend => {
            let who = account_of(&mut tx, kind, target)
                .await?
                .ok_or_else(|| AppError::validation("decision", Problem::NotApplicable))?;
            if who == viewer.id {
                return Err(AppError::validation("decision", Problem::Own));
            }
            let admin: i64 = sqlx::query("SELECT is_platform_admin FROM users WHERE id = $1")
                .bind(who)
                .fetch_one(&mut *tx)
                .await?
                .try_get("is_platform_admin")?;
            if admin != 0 && decision == Decision::Suspend {
                return Err(AppError::Forbidden);
            }
            let (when, reason) = if decision == Decision::Suspend {
                (Some(at), note.as_str())
            } else {
                (None, "")
            };
            sqlx::query("UPDATE users SET suspended_at = $1, suspended_reason = $2 WHERE id = $3")
                .bind(when)
                .bind(reason)
                .bind(who)
                .execute(&mut *tx)
                .await?;
            subject = Some(who);
        }
        Decision::Dismiss => {}
    }
    let reporters: Vec<i64> = sqlx::query(
        "SELECT DISTINCT reporter_id FROM reports
          WHERE target_kind = $1 AND target_id = $2 AND (status = 'open' OR id = $3)
            AND reporter_id IS NOT NULL",
    )
    .bind(kind.slug())
    .bind(target)
    .bind(report)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|r| r.try_get("reporter_id"))
    .collect::<Result<_, _>>()?;
    sqlx::query(
        "UPDATE reports SET status = $1, outcome_note = $2, decided_by = $3, decided_at = $4
          WHERE target_kind = $5 AND target_id = $6 AND (status = 'open' OR id = $7)",
    )
    .bind(if decision == Decision::Dismiss {
        "dismissed"
    } else {
        "acted"
    })
    .bind(&note)
    .bind(viewer.id)
    .bind(at)
    .bind(kind.slug())
    .bind(target)
    .bind(report)
    .execute(&mut *tx)
    .await?;
    let action = match decision {
        Decision::Hide => Action::ContentHidden,
        Decision::Unhide => Action::ContentShown,
        Decision::Suspend => Action::AccountSuspended,
        Decision::Unsuspend => Action::AccountRestored,
        Decision::Dismiss => Action::ReportDismissed,
    };
    record(
        &mut tx,
        Event {
            action,
            actor: Some(viewer.id),
            subject,
            organisation: None,
            detail: format!(
                "report {report}, {} {target}: {}",
                kind.slug(),
                note.chars().take(200).collect::<String>()
            ),
        },
    )
    .await?;
    for reporter in reporters {
        enqueue_for_user(&mut tx, reporter, |lang, name| {
            Letter::compose(
                lang,
                Key::MailReportSubject,
                Key::MailReportBody,
                &[
                    ("name", name),
                    ("what", lang.t(kind.label())),
                    ("outcome", lang.t(decision.outcome())),
                ],
            )
        })
        .await?;
    }
    tx.commit().await?;
    Ok(decision)
}

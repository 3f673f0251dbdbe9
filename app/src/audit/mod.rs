//! The audit log of security-relevant events: sign-ins, failed sign-ins, role changes,
//! invitations, data exports, deletions. Rows are written in the same transaction as
//! the event; org admins read their organisation's rows, the platform admin all rows.

use crate::i18n::Key;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    SignedIn,
    SignInFailed,
    SignedOut,
    Registered,
    EmailVerified,
    PasswordResetRequested,
    PasswordReset,
    PasswordChanged,
    EmailChangeRequested,
    EmailChanged,
    RoleGranted,
    RoleRevoked,
    InvitationSent,
    InvitationAccepted,
    DataExported,
    AccountDeleted,
    NeedPosted,
    NeedReviewed,
    SignedUpForNeed,
    WithdrewFromNeed,
    ContactRevealed,
    TimeLogged,
    NeedClosed,
    VerificationRecorded,
    HelperInvited,
    InvitationAnswered,
    PlaceSaved,
    ReportFiled,
    ContentHidden,
    ContentShown,
    AccountSuspended,
    AccountRestored,
    ReportDismissed,
    MediationRequested,
    MediationUpdated,
}

impl Action {
    pub const ALL: [Action; 35] = [
        Action::SignedIn,
        Action::SignInFailed,
        Action::SignedOut,
        Action::Registered,
        Action::EmailVerified,
        Action::PasswordResetRequested,
        Action::PasswordReset,
        Action::PasswordChanged,
        Action::EmailChangeRequested,
        Action::EmailChanged,
        Action::RoleGranted,
        Action::RoleRevoked,
        Action::InvitationSent,
        Action::InvitationAccepted,
        Action::DataExported,
        Action::AccountDeleted,
        Action::NeedPosted,
        Action::NeedReviewed,
        Action::SignedUpForNeed,
        Action::WithdrewFromNeed,
        Action::ContactRevealed,
        Action::TimeLogged,
        Action::NeedClosed,
        Action::VerificationRecorded,
        Action::HelperInvited,
        Action::InvitationAnswered,
        Action::PlaceSaved,
        Action::ReportFiled,
        Action::ContentHidden,
        Action::ContentShown,
        Action::AccountSuspended,
        Action::AccountRestored,
        Action::ReportDismissed,
        Action::MediationRequested,
        Action::MediationUpdated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::SignedIn => "signed_in",
            Action::SignInFailed => "sign_in_failed",
            Action::SignedOut => "signed_out",
            Action::Registered => "registered",
            Action::EmailVerified => "email_verified",
            Action::PasswordResetRequested => "password_reset_requested",
            Action::PasswordReset => "password_reset",
            Action::PasswordChanged => "password_changed",
            Action::EmailChangeRequested => "email_change_requested",
            Action::EmailChanged => "email_changed",
            Action::RoleGranted => "role_granted",
            Action::RoleRevoked => "role_revoked",
            Action::InvitationSent => "invitation_sent",
            Action::InvitationAccepted => "invitation_accepted",
            Action::DataExported => "data_exported",
            Action::AccountDeleted => "account_deleted",
            Action::NeedPosted => "need_posted",
            Action::NeedReviewed => "need_reviewed",
            Action::SignedUpForNeed => "signed_up_for_need",
            Action::WithdrewFromNeed => "withdrew_from_need",
            Action::ContactRevealed => "contact_revealed",
            Action::TimeLogged => "time_logged",
            Action::NeedClosed => "need_closed",
            Action::VerificationRecorded => "verification_recorded",
            Action::HelperInvited => "helper_invited",
            Action::InvitationAnswered => "invitation_answered",
            Action::PlaceSaved => "place_saved",
            Action::ReportFiled => "report_filed",
            Action::ContentHidden => "content_hidden",
            Action::ContentShown => "content_shown",
            Action::AccountSuspended => "account_suspended",
            Action::AccountRestored => "account_restored",
            Action::ReportDismissed => "report_dismissed",
            Action::MediationRequested => "mediation_requested",
            Action::MediationUpdated => "mediation_updated",
        }
    }

    pub fn parse(value: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == value)
    }

    pub fn label(self) -> Key {
        match self {
            Action::SignedIn => Key::AuditSignedIn,
            Action::SignInFailed => Key::AuditSignInFailed,
            Action::SignedOut => Key::AuditSignedOut,
            Action::Registered => Key::AuditRegistered,
            Action::EmailVerified => Key::AuditEmailVerified,
            Action::PasswordResetRequested => Key::AuditPasswordResetRequested,
            Action::PasswordReset => Key::AuditPasswordReset,
            Action::PasswordChanged => Key::AuditPasswordChanged,
            Action::EmailChangeRequested => Key::AuditEmailChangeRequested,
            Action::EmailChanged => Key::AuditEmailChanged,
            Action::RoleGranted => Key::AuditRoleGranted,
            Action::RoleRevoked => Key::AuditRoleRevoked,
            Action::InvitationSent => Key::AuditInvitationSent,
            Action::InvitationAccepted => Key::AuditInvitationAccepted,
            Action::DataExported => Key::AuditDataExported,
            Action::AccountDeleted => Key::AuditAccountDeleted,
            Action::NeedPosted => Key::AuditNeedPosted,
            Action::NeedReviewed => Key::AuditNeedReviewed,
            Action::SignedUpForNeed => Key::AuditSignedUpForNeed,
            Action::WithdrewFromNeed => Key::AuditWithdrewFromNeed,
            Action::ContactRevealed => Key::AuditContactRevealed,
            Action::TimeLogged => Key::AuditTimeLogged,
            Action::NeedClosed => Key::AuditNeedClosed,
            Action::VerificationRecorded => Key::AuditVerificationRecorded,
            Action::HelperInvited => Key::AuditHelperInvited,
            Action::InvitationAnswered => Key::AuditInvitationAnswered,
            Action::PlaceSaved => Key::AuditPlaceSaved,
            Action::ReportFiled => Key::AuditReportFiled,
            Action::ContentHidden => Key::AuditContentHidden,
            Action::ContentShown => Key::AuditContentShown,
            Action::AccountSuspended => Key::AuditAccountSuspended,
            Action::AccountRestored => Key::AuditAccountRestored,
            Action::ReportDismissed => Key::AuditReportDismissed,
            Action::MediationRequested => Key::AuditMediationRequested,
            Action::MediationUpdated => Key::AuditMediationUpdated,
        }
    }
}

/// One event to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub action: Action,
    pub actor: Option<i64>,
    pub subject: Option<i64>,
    pub organisation: Option<i64>,
    /// A short note without personal data (a role name, never a password or token).
    pub detail: String,
}

impl Event {
    /// An event a person caused about themselves.
    pub fn own(action: Action, user: i64) -> Event {
        Event {
            action,
            actor: Some(user),
            subject: Some(user),
            organisation: None,
            detail: String::new(),
        }
    }
}

/// A row of the log as admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub at: i64,
    /// `at` in Berlin time, in the reader's language.
    pub when: String,
    pub action: Action,
    pub actor: Option<String>,
    pub subject: Option<String>,
    pub organisation: Option<String>,
    pub detail: String,
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::{Action, Entry, Event};
    use crate::db::{now, Db};
    use crate::i18n::Lang;
    use sqlx::{AnyConnection, Row};

    pub async fn record(conn: &mut AnyConnection, event: Event) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO audit_log (at, action, actor_id, subject_id, organisation_id, detail)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(now())
        .bind(event.action.as_str())
        .bind(event.actor)
        .bind(event.subject)
        .bind(event.organisation)
        .bind(event.detail)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Records an event outside any other write (sign-in, failed sign-in).
    pub async fn record_now(db: &Db, event: Event) -> Result<(), sqlx::Error> {
        let mut tx = db.begin_write().await?;
        record(&mut tx, event).await?;
        tx.commit().await
    }

    const ENTRY_SQL: &str = "SELECT a.at, a.action, a.detail, actor.display_name AS actor_name,
                subject.display_name AS subject_name, o.name AS organisation_name
         FROM audit_log a
         LEFT JOIN users actor ON actor.id = a.actor_id
         LEFT JOIN users subject ON subject.id = a.subject_id
         LEFT JOIN organisations o ON o.id = a.organisation_id";

    fn entry_from(row: &sqlx::any::AnyRow, lang: Lang) -> Result<Option<Entry>, sqlx::Error> {
        let action: String = row.try_get("action")?;
        let Some(action) = Action::parse(&action) else {
            return Ok(None);
        };
        let at = row.try_get("at")?;
        Ok(Some(Entry {
            at,
            when: crate::requests::when::moment(lang, at),
            action,
            actor: row.try_get("actor_name")?,
            subject: row.try_get("subject_name")?,
            organisation: row.try_get("organisation_name")?,
            detail: row.try_get("detail")?,
        }))
    }

    pub async fn latest(
        db: &Db,
        lang: Lang,
        organisation: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Entry>, sqlx::Error> {
        let rows = match organisation {
            Some(org) => {
                sqlx::query(&format!(
                    "{ENTRY_SQL} WHERE a.organisation_id = $1 ORDER BY a.id DESC LIMIT $2"
                ))
                .bind(org)
                .bind(limit)
                .fetch_all(db.pool())
                .await?
            }
            None => {
                sqlx::query(&format!("{ENTRY_SQL} ORDER BY a.id DESC LIMIT $1"))
                    .bind(limit)
                    .fetch_all(db.pool())
                    .await?
            }
        };
        let mut entries = Vec::new();
        for row in &rows {
            entries.extend(entry_from(row, lang)?);
        }
        Ok(entries)
    }

    /// The events about a person (for their data export).
    pub async fn about(
        conn: &mut AnyConnection,
        lang: Lang,
        user: i64,
    ) -> Result<Vec<Entry>, sqlx::Error> {
        let rows = sqlx::query(&format!(
            "{ENTRY_SQL} WHERE a.actor_id = $1 OR a.subject_id = $1 ORDER BY a.id"
        ))
        .bind(user)
        .fetch_all(&mut *conn)
        .await?;
        let mut entries = Vec::new();
        for row in &rows {
            entries.extend(entry_from(row, lang)?);
        }
        Ok(entries)
    }

    /// How many events of an action exist (used by tests and reports).
    pub async fn count(db: &Db, action: Action) -> Result<i64, sqlx::Error> {
        sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = $1")
            .bind(action.as_str())
            .fetch_one(db.pool())
            .await?
            .try_get("n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_through_their_names() {
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
        assert_eq!(Action::parse("nonsense"), None);
    }
}

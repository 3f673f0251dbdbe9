//! `/coordinator`: the work area of coordinators and org admins. It shows the
//! organisations the viewer works for; admins manage their team there (invite and
//! remove coordinators) and read their organisation's audit log. The platform admin
//! sees every organisation and the whole log.

pub mod page;

use crate::audit::Entry;
use crate::auth::policy::OrgRole;
use crate::auth::{PendingInvitation, TeamMember};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoordinatorOverview {
    /// The viewer's own account (they cannot remove their own admin role).
    pub viewer_id: i64,
    pub organisations: Vec<OrgPanel>,
    /// The whole audit log, for the platform admin only.
    pub platform_audit: Option<Vec<Entry>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgPanel {
    pub id: i64,
    pub name: String,
    /// The viewer's own roles here (none for the platform admin looking in).
    pub roles: Vec<OrgRole>,
    /// For those who may manage the team.
    pub team: Option<Team>,
    /// Needs waiting for review, for the organisation's coordinators.
    pub queue: Option<Vec<crate::requests::QueuedNeed>>,
    /// Open needs with free places (to find helpers for), for its coordinators.
    pub staffing: Option<Vec<crate::volunteers::StaffingNeed>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub members: Vec<TeamMember>,
    pub invitations: Vec<PendingInvitation>,
    pub audit: Vec<Entry>,
}

/// How many audit rows the page shows.
pub const AUDIT_ROWS: i64 = 50;

#[leptos::server(endpoint = "coordinator/home")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn coordinator_home() -> Result<CoordinatorOverview, AppError> {
    let viewer = crate::auth::session::require_viewer()?;
    if !viewer.roles.may_enter_coordinator_area() {
        return Err(AppError::Forbidden.respond());
    }
    let db = crate::ctx::request_db()?;
    db::home(&db, crate::i18n::request_lang(), &viewer)
        .await
        .map_err(|e| AppError::from(e).respond())
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::{CoordinatorOverview, OrgPanel, Team, AUDIT_ROWS};
    use crate::auth::Viewer;
    use crate::db::Db;
    use sqlx::Row;

    pub async fn home(
        db: &Db,
        lang: crate::i18n::Lang,
        viewer: &Viewer,
    ) -> Result<CoordinatorOverview, sqlx::Error> {
        let organisations: Vec<(i64, String)> = if viewer.roles.platform_admin {
            sqlx::query("SELECT id, name FROM organisations ORDER BY name")
                .fetch_all(db.pool())
                .await?
                .iter()
                .map(|row| Ok((row.try_get("id")?, row.try_get("name")?)))
                .collect::<Result<_, sqlx::Error>>()?
        } else {
            let mut seen = Vec::new();
            for m in &viewer.roles.organisations {
                if !seen.iter().any(|(id, _)| *id == m.organisation_id) {
                    seen.push((m.organisation_id, m.organisation_name.clone()));
                }
            }
            seen
        };
        let mut panels = Vec::new();
        for (id, name) in organisations {
            let roles = viewer
                .roles
                .organisations
                .iter()
                .filter(|m| m.organisation_id == id)
                .map(|m| m.role)
                .collect();
            let team = if viewer.roles.may_manage_team(id) {
                Some(Team {
                    members: crate::auth::db::team(db, id).await?,
                    invitations: crate::auth::db::pending_invitations(db, id).await?,
                    audit: crate::audit::db::latest(db, lang, Some(id), AUDIT_ROWS).await?,
                })
            } else {
                None
            };
            let (queue, staffing) = if viewer.roles.coordinates(id) {
                (
                    Some(crate::requests::staffing::review_queue(db, lang, id).await?),
                    Some(crate::volunteers::invitations::needing_helpers(db, lang, id).await?),
                )
            } else {
                (None, None)
            };
            panels.push(OrgPanel {
                id,
                name,
                roles,
                team,
                queue,
                staffing,
            });
        }
        let platform_audit = if viewer.roles.may_read_audit(None) {
            Some(crate::audit::db::latest(db, lang, None, AUDIT_ROWS).await?)
        } else {
            None
        };
        Ok(CoordinatorOverview {
            viewer_id: viewer.id,
            organisations: panels,
            platform_audit,
        })
    }
}

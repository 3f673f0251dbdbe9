//! SQL for accounts, roles, one-time links and invitations. Functions that take a
//! connection run inside the caller's transaction, next to the audit row and the
//! outbox message of the same event.

use super::policy::{OrgMembership, OrgRole, QuartierMembership, QuartierRole, Roles};
use super::tokens::Purpose;
use super::{OpenInvitation, PendingInvitation, TeamMember};
use crate::db::{now, Db};
use sqlx::{AnyConnection, Row};

/// Creates a platform administrator, or makes an existing account one (new password).
/// The operator vouches for the address. Returns the account id.
pub async fn upsert_platform_admin(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
) -> Result<i64, sqlx::Error> {
    let at = now();
    sqlx::query(
        "INSERT INTO users (email, password_hash, display_name, is_platform_admin, created_at, email_verified_at)
         VALUES ($1, $2, $3, 1, $4, $4)
         ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash,
                                           is_platform_admin = 1,
                                           email_verified_at = excluded.email_verified_at
         RETURNING id",
    )
    .bind(email)
    .bind(password_hash)
    .bind(display_name)
    .bind(at)
    .fetch_one(db.pool())
    .await?
    .try_get("id")
}

/// What sign-in and the account flows need to know about an account.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub verified: bool,
    pub language: String,
    /// Suspended by moderation: may not sign in.
    pub suspended: bool,
}

const ACCOUNT_COLUMNS: &str =
    "id, email, display_name, password_hash, email_verified_at, language, suspended_at";

fn account_from(row: &sqlx::any::AnyRow) -> Result<Account, sqlx::Error> {
    Ok(Account {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        verified: row
            .try_get::<Option<i64>, _>("email_verified_at")?
            .is_some(),
        language: row.try_get("language")?,
        suspended: row.try_get::<Option<i64>, _>("suspended_at")?.is_some(),
    })
}

/// An account by (normalised) e-mail.
pub async fn find_account(
    conn: &mut AnyConnection,
    email: &str,
) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM users WHERE email = $1"
    ))
    .bind(email)
    .fetch_optional(&mut *conn)
    .await?
    .as_ref()
    .map(account_from)
    .transpose()
}

pub async fn account_by_id(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM users WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .as_ref()
    .map(account_from)
    .transpose()
}

/// A new, unverified account; `None` when the address is taken.
pub async fn create_account(
    conn: &mut AnyConnection,
    email: &str,
    display_name: &str,
    password_hash: &str,
    language: &str,
    verified: bool,
) -> Result<Option<i64>, sqlx::Error> {
    let at = now();
    sqlx::query(
        "INSERT INTO users (email, password_hash, display_name, is_platform_admin, created_at, email_verified_at, language)
         VALUES ($1, $2, $3, 0, $4, $5, $6)
         ON CONFLICT (email) DO NOTHING
         RETURNING id",
    )
    .bind(email)
    .bind(password_hash)
    .bind(display_name)
    .bind(at)
    .bind(verified.then_some(at))
    .bind(language)
    .fetch_optional(&mut *conn)
    .await?
    .map(|row| row.try_get("id"))
    .transpose()
}

pub async fn mark_verified(conn: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET email_verified_at = $2 WHERE id = $1 AND email_verified_at IS NULL",
    )
    .bind(user_id)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_password(
    conn: &mut AnyConnection,
    user_id: i64,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(user_id)
        .bind(password_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Changes the address; `false` when another account has it by now.
pub async fn set_email(
    conn: &mut AnyConnection,
    user_id: i64,
    email: &str,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query("SELECT 1 AS taken FROM users WHERE email = $1 AND id <> $2")
        .bind(email)
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?
        .is_some();
    if taken {
        return Ok(false);
    }
    sqlx::query("UPDATE users SET email = $2, email_verified_at = $3 WHERE id = $1")
        .bind(user_id)
        .bind(email)
        .bind(now())
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

pub async fn delete_account(conn: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Every role of a person, with the names of the organisations and Quartiere.
pub async fn load_roles(
    conn: &mut AnyConnection,
    user_id: i64,
    platform_admin: bool,
) -> Result<Roles, sqlx::Error> {
    // Both kinds of membership in one round trip: this runs on every signed-in request.
    let rows = sqlx::query(
        "SELECT 'organisation' AS kind, m.organisation_id AS id, o.name AS name, m.role AS role
           FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
          WHERE m.user_id = $1
         UNION ALL
         SELECT 'quartier' AS kind, m.quartier_id AS id, q.name AS name, m.role AS role
           FROM quartier_members m JOIN quartiere q ON q.id = m.quartier_id
          WHERE m.user_id = $1
         ORDER BY kind, name, role",
    )
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut organisations = Vec::new();
    let mut quartiere = Vec::new();
    for row in rows {
        let kind: String = row.try_get("kind")?;
        let role: String = row.try_get("role")?;
        let id: i64 = row.try_get("id")?;
        let name: String = row.try_get("name")?;
        if kind == "organisation" {
            if let Some(role) = OrgRole::parse(&role) {
                organisations.push(OrgMembership {
                    organisation_id: id,
                    organisation_name: name,
                    role,
                });
            }
        } else if let Some(role) = QuartierRole::parse(&role) {
            quartiere.push(QuartierMembership {
                quartier_id: id,
                quartier_name: name,
                role,
            });
        }
    }
    Ok(Roles {
        platform_admin,
        organisations,
        quartiere,
    })
}

/// Grants a role in an organisation; `false` if it was held already.
pub async fn grant_org_role(
    conn: &mut AnyConnection,
    user_id: i64,
    organisation_id: i64,
    role: OrgRole,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO organisation_members (user_id, organisation_id, role, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(user_id)
    .bind(organisation_id)
    .bind(role.as_str())
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes a role in an organisation; `false` if it was not held.
pub async fn revoke_org_role(
    conn: &mut AnyConnection,
    user_id: i64,
    organisation_id: i64,
    role: OrgRole,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM organisation_members WHERE user_id = $1 AND organisation_id = $2 AND role = $3",
    )
    .bind(user_id)
    .bind(organisation_id)
    .bind(role.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn grant_quartier_role(
    conn: &mut AnyConnection,
    user_id: i64,
    quartier_id: i64,
    role: QuartierRole,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO quartier_members (user_id, quartier_id, role, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(user_id)
    .bind(quartier_id)
    .bind(role.as_str())
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Stores a one-time link for an account; earlier unused links of the same purpose
/// stop working.
pub async fn insert_token(
    conn: &mut AnyConnection,
    token_hash: &str,
    user_id: i64,
    purpose: Purpose,
    new_email: Option<&str>,
) -> Result<(), sqlx::Error> {
    let at = now();
    sqlx::query(
        "UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(new_email)
    .bind(at)
    .bind(at + purpose.ttl())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Uses a one-time link: at most once, before it expires. Returns the account and, for
/// an e-mail change, the new address.
pub async fn take_token(
    conn: &mut AnyConnection,
    token_hash: &str,
    purpose: Purpose,
) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
    let at = now();
    sqlx::query(
        "UPDATE account_tokens SET used_at = $3
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING user_id, new_email",
    )
    .bind(token_hash)
    .bind(purpose.as_str())
    .bind(at)
    .fetch_optional(&mut *conn)
    .await?
    .map(|row| Ok((row.try_get("user_id")?, row.try_get("new_email")?)))
    .transpose()
}

pub async fn insert_invitation(
    conn: &mut AnyConnection,
    token_hash: &str,
    organisation_id: i64,
    email: &str,
    role: OrgRole,
    invited_by: i64,
) -> Result<i64, sqlx::Error> {
    let at = now();
    // A new invitation replaces an open one to the same address.
    sqlx::query(
        "UPDATE invitations SET revoked_at = $3
         WHERE organisation_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(organisation_id)
    .bind(email)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO invitations (token_hash, organisation_id, email, role, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(token_hash)
    .bind(organisation_id)
    .bind(email)
    .bind(role.as_str())
    .bind(invited_by)
    .bind(at)
    .bind(at + super::tokens::INVITATION_TTL)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")
}

/// The open invitation behind a link, if it is still valid.
pub async fn open_invitation(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> Result<Option<OpenInvitation>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT i.id, i.organisation_id, o.name, i.email, i.role FROM invitations i
         JOIN organisations o ON o.id = i.organisation_id
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
           AND i.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let role: String = row.try_get("role")?;
    let Some(role) = OrgRole::parse(&role) else {
        return Ok(None);
    };
    Ok(Some(OpenInvitation {
        id: row.try_get("id")?,
        organisation_id: row.try_get("organisation_id")?,
        organisation_name: row.try_get("name")?,
        email: row.try_get("email")?,
        role,
    }))
}

/// Marks an invitation accepted, once; `false` if someone was quicker.
pub async fn accept_invitation(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invitations SET accepted_at = $2 WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn team(db: &Db, organisation_id: i64) -> Result<Vec<TeamMember>, sqlx::Error> {
    let mut members = Vec::new();
    for row in sqlx::query(
        "SELECT u.id, u.display_name, u.email, m.role, m.created_at FROM organisation_members m
         JOIN users u ON u.id = m.user_id
         WHERE m.organisation_id = $1 ORDER BY m.role DESC, u.display_name",
    )
    .bind(organisation_id)
    .fetch_all(db.pool())
    .await?
    {
        let role: String = row.try_get("role")?;
        if let Some(role) = OrgRole::parse(&role) {
            members.push(TeamMember {
                user_id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
                email: row.try_get("email")?,
                role,
                since: row.try_get("created_at")?,
            });
        }
    }
    Ok(members)
}

pub async fn pending_invitations(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<PendingInvitation>, sqlx::Error> {
    let mut pending = Vec::new();
    for row in sqlx::query(
        "SELECT email, role, expires_at FROM invitations
         WHERE organisation_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2
         ORDER BY created_at DESC",
    )
    .bind(organisation_id)
    .bind(now())
    .fetch_all(db.pool())
    .await?
    {
        let role: String = row.try_get("role")?;
        if let Some(role) = OrgRole::parse(&role) {
            pending.push(PendingInvitation {
                email: row.try_get("email")?,
                role,
                expires_at: row.try_get("expires_at")?,
            });
        }
    }
    Ok(pending)
}

/// The organisation's name, if it exists.
pub async fn organisation_name(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT name FROM organisations WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .map(|row| row.try_get("name"))
        .transpose()
}

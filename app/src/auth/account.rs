//! The account flows as plain functions: register, verify, reset and change the
//! password, change the e-mail address, invitations, export and deletion. Each writes
//! its audit row and its letters in one transaction with the change itself; the form
//! handlers in `routes` only authorise, call one of these and answer.

use super::db as users;
use super::policy::{OrgRole, QuartierRole};
use super::tokens::{hash_token, new_token, Purpose};
use super::{password, validate, Viewer};
use crate::audit::{db::record, Action, Event};
use crate::ctx::SiteConfig;
use crate::db::Db;
use crate::error::{AppError, Problem};
use crate::i18n::{Key, Lang};
use crate::mail::{outbox::enqueue, Letter};
use serde::Serialize;

async fn hash_password(raw: &str) -> Result<String, AppError> {
    password::hash(raw).await.map_err(|err| {
        tracing::error!(error = %err, "password hashing failed");
        AppError::Internal
    })
}

fn language_of(code: &str) -> Lang {
    Lang::from_code(code).unwrap_or_default()
}

fn link(site: &SiteConfig, path: &str, token: &str) -> String {
    format!(
        "{}{path}?token={token}",
        site.base_url.trim_end_matches('/')
    )
}

fn repeat_matches(password: &str, repeat: &str) -> Result<(), AppError> {
    if password == repeat {
        Ok(())
    } else {
        Err(AppError::validation("password_repeat", Problem::Mismatch))
    }
}

/// What someone entered on `/register`.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    pub name: String,
    pub email: String,
    pub password: String,
    pub password_repeat: String,
    /// "I need help" and "I want to help"; either, both or none.
    pub neighbour: bool,
    pub volunteer: bool,
    /// The Quartier's slug, required with either role.
    pub quartier: String,
    pub invitation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// A verification link went out (or, for a taken address, a note to its owner):
    /// the answer is the same either way.
    CheckMail,
    /// Registered through an invitation: the address is proven, the role granted.
    Invited { user_id: i64, password_hash: String },
}

/// The checks of a registration that need no database: name, address, password.
pub fn check_registration(input: &Registration) -> Result<(String, String), AppError> {
    let name = validate::display_name(&input.name)?;
    let email = validate::email(&input.email)?;
    validate::new_password(&input.password, &email)?;
    repeat_matches(&input.password, &input.password_repeat)?;
    Ok((name, email))
}

pub async fn register(
    db: &Db,
    site: &SiteConfig,
    lang: Lang,
    input: &Registration,
) -> Result<Registered, AppError> {
    let (name, email) = check_registration(input)?;
    let quartier = if input.neighbour || input.volunteer {
        let slug = input.quartier.trim();
        if slug.is_empty() {
            return Err(AppError::validation("quartier", Problem::Missing));
        }
        Some(
            crate::orgs::db::quartier_id_by_slug(db, slug)
                .await?
                .ok_or_else(|| AppError::validation("quartier", Problem::Unknown))?,
        )
    } else {
        None
    };
    let hash = hash_password(&input.password).await?;
    let mut tx = db.begin_write().await?;
    let invitation = match input.invitation.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(token) => {
            let invitation = users::open_invitation(&mut tx, &hash_token(token))
                .await?
                .ok_or_else(|| AppError::validation("invitation", Problem::Expired))?;
            if invitation.email != email {
                return Err(AppError::validation("email", Problem::Mismatch));
            }
            Some(invitation)
        }
        None => None,
    };
    let created = users::create_account(
        &mut tx,
        &email,
        &name,
        &hash,
        lang.code(),
        invitation.is_some(),
    )
    .await?;
    let Some(user_id) = created else {
        if invitation.is_some() {
            // The invited address has an account: it signs in and accepts there.
            return Err(AppError::Conflict);
        }
        let letter = Letter::compose(
            lang,
            Key::MailAlreadySubject,
            Key::MailAlreadyBody,
            &[
                (
                    "login",
                    &format!("{}/login", site.base_url.trim_end_matches('/')),
                ),
                (
                    "reset",
                    &format!("{}/password/forgot", site.base_url.trim_end_matches('/')),
                ),
            ],
        );
        enqueue(&mut tx, &email, &letter).await?;
        tx.commit().await?;
        return Ok(Registered::CheckMail);
    };
    if let Some(quartier) = quartier {
        for (wanted, role) in [
            (input.neighbour, QuartierRole::Neighbour),
            (input.volunteer, QuartierRole::Volunteer),
        ] {
            if wanted {
                users::grant_quartier_role(&mut tx, user_id, quartier, role).await?;
            }
        }
    }
    record(&mut tx, Event::own(Action::Registered, user_id)).await?;
    if let Some(invitation) = invitation {
        join_organisation(&mut tx, user_id, &invitation).await?;
        tx.commit().await?;
        return Ok(Registered::Invited {
            user_id,
            password_hash: hash,
        });
    }
    let (token, token_hash) = new_token();
    users::insert_token(&mut tx, &token_hash, user_id, Purpose::VerifyEmail, None).await?;
    let letter = Letter::compose(
        lang,
        Key::MailVerifySubject,
        Key::MailVerifyBody,
        &[("link", &link(site, "/verify", &token))],
    );
    enqueue(&mut tx, &email, &letter).await?;
    tx.commit().await?;
    tracing::info!(user_id, "registered");
    Ok(Registered::CheckMail)
}

async fn join_organisation(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    invitation: &super::OpenInvitation,
) -> Result<(), AppError> {
    if !users::accept_invitation(conn, invitation.id).await? {
        return Err(AppError::validation("invitation", Problem::Expired));
    }
    users::grant_org_role(conn, user_id, invitation.organisation_id, invitation.role).await?;
    let event = Event {
        action: Action::InvitationAccepted,
        actor: Some(user_id),
        subject: Some(user_id),
        organisation: Some(invitation.organisation_id),
        detail: invitation.role.as_str().to_owned(),
    };
    record(conn, event.clone()).await?;
    record(
        conn,
        Event {
            action: Action::RoleGranted,
            ..event
        },
    )
    .await?;
    Ok(())
}

/// Uses a one-time link inside the caller's transaction; a used, expired or unknown
/// link is an error naming the link.
async fn take_link(
    conn: &mut sqlx::AnyConnection,
    token: &str,
    purpose: Purpose,
) -> Result<(i64, Option<String>), AppError> {
    users::take_token(conn, &hash_token(token), purpose)
        .await?
        .ok_or_else(|| AppError::validation("token", Problem::Expired))
}

/// Confirms the address behind a verification link.
pub async fn verify_email(db: &Db, token: &str) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    let (user_id, _) = take_link(&mut tx, token, Purpose::VerifyEmail).await?;
    users::mark_verified(&mut tx, user_id).await?;
    record(&mut tx, Event::own(Action::EmailVerified, user_id)).await?;
    tx.commit().await?;
    Ok(user_id)
}

/// Sends a fresh verification link to an account that has not confirmed its address.
pub async fn resend_verification(
    db: &Db,
    site: &SiteConfig,
    account: &users::Account,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let (token, token_hash) = new_token();
    users::insert_token(&mut tx, &token_hash, account.id, Purpose::VerifyEmail, None).await?;
    let letter = Letter::compose(
        language_of(&account.language),
        Key::MailVerifySubject,
        Key::MailVerifyBody,
        &[("link", &link(site, "/verify", &token))],
    );
    enqueue(&mut tx, &account.email, &letter).await?;
    tx.commit().await?;
    Ok(())
}

/// Sends a reset link if the address has an account; the caller answers the same
/// either way.
pub async fn request_password_reset(
    db: &Db,
    site: &SiteConfig,
    email: &str,
) -> Result<(), AppError> {
    let email = validate::email(email)?;
    let mut tx = db.begin_write().await?;
    let Some(account) = users::find_account(&mut tx, &email).await? else {
        return Ok(());
    };
    let (token, token_hash) = new_token();
    users::insert_token(
        &mut tx,
        &token_hash,
        account.id,
        Purpose::ResetPassword,
        None,
    )
    .await?;
    let letter = Letter::compose(
        language_of(&account.language),
        Key::MailResetSubject,
        Key::MailResetBody,
        &[("link", &link(site, "/password/reset", &token))],
    );
    enqueue(&mut tx, &account.email, &letter).await?;
    record(
        &mut tx,
        Event::own(Action::PasswordResetRequested, account.id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets a new password through a reset link. Every session of the account ends (the
/// session fingerprint no longer matches).
pub async fn reset_password(
    db: &Db,
    token: &str,
    new_password: &str,
    repeat: &str,
) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    // Taken inside the transaction: a refused new password rolls the use back.
    let (user_id, _) = take_link(&mut tx, token, Purpose::ResetPassword).await?;
    let account = users::account_by_id(&mut tx, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    validate::new_password(new_password, &account.email)?;
    repeat_matches(new_password, repeat)?;
    let hash = hash_password(new_password).await?;
    users::set_password(&mut tx, user_id, &hash).await?;
    // The link reached the inbox: the address is proven.
    users::mark_verified(&mut tx, user_id).await?;
    record(&mut tx, Event::own(Action::PasswordReset, user_id)).await?;
    let letter = Letter::compose(
        language_of(&account.language),
        Key::MailPasswordChangedSubject,
        Key::MailPasswordChangedBody,
        &[],
    );
    enqueue(&mut tx, &account.email, &letter).await?;
    tx.commit().await?;
    Ok(user_id)
}

async fn account_with_password(
    conn: &mut sqlx::AnyConnection,
    viewer: &Viewer,
    field: &str,
    entered: &str,
) -> Result<users::Account, AppError> {
    validate::entered_password(field, entered)?;
    let account = users::account_by_id(conn, viewer.id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !password::verify(entered, &account.password_hash).await {
        return Err(AppError::validation(field, Problem::Wrong));
    }
    Ok(account)
}

/// Changes the password of the signed-in person; returns the new hash, with which the
/// caller renews the current session (all others end).
pub async fn change_password(
    db: &Db,
    viewer: &Viewer,
    current: &str,
    new_password: &str,
    repeat: &str,
) -> Result<String, AppError> {
    let mut tx = db.begin_write().await?;
    let account = account_with_password(&mut tx, viewer, "current_password", current).await?;
    validate::new_password(new_password, &account.email)?;
    repeat_matches(new_password, repeat)?;
    let hash = hash_password(new_password).await?;
    users::set_password(&mut tx, viewer.id, &hash).await?;
    record(&mut tx, Event::own(Action::PasswordChanged, viewer.id)).await?;
    let letter = Letter::compose(
        language_of(&account.language),
        Key::MailPasswordChangedSubject,
        Key::MailPasswordChangedBody,
        &[],
    );
    enqueue(&mut tx, &account.email, &letter).await?;
    tx.commit().await?;
    Ok(hash)
}

/// Sends a confirmation link to a new address; the address changes only when it is
/// used. Whether the new address has an account is not revealed here.
pub async fn request_email_change(
    db: &Db,
    site: &SiteConfig,
    viewer: &Viewer,
    new_email: &str,
    current: &str,
) -> Result<(), AppError> {
    let new_email = validate::email(new_email)?;
    let mut tx = db.begin_write().await?;
    let account = account_with_password(&mut tx, viewer, "current_password", current).await?;
    if new_email == account.email {
        return Err(AppError::validation("email", Problem::Mismatch));
    }
    let (token, token_hash) = new_token();
    users::insert_token(
        &mut tx,
        &token_hash,
        viewer.id,
        Purpose::ChangeEmail,
        Some(&new_email),
    )
    .await?;
    let letter = Letter::compose(
        language_of(&account.language),
        Key::MailEmailChangeSubject,
        Key::MailEmailChangeBody,
        &[("link", &link(site, "/email/confirm", &token))],
    );
    enqueue(&mut tx, &new_email, &letter).await?;
    record(&mut tx, Event::own(Action::EmailChangeRequested, viewer.id)).await?;
    tx.commit().await?;
    Ok(())
}

/// Uses an e-mail change link; the old address is told.
pub async fn confirm_email_change(db: &Db, token: &str) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    let (user_id, new_email) = take_link(&mut tx, token, Purpose::ChangeEmail).await?;
    let new_email = new_email.ok_or_else(|| AppError::validation("token", Problem::Expired))?;
    let account = users::account_by_id(&mut tx, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !users::set_email(&mut tx, user_id, &new_email).await? {
        return Err(AppError::Conflict);
    }
    record(&mut tx, Event::own(Action::EmailChanged, user_id)).await?;
    let letter = Letter::compose(
        language_of(&account.language),
        Key::MailEmailChangedSubject,
        Key::MailEmailChangedBody,
        &[("email", &new_email)],
    );
    enqueue(&mut tx, &account.email, &letter).await?;
    tx.commit().await?;
    Ok(user_id)
}

/// Everything stored about the signed-in person, as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    pub exported_at: i64,
    pub account: ExportedAccount,
    pub roles: super::policy::Roles,
    pub security_events: Vec<crate::audit::Entry>,
    pub letters: Vec<ExportedLetter>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedAccount {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub email_verified: bool,
    pub language: String,
    pub is_platform_admin: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedLetter {
    pub subject: String,
    pub created_at: i64,
}

pub async fn export(db: &Db, viewer: &Viewer) -> Result<Export, AppError> {
    let mut tx = db.begin_write().await?;
    let account = users::account_by_id(&mut tx, viewer.id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    record(&mut tx, Event::own(Action::DataExported, viewer.id)).await?;
    let security_events = crate::audit::db::about(&mut tx, Lang::De, viewer.id).await?;
    let letters = crate::mail::outbox::sent_to(&mut tx, &account.email)
        .await?
        .into_iter()
        .map(|(subject, created_at)| ExportedLetter {
            subject,
            created_at,
        })
        .collect();
    tx.commit().await?;
    Ok(Export {
        exported_at: crate::db::now(),
        account: ExportedAccount {
            id: account.id,
            email: account.email,
            display_name: account.display_name,
            email_verified: account.verified,
            language: account.language,
            is_platform_admin: viewer.is_platform_admin,
        },
        roles: viewer.roles.clone(),
        security_events,
        letters,
    })
}

/// Deletes the signed-in person's account after they confirm with their password:
/// personal data and roles go; audit rows stay without the person (the database sets
/// their references to NULL); delivered letters to the address are removed.
pub async fn delete_account(db: &Db, viewer: &Viewer, current: &str) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let account = account_with_password(&mut tx, viewer, "current_password", current).await?;
    record(
        &mut tx,
        Event {
            action: Action::AccountDeleted,
            actor: None,
            subject: None,
            organisation: None,
            detail: String::new(),
        },
    )
    .await?;
    crate::mail::outbox::forget_recipient(&mut tx, &account.email).await?;
    users::delete_account(&mut tx, viewer.id).await?;
    tx.commit().await?;
    tracing::info!("account deleted");
    Ok(())
}

/// An org admin (or the platform admin) invites someone to the organisation's team.
pub async fn invite(
    db: &Db,
    site: &SiteConfig,
    viewer: &Viewer,
    organisation_id: i64,
    email: &str,
    role: &str,
) -> Result<(), AppError> {
    if !viewer.roles.may_manage_team(organisation_id) {
        return Err(AppError::Forbidden);
    }
    let email = validate::email(email)?;
    let role = OrgRole::parse(role.trim())
        .ok_or_else(|| AppError::validation("role", Problem::Unknown))?;
    let organisation = users::organisation_name(db, organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (token, token_hash) = new_token();
    let mut tx = db.begin_write().await?;
    users::insert_invitation(
        &mut tx,
        &token_hash,
        organisation_id,
        &email,
        role,
        viewer.id,
    )
    .await?;
    // The invited person may have no account yet: the letter is in German and English.
    let role_text = |lang: Lang| match role {
        OrgRole::Coordinator => lang.t(Key::RoleCoordinator),
        OrgRole::OrgAdmin => lang.t(Key::RoleOrgAdmin),
    };
    let values = |lang: Lang| {
        Letter::compose(
            lang,
            Key::MailInvitationSubject,
            Key::MailInvitationBody,
            &[
                ("organisation", &organisation),
                ("role", role_text(lang)),
                ("inviter", &viewer.display_name),
                ("link", &link(site, "/invitation", &token)),
            ],
        )
    };
    let (de, en) = (values(Lang::De), values(Lang::En));
    let letter = Letter {
        subject: de.subject,
        body: format!("{}\n----\n\n{}", de.body, en.body),
    };
    enqueue(&mut tx, &email, &letter).await?;
    record(
        &mut tx,
        Event {
            action: Action::InvitationSent,
            actor: Some(viewer.id),
            subject: None,
            organisation: Some(organisation_id),
            detail: role.as_str().to_owned(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The open invitation behind a link, for its page.
pub async fn invitation(db: &Db, token: &str) -> Result<super::OpenInvitation, AppError> {
    let mut conn = db.pool().acquire().await?;
    users::open_invitation(&mut conn, &hash_token(token))
        .await?
        .ok_or_else(|| AppError::validation("invitation", Problem::Expired))
}

/// The signed-in person accepts an invitation to their own address.
pub async fn accept_invitation(db: &Db, viewer: &Viewer, token: &str) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    let invitation = users::open_invitation(&mut tx, &hash_token(token))
        .await?
        .ok_or_else(|| AppError::validation("invitation", Problem::Expired))?;
    if invitation.email != viewer.email {
        return Err(AppError::validation("email", Problem::Mismatch));
    }
    join_organisation(&mut tx, viewer.id, &invitation).await?;
    tx.commit().await?;
    Ok(invitation.organisation_id)
}

/// An org admin removes a role from a team member. An admin cannot remove their own
/// admin role (someone must be left to manage the team).
pub async fn remove_member(
    db: &Db,
    viewer: &Viewer,
    organisation_id: i64,
    user_id: i64,
    role: &str,
) -> Result<(), AppError> {
    if !viewer.roles.may_manage_team(organisation_id) {
        return Err(AppError::Forbidden);
    }
    let role = OrgRole::parse(role.trim())
        .ok_or_else(|| AppError::validation("role", Problem::Unknown))?;
    if user_id == viewer.id && role == OrgRole::OrgAdmin {
        return Err(AppError::Conflict);
    }
    let mut tx = db.begin_write().await?;
    if !users::revoke_org_role(&mut tx, user_id, organisation_id, role).await? {
        return Err(AppError::NotFound);
    }
    record(
        &mut tx,
        Event {
            action: Action::RoleRevoked,
            actor: Some(viewer.id),
            subject: Some(user_id),
            organisation: Some(organisation_id),
            detail: role.as_str().to_owned(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

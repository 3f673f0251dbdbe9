//! The account forms as plain form posts, so they work without JavaScript: each
//! handler authorises, validates through `account`, and answers with a redirect that
//! carries a one-time notice or the error with what was entered (see `flash`).

use super::account::{self, Registered, Registration};
use super::flash::{self, Flash, Notice};
use super::session::{self, RequestViewer};
use super::throttle::{LoginThrottle, MailThrottle};
use super::{db as users, password, validate, Viewer};
use crate::audit::{db::record_now, Action, Event};
use crate::ctx::SiteConfig;
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use axum::extract::{ConnectInfo, Extension};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Form;
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tower_sessions::Session;

/// Every form post and the account downloads, mounted by the server's router; the
/// authorisation-matrix test walks the same list.
pub fn form_routes<S: Clone + Send + Sync + 'static>() -> Vec<(&'static str, MethodRouter<S>)> {
    vec![
        ("/login", post(login)),
        ("/logout", post(logout)),
        ("/register", post(register)),
        ("/verify", post(verify)),
        ("/password/forgot", post(forgot_password)),
        ("/password/reset", post(reset_password)),
        ("/email/confirm", post(confirm_email)),
        ("/invitation", post(accept_invitation)),
        ("/me/password", post(change_password)),
        ("/me/email", post(change_email)),
        ("/me/delete", post(delete_account)),
        ("/org/invite", post(invite)),
        ("/org/remove", post(remove_member)),
        ("/me/export", get(export)),
    ]
}

/// The language a request asks for (its cookie, else its `Accept-Language`).
pub fn lang_of(headers: &http::HeaderMap) -> Lang {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &http::HeaderValue| v.to_str().ok())
    };
    Lang::negotiate(
        text(http::header::COOKIE),
        text(http::header::ACCEPT_LANGUAGE),
    )
}

fn client_address(extensions: &http::Extensions) -> IpAddr {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

pub(crate) fn viewer_of(extensions: &http::Extensions) -> Option<Viewer> {
    extensions.get::<RequestViewer>().and_then(|v| v.0.clone())
}

/// 303 to `to`, with a one-time message for the page there.
pub(crate) async fn answer(session: &Session, to: &str, message: Flash) -> Response {
    let mut response = Redirect::to(to).into_response();
    match message.notice {
        Some(notice) if message.error.is_none() && message.values.is_empty() => {
            response.extensions_mut().insert(flash::LeftNotice(notice));
        }
        _ => flash::put(session, message).await,
    }
    response
}

/// A refused form post: signed-out people are sent to sign in; others get 403.
pub(crate) fn refused(error: &AppError, headers: &http::HeaderMap) -> Response {
    match error {
        AppError::Unauthorized => Redirect::to("/login").into_response(),
        _ => (
            http::StatusCode::FORBIDDEN,
            [(http::header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            lang_of(headers).t(Key::ErrForbidden),
        )
            .into_response(),
    }
}

/// The answer of a form: its notice at `to`, or its error there (403 and sign-in are
/// answered as such).
pub(crate) async fn outcome(
    session: &Session,
    headers: &http::HeaderMap,
    to: &str,
    form: &str,
    values: Vec<(String, String)>,
    result: Result<flash::Notice, AppError>,
) -> Response {
    match result {
        Ok(notice) => answer(session, to, Flash::notice(notice)).await,
        Err(error @ (AppError::Forbidden | AppError::Unauthorized)) => refused(&error, headers),
        Err(error) => answer(session, to, Flash::error(form, error, values)).await,
    }
}

pub(crate) fn keep(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.chars().take(300).collect()))
        .collect()
}

/// Back to the page of a link from a letter, with the error of its form.
async fn back_to_link(
    session: &Session,
    path: &str,
    token: &str,
    form: &str,
    error: AppError,
) -> Response {
    answer(
        session,
        &with_token(path, token),
        Flash::error(form, error, vec![]),
    )
    .await
}

fn with_token(path: &str, token: &str) -> String {
    let token: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect();
    format!("{path}?token={token}")
}

/// 429 with `Retry-After`, in the language the browser asks for.
fn too_many_attempts(wait: Duration, headers: &http::HeaderMap) -> Response {
    let seconds = wait.as_secs().max(1);
    let message =
        lang_of(headers).fill(Key::LoginErrThrottled, &[("seconds", &seconds.to_string())]);
    (
        http::StatusCode::TOO_MANY_REQUESTS,
        [
            (http::header::RETRY_AFTER, seconds.to_string()),
            (
                http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8".to_owned(),
            ),
        ],
        message,
    )
        .into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
}

/// A stand-in hash, verified when the e-mail is unknown so that both answers take
/// about as long and say the same: the response never reveals who is registered.
const UNKNOWN_USER_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

pub async fn login(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    Extension(throttle): Extension<Arc<LoginThrottle>>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<LoginForm>,
) -> Response {
    if form.email.trim().is_empty() || form.password.is_empty() {
        return Redirect::to("/login?error=missing").into_response();
    }
    let Ok(email) = validate::email(&form.email) else {
        return Redirect::to("/login?error=credentials").into_response();
    };
    let address = client_address(&extensions);
    if let Err(wait) = throttle.check(address, &email) {
        tracing::warn!(%address, "sign-in throttled");
        return too_many_attempts(wait, &headers);
    }
    let stored = match db.pool().acquire().await {
        Ok(mut conn) => users::find_account(&mut conn, &email).await,
        Err(err) => Err(err),
    };
    let stored = match stored {
        Ok(stored) => stored,
        Err(err) => {
            tracing::error!(error = %err, "login lookup failed");
            return Redirect::to("/login?error=unavailable").into_response();
        }
    };
    let hash = stored
        .as_ref()
        .map_or(UNKNOWN_USER_HASH, |a| a.password_hash.as_str());
    let password_ok = password::verify(&form.password, hash).await;
    let Some(account) = stored.filter(|_| password_ok) else {
        tracing::info!("failed sign-in");
        let _ = record_now(
            &db,
            Event {
                action: Action::SignInFailed,
                actor: None,
                subject: None,
                organisation: None,
                detail: String::new(),
            },
        )
        .await;
        return Redirect::to("/login?error=credentials").into_response();
    };
    if account.suspended {
        tracing::info!(user_id = account.id, "suspended account tried to sign in");
        return Redirect::to("/login?error=suspended").into_response();
    }
    if !account.verified {
        // The password proved the address's owner is asking: a fresh link helps them.
        if let Err(err) = account::resend_verification(&db, &site, &account).await {
            tracing::error!(error = %err, "could not resend the verification link");
        }
        return answer(&session, "/login", Flash::notice(Notice::VerifyFirst)).await;
    }
    match session::sign_in(&session, account.id, &account.password_hash).await {
        Ok(()) => {
            tracing::info!(user_id = account.id, "signed in");
            let _ = record_now(&db, Event::own(Action::SignedIn, account.id)).await;
            Redirect::to("/me").into_response()
        }
        Err(_) => Redirect::to("/login?error=unavailable").into_response(),
    }
}

pub async fn logout(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    session: Session,
) -> Response {
    if let Some(viewer) = viewer_of(&extensions) {
        let _ = record_now(&db, Event::own(Action::SignedOut, viewer.id)).await;
    }
    let _ = session::sign_out(&session).await;
    Redirect::to("/").into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    pub name: String,
    pub email: String,
    pub password: String,
    pub password_repeat: String,
    pub neighbour: Option<String>,
    pub volunteer: Option<String>,
    pub quartier: String,
    pub invitation: String,
}

pub async fn register(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    Extension(throttle): Extension<Arc<MailThrottle>>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<RegisterForm>,
) -> Response {
    let input = Registration {
        name: form.name.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
        password_repeat: form.password_repeat.clone(),
        neighbour: form.neighbour.is_some(),
        volunteer: form.volunteer.is_some(),
        quartier: form.quartier.clone(),
        invitation: Some(form.invitation.clone()).filter(|t| !t.is_empty()),
    };
    // Only well-formed registrations count against the limits: they are the ones that
    // send a letter.
    let checked = match account::check_registration(&input) {
        Ok((_, email)) => throttle
            .0
            .check(client_address(&extensions), &email)
            .map_err(|wait| too_many_attempts(wait, &headers)),
        Err(_) => Ok(()),
    };
    if let Err(refusal) = checked {
        return refusal;
    }
    match account::register(&db, &site, lang_of(&headers), &input).await {
        Ok(Registered::CheckMail) => {
            answer(&session, "/login", Flash::notice(Notice::CheckMail)).await
        }
        Ok(Registered::Invited {
            user_id,
            password_hash,
        }) => {
            if session::sign_in(&session, user_id, &password_hash)
                .await
                .is_err()
            {
                return Redirect::to("/login").into_response();
            }
            answer(
                &session,
                "/coordinator",
                Flash::notice(Notice::InvitationAccepted),
            )
            .await
        }
        Err(error) => {
            let values = keep(&[
                ("name", &form.name),
                ("email", &form.email),
                ("quartier", &form.quartier),
                ("neighbour", if input.neighbour { "on" } else { "" }),
                ("volunteer", if input.volunteer { "on" } else { "" }),
                ("invitation", &form.invitation),
            ]);
            let to = if form.invitation.is_empty() {
                "/register".to_owned()
            } else {
                with_token("/invitation", &form.invitation)
            };
            answer(&session, &to, Flash::error("register", error, values)).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    pub token: String,
}

pub async fn verify(
    Extension(db): Extension<Db>,
    session: Session,
    Form(form): Form<TokenForm>,
) -> Response {
    match account::verify_email(&db, &form.token).await {
        Ok(_) => answer(&session, "/login", Flash::notice(Notice::EmailVerified)).await,
        Err(error) => back_to_link(&session, "/verify", &form.token, "verify", error).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailForm {
    pub email: String,
}

pub async fn forgot_password(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    Extension(throttle): Extension<Arc<MailThrottle>>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<EmailForm>,
) -> Response {
    let email = match validate::email(&form.email) {
        Ok(email) => email,
        Err(error) => {
            let values = keep(&[("email", &form.email)]);
            return answer(
                &session,
                "/password/forgot",
                Flash::error("forgot", error, values),
            )
            .await;
        }
    };
    if let Err(wait) = throttle.0.check(client_address(&extensions), &email) {
        return too_many_attempts(wait, &headers);
    }
    match account::request_password_reset(&db, &site, &email).await {
        Ok(()) => answer(&session, "/login", Flash::notice(Notice::ResetMailSent)).await,
        Err(error) => {
            let values = keep(&[("email", &form.email)]);
            answer(
                &session,
                "/password/forgot",
                Flash::error("forgot", error, values),
            )
            .await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewPasswordForm {
    pub token: String,
    pub current_password: String,
    pub password: String,
    pub password_repeat: String,
}

pub async fn reset_password(
    Extension(db): Extension<Db>,
    session: Session,
    Form(form): Form<NewPasswordForm>,
) -> Response {
    match account::reset_password(&db, &form.token, &form.password, &form.password_repeat).await {
        Ok(_) => answer(&session, "/login", Flash::notice(Notice::PasswordReset)).await,
        Err(error) => back_to_link(&session, "/password/reset", &form.token, "reset", error).await,
    }
}

pub async fn confirm_email(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    session: Session,
    Form(form): Form<TokenForm>,
) -> Response {
    match account::confirm_email_change(&db, &form.token).await {
        Ok(_) => {
            let to = if viewer_of(&extensions).is_some() {
                "/me"
            } else {
                "/login"
            };
            answer(&session, to, Flash::notice(Notice::EmailChanged)).await
        }
        Err(error) => back_to_link(&session, "/email/confirm", &form.token, "confirm", error).await,
    }
}

pub async fn accept_invitation(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    session: Session,
    Form(form): Form<TokenForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return Redirect::to(&with_token("/invitation", &form.token)).into_response();
    };
    match account::accept_invitation(&db, &viewer, &form.token).await {
        Ok(_) => {
            // A new privilege: a new session id.
            let _ = session::rotate(&session).await;
            answer(
                &session,
                "/coordinator",
                Flash::notice(Notice::InvitationAccepted),
            )
            .await
        }
        Err(error) => back_to_link(&session, "/invitation", &form.token, "accept", error).await,
    }
}

pub async fn change_password(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<NewPasswordForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let changed = account::change_password(
        &db,
        &viewer,
        &form.current_password,
        &form.password,
        &form.password_repeat,
    )
    .await;
    match changed {
        Ok(hash) => {
            // Every other session ends with the old password; this one goes on anew.
            if session::sign_in(&session, viewer.id, &hash).await.is_err() {
                return Redirect::to("/login").into_response();
            }
            answer(&session, "/me", Flash::notice(Notice::PasswordChanged)).await
        }
        Err(error) => {
            answer(
                &session,
                "/me#password",
                Flash::error("password", error, vec![]),
            )
            .await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangeEmailForm {
    pub email: String,
    pub current_password: String,
}

pub async fn change_email(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<ChangeEmailForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    match account::request_email_change(&db, &site, &viewer, &form.email, &form.current_password)
        .await
    {
        Ok(()) => answer(&session, "/me", Flash::notice(Notice::EmailChangeSent)).await,
        Err(error) => {
            let values = keep(&[("email", &form.email)]);
            answer(&session, "/me#email", Flash::error("email", error, values)).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConfirmForm {
    pub current_password: String,
}

pub async fn delete_account(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<ConfirmForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    match account::delete_account(&db, &viewer, &form.current_password).await {
        Ok(()) => {
            let _ = session::sign_out(&session).await;
            answer(&session, "/", Flash::notice(Notice::AccountDeleted)).await
        }
        Err(error) => {
            answer(
                &session,
                "/me#delete",
                Flash::error("delete", error, vec![]),
            )
            .await
        }
    }
}

/// My data as a JSON download.
pub async fn export(Extension(db): Extension<Db>, extensions: http::Extensions) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return Redirect::to("/login").into_response();
    };
    match account::export(&db, &viewer).await {
        Ok(export) => (
            [
                (
                    http::header::CONTENT_TYPE,
                    "application/json; charset=utf-8",
                ),
                (
                    http::header::CONTENT_DISPOSITION,
                    "attachment; filename=\"gute-nachbarschaft-meine-daten.json\"",
                ),
                (http::header::CACHE_CONTROL, "no-store"),
            ],
            axum::Json(export),
        )
            .into_response(),
        Err(error) => {
            let status = http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::SERVICE_UNAVAILABLE);
            (status, error.to_string()).into_response()
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TeamForm {
    pub organisation: String,
    pub email: String,
    pub role: String,
    pub user: String,
}

/// Authorises a team change before anything else is looked at: the organisation's
/// admins and the platform admin only.
fn team_organisation(viewer: &Viewer, raw: &str) -> Result<i64, AppError> {
    let manages_any = viewer.roles.platform_admin
        || viewer
            .roles
            .organisations
            .iter()
            .any(|m| m.role == super::policy::OrgRole::OrgAdmin);
    if !manages_any {
        return Err(AppError::Forbidden);
    }
    let org = organisation_field(raw)?;
    if !viewer.roles.may_manage_team(org) {
        return Err(AppError::Forbidden);
    }
    Ok(org)
}

fn organisation_field(raw: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::validation("organisation", crate::error::Problem::Malformed))
}

pub async fn invite(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<TeamForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let invited = match team_organisation(&viewer, &form.organisation) {
        Ok(org) => account::invite(&db, &site, &viewer, org, &form.email, &form.role).await,
        Err(error) => Err(error),
    };
    match invited {
        Ok(()) => {
            answer(
                &session,
                "/coordinator",
                Flash::notice(Notice::InvitationSent),
            )
            .await
        }
        Err(error @ AppError::Forbidden) => refused(&error, &headers),
        Err(error) => {
            let values = keep(&[
                ("email", &form.email),
                ("role", &form.role),
                ("organisation", &form.organisation),
            ]);
            answer(
                &session,
                "/coordinator",
                Flash::error("invite", error, values),
            )
            .await
        }
    }
}

pub async fn remove_member(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<TeamForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let user = form
        .user
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::validation("user", crate::error::Problem::Malformed));
    let removed = match (team_organisation(&viewer, &form.organisation), user) {
        (Ok(org), Ok(user)) => account::remove_member(&db, &viewer, org, user, &form.role).await,
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match removed {
        Ok(()) => {
            answer(
                &session,
                "/coordinator",
                Flash::notice(Notice::MemberRemoved),
            )
            .await
        }
        Err(error @ AppError::Forbidden) => refused(&error, &headers),
        Err(error) => {
            let values = keep(&[("organisation", &form.organisation)]);
            answer(
                &session,
                "/coordinator",
                Flash::error("team", error, values),
            )
            .await
        }
    }
}

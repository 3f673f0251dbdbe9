//! Sign-in and sign-out as plain form posts, so they work without JavaScript: the
//! browser posts `email` and `password` to `/login` and follows the redirect.

use super::throttle::LoginThrottle;
use super::{db as users, password, session, validate};
use crate::db::Db;
use crate::i18n::{Key, Lang};
use axum::extract::ConnectInfo;
use axum::extract::Extension;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tower_sessions::Session;

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

/// A stand-in hash, verified when the e-mail is unknown so that both answers take
/// about as long and say the same: the response never reveals who is registered.
const UNKNOWN_USER_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

pub async fn login(
    Extension(db): Extension<Db>,
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
    let address = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    if let Err(wait) = throttle.check(address, &email) {
        tracing::warn!(%address, "sign-in throttled");
        return too_many_attempts(wait, &headers);
    }
    let stored = match users::find_login(&db, &email).await {
        Ok(stored) => stored,
        Err(err) => {
            tracing::error!(error = %err, "login lookup failed");
            return Redirect::to("/login?error=unavailable").into_response();
        }
    };
    let (user_id, hash) = stored.unwrap_or((0, UNKNOWN_USER_HASH.to_owned()));
    let password_ok = password::verify(&form.password, &hash);
    if user_id == 0 || !password_ok {
        tracing::info!("failed sign-in");
        return Redirect::to("/login?error=credentials").into_response();
    }
    match session::sign_in(&session, user_id, &hash).await {
        Ok(()) => {
            tracing::info!(user_id, "signed in");
            Redirect::to("/me").into_response()
        }
        Err(_) => Redirect::to("/login?error=unavailable").into_response(),
    }
}

/// 429 with `Retry-After`, in the language the browser asks for.
fn too_many_attempts(wait: Duration, headers: &http::HeaderMap) -> Response {
    let seconds = wait.as_secs().max(1);
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &http::HeaderValue| v.to_str().ok())
    };
    let lang = Lang::negotiate(
        text(http::header::COOKIE),
        text(http::header::ACCEPT_LANGUAGE),
    );
    let message = lang.fill(Key::LoginErrThrottled, &[("seconds", &seconds.to_string())]);
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

pub async fn logout(session: Session) -> Response {
    let _ = session::sign_out(&session).await;
    Redirect::to("/").into_response()
}

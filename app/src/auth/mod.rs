//! Accounts and sign-in: Argon2id password hashes, sessions in the database, the
//! signed-in viewer. Roles and policy grow here.

#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod session_store;
#[cfg(feature = "ssr")]
pub mod throttle;
pub mod validate;

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The signed-in person as their own pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_platform_admin: bool,
}

/// Who is asking, or `None` for a visitor.
#[leptos::server(endpoint = "me/viewer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    // Public: anyone may ask who they are; a visitor gets None.
    session::request_viewer().map_err(AppError::respond)
}

/// The signed-in person's own account; a visitor is sent to `/login`.
#[leptos::server(endpoint = "me/account")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_account() -> Result<Viewer, AppError> {
    match session::request_viewer().map_err(AppError::respond)? {
        Some(viewer) => Ok(viewer),
        None => {
            // A page render answers 302 to /login; a direct call answers 401 and carries
            // the redirect header the browser's router follows.
            leptos_axum::redirect("/login");
            let direct_call = leptos::prelude::use_context::<http::request::Parts>()
                .is_some_and(|parts| parts.uri.path().starts_with("/api/"));
            if direct_call {
                Err(AppError::Unauthorized.respond())
            } else {
                Err(AppError::Unauthorized)
            }
        }
    }
}

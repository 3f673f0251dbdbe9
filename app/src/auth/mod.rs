//! Accounts and sign-in: Argon2id password hashes, sessions in the database, the
//! signed-in viewer. Roles and policy grow here.

#[cfg(feature = "ssr")]
pub mod account;
#[cfg(feature = "ssr")]
pub mod db;
pub mod flash;
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
#[cfg(feature = "ssr")]
pub mod tokens;
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
    pub roles: policy::Roles,
}

/// An invitation to an organisation's team, as the invited person sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenInvitation {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub email: String,
    pub role: policy::OrgRole,
}

/// A member of an organisation's team, for its admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: policy::OrgRole,
    pub since: i64,
}

/// A pending invitation, for the organisation's admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub email: String,
    pub role: policy::OrgRole,
    pub expires_at: i64,
}

/// The invitation behind a link, for its page; an expired or used link is an error
/// naming the invitation.
#[leptos::server(endpoint = "invitation/details")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn invitation_details(token: String) -> Result<OpenInvitation, AppError> {
    // Public: the token is the secret; it shows only what the letter already said.
    let db = crate::ctx::request_db()?;
    account::invitation(&db, &token)
        .await
        .map_err(AppError::respond)
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
pub async fn my_account() -> Result<MyPage, AppError> {
    let viewer = session::require_viewer()?;
    let db = crate::ctx::request_db()?;
    let (needs, helping, minutes) = crate::requests::staffing::my_needs(&db, viewer.id)
        .await
        .map_err(|e| AppError::from(e).respond())?;
    let calendar = crate::requests::calendar::feed_token(&db, viewer.id)
        .await
        .map_err(|e| AppError::from(e).respond())?
        .map(|token| {
            let site = crate::context::lookup::<crate::ctx::SiteConfig>();
            let base = site.map(|s| s.base_url).unwrap_or_default();
            format!("{}/calendar/{token}.ics", base.trim_end_matches('/'))
        });
    Ok(MyPage {
        viewer,
        needs,
        helping,
        minutes,
        calendar,
    })
}

/// `/me`: my data, the needs I posted, the needs I help with, my logged time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPage {
    pub viewer: Viewer,
    pub needs: Vec<MyNeed>,
    pub helping: Vec<MyNeed>,
    pub minutes: i64,
    /// The address of my calendar feed, if I made one.
    pub calendar: Option<String>,
}

/// A need on my page, with its status or my standing as a helper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyNeed {
    pub id: i64,
    pub title: String,
    pub status: crate::requests::NeedStatus,
    pub helper_state: Option<crate::requests::HelperState>,
}

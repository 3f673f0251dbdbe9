//! The volunteer and matching forms as plain form posts (they work without
//! JavaScript): save the profile, invite suggested volunteers, answer an invitation,
//! record a verification, accept a bulk proposal. Each authorises and validates in its
//! domain function and answers with a redirect.

use super::invitations::{self, Answer};
use super::profile::{self, ProfileForm};
use super::verification::{self, RecordForm};
use crate::auth::flash::Notice;
use crate::auth::routes::{keep, outcome, refused, viewer_of};
use crate::ctx::SiteConfig;
use crate::db::Db;
use crate::error::AppError;
use axum::extract::{Extension, Path};
use axum::response::Response;
use axum::routing::{post, MethodRouter};
use axum::Form;
use tower_sessions::Session;

pub fn form_routes<S: Clone + Send + Sync + 'static>() -> Vec<(&'static str, MethodRouter<S>)> {
    vec![
        ("/me/volunteer", post(save_profile)),
        ("/requests/{id}/invite", post(invite)),
        ("/invitations/{id}/accept", post(accept)),
        ("/invitations/{id}/decline", post(decline)),
        ("/org/verifications", post(record_verification)),
        ("/coordinator/proposal", post(accept_proposal)),
    ]
}

type Pairs = Vec<(String, String)>;

fn all(pairs: &Pairs, name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

async fn save_profile(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(pairs): Form<Pairs>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let form = ProfileForm::from_pairs(&pairs);
    let result = async {
        let known = super::db::known_quartiere(&db).await?;
        let checked = profile::check(&form, &known, verification::today())?;
        super::db::save_profile(&db, &viewer, &checked).await?;
        Ok(Notice::ProfileSaved)
    }
    .await;
    let values = form
        .values()
        .into_iter()
        .map(|(k, v)| (k, v.chars().take(300).collect()))
        .collect();
    outcome(
        &session,
        &headers,
        "/me/volunteer#profile",
        "profile",
        values,
        result,
    )
    .await
}

async fn invite(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    Path(id): Path<i64>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(pairs): Form<Pairs>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let mut ids = Vec::new();
    let mut malformed = false;
    for raw in all(&pairs, "volunteer") {
        match raw.trim().parse::<i64>() {
            Ok(v) => ids.push(v),
            Err(_) => malformed = true,
        }
    }
    let result = if malformed {
        Err(AppError::validation(
            "volunteer",
            crate::error::Problem::Malformed,
        ))
    } else {
        invitations::invite(&db, &site, &viewer, id, &ids)
            .await
            .map(|_| Notice::VolunteersInvited)
    };
    let to = format!("/requests/{id}/suggestions");
    outcome(&session, &headers, &to, "invite", vec![], result).await
}

async fn answer_invitation(
    db: Db,
    site: SiteConfig,
    id: i64,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    accept: bool,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let result = invitations::answer(&db, &site, &viewer, id, accept)
        .await
        .map(|a| match a {
            Answer::Accepted => Notice::InvitationTaken,
            Answer::Declined => Notice::InvitationDeclined,
        });
    let to = match result {
        Ok(Notice::InvitationTaken) => format!("/requests/{id}"),
        _ => "/me/volunteer#invitations".to_owned(),
    };
    outcome(&session, &headers, &to, "invitation", vec![], result).await
}

async fn accept(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    Path(id): Path<i64>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
) -> Response {
    answer_invitation(db, site, id, extensions, headers, session, true).await
}

async fn decline(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    Path(id): Path<i64>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
) -> Response {
    answer_invitation(db, site, id, extensions, headers, session, false).await
}

async fn record_verification(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<RecordForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let result = verification::record_verification(&db, &viewer, &form)
        .await
        .map(|()| Notice::VerificationRecorded);
    let values = keep(&[
        ("organisation", &form.organisation),
        ("email", &form.email),
        ("kind", &form.kind),
        ("checked_on", &form.checked_on),
        ("result", &form.result),
    ]);
    outcome(
        &session,
        &headers,
        "/coordinator/volunteers",
        "verification",
        values,
        result,
    )
    .await
}

async fn accept_proposal(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(pairs): Form<Pairs>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let picks = all(&pairs, "pick");
    let quartier: String = all(&pairs, "quartier")
        .into_iter()
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(80)
        .collect();
    let result = invitations::accept_proposal(&db, &site, &viewer, &picks)
        .await
        .map(|_| Notice::VolunteersInvited);
    let to = format!("/coordinator/proposal?quartier={quartier}");
    outcome(&session, &headers, &to, "proposal", vec![], result).await
}

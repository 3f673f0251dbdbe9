//! The need forms as plain form posts (they work without JavaScript): post a need,
//! sign up, withdraw, confirm a helper, log time, close, review. Each authorises and
//! validates through `posting` or `staffing` and answers with a redirect.

use super::posting::{post_need, NeedForm};
use super::staffing::{self, SignUp};
use super::NeedStatus;
use crate::auth::flash::{Flash, Notice};
use crate::auth::routes::{answer, keep, refused, viewer_of};
use crate::db::Db;
use crate::error::AppError;
use axum::extract::{Extension, Path};
use axum::response::Response;
use axum::routing::{post, MethodRouter};
use axum::Form;
use serde::Deserialize;
use tower_sessions::Session;

pub fn form_routes<S: Clone + Send + Sync + 'static>() -> Vec<(&'static str, MethodRouter<S>)> {
    vec![
        ("/requests/new", post(new_need)),
        ("/requests/{id}/signup", post(sign_up)),
        ("/requests/{id}/withdraw", post(withdraw)),
        ("/requests/{id}/confirm", post(confirm)),
        ("/requests/{id}/time", post(log_time)),
        ("/requests/{id}/close", post(close)),
        ("/requests/{id}/review", post(review)),
        ("/requests/{id}/messages", post(message)),
        ("/requests/{id}/assign", post(assign)),
        ("/requests/{id}/unassign", post(unassign)),
        ("/requests/{id}/trust", post(trust)),
        ("/me/calendar", post(super::calendar::renew_route)),
        ("/me/calendar/revoke", post(super::calendar::revoke_route)),
        (
            "/calendar/{token}",
            axum::routing::get(super::calendar::feed_route),
        ),
    ]
}

/// The answer to a need action: its notice on the need's page, or its error there
/// (403 and sign-in are answered as such).
async fn outcome(
    session: &Session,
    headers: &http::HeaderMap,
    to: &str,
    result: Result<Notice, AppError>,
) -> Response {
    match result {
        Ok(notice) => answer(session, to, Flash::notice(notice)).await,
        Err(error @ (AppError::Forbidden | AppError::Unauthorized)) => refused(&error, headers),
        Err(error) => answer(session, to, Flash::error("need", error, vec![])).await,
    }
}

pub async fn new_need(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<NeedForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    match post_need(&db, &viewer, &form).await {
        Ok(posted) => {
            let notice = match (posted.status, posted.moved_contact) {
                (NeedStatus::PendingReview, false) => Notice::NeedSubmitted,
                (NeedStatus::PendingReview, true) => Notice::NeedSubmittedContactMoved,
                (_, false) => Notice::NeedPublished,
                (_, true) => Notice::NeedPublishedContactMoved,
            };
            answer(
                &session,
                &format!("/requests/{}", posted.id),
                Flash::notice(notice),
            )
            .await
        }
        Err(error @ AppError::Forbidden) => refused(&error, &headers),
        Err(error) => {
            let tick = |v: &Option<String>| if v.is_some() { "on" } else { "" };
            let values = keep(&[
                ("category", &form.category),
                ("title", &form.title),
                ("description", &form.description),
                ("date", &form.date),
                ("start", &form.start),
                ("end", &form.end),
                ("weekly", tick(&form.weekly)),
                ("quartier", &form.quartier),
                ("rough_place", &form.rough_place),
                ("helpers", &form.helpers),
                ("language", &form.language),
                ("same_gender", tick(&form.same_gender)),
                ("helper_gender", &form.helper_gender),
                ("step_free", tick(&form.step_free)),
                ("needs_car", tick(&form.needs_car)),
                ("contact_name", &form.contact_name),
                ("street_address", &form.street_address),
                ("phone", &form.phone),
                ("notes", &form.notes),
                ("consent", &form.consent),
            ]);
            answer(
                &session,
                "/requests/new",
                Flash::error("need", error, values),
            )
            .await
        }
    }
}

macro_rules! need_action {
    ($name:ident, $form:ty, |$db:ident, $site:ident, $viewer:ident, $id:ident, $f:ident| $body:expr) => {
        pub async fn $name(
            Extension($db): Extension<Db>,
            Extension($site): Extension<crate::ctx::SiteConfig>,
            Path($id): Path<i64>,
            extensions: http::Extensions,
            headers: http::HeaderMap,
            session: Session,
            Form($f): Form<$form>,
        ) -> Response {
            let Some($viewer) = viewer_of(&extensions) else {
                return refused(&AppError::Unauthorized, &headers);
            };
            let to = format!("/requests/{}", $id);
            let result = $body;
            outcome(&session, &headers, &to, result.await).await
        }
    };
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoFields {}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HelperForm {
    pub helper: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TimeForm {
    pub minutes: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CloseForm {
    pub feedback: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub decision: String,
    pub note: String,
}

need_action!(
    sign_up,
    NoFields,
    |db, site, viewer, id, _form| async move {
        staffing::sign_up(&db, &site, &viewer, id)
            .await
            .map(|placed| match placed {
                SignUp::Place => Notice::SignedUpForNeed,
                SignUp::Waitlist => Notice::Waitlisted,
            })
    }
);

need_action!(
    withdraw,
    NoFields,
    |db, _site, viewer, id, _form| async move {
        staffing::withdraw(&db, &viewer, id)
            .await
            .map(|()| Notice::Withdrawn)
    }
);

need_action!(
    confirm,
    HelperForm,
    |db, site, viewer, id, form| async move {
        staffing::confirm_helper(&db, &site, &viewer, id, &form.helper)
            .await
            .map(|()| Notice::HelperConfirmed)
    }
);

need_action!(
    log_time,
    TimeForm,
    |db, _site, viewer, id, form| async move {
        staffing::log_time(&db, &viewer, id, &form.minutes)
            .await
            .map(|()| Notice::TimeLogged)
    }
);

need_action!(close, CloseForm, |db, _site, viewer, id, form| async move {
    staffing::close(&db, &viewer, id, &form.feedback)
        .await
        .map(|()| Notice::NeedClosed)
});

need_action!(
    review,
    ReviewForm,
    |db, _site, viewer, id, form| async move {
        staffing::review(&db, &viewer, id, &form.decision, &form.note)
            .await
            .map(|_| Notice::NeedReviewed)
    }
);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    pub email: String,
}

need_action!(
    assign,
    AssignForm,
    |db, site, viewer, id, form| async move {
        staffing::assign(&db, &site, &viewer, id, &form.email)
            .await
            .map(|()| Notice::HelperConfirmed)
    }
);

need_action!(
    unassign,
    HelperForm,
    |db, _site, viewer, id, form| async move {
        staffing::unassign(&db, &viewer, id, &form.helper)
            .await
            .map(|()| Notice::HelperUnassigned)
    }
);

need_action!(trust, NoFields, |db, _site, viewer, id, _form| async move {
    staffing::trust_poster(&db, &viewer, id)
        .await
        .map(|()| Notice::NeighbourTrusted)
});

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MessageForm {
    pub body: String,
}

pub async fn message(
    Extension(db): Extension<Db>,
    Extension(site): Extension<crate::ctx::SiteConfig>,
    Path(id): Path<i64>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<MessageForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let result = super::messages::post_message(&db, &site, &viewer, id, &form.body)
        .await
        .map(|held_back| {
            if held_back {
                Notice::MessageHeldBack
            } else {
                Notice::MessageSent
            }
        });
    outcome(
        &session,
        &headers,
        &format!("/requests/{id}#messages"),
        result,
    )
    .await
}

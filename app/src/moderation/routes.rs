//! The report form and the moderators' decisions as plain form posts.

use super::check_report;
use crate::auth::flash::Notice;
use crate::auth::routes::{keep, outcome, refused, viewer_of};
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
        ("/reports", post(file)),
        ("/coordinator/reports/{id}", post(decide)),
    ]
}

#[derive(Debug, Default, Deserialize)]
struct ReportForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    details: String,
}

async fn file(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<ReportForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let result = async {
        let report = check_report(&form.kind, &form.id, &form.reason, &form.details)?;
        super::db::file_report(&db, &viewer, &report).await
    }
    .await;
    let back = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(20)
            .collect()
    };
    let (to, result) = match result {
        Ok(link) => (
            link.unwrap_or_else(|| "/me".to_owned()),
            Ok(Notice::ReportReceived),
        ),
        Err(e) => (
            format!("/report?kind={}&id={}", back(&form.kind), back(&form.id)),
            Err(e),
        ),
    };
    let values = keep(&[("reason", &form.reason), ("details", &form.details)]);
    outcome(&session, &headers, &to, "report", values, result).await
}

#[derive(Debug, Default, Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

async fn decide(
    Extension(db): Extension<Db>,
    Path(id): Path<i64>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<DecisionForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    if !viewer.roles.may_enter_coordinator_area() {
        return refused(&AppError::Forbidden, &headers);
    }
    let result = super::db::decide(&db, &viewer, id, &form.decision, &form.note)
        .await
        .map(|_| Notice::ReportDecided);
    let values = keep(&[("decision", &form.decision), ("note", &form.note)]);
    let form_name = format!("report-{id}");
    outcome(
        &session,
        &headers,
        &format!("/coordinator/reports#report-{id}"),
        &form_name,
        values,
        result,
    )
    .await
}

//! Meeting-place forms as plain form posts (they work without JavaScript), and the
//! iCalendar files of events: save a place with its hours, add an event, say "I'll
//! come", download one event or a place's whole programme.

use super::form::{check_event, check_place, EventForm, PlaceForm};
use crate::auth::flash::Notice;
use crate::auth::routes::{keep, outcome, refused, viewer_of};
use crate::auth::Viewer;
use crate::ctx::SiteConfig;
use crate::db::{now, Db};
use crate::error::{AppError, Problem};
use axum::extract::{Extension, Path};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Form;
use tower_sessions::Session;

pub fn form_routes<S: Clone + Send + Sync + 'static>() -> Vec<(&'static str, MethodRouter<S>)> {
    vec![
        ("/org/places", post(save_place)),
        ("/org/events", post(add_event)),
        ("/events/{id}/attend", post(attend)),
        ("/events/{id}/calendar", get(event_calendar)),
        ("/places/{id}/calendar", get(place_calendar)),
    ]
}

type Pairs = Vec<(String, String)>;

/// The organisation a form acts for, once the viewer is known to edit for some
/// organisation: malformed is named; one the viewer does not edit for is refused.
pub(crate) fn organisation_of(viewer: &Viewer, raw: &str) -> Result<i64, AppError> {
    let editor_somewhere = viewer.is_platform_admin || !viewer.roles.organisations.is_empty();
    if !editor_somewhere {
        return Err(AppError::Forbidden);
    }
    let organisation = crate::ui::number_arg("organisation", Some(raw))?;
    if super::db::may_edit(&viewer.roles, organisation) {
        Ok(organisation)
    } else {
        Err(AppError::Forbidden)
    }
}

fn optional_id(field: &str, raw: &str) -> Result<Option<i64>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse()
        .map(Some)
        .map_err(|_| AppError::validation(field, Problem::Malformed))
}

async fn save_place(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(pairs): Form<Pairs>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let form = PlaceForm::from_pairs(&pairs);
    let organisation = match organisation_of(&viewer, &form.organisation) {
        Err(error @ AppError::Forbidden) => return refused(&error, &headers),
        other => other,
    };
    let place = optional_id("place", &form.place);
    let place_id = place.as_ref().ok().copied().flatten();
    let result = async {
        let organisation = organisation?;
        let place = place?;
        let known = crate::volunteers::db::known_quartiere(&db).await?;
        let checked = check_place(&form, &known)?;
        super::db::save_place_for(&db, &viewer, organisation, place, &checked).await?;
        Ok(Notice::PlaceSaved)
    }
    .await;
    let to = match (&result, place_id) {
        (Err(_), Some(id)) => format!("/coordinator/places?place={id}#place-form"),
        (Err(_), _) => "/coordinator/places#place-form".to_owned(),
        (Ok(_), _) => "/coordinator/places".to_owned(),
    };
    outcome(&session, &headers, &to, "place", form.values(), result).await
}

async fn add_event(
    Extension(db): Extension<Db>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
    Form(form): Form<EventForm>,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let organisation = match organisation_of(&viewer, &form.organisation) {
        Err(error @ AppError::Forbidden) => return refused(&error, &headers),
        other => other,
    };
    let result = async {
        let organisation = organisation?;
        let place = crate::ui::number_arg("place", Some(&form.place))?;
        let checked = check_event(&form, now())?;
        let mut tx = db.begin_write().await?;
        super::db::add_event(&mut tx, organisation, place, Some(viewer.id), &checked).await?;
        tx.commit().await?;
        Ok(Notice::EventAdded)
    }
    .await;
    let values = keep(&[
        ("organisation", &form.organisation),
        ("place", &form.place),
        ("title", &form.title),
        ("description", &form.description),
        ("date", &form.date),
        ("start", &form.start),
        ("end", &form.end),
        ("weekly", form.weekly.as_deref().unwrap_or("")),
    ]);
    outcome(
        &session,
        &headers,
        "/coordinator/places#event-form",
        "event",
        values,
        result,
    )
    .await
}

async fn attend(
    Extension(db): Extension<Db>,
    Path(id): Path<i64>,
    extensions: http::Extensions,
    headers: http::HeaderMap,
    session: Session,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    let place = super::db::stored_event(&db, id)
        .await
        .ok()
        .flatten()
        .map(|e| e.place_id);
    let result = super::db::toggle_attendance(&db, id, viewer.id)
        .await
        .map(|coming| {
            if coming {
                Notice::EventComing
            } else {
                Notice::EventNotComing
            }
        });
    let to = match place {
        Some(place) => format!("/places/{place}#event-{id}"),
        None => "/places".to_owned(),
    };
    outcome(&session, &headers, &to, "event", vec![], result).await
}

fn ics(name: &str, body: String) -> Response {
    (
        [
            (
                http::header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.ics\""),
            ),
        ],
        body,
    )
        .into_response()
}

fn unavailable(err: &sqlx::Error) -> Response {
    tracing::warn!(error = %err, "event calendar unavailable");
    (
        http::StatusCode::SERVICE_UNAVAILABLE,
        "calendar: temporarily unavailable",
    )
        .into_response()
}

/// `GET /events/{id}/calendar`: one event (with its weekly rule) as a file.
async fn event_calendar(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    Path(id): Path<i64>,
) -> Response {
    match super::db::stored_event(&db, id).await {
        Ok(Some(e)) => {
            let body = super::events::calendar(&e.title, std::slice::from_ref(&e), &site.base_url);
            ics(&format!("event-{id}"), body)
        }
        Ok(None) => (http::StatusCode::NOT_FOUND, "not found").into_response(),
        Err(err) => unavailable(&err),
    }
}

/// `GET /places/{id}/calendar`: every coming event of a place, to subscribe to.
async fn place_calendar(
    Extension(db): Extension<Db>,
    Extension(site): Extension<SiteConfig>,
    Path(id): Path<i64>,
) -> Response {
    let name =
        match sqlx::query("SELECT name FROM meeting_places WHERE id = $1 AND hidden_at IS NULL")
            .bind(id)
            .fetch_optional(db.pool())
            .await
        {
            Ok(Some(row)) => sqlx::Row::try_get::<String, _>(&row, "name").unwrap_or_default(),
            Ok(None) => return (http::StatusCode::NOT_FOUND, "not found").into_response(),
            Err(err) => return unavailable(&err),
        };
    match super::db::stored_events(&db, id).await {
        Ok(events) => ics(
            &format!("place-{id}"),
            super::events::calendar(&name, &events, &site.base_url),
        ),
        Err(err) => unavailable(&err),
    }
}

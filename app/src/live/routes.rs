//! `GET /live/coordinator`: the server-sent event stream the coordinator page follows.

use super::Change;
use crate::auth::routes::{refused, viewer_of};
use crate::db::Db;
use crate::error::AppError;
use axum::extract::Extension;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use std::convert::Infallible;
use tokio::sync::broadcast::error::RecvError;

pub fn form_routes<S: Clone + Send + Sync + 'static>() -> Vec<(&'static str, MethodRouter<S>)> {
    vec![("/live/coordinator", get(coordinator_changes))]
}

/// One `changed` event per change of an organisation the viewer works for (the platform
/// admin: all), with the change as its data. Ends when the server shuts down; the
/// browser then reconnects, to this instance or another.
async fn coordinator_changes(
    Extension(db): Extension<Db>,
    headers: http::HeaderMap,
    extensions: http::Extensions,
) -> Response {
    let Some(viewer) = viewer_of(&extensions) else {
        return refused(&AppError::Unauthorized, &headers);
    };
    if !viewer.roles.may_enter_coordinator_area() {
        return refused(&AppError::Forbidden, &headers);
    }
    let watched: Option<Vec<i64>> = (!viewer.roles.platform_admin).then(|| {
        viewer
            .roles
            .organisations
            .iter()
            .map(|m| m.organisation_id)
            .collect()
    });
    let feed = Feed {
        changes: db.live().subscribe(),
        closing: db.live().closing(),
        watched,
    };
    let events = futures::stream::unfold(feed, |mut feed| async move {
        let change = feed.next().await?;
        let event = Event::default().event("changed").data(change.payload());
        Some((Ok::<_, Infallible>(event), feed))
    });
    (
        // Proxies must pass events on at once.
        [("x-accel-buffering", "no")],
        Sse::new(events).keep_alive(KeepAlive::default()),
    )
        .into_response()
}

struct Feed {
    changes: tokio::sync::broadcast::Receiver<Change>,
    closing: tokio::sync::watch::Receiver<bool>,
    watched: Option<Vec<i64>>,
}

impl Feed {
    /// The next change this viewer cares about; `None` when the server shuts down.
    async fn next(&mut self) -> Option<Change> {
        loop {
            tokio::select! {
                _ = self.closing.wait_for(|closing| *closing) => return None,
                heard = self.changes.recv() => match heard {
                    Ok(change) if change.concerns(self.watched.as_deref()) => return Some(change),
                    Ok(_) => {}
                    // Fell behind: what was missed is unknown, so everything is reloaded.
                    Err(RecvError::Lagged(_)) => return Some(Change::Everything),
                    Err(RecvError::Closed) => return None,
                }
            }
        }
    }
}

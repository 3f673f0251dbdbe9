//! Helpers shared by the integration tests: the real router on a test database, and
//! requests sent to it in memory.
// Each test file uses a different part of this module.
#![allow(dead_code)]

use app::db::Db;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use server::router::{build_router, leptos_options, AppState};
use tower::ServiceExt;

pub fn router(db: &Db) -> Router {
    server::telemetry::init_tracing();
    let options = leptos_options(
        std::path::Path::new("target/site"),
        ([127, 0, 0, 1], 3000).into(),
    );
    build_router(AppState {
        leptos_options: options,
        db: db.clone(),
        base_url: "http://127.0.0.1:3000".into(),
        dev_mailbox: true,
    })
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: header::HeaderName) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    pub fn location(&self) -> Option<String> {
        self.header(header::LOCATION)
    }

    pub fn cookie(&self) -> Option<String> {
        self.header(header::SET_COOKIE)
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router
        .clone()
        .oneshot(request)
        .await
        .expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

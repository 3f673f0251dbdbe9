//! Logging and metrics.

use axum_prometheus::metrics_exporter_prometheus::PrometheusHandle;
use axum_prometheus::PrometheusMetricLayer;
use std::sync::OnceLock;
use tracing_subscriber::{fmt, EnvFilter};

/// Structured logs to stderr; `RUST_LOG` sets the level (default `info`), and
/// `LOG_FORMAT=json` switches to one JSON object a line.
pub fn init_tracing() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let json = std::env::var("LOG_FORMAT")
        .map(|v| v == "json")
        .unwrap_or(false);
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// The process-wide Prometheus recorder; installed once, however many routers are built
/// (tests build many).
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let (_layer, handle) = PrometheusMetricLayer::pair();
            handle
        })
        .clone()
}

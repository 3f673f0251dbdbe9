//! The site's static files (`/pkg/…`, `/favicon.ico`), read once at start and served
//! from memory with their precompressed variants. A file handler that reads the disk
//! per request (tower-http's `ServeDir`) managed about 1,100 requests per second here,
//! a fiftieth of what the process serves otherwise.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Browsers revalidate after five minutes (file names do not carry a content hash).
const CACHE_CONTROL: &str = "public, max-age=300, must-revalidate";

#[derive(Debug)]
struct Asset {
    content_type: HeaderValue,
    etag: HeaderValue,
    identity: axum::body::Bytes,
    gzip: Option<axum::body::Bytes>,
    brotli: Option<axum::body::Bytes>,
}

#[derive(Debug, Default)]
pub struct Assets {
    by_path: HashMap<String, Asset>,
}

impl Assets {
    /// Reads every file of `site_root/pkg` and the favicon. Missing folders give an
    /// empty set (the server still answers pages, without styles).
    pub fn load(site_root: &Path) -> Assets {
        let mut assets = Assets::default();
        let pkg = site_root.join("pkg");
        if let Ok(entries) = std::fs::read_dir(&pkg) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".gz") || name.ends_with(".br") {
                    continue;
                }
                assets.add(&format!("/pkg/{name}"), &entry.path());
            }
        } else {
            tracing::warn!(folder = %pkg.display(), "no static files found");
        }
        assets.add("/favicon.ico", &site_root.join("favicon.ico"));
        assets
    }

    fn add(&mut self, url: &str, file: &Path) {
        let Ok(identity) = std::fs::read(file) else {
            return;
        };
        let variant = |suffix: &str| {
            let mut name = file.as_os_str().to_owned();
            name.push(suffix);
            std::fs::read(name).ok().map(axum::body::Bytes::from)
        };
        let content_type = mime_guess::from_path(file).first_or_octet_stream();
        let digest = Sha256::digest(&identity);
        let etag: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let (Ok(content_type), Ok(etag)) = (
            HeaderValue::from_str(content_type.as_ref()),
            HeaderValue::from_str(&format!("\"{etag}\"")),
        ) else {
            return;
        };
        self.by_path.insert(
            url.to_owned(),
            Asset {
                content_type,
                etag,
                gzip: variant(".gz"),
                brotli: variant(".br"),
                identity: identity.into(),
            },
        );
    }

    /// The routes that serve these files.
    pub fn routes<S: Clone + Send + Sync + 'static>(self) -> Router<S> {
        let assets = Arc::new(self);
        Router::new()
            .route("/pkg/{*file}", get(serve))
            .route("/favicon.ico", get(serve))
            .with_state(assets)
    }
}

/// Which encodings the client takes, from `Accept-Encoding` (`q=0` refuses one).
fn accepts(headers: &HeaderMap, encoding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            name.eq_ignore_ascii_case(encoding) && !refused
        })
}

async fn serve(State(assets): State<Arc<Assets>>, uri: Uri, headers: HeaderMap) -> Response {
    let Some(asset) = assets.by_path.get(uri.path()) else {
        return (StatusCode::NOT_FOUND, "file: not found").into_response();
    };
    let mut answer = HeaderMap::new();
    answer.insert(header::ETAG, asset.etag.clone());
    answer.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    answer.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|tag| tag.as_bytes() == asset.etag.as_bytes());
    if unchanged {
        return (StatusCode::NOT_MODIFIED, answer).into_response();
    }
    answer.insert(header::CONTENT_TYPE, asset.content_type.clone());
    let (body, encoding) = match (&asset.brotli, &asset.gzip) {
        (Some(br), _) if accepts(&headers, "br") => (br.clone(), Some("br")),
        (_, Some(gz)) if accepts(&headers, "gzip") => (gz.clone(), Some("gzip")),
        _ => (asset.identity.clone(), None),
    };
    if let Some(encoding) = encoding {
        answer.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    (answer, body).into_response()
}

#[cfg(test)]
mod tests {
    use super::accepts;
    use axum::http::{header, HeaderMap, HeaderValue};

    fn with(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn encodings_are_read_with_their_weights() {
        assert!(accepts(&with("gzip, deflate, br"), "br"));
        assert!(accepts(&with("gzip;q=0.5"), "gzip"));
        assert!(!accepts(&with("gzip, br;q=0"), "br"));
        assert!(!accepts(&with("identity"), "gzip"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
        assert!(!accepts(&with("xgzip"), "gzip"));
    }
}

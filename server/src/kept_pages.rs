//! Whole rendered pages of the open-needs list, kept in memory for a few seconds while
//! the data behind them stands. The list is the most read page: every visitor who opens
//! it with the same filter and language sees the same page, and a volunteer who reloads
//! it sees their own again. A kept page is tagged with the data versions read before it
//! was rendered (the same versions the page's own reads use), so any change to needs,
//! Quartiere or accounts — on any instance — makes the next request render afresh.
//!
//! Only what is the same for every request with the same key is kept: not a page with a
//! form message (shown once), not one that sets a cookie, and not an error. The script
//! nonce of the Content-Security-Policy is new for every response, kept page or not.

use app::auth::flash::RequestFlash;
use app::auth::session::RequestViewer;
use app::db::kept::{Kept, RequestVersions, Versions};
use app::db::Db;
use app::requests::NeedFilter;
use axum::body::{Body, Bytes};
use axum::extract::{Extension, Request};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;

/// How long a page is kept at most. The list leaves out needs whose end has passed and
/// its day labels follow the clock, which no write announces: a kept page may show such
/// a need for up to this long (signing up for it is refused by the write itself).
const KEEP_PAGE: Duration = Duration::from_secs(5);

/// Pages kept at once: a list page is about 37 KB, so this bounds them to about 1 MB.
pub const KEPT_PAGES: usize = 32;

/// Largest page that is kept; a larger one is sent as it was rendered.
const MAX_PAGE_BYTES: usize = 512 * 1024;

/// Marks a response that was sent from a kept page (for operators and tests).
pub const KEPT_HEADER: &str = "x-cache";

/// A rendered page, split where its script nonce stood.
struct KeptPage {
    versions: Versions,
    headers: HeaderMap,
    /// The policy and the body, each cut at every occurrence of the nonce.
    policy: Vec<String>,
    body: Vec<Bytes>,
}

/// The pages of one router (shared by its requests).
#[derive(Clone)]
pub struct KeptPages(Arc<Kept>);

impl Default for KeptPages {
    fn default() -> Self {
        KeptPages(Arc::new(Kept::with_capacity(KEPT_PAGES)))
    }
}

/// Only the list of open needs, read with GET: its content depends on the filter (the
/// address), the language, the viewer, the data versions and the clock alone. An address
/// with names the filter does not know is rendered but not kept: made-up addresses would
/// only push out the pages readers ask for.
fn key_of(request: &Request) -> Option<String> {
    if request.method() != Method::GET || request.uri().path() != "/requests" {
        return None;
    }
    let known = |pair: &str| {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        NeedFilter::FIELDS.contains(&name)
    };
    if !request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .all(known)
    {
        return None;
    }
    let flash = request.extensions().get::<RequestFlash>()?;
    if flash.0.is_some() {
        return None;
    }
    let viewer = request.extensions().get::<RequestViewer>()?;
    let lang = app::auth::routes::lang_of(request.headers());
    let who = viewer
        .0
        .as_ref()
        .map_or_else(|| "-".to_owned(), |v| v.id.to_string());
    Some(format!("{} {who} {}", lang.code(), request.uri()))
}

/// Sends the open-needs list from memory when it was rendered at the current data
/// versions a moment ago, else renders it and keeps it.
pub async fn keep_pages(
    Extension(db): Extension<Db>,
    Extension(pages): Extension<KeptPages>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    // The same reading the page's own reads share: read before the page renders, so a
    // kept page is never newer than its tag.
    let Some(versions) = request.extensions().get::<RequestVersions>().cloned() else {
        return next.run(request).await;
    };
    let Ok(versions) = versions.get(&db).await else {
        // The page reports the database's trouble itself.
        return next.run(request).await;
    };
    if let Some(page) = pages.0.get::<KeptPage>(&key, 0, KEEP_PAGE) {
        if page.versions == versions {
            return page.send();
        }
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (parts, body) = response.into_parts();
    // The page is rendered whole before its first byte is sent (`SsrMode::Async`), so
    // reading it here costs no time to the first byte.
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(err) => {
            // The rendering failed midway: there is no page to send.
            tracing::error!(error = %err, "could not read a rendered page");
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
        }
    };
    if bytes.len() <= MAX_PAGE_BYTES {
        if let Some(page) = KeptPage::of(versions, &parts.headers, &bytes) {
            pages.0.put(key, 0, Arc::new(page));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

impl KeptPage {
    /// The page cut at its nonce, or `None` when it has no page policy with a nonce.
    fn of(versions: Versions, headers: &HeaderMap, body: &Bytes) -> Option<KeptPage> {
        let policy = headers
            .get(header::CONTENT_SECURITY_POLICY)?
            .to_str()
            .ok()?;
        let nonce = nonce_in(policy)?;
        let text = std::str::from_utf8(body).ok()?;
        Some(KeptPage {
            versions,
            headers: headers.clone(),
            policy: policy.split(nonce).map(str::to_owned).collect(),
            body: text
                .split(nonce)
                .map(|part| Bytes::copy_from_slice(part.as_bytes()))
                .collect(),
        })
    }

    /// The page with a new nonce in its policy and its scripts.
    fn send(&self) -> Response {
        let nonce = leptos::nonce::Nonce::new();
        let policy = self.policy.join(&nonce);
        let mut body = Vec::with_capacity(
            self.body.iter().map(Bytes::len).sum::<usize>() + self.body.len() * nonce.len(),
        );
        for (i, part) in self.body.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(part);
        }
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = self.headers.clone();
        match HeaderValue::from_str(&policy) {
            Ok(value) => {
                response
                    .headers_mut()
                    .insert(header::CONTENT_SECURITY_POLICY, value);
            }
            // A nonce is base64, so this cannot fail; without its policy the page's
            // scripts would not run.
            Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
        }
        response
            .headers_mut()
            .insert(KEPT_HEADER, HeaderValue::from_static("hit"));
        response
    }
}

/// The nonce of a `script-src 'nonce-…'` policy.
fn nonce_in(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    let nonce = &policy[start..start + len];
    // A nonce short enough to occur by chance in a page would be cut wrongly.
    (nonce.len() >= 16).then_some(nonce)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(nonce: &str) -> (HeaderMap, Bytes) {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&app::security::page_csp(nonce, None)).expect("policy"),
        );
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        let body = format!(
            "<html><script nonce=\"{nonce}\">a</script><p>Hilfe</p><script nonce=\"{nonce}\">b</script></html>"
        );
        (headers, Bytes::from(body))
    }

    async fn text(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        String::from_utf8(bytes.to_vec()).expect("utf-8")
    }

    #[tokio::test]
    async fn a_kept_page_gets_a_new_nonce_each_time() {
        let old = "gE0xvUQUh0asw38AzsZKkQ";
        let (headers, body) = page(old);
        let kept = KeptPage::of(Versions::default(), &headers, &body).expect("kept");
        let first = kept.send();
        let policy = first
            .headers()
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .expect("policy");
        let nonce = nonce_in(&policy).expect("nonce").to_owned();
        assert_ne!(nonce, old);
        assert_eq!(
            first.headers().get(header::CONTENT_TYPE),
            headers.get(header::CONTENT_TYPE)
        );
        let sent = text(first).await;
        assert!(!sent.contains(old));
        assert_eq!(sent, String::from_utf8_lossy(&body).replace(old, &nonce));
        let again = kept.send();
        assert_ne!(
            again.headers().get(header::CONTENT_SECURITY_POLICY),
            Some(&HeaderValue::from_str(&policy).expect("policy"))
        );
    }

    fn key(uri: &str, flash: Option<app::auth::flash::Flash>) -> Option<String> {
        let mut request = Request::get(uri).body(Body::empty()).expect("request");
        request.extensions_mut().insert(RequestFlash(flash));
        request.extensions_mut().insert(RequestViewer(None));
        key_of(&request)
    }

    #[test]
    fn only_the_list_with_its_own_fields_and_no_message_is_kept() {
        assert_eq!(key("/requests", None).as_deref(), Some("de - /requests"));
        assert!(key("/requests?quartier=linden-sued&page=2&km=", None).is_some());
        assert!(key("/requests?r=1", None).is_none());
        assert!(key("/requests?quartier=a&x", None).is_none());
        assert!(key("/requests/7", None).is_none());
        assert!(key("/", None).is_none());
        let notice = app::auth::flash::Flash::notice(app::auth::flash::Notice::ResetMailSent);
        assert!(key("/requests", Some(notice)).is_none());
    }

    #[test]
    fn a_page_without_a_nonce_is_not_kept() {
        let (mut headers, body) = page("gE0xvUQUh0asw38AzsZKkQ");
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(app::security::DEFAULT_CSP),
        );
        assert!(KeptPage::of(Versions::default(), &headers, &body).is_none());
        headers.remove(header::CONTENT_SECURITY_POLICY);
        assert!(KeptPage::of(Versions::default(), &headers, &body).is_none());
    }
}

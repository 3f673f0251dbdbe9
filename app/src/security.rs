//! The Content-Security-Policy of rendered pages. Leptos puts a fresh nonce on its
//! hydration scripts for every response; the policy allows exactly those scripts, the
//! wasm bundle from our own origin, and nothing inline else.

use crate::context::lookup;

/// The policy for a page whose inline scripts carry `nonce`; map tiles may come from
/// `tiles` (the origin of the configured tile server).
pub fn page_csp(nonce: &str, tiles: Option<&str>) -> String {
    let tiles = tiles.map(|t| format!(" {t}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:{tiles}; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The origin ("https://tile.example") of a tile address template, if it has one.
pub fn origin_of(template: &str) -> Option<String> {
    let (scheme, rest) = template.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split('/').next()?;
    // Only plain host names (letters, digits, dots, dashes, a port): nothing that could
    // end the policy's directive.
    host.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        .then(|| format!("{scheme}://{host}"))
        .filter(|_| !host.is_empty())
}

/// The policy for everything that is not a page (API answers, files).
pub const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Sets the page policy on the current response (called while rendering the shell).
pub fn set_page_csp() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        lookup::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let tiles = lookup::<crate::ctx::SiteConfig>()
        .and_then(|site| site.map_tiles)
        .and_then(|t| origin_of(&t));
    if let Ok(value) = http::HeaderValue::from_str(&page_csp(&nonce, tiles.as_deref())) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

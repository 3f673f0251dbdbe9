//! The Content-Security-Policy of rendered pages. Leptos puts a fresh nonce on its
//! hydration scripts for every response; the policy allows exactly those scripts, the
//! wasm bundle from our own origin, and nothing inline else.

use leptos::prelude::use_context;

/// The policy for a page whose inline scripts carry `nonce`.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy for everything that is not a page (API answers, files).
pub const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Sets the page policy on the current response (called while rendering the shell).
pub fn set_page_csp() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&page_csp(&nonce)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

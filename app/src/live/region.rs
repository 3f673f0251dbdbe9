//! A part of a server-rendered page that follows the change stream: after a change it
//! loads the same page again and puts the new part in place of the old one, so the old
//! content stays on screen until the new one is there. Only this island runs in the
//! browser; the part itself stays server-rendered HTML.

use crate::i18n::{use_lang, Key};
use leptos::prelude::*;

/// Follows the stream at `stream` and renews the element with the id `region` (inside
/// `children`). Screen readers hear that the page was renewed.
#[island]
pub fn LiveRegion(stream: String, region: String, children: Children) -> impl IntoView {
    let lang = use_lang();
    let refreshed = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let region = region.clone();
        super::follow::follow(&stream, move || {
            let region = region.clone();
            leptos::task::spawn_local(async move {
                if renew(&region).await.is_ok() {
                    refreshed.set(true);
                }
            });
        })
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (stream, region);
    view! {
        <p class="live-status visually-hidden" aria-live="polite">
            {move || refreshed.get().then(|| lang.t(Key::LiveRefreshed))}
        </p>
        {children()}
    }
}

/// Loads the page again and swaps the region's content for the new one. Leaves the
/// old content when anything fails; the next change tries again.
#[cfg(feature = "hydrate")]
async fn renew(region: &str) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let href = window.location().href()?;
    let init = web_sys::RequestInit::new();
    let headers = web_sys::Headers::new()?;
    headers.set(super::BACKGROUND_HEADER, "1")?;
    init.set_headers(&headers);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&href, &init))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err("the page did not load".into());
    }
    let html = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    let fresh =
        web_sys::DomParser::new()?.parse_from_string(&html, web_sys::SupportedType::TextHtml)?;
    let (Some(old), Some(new)) = (
        document.get_element_by_id(region),
        fresh.get_element_by_id(region),
    ) else {
        return Err("the region is missing".into());
    };
    old.set_inner_html(&new.inner_html());
    Ok(())
}

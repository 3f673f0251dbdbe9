//! `/privacy` and `/imprint`.

use crate::i18n::{use_lang, Key};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(Key::PrivacyTitle)/>
        <h1>{lang.t(Key::PrivacyTitle)}</h1>
        <p class="lead">{lang.t(Key::PrivacyIntro)}</p>
        <ul class="prose-list">
            <li>{lang.t(Key::PrivacyPublic)}</li>
            <li>{lang.t(Key::PrivacyPrivate)}</li>
            <li>{lang.t(Key::PrivacyRetention)}</li>
            <li>{lang.t(Key::PrivacyCookies)}</li>
        </ul>
        <h2>{lang.t(Key::PrivacyWhatTitle)}</h2>
        <ul class="prose-list">
            <li>{lang.t(Key::PrivacyAccount)}</li>
            <li>{lang.t(Key::PrivacySessions)}</li>
            <li>{lang.t(Key::PrivacyLetters)}</li>
            <li>{lang.t(Key::PrivacyAudit)}</li>
        </ul>
        <h2>{lang.t(Key::PrivacyRightsTitle)}</h2>
        <ul class="prose-list">
            <li>{lang.t(Key::PrivacyExport)}</li>
            <li>{lang.t(Key::PrivacyDelete)}</li>
            <li>{lang.t(Key::PrivacyContact)}</li>
        </ul>
    }
}

#[component]
pub fn ImprintPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(Key::ImprintTitle)/>
        <h1>{lang.t(Key::ImprintTitle)}</h1>
        <p>{lang.t(Key::ImprintText)}</p>
    }
}

/// The answer to any unknown path: a 404 page inside the normal layout.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(options) = crate::context::lookup::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=lang.t(Key::NotFoundTitle)/>
        <h1>{lang.t(Key::NotFoundTitle)}</h1>
        <p>{lang.t(Key::NotFoundText)}</p>
    }
}

//! `/login` and `/me`.

use super::{my_account, Viewer};
use crate::i18n::{use_lang, Key};
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A plain form posting `email` and `password` to `/login`; the server answers with a
/// redirect, so it works the same with and without JavaScript.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let error = move || {
        query.read().get("error").map(|code| match code.as_str() {
            "missing" => lang.t(Key::LoginErrMissing),
            "unavailable" => lang.t(Key::LoginErrUnavailable),
            _ => lang.t(Key::LoginErrCredentials),
        })
    };
    view! {
        <Title text=lang.t(Key::LoginTitle)/>
        <h1>{lang.t(Key::LoginTitle)}</h1>
        <p class="lead">{lang.t(Key::LoginIntro)}</p>
        {move || error().map(|text| view! { <p class="notice notice--error" role="alert">{text}</p> })}
        <form class="stacked-form" method="post" action="/login">
            <div class="field">
                <label for="login-email">{lang.t(Key::LoginEmail)}</label>
                <input id="login-email" name="email" type="email" autocomplete="username" required/>
            </div>
            <div class="field">
                <label for="login-password">{lang.t(Key::LoginPassword)}</label>
                <input
                    id="login-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                />
            </div>
            <button type="submit" class="button">{lang.t(Key::LoginSubmit)}</button>
        </form>
    }
}

/// My data; a visitor is redirected to `/login` by the server function.
#[component]
pub fn MePage() -> impl IntoView {
    let lang = use_lang();
    let account = Resource::new(|| (), |_| my_account());
    view! {
        <Title text=lang.t(Key::MeTitle)/>
        <h1>{lang.t(Key::MeTitle)}</h1>
        <Loaded resource=account let:viewer>
            <AccountData viewer/>
        </Loaded>
    }
}

#[component]
fn AccountData(viewer: Viewer) -> impl IntoView {
    let lang = use_lang();
    let role = if viewer.is_platform_admin {
        lang.t(Key::RolePlatformAdmin)
    } else {
        lang.t(Key::RoleNone)
    };
    view! {
        <section aria-labelledby="my-data">
            <h2 id="my-data">{lang.t(Key::MeData)}</h2>
            <dl class="facts">
                <dt>{lang.t(Key::MeName)}</dt>
                <dd>{viewer.display_name}</dd>
                <dt>{lang.t(Key::MeEmail)}</dt>
                <dd>{viewer.email}</dd>
                <dt>{lang.t(Key::MeRoles)}</dt>
                <dd>{role}</dd>
            </dl>
        </section>
    }
}

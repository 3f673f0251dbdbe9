//! The account pages: sign in, register, confirm the address, forgotten password, new
//! password, confirm a new address, invitations, and `/me`. Every form is a plain post
//! answered with a redirect, so each works the same with and without JavaScript.

use super::flash::{use_flash, Flash, FlashMessage};
use super::policy::{OrgRole, QuartierRole};
use super::{invitation_details, my_account, MyNeed, MyPage, Viewer};
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A labelled input that comes back filled in and marked when its value was refused.
#[component]
fn Field(
    form: &'static str,
    name: &'static str,
    label: Key,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<Key>,
    #[prop(default = true)] required: bool,
    flash: Flash,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("{form}-{name}");
    let hint_id = format!("{id}-hint");
    let invalid = flash.invalid(form, name);
    // Passwords never come back.
    let value = if kind == "password" || flash.form != form {
        String::new()
    } else {
        flash.value(name)
    };
    view! {
        <div class="field">
            <label for=id.clone()>{lang.t(label)}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=invalid.then_some("true")
                aria-describedby=hint.map(|_| hint_id.clone())
            />
            {hint.map(|h| view! { <small id=hint_id class="field__hint">{lang.t(h)}</small> })}
        </div>
    }
}

fn role_name(lang: Lang, role: OrgRole) -> &'static str {
    match role {
        OrgRole::Coordinator => lang.t(Key::RoleCoordinator),
        OrgRole::OrgAdmin => lang.t(Key::RoleOrgAdmin),
    }
}

fn token_from_query() -> String {
    use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default()
}

/// A plain form posting `email` and `password` to `/login`; the server answers with a
/// redirect, so it works the same with and without JavaScript.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let flash = use_flash();
    let error = move || {
        query.read().get("error").map(|code| match code.as_str() {
            "missing" => lang.t(Key::LoginErrMissing),
            "unavailable" => lang.t(Key::LoginErrUnavailable),
            "suspended" => lang.t(Key::LoginErrSuspended),
            _ => lang.t(Key::LoginErrCredentials),
        })
    };
    view! {
        <Title text=lang.t(Key::LoginTitle)/>
        <h1>{lang.t(Key::LoginTitle)}</h1>
        <p class="lead">{lang.t(Key::LoginIntro)}</p>
        <FlashMessage flash=flash form="login"/>
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
        <p class="form-links">
            <a href="/password/forgot">{lang.t(Key::LoginForgot)}</a>
            " · "
            <a href="/register">{lang.t(Key::LoginRegister)}</a>
        </p>
    }
}

/// The fields of a new account; with an invitation the address is the invited one.
#[component]
fn RegisterForm(
    flash: Flash,
    #[prop(optional)] invitation: Option<(String, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let invited = invitation.is_some();
    let (token, invited_email) = invitation.unwrap_or_default();
    let chosen = flash.value("quartier");
    let ticked = |name: &str| flash.form == "register" && !flash.value(name).is_empty();
    let (neighbour, volunteer) = (ticked("neighbour"), ticked("volunteer"));
    let mut flash_for_email = flash.clone();
    if invited {
        flash_for_email.form = "register".into();
        flash_for_email.values = vec![("email".into(), invited_email)];
    }
    view! {
        <form class="stacked-form" method="post" action="/register">
            <input type="hidden" name="invitation" value=token/>
            <Field form="register" name="name" label=Key::RegisterName autocomplete="name" flash=flash.clone()/>
            <Field form="register" name="email" label=Key::LoginEmail kind="email" autocomplete="email" flash=flash_for_email/>
            <Field
                form="register"
                name="password"
                label=Key::LoginPassword
                kind="password"
                autocomplete="new-password"
                hint=Key::PasswordHint
                flash=flash.clone()
            />
            <Field
                form="register"
                name="password_repeat"
                label=Key::PasswordRepeat
                kind="password"
                autocomplete="new-password"
                flash=flash.clone()
            />
            {(!invited).then(|| {
                let options = Resource::new(|| (), |_| crate::orgs::quartier_options());
                view! {
                <fieldset class="choices">
                    <legend>{lang.t(Key::RegisterRoles)}</legend>
                    <label><input type="checkbox" name="neighbour" value="on" checked=neighbour/>" " {lang.t(Key::RegisterNeighbour)}</label>
                    <label><input type="checkbox" name="volunteer" value="on" checked=volunteer/>" " {lang.t(Key::RegisterVolunteer)}</label>
                </fieldset>
                <div class="field">
                    <label for="register-quartier">{lang.t(Key::FieldQuartier)}</label>
                    <select id="register-quartier" name="quartier" aria-invalid=flash.invalid("register", "quartier").then_some("true")>
                        <option value="">{lang.t(Key::RegisterNoQuartier)}</option>
                        <Loaded resource=options let:options>
                            {options.into_iter().map(|o| {
                                let selected = o.slug == chosen;
                                view! { <option value=o.slug selected=selected>{o.name}</option> }
                            }).collect_view()}
                        </Loaded>
                    </select>
                </div>
            }})}
            <button type="submit" class="button">{lang.t(Key::RegisterSubmit)}</button>
        </form>
    }
    .into_any()
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    view! {
        <Title text=lang.t(Key::RegisterTitle)/>
        <h1>{lang.t(Key::RegisterTitle)}</h1>
        <p class="lead">{lang.t(Key::RegisterIntro)}</p>
        <FlashMessage flash=flash.clone() form="register"/>
        <RegisterForm flash/>
        <p class="form-links"><a href="/login">{lang.t(Key::RegisterHaveAccount)}</a></p>
    }
}

/// A page with one button that uses a link from a letter. Links are used by a click,
/// not by opening them, so mail scanners that open links change nothing.
#[component]
fn UseLinkPage(
    title: Key,
    intro: Key,
    button: Key,
    action: &'static str,
    form: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let token = token_from_query();
    view! {
        <Title text=lang.t(title)/>
        <h1>{lang.t(title)}</h1>
        <FlashMessage flash form=form/>
        <p class="lead">{lang.t(intro)}</p>
        <form class="stacked-form" method="post" action=action>
            <input type="hidden" name="token" value=token/>
            <button type="submit" class="button">{lang.t(button)}</button>
        </form>
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    view! {
        <UseLinkPage title=Key::VerifyTitle intro=Key::VerifyIntro button=Key::VerifySubmit action="/verify" form="verify"/>
    }
}

#[component]
pub fn EmailConfirmPage() -> impl IntoView {
    view! {
        <UseLinkPage
            title=Key::EmailConfirmTitle
            intro=Key::EmailConfirmIntro
            button=Key::EmailConfirmSubmit
            action="/email/confirm"
            form="confirm"
        />
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    view! {
        <Title text=lang.t(Key::ForgotTitle)/>
        <h1>{lang.t(Key::ForgotTitle)}</h1>
        <p class="lead">{lang.t(Key::ForgotIntro)}</p>
        <FlashMessage flash=flash.clone() form="forgot"/>
        <form class="stacked-form" method="post" action="/password/forgot">
            <Field form="forgot" name="email" label=Key::LoginEmail kind="email" autocomplete="email" flash/>
            <button type="submit" class="button">{lang.t(Key::ForgotSubmit)}</button>
        </form>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let token = token_from_query();
    view! {
        <Title text=lang.t(Key::ResetTitle)/>
        <h1>{lang.t(Key::ResetTitle)}</h1>
        <FlashMessage flash=flash.clone() form="reset"/>
        <form class="stacked-form" method="post" action="/password/reset">
            <input type="hidden" name="token" value=token/>
            <Field
                form="reset"
                name="password"
                label=Key::NewPassword
                kind="password"
                autocomplete="new-password"
                hint=Key::PasswordHint
                flash=flash.clone()
            />
            <Field form="reset" name="password_repeat" label=Key::PasswordRepeat kind="password" autocomplete="new-password" flash/>
            <button type="submit" class="button">{lang.t(Key::ResetSubmit)}</button>
        </form>
    }
}

/// `/invitation?token=…`: who invites to what; accept with the account of the invited
/// address, or create that account here.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let token = token_from_query();
    let signed_in = crate::ui::viewer_summary().signed_in;
    let details = Resource::new(move || token.clone(), invitation_details);
    let form_flash = flash.clone();
    view! {
        <Title text=lang.t(Key::InvitationTitle)/>
        <h1>{lang.t(Key::InvitationTitle)}</h1>
        <FlashMessage flash=flash.clone() form="accept"/>
        <Loaded resource=details let:invitation>
            <p class="lead">
                {lang.fill(
                    Key::InvitationIntro,
                    &[("organisation", &invitation.organisation_name), ("role", role_name(lang, invitation.role))],
                )}
            </p>
            {if signed_in {
                view! {
                    <form class="stacked-form" method="post" action="/invitation">
                        <input type="hidden" name="token" value=token_from_query()/>
                        <p>{lang.fill(Key::InvitationAcceptAs, &[("email", &invitation.email)])}</p>
                        <button type="submit" class="button">{lang.t(Key::InvitationAccept)}</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <p>{lang.t(Key::InvitationSignInFirst)} " " <a href="/login">{lang.t(Key::NavLogin)}</a></p>
                    <h2>{lang.t(Key::InvitationNewAccount)}</h2>
                    <FlashMessage flash=form_flash.clone() form="register"/>
                    <RegisterForm flash=form_flash.clone() invitation=(token_from_query(), invitation.email.clone())/>
                }.into_any()
            }}
        </Loaded>
    }
}

/// My data, my settings, my data export and account deletion; a visitor is redirected
/// to `/login` by the server function.
#[component]
pub fn MePage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let account = Resource::new(|| (), |_| my_account());
    view! {
        <Title text=lang.t(Key::MeTitle)/>
        <h1>{lang.t(Key::MeTitle)}</h1>
        <Loaded resource=account let:account>
            <AccountData viewer=account.viewer.clone()/>
            <MyNeeds account/>
            <AccountSettings flash=flash.clone()/>
        </Loaded>
    }
}

#[component]
fn AccountData(viewer: Viewer) -> impl IntoView {
    let lang = use_lang();
    let mut roles: Vec<String> = Vec::new();
    if viewer.roles.platform_admin {
        roles.push(lang.t(Key::RolePlatformAdmin).to_owned());
    }
    for m in &viewer.roles.organisations {
        roles.push(format!(
            "{} – {}",
            role_name(lang, m.role),
            m.organisation_name
        ));
    }
    for m in &viewer.roles.quartiere {
        let role = match m.role {
            QuartierRole::Neighbour => lang.t(Key::RoleNeighbour),
            QuartierRole::Volunteer => lang.t(Key::RoleVolunteer),
        };
        roles.push(format!("{role} – {}", m.quartier_name));
    }
    if roles.is_empty() {
        roles.push(lang.t(Key::RoleNone).to_owned());
    }
    let coordinator = viewer.roles.may_enter_coordinator_area();
    view! {
        <section aria-labelledby="my-data">
            <h2 id="my-data">{lang.t(Key::MeData)}</h2>
            <dl class="facts">
                <dt>{lang.t(Key::MeName)}</dt>
                <dd>{viewer.display_name}</dd>
                <dt>{lang.t(Key::MeEmail)}</dt>
                <dd>{viewer.email}</dd>
                <dt>{lang.t(Key::MeRoles)}</dt>
                <dd>
                    <ul class="plain-list">{roles.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                </dd>
            </dl>
            {coordinator.then(|| view! { <p><a class="button" href="/coordinator">{lang.t(Key::NavCoordinator)}</a></p> })}
            <p><a class="button button--secondary" href="/me/volunteer">{lang.t(Key::MeVolunteerLink)}</a></p>
        </section>
    }
}

fn need_line(lang: Lang, need: MyNeed) -> impl IntoView {
    use crate::requests::pages::{helper_state_text, status_text};
    let status = match need.helper_state {
        Some(state) => helper_state_text(lang, state),
        None => status_text(lang, need.status),
    };
    view! { <li><a href=format!("/requests/{}", need.id)>{need.title}</a>" – "{status}</li> }
}

/// The needs I posted and the ones I help with, and my logged hours.
#[component]
fn MyNeeds(account: MyPage) -> impl IntoView {
    let lang = use_lang();
    let hours = format!("{:.1}", account.minutes as f64 / 60.0);
    let hours = if lang == Lang::De {
        hours.replace('.', ",")
    } else {
        hours
    };
    view! {
        {(!account.needs.is_empty()).then(|| view! {
            <section aria-labelledby="my-needs">
                <h2 id="my-needs">{lang.t(Key::MeMyNeeds)}</h2>
                <ul class="plain-list">{account.needs.into_iter().map(|n| need_line(lang, n)).collect_view()}</ul>
            </section>
        })}
        {(!account.helping.is_empty()).then(|| view! {
            <section aria-labelledby="my-help">
                <h2 id="my-help">{lang.t(Key::MeHelping)}</h2>
                <ul class="plain-list">{account.helping.into_iter().map(|n| need_line(lang, n)).collect_view()}</ul>
                <p>{lang.fill(Key::MeHours, &[("hours", &hours)])}</p>
            </section>
        })}
        <section id="calendar" aria-labelledby="my-calendar">
            <h2 id="my-calendar">{lang.t(Key::MeCalendar)}</h2>
            <p>{lang.t(Key::MeCalendarIntro)}</p>
            {account.calendar.clone().map(|link| view! {
                <p><code class="feed-link">{link.clone()}</code></p>
                <form method="post" action="/me/calendar/revoke" class="inline-form">
                    <button type="submit" class="button button--secondary">{lang.t(Key::MeCalendarRevoke)}</button>
                </form>
                " "
            })}
            <form method="post" action="/me/calendar" class="inline-form">
                <button type="submit" class="button button--secondary">{lang.t(Key::MeCalendarNew)}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn AccountSettings(flash: Flash) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section id="password" aria-labelledby="change-password">
            <h2 id="change-password">{lang.t(Key::MeChangePassword)}</h2>
            <FlashMessage flash=flash.clone() form="password"/>
            <form class="stacked-form" method="post" action="/me/password">
                <Field form="password" name="current_password" label=Key::CurrentPassword kind="password" autocomplete="current-password" flash=flash.clone()/>
                <Field form="password" name="password" label=Key::NewPassword kind="password" autocomplete="new-password" hint=Key::PasswordHint flash=flash.clone()/>
                <Field form="password" name="password_repeat" label=Key::PasswordRepeat kind="password" autocomplete="new-password" flash=flash.clone()/>
                <button type="submit" class="button">{lang.t(Key::MeChangePassword)}</button>
            </form>
        </section>
        <section id="email" aria-labelledby="change-email">
            <h2 id="change-email">{lang.t(Key::MeChangeEmail)}</h2>
            <FlashMessage flash=flash.clone() form="email"/>
            <form class="stacked-form" method="post" action="/me/email">
                <Field form="email" name="email" label=Key::NewEmail kind="email" autocomplete="email" flash=flash.clone()/>
                <Field form="email" name="current_password" label=Key::CurrentPassword kind="password" autocomplete="current-password" flash=flash.clone()/>
                <button type="submit" class="button">{lang.t(Key::MeChangeEmail)}</button>
            </form>
        </section>
        <section id="export" aria-labelledby="my-export">
            <h2 id="my-export">{lang.t(Key::MeExport)}</h2>
            <p>{lang.t(Key::MeExportIntro)}</p>
            <p><a class="button button--secondary" href="/me/export" download="gute-nachbarschaft-meine-daten.json" rel="external">{lang.t(Key::MeExportLink)}</a></p>
        </section>
        <section id="delete" aria-labelledby="delete-account">
            <h2 id="delete-account">{lang.t(Key::MeDelete)}</h2>
            <p>{lang.t(Key::MeDeleteIntro)}</p>
            <FlashMessage flash=flash.clone() form="delete"/>
            <form class="stacked-form" method="post" action="/me/delete">
                <Field form="delete" name="current_password" label=Key::CurrentPassword kind="password" autocomplete="current-password" flash=flash.clone()/>
                <button type="submit" class="button button--danger">{lang.t(Key::MeDeleteSubmit)}</button>
            </form>
        </section>
    }
    .into_any()
}

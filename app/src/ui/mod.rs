//! Shared components: the page layout, error notices, need cards.

use crate::auth::flash::FlashNotice;
use crate::error::{AppError, Problem};
use crate::i18n::{use_lang, Key, Lang};
use crate::requests::NeedTeaser;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Header with navigation, language switch and the crisis link; footer with the legal
/// pages. Every page sits inside it.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    view! {
        <a class="skip-link" href="#main">{lang.t(Key::SkipToContent)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__name">{lang.t(Key::SiteName)}</span>
                    <span class="brand__tagline">{lang.t(Key::SiteTagline)}</span>
                </a>
                <a class="crisis-link" href="/help">{lang.t(Key::NavCrisis)}</a>
            </div>
            <div class="site-header__bar">
                <nav class="main-nav" aria-label=lang.t(Key::NavMain)>
                    <a href="/">{lang.t(Key::NavHome)}</a>
                    <a href="/requests">{lang.t(Key::NavNeeds)}</a>
                    <a href="/requests/new">{lang.t(Key::NavNewNeed)}</a>
                    <a href="/places">{lang.t(Key::NavPlaces)}</a>
                    <a href="/services">{lang.t(Key::NavServices)}</a>
                </nav>
                <div class="site-header__tools">
                    <AccountLinks/>
                    <LanguageSwitch/>
                </div>
            </div>
        </header>
        <main id="main" class="page" tabindex="-1">
            <FlashNotice/>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{lang.t(Key::FooterAlliance)}</p>
            <nav aria-label=lang.t(Key::FooterLegal)>
                <a href="/privacy">{lang.t(Key::FooterPrivacy)}</a>
                <a href="/imprint">{lang.t(Key::FooterImprint)}</a>
            </nav>
        </footer>
        <HydrationMarker/>
    }
}

/// Marks the page once the browser has woken its islands (the last island of every
/// page), for tests and for styles that only make sense with JavaScript.
#[island]
fn HydrationMarker() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// What the header and some pages need to know about the viewer.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct ViewerSummary {
    pub signed_in: bool,
    pub coordinator_area: bool,
    pub volunteer: bool,
}

/// Known on the server from the request; handed to the browser with the page, so it
/// needs no extra round trip and no suspense.
pub fn viewer_summary() -> ViewerSummary {
    SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            let viewer = crate::auth::session::request_viewer().ok().flatten();
            ViewerSummary {
                signed_in: viewer.is_some(),
                coordinator_area: viewer
                    .as_ref()
                    .is_some_and(|v| v.roles.may_enter_coordinator_area()),
                volunteer: viewer.is_some_and(|v| {
                    v.roles
                        .lives_as(crate::auth::policy::QuartierRole::Volunteer)
                }),
            }
        }
        #[cfg(not(feature = "ssr"))]
        {
            ViewerSummary::default()
        }
    })
    .into_inner()
}

/// "Sign in" and "Register" for visitors; "My account", the coordinator area for those
/// who work there, and a sign-out button (a form post, so it works without JavaScript)
/// for signed-in people.
#[component]
fn AccountLinks() -> impl IntoView {
    let lang = use_lang();
    let viewer = viewer_summary();
    if viewer.signed_in {
        view! {
            {viewer.coordinator_area.then(|| view! {
                <a class="account-link" href="/coordinator">{lang.t(Key::NavCoordinator)}</a>
            })}
            <a class="account-link" href="/me">{lang.t(Key::NavMe)}</a>
            <form class="logout-form" method="post" action="/logout">
                <button type="submit">{lang.t(Key::NavLogout)}</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <a class="account-link" href="/login">{lang.t(Key::NavLogin)}</a>
            <a class="account-link" href="/register">{lang.t(Key::NavRegister)}</a>
        }
        .into_any()
    }
}

/// A plain GET form to `/lang`, so it works without JavaScript; the server sets the
/// cookie and sends the browser back to the page it came from.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let back = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        }
    };
    view! {
        <form class="lang-switch" method="get" action="/lang">
            <input type="hidden" name="back" value=back/>
            <span class="lang-switch__label">{lang.t(Key::LanguageLabel)}": "</span>
            {Lang::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <button
                            type="submit"
                            name="lang"
                            value=option.code()
                            lang=option.code()
                            aria-pressed=if option == lang { "true" } else { "false" }
                        >
                            {option.endonym()}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

/// "Dienstag, 2. Zeitraum: …" for an availability row.
fn slot_error(lang: Lang, field: &str, problem: Problem) -> String {
    let mut parts = field.trim_start_matches("slot_").split('_');
    let day = parts
        .next()
        .and_then(|d| d.parse::<usize>().ok())
        .unwrap_or(0);
    let row = parts
        .next()
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    let label = lang.fill(
        Key::ProfileSlotLabel,
        &[
            ("day", weekday_name(lang, day)),
            ("n", &(row + 1).to_string()),
        ],
    );
    error_text(
        lang,
        &AppError::Validation {
            field: String::new(),
            problem,
        },
    )
    .replacen(lang.t(Key::FieldRequest), &label, 1)
}

/// The name of a weekday (0 = Monday).
pub fn weekday_name(lang: Lang, day: usize) -> &'static str {
    const KEYS: [Key; 7] = [
        Key::Monday,
        Key::Tuesday,
        Key::Wednesday,
        Key::Thursday,
        Key::Friday,
        Key::Saturday,
        Key::Sunday,
    ];
    lang.t(KEYS[day.min(6)])
}

/// A number argument of a server function: missing or malformed is an error naming it.
pub fn number_arg(field: &str, raw: Option<&str>) -> Result<i64, AppError> {
    let raw = raw.map(str::trim).unwrap_or("");
    if raw.is_empty() {
        return Err(AppError::validation(field, Problem::Missing));
    }
    raw.parse()
        .map_err(|_| AppError::validation(field, Problem::Malformed))
}

/// The words for an error, naming the field of a validation error.
pub fn error_text(lang: Lang, error: &AppError) -> String {
    match error {
        AppError::Validation { field, problem } => {
            let field_label = match field.as_str() {
                "quartier" => lang.t(Key::FieldQuartier),
                "category" => lang.t(Key::FieldCategory),
                "email" => lang.t(Key::LoginEmail),
                "password" => lang.t(Key::LoginPassword),
                "password_repeat" => lang.t(Key::PasswordRepeat),
                "current_password" => lang.t(Key::CurrentPassword),
                "name" => lang.t(Key::RegisterName),
                "token" => lang.t(Key::FieldLink),
                "invitation" => lang.t(Key::FieldInvitation),
                "role" => lang.t(Key::FieldRole),
                "organisation" => lang.t(Key::FieldOrganisation),
                "user" => lang.t(Key::FieldPerson),
                "need" => lang.t(Key::FieldNeed),
                "title" => lang.t(Key::FieldTitle),
                "description" => lang.t(Key::FieldAbout),
                "date" => lang.t(Key::FieldDate),
                "start" => lang.t(Key::FieldStart),
                "end" => lang.t(Key::FieldEnd),
                "helpers" => lang.t(Key::FieldHelpers),
                "minutes" => lang.t(Key::FieldMinutes),
                "helper" => lang.t(Key::FieldHelper),
                "body" => lang.t(Key::FieldMessage),
                "decision" => lang.t(Key::FieldDecision),
                "note" => lang.t(Key::FieldNote),
                "language" => lang.t(Key::FieldLanguage),
                "contact_name" => lang.t(Key::FieldContactName),
                "street_address" => lang.t(Key::FieldStreetAddress),
                "phone" => lang.t(Key::FieldPhone),
                "rough_place" => lang.t(Key::FieldRoughPlace),
                "from" => lang.t(Key::FilterFrom),
                "to" => lang.t(Key::FilterTo),
                "sort" => lang.t(Key::FilterSort),
                "page" => lang.t(Key::PagesLabel),
                "km" => lang.t(Key::FilterDistance),
                "consent" => lang.t(Key::NewNeedConsent),
                "feedback" => lang.t(Key::NeedFeedback),
                "notes" => lang.t(Key::NewNeedNotes),
                "skill" => lang.t(Key::ProfileSkills),
                "skills_other" => lang.t(Key::ProfileSkillsOther),
                "home_quartier" => lang.t(Key::ProfileHomeQuartier),
                "home_lat" | "home_lon" => lang.t(Key::ProfileMapPoint),
                "radius" => lang.t(Key::ProfileRadius),
                "slot" => lang.t(Key::ProfileAvailability),
                "max_hours" => lang.t(Key::ProfileMaxHours),
                "mobility" => lang.t(Key::ProfileMobility),
                "gender" => lang.t(Key::ProfileGender),
                "helper_gender" => lang.t(Key::NewNeedHelperGender),
                "paused_until" => lang.t(Key::ProfilePausedUntil),
                "kind" => lang.t(Key::VerificationKindLabel),
                "checked_on" => lang.t(Key::VerificationCheckedOn),
                "result" => lang.t(Key::VerificationResult),
                "volunteer" => lang.t(Key::FieldVolunteer),
                "pick" => lang.t(Key::ProposalTitle),
                "place" => lang.t(Key::EventPlace),
                "place_name" => lang.t(Key::PlaceNameLabel),
                "place_kind" => lang.t(Key::PlaceKindLabel),
                "lat" | "lon" => lang.t(Key::PlacePoint),
                "feature" => lang.t(Key::PlaceAccessibility),
                "hours_note" => lang.t(Key::PlaceHoursNote),
                "service" => lang.t(Key::ServiceLabel),
                "topic" => lang.t(Key::ServiceTopicLabel),
                "q" => lang.t(Key::ServicesWords),
                "target" => lang.t(Key::ReportTarget),
                "reason" => lang.t(Key::ReportReason),
                "details" => lang.t(Key::ReportDetails),
                "status" => lang.t(Key::MediationStatusLabel),
                "reachable" => lang.t(Key::ConflictReachable),
                "situation" => lang.t(Key::ConflictDescription),
                slot if slot.starts_with("slot_") => return slot_error(lang, slot, *problem),
                _ => lang.t(Key::FieldRequest),
            };
            let key = match problem {
                Problem::Unknown => Key::ProblemUnknown,
                Problem::Malformed => Key::ProblemMalformed,
                Problem::TooLong => Key::ProblemTooLong,
                Problem::Missing => Key::ProblemMissing,
                Problem::TooShort => Key::ProblemTooShort,
                Problem::TooCommon => Key::ProblemTooCommon,
                Problem::Mismatch => Key::ProblemMismatch,
                Problem::Wrong => Key::ProblemWrong,
                Problem::Expired => Key::ProblemExpired,
                Problem::Duplicate => Key::ProblemDuplicate,
                Problem::Own => Key::ProblemOwn,
                Problem::Closed => Key::ProblemClosed,
                Problem::Past => Key::ProblemPast,
                Problem::OutOfRange => Key::ProblemOutOfRange,
                Problem::OtherOrganisation => Key::ProblemOtherOrganisation,
                Problem::Wording => Key::ProblemWording,
                Problem::EndsBeforeStart => Key::ProblemEndsBeforeStart,
                Problem::Overlapping => Key::ProblemOverlapping,
                Problem::Future => Key::ProblemFuture,
                Problem::Outdated => Key::ProblemOutdated,
                Problem::InspectionRequired => Key::ProblemInspectionRequired,
                Problem::GenderMismatch => Key::ProblemGenderMismatch,
                Problem::DeadlinePassed => Key::ProblemDeadlinePassed,
                Problem::NotMatching => Key::ProblemNotMatching,
                Problem::OutsideQuartier => Key::ProblemOutsideQuartier,
                Problem::NotApplicable => Key::ProblemNotApplicable,
            };
            lang.fill(key, &[("field", field_label)])
        }
        AppError::Unauthorized => lang.t(Key::ErrUnauthorized).to_owned(),
        AppError::Forbidden => lang.t(Key::ErrForbidden).to_owned(),
        AppError::NotFound => lang.t(Key::ErrNotFound).to_owned(),
        AppError::Conflict => lang.t(Key::ErrConflict).to_owned(),
        AppError::Unavailable => lang.t(Key::ErrUnavailable).to_owned(),
        AppError::Internal => lang.t(Key::ErrInternal).to_owned(),
        AppError::Transport => lang.t(Key::ErrTransport).to_owned(),
    }
}

#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="notice notice--error" role="alert">{error_text(lang, &error)}</p> }
}

/// A need as a teaser card: kind of help, title, Quartier, day and time, places left.
#[component]
pub fn NeedCard(need: NeedTeaser) -> impl IntoView {
    let lang = use_lang();
    let helpers = lang.fill(
        Key::HelpersWanted,
        &[
            ("filled", &need.helpers_filled.to_string()),
            ("needed", &need.helpers_needed.to_string()),
        ],
    );
    view! {
        <li class="need-card" data-category=need.category.slug()>
            <p class="need-card__category">{lang.t(need.category.label())}</p>
            <h3 class="need-card__title"><a href=format!("/requests/{}", need.id)>{need.title}</a></h3>
            <dl class="need-card__facts">
                <div>
                    <dt>{lang.t(Key::NeedWhen)}</dt>
                    <dd>{need.day_label}", "{need.time_label}</dd>
                </div>
                <div>
                    <dt>{lang.t(Key::NeedWhere)}</dt>
                    <dd>{need.quartier_name}</dd>
                </div>
            </dl>
            {need.description.map(|d| view! { <p class="need-card__description">{d}</p> })}
            {need.distance_m.map(|m| view! { <p class="need-card__distance">{distance_text(lang, m)}</p> })}
            <p class="need-card__helpers">{helpers}</p>
        </li>
    }
}

/// "ca. 1,2 km entfernt" / "about 1.2 km away".
pub fn distance_text(lang: Lang, metres: i64) -> String {
    lang.fill(Key::DistanceAbout, &[("km", &lang.kilometres(metres))])
}

/// A server-function result loaded through a resource: a loading line while it loads,
/// the error in words if it failed, else `children` with the value.
#[component]
pub fn Loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    children: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.t(Key::Loading)}</p> }>
            {move || {
                // A reader who left mid-page disposed the resource: nothing to show then.
                resource
                    .try_get()
                    .flatten()
                    .map(|result| match result {
                        Ok(value) => children(value).into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

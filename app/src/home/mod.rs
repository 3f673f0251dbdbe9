//! `/`: the alliance's home page — its Quartiere and villages, the latest open needs,
//! and the meeting places.

use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use crate::orgs::QuartierSummary;
use crate::places::MeetingPlace;
use crate::requests::NeedTeaser;
use crate::ui::{Loaded, NeedCard};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// How many needs and places the home page shows.
#[cfg(feature = "ssr")]
const LATEST_NEEDS: i64 = 6;
#[cfg(feature = "ssr")]
const PLACES: i64 = 12;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub quartiere: Vec<QuartierSummary>,
    pub latest_needs: Vec<NeedTeaser>,
    pub places: Vec<MeetingPlace>,
}

#[leptos::server(endpoint = "home")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn home_overview() -> Result<HomeData, AppError> {
    use crate::ctx::{request_db, request_lang};
    use crate::requests::filter::ValidFilter;
    // Public page: nothing here needs a sign-in, and nothing private is loaded.
    let db = request_db()?;
    // The three parts are independent reads: loaded together, the page waits for the
    // slowest, not for their sum.
    let lang = request_lang();
    let filter = ValidFilter::default();
    let (quartiere, latest, places) = futures::try_join!(
        crate::orgs::db::list_quartier_summaries(&db),
        crate::requests::db::list_open_teasers(&db, &filter, lang, LATEST_NEEDS, None),
        crate::places::db::list_places(&db, PLACES),
    )
    .map_err(|e| AppError::from(e).respond())?;
    Ok(HomeData {
        quartiere,
        latest_needs: latest.needs,
        places,
    })
}

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let overview = Resource::new(|| (), |_| home_overview());
    view! {
        <Title text=lang.t(Key::HomeTitle)/>
        <section class="hero">
            <h1>{lang.t(Key::HomeHeading)}</h1>
            <p class="lead">{lang.t(Key::HomeIntro)}</p>
            <a class="button" href="/requests">{lang.t(Key::HomeSeeNeeds)}</a>
        </section>
        <Loaded resource=overview let:overview>
            <Overview overview/>
        </Loaded>
    }
}

#[component]
fn Overview(overview: HomeData) -> impl IntoView {
    let lang = use_lang();
    let no_places = overview.places.is_empty();
    view! {
        <section aria-labelledby="quartiere-heading">
            <h2 id="quartiere-heading">{lang.t(Key::HomeQuartiere)}</h2>
            <ul class="card-grid quartier-list">
                {overview
                    .quartiere
                    .into_iter()
                    .map(|q| {
                        let count = if q.open_needs > crate::requests::COUNT_CAP {
                            lang.t(Key::OpenNeedsMany).to_owned()
                        } else {
                            lang.fill(Key::OpenNeedsCount, &[("count", &q.open_needs.to_string())])
                        };
                        let orgs = lang.fill(Key::ServedBy, &[("orgs", &q.organisations.join(", "))]);
                        let href = format!("/requests?quartier={}", q.slug);
                        view! {
                            <li class="quartier-card" data-kind=q.kind.as_str()>
                                <p class="quartier-card__kind">{lang.t(q.kind.label())}" · "{q.municipality}</p>
                                <h3><a href=href>{q.name.clone()}</a></h3>
                                <p>{count}</p>
                                <p class="muted">{orgs}</p>
                                <p><a href=format!("/places?quartier={}", q.slug)>{lang.fill(Key::HomePlacesIn, &[("quartier", &q.name)])}</a></p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section aria-labelledby="needs-heading">
            <h2 id="needs-heading">{lang.t(Key::HomeLatestNeeds)}</h2>
            <ul class="need-list">
                {overview
                    .latest_needs
                    .into_iter()
                    .map(|need| view! { <NeedCard need/> })
                    .collect_view()}
            </ul>
            <p><a href="/requests">{lang.t(Key::HomeAllNeeds)}</a></p>
        </section>
        <section aria-labelledby="places-heading">
            <h2 id="places-heading">{lang.t(Key::HomeMeetingPlaces)}</h2>
            <Show when=move || no_places>
                <p>{lang.t(Key::HomeNoPlaces)}</p>
            </Show>
            <ul class="card-grid place-list">
                {overview
                    .places
                    .into_iter()
                    .map(|p| {
                        let step_free = p.step_free();
                        view! {
                            <li class="place-card">
                                <p class="place-card__kind">
                                    {lang.t(p.kind.label())}" · "
                                    {lang.fill(Key::InQuartier, &[("quartier", &p.quartier_name)])}
                                </p>
                                <h3><a href=format!("/places/{}", p.id)>{p.name.clone()}</a></h3>
                                <p>{p.street_address}</p>
                                {(!p.hours.is_empty()).then(|| view! {
                                    <p>
                                        <span class="muted">{lang.t(Key::OpeningHours)}": "</span>
                                        {crate::places::pages::hours_lines(lang, &p.hours).join("; ")}
                                    </p>
                                })}
                                {step_free.then(|| view! { <p class="badge">{lang.t(Key::StepFree)}</p> })}
                                <p>{p.description}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

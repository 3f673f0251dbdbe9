//! Crisis and conflict help. `/help` is linked from every page; it renders on the
//! server, needs no JavaScript, and lists the numbers first so it is quick to use.

pub mod conflict;
pub mod services;

use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use crate::orgs::{OrganisationContact, QuartierOption};
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// A number everyone in Germany can call free of charge, day and night.
struct Hotline {
    number: &'static str,
    name: Key,
    note: Key,
}

const HOTLINES: [Hotline; 5] = [
    Hotline {
        number: "110",
        name: Key::HelpPolice,
        note: Key::HelpPoliceNote,
    },
    Hotline {
        number: "112",
        name: Key::HelpEmergency,
        note: Key::HelpEmergencyNote,
    },
    Hotline {
        number: "116 016",
        name: Key::HelpWomen,
        note: Key::HelpWomenNote,
    },
    Hotline {
        number: "116 111",
        name: Key::HelpChildren,
        note: Key::HelpChildrenNote,
    },
    Hotline {
        number: "0800 111 0 111",
        name: Key::HelpCrisisLine,
        note: Key::HelpCrisisLineNote,
    },
];

/// The second number of the crisis line, shown beside the first.
const CRISIS_LINE_SECOND: &str = "0800 111 0 222";

fn tel_href(number: &str) -> String {
    format!("tel:{}", number.replace(' ', ""))
}

#[leptos::server(endpoint = "help/contacts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn counselling_contacts() -> Result<Vec<OrganisationContact>, AppError> {
    // Public: counselling contacts are meant to be found by anyone.
    let db = crate::ctx::request_db()?;
    crate::orgs::db::list_organisation_contacts(&db)
        .await
        .map_err(|e| AppError::from(e).respond())
}

/// The counselling services of one Quartier for `/help`: the one asked for, else the
/// viewer's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuartierHelp {
    pub quartiere: Vec<QuartierOption>,
    pub chosen: Option<String>,
    pub services: Vec<services::Service>,
}

#[leptos::server(endpoint = "help/local")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn local_help(quartier: Option<String>) -> Result<QuartierHelp, AppError> {
    use crate::error::Problem;
    // Public: crisis help is for everyone.
    let viewer = crate::auth::session::request_viewer()?;
    let db = crate::ctx::request_db()?;
    let respond = |e: sqlx::Error| AppError::from(e).respond();
    let quartiere = crate::orgs::db::list_quartier_options(&db)
        .await
        .map_err(respond)?;
    let asked = quartier
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty());
    let chosen = match asked {
        Some(slug) if quartiere.iter().any(|q| q.slug == slug) => Some(slug),
        Some(_) => return Err(AppError::validation("quartier", Problem::Unknown).respond()),
        None => match viewer
            .as_ref()
            .and_then(|v| v.roles.quartiere.first().map(|m| m.quartier_id))
        {
            Some(id) => crate::orgs::db::quartier_slug(&db, id)
                .await
                .map_err(respond)?,
            None => None,
        },
    };
    let services = match &chosen {
        Some(slug) => match crate::orgs::db::quartier_id_by_slug(&db, slug)
            .await
            .map_err(respond)?
        {
            Some(id) => services::db::of_quartier(&db, id).await.map_err(respond)?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    Ok(QuartierHelp {
        quartiere,
        chosen,
        services,
    })
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let lang = use_lang();
    let contacts = Resource::new(|| (), |_| counselling_contacts());
    let query = use_query_map();
    let local = Resource::new(move || query.read().get("quartier"), local_help);
    view! {
        <Title text=lang.t(Key::HelpTitle)/>
        <h1>{lang.t(Key::HelpTitle)}</h1>
        <p class="lead">{lang.t(Key::HelpIntro)}</p>
        <ul class="hotlines">
            {HOTLINES
                .iter()
                .map(|h| {
                    let second = (h.name == Key::HelpCrisisLine)
                        .then(|| {
                            view! {
                                <a class="hotline__call" href=tel_href(CRISIS_LINE_SECOND)>
                                    {lang.fill(Key::HelpCall, &[("number", CRISIS_LINE_SECOND)])}
                                </a>
                            }
                        });
                    view! {
                        <li class="hotline">
                            <h2 class="hotline__name">{lang.t(h.name)}</h2>
                            <p class="hotline__note">{lang.t(h.note)}</p>
                            <a class="hotline__call" href=tel_href(h.number)>
                                {lang.fill(Key::HelpCall, &[("number", h.number)])}
                            </a>
                            {second}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <section aria-labelledby="quartier-help">
            <h2 id="quartier-help">{lang.t(Key::HelpQuartier)}</h2>
            <Loaded resource=local let:local>
                <form method="get" action="/help" class="inline-form no-print">
                    <label for="help-quartier">{lang.t(Key::FieldQuartier)}</label>
                    <select id="help-quartier" name="quartier">
                        {local.quartiere.iter().map(|q| view! {
                            <option value=q.slug.clone() selected=local.chosen.as_deref() == Some(q.slug.as_str())>{q.name.clone()}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="button button--secondary">{lang.t(Key::HelpShowQuartier)}</button>
                </form>
                {if local.services.is_empty() {
                    view! { <p>{lang.t(if local.chosen.is_some() { Key::HelpQuartierNone } else { Key::HelpQuartierChoose })}</p> }.into_any()
                } else {
                    view! { <ul class="card-grid">{local.services.into_iter().map(|s| view! { <services::ServiceCard service=s/> }).collect_view()}</ul> }.into_any()
                }}
            </Loaded>
            <p class="no-print"><a href="/services">{lang.t(Key::HelpAllServices)}</a></p>
        </section>
        <section aria-labelledby="conflict-help">
            <h2 id="conflict-help">{lang.t(Key::HelpConflict)}</h2>
            <p>{lang.t(Key::HelpConflictIntro)}" "<a href="/help/conflict">{lang.t(Key::HelpConflictLink)}</a></p>
        </section>
        <section aria-labelledby="local-help">
            <h2 id="local-help">{lang.t(Key::HelpLocal)}</h2>
            <p>{lang.t(Key::HelpLocalIntro)}</p>
            <Loaded resource=contacts let:list>
                <ul class="contacts">
                    {list
                        .into_iter()
                        .map(|c| {
                            let phone = c.phone.map(|p| view! { <a href=tel_href(&p)>{p.clone()}</a> });
                            let email = c
                                .email
                                .map(|m| view! { <a href=format!("mailto:{m}")>{m.clone()}</a> });
                            view! {
                                <li>
                                    <strong>{c.name}</strong>
                                    " "
                                    {phone}
                                    " "
                                    {email}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Loaded>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_links_have_no_spaces() {
        assert_eq!(tel_href("0800 111 0 111"), "tel:08001110111");
    }

    #[test]
    fn the_legal_help_numbers_are_listed() {
        let numbers: Vec<_> = HOTLINES.iter().map(|h| h.number).collect();
        for n in ["110", "112", "116 016", "116 111", "0800 111 0 111"] {
            assert!(numbers.contains(&n), "{n} missing");
        }
    }
}

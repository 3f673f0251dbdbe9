//! Crisis and conflict help. `/help` is linked from every page; it renders on the
//! server, needs no JavaScript, and lists the numbers first so it is quick to use.

use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use crate::orgs::OrganisationContact;
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;

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

#[component]
pub fn HelpPage() -> impl IntoView {
    let lang = use_lang();
    let contacts = Resource::new(|| (), |_| counselling_contacts());
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

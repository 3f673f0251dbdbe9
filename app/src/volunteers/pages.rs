//! Pages: the volunteer's own page (profile, invitations, needs for me, records), the
//! coordinator's suggestions for a need, the bulk proposal and the verification records.
//! Every form is a plain form post, so all of it works without JavaScript.

use super::{
    load_bulk_proposal, load_verifications, load_volunteer_page, need_suggestions, BulkProposal,
    InvitationState, Mobility, ProfileView, Suggestions, VerificationKind, VerificationView,
    VerificationsPage as Records, VolunteerPage, SLOTS_PER_DAY,
};
use crate::auth::flash::{use_flash, Flash, FlashMessage};
use crate::i18n::{use_lang, Key, Lang};
use crate::matching::{language_name, Gender};
use crate::requests::Category;
use crate::requests::LANGUAGES;
use crate::ui::{weekday_name, Loaded};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What the profile form shows: the values sent back after an error, else the stored
/// profile, else sensible defaults.
#[derive(Clone)]
struct Shown {
    flash: Option<Flash>,
    profile: Option<ProfileView>,
}

fn minutes_text(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn number_text(value: f64) -> String {
    let text = format!("{value}");
    text.trim_end_matches(".0").to_owned()
}

impl Shown {
    fn checked(&self, name: &str, value: &str) -> bool {
        if let Some(f) = &self.flash {
            return !f.value(&format!("{name}:{value}")).is_empty();
        }
        let Some(p) = &self.profile else {
            return false;
        };
        match name {
            "skill" => p.skills.iter().any(|c| c.slug() == value),
            "language" => p.languages.iter().any(|l| l == value),
            "quartier" => p.quartiere.iter().any(|q| q == value),
            "mobility" => p.mobility.iter().any(|m| m.slug() == value),
            _ => false,
        }
    }

    fn text(&self, name: &str) -> String {
        if let Some(f) = &self.flash {
            return f.value(name);
        }
        let Some(p) = &self.profile else {
            return match name {
                "radius" => "3".to_owned(),
                "max_hours" => "4".to_owned(),
                _ => String::new(),
            };
        };
        match name {
            "skills_other" => p.skills_other.clone(),
            "home_quartier" => p.home_quartier.clone(),
            "radius" => number_text(p.radius_km),
            "max_hours" => number_text(p.max_hours),
            "gender" => p.gender.map(|g| g.slug().to_owned()).unwrap_or_default(),
            "paused_until" => p.paused_until.clone().unwrap_or_default(),
            "home_lat" if p.own_point => format!("{:.3}", p.home_lat),
            "home_lon" if p.own_point => format!("{:.3}", p.home_lon),
            _ => String::new(),
        }
    }

    /// The from/to of availability row `n` of `day`.
    fn slot(&self, day: usize, n: usize) -> (String, String) {
        if let Some(f) = &self.flash {
            return (
                f.value(&format!("slot_{day}_{n}_from")),
                f.value(&format!("slot_{day}_{n}_to")),
            );
        }
        self.profile
            .as_ref()
            .and_then(|p| {
                p.slots
                    .iter()
                    .filter(|s| usize::from(s.weekday) == day)
                    .nth(n)
            })
            .map(|s| (minutes_text(s.start_minute), minutes_text(s.end_minute)))
            .unwrap_or_default()
    }
}

fn gender_label(g: Gender) -> Key {
    match g {
        Gender::Female => Key::GenderFemale,
        Gender::Male => Key::GenderMale,
        Gender::Diverse => Key::GenderDiverse,
    }
}

fn invitation_state_text(lang: Lang, state: InvitationState) -> &'static str {
    lang.t(match state {
        InvitationState::Invited => Key::InvitationOpen,
        InvitationState::Accepted => Key::InvitationAcceptedState,
        InvitationState::Declined => Key::InvitationDeclinedState,
        InvitationState::Expired => Key::InvitationExpiredState,
        InvitationState::TooLate => Key::InvitationTooLateState,
    })
}

/// An invitation's state as the coordinator reads it.
fn sent_state_text(lang: Lang, state: InvitationState) -> &'static str {
    match state {
        InvitationState::Invited => lang.t(Key::InvitationWaiting),
        other => invitation_state_text(lang, other),
    }
}

/// `/me/volunteer`.
#[component]
pub fn VolunteerProfilePage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let page = Resource::new(|| (), |_| load_volunteer_page());
    view! {
        <Title text=lang.t(Key::VolunteerTitle)/>
        <h1>{lang.t(Key::VolunteerTitle)}</h1>
        <Loaded resource=page let:page>
            <VolunteerContent page flash=flash.clone()/>
        </Loaded>
    }
}

#[component]
fn VolunteerContent(page: VolunteerPage, flash: Flash) -> impl IntoView {
    let lang = use_lang();
    let has_profile = page.profile.is_some();
    view! {
        {(!page.is_volunteer || !has_profile).then(|| view! { <p class="lead">{lang.t(Key::VolunteerIntro)}</p> })}
        <FlashMessage flash=flash.clone() form="invitation"/>
        {(!page.invitations.is_empty()).then(|| view! { <MyInvitations invitations=page.invitations.clone()/> })}
        {has_profile.then(|| view! { <NeedsForMe needs=page.needs_for_me.clone()/> })}
        <ProfileForm page=page.clone() flash/>
        <MyRecords records=page.verifications.clone()/>
    }
    .into_any()
}

#[component]
fn MyInvitations(invitations: Vec<super::MyInvitation>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section id="invitations" aria-labelledby="invitations-title">
            <h2 id="invitations-title">{lang.t(Key::VolunteerInvitations)}</h2>
            <ul class="plain-list invitation-list">
                {invitations.into_iter().map(|i| {
                    let open = i.state == InvitationState::Invited;
                    let id = i.need_id;
                    view! {
                        <li class="invitation">
                            <a href=format!("/requests/{id}")>{i.title}</a>
                            " – "{i.when}", "{i.quartier_name}
                            <br/>
                            <span class="field__hint">{invitation_state_text(lang, i.state)}
                                {open.then(|| format!(" · {}", lang.fill(Key::InvitationAnswerBy, &[("until", &i.respond_by)])))}
                            </span>
                            {open.then(|| view! {
                                <div class="button-row">
                                    <form method="post" action=format!("/invitations/{id}/accept") class="inline-form">
                                        <button type="submit" class="button">{lang.t(Key::InvitationSayYes)}</button>
                                    </form>
                                    <form method="post" action=format!("/invitations/{id}/decline") class="inline-form">
                                        <button type="submit" class="button button--secondary">{lang.t(Key::InvitationSayNo)}</button>
                                    </form>
                                </div>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn NeedsForMe(needs: Vec<super::NeedForMe>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section id="for-me" aria-labelledby="for-me-title">
            <h2 id="for-me-title">{lang.t(Key::VolunteerNeedsForMe)}</h2>
            {if needs.is_empty() {
                view! { <p>{lang.t(Key::VolunteerNoNeedsForMe)}</p> }.into_any()
            } else {
                view! {
                    <ol class="plain-list match-list">
                        {needs.into_iter().map(|n| view! {
                            <li class="match">
                                <p class="need-card__category">{lang.t(n.category.label())}</p>
                                <a href=format!("/requests/{}", n.need_id)>{n.title}</a>
                                " – "{n.when}", "{n.quartier_name}
                                <ul class="reasons">{n.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn Checks(
    shown: Shown,
    name: &'static str,
    legend: Key,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <fieldset class="choices choices--grid">
            <legend>{lang.t(legend)}</legend>
            {options.into_iter().map(|(value, label)| {
                let checked = shown.checked(name, &value);
                view! { <label><input type="checkbox" name=name value=value checked=checked/>" "{label}</label> }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn ProfileForm(page: VolunteerPage, flash: Flash) -> impl IntoView {
    let lang = use_lang();
    let shown = Shown {
        flash: (flash.form == "profile" && flash.error.is_some()).then(|| flash.clone()),
        profile: page.profile.clone(),
    };
    let invalid = |field: &str| flash.invalid("profile", field).then_some("true");
    let skills: Vec<(String, String)> = Category::ALL
        .into_iter()
        .map(|c| (c.slug().to_owned(), lang.t(c.label()).to_owned()))
        .collect();
    let languages: Vec<(String, String)> = LANGUAGES
        .into_iter()
        .map(|code| (code.to_owned(), language_name(lang, code)))
        .collect();
    let quartiere: Vec<(String, String)> = page
        .quartiere
        .iter()
        .map(|q| (q.slug.clone(), q.name.clone()))
        .collect();
    let mobility: Vec<(String, String)> = Mobility::ALL
        .into_iter()
        .map(|m| (m.slug().to_owned(), lang.t(m.label()).to_owned()))
        .collect();
    let home = shown.text("home_quartier");
    let gender = shown.text("gender");
    view! {
        <section id="profile" aria-labelledby="profile-title">
            <h2 id="profile-title">{lang.t(Key::VolunteerProfile)}</h2>
            <FlashMessage flash=flash.clone() form="profile"/>
            <form class="stacked-form stacked-form--wide" method="post" action="/me/volunteer">
                <Checks shown=shown.clone() name="quartier" legend=Key::ProfileQuartiere options=quartiere/>
                <div class="field">
                    <label for="profile-home">{lang.t(Key::ProfileHomeQuartier)}</label>
                    <select id="profile-home" name="home_quartier" aria-describedby="profile-home-hint" aria-invalid=invalid("home_quartier")>
                        <option value="">{lang.t(Key::ProfileHomeFirst)}</option>
                        {page.quartiere.iter().map(|q| view! {
                            <option value=q.slug.clone() selected=q.slug == home>{q.name.clone()}</option>
                        }).collect_view()}
                    </select>
                    <small id="profile-home-hint" class="field__hint">{lang.t(Key::ProfileHomeHint)}</small>
                </div>
                <fieldset class="choices">
                    <legend>{lang.t(Key::ProfileMapPoint)}</legend>
                    <p class="field__hint">{lang.t(Key::ProfileMapHint)}</p>
                    <div class="field field--inline">
                        <label for="profile-lat">{lang.t(Key::ProfileLatitude)}</label>
                        <input id="profile-lat" name="home_lat" inputmode="decimal" value=shown.text("home_lat") aria-invalid=invalid("home_lat")/>
                        <label for="profile-lon">{lang.t(Key::ProfileLongitude)}</label>
                        <input id="profile-lon" name="home_lon" inputmode="decimal" value=shown.text("home_lon") aria-invalid=invalid("home_lon")/>
                    </div>
                    {page.map_tiles.clone().map(|template| view! {
                        <HomeMap template centre=page.map_centre/>
                    })}
                </fieldset>
                <div class="field">
                    <label for="profile-radius">{lang.t(Key::ProfileRadius)}</label>
                    <input id="profile-radius" name="radius" inputmode="decimal" required value=shown.text("radius")
                        aria-describedby="profile-radius-hint" aria-invalid=invalid("radius")/>
                    <small id="profile-radius-hint" class="field__hint">{lang.t(Key::ProfileRadiusHint)}</small>
                </div>
                <Checks shown=shown.clone() name="skill" legend=Key::ProfileSkills options=skills/>
                <div class="field">
                    <label for="profile-skills-other">{lang.t(Key::ProfileSkillsOther)}</label>
                    <input id="profile-skills-other" name="skills_other" maxlength="200" value=shown.text("skills_other")/>
                </div>
                <Checks shown=shown.clone() name="language" legend=Key::ProfileLanguages options=languages/>
                <fieldset class="choices">
                    <legend>{lang.t(Key::ProfileAvailability)}</legend>
                    <p class="field__hint">{lang.t(Key::ProfileAvailabilityHint)}</p>
                    <div class="table-scroll">
                    <table class="data-table slots">
                        <thead><tr>
                            <th scope="col">{lang.t(Key::ProfileDay)}</th>
                            {(0..SLOTS_PER_DAY).map(|n| view! {
                                <th scope="col">{lang.fill(Key::ProfileSlotN, &[("n", &(n + 1).to_string())])}</th>
                            }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {(0..7usize).map(|day| {
                                let shown = shown.clone();
                                view! {
                                    <tr>
                                        <th scope="row">{weekday_name(lang, day)}</th>
                                        {(0..SLOTS_PER_DAY).map(|n| {
                                            let (from, to) = shown.slot(day, n);
                                            let field = format!("slot_{day}_{n}");
                                            let label = lang.fill(Key::ProfileSlotLabel, &[("day", weekday_name(lang, day)), ("n", &(n + 1).to_string())]);
                                            let bad = flash.invalid("profile", &field).then_some("true");
                                            view! {
                                                <td>
                                                    <input type="time" name=format!("{field}_from") value=from aria-invalid=bad
                                                        aria-label=format!("{label} – {}", lang.t(Key::FieldStart))/>
                                                    " – "
                                                    <input type="time" name=format!("{field}_to") value=to aria-invalid=bad
                                                        aria-label=format!("{label} – {}", lang.t(Key::FieldEnd))/>
                                                </td>
                                            }
                                        }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                </fieldset>
                <div class="field">
                    <label for="profile-hours">{lang.t(Key::ProfileMaxHours)}</label>
                    <input id="profile-hours" name="max_hours" inputmode="decimal" required value=shown.text("max_hours") aria-invalid=invalid("max_hours")/>
                </div>
                <Checks shown=shown.clone() name="mobility" legend=Key::ProfileMobility options=mobility/>
                <div class="field">
                    <label for="profile-gender">{lang.t(Key::ProfileGender)}</label>
                    <select id="profile-gender" name="gender" aria-describedby="profile-gender-hint">
                        <option value="">{lang.t(Key::GenderNotSaid)}</option>
                        {Gender::ALL.into_iter().map(|g| view! {
                            <option value=g.slug() selected=gender == g.slug()>{lang.t(gender_label(g))}</option>
                        }).collect_view()}
                    </select>
                    <small id="profile-gender-hint" class="field__hint">{lang.t(Key::ProfileGenderHint)}</small>
                </div>
                <div class="field">
                    <label for="profile-pause">{lang.t(Key::ProfilePausedUntil)}</label>
                    <input id="profile-pause" name="paused_until" type="date" value=shown.text("paused_until")
                        aria-describedby="profile-pause-hint" aria-invalid=invalid("paused_until")/>
                    <small id="profile-pause-hint" class="field__hint">{lang.t(Key::ProfilePauseHint)}</small>
                </div>
                <button type="submit" class="button">{lang.t(Key::ProfileSave)}</button>
            </form>
        </section>
    }
    .into_any()
}

/// OpenStreetMap tiles around the home point; a click (with JavaScript) moves the
/// marker and fills the latitude and longitude fields. An island: the one part of the
/// profile page that runs in the browser.
#[island]
fn HomeMap(template: String, centre: crate::matching::geo::GeoPoint) -> impl IntoView {
    use super::map::{clicked, view as map_view, TILES, TILE_PX};
    let lang = use_lang();
    let map = map_view(centre, &template);
    let origin = map.origin;
    let marker = RwSignal::new(map.marker);
    let size = TILE_PX * TILES as f64;
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let svg = event_target::<leptos::web_sys::Element>(&ev);
        let width = f64::from(svg.client_width().max(1));
        let scale = size / width;
        let (px, py) = (
            f64::from(ev.offset_x()) * scale,
            f64::from(ev.offset_y()) * scale,
        );
        let point = clicked(origin, px, py);
        marker.set((px, py));
        set_field("profile-lat", point.lat);
        set_field("profile-lon", point.lon);
    };
    view! {
        <figure class="map">
            <svg viewBox=format!("0 0 {size} {size}") role="img" aria-label=lang.t(Key::ProfileMapLabel) on:click=on_click>
                {map.tiles.into_iter().map(|t| view! {
                    <image href=t.url x=t.x.to_string() y=t.y.to_string() width=TILE_PX.to_string() height=TILE_PX.to_string()/>
                }).collect_view()}
                <circle class="map__marker" r="12" cx=move || marker.get().0.to_string() cy=move || marker.get().1.to_string()/>
            </svg>
            <figcaption class="field__hint">{lang.t(Key::ProfileMapCredit)}</figcaption>
        </figure>
    }
}

/// Writes a coordinate into the form field with the id `id`.
fn set_field(id: &str, value: f64) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(input) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
    {
        input.set_value(&format!("{value:.3}"));
    }
}

fn record_kind_text(lang: Lang, kind: VerificationKind) -> &'static str {
    lang.t(match kind {
        VerificationKind::Inspection => Key::VerificationInspection,
        VerificationKind::Course => Key::VerificationCourse,
    })
}

fn record_line(lang: Lang, r: &VerificationView) -> String {
    let result = lang.t(if !r.result_ok {
        Key::VerificationNotOk
    } else if r.valid_now {
        Key::VerificationValid
    } else {
        Key::VerificationExpired
    });
    let until = r
        .valid_until
        .as_ref()
        .map(|u| {
            format!(
                " · {}",
                lang.fill(Key::VerificationValidUntil, &[("date", u)])
            )
        })
        .unwrap_or_default();
    format!(
        "{} – {} {} · {}{until}",
        record_kind_text(lang, r.kind),
        lang.t(Key::VerificationCheckedOn),
        r.checked_on,
        result
    )
}

#[component]
fn MyRecords(records: Vec<VerificationView>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section id="records" aria-labelledby="records-title">
            <h2 id="records-title">{lang.t(Key::VolunteerRecords)}</h2>
            <p class="field__hint">{lang.t(Key::VolunteerRecordsIntro)}</p>
            {if records.is_empty() {
                view! { <p>{lang.t(Key::VolunteerNoRecords)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {records.iter().map(|r| view! { <li>{record_line(lang, r)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// `/requests/{id}/suggestions`: ranked volunteers with reasons; invite one or several.
#[component]
pub fn SuggestionsPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let params = use_params_map();
    let need = move || params.read().get("id");
    let page = Resource::new(need, need_suggestions);
    view! {
        <Title text=lang.t(Key::SuggestionsTitle)/>
        <FlashMessage flash=flash.clone() form="invite"/>
        <Loaded resource=page let:page>
            <SuggestionsContent page/>
        </Loaded>
    }
}

#[component]
fn SuggestionsContent(page: Suggestions) -> impl IntoView {
    let lang = use_lang();
    let id = page.need_id;
    let may_invite = page.open && page.places_left > 0;
    view! {
        <h1>{lang.t(Key::SuggestionsTitle)}</h1>
        <p class="lead"><a href=format!("/requests/{id}")>{page.title.clone()}</a>" – "{page.when.clone()}", "{page.quartier_name.clone()}</p>
        <p>{if page.places_left == 1 {
            lang.t(Key::SuggestionsOnePlaceLeft).to_owned()
        } else {
            lang.fill(Key::SuggestionsPlacesLeft, &[("places", &page.places_left.to_string())])
        }}</p>
        {if page.suggestions.is_empty() {
            view! { <p class="notice">{lang.t(Key::SuggestionsNone)}</p> }.into_any()
        } else {
            view! {
                <form method="post" action=format!("/requests/{id}/invite") class="stacked-form stacked-form--wide">
                    <fieldset class="choices">
                        <legend>{lang.t(Key::SuggestionsPick)}</legend>
                        <ol class="plain-list suggestion-list">
                            {page.suggestions.iter().enumerate().map(|(i, s)| {
                                let input = format!("suggestion-{}", s.volunteer_id);
                                let label_for = input.clone();
                                view! {
                                    <li class="suggestion">
                                        <label for=label_for>
                                            <input id=input type="checkbox" name="volunteer" value=s.volunteer_id.to_string() disabled=!may_invite/>
                                            " "<strong>{format!("{}. {}", i + 1, s.name)}</strong>
                                            " · "{lang.fill(Key::SuggestionScore, &[("score", &format!("{:.0}", s.score))])}
                                        </label>
                                        <ul class="reasons">{s.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    </fieldset>
                    {may_invite.then(|| view! { <button type="submit" class="button">{lang.t(Key::SuggestionsInvite)}</button> })}
                </form>
            }.into_any()
        }}
        {(!page.left_out.is_empty()).then(|| view! {
            <section aria-labelledby="left-out">
                <h2 id="left-out">{lang.t(Key::SuggestionsLeftOut)}</h2>
                <ul class="plain-list">
                    {page.left_out.iter().map(|(why, n)| view! { <li>{format!("{why}: {n}")}</li> }).collect_view()}
                </ul>
            </section>
        })}
        {(!page.invitations.is_empty()).then(|| view! {
            <section aria-labelledby="sent">
                <h2 id="sent">{lang.t(Key::SuggestionsSent)}</h2>
                <ul class="plain-list invitation-list">
                    {page.invitations.iter().map(|i| view! {
                        <li class="sent-invitation">{format!("{} – {} ({})", i.volunteer_name, sent_state_text(lang, i.state), lang.fill(Key::InvitationAnswerBy, &[("until", &i.respond_by)]))}</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
    .into_any()
}

/// `/coordinator/proposal`: one proposal for all open needs of a Quartier.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let query = use_query_map();
    let quartier = move || query.read().get("quartier");
    let page = Resource::new(quartier, load_bulk_proposal);
    view! {
        <Title text=lang.t(Key::ProposalTitle)/>
        <h1>{lang.t(Key::ProposalTitle)}</h1>
        <p class="lead">{lang.t(Key::ProposalIntro)}</p>
        <FlashMessage flash=flash.clone() form="proposal"/>
        <Loaded resource=page let:page>
            <ProposalContent page/>
        </Loaded>
    }
}

#[component]
fn ProposalContent(page: BulkProposal) -> impl IntoView {
    let lang = use_lang();
    let chosen = page.quartier.clone().unwrap_or_default();
    view! {
        <form method="get" action="/coordinator/proposal" class="filter-form">
            <div class="field">
                <label for="proposal-quartier">{lang.t(Key::FieldQuartier)}</label>
                <select id="proposal-quartier" name="quartier">
                    {page.quartiere.iter().map(|q| view! {
                        <option value=q.slug.clone() selected=q.slug == chosen>{q.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button--secondary">{lang.t(Key::ProposalMake)}</button>
        </form>
        {page.quartier.clone().map(|slug| view! {
            <p>{lang.fill(Key::ProposalSummary, &[
                ("needs", &page.open_needs.to_string()),
                ("places", &page.places.to_string()),
                ("lines", &page.lines.len().to_string()),
            ])}</p>
            {(!page.lines.is_empty()).then(|| view! {
                <form method="post" action="/coordinator/proposal" class="proposal-form">
                    <input type="hidden" name="quartier" value=slug.clone()/>
                    <div class="table-scroll">
                    <table class="data-table proposal">
                        <thead><tr>
                            <th scope="col">{lang.t(Key::ProposalTake)}</th>
                            <th scope="col">{lang.t(Key::FieldNeed)}</th>
                            <th scope="col">{lang.t(Key::FieldVolunteer)}</th>
                            <th scope="col">{lang.t(Key::ProposalWhy)}</th>
                        </tr></thead>
                        <tbody>
                            {page.lines.iter().map(|l| {
                                let id = format!("pick-{}-{}", l.need_id, l.volunteer_id);
                                view! {
                                    <tr>
                                        <td><input id=id.clone() type="checkbox" name="pick" value=format!("{}:{}", l.need_id, l.volunteer_id) checked=true
                                            aria-label=format!("{} – {}", l.title, l.volunteer_name)/></td>
                                        <td><a href=format!("/requests/{}", l.need_id)>{l.title.clone()}</a><br/><small>{l.when.clone()}</small></td>
                                        <td>{l.volunteer_name.clone()}</td>
                                        <td>{l.reasons.join(" · ")}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    <button type="submit" class="button">{lang.t(Key::ProposalAccept)}</button>
                </form>
            })}
        })}
    }
    .into_any()
}

/// `/coordinator/volunteers`: record a verification; the records kept.
#[component]
pub fn VerificationsPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let page = Resource::new(|| (), |_| load_verifications());
    view! {
        <Title text=lang.t(Key::VerificationsTitle)/>
        <h1>{lang.t(Key::VerificationsTitle)}</h1>
        <p class="lead">{lang.t(Key::VerificationsIntro)}</p>
        <Loaded resource=page let:page>
            <RecordsContent page flash=flash.clone()/>
        </Loaded>
    }
}

#[component]
fn RecordsContent(page: Records, flash: Flash) -> impl IntoView {
    let lang = use_lang();
    let kept = |name: &str| {
        if flash.form == "verification" {
            flash.value(name)
        } else {
            String::new()
        }
    };
    let kind = kept("kind");
    let result = kept("result");
    let organisation = kept("organisation");
    let invalid = |field: &str| flash.invalid("verification", field).then_some("true");
    view! {
        {(!page.organisations.is_empty()).then(|| view! {
            <section aria-labelledby="record">
                <h2 id="record">{lang.t(Key::VerificationRecord)}</h2>
                <FlashMessage flash=flash.clone() form="verification"/>
                <form method="post" action="/org/verifications" class="stacked-form">
                    <div class="field">
                        <label for="record-organisation">{lang.t(Key::FieldOrganisation)}</label>
                        <select id="record-organisation" name="organisation">
                            {page.organisations.iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=organisation == id.to_string()>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="record-email">{lang.t(Key::VerificationEmail)}</label>
                        <input id="record-email" name="email" type="email" required value=kept("email") aria-invalid=invalid("email")/>
                    </div>
                    <div class="field">
                        <label for="record-kind">{lang.t(Key::VerificationKindLabel)}</label>
                        <select id="record-kind" name="kind">
                            {[VerificationKind::Inspection, VerificationKind::Course].into_iter().map(|k| view! {
                                <option value=k.as_str() selected=kind == k.as_str()>{record_kind_text(lang, k)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="record-date">{lang.t(Key::VerificationCheckedOn)}</label>
                        <input id="record-date" name="checked_on" type="date" required value=kept("checked_on")
                            aria-describedby="record-date-hint" aria-invalid=invalid("checked_on")/>
                        <small id="record-date-hint" class="field__hint">{lang.t(Key::VerificationDateHint)}</small>
                    </div>
                    <fieldset class="choices">
                        <legend>{lang.t(Key::VerificationResult)}</legend>
                        <label><input type="radio" name="result" value="ok" checked=result != "not_ok"/>" "{lang.t(Key::VerificationOk)}</label>
                        <label><input type="radio" name="result" value="not_ok" checked=result == "not_ok"/>" "{lang.t(Key::VerificationNotOk)}</label>
                    </fieldset>
                    <p class="field__hint">{lang.t(Key::VerificationNoDocument)}</p>
                    <button type="submit" class="button">{lang.t(Key::VerificationRecord)}</button>
                </form>
            </section>
        })}
        <section aria-labelledby="records">
            <h2 id="records">{lang.t(Key::VerificationsKept)}</h2>
            {if page.records.is_empty() {
                view! { <p>{lang.t(Key::VolunteerNoRecords)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                    <table class="data-table records">
                        <thead><tr>
                            <th scope="col">{lang.t(Key::FieldVolunteer)}</th>
                            <th scope="col">{lang.t(Key::VerificationKindLabel)}</th>
                            <th scope="col">{lang.t(Key::VerificationRecordedBy)}</th>
                        </tr></thead>
                        <tbody>
                            {page.records.iter().map(|r| view! {
                                <tr>
                                    <td>{r.volunteer_name.clone()}<br/><small>{r.volunteer_email.clone()}</small></td>
                                    <td>{record_line(lang, r)}</td>
                                    <td>{r.recorded_by.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

//! `/places` (list, filter and map), `/places/{id}` (a place with its events) and
//! `/coordinator/places` (the organisation's places, events and services).

use super::{
    load_place, load_places, load_places_editor, EventView, Feature, Hours, MapMarker,
    MeetingPlace, PlaceKind, PlacePage, PlacesEditor, PlacesPage,
};
use crate::auth::flash::{use_flash, Flash, FlashMessage};
use crate::i18n::{use_lang, Key, Lang};
use crate::matching::geo::GeoPoint;
use crate::matching::language_name;
use crate::requests::LANGUAGES;
use crate::ui::{weekday_name, Loaded};
use crate::volunteers::SLOTS_PER_DAY;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn clock(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// "Montag: 09:00–12:00, 14:00–18:00" per day with hours.
pub fn hours_lines(lang: Lang, hours: &[Hours]) -> Vec<String> {
    (0..7u8)
        .filter_map(|day| {
            let ranges: Vec<String> = hours
                .iter()
                .filter(|h| h.weekday == day)
                .map(|h| format!("{}–{}", clock(h.start_minute), clock(h.end_minute)))
                .collect();
            (!ranges.is_empty()).then(|| {
                format!(
                    "{}: {}",
                    weekday_name(lang, usize::from(day)),
                    ranges.join(", ")
                )
            })
        })
        .collect()
}

#[component]
fn PlaceFacts(place: MeetingPlace) -> impl IntoView {
    let lang = use_lang();
    let hours = hours_lines(lang, &place.hours);
    let languages: Vec<String> = place
        .languages
        .iter()
        .map(|l| language_name(lang, l))
        .collect();
    view! {
        <dl class="place-facts">
            <div>
                <dt>{lang.t(Key::PlaceAddress)}</dt>
                <dd>{place.street_address.clone()}</dd>
            </div>
            <div>
                <dt>{lang.t(Key::OpeningHours)}</dt>
                <dd>
                    {if hours.is_empty() {
                        view! { <span>{lang.t(Key::PlaceNoHours)}</span> }.into_any()
                    } else {
                        view! { <ul class="plain-list">{hours.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul> }.into_any()
                    }}
                    {(!place.hours_note.is_empty()).then(|| view! { <p class="muted">{place.hours_note.clone()}</p> })}
                </dd>
            </div>
            <div>
                <dt>{lang.t(Key::PlaceAccessibility)}</dt>
                <dd>
                    {if place.features.is_empty() {
                        view! { <span>{lang.t(Key::PlaceNoFeatures)}</span> }.into_any()
                    } else {
                        view! {
                            <ul class="badges">
                                {place.features.iter().map(|f| view! { <li class="badge">{lang.t(f.label())}</li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </dd>
            </div>
            <div>
                <dt>{lang.t(Key::PlaceLanguages)}</dt>
                <dd>{languages.join(", ")}</dd>
            </div>
            {place.organisation_name.clone().map(|o| view! {
                <div>
                    <dt>{lang.t(Key::PlaceInCharge)}</dt>
                    <dd>{o}</dd>
                </div>
            })}
        </dl>
    }
}

/// Numbered markers on OpenStreetMap tiles; each is a link to its place, and the list
/// beside it carries the same numbers, so the map is never needed.
#[component]
fn PlacesMap(template: String, centre: GeoPoint, markers: Vec<MapMarker>) -> impl IntoView {
    use crate::volunteers::map::{position, view as map_view, TILES, TILE_PX};
    let lang = use_lang();
    let map = map_view(centre, &template);
    let size = TILE_PX * TILES as f64;
    let shown: Vec<(MapMarker, (f64, f64))> = markers
        .into_iter()
        .filter_map(|m| {
            let at = position(
                map.origin,
                GeoPoint {
                    lat: m.lat,
                    lon: m.lon,
                },
            )?;
            Some((m, at))
        })
        .collect();
    view! {
        <figure class="map map--places">
            <svg viewBox=format!("0 0 {size} {size}") role="group" aria-label=lang.t(Key::PlacesMapLabel)>
                {map.tiles.into_iter().map(|t| view! {
                    <image href=t.url x=t.x.to_string() y=t.y.to_string() width=TILE_PX.to_string() height=TILE_PX.to_string()/>
                }).collect_view()}
                {shown.into_iter().map(|(m, (x, y))| view! {
                    <a href=format!("/places/{}", m.place_id) aria-label=format!("{}. {}", m.number, m.name)>
                        <circle class="map__marker" r="24" cx=x.to_string() cy=y.to_string()/>
                        <text class="map__number" x=x.to_string() y=(y + 9.0).to_string() text-anchor="middle">{m.number.to_string()}</text>
                    </a>
                }).collect_view()}
            </svg>
            <figcaption class="field__hint">{lang.t(Key::PlacesMapCredit)}</figcaption>
        </figure>
    }
}

/// `/places`.
#[component]
pub fn PlacesListPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.read();
        let features = q.get_all("feature").unwrap_or_default().join(",");
        (q.get("quartier"), q.get("place_kind"), features)
    });
    let page = Resource::new(
        move || args.get(),
        |(quartier, kind, features)| load_places(quartier, kind, Some(features)),
    );
    view! {
        <Title text=lang.t(Key::PlacesTitle)/>
        <h1>{lang.t(Key::PlacesTitle)}</h1>
        <p class="lead">{lang.t(Key::PlacesIntro)}</p>
        // A reader who left mid-page disposed the query: nothing is shown to anyone then.
        <Loaded resource=page let:page>
            <PlacesContent page args=args.try_get_untracked().unwrap_or_default()/>
        </Loaded>
    }
}

#[component]
fn PlacesContent(
    page: PlacesPage,
    args: (Option<String>, Option<String>, String),
) -> impl IntoView {
    let lang = use_lang();
    let (quartier, kind, features) = args;
    let chosen: Vec<&str> = features.split(',').collect();
    let count = lang.fill(
        Key::PlacesFound,
        &[("count", &page.places.len().to_string())],
    );
    let numbered: Vec<(usize, MeetingPlace)> = page
        .places
        .into_iter()
        .enumerate()
        .map(|(i, p)| (i + 1, p))
        .collect();
    view! {
        <form method="get" action="/places" class="filter" role="search">
            <fieldset>
                <legend>{lang.t(Key::PlacesFilter)}</legend>
                <div class="field">
                    <label for="places-quartier">{lang.t(Key::FilterQuartier)}</label>
                    <select id="places-quartier" name="quartier">
                        <option value="">{lang.t(Key::FilterAllQuartiere)}</option>
                        {page.quartiere.into_iter().map(|o| {
                            let selected = quartier.as_deref() == Some(o.slug.as_str());
                            view! { <option value=o.slug selected=selected>{o.name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="places-kind">{lang.t(Key::PlaceKindLabel)}</label>
                    <select id="places-kind" name="place_kind">
                        <option value="">{lang.t(Key::PlacesAllKinds)}</option>
                        {PlaceKind::ALL.into_iter().map(|k| view! {
                            <option value=k.slug() selected=kind.as_deref() == Some(k.slug())>{lang.t(k.label())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="checks">
                    <legend>{lang.t(Key::PlaceAccessibility)}</legend>
                    {Feature::ALL.into_iter().map(|f| {
                        let id = format!("places-feature-{}", f.slug()); let id_for = id.clone();
                        view! {
                            <label for=id_for class="check">
                                <input id=id type="checkbox" name="feature" value=f.slug() checked=chosen.contains(&f.slug())/>
                                {lang.t(f.label())}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="filter__actions">
                    <button type="submit" class="button">{lang.t(Key::FilterApply)}</button>
                    <a href="/places" class="filter__reset">{lang.t(Key::FilterReset)}</a>
                </div>
            </fieldset>
        </form>
        <p role="status" class="results-count">{count}</p>
        {page.map.map(|(lat, lon, template)| view! {
            <PlacesMap template centre=GeoPoint { lat, lon } markers=page.markers.clone()/>
        })}
        <ol class="card-grid place-list">
            {numbered.into_iter().map(|(n, p)| {
                let id = p.id;
                view! {
                    <li class="place-card" value=n.to_string()>
                        <p class="place-card__kind">
                            {lang.t(p.kind.label())}" · "
                            {lang.fill(Key::InQuartier, &[("quartier", &p.quartier_name)])}
                        </p>
                        <h2 class="place-card__name"><span class="place-card__number">{n.to_string()}". "</span><a href=format!("/places/{id}")>{p.name.clone()}</a></h2>
                        <PlaceFacts place=p/>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// `/places/{id}`.
#[component]
pub fn PlaceDetailPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("id"), load_place);
    view! {
        <Loaded resource=page let:page>
            <PlaceContent page/>
        </Loaded>
        <p><a href="/places">{lang.t(Key::PlacesBack)}</a></p>
    }
}

#[component]
fn PlaceContent(page: PlacePage) -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let place = page.place.clone();
    let id = place.id;
    let map = page
        .map_tiles
        .clone()
        .zip(place.lat.zip(place.lon))
        .map(|(template, (lat, lon))| {
            let marker = MapMarker {
                number: 1,
                place_id: id,
                name: place.name.clone(),
                lat,
                lon,
            };
            view! { <PlacesMap template centre=GeoPoint { lat, lon } markers=vec![marker]/> }
        });
    let phone = (!place.phone.is_empty()).then(|| {
        let href = format!("tel:{}", place.phone.replace([' ', '/', '-'], ""));
        view! { <p>{lang.t(Key::FieldPhone)}": "<a href=href>{place.phone.clone()}</a></p> }
    });
    let email = (!place.email.is_empty())
        .then(|| view! { <p>{lang.t(Key::LoginEmail)}": "<a href=format!("mailto:{}", place.email)>{place.email.clone()}</a></p> });
    view! {
        <Title text=place.name.clone()/>
        <p class="place-card__kind">{lang.t(place.kind.label())}" · "{lang.fill(Key::InQuartier, &[("quartier", &place.quartier_name)])}</p>
        <h1>{place.name.clone()}</h1>
        {(!place.description.is_empty()).then(|| view! { <p class="lead">{place.description.clone()}</p> })}
        <PlaceFacts place=place.clone()/>
        {phone}
        {email}
        {map}
        <p class="actions">
            <a class="button button--secondary" href=format!("/report?kind=place&id={id}")>{lang.t(Key::ReportThis)}</a>
            {page.may_edit.then(|| view! { <a class="button button--secondary" href=format!("/coordinator/places?place={id}#place-form")>{lang.t(Key::PlaceEdit)}</a> })}
        </p>
        <section aria-labelledby="events">
            <h2 id="events">{lang.t(Key::EventsTitle)}</h2>
            <FlashMessage flash=flash.clone() form="event"/>
            {if page.events.is_empty() {
                view! { <p>{lang.t(Key::EventsNone)}</p> }.into_any()
            } else {
                view! {
                    <p><a href=format!("/places/{id}/calendar")>{lang.t(Key::EventsSubscribe)}</a></p>
                    <ul class="event-list">
                        {page.events.into_iter().map(|e| view! { <EventItem event=e signed_in=page.signed_in/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn EventItem(event: EventView, signed_in: bool) -> impl IntoView {
    let lang = use_lang();
    let id = event.id;
    let coming = lang.fill(
        Key::EventComingCount,
        &[("count", &event.coming.to_string())],
    );
    let button = if event.i_come {
        Key::EventNotComing
    } else {
        Key::EventIllCome
    };
    view! {
        <li class="event" id=format!("event-{id}")>
            <h3>{event.title}</h3>
            <p class="event__when">
                {event.when}
                {event.weekly.then(|| view! { " · "{lang.t(Key::EventWeekly)} })}
            </p>
            {(!event.description.is_empty()).then(|| view! { <p>{event.description.clone()}</p> })}
            <p class="event__coming">{coming}</p>
            <div class="actions">
                {if signed_in {
                    view! {
                        <form method="post" action=format!("/events/{id}/attend")>
                            <button type="submit" class="button" aria-pressed=if event.i_come { "true" } else { "false" }>{lang.t(button)}</button>
                        </form>
                    }.into_any()
                } else {
                    view! { <a href="/login">{lang.t(Key::EventSignInToCome)}</a> }.into_any()
                }}
                <a href=format!("/events/{id}/calendar")>{lang.t(Key::EventDownload)}</a>
            </div>
        </li>
    }
}

/// `/coordinator/places`.
#[component]
pub fn PlacesEditorPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let page = Resource::new(move || query.read().get("place"), load_places_editor);
    view! {
        <Title text=lang.t(Key::PlacesEditorTitle)/>
        <h1>{lang.t(Key::PlacesEditorTitle)}</h1>
        <p class="lead">{lang.t(Key::PlacesEditorIntro)}</p>
        <Loaded resource=page let:page>
            <EditorContent page/>
        </Loaded>
    }
}

/// The values the place form shows: sent back after an error, else the place being
/// edited, else empty.
struct Shown {
    flash: Option<Flash>,
    place: Option<MeetingPlace>,
}

impl Shown {
    fn text(&self, name: &str) -> String {
        if let Some(f) = &self.flash {
            return f.value(name);
        }
        let Some(p) = &self.place else {
            return String::new();
        };
        match name {
            "place" => p.id.to_string(),
            "organisation" => p.organisation_id.map(|o| o.to_string()).unwrap_or_default(),
            "quartier" => p.quartier_slug.clone(),
            "place_name" => p.name.clone(),
            "place_kind" => p.kind.slug().to_owned(),
            "street_address" => p.street_address.clone(),
            "lat" => p.lat.map(|v| format!("{v:.5}")).unwrap_or_default(),
            "lon" => p.lon.map(|v| format!("{v:.5}")).unwrap_or_default(),
            "description" => p.description.clone(),
            "hours_note" => p.hours_note.clone(),
            "phone" => p.phone.clone(),
            "email" => p.email.clone(),
            _ => String::new(),
        }
    }

    fn checked(&self, name: &str, value: &str) -> bool {
        if let Some(f) = &self.flash {
            return !f.value(&format!("{name}:{value}")).is_empty();
        }
        let Some(p) = &self.place else {
            return name == "language" && value == "de";
        };
        match name {
            "feature" => p.features.iter().any(|f| f.slug() == value),
            "language" => p.languages.iter().any(|l| l == value),
            _ => false,
        }
    }

    fn slot(&self, day: usize, n: usize) -> (String, String) {
        if let Some(f) = &self.flash {
            return (
                f.value(&format!("slot_{day}_{n}_from")),
                f.value(&format!("slot_{day}_{n}_to")),
            );
        }
        self.place
            .as_ref()
            .and_then(|p| {
                p.hours
                    .iter()
                    .filter(|h| usize::from(h.weekday) == day)
                    .nth(n)
            })
            .map(|h| (clock(h.start_minute), clock(h.end_minute)))
            .unwrap_or_default()
    }
}

#[component]
fn EditorContent(page: PlacesEditor) -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    if page.organisations.is_empty() {
        return view! { <p>{lang.t(Key::PlacesEditorNone)}</p> }.into_any();
    }
    let shown = Shown {
        flash: (flash.form == "place").then(|| flash.clone()),
        place: page.editing.clone(),
    };
    let invalid = |field: &str| flash.invalid("place", field).then_some("true");
    let heading = if shown.text("place").is_empty() {
        Key::PlaceNew
    } else {
        Key::PlaceEdit
    };
    let organisation = shown.text("organisation");
    let quartier = shown.text("quartier");
    let kind = shown.text("place_kind");
    let event_value = |name: &str| {
        if flash.form == "event" {
            flash.value(name)
        } else {
            String::new()
        }
    };
    let event_invalid = |field: &str| flash.invalid("event", field).then_some("true");
    view! {
        <section aria-labelledby="our-places">
            <h2 id="our-places">{lang.t(Key::PlacesOurs)}</h2>
            {if page.places.is_empty() {
                view! { <p>{lang.t(Key::HomeNoPlaces)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {page.places.iter().map(|p| view! {
                            <li>
                                <a href=format!("/places/{}", p.id)>{p.name.clone()}</a>
                                " · "{p.quartier_name.clone()}" · "
                                <a href=format!("/coordinator/places?place={}#place-form", p.id)>{lang.t(Key::PlaceEdit)}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="place-form">
            <h2 id="place-form">{lang.t(heading)}</h2>
            <FlashMessage flash=flash.clone() form="place"/>
            <form method="post" action="/org/places" class="stacked-form">
                <input type="hidden" name="place" value=shown.text("place")/>
                <div class="field">
                    <label for="place-organisation">{lang.t(Key::FieldOrganisation)}</label>
                    <select id="place-organisation" name="organisation">
                        {page.organisations.iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=organisation == id.to_string()>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="place-name">{lang.t(Key::PlaceNameLabel)}</label>
                    <input id="place-name" name="place_name" required maxlength="120" value=shown.text("place_name") aria-invalid=invalid("place_name")/>
                </div>
                <div class="field">
                    <label for="place-kind">{lang.t(Key::PlaceKindLabel)}</label>
                    <select id="place-kind" name="place_kind" aria-invalid=invalid("place_kind")>
                        {PlaceKind::ALL.into_iter().map(|k| view! {
                            <option value=k.slug() selected=kind == k.slug()>{lang.t(k.label())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="place-quartier">{lang.t(Key::FieldQuartier)}</label>
                    <select id="place-quartier" name="quartier" aria-invalid=invalid("quartier")>
                        {page.quartiere.iter().map(|q| view! {
                            <option value=q.slug.clone() selected=quartier == q.slug>{q.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="place-address">{lang.t(Key::PlaceAddress)}</label>
                    <input id="place-address" name="street_address" required maxlength="200" value=shown.text("street_address") aria-invalid=invalid("street_address")/>
                </div>
                <fieldset class="field">
                    <legend>{lang.t(Key::PlacePoint)}</legend>
                    <p class="field__hint">{lang.t(Key::PlacePointHint)}</p>
                    <label for="place-lat">{lang.t(Key::PlaceLat)}</label>
                    <input id="place-lat" name="lat" inputmode="decimal" value=shown.text("lat") aria-invalid=invalid("lat")/>
                    <label for="place-lon">{lang.t(Key::PlaceLon)}</label>
                    <input id="place-lon" name="lon" inputmode="decimal" value=shown.text("lon") aria-invalid=invalid("lon")/>
                </fieldset>
                <fieldset class="field">
                    <legend>{lang.t(Key::OpeningHours)}</legend>
                    <div class="table-scroll">
                        <table class="slots">
                            <thead><tr><th scope="col">{lang.t(Key::ProfileDay)}</th>{(0..SLOTS_PER_DAY).map(|n| view! {
                                <th scope="col">{lang.fill(Key::ProfileSlotN, &[("n", &(n + 1).to_string())])}</th>
                            }).collect_view()}</tr></thead>
                            <tbody>
                                {(0..7usize).map(|day| view! {
                                    <tr>
                                        <th scope="row">{weekday_name(lang, day)}</th>
                                        {(0..SLOTS_PER_DAY).map(|n| {
                                            let field = format!("slot_{day}_{n}");
                                            let (from, to) = shown.slot(day, n);
                                            let bad = flash.invalid("place", &field).then_some("true");
                                            let label = lang.fill(Key::ProfileSlotLabel, &[("day", weekday_name(lang, day)), ("n", &(n + 1).to_string())]);
                                            let label_from = format!("{label} – {}", lang.t(Key::FieldStart));
                                            let label_to = format!("{label} – {}", lang.t(Key::FieldEnd));
                                            view! {
                                                <td>
                                                    <input type="time" name=format!("{field}_from") value=from aria-label=label_from aria-invalid=bad/>
                                                    " – "
                                                    <input type="time" name=format!("{field}_to") value=to aria-label=label_to aria-invalid=bad/>
                                                </td>
                                            }
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <label for="place-hours-note">{lang.t(Key::PlaceHoursNote)}</label>
                    <input id="place-hours-note" name="hours_note" maxlength="200" value=shown.text("hours_note")/>
                </fieldset>
                <fieldset class="field checks">
                    <legend>{lang.t(Key::PlaceAccessibility)}</legend>
                    {Feature::ALL.into_iter().map(|f| {
                        let id = format!("place-feature-{}", f.slug()); let id_for = id.clone();
                        view! {
                            <label for=id_for class="check">
                                <input id=id type="checkbox" name="feature" value=f.slug() checked=shown.checked("feature", f.slug())/>
                                {lang.t(f.label())}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset class="field checks">
                    <legend>{lang.t(Key::PlaceLanguages)}</legend>
                    {LANGUAGES.into_iter().map(|code| {
                        let id = format!("place-language-{code}"); let id_for = id.clone();
                        view! {
                            <label for=id_for class="check">
                                <input id=id type="checkbox" name="language" value=code checked=shown.checked("language", code)/>
                                {language_name(lang, code)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="place-phone">{lang.t(Key::FieldPhone)}</label>
                    <input id="place-phone" name="phone" type="tel" maxlength="40" value=shown.text("phone") aria-invalid=invalid("phone")/>
                </div>
                <div class="field">
                    <label for="place-email">{lang.t(Key::LoginEmail)}</label>
                    <input id="place-email" name="email" type="email" maxlength="254" value=shown.text("email") aria-invalid=invalid("email")/>
                </div>
                <div class="field">
                    <label for="place-description">{lang.t(Key::FieldAbout)}</label>
                    <textarea id="place-description" name="description" rows="3" maxlength="2000">{shown.text("description")}</textarea>
                </div>
                <button type="submit" class="button">{lang.t(Key::PlaceSave)}</button>
            </form>
        </section>
        {(!page.places.is_empty()).then(|| view! {
            <section aria-labelledby="event-form">
                <h2 id="event-form">{lang.t(Key::EventNew)}</h2>
                <FlashMessage flash=flash.clone() form="event"/>
                <form method="post" action="/org/events" class="stacked-form">
                    <div class="field">
                        <label for="event-place">{lang.t(Key::EventPlace)}</label>
                        <select id="event-place" name="place" aria-invalid=event_invalid("place")>
                            {page.places.iter().map(|p| {
                                let selected = event_value("place") == p.id.to_string();
                                view! { <option value=p.id.to_string() selected=selected>{p.name.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="event-organisation">{lang.t(Key::FieldOrganisation)}</label>
                        <select id="event-organisation" name="organisation">
                            {page.organisations.iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=event_value("organisation") == id.to_string()>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="event-title">{lang.t(Key::FieldTitle)}</label>
                        <input id="event-title" name="title" required maxlength="120" value=event_value("title") aria-invalid=event_invalid("title")/>
                    </div>
                    <div class="field">
                        <label for="event-date">{lang.t(Key::FieldDate)}</label>
                        <input id="event-date" name="date" type="date" required value=event_value("date") aria-invalid=event_invalid("date")/>
                    </div>
                    <div class="field">
                        <label for="event-start">{lang.t(Key::FieldStart)}</label>
                        <input id="event-start" name="start" type="time" required value=event_value("start") aria-invalid=event_invalid("start")/>
                    </div>
                    <div class="field">
                        <label for="event-end">{lang.t(Key::FieldEnd)}</label>
                        <input id="event-end" name="end" type="time" required value=event_value("end") aria-invalid=event_invalid("end")/>
                    </div>
                    <label for="event-weekly" class="check">
                        <input id="event-weekly" type="checkbox" name="weekly" checked=!event_value("weekly").is_empty()/>
                        {lang.t(Key::EventWeekly)}
                    </label>
                    <div class="field">
                        <label for="event-description">{lang.t(Key::FieldAbout)}</label>
                        <textarea id="event-description" name="description" rows="3" maxlength="2000">{event_value("description")}</textarea>
                    </div>
                    <button type="submit" class="button">{lang.t(Key::EventAdd)}</button>
                </form>
            </section>
        })}
        <crate::support::services::ServicesEditor organisations=page.organisations.clone() quartiere=page.quartiere.clone()/>
    }
    .into_any()
}

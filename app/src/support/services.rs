//! The services directory: which organisation offers what counselling in a Quartier
//! (debt, migration, family, care, housing, mediation), with contact and hours.
//! Searchable by anyone; each organisation's coordinators keep their own entries.

use crate::auth::flash::{use_flash, FlashMessage};
use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use crate::orgs::QuartierOption;
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Topic {
    Debt,
    Migration,
    Family,
    Care,
    Housing,
    Mediation,
    Other,
}

impl Topic {
    pub const ALL: [Topic; 7] = [
        Topic::Debt,
        Topic::Migration,
        Topic::Family,
        Topic::Care,
        Topic::Housing,
        Topic::Mediation,
        Topic::Other,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Topic::Debt => "debt",
            Topic::Migration => "migration",
            Topic::Family => "family",
            Topic::Care => "care",
            Topic::Housing => "housing",
            Topic::Mediation => "mediation",
            Topic::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.slug() == slug)
    }

    pub fn label(self) -> Key {
        match self {
            Topic::Debt => Key::TopicDebt,
            Topic::Migration => Key::TopicMigration,
            Topic::Family => Key::TopicFamily,
            Topic::Care => Key::TopicCare,
            Topic::Housing => Key::TopicHousing,
            Topic::Mediation => Key::TopicMediation,
            Topic::Other => Key::TopicOther,
        }
    }
}

/// A counselling service as everyone sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub quartier_slug: String,
    pub quartier_name: String,
    pub topic: Topic,
    pub title: String,
    pub description: String,
    pub phone: String,
    pub email: String,
    pub hours: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesPage {
    pub services: Vec<Service>,
    pub quartiere: Vec<QuartierOption>,
}

/// The services of the organisations the viewer edits for, for the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesOfMine {
    pub services: Vec<Service>,
}

#[leptos::server(endpoint = "services/search")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn search_services(
    q: Option<String>,
    topic: Option<String>,
    quartier: Option<String>,
) -> Result<ServicesPage, AppError> {
    use crate::error::Problem;
    // Public: counselling is meant to be found by anyone.
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let topic = given(&topic)
        .map(|t| {
            Topic::from_slug(&t).ok_or_else(|| AppError::validation("topic", Problem::Unknown))
        })
        .transpose()
        .map_err(AppError::respond)?;
    let words = given(&q).unwrap_or_default();
    if words.chars().count() > 100 {
        return Err(AppError::validation("q", Problem::TooLong).respond());
    }
    let db = crate::ctx::request_db()?;
    db::search(&db, &words, topic, given(&quartier).as_deref())
        .await
        .map_err(AppError::respond)
}

#[leptos::server(endpoint = "coordinator/services")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn own_services() -> Result<ServicesOfMine, AppError> {
    let viewer = crate::auth::session::require_viewer()?;
    if !viewer.roles.may_enter_coordinator_area() {
        return Err(AppError::Forbidden.respond());
    }
    let db = crate::ctx::request_db()?;
    db::own(&db, &viewer).await.map_err(AppError::respond)
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::{Service, ServicesOfMine, ServicesPage, Topic};
    use crate::auth::Viewer;
    use crate::db::{now, Db};
    use crate::error::{AppError, Problem};
    use crate::places::db::may_edit;
    use sqlx::{AnyConnection, Row};

    const SERVICE_SQL: &str = "SELECT s.id, s.organisation_id, o.name AS organisation_name,
            q.slug AS quartier_slug, q.name AS quartier_name, s.topic, s.title, s.description,
            s.contact_phone, s.contact_email, s.hours
       FROM services s
       JOIN organisations o ON o.id = s.organisation_id
       JOIN quartiere q ON q.id = s.quartier_id";

    fn service_from(row: &sqlx::any::AnyRow) -> Result<Service, sqlx::Error> {
        let topic: String = row.try_get("topic")?;
        Ok(Service {
            id: row.try_get("id")?,
            organisation_id: row.try_get("organisation_id")?,
            organisation_name: row.try_get("organisation_name")?,
            quartier_slug: row.try_get("quartier_slug")?,
            quartier_name: row.try_get("quartier_name")?,
            topic: Topic::from_slug(&topic).unwrap_or(Topic::Other),
            title: row.try_get("title")?,
            description: row.try_get("description")?,
            phone: row.try_get("contact_phone")?,
            email: row.try_get("contact_email")?,
            hours: row.try_get("hours")?,
        })
    }

    /// Services matching every word (in title, description or organisation), the
    /// topic and the Quartier; an unknown Quartier is named.
    pub async fn search(
        db: &Db,
        words: &str,
        topic: Option<Topic>,
        quartier: Option<&str>,
    ) -> Result<ServicesPage, AppError> {
        let quartiere = crate::orgs::db::list_quartier_options(db).await?;
        if let Some(slug) = quartier {
            if !quartiere.iter().any(|q| q.slug == slug) {
                return Err(AppError::validation("quartier", Problem::Unknown));
            }
        }
        let mut sql = format!("{SERVICE_SQL} WHERE 1 = 1");
        let mut binds: Vec<String> = Vec::new();
        if let Some(slug) = quartier {
            binds.push(slug.to_owned());
            sql.push_str(&format!(" AND q.slug = ${}", binds.len()));
        }
        if let Some(t) = topic {
            binds.push(t.slug().to_owned());
            sql.push_str(&format!(" AND s.topic = ${}", binds.len()));
        }
        for word in words.split_whitespace().take(8) {
            // LIKE wildcards typed by the user are taken literally.
            let escaped = word
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            binds.push(format!("%{escaped}%"));
            let n = binds.len();
            sql.push_str(&format!(
                " AND (LOWER(s.title) LIKE ${n} ESCAPE '\\' OR LOWER(s.description) LIKE ${n} ESCAPE '\\'
                       OR LOWER(o.name) LIKE ${n} ESCAPE '\\')"
            ));
        }
        sql.push_str(" ORDER BY q.name, s.topic, s.title LIMIT 300");
        let mut query = sqlx::query(&sql);
        for b in &binds {
            query = query.bind(b);
        }
        let services = query
            .fetch_all(db.pool())
            .await?
            .iter()
            .map(service_from)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ServicesPage {
            services,
            quartiere,
        })
    }

    /// The counselling services of one Quartier (for `/help`).
    pub async fn of_quartier(db: &Db, quartier_id: i64) -> Result<Vec<Service>, sqlx::Error> {
        sqlx::query(&format!(
            "{SERVICE_SQL} WHERE s.quartier_id = $1 ORDER BY s.topic, s.title LIMIT 100"
        ))
        .bind(quartier_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(service_from)
        .collect()
    }

    pub async fn own(db: &Db, viewer: &Viewer) -> Result<ServicesOfMine, AppError> {
        let services = sqlx::query(&format!(
            "{SERVICE_SQL} ORDER BY o.name, q.name, s.title LIMIT 2000"
        ))
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(service_from)
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|s| may_edit(&viewer.roles, s.organisation_id))
        .collect();
        Ok(ServicesOfMine { services })
    }

    /// A checked service entry.
    pub struct CheckedService {
        pub quartier_id: i64,
        pub topic: Topic,
        pub title: String,
        pub description: String,
        pub phone: String,
        pub email: String,
        pub hours: String,
    }

    /// Inserts or updates a service of `organisation` in a Quartier it serves.
    pub async fn save(
        conn: &mut AnyConnection,
        organisation: i64,
        service: Option<i64>,
        s: &CheckedService,
    ) -> Result<i64, AppError> {
        if !crate::places::db::serves(conn, organisation, s.quartier_id).await? {
            return Err(AppError::validation("quartier", Problem::OtherOrganisation));
        }
        let at = now();
        if let Some(id) = service {
            let updated = sqlx::query(
                "UPDATE services SET quartier_id = $3, topic = $4, title = $5, description = $6,
                        contact_phone = $7, contact_email = $8, hours = $9, updated_at = $10
                  WHERE id = $1 AND organisation_id = $2",
            )
            .bind(id)
            .bind(organisation)
            .bind(s.quartier_id)
            .bind(s.topic.slug())
            .bind(&s.title)
            .bind(&s.description)
            .bind(&s.phone)
            .bind(&s.email)
            .bind(&s.hours)
            .bind(at)
            .execute(&mut *conn)
            .await?
            .rows_affected();
            if updated == 0 {
                return Err(AppError::validation("service", Problem::OtherOrganisation));
            }
            return Ok(id);
        }
        Ok(sqlx::query(
            "INSERT INTO services (organisation_id, quartier_id, topic, title, description,
                                   contact_phone, contact_email, hours, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(organisation)
        .bind(s.quartier_id)
        .bind(s.topic.slug())
        .bind(&s.title)
        .bind(&s.description)
        .bind(&s.phone)
        .bind(&s.email)
        .bind(&s.hours)
        .bind(at)
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")?)
    }

    /// Removes a service of `organisation`; another organisation's is refused.
    pub async fn delete(db: &Db, organisation: i64, service: i64) -> Result<(), AppError> {
        let removed = db
            .execute_write(
                sqlx::query("DELETE FROM services WHERE id = $1 AND organisation_id = $2")
                    .bind(service)
                    .bind(organisation),
            )
            .await?
            .rows_affected();
        if removed == 0 {
            return Err(AppError::validation("service", Problem::OtherOrganisation));
        }
        Ok(())
    }
}

/// The service form as posted.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ServiceForm {
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub quartier: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub hours: String,
}

#[cfg(feature = "ssr")]
impl ServiceForm {
    /// Checks every field; `quartier_id` finds a Quartier by slug.
    pub fn check(
        &self,
        quartier_id: impl Fn(&str) -> Option<i64>,
    ) -> Result<db::CheckedService, AppError> {
        use crate::error::Problem;
        use crate::requests::posting::text;
        let topic = Topic::from_slug(self.topic.trim())
            .ok_or_else(|| AppError::validation("topic", Problem::Unknown))?;
        let quartier_id = quartier_id(self.quartier.trim())
            .ok_or_else(|| AppError::validation("quartier", Problem::Unknown))?;
        let title = text("title", &self.title, 120, true)?;
        let description = text("description", &self.description, 2000, false)?;
        let phone = crate::places::form::phone("phone", &self.phone)?;
        let email = crate::places::form::contact_email(&self.email)?;
        let hours = text("hours_note", &self.hours, 200, false)?;
        if phone.is_empty() && email.is_empty() {
            return Err(AppError::validation("phone", Problem::Missing));
        }
        Ok(db::CheckedService {
            quartier_id,
            topic,
            title,
            description,
            phone,
            email,
            hours,
        })
    }
}

#[cfg(feature = "ssr")]
pub mod routes {
    use super::ServiceForm;
    use crate::auth::flash::Notice;
    use crate::auth::routes::{keep, outcome, refused, viewer_of};
    use crate::db::Db;
    use crate::error::{AppError, Problem};
    use crate::places::routes::organisation_of;
    use axum::extract::Extension;
    use axum::response::Response;
    use axum::routing::{post, MethodRouter};
    use axum::Form;
    use tower_sessions::Session;

    pub fn form_routes<S: Clone + Send + Sync + 'static>() -> Vec<(&'static str, MethodRouter<S>)> {
        vec![
            ("/org/services", post(save)),
            ("/org/services/delete", post(delete)),
        ]
    }

    fn service_id(raw: &str) -> Result<Option<i64>, AppError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse()
            .map(Some)
            .map_err(|_| AppError::validation("service", Problem::Malformed))
    }

    async fn save(
        Extension(db): Extension<Db>,
        extensions: http::Extensions,
        headers: http::HeaderMap,
        session: Session,
        Form(form): Form<ServiceForm>,
    ) -> Response {
        let Some(viewer) = viewer_of(&extensions) else {
            return refused(&AppError::Unauthorized, &headers);
        };
        let organisation = match organisation_of(&viewer, &form.organisation) {
            Err(error @ AppError::Forbidden) => return refused(&error, &headers),
            other => other,
        };
        let result = async {
            let organisation = organisation?;
            let service = service_id(&form.service)?;
            let known = crate::volunteers::db::known_quartiere(&db).await?;
            let checked = form.check(|slug| known.iter().find(|q| q.slug == slug).map(|q| q.id))?;
            let mut tx = db.begin_write().await?;
            super::db::save(&mut tx, organisation, service, &checked).await?;
            tx.commit().await?;
            Ok(Notice::ServiceSaved)
        }
        .await;
        let values = keep(&[
            ("organisation", &form.organisation),
            ("service", &form.service),
            ("quartier", &form.quartier),
            ("topic", &form.topic),
            ("title", &form.title),
            ("description", &form.description),
            ("phone", &form.phone),
            ("email", &form.email),
            ("hours", &form.hours),
        ]);
        outcome(
            &session,
            &headers,
            "/coordinator/places#service-form",
            "service",
            values,
            result,
        )
        .await
    }

    async fn delete(
        Extension(db): Extension<Db>,
        extensions: http::Extensions,
        headers: http::HeaderMap,
        session: Session,
        Form(form): Form<ServiceForm>,
    ) -> Response {
        let Some(viewer) = viewer_of(&extensions) else {
            return refused(&AppError::Unauthorized, &headers);
        };
        let organisation = match organisation_of(&viewer, &form.organisation) {
            Err(error @ AppError::Forbidden) => return refused(&error, &headers),
            other => other,
        };
        let result = async {
            let organisation = organisation?;
            let service = service_id(&form.service)?
                .ok_or_else(|| AppError::validation("service", Problem::Missing))?;
            super::db::delete(&db, organisation, service).await?;
            Ok(Notice::ServiceDeleted)
        }
        .await;
        outcome(
            &session,
            &headers,
            "/coordinator/places#services",
            "service",
            vec![],
            result,
        )
        .await
    }
}

fn contact_line(s: &Service) -> impl IntoView {
    let lang = use_lang();
    let phone = (!s.phone.is_empty()).then(|| {
        let href = format!("tel:{}", s.phone.replace([' ', '/', '-'], ""));
        view! { <a href=href>{s.phone.clone()}</a>" " }
    });
    let email = (!s.email.is_empty())
        .then(|| view! { <a href=format!("mailto:{}", s.email)>{s.email.clone()}</a> });
    let hours = (!s.hours.is_empty())
        .then(|| view! { <p class="muted">{lang.t(Key::OpeningHours)}": "{s.hours.clone()}</p> });
    view! { <p>{phone}{email}</p>{hours} }
}

/// One service as a card.
#[component]
pub fn ServiceCard(service: Service) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="service-card">
            <p class="place-card__kind">{lang.t(service.topic.label())}" · "{lang.fill(Key::InQuartier, &[("quartier", &service.quartier_name)])}</p>
            <h3>{service.title.clone()}</h3>
            <p class="muted">{service.organisation_name.clone()}</p>
            {(!service.description.is_empty()).then(|| view! { <p>{service.description.clone()}</p> })}
            {contact_line(&service)}
        </li>
    }
}

/// `/services`.
#[component]
pub fn ServicesSearchPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.read();
        (q.get("q"), q.get("topic"), q.get("quartier"))
    });
    let page = Resource::new(
        move || args.get(),
        |(q, t, quartier)| search_services(q, t, quartier),
    );
    view! {
        <Title text=lang.t(Key::ServicesTitle)/>
        <h1>{lang.t(Key::ServicesTitle)}</h1>
        <p class="lead">{lang.t(Key::ServicesIntro)}</p>
        <Loaded resource=page let:page>
            {
                // A reader who left mid-page disposed the query: nothing is shown to anyone then.
                let (q, topic, quartier) = args.try_get_untracked().unwrap_or_default();
                let count = lang.fill(Key::ServicesFound, &[("count", &page.services.len().to_string())]);
                view! {
                    <form method="get" action="/services" class="filter" role="search">
                        <fieldset>
                            <legend>{lang.t(Key::ServicesSearch)}</legend>
                            <div class="field">
                                <label for="services-q">{lang.t(Key::ServicesWords)}</label>
                                <input id="services-q" name="q" type="search" maxlength="100" value=q.unwrap_or_default()/>
                            </div>
                            <div class="field">
                                <label for="services-topic">{lang.t(Key::ServiceTopicLabel)}</label>
                                <select id="services-topic" name="topic">
                                    <option value="">{lang.t(Key::ServicesAllTopics)}</option>
                                    {Topic::ALL.into_iter().map(|t| view! {
                                        <option value=t.slug() selected=topic.as_deref() == Some(t.slug())>{lang.t(t.label())}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="services-quartier">{lang.t(Key::FilterQuartier)}</label>
                                <select id="services-quartier" name="quartier">
                                    <option value="">{lang.t(Key::FilterAllQuartiere)}</option>
                                    {page.quartiere.into_iter().map(|o| {
                                        let selected = quartier.as_deref() == Some(o.slug.as_str());
                                        view! { <option value=o.slug selected=selected>{o.name}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="filter__actions">
                                <button type="submit" class="button">{lang.t(Key::FilterApply)}</button>
                                <a href="/services" class="filter__reset">{lang.t(Key::FilterReset)}</a>
                            </div>
                        </fieldset>
                    </form>
                    <h2>{lang.t(Key::ServicesResults)}</h2>
                    <p role="status" class="results-count">{count}</p>
                    <ul class="card-grid">
                        {page.services.into_iter().map(|s| view! { <ServiceCard service=s/> }).collect_view()}
                    </ul>
                }
            }
        </Loaded>
    }
}

/// The organisation's services with a form to add one or, with `?service=` naming one
/// of them, to edit it; on `/coordinator/places`.
#[component]
pub fn ServicesEditor(
    organisations: Vec<(i64, String)>,
    quartiere: Vec<QuartierOption>,
) -> impl IntoView {
    let lang = use_lang();
    let own = Resource::new(|| (), |_| own_services());
    let query = use_query_map();
    view! {
        <Loaded resource=own let:own>
            {
                let editing = query
                    .read_untracked()
                    .get("service")
                    .and_then(|id| id.parse::<i64>().ok())
                    .and_then(|id| own.services.iter().find(|s| s.id == id).cloned());
                view! {
                    <section aria-labelledby="services">
                        <h2 id="services">{lang.t(Key::ServicesOurs)}</h2>
                        <ul class="plain-list">
                            {own.services.into_iter().map(|s| view! {
                                <li>
                                    <strong>{s.title.clone()}</strong>" · "{lang.t(s.topic.label())}" · "{s.quartier_name.clone()}" "
                                    <a href=format!("/coordinator/places?service={}#service-form", s.id)>{lang.t(Key::ServiceEdit)}</a>
                                    <form method="post" action="/org/services/delete" class="inline-form">
                                        <input type="hidden" name="organisation" value=s.organisation_id.to_string()/>
                                        <input type="hidden" name="service" value=s.id.to_string()/>
                                        <button type="submit" class="button button--secondary">{lang.t(Key::ServiceDelete)}</button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                    <ServiceForm organisations=organisations.clone() quartiere=quartiere.clone() editing/>
                }
            }
        </Loaded>
    }
}

#[component]
fn ServiceForm(
    organisations: Vec<(i64, String)>,
    quartiere: Vec<QuartierOption>,
    editing: Option<Service>,
) -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let heading = if editing.is_some() {
        Key::ServiceEdit
    } else {
        Key::ServiceNew
    };
    let value = {
        let flash = flash.clone();
        move |name: &str| {
            if flash.form == "service" {
                return flash.value(name);
            }
            let Some(s) = &editing else {
                return String::new();
            };
            match name {
                "service" => s.id.to_string(),
                "organisation" => s.organisation_id.to_string(),
                "quartier" => s.quartier_slug.clone(),
                "topic" => s.topic.slug().to_owned(),
                "title" => s.title.clone(),
                "description" => s.description.clone(),
                "phone" => s.phone.clone(),
                "email" => s.email.clone(),
                "hours" => s.hours.clone(),
                _ => String::new(),
            }
        }
    };
    let invalid = {
        let flash = flash.clone();
        move |field: &str| flash.invalid("service", field).then_some("true")
    };
    view! {
        <section aria-labelledby="service-form">
            <h2 id="service-form">{lang.t(heading)}</h2>
            <FlashMessage flash=flash.clone() form="service"/>
            <form method="post" action="/org/services" class="stacked-form">
                <input type="hidden" name="service" value=value("service")/>
                <div class="field">
                    <label for="service-organisation">{lang.t(Key::FieldOrganisation)}</label>
                    <select id="service-organisation" name="organisation">
                        {organisations.iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=value("organisation") == id.to_string()>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="service-quartier">{lang.t(Key::FieldQuartier)}</label>
                    <select id="service-quartier" name="quartier" aria-invalid=invalid("quartier")>
                        {quartiere.iter().map(|q| view! {
                            <option value=q.slug.clone() selected=value("quartier") == q.slug>{q.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="service-topic">{lang.t(Key::ServiceTopicLabel)}</label>
                    <select id="service-topic" name="topic" aria-invalid=invalid("topic")>
                        {Topic::ALL.into_iter().map(|t| view! {
                            <option value=t.slug() selected=value("topic") == t.slug()>{lang.t(t.label())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="service-title">{lang.t(Key::FieldTitle)}</label>
                    <input id="service-title" name="title" required maxlength="120" value=value("title") aria-invalid=invalid("title")/>
                </div>
                <div class="field">
                    <label for="service-phone">{lang.t(Key::FieldPhone)}</label>
                    <input id="service-phone" name="phone" type="tel" maxlength="40" value=value("phone") aria-invalid=invalid("phone")/>
                </div>
                <div class="field">
                    <label for="service-email">{lang.t(Key::LoginEmail)}</label>
                    <input id="service-email" name="email" type="email" maxlength="254" value=value("email") aria-invalid=invalid("email")/>
                </div>
                <div class="field">
                    <label for="service-hours">{lang.t(Key::OpeningHours)}</label>
                    <input id="service-hours" name="hours" maxlength="200" value=value("hours") aria-invalid=invalid("hours_note")/>
                </div>
                <div class="field">
                    <label for="service-description">{lang.t(Key::FieldAbout)}</label>
                    <textarea id="service-description" name="description" rows="3" maxlength="2000">{value("description")}</textarea>
                </div>
                <button type="submit" class="button">{lang.t(Key::ServiceSave)}</button>
            </form>
        </section>
    }
}

//! Conflict with a neighbour: self-help first, then a confidential request for
//! mediation that only the Quartier's coordinators read. It has its own status and
//! notes, every change is audited, and nothing of it is ever public.

use crate::auth::flash::{use_flash, FlashMessage};
use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use crate::orgs::QuartierOption;
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MediationStatus {
    New,
    InProgress,
    Closed,
}

impl MediationStatus {
    pub const ALL: [MediationStatus; 3] = [
        MediationStatus::New,
        MediationStatus::InProgress,
        MediationStatus::Closed,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            MediationStatus::New => "new",
            MediationStatus::InProgress => "in_progress",
            MediationStatus::Closed => "closed",
        }
    }

    pub fn from_slug(slug: &str) -> Option<MediationStatus> {
        MediationStatus::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn label(self) -> Key {
        match self {
            MediationStatus::New => Key::MediationNew,
            MediationStatus::InProgress => Key::MediationInProgress,
            MediationStatus::Closed => Key::MediationClosed,
        }
    }
}

/// A request as its writer sees it (status only) or as coordinators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediationRequest {
    pub id: i64,
    pub quartier_name: String,
    pub description: String,
    pub reachable: String,
    pub status: MediationStatus,
    pub notes: String,
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictPageData {
    pub quartiere: Vec<QuartierOption>,
    pub signed_in: bool,
    /// The viewer's own requests, with their status.
    pub mine: Vec<MediationRequest>,
}

#[leptos::server(endpoint = "help/conflict")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn conflict_page() -> Result<ConflictPageData, AppError> {
    // Public: the self-help part is for everyone; the request needs an account.
    let viewer = crate::auth::session::request_viewer()?;
    let db = crate::ctx::request_db()?;
    let quartiere = crate::orgs::db::list_quartier_options(&db)
        .await
        .map_err(|e| AppError::from(e).respond())?;
    let mine = match &viewer {
        Some(v) => db::mine(&db, v.id, crate::i18n::request_lang())
            .await
            .map_err(|e| AppError::from(e).respond())?,
        None => Vec::new(),
    };
    Ok(ConflictPageData {
        quartiere,
        signed_in: viewer.is_some(),
        mine,
    })
}

#[leptos::server(endpoint = "coordinator/mediation")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn mediation_queue() -> Result<Vec<MediationRequest>, AppError> {
    let viewer = crate::auth::session::require_viewer()?;
    if !viewer.roles.may_enter_coordinator_area() {
        return Err(AppError::Forbidden.respond());
    }
    let db = crate::ctx::request_db()?;
    db::queue(&db, &viewer, crate::i18n::request_lang())
        .await
        .map_err(|e| AppError::from(e).respond())
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::{MediationRequest, MediationStatus};
    use crate::audit::{db::record, Action, Event};
    use crate::auth::Viewer;
    use crate::db::{now, Db};
    use crate::error::{AppError, Problem};
    use crate::i18n::{Key, Lang};
    use crate::mail::{outbox::enqueue_for_user, Letter};
    use sqlx::Row;

    const SQL: &str = "SELECT m.id, q.name AS quartier_name, m.description, m.reachable, m.status,
            m.notes, m.created_at
       FROM mediation_requests m JOIN quartiere q ON q.id = m.quartier_id";

    fn from_row(row: &sqlx::any::AnyRow, lang: Lang) -> Result<MediationRequest, sqlx::Error> {
        let status: String = row.try_get("status")?;
        Ok(MediationRequest {
            id: row.try_get("id")?,
            quartier_name: row.try_get("quartier_name")?,
            description: row.try_get("description")?,
            reachable: row.try_get("reachable")?,
            status: MediationStatus::from_slug(&status).unwrap_or(MediationStatus::New),
            notes: row.try_get("notes")?,
            when: crate::requests::when::moment(lang, row.try_get("created_at")?),
        })
    }

    /// The writer's own requests: the status, never the coordinators' notes.
    pub async fn mine(
        db: &Db,
        user: i64,
        lang: Lang,
    ) -> Result<Vec<MediationRequest>, sqlx::Error> {
        sqlx::query(&format!(
            "{SQL} WHERE m.requester_id = $1 ORDER BY m.id DESC LIMIT 20"
        ))
        .bind(user)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| {
            from_row(r, lang).map(|mut m| {
                m.notes.clear();
                m
            })
        })
        .collect()
    }

    /// The condition on `m.quartier_id` for what the viewer coordinates.
    fn scope(viewer: &Viewer) -> String {
        if viewer.is_platform_admin {
            return "1 = 1".to_owned();
        }
        let orgs: Vec<String> = viewer
            .roles
            .organisations
            .iter()
            .filter(|m| viewer.roles.coordinates(m.organisation_id))
            .map(|m| m.organisation_id.to_string())
            .collect();
        if orgs.is_empty() {
            return "1 = 0".to_owned();
        }
        format!(
            "m.quartier_id IN (SELECT quartier_id FROM organisation_quartiere WHERE organisation_id IN ({}))",
            orgs.join(",")
        )
    }

    pub async fn queue(
        db: &Db,
        viewer: &Viewer,
        lang: Lang,
    ) -> Result<Vec<MediationRequest>, sqlx::Error> {
        sqlx::query(&format!(
            "{SQL} WHERE {} ORDER BY CASE m.status WHEN 'closed' THEN 1 ELSE 0 END, m.id DESC LIMIT 200",
            scope(viewer)
        ))
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| from_row(r, lang))
        .collect()
    }

    /// Stores a request and tells the Quartier's coordinators that one came in (the
    /// letter carries no details).
    pub async fn submit(
        db: &Db,
        viewer: &Viewer,
        quartier: &str,
        description: &str,
        reachable: &str,
    ) -> Result<(), AppError> {
        let mut tx = db.begin_write().await?;
        let row = sqlx::query("SELECT id, name FROM quartiere WHERE slug = $1")
            .bind(quartier)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| AppError::validation("quartier", Problem::Unknown))?;
        let quartier_id: i64 = row.try_get("id")?;
        let quartier_name: String = row.try_get("name")?;
        let at = now();
        let id: i64 = sqlx::query(
            "INSERT INTO mediation_requests (quartier_id, requester_id, description, reachable,
                                             created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(quartier_id)
        .bind(viewer.id)
        .bind(description)
        .bind(reachable)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        record(
            &mut tx,
            Event {
                action: Action::MediationRequested,
                actor: Some(viewer.id),
                subject: None,
                organisation: None,
                detail: format!("mediation {id}"),
            },
        )
        .await?;
        let coordinators: Vec<i64> = sqlx::query(
            "SELECT DISTINCT m.user_id FROM organisation_members m
               JOIN organisation_quartiere oq ON oq.organisation_id = m.organisation_id
              WHERE oq.quartier_id = $1 AND m.role = 'coordinator'",
        )
        .bind(quartier_id)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| r.try_get("user_id"))
        .collect::<Result<_, _>>()?;
        for user in coordinators {
            enqueue_for_user(&mut tx, user, |lang, name| {
                Letter::compose(
                    lang,
                    Key::MailMediationSubject,
                    Key::MailMediationBody,
                    &[("name", name), ("quartier", &quartier_name)],
                )
            })
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Whether the request exists and lies in a Quartier the viewer coordinates.
    pub async fn may_handle(db: &Db, viewer: &Viewer, id: i64) -> Result<(), AppError> {
        let exists = sqlx::query("SELECT 1 AS one FROM mediation_requests WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?
            .is_some();
        if !exists {
            return Err(AppError::NotFound);
        }
        let mine = sqlx::query(&format!(
            "SELECT 1 AS one FROM mediation_requests m WHERE m.id = $1 AND {}",
            scope(viewer)
        ))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .is_some();
        if mine {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// A coordinator of the Quartier sets the status and notes; others are refused.
    pub async fn update(
        db: &Db,
        viewer: &Viewer,
        id: i64,
        status: MediationStatus,
        notes: &str,
    ) -> Result<(), AppError> {
        let mut tx = db.begin_write().await?;
        let changed = sqlx::query(&format!(
            "UPDATE mediation_requests SET status = $1, notes = $2, updated_at = $3
              WHERE id = $4 AND id IN (SELECT m.id FROM mediation_requests m WHERE {})",
            scope(viewer)
        ))
        .bind(status.slug())
        .bind(notes)
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            let exists = sqlx::query("SELECT 1 AS one FROM mediation_requests WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .is_some();
            return Err(if exists {
                AppError::Forbidden
            } else {
                AppError::NotFound
            });
        }
        record(
            &mut tx,
            Event {
                action: Action::MediationUpdated,
                actor: Some(viewer.id),
                subject: None,
                organisation: None,
                detail: format!("mediation {id}: {}", status.slug()),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub mod routes {
    use super::MediationStatus;
    use crate::auth::flash::Notice;
    use crate::auth::routes::{keep, outcome, refused, viewer_of};
    use crate::db::Db;
    use crate::error::{AppError, Problem};
    use crate::requests::posting::text;
    use axum::extract::{Extension, Path};
    use axum::response::Response;
    use axum::routing::{post, MethodRouter};
    use axum::Form;
    use serde::Deserialize;
    use tower_sessions::Session;

    pub fn form_routes<S: Clone + Send + Sync + 'static>() -> Vec<(&'static str, MethodRouter<S>)> {
        vec![
            ("/help/conflict", post(submit)),
            ("/coordinator/mediation/{id}", post(update)),
        ]
    }

    #[derive(Debug, Default, Deserialize)]
    struct RequestForm {
        #[serde(default)]
        quartier: String,
        #[serde(default)]
        situation: String,
        #[serde(default)]
        reachable: String,
    }

    async fn submit(
        Extension(db): Extension<Db>,
        extensions: http::Extensions,
        headers: http::HeaderMap,
        session: Session,
        Form(form): Form<RequestForm>,
    ) -> Response {
        let Some(viewer) = viewer_of(&extensions) else {
            return refused(&AppError::Unauthorized, &headers);
        };
        let result = async {
            let description = text("situation", &form.situation, 4000, true)?;
            let reachable = text("reachable", &form.reachable, 300, false)?;
            super::db::submit(&db, &viewer, form.quartier.trim(), &description, &reachable).await?;
            Ok(Notice::MediationSent)
        }
        .await;
        let values = keep(&[
            ("quartier", &form.quartier),
            ("situation", &form.situation),
            ("reachable", &form.reachable),
        ]);
        let to = if result.is_ok() {
            "/help/conflict#mine"
        } else {
            "/help/conflict#request"
        };
        outcome(&session, &headers, to, "mediation", values, result).await
    }

    #[derive(Debug, Default, Deserialize)]
    struct UpdateForm {
        #[serde(default)]
        status: String,
        #[serde(default)]
        notes: String,
    }

    async fn update(
        Extension(db): Extension<Db>,
        Path(id): Path<i64>,
        extensions: http::Extensions,
        headers: http::HeaderMap,
        session: Session,
        Form(form): Form<UpdateForm>,
    ) -> Response {
        let Some(viewer) = viewer_of(&extensions) else {
            return refused(&AppError::Unauthorized, &headers);
        };
        if !viewer.roles.may_enter_coordinator_area() {
            return refused(&AppError::Forbidden, &headers);
        }
        // Authorise before looking at the input.
        if let Err(error @ AppError::Forbidden) = super::db::may_handle(&db, &viewer, id).await {
            return refused(&error, &headers);
        }
        let result = async {
            let status = MediationStatus::from_slug(form.status.trim())
                .ok_or_else(|| AppError::validation("status", Problem::Unknown))?;
            let notes = text("notes", &form.notes, 4000, false)?;
            super::db::update(&db, &viewer, id, status, &notes).await?;
            Ok(Notice::MediationUpdated)
        }
        .await;
        let to = format!("/coordinator/mediation#mediation-{id}");
        outcome(
            &session,
            &headers,
            &to,
            &format!("mediation-{id}"),
            vec![],
            result,
        )
        .await
    }
}

/// `/help/conflict`.
#[component]
pub fn ConflictPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let data = Resource::new(|| (), |_| conflict_page());
    let steps = [
        Key::ConflictStep1,
        Key::ConflictStep2,
        Key::ConflictStep3,
        Key::ConflictStep4,
    ];
    view! {
        <Title text=lang.t(Key::ConflictTitle)/>
        <h1>{lang.t(Key::ConflictTitle)}</h1>
        <p class="lead">{lang.t(Key::ConflictIntro)}</p>
        <p class="notice">{lang.t(Key::ConflictDanger)}" "<a href="/help">{lang.t(Key::NavCrisis)}</a></p>
        <section aria-labelledby="self-help">
            <h2 id="self-help">{lang.t(Key::ConflictSelfHelp)}</h2>
            <ol>{steps.into_iter().map(|k| view! { <li>{lang.t(k)}</li> }).collect_view()}</ol>
            <p><a href="/services?topic=mediation">{lang.t(Key::ConflictServices)}</a></p>
        </section>
        <Loaded resource=data let:data>
            <section aria-labelledby="request">
                <h2 id="request">{lang.t(Key::ConflictRequest)}</h2>
                <p>{lang.t(Key::ConflictRequestIntro)}</p>
                <FlashMessage flash=flash.clone() form="mediation"/>
                {if data.signed_in {
                    let value = |n: &str| if flash.form == "mediation" { flash.value(n) } else { String::new() };
                    let invalid = |f: &str| flash.invalid("mediation", f).then_some("true");
                    let quartier = value("quartier");
                    view! {
                        <form method="post" action="/help/conflict" class="stacked-form">
                            <div class="field">
                                <label for="conflict-quartier">{lang.t(Key::FieldQuartier)}</label>
                                <select id="conflict-quartier" name="quartier" aria-invalid=invalid("quartier")>
                                    {data.quartiere.iter().map(|q| view! { <option value=q.slug.clone() selected=quartier == q.slug>{q.name.clone()}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="conflict-description">{lang.t(Key::ConflictDescription)}</label>
                                <textarea id="conflict-description" name="situation" rows="5" required maxlength="4000" aria-invalid=invalid("situation")>{value("situation")}</textarea>
                            </div>
                            <div class="field">
                                <label for="conflict-reachable">{lang.t(Key::ConflictReachable)}</label>
                                <input id="conflict-reachable" name="reachable" maxlength="300" value=value("reachable") aria-invalid=invalid("reachable")/>
                            </div>
                            <button type="submit" class="button">{lang.t(Key::ConflictSend)}</button>
                        </form>
                    }.into_any()
                } else {
                    view! { <p><a href="/login">{lang.t(Key::ConflictSignIn)}</a></p> }.into_any()
                }}
            </section>
            {(!data.mine.is_empty()).then(|| view! {
                <section aria-labelledby="mine">
                    <h2 id="mine">{lang.t(Key::ConflictMine)}</h2>
                    <ul class="plain-list">
                        {data.mine.iter().map(|m| view! {
                            <li>{m.when.clone()}" · "{m.quartier_name.clone()}" · "<strong>{lang.t(m.status.label())}</strong></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Loaded>
    }
}

/// `/coordinator/mediation`.
#[component]
pub fn MediationPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let list = Resource::new(|| (), |_| mediation_queue());
    view! {
        <Title text=lang.t(Key::MediationTitle)/>
        <h1>{lang.t(Key::MediationTitle)}</h1>
        <p class="lead">{lang.t(Key::MediationIntro)}</p>
        <Loaded resource=list let:list>
            {if list.is_empty() {
                view! { <p>{lang.t(Key::MediationNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="report-list">
                        {list.into_iter().map(|m| {
                            let id = m.id;
                            let status_id = format!("status-{id}");
                            let notes_id = format!("notes-{id}");
                            view! {
                                <li class="report" id=format!("mediation-{id}")>
                                    <p class="report__meta">{m.quartier_name.clone()}" · "{m.when.clone()}" · "<strong>{lang.t(m.status.label())}</strong></p>
                                    <p class="prewrap">{m.description.clone()}</p>
                                    {(!m.reachable.is_empty()).then(|| view! { <p><span class="muted">{lang.t(Key::ConflictReachable)}": "</span>{m.reachable.clone()}</p> })}
                                    <FlashMessage flash=flash.clone() form=format!("mediation-{id}")/>
                                    <form method="post" action=format!("/coordinator/mediation/{id}") class="stacked-form">
                                        <div class="field">
                                            <label for=status_id.clone()>{lang.t(Key::MediationStatusLabel)}</label>
                                            <select id=status_id name="status">
                                                {MediationStatus::ALL.into_iter().map(|s| view! { <option value=s.slug() selected=s == m.status>{lang.t(s.label())}</option> }).collect_view()}
                                            </select>
                                        </div>
                                        <div class="field">
                                            <label for=notes_id.clone()>{lang.t(Key::MediationNotes)}</label>
                                            <textarea id=notes_id name="notes" rows="3" maxlength="4000">{m.notes.clone()}</textarea>
                                        </div>
                                        <button type="submit" class="button">{lang.t(Key::MediationSave)}</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </Loaded>
    }
}

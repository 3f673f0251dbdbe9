//! One need as each viewer may see it. The view type is chosen on the server, and only
//! what it holds is sent: a visitor's answer has no private field to leak.
//! - `RequestPublic`: category, title, Quartier, day and time window, places.
//! - `RequestForHelper` (volunteers): also the description and rough place; the first
//!   name, exact address and phone only once the helper is confirmed.
//! - `RequestForCoordinator` (the neighbour who posted it, and coordinators of its
//!   organisation): everything, with the helpers to confirm.

use super::HelperState;
use super::{Category, NeedStatus};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirements {
    pub language: Option<String>,
    pub same_gender: bool,
    pub step_free: bool,
    pub needs_car: bool,
    pub weekly: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestPublic {
    pub id: i64,
    pub category: Category,
    pub title: String,
    pub quartier_name: String,
    pub day_label: String,
    pub time_label: String,
    pub status: NeedStatus,
    pub helpers_needed: i64,
    pub helpers_filled: i64,
    pub requirements: Requirements,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub first_name: String,
    pub street_address: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForHelper {
    pub public: RequestPublic,
    pub description: String,
    pub rough_place: String,
    pub my_state: Option<HelperState>,
    pub my_minutes: i64,
    /// Only for a confirmed helper.
    pub contact: Option<Contact>,
    /// The thread, for helpers who hold a place.
    pub messages: Option<Vec<MessageRow>>,
    /// About how far from the volunteer's home point, in metres (100 m steps).
    pub distance_m: Option<i64>,
}

/// A message of a need's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRow {
    pub id: i64,
    /// `None` once the writer deleted their account.
    pub author_id: Option<i64>,
    /// `None` once the writer deleted their account.
    pub author: Option<String>,
    pub body: String,
    /// Contact data was taken out, since not every reader is confirmed yet.
    pub held_back: bool,
    /// Hidden by moderation: the text is not sent to the page.
    pub hidden: bool,
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelperRow {
    pub user_id: i64,
    pub name: String,
    pub state: HelperState,
    pub minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForCoordinator {
    pub public: RequestPublic,
    pub description: String,
    pub rough_place: String,
    /// Empty once the retention period deleted the private part.
    pub contact: Option<Contact>,
    pub notes: String,
    pub consent: String,
    pub helpers: Vec<HelperRow>,
    pub review_note: String,
    pub feedback: String,
    pub on_behalf: bool,
    /// A coordinator of the need's organisation (may review).
    pub may_review: bool,
    pub messages: Vec<MessageRow>,
    /// The organisation in charge and how to reach it (for the printed notice).
    pub organisation_name: String,
    pub organisation_phone: String,
    pub organisation_email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NeedView {
    Public(RequestPublic),
    Helper(RequestForHelper),
    Coordinator(RequestForCoordinator),
}

impl NeedView {
    pub fn public(&self) -> &RequestPublic {
        match self {
            NeedView::Public(p) => p,
            NeedView::Helper(h) => &h.public,
            NeedView::Coordinator(c) => &c.public,
        }
    }
}

#[leptos::server(endpoint = "needs/detail")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn need_detail(id: i64) -> Result<NeedView, AppError> {
    // Public: the view type decides what each viewer gets.
    let viewer = crate::auth::session::request_viewer().map_err(AppError::respond)?;
    let db = crate::ctx::request_db()?;
    db::view(&db, crate::ctx::request_lang(), viewer.as_ref(), id)
        .await
        .map_err(AppError::respond)
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::*;
    use crate::auth::policy::QuartierRole;
    use crate::auth::Viewer;
    use crate::db::{flag, Db};
    use crate::i18n::Lang;
    use crate::requests::staffing::NeedFacts;
    use crate::requests::when;
    use sqlx::Row;

    async fn need_private(
        conn: &mut sqlx::AnyConnection,
        id: i64,
    ) -> Result<Option<sqlx::any::AnyRow>, sqlx::Error> {
        sqlx::query(
            "SELECT contact_name, street_address, phone, notes, consent FROM need_private WHERE need_id = $1",
        )
        .bind(id)
        .fetch_optional(conn)
        .await
    }

    /// The first word of a name: helpers get no more before they meet.
    fn first_name(name: &str) -> String {
        name.split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    pub async fn view(
        db: &Db,
        lang: Lang,
        viewer: Option<&Viewer>,
        id: i64,
    ) -> Result<NeedView, AppError> {
        // The viewer's home point, kept (its version was read with the session), and
        // read before a connection is held: loading it takes a connection of its own.
        let home = match viewer {
            Some(v) => Some(*crate::requests::db::kept_volunteer_home(db, v.id).await?),
            None => None,
        };
        let mut conn = db.pool().acquire().await?;
        // One round trip for the need, who is in charge of it and the viewer's own place
        // in it: this page is read far more often than any other of a need.
        let row = sqlx::query(
            "SELECT n.id, n.organisation_id, n.posted_by, n.hidden_at, n.category, n.title,
                    n.description, n.status, n.helpers_needed, n.helpers_filled,
                    n.starts_at, n.ends_at, n.rough_place, n.weekly, n.language, n.same_gender,
                    n.step_free, n.needs_car, n.review_note, n.feedback, n.on_behalf,
                    q.name AS quartier_name, q.centre_lat, q.centre_lon, o.name AS organisation_name,
                    COALESCE(o.phone, '') AS organisation_phone, COALESCE(o.email, '') AS organisation_email,
                    h.state AS my_state, h.minutes AS my_minutes
             FROM needs n JOIN quartiere q ON q.id = n.quartier_id
             JOIN organisations o ON o.id = n.organisation_id
             LEFT JOIN need_helpers h ON h.need_id = n.id AND h.user_id = $2
             WHERE n.id = $1",
        )
        .bind(id)
        .bind(viewer.map(|v| v.id))
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
        let facts = NeedFacts::from_row(&row)?;
        // A need hidden by moderation is gone for everyone but its parties.
        let hidden: Option<i64> = row.try_get("hidden_at")?;
        if hidden.is_some() && !viewer.is_some_and(|v| facts.is_party(v) || v.is_platform_admin) {
            return Err(AppError::NotFound);
        }
        let status = facts.state.status;
        let category: String = row.try_get("category")?;
        let (day_label, time_label) =
            when::labels(lang, row.try_get("starts_at")?, row.try_get("ends_at")?);
        let public = RequestPublic {
            id,
            category: Category::from_slug(&category).unwrap_or(Category::Other),
            title: row.try_get("title")?,
            quartier_name: row.try_get("quartier_name")?,
            day_label,
            time_label,
            status,
            helpers_needed: row.try_get("helpers_needed")?,
            helpers_filled: row.try_get("helpers_filled")?,
            requirements: Requirements {
                language: row.try_get("language")?,
                same_gender: flag(row.try_get("same_gender")?),
                step_free: flag(row.try_get("step_free")?),
                needs_car: flag(row.try_get("needs_car")?),
                weekly: flag(row.try_get("weekly")?),
            },
        };
        let contact = |row: &sqlx::any::AnyRow, full: bool| -> Result<Contact, sqlx::Error> {
            let name: String = row.try_get("contact_name")?;
            Ok(Contact {
                first_name: if full { name } else { first_name(&name) },
                street_address: row.try_get("street_address")?,
                phone: row.try_get("phone")?,
            })
        };
        if let Some(viewer) = viewer.filter(|v| facts.is_party(v)) {
            let private = need_private(&mut conn, id).await?;
            let mut helpers = Vec::new();
            for h in sqlx::query(
                "SELECT h.user_id, u.display_name, h.state, h.minutes FROM need_helpers h
                 JOIN users u ON u.id = h.user_id WHERE h.need_id = $1 AND h.state <> 'withdrawn'
                 ORDER BY h.joined_at, h.user_id",
            )
            .bind(id)
            .fetch_all(&mut *conn)
            .await?
            {
                let state: String = h.try_get("state")?;
                if let Some(state) = HelperState::parse(&state) {
                    helpers.push(HelperRow {
                        user_id: h.try_get("user_id")?,
                        name: h.try_get("display_name")?,
                        state,
                        minutes: h.try_get("minutes")?,
                    });
                }
            }
            return Ok(NeedView::Coordinator(RequestForCoordinator {
                public,
                description: row.try_get("description")?,
                rough_place: row.try_get("rough_place")?,
                contact: private.as_ref().map(|p| contact(p, true)).transpose()?,
                notes: private
                    .as_ref()
                    .map(|p| p.try_get("notes"))
                    .transpose()?
                    .unwrap_or_default(),
                consent: private
                    .as_ref()
                    .map(|p| p.try_get("consent"))
                    .transpose()?
                    .unwrap_or_default(),
                helpers,
                review_note: row.try_get("review_note")?,
                feedback: row.try_get("feedback")?,
                on_behalf: flag(row.try_get("on_behalf")?),
                may_review: viewer.roles.coordinates(facts.organisation_id),
                messages: crate::requests::messages::thread(&mut conn, lang, id).await?,
                organisation_name: row.try_get("organisation_name")?,
                organisation_phone: row.try_get("organisation_phone")?,
                organisation_email: row.try_get("organisation_email")?,
            }));
        }
        let my_state = row
            .try_get::<Option<String>, _>("my_state")?
            .and_then(|s| HelperState::parse(&s));
        // Needs that are not public yet (or any more) are only for their parties and
        // helpers.
        let listed = matches!(status, NeedStatus::Open | NeedStatus::Filled);
        if !listed && my_state.is_none() {
            return Err(AppError::NotFound);
        }
        let volunteer = viewer.is_some_and(|v| v.roles.lives_as(QuartierRole::Volunteer));
        if !volunteer && my_state.is_none() {
            return Ok(NeedView::Public(public));
        }
        // No place in the need, no minutes (the joined row is absent).
        let my_minutes = row.try_get::<Option<i64>, _>("my_minutes")?.unwrap_or(0);
        let revealed = my_state == Some(HelperState::Confirmed);
        let distance_m = home.flatten().map(|home| {
            crate::requests::db::rounded_metres(crate::matching::geo::haversine_km(
                home,
                crate::matching::geo::GeoPoint {
                    lat: row.try_get("centre_lat").unwrap_or(home.lat),
                    lon: row.try_get("centre_lon").unwrap_or(home.lon),
                },
            ))
        });
        let messages = match my_state {
            Some(HelperState::SignedUp | HelperState::Confirmed) => {
                Some(crate::requests::messages::thread(&mut conn, lang, id).await?)
            }
            _ => None,
        };
        Ok(NeedView::Helper(RequestForHelper {
            public,
            description: row.try_get("description")?,
            rough_place: row.try_get("rough_place")?,
            my_state,
            my_minutes,
            // The private part is read only for the helper who may see it.
            contact: if revealed {
                need_private(&mut conn, id)
                    .await?
                    .map(|p| contact(&p, false))
                    .transpose()?
            } else {
                None
            },
            messages,
            distance_m,
        }))
    }
}

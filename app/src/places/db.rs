//! SQL for meeting places, their hours and events.

use super::events::{next_start, StoredEvent};
use super::form::{CheckedEvent, CheckedPlace};
use super::{
    EventView, Feature, Hours, MapMarker, MeetingPlace, PlaceFilter, PlaceKind, PlacePage,
    PlacesEditor, PlacesPage,
};
use crate::audit::{db::record, Action, Event};
use crate::auth::policy::Roles;
use crate::auth::Viewer;
use crate::db::kept::{Topic, KEEP_VERSIONED};
use crate::db::{flag, now, Db};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::orgs::QuartierOption;
use sqlx::{AnyConnection, Row};

const PLACE_SQL: &str = "SELECT p.id, p.name, p.kind, p.street_address, p.opening_hours, p.lat,
        p.lon, p.step_free, p.accessible_toilet, p.hearing_loop, p.quiet_room,
        p.disabled_parking, p.languages, p.contact_phone, p.contact_email, p.description,
        p.organisation_id, q.slug AS quartier_slug, q.name AS quartier_name,
        o.name AS organisation_name, p.hidden_at
   FROM meeting_places p
   JOIN quartiere q ON q.id = p.quartier_id
   LEFT JOIN organisations o ON o.id = p.organisation_id";

/// Whether the viewer may edit the places, events and services of `organisation`:
/// its coordinators and admins, and the platform admin.
pub fn may_edit(roles: &Roles, organisation: i64) -> bool {
    roles.platform_admin || roles.coordinates(organisation) || roles.may_manage_team(organisation)
}

fn place_from(row: &sqlx::any::AnyRow) -> Result<MeetingPlace, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    let mut features = Vec::new();
    for f in Feature::ALL {
        if flag(row.try_get(f.slug())?) {
            features.push(f);
        }
    }
    let languages: String = row.try_get("languages")?;
    Ok(MeetingPlace {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        kind: PlaceKind::try_from(kind).map_err(|e| sqlx::Error::Decode(e.into()))?,
        quartier_slug: row.try_get("quartier_slug")?,
        quartier_name: row.try_get("quartier_name")?,
        organisation_id: row.try_get("organisation_id")?,
        organisation_name: row.try_get("organisation_name")?,
        street_address: row.try_get("street_address")?,
        lat: row.try_get("lat")?,
        lon: row.try_get("lon")?,
        hours: Vec::new(),
        hours_note: row.try_get("opening_hours")?,
        features,
        languages: languages
            .split(',')
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        phone: row.try_get("contact_phone")?,
        email: row.try_get("contact_email")?,
        description: row.try_get("description")?,
    })
}

/// Adds the opening hours to the places.
async fn with_hours(
    db: &Db,
    mut places: Vec<MeetingPlace>,
) -> Result<Vec<MeetingPlace>, sqlx::Error> {
    if places.is_empty() {
        return Ok(places);
    }
    // Ids are numbers from the database, so listing them in the text is safe.
    let ids: Vec<String> = places.iter().map(|p| p.id.to_string()).collect();
    let sql = format!(
        "SELECT place_id, weekday, start_minute, end_minute FROM place_hours
          WHERE place_id IN ({}) ORDER BY weekday, start_minute",
        ids.join(",")
    );
    for row in sqlx::query(&sql).fetch_all(db.pool()).await? {
        let id: i64 = row.try_get("place_id")?;
        let hours = Hours {
            weekday: row.try_get::<i64, _>("weekday")? as u8,
            start_minute: row.try_get::<i64, _>("start_minute")? as u16,
            end_minute: row.try_get::<i64, _>("end_minute")? as u16,
        };
        if let Some(p) = places.iter_mut().find(|p| p.id == id) {
            p.hours.push(hours);
        }
    }
    Ok(places)
}

/// Visible meeting places, by Quartier and name, at most `limit`: the home page shows
/// them to every visitor, so they are kept while the listing version stands.
pub async fn list_places(db: &Db, limit: i64) -> Result<Vec<MeetingPlace>, sqlx::Error> {
    let kept = db
        .kept(
            Topic::Listing,
            format!("places {limit}"),
            KEEP_VERSIONED,
            || load_places(db, limit),
        )
        .await?;
    Ok(kept.as_ref().clone())
}

async fn load_places(db: &Db, limit: i64) -> Result<Vec<MeetingPlace>, sqlx::Error> {
    let sql = format!(
        "{PLACE_SQL} WHERE p.hidden_at IS NULL ORDER BY q.name, p.name LIMIT {}",
        limit.clamp(1, 1000)
    );
    let places = sqlx::query(&sql)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(place_from)
        .collect::<Result<Vec<_>, _>>()?;
    with_hours(db, places).await
}

/// `/places` with its filter; an unknown Quartier is named.
pub async fn places_page(
    db: &Db,
    filter: &PlaceFilter,
    tiles: Option<String>,
) -> Result<PlacesPage, AppError> {
    let quartiere = crate::orgs::db::list_quartier_options(db).await?;
    let mut centre = None;
    if let Some(slug) = &filter.quartier {
        let row = sqlx::query("SELECT centre_lat, centre_lon FROM quartiere WHERE slug = $1")
            .bind(slug)
            .fetch_optional(db.pool())
            .await?
            .ok_or_else(|| AppError::validation("quartier", Problem::Unknown))?;
        centre = Some((
            row.try_get::<f64, _>("centre_lat")?,
            row.try_get::<f64, _>("centre_lon")?,
        ));
    }
    let mut sql = format!("{PLACE_SQL} WHERE p.hidden_at IS NULL");
    if filter.quartier.is_some() {
        sql.push_str(" AND q.slug = $1");
    }
    if let Some(kind) = filter.kind {
        // Slugs come from a fixed list, never from the request.
        sql.push_str(&format!(" AND p.kind = '{}'", kind.slug()));
    }
    for f in &filter.features {
        sql.push_str(&format!(" AND p.{} = 1", f.slug()));
    }
    sql.push_str(" ORDER BY q.name, p.name LIMIT 500");
    let mut query = sqlx::query(&sql);
    if let Some(slug) = &filter.quartier {
        query = query.bind(slug);
    }
    let places = query
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(place_from)
        .collect::<Result<Vec<_>, _>>()?;
    let places = with_hours(db, places).await?;
    let markers = places
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            Some(MapMarker {
                number: i + 1,
                place_id: p.id,
                name: p.name.clone(),
                lat: p.lat?,
                lon: p.lon?,
            })
        })
        .collect();
    Ok(PlacesPage {
        places,
        quartiere,
        map: centre.zip(tiles).map(|((lat, lon), t)| (lat, lon, t)),
        markers,
    })
}

/// A place by id, hidden or not, and whether it is hidden.
async fn place_by_id(db: &Db, id: i64) -> Result<(MeetingPlace, bool), AppError> {
    let row = sqlx::query(&format!("{PLACE_SQL} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(AppError::NotFound)?;
    let hidden = row.try_get::<Option<i64>, _>("hidden_at")?.is_some();
    let place = place_from(&row)?;
    Ok((with_hours(db, vec![place]).await?.remove(0), hidden))
}

/// The events of a place that have not ended, each at its next date.
pub async fn stored_events(db: &Db, place_id: i64) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let at = now();
    let mut events: Vec<StoredEvent> = sqlx::query(
        "SELECT e.id, e.place_id, p.name AS place_name, p.street_address, e.title,
                e.description, e.starts_at, e.duration_minutes, e.weekly
           FROM place_events e JOIN meeting_places p ON p.id = e.place_id
          WHERE e.place_id = $1 AND p.hidden_at IS NULL
          ORDER BY e.starts_at LIMIT 200",
    )
    .bind(place_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(stored_event_from)
    .collect::<Result<Vec<_>, _>>()?;
    events.retain_mut(
        |e| match next_start(e.starts_at, e.duration_minutes, e.weekly, at) {
            Some(start) => {
                e.starts_at = start;
                true
            }
            None => false,
        },
    );
    events.sort_by_key(|e| e.starts_at);
    Ok(events)
}

fn stored_event_from(row: &sqlx::any::AnyRow) -> Result<StoredEvent, sqlx::Error> {
    Ok(StoredEvent {
        id: row.try_get("id")?,
        place_id: row.try_get("place_id")?,
        place_name: row.try_get("place_name")?,
        street_address: row.try_get("street_address")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        starts_at: row.try_get("starts_at")?,
        duration_minutes: row.try_get("duration_minutes")?,
        weekly: flag(row.try_get("weekly")?),
    })
}

/// One event of a visible place, as stored (its first date).
pub async fn stored_event(db: &Db, id: i64) -> Result<Option<StoredEvent>, sqlx::Error> {
    sqlx::query(
        "SELECT e.id, e.place_id, p.name AS place_name, p.street_address, e.title,
                e.description, e.starts_at, e.duration_minutes, e.weekly
           FROM place_events e JOIN meeting_places p ON p.id = e.place_id
          WHERE e.id = $1 AND p.hidden_at IS NULL",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .as_ref()
    .map(stored_event_from)
    .transpose()
}

/// `/places/{id}`: a hidden place is not found, except for those who may edit it.
pub async fn place_page(
    db: &Db,
    viewer: Option<&Viewer>,
    id: i64,
    tiles: Option<String>,
) -> Result<PlacePage, AppError> {
    let (place, hidden) = place_by_id(db, id).await?;
    let may_edit = viewer
        .zip(place.organisation_id)
        .is_some_and(|(v, org)| may_edit(&v.roles, org));
    if hidden && !may_edit {
        return Err(AppError::NotFound);
    }
    let lang = crate::i18n::request_lang();
    // Who comes to which event, in one query for all events of the place.
    let mut attendance = std::collections::HashMap::new();
    for row in sqlx::query(
        "SELECT a.event_id, COUNT(*) AS coming,
                SUM(CASE WHEN a.user_id = $2 THEN 1 ELSE 0 END) AS mine
           FROM event_attendance a JOIN place_events e ON e.id = a.event_id
          WHERE e.place_id = $1
          GROUP BY a.event_id",
    )
    .bind(id)
    .bind(viewer.map_or(0, |v| v.id))
    .fetch_all(db.pool())
    .await?
    {
        let event: i64 = row.try_get("event_id")?;
        let coming: i64 = row.try_get("coming")?;
        let mine: Option<i64> = row.try_get("mine")?;
        attendance.insert(event, (coming, mine.unwrap_or(0) > 0));
    }
    let events = stored_events(db, id)
        .await?
        .into_iter()
        .map(|e| {
            let (coming, i_come) = attendance.get(&e.id).copied().unwrap_or((0, false));
            EventView {
                id: e.id,
                when: event_when(lang, &e),
                title: e.title,
                description: e.description,
                weekly: e.weekly,
                coming,
                i_come,
            }
        })
        .collect();
    Ok(PlacePage {
        place,
        events,
        signed_in: viewer.is_some(),
        may_edit,
        map_tiles: tiles,
    })
}

fn event_when(lang: Lang, e: &StoredEvent) -> String {
    let (day, time) =
        crate::requests::when::labels(lang, e.starts_at, e.starts_at + e.duration_minutes * 60);
    format!("{day}, {time}")
}

/// The organisations the viewer may edit for, with their names.
async fn editable_organisations(
    db: &Db,
    viewer: &Viewer,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, name FROM organisations ORDER BY name")
        .fetch_all(db.pool())
        .await?;
    let mut list = Vec::new();
    for row in rows {
        let id: i64 = row.try_get("id")?;
        if may_edit(&viewer.roles, id) {
            list.push((id, row.try_get("name")?));
        }
    }
    Ok(list)
}

/// The Quartiere served by the given organisations.
pub async fn served_quartiere(
    db: &Db,
    organisations: &[i64],
) -> Result<Vec<QuartierOption>, sqlx::Error> {
    if organisations.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = organisations.iter().map(i64::to_string).collect();
    let sql = format!(
        "SELECT DISTINCT q.slug, q.name FROM quartiere q
           JOIN organisation_quartiere oq ON oq.quartier_id = q.id
          WHERE oq.organisation_id IN ({}) ORDER BY q.name",
        ids.join(",")
    );
    sqlx::query_as(&sql).fetch_all(db.pool()).await
}

/// `/coordinator/places`.
pub async fn editor(
    db: &Db,
    viewer: &Viewer,
    editing: Option<i64>,
    tiles: Option<String>,
) -> Result<PlacesEditor, AppError> {
    let organisations = editable_organisations(db, viewer).await?;
    let ids: Vec<i64> = organisations.iter().map(|(id, _)| *id).collect();
    let quartiere = served_quartiere(db, &ids).await?;
    let places = if ids.is_empty() {
        Vec::new()
    } else {
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        let sql = format!(
            "{PLACE_SQL} WHERE p.organisation_id IN ({}) ORDER BY q.name, p.name LIMIT 1000",
            list.join(",")
        );
        let places = sqlx::query(&sql)
            .fetch_all(db.pool())
            .await?
            .iter()
            .map(place_from)
            .collect::<Result<Vec<_>, _>>()?;
        with_hours(db, places).await?
    };
    let editing = match editing {
        Some(id) => Some(
            places
                .iter()
                .find(|p| p.id == id)
                .cloned()
                .ok_or_else(|| AppError::validation("place", Problem::OtherOrganisation))?,
        ),
        None => None,
    };
    Ok(PlacesEditor {
        organisations,
        quartiere,
        places,
        editing,
        map_tiles: tiles,
    })
}

/// Whether `organisation` serves the Quartier.
pub async fn serves(
    conn: &mut AnyConnection,
    organisation: i64,
    quartier: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "SELECT 1 AS one FROM organisation_quartiere WHERE organisation_id = $1 AND quartier_id = $2",
    )
    .bind(organisation)
    .bind(quartier)
    .fetch_optional(&mut *conn)
    .await?
    .is_some())
}

/// Inserts or updates a place of `organisation` with its hours, in the caller's
/// transaction. Updating a place of another organisation is refused.
pub async fn save_place(
    conn: &mut AnyConnection,
    organisation: i64,
    place: Option<i64>,
    p: &CheckedPlace,
) -> Result<i64, AppError> {
    if !serves(conn, organisation, p.quartier_id).await? {
        return Err(AppError::validation("quartier", Problem::OtherOrganisation));
    }
    let has = |f: Feature| i64::from(p.features.contains(&f));
    let languages = p.languages.join(",");
    let at = now();
    let id: i64 = match place {
        Some(id) => {
            let owner: Option<i64> =
                sqlx::query("SELECT organisation_id FROM meeting_places WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?
                    .ok_or_else(|| AppError::validation("place", Problem::Unknown))?
                    .try_get("organisation_id")?;
            if owner != Some(organisation) {
                return Err(AppError::validation("place", Problem::OtherOrganisation));
            }
            id
        }
        // A new place starts as a bare row; the update below fills every field, so
        // both paths write the same columns.
        None => sqlx::query(
            "INSERT INTO meeting_places (quartier_id, organisation_id, name, kind, street_address,
                                         opening_hours, created_at)
             VALUES ($1, $2, $3, $4, $5, '', $6) RETURNING id",
        )
        .bind(p.quartier_id)
        .bind(organisation)
        .bind(&p.name)
        .bind(p.kind.slug())
        .bind(&p.street_address)
        .bind(at)
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")?,
    };
    sqlx::query(
        "UPDATE meeting_places SET quartier_id = $2, name = $3, kind = $4,
                street_address = $5, opening_hours = $6, step_free = $7,
                description = $8, lat = $9, lon = $10, accessible_toilet = $11,
                hearing_loop = $12, quiet_room = $13, disabled_parking = $14,
                languages = $15, contact_phone = $16, contact_email = $17,
                updated_at = $18
          WHERE id = $1",
    )
    .bind(id)
    .bind(p.quartier_id)
    .bind(&p.name)
    .bind(p.kind.slug())
    .bind(&p.street_address)
    .bind(&p.hours_note)
    .bind(has(Feature::StepFree))
    .bind(&p.description)
    .bind(p.point.lat)
    .bind(p.point.lon)
    .bind(has(Feature::AccessibleToilet))
    .bind(has(Feature::HearingLoop))
    .bind(has(Feature::QuietRoom))
    .bind(has(Feature::DisabledParking))
    .bind(&languages)
    .bind(&p.phone)
    .bind(&p.email)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM place_hours WHERE place_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for h in &p.hours {
        sqlx::query(
            "INSERT INTO place_hours (place_id, weekday, start_minute, end_minute)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(i64::from(h.weekday))
        .bind(i64::from(h.start_minute))
        .bind(i64::from(h.end_minute))
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Saves a place for the viewer, audited, in one transaction.
pub async fn save_place_for(
    db: &Db,
    viewer: &Viewer,
    organisation: i64,
    place: Option<i64>,
    p: &CheckedPlace,
) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    let id = save_place(&mut tx, organisation, place, p).await?;
    record(
        &mut tx,
        Event {
            action: Action::PlaceSaved,
            actor: Some(viewer.id),
            subject: None,
            organisation: Some(organisation),
            detail: format!("place {id}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds an event to a place of `organisation`.
pub async fn add_event(
    conn: &mut AnyConnection,
    organisation: i64,
    place: i64,
    created_by: Option<i64>,
    e: &CheckedEvent,
) -> Result<i64, AppError> {
    let owner: Option<i64> =
        sqlx::query("SELECT organisation_id FROM meeting_places WHERE id = $1")
            .bind(place)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| AppError::validation("place", Problem::Unknown))?
            .try_get("organisation_id")?;
    if owner != Some(organisation) {
        return Err(AppError::validation("place", Problem::OtherOrganisation));
    }
    Ok(sqlx::query(
        "INSERT INTO place_events (place_id, title, description, starts_at, duration_minutes,
                                   weekly, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(place)
    .bind(&e.title)
    .bind(&e.description)
    .bind(e.starts_at)
    .bind(e.duration_minutes)
    .bind(i64::from(e.weekly))
    .bind(created_by)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?)
}

/// "I'll come" or, a second time, "I won't come after all"; answers whether the
/// person now comes. An unknown event or one of a hidden place is not found.
pub async fn toggle_attendance(db: &Db, event: i64, user: i64) -> Result<bool, AppError> {
    if stored_event(db, event).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let mut tx = db.begin_write().await?;
    let removed = sqlx::query("DELETE FROM event_attendance WHERE event_id = $1 AND user_id = $2")
        .bind(event)
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if removed == 0 {
        sqlx::query(
            "INSERT INTO event_attendance (event_id, user_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (event_id, user_id) DO NOTHING",
        )
        .bind(event)
        .bind(user)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(removed == 0)
}

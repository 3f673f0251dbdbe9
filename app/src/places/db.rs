//! SQL for meeting places.

use super::{MeetingPlace, PlaceKind};
use crate::db::{flag, now, Db};
use sqlx::{AnyConnection, Row};

pub struct NewPlace<'a> {
    pub quartier_id: i64,
    pub organisation_id: Option<i64>,
    pub name: &'a str,
    pub kind: PlaceKind,
    pub street_address: &'a str,
    pub opening_hours: &'a str,
    pub step_free: bool,
    pub description: &'a str,
}

pub async fn insert_place(conn: &mut AnyConnection, p: &NewPlace<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO meeting_places (quartier_id, organisation_id, name, kind, street_address,
                                     opening_hours, step_free, description, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(p.quartier_id)
    .bind(p.organisation_id)
    .bind(p.name)
    .bind(p.kind.slug())
    .bind(p.street_address)
    .bind(p.opening_hours)
    .bind(i64::from(p.step_free))
    .bind(p.description)
    .bind(now())
    .fetch_one(conn)
    .await?
    .try_get("id")
}

/// Meeting places, grouped by Quartier, at most `limit`.
pub async fn list_places(db: &Db, limit: i64) -> Result<Vec<MeetingPlace>, sqlx::Error> {
    let sql = format!(
        "SELECT p.id, p.name, p.kind, p.street_address, p.opening_hours, p.step_free,
                p.description, q.name AS quartier_name
           FROM meeting_places p JOIN quartiere q ON q.id = p.quartier_id
          ORDER BY q.name, p.name LIMIT {}",
        limit.clamp(1, 1000)
    );
    sqlx::query(&sql)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok(MeetingPlace {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                kind: PlaceKind::try_from(kind).map_err(|e| sqlx::Error::Decode(e.into()))?,
                quartier_name: row.try_get("quartier_name")?,
                street_address: row.try_get("street_address")?,
                opening_hours: row.try_get("opening_hours")?,
                step_free: flag(row.try_get("step_free")?),
                description: row.try_get("description")?,
            })
        })
        .collect()
}

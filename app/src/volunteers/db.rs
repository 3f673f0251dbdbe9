//! SQL for volunteers.

use crate::db::now;
use sqlx::{AnyConnection, Row};

pub struct NewVolunteer<'a> {
    pub quartier_id: i64,
    pub display_name: &'a str,
    /// An approximate home point, never the exact address.
    pub home_lat: f64,
    pub home_lon: f64,
    pub radius_km: f64,
    /// Language codes, comma separated ("de,tr").
    pub languages: &'a str,
    /// Skill names, comma separated.
    pub skills: &'a str,
}

pub async fn insert_volunteer(
    conn: &mut AnyConnection,
    v: &NewVolunteer<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO volunteers (quartier_id, display_name, home_lat, home_lon, radius_km,
                                 languages, skills, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(v.quartier_id)
    .bind(v.display_name)
    .bind(v.home_lat)
    .bind(v.home_lon)
    .bind(v.radius_km)
    .bind(v.languages)
    .bind(v.skills)
    .bind(now())
    .fetch_one(conn)
    .await?
    .try_get("id")
}

//! SQL for organisations and Quartiere.

use super::{OrganisationContact, QuartierKind, QuartierOption, QuartierSummary};
use crate::db::kept::{Topic, KEEP_TIMED, KEEP_VERSIONED};
use crate::db::{now, Db};
use crate::matching::geo::GeoPoint;
use sqlx::{AnyConnection, Row};
use std::sync::Arc;

pub struct NewOrganisation<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

pub struct NewQuartier<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: QuartierKind,
    pub municipality: &'a str,
    pub centre_lat: f64,
    pub centre_lon: f64,
}

pub async fn insert_organisation(
    conn: &mut AnyConnection,
    org: &NewOrganisation<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO organisations (slug, name, kind, phone, email, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(org.slug)
    .bind(org.name)
    .bind(org.kind)
    .bind(org.phone)
    .bind(org.email)
    .bind(now())
    .fetch_one(conn)
    .await?
    .try_get("id")
}

pub async fn insert_quartier(
    conn: &mut AnyConnection,
    q: &NewQuartier<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO quartiere (slug, name, kind, municipality, centre_lat, centre_lon, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(q.slug)
    .bind(q.name)
    .bind(q.kind.as_str())
    .bind(q.municipality)
    .bind(q.centre_lat)
    .bind(q.centre_lon)
    .bind(now())
    .fetch_one(conn)
    .await?
    .try_get("id")
}

/// Records that an organisation works in a Quartier.
pub async fn link_organisation_quartier(
    conn: &mut AnyConnection,
    organisation_id: i64,
    quartier_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO organisation_quartiere (organisation_id, quartier_id) VALUES ($1, $2)
         ON CONFLICT (organisation_id, quartier_id) DO NOTHING",
    )
    .bind(organisation_id)
    .bind(quartier_id)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn count_organisations(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM organisations")
        .fetch_one(db.pool())
        .await?
        .try_get("n")
}

/// The id of the Quartier with this slug, if there is one.
pub async fn quartier_id_by_slug(db: &Db, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    Ok(kept_quartiere(db)
        .await?
        .iter()
        .find(|q| q.slug == slug)
        .map(|q| q.id))
}

/// A Quartier's centre from a row with its `centre_lat` and `centre_lon`.
pub fn quartier_centre(row: &sqlx::any::AnyRow) -> Result<GeoPoint, sqlx::Error> {
    Ok(GeoPoint {
        lat: row.try_get("centre_lat")?,
        lon: row.try_get("centre_lon")?,
    })
}

/// A Quartier as lists and their filters use it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedQuartier {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub centre: GeoPoint,
}

/// Every Quartier by name, kept while the data version stands: the needs list reads it
/// for its filter form, the filter's check and the distance filter on every view.
pub async fn kept_quartiere(db: &Db) -> Result<Arc<Vec<ListedQuartier>>, sqlx::Error> {
    db.kept(
        Topic::Listing,
        "quartiere".into(),
        KEEP_VERSIONED,
        || async {
            sqlx::query(
                "SELECT id, slug, name, centre_lat, centre_lon FROM quartiere ORDER BY name",
            )
            .fetch_all(db.pool())
            .await?
            .iter()
            .map(|row| {
                Ok(ListedQuartier {
                    id: row.try_get("id")?,
                    slug: row.try_get("slug")?,
                    name: row.try_get("name")?,
                    centre: quartier_centre(row)?,
                })
            })
            .collect()
        },
    )
    .await
}

/// The slug of the Quartier with this id, if there is one.
pub async fn quartier_slug(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT slug FROM quartiere WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .map(|row| row.try_get("slug"))
        .transpose()
}

pub async fn list_quartier_options(db: &Db) -> Result<Vec<QuartierOption>, sqlx::Error> {
    Ok(kept_quartiere(db)
        .await?
        .iter()
        .map(|q| QuartierOption {
            slug: q.slug.clone(),
            name: q.name.clone(),
        })
        .collect())
}

/// Every Quartier with its count of open needs and the organisations working there,
/// kept while the data version stands: the home page shows it to every visitor.
pub async fn list_quartier_summaries(db: &Db) -> Result<Vec<QuartierSummary>, sqlx::Error> {
    let kept = db
        .kept(
            Topic::Listing,
            "quartier summaries".into(),
            KEEP_TIMED,
            || load_quartier_summaries(db),
        )
        .await?;
    Ok(kept.as_ref().clone())
}

async fn load_quartier_summaries(db: &Db) -> Result<Vec<QuartierSummary>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT q.id, q.slug, q.name, q.kind, q.municipality FROM quartiere q ORDER BY q.kind, q.name",
    )
    .fetch_all(db.pool())
    .await?;
    // Open needs per Quartier, each counted up to one past the cap (see `COUNT_CAP`).
    let mut open_needs = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let n: i64 = sqlx::query(&format!(
            "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM needs n
              WHERE n.quartier_id = $1 AND n.status = 'open' AND n.ends_at > $2 LIMIT {}) AS c",
            crate::requests::COUNT_CAP + 1
        ))
        .bind(id)
        .bind(now())
        .fetch_one(db.pool())
        .await?
        .try_get("n")?;
        open_needs.push(n);
    }
    let links = sqlx::query(
        "SELECT oq.quartier_id, o.name FROM organisation_quartiere oq
           JOIN organisations o ON o.id = oq.organisation_id ORDER BY o.name",
    )
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .zip(open_needs)
        .map(|(row, open_needs)| {
            let id: i64 = row.try_get("id")?;
            let kind: String = row.try_get("kind")?;
            let organisations = links
                .iter()
                .filter(|l| l.try_get::<i64, _>("quartier_id").ok() == Some(id))
                .filter_map(|l| l.try_get::<String, _>("name").ok())
                .collect();
            Ok(QuartierSummary {
                id,
                slug: row.try_get("slug")?,
                name: row.try_get("name")?,
                kind: QuartierKind::try_from(kind).map_err(|e| sqlx::Error::Decode(e.into()))?,
                municipality: row.try_get("municipality")?,
                open_needs,
                organisations,
            })
        })
        .collect()
}

pub async fn list_organisation_contacts(db: &Db) -> Result<Vec<OrganisationContact>, sqlx::Error> {
    sqlx::query_as("SELECT name, phone, email FROM organisations ORDER BY name")
        .fetch_all(db.pool())
        .await
}

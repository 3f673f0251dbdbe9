//! SQL for help needs. The public part (`needs`) and the private part (`need_private`)
//! live in separate tables; teaser queries never touch the private one.

use super::filter::ValidFilter;
use super::{when, Category, NeedList, NeedStatus, NeedTeaser};
use crate::db::kept::{Topic, KEEP_TIMED, KEEP_VERSIONED};
use crate::db::{now, Db};
use crate::i18n::Lang;
use crate::matching::geo::{haversine_km, GeoPoint};
use sqlx::{AnyConnection, Row};

pub struct NewNeed<'a> {
    pub organisation_id: i64,
    pub quartier_id: i64,
    pub category: Category,
    pub title: &'a str,
    pub description: &'a str,
    pub status: NeedStatus,
    pub helpers_needed: i64,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// Who the need is for and where: shown only after a helper is confirmed.
pub struct NeedPrivate<'a> {
    pub contact_name: &'a str,
    pub street_address: &'a str,
    pub phone: &'a str,
    pub notes: &'a str,
}

/// Inserts both parts of a need. Call it inside a transaction so that no need is left
/// without its private part.
pub async fn insert_need(
    conn: &mut AnyConnection,
    need: &NewNeed<'_>,
    private: &NeedPrivate<'_>,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query(
        "INSERT INTO needs (organisation_id, quartier_id, category, title, description, status,
                            helpers_needed, starts_at, ends_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(need.organisation_id)
    .bind(need.quartier_id)
    .bind(need.category.slug())
    .bind(need.title)
    .bind(need.description)
    .bind(need.status.as_str())
    .bind(need.helpers_needed)
    .bind(need.starts_at)
    .bind(need.ends_at)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    sqlx::query(
        "INSERT INTO need_private (need_id, contact_name, street_address, phone, notes)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(private.contact_name)
    .bind(private.street_address)
    .bind(private.phone)
    .bind(private.notes)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// A WHERE clause built from the filter, with its values in placeholder order.
struct Conditions {
    sql: String,
    now: i64,
    quartier: Option<String>,
    category: Option<&'static str>,
    from: Option<i64>,
    to: Option<i64>,
}

/// The Quartiere whose centre lies within `km` of `home`.
async fn quartiere_within(db: &Db, home: GeoPoint, km: u32) -> Result<Vec<i64>, sqlx::Error> {
    Ok(crate::orgs::db::kept_quartiere(db)
        .await?
        .iter()
        .filter(|q| haversine_km(home, q.centre) <= f64::from(km))
        .map(|q| q.id)
        .collect())
}

/// A volunteer's approximate home point: the one of their profile, else the centre of
/// the first Quartier they help in. Takes the caller's connection: a page that already
/// holds one must not wait for a second (under load the pool would run dry).
pub async fn volunteer_home(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
) -> Result<Option<GeoPoint>, sqlx::Error> {
    // The profile's approximate home point; else the centre of the first Quartier.
    sqlx::query(
        "SELECT home_lat AS lat, home_lon AS lon, 0 AS fallback FROM volunteers WHERE user_id = $1
         UNION ALL
         SELECT q.centre_lat AS lat, q.centre_lon AS lon, 1 + q.id AS fallback
           FROM quartier_members m JOIN quartiere q ON q.id = m.quartier_id
          WHERE m.user_id = $1 AND m.role = 'volunteer'
         ORDER BY fallback LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    .map(|row| {
        Ok(GeoPoint {
            lat: row.try_get("lat")?,
            lon: row.try_get("lon")?,
        })
    })
    .transpose()
}

/// A volunteer's home point, kept while the accounts version stands (a profile or
/// membership change raises it): the list reads it on every view of a volunteer.
pub async fn kept_volunteer_home(
    db: &Db,
    user_id: i64,
) -> Result<std::sync::Arc<Option<GeoPoint>>, sqlx::Error> {
    db.kept(
        Topic::Accounts,
        format!("home {user_id}"),
        KEEP_VERSIONED,
        || async {
            let mut conn = db.pool().acquire().await?;
            volunteer_home(&mut conn, user_id).await
        },
    )
    .await
}

/// The start of a Berlin day, in UTC epoch seconds.
fn day_start((y, m, d): (i32, u32, u32)) -> Option<i64> {
    use chrono::TimeZone;
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    chrono_tz::Europe::Berlin
        .from_local_datetime(&date.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.timestamp())
}

impl Conditions {
    fn new(filter: &ValidFilter, now: i64, near: Option<&[i64]>) -> Self {
        let mut sql = String::from("n.status = 'open' AND n.hidden_at IS NULL AND n.ends_at > $1");
        let mut next = 2;
        if filter.quartier_slug.is_some() {
            sql.push_str(&format!(" AND q.slug = ${next}"));
            next += 1;
        }
        if filter.category.is_some() {
            sql.push_str(&format!(" AND n.category = ${next}"));
            next += 1;
        }
        let from = filter.from.and_then(day_start);
        if from.is_some() {
            sql.push_str(&format!(" AND n.starts_at >= ${next}"));
            next += 1;
        }
        // Up to the end of the last day: the start of the day after it.
        let to = filter.to.and_then(day_start).map(|t| t + 86_400);
        if to.is_some() {
            sql.push_str(&format!(" AND n.starts_at < ${next}"));
        }
        if let Some(ids) = near {
            // Numbers from our own table, so they can stand in the statement.
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            if list.is_empty() {
                sql.push_str(" AND 1 = 0");
            } else {
                sql.push_str(&format!(" AND n.quartier_id IN ({})", list.join(", ")));
            }
        }
        Conditions {
            sql,
            now,
            quartier: filter.quartier_slug.clone(),
            category: filter.category.map(Category::slug),
            from,
            to,
        }
    }

    fn bind<'q>(
        &'q self,
        mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        query = query.bind(self.now);
        if let Some(q) = &self.quartier {
            query = query.bind(q.as_str());
        }
        if let Some(c) = self.category {
            query = query.bind(c);
        }
        if let Some(from) = self.from {
            query = query.bind(from);
        }
        if let Some(to) = self.to {
            query = query.bind(to);
        }
        query
    }
}

/// Open needs whose time has not passed, at most `limit` of them, with the count of all
/// that match (up to the cap). A
/// volunteer's home point (`Some`) adds the description and the approximate distance,
/// and makes the filter's distance apply.
pub async fn list_open_teasers(
    db: &Db,
    filter: &ValidFilter,
    lang: Lang,
    limit: i64,
    volunteer_home: Option<GeoPoint>,
) -> Result<NeedList, sqlx::Error> {
    let near = match (volunteer_home, filter.km) {
        (Some(home), Some(km)) => Some(quartiere_within(db, home, km).await?),
        _ => None,
    };
    let now = now();
    let cond = Conditions::new(filter, now, near.as_deref());
    let list_sql = format!(
        "SELECT n.id, n.category, n.title, n.description, n.helpers_needed, n.helpers_filled,
                n.starts_at, n.ends_at, q.name AS quartier_name, q.slug AS quartier_slug,
                q.centre_lat, q.centre_lon
           FROM needs n JOIN quartiere q ON q.id = n.quartier_id
          WHERE {} ORDER BY {} LIMIT {} OFFSET {}",
        cond.sql,
        match filter.sort {
            super::filter::Sort::Soonest => "n.starts_at, n.id",
            super::filter::Sort::Newest => "n.created_at DESC, n.id DESC",
        },
        limit.clamp(1, 500),
        (filter.page - 1).clamp(0, super::filter::MAX_PAGE) * limit.clamp(1, 500)
    );
    // Everyone who reads a filter gets the same rows; only the words (language) and the
    // distances (volunteers) differ, and those are made per reader from the kept rows.
    let key = format!(
        "needs {list_sql} {:?} {:?} {:?} {:?}",
        cond.quartier, cond.category, cond.from, cond.to
    );
    let page = db
        .kept(Topic::Listing, key, KEEP_TIMED, || {
            load_open_page(db, &cond, &list_sql)
        })
        .await?;
    let needs = page
        .rows
        .iter()
        // A kept page may be a few seconds old: a need whose end has passed since goes.
        .filter(|need| need.ends_at > now)
        .map(|need| need.teaser(lang, volunteer_home))
        .collect();
    Ok(NeedList {
        needs,
        total: page.total,
    })
}

/// A page of open needs as stored, before it is put into the reader's words.
struct OpenPage {
    rows: Vec<ListedNeed>,
    total: i64,
}

struct ListedNeed {
    id: i64,
    category: Category,
    title: String,
    description: String,
    helpers_needed: i64,
    helpers_filled: i64,
    starts_at: i64,
    ends_at: i64,
    quartier_name: String,
    quartier_slug: String,
    centre: GeoPoint,
}

async fn load_open_page(
    db: &Db,
    cond: &Conditions,
    list_sql: &str,
) -> Result<OpenPage, sqlx::Error> {
    // Counted up to one past the cap: enough to say "more than".
    let count_sql = format!(
        "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM needs n JOIN quartiere q ON q.id = n.quartier_id
          WHERE {} LIMIT {}) AS c",
        cond.sql,
        super::COUNT_CAP + 1
    );
    let total: i64 = cond
        .bind(sqlx::query(&count_sql))
        .fetch_one(db.pool())
        .await?
        .try_get("n")?;
    let rows = cond
        .bind(sqlx::query(list_sql))
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(ListedNeed::from_row)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(OpenPage { rows, total })
}

/// A distance rounded to 100 m, as shown.
pub fn rounded_metres(km: f64) -> i64 {
    ((km * 10.0).round() as i64) * 100
}

impl ListedNeed {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<ListedNeed, sqlx::Error> {
        let category: String = row.try_get("category")?;
        Ok(ListedNeed {
            id: row.try_get("id")?,
            category: Category::try_from(category).map_err(|e| sqlx::Error::Decode(e.into()))?,
            title: row.try_get("title")?,
            description: row.try_get("description")?,
            helpers_needed: row.try_get("helpers_needed")?,
            helpers_filled: row.try_get("helpers_filled")?,
            starts_at: row.try_get("starts_at")?,
            ends_at: row.try_get("ends_at")?,
            quartier_name: row.try_get("quartier_name")?,
            quartier_slug: row.try_get("quartier_slug")?,
            centre: crate::orgs::db::quartier_centre(row)?,
        })
    }

    /// The teaser in the reader's language; a volunteer's home point adds the task and
    /// the approximate distance.
    fn teaser(&self, lang: Lang, volunteer_home: Option<GeoPoint>) -> NeedTeaser {
        let (day_label, time_label) = when::labels(lang, self.starts_at, self.ends_at);
        NeedTeaser {
            id: self.id,
            category: self.category,
            title: self.title.clone(),
            quartier_name: self.quartier_name.clone(),
            quartier_slug: self.quartier_slug.clone(),
            day_label,
            time_label,
            helpers_needed: self.helpers_needed,
            helpers_filled: self.helpers_filled,
            description: volunteer_home
                .map(|_| self.description.clone())
                .filter(|d| !d.is_empty()),
            distance_m: volunteer_home.map(|home| rounded_metres(haversine_km(home, self.centre))),
        }
    }
}

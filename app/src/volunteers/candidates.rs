//! Reads what the matching engine needs from the database: a need as a [`NeedSpec`]
//! and the volunteers who could reach it as [`VolunteerSpec`]s. The engine itself stays
//! pure; this is the only place that turns rows into its input.

use crate::db::now;
use crate::matching::geo::GeoPoint;
use crate::matching::{Gender, NeedSpec, VolunteerSpec, WeeklySlot};
use crate::requests::Category;
use crate::volunteers::Mobility;
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Timelike};
use chrono_tz::Europe::Berlin;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// Kilometres per degree of latitude.
const KM_PER_DEGREE: f64 = 111.32;
use crate::volunteers::profile::MAX_RADIUS_KM;
/// The recent past that counts for fairness.
const RECENT_SECS: i64 = 30 * 24 * 3600;

/// A need with what the pages show of it.
#[derive(Debug, Clone)]
pub struct NeedRow {
    pub spec: NeedSpec,
    pub organisation_id: i64,
    pub quartier_id: i64,
    pub quartier_name: String,
    pub title: String,
    pub status: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub places_left: i64,
    /// A same-gender need without a stated gender: nobody may be offered.
    pub gender_unknown: bool,
}

/// The local weekday and minutes of a need's time (a need ending after midnight counts
/// until the end of its first day).
pub fn local_slot(starts_at: i64, ends_at: i64) -> WeeklySlot {
    let local = |t: i64| {
        DateTime::from_timestamp(t, 0)
            .unwrap_or_default()
            .with_timezone(&Berlin)
    };
    let (start, end) = (local(starts_at), local(ends_at));
    let start_minute = (start.hour() * 60 + start.minute()) as u16;
    let end_minute = if end.date_naive() != start.date_naive() {
        1440
    } else {
        (end.hour() * 60 + end.minute()) as u16
    };
    WeeklySlot {
        weekday: start.weekday().num_days_from_monday() as u8,
        start_minute,
        end_minute: end_minute.max(start_minute),
    }
}

/// Monday 00:00 of the local week holding `at`, and the Monday after (epoch seconds).
pub fn week_of(at: i64) -> (i64, i64) {
    let local = DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&Berlin);
    let monday =
        local.date_naive() - Duration::days(i64::from(local.weekday().num_days_from_monday()));
    let start_of = |day: chrono::NaiveDate| {
        Berlin
            .from_local_datetime(&day.and_time(NaiveTime::MIN))
            .earliest()
            .map(|t| t.timestamp())
            .unwrap_or(at)
    };
    (start_of(monday), start_of(monday + Duration::days(7)))
}

const NEED_COLUMNS: &str = "n.id, n.organisation_id, n.quartier_id, q.name AS quartier_name,
    q.centre_lat, q.centre_lon, n.category, n.title, n.status, n.starts_at, n.ends_at,
    n.helpers_needed, n.helpers_filled, n.language, n.helper_gender, n.same_gender,
    n.needs_car, n.posted_by";

fn need_from_row(row: &sqlx::any::AnyRow) -> Result<NeedRow, sqlx::Error> {
    let starts_at: i64 = row.try_get("starts_at")?;
    let ends_at: i64 = row.try_get("ends_at")?;
    let needed: i64 = row.try_get("helpers_needed")?;
    let filled: i64 = row.try_get("helpers_filled")?;
    let category: String = row.try_get("category")?;
    let (same_gender, gender_unknown) = gender_rule(row)?;
    let places_left = (needed - filled).max(0);
    Ok(NeedRow {
        spec: NeedSpec {
            id: row.try_get("id")?,
            category: Category::from_slug(&category).unwrap_or(Category::Other),
            place: GeoPoint {
                lat: row.try_get("centre_lat")?,
                lon: row.try_get("centre_lon")?,
            },
            slot: local_slot(starts_at, ends_at),
            helpers_needed: u32::try_from(places_left).unwrap_or(0),
            same_gender,
            language: row.try_get("language")?,
            needs_car: row.try_get::<i64, _>("needs_car")? == 1,
            neighbour_id: row.try_get("posted_by")?,
        },
        organisation_id: row.try_get("organisation_id")?,
        quartier_id: row.try_get("quartier_id")?,
        quartier_name: row.try_get("quartier_name")?,
        title: row.try_get("title")?,
        status: row.try_get("status")?,
        starts_at,
        ends_at,
        places_left,
        gender_unknown,
    })
}

/// A need's same-gender rule from its `same_gender` and `helper_gender` columns: the
/// gender asked for, and whether the rule is on without a gender stated (then nobody
/// may be offered).
fn gender_rule(row: &sqlx::any::AnyRow) -> Result<(Option<Gender>, bool), sqlx::Error> {
    let on = row.try_get::<i64, _>("same_gender")? == 1;
    let helper_gender: Option<String> = row.try_get("helper_gender")?;
    let wanted = helper_gender.as_deref().and_then(Gender::from_slug);
    Ok(if on {
        (wanted, wanted.is_none())
    } else {
        (None, false)
    })
}

pub async fn need(conn: &mut AnyConnection, need_id: i64) -> Result<Option<NeedRow>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {NEED_COLUMNS} FROM needs n JOIN quartiere q ON q.id = n.quartier_id WHERE n.id = $1"
    ))
    .bind(need_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(need_from_row).transpose()
}

/// What the safeguarding rules read of one need and one person who would help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eligibility {
    pub category: Category,
    /// The gender a same-gender need asks for.
    pub same_gender: Option<Gender>,
    /// A same-gender need without a stated gender: nobody may help.
    pub gender_unknown: bool,
    /// The person's stated gender; `None` without one or without a volunteer profile.
    pub gender: Option<Gender>,
    /// The end of the person's latest valid inspection; `None` without a volunteer
    /// profile.
    pub inspection_valid_until: Option<i64>,
}

/// The columns of [`Eligibility`] in a statement on `needs` (not aliased) whose `$2` is
/// the person: a sign-up reads them in the statement that takes its place.
pub(crate) const ELIGIBILITY_COLUMNS: &str = "category, same_gender, helper_gender,
    (SELECT v.gender FROM volunteers v WHERE v.user_id = $2) AS person_gender,
    (SELECT MAX(r.valid_until) FROM verifications r JOIN volunteers v ON v.user_id = r.user_id
      WHERE r.kind = 'inspection' AND r.result_ok = 1 AND r.user_id = $2) AS inspection_until";

impl Eligibility {
    /// From a row holding [`ELIGIBILITY_COLUMNS`].
    pub fn from_row(row: &sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
        let category: String = row.try_get("category")?;
        let (same_gender, gender_unknown) = gender_rule(row)?;
        let gender: Option<String> = row.try_get("person_gender")?;
        Ok(Eligibility {
            category: Category::from_slug(&category).unwrap_or(Category::Other),
            same_gender,
            gender_unknown,
            gender: gender.as_deref().and_then(Gender::from_slug),
            inspection_valid_until: row.try_get("inspection_until")?,
        })
    }
}

/// What the rules of need `need_id` ask of `user_id`, in one round trip; `None` for an
/// unknown need.
pub async fn eligibility(
    conn: &mut AnyConnection,
    need_id: i64,
    user_id: i64,
) -> Result<Option<Eligibility>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {ELIGIBILITY_COLUMNS} FROM needs WHERE id = $1"
    ))
    .bind(need_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    .as_ref()
    .map(Eligibility::from_row)
    .transpose()
}

/// Open needs of one Quartier that have not started, soonest first.
pub async fn open_needs_of_quartier(
    conn: &mut AnyConnection,
    quartier_id: i64,
    limit: i64,
) -> Result<Vec<NeedRow>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {NEED_COLUMNS} FROM needs n JOIN quartiere q ON q.id = n.quartier_id
          WHERE n.quartier_id = $1 AND n.status = 'open' AND n.hidden_at IS NULL AND n.starts_at > $2
          ORDER BY n.starts_at, n.id LIMIT $3"
    ))
    .bind(quartier_id)
    .bind(now())
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(need_from_row).collect()
}

/// Open needs that have not started whose Quartier centre lies in the box around
/// `home` (`radius_km` wide), soonest first.
pub async fn open_needs_near(
    conn: &mut AnyConnection,
    home: GeoPoint,
    radius_km: f64,
    limit: i64,
) -> Result<Vec<NeedRow>, sqlx::Error> {
    let dlat = radius_km / KM_PER_DEGREE * 1.01;
    let dlon = radius_km / (KM_PER_DEGREE * home.lat.to_radians().cos().max(0.01)) * 1.01;
    let rows = sqlx::query(&format!(
        "SELECT {NEED_COLUMNS} FROM needs n JOIN quartiere q ON q.id = n.quartier_id
          WHERE n.status = 'open' AND n.hidden_at IS NULL AND n.starts_at > $1
            AND q.centre_lat BETWEEN $2 AND $3 AND q.centre_lon BETWEEN $4 AND $5
          ORDER BY n.starts_at, n.id LIMIT $6"
    ))
    .bind(now())
    .bind(home.lat - dlat)
    .bind(home.lat + dlat)
    .bind(home.lon - dlon)
    .bind(home.lon + dlon)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(need_from_row).collect()
}

/// Which volunteers to read.
pub enum Who {
    /// The volunteers of `organisation`'s Quartiere whose radius may reach `point` (a
    /// box test; the engine checks the exact distance). With `free_at`, only those with
    /// time marked free then (a hard rule, checked here so fewer rows are read), and
    /// only their slots of that weekday.
    Reaching {
        point: GeoPoint,
        organisation: i64,
        free_at: Option<WeeklySlot>,
    },
    /// One person.
    Person(i64),
}

/// The conditions of [`Who::Reaching`] without the time: `$1` to `$6`.
fn reaching() -> String {
    format!(
        "v.home_lat BETWEEN $4 AND $5
      AND v.home_lat BETWEEN $1 - v.radius_km / {KM_PER_DEGREE} * 1.01
                         AND $1 + v.radius_km / {KM_PER_DEGREE} * 1.01
      AND v.home_lon BETWEEN $2 - v.radius_km / $3 AND $2 + v.radius_km / $3
      AND EXISTS (SELECT 1 FROM quartier_members m
                    JOIN organisation_quartiere oq ON oq.quartier_id = m.quartier_id
                   WHERE m.user_id = v.user_id AND m.role = 'volunteer' AND oq.organisation_id = $6)"
    )
}

/// Binds `$1` to `$6` of [`reaching`].
fn bind_reaching<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    point: GeoPoint,
    organisation: i64,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let cos = point.lat.to_radians().cos().max(0.01);
    query
        .bind(point.lat)
        .bind(point.lon)
        .bind(KM_PER_DEGREE * cos / 1.01)
        // No radius is larger: lets the index on the home point narrow the scan.
        .bind(point.lat - MAX_RADIUS_KM / KM_PER_DEGREE * 1.01)
        .bind(point.lat + MAX_RADIUS_KM / KM_PER_DEGREE * 1.01)
        .bind(organisation)
}

/// How many volunteers of `organisation` may reach `point`, whatever their time.
pub async fn count_reaching(
    conn: &mut AnyConnection,
    point: GeoPoint,
    organisation: i64,
) -> Result<i64, sqlx::Error> {
    bind_reaching(
        sqlx::query(&format!(
            "SELECT COUNT(*) AS n FROM volunteers v WHERE v.user_id IS NOT NULL AND {}",
            reaching()
        )),
        point,
        organisation,
    )
    .fetch_one(&mut *conn)
    .await?
    .try_get("n")
}

/// Volunteer profiles with their slots, valid inspection, load in the week of `week`
/// and the neighbours they helped; names by user id.
pub async fn volunteers(
    conn: &mut AnyConnection,
    who: Who,
    week: (i64, i64),
) -> Result<(Vec<VolunteerSpec>, HashMap<i64, String>), sqlx::Error> {
    let base = "SELECT v.id AS volunteer_id, v.user_id, u.display_name, v.home_lat, v.home_lon,
                       v.radius_km, v.languages, v.skills, v.mobility, v.gender,
                       v.max_minutes_per_week, v.paused_until
                  FROM volunteers v JOIN users u ON u.id = v.user_id";
    let mut weekday = None;
    let rows = match who {
        Who::Reaching {
            point,
            organisation,
            free_at: None,
        } => {
            bind_reaching(
                sqlx::query(&format!("{base} WHERE {} ORDER BY v.user_id", reaching())),
                point,
                organisation,
            )
            .fetch_all(&mut *conn)
            .await?
        }
        Who::Reaching {
            point,
            organisation,
            free_at: Some(slot),
        } => {
            weekday = Some(slot.weekday);
            bind_reaching(
                sqlx::query(&format!(
                    "{base} WHERE {reaching}
                       AND EXISTS (SELECT 1 FROM volunteer_slots s
                                    WHERE s.volunteer_id = v.id AND s.weekday = $7
                                      AND s.start_minute < $9 AND s.end_minute > $8)
                     ORDER BY v.user_id",
                    reaching = reaching()
                )),
                point,
                organisation,
            )
            .bind(i64::from(slot.weekday))
            .bind(i64::from(slot.start_minute))
            .bind(i64::from(slot.end_minute))
            .fetch_all(&mut *conn)
            .await?
        }
        Who::Person(user_id) => {
            sqlx::query(&format!("{base} WHERE v.user_id = $1"))
                .bind(user_id)
                .fetch_all(&mut *conn)
                .await?
        }
    };
    let mut specs = Vec::with_capacity(rows.len());
    let mut names = HashMap::with_capacity(rows.len());
    let mut by_volunteer: HashMap<i64, usize> = HashMap::with_capacity(rows.len());
    let mut by_user: HashMap<i64, usize> = HashMap::with_capacity(rows.len());
    for row in &rows {
        let user_id: i64 = row.try_get("user_id")?;
        let languages: String = row.try_get("languages")?;
        let skills: String = row.try_get("skills")?;
        let mobility: String = row.try_get("mobility")?;
        let gender: Option<String> = row.try_get("gender")?;
        let max_minutes: i64 = row.try_get("max_minutes_per_week")?;
        by_volunteer.insert(row.try_get("volunteer_id")?, specs.len());
        by_user.insert(user_id, specs.len());
        names.insert(user_id, row.try_get("display_name")?);
        specs.push(VolunteerSpec {
            id: user_id,
            home: GeoPoint {
                lat: row.try_get("home_lat")?,
                lon: row.try_get("home_lon")?,
            },
            radius_km: row.try_get("radius_km")?,
            languages: split(&languages).map(str::to_owned).collect(),
            skills: split(&skills).filter_map(Category::from_slug).collect(),
            gender: gender.as_deref().and_then(Gender::from_slug),
            inspection_valid_until: None,
            has_car: split(&mobility).any(|m| Mobility::from_slug(m) == Some(Mobility::Car)),
            availability: Vec::new(),
            max_hours_per_week: max_minutes as f64 / 60.0,
            hours_this_week: 0.0,
            paused_until: row.try_get("paused_until")?,
            blocked: false,
            recent_assignments: 0,
            helped_neighbours: Vec::new(),
        });
    }
    if specs.is_empty() {
        return Ok((specs, names));
    }
    // The ids come from the database, so listing them in the statement is safe.
    let volunteer_ids = id_list(by_volunteer.keys());
    let user_ids = id_list(by_user.keys());
    let only_day = weekday
        .map(|d| format!("AND weekday = {d}"))
        .unwrap_or_default();
    for row in sqlx::query(&format!(
        "SELECT volunteer_id, weekday, start_minute, end_minute FROM volunteer_slots
          WHERE volunteer_id IN ({volunteer_ids}) {only_day}"
    ))
    .fetch_all(&mut *conn)
    .await?
    {
        let Some(&index) = by_volunteer.get(&row.try_get::<i64, _>("volunteer_id")?) else {
            continue;
        };
        specs[index].availability.push(WeeklySlot {
            weekday: u8::try_from(row.try_get::<i64, _>("weekday")?).unwrap_or(0),
            start_minute: u16::try_from(row.try_get::<i64, _>("start_minute")?).unwrap_or(0),
            end_minute: u16::try_from(row.try_get::<i64, _>("end_minute")?).unwrap_or(0),
        });
    }
    for row in sqlx::query(&format!(
        "SELECT user_id, MAX(valid_until) AS valid_until FROM verifications
          WHERE kind = 'inspection' AND result_ok = 1 AND user_id IN ({user_ids})
          GROUP BY user_id"
    ))
    .fetch_all(&mut *conn)
    .await?
    {
        if let Some(&index) = by_user.get(&row.try_get::<i64, _>("user_id")?) {
            specs[index].inspection_valid_until = row.try_get("valid_until")?;
        }
    }
    let recent = now() - RECENT_SECS;
    for row in sqlx::query(&format!(
        "SELECT h.user_id,
                CAST(SUM(CASE WHEN n.starts_at >= $1 AND n.starts_at < $2
                              THEN n.ends_at - n.starts_at ELSE 0 END) AS BIGINT) AS week_secs,
                CAST(SUM(CASE WHEN h.joined_at >= $3 THEN 1 ELSE 0 END) AS BIGINT) AS recent
           FROM need_helpers h JOIN needs n ON n.id = h.need_id
          WHERE h.state IN ('signed_up', 'confirmed') AND h.user_id IN ({user_ids})
          GROUP BY h.user_id"
    ))
    .bind(week.0)
    .bind(week.1)
    .bind(recent)
    .fetch_all(&mut *conn)
    .await?
    {
        if let Some(&index) = by_user.get(&row.try_get::<i64, _>("user_id")?) {
            let secs: i64 = row.try_get::<Option<i64>, _>("week_secs")?.unwrap_or(0);
            let recent: i64 = row.try_get::<Option<i64>, _>("recent")?.unwrap_or(0);
            specs[index].hours_this_week = secs as f64 / 3600.0;
            specs[index].recent_assignments = u32::try_from(recent).unwrap_or(u32::MAX);
        }
    }
    for row in sqlx::query(&format!(
        "SELECT DISTINCT h.user_id, n.posted_by FROM need_helpers h JOIN needs n ON n.id = h.need_id
          WHERE h.state = 'confirmed' AND n.posted_by IS NOT NULL AND h.user_id IN ({user_ids})"
    ))
    .fetch_all(&mut *conn)
    .await?
    {
        if let Some(&index) = by_user.get(&row.try_get::<i64, _>("user_id")?) {
            specs[index]
                .helped_neighbours
                .push(row.try_get("posted_by")?);
        }
    }
    Ok((specs, names))
}

fn split(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|s| !s.is_empty())
}

fn id_list<'a>(ids: impl Iterator<Item = &'a i64>) -> String {
    ids.map(i64::to_string).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_need_time_becomes_its_local_weekday_and_minutes() {
        // Monday 30 November 2026, 10:00–12:30 in Berlin (UTC+1).
        let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .map(|t| t.and_utc().timestamp())
            .expect("valid");
        let slot = local_slot(start, start + 150 * 60);
        assert_eq!(
            slot,
            WeeklySlot {
                weekday: 0,
                start_minute: 600,
                end_minute: 750
            }
        );
        let (monday, next) = week_of(start + 3 * 86_400);
        assert_eq!(monday, start - 10 * 3600);
        assert_eq!(next - monday, 7 * 86_400);
    }
}

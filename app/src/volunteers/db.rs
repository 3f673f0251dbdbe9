//! SQL for volunteer profiles and the volunteer's own page.

use super::candidates::{self, Who};
use super::profile::{KnownQuartier, Profile};
use super::{Mobility, NeedForMe, ProfileView, VolunteerPage};
use crate::auth::policy::QuartierRole;
use crate::auth::Viewer;
use crate::db::{now, Db};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::matching::geo::GeoPoint;
use crate::matching::{self, Gender, WeeklySlot};
use crate::requests::Category;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Europe::Berlin;
use sqlx::{AnyConnection, Row};

pub struct NewVolunteer<'a> {
    pub user_id: Option<i64>,
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
    pub mobility: &'a str,
    pub gender: Option<&'a str>,
    pub max_minutes_per_week: i64,
}

pub async fn insert_volunteer(
    conn: &mut AnyConnection,
    v: &NewVolunteer<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO volunteers (user_id, quartier_id, display_name, home_lat, home_lon, radius_km,
                                 languages, skills, mobility, gender, max_minutes_per_week,
                                 created_at, last_active_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(v.user_id)
    .bind(v.quartier_id)
    .bind(v.display_name)
    .bind(v.home_lat)
    .bind(v.home_lon)
    .bind(v.radius_km)
    .bind(v.languages)
    .bind(v.skills)
    .bind(v.mobility)
    .bind(v.gender)
    .bind(v.max_minutes_per_week)
    .bind(now())
    .fetch_one(conn)
    .await?
    .try_get("id")
}

pub async fn insert_slots(
    conn: &mut AnyConnection,
    volunteer_id: i64,
    slots: &[WeeklySlot],
) -> Result<(), sqlx::Error> {
    for slot in slots {
        sqlx::query(
            "INSERT INTO volunteer_slots (volunteer_id, weekday, start_minute, end_minute)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(volunteer_id)
        .bind(i64::from(slot.weekday))
        .bind(i64::from(slot.start_minute))
        .bind(i64::from(slot.end_minute))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Every Quartier with its centre, for the profile checks, by id (from the kept list
/// the needs pages read too).
pub async fn known_quartiere(db: &Db) -> Result<Vec<KnownQuartier>, sqlx::Error> {
    let mut known: Vec<KnownQuartier> = crate::orgs::db::kept_quartiere(db)
        .await?
        .iter()
        .map(|q| KnownQuartier {
            id: q.id,
            slug: q.slug.clone(),
            centre: q.centre,
        })
        .collect();
    known.sort_by_key(|q| q.id);
    Ok(known)
}

fn joined<T>(items: &[T], slug: impl Fn(&T) -> &str) -> String {
    items.iter().map(slug).collect::<Vec<_>>().join(",")
}

/// Stores the checked profile: the profile row, its slots and the Quartiere the person
/// volunteers in (as volunteer roles), in one transaction.
pub async fn save_profile(db: &Db, viewer: &Viewer, p: &Profile) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let paused_until = p.paused_until.map(pause_end);
    let skills = joined(&p.skills, |c| c.slug());
    let languages = p.languages.join(",");
    let mobility = joined(&p.mobility, |m| m.slug());
    let existing: Option<i64> = sqlx::query("SELECT id FROM volunteers WHERE user_id = $1")
        .bind(viewer.id)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| row.try_get("id"))
        .transpose()?;
    let volunteer_id = match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE volunteers SET quartier_id = $2, display_name = $3, home_lat = $4,
                        home_lon = $5, radius_km = $6, languages = $7, skills = $8,
                        skills_other = $9, mobility = $10, gender = $11,
                        max_minutes_per_week = $12, paused_until = $13, last_active_at = $14
                  WHERE id = $1",
            )
            .bind(id)
            .bind(p.home_quartier)
            .bind(&viewer.display_name)
            .bind(p.home.lat)
            .bind(p.home.lon)
            .bind(p.radius_km)
            .bind(&languages)
            .bind(&skills)
            .bind(&p.skills_other)
            .bind(&mobility)
            .bind(p.gender.map(Gender::slug))
            .bind(p.max_minutes_per_week)
            .bind(paused_until)
            .bind(now())
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM volunteer_slots WHERE volunteer_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            id
        }
        None => {
            let id = insert_volunteer(
                &mut tx,
                &NewVolunteer {
                    user_id: Some(viewer.id),
                    quartier_id: p.home_quartier,
                    display_name: &viewer.display_name,
                    home_lat: p.home.lat,
                    home_lon: p.home.lon,
                    radius_km: p.radius_km,
                    languages: &languages,
                    skills: &skills,
                    mobility: &mobility,
                    gender: p.gender.map(Gender::slug),
                    max_minutes_per_week: p.max_minutes_per_week,
                },
            )
            .await?;
            sqlx::query("UPDATE volunteers SET skills_other = $2, paused_until = $3 WHERE id = $1")
                .bind(id)
                .bind(&p.skills_other)
                .bind(paused_until)
                .execute(&mut *tx)
                .await?;
            id
        }
    };
    insert_slots(&mut tx, volunteer_id, &p.slots).await?;
    // The volunteer roles follow the chosen Quartiere.
    let listed = p
        .quartiere
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    sqlx::query(&format!(
        "DELETE FROM quartier_members WHERE user_id = $1 AND role = 'volunteer'
            AND quartier_id NOT IN ({listed})"
    ))
    .bind(viewer.id)
    .execute(&mut *tx)
    .await?;
    for quartier in &p.quartiere {
        crate::auth::db::grant_quartier_role(
            &mut tx,
            viewer.id,
            *quartier,
            QuartierRole::Volunteer,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// How fresh `last_active_at` is kept: the records are deleted after months without
/// activity, so a volunteer active again within the hour need not be written again.
pub const ACTIVITY_PRECISION_SECS: i64 = 3600;

/// Whether activity now should be written over the last one noted (`None`: none read).
pub fn activity_is_news(last_active_at: Option<i64>, now: i64) -> bool {
    last_active_at.is_none_or(|at| now - at >= ACTIVITY_PRECISION_SECS)
}

/// Notes that the volunteer did something (the clock for deleting their records).
pub async fn touch(conn: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE volunteers SET last_active_at = $2 WHERE user_id = $1")
        .bind(user_id)
        .bind(now())
        .execute(conn)
        .await?;
    Ok(())
}

fn date_of(at: i64) -> String {
    DateTime::from_timestamp(at, 0)
        .map(|t| t.with_timezone(&Berlin).format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

pub async fn profile(db: &Db, user_id: i64) -> Result<Option<ProfileView>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT v.id, q.slug, q.centre_lat, q.centre_lon, v.home_lat, v.home_lon, v.radius_km, v.languages, v.skills,
                v.skills_other, v.mobility, v.gender, v.max_minutes_per_week, v.paused_until
           FROM volunteers v JOIN quartiere q ON q.id = v.quartier_id WHERE v.user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id")?;
    let list = |s: String| -> Vec<String> {
        s.split(',')
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let slots = sqlx::query(
        "SELECT weekday, start_minute, end_minute FROM volunteer_slots
          WHERE volunteer_id = $1 ORDER BY weekday, start_minute",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|r| {
        Ok(WeeklySlot {
            weekday: u8::try_from(r.try_get::<i64, _>("weekday")?).unwrap_or(0),
            start_minute: u16::try_from(r.try_get::<i64, _>("start_minute")?).unwrap_or(0),
            end_minute: u16::try_from(r.try_get::<i64, _>("end_minute")?).unwrap_or(0),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let quartiere = sqlx::query(
        "SELECT q.slug FROM quartier_members m JOIN quartiere q ON q.id = m.quartier_id
          WHERE m.user_id = $1 AND m.role = 'volunteer' ORDER BY q.name",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|r| r.try_get("slug"))
    .collect::<Result<Vec<String>, _>>()?;
    let paused: Option<i64> = row.try_get("paused_until")?;
    let max_minutes: i64 = row.try_get("max_minutes_per_week")?;
    let gender: Option<String> = row.try_get("gender")?;
    let (home_lat, home_lon): (f64, f64) = (row.try_get("home_lat")?, row.try_get("home_lon")?);
    let (centre_lat, centre_lon): (f64, f64) =
        (row.try_get("centre_lat")?, row.try_get("centre_lon")?);
    Ok(Some(ProfileView {
        skills: list(row.try_get("skills")?)
            .iter()
            .filter_map(|s| Category::from_slug(s))
            .collect(),
        skills_other: row.try_get("skills_other")?,
        languages: list(row.try_get("languages")?),
        quartiere,
        home_quartier: row.try_get("slug")?,
        home_lat,
        home_lon,
        own_point: (home_lat - centre_lat).abs() > 1e-6 || (home_lon - centre_lon).abs() > 1e-6,
        radius_km: row.try_get("radius_km")?,
        slots,
        max_hours: max_minutes as f64 / 60.0,
        mobility: list(row.try_get("mobility")?)
            .iter()
            .filter_map(|s| Mobility::from_slug(s))
            .collect(),
        gender: gender.as_deref().and_then(Gender::from_slug),
        // Stored as the first moment after the pause; shown as its last day.
        paused_until: paused.filter(|t| *t > now()).map(|t| date_of(t - 86_400)),
    }))
}

/// The day a stored pause ends, for tests and the page.
pub fn pause_end(day: NaiveDate) -> i64 {
    Berlin
        .from_local_datetime(&(day + chrono::Duration::days(1)).and_time(NaiveTime::MIN))
        .earliest()
        .map(|t| t.timestamp())
        .unwrap_or_default()
}

/// How many needs "needs for me" shows.
const NEEDS_FOR_ME: usize = 20;

/// Open needs the engine offers this volunteer, best first, with the reasons.
pub async fn needs_for_me(db: &Db, lang: Lang, user_id: i64) -> Result<Vec<NeedForMe>, AppError> {
    let mut conn = db.pool().acquire().await?;
    let current = now();
    let (mine, _) = candidates::volunteers(
        &mut conn,
        Who::Person(user_id),
        candidates::week_of(current),
    )
    .await?;
    let Some(me) = mine.into_iter().next() else {
        return Ok(Vec::new());
    };
    let needs = candidates::open_needs_near(&mut conn, me.home, me.radius_km, 500).await?;
    let taken: Vec<i64> =
        sqlx::query("SELECT need_id FROM need_helpers WHERE user_id = $1 AND state <> 'withdrawn'")
            .bind(user_id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get("need_id"))
            .collect::<Result<_, _>>()?;
    let weights = matching::Weights::default();
    let mut found = Vec::new();
    let mut by_week = std::collections::HashMap::new();
    for need in needs {
        if need.gender_unknown
            || taken.contains(&need.spec.id)
            || need.spec.neighbour_id == Some(user_id)
        {
            continue;
        }
        // The weekly limit counts the week of the need, not this one.
        let week = candidates::week_of(need.starts_at);
        let me_then = match by_week.get(&week) {
            Some(v) => v,
            None => {
                let (again, _) =
                    candidates::volunteers(&mut conn, Who::Person(user_id), week).await?;
                by_week
                    .entry(week)
                    .or_insert(again.into_iter().next().unwrap_or_else(|| me.clone()))
            }
        };
        if let Ok(distance) = matching::check(&need.spec, me_then, current) {
            let ranked = matching::score(&need.spec, me_then, distance, &weights);
            let (day, time) = crate::requests::when::labels(lang, need.starts_at, need.ends_at);
            found.push(NeedForMe {
                need_id: need.spec.id,
                title: need.title,
                category: need.spec.category,
                when: format!("{day}, {time}"),
                quartier_name: need.quartier_name,
                score: ranked.score,
                reasons: ranked
                    .reasons
                    .iter()
                    .map(|r| matching::reason_text(lang, r))
                    .collect(),
            });
        }
    }
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.need_id.cmp(&b.need_id)));
    found.truncate(NEEDS_FOR_ME);
    Ok(found)
}

pub async fn volunteer_page(
    db: &Db,
    lang: Lang,
    viewer: &Viewer,
    map_tiles: Option<String>,
) -> Result<VolunteerPage, AppError> {
    let is_volunteer = viewer.roles.lives_as(QuartierRole::Volunteer);
    let profile = profile(db, viewer.id).await?;
    let needs_for_me = if is_volunteer && profile.is_some() {
        needs_for_me(db, lang, viewer.id).await?
    } else {
        Vec::new()
    };
    let map_centre = match &profile {
        Some(p) => GeoPoint {
            lat: p.home_lat,
            lon: p.home_lon,
        },
        None => {
            let quartiere = known_quartiere(db).await?;
            let mine = viewer.roles.quartiere.first().map(|m| m.quartier_id);
            quartiere
                .iter()
                .find(|q| Some(q.id) == mine)
                .or(quartiere.first())
                .map(|q| q.centre)
                .unwrap_or(GeoPoint {
                    lat: 52.37,
                    lon: 9.73,
                })
        }
    };
    Ok(VolunteerPage {
        map_tiles,
        map_centre,
        is_volunteer,
        profile,
        quartiere: crate::orgs::db::list_quartier_options(db).await?,
        invitations: super::invitations::mine(db, lang, viewer.id).await?,
        verifications: super::verification::of_person(db, viewer.id).await?,
        needs_for_me,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_is_written_again_after_an_hour() {
        let now = 10_000;
        assert!(activity_is_news(None, now));
        assert!(activity_is_news(Some(now - ACTIVITY_PRECISION_SECS), now));
        assert!(!activity_is_news(
            Some(now - ACTIVITY_PRECISION_SECS + 1),
            now
        ));
        assert!(!activity_is_news(Some(now), now));
        assert!(!activity_is_news(Some(now + 5), now), "a clock set back");
    }
}

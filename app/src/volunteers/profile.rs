//! The volunteer profile form and its checks, without I/O: skills, languages, the
//! Quartiere someone helps in, an approximate home point and radius, weekly
//! availability, a weekly limit, mobility, an optional gender and a pause.

use super::{Mobility, SLOTS_PER_DAY};
use crate::error::{AppError, Problem};
use crate::matching::geo::GeoPoint;
use crate::matching::{Gender, WeeklySlot};
use crate::requests::Category;
use crate::requests::LANGUAGES;
use chrono::{NaiveDate, NaiveTime, Timelike};

pub const MIN_RADIUS_KM: f64 = 0.5;
pub const MAX_RADIUS_KM: f64 = 50.0;
pub const MAX_HOURS_PER_WEEK: f64 = 40.0;
const MAX_SKILLS_OTHER: usize = 200;
/// A home point chosen on the map must lie this close to a Quartier of the platform.
const MAX_KM_FROM_QUARTIER: f64 = 60.0;

/// A Quartier as the checks need it.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownQuartier {
    pub id: i64,
    pub slug: String,
    pub centre: GeoPoint,
}

/// The form as posted: every field as entered, repeated fields in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileForm {
    pub skills: Vec<String>,
    pub skills_other: String,
    pub languages: Vec<String>,
    pub quartiere: Vec<String>,
    pub home_quartier: String,
    pub home_lat: String,
    pub home_lon: String,
    pub radius: String,
    /// (field name, from, to) for each filled slot row, e.g. ("slot_0_1", "09:00", "12:00").
    pub slots: Vec<(String, String, String)>,
    pub max_hours: String,
    pub mobility: Vec<String>,
    pub gender: String,
    pub paused_until: String,
}

impl ProfileForm {
    /// Reads the posted pairs; unknown names are ignored.
    pub fn from_pairs(pairs: &[(String, String)]) -> ProfileForm {
        let mut form = ProfileForm::default();
        let value = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        for (name, v) in pairs {
            match name.as_str() {
                "skill" => form.skills.push(v.clone()),
                "language" => form.languages.push(v.clone()),
                "quartier" => form.quartiere.push(v.clone()),
                "mobility" => form.mobility.push(v.clone()),
                _ => {}
            }
        }
        for day in 0..7 {
            for n in 0..SLOTS_PER_DAY {
                let field = format!("slot_{day}_{n}");
                let from = value(&format!("{field}_from"));
                let to = value(&format!("{field}_to"));
                if !from.trim().is_empty() || !to.trim().is_empty() {
                    form.slots.push((field, from, to));
                }
            }
        }
        form.skills_other = value("skills_other");
        form.home_quartier = value("home_quartier");
        form.home_lat = value("home_lat");
        form.home_lon = value("home_lon");
        form.radius = value("radius");
        form.max_hours = value("max_hours");
        form.gender = value("gender");
        form.paused_until = value("paused_until");
        form
    }

    /// The pairs to put back into the form after an error.
    pub fn values(&self) -> Vec<(String, String)> {
        let mut values = vec![
            ("skills_other".to_owned(), self.skills_other.clone()),
            ("home_quartier".to_owned(), self.home_quartier.clone()),
            ("home_lat".to_owned(), self.home_lat.clone()),
            ("home_lon".to_owned(), self.home_lon.clone()),
            ("radius".to_owned(), self.radius.clone()),
            ("max_hours".to_owned(), self.max_hours.clone()),
            ("gender".to_owned(), self.gender.clone()),
            ("paused_until".to_owned(), self.paused_until.clone()),
        ];
        for (name, list) in [
            ("skill", &self.skills),
            ("language", &self.languages),
            ("quartier", &self.quartiere),
            ("mobility", &self.mobility),
        ] {
            values.extend(
                list.iter()
                    .map(|v| (format!("{name}:{v}"), "on".to_owned())),
            );
        }
        for (field, from, to) in &self.slots {
            values.push((format!("{field}_from"), from.clone()));
            values.push((format!("{field}_to"), to.clone()));
        }
        values
    }
}

/// A checked profile, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub skills: Vec<Category>,
    pub skills_other: String,
    pub languages: Vec<String>,
    /// Ids of the Quartiere the volunteer helps in.
    pub quartiere: Vec<i64>,
    pub home_quartier: i64,
    /// Rounded to about 100 m: an approximate point, never an address.
    pub home: GeoPoint,
    pub radius_km: f64,
    pub slots: Vec<WeeklySlot>,
    pub max_minutes_per_week: i64,
    pub mobility: Vec<Mobility>,
    pub gender: Option<Gender>,
    pub paused_until: Option<NaiveDate>,
}

fn number(field: &str, raw: &str) -> Result<f64, AppError> {
    let value: f64 = raw
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| AppError::validation(field, Problem::Malformed))?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(AppError::validation(field, Problem::Malformed))
    }
}

fn minute_of(field: &str, raw: &str, end: bool) -> Result<u16, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::validation(field, Problem::Missing));
    }
    // "24:00" is the end of the day.
    if end && raw == "24:00" {
        return Ok(1440);
    }
    let time = NaiveTime::parse_from_str(raw, "%H:%M")
        .map_err(|_| AppError::validation(field, Problem::Malformed))?;
    Ok((time.hour() * 60 + time.minute()) as u16)
}

/// Rounds a coordinate to three decimals (about 100 m).
fn approximate(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// Checks every field; the first problem names its field.
pub fn check(
    form: &ProfileForm,
    known: &[KnownQuartier],
    today: NaiveDate,
) -> Result<Profile, AppError> {
    let mut skills = Vec::new();
    for slug in &form.skills {
        let category = Category::from_slug(slug.trim())
            .ok_or_else(|| AppError::validation("skill", Problem::Unknown))?;
        if !skills.contains(&category) {
            skills.push(category);
        }
    }
    let skills_other = form.skills_other.trim().to_owned();
    if skills_other.chars().count() > MAX_SKILLS_OTHER {
        return Err(AppError::validation("skills_other", Problem::TooLong));
    }
    if skills_other.chars().any(char::is_control) {
        return Err(AppError::validation("skills_other", Problem::Malformed));
    }
    let mut languages = Vec::new();
    for code in &form.languages {
        let code = code.trim();
        if !LANGUAGES.contains(&code) {
            return Err(AppError::validation("language", Problem::Unknown));
        }
        if !languages.iter().any(|l| l == code) {
            languages.push(code.to_owned());
        }
    }
    let find = |slug: &str| known.iter().find(|q| q.slug == slug.trim());
    let mut quartiere = Vec::new();
    for slug in &form.quartiere {
        let q = find(slug).ok_or_else(|| AppError::validation("quartier", Problem::Unknown))?;
        if !quartiere.contains(&q.id) {
            quartiere.push(q.id);
        }
    }
    if quartiere.is_empty() {
        return Err(AppError::validation("quartier", Problem::Missing));
    }
    let home_quartier = if form.home_quartier.trim().is_empty() {
        find(&form.quartiere[0])
    } else {
        find(&form.home_quartier)
    }
    .ok_or_else(|| AppError::validation("home_quartier", Problem::Unknown))?;
    let home = match (form.home_lat.trim(), form.home_lon.trim()) {
        ("", "") => home_quartier.centre,
        (lat, lon) => {
            let point = GeoPoint {
                lat: number("home_lat", lat)?,
                lon: number("home_lon", lon)?,
            };
            if !(-90.0..=90.0).contains(&point.lat) {
                return Err(AppError::validation("home_lat", Problem::OutOfRange));
            }
            if !(-180.0..=180.0).contains(&point.lon) {
                return Err(AppError::validation("home_lon", Problem::OutOfRange));
            }
            let near = known.iter().any(|q| {
                crate::matching::geo::haversine_km(q.centre, point) <= MAX_KM_FROM_QUARTIER
            });
            if !near {
                return Err(AppError::validation("home_lat", Problem::OutOfRange));
            }
            point
        }
    };
    let radius_km = number("radius", &form.radius)?;
    if !(MIN_RADIUS_KM..=MAX_RADIUS_KM).contains(&radius_km) {
        return Err(AppError::validation("radius", Problem::OutOfRange));
    }
    let slots = check_slots(&form.slots)?;
    let max_hours = number("max_hours", &form.max_hours)?;
    if !(0.5..=MAX_HOURS_PER_WEEK).contains(&max_hours) {
        return Err(AppError::validation("max_hours", Problem::OutOfRange));
    }
    let mut mobility = Vec::new();
    for slug in &form.mobility {
        let m = Mobility::from_slug(slug.trim())
            .ok_or_else(|| AppError::validation("mobility", Problem::Unknown))?;
        if !mobility.contains(&m) {
            mobility.push(m);
        }
    }
    let gender = match form.gender.trim() {
        "" => None,
        slug => Some(
            Gender::from_slug(slug)
                .ok_or_else(|| AppError::validation("gender", Problem::Unknown))?,
        ),
    };
    let paused_until = match form.paused_until.trim() {
        "" => None,
        raw => {
            let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map_err(|_| AppError::validation("paused_until", Problem::Malformed))?;
            if date < today {
                return Err(AppError::validation("paused_until", Problem::Past));
            }
            Some(date)
        }
    };
    Ok(Profile {
        skills,
        skills_other,
        languages,
        quartiere,
        home_quartier: home_quartier.id,
        home: GeoPoint {
            lat: approximate(home.lat),
            lon: approximate(home.lon),
        },
        radius_km,
        slots,
        max_minutes_per_week: (max_hours * 60.0).round() as i64,
        mobility,
        gender,
        paused_until,
    })
}

/// Weekly slots: each ends after it starts, and slots of one day do not overlap.
pub fn check_slots(rows: &[(String, String, String)]) -> Result<Vec<WeeklySlot>, AppError> {
    let mut slots: Vec<(String, WeeklySlot)> = Vec::new();
    for (field, from, to) in rows {
        let weekday = field
            .strip_prefix("slot_")
            .and_then(|rest| rest.split('_').next())
            .and_then(|d| d.parse::<u8>().ok())
            .filter(|d| *d < 7)
            .ok_or_else(|| AppError::validation("slot", Problem::Malformed))?;
        let start_minute = minute_of(field, from, false)?;
        let end_minute = minute_of(field, to, true)?;
        if end_minute <= start_minute {
            return Err(AppError::validation(field, Problem::EndsBeforeStart));
        }
        let slot = WeeklySlot {
            weekday,
            start_minute,
            end_minute,
        };
        if slots
            .iter()
            .any(|(_, other)| other.overlap_minutes(&slot) > 0)
        {
            return Err(AppError::validation(field, Problem::Overlapping));
        }
        slots.push((field.clone(), slot));
    }
    let mut slots: Vec<WeeklySlot> = slots.into_iter().map(|(_, s)| s).collect();
    slots.sort_by_key(|s| (s.weekday, s.start_minute));
    Ok(slots)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known() -> Vec<KnownQuartier> {
        vec![
            KnownQuartier {
                id: 1,
                slug: "linden-sued".into(),
                centre: GeoPoint {
                    lat: 52.36,
                    lon: 9.72,
                },
            },
            KnownQuartier {
                id: 2,
                slug: "bothfeld".into(),
                centre: GeoPoint {
                    lat: 52.41,
                    lon: 9.79,
                },
            },
        ]
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("valid date")
    }

    fn good() -> ProfileForm {
        ProfileForm {
            skills: vec!["shopping".into(), "tech".into()],
            skills_other: "Fahrrad reparieren".into(),
            languages: vec!["de".into(), "tr".into()],
            quartiere: vec!["linden-sued".into()],
            home_quartier: "".into(),
            radius: "3,5".into(),
            slots: vec![
                ("slot_1_0".into(), "09:00".into(), "12:00".into()),
                ("slot_1_1".into(), "14:00".into(), "18:00".into()),
            ],
            max_hours: "4".into(),
            mobility: vec!["bike".into()],
            ..Default::default()
        }
    }

    fn problem(form: &ProfileForm) -> (String, Problem) {
        match check(form, &known(), today()) {
            Err(AppError::Validation { field, problem }) => (field, problem),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_good_profile_is_taken_with_the_quartier_centre_as_home() {
        let p = check(&good(), &known(), today()).expect("valid");
        assert_eq!(p.home_quartier, 1);
        assert_eq!(
            p.home,
            GeoPoint {
                lat: 52.36,
                lon: 9.72
            }
        );
        assert_eq!(p.radius_km, 3.5);
        assert_eq!(p.max_minutes_per_week, 240);
        assert_eq!(p.slots.len(), 2);
        assert_eq!(p.skills, vec![Category::Shopping, Category::Tech]);
        assert_eq!(p.mobility, vec![Mobility::Bike]);
    }

    #[test]
    fn a_map_point_is_rounded_to_about_100_metres() {
        let mut form = good();
        form.home_lat = "52.361234".into();
        form.home_lon = "9.724567".into();
        let p = check(&form, &known(), today()).expect("valid");
        assert_eq!(
            p.home,
            GeoPoint {
                lat: 52.361,
                lon: 9.725
            }
        );
    }

    #[test]
    fn radius_of_zero_or_ten_thousand_km_is_refused() {
        for radius in ["0", "10000", "-3", "abc", "NaN", "inf"] {
            let mut form = good();
            form.radius = radius.into();
            assert_eq!(problem(&form).0, "radius", "{radius}");
        }
    }

    #[test]
    fn inverted_and_overlapping_slots_are_named() {
        let mut form = good();
        form.slots = vec![("slot_2_0".into(), "12:00".into(), "09:00".into())];
        assert_eq!(
            problem(&form),
            ("slot_2_0".into(), Problem::EndsBeforeStart)
        );
        form.slots = vec![
            ("slot_2_0".into(), "09:00".into(), "12:00".into()),
            ("slot_2_1".into(), "11:00".into(), "13:00".into()),
        ];
        assert_eq!(problem(&form), ("slot_2_1".into(), Problem::Overlapping));
        form.slots = vec![("slot_2_0".into(), "09:00".into(), "".into())];
        assert_eq!(problem(&form), ("slot_2_0".into(), Problem::Missing));
        form.slots = vec![("slot_9_0".into(), "09:00".into(), "10:00".into())];
        assert_eq!(problem(&form).0, "slot");
    }

    #[test]
    fn other_fields_are_named() {
        let mut form = good();
        form.quartiere.clear();
        assert_eq!(problem(&form), ("quartier".into(), Problem::Missing));
        let mut form = good();
        form.quartiere = vec!["atlantis".into()];
        assert_eq!(problem(&form), ("quartier".into(), Problem::Unknown));
        let mut form = good();
        form.languages = vec!["xx".into()];
        assert_eq!(problem(&form).0, "language");
        let mut form = good();
        form.max_hours = "100".into();
        assert_eq!(problem(&form), ("max_hours".into(), Problem::OutOfRange));
        let mut form = good();
        form.gender = "robot".into();
        assert_eq!(problem(&form).0, "gender");
        let mut form = good();
        form.paused_until = "2026-11-01".into();
        assert_eq!(problem(&form), ("paused_until".into(), Problem::Past));
        let mut form = good();
        form.home_lat = "40.0".into();
        form.home_lon = "-3.7".into();
        assert_eq!(problem(&form), ("home_lat".into(), Problem::OutOfRange));
        let mut form = good();
        form.skills = vec!["juggling".into()];
        assert_eq!(problem(&form).0, "skill");
    }

    #[test]
    fn the_form_is_read_from_posted_pairs() {
        let pairs: Vec<(String, String)> = [
            ("skill", "shopping"),
            ("skill", "forms"),
            ("quartier", "bothfeld"),
            ("radius", "2"),
            ("slot_0_0_from", "08:00"),
            ("slot_0_0_to", "10:00"),
            ("slot_3_1_from", ""),
            ("slot_3_1_to", ""),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let form = ProfileForm::from_pairs(&pairs);
        assert_eq!(form.skills, vec!["shopping", "forms"]);
        assert_eq!(
            form.slots,
            vec![("slot_0_0".into(), "08:00".into(), "10:00".into())]
        );
        assert_eq!(form.radius, "2");
    }

    proptest! {
        #[test]
        fn accepted_slots_never_overlap_and_never_invert(
            rows in proptest::collection::vec((0u8..7, 0u16..1440, 0u16..1440), 0..8)
        ) {
            let rows: Vec<(String, String, String)> = rows
                .iter()
                .enumerate()
                .map(|(i, (d, a, b))| {
                    (format!("slot_{d}_{i}"),
                     format!("{:02}:{:02}", a / 60, a % 60),
                     format!("{:02}:{:02}", b / 60, b % 60))
                })
                .collect();
            if let Ok(slots) = check_slots(&rows) {
                for (i, a) in slots.iter().enumerate() {
                    prop_assert!(a.end_minute > a.start_minute);
                    for b in &slots[i + 1..] {
                        prop_assert_eq!(a.overlap_minutes(b), 0);
                    }
                }
            }
        }

        #[test]
        fn any_radius_outside_the_range_is_refused(radius in -1e6f64..1e6) {
            let mut form = good();
            form.radius = radius.to_string();
            let ok = check(&form, &known(), today()).is_ok();
            prop_assert_eq!(ok, (MIN_RADIUS_KM..=MAX_RADIUS_KM).contains(&radius));
        }
    }
}

//! The meeting-place and event forms and their checks, without I/O. Opening hours use
//! the same weekly rows as a volunteer's availability (two ranges per weekday).

use super::{Feature, PlaceKind};
use crate::error::{AppError, Problem};
use crate::matching::geo::{haversine_km, GeoPoint};
use crate::matching::WeeklySlot;
use crate::requests::posting::text;
use crate::requests::LANGUAGES;
use crate::volunteers::profile::{check_slots, KnownQuartier};
use crate::volunteers::SLOTS_PER_DAY;
use chrono::{NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Europe::Berlin;

/// A meeting place must lie this close to the centre of its Quartier; further out it
/// is in no Quartier the platform knows.
pub const PLACE_REACH_KM: f64 = 5.0;
const MAX_NAME: usize = 120;
const MAX_TEXT: usize = 2000;
const MAX_LINE: usize = 200;

/// The place form as posted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceForm {
    pub place: String,
    pub organisation: String,
    pub quartier: String,
    pub name: String,
    pub kind: String,
    pub street_address: String,
    pub lat: String,
    pub lon: String,
    pub description: String,
    pub hours_note: String,
    pub phone: String,
    pub email: String,
    pub features: Vec<String>,
    pub languages: Vec<String>,
    /// (field name, from, to) for each filled row, e.g. ("slot_0_1", "09:00", "12:00").
    pub slots: Vec<(String, String, String)>,
}

fn value_of(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

impl PlaceForm {
    pub fn from_pairs(pairs: &[(String, String)]) -> PlaceForm {
        let value = |name: &str| value_of(pairs, name);
        let mut form = PlaceForm {
            place: value("place"),
            organisation: value("organisation"),
            quartier: value("quartier"),
            name: value("place_name"),
            kind: value("place_kind"),
            street_address: value("street_address"),
            lat: value("lat"),
            lon: value("lon"),
            description: value("description"),
            hours_note: value("hours_note"),
            phone: value("phone"),
            email: value("email"),
            ..PlaceForm::default()
        };
        for (name, v) in pairs {
            match name.as_str() {
                "feature" => form.features.push(v.clone()),
                "language" => form.languages.push(v.clone()),
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
        form
    }

    /// What goes back into the form after an error.
    pub fn values(&self) -> Vec<(String, String)> {
        let mut values: Vec<(String, String)> = [
            ("place", &self.place),
            ("organisation", &self.organisation),
            ("quartier", &self.quartier),
            ("place_name", &self.name),
            ("place_kind", &self.kind),
            ("street_address", &self.street_address),
            ("lat", &self.lat),
            ("lon", &self.lon),
            ("description", &self.description),
            ("hours_note", &self.hours_note),
            ("phone", &self.phone),
            ("email", &self.email),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.chars().take(MAX_TEXT).collect()))
        .collect();
        for (name, list) in [("feature", &self.features), ("language", &self.languages)] {
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

/// A checked place, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedPlace {
    pub quartier_id: i64,
    pub name: String,
    pub kind: PlaceKind,
    pub street_address: String,
    pub point: GeoPoint,
    pub description: String,
    pub hours_note: String,
    pub phone: String,
    pub email: String,
    pub features: Vec<Feature>,
    pub languages: Vec<String>,
    pub hours: Vec<WeeklySlot>,
}

fn coordinate(field: &str, raw: &str, limit: f64) -> Result<f64, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::validation(field, Problem::Missing));
    }
    let value: f64 = raw
        .replace(',', ".")
        .parse()
        .map_err(|_| AppError::validation(field, Problem::Malformed))?;
    if !value.is_finite() || value.abs() > limit {
        return Err(AppError::validation(field, Problem::OutOfRange));
    }
    Ok(value)
}

/// A phone number as people write it: digits, spaces and `+ / - ( )`.
pub fn phone(field: &str, raw: &str) -> Result<String, AppError> {
    let value = text(field, raw, 40, false)?;
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let shape_ok = value
        .chars()
        .all(|c| c.is_ascii_digit() || " +/-()".contains(c));
    if !value.is_empty() && (!shape_ok || digits < 3) {
        return Err(AppError::validation(field, Problem::Malformed));
    }
    Ok(value)
}

/// An optional contact e-mail address.
pub fn contact_email(raw: &str) -> Result<String, AppError> {
    if raw.trim().is_empty() {
        Ok(String::new())
    } else {
        crate::auth::validate::email(raw)
    }
}

/// Checks every field of a place; the first problem names its field.
pub fn check_place(form: &PlaceForm, known: &[KnownQuartier]) -> Result<CheckedPlace, AppError> {
    let name = text("place_name", &form.name, MAX_NAME, true)?;
    let kind = PlaceKind::from_slug(form.kind.trim())
        .ok_or_else(|| AppError::validation("place_kind", Problem::Unknown))?;
    let quartier = known
        .iter()
        .find(|q| q.slug == form.quartier.trim())
        .ok_or_else(|| AppError::validation("quartier", Problem::Unknown))?;
    let street_address = text("street_address", &form.street_address, MAX_LINE, true)?;
    let point = GeoPoint {
        lat: coordinate("lat", &form.lat, 90.0)?,
        lon: coordinate("lon", &form.lon, 180.0)?,
    };
    if haversine_km(point, quartier.centre) > PLACE_REACH_KM {
        return Err(AppError::validation("lat", Problem::OutsideQuartier));
    }
    let description = text("description", &form.description, MAX_TEXT, false)?;
    let hours_note = text("hours_note", &form.hours_note, MAX_LINE, false)?;
    let phone = phone("phone", &form.phone)?;
    let email = contact_email(&form.email)?;
    let mut features = Vec::new();
    for slug in &form.features {
        let feature = Feature::from_slug(slug)
            .ok_or_else(|| AppError::validation("feature", Problem::Unknown))?;
        if !features.contains(&feature) {
            features.push(feature);
        }
    }
    let mut languages = Vec::new();
    for code in &form.languages {
        if !LANGUAGES.contains(&code.as_str()) {
            return Err(AppError::validation("language", Problem::Unknown));
        }
        if !languages.contains(code) {
            languages.push(code.clone());
        }
    }
    let hours = check_slots(&form.slots)?;
    Ok(CheckedPlace {
        quartier_id: quartier.id,
        name,
        kind,
        street_address,
        point,
        description,
        hours_note,
        phone,
        email,
        features,
        languages,
        hours,
    })
}

/// The event form as posted.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
pub struct EventForm {
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
    #[serde(default)]
    pub weekly: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckedEvent {
    pub title: String,
    pub description: String,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub weekly: bool,
}

/// An event: a title, a day not in the past, a start and an end on that day (Berlin
/// time), once or every week.
pub fn check_event(form: &EventForm, now: i64) -> Result<CheckedEvent, AppError> {
    let title = text("title", &form.title, MAX_NAME, true)?;
    let description = text("description", &form.description, MAX_TEXT, false)?;
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::validation("date", Problem::Malformed))?;
    let start = NaiveTime::parse_from_str(form.start.trim(), "%H:%M")
        .map_err(|_| AppError::validation("start", Problem::Malformed))?;
    let end = NaiveTime::parse_from_str(form.end.trim(), "%H:%M")
        .map_err(|_| AppError::validation("end", Problem::Malformed))?;
    if end <= start {
        return Err(AppError::validation("end", Problem::EndsBeforeStart));
    }
    let starts_at = Berlin
        .from_local_datetime(&date.and_time(start))
        .earliest()
        .map(|t| t.timestamp())
        .ok_or_else(|| AppError::validation("start", Problem::Malformed))?;
    if starts_at <= now {
        return Err(AppError::validation("date", Problem::Past));
    }
    let duration_minutes = (end - start).num_minutes();
    if duration_minutes < 15 {
        return Err(AppError::validation("end", Problem::OutOfRange));
    }
    Ok(CheckedEvent {
        title,
        description,
        starts_at,
        duration_minutes,
        weekly: form.weekly.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known() -> Vec<KnownQuartier> {
        vec![KnownQuartier {
            id: 7,
            slug: "linden-sued".to_owned(),
            centre: GeoPoint {
                lat: 52.36,
                lon: 9.72,
            },
        }]
    }

    fn good() -> PlaceForm {
        PlaceForm {
            quartier: "linden-sued".to_owned(),
            name: "Nachbarschaftstreff Linden".to_owned(),
            kind: "centre".to_owned(),
            street_address: "Am Lindener Berge 3".to_owned(),
            lat: "52,361".to_owned(),
            lon: "9.721".to_owned(),
            phone: "0511 123 45 67".to_owned(),
            features: vec!["step_free".to_owned(), "quiet_room".to_owned()],
            languages: vec!["de".to_owned(), "tr".to_owned()],
            slots: vec![
                (
                    "slot_0_0".to_owned(),
                    "09:00".to_owned(),
                    "12:00".to_owned(),
                ),
                (
                    "slot_0_1".to_owned(),
                    "14:00".to_owned(),
                    "18:00".to_owned(),
                ),
            ],
            ..PlaceForm::default()
        }
    }

    fn problem(form: &PlaceForm) -> (String, Problem) {
        match check_place(form, &known()) {
            Err(AppError::Validation { field, problem }) => (field, problem),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_good_place_is_taken() {
        let place = check_place(&good(), &known()).expect("valid");
        assert_eq!(place.quartier_id, 7);
        assert_eq!(place.kind, PlaceKind::NeighbourhoodCentre);
        assert_eq!(place.features, vec![Feature::StepFree, Feature::QuietRoom]);
        assert_eq!(place.hours.len(), 2);
        assert!((place.point.lat - 52.361).abs() < 1e-9);
    }

    #[test]
    fn hours_that_end_before_they_start_or_overlap_are_named() {
        let mut form = good();
        form.slots[1] = (
            "slot_0_1".to_owned(),
            "18:00".to_owned(),
            "14:00".to_owned(),
        );
        assert_eq!(
            problem(&form),
            ("slot_0_1".to_owned(), Problem::EndsBeforeStart)
        );
        form.slots[1] = (
            "slot_0_1".to_owned(),
            "11:00".to_owned(),
            "14:00".to_owned(),
        );
        assert_eq!(
            problem(&form),
            ("slot_0_1".to_owned(), Problem::Overlapping)
        );
    }

    #[test]
    fn a_place_outside_any_quartier_is_refused() {
        let mut form = good();
        form.lat = "53.55".to_owned();
        form.lon = "9.99".to_owned();
        assert_eq!(problem(&form), ("lat".to_owned(), Problem::OutsideQuartier));
        form.quartier = "atlantis".to_owned();
        assert_eq!(problem(&form), ("quartier".to_owned(), Problem::Unknown));
    }

    #[test]
    fn other_fields_are_named() {
        type Case = (fn(&mut PlaceForm), &'static str, Problem);
        let cases: Vec<Case> = vec![
            (|f| f.name.clear(), "place_name", Problem::Missing),
            (|f| f.kind = "castle".into(), "place_kind", Problem::Unknown),
            (
                |f| f.street_address = "  ".into(),
                "street_address",
                Problem::Missing,
            ),
            (|f| f.lat = "north".into(), "lat", Problem::Malformed),
            (|f| f.lon = "1e300".into(), "lon", Problem::OutOfRange),
            (|f| f.phone = "call me".into(), "phone", Problem::Malformed),
            (|f| f.email = "nobody".into(), "email", Problem::Malformed),
            (
                |f| f.features.push("lift".into()),
                "feature",
                Problem::Unknown,
            ),
            (
                |f| f.languages.push("xx".into()),
                "language",
                Problem::Unknown,
            ),
            (
                |f| f.name = "a\u{0}b".into(),
                "place_name",
                Problem::Malformed,
            ),
            (
                |f| f.description = "x".repeat(5000),
                "description",
                Problem::TooLong,
            ),
        ];
        for (change, field, expected) in cases {
            let mut form = good();
            change(&mut form);
            assert_eq!(problem(&form), (field.to_owned(), expected), "{field}");
        }
    }

    #[test]
    fn the_form_is_read_from_posted_pairs_and_given_back() {
        let pairs: Vec<(String, String)> = [
            ("place_name", "Treff"),
            ("feature", "step_free"),
            ("feature", "hearing_loop"),
            ("slot_2_0_from", "10:00"),
            ("slot_2_0_to", "12:00"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let form = PlaceForm::from_pairs(&pairs);
        assert_eq!(form.features, vec!["step_free", "hearing_loop"]);
        assert_eq!(
            form.slots,
            vec![("slot_2_0".into(), "10:00".into(), "12:00".into())]
        );
        let values = form.values();
        assert!(values.contains(&("feature:hearing_loop".to_owned(), "on".to_owned())));
        assert!(values.contains(&("slot_2_0_to".to_owned(), "12:00".to_owned())));
    }

    fn event() -> EventForm {
        EventForm {
            title: "Nachbarschaftscafé".to_owned(),
            date: "2030-03-04".to_owned(),
            start: "15:00".to_owned(),
            end: "17:00".to_owned(),
            weekly: Some("on".to_owned()),
            ..EventForm::default()
        }
    }

    #[test]
    fn an_event_is_taken_in_berlin_time() {
        let e = check_event(&event(), 0).expect("valid");
        // 2030-03-04 15:00 in Berlin (CET) is 14:00 UTC.
        assert_eq!(e.starts_at, 1_898_863_200);
        assert_eq!(e.duration_minutes, 120);
        assert!(e.weekly);
    }

    #[test]
    fn bad_events_are_named() {
        let mut form = event();
        form.end = "14:00".to_owned();
        assert!(
            matches!(check_event(&form, 0), Err(AppError::Validation { field, problem: Problem::EndsBeforeStart }) if field == "end")
        );
        let form = event();
        assert!(
            matches!(check_event(&form, 2_000_000_000), Err(AppError::Validation { field, problem: Problem::Past }) if field == "date")
        );
        let mut form = event();
        form.date = "4.3.2030".to_owned();
        assert!(
            matches!(check_event(&form, 0), Err(AppError::Validation { field, .. }) if field == "date")
        );
    }

    proptest! {
        #[test]
        fn accepted_hours_never_overlap_or_invert(
            rows in proptest::collection::vec((0u8..7, 0u16..1440, 0u16..1440), 0..6)
        ) {
            let mut form = good();
            form.slots = rows
                .iter()
                .enumerate()
                .map(|(i, (d, a, b))| (
                    format!("slot_{d}_{}", i % 2),
                    format!("{:02}:{:02}", a / 60, a % 60),
                    format!("{:02}:{:02}", b / 60, b % 60),
                ))
                .collect();
            if let Ok(place) = check_place(&form, &known()) {
                for (i, a) in place.hours.iter().enumerate() {
                    prop_assert!(a.end_minute > a.start_minute);
                    for b in &place.hours[i + 1..] {
                        prop_assert_eq!(a.overlap_minutes(b), 0);
                    }
                }
            }
        }

        #[test]
        fn any_point_far_from_the_quartier_is_refused(lat in -90f64..90.0, lon in -180f64..180.0) {
            let mut form = good();
            form.lat = lat.to_string();
            form.lon = lon.to_string();
            let far = haversine_km(GeoPoint { lat, lon }, known()[0].centre) > PLACE_REACH_KM;
            prop_assert_eq!(check_place(&form, &known()).is_err(), far);
        }
    }
}

//! Meeting places (Treffpunkte) of the Quartiere and villages, with their opening
//! hours, accessibility, languages and contact; the events held there and who will
//! come. Everyone may read them; the organisation in charge edits its own.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod events;
#[cfg(feature = "ssr")]
pub mod form;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod routes;

use crate::error::AppError;
use crate::i18n::Key;
use crate::orgs::QuartierOption;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlaceKind {
    NeighbourhoodCentre,
    Cafe,
    Library,
    ParishHall,
    SportsClub,
    Other,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 6] = [
        PlaceKind::NeighbourhoodCentre,
        PlaceKind::Cafe,
        PlaceKind::Library,
        PlaceKind::ParishHall,
        PlaceKind::SportsClub,
        PlaceKind::Other,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            PlaceKind::NeighbourhoodCentre => "centre",
            PlaceKind::Cafe => "cafe",
            PlaceKind::Library => "library",
            PlaceKind::ParishHall => "parish_hall",
            PlaceKind::SportsClub => "sports_club",
            PlaceKind::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn label(self) -> Key {
        match self {
            PlaceKind::NeighbourhoodCentre => Key::PlaceCentre,
            PlaceKind::Cafe => Key::PlaceCafe,
            PlaceKind::Library => Key::PlaceLibrary,
            PlaceKind::ParishHall => Key::PlaceParishHall,
            PlaceKind::SportsClub => Key::PlaceSportsClub,
            PlaceKind::Other => Key::PlaceOther,
        }
    }
}

impl TryFrom<String> for PlaceKind {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        PlaceKind::from_slug(&value).ok_or_else(|| format!("unknown place kind {value:?}"))
    }
}

/// What makes a place accessible; each is a column of `meeting_places`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Feature {
    StepFree,
    AccessibleToilet,
    HearingLoop,
    QuietRoom,
    DisabledParking,
}

impl Feature {
    pub const ALL: [Feature; 5] = [
        Feature::StepFree,
        Feature::AccessibleToilet,
        Feature::HearingLoop,
        Feature::QuietRoom,
        Feature::DisabledParking,
    ];

    /// The form value and the column name.
    pub fn slug(self) -> &'static str {
        match self {
            Feature::StepFree => "step_free",
            Feature::AccessibleToilet => "accessible_toilet",
            Feature::HearingLoop => "hearing_loop",
            Feature::QuietRoom => "quiet_room",
            Feature::DisabledParking => "disabled_parking",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.slug() == slug)
    }

    pub fn label(self) -> Key {
        match self {
            Feature::StepFree => Key::FeatureStepFree,
            Feature::AccessibleToilet => Key::FeatureAccessibleToilet,
            Feature::HearingLoop => Key::FeatureHearingLoop,
            Feature::QuietRoom => Key::FeatureQuietRoom,
            Feature::DisabledParking => Key::FeatureDisabledParking,
        }
    }
}

/// Opening hours of one weekday range (local time, 0 = Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    pub weekday: u8,
    pub start_minute: u16,
    pub end_minute: u16,
}

/// A meeting place as the public sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingPlace {
    pub id: i64,
    pub name: String,
    pub kind: PlaceKind,
    pub quartier_slug: String,
    pub quartier_name: String,
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub street_address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub hours: Vec<Hours>,
    pub hours_note: String,
    pub features: Vec<Feature>,
    pub languages: Vec<String>,
    pub phone: String,
    pub email: String,
    pub description: String,
}

impl MeetingPlace {
    pub fn step_free(&self) -> bool {
        self.features.contains(&Feature::StepFree)
    }
}

/// A point on the map of a list of places.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapMarker {
    pub number: usize,
    pub place_id: i64,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

/// `/places`: the filtered list, the choices of the filter, and where the map is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacesPage {
    pub places: Vec<MeetingPlace>,
    pub quartiere: Vec<QuartierOption>,
    /// The map's centre and template, when a Quartier is chosen and tiles are set up.
    pub map: Option<(f64, f64, String)>,
    pub markers: Vec<MapMarker>,
}

/// An event at a meeting place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub id: i64,
    pub title: String,
    pub description: String,
    /// The next date in the reader's language, e.g. "Mittwoch, 3. Dezember, 15:00–17:00".
    pub when: String,
    pub weekly: bool,
    pub coming: i64,
    /// Whether the reader said they will come.
    pub i_come: bool,
}

/// `/places/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacePage {
    pub place: MeetingPlace,
    pub events: Vec<EventView>,
    pub signed_in: bool,
    pub may_edit: bool,
    pub map_tiles: Option<String>,
}

/// `/coordinator/places`: what the viewer's organisations have, and the form values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacesEditor {
    /// Organisations the viewer may edit for (id, name).
    pub organisations: Vec<(i64, String)>,
    /// The Quartiere those organisations serve.
    pub quartiere: Vec<QuartierOption>,
    pub places: Vec<MeetingPlace>,
    /// The place being edited, when `?place=` names one of them.
    pub editing: Option<MeetingPlace>,
    pub map_tiles: Option<String>,
}

/// The filter of `/places`, checked: unknown values are named, not ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceFilter {
    pub quartier: Option<String>,
    pub kind: Option<PlaceKind>,
    pub features: Vec<Feature>,
}

impl PlaceFilter {
    pub fn parse(
        quartier: Option<&str>,
        kind: Option<&str>,
        features: Option<&str>,
    ) -> Result<PlaceFilter, AppError> {
        use crate::error::Problem;
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        let kind = given(kind)
            .map(|k| {
                PlaceKind::from_slug(k)
                    .ok_or_else(|| AppError::validation("place_kind", Problem::Unknown))
            })
            .transpose()?;
        let mut list = Vec::new();
        for slug in given(features)
            .unwrap_or("")
            .split(',')
            .filter(|s| !s.is_empty())
        {
            let f = Feature::from_slug(slug.trim())
                .ok_or_else(|| AppError::validation("feature", Problem::Unknown))?;
            if !list.contains(&f) {
                list.push(f);
            }
        }
        Ok(PlaceFilter {
            quartier: given(quartier).map(str::to_owned),
            kind,
            features: list,
        })
    }

    pub fn matches(&self, place: &MeetingPlace) -> bool {
        self.quartier
            .as_ref()
            .is_none_or(|q| *q == place.quartier_slug)
            && self.kind.is_none_or(|k| k == place.kind)
            && self.features.iter().all(|f| place.features.contains(f))
    }
}

#[leptos::server(endpoint = "places/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_places(
    quartier: Option<String>,
    kind: Option<String>,
    features: Option<String>,
) -> Result<PlacesPage, AppError> {
    // Public: meeting places are meant to be found by anyone.
    let filter = PlaceFilter::parse(quartier.as_deref(), kind.as_deref(), features.as_deref())
        .map_err(AppError::respond)?;
    let db = crate::ctx::request_db()?;
    let tiles = crate::context::lookup::<crate::ctx::SiteConfig>().and_then(|s| s.map_tiles);
    db::places_page(&db, &filter, tiles)
        .await
        .map_err(AppError::respond)
}

#[leptos::server(endpoint = "places/detail")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_place(id: Option<String>) -> Result<PlacePage, AppError> {
    let id = crate::ui::number_arg("place", id.as_deref()).map_err(AppError::respond)?;
    let viewer = crate::auth::session::request_viewer()?;
    let db = crate::ctx::request_db()?;
    let tiles = crate::context::lookup::<crate::ctx::SiteConfig>().and_then(|s| s.map_tiles);
    db::place_page(&db, viewer.as_ref(), id, tiles)
        .await
        .map_err(AppError::respond)
}

#[leptos::server(endpoint = "coordinator/places")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_places_editor(place: Option<String>) -> Result<PlacesEditor, AppError> {
    let viewer = crate::auth::session::require_viewer()?;
    if !viewer.roles.may_enter_coordinator_area() {
        return Err(AppError::Forbidden.respond());
    }
    let place = match place.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(raw) => Some(crate::ui::number_arg("place", Some(raw)).map_err(AppError::respond)?),
        None => None,
    };
    let db = crate::ctx::request_db()?;
    let tiles = crate::context::lookup::<crate::ctx::SiteConfig>().and_then(|s| s.map_tiles);
    db::editor(&db, &viewer, place, tiles)
        .await
        .map_err(AppError::respond)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_filter_values_are_named() {
        let err =
            |r: Result<PlaceFilter, AppError>| r.err().and_then(|e| e.field().map(str::to_owned));
        assert_eq!(
            err(PlaceFilter::parse(None, Some("castle"), None)).as_deref(),
            Some("place_kind")
        );
        assert_eq!(
            err(PlaceFilter::parse(None, None, Some("step_free,lift"))).as_deref(),
            Some("feature")
        );
        let f = PlaceFilter::parse(Some(" linden "), Some("cafe"), Some("step_free,step_free"))
            .expect("ok");
        assert_eq!(f.quartier.as_deref(), Some("linden"));
        assert_eq!(f.features, vec![Feature::StepFree]);
    }

    #[test]
    fn every_slug_comes_back() {
        for f in Feature::ALL {
            assert_eq!(Feature::from_slug(f.slug()), Some(f));
        }
        for k in PlaceKind::ALL {
            assert_eq!(PlaceKind::from_slug(k.slug()), Some(k));
        }
    }
}

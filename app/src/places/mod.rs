//! Meeting places (Treffpunkte) of the Quartiere and villages.

#[cfg(feature = "ssr")]
pub mod db;

use crate::i18n::Key;
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
        PlaceKind::ALL
            .into_iter()
            .find(|k| k.slug() == value)
            .ok_or_else(|| format!("unknown place kind {value:?}"))
    }
}

/// A meeting place as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingPlace {
    pub id: i64,
    pub name: String,
    pub kind: PlaceKind,
    pub quartier_name: String,
    pub street_address: String,
    pub opening_hours: String,
    pub step_free: bool,
    pub description: String,
}

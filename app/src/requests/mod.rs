//! Help needs: what neighbours need, as teasers for the public and (later) with their
//! private part for confirmed helpers and coordinators.

#[cfg(feature = "ssr")]
pub mod calendar;
#[cfg(feature = "ssr")]
pub mod db;
pub mod detail;
pub mod filter;
#[cfg(feature = "ssr")]
pub mod jobs;
pub mod lifecycle;
#[cfg(feature = "ssr")]
pub mod messages;
pub mod page;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod posting;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod staffing;
pub mod text_check;
#[cfg(feature = "ssr")]
pub mod when;

use crate::error::AppError;
use crate::i18n::Key;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use filter::NeedFilter;

/// Languages a need may ask for and a volunteer may speak (ISO 639-1).
pub const LANGUAGES: [&str; 12] = [
    "de", "en", "tr", "ar", "uk", "ru", "fa", "pl", "ro", "ku", "fr", "es",
];

/// The kinds of help a need can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    Shopping,
    Accompaniment,
    Forms,
    Company,
    Translation,
    Repairs,
    Tech,
    /// Child-related: needs a volunteer with an inspected police certificate (§72a SGB VIII).
    Childcare,
    Garden,
    Other,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Shopping,
        Category::Accompaniment,
        Category::Forms,
        Category::Company,
        Category::Translation,
        Category::Repairs,
        Category::Tech,
        Category::Childcare,
        Category::Garden,
        Category::Other,
    ];

    /// Help with children only from someone with a valid police inspection.
    pub fn requires_inspection(self) -> bool {
        self == Category::Childcare
    }

    /// The stable name used in URLs and the database.
    pub fn slug(self) -> &'static str {
        match self {
            Category::Shopping => "shopping",
            Category::Accompaniment => "accompaniment",
            Category::Forms => "forms",
            Category::Company => "company",
            Category::Translation => "translation",
            Category::Repairs => "repairs",
            Category::Tech => "tech",
            Category::Childcare => "childcare",
            Category::Garden => "garden",
            Category::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.slug() == slug)
    }

    pub fn label(self) -> Key {
        match self {
            Category::Shopping => Key::CatShopping,
            Category::Accompaniment => Key::CatAccompaniment,
            Category::Forms => Key::CatForms,
            Category::Company => Key::CatCompany,
            Category::Translation => Key::CatTranslation,
            Category::Repairs => Key::CatRepairs,
            Category::Tech => Key::CatTech,
            Category::Childcare => Key::CatChildcare,
            Category::Garden => Key::CatGarden,
            Category::Other => Key::CatOther,
        }
    }
}

impl TryFrom<String> for Category {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Category::from_slug(&value).ok_or_else(|| format!("unknown category {value:?}"))
    }
}

/// Where a need stands in its life (DESIGN §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NeedStatus {
    Draft,
    PendingReview,
    Open,
    Filled,
    Done,
    Cancelled,
    Expired,
}

impl NeedStatus {
    pub const ALL: [NeedStatus; 7] = [
        NeedStatus::Draft,
        NeedStatus::PendingReview,
        NeedStatus::Open,
        NeedStatus::Filled,
        NeedStatus::Done,
        NeedStatus::Cancelled,
        NeedStatus::Expired,
    ];

    pub fn parse(value: &str) -> Option<NeedStatus> {
        NeedStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NeedStatus::Draft => "draft",
            NeedStatus::PendingReview => "pending_review",
            NeedStatus::Open => "open",
            NeedStatus::Filled => "filled",
            NeedStatus::Done => "done",
            NeedStatus::Cancelled => "cancelled",
            NeedStatus::Expired => "expired",
        }
    }
}

/// A need as anyone may see it: kind of help, Quartier and time window. No names, no
/// exact place, no description — those are not even loaded for this type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedTeaser {
    pub id: i64,
    pub category: Category,
    pub title: String,
    pub quartier_name: String,
    pub quartier_slug: String,
    /// The day in Europe/Berlin, in the viewer's language.
    pub day_label: String,
    /// The time window in Europe/Berlin, e.g. "10:00–12:00".
    pub time_label: String,
    pub helpers_needed: i64,
    pub helpers_filled: i64,
    /// The task, for signed-in volunteers only; `None` for everyone else.
    pub description: Option<String>,
    /// For volunteers: about how far it is from their home point, in metres (100 m steps).
    pub distance_m: Option<i64>,
}

/// One page of open needs and how many match in all.
/// A need waiting in a coordinator's review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedNeed {
    pub id: i64,
    pub title: String,
    pub quartier_name: String,
    pub day_label: String,
    pub time_label: String,
}

/// A helper's standing with a need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HelperState {
    SignedUp,
    Confirmed,
    Waitlisted,
    Withdrawn,
}

impl HelperState {
    pub fn as_str(self) -> &'static str {
        match self {
            HelperState::SignedUp => "signed_up",
            HelperState::Confirmed => "confirmed",
            HelperState::Waitlisted => "waitlisted",
            HelperState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(value: &str) -> Option<HelperState> {
        [
            HelperState::SignedUp,
            HelperState::Confirmed,
            HelperState::Waitlisted,
            HelperState::Withdrawn,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }

    pub fn holds_place(self) -> bool {
        matches!(self, HelperState::SignedUp | HelperState::Confirmed)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NeedList {
    pub needs: Vec<NeedTeaser>,
    pub total: i64,
}

/// How many teasers one list shows.
pub const PAGE_SIZE: i64 = 50;

/// Lists count matching needs up to this many and then say "more than": counting every
/// one of tens of thousands on each page view made the pages slow under load.
pub const COUNT_CAP: i64 = 1000;

/// Open needs matching the filter, soonest first. Unknown Quartier or category → a
/// validation error naming the field.
#[server(endpoint = "needs/open")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn list_open_needs(
    quartier: Option<String>,
    category: Option<String>,
    from: Option<String>,
    to: Option<String>,
    sort: Option<String>,
    page: Option<String>,
    km: Option<String>,
) -> Result<NeedList, AppError> {
    use crate::ctx::{request_db, request_lang};
    // Public: visitors may read teasers, so no sign-in check here.
    crate::db::kept::only_reads();
    let filter = NeedFilter::new(quartier, category)
        .with_range(from, to, sort, page)
        .within(km);
    let db = request_db()?;
    let valid = filter.validate(&db).await.map_err(AppError::respond)?;
    // The task and the distance are for volunteers, from their home point.
    let viewer = crate::auth::session::request_viewer().ok().flatten();
    let home = match viewer.filter(|v| {
        v.roles
            .lives_as(crate::auth::policy::QuartierRole::Volunteer)
    }) {
        Some(v) => *db::kept_volunteer_home(&db, v.id)
            .await
            .map_err(|e| AppError::from(e).respond())?,
        None => None,
    };
    db::list_open_teasers(&db, &valid, request_lang(), PAGE_SIZE, home)
        .await
        .map_err(|e| AppError::from(e).respond())
}

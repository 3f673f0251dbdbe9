//! Volunteers (Ehrenamtliche): their profile (what they can do, where and when they
//! help, how far they go), the verification records coordinators keep for them, the
//! invitations coordinators send from the matching suggestions, and the needs the
//! matching engine finds for them.

#[cfg(feature = "ssr")]
pub mod candidates;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod invitations;
pub mod map;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod profile;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod verification;

use crate::error::AppError;
use crate::matching::{Gender, WeeklySlot};
use crate::requests::Category;
use serde::{Deserialize, Serialize};

/// How many availability rows the form offers per weekday.
pub const SLOTS_PER_DAY: usize = 2;

/// How a volunteer gets about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mobility {
    Foot,
    Bike,
    Car,
    Transit,
}

impl Mobility {
    pub const ALL: [Mobility; 4] = [
        Mobility::Foot,
        Mobility::Bike,
        Mobility::Car,
        Mobility::Transit,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Mobility::Foot => "foot",
            Mobility::Bike => "bike",
            Mobility::Car => "car",
            Mobility::Transit => "transit",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Mobility> {
        Mobility::ALL.into_iter().find(|m| m.slug() == slug)
    }

    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::Key;
        match self {
            Mobility::Foot => Key::MobilityFoot,
            Mobility::Bike => Key::MobilityBike,
            Mobility::Car => Key::MobilityCar,
            Mobility::Transit => Key::MobilityTransit,
        }
    }
}

/// A stored profile as the form shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileView {
    pub skills: Vec<Category>,
    pub skills_other: String,
    pub languages: Vec<String>,
    pub quartiere: Vec<String>,
    pub home_quartier: String,
    pub home_lat: f64,
    pub home_lon: f64,
    /// The home point was set by hand (not the centre of the home Quartier).
    pub own_point: bool,
    pub radius_km: f64,
    pub slots: Vec<WeeklySlot>,
    pub max_hours: f64,
    pub mobility: Vec<Mobility>,
    pub gender: Option<Gender>,
    /// "YYYY-MM-DD", if paused.
    pub paused_until: Option<String>,
}

/// The kind of a verification record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerificationKind {
    /// Inspection of the extended police certificate (§72a SGB VIII), valid 5 years.
    Inspection,
    /// Basic course for care-related neighbourhood help (§45a SGB XI).
    Course,
}

impl VerificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            VerificationKind::Inspection => "inspection",
            VerificationKind::Course => "course",
        }
    }

    pub fn parse(value: &str) -> Option<VerificationKind> {
        match value {
            "inspection" => Some(VerificationKind::Inspection),
            "course" => Some(VerificationKind::Course),
            _ => None,
        }
    }
}

/// One verification record, as coordinators and the volunteer see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationView {
    pub id: i64,
    pub volunteer_name: String,
    pub volunteer_email: String,
    pub kind: VerificationKind,
    /// "YYYY-MM-DD".
    pub checked_on: String,
    pub recorded_by: String,
    pub result_ok: bool,
    pub valid_until: Option<String>,
    pub valid_now: bool,
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    Invited,
    Accepted,
    Declined,
    Expired,
    /// Accepted after the places were filled by others.
    TooLate,
}

impl InvitationState {
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationState::Invited => "invited",
            InvitationState::Accepted => "accepted",
            InvitationState::Declined => "declined",
            InvitationState::Expired => "expired",
            InvitationState::TooLate => "too_late",
        }
    }

    pub fn parse(value: &str) -> Option<InvitationState> {
        [
            InvitationState::Invited,
            InvitationState::Accepted,
            InvitationState::Declined,
            InvitationState::Expired,
            InvitationState::TooLate,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// An invitation to a need, for the volunteer's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyInvitation {
    pub need_id: i64,
    pub title: String,
    pub when: String,
    pub quartier_name: String,
    pub respond_by: String,
    pub state: InvitationState,
}

/// A need the engine found for a volunteer, with the reasons in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedForMe {
    pub need_id: i64,
    pub title: String,
    pub category: Category,
    pub when: String,
    pub quartier_name: String,
    pub score: f64,
    pub reasons: Vec<String>,
}

/// `/me/volunteer`: the profile form, my invitations, my records, needs for me.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolunteerPage {
    pub is_volunteer: bool,
    pub profile: Option<ProfileView>,
    pub quartiere: Vec<crate::orgs::QuartierOption>,
    pub invitations: Vec<MyInvitation>,
    pub verifications: Vec<VerificationView>,
    pub needs_for_me: Vec<NeedForMe>,
    /// Map tile addresses (`{z}/{x}/{y}`), if a map is configured.
    pub map_tiles: Option<String>,
    /// Where the map is centred: the home point, else the first Quartier.
    pub map_centre: crate::matching::geo::GeoPoint,
}

/// A ranked volunteer for one need, with the reasons in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub volunteer_id: i64,
    pub name: String,
    pub score: f64,
    pub reasons: Vec<String>,
    pub invitation: Option<InvitationState>,
}

/// An invitation as the coordinator sees it on the suggestions page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentInvitation {
    pub volunteer_name: String,
    pub state: InvitationState,
    pub respond_by: String,
}

/// `/requests/{id}/suggestions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestions {
    pub need_id: i64,
    pub title: String,
    pub when: String,
    pub quartier_name: String,
    pub places_left: i64,
    pub open: bool,
    pub suggestions: Vec<Suggestion>,
    pub invitations: Vec<SentInvitation>,
    /// How many volunteers nearby the hard rules left out, by rule (in words).
    pub left_out: Vec<(String, u32)>,
}

/// An open need with free places, for the coordinator's overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffingNeed {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub quartier_name: String,
    pub places_left: i64,
    pub invitations_open: i64,
}

/// One line of a bulk proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalLine {
    pub need_id: i64,
    pub title: String,
    pub when: String,
    pub volunteer_id: i64,
    pub volunteer_name: String,
    pub score: f64,
    pub reasons: Vec<String>,
}

/// `/coordinator/proposal`: a proposal for all open needs of a Quartier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulkProposal {
    pub quartiere: Vec<crate::orgs::QuartierOption>,
    pub quartier: Option<String>,
    pub open_needs: usize,
    pub places: u32,
    pub lines: Vec<ProposalLine>,
}

/// `/coordinator/volunteers`: the verification records of my organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationsPage {
    pub organisations: Vec<(i64, String)>,
    pub records: Vec<VerificationView>,
}

#[leptos::server(endpoint = "me/volunteer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_volunteer_page() -> Result<VolunteerPage, AppError> {
    let viewer = crate::auth::session::require_viewer()?;
    let db = crate::ctx::request_db()?;
    let tiles = crate::context::lookup::<crate::ctx::SiteConfig>().and_then(|s| s.map_tiles);
    db::volunteer_page(&db, crate::i18n::request_lang(), &viewer, tiles)
        .await
        .map_err(AppError::respond)
}

#[leptos::server(endpoint = "needs/suggestions")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn need_suggestions(need: Option<String>) -> Result<Suggestions, AppError> {
    let viewer = crate::auth::session::require_viewer()?;
    if !viewer.roles.may_enter_coordinator_area() {
        return Err(AppError::Forbidden.respond());
    }
    let need = crate::ui::number_arg("need", need.as_deref()).map_err(AppError::respond)?;
    let db = crate::ctx::request_db()?;
    invitations::suggestions(&db, crate::i18n::request_lang(), &viewer, need)
        .await
        .map_err(AppError::respond)
}

#[leptos::server(endpoint = "coordinator/proposal")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_bulk_proposal(quartier: Option<String>) -> Result<BulkProposal, AppError> {
    let viewer = crate::auth::session::require_viewer()?;
    if !viewer.roles.may_enter_coordinator_area() {
        return Err(AppError::Forbidden.respond());
    }
    let db = crate::ctx::request_db()?;
    invitations::proposal(
        &db,
        crate::i18n::request_lang(),
        &viewer,
        quartier.as_deref().unwrap_or(""),
    )
    .await
    .map_err(AppError::respond)
}

#[leptos::server(endpoint = "coordinator/verifications")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_verifications() -> Result<VerificationsPage, AppError> {
    let viewer = crate::auth::session::require_viewer()?;
    if !viewer.roles.may_enter_coordinator_area() {
        return Err(AppError::Forbidden.respond());
    }
    let db = crate::ctx::request_db()?;
    verification::page(&db, &viewer)
        .await
        .map_err(AppError::respond)
}

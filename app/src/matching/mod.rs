//! Matching of needs and volunteers: pure Rust, no I/O, so it can be tested on its own
//! and benchmarked. Hard rules first (safeguarding, same gender, language, time,
//! distance, weekly limit, pause, block), then a weighted score with the reasons a
//! coordinator sees ("speaks Turkish", "1.2 km", "free at that time").
//!
//! Callers convert times to local (Europe/Berlin) weekday and minutes before calling,
//! so this module needs no time-zone data.

pub mod bulk;
pub mod geo;

use crate::requests::Category;
use geo::GeoPoint;
use serde::{Deserialize, Serialize};

/// A person's gender as they chose to state it; used only for same-gender requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    Female,
    Male,
    Diverse,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Female, Gender::Male, Gender::Diverse];

    /// The stable name used in forms and the database.
    pub fn slug(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Diverse => "diverse",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Gender> {
        Gender::ALL.into_iter().find(|g| g.slug() == slug)
    }
}

/// A weekly time slot in local time: weekday 0 = Monday, minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklySlot {
    pub weekday: u8,
    pub start_minute: u16,
    pub end_minute: u16,
}

impl WeeklySlot {
    /// Minutes this slot shares with another on the same weekday.
    pub fn overlap_minutes(&self, other: &WeeklySlot) -> u32 {
        if self.weekday != other.weekday {
            return 0;
        }
        let start = self.start_minute.max(other.start_minute);
        let end = self.end_minute.min(other.end_minute);
        u32::from(end.saturating_sub(start))
    }

    pub fn duration_minutes(&self) -> u32 {
        u32::from(self.end_minute.saturating_sub(self.start_minute))
    }
}

/// What matching needs to know of a need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedSpec {
    pub id: i64,
    pub category: Category,
    pub place: GeoPoint,
    /// When, in local time.
    pub slot: WeeklySlot,
    pub helpers_needed: u32,
    /// Only a helper of this gender (a hard rule).
    pub same_gender: Option<Gender>,
    /// A language the helper must speak (ISO 639-1 code), if any.
    pub language: Option<String>,
    pub needs_car: bool,
    /// The neighbour, for continuity ("helped this neighbour before").
    pub neighbour_id: Option<i64>,
}

impl NeedSpec {
    /// Child-related needs require an inspected police certificate (§72a SGB VIII).
    pub fn requires_inspection(&self) -> bool {
        self.category.requires_inspection()
    }

    pub fn hours(&self) -> f64 {
        f64::from(self.slot.duration_minutes()) / 60.0
    }
}

/// What matching needs to know of a volunteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolunteerSpec {
    pub id: i64,
    /// Approximate home point, never the address.
    pub home: GeoPoint,
    pub radius_km: f64,
    pub languages: Vec<String>,
    pub skills: Vec<Category>,
    pub gender: Option<Gender>,
    /// Epoch seconds until which the inspected police certificate is valid.
    pub inspection_valid_until: Option<i64>,
    pub has_car: bool,
    pub availability: Vec<WeeklySlot>,
    pub max_hours_per_week: f64,
    pub hours_this_week: f64,
    /// Epoch seconds until which the volunteer pauses.
    pub paused_until: Option<i64>,
    pub blocked: bool,
    /// Assignments in the last 30 days (for fairness).
    pub recent_assignments: u32,
    pub helped_neighbours: Vec<i64>,
}

/// Why a volunteer is not offered for a need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Exclusion {
    Blocked,
    Paused,
    NoValidInspection,
    GenderMismatch,
    MissingLanguage,
    NoCar,
    OutOfRadius,
    NotAvailable,
    OverWeeklyLimit,
}

/// Why a volunteer fits, in the order a coordinator reads them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reason {
    /// Distance from the volunteer's home point, in metres (rounded to 100 m).
    Distance {
        metres: u32,
    },
    SpeaksLanguage {
        code: String,
    },
    HasSkill {
        category: Category,
    },
    /// The share of the need's time the volunteer has marked as free, in percent.
    Available {
        percent: u8,
    },
    HelpedBefore,
    /// Few assignments recently: spreads the work.
    LightLoad,
}

/// A ranked candidate for one need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub volunteer_id: i64,
    /// 0 to 100.
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// The weights of the score's parts; they add up to 100.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub distance: f64,
    pub skill: f64,
    pub language: f64,
    pub availability: f64,
    pub continuity: f64,
    pub fairness: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            distance: 35.0,
            skill: 20.0,
            language: 10.0,
            availability: 15.0,
            continuity: 10.0,
            fairness: 10.0,
        }
    }
}

/// Checks the hard rules; `Ok(distance_km)` when the volunteer may be offered.
pub fn check(need: &NeedSpec, v: &VolunteerSpec, now: i64) -> Result<f64, Exclusion> {
    if v.blocked {
        return Err(Exclusion::Blocked);
    }
    if v.paused_until.is_some_and(|until| until > now) {
        return Err(Exclusion::Paused);
    }
    if need.requires_inspection() && v.inspection_valid_until.is_none_or(|until| until <= now) {
        return Err(Exclusion::NoValidInspection);
    }
    if let Some(required) = need.same_gender {
        if v.gender != Some(required) {
            return Err(Exclusion::GenderMismatch);
        }
    }
    if let Some(code) = &need.language {
        if !v.languages.iter().any(|l| l == code) {
            return Err(Exclusion::MissingLanguage);
        }
    }
    if need.needs_car && !v.has_car {
        return Err(Exclusion::NoCar);
    }
    if !geo::within_box(v.home, need.place, v.radius_km) {
        return Err(Exclusion::OutOfRadius);
    }
    let distance = geo::haversine_km(v.home, need.place);
    if distance > v.radius_km {
        return Err(Exclusion::OutOfRadius);
    }
    if available_minutes(need, v) == 0 {
        return Err(Exclusion::NotAvailable);
    }
    if v.hours_this_week + need.hours() > v.max_hours_per_week {
        return Err(Exclusion::OverWeeklyLimit);
    }
    Ok(distance)
}

fn available_minutes(need: &NeedSpec, v: &VolunteerSpec) -> u32 {
    let total: u32 = v
        .availability
        .iter()
        .map(|slot| slot.overlap_minutes(&need.slot))
        .sum();
    total.min(need.slot.duration_minutes())
}

/// The score and reasons of a volunteer who passed the hard rules.
pub fn score(need: &NeedSpec, v: &VolunteerSpec, distance_km: f64, w: &Weights) -> Ranked {
    let mut reasons = vec![Reason::Distance {
        metres: ((distance_km * 10.0).round() * 100.0) as u32,
    }];
    // Nearer is better, relative to how far the volunteer is willing to go.
    let mut total = w.distance * (1.0 - (distance_km / v.radius_km.max(0.1)).clamp(0.0, 1.0));
    if v.skills.contains(&need.category) {
        total += w.skill;
        reasons.push(Reason::HasSkill {
            category: need.category,
        });
    }
    if let Some(code) = &need.language {
        total += w.language;
        reasons.push(Reason::SpeaksLanguage { code: code.clone() });
    }
    let duration = need.slot.duration_minutes().max(1);
    let share = f64::from(available_minutes(need, v)) / f64::from(duration);
    total += w.availability * share;
    reasons.push(Reason::Available {
        percent: (share * 100.0).round() as u8,
    });
    if need
        .neighbour_id
        .is_some_and(|n| v.helped_neighbours.contains(&n))
    {
        total += w.continuity;
        reasons.push(Reason::HelpedBefore);
    }
    // Fairness: full weight for someone without recent assignments, less with each one.
    let fairness = 1.0 / (1.0 + f64::from(v.recent_assignments));
    total += w.fairness * fairness;
    if v.recent_assignments <= 1 {
        reasons.push(Reason::LightLoad);
    }
    Ranked {
        volunteer_id: v.id,
        score: (total * 100.0).round() / 100.0,
        reasons,
    }
}

/// The volunteers who may be offered for `need`, best first (ties: lower id first), at
/// most `limit`.
pub fn rank(
    need: &NeedSpec,
    volunteers: &[VolunteerSpec],
    now: i64,
    weights: &Weights,
    limit: usize,
) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = volunteers
        .iter()
        .filter_map(|v| check(need, v, now).ok().map(|d| score(need, v, d, weights)))
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.volunteer_id.cmp(&b.volunteer_id))
    });
    ranked.truncate(limit);
    ranked
}

#[cfg(test)]
mod tests;

/// The name of a language (ISO 639-1 code) in the viewer's language; unknown codes are
/// shown as they are.
pub fn language_name(lang: crate::i18n::Lang, code: &str) -> String {
    use crate::i18n::Key;
    let key = match code {
        "de" => Key::LanguageDe,
        "en" => Key::LanguageEn,
        "tr" => Key::LanguageTr,
        "ar" => Key::LanguageAr,
        "pl" => Key::LanguagePl,
        "ru" => Key::LanguageRu,
        "uk" => Key::LanguageUk,
        "fa" => Key::LanguageFa,
        "ku" => Key::LanguageKu,
        "ro" => Key::LanguageRo,
        "fr" => Key::LanguageFr,
        "es" => Key::LanguageEs,
        other => return other.to_owned(),
    };
    lang.t(key).to_owned()
}

/// A reason in plain words, in the viewer's language.
pub fn reason_text(lang: crate::i18n::Lang, reason: &Reason) -> String {
    use crate::i18n::Key;
    match reason {
        Reason::Distance { metres } => lang.fill(
            Key::ReasonDistance,
            &[("km", &lang.kilometres(i64::from(*metres)))],
        ),
        Reason::SpeaksLanguage { code } => lang.fill(
            Key::ReasonLanguage,
            &[("language", &language_name(lang, code))],
        ),
        Reason::HasSkill { category } => {
            lang.fill(Key::ReasonSkill, &[("category", lang.t(category.label()))])
        }
        Reason::Available { percent } => {
            lang.fill(Key::ReasonAvailable, &[("percent", &percent.to_string())])
        }
        Reason::HelpedBefore => lang.t(Key::ReasonHelpedBefore).to_owned(),
        Reason::LightLoad => lang.t(Key::ReasonLightLoad).to_owned(),
    }
}

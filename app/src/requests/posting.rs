//! Posting a need: by a neighbour (to the coordinators' review queue, or open at once
//! for a neighbour their organisation trusts) or by a coordinator on a neighbour's
//! behalf (open at once, with how consent was given). Public text and private details
//! are stored apart; contact data found in the public text is moved to the private
//! part.

use super::db::{insert_need, NeedPrivate, NewNeed};
use super::text_check::{take_out_contact_data, targeting_phrases};
use super::{Category, NeedStatus};
use crate::audit::{db::record, Action, Event};
use crate::auth::policy::{OrgRole, QuartierRole};
use crate::auth::Viewer;
use crate::db::{now, Db};
use crate::error::{AppError, Problem};
use chrono::{NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Europe::Berlin;
use serde::Deserialize;
use sqlx::Row;

pub use super::LANGUAGES;
pub const MAX_HELPERS: i64 = 20;
const MAX_TITLE: usize = 120;
const MAX_TEXT: usize = 2000;
const MAX_FIELD: usize = 200;
/// A need lasts at most this long on one day.
const MAX_HOURS: i64 = 12;

/// The posting form, as entered (also the no-JavaScript form post).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NeedForm {
    pub category: String,
    pub title: String,
    pub description: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub weekly: Option<String>,
    pub quartier: String,
    pub rough_place: String,
    pub helpers: String,
    pub language: String,
    pub same_gender: Option<String>,
    /// The gender asked for when `same_gender` is ticked.
    pub helper_gender: String,
    pub step_free: Option<String>,
    pub needs_car: Option<String>,
    pub contact_name: String,
    pub street_address: String,
    pub phone: String,
    pub notes: String,
    pub consent: String,
}

/// How a neighbour without an account agreed to an on-behalf posting.
pub const CONSENT_WAYS: [&str; 4] = ["phone", "visit", "paper", "relative"];

/// A checked need, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedNeed {
    pub category: Category,
    pub title: String,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub weekly: bool,
    pub rough_place: String,
    pub helpers: i64,
    pub language: Option<String>,
    pub same_gender: bool,
    pub helper_gender: Option<crate::matching::Gender>,
    pub step_free: bool,
    pub needs_car: bool,
    pub contact_name: String,
    pub street_address: String,
    pub phone: String,
    pub notes: String,
    /// Contact data was found in the public text and moved to the notes.
    pub moved_contact: bool,
}

pub(crate) fn text(
    field: &str,
    value: &str,
    max: usize,
    required: bool,
) -> Result<String, AppError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(AppError::validation(field, Problem::Missing));
    }
    if value.chars().count() > max {
        return Err(AppError::validation(field, Problem::TooLong));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(AppError::validation(field, Problem::Malformed));
    }
    Ok(value.to_owned())
}

/// Checks everything that needs no database; `now` is the current time.
pub fn check(form: &NeedForm, now: i64) -> Result<CheckedNeed, AppError> {
    let category = Category::from_slug(form.category.trim())
        .ok_or_else(|| AppError::validation("category", Problem::Unknown))?;
    let title = text("title", &form.title, MAX_TITLE, true)?;
    let description = text("description", &form.description, MAX_TEXT, false)?;
    for (field, value) in [("title", &title), ("description", &description)] {
        if !targeting_phrases(value).is_empty() {
            return Err(AppError::validation(field, Problem::Wording));
        }
    }
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::validation("date", Problem::Malformed))?;
    let start = NaiveTime::parse_from_str(form.start.trim(), "%H:%M")
        .map_err(|_| AppError::validation("start", Problem::Malformed))?;
    let end = NaiveTime::parse_from_str(form.end.trim(), "%H:%M")
        .map_err(|_| AppError::validation("end", Problem::Malformed))?;
    let local = |time| {
        Berlin
            .from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|t| t.timestamp())
    };
    let starts_at =
        local(start).ok_or_else(|| AppError::validation("start", Problem::Malformed))?;
    let ends_at = local(end).ok_or_else(|| AppError::validation("end", Problem::Malformed))?;
    if starts_at <= now {
        return Err(AppError::validation("date", Problem::Past));
    }
    if ends_at <= starts_at || ends_at - starts_at > MAX_HOURS * 3600 {
        return Err(AppError::validation("end", Problem::OutOfRange));
    }
    let helpers = form
        .helpers
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::validation("helpers", Problem::Malformed))?;
    if !(1..=MAX_HELPERS).contains(&helpers) {
        return Err(AppError::validation("helpers", Problem::OutOfRange));
    }
    let language = match form.language.trim() {
        "" => None,
        code if LANGUAGES.contains(&code) => Some(code.to_owned()),
        _ => return Err(AppError::validation("language", Problem::Unknown)),
    };
    let mut notes = text("notes", &form.notes, MAX_TEXT, false)?;
    let cleaned_title = take_out_contact_data(&title);
    let cleaned_description = take_out_contact_data(&description);
    let moved: Vec<String> = cleaned_title
        .moved
        .iter()
        .chain(&cleaned_description.moved)
        .map(|(_, piece)| piece.clone())
        .collect();
    if !moved.is_empty() {
        if !notes.is_empty() {
            notes.push('\n');
        }
        notes.push_str(&moved.join("\n"));
    }
    if cleaned_title.text.trim().is_empty() {
        return Err(AppError::validation("title", Problem::Missing));
    }
    // A same-gender need says which gender, so matching and sign-up can honour it.
    let helper_gender = match (form.same_gender.is_some(), form.helper_gender.trim()) {
        (false, _) => None,
        (true, "") => return Err(AppError::validation("helper_gender", Problem::Missing)),
        (true, slug) => Some(
            crate::matching::Gender::from_slug(slug)
                .ok_or_else(|| AppError::validation("helper_gender", Problem::Unknown))?,
        ),
    };
    Ok(CheckedNeed {
        category,
        title: cleaned_title.text,
        description: cleaned_description.text,
        starts_at,
        ends_at,
        weekly: form.weekly.is_some(),
        rough_place: text("rough_place", &form.rough_place, MAX_FIELD, false)?,
        helpers,
        language,
        same_gender: form.same_gender.is_some(),
        helper_gender,
        step_free: form.step_free.is_some(),
        needs_car: form.needs_car.is_some(),
        contact_name: text("contact_name", &form.contact_name, MAX_FIELD, false)?,
        street_address: text("street_address", &form.street_address, MAX_FIELD, false)?,
        phone: text("phone", &form.phone, 40, false)?,
        notes,
        moved_contact: !moved.is_empty(),
    })
}

/// Where a new need went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    pub id: i64,
    pub status: NeedStatus,
    pub moved_contact: bool,
}

/// Posts a need as a neighbour, or as a coordinator on a neighbour's behalf (when the
/// viewer coordinates for an organisation serving the Quartier).
pub async fn post_need(db: &Db, viewer: &Viewer, form: &NeedForm) -> Result<Posted, AppError> {
    let coordinator = viewer
        .roles
        .organisations
        .iter()
        .any(|m| m.role == OrgRole::Coordinator);
    if !coordinator && !viewer.roles.lives_as(QuartierRole::Neighbour) {
        return Err(AppError::Forbidden);
    }
    let need = check(form, now())?;
    let quartier = crate::orgs::db::quartier_id_by_slug(db, form.quartier.trim())
        .await?
        .ok_or_else(|| AppError::validation("quartier", Problem::Unknown))?;
    let serving: Vec<i64> = sqlx::query(
        "SELECT organisation_id FROM organisation_quartiere WHERE quartier_id = $1 ORDER BY organisation_id",
    )
    .bind(quartier)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| row.try_get("organisation_id"))
    .collect::<Result<_, _>>()?;
    let own_org = serving
        .iter()
        .copied()
        .find(|org| viewer.roles.coordinates(*org));
    let (organisation, on_behalf) = match own_org {
        Some(org) => (org, true),
        None if viewer.roles.lives_as(QuartierRole::Neighbour) => (
            *serving
                .first()
                .ok_or_else(|| AppError::validation("quartier", Problem::OtherOrganisation))?,
            false,
        ),
        None => return Err(AppError::validation("quartier", Problem::OtherOrganisation)),
    };
    if on_behalf {
        // Without an account, the neighbour is reached through these.
        text("contact_name", &need.contact_name, MAX_FIELD, true)?;
        text("phone", &need.phone, 40, true)?;
        if !CONSENT_WAYS.contains(&form.consent.trim()) {
            return Err(AppError::validation("consent", Problem::Missing));
        }
    }
    let mut tx = db.begin_write().await?;
    let trusted = !on_behalf
        && sqlx::query("SELECT 1 AS trusted FROM trusted_neighbours WHERE organisation_id = $1 AND user_id = $2")
            .bind(organisation)
            .bind(viewer.id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
    let status = if on_behalf || trusted {
        NeedStatus::Open
    } else {
        NeedStatus::PendingReview
    };
    let id = insert_need(
        &mut tx,
        &NewNeed {
            organisation_id: organisation,
            quartier_id: quartier,
            category: need.category,
            title: &need.title,
            description: &need.description,
            status,
            helpers_needed: need.helpers,
            starts_at: need.starts_at,
            ends_at: need.ends_at,
        },
        &NeedPrivate {
            contact_name: &need.contact_name,
            street_address: &need.street_address,
            phone: &need.phone,
            notes: &need.notes,
        },
    )
    .await?;
    sqlx::query(
        "UPDATE needs SET posted_by = $2, on_behalf = $3, rough_place = $4, weekly = $5, language = $6,
                          same_gender = $7, step_free = $8, needs_car = $9, helper_gender = $10
         WHERE id = $1",
    )
    .bind(id)
    .bind(viewer.id)
    .bind(i64::from(on_behalf))
    .bind(&need.rough_place)
    .bind(i64::from(need.weekly))
    .bind(&need.language)
    .bind(i64::from(need.same_gender))
    .bind(i64::from(need.step_free))
    .bind(i64::from(need.needs_car))
    .bind(need.helper_gender.map(crate::matching::Gender::slug))
    .execute(&mut *tx)
    .await?;
    if on_behalf {
        sqlx::query("UPDATE need_private SET consent = $2 WHERE need_id = $1")
            .bind(id)
            .bind(form.consent.trim())
            .execute(&mut *tx)
            .await?;
    }
    record(
        &mut tx,
        Event {
            action: Action::NeedPosted,
            actor: Some(viewer.id),
            subject: None,
            organisation: Some(organisation),
            detail: format!("need:{id} {}", status.as_str()),
        },
    )
    .await?;
    tx.commit().await?;
    crate::live::bus::organisation_changed(db, organisation).await;
    Ok(Posted {
        id,
        status,
        moved_contact: need.moved_contact,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn form() -> NeedForm {
        NeedForm {
            category: "shopping".into(),
            title: "Einkauf beim Wochenmarkt".into(),
            description: "Zwei Taschen Obst und Gemüse".into(),
            date: "2030-03-04".into(),
            start: "10:00".into(),
            end: "12:00".into(),
            quartier: "linden-sued".into(),
            helpers: "1".into(),
            ..NeedForm::default()
        }
    }

    const NOW: i64 = 1_795_597_200; // 2026-11-25

    fn problem(form: &NeedForm) -> Option<(String, Problem)> {
        match check(form, NOW) {
            Ok(_) => None,
            Err(AppError::Validation { field, problem }) => Some((field, problem)),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_good_need_is_accepted_in_berlin_time() {
        let need = check(&form(), NOW).expect("valid");
        // 2030-03-04 10:00 in Berlin (CET) is 09:00 UTC.
        assert_eq!(need.starts_at, 1_898_845_200);
        assert_eq!(need.ends_at - need.starts_at, 7200);
        assert!(!need.moved_contact);
    }

    #[test]
    fn bad_needs_name_the_field() {
        let cases: Vec<(NeedForm, &str, Problem)> = vec![
            (
                NeedForm {
                    category: "astrology".into(),
                    ..form()
                },
                "category",
                Problem::Unknown,
            ),
            (
                NeedForm {
                    title: " ".into(),
                    ..form()
                },
                "title",
                Problem::Missing,
            ),
            (
                NeedForm {
                    date: "2020-01-01".into(),
                    ..form()
                },
                "date",
                Problem::Past,
            ),
            (
                NeedForm {
                    date: "gestern".into(),
                    ..form()
                },
                "date",
                Problem::Malformed,
            ),
            (
                NeedForm {
                    end: "09:00".into(),
                    ..form()
                },
                "end",
                Problem::OutOfRange,
            ),
            (
                NeedForm {
                    helpers: "0".into(),
                    ..form()
                },
                "helpers",
                Problem::OutOfRange,
            ),
            (
                NeedForm {
                    helpers: "1000".into(),
                    ..form()
                },
                "helpers",
                Problem::OutOfRange,
            ),
            (
                NeedForm {
                    helpers: "zwei".into(),
                    ..form()
                },
                "helpers",
                Problem::Malformed,
            ),
            (
                NeedForm {
                    language: "klingon".into(),
                    ..form()
                },
                "language",
                Problem::Unknown,
            ),
            (
                NeedForm {
                    description: "Nur Deutsche bitte".into(),
                    ..form()
                },
                "description",
                Problem::Wording,
            ),
            (
                NeedForm {
                    title: "x".repeat(500),
                    ..form()
                },
                "title",
                Problem::TooLong,
            ),
        ];
        for (form, field, expected) in cases {
            assert_eq!(
                problem(&form),
                Some((field.to_owned(), expected)),
                "{field}"
            );
        }
    }

    #[test]
    fn contact_data_moves_to_the_private_notes() {
        let need = check(
            &NeedForm {
                description: "Bitte klingeln, Tel. 0511 987654".into(),
                notes: "Hund ist lieb".into(),
                ..form()
            },
            NOW,
        )
        .expect("valid");
        assert!(need.moved_contact);
        assert!(!need.description.contains("987654"));
        assert_eq!(need.notes, "Hund ist lieb\n0511 987654");
    }

    proptest! {
        #[test]
        fn no_input_makes_the_check_panic(
            title in "\\PC{0,200}", date in "\\PC{0,12}", start in "\\PC{0,6}", helpers in "\\PC{0,6}"
        ) {
            let _ = check(&NeedForm { title, date, start, helpers, ..form() }, NOW);
        }
    }
}

//! Matching at work: ranked suggestions for a need, invitations that volunteers accept
//! or decline before a deadline (the first acceptances fill the places, with the same
//! capacity guarantee as sign-up), a proposal for all open needs of a Quartier, and the
//! safeguarding gate that sign-up and assignment pass through.

use super::candidates::{self, Eligibility, NeedRow, Who};
use super::{
    BulkProposal, InvitationState, MyInvitation, ProposalLine, SentInvitation, Suggestion,
    Suggestions,
};
use crate::audit::{db::record, Action, Event};
use crate::auth::Viewer;
use crate::ctx::SiteConfig;
use crate::db::{now, Db};
use crate::error::{AppError, Problem};
use crate::i18n::{Key, Lang};
use crate::mail::{outbox::enqueue_for_user, Letter};
use crate::matching::{self, bulk, Exclusion, VolunteerSpec, Weights};
use crate::requests::when;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// How many suggestions a need shows.
pub const SUGGESTIONS: usize = 20;
/// How long an invited volunteer has to answer (at most until the need starts).
pub const ANSWER_WITHIN_SECS: i64 = 48 * 3600;
/// The most needs one bulk proposal covers.
pub const PROPOSAL_NEEDS: i64 = 1000;

/// Whether `user_id` volunteers in a Quartier that `organisation` serves.
pub async fn volunteers_for(
    conn: &mut AnyConnection,
    organisation: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "SELECT 1 AS yes FROM quartier_members m
           JOIN organisation_quartiere oq ON oq.quartier_id = m.quartier_id
          WHERE m.user_id = $1 AND m.role = 'volunteer' AND oq.organisation_id = $2",
    )
    .bind(user_id)
    .bind(organisation)
    .fetch_optional(&mut *conn)
    .await?
    .is_some())
}

/// The safeguarding rules of sign-up and assignment: a child-related need only with a
/// valid inspection, a same-gender need only by a helper of that gender.
pub async fn gate(
    conn: &mut AnyConnection,
    need_id: i64,
    user_id: i64,
    field: &str,
) -> Result<(), AppError> {
    let person = candidates::eligibility(conn, need_id, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    check(&person, now(), field)
}

/// The rules of [`gate`] on facts already read; `field` names the form field an error
/// points at.
pub fn check(person: &Eligibility, now: i64, field: &str) -> Result<(), AppError> {
    if person.category.requires_inspection()
        && person
            .inspection_valid_until
            .is_none_or(|until| until <= now)
    {
        return Err(AppError::validation(field, Problem::InspectionRequired));
    }
    if person.gender_unknown || person.same_gender.is_some_and(|g| person.gender != Some(g)) {
        return Err(AppError::validation(field, Problem::GenderMismatch));
    }
    Ok(())
}

fn when_of(lang: Lang, need: &NeedRow) -> String {
    let (day, time) = when::labels(lang, need.starts_at, need.ends_at);
    format!("{day}, {time}")
}

fn exclusion_text(lang: Lang, e: Exclusion) -> &'static str {
    lang.t(match e {
        Exclusion::Blocked => Key::ExcludedBlocked,
        Exclusion::Paused => Key::ExcludedPaused,
        Exclusion::NoValidInspection => Key::ExcludedNoInspection,
        Exclusion::GenderMismatch => Key::ExcludedGender,
        Exclusion::MissingLanguage => Key::ExcludedLanguage,
        Exclusion::NoCar => Key::ExcludedCar,
        Exclusion::OutOfRadius => Key::ExcludedRadius,
        Exclusion::NotAvailable => Key::ExcludedAvailability,
        Exclusion::OverWeeklyLimit => Key::ExcludedWeeklyLimit,
    })
}

/// A need and who may be offered for it.
struct Candidates {
    need: NeedRow,
    volunteers: Vec<VolunteerSpec>,
    names: HashMap<i64, String>,
    /// How many volunteers reaching the need had time then (before leaving out those
    /// already helping or asked).
    free_then: usize,
}

/// Loads a need the viewer coordinates, and the volunteers who may help with it (not
/// the poster, nobody already helping or invited, only volunteers of the organisation's
/// Quartiere).
async fn need_and_candidates(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    need_id: i64,
) -> Result<Candidates, AppError> {
    let need = candidates::need(conn, need_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !viewer.roles.coordinates(need.organisation_id) {
        return Err(AppError::Forbidden);
    }
    let (mut volunteers, names) = candidates::volunteers(
        conn,
        Who::Reaching {
            point: need.spec.place,
            organisation: need.organisation_id,
            free_at: Some(need.spec.slot),
        },
        candidates::week_of(need.starts_at),
    )
    .await?;
    let busy: Vec<i64> = sqlx::query(
        "SELECT user_id FROM need_helpers WHERE need_id = $1 AND state <> 'withdrawn'
         UNION SELECT user_id FROM need_invitations WHERE need_id = $1",
    )
    .bind(need_id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| r.try_get("user_id"))
    .collect::<Result<_, _>>()?;
    let free_then = volunteers.len();
    volunteers.retain(|v| !busy.contains(&v.id) && need.spec.neighbour_id != Some(v.id));
    if need.gender_unknown {
        volunteers.clear();
    }
    Ok(Candidates {
        need,
        volunteers,
        names,
        free_then,
    })
}

/// Ranked suggestions for one need, with their reasons and what the hard rules left out.
pub async fn suggestions(
    db: &Db,
    lang: Lang,
    viewer: &Viewer,
    need_id: i64,
) -> Result<Suggestions, AppError> {
    let mut conn = db.pool().acquire().await?;
    let Candidates {
        need,
        volunteers,
        names,
        free_then,
    } = need_and_candidates(&mut conn, viewer, need_id).await?;
    let at = now();
    let weights = Weights::default();
    let mut left_out: HashMap<Exclusion, u32> = HashMap::new();
    // Those without time then were not read at all; count them here.
    let reaching =
        candidates::count_reaching(&mut conn, need.spec.place, need.organisation_id).await?;
    let not_free = u32::try_from(reaching.saturating_sub(free_then as i64)).unwrap_or(0);
    if not_free > 0 && !need.gender_unknown {
        left_out.insert(Exclusion::NotAvailable, not_free);
    }
    for v in &volunteers {
        if let Err(e) = matching::check(&need.spec, v, at) {
            *left_out.entry(e).or_default() += 1;
        }
    }
    let ranked = matching::rank(&need.spec, &volunteers, at, &weights, SUGGESTIONS);
    let suggestions = ranked
        .into_iter()
        .map(|r| Suggestion {
            volunteer_id: r.volunteer_id,
            name: names.get(&r.volunteer_id).cloned().unwrap_or_default(),
            score: r.score,
            reasons: r
                .reasons
                .iter()
                .map(|reason| matching::reason_text(lang, reason))
                .collect(),
            invitation: None,
        })
        .collect();
    let invitations = sqlx::query(
        "SELECT u.display_name, i.state, i.respond_by FROM need_invitations i
           JOIN users u ON u.id = i.user_id WHERE i.need_id = $1 ORDER BY i.invited_at, u.display_name",
    )
    .bind(need_id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        let state: String = row.try_get("state")?;
        let respond_by: i64 = row.try_get("respond_by")?;
        Ok(SentInvitation {
            volunteer_name: row.try_get("display_name")?,
            state: shown_state(&state, respond_by, at),
            respond_by: when::moment(lang, respond_by),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let mut left_out: Vec<(Exclusion, u32)> = left_out.into_iter().collect();
    left_out.sort_by_key(|(e, n)| (std::cmp::Reverse(*n), *e as u8));
    Ok(Suggestions {
        need_id,
        when: when_of(lang, &need),
        title: need.title,
        quartier_name: need.quartier_name,
        places_left: need.places_left,
        open: need.status == "open",
        suggestions,
        invitations,
        left_out: left_out
            .into_iter()
            .map(|(e, n)| (exclusion_text(lang, e).to_owned(), n))
            .collect(),
    })
}

/// An open invitation whose deadline passed shows as expired.
fn shown_state(state: &str, respond_by: i64, at: i64) -> InvitationState {
    match InvitationState::parse(state).unwrap_or(InvitationState::Expired) {
        InvitationState::Invited if respond_by <= at => InvitationState::Expired,
        other => other,
    }
}

/// Invites volunteers to a need inside a transaction: each must volunteer for the
/// need's organisation and pass the hard rules now.
async fn invite_in(
    conn: &mut AnyConnection,
    site: &SiteConfig,
    viewer: &Viewer,
    need_id: i64,
    volunteer_ids: &[i64],
) -> Result<usize, AppError> {
    let Candidates {
        need,
        volunteers: candidates,
        ..
    } = need_and_candidates(conn, viewer, need_id).await?;
    if need.status != "open" {
        return Err(AppError::validation("need", Problem::Closed));
    }
    let at = now();
    let respond_by = need.starts_at.min(at + ANSWER_WITHIN_SECS);
    let mut invited = 0;
    for &user_id in volunteer_ids {
        let Some(volunteer) = candidates.iter().find(|v| v.id == user_id) else {
            // Tell apart the volunteer of another organisation, the one already asked
            // and the one who is not offered at all.
            if !volunteers_for(conn, need.organisation_id, user_id).await? {
                return Err(AppError::validation(
                    "volunteer",
                    Problem::OtherOrganisation,
                ));
            }
            let asked = sqlx::query(
                "SELECT 1 AS yes FROM need_invitations WHERE need_id = $1 AND user_id = $2
                 UNION SELECT 1 AS yes FROM need_helpers WHERE need_id = $1 AND user_id = $2 AND state <> 'withdrawn'",
            )
            .bind(need_id)
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?
            .is_some();
            return Err(AppError::validation(
                "volunteer",
                if asked {
                    Problem::Duplicate
                } else {
                    Problem::NotMatching
                },
            ));
        };
        match matching::check(&need.spec, volunteer, at) {
            Ok(_) => {}
            Err(Exclusion::NoValidInspection) => {
                return Err(AppError::validation(
                    "volunteer",
                    Problem::InspectionRequired,
                ))
            }
            Err(Exclusion::GenderMismatch) => {
                return Err(AppError::validation("volunteer", Problem::GenderMismatch))
            }
            Err(_) => return Err(AppError::validation("volunteer", Problem::NotMatching)),
        }
        sqlx::query(
            "INSERT INTO need_invitations (need_id, user_id, invited_by, state, invited_at, respond_by)
             VALUES ($1, $2, $3, 'invited', $4, $5)",
        )
        .bind(need_id)
        .bind(user_id)
        .bind(viewer.id)
        .bind(at)
        .bind(respond_by)
        .execute(&mut *conn)
        .await?;
        record(
            conn,
            Event {
                action: Action::HelperInvited,
                actor: Some(viewer.id),
                subject: Some(user_id),
                organisation: Some(need.organisation_id),
                detail: format!("need:{need_id}"),
            },
        )
        .await?;
        letter(conn, site, user_id, need_id, respond_by).await?;
        invited += 1;
    }
    Ok(invited)
}

async fn letter(
    conn: &mut AnyConnection,
    site: &SiteConfig,
    user_id: i64,
    need_id: i64,
    respond_by: i64,
) -> Result<(), sqlx::Error> {
    let base = site.base_url.trim_end_matches('/');
    let link = format!("{base}/me/volunteer#invitations");
    let need = format!("{base}/requests/{need_id}");
    enqueue_for_user(conn, user_id, |lang, name| {
        Letter::compose(
            lang,
            Key::MailInvitedSubject,
            Key::MailInvitedBody,
            &[
                ("name", name),
                ("need", &need),
                ("link", &link),
                ("until", &when::moment(lang, respond_by)),
            ],
        )
    })
    .await
}

/// A coordinator invites one or several suggested volunteers.
pub async fn invite(
    db: &Db,
    site: &SiteConfig,
    viewer: &Viewer,
    need_id: i64,
    volunteer_ids: &[i64],
) -> Result<usize, AppError> {
    if volunteer_ids.is_empty() {
        // Authorise before naming the missing field.
        let mut conn = db.pool().acquire().await?;
        let need = candidates::need(&mut conn, need_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !viewer.roles.coordinates(need.organisation_id) {
            return Err(AppError::Forbidden);
        }
        return Err(AppError::validation("volunteer", Problem::Missing));
    }
    let mut tx = db.begin_write().await?;
    let invited = invite_in(&mut tx, site, viewer, need_id, volunteer_ids).await?;
    tx.commit().await?;
    Ok(invited)
}

/// Where an answer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accepted,
    Declined,
}

/// The invited volunteer accepts (a place is taken if one is left, and they are
/// confirmed, which reveals the contact, audited) or declines.
pub async fn answer(
    db: &Db,
    site: &SiteConfig,
    viewer: &Viewer,
    need_id: i64,
    accept: bool,
) -> Result<Answer, AppError> {
    let mut tx = db.begin_write().await?;
    let at = now();
    // Claim the open invitation first; a second answer finds nothing to claim.
    let claimed = sqlx::query(
        "UPDATE need_invitations SET state = $3, answered_at = $4
          WHERE need_id = $1 AND user_id = $2 AND state = 'invited' AND respond_by > $4",
    )
    .bind(need_id)
    .bind(viewer.id)
    .bind(if accept { "accepted" } else { "declined" })
    .bind(at)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        let row = sqlx::query(
            "SELECT state, respond_by FROM need_invitations WHERE need_id = $1 AND user_id = $2",
        )
        .bind(need_id)
        .bind(viewer.id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::Forbidden)?;
        let state: String = row.try_get("state")?;
        return Err(AppError::validation(
            "invitation",
            if state == "invited" {
                Problem::DeadlinePassed
            } else {
                Problem::Duplicate
            },
        ));
    }
    let facts = crate::requests::staffing::need_facts(&mut tx, need_id).await?;
    let invited_by: Option<i64> =
        sqlx::query("SELECT invited_by FROM need_invitations WHERE need_id = $1 AND user_id = $2")
            .bind(need_id)
            .bind(viewer.id)
            .fetch_one(&mut *tx)
            .await?
            .try_get("invited_by")?;
    super::db::touch(&mut tx, viewer.id).await?;
    if !accept {
        record(
            &mut tx,
            Event {
                action: Action::InvitationAnswered,
                actor: Some(viewer.id),
                subject: Some(viewer.id),
                organisation: Some(facts.organisation_id),
                detail: format!("need:{need_id} declined"),
            },
        )
        .await?;
        tx.commit().await?;
        return Ok(Answer::Declined);
    }
    gate(&mut tx, need_id, viewer.id, "invitation").await?;
    if !crate::requests::staffing::take_place(&mut tx, need_id).await? {
        // Too late: the places went to others. Keep that on record and say so.
        drop(tx);
        db.execute_write(
            sqlx::query(
                "UPDATE need_invitations SET state = 'too_late', answered_at = $3
              WHERE need_id = $1 AND user_id = $2 AND state = 'invited'",
            )
            .bind(need_id)
            .bind(viewer.id)
            .bind(at),
        )
        .await?;
        return Err(AppError::validation("need", Problem::Closed));
    }
    if !crate::requests::staffing::join_confirmed(&mut tx, need_id, viewer.id).await? {
        return Err(AppError::validation("need", Problem::Duplicate));
    }
    record(
        &mut tx,
        Event {
            action: Action::ContactRevealed,
            actor: Some(viewer.id),
            subject: Some(viewer.id),
            organisation: Some(facts.organisation_id),
            detail: format!("need:{need_id} invitation accepted"),
        },
    )
    .await?;
    if let Some(coordinator) = invited_by {
        crate::requests::staffing::notify(
            &mut tx,
            site,
            coordinator,
            need_id,
            Key::MailInvitationAcceptedSubject,
            Key::MailInvitationAcceptedBody,
            &viewer.display_name,
        )
        .await?;
    }
    tx.commit().await?;
    crate::live::bus::organisation_changed(db, facts.organisation_id).await;
    Ok(Answer::Accepted)
}

/// The volunteer's invitations, newest first.
pub async fn mine(db: &Db, lang: Lang, user_id: i64) -> Result<Vec<MyInvitation>, sqlx::Error> {
    let at = now();
    sqlx::query(
        "SELECT n.id, n.title, n.starts_at, n.ends_at, q.name AS quartier_name, i.state, i.respond_by
           FROM need_invitations i JOIN needs n ON n.id = i.need_id
           JOIN quartiere q ON q.id = n.quartier_id
          WHERE i.user_id = $1 ORDER BY i.invited_at DESC LIMIT 50",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        let state: String = row.try_get("state")?;
        let respond_by: i64 = row.try_get("respond_by")?;
        let (day, time) = when::labels(lang, row.try_get("starts_at")?, row.try_get("ends_at")?);
        Ok(MyInvitation {
            need_id: row.try_get("id")?,
            title: row.try_get("title")?,
            when: format!("{day}, {time}"),
            quartier_name: row.try_get("quartier_name")?,
            respond_by: when::moment(lang, respond_by),
            state: shown_state(&state, respond_by, at),
        })
    })
    .collect()
}

/// The Quartiere the viewer's organisations serve (for the proposal).
async fn served_quartiere(
    db: &Db,
    viewer: &Viewer,
) -> Result<Vec<(i64, crate::orgs::QuartierOption)>, sqlx::Error> {
    let mut found: Vec<(i64, crate::orgs::QuartierOption)> = Vec::new();
    for m in &viewer.roles.organisations {
        if !viewer.roles.coordinates(m.organisation_id) {
            continue;
        }
        for row in sqlx::query(
            "SELECT q.id, q.slug, q.name FROM quartiere q
               JOIN organisation_quartiere oq ON oq.quartier_id = q.id
              WHERE oq.organisation_id = $1 ORDER BY q.name",
        )
        .bind(m.organisation_id)
        .fetch_all(db.pool())
        .await?
        {
            let id: i64 = row.try_get("id")?;
            if !found.iter().any(|(q, _)| *q == id) {
                found.push((
                    id,
                    crate::orgs::QuartierOption {
                        slug: row.try_get("slug")?,
                        name: row.try_get("name")?,
                    },
                ));
            }
        }
    }
    Ok(found)
}

/// A proposal for all open needs of one Quartier the viewer's organisation serves.
pub async fn proposal(
    db: &Db,
    lang: Lang,
    viewer: &Viewer,
    quartier: &str,
) -> Result<BulkProposal, AppError> {
    let served = served_quartiere(db, viewer).await?;
    let options = served.iter().map(|(_, o)| o.clone()).collect();
    let quartier = quartier.trim();
    if quartier.is_empty() {
        return Ok(BulkProposal {
            quartiere: options,
            quartier: None,
            open_needs: 0,
            places: 0,
            lines: Vec::new(),
        });
    }
    let Some((quartier_id, _)) = served.iter().find(|(_, o)| o.slug == quartier) else {
        let known = sqlx::query("SELECT 1 AS yes FROM quartiere WHERE slug = $1")
            .bind(quartier)
            .fetch_optional(db.pool())
            .await?
            .is_some();
        return Err(AppError::validation(
            "quartier",
            if known {
                Problem::OtherOrganisation
            } else {
                Problem::Unknown
            },
        ));
    };
    let mut conn = db.pool().acquire().await?;
    let needs: Vec<NeedRow> =
        candidates::open_needs_of_quartier(&mut conn, *quartier_id, PROPOSAL_NEEDS)
            .await?
            .into_iter()
            .filter(|n| {
                viewer.roles.coordinates(n.organisation_id)
                    && !n.gender_unknown
                    && n.places_left > 0
            })
            .collect();
    let lines = propose_for(&mut conn, lang, &needs).await?;
    Ok(BulkProposal {
        quartiere: options,
        quartier: Some(quartier.to_owned()),
        open_needs: needs.len(),
        places: needs.iter().map(|n| n.spec.helpers_needed).sum(),
        lines,
    })
}

/// Runs the engine's bulk proposal over the needs (all in one Quartier, so one set of
/// candidates reaches them all), leaving out anyone already helping or invited.
async fn propose_for(
    conn: &mut AnyConnection,
    lang: Lang,
    needs: &[NeedRow],
) -> Result<Vec<ProposalLine>, AppError> {
    let Some(first) = needs.first() else {
        return Ok(Vec::new());
    };
    let (volunteers, names) = candidates::volunteers(
        conn,
        Who::Reaching {
            point: first.spec.place,
            organisation: first.organisation_id,
            free_at: None,
        },
        candidates::week_of(first.starts_at),
    )
    .await?;
    let mut taken: std::collections::HashSet<(i64, i64)> = std::collections::HashSet::new();
    for row in sqlx::query(&format!(
        "SELECT need_id, user_id FROM need_helpers WHERE state <> 'withdrawn' AND need_id IN ({ids})
         UNION SELECT need_id, user_id FROM need_invitations WHERE need_id IN ({ids})",
        ids = needs
            .iter()
            .map(|n| n.spec.id.to_string())
            .collect::<Vec<_>>()
            .join(",")
    ))
    .fetch_all(&mut *conn)
    .await?
    {
        taken.insert((row.try_get("need_id")?, row.try_get("user_id")?));
    }
    let specs: Vec<matching::NeedSpec> = needs.iter().map(|n| n.spec.clone()).collect();
    let at = now();
    let by_id: HashMap<i64, &NeedRow> = needs.iter().map(|n| (n.spec.id, n)).collect();
    let volunteer_by_id: HashMap<i64, &VolunteerSpec> =
        volunteers.iter().map(|v| (v.id, v)).collect();
    let weights = Weights::default();
    let mut lines = Vec::new();
    for p in bulk::propose(&specs, &volunteers, at, &weights) {
        let (Some(need), Some(volunteer)) =
            (by_id.get(&p.need_id), volunteer_by_id.get(&p.volunteer_id))
        else {
            continue;
        };
        if taken.contains(&(p.need_id, p.volunteer_id))
            || need.spec.neighbour_id == Some(p.volunteer_id)
        {
            continue;
        }
        let reasons = matching::check(&need.spec, volunteer, at)
            .map(|d| matching::score(&need.spec, volunteer, d, &weights).reasons)
            .unwrap_or_default();
        lines.push(ProposalLine {
            need_id: p.need_id,
            title: need.title.clone(),
            when: when_of(lang, need),
            volunteer_id: p.volunteer_id,
            volunteer_name: names.get(&p.volunteer_id).cloned().unwrap_or_default(),
            score: p.score,
            reasons: reasons
                .iter()
                .map(|r| matching::reason_text(lang, r))
                .collect(),
        });
    }
    lines.sort_by(|a, b| a.need_id.cmp(&b.need_id).then(b.score.total_cmp(&a.score)));
    Ok(lines)
}

/// Parses the picked lines ("need:volunteer") of a proposal.
pub fn parse_picks(picks: &[String]) -> Result<Vec<(i64, i64)>, AppError> {
    let mut parsed = Vec::new();
    for pick in picks {
        let (need, volunteer) = pick
            .split_once(':')
            .and_then(|(n, v)| Some((n.trim().parse::<i64>().ok()?, v.trim().parse::<i64>().ok()?)))
            .ok_or_else(|| AppError::validation("pick", Problem::Malformed))?;
        if !parsed.contains(&(need, volunteer)) {
            parsed.push((need, volunteer));
        }
    }
    if parsed.is_empty() {
        return Err(AppError::validation("pick", Problem::Missing));
    }
    Ok(parsed)
}

/// The coordinator accepts some or all lines of a proposal: each becomes an invitation.
/// All or nothing: one line that no longer fits names the problem and sends none.
pub async fn accept_proposal(
    db: &Db,
    site: &SiteConfig,
    viewer: &Viewer,
    picks: &[String],
) -> Result<usize, AppError> {
    if !viewer.roles.may_enter_coordinator_area() {
        return Err(AppError::Forbidden);
    }
    let picks = parse_picks(picks)?;
    let mut by_need: Vec<(i64, Vec<i64>)> = Vec::new();
    for (need, volunteer) in picks {
        match by_need.iter_mut().find(|(n, _)| *n == need) {
            Some((_, list)) => list.push(volunteer),
            None => by_need.push((need, vec![volunteer])),
        }
    }
    let mut tx = db.begin_write().await?;
    let mut invited = 0;
    for (need, volunteers) in &by_need {
        invited += invite_in(&mut tx, site, viewer, *need, volunteers).await?;
    }
    tx.commit().await?;
    Ok(invited)
}

/// Open needs of an organisation that still have free places, soonest first, with the
/// number of invitations waiting for an answer.
pub async fn needing_helpers(
    db: &Db,
    lang: Lang,
    organisation: i64,
) -> Result<Vec<super::StaffingNeed>, sqlx::Error> {
    let at = now();
    sqlx::query(
        "SELECT n.id, n.title, n.starts_at, n.ends_at, q.name AS quartier_name,
                n.helpers_needed - n.helpers_filled AS places_left,
                (SELECT COUNT(*) FROM need_invitations i
                  WHERE i.need_id = n.id AND i.state = 'invited' AND i.respond_by > $2) AS invited
           FROM needs n JOIN quartiere q ON q.id = n.quartier_id
          WHERE n.organisation_id = $1 AND n.status = 'open' AND n.hidden_at IS NULL AND n.starts_at > $2
            AND n.helpers_filled < n.helpers_needed
          ORDER BY n.starts_at, n.id LIMIT 50",
    )
    .bind(organisation)
    .bind(at)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        let (day, time) = when::labels(lang, row.try_get("starts_at")?, row.try_get("ends_at")?);
        Ok(super::StaffingNeed {
            id: row.try_get("id")?,
            title: row.try_get("title")?,
            when: format!("{day}, {time}"),
            quartier_name: row.try_get("quartier_name")?,
            places_left: row.try_get("places_left")?,
            invitations_open: row.try_get("invited")?,
        })
    })
    .collect()
}

/// Marks invitations whose deadline passed as expired (the hourly job).
pub async fn expire_invitations(db: &Db) -> Result<u64, sqlx::Error> {
    Ok(db.execute_write(sqlx::query(
        "UPDATE need_invitations SET state = 'expired' WHERE state = 'invited' AND respond_by <= $1",
    )
    .bind(now())
    )
    .await?
    .rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::Gender;
    use crate::requests::Category;

    #[test]
    fn picks_are_read_and_bad_ones_named() {
        assert_eq!(
            parse_picks(&["3:7".into(), "3:8".into(), "3:7".into()]).expect("valid"),
            vec![(3, 7), (3, 8)]
        );
        for bad in [vec!["x".to_owned()], vec!["3:".to_owned()], vec![]] {
            match parse_picks(&bad) {
                Err(AppError::Validation { field, .. }) => assert_eq!(field, "pick"),
                other => panic!("{other:?}"),
            }
        }
    }

    fn person(category: Category) -> Eligibility {
        Eligibility {
            category,
            same_gender: None,
            gender_unknown: false,
            gender: None,
            inspection_valid_until: None,
        }
    }

    fn problem(result: Result<(), AppError>) -> Option<Problem> {
        match result {
            Ok(()) => None,
            Err(AppError::Validation { field, problem }) => {
                assert_eq!(field, "need");
                Some(problem)
            }
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn help_with_children_needs_an_inspection_valid_now() {
        let now = 1_000;
        let mut childcare = person(Category::Childcare);
        assert_eq!(
            problem(check(&childcare, now, "need")),
            Some(Problem::InspectionRequired)
        );
        childcare.inspection_valid_until = Some(now);
        assert_eq!(
            problem(check(&childcare, now, "need")),
            Some(Problem::InspectionRequired),
            "an inspection ending now is no longer valid"
        );
        childcare.inspection_valid_until = Some(now + 1);
        assert_eq!(problem(check(&childcare, now, "need")), None);
        assert_eq!(
            problem(check(&person(Category::Shopping), now, "need")),
            None
        );
    }

    #[test]
    fn a_same_gender_need_takes_only_that_gender() {
        let mut need = person(Category::Company);
        need.same_gender = Some(Gender::Female);
        for (gender, expected) in [
            (Some(Gender::Female), None),
            (Some(Gender::Male), Some(Problem::GenderMismatch)),
            (Some(Gender::Diverse), Some(Problem::GenderMismatch)),
            (None, Some(Problem::GenderMismatch)),
        ] {
            need.gender = gender;
            assert_eq!(problem(check(&need, 0, "need")), expected, "{gender:?}");
        }
        let mut unstated = person(Category::Company);
        unstated.gender_unknown = true;
        unstated.gender = Some(Gender::Female);
        assert_eq!(
            problem(check(&unstated, 0, "need")),
            Some(Problem::GenderMismatch),
            "a same-gender need without a stated gender takes nobody"
        );
    }

    #[test]
    fn an_open_invitation_past_its_deadline_shows_as_expired() {
        assert_eq!(shown_state("invited", 10, 20), InvitationState::Expired);
        assert_eq!(shown_state("invited", 30, 20), InvitationState::Invited);
        assert_eq!(shown_state("accepted", 10, 20), InvitationState::Accepted);
    }
}

//! Helpers and places: sign-up (capacity guaranteed by one conditional update, so no
//! need ever gets more helpers than it asked for, on either database), the waitlist,
//! withdrawal that moves the waitlist up, confirmation that reveals the contact details
//! (audited), logged time and closing. Each function authorises, then writes its change
//! and its audit row in one transaction.

use super::lifecycle::{apply, Event, NeedState};
pub use super::HelperState;
use super::{NeedStatus, QueuedNeed};
use crate::audit::{db::record, Action, Event as AuditEvent};
use crate::auth::policy::QuartierRole;
use crate::auth::Viewer;
use crate::ctx::SiteConfig;
use crate::db::{now, Db};
use crate::error::{AppError, Problem};
use crate::i18n::Key;
use crate::mail::Letter;
use crate::volunteers::candidates::{Eligibility, ELIGIBILITY_COLUMNS};
use crate::volunteers::db::{activity_is_news, touch};
use crate::volunteers::invitations;
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

/// Where a sign-up ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignUp {
    Place,
    Waitlist,
}

/// The facts about a need that decide who may do what with it.
#[derive(Debug, Clone)]
pub struct NeedFacts {
    pub id: i64,
    pub organisation_id: i64,
    pub posted_by: Option<i64>,
    pub state: NeedState,
}

pub async fn need_facts(conn: &mut AnyConnection, need_id: i64) -> Result<NeedFacts, AppError> {
    let row = sqlx::query(
        "SELECT id, organisation_id, posted_by, status, helpers_needed, helpers_filled
         FROM needs WHERE id = $1",
    )
    .bind(need_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    NeedFacts::from_row(&row)
}

impl NeedFacts {
    /// From a row of `needs` that holds these columns (and maybe more).
    pub fn from_row(row: &sqlx::any::AnyRow) -> Result<Self, AppError> {
        let status: String = row.try_get("status")?;
        Ok(NeedFacts {
            id: row.try_get("id")?,
            organisation_id: row.try_get("organisation_id")?,
            posted_by: row.try_get("posted_by")?,
            state: NeedState {
                status: NeedStatus::parse(&status).ok_or(AppError::Internal)?,
                needed: row.try_get("helpers_needed")?,
                filled: row.try_get("helpers_filled")?,
            },
        })
    }

    /// The neighbour who posted it, or a coordinator of its organisation.
    pub fn is_party(&self, viewer: &Viewer) -> bool {
        self.posted_by == Some(viewer.id) || viewer.roles.coordinates(self.organisation_id)
    }
}

pub async fn helper_state(
    conn: &mut AnyConnection,
    need_id: i64,
    user_id: i64,
) -> Result<Option<HelperState>, sqlx::Error> {
    Ok(
        sqlx::query("SELECT state FROM need_helpers WHERE need_id = $1 AND user_id = $2")
            .bind(need_id)
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?
            .and_then(|row| row.try_get::<String, _>("state").ok())
            .and_then(|s| HelperState::parse(&s)),
    )
}

fn audit(
    action: Action,
    actor: i64,
    subject: Option<i64>,
    need: &NeedFacts,
    detail: &str,
) -> AuditEvent {
    // The detail names the need by number, never with personal data.
    let detail = format!("need:{} {detail}", need.id).trim_end().to_owned();
    AuditEvent {
        action,
        actor: Some(actor),
        subject,
        organisation: Some(need.organisation_id),
        detail,
    }
}

/// A letter about a need to one person, in their language, through the outbox.
pub(crate) async fn notify(
    conn: &mut AnyConnection,
    site: &SiteConfig,
    user_id: i64,
    need_id: i64,
    subject: Key,
    body: Key,
    name: &str,
) -> Result<(), sqlx::Error> {
    let link = format!("{}/requests/{need_id}", site.base_url.trim_end_matches('/'));
    crate::mail::outbox::enqueue_in_language_of(conn, user_id, |lang| {
        Letter::compose(lang, subject, body, &[("name", name), ("link", &link)])
    })
    .await
}

/// Records a helper as confirmed on a place already taken (assignment, an accepted
/// invitation); `false` if they already hold a place.
pub(crate) async fn join_confirmed(
    conn: &mut AnyConnection,
    need_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO need_helpers (need_id, user_id, state, joined_at, confirmed_at) VALUES ($1, $2, 'confirmed', $3, $3)
         ON CONFLICT (need_id, user_id) DO UPDATE SET state = 'confirmed', confirmed_at = excluded.confirmed_at
           WHERE need_helpers.state IN ('withdrawn', 'waitlisted')",
    )
    .bind(need_id)
    .bind(user_id)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Counts a place taken, where one is free: one statement that checks and counts at once.
const TAKE_PLACE: &str = "UPDATE needs SET helpers_filled = helpers_filled + 1,
        status = CASE WHEN helpers_filled + 1 >= helpers_needed THEN 'filled' ELSE 'open' END
 WHERE id = $1 AND status = 'open' AND hidden_at IS NULL AND helpers_filled < helpers_needed";

/// Takes a place if one is free.
pub(crate) async fn take_place(
    conn: &mut AnyConnection,
    need_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(TAKE_PLACE)
        .bind(need_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// What a sign-up reads in the statement that takes its place.
struct PlaceTaken {
    /// What the need's safeguarding rules ask of the volunteer.
    eligibility: Eligibility,
    /// When the volunteer was last noted active.
    last_active_at: Option<i64>,
}

/// Takes a place if one is free for `user_id`, and in the same round trip the need's
/// facts after it and what a sign-up needs to know of the volunteer (`None` when no
/// place was taken: then the facts are read apart, as few sign-ups find).
async fn take_place_with_facts(
    conn: &mut AnyConnection,
    need_id: i64,
    user_id: i64,
) -> Result<(NeedFacts, Option<PlaceTaken>), AppError> {
    let taken = sqlx::query(&format!(
        "{TAKE_PLACE} RETURNING id, organisation_id, posted_by, status, helpers_needed, helpers_filled,
                      {ELIGIBILITY_COLUMNS},
                      (SELECT v.last_active_at FROM volunteers v WHERE v.user_id = $2) AS last_active_at"
    ))
    .bind(need_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    match taken {
        Some(row) => Ok((
            NeedFacts::from_row(&row)?,
            Some(PlaceTaken {
                eligibility: Eligibility::from_row(&row)?,
                last_active_at: row.try_get("last_active_at")?,
            }),
        )),
        None => Ok((need_facts(conn, need_id).await?, None)),
    }
}

async fn free_place(conn: &mut AnyConnection, need_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE needs SET helpers_filled = helpers_filled - 1, status = 'open'
         WHERE id = $1 AND status IN ('open', 'filled') AND helpers_filled > 0",
    )
    .bind(need_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the helper in `state`; `false` if they already hold a place or wait for one.
async fn join(
    conn: &mut AnyConnection,
    need_id: i64,
    user_id: i64,
    state: HelperState,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO need_helpers (need_id, user_id, state, joined_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (need_id, user_id) DO UPDATE
           SET state = excluded.state, joined_at = excluded.joined_at, confirmed_at = NULL
           WHERE need_helpers.state = 'withdrawn'",
    )
    .bind(need_id)
    .bind(user_id)
    .bind(state.as_str())
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

async fn set_helper_state(
    conn: &mut AnyConnection,
    need_id: i64,
    user_id: i64,
    from: &[HelperState],
    to: HelperState,
) -> Result<bool, sqlx::Error> {
    let from: Vec<String> = from.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let confirmed_at = (to == HelperState::Confirmed).then(now);
    let done = sqlx::query(&format!(
        "UPDATE need_helpers SET state = $3, confirmed_at = COALESCE($4, confirmed_at)
         WHERE need_id = $1 AND user_id = $2 AND state IN ({})",
        from.join(", ")
    ))
    .bind(need_id)
    .bind(user_id)
    .bind(to.as_str())
    .bind(confirmed_at)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A volunteer signs up: a place if one is free, else the waitlist of a full need.
pub async fn sign_up(
    db: &Db,
    site: &SiteConfig,
    viewer: &Viewer,
    need_id: i64,
) -> Result<SignUp, AppError> {
    if !viewer.roles.lives_as(QuartierRole::Volunteer) {
        return Err(AppError::Forbidden);
    }
    // The write comes first, so the lock is taken before anything is read.
    let mut tx = db.begin_write().await?;
    let (need, taken) = take_place_with_facts(&mut tx, need_id, viewer.id).await?;
    if need.posted_by == Some(viewer.id) {
        return Err(AppError::validation("need", Problem::Own));
    }
    let at = now();
    match &taken {
        Some(taken) => invitations::check(&taken.eligibility, at, "need")?,
        None => invitations::gate(&mut tx, need_id, viewer.id, "need").await?,
    }
    if activity_is_news(taken.as_ref().and_then(|t| t.last_active_at), at) {
        touch(&mut tx, viewer.id).await?;
    }
    let outcome = if taken.is_some() {
        SignUp::Place
    } else if need.state.status == NeedStatus::Filled {
        SignUp::Waitlist
    } else {
        return Err(AppError::validation("need", Problem::Closed));
    };
    let state = match outcome {
        SignUp::Place => HelperState::SignedUp,
        SignUp::Waitlist => HelperState::Waitlisted,
    };
    if !join(&mut tx, need_id, viewer.id, state).await? {
        // Already there: the place just counted is given back by the rollback.
        return Err(AppError::validation("need", Problem::Duplicate));
    }
    record(
        &mut tx,
        audit(
            Action::SignedUpForNeed,
            viewer.id,
            Some(viewer.id),
            &need,
            state.as_str(),
        ),
    )
    .await?;
    if let (Some(poster), SignUp::Place) = (need.posted_by, outcome) {
        notify(
            &mut tx,
            site,
            poster,
            need_id,
            Key::MailSignedUpSubject,
            Key::MailSignedUpBody,
            &viewer.display_name,
        )
        .await?;
    }
    tx.commit().await?;
    crate::live::bus::organisation_changed(db, need.organisation_id).await;
    Ok(outcome)
}

/// Gives a place (or a waitlist spot) back; the first on the waitlist moves up.
pub async fn withdraw(db: &Db, viewer: &Viewer, need_id: i64) -> Result<(), AppError> {
    if !viewer.roles.lives_as(QuartierRole::Volunteer) {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    let need = need_facts(&mut tx, need_id).await?;
    let state = helper_state(&mut tx, need_id, viewer.id)
        .await?
        .filter(|s| *s != HelperState::Withdrawn)
        .ok_or_else(|| AppError::validation("need", Problem::Unknown))?;
    if !need.state.status.is_staffing() {
        return Err(AppError::validation("need", Problem::Closed));
    }
    set_helper_state(
        &mut tx,
        need_id,
        viewer.id,
        &[state],
        HelperState::Withdrawn,
    )
    .await?;
    if state.holds_place() {
        free_place(&mut tx, need_id).await?;
        promote_waitlist(&mut tx, need_id).await?;
    }
    record(
        &mut tx,
        audit(
            Action::WithdrewFromNeed,
            viewer.id,
            Some(viewer.id),
            &need,
            "",
        ),
    )
    .await?;
    tx.commit().await?;
    crate::live::bus::organisation_changed(db, need.organisation_id).await;
    Ok(())
}

/// Moves the longest-waiting volunteer into a freed place.
async fn promote_waitlist(conn: &mut AnyConnection, need_id: i64) -> Result<(), sqlx::Error> {
    let next = sqlx::query(
        "SELECT user_id FROM need_helpers WHERE need_id = $1 AND state = 'waitlisted'
         ORDER BY joined_at, user_id LIMIT 1",
    )
    .bind(need_id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(row) = next {
        let user: i64 = row.try_get("user_id")?;
        if take_place(conn, need_id).await? {
            set_helper_state(
                conn,
                need_id,
                user,
                &[HelperState::Waitlisted],
                HelperState::SignedUp,
            )
            .await?;
        }
    }
    Ok(())
}

/// The neighbour or a coordinator confirms a helper, who then sees the contact details.
/// The reveal is audited.
pub async fn confirm_helper(
    db: &Db,
    site: &SiteConfig,
    viewer: &Viewer,
    need_id: i64,
    helper: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let need = need_facts(&mut tx, need_id).await?;
    if !need.is_party(viewer) {
        return Err(AppError::Forbidden);
    }
    let helper = number("helper", helper)?;
    if !need.state.status.is_staffing() {
        return Err(AppError::validation("need", Problem::Closed));
    }
    if !set_helper_state(
        &mut tx,
        need_id,
        helper,
        &[HelperState::SignedUp],
        HelperState::Confirmed,
    )
    .await?
    {
        return Err(AppError::validation("helper", Problem::Unknown));
    }
    record(
        &mut tx,
        audit(Action::ContactRevealed, viewer.id, Some(helper), &need, ""),
    )
    .await?;
    notify(
        &mut tx,
        site,
        helper,
        need_id,
        Key::MailConfirmedSubject,
        Key::MailConfirmedBody,
        &viewer.display_name,
    )
    .await?;
    tx.commit().await?;
    crate::live::bus::organisation_changed(db, need.organisation_id).await;
    Ok(())
}

/// Largest time a helper can log for one need, in minutes (a long day's work twice).
pub const MAX_MINUTES: i64 = 24 * 60;

fn number(field: &str, raw: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse::<i64>()
        .map_err(|_| AppError::validation(field, Problem::Malformed))
}

/// A confirmed helper logs the time they spent, in minutes.
pub async fn log_time(
    db: &Db,
    viewer: &Viewer,
    need_id: i64,
    minutes: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let need = need_facts(&mut tx, need_id).await?;
    if helper_state(&mut tx, need_id, viewer.id).await? != Some(HelperState::Confirmed) {
        return Err(AppError::Forbidden);
    }
    let minutes = number("minutes", minutes)?;
    if !(1..=MAX_MINUTES).contains(&minutes) {
        return Err(AppError::validation("minutes", Problem::OutOfRange));
    }
    sqlx::query("UPDATE need_helpers SET minutes = $3 WHERE need_id = $1 AND user_id = $2")
        .bind(need_id)
        .bind(viewer.id)
        .bind(minutes)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        audit(Action::TimeLogged, viewer.id, Some(viewer.id), &need, ""),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The neighbour or a coordinator closes the need as done, with optional thanks.
pub async fn close(db: &Db, viewer: &Viewer, need_id: i64, feedback: &str) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let need = need_facts(&mut tx, need_id).await?;
    if !need.is_party(viewer) {
        return Err(AppError::Forbidden);
    }
    let feedback = feedback.trim();
    if feedback.chars().count() > 2000 {
        return Err(AppError::validation("feedback", Problem::TooLong));
    }
    let next = apply(need.state, Event::Close)
        .map_err(|_| AppError::validation("need", Problem::Closed))?;
    let done = sqlx::query(
        "UPDATE needs SET status = $2, feedback = $3, closed_at = $4 WHERE id = $1 AND status = $5",
    )
    .bind(need_id)
    .bind(next.status.as_str())
    .bind(feedback)
    .bind(now())
    .bind(need.state.status.as_str())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::Conflict);
    }
    record(
        &mut tx,
        audit(Action::NeedClosed, viewer.id, None, &need, ""),
    )
    .await?;
    tx.commit().await?;
    crate::live::bus::organisation_changed(db, need.organisation_id).await;
    Ok(())
}

/// Hours a volunteer has logged, over all needs.
pub async fn logged_minutes(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) AS total FROM need_helpers WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(db.pool())
        .await?
        .try_get("total")
}

/// A coordinator's decision on a need in the review queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    SendBack,
    Reject,
}

impl Decision {
    pub fn parse(value: &str) -> Option<Decision> {
        match value {
            "approve" => Some(Decision::Approve),
            "send_back" => Some(Decision::SendBack),
            "reject" => Some(Decision::Reject),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::SendBack => "send_back",
            Decision::Reject => "reject",
        }
    }
}

/// Approve, send back with a note, or reject a need waiting for review. Only
/// coordinators of the need's organisation decide.
pub async fn review(
    db: &Db,
    viewer: &Viewer,
    need_id: i64,
    decision: &str,
    note: &str,
) -> Result<NeedStatus, AppError> {
    let mut tx = db.begin_write().await?;
    let need = need_facts(&mut tx, need_id).await?;
    if !viewer.roles.coordinates(need.organisation_id) {
        return Err(AppError::Forbidden);
    }
    let decision = Decision::parse(decision.trim())
        .ok_or_else(|| AppError::validation("decision", Problem::Unknown))?;
    let note = note.trim();
    if note.chars().count() > 1000 {
        return Err(AppError::validation("note", Problem::TooLong));
    }
    if decision != Decision::Approve && note.is_empty() {
        return Err(AppError::validation("note", Problem::Missing));
    }
    let event = match decision {
        Decision::Approve => Event::Approve,
        Decision::SendBack => Event::SendBack,
        Decision::Reject => Event::Reject,
    };
    if need.state.status != NeedStatus::PendingReview {
        return Err(AppError::validation("need", Problem::Closed));
    }
    let next =
        apply(need.state, event).map_err(|_| AppError::validation("need", Problem::Closed))?;
    let closed_at = next.status.is_final().then(now);
    let done = sqlx::query(
        "UPDATE needs SET status = $2, review_note = $3, closed_at = COALESCE($5, closed_at)
         WHERE id = $1 AND status = $4",
    )
    .bind(need_id)
    .bind(next.status.as_str())
    .bind(note)
    .bind(need.state.status.as_str())
    .bind(closed_at)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::Conflict);
    }
    record(
        &mut tx,
        audit(
            Action::NeedReviewed,
            viewer.id,
            None,
            &need,
            decision.as_str(),
        ),
    )
    .await?;
    tx.commit().await?;
    crate::live::bus::organisation_changed(db, need.organisation_id).await;
    Ok(next.status)
}

/// The review queue of an organisation, oldest first.
pub async fn review_queue(
    db: &Db,
    lang: crate::i18n::Lang,
    organisation_id: i64,
) -> Result<Vec<QueuedNeed>, sqlx::Error> {
    let mut queue = Vec::new();
    for row in sqlx::query(
        "SELECT n.id, n.title, n.starts_at, n.ends_at, q.name FROM needs n
         JOIN quartiere q ON q.id = n.quartier_id
         WHERE n.organisation_id = $1 AND n.status = 'pending_review'
         ORDER BY n.created_at, n.id LIMIT 100",
    )
    .bind(organisation_id)
    .fetch_all(db.pool())
    .await?
    {
        let (day_label, time_label) =
            super::when::labels(lang, row.try_get("starts_at")?, row.try_get("ends_at")?);
        queue.push(QueuedNeed {
            id: row.try_get("id")?,
            title: row.try_get("title")?,
            quartier_name: row.try_get("name")?,
            day_label,
            time_label,
        });
    }
    Ok(queue)
}

/// The needs a person posted, the needs they help with (newest first), and the minutes
/// they logged in all.
pub async fn my_needs(
    db: &Db,
    user_id: i64,
) -> Result<(Vec<crate::auth::MyNeed>, Vec<crate::auth::MyNeed>, i64), sqlx::Error> {
    use crate::auth::MyNeed;
    let mut posted = Vec::new();
    for row in sqlx::query("SELECT id, title, status FROM needs WHERE posted_by = $1 ORDER BY starts_at DESC LIMIT 100")
        .bind(user_id)
        .fetch_all(db.pool())
        .await?
    {
        let status: String = row.try_get("status")?;
        if let Some(status) = NeedStatus::parse(&status) {
            posted.push(MyNeed { id: row.try_get("id")?, title: row.try_get("title")?, status, helper_state: None });
        }
    }
    let mut helping = Vec::new();
    for row in sqlx::query(
        "SELECT n.id, n.title, n.status, h.state FROM need_helpers h JOIN needs n ON n.id = h.need_id
         WHERE h.user_id = $1 AND h.state <> 'withdrawn' ORDER BY n.starts_at DESC LIMIT 100",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?
    {
        let status: String = row.try_get("status")?;
        let state: String = row.try_get("state")?;
        if let Some(status) = NeedStatus::parse(&status) {
            helping.push(MyNeed {
                id: row.try_get("id")?,
                title: row.try_get("title")?,
                status,
                helper_state: HelperState::parse(&state),
            });
        }
    }
    Ok((posted, helping, logged_minutes(db, user_id).await?))
}

/// A coordinator assigns a volunteer directly (by e-mail address): a place is taken and
/// the helper is confirmed at once, which reveals the contact (audited).
pub async fn assign(
    db: &Db,
    site: &SiteConfig,
    viewer: &Viewer,
    need_id: i64,
    email: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let need = need_facts(&mut tx, need_id).await?;
    if !viewer.roles.coordinates(need.organisation_id) {
        return Err(AppError::Forbidden);
    }
    let email = crate::auth::validate::email(email)?;
    let helper = crate::auth::db::find_account(&mut tx, &email)
        .await?
        .ok_or_else(|| AppError::validation("email", Problem::Unknown))?;
    let volunteer = sqlx::query(
        "SELECT 1 AS v FROM quartier_members WHERE user_id = $1 AND role = 'volunteer'",
    )
    .bind(helper.id)
    .fetch_optional(&mut *tx)
    .await?
    .is_some();
    if !volunteer {
        return Err(AppError::validation("email", Problem::Unknown));
    }
    if need.posted_by == Some(helper.id) {
        return Err(AppError::validation("email", Problem::Own));
    }
    invitations::gate(&mut tx, need_id, helper.id, "email").await?;
    if !take_place(&mut tx, need_id).await? {
        return Err(AppError::validation("need", Problem::Closed));
    }
    if !join_confirmed(&mut tx, need_id, helper.id).await? {
        return Err(AppError::validation("email", Problem::Duplicate));
    }
    record(
        &mut tx,
        audit(
            Action::ContactRevealed,
            viewer.id,
            Some(helper.id),
            &need,
            "assigned",
        ),
    )
    .await?;
    notify(
        &mut tx,
        site,
        helper.id,
        need_id,
        Key::MailConfirmedSubject,
        Key::MailConfirmedBody,
        &viewer.display_name,
    )
    .await?;
    tx.commit().await?;
    crate::live::bus::organisation_changed(db, need.organisation_id).await;
    Ok(())
}

/// A coordinator takes a helper off a need; the place goes to the first on the waitlist.
pub async fn unassign(
    db: &Db,
    viewer: &Viewer,
    need_id: i64,
    helper: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let need = need_facts(&mut tx, need_id).await?;
    if !viewer.roles.coordinates(need.organisation_id) {
        return Err(AppError::Forbidden);
    }
    let helper = number("helper", helper)?;
    let state = helper_state(&mut tx, need_id, helper)
        .await?
        .filter(|s| *s != HelperState::Withdrawn)
        .ok_or_else(|| AppError::validation("helper", Problem::Unknown))?;
    if !need.state.status.is_staffing() {
        return Err(AppError::validation("need", Problem::Closed));
    }
    set_helper_state(&mut tx, need_id, helper, &[state], HelperState::Withdrawn).await?;
    if state.holds_place() {
        free_place(&mut tx, need_id).await?;
        promote_waitlist(&mut tx, need_id).await?;
    }
    record(
        &mut tx,
        audit(
            Action::WithdrewFromNeed,
            viewer.id,
            Some(helper),
            &need,
            "unassigned",
        ),
    )
    .await?;
    tx.commit().await?;
    crate::live::bus::organisation_changed(db, need.organisation_id).await;
    Ok(())
}

/// A coordinator marks the neighbour who posted a need as trusted by the organisation:
/// their next needs open without review.
pub async fn trust_poster(db: &Db, viewer: &Viewer, need_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let need = need_facts(&mut tx, need_id).await?;
    if !viewer.roles.coordinates(need.organisation_id) {
        return Err(AppError::Forbidden);
    }
    let poster = need
        .posted_by
        .filter(|p| *p != viewer.id)
        .ok_or_else(|| AppError::validation("need", Problem::Unknown))?;
    sqlx::query(
        "INSERT INTO trusted_neighbours (organisation_id, user_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind(need.organisation_id)
    .bind(poster)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    record(
        &mut tx,
        audit(
            Action::RoleGranted,
            viewer.id,
            Some(poster),
            &need,
            "trusted",
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

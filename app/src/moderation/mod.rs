//! Reports and moderation: anyone signed in reports a need, a message, a meeting place
//! or a person, with a reason. Reports reach the coordinators of that Quartier, threats
//! first. They hide or show content again and suspend or restore accounts, each with a
//! reason and audited; the people who reported hear the outcome by letter.

#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod routes;

use crate::error::{AppError, Problem};
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetKind {
    Need,
    Message,
    Place,
    User,
}

impl TargetKind {
    pub const ALL: [TargetKind; 4] = [
        TargetKind::Need,
        TargetKind::Message,
        TargetKind::Place,
        TargetKind::User,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            TargetKind::Need => "need",
            TargetKind::Message => "message",
            TargetKind::Place => "place",
            TargetKind::User => "user",
        }
    }

    pub fn from_slug(slug: &str) -> Option<TargetKind> {
        TargetKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn label(self) -> Key {
        match self {
            TargetKind::Need => Key::ReportKindNeed,
            TargetKind::Message => Key::ReportKindMessage,
            TargetKind::Place => Key::ReportKindPlace,
            TargetKind::User => Key::ReportKindUser,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    Discrimination,
    Harassment,
    Threat,
    Scam,
    WrongInformation,
    Other,
}

impl Reason {
    pub const ALL: [Reason; 6] = [
        Reason::Threat,
        Reason::Harassment,
        Reason::Discrimination,
        Reason::Scam,
        Reason::WrongInformation,
        Reason::Other,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Reason::Discrimination => "discrimination",
            Reason::Harassment => "harassment",
            Reason::Threat => "threat",
            Reason::Scam => "scam",
            Reason::WrongInformation => "wrong_information",
            Reason::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.slug() == slug)
    }

    pub fn label(self) -> Key {
        match self {
            Reason::Discrimination => Key::ReasonDiscrimination,
            Reason::Harassment => Key::ReasonHarassment,
            Reason::Threat => Key::ReasonThreat,
            Reason::Scam => Key::ReasonScam,
            Reason::WrongInformation => Key::ReasonWrongInformation,
            Reason::Other => Key::ReasonOther,
        }
    }

    /// A threat or violence goes to the top of the queue.
    pub fn is_urgent(self) -> bool {
        self == Reason::Threat
    }
}

/// What a moderator does about a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Hide,
    Unhide,
    Suspend,
    Unsuspend,
    Dismiss,
}

impl Decision {
    pub const ALL: [Decision; 5] = [
        Decision::Hide,
        Decision::Unhide,
        Decision::Suspend,
        Decision::Unsuspend,
        Decision::Dismiss,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Decision::Hide => "hide",
            Decision::Unhide => "unhide",
            Decision::Suspend => "suspend",
            Decision::Unsuspend => "unsuspend",
            Decision::Dismiss => "dismiss",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.slug() == slug)
    }

    pub fn label(self) -> Key {
        match self {
            Decision::Hide => Key::DecisionHide,
            Decision::Unhide => Key::DecisionUnhide,
            Decision::Suspend => Key::DecisionSuspend,
            Decision::Unsuspend => Key::DecisionUnsuspend,
            Decision::Dismiss => Key::DecisionDismiss,
        }
    }

    /// What the reporter is told.
    pub fn outcome(self) -> Key {
        match self {
            Decision::Hide => Key::OutcomeHidden,
            Decision::Unhide => Key::OutcomeShown,
            Decision::Suspend => Key::OutcomeSuspended,
            Decision::Unsuspend => Key::OutcomeRestored,
            Decision::Dismiss => Key::OutcomeDismissed,
        }
    }

    /// Whether this decision applies to that kind of content: people are suspended,
    /// not hidden; a place has no author to suspend.
    pub fn fits(self, kind: TargetKind) -> bool {
        match self {
            Decision::Hide | Decision::Unhide => kind != TargetKind::User,
            Decision::Suspend | Decision::Unsuspend => kind != TargetKind::Place,
            Decision::Dismiss => true,
        }
    }
}

/// A report form, checked without I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedReport {
    pub kind: TargetKind,
    pub target: i64,
    pub reason: Reason,
    pub details: String,
}

pub const MAX_DETAILS: usize = 2000;
pub const MAX_NOTE: usize = 500;

fn clean_text(field: &str, raw: &str, max: usize, required: bool) -> Result<String, AppError> {
    let value = raw.trim();
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

pub fn check_report(
    kind: &str,
    id: &str,
    reason: &str,
    details: &str,
) -> Result<CheckedReport, AppError> {
    let kind = TargetKind::from_slug(kind.trim())
        .ok_or_else(|| AppError::validation("target", Problem::Unknown))?;
    let target = id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::validation("target", Problem::Malformed))?;
    let reason = Reason::from_slug(reason.trim())
        .ok_or_else(|| AppError::validation("reason", Problem::Missing))?;
    let details = clean_text("details", details, MAX_DETAILS, false)?;
    Ok(CheckedReport {
        kind,
        target,
        reason,
        details,
    })
}

/// A decision with its reason, checked against the kind of content reported.
pub fn check_decision(
    kind: TargetKind,
    decision: &str,
    note: &str,
) -> Result<(Decision, String), AppError> {
    let decision = Decision::from_slug(decision.trim())
        .ok_or_else(|| AppError::validation("decision", Problem::Unknown))?;
    if !decision.fits(kind) {
        return Err(AppError::validation("decision", Problem::NotApplicable));
    }
    let note = clean_text("note", note, MAX_NOTE, true)?;
    Ok((decision, note))
}

/// What is reported, as the reporter and moderators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetSummary {
    pub kind: TargetKind,
    pub id: i64,
    /// A title, a message's text, a place's name or a person's display name.
    pub text: String,
    /// Where to look at it, when there is a page.
    pub link: Option<String>,
    pub hidden: bool,
    pub suspended: bool,
}

/// A report in the moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedReport {
    pub id: i64,
    pub target: TargetSummary,
    pub reason: Reason,
    pub details: String,
    pub urgent: bool,
    pub quartier_name: String,
    pub when: String,
    pub open: bool,
    pub decision_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportQueue {
    pub open: Vec<QueuedReport>,
    pub decided: Vec<QueuedReport>,
}

#[leptos::server(endpoint = "reports/target")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn report_target(
    kind: Option<String>,
    id: Option<String>,
) -> Result<TargetSummary, AppError> {
    let viewer = crate::auth::session::require_viewer()?;
    let kind = TargetKind::from_slug(kind.as_deref().unwrap_or("").trim())
        .ok_or_else(|| AppError::validation("target", Problem::Unknown).respond())?;
    let id = crate::ui::number_arg("target", id.as_deref()).map_err(AppError::respond)?;
    let db = crate::ctx::request_db()?;
    db::reportable(&db, &viewer, kind, id)
        .await
        .map(|(summary, _)| summary)
        .map_err(AppError::respond)
}

#[leptos::server(endpoint = "coordinator/reports")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn moderation_queue() -> Result<ReportQueue, AppError> {
    let viewer = crate::auth::session::require_viewer()?;
    if !viewer.roles.may_enter_coordinator_area() {
        return Err(AppError::Forbidden.respond());
    }
    let db = crate::ctx::request_db()?;
    let lang = crate::i18n::request_lang();
    db::queue(&db, &viewer, lang)
        .await
        .map_err(AppError::respond)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(r: Result<CheckedReport, AppError>) -> Option<(String, Problem)> {
        match r {
            Err(AppError::Validation { field, problem }) => Some((field, problem)),
            _ => None,
        }
    }

    #[test]
    fn a_report_names_its_bad_field() {
        assert_eq!(
            field(check_report("post", "1", "scam", "")),
            Some(("target".into(), Problem::Unknown))
        );
        assert_eq!(
            field(check_report("need", "-4", "scam", "")),
            Some(("target".into(), Problem::Malformed))
        );
        assert_eq!(
            field(check_report("need", "x", "scam", "")),
            Some(("target".into(), Problem::Malformed))
        );
        assert_eq!(
            field(check_report("need", "4", "", "")),
            Some(("reason".into(), Problem::Missing))
        );
        assert_eq!(
            field(check_report("need", "4", "scam", &"x".repeat(3000))),
            Some(("details".into(), Problem::TooLong))
        );
        assert_eq!(
            field(check_report("need", "4", "scam", "a\u{202e}\u{0}")),
            Some(("details".into(), Problem::Malformed))
        );
        let ok = check_report("message", " 9 ", "threat", " er droht mir ").expect("valid");
        assert_eq!(ok.kind, TargetKind::Message);
        assert!(ok.reason.is_urgent());
        assert_eq!(ok.details, "er droht mir");
    }

    #[test]
    fn decisions_fit_their_content_and_need_a_reason() {
        assert!(check_decision(TargetKind::User, "hide", "x").is_err());
        assert!(check_decision(TargetKind::Place, "suspend", "x").is_err());
        assert!(check_decision(TargetKind::Message, "hide", "  ").is_err());
        assert!(check_decision(TargetKind::Message, "explode", "x").is_err());
        assert_eq!(
            check_decision(TargetKind::Message, "hide", " beleidigend ").expect("ok"),
            (Decision::Hide, "beleidigend".to_owned())
        );
        // The author of a need or message can be suspended; a place has none.
        assert!(Decision::Suspend.fits(TargetKind::Need));
        assert!(Decision::Suspend.fits(TargetKind::Message));
        assert!(!Decision::Unsuspend.fits(TargetKind::Place));
        assert!(Decision::Hide.fits(TargetKind::Place));
        assert!(Decision::Dismiss.fits(TargetKind::User));
    }

    #[test]
    fn only_threats_are_urgent_and_they_are_offered_first() {
        assert_eq!(Reason::ALL[0], Reason::Threat);
        assert_eq!(Reason::ALL.iter().filter(|r| r.is_urgent()).count(), 1);
    }
}

//! A one-time message from a form post to the page it redirects to: a notice, or an
//! error naming the field together with what was entered (never a password), so the
//! form comes back filled in. Kept in the session, taken by the next page request,
//! and handed to the browser with the page for hydration.

use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use crate::ui::error_text;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    CheckMail,
    EmailVerified,
    VerifyFirst,
    ResetMailSent,
    PasswordReset,
    PasswordChanged,
    EmailChangeSent,
    EmailChanged,
    InvitationSent,
    InvitationAccepted,
    MemberRemoved,
    AccountDeleted,
    SignedOut,
    NeedSubmitted,
    NeedSubmittedContactMoved,
    NeedPublished,
    NeedPublishedContactMoved,
    SignedUpForNeed,
    Waitlisted,
    Withdrawn,
    HelperConfirmed,
    TimeLogged,
    NeedClosed,
    NeedReviewed,
    MessageSent,
    MessageHeldBack,
    HelperUnassigned,
    NeighbourTrusted,
    CalendarRenewed,
    CalendarRevoked,
    ProfileSaved,
    VolunteersInvited,
    InvitationTaken,
    InvitationDeclined,
    VerificationRecorded,
    PlaceSaved,
    EventAdded,
    EventComing,
    EventNotComing,
    ServiceSaved,
    ServiceDeleted,
    ReportReceived,
    ReportDecided,
    MediationSent,
    MediationUpdated,
}

impl Notice {
    pub fn text(self) -> Key {
        match self {
            Notice::CheckMail => Key::NoticeCheckMail,
            Notice::EmailVerified => Key::NoticeEmailVerified,
            Notice::VerifyFirst => Key::NoticeVerifyFirst,
            Notice::ResetMailSent => Key::NoticeResetMailSent,
            Notice::PasswordReset => Key::NoticePasswordReset,
            Notice::PasswordChanged => Key::NoticePasswordChanged,
            Notice::EmailChangeSent => Key::NoticeEmailChangeSent,
            Notice::EmailChanged => Key::NoticeEmailChanged,
            Notice::InvitationSent => Key::NoticeInvitationSent,
            Notice::InvitationAccepted => Key::NoticeInvitationAccepted,
            Notice::MemberRemoved => Key::NoticeMemberRemoved,
            Notice::AccountDeleted => Key::NoticeAccountDeleted,
            Notice::SignedOut => Key::NoticeSignedOut,
            Notice::NeedSubmitted => Key::NoticeNeedSubmitted,
            Notice::NeedSubmittedContactMoved => Key::NoticeNeedSubmittedContactMoved,
            Notice::NeedPublished => Key::NoticeNeedPublished,
            Notice::NeedPublishedContactMoved => Key::NoticeNeedPublishedContactMoved,
            Notice::SignedUpForNeed => Key::NoticeSignedUpForNeed,
            Notice::Waitlisted => Key::NoticeWaitlisted,
            Notice::Withdrawn => Key::NoticeWithdrawn,
            Notice::HelperConfirmed => Key::NoticeHelperConfirmed,
            Notice::TimeLogged => Key::NoticeTimeLogged,
            Notice::NeedClosed => Key::NoticeNeedClosed,
            Notice::NeedReviewed => Key::NoticeNeedReviewed,
            Notice::MessageSent => Key::NoticeMessageSent,
            Notice::MessageHeldBack => Key::NoticeMessageHeldBack,
            Notice::HelperUnassigned => Key::NoticeHelperUnassigned,
            Notice::NeighbourTrusted => Key::NoticeNeighbourTrusted,
            Notice::CalendarRenewed => Key::NoticeCalendarRenewed,
            Notice::CalendarRevoked => Key::NoticeCalendarRevoked,
            Notice::ProfileSaved => Key::NoticeProfileSaved,
            Notice::VolunteersInvited => Key::NoticeVolunteersInvited,
            Notice::InvitationTaken => Key::NoticeInvitationTaken,
            Notice::InvitationDeclined => Key::NoticeInvitationDeclined,
            Notice::VerificationRecorded => Key::NoticeVerificationRecorded,
            Notice::PlaceSaved => Key::NoticePlaceSaved,
            Notice::EventAdded => Key::NoticeEventAdded,
            Notice::EventComing => Key::NoticeEventComing,
            Notice::EventNotComing => Key::NoticeEventNotComing,
            Notice::ServiceSaved => Key::NoticeServiceSaved,
            Notice::ServiceDeleted => Key::NoticeServiceDeleted,
            Notice::ReportReceived => Key::NoticeReportReceived,
            Notice::ReportDecided => Key::NoticeReportDecided,
            Notice::MediationSent => Key::NoticeMediationSent,
            Notice::MediationUpdated => Key::NoticeMediationUpdated,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// Which form the message belongs to, when a page has several.
    pub form: String,
    pub error: Option<AppError>,
    pub notice: Option<Notice>,
    pub values: Vec<(String, String)>,
}

impl Flash {
    pub fn notice(notice: Notice) -> Flash {
        Flash {
            notice: Some(notice),
            ..Flash::default()
        }
    }

    pub fn error(form: &str, error: AppError, values: Vec<(String, String)>) -> Flash {
        Flash {
            form: form.to_owned(),
            error: Some(error),
            values,
            ..Flash::default()
        }
    }

    /// What was entered in a field, if the form came back.
    pub fn value(&self, name: &str) -> String {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// The error of one form of the page.
    pub fn error_of(&self, form: &str) -> Option<&AppError> {
        self.error.as_ref().filter(|_| self.form == form)
    }

    /// Whether the error is about this field (for `aria-invalid`).
    pub fn invalid(&self, form: &str, field: &str) -> bool {
        self.error_of(form).and_then(AppError::field) == Some(field)
    }
}

/// The flash of the current page request, if any.
pub fn use_flash() -> Flash {
    SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            leptos::prelude::use_context::<http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<RequestFlash>().cloned())
                .and_then(|f| f.0)
                .unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            Flash::default()
        }
    })
    .into_inner()
}

/// The error of `form`, at the top of that form.
#[component]
pub fn FlashMessage(flash: Flash, #[prop(into)] form: String) -> impl IntoView {
    let lang = use_lang();
    let error = flash.error_of(&form).map(|e| error_text(lang, e));
    error.map(|text| view! { <p class="notice notice--error" role="alert">{text}</p> })
}

/// The notice a form post left for whatever page it led to, at the top of the page.
#[component]
pub fn FlashNotice() -> impl IntoView {
    let lang = use_lang();
    use_flash()
        .notice
        .map(|n| view! { <p class="notice notice--ok" role="status">{lang.t(n.text())}</p> })
}

/// The flash taken from the session for this request.
#[derive(Debug, Clone, Default)]
pub struct RequestFlash(pub Option<Flash>);

#[cfg(feature = "ssr")]
pub const FLASH_KEY: &str = "flash";

#[cfg(feature = "ssr")]
pub async fn put(session: &tower_sessions::Session, flash: Flash) {
    if let Err(err) = session.insert(FLASH_KEY, flash).await {
        tracing::warn!(error = %err, "could not keep the form message");
    }
}

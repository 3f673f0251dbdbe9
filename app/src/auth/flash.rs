//! A one-time message from a form post to the page it redirects to: a notice, or an
//! error naming the field together with what was entered (never a password), so the
//! form comes back filled in. Taken by the next page request and handed to the browser
//! with the page for hydration.
//!
//! An error with its values is kept in the session. A notice alone is only the name of
//! a fixed message: it travels in a short-lived cookie of its own, so a successful form
//! post writes nothing but its own change (no session row, no second write waiting for
//! the database's one writer).

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
            crate::context::lookup::<http::request::Parts>()
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

/// The cookie that carries a notice to the next page.
#[cfg(feature = "ssr")]
pub const NOTICE_COOKIE: &str = "gn_notice";

/// How long a notice waits for its page, in seconds: the redirect follows at once.
#[cfg(feature = "ssr")]
const NOTICE_SECONDS: u32 = 60;

/// A notice a form answer leaves on its response; the session middleware hands it to
/// the browser as [`NOTICE_COOKIE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeftNotice(pub Notice);

#[cfg(feature = "ssr")]
impl Notice {
    /// Its name in the cookie (the variant's name).
    pub fn name(self) -> String {
        serde_json::to_string(&self)
            .unwrap_or_default()
            .trim_matches('"')
            .to_owned()
    }

    /// The notice a cookie names; `None` for any other value.
    pub fn from_name(name: &str) -> Option<Notice> {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        serde_json::from_str(&format!("\"{name}\"")).ok()
    }
}

/// The value of the notice cookie, when the request carries one.
#[cfg(feature = "ssr")]
pub fn notice_cookie(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| crate::i18n::cookie_value(header, NOTICE_COOKIE))
        .map(str::to_owned)
}

/// The `Set-Cookie` that hands a notice to the browser, or with `None` clears it once
/// its page has shown it.
#[cfg(feature = "ssr")]
pub fn notice_set_cookie(notice: Option<Notice>, secure: bool) -> Option<http::HeaderValue> {
    let (value, seconds) = match notice {
        Some(notice) => (notice.name(), NOTICE_SECONDS),
        None => (String::new(), 0),
    };
    let secure = if secure { "; Secure" } else { "" };
    http::HeaderValue::from_str(&format!(
        "{NOTICE_COOKIE}={value}; Path=/; Max-Age={seconds}; SameSite=Lax; HttpOnly{secure}"
    ))
    .ok()
}

/// Keeps a message with the form's values in the session for the next page.
#[cfg(feature = "ssr")]
pub async fn put(session: &tower_sessions::Session, flash: Flash) {
    if let Err(err) = session.insert(FLASH_KEY, flash).await {
        tracing::warn!(error = %err, "could not keep the form message");
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_notice_goes_by_its_name_and_nothing_else_is_one() {
        for notice in [
            Notice::SignedUpForNeed,
            Notice::CheckMail,
            Notice::MediationUpdated,
        ] {
            assert_eq!(Notice::from_name(&notice.name()), Some(notice));
        }
        assert_eq!(Notice::SignedUpForNeed.name(), "SignedUpForNeed");
        for odd in [
            "",
            "Bogus",
            "\"CheckMail\"",
            "CheckMail\"",
            "Check Mail",
            "checkmail",
        ] {
            assert_eq!(Notice::from_name(odd), None, "{odd}");
        }
    }

    #[test]
    fn the_notice_cookie_is_short_lived_and_secure_on_https() {
        let left = notice_set_cookie(Some(Notice::Withdrawn), true).expect("header");
        let left = left.to_str().expect("text");
        assert!(left.starts_with("gn_notice=Withdrawn;"), "{left}");
        assert!(
            left.contains("Max-Age=60") && left.contains("HttpOnly"),
            "{left}"
        );
        assert!(
            left.contains("SameSite=Lax") && left.ends_with("; Secure"),
            "{left}"
        );
        let cleared = notice_set_cookie(None, false).expect("header");
        assert_eq!(
            cleared.to_str().expect("text"),
            "gn_notice=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly"
        );
    }

    #[test]
    fn the_notice_cookie_is_found_among_others() {
        let mut headers = http::HeaderMap::new();
        headers.append(
            http::header::COOKIE,
            http::HeaderValue::from_static("lang=de; gn_session=abc"),
        );
        assert_eq!(notice_cookie(&headers), None);
        headers.append(
            http::header::COOKIE,
            http::HeaderValue::from_static("gn_notice=TimeLogged"),
        );
        assert_eq!(notice_cookie(&headers).as_deref(), Some("TimeLogged"));
    }
}

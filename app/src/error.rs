//! One error type for every server function: a status code and a message that is safe
//! to show. Database and driver text never leaves the server; it goes to the log.

use serde::{Deserialize, Serialize};

/// What was wrong with a field, as a translation key the page turns into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// The value names something that does not exist (an unknown Quartier slug).
    Unknown,
    /// The value is not in the expected form.
    Malformed,
    /// The value is too long.
    TooLong,
    /// The value is missing.
    Missing,
    /// The value is too short (passwords).
    TooShort,
    /// The password is one of the most common ones, or made from the e-mail address.
    TooCommon,
    /// The two entries do not match (password and its repetition).
    Mismatch,
    /// The value is not correct (the current password).
    Wrong,
    /// A link that has expired or was already used.
    Expired,
    /// The same thing a second time (a second sign-up).
    Duplicate,
    /// Not possible for one's own need.
    Own,
    /// The need is closed or not open for this.
    Closed,
    /// A time in the past.
    Past,
    /// A number outside the allowed range.
    OutOfRange,
    /// Belongs to another organisation.
    OtherOrganisation,
    /// Wording that picks people by origin, religion or gender.
    Wording,
    /// A time range that ends before it starts.
    EndsBeforeStart,
    /// Time ranges that overlap.
    Overlapping,
    /// A date in the future where only the past makes sense (an inspection date).
    Future,
    /// A record that is no longer valid (an inspection older than 5 years).
    Outdated,
    /// The need is child-related and needs a valid police-certificate inspection.
    InspectionRequired,
    /// The need asks for a helper of the same gender.
    GenderMismatch,
    /// The time to answer has passed.
    DeadlinePassed,
    /// The volunteer does not meet the need's requirements.
    NotMatching,
    /// A point that lies in no Quartier of the platform.
    OutsideQuartier,
    /// Not possible for this kind of thing (hiding a person, suspending a place).
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("sign-in required")]
    Unauthorized,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid value for {field}")]
    Validation { field: String, problem: Problem },
    #[error("conflict")]
    Conflict,
    #[error("service temporarily unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// The call did not reach the server or its answer could not be read (client side).
    #[error("connection problem")]
    Transport,
}

impl AppError {
    pub fn validation(field: &str, problem: Problem) -> Self {
        AppError::Validation {
            field: field.to_owned(),
            problem,
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Validation { .. } => 400,
            AppError::Conflict => 409,
            AppError::Unavailable | AppError::Transport => 503,
            AppError::Internal => 500,
        }
    }

    /// The field a validation error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Validation { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            // Arguments that could not be decoded are the caller's mistake.
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => {
                AppError::validation("request", Problem::Malformed)
            }
            E::UnsupportedRequestMethod(_) => AppError::validation("method", Problem::Malformed),
            E::Request(_) | E::Response(_) => AppError::Transport,
            E::Registration(_)
            | E::ServerError(_)
            | E::MiddlewareError(_)
            | E::Serialization(_) => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            match &err {
                sqlx::Error::RowNotFound => AppError::NotFound,
                // PostgreSQL refuses text with a NUL byte or bytes that are no characters;
                // that is the caller's malformed input, not a fault of the server.
                sqlx::Error::Database(db)
                    if matches!(db.code().as_deref(), Some("22021") | Some("22P05")) =>
                {
                    tracing::warn!(error = %err, "text the database cannot store");
                    AppError::validation("request", crate::error::Problem::Malformed)
                }
                sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                    tracing::error!(error = %err, "database unavailable");
                    AppError::Unavailable
                }
                _ => {
                    tracing::error!(error = %err, "database error");
                    AppError::Internal
                }
            }
        }
    }

    impl AppError {
        /// Sets the HTTP status of the current response to this error's status, so that
        /// server functions and server-rendered pages answer 400/404/503 instead of 500.
        pub fn respond(self) -> Self {
            if let Some(options) = crate::context::lookup::<leptos_axum::ResponseOptions>() {
                if let Ok(code) = http::StatusCode::from_u16(self.status()) {
                    options.set_status(code);
                }
            }
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_client_or_server_status() {
        let all = [
            AppError::Unauthorized,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::validation("quartier", Problem::Unknown),
            AppError::Conflict,
            AppError::Unavailable,
            AppError::Internal,
            AppError::Transport,
        ];
        for e in all {
            assert!((400..600).contains(&e.status()), "{e:?}");
        }
        assert_eq!(AppError::validation("x", Problem::Missing).status(), 400);
    }

    #[test]
    fn undecodable_arguments_are_a_validation_error_not_a_server_error() {
        use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("boom".into()));
        assert_eq!(e.status(), 400);
        assert_eq!(e.field(), Some("request"));
    }
}

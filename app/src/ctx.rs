//! What a server function finds in its context: the database and the viewer's language.

use crate::db::Db;
use crate::error::AppError;
pub use crate::i18n::request_lang;

/// The database handle the server put into the Leptos context.
pub fn request_db() -> Result<Db, AppError> {
    leptos::prelude::use_context::<Db>().ok_or_else(|| {
        tracing::error!("no database handle in the request context");
        AppError::Internal
    })
}

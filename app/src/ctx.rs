//! What a server function finds in its context: the database and the viewer's language.

use crate::db::Db;
use crate::error::AppError;
pub use crate::i18n::request_lang;

/// The database handle the server put into the Leptos context.
pub fn request_db() -> Result<Db, AppError> {
    crate::context::lookup::<Db>().ok_or_else(|| {
        // Reached when a reader leaves mid-page: the page's data loads run on as their own
        // tasks after the request's context is gone (seen at the end of every load test).
        // A request that truly lacks the handle fails as `Internal`, which tests catch.
        tracing::debug!("no database handle in the request context");
        AppError::Internal
    })
}

/// What the server was started with that pages and account flows need.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Public address, for links in letters.
    pub base_url: String,
    /// Whether `/dev/mail` shows the outbox (development and tests only).
    pub dev_mailbox: bool,
    /// Map tile addresses with `{z}`, `{x}`, `{y}`; `None`: no map is shown.
    pub map_tiles: Option<String>,
}

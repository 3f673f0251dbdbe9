//! Organisations of the alliance and the Quartiere (urban districts) and Dörfer
//! (villages) they serve.

#[cfg(feature = "ssr")]
pub mod db;

use crate::i18n::Key;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuartierKind {
    Quartier,
    Dorf,
}

impl QuartierKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuartierKind::Quartier => "quartier",
            QuartierKind::Dorf => "dorf",
        }
    }

    pub fn label(self) -> Key {
        match self {
            QuartierKind::Quartier => Key::KindQuartier,
            QuartierKind::Dorf => Key::KindDorf,
        }
    }
}

impl TryFrom<String> for QuartierKind {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        match value.as_str() {
            "quartier" => Ok(QuartierKind::Quartier),
            "dorf" => Ok(QuartierKind::Dorf),
            _ => Err(format!("unknown Quartier kind {value:?}")),
        }
    }
}

/// A Quartier or village as the public home page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuartierSummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: QuartierKind,
    pub municipality: String,
    pub open_needs: i64,
    pub organisations: Vec<String>,
}

/// An entry of the Quartier filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct QuartierOption {
    pub slug: String,
    pub name: String,
}

/// How to reach an organisation's counselling staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrganisationContact {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The Quartiere and villages for the filter, by name.
#[leptos::server(endpoint = "quartiere/options")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn quartier_options() -> Result<Vec<QuartierOption>, crate::error::AppError> {
    use crate::error::AppError;
    // Public: the list of Quartiere is on every public page.
    let db = crate::ctx::request_db()?;
    db::list_quartier_options(&db)
        .await
        .map_err(|e| AppError::from(e).respond())
}

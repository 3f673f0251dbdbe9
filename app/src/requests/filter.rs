//! The filter of the needs list: raw query values in, checked values out.

use super::Category;
use crate::error::{AppError, Problem};
use serde::{Deserialize, Serialize};

/// Longest slug accepted from a URL before it is even looked up.
const MAX_SLUG_LEN: usize = 64;

/// The filter as it arrives from a URL or form: empty values mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedFilter {
    pub quartier: Option<String>,
    pub category: Option<String>,
}

/// The filter after checking: a known Quartier slug and a known category.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidFilter {
    pub quartier_slug: Option<String>,
    pub category: Option<Category>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl NeedFilter {
    pub fn new(quartier: Option<String>, category: Option<String>) -> Self {
        NeedFilter {
            quartier: non_empty(quartier),
            category: non_empty(category),
        }
    }

    /// Checks everything that needs no database: lengths, slug shape, the category list.
    pub fn check_shape(&self) -> Result<ValidFilter, AppError> {
        let category = match &self.category {
            None => None,
            Some(slug) => Some(
                Category::from_slug(slug)
                    .ok_or_else(|| AppError::validation("category", Problem::Unknown))?,
            ),
        };
        if let Some(slug) = &self.quartier {
            if slug.len() > MAX_SLUG_LEN {
                return Err(AppError::validation("quartier", Problem::TooLong));
            }
            if !slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(AppError::validation("quartier", Problem::Unknown));
            }
        }
        Ok(ValidFilter {
            quartier_slug: self.quartier.clone(),
            category,
        })
    }

    /// Full check, including that the Quartier exists.
    #[cfg(feature = "ssr")]
    pub async fn validate(&self, db: &crate::db::Db) -> Result<ValidFilter, AppError> {
        let valid = self.check_shape()?;
        if let Some(slug) = &valid.quartier_slug {
            if crate::orgs::db::quartier_id_by_slug(db, slug)
                .await?
                .is_none()
            {
                return Err(AppError::validation("quartier", Problem::Unknown));
            }
        }
        Ok(valid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn empty_values_mean_all() {
        let f = NeedFilter::new(Some("  ".into()), Some(String::new()));
        assert_eq!(f.check_shape(), Ok(ValidFilter::default()));
    }

    #[test]
    fn a_known_category_is_accepted() {
        let f = NeedFilter::new(None, Some("shopping".into()));
        assert_eq!(
            f.check_shape().map(|v| v.category),
            Ok(Some(Category::Shopping))
        );
    }

    #[test]
    fn an_unknown_category_names_the_field() {
        let f = NeedFilter::new(None, Some("weapons".into()));
        assert_eq!(f.check_shape().unwrap_err().field(), Some("category"));
    }

    #[test]
    fn a_malformed_quartier_names_the_field() {
        let f = NeedFilter::new(Some("<script>".into()), None);
        assert_eq!(f.check_shape().unwrap_err().field(), Some("quartier"));
        let long = NeedFilter::new(Some("a".repeat(65)), None);
        assert_eq!(
            long.check_shape(),
            Err(AppError::validation("quartier", Problem::TooLong))
        );
    }

    #[test]
    fn every_category_round_trips_through_its_slug() {
        for c in Category::ALL {
            assert_eq!(Category::from_slug(c.slug()), Some(c));
        }
    }

    proptest! {
        #[test]
        fn any_input_gives_a_filter_or_a_field_error(q in ".{0,100}", c in ".{0,100}") {
            match NeedFilter::new(Some(q), Some(c)).check_shape() {
                Ok(_) => {}
                Err(e) => prop_assert!(matches!(e.field(), Some("quartier" | "category"))),
            }
        }
    }
}

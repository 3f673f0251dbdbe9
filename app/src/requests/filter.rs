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
    /// First and last day, `YYYY-MM-DD` (Berlin dates).
    pub from: Option<String>,
    pub to: Option<String>,
    /// `soonest` (default) or `newest`.
    pub sort: Option<String>,
    /// 1-based page number.
    pub page: Option<String>,
    /// Largest distance in km from a volunteer's home point.
    pub km: Option<String>,
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// The soonest first.
    #[default]
    Soonest,
    /// The most recently posted first.
    Newest,
}

/// The highest page number accepted.
pub const MAX_PAGE: i64 = 1000;
/// The distances a volunteer can choose from, in km.
pub const DISTANCES_KM: [u32; 5] = [1, 2, 5, 10, 25];

/// The filter after checking: a known Quartier slug and a known category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidFilter {
    pub quartier_slug: Option<String>,
    pub category: Option<Category>,
    /// (year, month, day) of the first and last day.
    pub from: Option<(i32, u32, u32)>,
    pub to: Option<(i32, u32, u32)>,
    pub sort: Sort,
    pub page: i64,
    pub km: Option<u32>,
}

impl Default for ValidFilter {
    fn default() -> Self {
        ValidFilter {
            quartier_slug: None,
            category: None,
            from: None,
            to: None,
            sort: Sort::Soonest,
            page: 1,
            km: None,
        }
    }
}

/// A calendar date `YYYY-MM-DD` with a real month and day.
fn date(field: &str, raw: &str) -> Result<(i32, u32, u32), AppError> {
    let bad = || AppError::validation(field, Problem::Malformed);
    let mut parts = raw.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (y, m, d): (i32, u32, u32) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(2000..=2200).contains(&y) || d == 0 || d > days {
        return Err(bad());
    }
    Ok((y, m, d))
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl NeedFilter {
    pub fn new(quartier: Option<String>, category: Option<String>) -> Self {
        NeedFilter {
            quartier: non_empty(quartier),
            category: non_empty(category),
            ..NeedFilter::default()
        }
    }

    /// The filter with a largest distance (for volunteers).
    pub fn within(self, km: Option<String>) -> Self {
        NeedFilter {
            km: non_empty(km),
            ..self
        }
    }

    /// The filter with its date range, order and page.
    pub fn with_range(
        self,
        from: Option<String>,
        to: Option<String>,
        sort: Option<String>,
        page: Option<String>,
    ) -> Self {
        NeedFilter {
            from: non_empty(from),
            to: non_empty(to),
            sort: non_empty(sort),
            page: non_empty(page),
            ..self
        }
    }

    /// The names of the fields a filter is read from (the form's and the address's).
    pub const FIELDS: [&'static str; 7] =
        ["quartier", "category", "from", "to", "sort", "page", "km"];

    /// The filter from named values, as a URL query or a submitted form gives them.
    pub fn from_fields(field: impl Fn(&str) -> Option<String>) -> Self {
        NeedFilter::new(field("quartier"), field("category"))
            .with_range(field("from"), field("to"), field("sort"), field("page"))
            .within(field("km"))
    }

    /// The `/requests` address of this filter at `page` (none: the first). Values are
    /// reduced to the characters slugs, dates and numbers use, so the link is safe as is.
    pub fn link(&self, page: Option<i64>) -> String {
        let mut query: Vec<String> = page.map(|p| format!("page={p}")).into_iter().collect();
        for (name, value) in [
            ("quartier", &self.quartier),
            ("category", &self.category),
            ("from", &self.from),
            ("to", &self.to),
            ("sort", &self.sort),
            ("km", &self.km),
        ] {
            if let Some(v) = value {
                let v: String = v
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                query.push(format!("{name}={v}"));
            }
        }
        if query.is_empty() {
            "/requests".to_owned()
        } else {
            format!("/requests?{}", query.join("&"))
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
        let from = self.from.as_deref().map(|d| date("from", d)).transpose()?;
        let to = self.to.as_deref().map(|d| date("to", d)).transpose()?;
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                return Err(AppError::validation("to", Problem::OutOfRange));
            }
        }
        let sort = match self.sort.as_deref() {
            None | Some("soonest") => Sort::Soonest,
            Some("newest") => Sort::Newest,
            Some(_) => return Err(AppError::validation("sort", Problem::Unknown)),
        };
        let page = match self.page.as_deref() {
            None => 1,
            Some(raw) => raw
                .parse::<i64>()
                .ok()
                .filter(|p| (1..=MAX_PAGE).contains(p))
                .ok_or_else(|| AppError::validation("page", Problem::OutOfRange))?,
        };
        let km = match self.km.as_deref() {
            None => None,
            Some(raw) => Some(
                raw.parse::<u32>()
                    .ok()
                    .filter(|km| (1..=100).contains(km))
                    .ok_or_else(|| AppError::validation("km", Problem::OutOfRange))?,
            ),
        };
        Ok(ValidFilter {
            quartier_slug: self.quartier.clone(),
            category,
            from,
            to,
            sort,
            page,
            km,
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
    fn a_filter_from_fields_links_back_to_itself() {
        let fields = |name: &str| match name {
            "quartier" => Some("linden-sued".to_owned()),
            "category" => Some(" shopping ".to_owned()),
            "from" => Some("2030-08-12".to_owned()),
            "sort" => Some(String::new()),
            _ => None,
        };
        let filter = NeedFilter::from_fields(fields);
        assert_eq!(filter.category.as_deref(), Some("shopping"));
        assert_eq!(filter.sort, None);
        assert_eq!(
            filter.link(None),
            "/requests?quartier=linden-sued&category=shopping&from=2030-08-12"
        );
        assert_eq!(
            filter.link(Some(3)),
            "/requests?page=3&quartier=linden-sued&category=shopping&from=2030-08-12"
        );
        assert_eq!(NeedFilter::default().link(None), "/requests");
    }

    #[test]
    fn links_carry_no_markup_or_extra_parameters() {
        let filter = NeedFilter::new(Some("a&b=<x>\"".to_owned()), None);
        assert_eq!(filter.link(None), "/requests?quartier=abx");
    }

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

    #[test]
    fn dates_order_and_pages_are_checked() {
        let f = |from: &str, to: &str, sort: &str, page: &str| {
            NeedFilter::default()
                .with_range(
                    Some(from.into()),
                    Some(to.into()),
                    Some(sort.into()),
                    Some(page.into()),
                )
                .check_shape()
        };
        let ok = f("2026-12-01", "2026-12-24", "newest", "2").expect("valid");
        assert_eq!(
            (ok.from, ok.to, ok.sort, ok.page),
            (Some((2026, 12, 1)), Some((2026, 12, 24)), Sort::Newest, 2)
        );
        assert_eq!(
            f("2026-02-30", "", "", "").unwrap_err().field(),
            Some("from")
        );
        assert_eq!(
            f("2026-12-24", "2026-12-01", "", ""),
            Err(AppError::validation("to", Problem::OutOfRange))
        );
        assert_eq!(f("", "", "random", "").unwrap_err().field(), Some("sort"));
        assert_eq!(
            f("", "", "", "0"),
            Err(AppError::validation("page", Problem::OutOfRange))
        );
        assert_eq!(f("", "", "", "-5").unwrap_err().field(), Some("page"));
        assert_eq!(
            f("2028-02-29", "", "", "").map(|v| v.from),
            Ok(Some((2028, 2, 29)))
        );
    }

    proptest! {
        #[test]
        fn any_input_gives_a_filter_or_a_field_error(
            q in ".{0,100}", c in ".{0,100}", d in ".{0,20}", p in ".{0,12}"
        ) {
            let filter = NeedFilter::new(Some(q), Some(c)).with_range(Some(d.clone()), Some(d), None, Some(p));
            match filter.check_shape() {
                Ok(v) => prop_assert!((1..=MAX_PAGE).contains(&v.page)),
                Err(e) => prop_assert!(matches!(e.field(), Some("quartier" | "category" | "from" | "to" | "page"))),
            }
        }
    }
}

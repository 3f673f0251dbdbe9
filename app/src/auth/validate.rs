//! Checks of account fields; each error names its field.

use crate::error::{AppError, Problem};

pub const MIN_PASSWORD_LEN: usize = 10;
const MAX_PASSWORD_LEN: usize = 256;
const MAX_EMAIL_LEN: usize = 254;
const MAX_NAME_LEN: usize = 100;

/// A trimmed, lower-cased e-mail address of plausible shape.
pub fn email(raw: &str) -> Result<String, AppError> {
    let value = raw.trim().to_lowercase();
    if value.is_empty() {
        return Err(AppError::validation("email", Problem::Missing));
    }
    if value.len() > MAX_EMAIL_LEN {
        return Err(AppError::validation("email", Problem::TooLong));
    }
    let shape_ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
                && !domain.contains('@')
        }
        None => false,
    };
    if !shape_ok {
        return Err(AppError::validation("email", Problem::Malformed));
    }
    Ok(value)
}

pub fn password(raw: &str) -> Result<(), AppError> {
    let len = raw.chars().count();
    if len < MIN_PASSWORD_LEN {
        return Err(AppError::validation("password", Problem::Malformed));
    }
    if len > MAX_PASSWORD_LEN {
        return Err(AppError::validation("password", Problem::TooLong));
    }
    Ok(())
}

pub fn display_name(raw: &str) -> Result<String, AppError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(AppError::validation("name", Problem::Missing));
    }
    if value.chars().count() > MAX_NAME_LEN {
        return Err(AppError::validation("name", Problem::TooLong));
    }
    if value.chars().any(char::is_control) {
        return Err(AppError::validation("name", Problem::Malformed));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plausible_addresses_are_normalised() {
        assert_eq!(
            email("  Admin@Example.ORG "),
            Ok("admin@example.org".into())
        );
    }

    #[test]
    fn broken_addresses_name_the_field() {
        for bad in [
            "", "a", "a@b", "@b.de", "a@.de", "a b@c.de", "a@b@c.de", "<x>@y.de",
        ] {
            assert_eq!(email(bad).unwrap_err().field(), Some("email"), "{bad:?}");
        }
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(password("kurz").is_err());
        assert!(password("lang-genug-123").is_ok());
    }

    proptest! {
        #[test]
        fn validators_never_panic(s in "\\PC{0,300}") {
            let _ = email(&s);
            let _ = password(&s);
            let _ = display_name(&s);
        }
    }
}

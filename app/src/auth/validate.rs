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

/// The shipped list of common passwords (lower case).
const COMMON_PASSWORDS: &str = include_str!("../../data/common-passwords.txt");

fn common_passwords() -> impl Iterator<Item = &'static str> {
    COMMON_PASSWORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether a password is easy to guess: in the list (also with digits or symbols
/// around a listed word), one repeated character, a run of the keyboard or of digits,
/// or the e-mail address (or its first part).
pub fn is_common_password(raw: &str, email: &str) -> bool {
    let lower = raw.to_lowercase();
    let core = lower.trim_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    if common_passwords().any(|p| p == lower || (p.len() >= 4 && p == core)) {
        return true;
    }
    let mut chars = lower.chars();
    if let Some(first) = chars.next() {
        if chars.all(|c| c == first) {
            return true;
        }
    }
    const RUNS: [&str; 4] = [
        "01234567890123456789",
        "98765432109876543210",
        "abcdefghijklmnopqrstuvwxyz",
        "qwertzuiopasdfghjklyxcvbnm",
    ];
    if RUNS.iter().any(|run| run.contains(lower.as_str())) {
        return true;
    }
    let email = email.trim().to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    !email.is_empty() && (lower == email || (local.len() >= 4 && core == local))
}

/// A new password: long enough, not too long, not common, not the e-mail address.
pub fn new_password(raw: &str, email: &str) -> Result<(), AppError> {
    let len = raw.chars().count();
    if raw.is_empty() {
        return Err(AppError::validation("password", Problem::Missing));
    }
    if len < MIN_PASSWORD_LEN {
        return Err(AppError::validation("password", Problem::TooShort));
    }
    if len > MAX_PASSWORD_LEN {
        return Err(AppError::validation("password", Problem::TooLong));
    }
    if is_common_password(raw, email) {
        return Err(AppError::validation("password", Problem::TooCommon));
    }
    Ok(())
}

/// A password as entered at sign-in or to confirm a change: present and of sane size;
/// whether it is right is for the hash to say.
pub fn entered_password(field: &str, raw: &str) -> Result<(), AppError> {
    if raw.is_empty() {
        return Err(AppError::validation(field, Problem::Missing));
    }
    if raw.chars().count() > MAX_PASSWORD_LEN {
        return Err(AppError::validation(field, Problem::TooLong));
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

    fn password_problem(raw: &str, email: &str) -> Option<Problem> {
        match new_password(raw, email) {
            Ok(()) => None,
            Err(AppError::Validation { field, problem }) => {
                assert_eq!(field, "password");
                Some(problem)
            }
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(password_problem("", "a@b.de"), Some(Problem::Missing));
        assert_eq!(password_problem("kurz", "a@b.de"), Some(Problem::TooShort));
        assert_eq!(
            password_problem(&"x".repeat(300), "a@b.de"),
            Some(Problem::TooLong)
        );
        assert_eq!(password_problem("Linde-am-Brunnen-7", "a@b.de"), None);
    }

    #[test]
    fn common_passwords_are_refused() {
        for common in [
            "1234567890",
            "Passwort123",
            "PASSWORD1234",
            "qwertzuiop",
            "aaaaaaaaaaaa",
            "!!Willkommen2026!!",
            "Gutenachbarschaft",
            "3456789012",
            "defghijklmn",
        ] {
            assert_eq!(
                password_problem(common, "x@y.de"),
                Some(Problem::TooCommon),
                "{common}"
            );
        }
    }

    #[test]
    fn the_email_address_is_no_password() {
        assert_eq!(
            password_problem("helga.meier@example.org", "helga.meier@example.org"),
            Some(Problem::TooCommon)
        );
        assert_eq!(
            password_problem("helga.meier2026", "Helga.Meier@example.org"),
            Some(Problem::TooCommon)
        );
    }

    #[test]
    fn the_list_is_lower_case_and_not_empty() {
        assert!(common_passwords().count() > 150);
        for p in common_passwords() {
            assert_eq!(p, p.to_lowercase());
        }
    }

    proptest! {
        #[test]
        fn validators_never_panic(s in "\\PC{0,300}", e in "\\PC{0,60}") {
            let _ = email(&s);
            let _ = new_password(&s, &e);
            let _ = entered_password("password", &s);
            let _ = display_name(&s);
        }

        #[test]
        fn long_random_passwords_pass(s in "[a-zA-Z0-9]{8}-[a-zA-Z0-9]{8}") {
            prop_assert!(new_password(&s, "someone@example.org").is_ok());
        }

        #[test]
        fn accepted_names_hold_no_control_characters(s in "\\PC{0,120}") {
            if let Ok(name) = display_name(&s) {
                prop_assert!(!name.chars().any(char::is_control));
                prop_assert!(!name.is_empty() && name.chars().count() <= 100);
            }
        }
    }
}

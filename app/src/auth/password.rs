//! Argon2id password hashing (the crate's defaults follow the OWASP recommendation).

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = super::hash("richtig-langes-passwort").expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(super::verify("richtig-langes-passwort", &stored));
        assert!(!super::verify("falsches-passwort", &stored));
        assert!(!super::verify("x", "not a hash"));
    }
}

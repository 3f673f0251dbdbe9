//! One-time secrets for links sent by e-mail (verification, password reset, e-mail
//! change, invitations): 256 random bits, URL-safe; only their SHA-256 is stored.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// How long the links stay valid, in seconds.
pub const VERIFY_EMAIL_TTL: i64 = 3 * 24 * 3600;
pub const RESET_PASSWORD_TTL: i64 = 3600;
pub const CHANGE_EMAIL_TTL: i64 = 24 * 3600;
pub const INVITATION_TTL: i64 = 7 * 24 * 3600;

/// A new token and the hash to store.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// The stored form of a token. Anything a user pastes is hashed the same way; a
/// malformed token simply matches nothing.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.trim().as_bytes());
    URL_SAFE_NO_PAD.encode(digest)
}

/// Purposes of account links, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
        }
    }

    pub fn ttl(self) -> i64 {
        match self {
            Purpose::VerifyEmail => VERIFY_EMAIL_TTL,
            Purpose::ResetPassword => RESET_PASSWORD_TTL,
            Purpose::ChangeEmail => CHANGE_EMAIL_TTL,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_only_their_hash_matches() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_token(&a), hash_a);
        assert_ne!(hash_token(&b), hash_a);
        assert!(!hash_a.contains(&a));
    }
}

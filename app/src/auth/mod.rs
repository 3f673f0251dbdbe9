//! Accounts. For now: the platform administrator created from the command line, with an
//! Argon2id password hash; sign-in, roles and policy grow here.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod password;
pub mod validate;

//! Volunteers (Ehrenamtliche): where they live roughly, how far they go, what they
//! speak and can do. Profiles and verification records grow here.

#[cfg(feature = "ssr")]
pub mod db;

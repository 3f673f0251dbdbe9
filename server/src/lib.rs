//! The `nachbarschaft` server: configuration, router and middleware, demo data.
//! `main.rs` only parses the command line and calls into here, so tests can build the
//! same router on a fresh database.

pub mod assets;
pub mod backup;
pub mod cli;
pub mod kept_pages;
pub mod mailer;
pub mod router;
pub mod seed;
pub mod telemetry;

//! The command line: subcommands and every option with its environment variable.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Gute Nachbarschaft: neighbourhood help for Quartiere and villages.
#[derive(Debug, Parser)]
#[command(
    name = "nachbarschaft",
    version,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Database address: sqlite://FILE or postgres://USER@HOST:PORT/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/nachbarschaft.db",
        global = true,
        hide_env_values = true
    )]
    pub database_url: String,

    /// Most database connections open at once (default: 4 on SQLite; on PostgreSQL twice
    /// the cores, from 4 to 64).
    #[arg(
        long,
        env = "DATABASE_MAX_CONNECTIONS",
        global = true,
        value_parser = clap::value_parser!(u32).range(1..=1000)
    )]
    pub database_max_connections: Option<u32>,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of `serve`, which also runs when no subcommand is given.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations, then serve the web application (the default).
    Serve(ServeArgs),
    /// Apply the database migrations and exit.
    Migrate,
    /// Write the demo alliance (organisations, Quartiere, places, needs, volunteers).
    SeedDemo(SeedArgs),
    /// Create a platform administrator, or give an existing account that role.
    CreateAdmin(AdminArgs),
    /// Write a backup of the database to a new file (SQLite: a consistent copy while the
    /// server runs; PostgreSQL: `pg_dump` custom format).
    Backup(BackupArgs),
    /// Replace the database with a backup, then migrate it (stop the server first).
    Restore(RestoreArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// The file to write; it must not exist yet.
    #[arg(long)]
    pub to: std::path::PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    /// The backup file to restore from.
    #[arg(long)]
    pub from: std::path::PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(
        long = "addr",
        env = "LEPTOS_SITE_ADDR",
        value_name = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000"
    )]
    pub site_addr: SocketAddr,

    /// Folder with the built site (`pkg/` with the wasm, CSS and JS; public files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Public address of the site, used in links sent by e-mail.
    #[arg(long, env = "BASE_URL", default_value = "http://127.0.0.1:3000")]
    pub base_url: String,

    /// Seed the demo alliance when the database has no organisations yet, and print
    /// the demo logins.
    #[arg(long, env = "SEED_DEMO")]
    pub demo: bool,

    /// SMTP server for outgoing e-mail, e.g. `smtps://user:password@mail.example:465`
    /// or `smtp://localhost:25`. Unset: e-mail goes to the dev mailbox (if switched on)
    /// or waits in the outbox.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Sender of outgoing e-mail.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Gute Nachbarschaft <noreply@gute-nachbarschaft.example>"
    )]
    pub mail_from: String,

    /// Show every e-mail the platform writes at `/dev/mail` instead of sending it when
    /// no SMTP server is set. For development and tests only: anyone can read it.
    #[arg(long, env = "DEV_MAILBOX")]
    pub dev_mailbox: bool,

    /// Map tiles for choosing a home point on the profile page, as an address with
    /// `{z}`, `{x}` and `{y}`. Empty: no map (the page works without it).
    #[arg(
        long,
        env = "MAP_TILE_URL",
        default_value = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    )]
    pub map_tile_url: String,

    /// Days after a need is closed before its private details (name, address, phone,
    /// notes, messages) are deleted; counts stay.
    #[arg(long, env = "RETENTION_DAYS", default_value_t = app::requests::jobs::DEFAULT_RETENTION_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub retention_days: u32,
}

impl ServeArgs {
    /// The tile address, unless switched off (empty) or not http(s).
    pub fn map_tiles(&self) -> Option<String> {
        let url = self.map_tile_url.trim();
        app::security::origin_of(url).map(|_| url.to_owned())
    }
}

#[derive(Debug, Clone, Args)]
pub struct SeedArgs {
    /// Multiply the data set: N × (30 needs, 50 volunteers), spread over more
    /// Quartiere. 1 is the hand-written demo; larger values are for benchmarks.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub scale: u32,

    /// Seed only when the database has no organisations yet.
    #[arg(long)]
    pub if_empty: bool,
}

#[derive(Debug, Clone, Args)]
pub struct AdminArgs {
    /// E-mail address of the administrator (the login name).
    #[arg(long)]
    pub email: String,

    /// Display name.
    #[arg(long, default_value = "Plattform-Administration")]
    pub name: String,

    /// Password (at least 10 characters). Prefer ADMIN_PASSWORD or standard input, so
    /// it does not end up in the shell history; when none is given, one is generated
    /// and printed once.
    #[arg(long, env = "ADMIN_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,

    /// Read the password from the first line of standard input.
    #[arg(long, conflicts_with = "password")]
    pub password_stdin: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_is_the_default() {
        let cli =
            Cli::try_parse_from(["nachbarschaft", "--addr", "127.0.0.1:4000"]).expect("parse");
        assert!(cli.command.is_none());
        assert_eq!(cli.serve.site_addr.port(), 4000);
    }

    #[test]
    fn seed_scale_must_be_positive() {
        assert!(Cli::try_parse_from(["nachbarschaft", "seed-demo", "--scale", "0"]).is_err());
        assert!(Cli::try_parse_from(["nachbarschaft", "seed-demo", "--scale", "20"]).is_ok());
    }

    #[test]
    fn the_pool_size_is_a_positive_count() {
        for bad in ["0", "-4", "many", "1001"] {
            let arg = format!("--database-max-connections={bad}");
            let err = Cli::try_parse_from(["nachbarschaft", arg.as_str()]).expect_err(bad);
            assert!(
                err.to_string().contains("--database-max-connections"),
                "{err}"
            );
        }
        let cli = Cli::try_parse_from([
            "nachbarschaft",
            "migrate",
            "--database-max-connections",
            "8",
        ])
        .expect("parse");
        assert_eq!(cli.database_max_connections, Some(8));
        let default = Cli::try_parse_from(["nachbarschaft"]).expect("parse");
        assert_eq!(default.database_max_connections, None);
    }
}

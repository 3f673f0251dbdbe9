//! Backup and restore. SQLite: an online, consistent copy with `VACUUM INTO` (the server
//! may keep running while it is taken); restoring replaces the database file and must
//! happen while the server is stopped. PostgreSQL: its own tools, `pg_dump` in the
//! custom format and `pg_restore --clean`, run with `DATABASE_URL`.

use anyhow::{bail, Context};
use app::db::{Db, DbKind};
use sqlx::Connection;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The file of a `sqlite://FILE?…` address.
fn sqlite_file(url: &str) -> anyhow::Result<PathBuf> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        bail!("DATABASE_URL names no database file to back up or restore");
    }
    Ok(PathBuf::from(path))
}

fn kind_of(url: &str) -> anyhow::Result<DbKind> {
    DbKind::of_url(url).context("DATABASE_URL must start with sqlite:// or postgres://")
}

/// Writes a backup of the database to `to`, which must not exist yet.
pub async fn backup(url: &str, to: &Path) -> anyhow::Result<()> {
    if to.exists() {
        bail!("backup: {} exists already; choose a new file", to.display());
    }
    match kind_of(url)? {
        DbKind::Sqlite => {
            let db = Db::connect(url).await?;
            let target = to.to_str().context("backup: the file name is not UTF-8")?;
            sqlx::query("VACUUM INTO $1")
                .bind(target)
                .execute(db.pool())
                .await
                .context("backup: SQLite could not write the copy")?;
            db.close().await;
        }
        DbKind::Postgres => {
            let status = Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(to)
                .arg(url)
                .status()
                .context("backup: pg_dump not found (Debian package postgresql-client)")?;
            if !status.success() {
                bail!("backup: pg_dump failed ({status})");
            }
        }
    }
    Ok(())
}

/// Replaces the database with the backup in `from`, then brings its schema up to date.
pub async fn restore(url: &str, from: &Path) -> anyhow::Result<()> {
    if !from.is_file() {
        bail!("restore: {} is not a file", from.display());
    }
    match kind_of(url)? {
        DbKind::Sqlite => {
            sqlx::any::install_default_drivers();
            // Check the backup before touching anything: a database of this platform.
            let source = format!("sqlite://{}?mode=ro", from.display());
            let mut conn = sqlx::AnyConnection::connect(&source)
                .await
                .context("restore: the backup cannot be opened as a SQLite database")?;
            sqlx::query("SELECT COUNT(*) AS n FROM _sqlx_migrations")
                .fetch_one(&mut conn)
                .await
                .context("restore: the file is not a backup of this platform")?;
            let target = sqlite_file(url)?;
            let fresh = target.with_extension("restoring");
            let _ = std::fs::remove_file(&fresh);
            let fresh_name = fresh
                .to_str()
                .context("restore: the file name is not UTF-8")?;
            sqlx::query("VACUUM INTO $1")
                .bind(fresh_name)
                .execute(&mut conn)
                .await
                .context("restore: copying the backup failed")?;
            conn.close().await?;
            // The old write-ahead log belongs to the old file.
            for suffix in ["-wal", "-shm"] {
                let mut side = target.clone().into_os_string();
                side.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(side));
            }
            std::fs::rename(&fresh, &target)
                .with_context(|| format!("restore: cannot replace {}", target.display()))?;
        }
        DbKind::Postgres => {
            let status = Command::new("pg_restore")
                .args([
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                ])
                .arg(format!("--dbname={url}"))
                .arg(from)
                .status()
                .context("restore: pg_restore not found (Debian package postgresql-client)")?;
            if !status.success() {
                bail!("restore: pg_restore failed ({status})");
            }
        }
    }
    let db = Db::connect(url).await?;
    db.migrate().await?;
    // Instances still running (PostgreSQL) may keep reads tagged with versions that the
    // restored data carries again; raising them makes every kept read stale.
    db.advance_versions().await?;
    // pg_restore brings no planner statistics.
    db.gather_statistics().await?;
    db.close().await;
    Ok(())
}

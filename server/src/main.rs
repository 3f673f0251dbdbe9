//! `nachbarschaft`: serve the platform, migrate, seed demo data, create an administrator.

use anyhow::Context;
use app::db::Db;
use clap::Parser;
use server::cli::{AdminArgs, Cli, Command, ServeArgs};
use server::router::{build_router, leptos_options, AppState};
use server::seed;
use std::io::BufRead;
use std::process::ExitCode;

// jemalloc: measured at 50,000 volunteers, a quarter more requests per second than the
// system allocator on the list and need pages, with a lower memory peak (mimalloc was
// no faster and held more memory). See BENCHMARKS.md.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    server::telemetry::init_tracing();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line, naming what was wrong (e.g. DATABASE_URL), never a backtrace.
            eprintln!("nachbarschaft: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    // Backup and restore work on the database as it is, before anything is migrated.
    match &cli.command {
        Some(Command::Backup(args)) => {
            server::backup::backup(&cli.database_url, &args.to).await?;
            println!(
                "Sicherung geschrieben (backup written): {}",
                args.to.display()
            );
            return Ok(());
        }
        Some(Command::Restore(args)) => {
            server::backup::restore(&cli.database_url, &args.from).await?;
            println!(
                "Sicherung zurückgespielt (backup restored): {}",
                args.from.display()
            );
            return Ok(());
        }
        _ => {}
    }
    let db = Db::connect_with(&cli.database_url, cli.database_max_connections).await?;
    db.migrate().await?;
    match cli.command {
        None => serve(db, &cli.database_url, cli.serve).await,
        Some(Command::Serve(args)) => serve(db, &cli.database_url, args).await,
        Some(Command::Migrate) => {
            println!("Datenbank ist auf dem neuesten Stand (database is up to date).");
            Ok(())
        }
        Some(Command::SeedDemo(args)) => {
            match seed::seed_demo(&db, args.scale, args.if_empty).await? {
                Some(r) => println!(
                    "Demodaten geschrieben: {} Organisationen, {} Quartiere, {} Treffpunkte, {} Gesuche, {} Ehrenamtliche",
                    r.organisations, r.quartiere, r.places, r.needs, r.volunteers
                ),
                None => println!("Die Datenbank enthält schon Daten; nichts geschrieben."),
            }
            Ok(())
        }
        Some(Command::CreateAdmin(args)) => create_admin(&db, args).await,
        Some(Command::Backup(_) | Command::Restore(_)) => Ok(()),
    }
}

async fn serve(db: Db, database_url: &str, args: ServeArgs) -> anyhow::Result<()> {
    if args.demo && seed::seed_demo(&db, 1, true).await?.is_some() {
        tracing::info!("demo data written");
    }
    if args.demo {
        println!();
        println!("  Gute Nachbarschaft läuft auf http://{}", args.site_addr);
        println!("  Demo-Zugang Plattform-Administration:");
        println!("    E-Mail:   {}", seed::DEMO_ADMIN_EMAIL);
        println!("    Passwort: {}", seed::DEMO_ADMIN_PASSWORD);
        println!("  Weitere Demo-Konten (gleiches Passwort):");
        for (email, name, _) in &seed::DEMO_ACCOUNTS {
            println!("    {email}  ({name})");
        }
        println!();
    }
    let delivery = server::mailer::Delivery::configure(
        args.smtp_url.as_deref(),
        &args.mail_from,
        args.dev_mailbox,
    )?;
    let dev_mailbox = matches!(delivery, server::mailer::Delivery::DevMailbox);
    if dev_mailbox {
        println!(
            "  E-Mails landen im Entwicklungs-Postfach: http://{}/dev/mail",
            args.site_addr
        );
    }
    let options = leptos_options(&args.site_root, args.site_addr);
    let router = build_router(AppState {
        leptos_options: options,
        db: db.clone(),
        base_url: args.base_url.clone(),
        dev_mailbox,
        map_tiles: args.map_tiles(),
    });
    tokio::spawn(delete_expired_sessions(db.clone()));
    let site = app::ctx::SiteConfig {
        base_url: args.base_url.clone(),
        dev_mailbox,
        map_tiles: args.map_tiles(),
    };
    tokio::spawn(need_lifecycle_jobs(db.clone(), site, args.retention_days));
    tokio::spawn(server::mailer::run(db.clone(), delivery));
    // Every instance on one PostgreSQL hears the others' changes.
    if db.kind() == app::db::DbKind::Postgres {
        tokio::spawn(app::live::bus::listen_postgres(
            db.live().clone(),
            database_url.to_owned(),
        ));
    }
    let listener = tokio::net::TcpListener::bind(args.site_addr)
        .await
        .with_context(|| format!("LEPTOS_SITE_ADDR: cannot listen on {}", args.site_addr))?;
    tracing::info!(addr = %args.site_addr, "listening");
    // The peer address feeds the sign-in throttle.
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown({
        let live = db.live().clone();
        async move {
            shutdown_signal().await;
            // Open change streams would keep their connections, and the process, alive.
            live.close();
        }
    })
    .await
    .context("server stopped with an error")?;
    db.close().await;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Every hour: needs whose time has passed expire; private details of needs closed
/// longer than the retention period are deleted; helpers are reminded the day before;
/// volunteers get their daily digest of new needs.
async fn need_lifecycle_jobs(db: Db, site: app::ctx::SiteConfig, retention_days: u32) {
    use app::requests::jobs;
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let now = app::db::now();
        if let Err(err) = jobs::repeat_weekly(&db, now).await {
            tracing::warn!(error = %err, "repeating weekly needs failed");
        }
        match jobs::expire_passed(&db, now).await {
            Ok(n) if n > 0 => tracing::info!(expired = n, "needs expired"),
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "expiring needs failed"),
        }
        match jobs::purge_private_details(&db, now, retention_days).await {
            Ok(n) if n > 0 => tracing::info!(purged = n, "private details deleted after retention"),
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "deleting private details failed"),
        }
        if let Err(err) = jobs::send_reminders(&db, &site, now).await {
            tracing::warn!(error = %err, "reminders failed");
        }
        if let Err(err) = jobs::send_digests(&db, &site, now).await {
            tracing::warn!(error = %err, "digests failed");
        }
        volunteer_jobs(&db, &site).await;
    }
}

/// Verification records: reminders before an inspection runs out, deletion after
/// inactivity; invitations past their deadline expire.
async fn volunteer_jobs(db: &Db, site: &app::ctx::SiteConfig) {
    use app::volunteers::{invitations, verification};
    if let Err(err) = verification::send_expiry_reminders(db, site).await {
        tracing::warn!(error = %err, "inspection reminders failed");
    }
    match verification::purge_inactive(db).await {
        Ok(n) if n > 0 => {
            tracing::info!(deleted = n, "verification records deleted after inactivity")
        }
        Ok(_) => {}
        Err(err) => tracing::warn!(error = %err, "deleting verification records failed"),
    }
    if let Err(err) = invitations::expire_invitations(db).await {
        tracing::warn!(error = %err, "expiring invitations failed");
    }
}

async fn delete_expired_sessions(db: Db) {
    use tower_sessions::ExpiredDeletion;
    let store = app::auth::session_store::DbSessionStore::new(db);
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        if let Err(err) = store.delete_expired().await {
            tracing::warn!(error = %err, "deleting expired sessions failed");
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM; open requests are finished before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received");
}

async fn create_admin(db: &Db, args: AdminArgs) -> anyhow::Result<()> {
    use app::auth::validate;
    let field = |e: app::error::AppError| anyhow::anyhow!("{}: {e}", e.field().unwrap_or("input"));
    let email = validate::email(&args.email).map_err(field)?;
    let name = validate::display_name(&args.name).map_err(field)?;
    let (password, generated) = match (args.password, args.password_stdin) {
        (Some(p), _) => (p, false),
        (None, true) => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("password: cannot read standard input")?;
            (line.trim_end_matches(['\r', '\n']).to_owned(), false)
        }
        (None, false) => (generate_password(), true),
    };
    validate::new_password(&password, &email).map_err(|e| {
        anyhow::anyhow!(
            "password: at least {} characters, not a common password ({e:?})",
            validate::MIN_PASSWORD_LEN
        )
    })?;
    let hash = app::auth::password::hash(&password)
        .await
        .map_err(|e| anyhow::anyhow!("password: hashing failed: {e}"))?;
    let id = app::auth::db::upsert_platform_admin(db, &email, &name, &hash).await?;
    println!("Plattform-Administration angelegt: {email} (Konto {id})");
    if generated {
        println!("Erzeugtes Passwort (wird nur jetzt angezeigt): {password}");
    }
    Ok(())
}

fn generate_password() -> String {
    use rand::distributions::{Alphanumeric, DistString};
    Alphanumeric.sample_string(&mut rand::rngs::OsRng, 20)
}

//! The binary's command line, as an operator meets it.

use std::process::Command;

fn nachbarschaft() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nachbarschaft"));
    cmd.env_remove("DATABASE_URL").env("RUST_LOG", "error");
    cmd
}

#[test]
fn a_malformed_database_url_is_one_line_naming_the_variable() {
    for url in ["mysql://x@y/z", "data.db", "postgres://[::1:5432/x"] {
        let out = nachbarschaft()
            .arg("migrate")
            .env("DATABASE_URL", url)
            .output()
            .expect("run");
        assert!(!out.status.success(), "{url} accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains("DATABASE_URL"), "{stderr}");
    }
}

#[test]
fn help_documents_every_environment_variable() {
    let out = nachbarschaft().arg("--help").output().expect("run");
    let help = String::from_utf8_lossy(&out.stdout);
    for word in [
        "serve",
        "migrate",
        "seed-demo",
        "create-admin",
        "DATABASE_URL",
        "LEPTOS_SITE_ADDR",
        "LEPTOS_SITE_ROOT",
        "BASE_URL",
    ] {
        assert!(help.contains(word), "--help lacks {word}");
    }
}

#[test]
fn migrate_seed_and_create_admin_work_on_a_new_sqlite_file() {
    let dir = std::env::temp_dir().join(format!("gn-cli-{}", std::process::id()));
    let url = format!("sqlite://{}/cli.db", dir.display());
    let run = |args: &[&str]| {
        nachbarschaft()
            .args(args)
            .env("DATABASE_URL", &url)
            .output()
            .expect("run")
    };
    assert!(run(&["migrate"]).status.success());
    let seeded = run(&["seed-demo"]);
    assert!(seeded.status.success());
    assert!(String::from_utf8_lossy(&seeded.stdout).contains("30 Gesuche, 50 Ehrenamtliche"));
    let short = run(&[
        "create-admin",
        "--email",
        "chefin@example.org",
        "--password",
        "kurz",
    ]);
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("password"));
    let bad_mail = run(&[
        "create-admin",
        "--email",
        "keine-adresse",
        "--password",
        "lang-genug-1234",
    ]);
    assert!(String::from_utf8_lossy(&bad_mail.stderr).contains("email"));
    let ok = run(&[
        "create-admin",
        "--email",
        "Chefin@Example.org",
        "--password",
        "lang-genug-1234",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("chefin@example.org"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn serve_answers_and_stops_cleanly_on_sigterm() {
    use std::io::{Read, Write};
    let dir = std::env::temp_dir().join(format!("gn-sigterm-{}", std::process::id()));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = nachbarschaft()
        .arg("serve")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/serve.db", dir.display()),
        )
        .env("LEPTOS_SITE_ADDR", &addr)
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start server");
    let mut answer = String::new();
    for _ in 0..120 {
        if let Ok(mut stream) = std::net::TcpStream::connect(&addr) {
            stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .expect("write");
            stream.read_to_string(&mut answer).expect("read");
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr).expect("stderr");
    }
    let status = child.wait().expect("wait");
    assert!(status.success(), "exit {status:?}: {stderr}");
    assert!(stderr.contains("shut down cleanly"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Rows per table, to compare a database before and after a round trip.
async fn table_counts(db: &app::db::Db) -> Vec<(&'static str, i64)> {
    use sqlx::Row;
    let mut counts = Vec::new();
    for table in [
        "organisations",
        "quartiere",
        "meeting_places",
        "users",
        "quartier_members",
        "needs",
        "need_private",
        "volunteers",
        "volunteer_slots",
        "verifications",
        "audit_log",
    ] {
        let n: i64 = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(db.pool())
            .await
            .expect("count")
            .try_get("n")
            .expect("n");
        counts.push((table, n));
    }
    counts
}

/// Seeds, backs up with the binary, damages the data, restores with the binary and
/// checks that every row is back.
async fn backup_round_trip(test_db: app::db::testing::TestDb) {
    server::seed::seed_demo(&test_db.db, 1, false)
        .await
        .expect("seed");
    let before = table_counts(&test_db.db).await;
    test_db.db.close().await;
    let dir = std::env::temp_dir().join(format!(
        "gn-backup-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("sicherung.bak");
    let run = |args: &[&str]| {
        nachbarschaft()
            .args(args)
            .env("DATABASE_URL", &test_db.url)
            .output()
            .expect("run")
    };
    let file_arg = file.to_str().expect("utf-8");
    let out = run(&["backup", "--to", file_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A second backup to the same file is refused, naming the file.
    let again = run(&["backup", "--to", file_arg]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));

    let db = app::db::Db::connect(&test_db.url).await.expect("reopen");
    for statement in [
        "DELETE FROM volunteer_slots",
        "DELETE FROM audit_log",
        "UPDATE users SET display_name = 'verloren'",
        "DELETE FROM meeting_places",
    ] {
        sqlx::query(statement)
            .execute(db.pool())
            .await
            .expect("damage");
    }
    db.close().await;

    let out = run(&["restore", "--from", file_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = app::db::Db::connect(&test_db.url).await.expect("reopen");
    assert_eq!(table_counts(&db).await, before, "every row is back");
    let lost: i64 = sqlx::query("SELECT COUNT(*) AS n FROM users WHERE display_name = 'verloren'")
        .fetch_one(db.pool())
        .await
        .map(|r| sqlx::Row::try_get(&r, "n").expect("n"))
        .expect("count");
    assert_eq!(lost, 0, "changed rows are as they were");
    db.close().await;
    // Not a backup of this platform: refused, nothing replaced.
    let junk = dir.join("junk.bak");
    std::fs::write(&junk, b"not a database").expect("write");
    let out = run(&["restore", "--from", junk.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    let db = app::db::Db::connect(&test_db.url).await.expect("reopen");
    assert_eq!(
        table_counts(&db).await,
        before,
        "a refused restore changes nothing"
    );
    db.close().await;
    let _ = std::fs::remove_dir_all(dir);
    test_db.finish().await;
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_and_restore_lose_nothing_on_sqlite() {
    backup_round_trip(app::db::testing::TestDb::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_and_restore_lose_nothing_on_postgres() {
    if let Some(test_db) = app::db::testing::TestDb::postgres().await {
        backup_round_trip(test_db).await;
    }
}

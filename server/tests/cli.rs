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

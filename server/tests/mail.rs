//! Letters leave the outbox by SMTP (lettre) when an SMTP server is configured, and are
//! retried with backoff when it cannot be reached; on SQLite and PostgreSQL.

use app::db::Db;
use app::db_test;
use app::mail::{outbox, Letter};
use server::mailer::{deliver_due, Delivery};
use sqlx::Row;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

mod common;

/// A tiny SMTP server that accepts every letter and keeps what it received.
async fn fake_smtp() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 test ESMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(text) = data.as_mut() {
                        if line == "." {
                            store.lock().expect("lock").push(std::mem::take(text));
                            data = None;
                            let _ = write.write_all(b"250 queued\r\n").await;
                        } else {
                            text.push_str(&line);
                            text.push('\n');
                        }
                        continue;
                    }
                    let command = line.to_ascii_uppercase();
                    let answer: &[u8] =
                        if command.starts_with("EHLO") || command.starts_with("HELO") {
                            b"250 test\r\n"
                        } else if command.starts_with("DATA") {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        } else if command.starts_with("QUIT") {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        } else {
                            b"250 ok\r\n"
                        };
                    let _ = write.write_all(answer).await;
                }
            });
        }
    });
    (port, received)
}

async fn queue(db: &Db, to: &str) -> i64 {
    let mut conn = db.pool().acquire().await.expect("conn");
    let letter = Letter {
        subject: "Bitte bestätigen Sie Ihre E-Mail-Adresse".into(),
        body: "Guten Tag,\n\nhier ist Ihr Link: http://127.0.0.1:3000/verify?token=abc\n".into(),
    };
    outbox::enqueue(&mut conn, to, &letter)
        .await
        .expect("enqueue")
}

async fn state(db: &Db, id: i64) -> (Option<i64>, i64, Option<String>) {
    let row = sqlx::query("SELECT sent_at, attempts, last_error FROM outbox WHERE id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await
        .expect("row");
    (
        row.try_get("sent_at").expect("sent_at"),
        row.try_get("attempts").expect("attempts"),
        row.try_get("last_error").expect("last_error"),
    )
}

db_test!(letters_are_sent_by_smtp, |db: Db| async move {
    let (port, received) = fake_smtp().await;
    let id = queue(&db, "helga@example.org").await;
    let delivery = Delivery::configure(
        Some(&format!("smtp://127.0.0.1:{port}")),
        "Gute Nachbarschaft <noreply@example.org>",
        false,
    )
    .expect("config");
    assert_eq!(deliver_due(&db, &delivery).await.expect("deliver"), 1);
    let (sent_at, attempts, error) = state(&db, id).await;
    assert!(sent_at.is_some() && error.is_none());
    assert_eq!(attempts, 1);
    let letters = received.lock().expect("lock").clone();
    assert_eq!(letters.len(), 1);
    assert!(
        letters[0].contains("To: helga@example.org"),
        "{}",
        letters[0]
    );
    assert!(letters[0].contains("verify?token=abc"));
    assert_eq!(
        deliver_due(&db, &delivery).await.expect("again"),
        0,
        "sent once"
    );
});

db_test!(
    an_unreachable_server_means_a_retry_later,
    |db: Db| async move {
        // A port nothing listens on.
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
            listener.local_addr().expect("addr").port()
        };
        let id = queue(&db, "helga@example.org").await;
        let delivery = Delivery::configure(
            Some(&format!("smtp://127.0.0.1:{port}")),
            "Gute Nachbarschaft <noreply@example.org>",
            false,
        )
        .expect("config");
        assert_eq!(deliver_due(&db, &delivery).await.expect("deliver"), 0);
        let (sent_at, attempts, error) = state(&db, id).await;
        assert!(sent_at.is_none());
        assert_eq!(attempts, 1);
        assert!(error.is_some_and(|e| e.starts_with("smtp")));
        let next: i64 = sqlx::query("SELECT next_attempt_at FROM outbox WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await
            .expect("row")
            .try_get("next_attempt_at")
            .expect("next");
        assert!(next > app::db::now(), "backs off");
    }
);

db_test!(
    without_smtp_letters_wait_or_go_to_the_dev_mailbox,
    |db: Db| async move {
        let id = queue(&db, "helga@example.org").await;
        let hold = Delivery::configure(None, "x@example.org", false).expect("config");
        assert!(matches!(hold, Delivery::Hold));
        assert_eq!(deliver_due(&db, &hold).await.expect("hold"), 0);
        assert_eq!(state(&db, id).await.1, 0, "untouched");
        let dev = Delivery::configure(None, "x@example.org", true).expect("config");
        assert_eq!(deliver_due(&db, &dev).await.expect("dev"), 1);
        assert!(state(&db, id).await.0.is_some());
    }
);

db_test!(
    the_dev_mailbox_exists_only_when_switched_on,
    |db: Db| async move {
        queue(&db, "helga@example.org").await;
        let on = common::router_with(&db, true);
        let page = common::page(&on, "/dev/mail", None).await;
        assert_eq!(page.status, axum::http::StatusCode::OK);
        assert!(page.body.contains("helga@example.org") && page.body.contains("verify?token=abc"));
        let json = common::page(&on, "/dev/mail.json?to=helga%40example.org", None).await;
        let letters: serde_json::Value = serde_json::from_str(&json.body).expect("json");
        assert_eq!(letters.as_array().map(Vec::len), Some(1));
        let off = common::router_with(&db, false);
        let hidden = common::page(&off, "/dev/mail.json", None).await;
        assert_eq!(hidden.status, axum::http::StatusCode::NOT_FOUND);
        assert!(!hidden.body.contains("helga@example.org"));
    }
);

#[test]
fn a_broken_smtp_url_is_a_clear_error() {
    let err = Delivery::configure(Some("ftp://nope"), "x@example.org", false)
        .err()
        .expect("refused");
    assert!(err.to_string().starts_with("SMTP_URL"), "{err}");
}

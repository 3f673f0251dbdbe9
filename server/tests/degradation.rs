//! Graceful degradation on PostgreSQL: the app reaches its database through a TCP relay
//! owned by the test. When the relay cuts every connection and refuses new ones (as if
//! the database were gone), `/readyz` answers 503, pages answer with a friendly message
//! and 503, and the process keeps serving `/healthz`. When the relay opens again, the
//! pool reconnects by itself and pages work again. The shared PostgreSQL server is never
//! touched.

use app::db::testing::TestDb;
use app::db::Db;
use axum::http::StatusCode;
use common::page;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::AbortHandle;

mod common;

/// A TCP relay to PostgreSQL that can be cut and opened again.
struct Relay {
    address: String,
    open: Arc<AtomicBool>,
    live: Arc<Mutex<Vec<AbortHandle>>>,
}

impl Relay {
    async fn start(upstream: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind relay");
        let address = listener.local_addr().expect("address").to_string();
        let open = Arc::new(AtomicBool::new(true));
        let live: Arc<Mutex<Vec<AbortHandle>>> = Arc::default();
        let (is_open, connections) = (open.clone(), live.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !is_open.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let upstream = upstream.clone();
                let task = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(&upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                if let Ok(mut list) = connections.lock() {
                    list.push(task.abort_handle());
                }
            }
        });
        Relay {
            address,
            open,
            live,
        }
    }

    /// Every connection is dropped and new ones are refused.
    fn cut(&self) {
        self.open.store(false, Ordering::SeqCst);
        if let Ok(mut list) = self.live.lock() {
            for task in list.drain(..) {
                task.abort();
            }
        }
    }

    fn restore(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}

/// `host:port` of a `postgres://user@host:port/db` address.
fn server_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let host = rest.split(['/', '?']).next().unwrap_or("127.0.0.1");
    if host.contains(':') {
        host.to_owned()
    } else {
        format!("{host}:5432")
    }
}

async fn status(app: &axum::Router, uri: &str) -> StatusCode {
    page(app, uri, None).await.status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_degrade_while_the_database_is_gone_and_recover_when_it_is_back() {
    let Some(test_db) = TestDb::postgres().await else {
        return;
    };
    let upstream = server_of(&test_db.url);
    let relay = Relay::start(upstream.clone()).await;
    let through_relay = test_db.url.replacen(&upstream, &relay.address, 1);
    let db = Db::connect(&through_relay)
        .await
        .expect("connect through the relay");
    server::seed::seed_demo(&db, 1, false).await.expect("seed");
    let app = common::router(&db);
    assert_eq!(status(&app, "/readyz").await, StatusCode::OK);
    assert_eq!(status(&app, "/").await, StatusCode::OK);

    relay.cut();
    assert_eq!(
        status(&app, "/readyz").await,
        StatusCode::SERVICE_UNAVAILABLE
    );
    let home = page(&app, "/", None).await;
    assert_eq!(home.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        home.body
            .contains("Der Dienst ist gerade nicht erreichbar."),
        "a friendly message: {}",
        home.body
    );
    assert!(home.body.contains("Hilfe in Not"), "the crisis link stays");
    let list = common::send(&app, common::form("/api/places/list", "", None)).await;
    assert_eq!(
        list.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        list.body
    );
    assert_eq!(
        status(&app, "/healthz").await,
        StatusCode::OK,
        "the process lives on"
    );

    relay.restore();
    let started = Instant::now();
    while status(&app, "/readyz").await != StatusCode::OK {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no recovery within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(status(&app, "/").await, StatusCode::OK);
    assert_eq!(status(&app, "/places").await, StatusCode::OK);
    db.close().await;
    test_db.finish().await;
}

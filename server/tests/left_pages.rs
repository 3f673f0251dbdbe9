//! Readers who leave mid-page: the page's reactive values are dropped while its loads
//! may still finish and render. No render may read a value that went with its page
//! (Leptos panics on such a read; the process goes on, but each is a defect).
//!
//! A test binary of its own: the panic hook it installs sees this process only.

use axum::body::Body;
use axum::http::Request;
use common::page;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tower::ServiceExt;

mod common;

static DISPOSED_READS: AtomicUsize = AtomicUsize::new(0);

/// Counts the panics of reads of disposed values, and prints every panic as usual.
fn count_disposed_reads() {
    let usual = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if text.contains("disposed") {
            DISPOSED_READS.fetch_add(1, Ordering::SeqCst);
        }
        usual(info);
    }));
}

/// Many readers of the needs list (a new address each, so it is rendered each time), each
/// leaving after a different short while, some before and some after the list loaded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_leaving_the_needs_list_mid_page_break_nothing() {
    count_disposed_reads();
    let test_db = app::db::testing::TestDb::sqlite().await;
    let db = test_db.db.clone();
    server::seed::seed_demo(&db, 20, false)
        .await
        .expect("seed")
        .expect("written");
    let router = common::router(&db);
    let readers = (0..16u64).map(|reader| {
        let router = router.clone();
        tokio::spawn(async move {
            for visit in 0..400u64 {
                let request = Request::get(format!("/requests?r={reader}-{visit}"))
                    .body(Body::empty())
                    .expect("request");
                // Spread over the time a render takes here, about a millisecond or more.
                let stay = Duration::from_micros((reader * 7919 + visit * 104_729) % 4_000);
                let _ = tokio::time::timeout(stay, router.clone().oneshot(request)).await;
            }
        })
    });
    for reader in readers.collect::<Vec<_>>() {
        reader.await.expect("reader");
    }
    // Loads still running when their readers left end within this.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        DISPOSED_READS.load(Ordering::SeqCst),
        0,
        "reads of disposed values"
    );
    let after = page(&router, "/requests", None).await;
    assert_eq!(after.status, axum::http::StatusCode::OK);
    assert!(
        after.body.contains("need-results"),
        "the list is still served"
    );
    drop(db);
    test_db.finish().await;
}

//! The real router on a fresh database, driven in memory; every test runs on SQLite and
//! on PostgreSQL.

use app::db::Db;
use app::db_test;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{router, send, Answer};
use sqlx::Row;

mod common;

async fn seeded(db: &Db) -> Router {
    server::seed::seed_demo(db, 1, false)
        .await
        .expect("seed demo data");
    router(db)
}

async fn get(router: &Router, uri: &str) -> Answer {
    send(
        router,
        Request::get(uri)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

async fn post_form(router: &Router, uri: &str, form: &str) -> Answer {
    send(
        router,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(form.to_owned()))
            .expect("request"),
    )
    .await
}

db_test!(health_and_readiness_answer, |db: Db| async move {
    let app = router(&db);
    let health = get(&app, "/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.body, "ok");
    assert_eq!(get(&app, "/readyz").await.status, StatusCode::OK);
});

db_test!(
    readiness_fails_when_the_database_is_gone_but_health_does_not,
    |db: Db| async move {
        let app = router(&db);
        db.close().await;
        let ready = get(&app, "/readyz").await;
        assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(get(&app, "/healthz").await.status, StatusCode::OK);
        // A server function answers 503 with a fixed message, never driver text.
        let api = post_form(&app, "/api/needs/open", "").await;
        assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
        for leak in ["sqlx", "pool", "Pool", "SQL", "closed"] {
            assert!(
                !api.body.contains(leak),
                "body leaks {leak:?}: {}",
                api.body
            );
        }
    }
);

db_test!(
    metrics_count_requests_in_prometheus_text,
    |db: Db| async move {
        let app = router(&db);
        get(&app, "/healthz").await;
        let metrics = get(&app, "/metrics").await;
        assert_eq!(metrics.status, StatusCode::OK);
        assert!(
            metrics.body.contains("axum_http_requests_total"),
            "{}",
            metrics.body
        );
        assert!(metrics.body.contains("axum_http_requests_duration_seconds"));
    }
);

db_test!(
    the_home_page_shows_quartiere_needs_and_places,
    |db: Db| async move {
        let app = seeded(&db).await;
        let page = get(&app, "/").await;
        assert_eq!(page.status, StatusCode::OK);
        for text in [
            "Linden-Süd",
            "Westliches Ringgebiet",
            "Musterdorf",
            "Nachbarschaftstreff Linden-Süd",
            "need-card",
            "href=\"/help\"",
        ] {
            assert!(page.body.contains(text), "home page lacks {text:?}");
        }
        assert!(page.body.contains("<html lang=\"de\" dir=\"ltr\""));
        // Nothing of the private part reaches the public page.
        assert!(
            !page.body.contains("030 23125 4"),
            "a neighbour's phone number leaked"
        );
        assert!(
            !page.body.contains("Frau Erika Beispiel"),
            "a neighbour's name leaked"
        );
    }
);

db_test!(
    pages_carry_security_headers_and_a_nonce_policy_that_matches_their_scripts,
    |db: Db| async move {
        let app = seeded(&db).await;
        let page = get(&app, "/requests").await;
        let csp = page
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("nonce in policy");
        assert!(
            page.body.contains(&format!("nonce=\"{nonce}\"")),
            "scripts carry the policy's nonce"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(
            page.headers
                .get(header::X_CONTENT_TYPE_OPTIONS)
                .map(|v| v.as_bytes()),
            Some(&b"nosniff"[..])
        );
        assert!(page.headers.contains_key(header::REFERRER_POLICY));
        assert!(page.headers.contains_key("x-request-id"));
        let other = get(&app, "/requests").await;
        assert_ne!(
            other.headers.get(header::CONTENT_SECURITY_POLICY),
            page.headers.get(header::CONTENT_SECURITY_POLICY),
            "a fresh nonce per response"
        );
        let api = get(&app, "/healthz").await;
        assert_eq!(
            api.headers
                .get(header::CONTENT_SECURITY_POLICY)
                .map(|v| v.as_bytes()),
            Some(&b"default-src 'none'; frame-ancestors 'none'"[..])
        );
    }
);

db_test!(
    the_needs_list_filters_by_quartier_and_category,
    |db: Db| async move {
        let app = seeded(&db).await;
        let all = get(&app, "/requests").await;
        let dorf = get(&app, "/requests?quartier=musterdorf").await;
        assert_eq!(dorf.status, StatusCode::OK);
        let count = |body: &str| body.matches("class=\"need-card\"").count();
        assert!(count(&dorf.body) > 0 && count(&dorf.body) < count(&all.body));
        assert!(!dorf.body.contains("<dd>Linden-Süd</dd>"));
        let shopping = get(&app, "/requests?category=shopping").await;
        assert!(count(&shopping.body) > 0);
        assert_eq!(
            shopping.body.matches("data-category=").count(),
            shopping.body.matches("data-category=\"shopping\"").count()
        );
    }
);

db_test!(
    an_unknown_filter_value_is_a_clear_400_naming_the_field,
    |db: Db| async move {
        let app = seeded(&db).await;
        let page = get(&app, "/requests?quartier=atlantis").await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(page.body.contains("role=\"alert\""));
        assert!(page
            .body
            .contains("Quartier oder Dorf: Diesen Eintrag gibt es nicht"));
        let page = get(&app, "/requests?category=%3Cscript%3Ealert(1)%3C/script%3E").await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(page
            .body
            .contains("Art der Hilfe: Diesen Eintrag gibt es nicht"));
        assert!(
            !page.body.contains("<script>alert(1)"),
            "input is never echoed raw"
        );
    }
);

db_test!(
    the_filter_server_function_answers_json_and_field_errors,
    |db: Db| async move {
        let app = seeded(&db).await;
        let ok = post_form(&app, "/api/needs/open", "quartier=linden-sued&category=").await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let list: app::requests::NeedList = serde_json::from_str(&ok.body).expect("need list JSON");
        assert!(list.total > 0);
        assert!(list.needs.iter().all(|n| n.quartier_slug == "linden-sued"));
        assert!(
            !ok.body.contains("Musterstraße") && !ok.body.contains("030 23125"),
            "private part leaked"
        );
        let bad = post_form(&app, "/api/needs/open", "quartier=atlantis").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        let error: app::error::AppError = serde_json::from_str(&bad.body).expect("error JSON");
        assert_eq!(error.field(), Some("quartier"));
        let garbage = post_form(&app, "/api/needs/open", "quartier=%FF%FE&category=").await;
        assert!(
            garbage.status.is_client_error(),
            "{} {}",
            garbage.status,
            garbage.body
        );
    }
);

db_test!(
    the_language_switch_sets_a_cookie_and_returns_only_to_local_pages,
    |db: Db| async move {
        let app = seeded(&db).await;
        let switch = get(&app, "/lang?lang=en&back=%2Frequests%3Fcategory%3Dgarden").await;
        assert_eq!(switch.status, StatusCode::SEE_OTHER);
        assert_eq!(
            switch.headers.get(header::LOCATION).map(|v| v.as_bytes()),
            Some(&b"/requests?category=garden"[..])
        );
        let cookie = switch
            .headers
            .get(header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"));
        let evil = get(&app, "/lang?lang=en&back=%2F%2Fevil.example").await;
        assert_eq!(
            evil.headers.get(header::LOCATION).map(|v| v.as_bytes()),
            Some(&b"/"[..])
        );
        let unknown = get(&app, "/lang?lang=xx").await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        assert!(unknown.body.starts_with("lang:"));
        let english = send(
            &app,
            Request::get("/requests")
                .header(header::COOKIE, "lang=en")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert!(english.body.contains("<html lang=\"en\""));
        assert!(english.body.contains("Open needs"));
    }
);

db_test!(unknown_paths_get_the_404_page, |db: Db| async move {
    let app = seeded(&db).await;
    let page = get(&app, "/gibt-es-nicht").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Seite nicht gefunden"));
});

db_test!(oversized_bodies_are_refused, |db: Db| async move {
    let app = router(&db);
    let big = "quartier=".to_owned() + &"a".repeat(server::router::BODY_LIMIT_BYTES + 1);
    let answer = send(
        &app,
        Request::post("/api/needs/open")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::CONTENT_LENGTH, big.len())
            .body(Body::from(big))
            .expect("request"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
});

/// A site folder with one stylesheet (plain, gzip and brotli variants) and a favicon.
fn site_folder(db: &Db) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("gn-site-{}-{:?}", std::process::id(), db.kind()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).expect("folder");
    std::fs::write(pkg.join("site.css"), "body { color: black }").expect("css");
    std::fs::write(pkg.join("site.css.gz"), "gzip bytes").expect("gz");
    std::fs::write(pkg.join("site.css.br"), "brotli bytes").expect("br");
    std::fs::write(root.join("favicon.ico"), [0u8, 0, 1, 0]).expect("icon");
    root
}

db_test!(
    static_files_come_from_memory_in_the_encoding_asked_for,
    |db: Db| async move {
        let root = site_folder(&db);
        let app = server::router::build_router(server::router::AppState {
            leptos_options: server::router::leptos_options(&root, ([127, 0, 0, 1], 3000).into()),
            db: db.clone(),
            base_url: "http://127.0.0.1:3000".into(),
            dev_mailbox: false,
            map_tiles: None,
        });
        let fetch = |encoding: &'static str, tag: Option<String>| {
            let mut request =
                Request::get("/pkg/site.css").header(header::ACCEPT_ENCODING, encoding);
            if let Some(tag) = tag {
                request = request.header(header::IF_NONE_MATCH, tag);
            }
            send(&app, request.body(Body::empty()).expect("request"))
        };
        let plain = fetch("identity", None).await;
        assert_eq!(plain.status, StatusCode::OK);
        assert_eq!(plain.body, "body { color: black }");
        assert_eq!(
            plain.header(header::CONTENT_TYPE).as_deref(),
            Some("text/css")
        );
        assert_eq!(plain.header(header::CONTENT_ENCODING), None);
        let brotli = fetch("gzip, deflate, br", None).await;
        assert_eq!(brotli.body, "brotli bytes");
        assert_eq!(
            brotli.header(header::CONTENT_ENCODING).as_deref(),
            Some("br")
        );
        assert_eq!(
            brotli.header(header::VARY).as_deref(),
            Some("accept-encoding")
        );
        let gzip = fetch("gzip, br;q=0", None).await;
        assert_eq!(gzip.body, "gzip bytes");
        assert_eq!(
            gzip.header(header::CONTENT_ENCODING).as_deref(),
            Some("gzip")
        );
        // The same file again: not modified, no body.
        let tag = plain.header(header::ETAG).expect("etag");
        let again = fetch("br", Some(tag)).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert_eq!(again.body, "");
        let icon = get(&app, "/favicon.ico").await;
        assert_eq!(icon.status, StatusCode::OK);
        assert_eq!(
            icon.header(header::CONTENT_TYPE).as_deref(),
            Some("image/x-icon")
        );
        // Unknown files and the variants themselves are not found.
        assert_eq!(
            get(&app, "/pkg/other.js").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            get(&app, "/pkg/site.css.gz").await.status,
            StatusCode::NOT_FOUND
        );
        let _ = std::fs::remove_dir_all(&root);
    }
);

db_test!(
    past_a_thousand_open_needs_lists_say_more_than_and_keep_paging,
    |db: Db| async move {
        // 50 rounds of demo needs: 24 open ones each, 1,200 in all.
        server::seed::seed_demo(&db, 50, false)
            .await
            .expect("seed demo data");
        let app = router(&db);
        let open: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM needs WHERE status = 'open' AND starts_at > $1")
                .bind(app::db::now())
                .fetch_one(db.pool())
                .await
                .expect("count")
                .try_get("n")
                .expect("n");
        assert!(open > app::requests::COUNT_CAP, "{open} open needs");
        let list = get(&app, "/requests").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(
            list.body.contains("Mehr als 1.000 offene Gesuche gefunden"),
            "count"
        );
        // Page 22 lies past the first thousand: still listed, with a next page.
        let far = get(&app, "/requests?page=22").await;
        assert!(far.body.contains("Seite 22"), "page 22 of many");
        assert!(far.body.contains("page=23"), "a next page");
        assert!(far.body.contains("need-card"), "needs on page 22");
        assert_eq!(get(&app, "/").await.status, StatusCode::OK);
    }
);

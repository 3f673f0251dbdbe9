//! A need's whole life through the real router and its form posts, on SQLite and
//! PostgreSQL: a neighbour posts, a coordinator approves, a volunteer signs up, the
//! neighbour confirms, the helper sees the address, logs time, the neighbour closes.
//! And what each viewer may see at every step.

use app::auth::policy::{OrgRole, QuartierRole};
use app::db::Db;
use app::db_test;
use axum::http::StatusCode;
use axum::Router;
use common::{enc, follow, form, page, person, post, post_and_open, send};
use sqlx::Row;

mod common;

const ADDRESS: &str = "Fröbelstraße 7";
const PHONE: &str = "030 23125 777";

fn need_form(extra: &str) -> String {
    format!(
        "category=shopping&title={}&description={}&date=2030-05-06&start=10%3A00&end=11%3A30&quartier=linden-sued&helpers=1&contact_name={}&street_address={}&phone={}{extra}",
        enc("Einkauf für die Woche"),
        enc("Zwei Taschen vom Markt, bitte auch Milch. Rückfragen: 0511 4455667"),
        enc("Helga Meier"),
        enc(ADDRESS),
        enc(PHONE),
    )
}

/// The people of a need's life, each signed in: a neighbour and a volunteer of the
/// first Quartier, and a coordinator of the organisation serving it.
struct Cast {
    neighbour: String,
    helper_id: i64,
    helper: String,
    coordinator: String,
}

async fn cast(app: &Router, db: &Db) -> Cast {
    let (_, neighbour) = person(
        app,
        db,
        "helga@example.org",
        Some(QuartierRole::Neighbour),
        None,
    )
    .await;
    let (helper_id, helper) = person(
        app,
        db,
        "hannes@example.org",
        Some(QuartierRole::Volunteer),
        None,
    )
    .await;
    let (_, coordinator) =
        person(app, db, "kim@example.org", None, Some(OrgRole::Coordinator)).await;
    Cast {
        neighbour,
        helper_id,
        helper,
        coordinator,
    }
}

/// A need posted by the neighbour and approved by the coordinator: its page and id.
async fn approved_need(app: &Router, neighbour: &str, coordinator: &str) -> (String, String) {
    let (_, location) = post(app, "/requests/new", &need_form(""), neighbour).await;
    let need_page = location.expect("need");
    let id = need_page.trim_start_matches("/requests/").to_owned();
    post(
        app,
        &format!("/requests/{id}/review"),
        "decision=approve",
        coordinator,
    )
    .await;
    (need_page, id)
}

db_test!(
    a_need_goes_from_posted_to_done_and_each_viewer_sees_only_their_part,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let Cast {
            neighbour,
            helper_id,
            helper,
            coordinator,
        } = cast(&app, &db).await;
        let (_, other) = person(
            &app,
            &db,
            "olga@example.org",
            Some(QuartierRole::Volunteer),
            None,
        )
        .await;

        // Bad input names the field and stores nothing.
        let (_, back) = post(
            &app,
            "/requests/new",
            &need_form("").replace("2030-05-06", "2020-05-06"),
            &neighbour,
        )
        .await;
        assert_eq!(back.as_deref(), Some("/requests/new"));
        let again = page(&app, "/requests/new", Some(&neighbour)).await;
        assert!(
            again
                .body
                .contains("Datum: Der Zeitpunkt liegt in der Vergangenheit."),
            "{}",
            again.body
        );
        assert!(
            again.body.contains("value=\"Einkauf für die Woche\""),
            "input kept"
        );

        let posted = send(
            &app,
            form("/requests/new", &need_form(""), Some(&neighbour)),
        )
        .await;
        assert_eq!(posted.status, StatusCode::SEE_OTHER);
        let need_page = posted.location().expect("to the need");
        let id: i64 = need_page
            .trim_start_matches("/requests/")
            .parse()
            .expect("id");
        let mine = follow(&app, &posted, Some(&neighbour)).await;
        assert!(mine
            .body
            .contains("Kontaktdaten aus dem Text haben wir in den geschützten Teil verschoben"));
        assert!(mine.body.contains("Wird geprüft"));
        let row = sqlx::query("SELECT n.description, p.notes FROM needs n JOIN need_private p ON p.need_id = n.id WHERE n.id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await
        .expect("need");
        let description: String = row.try_get("description").expect("d");
        let notes: String = row.try_get("notes").expect("n");
        assert!(
            !description.contains("4455667") && notes.contains("0511 4455667"),
            "the phone number moved"
        );

        // Waiting for review: not public yet.
        assert_eq!(
            page(&app, &need_page, None).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            post(&app, &format!("/requests/{id}/signup"), "", &helper)
                .await
                .1
                .as_deref(),
            Some(need_page.as_str())
        );
        let (_, after) = (0, page(&app, &need_page, Some(&helper)).await);
        assert_eq!(
            after.status,
            StatusCode::NOT_FOUND,
            "the refused sign-up did not make it visible"
        );

        let queue = page(&app, "/coordinator", Some(&coordinator)).await;
        assert!(
            queue.body.contains("Einkauf für die Woche"),
            "in the review queue"
        );
        assert_eq!(
            post(
                &app,
                &format!("/requests/{id}/review"),
                "decision=approve",
                &helper
            )
            .await
            .0,
            StatusCode::FORBIDDEN
        );
        let (_, to) = post(
            &app,
            &format!("/requests/{id}/review"),
            "decision=reject",
            &coordinator,
        )
        .await;
        assert_eq!(to.as_deref(), Some(need_page.as_str()));
        assert!(
            page(&app, &need_page, Some(&coordinator))
                .await
                .body
                .contains("Hinweis: Bitte ausfüllen."),
            "a rejection needs a note"
        );
        post(
            &app,
            &format!("/requests/{id}/review"),
            "decision=approve",
            &coordinator,
        )
        .await;

        // Open: visitors see the teaser only; volunteers the task, not the contact.
        let public = page(&app, &need_page, None).await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(
            public.body.contains("Einkauf für die Woche") && !public.body.contains("Zwei Taschen")
        );
        assert!(!public.body.contains(ADDRESS) && !public.body.contains("Helga"));
        let json = send(
            &app,
            axum::http::Request::post("/api/needs/detail")
                .header(
                    axum::http::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(axum::body::Body::from(format!("id={id}")))
                .expect("request"),
        )
        .await;
        assert!(
            json.body.contains("\"Public\"") && !json.body.contains("street_address"),
            "{}",
            json.body
        );

        post(&app, &format!("/requests/{id}/signup"), "", &helper).await;
        let before_reveal = page(&app, &need_page, Some(&helper)).await;
        assert!(before_reveal.body.contains("Zwei Taschen"));
        assert!(
            before_reveal.body.contains("km entfernt"),
            "the distance from the volunteer's home"
        );
        assert!(
            !before_reveal.body.contains(ADDRESS) && !before_reveal.body.contains(PHONE),
            "no contact before confirmation"
        );
        let (_, to) = post(&app, &format!("/requests/{id}/signup"), "", &other).await;
        assert_eq!(to.as_deref(), Some(need_page.as_str()));
        assert!(page(&app, &need_page, Some(&other))
            .await
            .body
            .contains("Warteliste"));

        assert_eq!(
            post(
                &app,
                &format!("/requests/{id}/confirm"),
                &format!("helper={helper_id}"),
                &other
            )
            .await
            .0,
            StatusCode::FORBIDDEN
        );
        post(
            &app,
            &format!("/requests/{id}/confirm"),
            &format!("helper={helper_id}"),
            &neighbour,
        )
        .await;
        let revealed = page(&app, &need_page, Some(&helper)).await;
        assert!(revealed.body.contains(ADDRESS) && revealed.body.contains(PHONE));
        assert!(revealed.body.contains(">Helga<"), "the first name only");
        assert!(!revealed.body.contains("Meier"));
        let letters = app::mail::outbox::latest(&db, 50).await.expect("outbox");
        assert!(
            letters.iter().any(|m| m.recipient == "helga@example.org"
                && m.subject.contains("Jemand möchte Ihnen helfen")),
            "the neighbour hears of the sign-up"
        );
        assert!(
            letters
                .iter()
                .any(|m| m.recipient == "hannes@example.org"
                    && m.subject.contains("Sie sind bestätigt")),
            "the helper hears of the confirmation"
        );
        assert!(
            !page(&app, &need_page, Some(&other))
                .await
                .body
                .contains(ADDRESS),
            "the waiting volunteer sees no contact"
        );

        post(&app, &format!("/requests/{id}/time"), "minutes=90", &helper).await;
        assert!(
            page(&app, &need_page, Some(&helper))
                .await
                .body
                .contains("value=\"90\""),
            "the logged time stands in its field"
        );
        let (_, to) = post(
            &app,
            &format!("/requests/{id}/close"),
            "feedback=Danke+Hannes",
            &neighbour,
        )
        .await;
        assert_eq!(to.as_deref(), Some(need_page.as_str()));
        assert!(page(&app, &need_page, Some(&neighbour))
            .await
            .body
            .contains("Erledigt"));
        let me = page(&app, "/me", Some(&helper)).await;
        assert!(me.body.contains("1,5 Stunden"), "hours on my page");
        let audit: i64 = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE detail LIKE $1")
            .bind(format!("need:{id}%"))
            .fetch_one(db.pool())
            .await
            .expect("audit")
            .try_get("n")
            .expect("n");
        assert!(
            audit >= 6,
            "posting, review, sign-ups, reveal, time and closing are audited ({audit})"
        );
    }
);

db_test!(
    a_coordinator_posts_on_behalf_of_a_neighbour_without_an_account,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let (_, coordinator) = person(
            &app,
            &db,
            "kim@example.org",
            None,
            Some(OrgRole::Coordinator),
        )
        .await;
        let (status, _) = post(&app, "/requests/new", &need_form(""), &coordinator).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let err = page(&app, "/requests/new", Some(&coordinator)).await;
        assert!(
            err.body.contains("consent"),
            "the consent is required on behalf"
        );
        let (_, location) = post(
            &app,
            "/requests/new",
            &need_form("&consent=phone"),
            &coordinator,
        )
        .await;
        let need_page = location.expect("need");
        assert!(
            need_page.starts_with("/requests/") && need_page != "/requests/new",
            "{need_page}"
        );
        let view = page(&app, &need_page, Some(&coordinator)).await;
        assert!(
            view.body.contains("Offen") && view.body.contains(ADDRESS),
            "open at once, with the contact for the coordinator"
        );
        let id = need_page.trim_start_matches("/requests/");
        let notice = page(&app, &format!("{need_page}/notice"), Some(&coordinator)).await;
        assert_eq!(notice.status, StatusCode::OK);
        assert!(
            notice.body.contains(&format!("Gesuch Nr. {id}")),
            "{}",
            notice.body
        );
        assert!(notice.body.contains("So erreichen Sie uns"));
        let hidden = page(&app, &format!("{need_page}/notice"), None).await;
        assert!(
            !hidden.body.contains(ADDRESS) && !hidden.body.contains("So erreichen Sie uns"),
            "not for others"
        );
        let (_, elsewhere) = person(&app, &db, "fremd@example.org", None, None).await;
        assert_eq!(
            post(
                &app,
                "/requests/new",
                &need_form("&consent=phone"),
                &elsewhere
            )
            .await
            .0,
            StatusCode::FORBIDDEN,
            "a plain account cannot post"
        );
    }
);

db_test!(
    messages_hold_back_contact_data_until_the_helper_is_confirmed,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let Cast {
            neighbour,
            helper_id,
            helper,
            coordinator,
        } = cast(&app, &db).await;
        let (_, outsider) = person(
            &app,
            &db,
            "olga@example.org",
            Some(QuartierRole::Volunteer),
            None,
        )
        .await;
        let (need_page, id) = approved_need(&app, &neighbour, &coordinator).await;
        post(&app, &format!("/requests/{id}/signup"), "", &helper).await;

        assert_eq!(
            post(
                &app,
                &format!("/requests/{id}/messages"),
                "body=Hallo",
                &outsider
            )
            .await
            .0,
            StatusCode::FORBIDDEN
        );
        let (_, to) = post(
            &app,
            &format!("/requests/{id}/messages"),
            "body=",
            &neighbour,
        )
        .await;
        assert_eq!(
            to.as_deref(),
            Some(format!("/requests/{id}#messages").as_str())
        );
        post(
            &app,
            &format!("/requests/{id}/messages"),
            &format!("body={}", enc("Rufen Sie mich an: 0511 9988776")),
            &neighbour,
        )
        .await;
        let seen = page(&app, &need_page, Some(&helper)).await;
        assert!(
            seen.body.contains("Rufen Sie mich an:") && !seen.body.contains("9988776"),
            "held back before the reveal"
        );
        assert!(seen.body.contains("Kontaktdaten zurückgehalten"));
        let letters = app::mail::outbox::latest(&db, 20).await.expect("outbox");
        assert!(letters
            .iter()
            .any(|m| m.recipient == "hannes@example.org" && m.subject.contains("Neue Nachricht")));

        post(
            &app,
            &format!("/requests/{id}/confirm"),
            &format!("helper={helper_id}"),
            &neighbour,
        )
        .await;
        post(
            &app,
            &format!("/requests/{id}/messages"),
            &format!("body={}", enc("Meine Nummer: 0511 9988776")),
            &neighbour,
        )
        .await;
        let after = page(&app, &need_page, Some(&helper)).await;
        assert!(
            after.body.contains("Meine Nummer: 0511 9988776"),
            "shown in full after the reveal"
        );
        post(
            &app,
            &format!("/requests/{id}/messages"),
            "body=Bin+um+10+da",
            &helper,
        )
        .await;
        assert!(
            page(&app, &need_page, Some(&coordinator))
                .await
                .body
                .contains("Bin um 10 da"),
            "coordinators read the thread"
        );
    }
);

db_test!(
    coordinators_assign_unassign_and_trust,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let Cast {
            neighbour,
            helper_id: _,
            helper,
            coordinator,
        } = cast(&app, &db).await;
        let (need_page, id) = approved_need(&app, &neighbour, &coordinator).await;

        assert_eq!(
            post(
                &app,
                &format!("/requests/{id}/assign"),
                "email=hannes%40example.org",
                &helper
            )
            .await
            .0,
            StatusCode::FORBIDDEN
        );
        post(
            &app,
            &format!("/requests/{id}/assign"),
            "email=niemand%40example.org",
            &coordinator,
        )
        .await;
        assert!(page(&app, &need_page, Some(&coordinator))
            .await
            .body
            .contains("E-Mail-Adresse: Diesen Eintrag gibt es nicht"));
        post(
            &app,
            &format!("/requests/{id}/assign"),
            "email=hannes%40example.org",
            &coordinator,
        )
        .await;
        assert!(
            page(&app, &need_page, Some(&helper))
                .await
                .body
                .contains(ADDRESS),
            "assigned means confirmed"
        );
        let helper_id: i64 = sqlx::query("SELECT id FROM users WHERE email = 'hannes@example.org'")
            .fetch_one(db.pool())
            .await
            .expect("id")
            .try_get("id")
            .expect("id");
        post(
            &app,
            &format!("/requests/{id}/unassign"),
            &format!("helper={helper_id}"),
            &coordinator,
        )
        .await;
        let after = page(&app, &need_page, Some(&helper)).await;
        assert!(
            !after.body.contains(ADDRESS),
            "no contact after being taken off"
        );
        assert!(
            after.body.contains("0 von 1"),
            "the place is free again: {}",
            after.body.contains("von 1")
        );

        post(&app, &format!("/requests/{id}/trust"), "", &coordinator).await;
        let second = post_and_open(&app, "/requests/new", &need_form(""), &neighbour).await;
        assert!(
            second.body.contains("Das Gesuch ist veröffentlicht"),
            "trusted: open at once"
        );
    }
);

async fn open_list(app: &Router, query: &str) -> serde_json::Value {
    let answer = send(
        app,
        axum::http::Request::post("/api/needs/open")
            .header(
                axum::http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(axum::body::Body::from(query.to_owned()))
            .expect("request"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.body);
    serde_json::from_str(&answer.body).expect("json")
}

fn ids(list: &serde_json::Value) -> Vec<i64> {
    list["needs"]
        .as_array()
        .expect("needs")
        .iter()
        .map(|n| n["id"].as_i64().expect("id"))
        .collect()
}

db_test!(
    the_list_filters_by_dates_sorts_and_pages,
    |db: Db| async move {
        server::seed::seed_demo(&db, 4, false).await.expect("seed");
        let app = common::router(&db);
        let first = open_list(&app, "").await;
        let total = first["total"].as_i64().expect("total");
        assert!(total > 50, "enough for two pages: {total}");
        let second = open_list(&app, "page=2").await;
        assert_eq!(second["total"].as_i64(), Some(total));
        assert_eq!(ids(&first).len(), 50);
        assert_eq!(ids(&second).len() as i64, (total - 50).min(50));
        assert!(
            ids(&second).iter().all(|id| !ids(&first).contains(id)),
            "pages do not overlap"
        );
        let newest = open_list(&app, "sort=newest").await;
        assert_ne!(ids(&newest), ids(&first), "another order");
        // A range of one day holds only needs starting that day.
        let far = open_list(&app, "from=2099-01-01&to=2099-01-31").await;
        assert_eq!(far["total"].as_i64(), Some(0));
        let bad = page(&app, "/requests?from=2026-02-30", None).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad
            .body
            .contains("Ab: Die Eingabe hat nicht die erwartete Form."));
        // The task's description is for volunteers, not for visitors.
        let with_text: i64 = sqlx::query("SELECT COUNT(*) AS n FROM needs WHERE description <> ''")
            .fetch_one(db.pool())
            .await
            .expect("count")
            .try_get("n")
            .expect("n");
        assert!(with_text > 0);
        assert!(first["needs"]
            .as_array()
            .expect("needs")
            .iter()
            .all(|n| n["description"].is_null()));
        let (_, volunteer) = person(
            &app,
            &db,
            "hannes@example.org",
            Some(QuartierRole::Volunteer),
            None,
        )
        .await;
        let seen = send(
            &app,
            axum::http::Request::post("/api/needs/open")
                .header(
                    axum::http::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .header(axum::http::header::COOKIE, &volunteer)
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
        assert!(
            seen.body.contains("\"description\":\""),
            "volunteers see the task"
        );
        // Volunteers see about how far each need is and can keep to the near ones.
        let near = send(
            &app,
            axum::http::Request::post("/api/needs/open")
                .header(
                    axum::http::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .header(axum::http::header::COOKIE, &volunteer)
                .body(axum::body::Body::from("km=1"))
                .expect("request"),
        )
        .await;
        let near: serde_json::Value = serde_json::from_str(&near.body).expect("json");
        let near_needs = near["needs"].as_array().expect("needs");
        assert!(!near_needs.is_empty());
        assert!(near_needs
            .iter()
            .all(|n| n["quartier_slug"] == "linden-sued" && n["distance_m"].is_i64()));
        assert!(
            near["total"].as_i64() < Some(total),
            "farther Quartiere are left out"
        );
        assert!(
            first["needs"]
                .as_array()
                .expect("needs")
                .iter()
                .all(|n| n["distance_m"].is_null()),
            "no distance for visitors"
        );
        let links = page(&app, "/requests?category=&sort=soonest", None).await;
        assert!(
            links.body.contains("rel=\"next\""),
            "a link to the next page"
        );
    }
);

db_test!(
    my_assignments_come_as_a_calendar_feed_behind_a_revocable_link,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let Cast {
            neighbour,
            helper_id,
            helper,
            coordinator,
        } = cast(&app, &db).await;
        let (_, location) = post(&app, "/requests/new", &need_form(""), &neighbour).await;
        let id = location
            .expect("need")
            .trim_start_matches("/requests/")
            .to_owned();
        post(
            &app,
            &format!("/requests/{id}/review"),
            "decision=approve",
            &coordinator,
        )
        .await;
        post(&app, &format!("/requests/{id}/signup"), "", &helper).await;
        post(
            &app,
            &format!("/requests/{id}/confirm"),
            &format!("helper={helper_id}"),
            &neighbour,
        )
        .await;

        post(&app, "/me/calendar", "", &helper).await;
        let me = page(&app, "/me", Some(&helper)).await;
        let start = me.body.find("/calendar/").expect("the link is shown");
        let link: String = me.body[start..]
            .chars()
            .take_while(|c| *c != '<' && *c != '"')
            .collect();
        let feed = page(&app, &link, None).await;
        assert_eq!(feed.status, StatusCode::OK);
        assert_eq!(
            feed.header(axum::http::header::CONTENT_TYPE).as_deref(),
            Some("text/calendar; charset=utf-8")
        );
        assert!(
            feed.body.contains("BEGIN:VCALENDAR")
                && feed.body.contains("SUMMARY:Einkauf für die Woche"),
            "{}",
            feed.body
        );
        assert!(
            !feed.body.contains(ADDRESS) && !feed.body.contains("Helga"),
            "no private data in the feed"
        );

        post(&app, "/me/calendar", "", &helper).await;
        assert_eq!(
            page(&app, &link, None).await.status,
            StatusCode::NOT_FOUND,
            "a new link revokes the old"
        );
        post(&app, "/me/calendar/revoke", "", &helper).await;
        assert!(
            !page(&app, "/me", Some(&helper))
                .await
                .body
                .contains("/calendar/"),
            "revoked"
        );
    }
);

db_test!(
    many_volunteers_read_a_need_page_at_once_without_running_the_pool_dry,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let Cast {
            neighbour,
            helper,
            coordinator,
            ..
        } = cast(&app, &db).await;
        let (need_page, _) = approved_need(&app, &neighbour, &coordinator).await;
        // Far more readers than pooled connections: a page that held one connection
        // while waiting for a second would stall them all until the pool timed out.
        let readers: Vec<_> = (0..48)
            .map(|_| {
                let (app, page_url, helper) = (app.clone(), need_page.clone(), helper.clone());
                tokio::spawn(async move { page(&app, &page_url, Some(&helper)).await.status })
            })
            .collect();
        for reader in readers {
            assert_eq!(reader.await.expect("reader"), StatusCode::OK);
        }
    }
);

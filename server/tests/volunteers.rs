//! Volunteer profiles, verification records and matching through the real router and
//! its form posts, on SQLite and PostgreSQL: bad profile input is named and nothing is
//! stored; coordinators see ranked suggestions with reasons, invite, and the first
//! acceptance fills the need; child-related needs need a valid inspection; same-gender
//! needs need a matching helper; records are reminded and deleted on time.

use app::auth::policy::{OrgRole, QuartierRole};
use app::db::Db;
use app::db_test;
use axum::http::StatusCode;
use axum::Router;
use common::{enc, follow, form, page, person, post, post_and_open, send};
use sqlx::Row;

mod common;

const ADDRESS: &str = "Fröbelstraße 7";

/// A profile for Linden-Süd, free on Mondays 09:00–18:00 (the tests' needs are on a
/// Monday, 10:00–11:30).
fn profile(extra: &str) -> String {
    format!(
        "quartier=linden-sued&radius=5&max_hours=6&slot_0_0_from=09%3A00&slot_0_0_to=18%3A00&language=de&skill=shopping&mobility=bike{extra}"
    )
}

fn need_form(category: &str, extra: &str) -> String {
    format!(
        "category={category}&title={}&description={}&date=2030-05-06&start=10%3A00&end=11%3A30&quartier=linden-sued&helpers=1&contact_name={}&street_address={}&phone={}{extra}",
        enc("Einkauf für die Woche"),
        enc("Zwei Taschen vom Markt."),
        enc("Helga Meier"),
        enc(ADDRESS),
        enc("0511 445566"),
    )
}

/// A need posted by the neighbour and approved by the coordinator; its id.
async fn approved(app: &Router, neighbour: &str, coordinator: &str, body: &str) -> i64 {
    let (_, location) = post(app, "/requests/new", body, neighbour).await;
    let id: i64 = location
        .expect("to the need")
        .trim_start_matches("/requests/")
        .parse()
        .expect("need id");
    post(
        app,
        &format!("/requests/{id}/review"),
        "decision=approve",
        coordinator,
    )
    .await;
    id
}

/// A neighbour of the first Quartier and a coordinator of its organisation, signed in.
async fn neighbour_and_coordinator(app: &Router, db: &Db) -> (String, String) {
    let (_, neighbour) = person(
        app,
        db,
        "helga@example.org",
        Some(QuartierRole::Neighbour),
        None,
    )
    .await;
    let (_, coordinator) =
        person(app, db, "kim@example.org", None, Some(OrgRole::Coordinator)).await;
    (neighbour, coordinator)
}

/// A volunteer of the first Quartier with a saved profile.
async fn volunteer(app: &Router, db: &Db, email: &str, extra: &str) -> (i64, String) {
    let (id, cookie) = person(app, db, email, Some(QuartierRole::Volunteer), None).await;
    let (_, to) = post(app, "/me/volunteer", &profile(extra), &cookie).await;
    assert_eq!(to.as_deref(), Some("/me/volunteer#profile"));
    let stored = sqlx::query("SELECT 1 AS yes FROM volunteers WHERE user_id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .expect("query");
    assert!(stored.is_some(), "{email} has a profile");
    (id, cookie)
}

async fn count(db: &Db, sql: &str, id: i64) -> i64 {
    sqlx::query(sql)
        .bind(id)
        .fetch_one(db.pool())
        .await
        .expect("count")
        .try_get::<i64, _>(0)
        .expect("number")
}

async fn letters_to(db: &Db, email: &str) -> Vec<String> {
    sqlx::query("SELECT body FROM outbox WHERE recipient = $1 ORDER BY id")
        .bind(email)
        .fetch_all(db.pool())
        .await
        .expect("letters")
        .iter()
        .map(|r| r.try_get("body").expect("body"))
        .collect()
}

db_test!(
    bad_profile_input_is_named_and_nothing_is_stored,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let (id, cookie) = person(
            &app,
            &db,
            "anna@example.org",
            Some(QuartierRole::Volunteer),
            None,
        )
        .await;
        let cases = [
            (
                profile("").replace("radius=5", "radius=0"),
                "Wie weit ich fahre oder gehe (km): Die Zahl liegt außerhalb des erlaubten Bereichs.",
            ),
            (
                profile("").replace("radius=5", "radius=10000"),
                "Wie weit ich fahre oder gehe (km): Die Zahl liegt außerhalb des erlaubten Bereichs.",
            ),
            (
                profile("&slot_2_0_from=12%3A00&slot_2_0_to=09%3A00"),
                "Mittwoch, Zeitraum 1: Das Ende liegt vor dem Anfang.",
            ),
            (
                profile("&slot_2_0_from=09%3A00&slot_2_0_to=12%3A00&slot_2_1_from=11%3A00&slot_2_1_to=13%3A00"),
                "Mittwoch, Zeitraum 2: Überschneidet sich mit einem anderen Zeitraum am selben Tag.",
            ),
            (
                profile("&paused_until=2020-01-01"),
                "Pause bis einschließlich: Der Zeitpunkt liegt in der Vergangenheit.",
            ),
            (
                profile("").replace("quartier=linden-sued", "quartier=atlantis"),
                "Quartier oder Dorf: Diesen Eintrag gibt es nicht.",
            ),
            (
                profile("").replace("max_hours=6", "max_hours=-2"),
                "Höchstens Stunden pro Woche: Die Zahl liegt außerhalb des erlaubten Bereichs.",
            ),
        ];
        for (body, message) in cases {
            let (status, to) = post(&app, "/me/volunteer", &body, &cookie).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            assert_eq!(to.as_deref(), Some("/me/volunteer#profile"));
            let shown = page(&app, "/me/volunteer", Some(&cookie)).await;
            assert_eq!(shown.status, StatusCode::OK);
            assert!(shown.body.contains(message), "{message}\n{}", shown.body);
            assert_eq!(
                count(
                    &db,
                    "SELECT COUNT(*) FROM volunteers WHERE user_id = $1",
                    id
                )
                .await,
                0,
                "nothing stored for: {message}"
            );
        }
        // The input comes back after an error.
        post(
            &app,
            "/me/volunteer",
            &profile("&skills_other=Fahrradreparatur").replace("radius=5", "radius=0"),
            &cookie,
        )
        .await;
        let kept = page(&app, "/me/volunteer", Some(&cookie)).await.body;
        assert!(kept.contains("value=\"Fahrradreparatur\""), "input kept");

        let posted = send(
            &app,
            form("/me/volunteer", &profile("&gender=female"), Some(&cookie)),
        )
        .await;
        assert_eq!(posted.location().as_deref(), Some("/me/volunteer#profile"));
        let saved = follow(&app, &posted, Some(&cookie)).await.body;
        assert!(saved.contains("Ihr Profil ist gespeichert."), "{saved}");
        assert!(saved.contains("value=\"09:00\""), "slot shown");
        let row = sqlx::query(
            "SELECT v.radius_km, v.gender, v.max_minutes_per_week,
                    (SELECT COUNT(*) FROM volunteer_slots s WHERE s.volunteer_id = v.id) AS slots
               FROM volunteers v WHERE v.user_id = $1",
        )
        .bind(id)
        .fetch_one(db.pool())
        .await
        .expect("profile");
        assert_eq!(row.try_get::<f64, _>("radius_km").expect("radius"), 5.0);
        assert_eq!(
            row.try_get::<Option<String>, _>("gender")
                .expect("gender")
                .as_deref(),
            Some("female")
        );
        assert_eq!(
            row.try_get::<i64, _>("max_minutes_per_week").expect("max"),
            360
        );
        assert_eq!(row.try_get::<i64, _>("slots").expect("slots"), 1);
    }
);

db_test!(
    suggestions_with_reasons_invitations_and_the_first_acceptance_fills_the_need,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let (neighbour, coordinator) = neighbour_and_coordinator(&app, &db).await;
        let (anna_id, anna) = volunteer(&app, &db, "anna@example.org", "").await;
        let (bert_id, bert) = volunteer(&app, &db, "bert@example.org", "").await;
        let (_, paused) =
            volunteer(&app, &db, "paula@example.org", "&paused_until=2031-01-01").await;
        let id = approved(&app, &neighbour, &coordinator, &need_form("shopping", "")).await;
        let suggestions_page = format!("/requests/{id}/suggestions");

        // Only coordinators of the need's organisation see suggestions.
        assert_eq!(
            page(&app, &suggestions_page, Some(&anna)).await.status,
            StatusCode::FORBIDDEN
        );
        let shown = page(&app, &suggestions_page, Some(&coordinator)).await;
        assert_eq!(shown.status, StatusCode::OK);
        for text in [
            "anna@example.org",
            "bert@example.org",
            "0,0 km entfernt",
            "zu 100 % der Zeit frei",
            "Erfahrung mit: Einkaufen",
        ] {
            assert!(shown.body.contains(text), "{text}\n{}", shown.body);
        }
        assert!(
            !shown.body.contains("paula@example.org"),
            "a paused volunteer is not offered"
        );
        assert!(
            shown.body.contains("macht gerade Pause"),
            "left out, with why"
        );
        let _ = paused;

        // The coordinator invites both; each gets a letter with the deadline.
        let (_, to) = post(
            &app,
            &format!("/requests/{id}/invite"),
            &format!("volunteer={anna_id}&volunteer={bert_id}"),
            &coordinator,
        )
        .await;
        assert_eq!(to.as_deref(), Some(suggestions_page.as_str()));
        assert!(page(&app, &suggestions_page, Some(&coordinator))
            .await
            .body
            .contains("wartet auf Antwort"));
        for email in ["anna@example.org", "bert@example.org"] {
            let letters = letters_to(&db, email).await;
            assert!(
                letters
                    .iter()
                    .any(|b| b.contains(&format!("/requests/{id}"))
                        && b.contains("/me/volunteer#invitations")),
                "{email}: {letters:?}"
            );
        }
        let mine = page(&app, "/me/volunteer", Some(&anna)).await.body;
        assert!(mine.contains("Einkauf für die Woche") && mine.contains("Zusagen"));

        // Anna accepts first and is confirmed (the address is revealed, audited).
        let (_, to) = post(&app, &format!("/invitations/{id}/accept"), "", &anna).await;
        assert_eq!(to, Some(format!("/requests/{id}")));
        assert!(page(&app, &format!("/requests/{id}"), Some(&anna))
            .await
            .body
            .contains(ADDRESS));
        let status: String = sqlx::query("SELECT status FROM needs WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await
            .expect("need")
            .try_get("status")
            .expect("status");
        assert_eq!(status, "filled");
        // Bert is too late: the place is gone, and nothing changed.
        let (_, to) = post(&app, &format!("/invitations/{id}/accept"), "", &bert).await;
        assert_eq!(to.as_deref(), Some("/me/volunteer#invitations"));
        assert!(page(&app, "/me/volunteer", Some(&bert))
            .await
            .body
            .contains("Das Gesuch ist dafür nicht (mehr) offen."));
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_helpers WHERE need_id = $1 AND state = 'confirmed'",
                id
            )
            .await,
            1
        );
        let bert_state: String =
            sqlx::query("SELECT state FROM need_invitations WHERE need_id = $1 AND user_id = $2")
                .bind(id)
                .bind(bert_id)
                .fetch_one(db.pool())
                .await
                .expect("invitation")
                .try_get("state")
                .expect("state");
        assert_eq!(bert_state, "too_late");
        // A second answer is refused.
        post(&app, &format!("/invitations/{id}/accept"), "", &anna).await;
        assert!(page(&app, "/me/volunteer", Some(&anna))
            .await
            .body
            .contains("Das haben Sie schon getan."));

        // An invitation past its deadline cannot be accepted.
        let second = approved(&app, &neighbour, &coordinator, &need_form("shopping", "")).await;
        post(
            &app,
            &format!("/requests/{second}/invite"),
            &format!("volunteer={bert_id}"),
            &coordinator,
        )
        .await;
        sqlx::query("UPDATE need_invitations SET respond_by = 1 WHERE need_id = $1")
            .bind(second)
            .execute(db.pool())
            .await
            .expect("deadline passed");
        post(&app, &format!("/invitations/{second}/accept"), "", &bert).await;
        assert!(page(&app, "/me/volunteer", Some(&bert))
            .await
            .body
            .contains("Die Frist zum Antworten ist abgelaufen."));
        // Declining is fine; inviting an unknown or malformed volunteer is named.
        let third = approved(&app, &neighbour, &coordinator, &need_form("shopping", "")).await;
        post(
            &app,
            &format!("/requests/{third}/invite"),
            &format!("volunteer={bert_id}"),
            &coordinator,
        )
        .await;
        let (_, to) = post(&app, &format!("/invitations/{third}/decline"), "", &bert).await;
        assert_eq!(to.as_deref(), Some("/me/volunteer#invitations"));
        assert!(page(&app, "/me/volunteer", Some(&bert))
            .await
            .body
            .contains("abgesagt"));
        for (body, message) in [
            (
                "volunteer=abc",
                "Ehrenamtliche Person: Die Eingabe hat nicht die erwartete Form.",
            ),
            ("", "Ehrenamtliche Person: Bitte ausfüllen."),
            (
                &format!("volunteer={bert_id}") as &str,
                "Ehrenamtliche Person: Das haben Sie schon getan.",
            ),
        ] {
            post(
                &app,
                &format!("/requests/{third}/invite"),
                body,
                &coordinator,
            )
            .await;
            assert!(
                page(
                    &app,
                    &format!("/requests/{third}/suggestions"),
                    Some(&coordinator)
                )
                .await
                .body
                .contains(message),
                "{message}"
            );
        }
        // Someone who answers an invitation they never had is refused.
        assert_eq!(
            post(&app, &format!("/invitations/{third}/accept"), "", &anna)
                .await
                .0,
            StatusCode::FORBIDDEN
        );
    }
);

db_test!(
    child_related_needs_need_a_valid_inspection_recorded_by_a_coordinator,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let (neighbour, coordinator) = neighbour_and_coordinator(&app, &db).await;
        let (carla_id, carla) = volunteer(&app, &db, "carla@example.org", "&skill=childcare").await;
        let id = approved(&app, &neighbour, &coordinator, &need_form("childcare", "")).await;
        let need_page = format!("/requests/{id}");

        // Without a valid inspection: no sign-up, no suggestion, no assignment.
        post(&app, &format!("{need_page}/signup"), "", &carla).await;
        assert!(page(&app, &need_page, Some(&carla))
            .await
            .body
            .contains("erweiterte Führungszeugnis"));
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_helpers WHERE user_id = $1",
                carla_id
            )
            .await,
            0
        );
        let shown = page(
            &app,
            &format!("{need_page}/suggestions"),
            Some(&coordinator),
        )
        .await
        .body;
        assert!(!shown.contains("carla@example.org"), "not offered");
        assert!(shown.contains("ohne gültige Einsichtnahme ins Führungszeugnis"));
        post(
            &app,
            &format!("{need_page}/assign"),
            "email=carla%40example.org",
            &coordinator,
        )
        .await;
        assert!(page(&app, &need_page, Some(&coordinator))
            .await
            .body
            .contains("E-Mail-Adresse: Für Hilfe mit Kindern"));
        post(
            &app,
            &format!("{need_page}/invite"),
            &format!("volunteer={carla_id}"),
            &coordinator,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_invitations WHERE user_id = $1",
                carla_id
            )
            .await,
            0
        );

        // Recording the inspection: bad dates and other organisations are named.
        let org: i64 = sqlx::query("SELECT organisation_id FROM needs WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await
            .expect("need org")
            .try_get("organisation_id")
            .expect("id");
        let today = chrono::Utc::now().date_naive();
        let record = |date: chrono::NaiveDate, email: &str| {
            format!(
                "organisation={org}&email={}&kind=inspection&checked_on={}&result=ok",
                enc(email),
                date.format("%Y-%m-%d")
            )
        };
        for (body, message) in [
            (
                record(today + chrono::Duration::days(30), "carla@example.org"),
                "eingesehen bzw. abgeschlossen am: Das Datum liegt in der Zukunft.",
            ),
            (
                record(today - chrono::Duration::days(6 * 366), "carla@example.org"),
                "eingesehen bzw. abgeschlossen am: Der Nachweis ist abgelaufen (älter als 5 Jahre).",
            ),
            (
                record(today, "niemand@example.org"),
                "E-Mail-Adresse: Diesen Eintrag gibt es nicht.",
            ),
        ] {
            let (_, to) = post(&app, "/org/verifications", &body, &coordinator).await;
            assert_eq!(to.as_deref(), Some("/coordinator/volunteers"));
            let shown = page(&app, "/coordinator/volunteers", Some(&coordinator)).await;
            assert!(shown.body.contains(message), "{message}\n{}", shown.body);
        }
        // A coordinator of an organisation that does not serve Carla's Quartier.
        let stranger =
            common::coordinator_of(&app, &db, "sven@example.org", "quartiersbuero-ringgebiet")
                .await;
        let other_org: i64 =
            sqlx::query("SELECT id FROM organisations WHERE slug = 'quartiersbuero-ringgebiet'")
                .fetch_one(db.pool())
                .await
                .expect("org")
                .try_get("id")
                .expect("id");
        post(
            &app,
            "/org/verifications",
            &record(today, "carla@example.org").replace(
                &format!("organisation={org}"),
                &format!("organisation={other_org}"),
            ),
            &stranger,
        )
        .await;
        assert!(page(&app, "/coordinator/volunteers", Some(&stranger))
            .await
            .body
            .contains("Das gehört zu einer anderen Organisation."));
        // Recording for an organisation one does not coordinate is refused outright.
        assert_eq!(
            post(
                &app,
                "/org/verifications",
                &record(today, "carla@example.org"),
                &stranger
            )
            .await
            .0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM verifications WHERE user_id = $1",
                carla_id
            )
            .await,
            0,
            "nothing recorded by the refused attempts"
        );

        let records = post_and_open(
            &app,
            "/org/verifications",
            &record(today - chrono::Duration::days(100), "carla@example.org"),
            &coordinator,
        )
        .await
        .body;
        assert!(records.contains("Der Nachweis ist eingetragen."));
        assert!(records.contains("carla@example.org") && records.contains("gültig bis"));
        // Carla sees her own record; now she is offered and may sign up.
        assert!(page(&app, "/me/volunteer", Some(&carla))
            .await
            .body
            .contains("Einsichtnahme erweitertes Führungszeugnis"));
        assert!(page(
            &app,
            &format!("{need_page}/suggestions"),
            Some(&coordinator)
        )
        .await
        .body
        .contains("carla@example.org"));
        post(&app, &format!("{need_page}/signup"), "", &carla).await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_helpers WHERE user_id = $1 AND state = 'signed_up'",
                carla_id
            )
            .await,
            1
        );
        let audited = count(
            &db,
            "SELECT COUNT(*) FROM audit_log WHERE subject_id = $1 AND action = 'verification_recorded'",
            carla_id,
        )
        .await;
        assert_eq!(audited, 1);
    }
);

db_test!(
    a_same_gender_need_is_only_for_a_helper_of_that_gender,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let (neighbour, coordinator) = neighbour_and_coordinator(&app, &db).await;
        // The gender asked for must be given.
        post(
            &app,
            "/requests/new",
            &need_form("accompaniment", "&same_gender=on"),
            &neighbour,
        )
        .await;
        assert!(page(&app, "/requests/new", Some(&neighbour))
            .await
            .body
            .contains("Geschlecht der helfenden Person: Bitte ausfüllen."));
        let id = approved(
            &app,
            &neighbour,
            &coordinator,
            &need_form("accompaniment", "&same_gender=on&helper_gender=female"),
        )
        .await;
        let (max_id, max) = volunteer(&app, &db, "max@example.org", "&gender=male").await;
        let (frieda_id, frieda) =
            volunteer(&app, &db, "frieda@example.org", "&gender=female").await;
        post(&app, &format!("/requests/{id}/signup"), "", &max).await;
        assert!(page(&app, &format!("/requests/{id}"), Some(&max))
            .await
            .body
            .contains("eine helfende Person eines bestimmten Geschlechts"));
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_helpers WHERE user_id = $1",
                max_id
            )
            .await,
            0
        );
        assert_eq!(
            count(&db, "SELECT helpers_filled FROM needs WHERE id = $1", id).await,
            0,
            "the place taken before the rules were read is given back"
        );
        let shown = page(
            &app,
            &format!("/requests/{id}/suggestions"),
            Some(&coordinator),
        )
        .await
        .body;
        assert!(shown.contains("frieda@example.org") && !shown.contains("max@example.org"));
        sqlx::query("UPDATE volunteers SET last_active_at = 5 WHERE user_id = $1")
            .bind(frieda_id)
            .execute(db.pool())
            .await
            .expect("long inactive");
        let (status, _) = post(&app, &format!("/requests/{id}/signup"), "", &frieda).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_helpers WHERE need_id = $1",
                id
            )
            .await,
            1
        );
        assert!(
            count(
                &db,
                "SELECT last_active_at FROM volunteers WHERE user_id = $1",
                frieda_id
            )
            .await
                > app::db::now() - 60,
            "a sign-up counts as activity"
        );
    }
);

db_test!(
    needs_for_me_and_a_bulk_proposal_for_a_quartier,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let (neighbour, coordinator) = neighbour_and_coordinator(&app, &db).await;
        let (_, anna) = volunteer(&app, &db, "anna@example.org", "").await;
        let id = approved(&app, &neighbour, &coordinator, &need_form("shopping", "")).await;

        let mine = page(&app, "/me/volunteer", Some(&anna)).await.body;
        assert!(mine.contains("Gesuche, die zu mir passen"));
        assert!(mine.contains(&format!("/requests/{id}\"")), "{mine}");
        assert!(mine.contains("0,0 km entfernt"));

        let proposal = page(
            &app,
            "/coordinator/proposal?quartier=linden-sued",
            Some(&coordinator),
        )
        .await;
        assert_eq!(proposal.status, StatusCode::OK);
        assert!(
            proposal.body.contains("offene Gesuche mit"),
            "{}",
            proposal.body
        );
        // The new need gets a proposed volunteer (the best pairs go first).
        let start = proposal
            .body
            .find(&format!("value=\"{id}:"))
            .expect("a line for the new need")
            + "value=\"".len();
        let pick: String = proposal.body[start..]
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        let proposed: i64 = pick
            .split(':')
            .nth(1)
            .and_then(|v| v.parse().ok())
            .expect("volunteer id");
        let (_, to) = post(
            &app,
            "/coordinator/proposal",
            &format!("quartier=linden-sued&pick={}", enc(&pick)),
            &coordinator,
        )
        .await;
        assert_eq!(
            to.as_deref(),
            Some("/coordinator/proposal?quartier=linden-sued")
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_invitations WHERE user_id = $1",
                proposed
            )
            .await,
            1
        );
        // Bad picks and Quartiere are named; nothing half-done.
        post(
            &app,
            "/coordinator/proposal",
            &format!("quartier=linden-sued&pick={}&pick=1%3Ax", enc(&pick)),
            &coordinator,
        )
        .await;
        assert!(page(
            &app,
            "/coordinator/proposal?quartier=linden-sued",
            Some(&coordinator)
        )
        .await
        .body
        .contains("Die Eingabe hat nicht die erwartete Form."));
        let unknown = page(
            &app,
            "/coordinator/proposal?quartier=atlantis",
            Some(&coordinator),
        )
        .await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        assert!(unknown.body.contains("Diesen Eintrag gibt es nicht"));
        let stranger =
            common::coordinator_of(&app, &db, "sven@example.org", "quartiersbuero-ringgebiet")
                .await;
        let other = page(
            &app,
            "/coordinator/proposal?quartier=linden-sued",
            Some(&stranger),
        )
        .await;
        assert_eq!(other.status, StatusCode::BAD_REQUEST);
        assert!(other
            .body
            .contains("Das gehört zu einer anderen Organisation."));
    }
);

db_test!(
    inspections_are_reminded_before_expiry_and_deleted_after_inactivity,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let (active_id, _) = volunteer(&app, &db, "aktiv@example.org", "").await;
        let (idle_id, _) = volunteer(&app, &db, "ruhig@example.org", "").await;
        let now = app::db::now();
        let day = 86_400;
        for (user, valid_until) in [(active_id, now + 30 * day), (idle_id, now + 400 * day)] {
            sqlx::query(
                "INSERT INTO verifications (user_id, organisation_id, kind, checked_on, result_ok, valid_until, recorded_at)
                 VALUES ($1, 1, 'inspection', $2, 1, $3, $2)",
            )
            .bind(user)
            .bind(now - 200 * day)
            .bind(valid_until)
            .execute(db.pool())
            .await
            .expect("record");
        }
        let site = app::ctx::SiteConfig {
            base_url: "http://localhost".into(),
            dev_mailbox: true,
            map_tiles: None,
        };
        let seeded_reminders = app::volunteers::verification::send_expiry_reminders(&db, &site)
            .await
            .expect("reminders");
        assert!(seeded_reminders >= 1);
        let letters = letters_to(&db, "aktiv@example.org").await;
        assert!(
            letters
                .iter()
                .any(|b| b.contains("erweitertes Führungszeugnis")
                    || b.contains("erweiterten Führungszeugnis")),
            "{letters:?}"
        );
        assert!(
            letters_to(&db, "ruhig@example.org").await.is_empty(),
            "not due yet"
        );
        assert_eq!(
            app::volunteers::verification::send_expiry_reminders(&db, &site)
                .await
                .expect("again"),
            0,
            "once per record"
        );

        // The idle volunteer's last activity was four months ago; the other is active.
        sqlx::query("UPDATE volunteers SET last_active_at = $1 WHERE user_id = $2")
            .bind(now - 120 * day)
            .bind(idle_id)
            .execute(db.pool())
            .await
            .expect("idle");
        app::volunteers::verification::purge_inactive(&db)
            .await
            .expect("purge");
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM verifications WHERE user_id = $1",
                idle_id
            )
            .await,
            0,
            "deleted 3 months after the last activity"
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM verifications WHERE user_id = $1",
                active_id
            )
            .await,
            1,
            "kept while active"
        );
    }
);

db_test!(
    an_invitation_to_a_volunteer_of_another_organisation_is_refused,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        // Anna helps in Linden-Süd only; the Quartiersbüro serves the Westliches
        // Ringgebiet only.
        let (anna_id, _) = volunteer(&app, &db, "anna@example.org", "").await;
        let stranger =
            common::coordinator_of(&app, &db, "sven@example.org", "quartiersbuero-ringgebiet")
                .await;
        let (_, to) = post(
            &app,
            "/requests/new",
            &need_form("shopping", "&consent=phone")
                .replace("quartier=linden-sued", "quartier=westliches-ringgebiet"),
            &stranger,
        )
        .await;
        let id: i64 = to
            .expect("to the need")
            .trim_start_matches("/requests/")
            .parse()
            .expect("need id");
        let (_, to) = post(
            &app,
            &format!("/requests/{id}/invite"),
            &format!("volunteer={anna_id}"),
            &stranger,
        )
        .await;
        assert_eq!(to, Some(format!("/requests/{id}/suggestions")));
        let shown = page(
            &app,
            &format!("/requests/{id}/suggestions"),
            Some(&stranger),
        )
        .await;
        assert!(
            shown
                .body
                .contains("Ehrenamtliche Person: Das gehört zu einer anderen Organisation."),
            "{}",
            shown.body
        );
        assert!(
            !shown.body.contains("anna@example.org"),
            "not suggested either"
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_invitations WHERE user_id = $1",
                anna_id
            )
            .await,
            0
        );
    }
);

db_test!(
    concurrent_acceptances_fill_exactly_the_free_places,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let (neighbour, coordinator) = neighbour_and_coordinator(&app, &db).await;
        let id = approved(
            &app,
            &neighbour,
            &coordinator,
            &need_form("shopping", "").replace("helpers=1", "helpers=2"),
        )
        .await;
        let mut invited = Vec::new();
        // Seven: sign-ins from one address are throttled after twenty.
        for n in 0..7 {
            invited.push(volunteer(&app, &db, &format!("v{n}@example.org"), "").await);
        }
        let ids: Vec<String> = invited
            .iter()
            .map(|(v, _)| format!("volunteer={v}"))
            .collect();
        post(
            &app,
            &format!("/requests/{id}/invite"),
            &ids.join("&"),
            &coordinator,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_invitations WHERE need_id = $1",
                id
            )
            .await,
            7
        );
        // Everyone accepts at the same moment.
        let tasks: Vec<_> = invited
            .into_iter()
            .map(|(_, cookie)| {
                let app = app.clone();
                tokio::spawn(async move {
                    post(&app, &format!("/invitations/{id}/accept"), "", &cookie).await
                })
            })
            .collect();
        for task in tasks {
            let (status, _) = task.await.expect("task");
            assert_eq!(status, StatusCode::SEE_OTHER);
        }
        let row = sqlx::query("SELECT status, helpers_filled FROM needs WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await
            .expect("need");
        assert_eq!(
            row.try_get::<String, _>("status").expect("status"),
            "filled"
        );
        assert_eq!(row.try_get::<i64, _>("helpers_filled").expect("filled"), 2);
        for (state, expected) in [("accepted", 2), ("too_late", 5)] {
            let n: i64 = sqlx::query(
                "SELECT COUNT(*) AS n FROM need_invitations WHERE need_id = $1 AND state = $2",
            )
            .bind(id)
            .bind(state)
            .fetch_one(db.pool())
            .await
            .expect("count")
            .try_get("n")
            .expect("n");
            assert_eq!(n, expected, "{state}");
        }
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_helpers WHERE need_id = $1 AND state = 'confirmed'",
                id
            )
            .await,
            2
        );
    }
);

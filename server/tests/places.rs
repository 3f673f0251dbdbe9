//! Meeting places, events, services, mediation, reports and moderation through the
//! real router and its form posts, on SQLite and PostgreSQL: bad input is named and
//! nothing is stored; the filter finds step-free places; "I'll come" counts; iCal files
//! carry the weekly rule; a reported message is hidden by the Quartier's coordinator,
//! the reporter hears it and the audit log has it; a suspended account cannot sign in.

use app::auth::policy::{OrgRole, QuartierRole};
use app::db::Db;
use app::db_test;
use axum::http::StatusCode;
use axum::Router;
use common::{enc, page, person, post, send};
use sqlx::Row;

mod common;

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(db.pool())
        .await
        .expect("count")
        .try_get::<i64, _>(0)
        .expect("number")
}

/// A place form for Linden-Süd (organisation 1), with `extra` appended.
fn place_form(extra: &str) -> String {
    format!(
        "organisation=1&quartier=linden-sued&place_name={}&place_kind=cafe&street_address={}&lat=52.3630&lon=9.7270&feature=step_free&feature=hearing_loop&language=de&language=tr&slot_0_0_from=09%3A00&slot_0_0_to=12%3A00&slot_0_1_from=14%3A00&slot_0_1_to=18%3A00{extra}",
        enc("Café Miteinander"),
        enc("Ahrbergstraße 4, 30449 Hannover"),
    )
}

/// A coordinator of the organisation that serves only Musterdorf.
async fn coordinator_elsewhere(app: &Router, db: &Db) -> String {
    common::coordinator_of(app, db, "dorf@example.org", "kirchengemeinde-musterdorf").await
}

db_test!(
    places_are_checked_saved_filtered_and_edited_only_by_their_organisation,
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
        let before = count(&db, "SELECT COUNT(*) FROM meeting_places").await;
        let cases = [
            (
                place_form("&slot_1_0_from=18%3A00&slot_1_0_to=09%3A00"),
                "Dienstag, Zeitraum 1: Das Ende liegt vor dem Anfang.",
            ),
            (
                place_form("&slot_1_0_from=09%3A00&slot_1_0_to=12%3A00&slot_1_1_from=11%3A00&slot_1_1_to=13%3A00"),
                "Dienstag, Zeitraum 2: Überschneidet sich mit einem anderen Zeitraum am selben Tag.",
            ),
            (
                place_form("").replace("lat=52.3630&lon=9.7270", "lat=53.55&lon=9.99"),
                "Lage auf der Karte: Der Ort liegt in keinem Quartier",
            ),
            (
                place_form("").replace("quartier=linden-sued", "quartier=atlantis"),
                "Quartier oder Dorf: Diesen Eintrag gibt es nicht.",
            ),
            (
                place_form("").replace(&format!("place_name={}", enc("Café Miteinander")), "place_name=%20%20"),
                "Name des Ortes: Bitte ausfüllen.",
            ),
            (place_form("&feature=lift"), "Barrierefreiheit: Diesen Eintrag gibt es nicht."),
            (place_form("&phone=call%20me"), "Telefon"),
        ];
        for (body, message) in cases {
            let (status, to) = post(&app, "/org/places", &body, &coordinator).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            assert_eq!(to.as_deref(), Some("/coordinator/places#place-form"));
            let shown = page(&app, "/coordinator/places", Some(&coordinator)).await;
            assert_eq!(shown.status, StatusCode::OK);
            assert!(shown.body.contains(message), "{message}\n{}", shown.body);
            assert_eq!(
                count(&db, "SELECT COUNT(*) FROM meeting_places").await,
                before,
                "nothing stored: {message}"
            );
        }
        // The input comes back after an error.
        post(
            &app,
            "/org/places",
            &place_form("&slot_1_0_from=18%3A00&slot_1_0_to=09%3A00"),
            &coordinator,
        )
        .await;
        let kept = page(&app, "/coordinator/places", Some(&coordinator))
            .await
            .body;
        assert!(kept.contains("Café Miteinander"), "name kept");
        // A good place is stored with its hours, and found by the filter.
        let (_, to) = post(&app, "/org/places", &place_form(""), &coordinator).await;
        assert_eq!(to.as_deref(), Some("/coordinator/places"));
        let id: i64 = sqlx::query("SELECT id FROM meeting_places WHERE name = 'Café Miteinander'")
            .fetch_one(db.pool())
            .await
            .expect("stored")
            .try_get("id")
            .expect("id");
        assert_eq!(
            count(
                &db,
                &format!("SELECT COUNT(*) FROM place_hours WHERE place_id = {id}")
            )
            .await,
            2
        );
        let list = page(
            &app,
            "/places?quartier=linden-sued&feature=hearing_loop",
            None,
        )
        .await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Café Miteinander"));
        assert!(
            list.body.contains("Stadtteilbücherei am Beispielplatz"),
            "seeded hearing loop"
        );
        assert!(
            !list.body.contains("Nachbarschaftstreff Linden-Süd"),
            "no hearing loop there"
        );
        let detail = page(&app, &format!("/places/{id}"), None).await;
        assert!(
            detail.body.contains("Montag: 09:00–12:00, 14:00–18:00"),
            "{}",
            detail.body
        );
        assert!(detail.body.contains("Türkçe") || detail.body.contains("Türkisch"));
        let bad_filter = page(&app, "/places?place_kind=castle", None).await;
        assert_eq!(bad_filter.status, StatusCode::BAD_REQUEST);
        assert!(bad_filter
            .body
            .contains("Art des Ortes: Diesen Eintrag gibt es nicht."));
        // Another organisation may neither edit it nor act for organisation 1.
        let elsewhere = coordinator_elsewhere(&app, &db).await;
        let (status, _) = post(
            &app,
            "/org/places",
            &place_form(&format!("&place={id}")),
            &elsewhere,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let org3: i64 = count(
            &db,
            "SELECT id FROM organisations WHERE slug = 'kirchengemeinde-musterdorf'",
        )
        .await;
        let (_, _) = post(
            &app,
            "/org/places",
            &place_form(&format!("&place={id}"))
                .replace("organisation=1", &format!("organisation={org3}")),
            &elsewhere,
        )
        .await;
        let name: String = sqlx::query("SELECT name FROM meeting_places WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await
            .expect("place")
            .try_get("name")
            .expect("name");
        assert_eq!(
            name, "Café Miteinander",
            "unchanged by another organisation"
        );
        let own = page(&app, "/coordinator/places", Some(&elsewhere))
            .await
            .body;
        assert!(
            own.contains("Treffpunkt: Das gehört zu einer anderen Organisation.")
                || own.contains("Quartier oder Dorf: Das gehört zu einer anderen Organisation."),
            "{own}"
        );
    }
);

db_test!(
    events_count_who_comes_and_give_calendar_files,
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
        let (_, neighbour) = person(
            &app,
            &db,
            "helga@example.org",
            Some(QuartierRole::Neighbour),
            None,
        )
        .await;
        let place: i64 = count(
            &db,
            "SELECT id FROM meeting_places WHERE name = 'Nachbarschaftstreff Linden-Süd'",
        )
        .await;
        let event = |date: &str, start: &str, end: &str| {
            format!("organisation=1&place={place}&title={}&date={date}&start={start}&end={end}&weekly=on", enc("Spieleabend"))
        };
        let before = count(&db, "SELECT COUNT(*) FROM place_events").await;
        for (body, message) in [
            (
                event("2030-05-06", "19%3A00", "18%3A00"),
                "Bis: Das Ende liegt vor dem Anfang.",
            ),
            (
                event("2020-05-06", "18%3A00", "20%3A00"),
                "Datum: Der Zeitpunkt liegt in der Vergangenheit.",
            ),
            (event("6.5.2030", "18%3A00", "20%3A00"), "Datum:"),
        ] {
            post(&app, "/org/events", &body, &coordinator).await;
            let shown = page(&app, "/coordinator/places", Some(&coordinator))
                .await
                .body;
            assert!(shown.contains(message), "{message}");
            assert_eq!(
                count(&db, "SELECT COUNT(*) FROM place_events").await,
                before
            );
        }
        post(
            &app,
            "/org/events",
            &event("2030-05-06", "18%3A00", "20%3A00"),
            &coordinator,
        )
        .await;
        let id = count(
            &db,
            "SELECT id FROM place_events WHERE title = 'Spieleabend'",
        )
        .await;
        // I'll come, twice from one person counts once; a second post takes it back.
        let (_, to) = post(&app, &format!("/events/{id}/attend"), "", &neighbour).await;
        assert_eq!(to, Some(format!("/places/{place}#event-{id}")));
        assert_eq!(
            count(
                &db,
                &format!("SELECT COUNT(*) FROM event_attendance WHERE event_id = {id}")
            )
            .await,
            1
        );
        post(&app, &format!("/events/{id}/attend"), "", &coordinator).await;
        let shown = page(&app, &format!("/places/{place}"), Some(&neighbour))
            .await
            .body;
        assert!(shown.contains("2 kommen"), "{shown}");
        assert!(shown.contains("Ich komme doch nicht"));
        post(&app, &format!("/events/{id}/attend"), "", &neighbour).await;
        assert_eq!(
            count(
                &db,
                &format!("SELECT COUNT(*) FROM event_attendance WHERE event_id = {id}")
            )
            .await,
            1
        );
        // Visitors are sent to sign in; an unknown event is not found.
        let answer = send(
            &app,
            common::form(&format!("/events/{id}/attend"), "", None),
        )
        .await;
        assert!(answer.status.is_redirection() && answer.location().as_deref() == Some("/login"));
        let (_, to) = post(&app, "/events/999999/attend", "", &neighbour).await;
        assert_eq!(to.as_deref(), Some("/places"));
        // Calendar files.
        let one = page(&app, &format!("/events/{id}/calendar"), None).await;
        assert_eq!(one.status, StatusCode::OK);
        assert!(one.body.contains("SUMMARY:Spieleabend"));
        assert!(one.body.contains("RRULE:FREQ=WEEKLY"));
        let feed = page(&app, &format!("/places/{place}/calendar"), None).await;
        assert!(
            feed.body.contains("SUMMARY:Spieleabend")
                && feed.body.contains("SUMMARY:Nachbarschaftscafé"),
            "{}",
            feed.body
        );
        assert_eq!(
            page(&app, "/events/999999/calendar", None).await.status,
            StatusCode::NOT_FOUND
        );
    }
);

db_test!(
    a_reported_message_is_hidden_by_the_quartier_coordinator_and_the_reporter_hears_it,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let app = common::router(&db);
        let (_, neighbour) = person(
            &app,
            &db,
            "helga@example.org",
            Some(QuartierRole::Neighbour),
            None,
        )
        .await;
        let (coordinator_id, coordinator) = person(
            &app,
            &db,
            "kim@example.org",
            None,
            Some(OrgRole::Coordinator),
        )
        .await;
        let (_, outsider) = person(
            &app,
            &db,
            "olaf@example.org",
            Some(QuartierRole::Neighbour),
            None,
        )
        .await;
        // A need of the neighbour and a message the coordinator writes in its thread.
        let body = format!(
            "category=shopping&title={}&date=2030-05-06&start=10%3A00&end=11%3A30&quartier=linden-sued&helpers=1&contact_name={}&street_address={}&phone={}",
            enc("Einkauf"), enc("Helga Meier"), enc("Fröbelstraße 7"), enc("0511 445566")
        );
        let (_, to) = post(&app, "/requests/new", &body, &neighbour).await;
        let need: i64 = to
            .expect("need")
            .trim_start_matches("/requests/")
            .parse()
            .expect("id");
        post(
            &app,
            &format!("/requests/{need}/review"),
            "decision=approve",
            &coordinator,
        )
        .await;
        post(
            &app,
            &format!("/requests/{need}/messages"),
            &format!("body={}", enc("Du wirst schon sehen, was passiert.")),
            &coordinator,
        )
        .await;
        let message = count(&db, "SELECT MAX(id) FROM need_messages").await;
        let report = |reason: &str| {
            format!(
                "kind=message&id={message}&reason={reason}&details={}",
                enc("Das macht mir Angst.")
            )
        };
        // Someone who cannot see the thread, an unknown message, a bad reason: refused.
        for (cookie, body, message_text) in [
            (&outsider, report("threat"), "Gemeldeter Inhalt: Diesen Eintrag gibt es nicht."),
            (&neighbour, report("threat").replace(&format!("id={message}"), "id=999999"), "Gemeldeter Inhalt: Diesen Eintrag gibt es nicht."),
            (&neighbour, report("nonsense"), "Grund: Bitte ausfüllen."),
            (&coordinator, report("threat"), "Gemeldeter Inhalt: Bei Ihrem eigenen Gesuch, Ihren eigenen Beiträgen oder Ihrem eigenen Konto geht das nicht."),
        ] {
            let (_, to) = post(&app, "/reports", &body, cookie).await;
            let to = to.expect("back to the form");
            assert!(to.starts_with("/report?kind=message"), "{to}");
            let shown = page(&app, &to, Some(cookie)).await.body;
            assert!(shown.contains(message_text), "{message_text}\n{shown}");
        }
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM reports WHERE target_kind <> 'place'"
            )
            .await,
            0
        );
        // The neighbour reports it; a second identical report is refused.
        let (_, to) = post(&app, "/reports", &report("threat"), &neighbour).await;
        assert_eq!(to, Some(format!("/requests/{need}#message-{message}")));
        let (_, to) = post(&app, "/reports", &report("threat"), &neighbour).await;
        let shown = page(&app, &to.expect("back"), Some(&neighbour)).await.body;
        assert!(
            shown.contains("Gemeldeter Inhalt: Das haben Sie schon getan."),
            "{shown}"
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM reports WHERE target_kind <> 'place'"
            )
            .await,
            1
        );
        assert_eq!(
            count(
                &db,
                "SELECT urgent FROM reports WHERE target_kind = 'message'"
            )
            .await,
            1,
            "a threat is urgent"
        );
        // A coordinator of another Quartier does not see it and may not decide it.
        let elsewhere = coordinator_elsewhere(&app, &db).await;
        let queue = page(&app, "/coordinator/reports", Some(&elsewhere))
            .await
            .body;
        assert!(!queue.contains("Du wirst schon sehen"));
        let report_id = count(&db, "SELECT id FROM reports WHERE target_kind = 'message'").await;
        let (status, _) = post(
            &app,
            &format!("/coordinator/reports/{report_id}"),
            "decision=hide&note=Drohung",
            &elsewhere,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The Quartier's coordinator sees it first (urgent), needs a reason, hides it.
        let queue = page(&app, "/coordinator/reports", Some(&coordinator))
            .await
            .body;
        assert!(
            queue.contains("Du wirst schon sehen") && queue.contains("Dringend"),
            "{queue}"
        );
        post(
            &app,
            &format!("/coordinator/reports/{report_id}"),
            "decision=hide&note=",
            &coordinator,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_messages WHERE hidden_at IS NOT NULL"
            )
            .await,
            0
        );
        post(
            &app,
            &format!("/coordinator/reports/{report_id}"),
            "decision=suspend&note=x",
            &coordinator,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM users WHERE suspended_at IS NOT NULL"
            )
            .await,
            0,
            "no suspending oneself"
        );
        let (_, to) = post(
            &app,
            &format!("/coordinator/reports/{report_id}"),
            &format!("decision=hide&note={}", enc("Drohung gegen die Nachbarin")),
            &coordinator,
        )
        .await;
        assert_eq!(to, Some(format!("/coordinator/reports#report-{report_id}")));
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_messages WHERE hidden_at IS NOT NULL"
            )
            .await,
            1
        );
        let thread = page(&app, &format!("/requests/{need}"), Some(&neighbour))
            .await
            .body;
        assert!(
            !thread.contains("Du wirst schon sehen"),
            "hidden from the thread"
        );
        assert!(thread.contains("Diese Nachricht wurde von der Moderation ausgeblendet."));
        // Audited, and the reporter got a letter with the outcome.
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM audit_log WHERE action = 'content_hidden' AND actor_id = {coordinator_id}")).await, 1);
        let letters = count(&db, "SELECT COUNT(*) FROM outbox WHERE recipient = 'helga@example.org' AND body LIKE '%Der Inhalt wurde ausgeblendet.%'").await;
        assert_eq!(letters, 1);
        // Reporting it again is refused: it is no longer there.
        let (_, to) = post(&app, "/reports", &report("harassment"), &neighbour).await;
        assert!(to.expect("back").starts_with("/report?"));
        // Unhide brings it back.
        post(
            &app,
            &format!("/coordinator/reports/{report_id}"),
            "decision=unhide&note=Irrtum",
            &coordinator,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_messages WHERE hidden_at IS NOT NULL"
            )
            .await,
            0
        );
    }
);

db_test!(
    a_suspended_account_cannot_sign_in_until_the_suspension_is_lifted,
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
        let (olaf, olaf_cookie) = person(
            &app,
            &db,
            "olaf@example.org",
            Some(QuartierRole::Neighbour),
            None,
        )
        .await;
        let (_, neighbour) = person(
            &app,
            &db,
            "helga@example.org",
            Some(QuartierRole::Neighbour),
            None,
        )
        .await;
        // A person the neighbour never met through a need cannot be reported by them.
        let (_, to) = post(
            &app,
            "/reports",
            &format!("kind=user&id={olaf}&reason=harassment"),
            &neighbour,
        )
        .await;
        assert!(to.expect("back").starts_with("/report?"));
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM reports WHERE target_kind <> 'place'"
            )
            .await,
            0
        );
        // Coordinators may report anyone of their Quartiere; the report reaches the queue.
        let (_, to) = post(
            &app,
            "/reports",
            &format!("kind=user&id={olaf}&reason=scam"),
            &coordinator,
        )
        .await;
        assert_eq!(to.as_deref(), Some("/me"));
        let report = count(&db, "SELECT id FROM reports WHERE target_kind = 'user'").await;
        post(
            &app,
            &format!("/coordinator/reports/{report}"),
            "decision=hide&note=x",
            &coordinator,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM reports WHERE status = 'open' AND target_kind = 'user'"
            )
            .await,
            1,
            "a person is not hidden"
        );
        post(
            &app,
            &format!("/coordinator/reports/{report}"),
            &format!("decision=suspend&note={}", enc("Betrugsversuche")),
            &coordinator,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'account_suspended'"
            )
            .await,
            1
        );
        // Signed out at the next request, and sign-in is refused with a clear answer.
        let me = page(&app, "/me", Some(&olaf_cookie)).await;
        assert!(
            me.status.is_redirection() || me.body.contains("Anmelden"),
            "signed out"
        );
        let answer = send(
            &app,
            common::form(
                "/login",
                &format!(
                    "email=olaf%40example.org&password={}",
                    enc(common::PERSON_PASSWORD)
                ),
                None,
            ),
        )
        .await;
        assert_eq!(answer.location().as_deref(), Some("/login?error=suspended"));
        let login = page(&app, "/login?error=suspended", None).await.body;
        assert!(login.contains("Dieses Konto ist gesperrt."));
        post(
            &app,
            &format!("/coordinator/reports/{report}"),
            &format!("decision=unsuspend&note={}", enc("geklärt")),
            &coordinator,
        )
        .await;
        let answer = send(
            &app,
            common::form(
                "/login",
                &format!(
                    "email=olaf%40example.org&password={}",
                    enc(common::PERSON_PASSWORD)
                ),
                None,
            ),
        )
        .await;
        assert_eq!(answer.location().as_deref(), Some("/me"));
    }
);

db_test!(
    services_are_searchable_and_mediation_reaches_only_the_quartier_coordinators,
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
        let (_, neighbour) = person(
            &app,
            &db,
            "helga@example.org",
            Some(QuartierRole::Neighbour),
            None,
        )
        .await;
        // Search: words, topic and Quartier; an unknown topic is named.
        let found = page(&app, "/services?q=schulden&quartier=linden-sued", None)
            .await
            .body;
        assert!(found.contains("Schuldnerberatung Linden"));
        assert!(!found.contains("Migrationsberatung für Erwachsene"));
        let found = page(&app, "/services?topic=mediation", None).await.body;
        assert!(found.contains("Nachbarschaftsvermittlung Linden"));
        assert!(!found.contains("Schuldnerberatung Linden"));
        let found = page(&app, "/services?q=100%25", None).await;
        assert_eq!(
            found.status,
            StatusCode::OK,
            "wildcards are taken literally"
        );
        assert!(!found.body.contains("Schuldnerberatung Linden"));
        let bad = page(&app, "/services?topic=astrology", None).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        // Coordinators add a service; without any contact it is refused.
        let service = |extra: &str| {
            format!(
                "organisation=1&quartier=linden-sued&topic=housing&title={}{extra}",
                enc("Mieterberatung")
            )
        };
        post(&app, "/org/services", &service(""), &coordinator).await;
        let shown = page(&app, "/coordinator/places", Some(&coordinator))
            .await
            .body;
        assert!(shown.contains("Telefon: Bitte ausfüllen."), "{shown}");
        post(
            &app,
            "/org/services",
            &service("&phone=0511%20123"),
            &coordinator,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM services WHERE title = 'Mieterberatung'"
            )
            .await,
            1
        );
        // Editing keeps the entry and prefills the form.
        let service_id = count(
            &db,
            "SELECT id FROM services WHERE title = 'Mieterberatung'",
        )
        .await;
        post(
            &app,
            "/org/services",
            &format!(
                "organisation=1&service={service_id}&quartier=linden-sued&topic=housing&title={}&phone=0511%20123",
                enc("Mieterberatung Linden")
            ),
            &coordinator,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM services WHERE title = 'Mieterberatung Linden'"
            )
            .await,
            1
        );
        let edit = page(
            &app,
            &format!("/coordinator/places?service={service_id}"),
            Some(&coordinator),
        )
        .await
        .body;
        assert!(
            edit.contains("Angebot bearbeiten") && edit.contains("value=\"Mieterberatung Linden\""),
            "{edit}"
        );
        // /help shows the services of the neighbour's Quartier.
        let help = page(&app, "/help", Some(&neighbour)).await.body;
        assert!(
            help.contains("Mieterberatung") && help.contains("116 016"),
            "{help}"
        );
        // A confidential mediation request: only the Quartier's coordinators read it.
        post(
            &app,
            "/help/conflict",
            "quartier=linden-sued&situation=",
            &neighbour,
        )
        .await;
        assert!(page(&app, "/help/conflict", Some(&neighbour))
            .await
            .body
            .contains("Worum geht es?: Bitte ausfüllen."));
        let text = "Der Nachbar über mir dreht nachts laut Musik auf.";
        post(
            &app,
            "/help/conflict",
            &format!(
                "quartier=linden-sued&situation={}&reachable={}",
                enc(text),
                enc("abends")
            ),
            &neighbour,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM mediation_requests WHERE description LIKE '%laut Musik%'"
            )
            .await,
            1
        );
        assert!(page(&app, "/coordinator/mediation", Some(&coordinator))
            .await
            .body
            .contains(text));
        let elsewhere = coordinator_elsewhere(&app, &db).await;
        // Another organisation cannot change the entry, even naming its own organisation.
        let org3 = count(
            &db,
            "SELECT id FROM organisations WHERE slug = 'kirchengemeinde-musterdorf'",
        )
        .await;
        post(
            &app,
            "/org/services",
            &format!("organisation={org3}&service={service_id}&quartier=musterdorf&topic=housing&title=X&phone=0511%20123"),
            &elsewhere,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM services WHERE title = 'Mieterberatung Linden'"
            )
            .await,
            1
        );
        assert!(page(&app, "/coordinator/places", Some(&elsewhere))
            .await
            .body
            .contains("Angebot: Das gehört zu einer anderen Organisation."));
        assert!(!page(&app, "/coordinator/mediation", Some(&elsewhere))
            .await
            .body
            .contains(text));
        assert!(
            !page(&app, "/requests", None).await.body.contains(text),
            "never public"
        );
        let id = count(
            &db,
            "SELECT id FROM mediation_requests WHERE description LIKE '%laut Musik%'",
        )
        .await;
        let (status, _) = post(
            &app,
            &format!("/coordinator/mediation/{id}"),
            "status=closed&notes=x",
            &elsewhere,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        post(
            &app,
            &format!("/coordinator/mediation/{id}"),
            &format!("status=in_progress&notes={}", enc("Termin am Dienstag")),
            &coordinator,
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM mediation_requests WHERE status = 'in_progress'"
            )
            .await,
            1
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'mediation_%'"
            )
            .await,
            2
        );
        let mine = page(&app, "/help/conflict", Some(&neighbour)).await.body;
        assert!(
            mine.contains("In Bearbeitung") && !mine.contains("Termin am Dienstag"),
            "status, not notes"
        );
        // The coordinators heard of it by letter, without its content.
        let letters = count(&db, "SELECT COUNT(*) FROM outbox WHERE recipient = 'kim@example.org' AND subject LIKE '%Vermittlung%'").await;
        assert_eq!(letters, 1);
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM outbox WHERE body LIKE '%laut Musik%'"
            )
            .await,
            0
        );
    }
);

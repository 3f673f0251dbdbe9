//! The account journeys through the real router, on SQLite and PostgreSQL: register,
//! confirm the address, sign in; forgotten and changed passwords; a new e-mail address;
//! invitations to an organisation's team; the data export; deleting the account.

use app::audit::{db::count, Action};
use app::db::Db;
use app::db_test;
use axum::http::StatusCode;
use axum::Router;
use common::{cookie_pair, enc, follow, form, page, send, signed_in, token_from_mail, Answer};
use sqlx::Row;

mod common;

const PASSWORD: &str = "Lindenblüte-am-Markt";

async fn seeded(db: &Db) -> Router {
    server::seed::seed_demo(db, 1, false).await.expect("seed");
    common::router(db)
}

/// Posts a form and opens the page it redirects to, with the session it set.
async fn post_and_follow(
    app: &Router,
    uri: &str,
    body: &str,
    cookie: Option<&str>,
) -> (Answer, Answer, Option<String>) {
    let posted = send(app, form(uri, body, cookie)).await;
    assert!(
        posted.status.is_redirection(),
        "{uri}: {} {}",
        posted.status,
        posted.body
    );
    let cookie = posted
        .cookie()
        .map(|c| cookie_pair(&c))
        .or_else(|| cookie.map(str::to_owned));
    let followed = follow(app, &posted, cookie.as_deref()).await;
    (posted, followed, cookie)
}

fn registration(name: &str, email: &str, password: &str, repeat: &str) -> String {
    format!(
        "name={}&email={}&password={}&password_repeat={}&volunteer=on&quartier=linden-sued",
        enc(name),
        enc(email),
        enc(password),
        enc(repeat)
    )
}

async fn users_with(db: &Db, email: &str) -> i64 {
    sqlx::query("SELECT COUNT(*) AS n FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(db.pool())
        .await
        .expect("count")
        .try_get("n")
        .expect("n")
}

async fn login(app: &Router, email: &str, password: &str) -> Answer {
    send(
        app,
        form(
            "/login",
            &format!("email={}&password={}", enc(email), enc(password)),
            None,
        ),
    )
    .await
}

db_test!(
    register_confirm_the_address_then_sign_in,
    |db: Db| async move {
        let app = seeded(&db).await;
        let email = "helga.meier@example.org";
        let (posted, login_page, _) = post_and_follow(
            &app,
            "/register",
            &registration("Helga Meier", email, PASSWORD, PASSWORD),
            None,
        )
        .await;
        assert_eq!(posted.location().as_deref(), Some("/login"));
        assert!(
            login_page
                .body
                .contains("Bitte schauen Sie in Ihr E-Mail-Postfach"),
            "{}",
            login_page.body
        );

        // Not yet confirmed: the right password sends a fresh link instead of a session.
        let early = login(&app, email, PASSWORD).await;
        assert_eq!(early.location().as_deref(), Some("/login"));
        let token = token_from_mail(&db, email, "/verify")
            .await
            .expect("verification letter");
        let verify_page = page(&app, &format!("/verify?token={token}"), None).await;
        assert_eq!(verify_page.status, StatusCode::OK);
        assert!(verify_page.body.contains("action=\"/verify\""));

        let (done, after, _) =
            post_and_follow(&app, "/verify", &format!("token={token}"), None).await;
        assert_eq!(done.location().as_deref(), Some("/login"));
        assert!(after.body.contains("Ihre E-Mail-Adresse ist bestätigt"));
        let (again, again_page, _) =
            post_and_follow(&app, "/verify", &format!("token={token}"), None).await;
        assert!(again
            .location()
            .expect("back")
            .starts_with("/verify?token="));
        assert!(
            again_page
                .body
                .contains("abgelaufen oder wurde schon benutzt"),
            "a link works once"
        );

        let signed = login(&app, email, PASSWORD).await;
        assert_eq!(signed.location().as_deref(), Some("/me"));
        let cookie = cookie_pair(&signed.cookie().expect("cookie"));
        let me = page(&app, "/me", Some(&cookie)).await;
        assert!(me.body.contains("Helga Meier") && me.body.contains(email));
        assert!(
            me.body.contains("Hilft mit – Linden-Süd"),
            "the volunteer role in the Quartier"
        );
        for action in [Action::Registered, Action::EmailVerified, Action::SignedIn] {
            assert_eq!(count(&db, action).await.expect("audit"), 1, "{action:?}");
        }
    }
);

db_test!(
    a_taken_address_gets_the_same_answer_and_its_owner_a_note,
    |db: Db| async move {
        let app = seeded(&db).await;
        let email = "doppelt@example.org";
        let first = send(
            &app,
            form(
                "/register",
                &registration("Erste", email, PASSWORD, PASSWORD),
                None,
            ),
        )
        .await;
        let second = send(
            &app,
            form(
                "/register",
                &registration(
                    "Zweite",
                    email,
                    "Anderes-Passwort-99",
                    "Anderes-Passwort-99",
                ),
                None,
            ),
        )
        .await;
        assert_eq!(first.location(), second.location());
        assert_eq!(first.status, second.status);
        assert_eq!(users_with(&db, email).await, 1);
        let letters = app::mail::outbox::latest(&db, 10).await.expect("outbox");
        assert!(letters
            .iter()
            .any(|m| m.recipient == email && m.subject.contains("schon ein Konto")));
    }
);

db_test!(
    bad_registrations_name_the_field_keep_the_input_and_store_nothing,
    |db: Db| async move {
        let app = seeded(&db).await;
        let cases = [
            (registration("Kurt", "kurt@example.org", "Passwort123", "Passwort123"), "zu leicht zu erraten"),
            (registration("Kurt", "kurt@example.org", "kurz", "kurz"), "mindestens 10 Zeichen"),
            (registration("Kurt", "kurt@example.org", PASSWORD, "etwas-anderes-123"), "Passwort wiederholen: Die Angaben passen nicht zusammen"),
            (registration("", "kurt@example.org", PASSWORD, PASSWORD), "Bitte ausfüllen"),
            (registration("Kurt", "kein-at-zeichen", PASSWORD, PASSWORD), "E-Mail-Adresse: Die Eingabe hat nicht die erwartete Form"),
            (format!("name=Kurt&email=kurt%40example.org&password={0}&password_repeat={0}&neighbour=on&quartier=atlantis", enc(PASSWORD)), "Diesen Eintrag gibt es nicht"),
            (format!("name=Kurt&email=kurt%40example.org&password={0}&password_repeat={0}&neighbour=on", enc(PASSWORD)), "Quartier oder Dorf: Bitte ausfüllen"),
            (registration(&"x".repeat(500), "kurt@example.org", PASSWORD, PASSWORD), "zu lang"),
        ];
        for (body, message) in cases {
            let (posted, again, _) = post_and_follow(&app, "/register", &body, None).await;
            assert_eq!(posted.location().as_deref(), Some("/register"), "{message}");
            assert_eq!(again.status, StatusCode::OK);
            assert!(again.body.contains(message), "{message}: {}", again.body);
            assert!(!again.body.contains(PASSWORD), "passwords never come back");
        }
        let (_, again, _) = post_and_follow(
            &app,
            "/register",
            &registration("Kurt Krause", "kurt@example.org", "kurz", "kurz"),
            None,
        )
        .await;
        assert!(
            again.body.contains("value=\"Kurt Krause\"")
                && again.body.contains("value=\"kurt@example.org\""),
            "input kept"
        );
        assert_eq!(
            users_with(&db, "kurt@example.org").await,
            0,
            "nothing half-written"
        );

        // Script in a name is stored as text and shown escaped.
        let script = "<script>alert(1)</script>";
        send(
            &app,
            form(
                "/register",
                &registration(script, "skript@example.org", PASSWORD, PASSWORD),
                None,
            ),
        )
        .await;
        let token = token_from_mail(&db, "skript@example.org", "/verify")
            .await
            .expect("letter");
        send(&app, form("/verify", &format!("token={token}"), None)).await;
        let cookie = cookie_pair(
            &login(&app, "skript@example.org", PASSWORD)
                .await
                .cookie()
                .expect("cookie"),
        );
        let me = page(&app, "/me", Some(&cookie)).await;
        assert!(!me.body.contains(script) && me.body.contains("&lt;script&gt;"));
    }
);

db_test!(
    a_forgotten_password_is_reset_by_link_and_old_sessions_end,
    |db: Db| async move {
        let app = seeded(&db).await;
        let email = "vergesslich@example.org";
        let (_, old_session) = signed_in(&app, &db, email, PASSWORD).await;
        let known = send(
            &app,
            form("/password/forgot", &format!("email={}", enc(email)), None),
        )
        .await;
        let unknown = send(
            &app,
            form("/password/forgot", "email=niemand%40example.org", None),
        )
        .await;
        assert_eq!(
            known.location(),
            unknown.location(),
            "the answer does not reveal accounts"
        );
        assert!(
            token_from_mail(&db, "niemand@example.org", "/password/reset")
                .await
                .is_none()
        );
        let token = token_from_mail(&db, email, "/password/reset")
            .await
            .expect("reset letter");

        let (weak, weak_page, _) = post_and_follow(
            &app,
            "/password/reset",
            &format!("token={token}&password=1234567890&password_repeat=1234567890"),
            None,
        )
        .await;
        assert!(weak
            .location()
            .expect("back")
            .starts_with("/password/reset?token="));
        assert!(weak_page.body.contains("zu leicht zu erraten"));
        let new_password = "Neues-Fahrrad-im-Hof";
        let (done, _, _) = post_and_follow(
            &app,
            "/password/reset",
            &format!(
                "token={token}&password={0}&password_repeat={0}",
                enc(new_password)
            ),
            None,
        )
        .await;
        assert_eq!(
            done.location().as_deref(),
            Some("/login"),
            "the refused try did not use up the link"
        );
        let (reuse, _, _) = post_and_follow(
            &app,
            "/password/reset",
            &format!(
                "token={token}&password={0}&password_repeat={0}",
                enc("Noch-ein-Passwort-1")
            ),
            None,
        )
        .await;
        assert!(
            reuse
                .location()
                .expect("back")
                .starts_with("/password/reset"),
            "used once"
        );

        assert_eq!(
            page(&app, "/me", Some(&old_session)).await.status,
            StatusCode::FOUND,
            "old sessions end"
        );
        assert_eq!(
            login(&app, email, PASSWORD).await.location().as_deref(),
            Some("/login?error=credentials")
        );
        assert_eq!(
            login(&app, email, new_password).await.location().as_deref(),
            Some("/me")
        );
        assert_eq!(count(&db, Action::PasswordReset).await.expect("audit"), 1);
    }
);

db_test!(
    reset_requests_are_throttled_per_address,
    |db: Db| async move {
        let app = seeded(&db).await;
        let mut last = StatusCode::OK;
        for _ in 0..6 {
            last = send(
                &app,
                form("/password/forgot", "email=ziel%40example.org", None),
            )
            .await
            .status;
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    }
);

db_test!(
    changing_the_password_keeps_this_session_and_ends_the_others,
    |db: Db| async move {
        let app = seeded(&db).await;
        let email = "wechsel@example.org";
        let (_, here) = signed_in(&app, &db, email, PASSWORD).await;
        let elsewhere = cookie_pair(&login(&app, email, PASSWORD).await.cookie().expect("cookie"));
        let new_password = "Kastanien-im-Herbst-3";
        let (wrong, wrong_page, _) = post_and_follow(
            &app,
            "/me/password",
            &format!(
                "current_password=falsch-falsch&password={0}&password_repeat={0}",
                enc(new_password)
            ),
            Some(&here),
        )
        .await;
        assert_eq!(wrong.location().as_deref(), Some("/me#password"));
        assert!(wrong_page
            .body
            .contains("Ihr jetziges Passwort: Das stimmt leider nicht."));
        let (ok, me, here) = post_and_follow(
            &app,
            "/me/password",
            &format!(
                "current_password={}&password={1}&password_repeat={1}",
                enc(PASSWORD),
                enc(new_password)
            ),
            Some(&here),
        )
        .await;
        assert_eq!(ok.location().as_deref(), Some("/me"));
        assert!(me.body.contains("Ihr Passwort ist geändert"), "{}", me.body);
        assert_eq!(
            page(&app, "/me", here.as_deref()).await.status,
            StatusCode::OK,
            "this session goes on"
        );
        assert_eq!(
            page(&app, "/me", Some(&elsewhere)).await.status,
            StatusCode::FOUND,
            "others end"
        );
        let letters = app::mail::outbox::latest(&db, 10).await.expect("outbox");
        assert!(letters
            .iter()
            .any(|m| m.recipient == email && m.subject.contains("Passwort wurde geändert")));
    }
);

db_test!(
    a_new_address_counts_only_after_its_link_is_used,
    |db: Db| async move {
        let app = seeded(&db).await;
        let (old, new) = ("alt@example.org", "neu@example.org");
        let (_, cookie) = signed_in(&app, &db, old, PASSWORD).await;
        let (asked, _, cookie) = post_and_follow(
            &app,
            "/me/email",
            &format!("email={}&current_password={}", enc(new), enc(PASSWORD)),
            Some(&cookie),
        )
        .await;
        assert_eq!(asked.location().as_deref(), Some("/me"));
        assert_eq!(users_with(&db, old).await, 1, "unchanged until confirmed");
        let token = token_from_mail(&db, new, "/email/confirm")
            .await
            .expect("letter to the new address");
        let (done, me, _) = post_and_follow(
            &app,
            "/email/confirm",
            &format!("token={token}"),
            cookie.as_deref(),
        )
        .await;
        assert_eq!(done.location().as_deref(), Some("/me"));
        assert!(me.body.contains(new));
        assert_eq!(users_with(&db, new).await, 1);
        let letters = app::mail::outbox::latest(&db, 10).await.expect("outbox");
        assert!(
            letters
                .iter()
                .any(|m| m.recipient == old && m.body.contains(new)),
            "the old address is told"
        );
        assert_eq!(
            login(&app, new, PASSWORD).await.location().as_deref(),
            Some("/me")
        );
    }
);

async fn first_org(db: &Db) -> (i64, String) {
    let row = sqlx::query("SELECT id, name FROM organisations ORDER BY id")
        .fetch_one(db.pool())
        .await
        .expect("org");
    (
        row.try_get("id").expect("id"),
        row.try_get("name").expect("name"),
    )
}

async fn org_admin(app: &Router, db: &Db, email: &str, org: i64) -> String {
    let (id, _) = signed_in(app, db, email, PASSWORD).await;
    let mut conn = db.pool().acquire().await.expect("conn");
    app::auth::db::grant_org_role(&mut conn, id, org, app::auth::policy::OrgRole::OrgAdmin)
        .await
        .expect("role");
    drop(conn);
    cookie_pair(&login(app, email, PASSWORD).await.cookie().expect("cookie"))
}

db_test!(
    an_org_admin_invites_a_coordinator_who_registers_through_the_link,
    |db: Db| async move {
        let app = seeded(&db).await;
        let (org, org_name) = first_org(&db).await;
        let admin = org_admin(&app, &db, "leitung@example.org", org).await;
        let invited = "neue.koordination@example.org";

        let (bad, bad_page, _) = post_and_follow(
            &app,
            "/org/invite",
            &format!("organisation={org}&email=nicht-gueltig&role=coordinator"),
            Some(&admin),
        )
        .await;
        assert_eq!(bad.location().as_deref(), Some("/coordinator"));
        assert!(bad_page
            .body
            .contains("E-Mail-Adresse: Die Eingabe hat nicht die erwartete Form"));
        let (sent, coordinator_page, _) = post_and_follow(
            &app,
            "/org/invite",
            &format!("organisation={org}&email={}&role=coordinator", enc(invited)),
            Some(&admin),
        )
        .await;
        assert_eq!(sent.location().as_deref(), Some("/coordinator"));
        assert!(coordinator_page
            .body
            .contains("Die Einladung ist verschickt"));
        assert!(
            coordinator_page.body.contains(invited),
            "pending invitation listed"
        );

        let token = token_from_mail(&db, invited, "/invitation")
            .await
            .expect("invitation letter");
        let invitation = page(&app, &format!("/invitation?token={token}"), None).await;
        assert_eq!(invitation.status, StatusCode::OK);
        assert!(invitation.body.contains(&org_name), "{}", invitation.body);
        let wrong_address = format!("name=Jemand&email=anders%40example.org&password={0}&password_repeat={0}&invitation={token}", enc(PASSWORD));
        let (refused, _, _) = post_and_follow(&app, "/register", &wrong_address, None).await;
        assert!(refused
            .location()
            .expect("back")
            .starts_with("/invitation?token="));
        assert_eq!(users_with(&db, "anders@example.org").await, 0);

        let body = format!(
            "name=Nora+Neu&email={}&password={1}&password_repeat={1}&invitation={token}",
            enc(invited),
            enc(PASSWORD)
        );
        let (joined, coordination, cookie) = post_and_follow(&app, "/register", &body, None).await;
        assert_eq!(joined.location().as_deref(), Some("/coordinator"));
        assert_eq!(coordination.status, StatusCode::OK);
        assert!(
            coordination.body.contains("Willkommen im Team")
                && coordination.body.contains(&org_name)
        );
        assert_eq!(
            page(&app, "/coordinator", cookie.as_deref()).await.status,
            StatusCode::OK
        );

        let admin_view = page(&app, "/coordinator", Some(&admin)).await;
        assert!(
            admin_view.body.contains("Nora Neu"),
            "the team lists the new coordinator"
        );
        assert!(
            admin_view.body.contains("Einladung angenommen"),
            "the audit log shows it"
        );
        assert_eq!(count(&db, Action::InvitationSent).await.expect("audit"), 1);
        assert_eq!(count(&db, Action::RoleGranted).await.expect("audit"), 1);
        let reuse = send(
            &app,
            form("/register", &body.replace("Nora+Neu", "Noch+Mal"), None),
        )
        .await;
        assert!(
            reuse.location().expect("back").starts_with("/invitation"),
            "an invitation works once"
        );
    }
);

db_test!(
    an_existing_account_accepts_an_invitation_and_gets_a_new_session_id,
    |db: Db| async move {
        let app = seeded(&db).await;
        let (org, _) = first_org(&db).await;
        let admin = org_admin(&app, &db, "leitung@example.org", org).await;
        let email = "schon.da@example.org";
        let (_, cookie) = signed_in(&app, &db, email, PASSWORD).await;
        assert_eq!(
            page(&app, "/coordinator", Some(&cookie)).await.status,
            StatusCode::FORBIDDEN
        );
        send(
            &app,
            form(
                "/org/invite",
                &format!("organisation={org}&email={}&role=org_admin", enc(email)),
                Some(&admin),
            ),
        )
        .await;
        let token = token_from_mail(&db, email, "/invitation")
            .await
            .expect("letter");
        let accepted = send(
            &app,
            form("/invitation", &format!("token={token}"), Some(&cookie)),
        )
        .await;
        assert_eq!(accepted.location().as_deref(), Some("/coordinator"));
        let rotated = cookie_pair(&accepted.cookie().expect("new session id"));
        assert_ne!(rotated, cookie);
        let area = page(&app, "/coordinator", Some(&rotated)).await;
        assert_eq!(area.status, StatusCode::OK);
        assert!(
            area.body.contains("Jemanden einladen"),
            "now an org admin of the organisation"
        );
    }
);

db_test!(
    only_the_organisations_admins_manage_its_team,
    |db: Db| async move {
        let app = seeded(&db).await;
        let (org, _) = first_org(&db).await;
        let admin = org_admin(&app, &db, "leitung@example.org", org).await;
        let (coordinator_id, coordinator) =
            signed_in(&app, &db, "koordination@example.org", PASSWORD).await;
        let mut conn = db.pool().acquire().await.expect("conn");
        app::auth::db::grant_org_role(
            &mut conn,
            coordinator_id,
            org,
            app::auth::policy::OrgRole::Coordinator,
        )
        .await
        .expect("role");
        drop(conn);
        let as_coordinator = send(
            &app,
            form(
                "/org/invite",
                &format!("organisation={org}&email=x%40example.org&role=org_admin"),
                Some(&coordinator),
            ),
        )
        .await;
        assert_eq!(
            as_coordinator.status,
            StatusCode::FORBIDDEN,
            "a coordinator cannot invite"
        );
        let other_org = send(
            &app,
            form(
                "/org/invite",
                &format!(
                    "organisation={}&email=x%40example.org&role=coordinator",
                    org + 1
                ),
                Some(&admin),
            ),
        )
        .await;
        assert_eq!(
            other_org.status,
            StatusCode::FORBIDDEN,
            "an admin of one organisation cannot invite to another"
        );
        let removed = send(
            &app,
            form(
                "/org/remove",
                &format!("organisation={org}&user={coordinator_id}&role=coordinator"),
                Some(&admin),
            ),
        )
        .await;
        assert_eq!(removed.location().as_deref(), Some("/coordinator"));
        assert_eq!(
            page(&app, "/coordinator", Some(&coordinator)).await.status,
            StatusCode::FORBIDDEN,
            "the role is gone at once"
        );
        assert_eq!(count(&db, Action::RoleRevoked).await.expect("audit"), 1);
        let visitor = page(&app, "/coordinator", None).await;
        assert_eq!(visitor.status, StatusCode::FOUND);
        assert_eq!(visitor.location().as_deref(), Some("/login"));
    }
);

db_test!(
    my_data_can_be_exported_and_my_account_deleted,
    |db: Db| async move {
        let app = seeded(&db).await;
        let email = "tschuess@example.org";
        let (id, cookie) = signed_in(&app, &db, email, PASSWORD).await;
        let export = page(&app, "/me/export", Some(&cookie)).await;
        assert_eq!(export.status, StatusCode::OK);
        assert!(export
            .header(axum::http::header::CONTENT_DISPOSITION)
            .expect("download")
            .contains("attachment"));
        let json: serde_json::Value = serde_json::from_str(&export.body).expect("json");
        assert_eq!(json["account"]["email"], email);
        assert!(json["security_events"]
            .as_array()
            .expect("events")
            .iter()
            .any(|e| e["action"] == "SignedIn"));
        assert_eq!(
            page(&app, "/me/export", None).await.location().as_deref(),
            Some("/login")
        );

        let (wrong, _, _) = post_and_follow(
            &app,
            "/me/delete",
            "current_password=falsch-falsch",
            Some(&cookie),
        )
        .await;
        assert_eq!(wrong.location().as_deref(), Some("/me#delete"));
        assert_eq!(users_with(&db, email).await, 1);
        let (gone, home, _) = post_and_follow(
            &app,
            "/me/delete",
            &format!("current_password={}", enc(PASSWORD)),
            Some(&cookie),
        )
        .await;
        assert_eq!(gone.location().as_deref(), Some("/"));
        assert!(home.body.contains("Ihr Konto ist gelöscht"));
        assert_eq!(users_with(&db, email).await, 0);
        let left: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM audit_log WHERE actor_id = $1 OR subject_id = $1",
        )
        .bind(id)
        .fetch_one(db.pool())
        .await
        .expect("count")
        .try_get("n")
        .expect("n");
        assert_eq!(left, 0, "no trace of the person in the log");
        assert_eq!(
            count(&db, Action::AccountDeleted).await.expect("audit"),
            1,
            "the event stays"
        );
        assert_eq!(
            page(&app, "/me", Some(&cookie)).await.status,
            StatusCode::FOUND
        );
        assert_eq!(
            login(&app, email, PASSWORD).await.location().as_deref(),
            Some("/login?error=credentials")
        );
    }
);

db_test!(
    hostile_input_to_the_account_forms_gets_a_clear_answer_never_a_server_error,
    |db: Db| async move {
        let app = seeded(&db).await;
        let long = "ü".repeat(20_000);
        let hostile = [
            "",
            " ",
            "\u{0}",
            "a\u{7}b",
            "\u{202e}gnp.exe",
            "<img src=x onerror=alert(1)>",
            "'; DROP TABLE users; --",
            "%FF%FE",
            long.as_str(),
            "😀😀😀😀😀😀😀😀😀😀",
            "-1",
            "99999999999999999999999",
        ];
        let (_, cookie) = signed_in(&app, &db, "fest@example.org", PASSWORD).await;
        for value in hostile {
            let v = enc(value);
            let posts = [
                ("/register", format!("name={v}&email={v}&password={v}&password_repeat={v}&neighbour=on&quartier={v}&invitation={v}")),
                ("/login", format!("email={v}&password={v}")),
                ("/verify", format!("token={v}")),
                ("/password/forgot", format!("email={v}")),
                ("/password/reset", format!("token={v}&password={v}&password_repeat={v}")),
                ("/email/confirm", format!("token={v}")),
                ("/invitation", format!("token={v}")),
                ("/me/password", format!("current_password={v}&password={v}&password_repeat={v}")),
                ("/me/email", format!("email={v}&current_password={v}")),
                ("/me/delete", format!("current_password={v}")),
                ("/org/invite", format!("organisation={v}&email={v}&role={v}")),
                ("/org/remove", format!("organisation={v}&user={v}&role={v}")),
            ];
            for (path, body) in posts {
                let answer = send(&app, form(path, &body, Some(&cookie))).await;
                assert!(
                    answer.status.is_redirection() || answer.status.is_client_error(),
                    "{path} with {:?}: {}",
                    value.chars().take(20).collect::<String>(),
                    answer.status
                );
            }
        }
        // Raw bytes that are not UTF-8 at all.
        let raw = axum::http::Request::post("/register")
            .header(
                axum::http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(axum::body::Body::from(vec![
                b'n', b'a', b'm', b'e', b'=', 0xff, 0xfe, 0xc3,
            ]))
            .expect("request");
        let answer = send(&app, raw).await;
        assert!(!answer.status.is_server_error(), "{}", answer.status);
        assert_eq!(
            users_with(&db, "fest@example.org").await,
            1,
            "the account is untouched"
        );
        let stored: i64 = sqlx::query("SELECT COUNT(*) AS n FROM users")
            .fetch_one(db.pool())
            .await
            .expect("count")
            .try_get("n")
            .expect("n");
        let demo_accounts =
            (1 + server::seed::DEMO_ACCOUNTS.len() + server::seed::VOLUNTEERS_PER_ROUND) as i64;
        assert_eq!(
            stored,
            demo_accounts + 1,
            "no account was created from hostile input"
        );
    }
);

db_test!(
    account_forms_refuse_posts_from_other_sites,
    |db: Db| async move {
        let app = seeded(&db).await;
        let (_, cookie) = signed_in(&app, &db, "opfer@example.org", PASSWORD).await;
        for path in [
            "/register",
            "/me/delete",
            "/me/email",
            "/org/invite",
            "/password/forgot",
        ] {
            let request = axum::http::Request::post(path)
                .header(
                    axum::http::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .header(axum::http::header::ORIGIN, "https://evil.example")
                .header(axum::http::header::COOKIE, &cookie)
                .body(axum::body::Body::from(format!(
                    "current_password={}",
                    enc(PASSWORD)
                )))
                .expect("request");
            assert_eq!(
                send(&app, request).await.status,
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
        assert_eq!(users_with(&db, "opfer@example.org").await, 1);
    }
);

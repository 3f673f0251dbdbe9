//! A need's staffing on SQLite and PostgreSQL: capacity under a storm of concurrent
//! sign-ups, the waitlist, withdrawal, confirmation with its audited reveal, logged time
//! and closing.

use app::auth::policy::{QuartierMembership, QuartierRole, Roles};
use app::auth::Viewer;
use app::db::Db;
use app::db_test;
use app::error::{AppError, Problem};
use app::requests::staffing::{self, SignUp};
use sqlx::Row;

fn site() -> app::ctx::SiteConfig {
    app::ctx::SiteConfig {
        base_url: "http://127.0.0.1:3000".into(),
        dev_mailbox: true,
        map_tiles: None,
    }
}

/// Volunteers as the sign-up functions see them.
async fn volunteers(db: &Db, count: usize, tag: &str) -> Vec<Viewer> {
    let mut tx = db.pool().begin().await.expect("tx");
    let mut viewers = Vec::with_capacity(count);
    for n in 0..count {
        let email = format!("{tag}-{n}@example.org");
        let id = app::auth::db::create_account(&mut tx, &email, &email, "x", "de", true)
            .await
            .expect("insert")
            .expect("new");
        viewers.push(Viewer {
            id,
            email,
            display_name: format!("Helfer {n}"),
            is_platform_admin: false,
            roles: Roles {
                quartiere: vec![QuartierMembership {
                    quartier_id: 1,
                    quartier_name: String::new(),
                    role: QuartierRole::Volunteer,
                }],
                ..Roles::default()
            },
        });
    }
    tx.commit().await.expect("commit");
    viewers
}

/// An open need with `places` places, far enough in the future.
async fn open_need(db: &Db, places: i64) -> (i64, i64) {
    server::seed::seed_demo(db, 1, true).await.expect("seed");
    let row = sqlx::query("SELECT id, organisation_id FROM needs ORDER BY id LIMIT 1")
        .fetch_one(db.pool())
        .await
        .expect("need");
    let (id, org): (i64, i64) = (
        row.try_get("id").expect("id"),
        row.try_get("organisation_id").expect("org"),
    );
    sqlx::query(
        "UPDATE needs SET helpers_needed = $2, helpers_filled = 0, status = 'open', posted_by = NULL,
                          starts_at = $3, ends_at = $3 + 7200 WHERE id = $1",
    )
    .bind(id)
    .bind(places)
    .bind(app::db::now() + 86_400)
    .execute(db.pool())
    .await
    .expect("open");
    (id, org)
}

async fn places(db: &Db, need: i64) -> (String, i64, i64) {
    let row = sqlx::query(
        "SELECT status, helpers_filled,
                (SELECT COUNT(*) FROM need_helpers h WHERE h.need_id = n.id AND h.state IN ('signed_up', 'confirmed')) AS holding
         FROM needs n WHERE id = $1",
    )
    .bind(need)
    .fetch_one(db.pool())
    .await
    .expect("need");
    (
        row.try_get("status").expect("s"),
        row.try_get("helpers_filled").expect("f"),
        row.try_get("holding").expect("h"),
    )
}

async fn everything_else(db: &Db, need: i64) -> Vec<(i64, String, i64)> {
    sqlx::query("SELECT id, status, helpers_filled FROM needs WHERE id <> $1 ORDER BY id")
        .bind(need)
        .fetch_all(db.pool())
        .await
        .expect("needs")
        .iter()
        .map(|r| {
            (
                r.try_get("id").expect("id"),
                r.try_get("status").expect("s"),
                r.try_get("helpers_filled").expect("f"),
            )
        })
        .collect()
}

db_test!(
    a_thousand_simultaneous_sign_ups_fill_exactly_three_places,
    |db: Db| async move {
        let (need, _) = open_need(&db, 3).await;
        let crowd = volunteers(&db, 1000, "sturm").await;
        let before = everything_else(&db, need).await;
        let tasks: Vec<_> = crowd
            .into_iter()
            .map(|viewer| {
                let db = db.clone();
                tokio::spawn(async move { staffing::sign_up(&db, &site(), &viewer, need).await })
            })
            .collect();
        let mut placed = 0;
        let mut waiting = 0;
        let mut refused = Vec::new();
        for task in tasks {
            match task.await.expect("task") {
                Ok(SignUp::Place) => placed += 1,
                Ok(SignUp::Waitlist) => waiting += 1,
                Err(e) => refused.push(e),
            }
        }
        assert_eq!(placed, 3, "exactly the places there are");
        assert!(
            refused.iter().all(|e| *e == AppError::Unavailable),
            "{refused:?}"
        );
        assert_eq!(places(&db, need).await, ("filled".to_owned(), 3, 3));
        let waitlisted: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM need_helpers WHERE need_id = $1 AND state = 'waitlisted'",
        )
        .bind(need)
        .fetch_one(db.pool())
        .await
        .expect("count")
        .try_get("n")
        .expect("n");
        assert_eq!(waitlisted, waiting);
        assert_eq!(
            everything_else(&db, need).await,
            before,
            "nothing else changed"
        );
    }
);

db_test!(
    the_waitlist_moves_up_when_a_helper_withdraws,
    |db: Db| async move {
        let (need, _) = open_need(&db, 1).await;
        let people = volunteers(&db, 3, "warte").await;
        assert_eq!(
            staffing::sign_up(&db, &site(), &people[0], need).await,
            Ok(SignUp::Place)
        );
        assert_eq!(
            staffing::sign_up(&db, &site(), &people[1], need).await,
            Ok(SignUp::Waitlist)
        );
        assert_eq!(
            staffing::sign_up(&db, &site(), &people[2], need).await,
            Ok(SignUp::Waitlist)
        );
        assert_eq!(
            staffing::sign_up(&db, &site(), &people[1], need).await,
            Err(AppError::validation("need", Problem::Duplicate)),
            "a second sign-up is refused"
        );
        staffing::withdraw(&db, &people[0], need)
            .await
            .expect("withdraw");
        assert_eq!(
            places(&db, need).await,
            ("filled".to_owned(), 1, 1),
            "the first waiting took the place"
        );
        let mut conn = db.pool().acquire().await.expect("conn");
        assert_eq!(
            staffing::helper_state(&mut conn, need, people[1].id)
                .await
                .expect("state"),
            Some(staffing::HelperState::SignedUp)
        );
        drop(conn);
        // Coming back after withdrawing is a new sign-up: to the waitlist now.
        assert_eq!(
            staffing::sign_up(&db, &site(), &people[0], need).await,
            Ok(SignUp::Waitlist)
        );
        assert_eq!(
            staffing::withdraw(&db, &volunteers(&db, 1, "fremd").await[0], need).await,
            Err(AppError::validation("need", Problem::Unknown)),
            "withdrawing needs a sign-up"
        );
    }
);

db_test!(
    confirming_reveals_the_contact_and_time_and_closing_follow,
    |db: Db| async move {
        let (need, org) = open_need(&db, 1).await;
        let helper = volunteers(&db, 1, "hilfe").await.remove(0);
        let neighbour = volunteers(&db, 1, "nachbar").await.remove(0);
        sqlx::query("UPDATE needs SET posted_by = $2 WHERE id = $1")
            .bind(need)
            .bind(neighbour.id)
            .execute(db.pool())
            .await
            .expect("poster");
        assert_eq!(
            staffing::sign_up(&db, &site(), &neighbour, need).await,
            Err(AppError::validation("need", Problem::Own)),
            "no sign-up for one's own need"
        );
        staffing::sign_up(&db, &site(), &helper, need)
            .await
            .expect("sign up");
        assert_eq!(
            staffing::log_time(&db, &helper, need, "90").await,
            Err(AppError::Forbidden),
            "only after confirmation"
        );
        let stranger = volunteers(&db, 1, "fremd").await.remove(0);
        assert_eq!(
            staffing::confirm_helper(&db, &site(), &stranger, need, &helper.id.to_string()).await,
            Err(AppError::Forbidden)
        );
        staffing::confirm_helper(&db, &site(), &neighbour, need, &helper.id.to_string())
            .await
            .expect("confirm");
        let reveals: i64 = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'contact_revealed' AND subject_id = $1 AND organisation_id = $2 AND detail = $3")
        .bind(helper.id)
        .bind(org)
        .bind(format!("need:{need}"))
        .fetch_one(db.pool())
        .await
        .expect("audit")
        .try_get("n")
        .expect("n");
        assert_eq!(reveals, 1, "the reveal is audited");
        assert_eq!(
            staffing::log_time(&db, &helper, need, "0").await,
            Err(AppError::validation("minutes", Problem::OutOfRange))
        );
        staffing::log_time(&db, &helper, need, "90")
            .await
            .expect("time");
        staffing::close(&db, &neighbour, need, "Vielen Dank!")
            .await
            .expect("close");
        assert_eq!(places(&db, need).await.0, "done");
        assert_eq!(
            staffing::logged_minutes(&db, helper.id)
                .await
                .expect("minutes"),
            90
        );
        assert_eq!(
            staffing::close(&db, &neighbour, need, "").await,
            Err(AppError::validation("need", Problem::Closed)),
            "closed once"
        );
        assert_eq!(
            staffing::sign_up(&db, &site(), &stranger, need).await,
            Err(AppError::validation("need", Problem::Closed)),
            "no sign-up for a closed need"
        );
    }
);

db_test!(
    lifecycle_jobs_expire_and_forget_and_are_idempotent,
    |db: Db| async move {
        use app::requests::jobs::{expire_passed, purge_private_details};
        let (need, _) = open_need(&db, 2).await;
        let now = app::db::now();
        // A need whose time has passed, and one closed 100 days ago.
        sqlx::query("UPDATE needs SET starts_at = $2, ends_at = $3 WHERE id = $1")
            .bind(need)
            .bind(now - 7200)
            .bind(now - 3600)
            .execute(db.pool())
            .await
            .expect("past");
        let old: i64 = sqlx::query("SELECT id FROM needs WHERE id <> $1 ORDER BY id")
            .bind(need)
            .fetch_one(db.pool())
            .await
            .expect("other")
            .try_get("id")
            .expect("id");
        sqlx::query("UPDATE needs SET status = 'done', closed_at = $2 WHERE id = $1")
            .bind(old)
            .bind(now - 100 * 86_400)
            .execute(db.pool())
            .await
            .expect("old");
        let expired_first = expire_passed(&db, now).await.expect("expire");
        assert!(expired_first >= 1);
        assert_eq!(places(&db, need).await.0, "expired");
        assert_eq!(
            expire_passed(&db, now).await.expect("again"),
            0,
            "idempotent"
        );
        let needs_before: i64 = sqlx::query("SELECT COUNT(*) AS n FROM needs")
            .fetch_one(db.pool())
            .await
            .expect("count")
            .try_get("n")
            .expect("n");
        assert_eq!(
            purge_private_details(&db, now, 90).await.expect("purge"),
            1,
            "only the old one"
        );
        assert_eq!(
            purge_private_details(&db, now, 90).await.expect("again"),
            0,
            "idempotent"
        );
        let private_left: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM need_private WHERE need_id = $1")
                .bind(old)
                .fetch_one(db.pool())
                .await
                .expect("count")
                .try_get("n")
                .expect("n");
        assert_eq!(private_left, 0);
        let needs_after: i64 = sqlx::query("SELECT COUNT(*) AS n FROM needs")
            .fetch_one(db.pool())
            .await
            .expect("count")
            .try_get("n")
            .expect("n");
        assert_eq!(needs_before, needs_after, "counts stay");
        let recent_private: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM need_private WHERE need_id = $1")
                .bind(need)
                .fetch_one(db.pool())
                .await
                .expect("count")
                .try_get("n")
                .expect("n");
        assert_eq!(recent_private, 1, "just expired: kept for now");
    }
);

db_test!(
    helpers_are_reminded_once_and_volunteers_get_one_digest_a_day,
    |db: Db| async move {
        use app::requests::jobs::{send_digests, send_reminders};
        let (need, _) = open_need(&db, 2).await;
        let now = app::db::now();
        sqlx::query("UPDATE needs SET starts_at = $2, ends_at = $2 + 3600 WHERE id = $1")
            .bind(need)
            .bind(now + 3600)
            .execute(db.pool())
            .await
            .expect("soon");
        let helper = volunteers(&db, 1, "erinnert").await.remove(0);
        staffing::sign_up(&db, &site(), &helper, need)
            .await
            .expect("sign up");
        assert_eq!(send_reminders(&db, &site(), now).await.expect("remind"), 1);
        assert_eq!(
            send_reminders(&db, &site(), now).await.expect("again"),
            0,
            "once"
        );
        let letters = app::mail::outbox::latest(&db, 10).await.expect("outbox");
        assert!(letters
            .iter()
            .any(|m| m.recipient == helper.email && m.subject.starts_with("Erinnerung")));

        let quartier: i64 = sqlx::query("SELECT quartier_id FROM needs WHERE id = $1")
            .bind(need)
            .fetch_one(db.pool())
            .await
            .expect("q")
            .try_get("quartier_id")
            .expect("id");
        let reader = volunteers(&db, 1, "leser").await.remove(0);
        let mut conn = db.pool().acquire().await.expect("conn");
        app::auth::db::grant_quartier_role(&mut conn, reader.id, quartier, QuartierRole::Volunteer)
            .await
            .expect("role");
        drop(conn);
        assert!(send_digests(&db, &site(), now).await.expect("digest") >= 1);
        let digest = app::mail::outbox::latest(&db, 50)
            .await
            .expect("outbox")
            .into_iter()
            .find(|m| m.recipient == reader.email)
            .expect("a digest for the volunteer");
        assert!(
            digest.body.contains(&format!("/requests/{need}")),
            "{}",
            digest.body
        );
        assert_eq!(
            send_digests(&db, &site(), now + 3600).await.expect("again"),
            0,
            "one a day"
        );
    }
);

db_test!(
    a_weekly_need_comes_again_a_week_later_once,
    |db: Db| async move {
        use app::requests::jobs::{expire_passed, repeat_weekly};
        let (need, _) = open_need(&db, 1).await;
        let now = app::db::now();
        let helper = volunteers(&db, 1, "woche").await.remove(0);
        staffing::sign_up(&db, &site(), &helper, need)
            .await
            .expect("sign up");
        sqlx::query("UPDATE needs SET weekly = 1, starts_at = $2, ends_at = $3 WHERE id = $1")
            .bind(need)
            .bind(now - 7200)
            .bind(now - 3600)
            .execute(db.pool())
            .await
            .expect("past");
        assert_eq!(repeat_weekly(&db, now).await.expect("repeat"), 1);
        assert_eq!(repeat_weekly(&db, now).await.expect("again"), 0, "once");
        let next = sqlx::query(
            "SELECT n.id, n.status, n.helpers_filled, n.starts_at, p.street_address FROM needs n
         JOIN need_private p ON p.need_id = n.id
         WHERE n.id = (SELECT repeated_as FROM needs WHERE id = $1)",
        )
        .bind(need)
        .fetch_one(db.pool())
        .await
        .expect("next occurrence");
        assert_eq!(next.try_get::<String, _>("status").expect("s"), "open");
        assert_eq!(
            next.try_get::<i64, _>("helpers_filled").expect("f"),
            0,
            "a fresh start"
        );
        assert_eq!(
            next.try_get::<i64, _>("starts_at").expect("t"),
            now - 7200 + 7 * 86_400
        );
        assert!(
            !next
                .try_get::<String, _>("street_address")
                .expect("a")
                .is_empty(),
            "private details go along"
        );
        expire_passed(&db, now).await.expect("expire");
        assert_eq!(
            places(&db, need).await.0,
            "expired",
            "the past occurrence ends"
        );
    }
);

//! The demo alliance and the scaled data sets, on both databases.

use app::db::Db;
use app::db_test;
use app::requests::filter::ValidFilter;
use app::requests::Category;
use sqlx::Row;

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(db.pool())
        .await
        .expect("count")
        .try_get(0)
        .expect("number")
}

db_test!(
    the_demo_alliance_has_the_promised_shape,
    |db: Db| async move {
        let report = server::seed::seed_demo(&db, 1, false)
            .await
            .expect("seed")
            .expect("written");
        assert_eq!(report.organisations, 3);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM organisations").await, 3);
        assert!(
            count(
                &db,
                "SELECT COUNT(*) FROM quartiere WHERE kind = 'quartier'"
            )
            .await
                >= 2
        );
        assert!(count(&db, "SELECT COUNT(*) FROM quartiere WHERE kind = 'dorf'").await >= 1);
        assert!(count(&db, "SELECT COUNT(*) FROM meeting_places").await >= 5);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM needs").await, 30);
        // 50 volunteers, and the demo volunteer's own profile.
        assert_eq!(count(&db, "SELECT COUNT(*) FROM volunteers").await, 51);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM volunteers WHERE user_id IS NULL").await,
            0,
            "every volunteer has an account"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(DISTINCT category) FROM needs").await,
            Category::ALL.len() as i64
        );
        // Every need has its private part, stored in its own table.
        assert_eq!(count(&db, "SELECT COUNT(*) FROM need_private").await, 30);
        // Plainly fictional: reserved phone range, sample street names.
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_private WHERE phone NOT LIKE '030 23125 %'"
            )
            .await,
            0
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM need_private WHERE street_address NOT LIKE 'Musterstraße %'"
            )
            .await,
            0
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM users WHERE is_platform_admin = 1"
            )
            .await,
            1
        );
    }
);

db_test!(
    seeding_twice_with_if_empty_writes_nothing_more,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, true)
            .await
            .expect("seed")
            .expect("written");
        assert!(server::seed::seed_demo(&db, 1, true)
            .await
            .expect("seed")
            .is_none());
        assert_eq!(count(&db, "SELECT COUNT(*) FROM needs").await, 30);
    }
);

db_test!(
    a_scaled_seed_multiplies_needs_and_volunteers,
    |db: Db| async move {
        let report = server::seed::seed_demo(&db, 4, false)
            .await
            .expect("seed")
            .expect("written");
        assert_eq!((report.needs, report.volunteers), (120, 200));
        assert_eq!(count(&db, "SELECT COUNT(*) FROM volunteers").await, 201);
    }
);

db_test!(
    open_teasers_are_open_future_and_sorted,
    |db: Db| async move {
        server::seed::seed_demo(&db, 1, false).await.expect("seed");
        let list = app::requests::db::list_open_teasers(
            &db,
            &ValidFilter::default(),
            app::i18n::Lang::De,
            50,
            None,
        )
        .await
        .expect("list");
        let open_future = count(
            &db,
            &format!(
                "SELECT COUNT(*) FROM needs WHERE status = 'open' AND ends_at > {}",
                app::db::now()
            ),
        )
        .await;
        assert_eq!(list.total, open_future);
        assert_eq!(list.needs.len() as i64, open_future.min(50));
        let ids: Vec<i64> = list.needs.iter().map(|n| n.id).collect();
        let mut sorted_starts = sqlx::query(
            "SELECT id FROM needs WHERE status = 'open' AND ends_at > $1 ORDER BY starts_at, id",
        )
        .bind(app::db::now())
        .fetch_all(db.pool())
        .await
        .expect("ids")
        .iter()
        .map(|r| r.try_get::<i64, _>("id").expect("id"))
        .collect::<Vec<_>>();
        sorted_starts.truncate(50);
        assert_eq!(ids, sorted_starts);
        let limited = app::requests::db::list_open_teasers(
            &db,
            &ValidFilter {
                category: Some(Category::Garden),
                ..ValidFilter::default()
            },
            app::i18n::Lang::En,
            1,
            None,
        )
        .await
        .expect("list");
        assert!(limited.needs.len() <= 1);
        assert!(limited.needs.iter().all(|n| n.category == Category::Garden));
    }
);

db_test!(migrations_are_idempotent, |db: Db| async move {
    db.migrate()
        .await
        .expect("second migration run changes nothing");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM organisations").await, 0);
});

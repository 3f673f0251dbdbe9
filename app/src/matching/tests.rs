use super::bulk::propose;
use super::geo::{haversine_km, within_box, GeoPoint};
use super::*;
use crate::i18n::Lang;
use proptest::prelude::*;

const NOW: i64 = 1_795_597_200;
const LINDEN: GeoPoint = GeoPoint {
    lat: 52.3622,
    lon: 9.7265,
};

fn tuesday_morning() -> WeeklySlot {
    WeeklySlot {
        weekday: 1,
        start_minute: 9 * 60,
        end_minute: 11 * 60,
    }
}

fn need() -> NeedSpec {
    NeedSpec {
        id: 1,
        category: Category::Shopping,
        place: LINDEN,
        slot: tuesday_morning(),
        helpers_needed: 1,
        same_gender: None,
        language: None,
        needs_car: false,
        neighbour_id: Some(77),
    }
}

fn volunteer(id: i64) -> VolunteerSpec {
    VolunteerSpec {
        id,
        home: GeoPoint {
            lat: LINDEN.lat + 0.005,
            lon: LINDEN.lon,
        },
        radius_km: 3.0,
        languages: vec!["de".into()],
        skills: vec![],
        gender: None,
        inspection_valid_until: None,
        has_car: false,
        availability: vec![WeeklySlot {
            weekday: 1,
            start_minute: 8 * 60,
            end_minute: 12 * 60,
        }],
        max_hours_per_week: 5.0,
        hours_this_week: 0.0,
        paused_until: None,
        blocked: false,
        recent_assignments: 0,
        helped_neighbours: vec![],
    }
}

#[test]
fn distances_are_great_circle_kilometres() {
    let hannover = GeoPoint {
        lat: 52.3759,
        lon: 9.7320,
    };
    let braunschweig = GeoPoint {
        lat: 52.2689,
        lon: 10.5268,
    };
    let d = haversine_km(hannover, braunschweig);
    assert!((d - 55.0).abs() < 2.0, "{d}");
    assert_eq!(haversine_km(hannover, hannover), 0.0);
}

#[test]
fn child_related_needs_require_a_valid_inspection() {
    let mut n = need();
    n.category = Category::Childcare;
    let mut v = volunteer(1);
    assert_eq!(check(&n, &v, NOW), Err(Exclusion::NoValidInspection));
    v.inspection_valid_until = Some(NOW - 1);
    assert_eq!(
        check(&n, &v, NOW),
        Err(Exclusion::NoValidInspection),
        "an expired record does not count"
    );
    v.inspection_valid_until = Some(NOW + 86_400);
    assert!(check(&n, &v, NOW).is_ok());
}

#[test]
fn same_gender_language_and_car_are_hard_rules() {
    let mut n = need();
    n.same_gender = Some(Gender::Female);
    let mut v = volunteer(1);
    assert_eq!(check(&n, &v, NOW), Err(Exclusion::GenderMismatch));
    v.gender = Some(Gender::Female);
    assert!(check(&n, &v, NOW).is_ok());
    n.language = Some("tr".into());
    assert_eq!(check(&n, &v, NOW), Err(Exclusion::MissingLanguage));
    v.languages.push("tr".into());
    n.needs_car = true;
    assert_eq!(check(&n, &v, NOW), Err(Exclusion::NoCar));
}

#[test]
fn time_radius_weekly_limit_pause_and_block_exclude() {
    let n = need();
    let mut v = volunteer(1);
    v.availability = vec![WeeklySlot {
        weekday: 2,
        start_minute: 0,
        end_minute: 1440,
    }];
    assert_eq!(check(&n, &v, NOW), Err(Exclusion::NotAvailable));
    let mut v = volunteer(1);
    v.radius_km = 0.2;
    assert_eq!(check(&n, &v, NOW), Err(Exclusion::OutOfRadius));
    let mut v = volunteer(1);
    v.hours_this_week = 4.0;
    assert_eq!(check(&n, &v, NOW), Err(Exclusion::OverWeeklyLimit));
    let mut v = volunteer(1);
    v.paused_until = Some(NOW + 60);
    assert_eq!(check(&n, &v, NOW), Err(Exclusion::Paused));
    let mut v = volunteer(1);
    v.blocked = true;
    assert_eq!(check(&n, &v, NOW), Err(Exclusion::Blocked));
}

#[test]
fn reasons_are_given_in_plain_words() {
    let mut n = need();
    n.language = Some("tr".into());
    let mut v = volunteer(1);
    v.languages.push("tr".into());
    v.skills.push(Category::Shopping);
    v.helped_neighbours.push(77);
    let ranked = rank(&n, &[v], NOW, &Weights::default(), 10);
    let texts: Vec<String> = ranked[0]
        .reasons
        .iter()
        .map(|r| reason_text(Lang::De, r))
        .collect();
    assert_eq!(
        texts,
        vec![
            "0,6 km entfernt",
            "Erfahrung mit: Einkaufen",
            "spricht Türkisch",
            "zu 100 % der Zeit frei",
            "hat dieser Person schon geholfen",
            "in letzter Zeit wenig eingesetzt",
        ]
    );
    assert_eq!(
        reason_text(Lang::En, &ranked[0].reasons[2]),
        "speaks Turkish"
    );
}

#[test]
fn the_bulk_proposal_respects_capacity_weekly_hours_and_overlaps() {
    let mut first = need();
    first.helpers_needed = 2;
    let mut second = need();
    second.id = 2;
    let mut volunteers: Vec<_> = (1..=3).map(volunteer).collect();
    volunteers[2].max_hours_per_week = 1.0; // cannot take a 2-hour need
    let proposal = propose(&[first, second], &volunteers, NOW, &Weights::default());
    let for_first = proposal.iter().filter(|p| p.need_id == 1).count();
    let for_second = proposal.iter().filter(|p| p.need_id == 2).count();
    // Both needs are at the same time: the two able volunteers cover three places at most twice.
    assert_eq!(for_first + for_second, 2);
    assert!(for_first <= 2 && for_second <= 1);
    assert!(proposal.iter().all(|p| p.volunteer_id != 3));
    let mut ids: Vec<i64> = proposal.iter().map(|p| p.volunteer_id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 2, "no volunteer twice at the same time");
}

fn arb_slot() -> impl Strategy<Value = WeeklySlot> {
    (0u8..7, 0u16..1380, 30u16..300).prop_map(|(weekday, start, len)| WeeklySlot {
        weekday,
        start_minute: start,
        end_minute: (start + len).min(1440),
    })
}

fn arb_volunteer() -> impl Strategy<Value = VolunteerSpec> {
    (
        1i64..10_000,
        (-0.05f64..0.05, -0.05f64..0.05),
        0.5f64..10.0,
        proptest::collection::vec(prop_oneof![Just("de"), Just("tr"), Just("ar")], 0..3),
        proptest::option::of(prop_oneof![Just(Gender::Female), Just(Gender::Male)]),
        proptest::option::of(NOW - 100..NOW + 100),
        any::<bool>(),
        proptest::collection::vec(arb_slot(), 0..4),
        (0.0f64..10.0, 0.0f64..10.0),
        (
            proptest::option::of(NOW - 100..NOW + 100),
            any::<bool>(),
            0u32..10,
        ),
    )
        .prop_map(
            |(
                id,
                (dlat, dlon),
                radius,
                langs,
                gender,
                insp,
                car,
                slots,
                (max, used),
                (pause, blocked, recent),
            )| {
                VolunteerSpec {
                    id,
                    home: GeoPoint {
                        lat: LINDEN.lat + dlat,
                        lon: LINDEN.lon + dlon,
                    },
                    radius_km: radius,
                    languages: langs.into_iter().map(String::from).collect(),
                    skills: vec![Category::Shopping],
                    gender,
                    inspection_valid_until: insp,
                    has_car: car,
                    availability: slots,
                    max_hours_per_week: max,
                    hours_this_week: used,
                    paused_until: pause,
                    blocked,
                    recent_assignments: recent,
                    helped_neighbours: vec![],
                }
            },
        )
}

fn arb_need() -> impl Strategy<Value = NeedSpec> {
    (
        prop_oneof![
            Just(Category::Shopping),
            Just(Category::Childcare),
            Just(Category::Company)
        ],
        arb_slot(),
        proptest::option::of(prop_oneof![Just(Gender::Female), Just(Gender::Male)]),
        proptest::option::of(prop_oneof![Just("tr".to_owned()), Just("ar".to_owned())]),
        any::<bool>(),
        1u32..4,
    )
        .prop_map(
            |(category, slot, same_gender, language, needs_car, helpers)| NeedSpec {
                id: 1,
                category,
                place: LINDEN,
                slot,
                helpers_needed: helpers,
                same_gender,
                language,
                needs_car,
                neighbour_id: None,
            },
        )
}

proptest! {
    #[test]
    fn ranked_candidates_never_break_a_hard_rule(n in arb_need(), vs in proptest::collection::vec(arb_volunteer(), 0..40)) {
        for r in rank(&n, &vs, NOW, &Weights::default(), 100) {
            let v = vs.iter().find(|v| v.id == r.volunteer_id).expect("ranked volunteer exists");
            prop_assert!(!v.blocked);
            prop_assert!(v.paused_until.is_none_or(|p| p <= NOW));
            if n.requires_inspection() {
                prop_assert!(v.inspection_valid_until.is_some_and(|u| u > NOW));
            }
            if let Some(g) = n.same_gender { prop_assert_eq!(v.gender, Some(g)); }
            if let Some(l) = &n.language { prop_assert!(v.languages.contains(l)); }
            if n.needs_car { prop_assert!(v.has_car); }
            prop_assert!(haversine_km(v.home, n.place) <= v.radius_km);
            prop_assert!(v.hours_this_week + n.hours() <= v.max_hours_per_week);
            prop_assert!((0.0..=100.0).contains(&r.score));
        }
    }

    #[test]
    fn nearer_is_never_worse_with_all_else_equal(v in arb_volunteer(), shrink in 0.0f64..1.0) {
        let n = need();
        let mut near = v.clone();
        near.home = GeoPoint {
            lat: n.place.lat + (v.home.lat - n.place.lat) * shrink,
            lon: n.place.lon + (v.home.lon - n.place.lon) * shrink,
        };
        if let (Ok(d_far), Ok(d_near)) = (check(&n, &v, NOW), check(&n, &near, NOW)) {
            let far = score(&n, &v, d_far, &Weights::default());
            let close = score(&n, &near, d_near, &Weights::default());
            prop_assert!(close.score >= far.score, "{} < {}", close.score, far.score);
        }
    }

    #[test]
    fn ranking_is_deterministic_and_ignores_input_order(n in arb_need(), vs in proptest::collection::vec(arb_volunteer(), 0..30)) {
        let mut unique = vs.clone();
        unique.sort_by_key(|v| v.id);
        unique.dedup_by_key(|v| v.id);
        let first = rank(&n, &unique, NOW, &Weights::default(), 50);
        let mut reversed = unique.clone();
        reversed.reverse();
        prop_assert_eq!(&first, &rank(&n, &reversed, NOW, &Weights::default(), 50));
        prop_assert_eq!(first, rank(&n, &unique, NOW, &Weights::default(), 50));
    }

    #[test]
    fn the_box_prefilter_never_drops_a_point_within_the_radius(
        lat in -70.0f64..70.0, lon in -179.0f64..179.0, dlat in -0.5f64..0.5, dlon in -0.5f64..0.5, r in 0.1f64..60.0
    ) {
        let a = GeoPoint { lat, lon };
        let b = GeoPoint { lat: lat + dlat, lon: lon + dlon };
        if haversine_km(a, b) <= r {
            prop_assert!(within_box(a, b, r));
        }
    }

    #[test]
    fn bulk_proposals_never_overfill_or_overbook(
        needs in proptest::collection::vec(arb_need(), 1..8),
        vs in proptest::collection::vec(arb_volunteer(), 0..30),
    ) {
        let needs: Vec<NeedSpec> = needs.into_iter().enumerate().map(|(i, mut n)| { n.id = i as i64 + 1; n }).collect();
        let mut vs = vs;
        vs.sort_by_key(|v| v.id);
        vs.dedup_by_key(|v| v.id);
        let proposal = propose(&needs, &vs, NOW, &Weights::default());
        for n in &needs {
            prop_assert!(proposal.iter().filter(|p| p.need_id == n.id).count() as u32 <= n.helpers_needed);
        }
        for v in &vs {
            let mine: Vec<&NeedSpec> = proposal.iter().filter(|p| p.volunteer_id == v.id)
                .filter_map(|p| needs.iter().find(|n| n.id == p.need_id)).collect();
            let hours: f64 = mine.iter().map(|n| n.hours()).sum();
            if !mine.is_empty() {
                prop_assert!(v.hours_this_week + hours <= v.max_hours_per_week + 1e-9);
            }
            for (i, a) in mine.iter().enumerate() {
                for b in &mine[i + 1..] {
                    prop_assert_eq!(a.slot.overlap_minutes(&b.slot), 0);
                }
            }
            for p in proposal.iter().filter(|p| p.volunteer_id == v.id) {
                let n = needs.iter().find(|n| n.id == p.need_id).expect("need");
                prop_assert!(check(n, v, NOW).is_ok());
            }
        }
    }
}

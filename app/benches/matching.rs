//! Cost of matching: one need ranked against 1k, 10k and 100k volunteers, and a bulk
//! proposal of 1,000 needs × 10,000 volunteers. Volunteers are spread over Lower
//! Saxony, so the distance pre-filter does its real work.

use app::matching::bulk::propose;
use app::matching::geo::GeoPoint;
use app::matching::{rank, Gender, NeedSpec, VolunteerSpec, WeeklySlot, Weights};
use app::requests::Category;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

const NOW: i64 = 1_795_597_200;

/// A small deterministic generator, so every run measures the same data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick(&mut self, n: usize) -> usize {
        (self.next() * n as f64) as usize % n
    }
}

fn place(rng: &mut Lcg) -> GeoPoint {
    // Lower Saxony, roughly; a third of everyone lives in and around Hannover.
    if rng.next() < 0.33 {
        GeoPoint {
            lat: 52.30 + rng.next() * 0.15,
            lon: 9.65 + rng.next() * 0.2,
        }
    } else {
        GeoPoint {
            lat: 51.4 + rng.next() * 2.3,
            lon: 7.0 + rng.next() * 4.5,
        }
    }
}

fn volunteers(n: usize) -> Vec<VolunteerSpec> {
    let mut rng = Lcg(42);
    let langs = ["de", "tr", "ar", "uk", "ru", "pl", "fa", "en"];
    (0..n)
        .map(|i| {
            let weekday = rng.pick(7) as u8;
            let start = 8 * 60 + rng.pick(8) as u16 * 60;
            VolunteerSpec {
                id: i as i64 + 1,
                home: place(&mut rng),
                radius_km: [2.0, 3.0, 5.0, 10.0][rng.pick(4)],
                languages: vec!["de".into(), langs[rng.pick(langs.len())].into()],
                skills: vec![Category::ALL[rng.pick(10)], Category::ALL[rng.pick(10)]],
                gender: Some([Gender::Female, Gender::Male][rng.pick(2)]),
                inspection_valid_until: (rng.next() < 0.3).then_some(NOW + 86_400 * 365),
                has_car: rng.next() < 0.4,
                availability: vec![
                    WeeklySlot {
                        weekday,
                        start_minute: start,
                        end_minute: start + 240,
                    },
                    WeeklySlot {
                        weekday: (weekday + 2) % 7,
                        start_minute: start,
                        end_minute: start + 180,
                    },
                ],
                max_hours_per_week: 6.0,
                hours_this_week: (rng.pick(4)) as f64,
                paused_until: None,
                blocked: false,
                recent_assignments: rng.pick(5) as u32,
                helped_neighbours: vec![],
            }
        })
        .collect()
}

fn needs(n: usize) -> Vec<NeedSpec> {
    let mut rng = Lcg(7);
    (0..n)
        .map(|i| {
            let start = 8 * 60 + rng.pick(9) as u16 * 60;
            NeedSpec {
                id: i as i64 + 1,
                category: Category::ALL[rng.pick(10)],
                place: place(&mut rng),
                slot: WeeklySlot {
                    weekday: rng.pick(7) as u8,
                    start_minute: start,
                    end_minute: start + 120,
                },
                helpers_needed: 1 + rng.pick(2) as u32,
                same_gender: (rng.next() < 0.1).then_some(Gender::Female),
                language: None,
                needs_car: false,
                neighbour_id: Some(rng.pick(500) as i64),
            }
        })
        .collect()
}

fn ranking(c: &mut Criterion) {
    let need = NeedSpec {
        id: 1,
        category: Category::Shopping,
        place: GeoPoint {
            lat: 52.37,
            lon: 9.74,
        },
        slot: WeeklySlot {
            weekday: 1,
            start_minute: 10 * 60,
            end_minute: 12 * 60,
        },
        helpers_needed: 1,
        same_gender: None,
        language: None,
        needs_car: false,
        neighbour_id: None,
    };
    let mut group = c.benchmark_group("rank_one_need");
    for n in [1_000, 10_000, 100_000] {
        let vs = volunteers(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &vs, |b, vs| {
            b.iter(|| {
                rank(
                    black_box(&need),
                    black_box(vs),
                    NOW,
                    &Weights::default(),
                    20,
                )
            })
        });
    }
    group.finish();
}

fn bulk(c: &mut Criterion) {
    let vs = volunteers(10_000);
    let ns = needs(1_000);
    let mut group = c.benchmark_group("bulk_proposal");
    group.sample_size(10);
    group.bench_function("1000_needs_x_10000_volunteers", |b| {
        b.iter(|| propose(black_box(&ns), black_box(&vs), NOW, &Weights::default()))
    });
    group.finish();
}

criterion_group!(benches, ranking, bulk);
criterion_main!(benches);

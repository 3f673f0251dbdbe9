//! The demo alliance: three organisations, two urban Quartiere and a village plus one
//! more Quartier, meeting places, about 30 needs and 50 volunteers. Every person,
//! address and phone number is made up: streets are Muster-/Beispiel-names and phone
//! numbers come from the 030 23125 range that is reserved for fiction.
//!
//! `--scale N` repeats the needs and volunteers N times for benchmarks.

use anyhow::Context;
use app::db::Db;
use app::matching::geo::GeoPoint;
use app::matching::WeeklySlot;
use app::orgs::db::{
    insert_organisation, insert_quartier, link_organisation_quartier, NewOrganisation, NewQuartier,
};
use app::orgs::QuartierKind;
use app::places::db::{add_event, save_place};
use app::places::form::{check_event, CheckedPlace, EventForm};
use app::places::{Feature, PlaceKind};
use app::requests::db::{insert_need, NeedPrivate, NewNeed};
use app::requests::{Category, NeedStatus};
use app::support::services::db::{save as save_service, CheckedService};
use app::support::services::Topic;
use app::volunteers::db::{insert_slots, insert_volunteer, NewVolunteer};
use chrono::{Duration, NaiveTime, Utc};
use chrono_tz::Europe::Berlin;

/// The demo administrator printed by `serve --demo`.
pub const DEMO_ADMIN_EMAIL: &str = "admin@demo.gute-nachbarschaft.example";
pub const DEMO_ADMIN_PASSWORD: &str = "Demo-Passwort-2026";

/// A demo account for each role, all with the demo password; the organisation roles are
/// in the first organisation, the Quartier roles in the first Quartier.
pub enum DemoRole {
    OrgAdmin,
    Coordinator,
    Neighbour,
    Volunteer,
}

pub const DEMO_ACCOUNTS: [(&str, &str, DemoRole); 7] = [
    (
        "leitung@demo.gute-nachbarschaft.example",
        "Lena Leitung",
        DemoRole::OrgAdmin,
    ),
    (
        "koordination@demo.gute-nachbarschaft.example",
        "Kemal Koordination",
        DemoRole::Coordinator,
    ),
    (
        "matching@demo.gute-nachbarschaft.example",
        "Mira Matching",
        DemoRole::Coordinator,
    ),
    (
        "nachbarin@demo.gute-nachbarschaft.example",
        "Nora Nachbarin",
        DemoRole::Neighbour,
    ),
    (
        "helfer@demo.gute-nachbarschaft.example",
        "Hannes Helfer",
        DemoRole::Volunteer,
    ),
    (
        "moderation@demo.gute-nachbarschaft.example",
        "Mona Moderation",
        DemoRole::Coordinator,
    ),
    (
        "nachbar@demo.gute-nachbarschaft.example",
        "Nils Nachbar",
        DemoRole::Neighbour,
    ),
];

/// Volunteers (each with an account) written per round of `--scale`.
pub const VOLUNTEERS_PER_ROUND: usize = 50;

/// What was written, for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub organisations: usize,
    pub quartiere: usize,
    pub places: usize,
    pub needs: usize,
    pub volunteers: usize,
}

struct DemoQuartier {
    slug: &'static str,
    name: &'static str,
    kind: QuartierKind,
    municipality: &'static str,
    lat: f64,
    lon: f64,
    /// Index into ORGANISATIONS.
    orgs: &'static [usize],
}

const ORGANISATIONS: [(&str, &str, &str, &str, &str); 3] = [
    (
        "wohlfahrt-beispielstadt",
        "Wohlfahrtsverband Beispielstadt e.V.",
        "welfare",
        "030 23125 101",
        "beratung@wohlfahrt-beispielstadt.example",
    ),
    (
        "quartiersbuero-ringgebiet",
        "Quartiersbüro Westliches Ringgebiet",
        "municipality",
        "030 23125 202",
        "quartiersbuero@ringgebiet.example",
    ),
    (
        "kirchengemeinde-musterdorf",
        "Ev. Kirchengemeinde Musterdorf",
        "church",
        "030 23125 303",
        "gemeindebuero@musterdorf.example",
    ),
];

const QUARTIERE: [DemoQuartier; 4] = [
    DemoQuartier {
        slug: "linden-sued",
        name: "Linden-Süd",
        kind: QuartierKind::Quartier,
        municipality: "Hannover",
        lat: 52.3622,
        lon: 9.7265,
        orgs: &[0],
    },
    DemoQuartier {
        slug: "westliches-ringgebiet",
        name: "Westliches Ringgebiet",
        kind: QuartierKind::Quartier,
        municipality: "Braunschweig",
        lat: 52.2655,
        lon: 10.5040,
        orgs: &[1, 0],
    },
    DemoQuartier {
        slug: "grone",
        name: "Grone",
        kind: QuartierKind::Quartier,
        municipality: "Göttingen",
        lat: 51.5405,
        lon: 9.9060,
        orgs: &[0],
    },
    DemoQuartier {
        slug: "musterdorf",
        name: "Musterdorf",
        kind: QuartierKind::Dorf,
        municipality: "Landkreis Hildesheim",
        lat: 52.0850,
        lon: 9.9710,
        orgs: &[2, 0],
    },
];

/// A demo meeting place: Quartier index, name, kind, address, offset from the
/// Quartier's centre (degrees), accessibility, languages, weekly hours
/// (weekday, from, to in minutes) and a description.
struct DemoPlace {
    quartier: usize,
    name: &'static str,
    kind: PlaceKind,
    address: &'static str,
    offset: (f64, f64),
    features: &'static [Feature],
    languages: &'static [&'static str],
    hours: &'static [(u8, u16, u16)],
    note: &'static str,
    description: &'static str,
}

const WEEKDAYS_10_TO_18: &[(u8, u16, u16)] = &[
    (0, 600, 1080),
    (1, 600, 1080),
    (2, 600, 1080),
    (3, 600, 1080),
    (4, 600, 1080),
];

const PLACES: [DemoPlace; 8] = [
    DemoPlace {
        quartier: 0,
        name: "Nachbarschaftstreff Linden-Süd",
        kind: PlaceKind::NeighbourhoodCentre,
        address: "Musterstraße 12, 30459 Hannover",
        offset: (0.001, -0.002),
        features: &[
            Feature::StepFree,
            Feature::AccessibleToilet,
            Feature::QuietRoom,
        ],
        languages: &["de", "tr", "ar"],
        hours: WEEKDAYS_10_TO_18,
        note: "",
        description: "Offener Treff mit Beratung, Mittagstisch am Mittwoch.",
    },
    DemoPlace {
        quartier: 0,
        name: "Stadtteilbücherei am Beispielplatz",
        kind: PlaceKind::Library,
        address: "Beispielplatz 3, 30459 Hannover",
        offset: (-0.003, 0.004),
        features: &[Feature::StepFree, Feature::HearingLoop],
        languages: &["de", "en", "uk"],
        hours: &[
            (1, 660, 1020),
            (2, 660, 1020),
            (3, 660, 1020),
            (4, 660, 1020),
            (5, 660, 1020),
        ],
        note: "",
        description: "Sprachcafé donnerstags um 16 Uhr.",
    },
    DemoPlace {
        quartier: 1,
        name: "Stadtteilcafé Ringgebiet",
        kind: PlaceKind::Cafe,
        address: "Beispielweg 7, 38118 Braunschweig",
        offset: (0.002, 0.001),
        features: &[],
        languages: &["de", "ru", "pl"],
        hours: &[
            (0, 540, 960),
            (1, 540, 960),
            (2, 540, 960),
            (3, 540, 960),
            (4, 540, 960),
            (5, 540, 960),
        ],
        note: "",
        description: "Nachbarschaftscafé mit Sprechstunde des Quartiersbüros.",
    },
    DemoPlace {
        quartier: 1,
        name: "Sportverein Beispiel 1904 – Vereinsheim",
        kind: PlaceKind::SportsClub,
        address: "Am Musterpark 2, 38118 Braunschweig",
        offset: (-0.004, -0.003),
        features: &[Feature::StepFree, Feature::DisabledParking],
        languages: &["de"],
        hours: &[
            (0, 1020, 1260),
            (1, 1020, 1260),
            (2, 1020, 1260),
            (3, 1020, 1260),
            (4, 1020, 1260),
        ],
        note: "",
        description: "Bewegungsgruppe für Ältere, montags 10 Uhr.",
    },
    DemoPlace {
        quartier: 2,
        name: "Familienzentrum Grone",
        kind: PlaceKind::NeighbourhoodCentre,
        address: "Musterring 40, 37081 Göttingen",
        offset: (0.001, 0.002),
        features: &[Feature::StepFree, Feature::AccessibleToilet],
        languages: &["de", "ar", "fa", "ku"],
        hours: &[(0, 540, 900), (1, 540, 900), (2, 540, 900), (3, 540, 900)],
        note: "In den Schulferien nur dienstags.",
        description: "Eltern-Kind-Gruppe und Beratung für Familien.",
    },
    DemoPlace {
        quartier: 3,
        name: "Gemeindehaus Musterdorf",
        kind: PlaceKind::ParishHall,
        address: "Kirchweg 1, 31199 Musterdorf",
        offset: (0.0005, 0.0005),
        features: &[
            Feature::StepFree,
            Feature::HearingLoop,
            Feature::DisabledParking,
        ],
        languages: &["de"],
        hours: &[(1, 840, 1080), (3, 840, 1080)],
        note: "",
        description: "Seniorennachmittag und Fahrdienst-Absprache.",
    },
    DemoPlace {
        quartier: 3,
        name: "Dorfladen Musterdorf",
        kind: PlaceKind::Cafe,
        address: "Dorfstraße 5, 31199 Musterdorf",
        offset: (-0.001, 0.002),
        features: &[],
        languages: &["de", "pl"],
        hours: &[
            (0, 420, 720),
            (1, 420, 720),
            (2, 420, 720),
            (3, 420, 720),
            (4, 420, 720),
            (5, 420, 720),
        ],
        note: "",
        description: "Kaffee-Ecke und Aushänge der Nachbarschaftshilfe.",
    },
    DemoPlace {
        quartier: 3,
        name: "Bürgerhaus Musterdorf",
        kind: PlaceKind::Other,
        address: "Am Dorfteich 2, 31199 Musterdorf",
        offset: (0.002, -0.001),
        features: &[Feature::StepFree, Feature::AccessibleToilet],
        languages: &["de"],
        hours: &[],
        note: "Nach Vereinbarung",
        description: "Raum für Treffen, mit barrierefreiem WC.",
    },
];

/// (place index, title, description, days from today, start, end in minutes, weekly)
const EVENTS: [(usize, &str, &str, u64, u16, u16, bool); 5] = [
    (
        0,
        "Nachbarschaftscafé",
        "Kaffee, Kuchen und Zeit zum Reden. Alle sind willkommen.",
        2,
        900,
        1020,
        true,
    ),
    (
        1,
        "Sprachcafé Deutsch",
        "Deutsch üben in kleiner Runde, für alle Niveaus.",
        3,
        960,
        1080,
        true,
    ),
    (
        2,
        "Sprechstunde Quartiersbüro",
        "Fragen zu Nachbarschaftshilfe, Anträgen und Angeboten.",
        1,
        600,
        720,
        true,
    ),
    (
        4,
        "Familienfrühstück",
        "Frühstück für Eltern mit kleinen Kindern.",
        5,
        540,
        660,
        false,
    ),
    (
        5,
        "Seniorennachmittag",
        "Gemeinsam Kaffee trinken, Spiele und Fahrdienst-Absprache.",
        4,
        870,
        1050,
        true,
    ),
];

/// (Quartier index, organisation index, topic, title, phone, hours, description)
const SERVICES: [(usize, usize, Topic, &str, &str, &str, &str); 7] = [
    (
        0,
        0,
        Topic::Debt,
        "Schuldnerberatung Linden",
        "0511 000 11 22",
        "Di 9–12 Uhr, Do 14–17 Uhr",
        "Kostenlose Beratung bei Schulden, auch zu Strom- und Mietschulden.",
    ),
    (
        0,
        0,
        Topic::Migration,
        "Migrationsberatung für Erwachsene",
        "0511 000 11 33",
        "Mo–Fr 9–13 Uhr",
        "Beratung zu Aufenthalt, Sprachkursen und Behördenpost, auch auf Arabisch und Türkisch.",
    ),
    (
        0,
        0,
        Topic::Mediation,
        "Nachbarschaftsvermittlung Linden",
        "0511 000 11 44",
        "nach Vereinbarung",
        "Geschulte Ehrenamtliche vermitteln bei Streit unter Nachbarn.",
    ),
    (
        1,
        1,
        Topic::Housing,
        "Wohnberatung Ringgebiet",
        "0531 000 22 11",
        "Mi 10–16 Uhr",
        "Hilfe bei Wohnungssuche, Mietfragen und Wohnraumanpassung.",
    ),
    (
        1,
        1,
        Topic::Care,
        "Pflegestützpunkt im Quartier",
        "0531 000 22 33",
        "Mo–Do 9–15 Uhr",
        "Beratung zu Pflegegrad, Entlastungsbetrag und Nachbarschaftshilfe nach § 45a SGB XI.",
    ),
    (
        2,
        0,
        Topic::Family,
        "Familienberatung Grone",
        "0551 000 33 11",
        "Mo–Do 9–15 Uhr",
        "Beratung für Eltern und Familien, vertraulich und kostenlos.",
    ),
    (
        3,
        2,
        Topic::Family,
        "Gemeindediakonie Musterdorf",
        "05064 000 44",
        "Di 14–18 Uhr",
        "Gespräche in schwierigen Lebenslagen, Hilfe bei Anträgen.",
    ),
];

/// (category, title, helpers, duration in hours)
const NEED_TEMPLATES: [(Category, &str, i64, i64); 15] = [
    (Category::Shopping, "Wocheneinkauf im Supermarkt", 1, 2),
    (
        Category::Shopping,
        "Getränkekisten in den 3. Stock tragen",
        1,
        1,
    ),
    (Category::Accompaniment, "Begleitung zur Hausärztin", 1, 3),
    (Category::Accompaniment, "Begleitung zum Bürgeramt", 1, 2),
    (Category::Forms, "Hilfe beim Antrag auf Wohngeld", 1, 2),
    (
        Category::Forms,
        "Brief der Krankenkasse gemeinsam lesen",
        1,
        1,
    ),
    (Category::Company, "Spaziergang im Park", 1, 2),
    (
        Category::Company,
        "Vorlesen und Gespräch am Nachmittag",
        1,
        2,
    ),
    (
        Category::Translation,
        "Übersetzung Arabisch–Deutsch beim Elterngespräch",
        1,
        2,
    ),
    (Category::Repairs, "Regal aufbauen", 2, 3),
    (Category::Repairs, "Umzugshilfe: Sofa und Kartons", 3, 4),
    (
        Category::Tech,
        "Smartphone einrichten und Videotelefonie üben",
        1,
        2,
    ),
    (
        Category::Childcare,
        "Hausaufgabenhilfe für Grundschulkind",
        1,
        2,
    ),
    (Category::Garden, "Hecke schneiden", 2, 3),
    (
        Category::Other,
        "Katze füttern während Krankenhausaufenthalt",
        1,
        1,
    ),
];

const FIRST_NAMES: [&str; 25] = [
    "Anna",
    "Ben",
    "Clara",
    "Deniz",
    "Elif",
    "Finn",
    "Greta",
    "Hassan",
    "Ida",
    "Jonas",
    "Katarzyna",
    "Lukas",
    "Mira",
    "Nour",
    "Olga",
    "Paul",
    "Quentin",
    "Rania",
    "Sven",
    "Tamara",
    "Ulrich",
    "Vera",
    "Wiebke",
    "Yusuf",
    "Zofia",
];
const LAST_INITIALS: [&str; 6] = ["B.", "M.", "P.", "K.", "S.", "T."];
const LANGUAGE_SETS: [&str; 8] = [
    "de", "de,en", "de,tr", "de,ar", "de,uk,ru", "de,pl", "de,fa", "de,en,fr",
];
const SKILL_SETS: [&str; 6] = [
    "shopping,accompaniment",
    "forms,translation",
    "repairs",
    "tech",
    "garden,company",
    "childcare,company",
];
const MOBILITY_SETS: [&str; 4] = ["foot", "bike", "car,foot", "transit,foot"];
const GENDERS: [Option<&str>; 4] = [Some("female"), Some("male"), None, Some("female")];
const NEIGHBOUR_NAMES: [&str; 10] = [
    "Frau Erika Beispiel",
    "Herr Max Mustermann",
    "Frau Hilde Probe",
    "Herr Ahmad Beispiel",
    "Frau Irina Muster",
    "Herr Kurt Testmann",
    "Frau Leyla Beispiel",
    "Frau Gisela Muster",
    "Herr Bogdan Probe",
    "Frau Fatma Testfrau",
];

/// Weekly availability of demo volunteer `n`: some mornings, some afternoons, some
/// evenings and weekends.
fn demo_slots(n: usize) -> Vec<WeeklySlot> {
    let (start, end) = [(8 * 60, 13 * 60), (12 * 60, 18 * 60), (9 * 60, 19 * 60)][n % 3];
    let days: &[u8] = match n % 4 {
        0 => &[0, 1, 2, 3, 4],
        1 => &[1, 3, 5],
        2 => &[0, 2, 4, 5, 6],
        _ => &[0, 1, 2, 3, 4, 5, 6],
    };
    days.iter()
        .map(|&weekday| WeeklySlot {
            weekday,
            start_minute: start,
            end_minute: end,
        })
        .collect()
}

/// A valid inspection record (demo data: inspected 200 days ago).
async fn record_demo_inspection(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    organisation_id: i64,
) -> anyhow::Result<()> {
    let now = app::db::now();
    let checked_on = now - 200 * 86_400;
    sqlx::query(
        "INSERT INTO verifications (user_id, organisation_id, kind, checked_on, recorded_by,
                                    result_ok, valid_until, recorded_at)
         VALUES ($1, $2, 'inspection', $3, NULL, 1, $4, $5)",
    )
    .bind(user_id)
    .bind(organisation_id)
    .bind(checked_on)
    .bind(checked_on + 5 * 365 * 86_400)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The demo volunteer's profile: near the centre of their Quartier, free every day.
async fn demo_volunteer_profile(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    name: &str,
    quartier: i64,
) -> anyhow::Result<()> {
    use sqlx::Row;
    let exists = sqlx::query("SELECT id FROM volunteers WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?
        .is_some();
    if exists {
        return Ok(());
    }
    let centre = sqlx::query("SELECT centre_lat, centre_lon FROM quartiere WHERE id = $1")
        .bind(quartier)
        .fetch_one(&mut *conn)
        .await?;
    let id = insert_volunteer(
        conn,
        &NewVolunteer {
            user_id: Some(user_id),
            quartier_id: quartier,
            display_name: name,
            home_lat: centre.try_get("centre_lat")?,
            home_lon: centre.try_get("centre_lon")?,
            radius_km: 5.0,
            languages: "de,en",
            skills: "shopping,accompaniment,tech",
            mobility: "bike,foot",
            gender: None,
            max_minutes_per_week: 480,
        },
    )
    .await?;
    let every_day: Vec<WeeklySlot> = (0..7)
        .map(|weekday| WeeklySlot {
            weekday,
            start_minute: 8 * 60,
            end_minute: 20 * 60,
        })
        .collect();
    insert_slots(conn, id, &every_day).await?;
    Ok(())
}

/// Writes the demo alliance, or only when the database is still empty.
pub async fn seed_demo(
    db: &Db,
    scale: u32,
    only_if_empty: bool,
) -> anyhow::Result<Option<SeedReport>> {
    if only_if_empty && app::orgs::db::count_organisations(db).await? > 0 {
        return Ok(None);
    }
    let mut report = SeedReport::default();
    let mut tx = db.pool().begin().await?;

    let mut org_ids = Vec::new();
    for (slug, name, kind, phone, email) in ORGANISATIONS {
        let org = NewOrganisation {
            slug,
            name,
            kind,
            phone: Some(phone),
            email: Some(email),
        };
        org_ids.push(
            insert_organisation(&mut tx, &org)
                .await
                .with_context(|| format!("organisation {slug}"))?,
        );
    }
    report.organisations = org_ids.len();

    let mut quartier_ids = Vec::new();
    for q in &QUARTIERE {
        let new = NewQuartier {
            slug: q.slug,
            name: q.name,
            kind: q.kind,
            municipality: q.municipality,
            centre_lat: q.lat,
            centre_lon: q.lon,
        };
        let id = insert_quartier(&mut tx, &new)
            .await
            .with_context(|| format!("Quartier {}", q.slug))?;
        for &org in q.orgs {
            link_organisation_quartier(&mut tx, org_ids[org], id).await?;
        }
        quartier_ids.push(id);
    }
    report.quartiere = quartier_ids.len();

    let mut place_ids = Vec::new();
    for p in &PLACES {
        let q = &QUARTIERE[p.quartier];
        let place = CheckedPlace {
            quartier_id: quartier_ids[p.quartier],
            name: p.name.to_owned(),
            kind: p.kind,
            street_address: p.address.to_owned(),
            point: GeoPoint {
                lat: q.lat + p.offset.0,
                lon: q.lon + p.offset.1,
            },
            description: p.description.to_owned(),
            hours_note: p.note.to_owned(),
            phone: String::new(),
            email: String::new(),
            features: p.features.to_vec(),
            languages: p.languages.iter().map(|l| (*l).to_owned()).collect(),
            hours: p
                .hours
                .iter()
                .map(|&(weekday, start_minute, end_minute)| WeeklySlot {
                    weekday,
                    start_minute,
                    end_minute,
                })
                .collect(),
        };
        let org = org_ids[q.orgs[0]];
        let id = save_place(&mut tx, org, None, &place)
            .await
            .map_err(|e| anyhow::anyhow!("place {}: {e}", p.name))?;
        place_ids.push((id, org));
    }
    let today_berlin = Utc::now().with_timezone(&Berlin).date_naive();
    for (place, title, description, days, start, end, weekly) in EVENTS {
        let date = today_berlin + chrono::Days::new(days);
        let form = EventForm {
            title: title.to_owned(),
            description: description.to_owned(),
            date: date.format("%Y-%m-%d").to_string(),
            start: format!("{:02}:{:02}", start / 60, start % 60),
            end: format!("{:02}:{:02}", end / 60, end % 60),
            weekly: weekly.then(|| "on".to_owned()),
            ..EventForm::default()
        };
        let event = check_event(&form, 0).map_err(|e| anyhow::anyhow!("event {title}: {e}"))?;
        let (id, org) = place_ids[place];
        add_event(&mut tx, org, id, None, &event)
            .await
            .map_err(|e| anyhow::anyhow!("event {title}: {e}"))?;
    }
    for (q, org, topic, title, phone, hours, description) in SERVICES {
        let service = CheckedService {
            quartier_id: quartier_ids[q],
            topic,
            title: title.to_owned(),
            description: description.to_owned(),
            phone: phone.to_owned(),
            email: String::new(),
            hours: hours.to_owned(),
        };
        save_service(&mut tx, org_ids[org], None, &service)
            .await
            .map_err(|e| anyhow::anyhow!("service {title}: {e}"))?;
    }
    report.places = PLACES.len();
    tx.commit().await?;

    let hash = app::auth::password::hash(DEMO_ADMIN_PASSWORD)
        .await
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    let today = Utc::now().with_timezone(&Berlin).date_naive();
    for round in 0..scale as usize {
        // One transaction per round keeps big seeds from holding one huge transaction.
        let mut tx = db.pool().begin().await?;
        for i in 0..30 {
            let n = round * 30 + i;
            let (category, title, helpers, hours) = NEED_TEMPLATES[n % NEED_TEMPLATES.len()];
            let q = n % QUARTIERE.len();
            // Most needs lie in the next two weeks; a few are past and done.
            let (day_offset, status) = match i {
                0..=23 => ((i % 14) as i64, NeedStatus::Open),
                24..=25 => (((i % 5) + 1) as i64, NeedStatus::PendingReview),
                26..=27 => ((i % 7) as i64 + 2, NeedStatus::Filled),
                _ => (-((i % 6) as i64 + 3), NeedStatus::Done),
            };
            let start_hour = 9 + (n % 8) as u32;
            let day = today + Duration::days(day_offset);
            let start = day
                .and_time(NaiveTime::from_hms_opt(start_hour, 0, 0).context("valid hour")?)
                .and_local_timezone(Berlin)
                .earliest()
                .context("local time exists")?
                .with_timezone(&Utc)
                .timestamp();
            let need = NewNeed {
                organisation_id: org_ids[QUARTIERE[q].orgs[0]],
                quartier_id: quartier_ids[q],
                category,
                title,
                description: "Genaue Absprache nach der Bestätigung durch die Koordination.",
                status,
                helpers_needed: helpers,
                starts_at: start,
                ends_at: start + hours * 3600,
            };
            let phone = format!("030 23125 {:03}", 400 + n % 600);
            let private = NeedPrivate {
                contact_name: NEIGHBOUR_NAMES[n % NEIGHBOUR_NAMES.len()],
                street_address: &format!(
                    "Musterstraße {}, {}",
                    1 + n % 80,
                    QUARTIERE[q].municipality
                ),
                phone: &phone,
                notes: "Bitte zweimal klingeln.",
            };
            insert_need(&mut tx, &need, &private).await?;
        }
        for i in 0..VOLUNTEERS_PER_ROUND {
            let n = round * VOLUNTEERS_PER_ROUND + i;
            let q = &QUARTIERE[n % QUARTIERE.len()];
            // Spread home points up to about 1.5 km around the centre; never an address.
            let offset = |k: usize| ((k * 37 % 29) as f64 - 14.0) / 1000.0;
            let name = format!(
                "{} {}",
                FIRST_NAMES[n % FIRST_NAMES.len()],
                LAST_INITIALS[n / FIRST_NAMES.len() % LAST_INITIALS.len()]
            );
            let quartier_id = quartier_ids[n % QUARTIERE.len()];
            // Every demo volunteer has an account, so coordinators can invite them.
            let email = format!("ehrenamt-{n}@demo.gute-nachbarschaft.example");
            let Some(user_id) =
                app::auth::db::create_account(&mut tx, &email, &name, &hash, "de", true).await?
            else {
                continue;
            };
            app::auth::db::grant_quartier_role(
                &mut tx,
                user_id,
                quartier_id,
                app::auth::policy::QuartierRole::Volunteer,
            )
            .await?;
            let skills = SKILL_SETS[n % SKILL_SETS.len()];
            let volunteer = NewVolunteer {
                user_id: Some(user_id),
                quartier_id,
                display_name: &name,
                home_lat: q.lat + offset(n),
                home_lon: q.lon + offset(n + 11),
                radius_km: [2.0, 3.0, 5.0, 10.0][n % 4],
                languages: LANGUAGE_SETS[n % LANGUAGE_SETS.len()],
                skills,
                mobility: MOBILITY_SETS[n % MOBILITY_SETS.len()],
                gender: GENDERS[n % GENDERS.len()],
                max_minutes_per_week: [120, 240, 360, 480][n % 4],
            };
            let volunteer_id = insert_volunteer(&mut tx, &volunteer).await?;
            insert_slots(&mut tx, volunteer_id, &demo_slots(n)).await?;
            if skills.contains("childcare") {
                record_demo_inspection(&mut tx, user_id, org_ids[q.orgs[0]]).await?;
            }
        }
        tx.commit().await?;
        report.needs += 30;
        report.volunteers += VOLUNTEERS_PER_ROUND;
    }

    app::auth::db::upsert_platform_admin(db, DEMO_ADMIN_EMAIL, "Demo-Administration", &hash)
        .await?;
    seed_demo_accounts(db, &hash, org_ids[0], quartier_ids[0]).await?;
    db.gather_statistics().await?;
    Ok(Some(report))
}

async fn seed_demo_accounts(
    db: &Db,
    hash: &str,
    organisation: i64,
    quartier: i64,
) -> anyhow::Result<()> {
    use app::auth::db::{create_account, find_account, grant_org_role, grant_quartier_role};
    use app::auth::policy::{OrgRole, QuartierRole};
    let mut tx = db.pool().begin().await?;
    for (email, name, role) in &DEMO_ACCOUNTS {
        let id = match create_account(&mut tx, email, name, hash, "de", true).await? {
            Some(id) => id,
            None => match find_account(&mut tx, email).await? {
                Some(account) => account.id,
                None => continue,
            },
        };
        match role {
            DemoRole::OrgAdmin => {
                grant_org_role(&mut tx, id, organisation, OrgRole::OrgAdmin).await?;
            }
            DemoRole::Coordinator => {
                grant_org_role(&mut tx, id, organisation, OrgRole::Coordinator).await?;
            }
            DemoRole::Neighbour => {
                grant_quartier_role(&mut tx, id, quartier, QuartierRole::Neighbour).await?
            }
            DemoRole::Volunteer => {
                grant_quartier_role(&mut tx, id, quartier, QuartierRole::Volunteer).await?;
                demo_volunteer_profile(&mut tx, id, name, quartier).await?;
            }
        }
    }
    demo_reports(&mut tx, quartier).await?;
    tx.commit().await?;
    Ok(())
}

/// An open report and a mediation request from the demo neighbour, so the
/// coordinators' queues show how they work.
async fn demo_reports(conn: &mut sqlx::AnyConnection, quartier: i64) -> anyhow::Result<()> {
    use sqlx::Row;
    let neighbour = app::auth::db::find_account(conn, DEMO_ACCOUNTS[3].0)
        .await?
        .map(|a| a.id);
    let place: Option<i64> = sqlx::query(
        "SELECT id FROM meeting_places WHERE quartier_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(quartier)
    .fetch_optional(&mut *conn)
    .await?
    .map(|r| r.try_get("id"))
    .transpose()?;
    let (Some(neighbour), Some(place)) = (neighbour, place) else {
        return Ok(());
    };
    let already = sqlx::query("SELECT 1 AS one FROM reports WHERE reporter_id = $1")
        .bind(neighbour)
        .fetch_optional(&mut *conn)
        .await?;
    if already.is_some() {
        return Ok(());
    }
    let at = Utc::now().timestamp();
    sqlx::query(
        "INSERT INTO reports (target_kind, target_id, quartier_id, reporter_id, reason, details,
                              urgent, created_at)
         VALUES ('place', $1, $2, $3, 'wrong_information', $4, 0, $5)",
    )
    .bind(place)
    .bind(quartier)
    .bind(neighbour)
    .bind("Die Öffnungszeiten stimmen nicht mehr, dienstags ist geschlossen.")
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO mediation_requests (quartier_id, requester_id, description, reachable,
                                         created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(quartier)
    .bind(neighbour)
    .bind("Im Hof stehen ständig Fahrräder vor meiner Tür, das Gespräch mit den Nachbarn ist eskaliert.")
    .bind("werktags ab 17 Uhr, Telefon über das Quartiersbüro")
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

//! Distances on the earth's surface.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

const EARTH_RADIUS_KM: f64 = 6371.0;
/// Kilometres per degree of latitude (and of longitude at the equator).
const KM_PER_DEGREE: f64 = 111.32;

/// Great-circle distance in kilometres.
pub fn haversine_km(a: GeoPoint, b: GeoPoint) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// A cheap pre-filter: is `b` inside the box of `radius_km` around `a`? Never false for
/// a point within the radius (the box is a little larger than the circle).
pub fn within_box(a: GeoPoint, b: GeoPoint, radius_km: f64) -> bool {
    let dlat = (a.lat - b.lat).abs() * KM_PER_DEGREE;
    if dlat > radius_km * 1.01 {
        return false;
    }
    // Longitude degrees shrink towards the poles; use the larger latitude's cosine
    // bound generously so the box always contains the circle.
    let cos = a.lat.abs().max(b.lat.abs()).min(89.0).to_radians().cos();
    let dlon = (a.lon - b.lon).abs().min(360.0 - (a.lon - b.lon).abs()) * KM_PER_DEGREE * cos;
    dlon <= radius_km * 1.01
}

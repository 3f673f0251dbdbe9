//! A small map for choosing an approximate home point: 3 × 3 OpenStreetMap tiles
//! (Web Mercator, "slippy map" numbering) drawn as SVG images around a point, with the
//! point marked. Clicking (with JavaScript) fills latitude and longitude; the form works
//! without it. Pure arithmetic, no I/O.

use crate::matching::geo::GeoPoint;
use std::f64::consts::PI;

/// Close enough to see streets, far enough to show a Quartier.
pub const ZOOM: u8 = 15;
pub const TILE_PX: f64 = 256.0;
/// The map shows this many tiles across and down.
pub const TILES: i64 = 3;

/// The point as fractional tile coordinates at `zoom`.
pub fn tile_of(point: GeoPoint, zoom: u8) -> (f64, f64) {
    let n = f64::from(1u32 << zoom);
    let lat = point.lat.clamp(-85.05, 85.05).to_radians();
    let x = (point.lon + 180.0) / 360.0 * n;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0 * n;
    (x, y)
}

/// The point at fractional tile coordinates at `zoom`.
pub fn point_of(x: f64, y: f64, zoom: u8) -> GeoPoint {
    let n = f64::from(1u32 << zoom);
    let lon = x / n * 360.0 - 180.0;
    let lat = (PI * (1.0 - 2.0 * y / n)).sinh().atan().to_degrees();
    GeoPoint { lat, lon }
}

/// One tile of the map: its address and where it goes in the SVG (pixels).
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub url: String,
    pub x: f64,
    pub y: f64,
}

/// The map around `centre`: the top-left tile numbers, the tiles with their addresses
/// (from a template with `{z}`, `{x}`, `{y}`) and the marker position in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct MapView {
    pub origin: (i64, i64),
    pub tiles: Vec<Tile>,
    pub marker: (f64, f64),
}

pub fn view(centre: GeoPoint, template: &str) -> MapView {
    let (x, y) = tile_of(centre, ZOOM);
    let origin = (x.floor() as i64 - TILES / 2, y.floor() as i64 - TILES / 2);
    let mut tiles = Vec::new();
    for row in 0..TILES {
        for col in 0..TILES {
            let (tx, ty) = (origin.0 + col, origin.1 + row);
            tiles.push(Tile {
                url: template
                    .replace("{z}", &ZOOM.to_string())
                    .replace("{x}", &tx.to_string())
                    .replace("{y}", &ty.to_string()),
                x: col as f64 * TILE_PX,
                y: row as f64 * TILE_PX,
            });
        }
    }
    MapView {
        origin,
        tiles,
        marker: (
            (x - origin.0 as f64) * TILE_PX,
            (y - origin.1 as f64) * TILE_PX,
        ),
    }
}

/// Where `point` lies, in pixels, on the map whose top-left tile is `origin`; `None`
/// when it is outside the map.
pub fn position(origin: (i64, i64), point: GeoPoint) -> Option<(f64, f64)> {
    let (x, y) = tile_of(point, ZOOM);
    let (px, py) = (
        (x - origin.0 as f64) * TILE_PX,
        (y - origin.1 as f64) * TILE_PX,
    );
    let size = TILE_PX * TILES as f64;
    ((0.0..size).contains(&px) && (0.0..size).contains(&py)).then_some((px, py))
}

/// The point under a click at pixel (`px`, `py`) of the map whose top-left tile is
/// `origin`, rounded to three decimals (about 100 m).
pub fn clicked(origin: (i64, i64), px: f64, py: f64) -> GeoPoint {
    let p = point_of(
        origin.0 as f64 + px / TILE_PX,
        origin.1 as f64 + py / TILE_PX,
        ZOOM,
    );
    GeoPoint {
        lat: (p.lat * 1000.0).round() / 1000.0,
        lon: (p.lon * 1000.0).round() / 1000.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hannover_lies_on_its_known_tile() {
        // Linden-Süd at zoom 15: tile x 17269, y 10769 (OpenStreetMap numbering).
        let (x, y) = tile_of(
            GeoPoint {
                lat: 52.3622,
                lon: 9.7265,
            },
            15,
        );
        assert_eq!((x.floor() as i64, y.floor() as i64), (17269, 10769));
        let map = view(
            GeoPoint {
                lat: 52.3622,
                lon: 9.7265,
            },
            "https://t/{z}/{x}/{y}.png",
        );
        assert_eq!(map.tiles.len(), 9);
        assert_eq!(map.tiles[0].url, "https://t/15/17268/10768.png");
        assert!(map.marker.0 > 256.0 && map.marker.0 < 512.0);
    }

    proptest! {
        #[test]
        fn a_click_on_the_marker_gives_back_the_point(lat in 47.0f64..55.0, lon in 5.0f64..15.0) {
            let map = view(GeoPoint { lat, lon }, "{z}/{x}/{y}");
            let back = clicked(map.origin, map.marker.0, map.marker.1);
            prop_assert!((back.lat - lat).abs() <= 0.0006);
            prop_assert!((back.lon - lon).abs() <= 0.0006);
        }
    }
}

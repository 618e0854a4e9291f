//! 坐标系 — WGS84 / CGCS2000 and GCJ-02. Junheng stores coordinates in GCJ-02, the frame of the
//! demo data and of the web maps planners pick points from (高德, 腾讯); WGS84 and CGCS2000 input
//! (GPS, 天地图, statistical boundaries) is converted on import. CGCS2000 and WGS84 differ by
//! centimetres, far below what planning needs, so they are treated as one.

use serde::{Deserialize, Serialize};

/// The coordinate frame of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Crs {
    Wgs84,
    Cgcs2000,
    Gcj02,
}

// Krasovsky 1940 ellipsoid, as the published GCJ-02 algorithm uses.
const A: f64 = 6_378_245.0;
const EE: f64 = 0.006_693_421_622_965_943;

fn out_of_china(lon: f64, lat: f64) -> bool {
    !(72.004..=137.8347).contains(&lon) || !(0.8293..=55.8271).contains(&lat)
}

fn offset_lat(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn offset_lon(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// WGS84 → GCJ-02 (points outside China are returned unchanged, as the algorithm defines).
pub fn wgs84_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    use std::f64::consts::PI;
    if out_of_china(lon, lat) {
        return (lon, lat);
    }
    let dlat = offset_lat(lon - 105.0, lat - 35.0);
    let dlon = offset_lon(lon - 105.0, lat - 35.0);
    let rad = lat / 180.0 * PI;
    let magic = 1.0 - EE * rad.sin() * rad.sin();
    let sq = magic.sqrt();
    let dlat = (dlat * 180.0) / ((A * (1.0 - EE)) / (magic * sq) * PI);
    let dlon = (dlon * 180.0) / (A / sq * rad.cos() * PI);
    (lon + dlon, lat + dlat)
}

/// GCJ-02 → WGS84 by fixed-point iteration on the forward transform, to about 1e-9° (0.1 mm).
pub fn gcj02_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    let (mut x, mut y) = (lon, lat);
    for _ in 0..30 {
        let (fx, fy) = wgs84_to_gcj02(x, y);
        let (ex, ey) = (fx - lon, fy - lat);
        x -= ex;
        y -= ey;
        if ex.abs() < 1e-10 && ey.abs() < 1e-10 {
            break;
        }
    }
    (x, y)
}

/// A point in `from` expressed in the stored frame (GCJ-02).
pub fn to_stored_frame(from: Crs, lon: f64, lat: f64) -> (f64, f64) {
    match from {
        Crs::Gcj02 => (lon, lat),
        Crs::Wgs84 | Crs::Cgcs2000 => wgs84_to_gcj02(lon, lat),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_matches_the_published_coordtransform_example() {
        // coordtransform (wandergis) test/app.js: wgs84togcj02(116.404, 39.915).
        let (x, y) = wgs84_to_gcj02(116.404, 39.915);
        assert!((x - 116.41024449916938).abs() < 1e-9, "{x}");
        assert!((y - 39.91640428150164).abs() < 1e-9, "{y}");
    }

    #[test]
    fn inverse_round_trips_and_agrees_with_gcoord_to_two_metres() {
        // gcoord GCJ02.to.WGS84([123, 45]) ≈ [122.99395597, 44.99804071] (one-step inverse,
        // accurate to 1–2 m); the iterative inverse is exact to the forward transform.
        let (x, y) = gcj02_to_wgs84(123.0, 45.0);
        assert!((x - 122.99395597).abs() < 2e-5 && (y - 44.99804071).abs() < 2e-5);
        let (fx, fy) = wgs84_to_gcj02(x, y);
        assert!((fx - 123.0).abs() < 1e-9 && (fy - 45.0).abs() < 1e-9);
        // Outside China nothing moves.
        assert_eq!(wgs84_to_gcj02(2.35, 48.85), (2.35, 48.85));
    }
}

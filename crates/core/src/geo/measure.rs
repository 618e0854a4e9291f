//! Area, centroid and an interior point of township polygons, for boundaries a planner imports.

use serde_json::Value;

use super::{geometry_contains, ring};
use crate::LonLat;

/// Mean Earth radius (IUGG), m.
const R: f64 = 6_371_008.8;

/// Area of a ring on the sphere (m², signed by orientation), by the line-integral formula of
/// Chamberlain & Duquette (2007), as used by d3-geo and OpenLayers.
fn ring_area_m2(pts: &[(f64, f64)]) -> f64 {
    let n = pts.len();
    if n < 3 {
        return 0.0;
    }
    let mut s = 0.0;
    for i in 0..n {
        let (x1, y1) = pts[i];
        let (x2, y2) = pts[(i + 1) % n];
        s += (x2 - x1).to_radians() * (2.0 + y1.to_radians().sin() + y2.to_radians().sin());
    }
    s * R * R / 2.0
}

pub(crate) fn polygons(geometry: &Value) -> Vec<Vec<Vec<(f64, f64)>>> {
    let rings = |p: &Value| -> Vec<Vec<(f64, f64)>> {
        p.as_array()
            .map(|rs| rs.iter().map(ring).collect())
            .unwrap_or_default()
    };
    match geometry["type"].as_str() {
        Some("Polygon") => vec![rings(&geometry["coordinates"])],
        Some("MultiPolygon") => geometry["coordinates"]
            .as_array()
            .map(|ps| ps.iter().map(rings).collect())
            .unwrap_or_default(),
        _ => vec![],
    }
}

/// Area of a Polygon or MultiPolygon in km² (outer rings minus holes).
pub fn geometry_area_km2(geometry: &Value) -> f64 {
    polygons(geometry)
        .iter()
        .map(|rings| {
            let mut it = rings.iter();
            let outer = it.next().map_or(0.0, |r| ring_area_m2(r).abs());
            outer - it.map(|r| ring_area_m2(r).abs()).sum::<f64>()
        })
        .sum::<f64>()
        / 1e6
}

/// Planar area-weighted centroid of the outer rings (lon/lat degrees; fine at township scale).
pub fn geometry_centroid(geometry: &Value) -> Option<LonLat> {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for rings in polygons(geometry) {
        let Some(pts) = rings.first() else { continue };
        let n = pts.len();
        for i in 0..n {
            let (x1, y1) = pts[i];
            let (x2, y2) = pts[(i + 1) % n];
            let c = x1 * y2 - x2 * y1;
            a += c;
            cx += (x1 + x2) * c;
            cy += (y1 + y2) * c;
        }
    }
    (a.abs() > 0.0).then(|| LonLat {
        lon: cx / (3.0 * a),
        lat: cy / (3.0 * a),
    })
}

/// A point inside the geometry: the centroid when it lies inside, else the middle of the widest
/// inside stretch of the horizontal line through the centroid's latitude (or the outer ring's
/// middle latitude).
pub fn geometry_interior_point(geometry: &Value) -> Option<LonLat> {
    let c = geometry_centroid(geometry)?;
    if geometry_contains(geometry, c.lon, c.lat) {
        return Some(c);
    }
    let polys = polygons(geometry);
    let mut lats = vec![c.lat];
    for rings in &polys {
        if let Some(outer) = rings.first() {
            let (lo, hi) = outer
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, h), p| (l.min(p.1), h.max(p.1)));
            lats.push((lo + hi) / 2.0);
        }
    }
    let mut best: Option<(f64, LonLat)> = None;
    for y in lats {
        let mut xs: Vec<f64> = Vec::new();
        for rings in &polys {
            for r in rings {
                let n = r.len();
                for i in 0..n {
                    let (x1, y1) = r[i];
                    let (x2, y2) = r[(i + 1) % n];
                    if (y1 > y) != (y2 > y) {
                        xs.push(x1 + (y - y1) * (x2 - x1) / (y2 - y1));
                    }
                }
            }
        }
        xs.sort_by(f64::total_cmp);
        for pair in xs.windows(2) {
            let mid = (pair[0] + pair[1]) / 2.0;
            let width = pair[1] - pair[0];
            if geometry_contains(geometry, mid, y) && best.is_none_or(|(w, _)| width > w) {
                best = Some((width, LonLat { lon: mid, lat: y }));
            }
        }
    }
    best.map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_degree_square_at_the_equator() {
        // Exact spherical area of the cell 0–1°E × 0–1°N: R² · Δλ · (sin 1° − sin 0°).
        let g = json!({"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,1],[0,0]]]});
        let want = R * R * 1f64.to_radians() * 1f64.to_radians().sin() / 1e6;
        assert!((geometry_area_km2(&g) - want).abs() < 1e-6 * want);
        let c = geometry_centroid(&g).unwrap();
        assert!((c.lon - 0.5).abs() < 1e-12 && (c.lat - 0.5).abs() < 1e-12);
    }

    #[test]
    fn interior_point_of_a_c_shape_lies_inside() {
        // A "C": its centroid falls in the notch, outside the polygon.
        let g = json!({"type": "Polygon", "coordinates": [[[0,0],[3,0],[3,1],[1,1],[1,2],[3,2],[3,3],[0,3],[0,0]]]});
        let c = geometry_centroid(&g).unwrap();
        assert!(!geometry_contains(&g, c.lon, c.lat));
        let p = geometry_interior_point(&g).unwrap();
        assert!(geometry_contains(&g, p.lon, p.lat), "{p:?}");
    }
}

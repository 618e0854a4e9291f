//! 几何 — small planar geometry on GeoJSON coordinates (lon/lat degrees), enough to tell whether
//! a facility lies inside the county.

use serde_json::Value;

mod crs;
mod measure;
mod voronoi;

pub use crs::*;
pub use measure::*;
pub use voronoi::*;

pub(crate) fn ring(v: &Value) -> Vec<(f64, f64)> {
    v.as_array()
        .map(|pts| {
            pts.iter()
                .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// Even–odd ray casting: is (x, y) inside the closed ring?
pub(crate) fn in_ring(pts: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    let n = pts.len();
    for i in 0..n {
        let (xi, yi) = pts[i];
        let (xj, yj) = pts[(i + n - 1) % n];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
    }
    inside
}

/// A polygon is its outer ring minus its holes.
fn in_polygon(rings: &Value, x: f64, y: f64) -> bool {
    let Some(rings) = rings.as_array() else {
        return false;
    };
    let mut it = rings.iter();
    let Some(outer) = it.next() else {
        return false;
    };
    in_ring(&ring(outer), x, y) && !it.any(|hole| in_ring(&ring(hole), x, y))
}

/// Whether a GeoJSON Polygon or MultiPolygon geometry contains the point (lon, lat).
pub fn geometry_contains(geometry: &Value, lon: f64, lat: f64) -> bool {
    let coords = &geometry["coordinates"];
    match geometry["type"].as_str() {
        Some("Polygon") => in_polygon(coords, lon, lat),
        Some("MultiPolygon") => coords
            .as_array()
            .is_some_and(|polys| polys.iter().any(|p| in_polygon(p, lon, lat))),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn square_with_a_hole_and_a_multipolygon() {
        let sq = json!({"type": "Polygon", "coordinates": [
            [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]],
            [[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]]
        ]});
        assert!(geometry_contains(&sq, 1.0, 1.0));
        assert!(!geometry_contains(&sq, 5.0, 5.0)); // in the hole
        assert!(!geometry_contains(&sq, 11.0, 5.0));
        let multi = json!({"type": "MultiPolygon", "coordinates": [
            [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]],
            [[[20.0, 20.0], [30.0, 20.0], [30.0, 30.0], [20.0, 30.0], [20.0, 20.0]]]
        ]});
        assert!(geometry_contains(&multi, 25.0, 25.0));
        assert!(!geometry_contains(&multi, 15.0, 15.0));
        assert!(!geometry_contains(
            &json!({"type": "Point", "coordinates": [0, 0]}),
            0.0,
            0.0
        ));
    }
}

//! The typed boundary against figures worked out by hand and against a second method.

use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::LonLat;

/// Mean Earth radius (IUGG), m — repeated here so the expected areas do not borrow the code's.
const R_M: f64 = 6_371_008.8;

/// Spherical area of the lat/lon cell [lon0, lon1] × [lat0, lat1], km²: R² · Δλ · (sin φ1 − sin φ0).
fn cell_km2(lon0: f64, lon1: f64, lat0: f64, lat1: f64) -> f64 {
    R_M * R_M * (lon1 - lon0).to_radians() * (lat1.to_radians().sin() - lat0.to_radians().sin())
        / 1e6
}

fn square_with_a_hole() -> Area {
    Area::from_geojson(&json!({"type": "Polygon", "coordinates": [
        [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]],
        [[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]]
    ]}))
    .unwrap()
}

#[test]
fn a_square_with_a_hole() {
    let a = square_with_a_hole();
    assert_eq!(a.polygons.len(), 1);
    assert_eq!(a.polygons[0].holes.len(), 1);
    // 10° square less the 2° hole between 4° and 6° N.
    let want = cell_km2(0.0, 10.0, 0.0, 10.0) - cell_km2(4.0, 6.0, 4.0, 6.0);
    assert!(
        (a.area_km2() - want).abs() < 1e-9 * want,
        "{}",
        a.area_km2()
    );
    assert!(a.contains(1.0, 1.0));
    assert!(a.contains(4.5, 9.0));
    assert!(!a.contains(5.0, 5.0)); // in the hole
    assert!(!a.contains(11.0, 5.0));
    assert!(!a.contains(5.0, -0.1));
    assert_eq!(a.bbox(), Some([0.0, 0.0, 10.0, 10.0]));
    // The centroid of the outer ring is (5, 5), which lies in the hole; the line y = 5 crosses
    // at 0, 4, 6, 10: the widest inside stretch is the first, 0–4 (the equal 6–10 comes later).
    let c = a.centroid().unwrap();
    assert!(
        (c.lon - 5.0).abs() < 1e-12 && (c.lat - 5.0).abs() < 1e-12,
        "{c:?}"
    );
    assert_eq!(a.interior_point(), Some(LonLat { lon: 2.0, lat: 5.0 }));
    assert_eq!(
        a.exterior_rings(),
        vec![vec![
            [0.0, 0.0],
            [10.0, 0.0],
            [10.0, 10.0],
            [0.0, 10.0],
            [0.0, 0.0]
        ]]
    );
}

#[test]
fn a_multipolygon_of_two_unit_squares() {
    let a = Area::from_geojson(&json!({"type": "MultiPolygon", "coordinates": [
        [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]],
        [[[20.0, 0.0], [21.0, 0.0], [21.0, 1.0], [20.0, 1.0], [20.0, 0.0]]]
    ]}))
    .unwrap();
    assert_eq!(a.polygons.len(), 2);
    let want = 2.0 * cell_km2(0.0, 1.0, 0.0, 1.0);
    assert!((a.area_km2() - want).abs() < 1e-9 * want);
    assert!(a.contains(20.5, 0.5) && a.contains(0.5, 0.5));
    assert!(!a.contains(10.0, 0.5));
    assert_eq!(a.bbox(), Some([0.0, 0.0, 21.0, 1.0]));
    // Equal parts: the centroid is halfway between (0.5, 0.5) and (20.5, 0.5), in the gap; the
    // crossings at y = 0.5 are 0, 1, 20, 21 and the first inside stretch wins the tie.
    let c = a.centroid().unwrap();
    assert!(
        (c.lon - 10.5).abs() < 1e-12 && (c.lat - 0.5).abs() < 1e-12,
        "{c:?}"
    );
    assert_eq!(a.interior_point(), Some(LonLat { lon: 0.5, lat: 0.5 }));
    // The wire form reads back to the same area.
    assert_eq!(Area::from_geojson(&a.to_multipolygon_geojson()).unwrap(), a);
    assert_eq!(a.exterior_rings().len(), 2);
}

#[test]
fn anything_but_a_polygon_is_a_located_error() {
    let e = Area::from_geojson(&json!({"type": "Point", "coordinates": [0, 0]})).unwrap_err();
    assert_eq!(
        e,
        GeoError::NotPolygonal {
            found: "Point".into()
        }
    );
    assert_eq!(e.code(), "geo.not_polygonal");
    assert!(e.message_zh().contains("Point"));
    assert_eq!(
        Area::from_geojson(&serde_json::Value::Null)
            .unwrap_err()
            .code(),
        "geo.not_polygonal"
    );
    let e = Area::from_geojson(
        &json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, "x"], [0, 0]]]}),
    )
    .unwrap_err();
    assert_eq!(
        e,
        GeoError::BadCoordinates {
            at: "coordinates[0][2]".into(),
            expected: "[lon, lat] numbers"
        }
    );
    assert_eq!(e.code(), "geo.bad_coordinates");
    assert_eq!(e.message_zh(), "coordinates[0][2]：应为[经度, 纬度] 数值");
    assert_eq!(
        e.to_string(),
        "coordinates[0][2]: expected [lon, lat] numbers"
    );
    let e = Area::from_geojson(&json!({"type": "MultiPolygon", "coordinates": [
        [[[0, 0], [1, 0], [1, 1], [0, 0]]],
        5
    ]}))
    .unwrap_err();
    assert_eq!(
        e,
        GeoError::BadCoordinates {
            at: "coordinates[1]".into(),
            expected: "an array of rings"
        }
    );
    // A stored township without a boundary holds no point.
    assert_eq!(Area::of_stored(&serde_json::Value::Null), Area::default());
    assert!(!Area::default().contains(0.0, 0.0));
    assert_eq!(Area::default().bbox(), None);
}

/// Winding number of the closed ring around (x, y) from the sum of the signed angles its edges
/// subtend: a method independent of the ray casting under test.
fn winding(ring: &[Pt], x: f64, y: f64) -> i64 {
    let n = ring.len();
    let total: f64 = (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            let (ax, ay, bx, by) = (a.0 - x, a.1 - y, b.0 - x, b.1 - y);
            (ax * by - ay * bx).atan2(ax * bx + ay * by)
        })
        .sum();
    (total / std::f64::consts::TAU).round() as i64
}

/// A simple (star-shaped) ring around (cx, cy): vertices at increasing angles, one radius each.
fn star(cx: f64, cy: f64, radii: &[f64]) -> Vec<Pt> {
    let n = radii.len();
    let mut r: Vec<Pt> = radii
        .iter()
        .enumerate()
        .map(|(k, &rad)| {
            let t = k as f64 * std::f64::consts::TAU / n as f64;
            (cx + rad * t.cos(), cy + rad * t.sin())
        })
        .collect();
    r.push(r[0]);
    r
}

proptest! {
    #[test]
    fn contains_agrees_with_the_winding_number(
        outer in prop::collection::vec(0.5f64..1.0, 3..40),
        hole in prop::collection::vec(0.05f64..0.3, 3..12),
        cx in 73.0f64..136.0,
        cy in 3.0f64..54.0,
        points in prop::collection::vec((-1.1f64..1.1, -1.1f64..1.1), 200),
    ) {
        // The hole's radii are below the outer ring's: it lies inside, as a hole must.
        let (outer, hole) = (star(cx, cy, &outer), star(cx, cy, &hole));
        let a = Area::from_geojson(&json!({"type": "Polygon", "coordinates": [
            outer.iter().map(|p| [p.0, p.1]).collect::<Vec<_>>(),
            hole.iter().map(|p| [p.0, p.1]).collect::<Vec<_>>(),
        ]})).unwrap();
        for (dx, dy) in points {
            let (x, y) = (cx + dx, cy + dy);
            let want = winding(&outer, x, y) != 0 && winding(&hole, x, y) == 0;
            prop_assert_eq!(a.contains(x, y), want, "({}, {})", x, y);
            prop_assert_eq!(row_contains(&a.row(y), x), want, "row ({}, {})", x, y);
        }
    }
}

//! 轮廓简化 — county outlines thinned for the 区域总览 map (Douglas–Peucker per ring), so that a
//! province's map is a few hundred kilobytes rather than megabytes. Only the overview's map uses
//! it; the county's own outline (its dashboard, its report) stays as bundled.

use serde_json::Value;

/// Tolerance in degrees for a scope of `counties` counties: ~100 m for a prefecture, ~500 m
/// for a province (finer than a pixel at the zoom each is shown at).
pub fn tolerance_deg(counties: usize) -> f64 {
    if counties <= 20 {
        0.001
    } else {
        0.005
    }
}

/// A Polygon or MultiPolygon geometry with every ring thinned to within `tol` degrees; other
/// geometries are returned as they are.
pub fn simplify_geometry(g: &Value, tol: f64) -> Value {
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = g.get("coordinates");
    let polygon = |p: &Value| -> Value {
        Value::Array(
            p.as_array()
                .map(|rings| rings.iter().map(|r| simplify_ring(r, tol)).collect())
                .unwrap_or_default(),
        )
    };
    let simplified = match (kind, coords) {
        ("Polygon", Some(c)) => polygon(c),
        ("MultiPolygon", Some(Value::Array(ps))) => Value::Array(ps.iter().map(polygon).collect()),
        _ => return g.clone(),
    };
    serde_json::json!({ "type": kind, "coordinates": simplified })
}

fn point(v: &Value) -> Option<(f64, f64)> {
    let a = v.as_array()?;
    Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?))
}

/// A closed ring thinned by Douglas–Peucker; a ring that would fall below four points (a
/// triangle, closed) is kept whole.
fn simplify_ring(ring: &Value, tol: f64) -> Value {
    let Some(pts) = ring
        .as_array()
        .and_then(|r| r.iter().map(point).collect::<Option<Vec<_>>>())
    else {
        return ring.clone();
    };
    if pts.len() <= 4 {
        return ring.clone();
    }
    let mut keep = vec![false; pts.len()];
    keep[0] = true;
    keep[pts.len() - 1] = true;
    // A closed ring's ends coincide: split it at the point farthest from the start, so that
    // each half has a proper baseline.
    let far = (1..pts.len() - 1)
        .max_by(|&a, &b| dist2(pts[0], pts[a]).total_cmp(&dist2(pts[0], pts[b])))
        .unwrap_or(1);
    keep[far] = true;
    let mut stack = vec![(0, far), (far, pts.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (mut worst, mut at) = (0.0, a);
        for (i, &p) in pts.iter().enumerate().take(b).skip(a + 1) {
            let d = seg_dist(p, pts[a], pts[b]);
            if d > worst {
                (worst, at) = (d, i);
            }
        }
        if worst > tol {
            keep[at] = true;
            stack.push((a, at));
            stack.push((at, b));
        }
    }
    let out: Vec<Value> = pts
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(p, _)| serde_json::json!([p.0, p.1]))
        .collect();
    if out.len() < 4 {
        return ring.clone();
    }
    Value::Array(out)
}

fn dist2(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
}

/// Distance (degrees) from `p` to the segment `a`–`b`.
fn seg_dist(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let l2 = dist2(a, b);
    if l2 == 0.0 {
        return dist2(p, a).sqrt();
    }
    let t = (((p.0 - a.0) * (b.0 - a.0) + (p.1 - a.1) * (b.1 - a.1)) / l2).clamp(0.0, 1.0);
    dist2(p, (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn points_within_the_tolerance_go_and_corners_stay() {
        // A unit square with a point 0.0005 off its bottom edge and one 0.3 off its right edge.
        let g = json!({ "type": "Polygon", "coordinates": [[
            [0.0, 0.0], [0.5, 0.0005], [1.0, 0.0], [1.3, 0.5], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]
        ]]});
        let s = simplify_geometry(&g, 0.001);
        assert_eq!(
            s["coordinates"][0],
            json!([
                [0.0, 0.0],
                [1.0, 0.0],
                [1.3, 0.5],
                [1.0, 1.0],
                [0.0, 1.0],
                [0.0, 0.0]
            ])
        );
        // Distances worked by hand: (0.5, 0.0005) is 0.0005 from the edge; (1.3, 0.5) is 0.3.
        assert!((seg_dist((0.5, 0.0005), (0.0, 0.0), (1.0, 0.0)) - 0.0005).abs() < 1e-12);
        assert!((seg_dist((1.3, 0.5), (1.0, 0.0), (1.0, 1.0)) - 0.3).abs() < 1e-12);
    }

    #[test]
    fn a_ring_is_never_reduced_below_a_closed_triangle() {
        let g = json!({ "type": "MultiPolygon", "coordinates": [[[
            [0.0, 0.0], [0.0001, 0.0], [0.0001, 0.0001], [0.0, 0.0001], [0.0, 0.0]
        ]]]});
        let s = simplify_geometry(&g, 0.01);
        assert_eq!(s["coordinates"][0][0].as_array().unwrap().len(), 5);
        assert_eq!(
            simplify_geometry(&json!({"type": "Point", "coordinates": [1, 2]}), 1.0),
            json!({"type": "Point", "coordinates": [1, 2]})
        );
    }
}

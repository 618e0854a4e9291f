//! Area, centroid and an interior point of a 区域边界, for boundaries a planner imports.

use super::area::{crossing, Area};
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

impl Area {
    /// Area in km² on the sphere (outer rings minus holes).
    pub fn area_km2(&self) -> f64 {
        self.polygons
            .iter()
            .map(|p| {
                ring_area_m2(&p.outer).abs()
                    - p.holes.iter().map(|r| ring_area_m2(r).abs()).sum::<f64>()
            })
            .sum::<f64>()
            / 1e6
    }

    /// Planar area-weighted centroid of the outer rings (lon/lat degrees; fine at township scale).
    pub fn centroid(&self) -> Option<LonLat> {
        let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for p in &self.polygons {
            let pts = &p.outer;
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

    /// A point inside: the centroid when it lies inside, else the middle of the widest inside
    /// stretch of the horizontal line through the centroid's latitude (or an outer ring's middle
    /// latitude).
    pub fn interior_point(&self) -> Option<LonLat> {
        let c = self.centroid()?;
        if self.contains(c.lon, c.lat) {
            return Some(c);
        }
        let mut lats = vec![c.lat];
        for p in &self.polygons {
            let (lo, hi) = p
                .outer
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, h), p| (l.min(p.1), h.max(p.1)));
            lats.push((lo + hi) / 2.0);
        }
        let mut best: Option<(f64, LonLat)> = None;
        for y in lats {
            let mut xs: Vec<f64> = Vec::new();
            for r in self.rings() {
                let n = r.len();
                // Edges taken forward here (the containment test goes backward): the stored
                // interior points were computed so, and stay bit-identical.
                xs.extend((0..n).filter_map(|i| crossing(r[i], r[(i + 1) % n], y)));
            }
            xs.sort_by(f64::total_cmp);
            for pair in xs.windows(2) {
                let mid = (pair[0] + pair[1]) / 2.0;
                let width = pair[1] - pair[0];
                if self.contains(mid, y) && best.is_none_or(|(w, _)| width > w) {
                    best = Some((width, LonLat { lon: mid, lat: y }));
                }
            }
        }
        best.map(|(_, p)| p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_degree_square_at_the_equator() {
        // Exact spherical area of the cell 0–1°E × 0–1°N: R² · Δλ · (sin 1° − sin 0°).
        let g = Area::from_geojson(
            &json!({"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,1],[0,0]]]}),
        )
        .unwrap();
        let want = R * R * 1f64.to_radians() * 1f64.to_radians().sin() / 1e6;
        assert!((g.area_km2() - want).abs() < 1e-6 * want);
        let c = g.centroid().unwrap();
        assert!((c.lon - 0.5).abs() < 1e-12 && (c.lat - 0.5).abs() < 1e-12);
    }

    #[test]
    fn interior_point_of_a_c_shape_lies_inside() {
        // A "C": its centroid falls in the notch, outside the polygon.
        let g = Area::from_geojson(&json!({"type": "Polygon", "coordinates": [[[0,0],[3,0],[3,1],[1,1],[1,2],[3,2],[3,3],[0,3],[0,0]]]})).unwrap();
        let c = g.centroid().unwrap();
        assert!(!g.contains(c.lon, c.lat));
        let p = g.interior_point().unwrap();
        assert!(g.contains(p.lon, p.lat), "{p:?}");
    }
}

//! 需求格网 — demand points finer than one per township: a regular grid of cells (about
//! `cell_m` on a side) clipped to each township, the township's residents spread evenly over its
//! cells. Without village data this is the honest default: it spreads people by area, so a
//! township's coverage is the share of its land within reach, and it never moves people across
//! township lines (zone totals stay exact).

use serde::Serialize;

use crate::geo::{row_contains, Area};

/// One grid cell centre inside a township.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
pub struct GridPoint {
    pub lon: f64,
    pub lat: f64,
    /// Index of the township (zone) in the input order.
    pub zone: usize,
    /// This cell's share of its township's residents (shares of a township sum to 1).
    pub share: f64,
}

/// Grid cells of about `cell_m` metres inside each township boundary; a township too small to
/// hold a cell centre gets one point at `fallback[zone]` (its interior point).
///
/// Each township is scanned row by row: the boundary's crossings of a row are found once, so
/// the cost is rows × edges + cells rather than cells × edges (a 250 m grid over a county of
/// detailed boundaries was dominated by the point-in-polygon tests).
pub fn demand_grid(boundaries: &[&Area], fallback: &[[f64; 2]], cell_m: f64) -> Vec<GridPoint> {
    const M_PER_DEG: f64 = 111_320.0;
    let mut out = Vec::new();
    for (zone, g) in boundaries.iter().enumerate() {
        let mut cells = Vec::new();
        if let Some([x0, y0, x1, y1]) = g.bbox() {
            let dlat = cell_m / M_PER_DEG;
            let dlon = cell_m / (M_PER_DEG * ((y0 + y1) / 2.0).to_radians().cos());
            // Cells are aligned to a global lattice so neighbouring townships tile without overlap.
            let mut y = ((y0 / dlat).floor() + 0.5) * dlat;
            while y <= y1 {
                let row = g.row(y);
                let mut x = ((x0 / dlon).floor() + 0.5) * dlon;
                while x <= x1 {
                    if row_contains(&row, x) {
                        cells.push([x, y]);
                    }
                    x += dlon;
                }
                y += dlat;
            }
        }
        if cells.is_empty() {
            cells.push(fallback[zone]);
        }
        let share = 1.0 / cells.len() as f64;
        out.extend(cells.into_iter().map(|[lon, lat]| GridPoint {
            lon,
            lat,
            zone,
            share,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_square_gets_evenly_shared_cells_and_a_sliver_gets_its_interior_point() {
        // 0.1° × 0.1° at the equator ≈ 11.1 km square; 1 113 m cells → 10 × 10 = 100 cells.
        let square = Area::from_geojson(&json!({"type": "Polygon", "coordinates": [[[0.0,0.0],[0.1,0.0],[0.1,0.1],[0.0,0.1],[0.0,0.0]]]})).unwrap();
        let sliver = Area::from_geojson(&json!({"type": "Polygon", "coordinates": [[[1.0,1.0],[1.0001,1.0],[1.0001,1.0001],[1.0,1.0]]]})).unwrap();
        let g = demand_grid(
            &[&square, &sliver],
            &[[0.05, 0.05], [1.00005, 1.00003]],
            1113.2,
        );
        let in_square = g.iter().filter(|p| p.zone == 0).count();
        assert_eq!(in_square, 100);
        let total: f64 = g.iter().filter(|p| p.zone == 0).map(|p| p.share).sum();
        assert!((total - 1.0).abs() < 1e-12);
        let s: Vec<_> = g.iter().filter(|p| p.zone == 1).collect();
        assert_eq!((s.len(), s[0].lon, s[0].share), (1, 1.00005, 1.0));
    }

    /// The scan keeps exactly the lattice points the point-in-polygon test accepts, holes and
    /// multipolygons included.
    #[test]
    fn the_row_scan_agrees_with_the_point_in_polygon_test() {
        // A star-shaped ring with a hole, and a multipolygon whose second part is a triangle.
        let star: Vec<[f64; 2]> = (0..=24)
            .map(|k| {
                let t = (k % 24) as f64 * std::f64::consts::TAU / 24.0;
                let r = if k % 2 == 0 { 0.1 } else { 0.045 };
                [120.0 + r * t.cos(), 30.0 + r * t.sin()]
            })
            .collect();
        let hole = json!([
            [120.0, 30.0],
            [120.02, 30.0],
            [120.02, 30.02],
            [120.0, 30.02],
            [120.0, 30.0]
        ]);
        let poly =
            Area::from_geojson(&json!({"type": "Polygon", "coordinates": [star, hole]})).unwrap();
        let multi = Area::from_geojson(&json!({"type": "MultiPolygon", "coordinates": [
            [star],
            [[[120.2, 30.0], [120.3, 30.0], [120.25, 30.08], [120.2, 30.0]]]
        ]}))
        .unwrap();
        for g in [&poly, &multi] {
            let got = demand_grid(&[g], &[[0.0, 0.0]], 500.0);
            let b = g.bbox().unwrap();
            let (dlat, dlon) = (
                500.0 / 111_320.0,
                500.0 / (111_320.0 * ((b[1] + b[3]) / 2.0).to_radians().cos()),
            );
            let mut want = Vec::new();
            let mut y = ((b[1] / dlat).floor() + 0.5) * dlat;
            while y <= b[3] {
                let mut x = ((b[0] / dlon).floor() + 0.5) * dlon;
                while x <= b[2] {
                    if g.contains(x, y) {
                        want.push([x, y]);
                    }
                    x += dlon;
                }
                y += dlat;
            }
            let got: Vec<[f64; 2]> = got.iter().map(|p| [p.lon, p.lat]).collect();
            assert!(want.len() > 100, "{}", want.len());
            assert_eq!(got, want);
        }
    }
}

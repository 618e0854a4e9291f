//! 需求格网 — demand points finer than one per township: a regular grid of cells (about
//! `cell_m` on a side) clipped to each township, the township's residents spread evenly over its
//! cells. Without village data this is the honest default: it spreads people by area, so a
//! township's coverage is the share of its land within reach, and it never moves people across
//! township lines (zone totals stay exact).

use serde::Serialize;
use serde_json::Value;

use crate::geo::geometry_contains;

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

fn bbox(geometry: &Value) -> Option<[f64; 4]> {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut any = false;
    fn walk(v: &Value, b: &mut [f64; 4], any: &mut bool) {
        if let Some(a) = v.as_array() {
            if let (Some(x), Some(y)) = (
                a.first().and_then(Value::as_f64),
                a.get(1).and_then(Value::as_f64),
            ) {
                b[0] = b[0].min(x);
                b[1] = b[1].min(y);
                b[2] = b[2].max(x);
                b[3] = b[3].max(y);
                *any = true;
            } else {
                for c in a {
                    walk(c, b, any);
                }
            }
        }
    }
    walk(&geometry["coordinates"], &mut b, &mut any);
    any.then_some(b)
}

/// Grid cells of about `cell_m` metres inside each township boundary; a township too small to
/// hold a cell centre gets one point at `fallback[zone]` (its interior point).
pub fn demand_grid(boundaries: &[&Value], fallback: &[[f64; 2]], cell_m: f64) -> Vec<GridPoint> {
    const M_PER_DEG: f64 = 111_320.0;
    let mut out = Vec::new();
    for (zone, g) in boundaries.iter().enumerate() {
        let mut cells = Vec::new();
        if let Some([x0, y0, x1, y1]) = bbox(g) {
            let dlat = cell_m / M_PER_DEG;
            let dlon = cell_m / (M_PER_DEG * ((y0 + y1) / 2.0).to_radians().cos());
            // Cells are aligned to a global lattice so neighbouring townships tile without overlap.
            let mut y = ((y0 / dlat).floor() + 0.5) * dlat;
            while y <= y1 {
                let mut x = ((x0 / dlon).floor() + 0.5) * dlon;
                while x <= x1 {
                    if geometry_contains(g, x, y) {
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
        let square = json!({"type": "Polygon", "coordinates": [[[0.0,0.0],[0.1,0.0],[0.1,0.1],[0.0,0.1],[0.0,0.0]]]});
        let sliver = json!({"type": "Polygon", "coordinates": [[[1.0,1.0],[1.0001,1.0],[1.0001,1.0001],[1.0,1.0]]]});
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
}

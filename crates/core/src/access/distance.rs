//! Travel costs between demand points (origins) and supply sites (destinations).
//!
//! * Great-circle distance by the haversine formula on a sphere of radius
//!   [`EARTH_RADIUS_M`] = 6 371 008.8 m (the IUGG mean Earth radius R₁), for lon/lat degrees:
//!   `d = 2R·asin(√(sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2)))`.
//! * Euclidean distance for projected coordinates (metres in a CGCS2000 / Gauss–Krüger zone).
//! * [`CostMatrix`]: a sparse origin → `[(destination, cost)]` matrix in CSR layout. Built from
//!   coordinates with a cutoff through a uniform grid bucket index, so only pairs within the
//!   cutoff are ever measured (100 000 points × 5 000 sites with a few-km cutoff is a matter of
//!   milliseconds), or from explicit triplets (a cost table), or from a road [`Graph`] by one
//!   Dijkstra run per supply site.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::csr::{CostError, CostMatrix, RowBuilder};

/// Mean Earth radius R₁ = (2a + b)/3 of WGS-84 / GRS-80, metres.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Haversine great-circle distance in metres between two `[lon, lat]` points in degrees.
pub fn haversine_m(a: [f64; 2], b: [f64; 2]) -> f64 {
    haversine_lat(a, Lat::of(a), b, Lat::of(b))
}

/// A point's latitude in radians and its cosine, computed once per point when one point is
/// measured against many.
#[derive(Clone, Copy)]
struct Lat {
    rad: f64,
    cos: f64,
}

impl Lat {
    fn of(p: [f64; 2]) -> Lat {
        let rad = p[1].to_radians();
        Lat {
            rad,
            cos: rad.cos(),
        }
    }
}

/// [`haversine_m`] with the latitude terms given: the same operations on the same values, so the
/// same result to the bit.
fn haversine_lat(a: [f64; 2], la: Lat, b: [f64; 2], lb: Lat) -> f64 {
    let dlat = lb.rad - la.rad;
    let dlon = (b[0] - a[0]).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la.cos * lb.cos * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// Euclidean distance between two projected `[x, y]` points.
pub fn euclidean(a: [f64; 2], b: [f64; 2]) -> f64 {
    (b[0] - a[0]).hypot(b[1] - a[1])
}

/// How point coordinates are measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Projected `[x, y]`, same unit as the cutoff.
    Euclidean,
    /// `[lon, lat]` in degrees; distances in metres ([`haversine_m`]). Longitudes are not
    /// wrapped across ±180° (never needed for a Chinese county).
    Haversine,
}

impl Metric {
    pub fn distance(self, a: [f64; 2], b: [f64; 2]) -> f64 {
        match self {
            Metric::Euclidean => euclidean(a, b),
            Metric::Haversine => haversine_m(a, b),
        }
    }
}

impl CostMatrix {
    /// All pairs with `metric` distance ≤ `cutoff` (inclusive), found through a uniform grid
    /// index over the destinations; `cutoff = ∞` gives the dense matrix.
    pub fn within(
        origins: &[[f64; 2]],
        dests: &[[f64; 2]],
        metric: Metric,
        cutoff: f64,
    ) -> CostMatrix {
        let mut out = RowBuilder::new(dests.len(), origins.len());
        if dests.is_empty() || cutoff.is_nan() || cutoff < 0.0 {
            origins.iter().for_each(|_| out.end_row());
            return out.finish();
        }
        // Reach of the cutoff in coordinate units along each axis, slightly widened so that
        // rounding never drops a pair at exactly the cutoff.
        let reach = match metric {
            Metric::Euclidean => [cutoff, cutoff],
            Metric::Haversine => {
                // |Δφ| ≤ d/R; and hav(d/R) ≥ cos φ₁ cos φ₂ hav(Δλ) gives
                // sin(Δλ/2) ≤ sin(d/2R) / min cos φ over all points.
                let max_lat = origins
                    .iter()
                    .chain(dests)
                    .map(|p| p[1].abs())
                    .fold(0.0f64, f64::max)
                    .min(90.0);
                let cmin = max_lat.to_radians().cos();
                let ang = cutoff / EARTH_RADIUS_M;
                let lat = ang.to_degrees();
                let s = (ang / 2.0).sin() / cmin;
                let lon = if s.is_finite() && s < 1.0 {
                    (2.0 * s.asin()).to_degrees()
                } else {
                    f64::INFINITY
                };
                [lon, lat]
            }
        };
        let reach = reach.map(|r| r * (1.0 + 1e-9) + 1e-12);
        let grid = Grid::new(dests, reach);
        // Haversine: each destination's latitude terms once, not once per pair (the cosines
        // were most of a pair's cost).
        let lats: Vec<Lat> = match metric {
            Metric::Haversine => dests.iter().map(|&d| Lat::of(d)).collect(),
            Metric::Euclidean => Vec::new(),
        };
        for &o in origins {
            let lo = Lat::of(o);
            grid.visit(o, reach, |j| {
                let c = match metric {
                    Metric::Haversine => haversine_lat(o, lo, dests[j], lats[j]),
                    Metric::Euclidean => euclidean(o, dests[j]),
                };
                if c <= cutoff {
                    out.push(j as u32, c);
                }
            });
            out.end_row();
        }
        out.finish()
    }

    /// The O(n·m) reference for [`CostMatrix::within`]: measures every pair.
    pub fn within_brute_force(
        origins: &[[f64; 2]],
        dests: &[[f64; 2]],
        metric: Metric,
        cutoff: f64,
    ) -> CostMatrix {
        let mut out = RowBuilder::new(dests.len(), origins.len());
        for &o in origins {
            for (j, &d) in dests.iter().enumerate() {
                let c = metric.distance(o, d);
                if c <= cutoff {
                    out.push(j as u32, c);
                }
            }
            out.end_row();
        }
        out.finish()
    }
}

/// Uniform grid bucket index over points: CSR of point ids per cell, row-major cells.
struct Grid {
    min: [f64; 2],
    cell: [f64; 2],
    n: [usize; 2],
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Grid {
    fn new(points: &[[f64; 2]], reach: [f64; 2]) -> Grid {
        let mut min = [f64::INFINITY; 2];
        let mut max = [f64::NEG_INFINITY; 2];
        for p in points {
            for k in 0..2 {
                min[k] = min[k].min(p[k]);
                max[k] = max[k].max(p[k]);
            }
        }
        // About one cell per reach along each axis, but never more than ~4 cells per point in
        // total (a tiny cutoff over a large extent must not allocate a huge empty grid).
        let limit = ((4 * points.len()) as f64).sqrt().ceil().max(1.0) as usize;
        let mut n = [1usize; 2];
        let mut cell = [1.0; 2];
        for k in 0..2 {
            let extent = max[k] - min[k];
            let want = if reach[k].is_finite() && reach[k] > 0.0 {
                (extent / reach[k]).floor() as usize + 1
            } else {
                1
            };
            n[k] = want.clamp(1, limit);
            cell[k] = if extent > 0.0 {
                extent / n[k] as f64
            } else {
                1.0
            };
        }
        let cell_of = |p: &[f64; 2]| -> usize {
            let cx = (((p[0] - min[0]) / cell[0]).floor() as usize).min(n[0] - 1);
            let cy = (((p[1] - min[1]) / cell[1]).floor() as usize).min(n[1] - 1);
            cy * n[0] + cx
        };
        let mut start = vec![0u32; n[0] * n[1] + 1];
        for p in points {
            start[cell_of(p) + 1] += 1;
        }
        for c in 0..n[0] * n[1] {
            start[c + 1] += start[c];
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; points.len()];
        for (i, p) in points.iter().enumerate() {
            let c = cell_of(p);
            items[fill[c] as usize] = i as u32;
            fill[c] += 1;
        }
        Grid {
            min,
            cell,
            n,
            start,
            items,
        }
    }

    /// Calls `f` for every point whose cell overlaps the box `q ± reach`.
    fn visit(&self, q: [f64; 2], reach: [f64; 2], mut f: impl FnMut(usize)) {
        let mut lo = [0usize; 2];
        let mut hi = [0usize; 2];
        for k in 0..2 {
            if !reach[k].is_finite() {
                hi[k] = self.n[k] - 1;
                continue;
            }
            let a = ((q[k] - reach[k] - self.min[k]) / self.cell[k]).floor();
            let b = ((q[k] + reach[k] - self.min[k]) / self.cell[k]).floor();
            if b < 0.0 || a > (self.n[k] - 1) as f64 {
                return;
            }
            lo[k] = a.max(0.0) as usize;
            hi[k] = (b as usize).min(self.n[k] - 1);
        }
        for cy in lo[1]..=hi[1] {
            let row = cy * self.n[0];
            let (s, e) = (
                self.start[row + lo[0]] as usize,
                self.start[row + hi[0] + 1] as usize,
            );
            for &i in &self.items[s..e] {
                f(i as usize);
            }
        }
    }
}

/// A road network: `adj[u]` lists `(v, length)` arcs. Build undirected roads with both arcs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    pub n: usize,
    pub adj: Vec<Vec<(u32, f64)>>,
}

/// Whether network costs are lengths or travel times at a constant speed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NetworkCost {
    /// Cost = shortest-path length.
    Distance,
    /// Cost = shortest-path length / `speed` (e.g. metres ÷ metres-per-minute = minutes).
    Time { speed: f64 },
}

#[derive(Clone, Copy, PartialEq)]
struct HeapItem(f64, u32);
impl Eq for HeapItem {}
impl Ord for HeapItem {
    fn cmp(&self, other: &Self) -> Ordering {
        // Min-heap on distance.
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}
impl PartialOrd for HeapItem {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Graph {
    /// A graph from `(u, v, length)` edges; `undirected` adds both arcs.
    pub fn from_edges(
        n: usize,
        edges: &[(usize, usize, f64)],
        undirected: bool,
    ) -> Result<Graph, CostError> {
        let mut adj = vec![Vec::new(); n];
        for &(u, v, w) in edges {
            for x in [u, v] {
                if x >= n {
                    return Err(CostError::Node(x));
                }
            }
            if !(w.is_finite() && w >= 0.0) {
                return Err(CostError::Cost(w));
            }
            adj[u].push((v as u32, w));
            if undirected {
                adj[v].push((u as u32, w));
            }
        }
        Ok(Graph { n, adj })
    }

    /// The graph with every arc reversed (for origin → site costs on a directed network).
    pub fn reversed(&self) -> Graph {
        let mut adj = vec![Vec::new(); self.n];
        for (u, arcs) in self.adj.iter().enumerate() {
            for &(v, w) in arcs {
                adj[v as usize].push((u as u32, w));
            }
        }
        Graph { n: self.n, adj }
    }

    /// Dijkstra (binary heap) from `source`: every node at shortest-path length ≤ `cutoff`,
    /// in order of settlement, with its length.
    pub fn dijkstra(&self, source: usize, cutoff: f64) -> Vec<(usize, f64)> {
        let mut dist = vec![f64::INFINITY; self.n];
        let mut out = Vec::new();
        self.dijkstra_into(source, cutoff, &mut dist, &mut out);
        for &(v, _) in &out {
            dist[v] = f64::INFINITY;
        }
        out
    }

    /// Dijkstra with a caller-owned distance buffer (all ∞ on entry; only the entries of the
    /// settled nodes in `out` and of reached-but-unsettled nodes are left changed).
    fn dijkstra_into(
        &self,
        source: usize,
        cutoff: f64,
        dist: &mut [f64],
        out: &mut Vec<(usize, f64)>,
    ) -> Vec<usize> {
        let mut touched = vec![source];
        let mut heap = BinaryHeap::new();
        dist[source] = 0.0;
        heap.push(HeapItem(0.0, source as u32));
        while let Some(HeapItem(d, u)) = heap.pop() {
            let u = u as usize;
            if d > dist[u] {
                continue;
            }
            out.push((u, d));
            for &(v, w) in &self.adj[u] {
                let nd = d + w;
                let v = v as usize;
                if nd <= cutoff && nd < dist[v] {
                    if dist[v].is_infinite() {
                        touched.push(v);
                    }
                    dist[v] = nd;
                    heap.push(HeapItem(nd, v as u32));
                }
            }
        }
        // Nodes reached but never settled cannot exist (every push is ≤ cutoff and is popped),
        // so `touched` equals the settled set; it is returned for the caller to reset.
        touched
    }
}

/// Origin → site costs over a road network: one cutoff Dijkstra from each site's node, so the
/// costs are site → node path lengths (for a directed network pass [`Graph::reversed`] to get
/// origin → site). `cutoff` is in cost units (length, or time for [`NetworkCost::Time`]).
/// Several origins or sites may share a node.
pub fn network_costs(
    graph: &Graph,
    origin_nodes: &[usize],
    site_nodes: &[usize],
    cost: NetworkCost,
    cutoff: f64,
) -> Result<CostMatrix, CostError> {
    let speed = match cost {
        NetworkCost::Distance => 1.0,
        NetworkCost::Time { speed } if speed.is_finite() && speed > 0.0 => speed,
        NetworkCost::Time { speed } => return Err(CostError::Speed(speed)),
    };
    for &v in origin_nodes.iter().chain(site_nodes) {
        if v >= graph.n {
            return Err(CostError::Node(v));
        }
    }
    // Origins per node (CSR).
    let mut start = vec![0usize; graph.n + 1];
    for &v in origin_nodes {
        start[v + 1] += 1;
    }
    for v in 0..graph.n {
        start[v + 1] += start[v];
    }
    let mut fill = start.clone();
    let mut at = vec![0usize; origin_nodes.len()];
    for (o, &v) in origin_nodes.iter().enumerate() {
        at[fill[v]] = o;
        fill[v] += 1;
    }
    let length_cutoff = cutoff * speed * (1.0 + 1e-12);
    let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); origin_nodes.len()];
    let mut dist = vec![f64::INFINITY; graph.n];
    let mut settled = Vec::new();
    for (j, &s) in site_nodes.iter().enumerate() {
        settled.clear();
        let touched = graph.dijkstra_into(s, length_cutoff, &mut dist, &mut settled);
        for &(v, d) in &settled {
            let c = d / speed;
            if c <= cutoff {
                for &o in &at[start[v]..start[v + 1]] {
                    rows[o].push((j as u32, c));
                }
            }
        }
        for v in touched {
            dist[v] = f64::INFINITY;
        }
    }
    let mut out = RowBuilder::new(site_nodes.len(), origin_nodes.len());
    for row in rows {
        for (j, c) in row {
            out.push(j, c);
        }
        out.end_row();
    }
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcg(seed: &mut u64) -> f64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 11) as f64 / (1u64 << 53) as f64
    }

    #[test]
    fn access_haversine_matches_known_arcs() {
        // One degree of longitude on the equator = R·π/180.
        let d = haversine_m([0.0, 0.0], [1.0, 0.0]);
        assert!((d - EARTH_RADIUS_M * std::f64::consts::PI / 180.0).abs() < 1e-6);
        // Quarter meridian: pole to equator = R·π/2.
        let d = haversine_m([120.0, 0.0], [120.0, 90.0]);
        assert!((d - EARTH_RADIUS_M * std::f64::consts::FRAC_PI_2).abs() < 1e-6);
        assert_eq!(euclidean([0.0, 0.0], [3.0, 4.0]), 5.0);
    }

    #[test]
    fn access_grid_index_equals_brute_force_on_random_points() {
        let mut s = 7u64;
        for (metric, scale, cutoff, off) in [
            (Metric::Euclidean, 10_000.0, 900.0, [0.0, 0.0]),
            (Metric::Euclidean, 10_000.0, 0.0, [0.0, 0.0]),
            (Metric::Euclidean, 10_000.0, f64::INFINITY, [0.0, 0.0]),
            (Metric::Haversine, 0.5, 3_000.0, [119.0, 28.0]),
            (Metric::Haversine, 2.0, 40_000.0, [87.0, 45.0]),
        ] {
            let mut pts = |n: usize| -> Vec<[f64; 2]> {
                (0..n)
                    .map(|_| [off[0] + lcg(&mut s) * scale, off[1] + lcg(&mut s) * scale])
                    .collect()
            };
            let o = pts(700);
            let mut d = pts(300);
            d.push(o[3]); // an exact coincidence: distance 0 must be kept at cutoff 0
            let fast = CostMatrix::within(&o, &d, metric, cutoff);
            let slow = CostMatrix::within_brute_force(&o, &d, metric, cutoff);
            assert_eq!(fast, slow, "{metric:?} cutoff {cutoff}");
            assert!(fast.nnz() > 0);
        }
    }

    #[test]
    fn access_grid_index_is_fast_for_county_sized_inputs() {
        let mut s = 11u64;
        let o: Vec<[f64; 2]> = (0..100_000)
            .map(|_| [lcg(&mut s) * 60_000.0, lcg(&mut s) * 60_000.0])
            .collect();
        let d: Vec<[f64; 2]> = (0..5_000)
            .map(|_| [lcg(&mut s) * 60_000.0, lcg(&mut s) * 60_000.0])
            .collect();
        let t = std::time::Instant::now();
        let m = CostMatrix::within(&o, &d, Metric::Euclidean, 1_000.0);
        let secs = t.elapsed().as_secs_f64();
        // Expected pairs ≈ 100 000 × 5 000 × π·1²/60² ≈ 436 000.
        assert!((300_000..600_000).contains(&m.nnz()), "{}", m.nnz());
        assert!(secs < 5.0, "{secs} s");
    }

    #[test]
    fn access_dijkstra_network_costs_with_cutoff_and_speed() {
        // 0 —4— 1 —3— 2 —10— 3, plus a shortcut 0 —9— 2.
        let g = Graph::from_edges(
            4,
            &[(0, 1, 4.0), (1, 2, 3.0), (2, 3, 10.0), (0, 2, 9.0)],
            true,
        )
        .unwrap();
        let mut d = g.dijkstra(0, 100.0);
        d.sort_by_key(|e| e.0);
        assert_eq!(d, [(0, 0.0), (1, 4.0), (2, 7.0), (3, 17.0)]);
        assert_eq!(g.dijkstra(0, 7.0).len(), 3);
        // Origins at nodes 0, 3, 3; sites at nodes 2 and 0; time at speed 2, cutoff 5.
        let m = network_costs(
            &g,
            &[0, 3, 3],
            &[2, 0],
            NetworkCost::Time { speed: 2.0 },
            5.0,
        )
        .unwrap();
        assert_eq!(m.row(0).collect::<Vec<_>>(), [(0, 3.5), (1, 0.0)]);
        assert_eq!(m.row(1).collect::<Vec<_>>(), [(0, 5.0)]);
        assert_eq!(m.row(2).collect::<Vec<_>>(), [(0, 5.0)]);
        // Directed: 0 → 1 only; origin→site costs come from the reversed graph.
        let g = Graph::from_edges(2, &[(0, 1, 1.0)], false).unwrap();
        let m = network_costs(&g.reversed(), &[0], &[1], NetworkCost::Distance, 9.0).unwrap();
        assert_eq!(m.get(0, 0), Some(1.0));
        let m = network_costs(&g, &[0], &[1], NetworkCost::Distance, 9.0).unwrap();
        assert_eq!(m.nnz(), 0);
    }
}

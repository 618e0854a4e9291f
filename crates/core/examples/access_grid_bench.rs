//! The accessibility computation the app runs (`get_accessibility`, and `CountyGrid::reach` in
//! scenario years), timed on a synthetic county: 1 M residents in 24 townships with detailed
//! boundaries (~1 000 vertices each) over ≈ 2 500 km², a 250 m demand grid and 500 facilities.
//! Deterministic (fixed LCG seeds). Release build:
//!
//!     cargo run --release -p junheng-core --example access_grid_bench [-- --cell 250 --reference]
//!
//! Prints the demand grid's cells and seconds, then per service (childcare, elderly, school, with
//! their radius and catchment): pairs within reach, seconds per stage (costs = grid points,
//! demand and the haversine cost matrix; e2sfca; nearest facility; township sums and CV) and
//! the total with the grid, as one `get_accessibility` call spends them; then the peak
//! resident memory of the process. `CountyGrid::reach` (scenario years) runs the same stages.
//! `--reference` also times the previous demand grid (a point-in-polygon test per lattice cell)
//! and checks that both keep the same cells.

use std::time::Instant;

use junheng_core::access::{
    access_equity, accessibility, nearest_open, zone_access, CostMatrix, Metric, Stage, Weight,
};
use junheng_core::geo::Area;
use junheng_core::scenario::{service_distances, CountyGrid};
use junheng_core::{AgeSexBands, County, CountyDataset, FacilityCategory, LonLat, Township};
use serde_json::{json, Value};

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

const COLS: usize = 6;
const ROWS: usize = 4;
const LON0: f64 = 116.0;
const LAT0: f64 = 36.0;
const WIDTH_DEG: f64 = 0.56; // ≈ 50 km at 36° N
const HEIGHT_DEG: f64 = 0.45; // ≈ 50 km
const VERTICES_PER_EDGE: usize = 250;
const RESIDENTS: f64 = 1_000_000.0;
const FACILITIES: usize = 500;

/// A wiggly boundary edge between two lattice nodes, the same points for both neighbours.
fn edge(a: [f64; 2], b: [f64; 2], seed: u64) -> Vec<[f64; 2]> {
    let mut r = Lcg(seed);
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len = dx.hypot(dy);
    let (nx, ny) = (-dy / len, dx / len);
    let mut off = 0.0;
    (0..=VERTICES_PER_EDGE)
        .map(|k| {
            let t = k as f64 / VERTICES_PER_EDGE as f64;
            // A bounded random walk across the edge, pinned to 0 at both ends.
            off = (off + (r.next() - 0.5) * 0.002).clamp(-0.01, 0.01);
            let o = off * (std::f64::consts::PI * t).sin();
            [a[0] + dx * t + nx * o, a[1] + dy * t + ny * o]
        })
        .collect()
}

fn synthetic_county() -> (CountyDataset, Vec<f64>) {
    let mut r = Lcg(2026);
    // Lattice nodes, jittered inside (the outline stays a rectangle).
    let node = |i: usize, j: usize, r: &mut Lcg| -> [f64; 2] {
        let inner = |k: usize, n: usize| k > 0 && k < n;
        let jx = if inner(i, COLS) {
            (r.next() - 0.5) * 0.03
        } else {
            0.0
        };
        let jy = if inner(j, ROWS) {
            (r.next() - 0.5) * 0.03
        } else {
            0.0
        };
        [
            LON0 + WIDTH_DEG * i as f64 / COLS as f64 + jx,
            LAT0 + HEIGHT_DEG * j as f64 / ROWS as f64 + jy,
        ]
    };
    let nodes: Vec<Vec<[f64; 2]>> = (0..=COLS)
        .map(|i| (0..=ROWS).map(|j| node(i, j, &mut r)).collect())
        .collect();
    // Horizontal edge (i, j)→(i+1, j) and vertical edge (i, j)→(i, j+1), each generated once.
    let h = |i: usize, j: usize| edge(nodes[i][j], nodes[i + 1][j], (j * 100 + i) as u64 + 1);
    let v = |i: usize, j: usize| edge(nodes[i][j], nodes[i][j + 1], (j * 100 + i) as u64 + 50_000);
    let mut townships = Vec::new();
    let mut weights = Vec::new();
    for j in 0..ROWS {
        for i in 0..COLS {
            let mut ring = h(i, j);
            ring.extend(v(i + 1, j).into_iter().skip(1));
            ring.extend(h(i, j + 1).into_iter().rev().skip(1));
            ring.extend(v(i, j).into_iter().rev().skip(1));
            let c = [
                (nodes[i][j][0] + nodes[i + 1][j + 1][0]) / 2.0,
                (nodes[i][j][1] + nodes[i + 1][j + 1][1]) / 2.0,
            ];
            townships.push(Township {
                code: format!("371234{:03}", townships.len() + 1),
                name: format!("镇{}", townships.len() + 1),
                kind: "镇".into(),
                area_km2: 0.0,
                centroid: LonLat {
                    lon: c[0],
                    lat: c[1],
                },
                interior: LonLat {
                    lon: c[0],
                    lat: c[1],
                },
                boundary: json!({"type": "Polygon", "coordinates": [ring]}),
                population: AgeSexBands::default(),
                population_status: junheng_core::PopulationStatus::Estimated,
                boundary_status: junheng_core::BoundaryStatus::Surveyed,
                seat: None,
                user_defined: false,
            });
            // The county seat (a middle township) is the most populous.
            weights.push(if (i, j) == (2, 1) {
                6.0
            } else {
                1.0 + r.next()
            });
        }
    }
    let total: f64 = weights.iter().sum();
    let residents = weights.iter().map(|w| RESIDENTS * w / total).collect();
    let data = CountyDataset {
        county: County {
            code: "371234".into(),
            name: "示例县".into(),
            province: "示例省".into(),
            prefecture: "示例市".into(),
            census_year: 2020,
            sample_facilities: true,
            population_note_zh: "合成数据".into(),
            population_note_en: "synthetic".into(),
            census_code: None,
            population_source: Default::default(),
            seat: None,
        },
        population: AgeSexBands::default(),
        unallocated: AgeSexBands::default(),
        townships,
        facilities: Vec::new(),
        outline: None,
        places: Vec::new(),
    };
    (data, residents)
}

/// 500 sites: most near township centres, the rest anywhere; supply 20–200.
fn sites(data: &CountyDataset) -> (Vec<[f64; 2]>, Vec<f64>) {
    let mut r = Lcg(7);
    let mut xy = Vec::new();
    let mut supply = Vec::new();
    for k in 0..FACILITIES {
        let p = if k % 3 != 0 {
            let t = &data.townships[k % data.townships.len()];
            [
                t.centroid.lon + (r.next() - 0.5) * 0.05,
                t.centroid.lat + (r.next() - 0.5) * 0.04,
            ]
        } else {
            [LON0 + r.next() * WIDTH_DEG, LAT0 + r.next() * HEIGHT_DEG]
        };
        xy.push(p);
        supply.push(20.0 + (r.next() * 180.0).round());
    }
    (xy, supply)
}

fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The previous demand grid: a point-in-polygon test per lattice cell.
fn reference_grid(boundaries: &[&Value], cell_m: f64) -> Vec<[f64; 2]> {
    const M_PER_DEG: f64 = 111_320.0;
    let mut out = Vec::new();
    for g in boundaries {
        let ring = g["coordinates"][0].as_array().expect("ring");
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in ring {
            let (x, y) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        let area = Area::from_geojson(g).expect("a polygon");
        let dlat = cell_m / M_PER_DEG;
        let dlon = cell_m / (M_PER_DEG * ((y0 + y1) / 2.0).to_radians().cos());
        let mut y = ((y0 / dlat).floor() + 0.5) * dlat;
        while y <= y1 {
            let mut x = ((x0 / dlon).floor() + 0.5) * dlon;
            while x <= x1 {
                if area.contains(x, y) {
                    out.push([x, y]);
                }
                x += dlon;
            }
            y += dlat;
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cell = args
        .iter()
        .position(|a| a == "--cell")
        .and_then(|k| args.get(k + 1)?.parse().ok())
        .unwrap_or(250.0);
    let reference = args.iter().any(|a| a == "--reference");
    let (data, residents) = synthetic_county();
    let (site_xy, supply) = sites(&data);
    let vertices: usize = data
        .townships
        .iter()
        .map(|t| t.boundary["coordinates"][0].as_array().map_or(0, Vec::len))
        .sum();
    println!(
        "# synthetic county: {} residents, {} townships ({} boundary vertices), {} facilities, {} m cells",
        RESIDENTS,
        data.townships.len(),
        vertices,
        FACILITIES,
        cell
    );

    let t = Instant::now();
    let grid = CountyGrid::new(&data, cell);
    let t_grid = t.elapsed().as_secs_f64();
    println!("demand grid: {} cells in {t_grid:.3} s", grid.cells.len());
    if reference {
        let boundaries: Vec<&Value> = data.townships.iter().map(|t| &t.boundary).collect();
        let t = Instant::now();
        let old = reference_grid(&boundaries, cell);
        let t_old = t.elapsed().as_secs_f64();
        let same = old.len() == grid.cells.len()
            && old
                .iter()
                .zip(&grid.cells)
                .all(|(a, c)| a[0] == c.lon && a[1] == c.lat);
        println!(
            "reference grid (point-in-polygon per cell): {} cells in {t_old:.3} s, same cells: {same}",
            old.len()
        );
    }

    println!(
        "{:<10} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "service",
        "radius m",
        "catch m",
        "pairs",
        "costs s",
        "e2sfca s",
        "near s",
        "zones s",
        "total s"
    );
    for category in [
        FacilityCategory::Childcare,
        FacilityCategory::Elderly,
        FacilityCategory::School,
    ] {
        let (radius, catchment) = service_distances(category);
        // The service's residents: a fixed share of everyone (0–2, 60+, 6–14).
        let share = match category {
            FacilityCategory::Childcare => 0.025,
            FacilityCategory::Elderly => 0.2,
            FacilityCategory::School => 0.1,
        };
        let township_demand: Vec<f64> = residents.iter().map(|r| r * share).collect();

        // As get_accessibility does it.
        let t0 = Instant::now();
        let points = grid.points();
        let zone: Vec<usize> = grid.cells.iter().map(|c| c.zone).collect();
        let demand = grid.demand(&township_demand);
        let costs = CostMatrix::within(&points, &site_xy, Metric::Haversine, catchment.max(radius));
        let t1 = Instant::now();
        let weight = Weight::e2sfca_over(catchment);
        let access = accessibility(Stage::TwoStep, &weight, &demand, &supply, &costs, catchment);
        let t2 = Instant::now();
        let nearest = nearest_open(&costs, None);
        let t3 = Instant::now();
        let zones = zone_access(&demand, &zone, township_demand.len(), &access);
        let cv = access_equity(&zones).map(|e| e.cv);
        let covered: f64 = demand
            .iter()
            .zip(&nearest)
            .filter(|(_, d)| d.is_some_and(|d| d <= radius))
            .map(|(w, _)| w)
            .sum();
        let t4 = Instant::now();
        assert!(cv.is_some() && covered > 0.0);
        let secs = |a: Instant, b: Instant| (b - a).as_secs_f64();
        println!(
            "{:<10} {:>9} {:>9} {:>9} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3}",
            format!("{category:?}").to_lowercase(),
            radius,
            catchment,
            costs.nnz(),
            secs(t0, t1),
            secs(t1, t2),
            secs(t2, t3),
            secs(t3, t4),
            secs(t0, t4) + t_grid,
        );
    }
    match peak_rss_mib() {
        Some(m) => println!("peak resident memory of this process: {m:.0} MiB"),
        None => println!("peak resident memory: not available on this system"),
    }
}

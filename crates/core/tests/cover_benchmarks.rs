//! MCLP and LSCP against the CBC-proven optima of `benchmarks/mclp/optimal.tsv` (Swain 55-node
//! and SJC324 rows, copied into `tests/data/mclp/`). Every node is demand and candidate;
//! covered iff Euclidean distance ≤ S.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use junheng_core::access::Metric;
use junheng_core::locate::cover::{solve_lscp, solve_mclp, CoverInstance, CoverOptions};

mod common;

fn data(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/mclp")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Points and demand of an instance file: SJC (`n 9999 p S` header, then `x y demand`) or
/// Swain (`id, x, y, population`).
fn instance(name: &str) -> (Vec<[f64; 2]>, Vec<f64>) {
    let text = data(name);
    let mut pts = Vec::new();
    let mut w = Vec::new();
    if name.starts_with("SJC") {
        let mut lines = text.lines();
        let n: usize = lines
            .next()
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        for l in lines.filter(|l| !l.trim().is_empty()) {
            let v: Vec<f64> = l.split_whitespace().map(|x| x.parse().unwrap()).collect();
            pts.push([v[0], v[1]]);
            w.push(v[2]);
        }
        assert_eq!(pts.len(), n);
    } else {
        for l in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: Vec<f64> = l
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| x.parse().unwrap())
                .collect();
            pts.push([v[1], v[2]]);
            w.push(v[3]);
        }
    }
    (pts, w)
}

struct Row {
    instance: String,
    s: f64,
    p: usize,
    optimum: f64,
    lscp: usize,
}

fn rows() -> Vec<Row> {
    data("optimal.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("instance"))
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row {
                instance: c[0].to_string(),
                s: c[3].parse().unwrap(),
                p: c[4].parse().unwrap(),
                optimum: c[5].parse().unwrap(),
                lscp: c[7].parse().unwrap(),
            }
        })
        .collect()
}

fn check_mclp(prefix: &str) {
    let mut cache: BTreeMap<(String, u64), CoverInstance> = BTreeMap::new();
    let (mut n, mut proven) = (0, 0);
    let mut misses = Vec::new();
    for row in rows().iter().filter(|r| r.instance.starts_with(prefix)) {
        let inst = cache
            .entry((row.instance.clone(), row.s.to_bits()))
            .or_insert_with(|| {
                let (pts, w) = instance(&row.instance);
                CoverInstance::from_points(&pts, w, Metric::Euclidean, row.s, None, &[]).unwrap()
            });
        let t = Instant::now();
        let sol = solve_mclp(inst, row.p, &CoverOptions::default()).unwrap();
        println!(
            "{} S={} p={}: {} (optimum {}) bound {} gap {:.5} {} nodes {} {:.3}s",
            row.instance,
            row.s,
            row.p,
            sol.objective,
            row.optimum,
            sol.bound,
            sol.gap,
            if sol.optimal { "optimal" } else { "" },
            sol.nodes,
            t.elapsed().as_secs_f64()
        );
        assert_eq!(sol.sites.len(), row.p);
        assert_eq!(inst.covered_weight(&sol.sites), sol.objective);
        assert!(sol.bound >= row.optimum, "the bound must be valid");
        if sol.objective != row.optimum {
            misses.push(format!("{} S={} p={}", row.instance, row.s, row.p));
        }
        n += 1;
        proven += sol.optimal as usize;
    }
    println!(
        "{prefix}: {n} rows, {} at the optimum, {proven} proven",
        n - misses.len()
    );
    assert!(misses.is_empty(), "missed optima: {misses:?}");
    assert_eq!(proven, n, "every row should be proven optimal");
}

#[test]
fn cover_mclp_swain_reaches_every_cbc_optimum() {
    check_mclp("swain");
}

#[test]
fn cover_mclp_sjc324_reaches_every_cbc_optimum() {
    check_mclp("SJC324");
}

#[test]
fn cover_lscp_minimum_sites_per_radius() {
    let mut seen = BTreeMap::new();
    for row in rows() {
        seen.insert((row.instance.clone(), row.s.to_bits()), (row.s, row.lscp));
    }
    for ((name, _), (s, want)) in seen {
        let (pts, w) = instance(&name);
        let inst = CoverInstance::from_points(&pts, w, Metric::Euclidean, s, None, &[]).unwrap();
        let t = Instant::now();
        let sol = solve_lscp(&inst, &CoverOptions::default());
        println!(
            "LSCP {name} S={s}: {} sites (minimum {want}) bound {} {} {:.3}s",
            sol.objective,
            sol.bound,
            if sol.optimal { "optimal" } else { "" },
            t.elapsed().as_secs_f64()
        );
        assert_eq!(sol.covered, inst.coverable_weight());
        assert_eq!(sol.objective, want as f64, "{name} S={s}");
        assert!(sol.bound <= want as f64);
    }
}

#[test]
fn cover_mclp_fixed_sites_and_candidates_are_honoured() {
    let (pts, w) = instance("swain.dat");
    // Swain S=10, p=1: the optimum is 425 (optimal.tsv). Forbidding every site that reaches it
    // must give the best remaining single site (brute force) and none of the forbidden ones.
    let all =
        CoverInstance::from_points(&pts, w.clone(), Metric::Euclidean, 10.0, None, &[]).unwrap();
    let best: Vec<usize> = (0..pts.len())
        .filter(|&j| all.covered_weight(&[j]) == 425.0)
        .collect();
    assert!(!best.is_empty() && best.contains(&41));
    let cand: Vec<bool> = (0..pts.len()).map(|j| !best.contains(&j)).collect();
    let inst =
        CoverInstance::from_points(&pts, w.clone(), Metric::Euclidean, 10.0, Some(&cand), &[])
            .unwrap();
    let sol = solve_mclp(&inst, 1, &CoverOptions::default()).unwrap();
    let brute = (0..pts.len())
        .filter(|&j| cand[j])
        .map(|j| inst.covered_weight(&[j]))
        .fold(0.0, f64::max);
    assert_eq!(sol.objective, brute);
    assert!(
        brute < 425.0 && sol.optimal && cand[sol.sites[0]],
        "{sol:?}"
    );
    let inst =
        CoverInstance::from_points(&pts, w.clone(), Metric::Euclidean, 10.0, None, &[0]).unwrap();
    let sol = solve_mclp(&inst, 2, &CoverOptions::default()).unwrap();
    assert!(sol.sites.contains(&0) && sol.optimal);
    // Brute force over the second site confirms the optimum with site 1 fixed.
    let brute = (1..pts.len())
        .map(|j| inst.covered_weight(&[0, j]))
        .fold(0.0, f64::max);
    assert_eq!(sol.objective, brute);
}

#[test]
fn cover_copied_files_equal_the_shared_benchmarks() {
    // (file, bytes, FNV-1a of the shared original in benchmarks/mclp/…)
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/mclp");
    common::check_copies(
        &dir,
        &["mclp/sjc", "mclp/swain"],
        &[
            ("SJC324.txt", 6121, 0xed1f_6be8_cdc9_cb92),
            ("swain.dat", 842, 0xa324_3a61_4d5e_10d3),
        ],
    );
    // optimal.tsv is an excerpt: each of its lines is a line of the shared table.
    if let Some(shared) = common::shared_benchmarks() {
        let all = std::fs::read_to_string(shared.join("mclp/optimal.tsv")).unwrap();
        for line in data("optimal.tsv").lines() {
            assert!(all.lines().any(|l| l == line), "{line}");
        }
    }
    let rows = data("optimal.tsv");
    assert_eq!(
        (
            rows.lines().filter(|l| l.starts_with("SJC324")).count(),
            rows.lines().filter(|l| l.starts_with("swain")).count()
        ),
        (22, 32)
    );
}

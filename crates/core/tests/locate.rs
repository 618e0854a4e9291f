//! Location–allocation solvers against known optima (OR-Library pmed1–5, pmedcap1, SJC1) and
//! brute force on small hand-made instances. Data: tests/data/locate (sources in optima.txt).

use std::path::PathBuf;

use std::sync::atomic::AtomicBool;

use junheng_core::locate::{
    brute, capacitated, graph, pcenter, pmedian, LocateError, Problem, SolveOptions,
};

fn data(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/locate")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn optimum(file: &str, model: &str) -> f64 {
    data("optima.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|f| f[0] == file && f[1] == model)
        .map(|f| f[2].parse().unwrap())
        .unwrap()
}

/// OR-Library pmed: `n m p`, then `u v cost` (1-based); last duplicate edge wins (in graph).
fn pmed(file: &str) -> Problem {
    let text = data(file);
    let mut it = text.split_whitespace().map(|t| t.parse::<f64>().unwrap());
    let (n, m, p) = (
        it.next().unwrap() as usize,
        it.next().unwrap() as usize,
        it.next().unwrap() as usize,
    );
    let edges: Vec<_> = (0..m)
        .map(|_| {
            let u = it.next().unwrap() as usize - 1;
            let v = it.next().unwrap() as usize - 1;
            (u, v, it.next().unwrap())
        })
        .collect();
    Problem::new(n, n, graph::all_pairs_shortest_paths(n, &edges))
        .unwrap()
        .with_p(p)
}

/// Osman–Christofides: `problem optimum` / `n p capacity` / `id x y demand`, floor distances.
fn pmedcap(file: &str) -> Problem {
    let text = data(file);
    let nums: Vec<f64> = text
        .split_whitespace()
        .map(|t| t.parse().unwrap())
        .collect();
    let (n, p, cap) = (nums[2] as usize, nums[3] as usize, nums[4]);
    let rows: Vec<&[f64]> = nums[5..].chunks(4).take(n).collect();
    let pts: Vec<(f64, f64)> = rows.iter().map(|r| (r[1], r[2])).collect();
    Problem::new(n, n, graph::euclidean_matrix(&pts, &pts, true))
        .unwrap()
        .with_p(p)
        .with_demands(rows.iter().map(|r| r[3]).collect())
        .with_capacities(vec![cap; n])
}

/// Lorena–Senne SJC: `n p` / `x y capacity demand`, real distances.
fn sjc(file: &str) -> Problem {
    let text = data(file);
    let nums: Vec<f64> = text
        .split_whitespace()
        .map(|t| t.parse().unwrap())
        .collect();
    let (n, p) = (nums[0] as usize, nums[1] as usize);
    let rows: Vec<&[f64]> = nums[2..].chunks(4).take(n).collect();
    let pts: Vec<(f64, f64)> = rows.iter().map(|r| (r[0], r[1])).collect();
    Problem::new(n, n, graph::euclidean_matrix(&pts, &pts, false))
        .unwrap()
        .with_p(p)
        .with_capacities(rows.iter().map(|r| r[2]).collect())
        .with_demands(rows.iter().map(|r| r[3]).collect())
}

/// The optimum is reached on pmed1–5, and the Lagrangian bound proves what it proves with the
/// default options: optimality on pmed1, pmed4 and pmed5 (p = 5, 20, 33), and bounds 4 and 9
/// below the optimum on pmed2 and pmed3 (p = 10), where the LP relaxation has a gap. A weaker
/// bound, or a proof claimed where there is none, fails.
#[test]
fn locate_pmedian_pmed1_to_5_optimal_with_the_bound_each_proves() {
    // (instance, proven optimal, the bound proved)
    let proofs = [
        ("pmed1.txt", true, 5819.0),
        ("pmed2.txt", false, 4089.0),
        ("pmed3.txt", false, 4241.0),
        ("pmed4.txt", true, 3034.0),
        ("pmed5.txt", true, 1355.0),
    ];
    for (file, proven, bound) in proofs {
        let pr = pmed(file);
        let sol = pmedian::solve(&pr, &mut SolveOptions::default()).unwrap();
        let opt = optimum(file, "pmedian");
        eprintln!(
            "{file}: {} lb {} gap {:.5} {:.3}s",
            sol.objective, sol.lower_bound, sol.gap, sol.seconds
        );
        assert_eq!(sol.objective, opt, "{file}");
        assert_eq!(sol.sites.len(), pr.p.unwrap());
        assert_eq!(pr.median_cost(&sol.sites), sol.objective);
        assert!(
            sol.lower_bound <= opt,
            "{file}: bound {} > optimum",
            sol.lower_bound
        );
        assert!(
            sol.lower_bound >= bound,
            "{file}: bound {} < {bound}",
            sol.lower_bound
        );
        assert_eq!(
            sol.proven_optimal,
            proven || sol.lower_bound == opt,
            "{file}"
        );
        assert!(
            sol.gap <= (opt - bound) / opt + 1e-12,
            "{file}: gap {}",
            sol.gap
        );
        if proven {
            assert_eq!((sol.lower_bound, sol.gap), (opt, 0.0), "{file}");
        }
    }
}

#[test]
fn locate_pcenter_pmed1_to_5_optimal_radius_proven() {
    for k in 1..=5 {
        let file = format!("pmed{k}.txt");
        let pr = pmed(&file);
        let sol = pcenter::solve(&pr, &mut SolveOptions::default()).unwrap();
        assert_eq!(sol.objective, optimum(&file, "pcenter"), "{file}");
        assert!(
            sol.proven_optimal,
            "{file}: lower bound {}",
            sol.lower_bound
        );
        assert_eq!(sol.sites.len(), pr.p.unwrap());
        assert_eq!(pr.center_radius(&sol.sites), sol.objective);
    }
}

#[test]
fn locate_capacitated_pmedcap1_and_sjc1_near_optimal() {
    for (file, pr) in [
        ("pmedcap1_1.txt", pmedcap("pmedcap1_1.txt")),
        ("pmedcap1_11.txt", pmedcap("pmedcap1_11.txt")),
        ("SJC1", sjc("SJC1")),
    ] {
        let opt = optimum(file, "cpmp");
        let mut o = SolveOptions {
            max_stall: 100,
            ..Default::default()
        };
        let sol = capacitated::solve(&pr, &mut o).unwrap();
        // Feasible single-source assignment with the reported cost.
        let mut load = vec![0.0; pr.n_sites];
        let mut cost = 0.0;
        for (i, &j) in sol.assignment.iter().enumerate() {
            assert!(sol.sites.contains(&j));
            load[j] += pr.demand[i];
            cost += pr.c(i, j);
        }
        assert!(
            sol.sites.iter().all(|&j| load[j] <= pr.capacity[j] + 1e-9),
            "{file}"
        );
        assert_eq!(sol.sites.len(), pr.p.unwrap());
        assert!((cost - sol.objective).abs() < 1e-6);
        assert!(
            sol.objective <= opt * 1.005 + 0.01,
            "{file}: {} vs {opt}",
            sol.objective
        );
        assert!(
            sol.lower_bound <= opt + 0.01,
            "{file}: bound {} > optimum",
            sol.lower_bound
        );
        assert!(sol.gap < 0.05, "{file}: proven gap {}", sol.gap);
    }
    // The optimum of pmedcap1_1 is reached.
    let sol = capacitated::solve(&pmedcap("pmedcap1_1.txt"), &mut SolveOptions::default()).unwrap();
    assert_eq!(sol.objective, 713.0);
}

/// Small deterministic pseudo-random instances (LCG) for brute-force comparisons.
fn random_instance(seed: u64, n: usize, m: usize) -> Problem {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 33) as f64 / (1u64 << 31) as f64
    };
    let cl: Vec<(f64, f64)> = (0..n).map(|_| (next() * 100.0, next() * 100.0)).collect();
    let st: Vec<(f64, f64)> = (0..m).map(|_| (next() * 100.0, next() * 100.0)).collect();
    let w: Vec<f64> = (0..n).map(|_| 1.0 + (next() * 9.0).floor()).collect();
    let f: Vec<f64> = (0..m).map(|_| 10.0 + (next() * 40.0).floor()).collect();
    Problem::new(n, m, graph::euclidean_matrix(&cl, &st, false))
        .unwrap()
        .with_weights(w)
        .with_fixed_costs(f)
}

#[test]
fn locate_pmedian_matches_brute_force_with_must_open_and_forbidden() {
    for seed in 0..12u64 {
        let (n, m) = (25, 14);
        let mut pr = random_instance(seed, n, m).with_p(2 + seed as usize % 4);
        if seed % 3 == 0 {
            pr = pr.with_must_open(vec![seed as usize % m]);
        }
        if seed % 2 == 0 {
            pr = pr.with_forbidden(vec![(seed as usize + 5) % m, (seed as usize + 7) % m]);
        }
        let (bs, bv) = brute::pmedian(&pr).unwrap();
        let sol = pmedian::solve(&pr, &mut SolveOptions::default()).unwrap();
        assert!(
            (sol.objective - bv).abs() < 1e-6,
            "seed {seed}: {} vs {bv} {bs:?}",
            sol.objective
        );
        assert!(
            sol.lower_bound <= bv + 1e-6,
            "seed {seed}: bound above the optimum"
        );
        assert!(pr.must_open.iter().all(|j| sol.sites.contains(j)));
        assert!(pr.forbidden.iter().all(|j| !sol.sites.contains(j)));
    }
}

#[test]
fn locate_pcenter_matches_brute_force() {
    for seed in 0..8u64 {
        let pr = random_instance(seed + 100, 30, 15).with_p(2 + seed as usize % 3);
        let (_, bv) = brute::pcenter(&pr).unwrap();
        let sol = pcenter::solve(&pr, &mut SolveOptions::default()).unwrap();
        assert_eq!(sol.objective, bv, "seed {seed}");
        assert!(sol.proven_optimal);
    }
}

#[test]
fn locate_budgeted_median_matches_brute_force_and_bound_is_valid() {
    // Hand-made: 6 clients on a line, 4 candidate sizes/places with fixed costs.
    let xs: [f64; 6] = [0.0, 1.0, 2.0, 10.0, 11.0, 12.0];
    let sites = [1.0, 11.0, 6.0, 0.0];
    let cost: Vec<f64> = xs
        .iter()
        .flat_map(|x| sites.iter().map(move |s| (x - s).abs()))
        .collect();
    let pr = Problem::new(6, 4, cost)
        .unwrap()
        .with_fixed_costs(vec![5.0, 5.0, 4.0, 1.0])
        .with_budget(9.0);
    let (bs, bv) = brute::pmedian(&pr).unwrap();
    // {1, 11} costs 10 > 9; the cheap site at 0 plus the one at 11 (cost 6) wins.
    assert_eq!((bs.clone(), bv), (vec![1, 3], 5.0));
    let sol = pmedian::solve(&pr, &mut SolveOptions::default()).unwrap();
    assert_eq!(sol.objective, bv);
    assert_eq!(sol.sites, bs);
    assert!(sol.lower_bound <= bv + 1e-9);
    // Random budgeted instances with an optional cap on the number of sites.
    for seed in 0..10u64 {
        let mut pr = random_instance(seed + 7, 20, 12).with_budget(60.0 + 10.0 * seed as f64);
        if seed % 2 == 1 {
            pr = pr.with_p(3);
        }
        let (_, bv) = brute::pmedian(&pr).unwrap();
        let sol = pmedian::solve(&pr, &mut SolveOptions::default()).unwrap();
        let spent: f64 = sol.sites.iter().map(|&j| pr.fixed_cost[j]).sum();
        assert!(spent <= pr.budget.unwrap() + 1e-9);
        assert!(
            sol.lower_bound <= bv + 1e-6,
            "seed {seed}: bound {} > {bv}",
            sol.lower_bound
        );
        assert!(
            sol.objective <= bv * 1.02 + 1e-9,
            "seed {seed}: {} vs {bv}",
            sol.objective
        );
    }
}

#[test]
fn locate_deterministic_for_a_seed() {
    let pr = pmed("pmed3.txt");
    let a = pmedian::solve(
        &pr,
        &mut SolveOptions {
            seed: 7,
            ..Default::default()
        },
    )
    .unwrap();
    let b = pmedian::solve(
        &pr,
        &mut SolveOptions {
            seed: 7,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (a.sites, a.objective, a.lower_bound),
        (b.sites, b.objective, b.lower_bound)
    );
}

/// The cancel flag is honoured: set before the start, the solver stops at its first check (the
/// subgradient loop looks every 16 steps) instead of running ~1 300 iterations; set when the
/// bound is reported, no search iteration follows. Either way the answer is a valid p-site
/// solution with a valid bound.
#[test]
fn locate_pmedian_cancel_stops_the_search() {
    use junheng_core::locate::Progress;
    use std::sync::atomic::Ordering;
    let pr = pmed("pmed2.txt");
    let full = pmedian::solve(&pr, &mut SolveOptions::default()).unwrap();
    assert!(full.iterations > 1000, "{}", full.iterations);

    let stop = AtomicBool::new(true);
    let early = pmedian::solve(
        &pr,
        &mut SolveOptions {
            cancel: Some(&stop),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(early.iterations <= 16, "{} iterations", early.iterations);
    assert_eq!(early.sites.len(), 10);
    assert_eq!(pr.median_cost(&early.sites), early.objective);
    assert!(early.lower_bound <= 4093.0 && early.objective >= 4093.0);
    assert!(early.lower_bound < full.lower_bound && !early.proven_optimal);

    // Cancelled from the progress callback once the bound is known.
    let stop = AtomicBool::new(false);
    let mut phases = Vec::new();
    let mut progress = |p: &Progress| {
        phases.push((p.phase, p.iteration));
        if p.phase == "lower bound" {
            stop.store(true, Ordering::Relaxed);
        }
    };
    let mid = pmedian::solve(
        &pr,
        &mut SolveOptions {
            cancel: Some(&stop),
            progress: Some(&mut progress),
            ..Default::default()
        },
    )
    .unwrap();
    let (last_phase, bound_iterations) = *phases.last().unwrap();
    assert_eq!(last_phase, "lower bound", "{phases:?}");
    assert_eq!(
        mid.iterations, bound_iterations,
        "no search step after the cancel"
    );
    assert!(mid.iterations < full.iterations);
    assert_eq!(mid.lower_bound, full.lower_bound);
    assert!(mid.objective >= full.objective);
}

#[test]
fn locate_invalid_instances_are_rejected() {
    let pr = Problem::new(2, 2, vec![0.0, 1.0, 1.0, 0.0]).unwrap();
    assert!(matches!(
        pmedian::solve(&pr, &mut SolveOptions::default()),
        Err(LocateError::Invalid(_))
    ));
    let pr2 = pr.clone().with_p(3);
    assert!(pmedian::solve(&pr2, &mut SolveOptions::default()).is_err());
    let pr3 = pr
        .clone()
        .with_p(1)
        .with_must_open(vec![0])
        .with_forbidden(vec![0]);
    assert!(pmedian::solve(&pr3, &mut SolveOptions::default()).is_err());
    let pr4 = pr.clone().with_p(1).with_capacities(vec![1.0, 1.0]);
    assert!(capacitated::solve(&pr4, &mut SolveOptions::default()).is_err()); // 2 > 1
    assert!(Problem::new(2, 2, vec![0.0; 3]).is_err());
}

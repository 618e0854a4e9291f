//! The capacitated MILP checked against enumeration of every site pair and single-source
//! assignment on small random instances, and against the published optimum of pmedcap1 #1.

use std::path::PathBuf;

use junheng_core::locate::{capacitated, Problem, SolveOptions};
use junheng_milp::capacitated::{cpmp, cpmp_milp};
use junheng_milp::{ExactOptions, Proof};

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

/// Least Σ w·c over every p = 2 site pair and every single-source assignment within capacity.
fn enumerate(pr: &Problem) -> f64 {
    let (n, m) = (pr.n_clients, pr.n_sites);
    let mut best = f64::INFINITY;
    for a in 0..m {
        for b in a + 1..m {
            for mask in 0u32..(1 << n) {
                let (mut load_a, mut load_b, mut cost) = (0.0, 0.0, 0.0);
                for i in 0..n {
                    if mask & (1 << i) == 0 {
                        load_a += pr.demand[i];
                        cost += pr.weight[i] * pr.c(i, a);
                    } else {
                        load_b += pr.demand[i];
                        cost += pr.weight[i] * pr.c(i, b);
                    }
                }
                if load_a <= pr.capacity[a] && load_b <= pr.capacity[b] {
                    best = best.min(cost);
                }
            }
        }
    }
    best
}

#[test]
fn milp_equals_enumeration_on_small_instances() {
    let mut rng = Rng(11);
    let exact = ExactOptions::default();
    for case in 0..10 {
        let n = 9;
        let pts: Vec<(f64, f64)> = (0..n)
            .map(|_| (rng.below(100) as f64, rng.below(100) as f64))
            .collect();
        let cost: Vec<f64> = (0..n * n)
            .map(|k| {
                let (a, b) = (pts[k / n], pts[k % n]);
                ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt().floor()
            })
            .collect();
        let demand: Vec<f64> = (0..n).map(|_| (1 + rng.below(9)) as f64).collect();
        let total: f64 = demand.iter().sum();
        // Capacity a little above half the demand: tight enough that single sourcing binds.
        let cap = (total * 0.55).ceil() + rng.below(4) as f64;
        let pr = Problem::new(n, n, cost)
            .unwrap()
            .with_p(2)
            .with_demands(demand)
            .with_capacities(vec![cap; n]);
        let want = enumerate(&pr);
        if !want.is_finite() {
            continue;
        }
        let start = capacitated::solve(&pr, &mut SolveOptions::default()).unwrap();
        let (sites, assignment, objective, bound) = cpmp_milp(&pr, &start, &exact).unwrap();
        assert_eq!(sites.len(), 2, "case {case}");
        assert!(
            (objective - want).abs() < 1e-6,
            "case {case}: {objective} vs {want}"
        );
        assert!((bound - want).abs() < 1e-6, "case {case}: bound {bound}");
        let mut load = vec![0.0; n];
        for (i, &j) in assignment.iter().enumerate() {
            assert!(sites.contains(&j));
            load[j] += pr.demand[i];
        }
        assert!(load.iter().all(|l| *l <= cap));
    }
}

#[test]
fn pmedcap1_1_reaches_and_proves_713() {
    // The copy the engine's own tests use (crates/core/tests/data/locate, from the shared
    // benchmarks/cpmp_osman_christofides).
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/data/locate/pmedcap1_1.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // Line 1 `problem optimum`, line 2 `n p capacity`, then `id x y demand`; floor distances.
    let rows: Vec<Vec<f64>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(|c| c.parse().unwrap()).collect())
        .collect();
    let (n, p, cap) = (rows[1][0] as usize, rows[1][1] as usize, rows[1][2]);
    let pts: Vec<(f64, f64)> = rows[2..2 + n].iter().map(|r| (r[1], r[2])).collect();
    let cost = (0..n * n)
        .map(|k| {
            let (a, b) = (pts[k / n], pts[k % n]);
            ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt().floor()
        })
        .collect();
    let pr = Problem::new(n, n, cost)
        .unwrap()
        .with_p(p)
        .with_demands(rows[2..2 + n].iter().map(|r| r[3]).collect())
        .with_capacities(vec![cap; n]);
    let run = cpmp(&pr, &mut SolveOptions::default(), &ExactOptions::default()).unwrap();
    assert_eq!(run.solution.objective, 713.0);
    assert!(run.solution.proven_optimal);
    assert!(matches!(run.proof, Proof::Lagrangian | Proof::Milp));
}

//! Capacitated p-median with single sourcing as a MILP, run after the engine's Lagrangian
//! heuristic (`junheng_core::locate::capacitated`) to close the gap it reports.
//!
//! min Σᵢⱼ wᵢcᵢⱼxᵢⱼ s.t. Σⱼ xᵢⱼ = 1, Σᵢ qᵢxᵢⱼ ≤ Qⱼyⱼ, xᵢⱼ ≤ yⱼ, Σⱼ yⱼ = p, x, y ∈ {0,1}.
//! The xᵢⱼ ≤ yⱼ rows are redundant for integers but tighten the LP bound considerably.

use std::time::Instant;

use highs::{RowProblem, Sense};
use junheng_core::locate::{capacitated, LocateError, Problem, Solution, SolveOptions};

use crate::{ExactOptions, Proof};

/// A capacitated answer and how its bound was proven.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvenCpmp {
    pub solution: Solution,
    pub proof: Proof,
    pub milp_seconds: f64,
}

/// The engine's answer first; if its Lagrangian bound leaves a gap, HiGHS from that answer.
/// Budgeted instances are left to the engine (the MILP here has no budget row).
pub fn cpmp(
    problem: &Problem,
    opts: &mut SolveOptions,
    exact: &ExactOptions,
) -> Result<ProvenCpmp, LocateError> {
    let heur = capacitated::solve(problem, opts)?;
    let engine_proof = if heur.proven_optimal {
        Proof::Lagrangian
    } else {
        Proof::Open
    };
    let columns = problem.n_clients * problem.n_sites + problem.n_sites;
    if heur.proven_optimal
        || exact.max_columns == 0
        || columns > exact.max_columns
        || problem.budget.is_some()
    {
        return Ok(ProvenCpmp {
            solution: heur,
            proof: engine_proof,
            milp_seconds: 0.0,
        });
    }
    let t = Instant::now();
    let run = solve_milp(problem, &heur, exact);
    let milp_seconds = t.elapsed().as_secs_f64();
    let Some((sites, assignment, objective, bound)) = run else {
        return Ok(ProvenCpmp {
            solution: heur,
            proof: engine_proof,
            milp_seconds,
        });
    };
    let mut solution = heur.clone();
    if objective < heur.objective - 1e-9 {
        solution.sites = sites;
        solution.assignment = assignment;
        solution.objective = objective;
    }
    let integral = (0..problem.n_clients).all(|i| {
        problem.weight[i].fract() == 0.0
            && (0..problem.n_sites).all(|j| problem.c(i, j).fract() == 0.0)
    });
    let bound = if integral {
        (bound - 1e-6).ceil()
    } else {
        bound
    };
    solution.lower_bound = heur.lower_bound.max(bound).min(solution.objective);
    let closed = solution.objective - solution.lower_bound <= 1e-9 * solution.objective.max(1.0);
    if closed {
        solution.lower_bound = solution.objective;
    }
    solution.gap = if solution.objective > 0.0 {
        (solution.objective - solution.lower_bound) / solution.objective
    } else {
        0.0
    };
    solution.proven_optimal = closed;
    Ok(ProvenCpmp {
        solution,
        proof: if closed { Proof::Milp } else { Proof::Open },
        milp_seconds,
    })
}

/// The MILP alone from `start`: (sites, assignment, objective, proven lower bound), or `None`
/// when HiGHS gives no answer. Exposed so that tests can check it against enumeration.
pub fn cpmp_milp(
    problem: &Problem,
    start: &Solution,
    exact: &ExactOptions,
) -> Option<(Vec<usize>, Vec<usize>, f64, f64)> {
    solve_milp(problem, start, exact)
}

/// (sites, assignment, objective, proven lower bound) from HiGHS, or `None` without an answer.
fn solve_milp(
    problem: &Problem,
    start: &Solution,
    exact: &ExactOptions,
) -> Option<(Vec<usize>, Vec<usize>, f64, f64)> {
    let (n, m) = (problem.n_clients, problem.n_sites);
    let p = problem.p?;
    let mut forbidden = vec![false; m];
    for &j in &problem.forbidden {
        forbidden[j] = true;
    }
    let mut must = vec![false; m];
    for &j in &problem.must_open {
        must[j] = true;
    }
    let sites: Vec<usize> = (0..m).filter(|&j| !forbidden[j]).collect();
    let mut pb = RowProblem::new();
    let y: Vec<highs::Col> = sites
        .iter()
        .map(|&j| pb.add_integer_column(0.0, if must[j] { 1.0 } else { 0.0 }..=1.0))
        .collect();
    // x[i][k] for site sites[k].
    let x: Vec<Vec<highs::Col>> = (0..n)
        .map(|i| {
            sites
                .iter()
                .map(|&j| pb.add_integer_column(problem.weight[i] * problem.c(i, j), 0.0..=1.0))
                .collect()
        })
        .collect();
    for row in &x {
        let coef: Vec<(highs::Col, f64)> = row.iter().map(|&c| (c, 1.0)).collect();
        pb.add_row(1.0..=1.0, &coef);
    }
    for (k, &j) in sites.iter().enumerate() {
        let cap = problem.capacity[j];
        if cap.is_finite() {
            let mut coef: Vec<(highs::Col, f64)> =
                (0..n).map(|i| (x[i][k], problem.demand[i])).collect();
            coef.push((y[k], -cap));
            pb.add_row(..=0.0, &coef);
        }
        for row in &x {
            pb.add_row(..=0.0, [(row[k], 1.0), (y[k], -1.0)]);
        }
    }
    let all: Vec<(highs::Col, f64)> = y.iter().map(|&c| (c, 1.0)).collect();
    pb.add_row(p as f64..=p as f64, &all);
    let mut model = pb.optimise(Sense::Minimise);
    crate::cover::configure(&mut model, exact);
    // Unlike the covering models this one is not reduced beforehand: let HiGHS presolve it.
    model.set_option("presolve", "choose");
    // Warm start from the engine's answer: y, then x row by row (the column order).
    let mut local = vec![usize::MAX; m];
    for (k, &j) in sites.iter().enumerate() {
        local[j] = k;
    }
    let mut x0 = vec![0.0; sites.len() * (n + 1)];
    for &j in &start.sites {
        if local[j] != usize::MAX {
            x0[local[j]] = 1.0;
        }
    }
    for (i, &j) in start.assignment.iter().enumerate() {
        if local[j] != usize::MAX {
            x0[sites.len() * (i + 1) + local[j]] = 1.0;
        }
    }
    let _ = model.try_set_solution(Some(&x0), None, None, None);
    let solved = model.try_solve().ok()?;
    let (values, bound) = crate::cover::finish(&solved, x0.len(), 0.0)?;
    let open: Vec<usize> = (0..sites.len())
        .filter(|&k| values[k] > 0.5)
        .map(|k| sites[k])
        .collect();
    let assignment: Option<Vec<usize>> = (0..n)
        .map(|i| {
            (0..sites.len())
                .find(|&k| values[sites.len() * (i + 1) + k] > 0.5)
                .map(|k| sites[k])
        })
        .collect();
    // A timed-out point may be no answer at all: check it before using it.
    let assignment = assignment?;
    let feasible = open.len() == p && {
        let mut load = vec![0.0; m];
        for (i, &j) in assignment.iter().enumerate() {
            load[j] += problem.demand[i];
        }
        assignment.iter().all(|j| open.contains(j))
            && (0..m).all(|j| load[j] <= problem.capacity[j] + 1e-6)
    };
    if !feasible {
        return Some((
            start.sites.clone(),
            start.assignment.clone(),
            start.objective,
            bound,
        ));
    }
    let objective = assignment
        .iter()
        .enumerate()
        .map(|(i, &j)| problem.weight[i] * problem.c(i, j))
        .sum();
    Some((open, assignment, objective, bound))
}

//! Exhaustive enumeration for small instances (m ≤ 20 sites): the reference the tests use.

use super::{LocateError, Problem};

const MAX_SITES: usize = 20;

/// Enumerates every feasible open set (exactly `p` sites, or — with a budget — every non-empty
/// set within the budget and of at most `p` sites) honouring must-open / forbidden sites, and
/// returns the one minimising `objective(sites)` (ties: the lexicographically smallest set).
pub fn best_subset(
    problem: &Problem,
    objective: &dyn Fn(&[usize]) -> f64,
) -> Result<(Vec<usize>, f64), LocateError> {
    problem.validate()?;
    let m = problem.n_sites;
    if m > MAX_SITES {
        return Err(LocateError::Invalid(format!(
            "brute force limited to {MAX_SITES} sites"
        )));
    }
    let forced: u32 = problem.must_open.iter().fold(0, |a, &j| a | 1 << j);
    let forbidden: u32 = problem.forbidden.iter().fold(0, |a, &j| a | 1 << j);
    let mut best: Option<(Vec<usize>, f64)> = None;
    let mut sites = Vec::with_capacity(m);
    for mask in 1u32..(1u32 << m) {
        if mask & forced != forced || mask & forbidden != 0 {
            continue;
        }
        let k = mask.count_ones() as usize;
        match (problem.p, problem.budget) {
            (Some(p), None) if k != p => continue,
            (Some(p), Some(_)) if k > p => continue,
            _ => {}
        }
        sites.clear();
        sites.extend((0..m).filter(|j| mask >> j & 1 == 1));
        if let Some(b) = problem.budget {
            let spent: f64 = sites.iter().map(|&j| problem.fixed_cost[j]).sum();
            if spent > b + 1e-9 {
                continue;
            }
        }
        let v = objective(&sites);
        let better = match &best {
            None => true,
            Some((s, bv)) => v < *bv - 1e-9 || (v <= *bv + 1e-9 && sites < *s),
        };
        if better {
            best = Some((sites.clone(), v));
        }
    }
    best.ok_or_else(|| LocateError::Infeasible("no feasible site set".into()))
}

/// Optimal (budgeted) p-median by enumeration.
pub fn pmedian(problem: &Problem) -> Result<(Vec<usize>, f64), LocateError> {
    best_subset(problem, &|s| problem.median_cost(s))
}

/// Optimal vertex p-center radius by enumeration.
pub fn pcenter(problem: &Problem) -> Result<(Vec<usize>, f64), LocateError> {
    best_subset(problem, &|s| problem.center_radius(s))
}

//! Location set covering: greedy, redundancy elimination, improvement through the MCLP search,
//! the Lagrangian set-covering bound and an exact proof by the MCLP branch and bound (see the
//! module documentation of [`super`]).

use super::mclp::{greedy, pad, search, State};
use super::{CoverInstance, CoverModel, CoverOptions, CoverSolution, Reduced};

/// ⌈max_{u ≥ 0} Σᵢ uᵢ + Σⱼ min(0, 1 − Σ_{i∈cov(j)} uᵢ)⌉ by subgradient ascent: the Lagrangian
/// dual of the set-covering LP relaxation (Beasley 1990), a lower bound on the number of sites.
/// `upper` is the best known cover size (Polyak target).
pub(crate) fn set_cover_bound(r: &Reduced, upper: f64, iters: usize) -> f64 {
    let (n, m) = (r.n(), r.m());
    if n == 0 {
        return 0.0;
    }
    // Start from a dual-feasible u: uᵢ = min over covering sites of 1/|cov(j)|.
    let mut u: Vec<f64> = (0..n)
        .map(|i| {
            r.sites_of(i)
                .iter()
                .map(|&j| 1.0 / r.demand_of(j as usize).len() as f64)
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    let mut best = f64::NEG_INFINITY;
    let mut theta = 2.0;
    let mut since = 0;
    let mut y = vec![false; m];
    let mut g = vec![0.0; n];
    for _ in 0..iters.max(1) {
        let mut value: f64 = u.iter().sum();
        for (j, yj) in y.iter_mut().enumerate() {
            let reduced = 1.0 - r.demand_of(j).iter().map(|&i| u[i as usize]).sum::<f64>();
            *yj = reduced < 0.0;
            if *yj {
                value += reduced;
            }
        }
        if value > best + 1e-12 {
            best = value;
            since = 0;
        } else {
            since += 1;
            if since >= 15 {
                theta /= 2.0;
                since = 0;
            }
        }
        if (best - 1e-7).ceil() >= upper || theta < 1e-5 {
            break;
        }
        let mut norm = 0.0;
        for (i, gi) in g.iter_mut().enumerate() {
            *gi = 1.0 - r.sites_of(i).iter().filter(|&&j| y[j as usize]).count() as f64;
            norm += *gi * *gi;
        }
        if norm == 0.0 {
            break;
        }
        let step = theta * (upper - value).max(0.05) / norm;
        for i in 0..n {
            u[i] = (u[i] + step * g[i]).max(0.0);
        }
    }
    (best - 1e-7).ceil().max(0.0)
}

/// Drops open sites whose every demand point is covered by another open site, trying the sites
/// that cover least first.
fn drop_redundant(r: &Reduced, st: &mut State) {
    let mut open = st.sites();
    open.sort_by_key(|&j| (r.demand_of(j).len(), j));
    for j in open {
        if st.redundant(r, j) {
            st.remove(r, j);
        }
    }
}

/// The fewest sites (fixed ones included) covering every coverable demand point.
pub fn solve_lscp(inst: &CoverInstance, opts: &CoverOptions) -> CoverSolution {
    // Unit weights on the merged covering constraints: the MCLP search then counts constraints.
    let r = inst.reduce(true);
    let total = r.total();
    let mut best = State::empty(&r);
    greedy(&r, &mut best, usize::MAX);
    drop_redundant(&r, &mut best);
    let mut lower = set_cover_bound(&r, best.sites().len() as f64, opts.subgradient_iterations);
    let mut nodes = 0;
    // Improvement: look for a full cover with one site fewer, starting from the current cover
    // minus its least useful site; the last, failed, attempt is exact when its branch and bound
    // finishes, which proves the current size optimal.
    while (best.sites().len() as f64) > lower {
        let k = best.sites().len() - 1;
        let mut start = best.sites();
        start.sort_by_key(|&j| (r.demand_of(j).len(), j));
        start.remove(0);
        let s = search(&r, k, Some(&start), opts);
        nodes += s.nodes;
        if s.best.val >= total - 1e-9 {
            best = s.best;
            drop_redundant(&r, &mut best);
        } else {
            if s.bound < total - 1e-9 {
                lower = lower.max((k + 1) as f64);
            }
            break;
        }
    }
    let mut sites: Vec<usize> = inst.fixed.clone();
    sites.extend(best.sites().into_iter().map(|j| r.sites[j]));
    pad(inst, &mut sites, 0);
    let objective = sites.len() as f64;
    let bound = (inst.fixed.len() as f64 + lower).min(objective);
    CoverSolution {
        model: CoverModel::Lscp,
        covered: inst.covered_weight(&sites),
        gap: if objective > 0.0 {
            (objective - bound) / objective
        } else {
            0.0
        },
        optimal: bound >= objective,
        objective,
        bound,
        sites,
        total: inst.total_weight(),
        coverable: inst.coverable_weight(),
        nodes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Metric;

    #[test]
    fn cover_lscp_on_a_line_needs_every_other_point_and_respects_fixed_sites() {
        // Points 0..=6 on a line, radius 1: site j covers j−1..=j+1, so 7 points need 3 sites
        // ({1, 4, 6} or similar) and disjoint demand points 0, 3, 6 prove 3 is the minimum.
        let pts: Vec<[f64; 2]> = (0..7).map(|x| [x as f64, 0.0]).collect();
        let inst =
            CoverInstance::from_points(&pts, vec![1.0; 7], Metric::Euclidean, 1.0, None, &[])
                .unwrap();
        let s = solve_lscp(&inst, &CoverOptions::default());
        assert_eq!(s.objective, 3.0);
        assert!(s.optimal, "{s:?}");
        assert_eq!(inst.covered_weight(&s.sites), 7.0);
        // Fixing site 0 (covers 0, 1) still allows 3 sites: {0, 3, 5}.
        let inst =
            CoverInstance::from_points(&pts, vec![1.0; 7], Metric::Euclidean, 1.0, None, &[0])
                .unwrap();
        let s = solve_lscp(&inst, &CoverOptions::default());
        assert_eq!(s.objective, 3.0);
        assert!(s.sites.contains(&0));
        // Fixing 0 and 6 and forbidding 3: points 2..=4 remain and no allowed site covers all
        // three, so 2 more sites (2 and 4) are needed: 4 in total.
        let mut cand = vec![true; 7];
        cand[3] = false;
        let inst = CoverInstance::from_points(
            &pts,
            vec![1.0; 7],
            Metric::Euclidean,
            1.0,
            Some(&cand),
            &[0, 6],
        )
        .unwrap();
        let s = solve_lscp(&inst, &CoverOptions::default());
        assert_eq!(s.objective, 4.0);
        assert!(s.optimal);
    }
}

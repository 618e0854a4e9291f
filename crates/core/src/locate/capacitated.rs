//! Capacitated p-median with single sourcing (CPMP): every client is served by exactly one of
//! the p open sites and Σ demand ≤ capacity at every site; minimise Σ weight · cost.
//!
//! * **Lower bound**: Lagrangian relaxation of the assignment constraints Σ_j x_ij = 1 (Mulvey &
//!   Beck 1984; the relaxation behind Lorena & Senne 2004, "A column generation approach to
//!   capacitated p-median problems", and their Lagrangean/surrogate heuristics, Senne & Lorena
//!   2000). For multipliers λ each site solves a 0-1 knapsack
//!   ρ_j = min Σ_i (w_i c_ij − λ_i) x_ij s.t. Σ_i q_i x_ij ≤ Q_j (dynamic programming when the
//!   demands are integers, else its LP relaxation — still a valid bound), and
//!   L(λ) = Σ λ_i + Σ of the p smallest ρ_j. Subgradient optimisation as in Held, Wolfe &
//!   Crowder (1974); the bound is the best L seen (rounded up for integer data).
//! * **Upper bound** (Lagrangian heuristic): every new site set chosen by the relaxation is
//!   turned into a single-source assignment by a regret-ordered generalized-assignment
//!   heuristic (Martello & Toth 1981), improved by shift and swap moves of clients and by
//!   relocating each median inside its cluster (Osman & Christofides 1994 neighbourhoods), then
//!   by facility swaps (close r, open k near r) with the same repair.

// Parallel per-client / per-site arrays read clearest with index loops.
#![allow(clippy::needless_range_loop)]

use std::collections::HashSet;

use super::pmedian::{select_sites, Card};
use super::{gap, Control, LocateError, Problem, Rng, Solution, SolveOptions};

struct Inst {
    n: usize,
    m: usize,
    /// w_i · c_ij row-major.
    wc: Vec<f64>,
    q: Vec<f64>,
    cap: Vec<f64>,
    allowed: Vec<usize>,
    forced: Vec<usize>,
    /// Per client: allowed sites by increasing cost.
    order: Vec<Vec<u32>>,
    int_demand: bool,
}

#[derive(Clone)]
struct Sol {
    sites: Vec<usize>,
    assign: Vec<usize>,
    load: Vec<f64>,
    cost: f64,
}

impl Inst {
    #[inline]
    fn c(&self, i: usize, j: usize) -> f64 {
        self.wc[i * self.m + j]
    }

    /// Regret-ordered greedy assignment to the given sites; `None` if some client does not fit.
    fn assign(&self, sites: &[usize]) -> Option<Sol> {
        let n = self.n;
        let mut order: Vec<(f64, f64, usize)> = (0..n)
            .map(|i| {
                let (mut a, mut b) = (f64::INFINITY, f64::INFINITY);
                for &j in sites {
                    let v = self.c(i, j);
                    if v < a {
                        b = a;
                        a = v;
                    } else if v < b {
                        b = v;
                    }
                }
                (b - a, self.q[i], i)
            })
            .collect();
        for attempt in 0..2 {
            if attempt == 0 {
                order.sort_by(|x, y| {
                    y.0.total_cmp(&x.0)
                        .then(y.1.total_cmp(&x.1))
                        .then(x.2.cmp(&y.2))
                });
            } else {
                order.sort_by(|x, y| {
                    y.1.total_cmp(&x.1)
                        .then(y.0.total_cmp(&x.0))
                        .then(x.2.cmp(&y.2))
                });
            }
            let mut load = vec![0.0; self.m];
            let mut assign = vec![usize::MAX; n];
            let mut ok = true;
            for &(_, _, i) in &order {
                let mut best = usize::MAX;
                for &j in sites {
                    if load[j] + self.q[i] <= self.cap[j] + 1e-9
                        && (best == usize::MAX || self.c(i, j) < self.c(i, best))
                    {
                        best = j;
                    }
                }
                if best == usize::MAX {
                    ok = false;
                    break;
                }
                assign[i] = best;
                load[best] += self.q[i];
            }
            if ok {
                let cost = (0..n).map(|i| self.c(i, assign[i])).sum();
                return Some(Sol {
                    sites: sites.to_vec(),
                    assign,
                    load,
                    cost,
                });
            }
        }
        None
    }

    /// Shift and swap descent on the assignment (sites fixed).
    fn improve_assignment(&self, s: &mut Sol) {
        let n = self.n;
        loop {
            let mut improved = false;
            for i in 0..n {
                let a = s.assign[i];
                let mut best = (0.0, usize::MAX);
                for &j in &s.sites {
                    if j != a && s.load[j] + self.q[i] <= self.cap[j] + 1e-9 {
                        let d = self.c(i, j) - self.c(i, a);
                        if d < best.0 - 1e-9 {
                            best = (d, j);
                        }
                    }
                }
                if best.1 != usize::MAX {
                    s.load[a] -= self.q[i];
                    s.load[best.1] += self.q[i];
                    s.assign[i] = best.1;
                    s.cost += best.0;
                    improved = true;
                }
            }
            for i1 in 0..n {
                for i2 in i1 + 1..n {
                    let (a1, a2) = (s.assign[i1], s.assign[i2]);
                    if a1 == a2 {
                        continue;
                    }
                    let d = self.c(i1, a2) + self.c(i2, a1) - self.c(i1, a1) - self.c(i2, a2);
                    if d < -1e-9 {
                        let dq = self.q[i2] - self.q[i1];
                        if s.load[a1] + dq <= self.cap[a1] + 1e-9
                            && s.load[a2] - dq <= self.cap[a2] + 1e-9
                        {
                            s.load[a1] += dq;
                            s.load[a2] -= dq;
                            s.assign[i1] = a2;
                            s.assign[i2] = a1;
                            s.cost += d;
                            improved = true;
                        }
                    }
                }
            }
            if !improved {
                break;
            }
        }
        s.cost = (0..n).map(|i| self.c(i, s.assign[i])).sum();
    }

    /// Moves each (non-forced) median to the best site for its own cluster.
    fn relocate(&self, s: &mut Sol) -> bool {
        let mut changed = false;
        let mut open = vec![false; self.m];
        for &j in &s.sites {
            open[j] = true;
        }
        for idx in 0..s.sites.len() {
            let j = s.sites[idx];
            if self.forced.contains(&j) {
                continue;
            }
            let members: Vec<usize> = (0..self.n).filter(|&i| s.assign[i] == j).collect();
            let cur: f64 = members.iter().map(|&i| self.c(i, j)).sum();
            let mut best = (cur - 1e-9, usize::MAX);
            for &k in &self.allowed {
                if open[k] || self.cap[k] + 1e-9 < s.load[j] {
                    continue;
                }
                let v: f64 = members.iter().map(|&i| self.c(i, k)).sum();
                if v < best.0 {
                    best = (v, k);
                }
            }
            if best.1 != usize::MAX {
                let k = best.1;
                for &i in &members {
                    s.assign[i] = k;
                }
                s.load[k] = s.load[j];
                s.load[j] = 0.0;
                open[j] = false;
                open[k] = true;
                s.sites[idx] = k;
                s.cost += best.0 - cur;
                changed = true;
            }
        }
        changed
    }

    fn polish(&self, s: &mut Sol) {
        self.improve_assignment(s);
        for _ in 0..20 {
            if !self.relocate(s) {
                break;
            }
            self.improve_assignment(s);
        }
    }

    /// Facility swap descent: close r, open one of the sites nearest to r's clients.
    fn swap_facilities(&self, s: &mut Sol, ctl: &Control, rng: &mut Rng) {
        let near = 6usize;
        let mut improved = true;
        while improved && !ctl.stop() {
            improved = false;
            for idx in 0..s.sites.len() {
                let r = s.sites[idx];
                if self.forced.contains(&r) {
                    continue;
                }
                // Candidate insertions: sites close to the median r (via a member client).
                let members: Vec<usize> = (0..self.n).filter(|&i| s.assign[i] == r).collect();
                if members.is_empty() {
                    continue;
                }
                let mut cands: Vec<usize> = Vec::new();
                if self.allowed.len() <= 120 {
                    cands.extend(
                        self.allowed
                            .iter()
                            .copied()
                            .filter(|k| !s.sites.contains(k)),
                    );
                }
                for _ in 0..3 {
                    let i = members[rng.below(members.len())];
                    for &k in self.order[i].iter().take(near) {
                        let k = k as usize;
                        if !s.sites.contains(&k) && !cands.contains(&k) {
                            cands.push(k);
                        }
                    }
                }
                for k in cands {
                    let mut sites = s.sites.clone();
                    sites[idx] = k;
                    if let Some(mut t) = self.assign(&sites) {
                        self.improve_assignment(&mut t);
                        if t.cost < s.cost - 1e-9 {
                            self.polish(&mut t);
                            *s = t;
                            improved = true;
                            break;
                        }
                    }
                }
            }
        }
    }

    /// 0-1 knapsack: maximise Σ profit over items (demand q) within capacity; returns the
    /// optimum (or, for fractional data, the LP-relaxation value) and an integral selection.
    fn knapsack(&self, items: &[(usize, f64)], cap: f64) -> (f64, Vec<usize>) {
        let total: f64 = items.iter().map(|&(i, _)| self.q[i]).sum();
        if total <= cap + 1e-9 {
            return (
                items.iter().map(|x| x.1).sum(),
                items.iter().map(|x| x.0).collect(),
            );
        }
        let qc = cap.floor() as usize;
        if self.int_demand && cap.is_finite() && items.len() * (qc + 1) <= 4_000_000 {
            let k = items.len();
            let mut dp = vec![0.0f64; qc + 1];
            let mut take = vec![false; k * (qc + 1)];
            for (t, &(i, pr)) in items.iter().enumerate() {
                let w = self.q[i] as usize;
                if w > qc {
                    continue;
                }
                for c in (w..=qc).rev() {
                    let v = dp[c - w] + pr;
                    if v > dp[c] {
                        dp[c] = v;
                        take[t * (qc + 1) + c] = true;
                    }
                }
            }
            let mut c = qc;
            let mut sel = Vec::new();
            for t in (0..k).rev() {
                if take[t * (qc + 1) + c] {
                    sel.push(items[t].0);
                    c -= self.q[items[t].0] as usize;
                }
            }
            return (dp[qc], sel);
        }
        // Dantzig bound.
        let mut its: Vec<(usize, f64)> = items.to_vec();
        its.sort_by(|a, b| {
            (b.1 / self.q[b.0].max(1e-12)).total_cmp(&(a.1 / self.q[a.0].max(1e-12)))
        });
        let (mut room, mut val, mut sel) = (cap, 0.0, Vec::new());
        for (i, pr) in its {
            let w = self.q[i];
            if w <= room {
                room -= w;
                val += pr;
                sel.push(i);
            } else {
                val += pr * room / w;
                break;
            }
        }
        (val, sel)
    }
}

/// Solves the capacitated p-median problem with single sourcing. Needs `p`; capacities from
/// `problem.capacity`, demands from `problem.demand`, objective Σ weight · cost.
pub fn solve(problem: &Problem, opts: &mut SolveOptions) -> Result<Solution, LocateError> {
    problem.validate()?;
    let p = problem
        .p
        .ok_or_else(|| LocateError::Invalid("capacitated p-median needs p".into()))?;
    let mut ctl = Control::new(opts);
    let mut rng = Rng::new(ctl.seed());
    let (n, m) = (problem.n_clients, problem.n_sites);
    let forbidden = problem.forbidden_mask();
    let allowed: Vec<usize> = (0..m).filter(|&j| !forbidden[j]).collect();
    let forced = problem.must_open_unique();
    let wc: Vec<f64> = (0..n * m)
        .map(|k| problem.weight[k / m] * problem.cost[k])
        .collect();
    let order = (0..n)
        .map(|i| {
            let mut o: Vec<u32> = allowed.iter().map(|&j| j as u32).collect();
            o.sort_by(|&a, &b| wc[i * m + a as usize].total_cmp(&wc[i * m + b as usize]));
            o
        })
        .collect();
    let total: f64 = problem.demand.iter().sum();
    let mut caps: Vec<f64> = allowed.iter().map(|&j| problem.capacity[j]).collect();
    caps.sort_by(|a, b| b.total_cmp(a));
    if caps.iter().take(p).sum::<f64>() + 1e-9 < total {
        return Err(LocateError::Infeasible(
            "the p largest capacities cannot hold the total demand".into(),
        ));
    }
    let inst = Inst {
        n,
        m,
        wc,
        q: problem.demand.clone(),
        cap: problem.capacity.clone(),
        forced: forced.clone(),
        allowed: allowed.clone(),
        order,
        int_demand: problem.demand.iter().all(|d| d.fract() == 0.0),
    };
    let integral = problem.integral_weighted_costs();
    let round = |x: f64| if integral { (x - 1e-6).ceil() } else { x };
    let free: Vec<usize> = allowed
        .iter()
        .copied()
        .filter(|j| !forced.contains(j))
        .collect();

    // Start: the uncapacitated p-median sites, repaired.
    let mut best: Option<Sol> = None;
    {
        let mut o = SolveOptions {
            max_stall: 20,
            seed: ctl.seed(),
            ..Default::default()
        };
        let unc = problem.clone().with_capacities(vec![f64::INFINITY; m]);
        if let Ok(s) = super::pmedian::solve(&unc, &mut o) {
            if let Some(mut t) = inst.assign(&s.sites) {
                inst.polish(&mut t);
                best = Some(t);
            }
        }
    }
    // Subgradient optimisation with the Lagrangian heuristic.
    let mut lambda: Vec<f64> = (0..n)
        .map(|i| match &best {
            Some(s) => inst.c(i, s.assign[i]),
            None => inst.c(i, inst.order[i][0] as usize),
        })
        .collect();
    let mut best_lb = f64::NEG_INFINITY;
    let (mut f, mut since, mut it) = (2.0, 0usize, 0usize);
    let mut rho = vec![0.0; m];
    let mut xsel: Vec<Vec<usize>> = vec![Vec::new(); m];
    let mut chosen = Vec::new();
    let mut buf = Vec::new();
    let mut seen: HashSet<Vec<usize>> = HashSet::new();
    let mut buckets: Vec<Vec<(usize, f64)>> = vec![Vec::new(); m];
    let max_iter = 2000;
    while it < max_iter && !ctl.stop() {
        it += 1;
        for b in buckets.iter_mut() {
            b.clear();
        }
        for i in 0..n {
            for &j in &inst.order[i] {
                let r = inst.c(i, j as usize) - lambda[i];
                if r >= 0.0 {
                    break;
                }
                buckets[j as usize].push((i, -r));
            }
        }
        for &j in &allowed {
            let (v, sel) = inst.knapsack(&buckets[j], inst.cap[j]);
            rho[j] = -v;
            xsel[j] = sel;
        }
        select_sites(
            &rho,
            &forced,
            &free,
            Card::Exactly(p),
            &mut chosen,
            &mut buf,
        );
        let lb = lambda.iter().sum::<f64>() + chosen.iter().map(|&j| rho[j]).sum::<f64>();
        if !best_lb.is_finite() || lb > best_lb + 1e-9 * best_lb.abs().max(1.0) {
            best_lb = lb;
            since = 0;
        } else {
            since += 1;
            if since >= 40 {
                f /= 2.0;
                since = 0;
            }
        }
        let ub = best.as_ref().map_or(f64::INFINITY, |s| s.cost);
        if round(best_lb) >= ub - 1e-9 * ub.abs().max(1.0) || f < 2e-3 {
            break;
        }
        // Lagrangian heuristic on new site sets.
        let mut key = chosen.clone();
        key.sort_unstable();
        if seen.insert(key.clone()) {
            if let Some(mut t) = inst.assign(&key) {
                inst.improve_assignment(&mut t);
                if t.cost < ub * 1.02 {
                    inst.polish(&mut t);
                    if t.cost < ub - 1e-9 {
                        ctl.report("lagrangian", it, t.cost, round(best_lb));
                        best = Some(t);
                    }
                }
            }
        }
        // Subgradient.
        let mut cnt = vec![0.0; n];
        for &j in &chosen {
            for &i in &xsel[j] {
                cnt[i] += 1.0;
            }
        }
        let mut norm = 0.0;
        let g: Vec<f64> = (0..n)
            .map(|i| {
                let mut gi = 1.0 - cnt[i];
                if lambda[i] <= 0.0 && gi < 0.0 {
                    gi = 0.0;
                }
                norm += gi * gi;
                gi
            })
            .collect();
        if norm < 1e-12 {
            break;
        }
        let target = if ub.is_finite() {
            ub
        } else {
            lb.abs() * 1.05 + 1.0
        };
        let t = f * (target - lb).max(1e-6 * target.abs().max(1.0)) / norm;
        for i in 0..n {
            lambda[i] = (lambda[i] + t * g[i]).max(0.0);
        }
    }
    let mut best = best.ok_or_else(|| {
        LocateError::Infeasible("no feasible single-source assignment found".into())
    })?;
    let open_gap = |b: &Sol| round(best_lb) < b.cost - 1e-9 * b.cost.abs().max(1.0);
    if open_gap(&best) {
        inst.swap_facilities(&mut best, &ctl, &mut rng);
    }
    // Iterated local search: perturb with random median moves, repair, polish.
    let stall_max = if ctl.max_stall() > 0 {
        ctl.max_stall()
    } else {
        (3e9 / (n as f64).powi(3)).clamp(30.0, 3000.0) as usize
    };
    let mut stall = 0;
    while open_gap(&best) && stall < stall_max && !ctl.stop() {
        it += 1;
        let mut sites = best.sites.clone();
        let moves = 1 + rng.below(2);
        for _ in 0..moves {
            let idx = rng.below(sites.len());
            if forced.contains(&sites[idx]) {
                continue;
            }
            let i = (0..n).find(|&i| best.assign[i] == sites[idx]).unwrap_or(0);
            let near: Vec<usize> = inst.order[i]
                .iter()
                .map(|&k| k as usize)
                .filter(|k| !sites.contains(k))
                .take(10)
                .collect();
            if !near.is_empty() {
                sites[idx] = near[rng.below(near.len())];
            }
        }
        match inst.assign(&sites) {
            Some(mut t) => {
                inst.polish(&mut t);
                if t.cost < best.cost - 1e-9 {
                    inst.swap_facilities(&mut t, &ctl, &mut rng);
                    ctl.report("ils", it, t.cost, round(best_lb));
                    best = t;
                    stall = 0;
                } else {
                    stall += 1;
                }
            }
            None => stall += 1,
        }
    }
    let lower_bound = round(best_lb).min(best.cost);
    let mut sites = best.sites.clone();
    sites.sort_unstable();
    let objective: f64 = (0..n).map(|i| inst.c(i, best.assign[i])).sum();
    Ok(Solution {
        sites,
        assignment: best.assign,
        objective,
        lower_bound,
        gap: gap(objective, lower_bound),
        proven_optimal: lower_bound >= objective - 1e-9 * objective.abs().max(1.0),
        iterations: it,
        seconds: ctl.elapsed(),
    })
}

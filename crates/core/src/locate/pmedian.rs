//! p-median (minimise Σ weight · cost with p open sites) and its budgeted variant.
//!
//! Algorithms:
//! * **Greedy construction** (Kuehn & Hamburger 1963): add the site with the largest saving.
//! * **Fast interchange** (Whitaker 1983, as used by Hansen & Mladenović 1997): for every
//!   candidate insertion the best removal is found in O(n + p) from the nearest / second-nearest
//!   open site of every client, which are updated incrementally after each move.
//! * **Variable neighbourhood search** (Mladenović & Hansen 1997; Hansen & Mladenović 1997,
//!   "Variable neighborhood search for the p-median"): shake with k random swaps, descend with
//!   fast interchange, k = 1 again after an improvement.
//! * **Lower bound** by Lagrangian relaxation of the assignment constraints Σ_j x_ij = 1 with
//!   subgradient optimisation (Held, Wolfe & Crowder 1974; Beasley 1993, "Lagrangean heuristics
//!   for location problems", EJOR 65:383–399). For multipliers λ, the relaxed problem separates:
//!   C_j = Σ_i min(0, w_i c_ij − λ_i), L(λ) = Σ_i λ_i + Σ of the p smallest C_j (must-open sites
//!   forced, forbidden sites excluded). The reported bound is the best L over all iterations;
//!   when all weighted costs are integers it is rounded up, so a bound equal to the objective
//!   proves optimality. Each Lagrangian site set is also turned into a primal solution and
//!   improved by fast interchange (Beasley's Lagrangian heuristic).
//! * **Budget** (site fixed costs, p unknown or a maximum): the same machinery with add / swap
//!   moves that respect Σ f_j ≤ B, and a second multiplier μ ≥ 0 on the budget constraint:
//!   L(λ, μ) = Σ λ_i − μB + Σ_j min(0, C_j + μ f_j) over the sites chosen (at most p, at least
//!   one). Any λ, μ ≥ 0 give a valid bound.

// Parallel per-client / per-site arrays read clearest with index loops.
#![allow(clippy::needless_range_loop)]

use std::collections::HashSet;

use super::{gap, Control, LocateError, Problem, Rng, Solution, SolveOptions};

const NONE: usize = usize::MAX;

/// Pre-processed instance: weighted costs in both layouts and per-client sorted site lists.
pub(crate) struct Dense {
    pub n: usize,
    pub m: usize,
    /// Row-major weighted costs w_i · c_ij.
    pub wd: Vec<f64>,
    /// Column-major weighted costs (site j's column is `col[j*n..(j+1)*n]`).
    pub col: Vec<f64>,
    /// Per client, the allowed sites by increasing weighted cost (`ma` entries each).
    pub order: Vec<u32>,
    /// `wd` in the order of `order`.
    pub sorted: Vec<f64>,
    pub ma: usize,
    pub forced: Vec<bool>,
    pub allowed_list: Vec<usize>,
    pub forced_list: Vec<usize>,
    pub fixed: Vec<f64>,
}

impl Dense {
    pub(crate) fn new(pr: &Problem, weights: &[f64]) -> Dense {
        let (n, m) = (pr.n_clients, pr.n_sites);
        let mut wd = vec![0.0; n * m];
        let mut col = vec![0.0; n * m];
        for i in 0..n {
            for j in 0..m {
                let v = weights[i] * pr.cost[i * m + j];
                wd[i * m + j] = v;
                col[j * n + i] = v;
            }
        }
        let forbidden = pr.forbidden_mask();
        let allowed: Vec<bool> = forbidden.iter().map(|f| !f).collect();
        let forced = pr.forced_mask();
        let allowed_list: Vec<usize> = (0..m).filter(|&j| allowed[j]).collect();
        let forced_list: Vec<usize> = (0..m).filter(|&j| forced[j]).collect();
        let ma = allowed_list.len();
        let mut order = Vec::with_capacity(n * ma);
        let mut tmp: Vec<u32> = allowed_list.iter().map(|&j| j as u32).collect();
        for i in 0..n {
            let row = &wd[i * m..(i + 1) * m];
            tmp.sort_by(|&a, &b| row[a as usize].total_cmp(&row[b as usize]).then(a.cmp(&b)));
            order.extend_from_slice(&tmp);
        }
        let sorted = (0..n * ma)
            .map(|k| wd[(k / ma.max(1)) * m + order[k] as usize])
            .collect();
        Dense {
            n,
            m,
            wd,
            col,
            order,
            sorted,
            ma,
            forced,
            allowed_list,
            forced_list,
            fixed: pr.fixed_cost.clone(),
        }
    }
    #[inline]
    fn colj(&self, j: usize) -> &[f64] {
        &self.col[j * self.n..(j + 1) * self.n]
    }
    /// Σ_i min_{j ∈ sites} wd_ij.
    pub(crate) fn cost_of(&self, sites: &[usize], buf: &mut Vec<f64>) -> f64 {
        buf.clear();
        buf.resize(self.n, f64::INFINITY);
        for &j in sites {
            for (b, &v) in buf.iter_mut().zip(self.colj(j)) {
                if v < *b {
                    *b = v;
                }
            }
        }
        buf.iter().sum()
    }
}

/// An open-site set with each client's nearest (c1) and second-nearest (c2) open site.
#[derive(Clone)]
pub(crate) struct State {
    pub open: Vec<bool>,
    pub sites: Vec<usize>,
    pub c1: Vec<usize>,
    pub c2: Vec<usize>,
    pub d1: Vec<f64>,
    pub d2: Vec<f64>,
    pub cost: f64,
    pub spent: f64,
}

impl State {
    pub(crate) fn new(d: &Dense, sites: &[usize]) -> State {
        let mut s = State {
            open: vec![false; d.m],
            sites: Vec::new(),
            c1: vec![NONE; d.n],
            c2: vec![NONE; d.n],
            d1: vec![f64::INFINITY; d.n],
            d2: vec![f64::INFINITY; d.n],
            cost: f64::INFINITY,
            spent: 0.0,
        };
        for &j in sites {
            if !s.open[j] {
                s.add(d, j);
            }
        }
        s
    }
    fn refresh_cost(&mut self) {
        self.cost = self.d1.iter().sum();
    }
    fn rescan(&mut self, d: &Dense, i: usize) {
        let row = &d.wd[i * d.m..(i + 1) * d.m];
        let (mut b1, mut b2, mut v1, mut v2) = (NONE, NONE, f64::INFINITY, f64::INFINITY);
        for &j in &self.sites {
            let v = row[j];
            if v < v1 || (v == v1 && j < b1) {
                b2 = b1;
                v2 = v1;
                b1 = j;
                v1 = v;
            } else if v < v2 || (v == v2 && j < b2) {
                b2 = j;
                v2 = v;
            }
        }
        self.c1[i] = b1;
        self.c2[i] = b2;
        self.d1[i] = v1;
        self.d2[i] = v2;
    }
    pub(crate) fn add(&mut self, d: &Dense, j: usize) {
        self.open[j] = true;
        self.sites.push(j);
        self.spent += d.fixed[j];
        let colj = d.colj(j);
        for i in 0..d.n {
            let v = colj[i];
            if v < self.d1[i] {
                self.c2[i] = self.c1[i];
                self.d2[i] = self.d1[i];
                self.c1[i] = j;
                self.d1[i] = v;
            } else if v < self.d2[i] {
                self.c2[i] = j;
                self.d2[i] = v;
            }
        }
        self.refresh_cost();
    }
    pub(crate) fn remove(&mut self, d: &Dense, r: usize) {
        self.open[r] = false;
        self.sites.retain(|&s| s != r);
        self.spent -= d.fixed[r];
        for i in 0..d.n {
            if self.c1[i] == r || self.c2[i] == r {
                self.rescan(d, i);
            }
        }
        self.refresh_cost();
    }
    /// Whitaker's evaluation of inserting `ins`: returns the saving `gain` and fills
    /// `loss[r]` (for open r) with the extra cost of then removing r.
    fn eval_insert(&self, d: &Dense, ins: usize, loss: &mut [f64]) -> f64 {
        for &r in &self.sites {
            loss[r] = 0.0;
        }
        let mut gain = 0.0;
        let colj = d.colj(ins);
        for i in 0..d.n {
            let din = colj[i];
            let d1 = self.d1[i];
            if din < d1 {
                gain += d1 - din;
            } else {
                loss[self.c1[i]] += din.min(self.d2[i]) - d1;
            }
        }
        gain
    }
    fn sorted_sites(&self) -> Vec<usize> {
        let mut s = self.sites.clone();
        s.sort_unstable();
        s
    }
}

/// The sites the local search may open (`allowed`) and may not close (`fixed`): the
/// instance's own lists narrowed by the Lagrangian reduction tests.
pub(crate) struct Space {
    pub allowed: Vec<usize>,
    pub fixed: Vec<bool>,
}

impl Space {
    fn full(d: &Dense) -> Space {
        Space {
            allowed: d.allowed_list.clone(),
            fixed: d.forced.clone(),
        }
    }
}

/// Limits of the local search moves.
#[derive(Clone, Copy)]
struct Limits {
    /// Exactly p sites (swap moves only) when `fixed_p`, else at most `pmax` (adds allowed).
    fixed_p: bool,
    pmax: usize,
    budget: f64,
}

/// Fast-interchange descent (first improvement over insertion candidates, best removal each).
fn local_search(d: &Dense, sp: &Space, s: &mut State, lim: Limits, rng: &mut Rng, ctl: &Control) {
    let mut loss = vec![0.0; d.m];
    let ma = sp.allowed.len();
    if ma == 0 {
        return;
    }
    let mut last_improved = 0usize;
    let mut k = rng.below(ma);
    let mut scanned = 0usize;
    loop {
        let ins = sp.allowed[k % ma];
        k += 1;
        scanned += 1;
        if !s.open[ins] {
            let eps = 1e-10 * s.cost.abs().max(1.0);
            let gain = s.eval_insert(d, ins, &mut loss);
            let mut best = (0.0f64, NONE); // (delta, r)
            if !lim.fixed_p && s.sites.len() < lim.pmax && s.spent + d.fixed[ins] <= lim.budget {
                best = (-gain, NONE);
            }
            let mut best_delta = if best.0 < -eps { best.0 } else { -eps };
            let mut chosen: Option<usize> = if best.0 < -eps { Some(NONE) } else { None };
            for &r in &s.sites {
                if sp.fixed[r] || s.spent - d.fixed[r] + d.fixed[ins] > lim.budget {
                    continue;
                }
                let delta = loss[r] - gain;
                if delta < best_delta {
                    best_delta = delta;
                    chosen = Some(r);
                }
            }
            if let Some(r) = chosen {
                s.add(d, ins);
                if r != NONE {
                    s.remove(d, r);
                }
                last_improved = scanned;
            }
        }
        if scanned - last_improved >= ma {
            break;
        }
        if scanned & 63 == 0 && ctl.stop() {
            break;
        }
    }
}

/// Greedy construction from the must-open sites.
fn greedy(d: &Dense, lim: Limits, ratio: bool) -> State {
    let mut s = State::new(d, &d.forced_list);
    loop {
        if s.sites.len() >= lim.pmax {
            break;
        }
        let mut best = (f64::NEG_INFINITY, NONE);
        for &j in &d.allowed_list {
            if s.open[j] || s.spent + d.fixed[j] > lim.budget {
                continue;
            }
            let colj = d.colj(j);
            let score = if s.sites.is_empty() {
                -colj.iter().sum::<f64>()
            } else {
                let g: f64 = colj
                    .iter()
                    .zip(&s.d1)
                    .map(|(&v, &d1)| (d1 - v).max(0.0))
                    .sum();
                if ratio {
                    g / d.fixed[j].max(1e-9)
                } else {
                    g
                }
            };
            if score > best.0 {
                best = (score, j);
            }
        }
        if best.1 == NONE {
            break;
        }
        if !lim.fixed_p && !s.sites.is_empty() {
            // Budget mode: stop when adding no longer saves anything.
            let j = best.1;
            let g: f64 = d
                .colj(j)
                .iter()
                .zip(&s.d1)
                .map(|(&v, &d1)| (d1 - v).max(0.0))
                .sum();
            if g <= 0.0 {
                break;
            }
        }
        s.add(d, best.1);
    }
    s
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Card {
    Exactly(usize),
    AtMost(usize),
}

/// Chooses the Lagrangian site set: forced sites, then the best reduced values.
pub(crate) fn select_sites(
    v: &[f64],
    forced: &[usize],
    free: &[usize],
    card: Card,
    out: &mut Vec<usize>,
    buf: &mut Vec<usize>,
) {
    out.clear();
    out.extend_from_slice(forced);
    buf.clear();
    buf.extend_from_slice(free);
    let room = match card {
        Card::Exactly(p) | Card::AtMost(p) => p.saturating_sub(forced.len()),
    };
    if room == 0 || buf.is_empty() {
        return;
    }
    let cmp = |a: &usize, b: &usize| v[*a].total_cmp(&v[*b]).then(a.cmp(b));
    let take = room.min(buf.len());
    if take < buf.len() {
        buf.select_nth_unstable_by(take - 1, cmp);
        buf.truncate(take);
    }
    buf.sort_unstable_by(cmp);
    match card {
        Card::Exactly(_) => out.extend_from_slice(buf),
        Card::AtMost(_) => {
            for &j in buf.iter() {
                if v[j] < 0.0 {
                    out.push(j);
                }
            }
            if out.is_empty() {
                out.push(buf[0]);
            }
        }
    }
}

/// Subgradient optimisation of the Lagrangian dual (Beasley 1993). Updates `best` with the
/// primal solutions it builds; returns the best bound found.
#[allow(clippy::too_many_arguments)]
fn lagrangian(
    d: &Dense,
    lim: Limits,
    card: Card,
    lambda: &mut [f64],
    mu: &mut f64,
    best: &mut State,
    sp: &mut Space,
    promise: &mut Vec<f64>,
    max_iter: usize,
    f_start: f64,
    integral: bool,
    rng: &mut Rng,
    ctl: &mut Control,
) -> (f64, usize) {
    let n = d.n;
    let budget = lim.budget;
    let has_budget = budget.is_finite();
    let free: Vec<usize> = d
        .allowed_list
        .iter()
        .copied()
        .filter(|&j| !d.forced[j])
        .collect();
    let mut cval = vec![0.0; d.m];
    let mut v = vec![0.0; d.m];
    let mut chosen = Vec::new();
    let mut buf = Vec::new();
    let mut in_set = vec![false; d.m];
    let mut g = vec![0.0; n];
    let mut seen: HashSet<Vec<usize>> = HashSet::new();
    let mut cost_buf = Vec::new();
    let mut best_lb = f64::NEG_INFINITY;
    let mut f = f_start;
    let mut since = 0usize;
    let mut it = 0usize;
    let mut ls_runs = 0usize;
    let round = |x: f64| if integral { (x - 1e-6).ceil() } else { x };
    while it < max_iter {
        it += 1;
        for &j in &d.allowed_list {
            cval[j] = 0.0;
        }
        for i in 0..n {
            let li = lambda[i];
            let vals = &d.sorted[i * d.ma..(i + 1) * d.ma];
            for (&j, &w) in d.order[i * d.ma..(i + 1) * d.ma].iter().zip(vals) {
                let r = w - li;
                if r >= 0.0 {
                    break;
                }
                cval[j as usize] += r;
            }
        }
        for &j in &d.allowed_list {
            v[j] = cval[j] + *mu * d.fixed[j];
        }
        select_sites(&v, &d.forced_list, &free, card, &mut chosen, &mut buf);
        let mut lb: f64 = lambda.iter().sum::<f64>() + chosen.iter().map(|&j| v[j]).sum::<f64>();
        if has_budget {
            lb -= *mu * budget;
        }
        if !best_lb.is_finite() || lb > best_lb + 1e-9 * best_lb.abs().max(1.0) {
            best_lb = lb;
            since = 0;
        } else {
            since += 1;
            if since >= 30 {
                f /= 2.0;
                since = 0;
            }
        }
        if round(best_lb) >= best.cost - 1e-9 * best.cost.abs().max(1.0) || f < 1e-3 {
            break;
        }
        // Reduction tests (Beasley 1993): a site whose forced opening (closing) lifts the
        // bound to the incumbent cannot be in (out of) any strictly better solution.
        if let (Card::Exactly(p), false) = (card, has_budget) {
            if p > d.forced_list.len() && p < d.forced_list.len() + free.len() {
                for &j in &chosen {
                    in_set[j] = true;
                }
                let worst_in = chosen
                    .iter()
                    .filter(|&&j| !d.forced[j])
                    .map(|&j| v[j])
                    .fold(f64::NEG_INFINITY, f64::max);
                let best_out = free
                    .iter()
                    .filter(|&&j| !in_set[j])
                    .map(|&j| v[j])
                    .fold(f64::INFINITY, f64::min);
                let ub = best.cost - 1e-9 * best.cost.abs().max(1.0);
                if since == 0 {
                    // Bound of the best solution containing j: a search focus for the VNS.
                    promise.clear();
                    promise.resize(d.m, f64::INFINITY);
                    for &j in &free {
                        promise[j] = if in_set[j] { lb } else { lb + v[j] - worst_in };
                    }
                }
                let mut changed = false;
                for &j in &free {
                    if in_set[j] {
                        if !sp.fixed[j] && round(lb - v[j] + best_out) >= ub {
                            sp.fixed[j] = true;
                        }
                    } else if round(lb + v[j] - worst_in) >= ub && sp.allowed.contains(&j) {
                        changed = true;
                        sp.allowed.retain(|&k| k != j);
                    }
                }
                let _ = changed;
                for &j in &chosen {
                    in_set[j] = false;
                }
            }
        }
        // Lagrangian heuristic: the relaxed site set as a primal solution.
        let spent: f64 = chosen.iter().map(|&j| d.fixed[j]).sum();
        if spent <= budget && ls_runs < 100 {
            let mut key = chosen.clone();
            key.sort_unstable();
            if seen.insert(key) {
                let c = d.cost_of(&chosen, &mut cost_buf);
                if c < best.cost * 1.003 {
                    ls_runs += 1;
                    let mut s = State::new(d, &chosen);
                    local_search(d, sp, &mut s, lim, rng, ctl);
                    if s.cost < best.cost - 1e-10 * best.cost.abs().max(1.0) {
                        *best = s;
                        ctl.report("lagrangian", it, best.cost, round(best_lb));
                    }
                }
            }
        }
        // Subgradient g_i = 1 − Σ_j x_ij.
        for &j in &chosen {
            in_set[j] = true;
        }
        let mut norm = 0.0;
        for i in 0..n {
            let li = lambda[i];
            let vals = &d.sorted[i * d.ma..(i + 1) * d.ma];
            let mut cnt = 0.0;
            for (&j, &w) in d.order[i * d.ma..(i + 1) * d.ma].iter().zip(vals) {
                if w - li >= 0.0 {
                    break;
                }
                if in_set[j as usize] {
                    cnt += 1.0;
                }
            }
            let mut gi = 1.0 - cnt;
            if li <= 0.0 && gi < 0.0 {
                gi = 0.0;
            }
            g[i] = gi;
            norm += gi * gi;
        }
        let mut gmu = 0.0;
        if has_budget {
            gmu = chosen.iter().map(|&j| d.fixed[j]).sum::<f64>() - budget;
            if *mu <= 0.0 && gmu < 0.0 {
                gmu = 0.0;
            }
            norm += gmu * gmu;
        }
        for &j in &chosen {
            in_set[j] = false;
        }
        if norm < 1e-12 {
            break;
        }
        let target = if best.cost.is_finite() {
            best.cost
        } else {
            lb.abs() * 1.1 + 1.0
        };
        let t = f * (target - lb).max(1e-9 * target.abs().max(1.0)) / norm;
        for i in 0..n {
            lambda[i] = (lambda[i] + t * g[i]).max(0.0);
        }
        if has_budget {
            *mu = (*mu + t * gmu).max(0.0);
        }
        if it & 15 == 0 && ctl.stop() {
            break;
        }
    }
    (best_lb, it)
}

/// Solves the p-median problem (exactly `p` sites), or — when `problem.budget` is set — the
/// budgeted median problem (Σ fixed costs ≤ budget, at most `p` sites if `p` is given).
///
/// Capacities must be unlimited (use [`super::capacitated::solve`] otherwise).
pub fn solve(problem: &Problem, opts: &mut SolveOptions) -> Result<Solution, LocateError> {
    problem.validate()?;
    if problem.capacity.iter().any(|c| c.is_finite()) {
        return Err(LocateError::Invalid(
            "finite capacities: use locate::capacitated::solve".into(),
        ));
    }
    let mut ctl = Control::new(opts);
    let d = Dense::new(problem, &problem.weight);
    let integral = problem.integral_weighted_costs();
    let round = |x: f64| if integral { (x - 1e-6).ceil() } else { x };
    let (lim, card) = match problem.budget {
        Some(b) => {
            let pmax = problem.p.unwrap_or(d.ma).min(d.ma);
            (
                Limits {
                    fixed_p: false,
                    pmax,
                    budget: b,
                },
                Card::AtMost(pmax),
            )
        }
        None => {
            let p = problem.p.expect("validated");
            (
                Limits {
                    fixed_p: true,
                    pmax: p,
                    budget: f64::INFINITY,
                },
                Card::Exactly(p),
            )
        }
    };
    let mut rng = Rng::new(ctl.seed());
    let mut sp = Space::full(&d);

    // 1. Construction + descent.
    let mut best = greedy(&d, lim, false);
    local_search(&d, &sp, &mut best, lim, &mut rng, &ctl);
    if !lim.fixed_p {
        let mut alt = greedy(&d, lim, true);
        local_search(&d, &sp, &mut alt, lim, &mut rng, &ctl);
        if alt.cost < best.cost {
            best = alt;
        }
    }
    if best.sites.is_empty() {
        return Err(LocateError::Infeasible(
            "no site can be opened within the budget".into(),
        ));
    }
    ctl.report("construct", 0, best.cost, f64::NEG_INFINITY);

    // 2. Lagrangian bound + Lagrangian heuristic + reduction tests.
    let mut lambda: Vec<f64> = best.d1.clone();
    let mut mu = 0.0;
    let mut promise = Vec::new();
    let (mut lb, mut iters) = lagrangian(
        &d,
        lim,
        card,
        &mut lambda,
        &mut mu,
        &mut best,
        &mut sp,
        &mut promise,
        3000,
        2.0,
        integral,
        &mut rng,
        &mut ctl,
    );
    let proven = |lb: f64, s: &State| round(lb) >= s.cost - 1e-9 * s.cost.abs().max(1.0);
    ctl.report("lower bound", iters, best.cost, round(lb));

    // 3. Variable neighbourhood search in the reduced space until proven, stalled or stopped.
    if !proven(lb, &best) {
        let before = best.cost;
        // Search focus: sites whose Lagrangian bound is within 1% of the incumbent (a
        // heuristic restriction — the reduced space `sp` stays the proof).
        let limit = best.cost + 0.01 * best.cost.abs();
        let focus_list: Vec<usize> = sp
            .allowed
            .iter()
            .copied()
            .filter(|&j| best.open[j] || !promise.get(j).is_some_and(|&b| b > limit))
            .collect();
        if lim.fixed_p
            && focus_list.len() >= best.sites.len() + 2
            && focus_list.len() < sp.allowed.len()
        {
            let focus = Space {
                allowed: focus_list,
                fixed: sp.fixed.clone(),
            };
            iters += vns(
                &d, &focus, lim, &mut best, lb, &round, &mut rng, &mut ctl, 10,
            );
            local_search(&d, &sp, &mut best, lim, &mut rng, &ctl);
            // Second round with deeper shakes (up to 25 swaps) for large p.
            if !proven(lb, &best) && best.sites.len() >= 50 {
                iters += vns(
                    &d, &focus, lim, &mut best, lb, &round, &mut rng, &mut ctl, 25,
                );
                local_search(&d, &sp, &mut best, lim, &mut rng, &ctl);
            }
        } else {
            iters += vns(&d, &sp, lim, &mut best, lb, &round, &mut rng, &mut ctl, 10);
        }
        if best.cost < before && !proven(lb, &best) && !ctl.stop() {
            let (lb2, it2) = lagrangian(
                &d,
                lim,
                card,
                &mut lambda,
                &mut mu,
                &mut best,
                &mut sp,
                &mut promise,
                1500,
                0.25,
                integral,
                &mut rng,
                &mut ctl,
            );
            lb = lb.max(lb2);
            iters += it2;
        }
    }
    let lower_bound = round(lb).min(best.cost);
    let sites = best.sorted_sites();
    let objective = problem.median_cost(&sites);
    Ok(Solution {
        assignment: problem.nearest_assignment(&sites),
        sites,
        objective,
        lower_bound,
        gap: gap(objective, lower_bound),
        proven_optimal: proven(lb, &best),
        iterations: iters,
        seconds: ctl.elapsed(),
    })
}

/// Basic VNS (Hansen & Mladenović 1997) with fast-interchange descent.
#[allow(clippy::too_many_arguments)]
fn vns(
    d: &Dense,
    sp: &Space,
    lim: Limits,
    best: &mut State,
    lb: f64,
    round: &dyn Fn(f64) -> f64,
    rng: &mut Rng,
    ctl: &mut Control,
    kmax: usize,
) -> usize {
    let removable: usize = best.sites.iter().filter(|&&r| !sp.fixed[r]).count();
    let closed = sp.allowed.iter().filter(|&&j| !best.open[j]).count();
    if (lim.fixed_p && (removable == 0 || closed == 0)) || sp.allowed.len() <= 1 {
        return 0;
    }
    let kmax = removable.clamp(1, kmax);
    let stall_max = if ctl.max_stall() > 0 {
        ctl.max_stall()
    } else {
        // Bounded work (about 3·10⁹ elementary steps), 10 shakes per site, 50…1000.
        let work = 3e9 / (d.n as f64 * sp.allowed.len() as f64 * 8.0);
        // Small p: few neighbourhoods, the optimum comes early; large p needs more shakes.
        (work.min(10.0 * best.sites.len() as f64)).clamp(50.0, 1000.0) as usize
    };
    let (mut k, mut stall, mut it) = (1usize, 0usize, 0usize);
    while stall < stall_max && !ctl.stop() {
        if round(lb) >= best.cost - 1e-9 * best.cost.abs().max(1.0) {
            break;
        }
        it += 1;
        let mut cur = best.clone();
        for _ in 0..k {
            shake(d, sp, &mut cur, lim, rng);
        }
        local_search(d, sp, &mut cur, lim, rng, ctl);
        if cur.cost < best.cost - 1e-10 * best.cost.abs().max(1.0) {
            *best = cur;
            k = 1;
            stall = 0;
            ctl.report("vns", it, best.cost, round(lb));
        } else {
            k = k % kmax + 1;
            stall += 1;
        }
    }
    it
}

/// One random move: swap (fixed p) or drop-then-add within the budget.
fn shake(d: &Dense, sp: &Space, s: &mut State, lim: Limits, rng: &mut Rng) {
    let rem: Vec<usize> = s.sites.iter().copied().filter(|&r| !sp.fixed[r]).collect();
    let ma = sp.allowed.len();
    if lim.fixed_p {
        if rem.is_empty() {
            return;
        }
        let r = rem[rng.below(rem.len())];
        // Half of the shakes are local: insert a site near a client that r serves.
        if rng.below(2) == 0 {
            let served: Vec<usize> = (0..d.n).filter(|&i| s.c1[i] == r).collect();
            if !served.is_empty() {
                let i = served[rng.below(served.len())];
                let k = (2 * d.ma / s.sites.len().max(1) + 2).min(d.ma);
                let near = &d.order[i * d.ma..i * d.ma + k];
                for _ in 0..16 {
                    let j = near[rng.below(k)] as usize;
                    if !s.open[j] && sp.allowed.binary_search(&j).is_ok() {
                        s.add(d, j);
                        s.remove(d, r);
                        return;
                    }
                }
            }
        }
        for _ in 0..64 {
            let j = sp.allowed[rng.below(ma)];
            if !s.open[j] {
                s.add(d, j);
                s.remove(d, r);
                return;
            }
        }
    } else {
        if !rem.is_empty() && s.sites.len() > 1 {
            let r = rem[rng.below(rem.len())];
            s.remove(d, r);
        }
        for _ in 0..64 {
            let j = sp.allowed[rng.below(ma)];
            if !s.open[j] && s.sites.len() < lim.pmax && s.spent + d.fixed[j] <= lim.budget {
                s.add(d, j);
                break;
            }
        }
    }
}

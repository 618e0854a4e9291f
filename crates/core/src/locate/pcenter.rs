//! Vertex p-center: minimise the largest client–site cost with p open sites (unweighted).
//!
//! The optimum radius is one of the distinct matrix entries, so the solver bisects over them
//! (Minieka 1970; Daskin 2000, "A new approach to solving the vertex p-center problem to
//! optimality") and answers each decision "can p sites cover every client within r?" by
//! 1. greedy set cover (Chvátal 1979) and a Lagrangian set-cover bound with subgradient
//!    optimisation (Beasley 1990; Lagrangian-greedy primal covers on the way);
//! 2. a swap local search that minimises the uncovered clients with exactly p sites (the
//!    "vertex substitution" for the covering decision, as in Mladenović, Labbé & Hansen 2003)
//!    with a short tabu list;
//! 3. an exact depth-first branch and bound (branch on the sites covering the client with the
//!    fewest covers; prune with a disjoint-client packing bound), node-limited.
//!
//! A radius proven infeasible gives the lower bound (every smaller radius is infeasible as
//! well); a decision left open keeps the bound honest and shows up as a gap.

// Parallel per-client / per-site arrays read clearest with index loops.
#![allow(clippy::needless_range_loop)]

use super::{gap, Control, LocateError, Problem, Rng, Solution, SolveOptions};

type Bits = Vec<u64>;

fn words(n: usize) -> usize {
    n.div_ceil(64)
}
#[inline]
fn set(b: &mut [u64], i: usize) {
    b[i >> 6] |= 1 << (i & 63);
}
#[inline]
fn get(b: &[u64], i: usize) -> bool {
    b[i >> 6] >> (i & 63) & 1 == 1
}
fn count_and(a: &[u64], b: &[u64]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum()
}

enum Decision {
    Feasible(Vec<usize>),
    Infeasible,
    Unknown,
}

struct Inst<'a> {
    pr: &'a Problem,
    n: usize,
    allowed: Vec<usize>,
    forced: Vec<usize>,
    /// Per client: allowed sites by increasing cost.
    order: Vec<Vec<usize>>,
}

/// The covering decision at one radius.
struct Cover {
    n: usize,
    /// Free candidate sites (allowed, not forced) covering at least one client to cover.
    sites: Vec<usize>,
    /// cov[k]: clients covered by sites[k] (bitset over clients).
    cov: Vec<Bits>,
    /// Clients still to cover (not covered by forced sites).
    need: Bits,
    /// Per client: indices k into `sites` covering it.
    by_client: Vec<Vec<usize>>,
    /// Sites still to open.
    k: usize,
}

impl Inst<'_> {
    fn cover(&self, r: f64) -> Option<Cover> {
        let n = self.n;
        let w = words(n);
        let mut need = vec![0u64; w];
        for i in 0..n {
            if !self.forced.iter().any(|&j| self.pr.c(i, j) <= r) {
                set(&mut need, i);
            }
        }
        let mut index = vec![usize::MAX; self.pr.n_sites];
        let mut sites = Vec::new();
        let mut cov: Vec<Bits> = Vec::new();
        let mut by_client = vec![Vec::new(); n];
        for i in 0..n {
            if !get(&need, i) {
                continue;
            }
            for &j in &self.order[i] {
                if self.pr.c(i, j) > r {
                    break;
                }
                if self.forced.contains(&j) {
                    continue;
                }
                if index[j] == usize::MAX {
                    index[j] = sites.len();
                    sites.push(j);
                    cov.push(vec![0u64; w]);
                }
                set(&mut cov[index[j]], i);
                by_client[i].push(index[j]);
            }
            if by_client[i].is_empty() {
                return None; // client i cannot be covered at this radius
            }
        }
        Some(Cover {
            n,
            sites,
            cov,
            need,
            by_client,
            k: self.pr.p.unwrap_or(0) - self.forced.len(),
        })
    }
}

impl Cover {
    fn needed(&self) -> usize {
        self.need.iter().map(|x| x.count_ones() as usize).sum()
    }
    /// Greedy cover with optional per-site weights (Chvátal ratio), redundant sites removed.
    fn greedy(&self, weight: Option<&[f64]>, limit: usize) -> Option<Vec<usize>> {
        let mut unc = self.need.clone();
        let mut chosen = Vec::new();
        while unc.iter().any(|x| *x != 0) {
            if chosen.len() > limit.saturating_add(64) {
                return None;
            }
            let mut best = (f64::NEG_INFINITY, usize::MAX);
            for (k, c) in self.cov.iter().enumerate() {
                let g = count_and(c, &unc) as f64;
                if g == 0.0 {
                    continue;
                }
                let s = match weight {
                    Some(wt) => g / wt[k].max(1e-6),
                    None => g,
                };
                if s > best.0 {
                    best = (s, k);
                }
            }
            let k = best.1;
            for (u, c) in unc.iter_mut().zip(&self.cov[k]) {
                *u &= !c;
            }
            chosen.push(k);
        }
        Some(self.drop_redundant(chosen))
    }
    fn drop_redundant(&self, mut chosen: Vec<usize>) -> Vec<usize> {
        let mut cnt = vec![0u32; self.n];
        for &k in &chosen {
            for i in self.members(k) {
                cnt[i] += 1;
            }
        }
        // Remove the sites covering the fewest clients first.
        chosen.sort_by_key(|&k| count_and(&self.cov[k], &self.need));
        let mut keep = Vec::new();
        for k in chosen {
            if self.members(k).all(|i| cnt[i] >= 2) {
                for i in self.members(k) {
                    cnt[i] -= 1;
                }
            } else {
                keep.push(k);
            }
        }
        keep
    }
    fn members(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        self.cov[k].iter().enumerate().flat_map(|(w, &x)| {
            let mut x = x;
            std::iter::from_fn(move || {
                if x == 0 {
                    return None;
                }
                let b = x.trailing_zeros() as usize;
                x &= x - 1;
                Some(w * 64 + b)
            })
        })
    }

    /// Lagrangian set-cover bound (Beasley 1990). Returns (bound, cover found within k).
    fn lagrangian(&self, iters: usize, smallest: &mut Vec<usize>) -> (f64, Option<Vec<usize>>) {
        let n = self.n;
        let clients: Vec<usize> = (0..n).filter(|&i| get(&self.need, i)).collect();
        let mut u = vec![0.0; n];
        for &i in &clients {
            u[i] = 1.0 / self.by_client[i].len() as f64;
        }
        let members: Vec<Vec<usize>> = (0..self.sites.len())
            .map(|k| self.members(k).collect())
            .collect();
        let mut best = f64::NEG_INFINITY;
        let mut ub = self.greedy(None, usize::MAX).map_or(n, |c| c.len()) as f64;
        let mut f = 2.0;
        let mut since = 0;
        let mut s = vec![0.0; self.sites.len()];
        for it in 0..iters {
            let mut l: f64 = clients.iter().map(|&i| u[i]).sum();
            for (k, mk) in members.iter().enumerate() {
                s[k] = 1.0 - mk.iter().map(|&i| u[i]).sum::<f64>();
                if s[k] < 0.0 {
                    l += s[k];
                }
            }
            if l > best + 1e-9 {
                best = l;
                since = 0;
            } else {
                since += 1;
                if since >= 20 {
                    f /= 2.0;
                    since = 0;
                }
            }
            if (best - 1e-6).ceil() as usize > self.k || f < 1e-3 {
                break;
            }
            if it % 5 == 0 {
                let wt: Vec<f64> = s.iter().map(|&x| x.max(1e-3)).collect();
                if let Some(c) = self.greedy(Some(&wt), self.k) {
                    ub = ub.min(c.len() as f64);
                    if smallest.is_empty() || c.len() < smallest.len() {
                        smallest.clone_from(&c);
                    }
                    if c.len() <= self.k {
                        return (best, Some(c));
                    }
                }
            }
            let mut g = vec![0.0; n];
            let mut norm = 0.0;
            for &i in &clients {
                let x: usize = self.by_client[i].iter().filter(|&&k| s[k] < 0.0).count();
                let mut gi = 1.0 - x as f64;
                if u[i] <= 0.0 && gi < 0.0 {
                    gi = 0.0;
                }
                g[i] = gi;
                norm += gi * gi;
            }
            if norm == 0.0 {
                break;
            }
            let t = f * (ub.min(self.k as f64 + 1.0) - l).max(0.05) / norm;
            for &i in &clients {
                u[i] = (u[i] + t * g[i]).max(0.0);
            }
        }
        (best, None)
    }

    /// Swap search for exactly k sites minimising the uncovered clients (tabu on removals).
    fn swap_search(&self, start: &[usize], iters: usize, rng: &mut Rng) -> Option<Vec<usize>> {
        let m = self.sites.len();
        let k = self.k;
        if k == 0 || k >= m {
            return None;
        }
        let mut open: Vec<usize> = start.iter().copied().take(k).collect();
        let mut is_open = vec![false; m];
        for &j in &open {
            is_open[j] = true;
        }
        // Fill up greedily by coverage.
        while open.len() < k {
            let j = (0..m).find(|&j| !is_open[j]).unwrap();
            is_open[j] = true;
            open.push(j);
        }
        let mut cnt = vec![0u32; self.n];
        for &j in &open {
            for i in self.members(j) {
                cnt[i] += 1;
            }
        }
        let mut tabu = vec![0usize; m];
        let w = words(self.n);
        for it in 1..=iters {
            let unc: Vec<usize> = (0..self.n)
                .filter(|&i| get(&self.need, i) && cnt[i] == 0)
                .collect();
            if unc.is_empty() {
                return Some(open);
            }
            let i = unc[rng.below(unc.len())];
            let mut zero = vec![0u64; w];
            let mut once = vec![0u64; w];
            for c in 0..self.n {
                if get(&self.need, c) {
                    if cnt[c] == 0 {
                        set(&mut zero, c);
                    } else if cnt[c] == 1 {
                        set(&mut once, c);
                    }
                }
            }
            let mut best = (i64::MIN, usize::MAX, usize::MAX);
            for &j in &self.by_client[i] {
                if is_open[j] {
                    continue;
                }
                let gain = count_and(&self.cov[j], &zero) as i64;
                for (pos, &r) in open.iter().enumerate() {
                    if tabu[r] > it {
                        continue;
                    }
                    let loss: u32 = self.cov[r]
                        .iter()
                        .zip(&once)
                        .zip(&self.cov[j])
                        .map(|((a, b), c)| (a & b & !c).count_ones())
                        .sum();
                    let delta = gain - loss as i64;
                    let key = delta * 1024 + (rng.below(1000) as i64 % 1024);
                    if key > best.0 {
                        best = (key, j, pos);
                    }
                }
            }
            if best.1 == usize::MAX {
                continue;
            }
            let (_, j, pos) = best;
            let r = open[pos];
            for c in self.members(r) {
                cnt[c] -= 1;
            }
            for c in self.members(j) {
                cnt[c] += 1;
            }
            is_open[r] = false;
            is_open[j] = true;
            open[pos] = j;
            tabu[r] = it + 3 + rng.below(5 + k / 8);
        }
        None
    }

    /// Exact decision by depth-first branch and bound; `None` when the node limit is hit.
    fn exact(&self, node_limit: usize) -> Option<Option<Vec<usize>>> {
        let m = self.sites.len();
        // Client → covering sites as bitsets over the free sites (packing bound).
        let wm = words(m);
        let cs: Vec<Bits> = self
            .by_client
            .iter()
            .map(|ks| {
                let mut b = vec![0u64; wm];
                for &k in ks {
                    set(&mut b, k);
                }
                b
            })
            .collect();
        let mut nodes = 0usize;
        let mut path = Vec::new();
        let res = self.dfs(
            &self.need.clone(),
            self.k,
            &cs,
            &mut path,
            &mut nodes,
            node_limit,
        );
        match res {
            Some(true) => Some(Some(path)),
            Some(false) => Some(None),
            None => None,
        }
    }
    fn dfs(
        &self,
        unc: &Bits,
        left: usize,
        cs: &[Bits],
        path: &mut Vec<usize>,
        nodes: &mut usize,
        limit: usize,
    ) -> Option<bool> {
        *nodes += 1;
        if *nodes > limit {
            return None;
        }
        let un: Vec<usize> = (0..self.n).filter(|&i| get(unc, i)).collect();
        if un.is_empty() {
            return Some(true);
        }
        if left == 0 {
            return Some(false);
        }
        // Packing bound: clients with pairwise disjoint cover sets need distinct sites.
        let mut order = un.clone();
        order.sort_by_key(|&i| self.by_client[i].len());
        let mut used = vec![0u64; cs[0].len()];
        let mut pack = 0;
        for &i in &order {
            if cs[i].iter().zip(&used).all(|(a, b)| a & b == 0) {
                pack += 1;
                for (u, a) in used.iter_mut().zip(&cs[i]) {
                    *u |= a;
                }
                if pack > left {
                    return Some(false);
                }
            }
        }
        let i = order[0];
        let mut cand = self.by_client[i].clone();
        cand.sort_by_key(|&k| std::cmp::Reverse(count_and(&self.cov[k], unc)));
        for k in cand {
            let next: Bits = unc.iter().zip(&self.cov[k]).map(|(a, b)| a & !b).collect();
            path.push(k);
            match self.dfs(&next, left - 1, cs, path, nodes, limit) {
                Some(true) => return Some(true),
                None => {
                    path.pop();
                    return None;
                }
                Some(false) => {
                    path.pop();
                }
            }
        }
        Some(false)
    }
}

impl Inst<'_> {
    fn decide(&self, r: f64, rng: &mut Rng, effort: usize) -> Decision {
        let Some(cv) = self.cover(r) else {
            return Decision::Infeasible;
        };
        let with_forced = |ks: Vec<usize>| {
            let mut s: Vec<usize> = ks.iter().map(|&k| cv.sites[k]).collect();
            s.extend_from_slice(&self.forced);
            s
        };
        if cv.needed() == 0 {
            return Decision::Feasible(with_forced(Vec::new()));
        }
        if cv.k == 0 {
            return Decision::Infeasible;
        }
        let g = cv.greedy(None, usize::MAX).expect("coverable");
        if g.len() <= cv.k {
            return Decision::Feasible(with_forced(g));
        }
        let mut lag_cover = Vec::new();
        let (lb, found) = cv.lagrangian(300, &mut lag_cover);
        if let Some(c) = found {
            return Decision::Feasible(with_forced(c));
        }
        if (lb - 1e-6).ceil() as usize > cv.k {
            return Decision::Infeasible;
        }
        if let Some(c) = cv.swap_search(&g, effort / 2, rng) {
            return Decision::Feasible(with_forced(c));
        }
        // Second start: the smallest Lagrangian-greedy cover, trimmed to k sites.
        if !lag_cover.is_empty() {
            if let Some(c) = cv.swap_search(&lag_cover, effort / 2, rng) {
                return Decision::Feasible(with_forced(c));
            }
        }
        // The exact search only pays off for few sites; leave large decisions open.
        if cv.k > 12 {
            return Decision::Unknown;
        }
        match cv.exact(effort * 50) {
            Some(Some(c)) => Decision::Feasible(with_forced(c)),
            Some(None) => Decision::Infeasible,
            None => Decision::Unknown,
        }
    }
}

/// Solves the vertex p-center problem (unweighted; `must_open` / `forbidden` honoured).
/// `objective` is the optimum radius when `proven_optimal`, else the best radius found, with
/// `lower_bound` the smallest radius not proven infeasible.
pub fn solve(problem: &Problem, opts: &mut SolveOptions) -> Result<Solution, LocateError> {
    problem.validate()?;
    let p = problem
        .p
        .ok_or_else(|| LocateError::Invalid("p-center needs p".into()))?;
    let mut ctl = Control::new(opts);
    let mut rng = Rng::new(ctl.seed());
    let forbidden = problem.forbidden_mask();
    let allowed: Vec<usize> = (0..problem.n_sites).filter(|&j| !forbidden[j]).collect();
    let forced = problem.must_open_unique();
    let n = problem.n_clients;
    let order: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            let mut o = allowed.clone();
            o.sort_by(|&a, &b| problem.c(i, a).total_cmp(&problem.c(i, b)));
            o
        })
        .collect();
    let inst = Inst {
        pr: problem,
        n,
        allowed,
        forced,
        order,
    };
    // Candidate radii: the distinct entries of the allowed columns.
    let mut radii: Vec<f64> = (0..n)
        .flat_map(|i| inst.allowed.iter().map(move |&j| problem.c(i, j)))
        .collect();
    radii.sort_by(f64::total_cmp);
    radii.dedup();
    // Trivial bound: every client needs some site.
    let floor = (0..n)
        .map(|i| problem.c(i, inst.order[i][0]))
        .fold(0.0, f64::max);
    let mut lo = radii.partition_point(|&r| r < floor);
    // Upper bound: farthest-first (Gonzalez 1985) from the forced sites.
    let mut sites = inst.forced.clone();
    while sites.len() < p {
        let far = (0..n)
            .max_by(|&a, &b| {
                let da = sites
                    .iter()
                    .map(|&j| problem.c(a, j))
                    .fold(f64::INFINITY, f64::min);
                let db = sites
                    .iter()
                    .map(|&j| problem.c(b, j))
                    .fold(f64::INFINITY, f64::min);
                da.total_cmp(&db).then(b.cmp(&a))
            })
            .unwrap();
        let j = inst.order[far]
            .iter()
            .copied()
            .find(|j| !sites.contains(j))
            .unwrap();
        sites.push(j);
    }
    let mut hi = radii.partition_point(|&r| r < problem.center_radius(&sites));
    let mut best_sites = sites;
    let mut proven_lo = lo; // every index < proven_lo is infeasible
    let mut iters = 0;
    let effort = 20_000;
    while lo < hi && !ctl.stop() {
        let mid = (lo + hi) / 2;
        iters += 1;
        match inst.decide(radii[mid], &mut rng, effort) {
            Decision::Feasible(s) => {
                hi = radii
                    .partition_point(|&r| r < problem.center_radius(&s))
                    .min(mid);
                best_sites = s;
            }
            Decision::Infeasible => {
                lo = mid + 1;
                proven_lo = proven_lo.max(mid + 1);
            }
            Decision::Unknown => lo = mid + 1,
        }
        ctl.report("bisection", iters, radii[hi], radii[proven_lo.min(hi)]);
    }
    // Close the gap from below: the radius just under the incumbent decides optimality.
    while proven_lo < hi && !ctl.stop() {
        iters += 1;
        match inst.decide(radii[hi - 1], &mut rng, effort) {
            Decision::Feasible(s) => {
                hi = radii
                    .partition_point(|&r| r < problem.center_radius(&s))
                    .min(hi - 1);
                best_sites = s;
            }
            Decision::Infeasible => proven_lo = hi,
            Decision::Unknown => break,
        }
    }
    best_sites.sort_unstable();
    best_sites.dedup();
    // Pad to p sites (extra sites never hurt the radius).
    for &j in &inst.allowed {
        if best_sites.len() >= p {
            break;
        }
        if !best_sites.contains(&j) {
            best_sites.push(j);
        }
    }
    best_sites.sort_unstable();
    let objective = problem.center_radius(&best_sites);
    let lower_bound = radii[proven_lo.min(radii.len() - 1)].min(objective);
    Ok(Solution {
        assignment: problem.nearest_assignment(&best_sites),
        sites: best_sites,
        objective,
        lower_bound,
        gap: gap(objective, lower_bound),
        proven_optimal: lower_bound >= objective,
        iterations: iters,
        seconds: ctl.elapsed(),
    })
}

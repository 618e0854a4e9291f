//! Maximal covering: lazy greedy, 1-opt swap local search, VNS, the Lagrangian upper bound and a
//! depth-first branch and bound (see the module documentation of [`super`]).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::{CoverError, CoverInstance, CoverModel, CoverOptions, CoverSolution, Reduced, Rng};

const EPS: f64 = 1e-9;

/// Which local sites are open and how often each demand point is covered.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub(crate) open: Vec<bool>,
    cnt: Vec<u32>,
    /// Weight of the uncovered demand each site covers (the gain of opening it).
    gain: Vec<f64>,
    /// Covered weight.
    pub(crate) val: f64,
}

impl State {
    pub(crate) fn empty(r: &Reduced) -> State {
        let gain = (0..r.m())
            .map(|j| r.demand_of(j).iter().map(|&i| r.w[i as usize]).sum())
            .collect();
        State {
            open: vec![false; r.m()],
            cnt: vec![0; r.n()],
            gain,
            val: 0.0,
        }
    }

    pub(crate) fn with(r: &Reduced, sites: &[usize]) -> State {
        let mut s = State::empty(r);
        for &j in sites {
            s.add(r, j);
        }
        s
    }

    pub(crate) fn add(&mut self, r: &Reduced, j: usize) {
        debug_assert!(!self.open[j]);
        self.open[j] = true;
        for &i in r.demand_of(j) {
            let i = i as usize;
            if self.cnt[i] == 0 {
                self.val += r.w[i];
                for &s in r.sites_of(i) {
                    self.gain[s as usize] -= r.w[i];
                }
            }
            self.cnt[i] += 1;
        }
    }

    pub(crate) fn remove(&mut self, r: &Reduced, j: usize) {
        debug_assert!(self.open[j]);
        self.open[j] = false;
        for &i in r.demand_of(j) {
            let i = i as usize;
            self.cnt[i] -= 1;
            if self.cnt[i] == 0 {
                self.val -= r.w[i];
                for &s in r.sites_of(i) {
                    self.gain[s as usize] += r.w[i];
                }
            }
        }
    }

    pub(crate) fn sites(&self) -> Vec<usize> {
        (0..self.open.len()).filter(|&j| self.open[j]).collect()
    }

    /// Demand points covered at least twice are not lost when `j` closes.
    pub(crate) fn redundant(&self, r: &Reduced, j: usize) -> bool {
        r.demand_of(j).iter().all(|&i| self.cnt[i as usize] >= 2)
    }

    pub(crate) fn uncovered(&self) -> Vec<usize> {
        (0..self.cnt.len()).filter(|&i| self.cnt[i] == 0).collect()
    }
}

#[derive(PartialEq)]
struct Cand(f64, usize);
impl Eq for Cand {}
impl Ord for Cand {
    fn cmp(&self, o: &Self) -> Ordering {
        // Max gain first, then the lowest index.
        self.0.total_cmp(&o.0).then(o.1.cmp(&self.1))
    }
}
impl PartialOrd for Cand {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Lazy greedy (gains only shrink as sites open — coverage is submodular): opens sites of
/// largest marginal gain until `k` are open or nothing more can be gained.
pub(crate) fn greedy(r: &Reduced, st: &mut State, k: usize) {
    let mut heap: BinaryHeap<Cand> = (0..r.m())
        .filter(|&j| !st.open[j])
        .map(|j| Cand(st.gain[j], j))
        .collect();
    let mut open = st.open.iter().filter(|o| **o).count();
    while open < k {
        let Some(Cand(g, j)) = heap.pop() else { break };
        if (st.gain[j] - g).abs() > EPS {
            heap.push(Cand(st.gain[j], j));
            continue;
        }
        if g <= EPS {
            break; // everything coverable is covered
        }
        st.add(r, j);
        open += 1;
    }
}

/// 1-opt swap local search: for each open site in turn, close it and open the closed site of
/// largest gain if that beats reopening it; repeat until a full pass improves nothing.
pub(crate) fn local_search(r: &Reduced, st: &mut State) {
    let mut list = st.sites();
    loop {
        let mut improved = false;
        for slot in list.iter_mut() {
            let a = *slot;
            st.remove(r, a);
            let mut best = (st.gain[a], a);
            for j in 0..r.m() {
                if !st.open[j] && j != a && st.gain[j] > best.0 + EPS {
                    best = (st.gain[j], j);
                }
            }
            st.add(r, best.1);
            if best.1 != a {
                *slot = best.1;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// Variable neighbourhood search around `best`: shake by `q` random swaps (the entering site
/// covers a random uncovered point half of the time), local search, move on improvement;
/// stops after `stall` rounds without one or on reaching `target`.
pub(crate) fn vns(r: &Reduced, best: &mut State, rng: &mut Rng, stall: usize, target: f64) {
    local_search(r, best);
    let k = best.open.iter().filter(|o| **o).count();
    let q_max = k.min(r.m() - k).min(8);
    if q_max == 0 {
        return;
    }
    let mut idle = 0;
    while idle < stall && best.val < target - EPS {
        let mut improved = false;
        for q in 1..=q_max {
            let mut cur = best.clone();
            for _ in 0..q {
                let open = cur.sites();
                let a = open[rng.below(open.len())];
                let unc = cur.uncovered();
                let b = if !unc.is_empty() && rng.below(2) == 0 {
                    let i = unc[rng.below(unc.len())];
                    let s = r.sites_of(i);
                    s[rng.below(s.len())] as usize
                } else {
                    let closed: Vec<usize> = (0..r.m()).filter(|&j| !cur.open[j]).collect();
                    closed[rng.below(closed.len())]
                };
                if b == a || cur.open[b] {
                    continue;
                }
                cur.remove(r, a);
                cur.add(r, b);
            }
            local_search(r, &mut cur);
            if cur.val > best.val + EPS {
                *best = cur;
                improved = true;
                break;
            }
        }
        if improved {
            idle = 0;
        } else {
            idle += 1;
        }
    }
}

/// Branching restrictions of a node.
#[derive(Debug, Clone, Default)]
struct Node {
    forced_open: Vec<usize>,
    forced_closed: Vec<usize>,
    lambda: Vec<f64>,
}

/// Result of one subgradient run.
struct Dual {
    /// Best (smallest) Lagrangian bound found, unrounded.
    bound: f64,
    /// Sites chosen at the best multipliers and their reduced profits.
    y: Vec<usize>,
    profit: Vec<f64>,
    /// The multipliers at the best bound.
    lambda: Vec<f64>,
}

/// Subgradient optimisation of L(λ) = Σᵢ max(0, aᵢ − λᵢ) + Σ_{j∈Y(λ)} Σ_{i∈cov(j)} λᵢ, with Y
/// the forced-open sites plus the `k − |forced|` free sites of largest profit. Every λ gives a
/// valid upper bound on the node's coverage. `lb` is the incumbent (Polyak target); `primal`
/// receives each Y that improves the bound (it is a feasible site set).
fn subgradient(
    r: &Reduced,
    k: usize,
    node: &Node,
    iters: usize,
    theta0: f64,
    lb: impl Fn() -> f64,
    mut primal: impl FnMut(&[usize]),
) -> Option<Dual> {
    let (n, m) = (r.n(), r.m());
    let mut state = vec![0u8; m]; // 0 free, 1 forced open, 2 forced closed
    for &j in &node.forced_open {
        state[j] = 1;
    }
    for &j in &node.forced_closed {
        state[j] = 2;
    }
    let free: Vec<usize> = (0..m).filter(|&j| state[j] == 0).collect();
    let k_free = k.checked_sub(node.forced_open.len())?;
    if free.len() < k_free {
        return None;
    }
    let mut lambda = node.lambda.clone();
    let mut profit = vec![0.0; m];
    let mut g = vec![0.0; n];
    let mut best: Option<Dual> = None;
    let mut theta = theta0;
    let mut since = 0;
    let mut order = free.clone();
    for _ in 0..iters.max(1) {
        for (j, pj) in profit.iter_mut().enumerate() {
            *pj = r.demand_of(j).iter().map(|&i| lambda[i as usize]).sum();
        }
        // Y: forced sites + top k_free free sites by profit (ties: lower index).
        let mut y: Vec<usize> = node.forced_open.clone();
        if k_free > 0 {
            let cmp = |a: &usize, b: &usize| profit[*b].total_cmp(&profit[*a]).then(a.cmp(b));
            if k_free < order.len() {
                order.select_nth_unstable_by(k_free - 1, cmp);
            }
            y.extend_from_slice(&order[..k_free]);
        }
        let mut bound: f64 = y.iter().map(|&j| profit[j]).sum();
        for i in 0..n {
            let d = r.w[i] - lambda[i];
            if d > 0.0 {
                bound += d;
                g[i] = -1.0;
            } else {
                g[i] = 0.0;
            }
        }
        for &j in &y {
            for &i in r.demand_of(j) {
                g[i as usize] += 1.0;
            }
        }
        let improved = match &best {
            Some(d) => bound < d.bound - EPS,
            None => true,
        };
        if improved {
            primal(&y);
            best = Some(Dual {
                bound,
                y: y.clone(),
                profit: profit.clone(),
                lambda: lambda.clone(),
            });
            since = 0;
        } else {
            since += 1;
            if since >= 15 {
                theta /= 2.0;
                since = 0;
            }
        }
        let target = lb();
        let b = best.as_ref().map_or(bound, |d| d.bound);
        if r.floor_bound(b) <= target + EPS || theta < 1e-5 {
            break;
        }
        let norm: f64 = g.iter().map(|x| x * x).sum();
        if norm == 0.0 {
            break;
        }
        let step = theta * (bound - target).max(1e-3 * bound.abs().max(1.0)) / norm;
        for i in 0..n {
            lambda[i] = (lambda[i] - step * g[i]).clamp(0.0, r.w[i]);
        }
    }
    best
}

/// Outcome of the reduced MCLP search.
pub(crate) struct Search {
    pub(crate) best: State,
    /// Proven upper bound on the reduced covered weight (rounded when integral).
    pub(crate) bound: f64,
    pub(crate) nodes: usize,
}

/// Best `k`-site cover of the reduced problem: greedy + VNS, Lagrangian bound, then branch and
/// bound while a gap remains. `start` seeds the search (completed greedily to `k` sites).
pub(crate) fn search(
    r: &Reduced,
    k: usize,
    start: Option<&[usize]>,
    opts: &CoverOptions,
) -> Search {
    let total = r.total();
    let mut best = match start {
        Some(s) => State::with(r, s),
        None => State::empty(r),
    };
    greedy(r, &mut best, k);
    let mut rng = Rng::new(opts.seed);
    if k >= r.m() {
        return Search {
            bound: r.floor_bound(best.val),
            best,
            nodes: 0,
        };
    }
    local_search(r, &mut best);
    if best.val >= total - EPS {
        return Search {
            bound: best.val,
            best,
            nodes: 0,
        };
    }
    // Root bound; every Lagrangian site set is also tried as a primal solution.
    let root = Node {
        lambda: r.w.iter().map(|w| w / 2.0).collect(),
        ..Node::default()
    };
    let cell = std::cell::RefCell::new(best);
    let dual = subgradient(
        r,
        k,
        &root,
        opts.subgradient_iterations,
        2.0,
        || cell.borrow().val,
        |y: &[usize]| try_primal(r, &cell, y),
    );
    let mut best = cell.into_inner();
    let root_bound = dual
        .as_ref()
        .map_or(total, |d| r.floor_bound(d.bound))
        .min(r.floor_bound(total));
    // If even a full cover is within the bound, the set-covering bound may show that k sites
    // cannot cover everything: then at least the lightest demand point stays uncovered.
    let mut root_bound = root_bound;
    if root_bound >= total - EPS
        && super::lscp::set_cover_bound(r, (k + 1) as f64, opts.subgradient_iterations) > k as f64
    {
        let lightest = r.w.iter().copied().fold(f64::INFINITY, f64::min);
        root_bound = r.floor_bound(total - lightest);
    }
    vns(r, &mut best, &mut rng, opts.vns_stall, root_bound);
    if root_bound <= best.val + EPS || opts.node_limit == 0 {
        return Search {
            bound: root_bound.max(best.val),
            best,
            nodes: 0,
        };
    }
    // Depth-first branch and bound on the site variables.
    let mut stack = vec![(
        Node {
            lambda: dual.as_ref().map(|d| d.lambda.clone()).unwrap_or_default(),
            ..Node::default()
        },
        dual,
    )];
    let mut nodes = 0;
    // Children start from their parent's multipliers.
    let node_iters = (opts.subgradient_iterations / 4).max(30);
    while best.val < total - EPS && nodes < opts.node_limit {
        let Some((node, parent)) = stack.pop() else {
            break;
        };
        nodes += 1;
        let dual = match parent {
            Some(d) => Some(d),
            None => {
                let cell = std::cell::RefCell::new(best);
                let d = subgradient(
                    r,
                    k,
                    &node,
                    node_iters,
                    2.0,
                    || cell.borrow().val,
                    |y: &[usize]| try_primal(r, &cell, y),
                );
                best = cell.into_inner();
                d
            }
        };
        let Some(dual) = dual else { continue };
        if r.floor_bound(dual.bound) <= best.val + EPS {
            continue;
        }
        // Lagrangian variable fixing with the node's best multipliers: forcing a free unchosen
        // site j open changes the bound by c_j − (weakest chosen profit); forcing a free chosen
        // site closed by (strongest unchosen profit) − c_j. Where that bound cannot beat the
        // incumbent, the opposite decision holds in the whole subtree.
        let mut node = node;
        let mut forced = vec![false; r.m()];
        for &j in node.forced_open.iter().chain(&node.forced_closed) {
            forced[j] = true;
        }
        let mut chosen = vec![false; r.m()];
        for &j in &dual.y {
            chosen[j] = true;
        }
        let weakest_in = dual
            .y
            .iter()
            .filter(|&&j| !forced[j])
            .map(|&j| dual.profit[j])
            .fold(f64::INFINITY, f64::min);
        let strongest_out = (0..r.m())
            .filter(|&j| !forced[j] && !chosen[j])
            .map(|j| dual.profit[j])
            .fold(f64::NEG_INFINITY, f64::max);
        for j in 0..r.m() {
            if forced[j] {
                continue;
            }
            if chosen[j] {
                if strongest_out.is_finite()
                    && r.floor_bound(dual.bound - dual.profit[j] + strongest_out) <= best.val + EPS
                {
                    node.forced_open.push(j);
                    forced[j] = true;
                }
            } else if weakest_in.is_finite()
                && r.floor_bound(dual.bound - weakest_in + dual.profit[j]) <= best.val + EPS
            {
                node.forced_closed.push(j);
                forced[j] = true;
            }
        }
        let free_left = (0..r.m()).filter(|&j| !forced[j]).count();
        let need = k.saturating_sub(node.forced_open.len());
        if node.forced_open.len() > k || free_left < need {
            continue;
        }
        if need == 0 || free_left == need {
            // A single completion remains: evaluate it.
            let mut y = node.forced_open.clone();
            if need > 0 {
                y.extend((0..r.m()).filter(|&j| !forced[j]));
            }
            let cell = std::cell::RefCell::new(best);
            try_primal(r, &cell, &y);
            best = cell.into_inner();
            continue;
        }
        // Branch on the free chosen site of largest reduced profit.
        let pick = dual
            .y
            .iter()
            .copied()
            .filter(|&j| !forced[j])
            .max_by(|a, b| dual.profit[*a].total_cmp(&dual.profit[*b]).then(b.cmp(a)));
        let Some(j) = pick else {
            continue;
        };
        let mut closed = node.clone();
        closed.forced_closed.push(j);
        closed.lambda = dual.lambda.clone();
        let mut opened = node;
        opened.forced_open.push(j);
        opened.lambda = dual.lambda;
        stack.push((closed, None));
        stack.push((opened, None));
    }
    // Exhausted tree (or everything covered): the incumbent is optimal.
    let bound = if stack.is_empty() || best.val >= total - EPS {
        best.val
    } else {
        root_bound
    };
    Search {
        bound: bound.max(best.val),
        best,
        nodes,
    }
}

/// Evaluates a site set; if it beats the incumbent, improves it by local search and keeps it.
fn try_primal(r: &Reduced, cell: &std::cell::RefCell<State>, y: &[usize]) {
    let mut s = State::with(r, y);
    if s.val > cell.borrow().val + EPS {
        local_search(r, &mut s);
        *cell.borrow_mut() = s;
    }
}

/// Maximal covering with `p` sites (fixed sites included in `p`).
pub fn solve_mclp(
    inst: &CoverInstance,
    p: usize,
    opts: &CoverOptions,
) -> Result<CoverSolution, CoverError> {
    let fixed = inst.fixed.len();
    if p < fixed {
        return Err(CoverError::TooFewSites { p, fixed });
    }
    let available = inst.allowed.iter().filter(|a| **a).count();
    if p > available {
        return Err(CoverError::TooManySites { p, available });
    }
    let r = inst.reduce(false);
    let k = (p - fixed).min(r.m());
    let s = search(&r, k, None, opts);
    let mut sites: Vec<usize> = inst.fixed.clone();
    sites.extend(s.best.sites().into_iter().map(|j| r.sites[j]));
    pad(inst, &mut sites, p);
    let covered = inst.covered_weight(&sites);
    let bound = (r.base + s.bound).max(covered);
    let gap = if bound > 0.0 {
        ((bound - covered) / bound).max(0.0)
    } else {
        0.0
    };
    Ok(CoverSolution {
        model: CoverModel::Mclp,
        sites,
        objective: covered,
        bound,
        gap,
        optimal: bound - covered <= 1e-9 * bound.max(1.0),
        covered,
        total: inst.total_weight(),
        coverable: inst.coverable_weight(),
        nodes: s.nodes,
    })
}

/// Fills up to `p` sites with the lowest-numbered allowed sites not yet open (they add no
/// coverage; needed only when fewer useful sites than p exist), and sorts. Also used by the
/// exact solver in `junheng-milp`, whose reduced model may open fewer than p.
pub fn pad(inst: &CoverInstance, sites: &mut Vec<usize>, p: usize) {
    let mut open = vec![false; inst.n_sites];
    for &s in sites.iter() {
        open[s] = true;
    }
    for (j, o) in open.iter_mut().enumerate() {
        if sites.len() >= p {
            break;
        }
        if inst.allowed[j] && !*o {
            sites.push(j);
            *o = true;
        }
    }
    sites.sort_unstable();
}

//! Covering location models on a coverage relation "site j covers demand i iff dᵢⱼ ≤ S"
//! (inclusive, as spopt, PySAL access and the CBC optima in `benchmarks/mclp/optimal.tsv` use).
//!
//! * [`solve_mclp`] — maximal covering location problem (Church & ReVelle 1974):
//!   max Σᵢ aᵢxᵢ s.t. xᵢ ≤ Σ_{j∈Nᵢ} yⱼ, Σⱼ yⱼ = p, x, y ∈ {0,1}.
//!   Lazy greedy → 1-opt swap local search → variable neighbourhood search (Hansen & Mladenović
//!   1997; deterministic for a seed). Upper bound: Lagrangian relaxation of the coverage
//!   constraints xᵢ ≤ Σ_{j∈Nᵢ} yⱼ with multipliers 0 ≤ λᵢ ≤ aᵢ (Galvão & ReVelle 1996):
//!   L(λ) = Σᵢ max(0, aᵢ − λᵢ) + (sum of the p largest Σ_{i: j∈Nᵢ} λᵢ), a valid bound for every λ,
//!   minimised by subgradient optimisation (Held, Wolfe & Crowder 1974, Polyak steps). When the
//!   bound allows covering everything but the set-covering bound below shows p sites cannot,
//!   it drops to total − (lightest demand). When the root bound leaves a gap, a depth-first
//!   branch and bound on the yⱼ with the same bound at every node (warm-started multipliers,
//!   Lagrangian variable fixing by reduced profits) closes it within a node limit; an
//!   unfinished search keeps the root bound, so `bound` is always valid.
//!
//! Before solving, demand covered by fixed sites is set aside, points with identical covering
//! sets are merged, and dominated sites (covering a subset of another allowed site's demand)
//! are dropped — none of this changes the optimum.
//! * [`solve_lscp`] — location set covering (Toregas et al. 1971): fewest sites covering every
//!   coverable demand point. Greedy (Chvátal 1979) → redundancy elimination → improvement by
//!   asking the MCLP search for a full cover with one site fewer, repeatedly. Lower bound:
//!   ⌈Lagrangian dual of the set-covering LP⌉ (Beasley 1990):
//!   max_{u≥0} Σᵢ uᵢ + Σⱼ min(0, 1 − Σ_{i∈cov(j)} uᵢ); and when that leaves a gap, the MCLP branch
//!   and bound with p = best − 1 proving that no such cover exists.
//!
//! Both models honour fixed (must-stay) sites, which are always open and count towards p, and a
//! candidate restriction. Demand points no allowed site covers are "uncoverable": they stay out
//! of the LSCP requirement and can never count in the MCLP objective.
//!
//! Every answer carries `objective`, `bound` and `gap`; `optimal` is set when the bound meets the
//! objective (bounds on integral demand are rounded to integers first).
//!
//! Where a gap remains, the hosts hand [`CoverInstance::free_part`] to `junheng-milp`, which
//! solves it exactly with HiGHS (kept out of this crate: it is C++ built by CMake).

mod lscp;
mod mclp;

pub use lscp::solve_lscp;
pub use mclp::{pad, solve_mclp};

use serde::Serialize;

use crate::access::{CostMatrix, Metric};

/// Why a covering problem cannot be solved as asked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CoverError {
    #[error("there are {demand} demand points but {weights} weights")]
    Weights { demand: usize, weights: usize },
    #[error("demand weight {0} is not a finite non-negative number")]
    Weight(f64),
    #[error("the candidate mask has {got} entries for {sites} sites")]
    Candidates { got: usize, sites: usize },
    #[error("fixed site {0} does not exist")]
    Fixed(usize),
    #[error("p = {p} is smaller than the {fixed} fixed sites")]
    TooFewSites { p: usize, fixed: usize },
    #[error("p = {p} exceeds the {available} sites that may open")]
    TooManySites { p: usize, available: usize },
    #[error("the radius must be a non-negative number, got {0}")]
    Radius(f64),
}

/// A covering instance: demand weights, the coverage relation restricted to sites that may open,
/// and the fixed sites.
#[derive(Debug, Clone)]
pub struct CoverInstance {
    weight: Vec<f64>,
    n_sites: usize,
    /// Demand i → allowed sites covering it (CSR).
    d_start: Vec<usize>,
    d_sites: Vec<u32>,
    /// Sites that may open (candidates, fixed ones included).
    allowed: Vec<bool>,
    fixed: Vec<usize>,
}

impl CoverInstance {
    /// From a demand × site cost matrix: covered iff cost ≤ `radius`. `candidate = None` lets
    /// every site open; fixed sites are open in every answer (and may open even if the mask
    /// excludes them).
    pub fn new(
        costs: &CostMatrix,
        radius: f64,
        weight: Vec<f64>,
        candidate: Option<&[bool]>,
        fixed: &[usize],
    ) -> Result<CoverInstance, CoverError> {
        if radius.is_nan() || radius < 0.0 {
            return Err(CoverError::Radius(radius));
        }
        if weight.len() != costs.n_origins() {
            return Err(CoverError::Weights {
                demand: costs.n_origins(),
                weights: weight.len(),
            });
        }
        if let Some(w) = weight.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
            return Err(CoverError::Weight(*w));
        }
        let m = costs.n_dests();
        let mut allowed = match candidate {
            Some(c) if c.len() != m => {
                return Err(CoverError::Candidates {
                    got: c.len(),
                    sites: m,
                })
            }
            Some(c) => c.to_vec(),
            None => vec![true; m],
        };
        let mut fixed = fixed.to_vec();
        fixed.sort_unstable();
        fixed.dedup();
        for &f in &fixed {
            if f >= m {
                return Err(CoverError::Fixed(f));
            }
            allowed[f] = true;
        }
        let mut d_start = vec![0];
        let mut d_sites = Vec::new();
        for i in 0..costs.n_origins() {
            d_sites.extend(
                costs
                    .row(i)
                    .filter(|&(j, c)| c <= radius && allowed[j])
                    .map(|(j, _)| j as u32),
            );
            d_start.push(d_sites.len());
        }
        Ok(CoverInstance {
            weight,
            n_sites: m,
            d_start,
            d_sites,
            allowed,
            fixed,
        })
    }

    /// Points that are both demand and candidate sites (I = J), covered within `radius` under
    /// `metric` — the classic MCLP test setting.
    pub fn from_points(
        points: &[[f64; 2]],
        weight: Vec<f64>,
        metric: Metric,
        radius: f64,
        candidate: Option<&[bool]>,
        fixed: &[usize],
    ) -> Result<CoverInstance, CoverError> {
        if radius.is_nan() || radius < 0.0 {
            return Err(CoverError::Radius(radius));
        }
        let costs = CostMatrix::within(points, points, metric, radius);
        Self::new(&costs, radius, weight, candidate, fixed)
    }

    pub fn n_demand(&self) -> usize {
        self.weight.len()
    }

    pub fn n_sites(&self) -> usize {
        self.n_sites
    }

    /// Σ of all demand weights.
    pub fn total_weight(&self) -> f64 {
        self.weight.iter().sum()
    }

    /// Σ of the weights of demand points some allowed site covers.
    pub fn coverable_weight(&self) -> f64 {
        (0..self.n_demand())
            .filter(|&i| self.d_start[i + 1] > self.d_start[i])
            .map(|i| self.weight[i])
            .sum()
    }

    fn covering(&self, i: usize) -> &[u32] {
        &self.d_sites[self.d_start[i]..self.d_start[i + 1]]
    }

    /// The allowed sites that cover demand point `i` (what an external exact model needs).
    pub fn sites_covering(&self, i: usize) -> &[u32] {
        self.covering(i)
    }

    /// Weight of demand point `i`.
    pub fn weight_of(&self, i: usize) -> f64 {
        self.weight[i]
    }

    /// Whether site `j` may open (a candidate or a fixed site).
    pub fn may_open(&self, j: usize) -> bool {
        self.allowed[j]
    }

    /// Sites open in every answer, ascending.
    pub fn fixed_sites(&self) -> &[usize] {
        &self.fixed
    }

    /// Demand weight covered by `sites`.
    pub fn covered_weight(&self, sites: &[usize]) -> f64 {
        let mut open = vec![false; self.n_sites];
        for &s in sites {
            open[s] = true;
        }
        (0..self.n_demand())
            .filter(|&i| self.covering(i).iter().any(|&j| open[j as usize]))
            .map(|i| self.weight[i])
            .sum()
    }

    /// The reduced problem for an exact solver outside the engine (see [`FreePart`]).
    pub fn free_part(&self) -> FreePart {
        let r = self.reduce(false);
        FreePart {
            rows: (0..r.n())
                .map(|i| (r.w[i], r.sites_of(i).to_vec()))
                .collect(),
            sites: r.sites,
            covered_by_fixed: r.base,
        }
    }

    /// The free part of the problem: demand not covered by fixed sites but coverable, with
    /// identical covering sets merged (weights summed), over the allowed non-fixed sites that
    /// cover something and are not dominated by another such site.
    fn reduce(&self, unit_weights: bool) -> Reduced {
        let mut is_fixed = vec![false; self.n_sites];
        for &f in &self.fixed {
            is_fixed[f] = true;
        }
        let mut base = 0.0;
        let mut rows: Vec<(Vec<u32>, f64)> = Vec::new();
        for i in 0..self.n_demand() {
            let cov = self.covering(i);
            if cov.is_empty() {
                continue;
            }
            if cov.iter().any(|&j| is_fixed[j as usize]) {
                base += self.weight[i];
                continue;
            }
            rows.push((cov.to_vec(), self.weight[i]));
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let mut merged: Vec<(Vec<u32>, f64)> = Vec::new();
        for (cov, w) in rows {
            match merged.last_mut() {
                Some(last) if last.0 == cov => last.1 += w,
                _ => merged.push((cov, w)),
            }
        }
        // Rows covered by each site.
        let mut rows_of: Vec<Vec<u32>> = vec![Vec::new(); self.n_sites];
        for (r, (cov, _)) in merged.iter().enumerate() {
            for &j in cov {
                rows_of[j as usize].push(r as u32);
            }
        }
        // Dominance: a site whose covered rows are a subset of another site's (ties: the lower
        // index survives) is never needed — swapping it for the dominating site loses nothing.
        let dominated = |j: usize| -> bool {
            let rows = &rows_of[j];
            let Some(&r0) = rows.iter().min_by_key(|&&r| merged[r as usize].0.len()) else {
                return true;
            };
            merged[r0 as usize].0.iter().any(|&o| {
                let o = o as usize;
                o != j
                    && (rows_of[o].len() > rows.len() || (rows_of[o].len() == rows.len() && o < j))
                    && rows
                        .iter()
                        .all(|&r| merged[r as usize].0.binary_search(&(o as u32)).is_ok())
            })
        };
        let keep: Vec<bool> = (0..self.n_sites).map(|j| !dominated(j)).collect();
        // Local site numbering: the kept sites.
        let mut local = vec![u32::MAX; self.n_sites];
        let mut sites = Vec::new();
        for j in 0..self.n_sites {
            if keep[j] {
                local[j] = sites.len() as u32;
                sites.push(j);
            }
        }
        for (cov, _) in merged.iter_mut() {
            cov.retain(|&j| keep[j as usize]);
        }
        let mut d_start = vec![0];
        let mut d_sites = Vec::new();
        let mut w = Vec::with_capacity(merged.len());
        for (cov, wt) in &merged {
            d_sites.extend(cov.iter().map(|&j| local[j as usize]));
            d_start.push(d_sites.len());
            w.push(if unit_weights { 1.0 } else { *wt });
        }
        let ns = sites.len();
        let mut s_start = vec![0usize; ns + 1];
        for &j in &d_sites {
            s_start[j as usize + 1] += 1;
        }
        for j in 0..ns {
            s_start[j + 1] += s_start[j];
        }
        let mut fill = s_start.clone();
        let mut s_dem = vec![0u32; d_sites.len()];
        for i in 0..w.len() {
            for &j in &d_sites[d_start[i]..d_start[i + 1]] {
                s_dem[fill[j as usize]] = i as u32;
                fill[j as usize] += 1;
            }
        }
        let integral = w.iter().all(|x: &f64| x.fract() == 0.0);
        Reduced {
            w,
            d_start,
            d_sites,
            s_start,
            s_dem,
            sites,
            base,
            integral,
        }
    }
}

/// What is left to decide once the fixed sites are open: demand rows not covered by them (rows
/// with the same covering sites merged, weights summed) over the non-fixed sites that are not
/// dominated by another. Any optimum of this part plus the fixed sites is an optimum of the
/// instance, for MCLP and LSCP alike.
#[derive(Debug, Clone, PartialEq)]
pub struct FreePart {
    /// Local site → original site index.
    pub sites: Vec<usize>,
    /// (weight, local sites covering the row).
    pub rows: Vec<(f64, Vec<u32>)>,
    /// Demand weight the fixed sites already cover.
    pub covered_by_fixed: f64,
}

/// The free sub-problem (see [`CoverInstance::reduce`]); indices are local.
#[derive(Debug, Clone)]
pub(crate) struct Reduced {
    w: Vec<f64>,
    d_start: Vec<usize>,
    d_sites: Vec<u32>,
    s_start: Vec<usize>,
    s_dem: Vec<u32>,
    /// Local site → original site.
    sites: Vec<usize>,
    /// Weight already covered by the fixed sites.
    base: f64,
    /// All (merged) weights are whole numbers, so bounds may be rounded down.
    integral: bool,
}

impl Reduced {
    fn n(&self) -> usize {
        self.w.len()
    }
    fn m(&self) -> usize {
        self.sites.len()
    }
    fn sites_of(&self, i: usize) -> &[u32] {
        &self.d_sites[self.d_start[i]..self.d_start[i + 1]]
    }
    fn demand_of(&self, j: usize) -> &[u32] {
        &self.s_dem[self.s_start[j]..self.s_start[j + 1]]
    }
    fn total(&self) -> f64 {
        self.w.iter().sum()
    }
    /// A bound rounded down when the weights are whole numbers.
    fn floor_bound(&self, b: f64) -> f64 {
        if self.integral {
            (b + 1e-7).floor()
        } else {
            b
        }
    }
}

/// Which covering model an answer solves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum CoverModel {
    Mclp,
    Lscp,
}

/// A covering answer. Sites are original site indices, ascending, fixed ones included.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct CoverSolution {
    pub model: CoverModel,
    pub sites: Vec<usize>,
    /// MCLP: covered demand weight; LSCP: number of sites.
    pub objective: f64,
    /// MCLP: a proven upper bound on the covered weight; LSCP: a proven lower bound on the
    /// number of sites.
    pub bound: f64,
    /// MCLP: (bound − objective)/bound; LSCP: (objective − bound)/objective; 0 when the
    /// denominator is 0.
    pub gap: f64,
    /// The bound meets the objective.
    pub optimal: bool,
    /// Demand weight covered by `sites`.
    pub covered: f64,
    /// Σ of all demand weights.
    pub total: f64,
    /// Σ of the weights some allowed site covers.
    pub coverable: f64,
    /// Branch-and-bound nodes explored (0 when the root bound sufficed).
    pub nodes: usize,
}

/// Search controls; everything is deterministic for a given seed.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverOptions {
    /// Seed of the SplitMix64 generator driving the VNS shakes.
    pub seed: u64,
    /// VNS rounds without improvement before stopping.
    pub vns_stall: usize,
    /// Subgradient iterations at the root (nodes use a quarter of it).
    pub subgradient_iterations: usize,
    /// Branch-and-bound node limit (0 disables the exact phase).
    pub node_limit: usize,
}

impl Default for CoverOptions {
    fn default() -> Self {
        CoverOptions {
            seed: 1,
            vns_stall: 30,
            subgradient_iterations: 600,
            node_limit: 100_000,
        }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x2545_F491_4F6C_DD1D)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }
}

//! Location–allocation: choose facility sites from a dense client × candidate cost matrix.
//!
//! * [`problem`] — the instance ([`Problem`]): costs, client weights and demands, fixed costs,
//!   capacities, must-open and forbidden sites, `p` and/or a budget.
//! * [`graph`] — all-pairs shortest paths (n × Dijkstra) for network instances such as
//!   OR-Library `pmed` (duplicate edges: the last listed wins).
//! * [`pmedian`] — p-median (Hakimi 1964; ReVelle & Swain 1970): greedy + Whitaker's (1983) fast
//!   interchange inside a variable neighbourhood search (Hansen & Mladenović 1997), with a lower
//!   bound by Lagrangian relaxation of the assignment constraints and subgradient optimisation
//!   (Beasley 1993). Budgeted variant (site fixed costs, p unknown) with a Lagrangian bound on
//!   the budget as well.
//! * [`pcenter`] — vertex p-center: binary search over the distinct distances with a set-cover
//!   decision (Minieka 1970; Daskin 2000), Lagrangian set-cover bounds (Beasley 1990) and an
//!   exact branch and bound for the decision.
//! * [`capacitated`] — capacitated p-median with single sourcing: Lagrangian relaxation of the
//!   assignment constraints with 0-1 knapsack subproblems (Mulvey & Beck 1984; Lorena & Senne
//!   2003/2004 style Lagrangian heuristic) plus shift/swap local search and median relocation.
//! * [`brute`] — exhaustive enumeration for small instances (tests).
//!
//! Everything is deterministic for a given seed unless a time limit or the cancellation flag
//! stops a search early.

pub mod brute;
pub mod capacitated;
pub mod cover;
pub mod graph;
pub mod pcenter;
pub mod pmedian;
pub mod problem;

pub use problem::{LocateError, Problem};

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

/// A located solution. Site and client indices are 0-based column/row indices of the cost matrix.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Solution {
    /// Open sites, ascending.
    pub sites: Vec<usize>,
    /// For every client, the site serving it.
    pub assignment: Vec<usize>,
    /// Objective value (p-median: Σ weight·cost; p-center: the radius).
    pub objective: f64,
    /// A proven lower bound on the optimum.
    pub lower_bound: f64,
    /// Proven relative gap (objective − lower_bound) / objective (0 when objective is 0).
    pub gap: f64,
    /// True when the lower bound reaches the objective.
    pub proven_optimal: bool,
    /// Main-loop iterations performed (VNS / subgradient / bisection steps).
    pub iterations: usize,
    pub seconds: f64,
}

/// Progress report passed to [`SolveOptions::progress`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub phase: &'static str,
    pub iteration: usize,
    pub objective: f64,
    pub lower_bound: f64,
}

/// Search controls shared by the solvers.
pub struct SolveOptions<'a> {
    /// Wall-clock limit (`None` = stop on the iteration limits only, which is deterministic).
    pub time_limit: Option<Duration>,
    /// Seed of the pseudo-random generator (SplitMix64).
    pub seed: u64,
    /// Metaheuristic iterations without improvement before stopping (0 = automatic).
    pub max_stall: usize,
    /// Set to `true` from another thread to stop early with the best answer so far.
    pub cancel: Option<&'a AtomicBool>,
    /// Called after improvements and at phase changes.
    pub progress: Option<&'a mut dyn FnMut(&Progress)>,
}

impl Default for SolveOptions<'_> {
    fn default() -> Self {
        SolveOptions {
            time_limit: None,
            seed: 1,
            max_stall: 0,
            cancel: None,
            progress: None,
        }
    }
}

/// Stop conditions and progress plumbing.
pub(crate) struct Control<'a, 'b> {
    start: Instant,
    deadline: Option<Instant>,
    opts: &'a mut SolveOptions<'b>,
}

impl<'a, 'b> Control<'a, 'b> {
    pub(crate) fn new(opts: &'a mut SolveOptions<'b>) -> Self {
        let start = Instant::now();
        Control {
            start,
            deadline: opts.time_limit.map(|t| start + t),
            opts,
        }
    }
    pub(crate) fn seed(&self) -> u64 {
        self.opts.seed
    }
    pub(crate) fn max_stall(&self) -> usize {
        self.opts.max_stall
    }
    pub(crate) fn stop(&self) -> bool {
        self.opts.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
            || self.deadline.is_some_and(|d| Instant::now() >= d)
    }
    pub(crate) fn elapsed(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }
    pub(crate) fn report(&mut self, phase: &'static str, iteration: usize, obj: f64, lb: f64) {
        if let Some(p) = self.opts.progress.as_mut() {
            p(&Progress {
                phase,
                iteration,
                objective: obj,
                lower_bound: lb,
            });
        }
    }
}

/// Relative gap (obj − lb) / obj, clamped at 0.
pub fn gap(objective: f64, lower_bound: f64) -> f64 {
    if objective.abs() < 1e-12 || !objective.is_finite() {
        return 0.0;
    }
    ((objective - lower_bound) / objective.abs()).max(0.0)
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, reproducible across platforms.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }
}

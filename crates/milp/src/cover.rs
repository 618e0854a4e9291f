//! MCLP and LSCP as MILPs, run only where the heuristic answer is not yet proven.
//!
//! MCLP (Church & ReVelle 1974): max Σᵢ aᵢyᵢ s.t. yᵢ ≤ Σ_{j∈Nᵢ} xⱼ, Σⱼ xⱼ = p, xⱼ ∈ {0,1},
//! 0 ≤ yᵢ ≤ 1 (yᵢ need not be integer: at an optimum it is 1 exactly when i is covered).
//! LSCP (Toregas et al. 1971): min Σⱼ xⱼ s.t. Σ_{j∈Nᵢ} xⱼ ≥ 1 for every coverable i.
//! Fixed sites have xⱼ = 1; sites that may not open have no column.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use highs::{HighsModelStatus, RowProblem, Sense};
use junheng_core::locate::cover::{
    pad, solve_lscp, solve_mclp, CoverError, CoverInstance, CoverOptions, CoverSolution, FreePart,
};
use serde::Serialize;

/// Limits of the MILP phase.
#[derive(Debug, Clone, PartialEq)]
pub struct ExactOptions {
    /// Wall-clock limit of the HiGHS run, seconds; on expiry the best bound so far is kept.
    pub time_limit_s: f64,
    /// 0 skips the MILP phase (the heuristic answer and its bound are returned as they are).
    pub max_columns: usize,
}

impl Default for ExactOptions {
    fn default() -> Self {
        ExactOptions {
            time_limit_s: 60.0,
            max_columns: 200_000,
        }
    }
}

/// What proved the answer's bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Proof {
    /// The Lagrangian bound or the branch and bound of `junheng-core`.
    Lagrangian,
    /// HiGHS closed the gap the heuristic left.
    Milp,
    /// Neither closed it within the limits; `bound` is the best proven so far.
    Open,
}

/// An answer with how it was proven.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proven {
    pub solution: CoverSolution,
    pub proof: Proof,
    /// Seconds spent in HiGHS (0 when it was not needed).
    pub milp_seconds: f64,
}

/// Outcome of one HiGHS run.
struct Milp {
    sites: Vec<usize>,
    /// Proven bound in the model's sense (upper for max, lower for min).
    bound: f64,
}

/// Maximal covering with `p` sites: the `junheng-core` heuristic and bound first, then — if a
/// gap remains — the MILP warm-started with the heuristic's sites.
pub fn mclp(
    inst: &CoverInstance,
    p: usize,
    opts: &CoverOptions,
    exact: &ExactOptions,
) -> Result<Proven, CoverError> {
    mclp_cancellable(inst, p, opts, exact, None)
}

/// [`mclp`] that HiGHS leaves as soon as `cancel` is set (its interrupt callback); the answer
/// is then the best known when it stopped, with its gap open. The caller decides whether a
/// cancelled run's answer is used at all.
pub fn mclp_cancellable(
    inst: &CoverInstance,
    p: usize,
    opts: &CoverOptions,
    exact: &ExactOptions,
    cancel: Option<&AtomicBool>,
) -> Result<Proven, CoverError> {
    let heur = solve_mclp(inst, p, opts)?;
    if heur.optimal || exact.max_columns == 0 || cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
        return Ok(engine_only(heur));
    }
    let t = Instant::now();
    let Some(m) = run_mclp(inst, p, &heur.sites, exact, cancel) else {
        return Ok(proven(heur, Proof::Open, t.elapsed().as_secs_f64()));
    };
    let seconds = t.elapsed().as_secs_f64();
    // A timed-out run may report a point that is not a p-site answer: only a valid one counts.
    let covered = if m.sites.len() == p {
        inst.covered_weight(&m.sites)
    } else {
        f64::NEG_INFINITY
    };
    let (sites, covered) = if covered > heur.covered {
        (m.sites, covered)
    } else {
        (heur.sites.clone(), heur.covered)
    };
    let bound = round_bound(inst, m.bound.min(heur.bound), f64::floor).max(covered);
    let optimal = bound - covered <= 1e-9 * bound.max(1.0);
    let bound = if optimal { covered } else { bound };
    let solution = CoverSolution {
        sites,
        objective: covered,
        covered,
        bound,
        gap: if bound > 0.0 {
            ((bound - covered) / bound).max(0.0)
        } else {
            0.0
        },
        optimal,
        ..heur
    };
    let proof = if optimal { Proof::Milp } else { Proof::Open };
    Ok(proven(solution, proof, seconds))
}

/// Fewest sites covering every coverable demand point: the `junheng-core` answer first, then
/// the MILP when its lower bound is below the number of sites.
pub fn lscp(inst: &CoverInstance, opts: &CoverOptions, exact: &ExactOptions) -> Proven {
    let heur = solve_lscp(inst, opts);
    if heur.optimal || exact.max_columns == 0 {
        return engine_only(heur);
    }
    let t = Instant::now();
    let Some(m) = run_lscp(inst, &heur.sites, exact) else {
        return proven(heur, Proof::Open, t.elapsed().as_secs_f64());
    };
    let seconds = t.elapsed().as_secs_f64();
    let full = inst.covered_weight(&m.sites) >= heur.covered;
    let sites = if full && m.sites.len() < heur.sites.len() {
        m.sites
    } else {
        heur.sites.clone()
    };
    let objective = sites.len() as f64;
    // Site counts are integers: a fractional lower bound rounds up.
    let bound = (m.bound - 1e-6).ceil().max(heur.bound).min(objective);
    let optimal = bound >= objective;
    let bound = if optimal { objective } else { bound };
    let solution = CoverSolution {
        covered: inst.covered_weight(&sites),
        sites,
        objective,
        bound,
        gap: if objective > 0.0 {
            (objective - bound) / objective
        } else {
            0.0
        },
        optimal,
        ..heur
    };
    let proof = if optimal { Proof::Milp } else { Proof::Open };
    proven(solution, proof, seconds)
}

/// The engine's answer as it stands (proven by its own bound, or left open).
fn engine_only(solution: CoverSolution) -> Proven {
    let proof = if solution.optimal {
        Proof::Lagrangian
    } else {
        Proof::Open
    };
    proven(solution, proof, 0.0)
}

fn proven(solution: CoverSolution, proof: Proof, milp_seconds: f64) -> Proven {
    Proven {
        solution,
        proof,
        milp_seconds,
    }
}

/// With integral demand weights the covered weight is an integer, so an upper bound may be
/// rounded down (the small tolerance absorbs the solver's feasibility slack).
fn round_bound(inst: &CoverInstance, b: f64, round: fn(f64) -> f64) -> f64 {
    let integral = (0..inst.n_demand()).all(|i| inst.weight_of(i).fract() == 0.0);
    if integral {
        round(b + 1e-6)
    } else {
        b
    }
}

pub(crate) fn configure(model: &mut highs::Model, exact: &ExactOptions) {
    model.make_quiet();
    // One thread: answers stay deterministic and the other core stays free for the UI.
    model.set_option("threads", 1);
    model.set_option("random_seed", 1);
    model.set_option("time_limit", exact.time_limit_s.max(0.01));
    model.set_option("mip_rel_gap", 0.0);
    // The model arrives reduced (merged rows, dominated sites gone); HiGHS's own presolve finds
    // little more and on dense coverage (radius 1200 on SJC818) costs ten times the solve.
    model.set_option("presolve", "off");
}

/// Makes HiGHS stop at its next interrupt check (simplex, IPM and MIP loops) once `flag` is
/// set. `flag` must outlive the solve: the callback keeps a raw pointer to it.
pub(crate) fn interrupt_on(model: &mut highs::Model, flag: &AtomicBool) {
    unsafe extern "C" fn on_check(
        _kind: std::os::raw::c_int,
        _message: *const std::os::raw::c_char,
        _out: *const highs_sys::HighsCallbackDataOut,
        data_in: *mut highs_sys::HighsCallbackDataIn,
        user: *mut std::ffi::c_void,
    ) {
        // SAFETY: `user` is the `&AtomicBool` given below, alive for the solve; HiGHS passes a
        // valid `data_in` to interrupt callbacks (null for the others).
        let flag = unsafe { &*(user as *const AtomicBool) };
        if !data_in.is_null() && flag.load(Ordering::Relaxed) {
            unsafe { (*data_in).user_interrupt = 1 };
        }
    }
    let h = model.as_mut_ptr();
    // SAFETY: `h` is the model's live Highs instance; the callback only reads the flag.
    unsafe {
        highs_sys::Highs_setCallback(
            h,
            Some(on_check),
            flag as *const AtomicBool as *mut std::ffi::c_void,
        );
        for kind in [
            highs_sys::kHighsCallbackSimplexInterrupt,
            highs_sys::kHighsCallbackIpmInterrupt,
            highs_sys::kHighsCallbackMipInterrupt,
        ] {
            highs_sys::Highs_startCallback(h, kind);
        }
    }
}

/// Binary columns xⱼ for the free sites, the warm start marking `start`'s sites.
fn site_columns(
    pb: &mut RowProblem,
    part: &FreePart,
    cost: f64,
    start: &[usize],
    n_sites: usize,
) -> (Vec<highs::Col>, Vec<f64>) {
    let mut open = vec![false; n_sites];
    for &j in start {
        open[j] = true;
    }
    let cols = part
        .sites
        .iter()
        .map(|_| pb.add_integer_column(cost, 0.0..=1.0))
        .collect();
    let x0 = part
        .sites
        .iter()
        .map(|&j| f64::from(u8::from(open[j])))
        .collect();
    (cols, x0)
}

/// The fixed sites plus the free sites HiGHS opened, ascending (original indices).
fn answer(inst: &CoverInstance, part: &FreePart, values: &[f64]) -> Vec<usize> {
    let mut out: Vec<usize> = inst.fixed_sites().to_vec();
    out.extend(
        part.sites
            .iter()
            .zip(values)
            .filter(|(_, v)| **v > 0.5)
            .map(|(j, _)| *j),
    );
    out.sort_unstable();
    out
}

/// The MCLP solved by HiGHS alone from `start` (no heuristic phase): the chosen sites and the
/// proven upper bound, or `None` when HiGHS gives no p-site answer within the limits. Exposed
/// so that tests can check it against enumeration.
pub fn mclp_milp(
    inst: &CoverInstance,
    p: usize,
    start: &[usize],
    exact: &ExactOptions,
) -> Option<(Vec<usize>, f64)> {
    run_mclp(inst, p, start, exact, None)
        .filter(|m| m.sites.len() == p)
        .map(|m| (m.sites, m.bound))
}

/// The LSCP solved by HiGHS alone from `start`: the chosen sites and the proven lower bound.
pub fn lscp_milp(
    inst: &CoverInstance,
    start: &[usize],
    exact: &ExactOptions,
) -> Option<(Vec<usize>, f64)> {
    run_lscp(inst, start, exact).map(|m| (m.sites, m.bound))
}

fn run_mclp(
    inst: &CoverInstance,
    p: usize,
    start: &[usize],
    exact: &ExactOptions,
    cancel: Option<&AtomicBool>,
) -> Option<Milp> {
    let part = inst.free_part();
    let k = p.checked_sub(inst.fixed_sites().len())?;
    if part.sites.len() + part.rows.len() > exact.max_columns {
        return None;
    }
    let mut pb = RowProblem::new();
    let (x, mut x0) = site_columns(&mut pb, &part, 0.0, start, inst.n_sites());
    let y: Vec<highs::Col> = part
        .rows
        .iter()
        .map(|(w, _)| pb.add_column(*w, 0.0..=1.0))
        .collect();
    for (row, (_, cover)) in y.iter().zip(&part.rows) {
        let mut coef = vec![(*row, 1.0)];
        coef.extend(cover.iter().map(|&j| (x[j as usize], -1.0)));
        pb.add_row(..=0.0, &coef);
    }
    // At most k: fewer open only when everything coverable is already covered.
    let all: Vec<(highs::Col, f64)> = x.iter().map(|&c| (c, 1.0)).collect();
    pb.add_row(..=k as f64, &all);
    let mut model = pb.optimise(Sense::Maximise);
    configure(&mut model, exact);
    if let Some(flag) = cancel {
        interrupt_on(&mut model, flag);
    }
    let covered: Vec<f64> = part
        .rows
        .iter()
        .map(|(_, cover)| f64::from(u8::from(cover.iter().any(|&j| x0[j as usize] > 0.5))))
        .collect();
    x0.extend(covered);
    let _ = model.try_set_solution(Some(&x0), None, None, None);
    let solved = model.try_solve().ok()?;
    let (values, bound) = finish(&solved, part.sites.len(), f64::INFINITY)?;
    let mut sites = answer(inst, &part, &values);
    if sites.len() > p {
        return None;
    }
    pad(inst, &mut sites, p);
    Some(Milp {
        sites,
        bound: part.covered_by_fixed + bound,
    })
}

fn run_lscp(inst: &CoverInstance, start: &[usize], exact: &ExactOptions) -> Option<Milp> {
    let part = inst.free_part();
    if part.sites.len() > exact.max_columns {
        return None;
    }
    let mut pb = RowProblem::new();
    let (x, x0) = site_columns(&mut pb, &part, 1.0, start, inst.n_sites());
    for (_, cover) in &part.rows {
        let coef: Vec<(highs::Col, f64)> = cover.iter().map(|&j| (x[j as usize], 1.0)).collect();
        pb.add_row(1.0.., &coef);
    }
    let mut model = pb.optimise(Sense::Minimise);
    configure(&mut model, exact);
    let _ = model.try_set_solution(Some(&x0), None, None, None);
    let solved = model.try_solve().ok()?;
    let (values, bound) = finish(&solved, part.sites.len(), 0.0)?;
    Some(Milp {
        sites: answer(inst, &part, &values),
        bound: inst.fixed_sites().len() as f64 + bound,
    })
}

/// The first `n_x` columns' values and the proven bound (`no_bound` when HiGHS has none);
/// `None` when HiGHS has no answer to report.
pub(crate) fn finish(
    solved: &highs::SolvedModel,
    n_x: usize,
    no_bound: f64,
) -> Option<(Vec<f64>, f64)> {
    let status = solved.status();
    let optimal = status == HighsModelStatus::Optimal;
    let usable = optimal
        || matches!(
            status,
            HighsModelStatus::ReachedTimeLimit | HighsModelStatus::ReachedIterationLimit
        );
    if !usable {
        return None;
    }
    let values = solved.get_solution().columns()[..n_x].to_vec();
    let bound = if optimal {
        solved.objective_value()
    } else {
        solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite())
            .unwrap_or(no_bound)
    };
    Some((values, bound))
}

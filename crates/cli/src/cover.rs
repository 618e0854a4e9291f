//! `junheng locate mclp` / `junheng locate lscp` — covering location on a point file where every
//! point is both demand and candidate site (covered iff distance ≤ radius), and the MCLP
//! benchmark runner over `benchmarks/mclp/optimal.tsv`.
//!
//! Inputs: a points CSV/XLSX `id,x,y,demand[,candidate][,fixed]` (`candidate`/`fixed` are
//! true/false, 是/否 or 1/0; a fixed site is always open and counts towards p), or `--sjc FILE`
//! in the Lorena–Pereira SJC format (first line `n 9999 p S`, then `x y demand`).
//!
//! JSON: {"model", "n", "p", "objective", "lower_bound", "gap", "optimal", "sites", "site_ids",
//! "covered", "total_demand", "covered_share", "seconds"}; `sites` are 1-based positions in input
//! order. MCLP: `objective` = covered demand, `lower_bound` = that best objective, plus
//! `upper_bound` (Lagrangian / branch-and-bound bound) and gap = (upper − objective)/upper.
//! LSCP: `objective` = number of sites (= `p`), `lower_bound` a proven minimum, gap =
//! (objective − lower)/objective. `optimal` is true when the gap is 0. `proof` says what proved
//! the bound: `lagrangian` (the engine's Lagrangian bound or branch and bound), `milp` (HiGHS,
//! run only when the engine left a gap; `milp_seconds` is its share of `seconds`) or `open`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use junheng_core::access::Metric;
use junheng_core::limits::{check_sites, FieldError, RADIUS};
use junheng_core::locate::cover::{CoverInstance, CoverOptions};
use junheng_io::limits::{read_file_limited, MAX_CSV_BYTES, MAX_ENGINE_FILE_BYTES};
use junheng_io::{read_cover_points, read_sjc_points, read_swain, CoverPoints, InputErrors};
use junheng_milp::{ExactOptions, Proven};
use serde_json::json;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CoverMetric {
    /// Projected x/y (same unit as the radius).
    Euclidean,
    /// x = longitude, y = latitude in degrees; radius in metres.
    Haversine,
}

/// Maximal covering: p sites covering the most demand within the radius.
#[derive(clap::Args, Debug)]
pub struct MclpArgs {
    /// Points CSV/XLSX: id,x,y,demand[,candidate][,fixed].
    #[arg(long, conflicts_with = "sjc", required_unless_present_any = ["sjc", "bench"])]
    pub points: Option<PathBuf>,
    /// An SJC-format instance instead of --points.
    #[arg(long)]
    pub sjc: Option<PathBuf>,
    /// Coverage radius (distance ≤ radius counts).
    #[arg(long, required_unless_present = "bench")]
    pub radius: Option<f64>,
    /// Number of sites to open (fixed sites included).
    #[arg(long, required_unless_present = "bench")]
    pub p: Option<usize>,
    #[arg(long, value_enum, default_value = "euclidean")]
    pub metric: CoverMetric,
    /// Seed of the metaheuristic (results are deterministic for a seed).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Node limit of the engine's Lagrangian branch and bound (default: 0 while the MILP is on,
    /// which closes gaps faster; 100000 with `--time-limit 0`).
    #[arg(long)]
    pub node_limit: Option<usize>,
    /// Seconds allowed to the MILP (HiGHS) that proves what the engine leaves open; 0 skips it.
    #[arg(long, default_value_t = 60.0)]
    pub time_limit: f64,
    /// Run every row of DIR/optimal.tsv (SJC and Swain files under DIR) and print a table.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["points", "sjc"])]
    pub bench: Option<PathBuf>,
    /// With --bench: also solve every row by the MILP alone (same reduced model, no heuristic,
    /// no warm start) and print its seconds and the speed ratio — the baseline in-process.
    #[arg(long, requires = "bench")]
    pub milp_baseline: bool,
}

/// Location set covering: the fewest sites covering every coverable demand point.
#[derive(clap::Args, Debug)]
pub struct LscpArgs {
    /// Points CSV/XLSX: id,x,y,demand[,candidate][,fixed].
    #[arg(long, conflicts_with = "sjc", required_unless_present = "sjc")]
    pub points: Option<PathBuf>,
    /// An SJC-format instance instead of --points.
    #[arg(long)]
    pub sjc: Option<PathBuf>,
    /// Coverage radius (distance ≤ radius counts).
    #[arg(long)]
    pub radius: f64,
    #[arg(long, value_enum, default_value = "euclidean")]
    pub metric: CoverMetric,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Seconds allowed to the MILP (HiGHS) that proves what the engine leaves open; 0 skips it.
    #[arg(long, default_value_t = 60.0)]
    pub time_limit: f64,
}

/// Nodes the engine's branch and bound may spend before the MILP takes over. None: on the
/// MCLP benchmark table, 0, 60 and 300 nodes gave 29, 34 and 50 s in total — a node of the
/// Lagrangian tree costs more than HiGHS needs to close the same gap.
const NODE_LIMIT_WITH_MILP: usize = 0;

type Points = CoverPoints;

fn lang() -> String {
    std::env::var("JUNHENG_LANG").unwrap_or_else(|_| "zh".into())
}

/// Every located error (at most 200 and a closing count), one per line, in JUNHENG_LANG.
pub(crate) fn located(errors: &InputErrors) -> String {
    errors.located(&lang())
}

/// An argument outside its domain: `--p: message`, in JUNHENG_LANG.
pub(crate) fn field_message(arg: &str, e: &FieldError) -> String {
    let msg = if lang().starts_with("en") {
        &e.message_en
    } else {
        &e.message_zh
    };
    format!("{arg}: {msg}")
}

fn read_points(path: &Path, metric: CoverMetric) -> Result<Points, String> {
    let shown = path.display().to_string();
    let bytes = read_file_limited(path, MAX_CSV_BYTES, "表格", "table").map_err(|e| located(&e))?;
    read_cover_points(&shown, &bytes, metric == CoverMetric::Haversine).map_err(|e| located(&e))
}

/// Lorena–Pereira SJC format (see [`junheng_io::read_sjc_points`]).
fn read_sjc(path: &Path) -> Result<Points, String> {
    let shown = path.display().to_string();
    let bytes = read_file_limited(path, MAX_ENGINE_FILE_BYTES, "实例", "instance")
        .map_err(|e| located(&e))?;
    read_sjc_points(&shown, &bytes).map_err(|e| located(&e))
}

fn load(
    points: &Option<PathBuf>,
    sjc: &Option<PathBuf>,
    metric: CoverMetric,
) -> Result<Points, String> {
    match (points, sjc) {
        (Some(p), None) => read_points(p, metric),
        (None, Some(s)) => read_sjc(s),
        _ => Err("give exactly one of --points and --sjc".into()),
    }
}

fn instance(pts: &Points, radius: f64, metric: CoverMetric) -> Result<CoverInstance, String> {
    RADIUS
        .check(radius)
        .map_err(|e| field_message("--radius", &e))?;
    let metric = match metric {
        CoverMetric::Euclidean => Metric::Euclidean,
        CoverMetric::Haversine => Metric::Haversine,
    };
    CoverInstance::from_points(
        &pts.xy,
        pts.demand.clone(),
        metric,
        radius,
        pts.candidate.as_deref(),
        &pts.fixed,
    )
    .map_err(|e| e.to_string())
}

fn report(pts: &Points, proven: &Proven, seconds: f64) -> serde_json::Value {
    let s = &proven.solution;
    let mclp = s.model == junheng_core::locate::cover::CoverModel::Mclp;
    let mut v = json!({
        "model": s.model,
        "n": pts.xy.len(),
        "p": s.sites.len(),
        "objective": s.objective,
        "lower_bound": if mclp { s.objective } else { s.bound },
        "gap": s.gap,
        "optimal": s.optimal,
        "sites": s.sites.iter().map(|j| j + 1).collect::<Vec<_>>(),
        "site_ids": s.sites.iter().map(|&j| pts.ids[j].as_str()).collect::<Vec<_>>(),
        "covered": s.covered,
        "total_demand": s.total,
        "covered_share": if s.total > 0.0 { s.covered / s.total } else { 0.0 },
        "seconds": seconds,
        "proof": proven.proof,
        "milp_seconds": proven.milp_seconds,
    });
    if mclp {
        v["upper_bound"] = json!(s.bound);
    }
    v
}

fn options(seed: u64, node_limit: Option<usize>, time_limit: f64) -> CoverOptions {
    let default = if time_limit > 0.0 {
        NODE_LIMIT_WITH_MILP
    } else {
        CoverOptions::default().node_limit
    };
    CoverOptions {
        seed,
        node_limit: node_limit.unwrap_or(default),
        ..CoverOptions::default()
    }
}

/// The proof's JSON name (`lagrangian`, `milp`, `open`) for the benchmark tables.
fn proof_name(proof: junheng_milp::Proof) -> String {
    serde_json::to_value(proof)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn exact(time_limit: f64) -> ExactOptions {
    ExactOptions {
        time_limit_s: time_limit.max(0.0),
        max_columns: if time_limit > 0.0 {
            ExactOptions::default().max_columns
        } else {
            0
        },
    }
}

pub fn run_mclp(a: MclpArgs) -> Result<String, String> {
    if let Some(dir) = &a.bench {
        return bench_mclp(
            dir,
            a.milp_baseline,
            &options(a.seed, a.node_limit, a.time_limit),
            &exact(a.time_limit),
        );
    }
    let (Some(radius), Some(p)) = (a.radius, a.p) else {
        return Err("--radius and --p are required".into());
    };
    let pts = load(&a.points, &a.sjc, a.metric)?;
    // Opening no site answers nothing (and reported −0 covered); more sites than candidates
    // cannot be opened.
    let candidates = match &pts.candidate {
        Some(c) => (0..c.len())
            .filter(|i| c[*i] || pts.fixed.contains(i))
            .count(),
        None => pts.xy.len(),
    };
    check_sites(p, candidates).map_err(|e| field_message("--p", &e))?;
    let t = Instant::now();
    let inst = instance(&pts, radius, a.metric)?;
    let sol = junheng_milp::mclp(
        &inst,
        p,
        &options(a.seed, a.node_limit, a.time_limit),
        &exact(a.time_limit),
    )
    .map_err(|e| e.to_string())?;
    let secs = t.elapsed().as_secs_f64();
    Ok(serde_json::to_string_pretty(&report(&pts, &sol, secs)).expect("json"))
}

pub fn run_lscp(a: LscpArgs) -> Result<String, String> {
    let pts = load(&a.points, &a.sjc, a.metric)?;
    let t = Instant::now();
    let inst = instance(&pts, a.radius, a.metric)?;
    let sol = junheng_milp::lscp(
        &inst,
        &options(a.seed, None, a.time_limit),
        &exact(a.time_limit),
    );
    let secs = t.elapsed().as_secs_f64();
    Ok(serde_json::to_string_pretty(&report(&pts, &sol, secs)).expect("json"))
}

/// Swain's `swain.dat` (see [`junheng_io::read_swain`]).
fn read_swain_file(path: &Path) -> Result<Points, String> {
    let shown = path.display().to_string();
    let bytes = read_file_limited(path, MAX_ENGINE_FILE_BYTES, "实例", "instance")
        .map_err(|e| located(&e))?;
    read_swain(&shown, &bytes).map_err(|e| located(&e))
}

/// Runs every row of `dir/optimal.tsv` (instance files looked up in `dir`, `dir/sjc`,
/// `dir/swain`) and prints instance, S, p, objective, optimum, whether the optimum was reached
/// and proven, and seconds; then totals. Rows also go to stderr as they finish.
/// `opts` carries the seed and the branch-and-bound node limit (`--seed`, `--node-limit`),
/// `milp` the MILP time limit (`--time-limit`).
pub fn bench_mclp(
    dir: &Path,
    baseline: bool,
    opts: &CoverOptions,
    milp: &ExactOptions,
) -> Result<String, String> {
    let table_path = dir.join("optimal.tsv");
    let text = std::fs::read_to_string(&table_path)
        .map_err(|e| format!("{}: cannot read the file: {e}", table_path.display()))?;
    let mut out =
        String::from("instance\tS\tp\tobjective\toptimum\treached\tproven\tupper_bound\tproof\tmilp_seconds\tseconds\n");
    let (mut rows, mut reached, mut proven, mut total) = (0, 0, 0, 0.0);
    let (mut by_milp, mut milp_total) = (0, 0.0);
    let (mut base_proven, mut base_total) = (0, 0.0);
    if baseline {
        out.insert_str(out.len() - 1, "\tmilp_alone_seconds");
    }
    let mut lscp = String::from("instance\tS\tsites\tminimum\tlower_bound\tproof\tseconds\n");
    let (mut lscp_rows, mut lscp_hit, mut lscp_proven, mut lscp_total) = (0, 0, 0, 0.0);
    let mut cache: Option<(String, f64, Points, CoverInstance)> = None;
    for (k, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("instance") || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        let field = |i: usize| -> Result<f64, String> {
            c.get(i).and_then(|s| s.parse().ok()).ok_or_else(|| {
                format!(
                    "{}:{}:{}: expected a number",
                    table_path.display(),
                    k + 1,
                    i + 1
                )
            })
        };
        let (name, s, p, optimum) = (c[0].to_string(), field(3)?, field(4)? as usize, field(5)?);
        let t = Instant::now();
        let fresh = !matches!(&cache, Some((n, r, _, _)) if *n == name && *r == s);
        if fresh {
            let file = [
                dir.join(&name),
                dir.join("sjc").join(&name),
                dir.join("swain").join(&name),
            ]
            .into_iter()
            .find(|p| p.exists())
            .ok_or_else(|| format!("{name}: not found under {}", dir.display()))?;
            let pts = if name.starts_with("swain") {
                read_swain_file(&file)?
            } else {
                read_sjc(&file)?
            };
            let inst = instance(&pts, s, CoverMetric::Euclidean)?;
            // The set-covering minimum at this radius (column lscp_min_sites), once per radius.
            let t = Instant::now();
            let run = junheng_milp::lscp(&inst, opts, milp);
            let secs = t.elapsed().as_secs_f64();
            let known = field(7)?;
            let sol = &run.solution;
            lscp_rows += 1;
            lscp_hit += usize::from(sol.objective == known);
            lscp_proven += usize::from(sol.objective == known && sol.optimal);
            lscp_total += secs;
            lscp.push_str(&format!(
                "{name}\t{s}\t{}\t{known}\t{}\t{}\t{secs:.3}\n",
                sol.objective,
                sol.bound,
                proof_name(run.proof),
            ));
            cache = Some((name.clone(), s, pts, inst));
        }
        let (_, _, _, inst) = cache.as_ref().expect("loaded");
        let run = junheng_milp::mclp(inst, p, opts, milp).map_err(|e| e.to_string())?;
        let secs = t.elapsed().as_secs_f64();
        let sol = &run.solution;
        by_milp += usize::from(run.proof == junheng_milp::Proof::Milp);
        milp_total += run.milp_seconds;
        let hit = sol.objective == optimum;
        rows += 1;
        reached += hit as usize;
        proven += (hit && sol.optimal) as usize;
        total += secs;
        let alone = if baseline {
            let t = Instant::now();
            let m = junheng_milp::mclp_milp(inst, p, &[], milp);
            let secs = t.elapsed().as_secs_f64();
            base_total += secs;
            let exact = m.is_some_and(|(sites, bound)| {
                let covered = inst.covered_weight(&sites);
                covered == optimum && bound - covered < 1e-6
            });
            base_proven += usize::from(exact);
            format!("\t{secs:.3}")
        } else {
            String::new()
        };
        let line = format!(
            "{name}\t{s}\t{p}\t{}\t{optimum}\t{}\t{}\t{}\t{}\t{:.3}\t{secs:.3}{alone}\n",
            sol.objective,
            if hit { "yes" } else { "NO" },
            if sol.optimal { "yes" } else { "no" },
            sol.bound,
            proof_name(run.proof),
            run.milp_seconds,
        );
        // Progress on stderr: the full table is printed at the end.
        eprint!("{line}");
        out.push_str(&line);
    }
    out.push_str(&format!(
        "total: {rows} rows, {reached} at the known optimum, {proven} proven optimal \
         ({by_milp} of them by the MILP, {milp_total:.2} s in HiGHS), {total:.2} s\n"
    ));
    if baseline {
        out.push_str(&format!(
            "MILP alone: {base_proven} of {rows} rows solved to the optimum, {base_total:.2} s; \
             engine + MILP is {:.1}× faster\n",
            base_total / total.max(1e-9)
        ));
    }
    out.push('\n');
    out.push_str(&lscp);
    out.push_str(&format!(
        "LSCP total: {lscp_rows} radii, {lscp_hit} at the known minimum, {lscp_proven} proven \
         optimal, {lscp_total:.2} s"
    ));
    Ok(out)
}

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
use junheng_core::limits::{check_sites, RADIUS};
use junheng_core::locate::cover::{CoverInstance, CoverOptions};
use junheng_io::{
    read_cover_optima, read_cover_points_file, read_instance_file, read_sjc_file, read_swain_file,
    CoverPoints,
};
use junheng_milp::{ExactOptions, Proven};
use serde_json::json;

use crate::error::CliError;
use crate::output::table_or_json;
use crate::FormatArg;

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
    /// Output of a single run (--bench always prints its table).
    #[command(flatten)]
    pub out: FormatArg,
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
    #[command(flatten)]
    pub out: FormatArg,
}

/// Nodes the engine's branch and bound may spend before the MILP takes over. None: on the
/// MCLP benchmark table, 0, 60 and 300 nodes gave 29, 34 and 50 s in total — a node of the
/// Lagrangian tree costs more than HiGHS needs to close the same gap.
const NODE_LIMIT_WITH_MILP: usize = 0;

type Points = CoverPoints;

fn load(
    points: &Option<PathBuf>,
    sjc: &Option<PathBuf>,
    metric: CoverMetric,
) -> Result<Points, CliError> {
    Ok(match (points, sjc) {
        (Some(p), None) => read_cover_points_file(p, metric == CoverMetric::Haversine)?,
        (None, Some(s)) => read_sjc_file(s)?,
        _ => {
            return Err(CliError::arg(
                "--points/--sjc",
                "请给出 --points 与 --sjc 之一",
                "give exactly one of --points and --sjc",
            ))
        }
    })
}

fn instance(pts: &Points, radius: f64, metric: CoverMetric) -> Result<CoverInstance, CliError> {
    RADIUS
        .check(radius)
        .map_err(|e| CliError::field("--radius", &e))?;
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
    .map_err(|e| CliError::Engine(e.to_string()))
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

pub fn run_mclp(a: MclpArgs) -> Result<String, CliError> {
    if let Some(dir) = &a.bench {
        return bench_mclp(
            dir,
            a.milp_baseline,
            &options(a.seed, a.node_limit, a.time_limit),
            &exact(a.time_limit),
        );
    }
    let (Some(radius), Some(p)) = (a.radius, a.p) else {
        return Err(CliError::arg(
            "--radius/--p",
            "须给出 --radius 和 --p",
            "--radius and --p are required",
        ));
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
    check_sites(p, candidates).map_err(|e| CliError::field("--p", &e))?;
    let t = Instant::now();
    let inst = instance(&pts, radius, a.metric)?;
    let sol = junheng_milp::mclp(
        &inst,
        p,
        &options(a.seed, a.node_limit, a.time_limit),
        &exact(a.time_limit),
    )
    .map_err(|e| CliError::Engine(e.to_string()))?;
    let secs = t.elapsed().as_secs_f64();
    Ok(table_or_json(
        a.out.format,
        &report(&pts, &sol, secs),
        &table,
    ))
}

pub fn run_lscp(a: LscpArgs) -> Result<String, CliError> {
    let pts = load(&a.points, &a.sjc, a.metric)?;
    let t = Instant::now();
    let inst = instance(&pts, a.radius, a.metric)?;
    let sol = junheng_milp::lscp(
        &inst,
        &options(a.seed, None, a.time_limit),
        &exact(a.time_limit),
    );
    let secs = t.elapsed().as_secs_f64();
    Ok(table_or_json(
        a.out.format,
        &report(&pts, &sol, secs),
        &table,
    ))
}

/// The result for people: the objective and its bounds, coverage, the sites.
fn table(v: &serde_json::Value) -> String {
    let sites = |k: &str| {
        v[k].as_array()
            .into_iter()
            .flatten()
            .map(|s| s.as_str().map_or_else(|| s.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "{}: n {} p {}  objective {}  lower bound {}{}  gap {:.4}%{}  proof {}  {:.3}s\n\
         covered {} of {} ({:.2}%)\nsites: {}\nsite ids: {}\n",
        v["model"].as_str().unwrap_or(""),
        v["n"],
        v["p"],
        v["objective"],
        v["lower_bound"],
        if v["upper_bound"].is_null() {
            String::new()
        } else {
            format!("  upper bound {}", v["upper_bound"])
        },
        v["gap"].as_f64().unwrap_or(0.0) * 100.0,
        if v["optimal"] == true {
            " (optimal)"
        } else {
            ""
        },
        v["proof"].as_str().unwrap_or(""),
        v["seconds"].as_f64().unwrap_or(0.0),
        v["covered"],
        v["total_demand"],
        v["covered_share"].as_f64().unwrap_or(0.0) * 100.0,
        sites("sites"),
        sites("site_ids"),
    )
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
) -> Result<String, CliError> {
    let table_path = dir.join("optimal.tsv");
    let table = read_instance_file(&table_path)?;
    let rows_of_table = read_cover_optima(&table.shown, &table.bytes)?;
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
    for row in rows_of_table {
        let (name, s, p, optimum) = (row.instance, row.radius, row.p, row.optimum);
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
            .ok_or_else(|| {
                CliError::arg(
                    "--bench",
                    format!("{name}：在 {} 下找不到", dir.display()),
                    format!("{name}: not found under {}", dir.display()),
                )
            })?;
            let pts = if name.starts_with("swain") {
                read_swain_file(&file)?
            } else {
                read_sjc_file(&file)?
            };
            let inst = instance(&pts, s, CoverMetric::Euclidean)?;
            // The set-covering minimum at this radius (column lscp_min_sites), once per radius.
            let t = Instant::now();
            let run = junheng_milp::lscp(&inst, opts, milp);
            let secs = t.elapsed().as_secs_f64();
            let known = row.lscp_min_sites;
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
        let run =
            junheng_milp::mclp(inst, p, opts, milp).map_err(|e| CliError::Engine(e.to_string()))?;
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

//! `junheng locate …`: p-median, p-center and capacitated p-median on benchmark files
//! (OR-Library `pmed`, Lorena–Senne SJC, OR-Library `pmedcap1`), and the hidden
//! `locate-bench` that checks every known optimum under `--data`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use junheng_core::locate::{graph, pcenter, pmedian, Problem, Solution, SolveOptions};
use serde_json::json;

use crate::Format;

#[derive(clap::Subcommand)]
pub enum LocateCmd {
    /// Maximal covering (MCLP): p sites covering the most demand within the radius.
    Mclp(crate::cover::MclpArgs),
    /// Location set covering (LSCP): the fewest sites covering all coverable demand.
    Lscp(crate::cover::LscpArgs),
    /// p-median (minimise total distance) on an OR-Library pmed file: Lagrangian lower bound +
    /// fast-interchange VNS.
    ///
    /// JSON: {"model", "n", "p", "objective", "lower_bound", "gap", "proven_optimal", "sites"
    /// (1-based vertex numbers), "seconds"}.
    Pmedian {
        /// OR-Library file: `n m p`, then m lines `u v cost` (the last duplicate edge wins).
        #[arg(long)]
        orlib: PathBuf,
        /// Number of sites (default: the file's p).
        #[arg(long)]
        p: Option<usize>,
        /// Wall-clock limit in seconds (default: none — stop on the iteration limits).
        #[arg(long)]
        time_limit: Option<f64>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Vertex p-center (minimise the largest distance) on an OR-Library pmed file.
    Pcenter {
        #[arg(long)]
        orlib: PathBuf,
        #[arg(long)]
        p: Option<usize>,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Capacitated p-median with single sourcing: Lagrangian bound + Lagrangian heuristic.
    Cpmp {
        /// Lorena–Senne file: `n p`, then `x y capacity demand` (real Euclidean distances).
        #[arg(
            long,
            required_unless_present = "beasley_cap",
            conflicts_with = "beasley_cap"
        )]
        lorena: Option<PathBuf>,
        /// OR-Library pmedcap1 file: `problem optimum`, `n p capacity`, then `id x y demand`
        /// (floor Euclidean distances).
        #[arg(long)]
        beasley_cap: Option<PathBuf>,
        #[arg(long)]
        time_limit: Option<f64>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
}

pub fn run(cmd: LocateCmd) -> Result<String, String> {
    match cmd {
        LocateCmd::Mclp(a) => crate::cover::run_mclp(a),
        LocateCmd::Lscp(a) => crate::cover::run_lscp(a),
        LocateCmd::Pmedian {
            orlib,
            p,
            time_limit,
            seed,
            format,
        } => {
            let t = Instant::now();
            let pr = with_p(read_orlib(&orlib)?, p)?;
            let mut o = options(time_limit, seed);
            let sol =
                pmedian::solve(&pr, &mut o).map_err(|e| format!("{}: {e}", orlib.display()))?;
            Ok(render("pmedian", &pr, &sol, t, format))
        }
        LocateCmd::Pcenter { orlib, p, format } => {
            let t = Instant::now();
            let pr = with_p(read_orlib(&orlib)?, p)?;
            let sol = pcenter::solve(&pr, &mut SolveOptions::default())
                .map_err(|e| format!("{}: {e}", orlib.display()))?;
            Ok(render("pcenter", &pr, &sol, t, format))
        }
        LocateCmd::Cpmp {
            lorena,
            beasley_cap,
            time_limit,
            seed,
            format,
        } => {
            let t = Instant::now();
            let (pr, path) = match (lorena, beasley_cap) {
                (Some(f), _) => (read_lorena(&f)?, f),
                (None, Some(f)) => (read_beasley_cap(&f)?.0, f),
                (None, None) => return Err("give --lorena FILE or --beasley-cap FILE".into()),
            };
            let mut o = options(time_limit, seed);
            // The engine's Lagrangian heuristic, then HiGHS on the gap it leaves.
            let run = junheng_milp::capacitated::cpmp(&pr, &mut o, &cpmp_exact(time_limit))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(render("cpmp", &pr, &run.solution, t, format))
        }
    }
}

/// MILP limits for the capacitated model: the command's time limit, else 60 s.
fn cpmp_exact(time_limit: Option<f64>) -> junheng_milp::ExactOptions {
    junheng_milp::ExactOptions {
        time_limit_s: time_limit.unwrap_or(60.0),
        ..junheng_milp::ExactOptions::default()
    }
}

fn options(time_limit: Option<f64>, seed: u64) -> SolveOptions<'static> {
    SolveOptions {
        time_limit: time_limit.map(Duration::from_secs_f64),
        seed,
        ..Default::default()
    }
}

fn with_p(pr: Problem, p: Option<usize>) -> Result<Problem, String> {
    match p {
        Some(0) => Err("--p must be ≥ 1".into()),
        Some(p) if p > pr.n_sites => Err(format!("--p {p} > {} vertices", pr.n_sites)),
        Some(p) => Ok(pr.with_p(p)),
        None => Ok(pr),
    }
}

fn render(model: &str, pr: &Problem, s: &Solution, t: Instant, format: Format) -> String {
    let sites: Vec<usize> = s.sites.iter().map(|j| j + 1).collect();
    let seconds = t.elapsed().as_secs_f64();
    match format {
        Format::Json => serde_json::to_string_pretty(&json!({
            "model": model,
            "n": pr.n_clients,
            "p": pr.p,
            "objective": s.objective,
            "lower_bound": s.lower_bound,
            "gap": s.gap,
            "proven_optimal": s.proven_optimal,
            "sites": sites,
            "seconds": seconds,
        }))
        .expect("json"),
        Format::Table => {
            format!(
            "{model}: n {} p {}  objective {}  lower bound {}  gap {:.4}%{}  {:.3}s\nsites: {}\n",
            pr.n_clients,
            pr.p.unwrap_or(0),
            s.objective,
            s.lower_bound,
            s.gap * 100.0,
            if s.proven_optimal { " (optimal)" } else { "" },
            seconds,
            sites.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(" ")
        )
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Readers: every error is `FILE:LINE: message`.

/// Non-empty lines with their 1-based line numbers, split into numbers.
fn numeric_lines(path: &Path) -> Result<Vec<(usize, Vec<f64>)>, String> {
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("{shown}: cannot read the file: {e}"))?;
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let nums: Result<Vec<f64>, _> = t.split_whitespace().map(str::parse::<f64>).collect();
        match nums {
            Ok(v) if v.iter().all(|x| x.is_finite()) => out.push((k + 1, v)),
            _ => return Err(format!("{shown}:{}: expected numbers, found `{t}`", k + 1)),
        }
    }
    if out.is_empty() {
        return Err(format!("{shown}:1: empty file"));
    }
    Ok(out)
}

fn count(v: f64, what: &str, at: &str) -> Result<usize, String> {
    if v.fract() != 0.0 || v < 1.0 {
        return Err(format!(
            "{at}: {what} must be a positive integer, found {v}"
        ));
    }
    Ok(v as usize)
}

fn expect_len(v: &[f64], n: usize, what: &str, at: &str) -> Result<(), String> {
    if v.len() != n {
        return Err(format!(
            "{at}: expected {n} numbers ({what}), found {}",
            v.len()
        ));
    }
    Ok(())
}

/// OR-Library p-median graph: `n m p`, then `m` lines `u v cost` (1-based). Duplicate edges:
/// the last one listed wins (see `graph::all_pairs_shortest_paths`).
pub fn read_orlib(path: &Path) -> Result<Problem, String> {
    let shown = path.display().to_string();
    let lines = numeric_lines(path)?;
    let (l0, head) = &lines[0];
    let at = format!("{shown}:{l0}");
    expect_len(head, 3, "n edges p", &at)?;
    let n = count(head[0], "n", &at)?;
    let m = count(head[1], "the edge count", &at)?;
    let p = count(head[2], "p", &at)?;
    if p > n {
        return Err(format!("{at}: p = {p} > n = {n}"));
    }
    if lines.len() - 1 < m {
        let last = lines.last().map_or(1, |l| l.0);
        return Err(format!(
            "{shown}:{last}: the header announces {m} edges, the file has {}",
            lines.len() - 1
        ));
    }
    let mut edges = Vec::with_capacity(m);
    for (ln, v) in &lines[1..=m] {
        let at = format!("{shown}:{ln}");
        expect_len(v, 3, "u v cost", &at)?;
        let u = count(v[0], "vertex", &at)?;
        let w = count(v[1], "vertex", &at)?;
        if u > n || w > n {
            return Err(format!("{at}: vertex out of 1..{n}"));
        }
        if v[2] < 0.0 {
            return Err(format!("{at}: negative edge cost {}", v[2]));
        }
        edges.push((u - 1, w - 1, v[2]));
    }
    if let Some((ln, _)) = lines.get(m + 1) {
        return Err(format!(
            "{shown}:{ln}: more lines than the {m} edges announced"
        ));
    }
    let dist = graph::all_pairs_shortest_paths(n, &edges);
    if dist.iter().any(|d| d.is_infinite()) {
        return Err(format!("{shown}:{l0}: the graph is not connected"));
    }
    Problem::new(n, n, dist)
        .map(|p0| p0.with_p(p))
        .map_err(|e| format!("{at}: {e}"))
}

/// Lorena–Senne capacitated instance: `n p`, then `n` lines `x y capacity demand`.
pub fn read_lorena(path: &Path) -> Result<Problem, String> {
    let shown = path.display().to_string();
    let lines = numeric_lines(path)?;
    let (l0, head) = &lines[0];
    let at = format!("{shown}:{l0}");
    expect_len(head, 2, "n p", &at)?;
    let n = count(head[0], "n", &at)?;
    let p = count(head[1], "p", &at)?;
    let rows = points(&shown, &lines[1..], n, 4)?;
    let pts: Vec<(f64, f64)> = rows.iter().map(|r| (r[0], r[1])).collect();
    let pr = Problem::new(n, n, graph::euclidean_matrix(&pts, &pts, false))
        .map_err(|e| format!("{at}: {e}"))?
        .with_p(p)
        .with_capacities(rows.iter().map(|r| r[2]).collect())
        .with_demands(rows.iter().map(|r| r[3]).collect());
    pr.validate().map_err(|e| format!("{at}: {e}"))?;
    Ok(pr)
}

/// OR-Library pmedcap1 (Osman–Christofides) instance: `problem optimum`, `n p capacity`, then
/// `n` lines `id x y demand`; floor(Euclidean) distances. Returns the problem and the optimum.
pub fn read_beasley_cap(path: &Path) -> Result<(Problem, f64), String> {
    let shown = path.display().to_string();
    let lines = numeric_lines(path)?;
    let (l0, head) = &lines[0];
    expect_len(head, 2, "problem optimum", &format!("{shown}:{l0}"))?;
    let Some((l1, h2)) = lines.get(1) else {
        return Err(format!("{shown}:{l0}: missing the `n p capacity` line"));
    };
    let at = format!("{shown}:{l1}");
    expect_len(h2, 3, "n p capacity", &at)?;
    let n = count(h2[0], "n", &at)?;
    let p = count(h2[1], "p", &at)?;
    let cap = h2[2];
    let rows = points(&shown, &lines[2..], n, 4)?;
    let pts: Vec<(f64, f64)> = rows.iter().map(|r| (r[1], r[2])).collect();
    let pr = Problem::new(n, n, graph::euclidean_matrix(&pts, &pts, true))
        .map_err(|e| format!("{at}: {e}"))?
        .with_p(p)
        .with_capacities(vec![cap; n])
        .with_demands(rows.iter().map(|r| r[3]).collect());
    pr.validate().map_err(|e| format!("{at}: {e}"))?;
    Ok((pr, head[1]))
}

fn points(
    shown: &str,
    lines: &[(usize, Vec<f64>)],
    n: usize,
    width: usize,
) -> Result<Vec<Vec<f64>>, String> {
    if lines.len() < n {
        let last = lines.last().map_or(1, |l| l.0);
        return Err(format!(
            "{shown}:{last}: expected {n} point lines, found {}",
            lines.len()
        ));
    }
    if let Some((ln, _)) = lines.get(n) {
        return Err(format!(
            "{shown}:{ln}: more lines than the {n} points announced"
        ));
    }
    let mut out = Vec::with_capacity(n);
    for (ln, v) in &lines[..n] {
        let at = format!("{shown}:{ln}");
        expect_len(v, width, "point fields", &at)?;
        if v[width - 1] < 0.0 || (width == 4 && v[2] < 0.0) {
            return Err(format!("{at}: negative capacity or demand"));
        }
        out.push(v.clone());
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Benchmark: every instance with a known optimum under `data`.

fn optima(path: &Path, col: usize) -> Result<Vec<(String, f64)>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the file: {e}", path.display()))?;
    let mut out = Vec::new();
    for (k, l) in text.lines().enumerate() {
        let f: Vec<&str> = l.split_whitespace().collect();
        if l.starts_with('#') || f.len() <= col {
            continue;
        }
        let v = f[col]
            .parse()
            .map_err(|_| format!("{}:{}: bad optimum `{}`", path.display(), k + 1, f[col]))?;
        out.push((f[0].to_string(), v));
    }
    Ok(out)
}

struct Tally {
    rows: usize,
    hits: usize,
    proven: usize,
    worst: f64,
    worst_proven: f64,
    seconds: f64,
}

impl Tally {
    fn new() -> Self {
        Tally {
            rows: 0,
            hits: 0,
            proven: 0,
            worst: 0.0,
            worst_proven: 0.0,
            seconds: 0.0,
        }
    }
    fn add(&mut self, out: &mut String, name: &str, s: &Solution, opt: f64, secs: f64) {
        let to_opt = (s.objective - opt) / opt;
        self.rows += 1;
        if to_opt.abs() <= 1e-6 {
            self.hits += 1;
        }
        if s.proven_optimal {
            self.proven += 1;
        }
        self.worst = self.worst.max(to_opt);
        self.worst_proven = self.worst_proven.max(s.gap);
        self.seconds += secs;
        out.push_str(&format!(
            "{name:<16} {:>12.2} {:>12.2} {:>9.4}% {:>12.2} {:>9.4}% {:>8.3}\n",
            s.objective,
            opt,
            to_opt * 100.0,
            s.lower_bound,
            s.gap * 100.0,
            secs
        ));
    }
    fn total(&self, out: &mut String, what: &str) {
        out.push_str(&format!(
            "TOTAL {what}: {} instances, {} at the optimum, {} proven optimal, worst gap to optimum {:.4}%, worst proven gap {:.4}%, {:.2} s\n\n",
            self.rows, self.hits, self.proven, self.worst * 100.0, self.worst_proven * 100.0, self.seconds
        ));
    }
}

const HEADER: &str =
    "instance            objective      optimum   to opt.  lower bound   proven     secs\n";

/// Runs pmed1–40 (p-median and p-center), SJC1–4 and pmedcap1 1–20 (capacitated p-median)
/// from `data` (the benchmarks folder) and prints per-instance objective, known optimum, gap
/// to the optimum, proven gap from the lower bound, seconds (reading + APSP + solving) and
/// totals.
pub fn bench(data: &Path) -> Result<String, String> {
    let mut out = String::new();
    let pmed_opt = optima(&data.join("pmed/optimal.txt"), 4)?;
    let pc_opt = optima(&data.join("pcenter/optimal.txt"), 3)?;

    out.push_str("== p-median, OR-Library pmed1–40 ==\n");
    out.push_str(HEADER);
    let mut pm = Tally::new();
    let mut problems = Vec::new();
    for (name, opt) in &pmed_opt {
        let t = Instant::now();
        let pr = read_orlib(&data.join(format!("pmed/{name}.txt")))?;
        let read = t.elapsed().as_secs_f64();
        let s = pmedian::solve(&pr, &mut SolveOptions::default()).map_err(|e| e.to_string())?;
        pm.add(&mut out, name, &s, *opt, t.elapsed().as_secs_f64());
        problems.push((name.clone(), pr, read));
    }
    pm.total(&mut out, "p-median");

    out.push_str("== vertex p-center, pmed1–40 (seconds include reading + APSP) ==\n");
    out.push_str(HEADER);
    let mut pc = Tally::new();
    for (name, opt) in &pc_opt {
        let Some((_, pr, read)) = problems.iter().find(|x| &x.0 == name) else {
            continue;
        };
        let t = Instant::now();
        let s = pcenter::solve(pr, &mut SolveOptions::default()).map_err(|e| e.to_string())?;
        pc.add(&mut out, name, &s, *opt, t.elapsed().as_secs_f64() + read);
    }
    pc.total(&mut out, "p-center");

    out.push_str(
        "== capacitated p-median: Lorena–Senne SJC (real distances), pmedcap1 (floor) ==\n",
    );
    out.push_str(HEADER);
    let mut cp = Tally::new();
    // HiGHS gets at most 20 s per instance after the engine; what it cannot close stays open.
    let bench_exact = cpmp_exact(Some(20.0));
    let mut cp_milp = 0;
    for (name, opt) in optima(&data.join("cpmp_sjc/optimal.txt"), 5)? {
        let t = Instant::now();
        let pr = read_lorena(&data.join(format!("cpmp_sjc/{name}")))?;
        let s = junheng_milp::capacitated::cpmp(&pr, &mut SolveOptions::default(), &bench_exact)
            .map_err(|e| e.to_string())?;
        cp_milp += usize::from(s.proof == junheng_milp::Proof::Milp);
        let s = s.solution;
        // The published SJC optima have two decimals.
        cp.add(&mut out, &name, &s, opt, t.elapsed().as_secs_f64());
    }
    for (name, opt) in optima(&data.join("cpmp_osman_christofides/optimal.txt"), 4)? {
        let t = Instant::now();
        let (pr, _) = read_beasley_cap(&data.join(format!("cpmp_osman_christofides/{name}.txt")))?;
        let s = junheng_milp::capacitated::cpmp(&pr, &mut SolveOptions::default(), &bench_exact)
            .map_err(|e| e.to_string())?;
        cp_milp += usize::from(s.proof == junheng_milp::Proof::Milp);
        let s = s.solution;
        cp.add(&mut out, &name, &s, opt, t.elapsed().as_secs_f64());
    }
    cp.total(&mut out, "capacitated p-median");
    out.push_str(&format!(
        "(capacitated: {cp_milp} of the proven answers were closed by the MILP, HiGHS ≤ 20 s each)\n"
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str, body: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("junheng-locate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p
    }

    #[test]
    fn orlib_errors_name_file_and_line() {
        let p = tmp("bad1.txt", "3 2 1\n1 2 5\n1 9 4\n");
        let e = read_orlib(&p).unwrap_err();
        assert!(e.ends_with(":3: vertex out of 1..3"), "{e}");
        let p = tmp("bad2.txt", "3 3 1\n1 2 5\n2 3 x\n");
        assert!(read_orlib(&p).unwrap_err().contains(":3: expected numbers"));
        let p = tmp("bad3.txt", "3 3 1\n1 2 5\n2 3 1\n");
        assert!(read_orlib(&p).unwrap_err().contains("announces 3 edges"));
    }

    #[test]
    fn orlib_last_duplicate_wins_and_runs() {
        let p = tmp("ok.txt", "3 3 1\n1 2 1\n2 3 1\n1 2 10\n");
        let pr = read_orlib(&p).unwrap();
        assert_eq!(pr.c(0, 1), 10.0);
        let out = run(LocateCmd::Pmedian {
            orlib: p,
            p: None,
            time_limit: None,
            seed: 1,
            format: Format::Json,
        })
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["sites"], json!([2]));
        assert_eq!(v["objective"], json!(11.0));
        assert_eq!(v["gap"], json!(0.0));
    }
}

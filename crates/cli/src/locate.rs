//! `junheng locate …`: p-median, p-center and capacitated p-median on benchmark files
//! (OR-Library `pmed`, Lorena–Senne SJC, OR-Library `pmedcap1`), and the hidden
//! `locate-bench` that checks every known optimum under `--data`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use junheng_core::limits::check_sites;
use junheng_core::locate::{pcenter, pmedian, Problem, Solution, SolveOptions};
use junheng_io::{
    read_beasley_cap_file, read_instance_file, read_lorena_file, read_optima, read_orlib_file,
};
use serde_json::json;

use crate::error::CliError;
use crate::output::table_or_json;
use crate::{Format, FormatArg};

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
        #[command(flatten)]
        out: FormatArg,
    },
    /// Vertex p-center (minimise the largest distance) on an OR-Library pmed file.
    Pcenter {
        #[arg(long)]
        orlib: PathBuf,
        #[arg(long)]
        p: Option<usize>,
        #[command(flatten)]
        out: FormatArg,
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
        #[command(flatten)]
        out: FormatArg,
    },
}

pub fn run(cmd: LocateCmd) -> Result<String, CliError> {
    match cmd {
        LocateCmd::Mclp(a) => crate::cover::run_mclp(a),
        LocateCmd::Lscp(a) => crate::cover::run_lscp(a),
        LocateCmd::Pmedian {
            orlib,
            p,
            time_limit,
            seed,
            out,
        } => {
            let t = Instant::now();
            let pr = with_p(read_orlib_file(&orlib)?, p)?;
            let mut o = options(time_limit, seed);
            let sol = pmedian::solve(&pr, &mut o).map_err(|e| engine(&orlib, e))?;
            not_interrupted()?;
            Ok(render("pmedian", &pr, &sol, t, out.format))
        }
        LocateCmd::Pcenter { orlib, p, out } => {
            let t = Instant::now();
            let pr = with_p(read_orlib_file(&orlib)?, p)?;
            let sol = pcenter::solve(&pr, &mut options(None, SolveOptions::default().seed))
                .map_err(|e| engine(&orlib, e))?;
            not_interrupted()?;
            Ok(render("pcenter", &pr, &sol, t, out.format))
        }
        LocateCmd::Cpmp {
            lorena,
            beasley_cap,
            time_limit,
            seed,
            out,
        } => {
            let t = Instant::now();
            let (pr, path) = match (lorena, beasley_cap) {
                (Some(f), _) => (read_lorena_file(&f)?, f),
                (None, Some(f)) => (read_beasley_cap_file(&f)?.0, f),
                (None, None) => {
                    return Err(CliError::arg(
                        "--lorena/--beasley-cap",
                        "请给出 --lorena 文件或 --beasley-cap 文件",
                        "give --lorena FILE or --beasley-cap FILE",
                    ))
                }
            };
            let mut o = options(time_limit, seed);
            // The engine's Lagrangian heuristic, then HiGHS on the gap it leaves.
            let run = junheng_milp::capacitated::cpmp(&pr, &mut o, &cpmp_exact(time_limit))
                .map_err(|e| engine(&path, e))?;
            not_interrupted()?;
            Ok(render("cpmp", &pr, &run.solution, t, out.format))
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

/// Search controls: Ctrl-C stops the search, and a terminal shows its phase.
fn options(time_limit: Option<f64>, seed: u64) -> SolveOptions<'static> {
    crate::interrupt::watch_engine();
    let progress: Option<&'static mut dyn FnMut(&junheng_core::locate::Progress)> =
        if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            // One search per process: the printer lives as long as it.
            let started = Instant::now();
            Some(Box::leak(Box::new(
                move |p: &junheng_core::locate::Progress| {
                    // The searches have no known length: the share shown is of the time limit.
                    let f =
                        time_limit.map_or(0.0, |l| started.elapsed().as_secs_f64() / l.max(1e-9));
                    crate::interrupt::show(p.phase, f);
                },
            )))
        } else {
            None
        };
    SolveOptions {
        time_limit: time_limit.map(Duration::from_secs_f64),
        seed,
        cancel: Some(&crate::interrupt::INTERRUPTED),
        progress,
        ..Default::default()
    }
}

/// The engine's refusal of a well-formed file, named by the file.
fn engine(path: &Path, e: impl std::fmt::Display) -> CliError {
    CliError::Engine(format!("{}: {e}", path.display()))
}

/// A search stopped by Ctrl-C prints no answer.
fn not_interrupted() -> Result<(), CliError> {
    crate::interrupt::clear();
    if crate::interrupt::INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
        Err(CliError::Api(junheng_api::ApiError::with(
            junheng_api::ErrorCode::Cancelled,
            serde_json::json!({ "job": "ctrl-c" }),
        )))
    } else {
        Ok(())
    }
}

fn with_p(pr: Problem, p: Option<usize>) -> Result<Problem, CliError> {
    match p {
        Some(p) => check_sites(p, pr.n_sites)
            .map(|p| pr.with_p(p))
            .map_err(|e| CliError::field("--p", &e)),
        None => Ok(pr),
    }
}

fn render(model: &str, pr: &Problem, s: &Solution, t: Instant, format: Format) -> String {
    let sites: Vec<usize> = s.sites.iter().map(|j| j + 1).collect();
    let v = json!({
        "model": model,
        "n": pr.n_clients,
        "p": pr.p,
        "objective": s.objective,
        "lower_bound": s.lower_bound,
        "gap": s.gap,
        "proven_optimal": s.proven_optimal,
        "sites": sites,
        "seconds": t.elapsed().as_secs_f64(),
    });
    table_or_json(format, &v, &table)
}

fn table(v: &serde_json::Value) -> String {
    format!(
        "{}: n {} p {}  objective {}  lower bound {}  gap {:.4}%{}  {:.3}s\nsites: {}\n",
        v["model"].as_str().unwrap_or(""),
        v["n"],
        v["p"].as_u64().unwrap_or(0),
        v["objective"],
        v["lower_bound"],
        v["gap"].as_f64().unwrap_or(0.0) * 100.0,
        if v["proven_optimal"] == true {
            " (optimal)"
        } else {
            ""
        },
        v["seconds"].as_f64().unwrap_or(0.0),
        v["sites"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    )
}

// ---------------------------------------------------------------------------------------------
// Benchmark: every instance with a known optimum under `data`.

fn optima(path: &Path, col: usize) -> Result<Vec<(String, f64)>, CliError> {
    let f = read_instance_file(path)?;
    Ok(read_optima(&f.shown, &f.bytes, col)?)
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
pub fn bench(data: &Path) -> Result<String, CliError> {
    let mut out = String::new();
    let pmed_opt = optima(&data.join("pmed/optimal.txt"), 4)?;
    let pc_opt = optima(&data.join("pcenter/optimal.txt"), 3)?;

    out.push_str("== p-median, OR-Library pmed1–40 ==\n");
    out.push_str(HEADER);
    let mut pm = Tally::new();
    let mut problems = Vec::new();
    for (name, opt) in &pmed_opt {
        let t = Instant::now();
        let pr = read_orlib_file(&data.join(format!("pmed/{name}.txt")))?;
        let read = t.elapsed().as_secs_f64();
        let s = pmedian::solve(&pr, &mut SolveOptions::default())
            .map_err(|e| CliError::Engine(e.to_string()))?;
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
        let s = pcenter::solve(pr, &mut SolveOptions::default())
            .map_err(|e| CliError::Engine(e.to_string()))?;
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
        let pr = read_lorena_file(&data.join(format!("cpmp_sjc/{name}")))?;
        let s = junheng_milp::capacitated::cpmp(&pr, &mut SolveOptions::default(), &bench_exact)
            .map_err(|e| CliError::Engine(e.to_string()))?;
        cp_milp += usize::from(s.proof == junheng_milp::Proof::Milp);
        let s = s.solution;
        // The published SJC optima have two decimals.
        cp.add(&mut out, &name, &s, opt, t.elapsed().as_secs_f64());
    }
    for (name, opt) in optima(&data.join("cpmp_osman_christofides/optimal.txt"), 4)? {
        let t = Instant::now();
        let (pr, _) =
            read_beasley_cap_file(&data.join(format!("cpmp_osman_christofides/{name}.txt")))?;
        let s = junheng_milp::capacitated::cpmp(&pr, &mut SolveOptions::default(), &bench_exact)
            .map_err(|e| CliError::Engine(e.to_string()))?;
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
    use junheng_api::Lang;

    fn tmp(name: &str, body: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("junheng-locate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p
    }

    fn en(e: CliError) -> String {
        e.render(Lang::En)
    }

    fn read(p: &Path) -> Result<Problem, CliError> {
        Ok(read_orlib_file(p)?)
    }

    #[test]
    fn orlib_errors_name_file_line_and_field() {
        let p = tmp("bad1.txt", "3 2 1\n1 2 5\n1 9 4\n");
        let e = en(read(&p).unwrap_err());
        assert!(e.contains("bad1.txt:3:v: "), "{e}");
        // A header announcing 10^10 distances is refused before anything is allocated.
        let p = tmp("huge.txt", "100000 1 5\n1 2 10\n");
        let e = en(read(&p).unwrap_err());
        assert!(
            e.contains("huge.txt:1:n: ") && e.contains("16000000"),
            "{e}"
        );
        let p = tmp("p.txt", "3 2 1\n1 2 5\n2 3 4\n");
        let e = en(with_p(read(&p).unwrap(), Some(0)).unwrap_err());
        assert!(
            e.starts_with("error[cli.bad_argument]: --p: ") && e.contains(" 0"),
            "{e}"
        );
        assert!(with_p(read(&p).unwrap(), Some(4)).is_err());
        assert_eq!(with_p(read(&p).unwrap(), Some(3)).unwrap().p, Some(3));
    }

    #[test]
    fn orlib_last_duplicate_wins_and_runs() {
        let p = tmp("ok.txt", "3 3 1\n1 2 1\n2 3 1\n1 2 10\n");
        let pr = read(&p).unwrap();
        assert_eq!(pr.c(0, 1), 10.0);
        let out = run(LocateCmd::Pmedian {
            orlib: p,
            p: None,
            time_limit: None,
            seed: 1,
            out: FormatArg {
                format: Format::Json,
            },
        })
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["sites"], json!([2]));
        assert_eq!(v["objective"], json!(11.0));
        assert_eq!(v["gap"], json!(0.0));
    }
}

//! `junheng locate mclp|lscp` on the SJC324 and Swain test copies in
//! crates/core/tests/data/mclp (CBC optima from optimal.tsv).

mod common;
use common::junheng;

use std::path::PathBuf;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/data/mclp")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn cover_cli_mclp_and_lscp_on_sjc324() {
    let sjc = data("SJC324.txt");
    let (code, out, err) = junheng(&[
        "locate", "mclp", "--sjc", &sjc, "--radius", "800", "--p", "3", "--format", "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["model"], "mclp");
    assert_eq!(v["n"], 324);
    assert_eq!(v["objective"], 11604.0);
    assert_eq!(v["lower_bound"], 11604.0);
    assert_eq!(v["upper_bound"], 11604.0);
    assert_eq!(v["gap"], 0.0);
    assert_eq!(v["sites"].as_array().unwrap().len(), 3);
    assert!((v["covered_share"].as_f64().unwrap() - 11604.0 / 12152.0).abs() < 1e-12);
    let (code, out, err) = junheng(&[
        "locate", "lscp", "--sjc", &sjc, "--radius", "800", "--format", "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["objective"], 5.0);
    assert_eq!(v["lower_bound"], 5.0);
    assert_eq!(v["p"], 5);
    assert_eq!(v["covered_share"], 1.0);
}

#[test]
fn cover_cli_points_csv_with_candidates_fixed_sites_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("pts.csv");
    // Seven unit points on a line, radius 1 (a site covers itself and its neighbours); d may
    // not open and a is fixed. MCLP p = 2: a covers a, b; the best second site (e or f) adds 3
    // points → 5.
    std::fs::write(
        &f,
        "id,x,y,demand,candidate,fixed\na,0,0,1,1,1\nb,1,0,1,1,0\nc,2,0,1,1,0\nd,3,0,1,0,0\n\
         e,4,0,1,1,0\nf,5,0,1,1,0\ng,6,0,1,1,0\n",
    )
    .unwrap();
    let p = f.to_str().unwrap();
    let (code, out, err) = junheng(&[
        "locate", "mclp", "--points", p, "--radius", "1", "--p", "2", "--format", "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["objective"], 5.0);
    assert_eq!(v["sites"][0], 1);
    assert_ne!(v["sites"][1], 4);
    let (code, out, _) = junheng(&[
        "locate", "lscp", "--points", p, "--radius", "1", "--format", "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // a covers 2 points and every other site at most 3, so ≥ 1 + ⌈5/3⌉ = 3 sites; {a, c, f}
    // covers all seven.
    assert_eq!(v["objective"], 3.0);
    assert_eq!(v["lower_bound"], 3.0);
    std::fs::write(&f, "id,x,y,demand\na,0,zero,1\nb,1,0,-1\n").unwrap();
    let (code, _, err) = junheng(&["locate", "lscp", "--points", p, "--radius", "1"]);
    assert_ne!(code, 0);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with(&format!("{p}:2:y: ")), "{err}");
    assert!(lines[1].starts_with(&format!("{p}:3:demand: ")), "{err}");
}

#[test]
fn cover_cli_bench_runs_the_copied_optimal_table() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/data/mclp");
    let (code, out, err) = junheng(&["locate", "mclp", "--bench", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let mclp = out.lines().find(|l| l.starts_with("total:")).unwrap();
    assert!(
        mclp.starts_with("total: 54 rows, 54 at the known optimum, 54 proven optimal"),
        "{mclp}"
    );
    // The set-covering minimum of each of the 8 (instance, radius) pairs, from the same table.
    let lscp = out.lines().last().unwrap();
    assert!(
        lscp.starts_with("LSCP total: 8 radii, 8 at the known minimum, 8 proven optimal"),
        "{lscp}"
    );
    // Without the MILP (--time-limit 0) the engine's own branch and bound proves them too.
    let (code, out, err) = junheng(&[
        "locate",
        "mclp",
        "--bench",
        dir.to_str().unwrap(),
        "--time-limit",
        "0",
    ]);
    assert_eq!(code, 0, "{err}");
    let mclp = out.lines().find(|l| l.starts_with("total:")).unwrap();
    assert!(
        mclp.starts_with("total: 54 rows, 54 at the known optimum, 54 proven optimal (0 of them"),
        "{mclp}"
    );
}

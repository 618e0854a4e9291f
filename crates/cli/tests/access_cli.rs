//! `junheng access` on PySAL access's hospital example (files written from the reference JSON
//! copied into crates/core/tests/data/access_cases), compared with the reference values to 1e-9.

mod common;
use common::junheng;

use std::path::{Path, PathBuf};

fn reference() -> serde_json::Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/data/access_cases/access_reference_values.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// Writes demand.csv, supply.csv and cost.csv of one scenario into `dir`.
fn write_scenario(dir: &Path, scenario: usize) {
    let h = &reference()["hospital_example"];
    let tracts = &h["tracts(geoid: pop, doc)"];
    let mut demand = String::from("id,value\n");
    let mut supply = String::from("id,value\n");
    for k in 1..=3 {
        let t = &tracts[k.to_string()];
        demand.push_str(&format!("{k},{}\n", t[0]));
        supply.push_str(&format!("{k},{}\n", t[1]));
    }
    let mut cost = String::from("origin,destination,cost\n");
    for (pair, c) in h["results"][format!("scenario_{scenario}")]["costs"]
        .as_object()
        .unwrap()
    {
        let (o, d) = pair.split_once("->").unwrap();
        cost.push_str(&format!("{o},{d},{c}\n"));
    }
    std::fs::write(dir.join("demand.csv"), demand).unwrap();
    std::fs::write(dir.join("supply.csv"), supply).unwrap();
    std::fs::write(dir.join("cost.csv"), cost).unwrap();
}

#[test]
fn access_cli_reproduces_the_hospital_example_for_2sfca_and_3sfca() {
    let r = reference();
    for scenario in 0..4 {
        let dir = tempfile::tempdir().unwrap();
        write_scenario(dir.path(), scenario);
        let f = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
        for (method, key) in [
            ("2sfca", "2sfca_gravity_inv_d_max61"),
            ("3sfca", "3sfca_gravity_inv_d_max61"),
        ] {
            let (code, out, err) = junheng(&[
                "access",
                "--method",
                method,
                "--demand",
                &f("demand.csv"),
                "--supply",
                &f("supply.csv"),
                "--cost",
                &f("cost.csv"),
                "--max-cost",
                "61",
                "--alpha=-1",
                "--scale",
                "1",
                "--format",
                "json",
            ]);
            assert_eq!(code, 0, "{err}");
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(v["method"], method);
            let want = &r["hospital_example"]["results"][format!("scenario_{scenario}")][key];
            let values = v["values"].as_array().unwrap();
            assert_eq!(values.len(), 3);
            for (k, row) in values.iter().enumerate() {
                assert_eq!(row["id"], (k + 1).to_string(), "demand-file order");
                let got = row["access"].as_f64().unwrap();
                let exp = want[(k + 1).to_string()].as_f64().unwrap();
                assert!(
                    (got - exp).abs() < 1e-9,
                    "s{scenario} {method} {k}: {got} vs {exp}"
                );
            }
        }
    }
}

#[test]
fn access_cli_reports_every_bad_cell_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    write_scenario(dir.path(), 0);
    let f = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    std::fs::write(dir.path().join("demand.csv"), "id,value\n1,100\n1,x\n").unwrap();
    std::fs::write(
        dir.path().join("cost.csv"),
        "origin,destination,cost\n1,9,1\n1,1,-2\n",
    )
    .unwrap();
    let (code, _, err) = junheng(&[
        "access",
        "--method",
        "e2sfca",
        "--demand",
        &f("demand.csv"),
        "--supply",
        &f("supply.csv"),
        "--cost",
        &f("cost.csv"),
        "--max-cost",
        "30",
    ]);
    assert_ne!(code, 0);
    let lines: Vec<&str> = err.lines().collect();
    let d = f("demand.csv");
    let c = f("cost.csv");
    assert_eq!(
        lines,
        [
            format!("{d}:3:id: duplicate id (first seen on row 2) (value: \"1\")"),
            format!("{d}:3:value: expected a number (value: \"x\")"),
            format!("{c}:2:destination: no such id in the supply file (value: \"9\")"),
            format!(
                "{c}:3:cost: expected a non-negative number, got a negative one (value: \"-2\")"
            ),
        ]
    );
}

#[test]
fn gravity_with_a_zero_cost_names_the_pair() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str, t: &str| {
        let path = dir.path().join(n);
        std::fs::write(&path, t).unwrap();
        path.display().to_string()
    };
    let d = p("d.csv", "id,value\nA,100\nB,50\n");
    let s = p("s.csv", "id,value\nS,10\n");
    let c = p("c.csv", "origin,destination,cost\nA,S,0\nB,S,2\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args([
            "access",
            "--method",
            "gravity",
            "--alpha",
            "-1",
            "--demand",
            &d,
            "--supply",
            &s,
            "--cost",
            &c,
            "--max-cost",
            "10",
        ])
        .env("JUNHENG_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("origin A → destination S") && err.contains("infinite"),
        "{err}"
    );
    // A positive exponent is defined at zero cost.
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args([
            "access",
            "--method",
            "gravity",
            "--alpha",
            "1",
            "--demand",
            &d,
            "--supply",
            &s,
            "--cost",
            &c,
            "--max-cost",
            "10",
        ])
        .output()
        .unwrap();
    assert!(ok.status.success());
}

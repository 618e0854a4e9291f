//! One output contract for every command that prints a result: `--format json` parses and has
//! the response's top-level keys (the same JSON `junheng rpc` gives where the command has one),
//! `--format table` (the default) prints its header, and a bad input file ends in its located
//! error with a non-zero exit.

mod common;
use common::junheng;

use serde_json::Value;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/data");
const CENSUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/demo/census_331125.csv"
);

/// Runs the command with `--format json` and with `--format table` (and with no --format, which
/// must print the table); returns the parsed JSON and the table.
fn both(args: &[&str]) -> (Value, String) {
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (code, out, err) = junheng(&json_args);
    assert_eq!(code, 0, "{args:?}: {err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"));
    let mut table_args = args.to_vec();
    table_args.extend(["--format", "table"]);
    let (code, table, err) = junheng(&table_args);
    assert_eq!(code, 0, "{args:?}: {err}");
    let (code, default, _) = junheng(args);
    assert_eq!(code, 0);
    // Timings differ between runs: the tables' first words and their line counts agree.
    let head = |t: &str| t.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert_eq!(
        head(&default),
        head(&table),
        "{args:?}: the default is the table"
    );
    assert_eq!(default.lines().count(), table.lines().count());
    (v, table)
}

fn keys(v: &Value, want: &[&str]) {
    for k in want {
        assert!(v.get(k).is_some(), "missing key {k} in {v}");
    }
}

fn first_keys(v: &Value, want: &[&str]) {
    let first = &v.as_array().expect("an array")[0];
    keys(first, want);
}

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Self {
        Files {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn write(&self, name: &str, body: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p.to_str().unwrap().to_string()
    }
}

#[test]
fn database_commands_print_json_as_rpc_and_a_table_by_default() {
    let f = Files::new();
    let db = f.dir.path().join("d.db").to_str().unwrap().to_string();
    let db = db.as_str();
    assert_eq!(junheng(&["demo", "--db", db]).0, 0);

    let (v, t) = both(&["assess", "--db", db]);
    keys(&v, &["basis", "year", "county", "townships"]);
    assert!(t.contains("常住人口") && t.contains("云和县"), "{t}");
    // The same JSON as the command surface gives.
    let (_, rpc, _) = junheng(&["rpc", "--db", db, "assess", "{}"]);
    assert_eq!(v, serde_json::from_str::<Value>(&rpc).unwrap());

    let (v, t) = both(&["subsidy", "--db", db, "--from", "2025", "--to", "2026"]);
    keys(&v, &["basis", "per_child_year_yuan", "total_yuan", "years"]);
    assert_eq!(v["years"].as_array().unwrap().len(), 2);
    assert!(t.contains("育儿补贴(元)") && t.contains("\ntotal "), "{t}");

    let (v, t) = both(&[
        "overview", "--db", db, "--scope", "331100", "--year", "2025",
    ]);
    keys(&v, &["scope", "scope_name", "year", "counties"]);
    let (_, rpc, _) = junheng(&[
        "rpc",
        "--db",
        db,
        "get_overview",
        r#"{"scope":"331100","year":2025}"#,
    ]);
    assert_eq!(v, serde_json::from_str::<Value>(&rpc).unwrap());
    assert!(t.contains("常住人口") && t.contains("331125"), "{t}");

    let (v, t) = both(&["county", "list", "--db", db]);
    first_keys(&v, &["code", "name", "townships", "resident_population"]);
    assert!(t.starts_with("code") && t.contains("331125"), "{t}");

    let (v, t) = both(&["user", "list", "--db", db]);
    assert_eq!(v, serde_json::json!([]));
    assert!(t.starts_with("name"), "{t}");
    let (v, _) = both(&["user", "audit", "--db", db]);
    assert!(v.is_array(), "{v}");

    let zones = f.write("z.csv", "code,resident_population\n331125001,30000\n");
    let (v, t) = both(&["import", "zones", &zones, "--db", db, "--dry-run"]);
    assert!(v.is_object(), "{v}");
    assert!(t.contains("z.csv"), "{t}");
}

#[test]
fn county_add_prints_its_report() {
    let f = Files::new();
    let db = f.dir.path().join("c.db").to_str().unwrap().to_string();
    let (code, out, err) = junheng(&["county", "add", "330122", "--db", &db, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    keys(&v, &["code", "name", "found", "missing"]);
    assert_eq!(v["code"], "330122");
}

#[test]
fn file_commands_offer_json_and_a_table() {
    let f = Files::new();
    let (v, t) = both(&["norms"]);
    first_keys(&v, &["id", "value", "unit", "source"]);
    assert!(t.contains("elderly.beds_per_1000_elderly"), "{t}");

    let schools = f.write(
        "s.csv",
        "school_code,school_name,level,kind,students,classes,max_class_size,teachers_qualified,teachers_backbone,teachers_pe_art,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n\
         A,甲小学,primary,complete,100,3,45,4.2,1,0.9,450,750,200000,2.3\n",
    );
    let (v, t) = both(&["balance", "--schools", &schools]);
    keys(&v, &["levels", "improvements", "totals"]);
    assert!(
        t.starts_with("primary: 1 schools") && t.contains("indicator"),
        "{t}"
    );

    let (v, t) = both(&[
        "project", "--census", CENSUS, "--region", "331125", "--to", "2022",
    ]);
    keys(&v, &["region", "base_date", "years"]);
    assert_eq!(v["years"].as_array().unwrap().len(), 3);
    assert!(
        t.starts_with("331125 云和县") && t.contains("age_60_plus"),
        "{t}"
    );
    let (code, csv, _) = junheng(&[
        "project", "--census", CENSUS, "--region", "331125", "--to", "2022", "--format", "csv",
    ]);
    assert_eq!(code, 0);
    assert!(csv.starts_with("year,total,"), "{csv}");
    // The table's 2022 total is the JSON's, rounded to whole persons.
    let total = v["years"][2]["total"].as_f64().unwrap();
    let row = t.lines().last().unwrap();
    assert_eq!(
        row.split_whitespace().nth(1).unwrap(),
        format!("{total:.0}")
    );

    let demand = f.write("d.csv", "id,value\n1,100\n2,50\n");
    let supply = f.write("p.csv", "id,value\nA,10\n");
    let cost = f.write("c.csv", "origin,destination,cost\n1,A,5\n2,A,40\n");
    let access = [
        "access",
        "--method",
        "2sfca",
        "--demand",
        &demand,
        "--supply",
        &supply,
        "--cost",
        &cost,
        "--max-cost",
        "30",
    ];
    let (v, t) = both(&access);
    keys(&v, &["method", "values"]);
    // Only tract 1 (100 people) is within 30 of A: 10 / 100 = 0.1; tract 2 has no supply.
    assert_eq!(v["values"][0]["access"], 0.1);
    assert_eq!(v["values"][1]["access"], Value::Null);
    assert!(
        t.contains("id") && t.contains("0.100000") && t.contains("—"),
        "{t}"
    );
    let mut csv_args = access.to_vec();
    csv_args.extend(["--format", "csv"]);
    let (code, csv, _) = junheng(&csv_args);
    assert_eq!(code, 0);
    assert_eq!(csv.trim_end(), "id,access\n1,0.1\n2,");
}

fn objective_in_table(t: &str) -> f64 {
    let at = t.find("objective ").expect("an objective") + "objective ".len();
    t[at..].split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn every_locate_model_offers_json_and_a_table_with_the_same_objective() {
    let f = Files::new();
    let pmed = format!("{DATA}/locate/pmed1.txt");
    for model in ["pmedian", "pcenter"] {
        let (v, t) = both(&["locate", model, "--orlib", &pmed]);
        keys(
            &v,
            &[
                "model",
                "n",
                "p",
                "objective",
                "lower_bound",
                "gap",
                "sites",
            ],
        );
        assert!(t.starts_with(&format!("{model}: n 100 p 5")), "{t}");
        assert_eq!(objective_in_table(&t), v["objective"].as_f64().unwrap());
    }
    // pmed1's published optimum (OR-Library).
    let (v, _) = both(&["locate", "pmedian", "--orlib", &pmed]);
    assert_eq!(v["objective"], 5819.0);

    // Four points on a line, two sites of capacity 2: {1,2} to one, {3,4} to the other, cost 2.
    let lorena = f.write("l.txt", "4 2\n0 0 2 1\n1 0 2 1\n10 0 2 1\n11 0 2 1\n");
    let (v, t) = both(&["locate", "cpmp", "--lorena", &lorena]);
    keys(&v, &["model", "objective", "lower_bound", "sites"]);
    assert_eq!(v["objective"], 2.0);
    assert_eq!(objective_in_table(&t), 2.0);

    let sjc = format!("{DATA}/mclp/SJC324.txt");
    let mclp = [
        "locate", "mclp", "--sjc", &sjc, "--radius", "800", "--p", "3",
    ];
    let (v, t) = both(&mclp);
    keys(
        &v,
        &[
            "model",
            "objective",
            "upper_bound",
            "covered_share",
            "site_ids",
        ],
    );
    // The CBC optimum of optimal.tsv, and the table prints the JSON's objective.
    assert_eq!(v["objective"], 11604.0);
    assert_eq!(objective_in_table(&t), 11604.0);
    assert!(t.starts_with("mclp: n 324 p 3"), "{t}");

    let (v, t) = both(&["locate", "lscp", "--sjc", &sjc, "--radius", "800"]);
    assert_eq!(v["objective"], 5.0);
    assert_eq!(objective_in_table(&t), 5.0);
    assert!(t.starts_with("lscp: n 324 p 5"), "{t}");
}

#[test]
fn bad_files_end_in_located_errors_and_bad_arguments_in_coded_ones() {
    let f = Files::new();
    // An override file: line 3 is not TOML.
    let ov = f.write("o.toml", "[[override]]\nid = \"x\"\nvalue = = 1\n");
    let (code, out, err) = junheng(&["norms", "--overrides", &ov]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.starts_with(&format!("{ov}:3:: not valid TOML")),
        "{err}"
    );
    // An unknown id: its line and column.
    let ov = f.write(
        "u.toml",
        "# province\n[[override]]\nid = \"no.such\"\nvalue = 1\nsource = \"s\"\n",
    );
    let (code, _, err) = junheng(&["norms", "--overrides", &ov, "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        format!("{ov}:3:id: unknown norm id `no.such` (value: \"no.such\")")
    );
    // A Lorena–Senne instance with a word among its numbers.
    let l = f.write("l.txt", "4 2\n0 0 2 1\n1 zero 2 1\n");
    let (code, _, err) = junheng(&["locate", "cpmp", "--lorena", &l, "--format", "json"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!("{l}:3:2: expected a number")),
        "{err}"
    );
    // Migration for `project`: an age out of range.
    let m = f.write("m.csv", "year,sex,age,net\n2021,male,130,5\n");
    let (code, _, err) = junheng(&[
        "project",
        "--census",
        CENSUS,
        "--region",
        "331125",
        "--migration",
        &m,
    ]);
    assert_eq!(code, 1);
    assert!(err.starts_with(&format!("{m}:2:age: ")), "{err}");
    // A missing file is named.
    let (code, _, err) = junheng(&["balance", "--schools", "/nonexistent/s.csv"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("/nonexistent/s.csv:1:: cannot read the file"),
        "{err}"
    );
    // Arguments: a coded one-line error, in English and in Chinese.
    let (code, _, err) = junheng(&["project", "--census", CENSUS, "--region", "999999"]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error[cli.bad_argument]: --region: `999999` not found"),
        "{err}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["project", "--census", CENSUS, "--region", "999999"])
        .env("JUNHENG_LANG", "zh")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("错误[cli.bad_argument]：--region: "),
        "{err}"
    );
    assert!(err.contains("没有 `999999`"), "{err}");
    // A missing database: its code, and the way to make one.
    let (code, _, err) = junheng(&["assess", "--db", "/nonexistent/x.db"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error[cli.no_database]: database /nonexistent/x.db does not exist"),
        "{err}"
    );
}

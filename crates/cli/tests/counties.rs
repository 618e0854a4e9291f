//! Setting up a real county from the bundled national data, as a planner outside the demo county
//! does it: 海原县 (640522), whose 2020 bulletin and 2023 code list disagree, and the codes a
//! planner may type by mistake. Every expected figure is recomputed here from the bundled
//! bulletin file (a second reading of the source), not copied from the program's output.

mod common;
use common::junheng;
use serde_json::Value;

const BULLETINS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/reference/sources/china_township_census2020/china_township_pop2020_bulletins.csv"
);

/// 海原县's bulletin rows: (name, 2023 code or "", 2020 population), each unit once.
fn haiyuan_bulletin() -> Vec<(String, String, u64)> {
    let mut r = csv::Reader::from_path(BULLETINS).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (county, name, code, pop) = (
        col("county_code"),
        col("township_name"),
        col("stats_code_2023_match"),
        col("pop_2020"),
    );
    let mut rows: Vec<(String, String, u64)> = Vec::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        if &rec[county] != "640522" {
            continue;
        }
        let row = (
            rec[name].to_string(),
            rec[code].to_string(),
            rec[pop].parse().unwrap(),
        );
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    rows
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = junheng(args);
    assert_eq!(code, 0, "junheng {args:?}: {out}{err}");
    out
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).unwrap()
}

#[test]
fn haiyuan_is_set_up_from_its_census_and_bulletin_with_the_remainder_unallocated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let db = db.to_str().unwrap();
    let bulletin = haiyuan_bulletin();
    // The bulletin: 20 units; 19 of them carry a 2023 code, 海城街道办 none.
    assert_eq!(bulletin.len(), 20);
    let coded: Vec<_> = bulletin.iter().filter(|b| !b.1.is_empty()).collect();
    assert_eq!(coded.len(), 19);
    let coded_sum: u64 = coded.iter().map(|b| b.2).sum();
    let all_sum: u64 = bulletin.iter().map(|b| b.2).sum();
    assert_eq!(all_sum, 333_518, "the bulletin adds up to the census total");

    let out = ok(&["county", "add", "640522", "--db", db]);
    assert!(out.contains("海城街道办") && out.contains("82417"), "{out}");
    assert!(
        out.contains("640522402") && out.contains("640522406"),
        "{out}"
    );

    let list = json(&["county", "list", "--db", db, "--format", "json"]);
    let c = &list[0];
    assert_eq!(c["code"], "640522");
    assert_eq!(c["resident_population"], 333_518);
    assert_eq!(c["townships"], 21, "the 2023 list");
    assert_eq!(c["townships_with_population"], 19);
    assert_eq!(c["unallocated_population"], all_sum - coded_sum);
    assert_eq!(c["has_outline"], true);

    let a = json(&["assess", "--db", db, "--format", "json"]);
    assert_eq!(a["basis"], "census_2020");
    assert_eq!(a["county"]["resident_population"], 333_518.0);
    let towns = a["townships"].as_array().unwrap();
    assert_eq!(towns.len(), 21);
    for (name, code, pop) in &coded {
        let t = towns.iter().find(|t| t["code"] == code.as_str()).unwrap();
        assert_eq!(t["resident_population"], *pop as f64, "{name} {code}");
        assert_eq!(a["population_status"][code.as_str()], "census");
    }
    let township_sum: f64 = towns
        .iter()
        .map(|t| t["resident_population"].as_f64().unwrap())
        .sum();
    assert_eq!(township_sum, coded_sum as f64);
    assert_eq!(
        a["unallocated"]["resident_population"],
        (all_sum - coded_sum) as f64
    );
    // The two units of the 2023 list that the bulletin lacks are pending, not empty.
    for code in ["640522402", "640522406"] {
        assert_eq!(a["population_status"][code], "pending", "{code}");
    }

    // The bulletin itself as an import: 海城街道办 has no code, so the file is refused with the
    // row and column named, and nothing is written.
    let file = dir.path().join("bulletin.csv");
    let mut csv = String::from("code,resident_population,name\n");
    for (name, code, pop) in &bulletin {
        csv.push_str(&format!("{code},{pop},{name}\n"));
    }
    std::fs::write(&file, csv).unwrap();
    let before = std::fs::read(db).unwrap();
    let (code, out, err) = junheng(&["import", "zones", file.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 1, "{out}{err}");
    let row = 2 + bulletin.iter().position(|b| b.1.is_empty()).unwrap();
    assert!(
        err.contains(&format!(":{row}:")) && err.contains("code"),
        "the error names row {row} and the code column: {err}"
    );
    assert!(std::fs::read(db).unwrap() == before, "the database changed");

    // A partial file (two townships) moves people between them and the remainder only: the
    // county keeps its census total and every other township its figure.
    std::fs::write(
        &file,
        "code,resident_population,name\n640522402,1200,老城管理办公室\n640522100,20000,海城镇\n",
    )
    .unwrap();
    ok(&["import", "zones", file.to_str().unwrap(), "--db", db]);
    let b = json(&["assess", "--db", db, "--format", "json"]);
    assert_eq!(b["county"]["resident_population"], 333_518.0);
    let towns_b = b["townships"].as_array().unwrap();
    let pop_of = |code: &str| {
        towns_b.iter().find(|t| t["code"] == code).unwrap()["resident_population"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(pop_of("640522402"), 1200.0);
    assert_eq!(pop_of("640522100"), 20000.0);
    assert_eq!(pop_of("640522101"), 29379.0, "李旺镇 untouched");
    assert_eq!(b["population_status"]["640522402"], "imported");
    assert_eq!(b["population_status"]["640522406"], "pending");
    // 82,417 − 1,200 − (20,000 − 19,691) = 80,908 left unallocated.
    assert_eq!(b["unallocated"]["resident_population"], 80_908.0);
}

#[test]
fn codes_that_are_not_a_current_county_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let db = db.to_str().unwrap();
    ok(&["demo", "--db", db]);
    let before = std::fs::read(db).unwrap();
    for (code, says) in [
        ("999999", "not a current county-level division code"),
        ("330100", "is a prefecture"),
        ("330000", "is a province"),
        ("330114", "has no census table"),
        ("330103", "abolished or merged after the 2020 census"),
        ("33012", "6 digits"),
    ] {
        let (rc, out, err) = junheng(&["county", "add", code, "--db", db]);
        assert_eq!(rc, 1, "{code}: {out}{err}");
        assert!(err.contains(says), "{code}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            std::fs::read(db).unwrap() == before,
            "{code} changed the db"
        );
    }
    // The obsolete 下城区 names the units created in its prefecture since.
    let (_, _, err) = junheng(&["county", "add", "330103", "--db", db]);
    assert!(err.contains("330113") && err.contains("330114"), "{err}");
}

#[test]
fn with_two_counties_a_command_without_county_is_refused_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("two.db");
    let db = db.to_str().unwrap();
    ok(&["demo", "--db", db]);
    ok(&["county", "add", "330122", "--db", db]);
    let (rc, out, err) = junheng(&["assess", "--db", db, "--format", "json"]);
    assert_eq!(rc, 1, "{out}{err}");
    assert!(err.contains("331125") && err.contains("330122"), "{err}");
    let a = json(&[
        "assess", "--db", db, "--county", "330122", "--format", "json",
    ]);
    assert_eq!(a["county"]["name"], "桐庐县");
    // 桐庐县 in the 7th-census yearbook (data/census, row 330122): 453,106 residents.
    assert_eq!(a["county"]["resident_population"], 453_106.0);
    let (rc, _, err) = junheng(&["county", "remove", "330122", "--db", db]);
    assert_ne!(rc, 0, "remove without --yes must not delete");
    assert!(!err.is_empty());
    ok(&["county", "remove", "330122", "--db", db, "--yes"]);
    let list = json(&["county", "list", "--db", db, "--format", "json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn a_places_file_with_points_outside_the_county_is_refused_with_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let db = db.to_str().unwrap();
    ok(&["county", "add", "640522", "--db", db]);
    let file = dir.path().join("places.csv");
    // 北京 (116.40, 39.90) lies far outside 海原县 (≈105.6°E, 36.6°N).
    std::fs::write(
        &file,
        "code,name,lon,lat,population\n640522100001,城关社区,105.65,36.56,3000\n640522100002,远方村,116.40,39.90,800\n",
    )
    .unwrap();
    let before = std::fs::read(db).unwrap();
    let (rc, out, err) = junheng(&["import", "places", file.to_str().unwrap(), "--db", db]);
    assert_eq!(rc, 1, "{out}{err}");
    assert!(err.contains(":3:"), "the error names row 3: {err}");
    assert!(std::fs::read(db).unwrap() == before, "the database changed");
}

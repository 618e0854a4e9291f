//! The `junheng` binary as a user runs it: outputs, exit codes and one-line errors.

mod common;
use common::junheng;

#[test]
fn demo_then_assess_reports_129216_residents_with_consistent_ratios() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let (code, out, _) = junheng(&["demo", "--db", db]);
    assert_eq!(code, 0);
    assert!(out.contains("云和县"));
    let (code, out, err) = junheng(&["assess", "--db", db, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = &v["county"];
    assert_eq!(c["resident_population"].as_f64(), Some(129_216.0));
    let ratio =
        |n: &str, d: &str, scale: f64| c[n].as_f64().unwrap() / c[d].as_f64().unwrap() * scale;
    assert!(
        (c["slots_per_1000"].as_f64().unwrap()
            - ratio("childcare_slots", "resident_population", 1000.0))
        .abs()
            < 1e-12
    );
    assert!(
        (c["nursing_bed_share"].as_f64().unwrap() - ratio("nursing_beds", "institution_beds", 1.0))
            .abs()
            < 1e-12
    );
    assert!(
        (c["beds_per_1000_elderly"].as_f64().unwrap()
            - ratio("institution_beds", "population_60_plus", 1000.0))
        .abs()
            < 1e-12
    );
    let share = c["nursing_bed_share"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&share));
    let towns = v["townships"].as_array().unwrap();
    let sum: f64 = towns
        .iter()
        .map(|t| t["resident_population"].as_f64().unwrap())
        .sum();
    assert_eq!(sum, 129_216.0);
    for field in [
        "code",
        "name",
        "resident_population",
        "childcare_slots",
        "slots_per_1000",
        "population_60_plus",
        "institution_beds",
        "nursing_beds",
        "nursing_bed_share",
        "beds_per_1000_elderly",
        "schools_total",
        "schools_meeting_standard",
    ] {
        assert!(c.get(field).is_some(), "county lacks {field}");
        assert!(towns[0].get(field).is_some(), "township lacks {field}");
    }
}

#[test]
fn missing_database_and_bad_arguments_give_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let (code, out, err) = junheng(&["assess", "--db", missing.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("does not exist") && err.contains("junheng demo"),
        "{err}"
    );
    assert!(!missing.exists(), "assess must not create a database");

    let (code, _, err) = junheng(&["assess", "--format", "xml"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("xml"), "{err}");

    let notdb = dir.path().join("text.db");
    std::fs::write(&notdb, "plain text, not SQLite ".repeat(20)).unwrap();
    let (code, _, err) = junheng(&["assess", "--db", notdb.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("text.db"), "{err}");
}

const HEADER: &str = "school_code,school_name,level,kind,students,classes,max_class_size,teachers_qualified,teachers_backbone,teachers_pe_art,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n";

#[test]
fn balance_weights_the_cv_by_students() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.csv");
    // Backbone teachers per 100 students: A = 1.0 (100 students), B = 3.0 (300 students).
    // X̄ = 2.5, S² = 0.25·2.25 + 0.75·0.25 = 0.75, CV = √0.75 / 2.5 = 0.346410…
    std::fs::write(
        &file,
        format!("{HEADER}A,甲小学,primary,complete,100,3,45,4.2,1,0.9,450,750,200000,2.3\nB,乙小学,primary,complete,300,7,45,12.6,9,2.7,1350,2250,600000,6.9\n"),
    )
    .unwrap();
    let (code, out, err) = junheng(&[
        "balance",
        "--schools",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let level = &v["levels"][0];
    assert_eq!(level["level"], "primary");
    assert_eq!(level["students"], 400);
    let backbone = level["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "teachers_backbone_per100")
        .unwrap();
    assert!((backbone["cv"].as_f64().unwrap() - 0.75f64.sqrt() / 2.5).abs() < 1e-12);
    assert_eq!(level["schools"][0]["passes"], true);
}

#[test]
fn balance_rejects_a_bad_cell_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        format!("{HEADER}A,甲小学,primary,complete,abc,3,45,4.2,1,0.9,450,750,200000,2.3\n"),
    )
    .unwrap();
    let (code, out, err) = junheng(&["balance", "--schools", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.trim_end()
            .ends_with("bad.csv:2:students: expected a non-negative whole number (value: \"abc\")"),
        "{err}"
    );
}

#[test]
fn an_override_file_changes_the_limit_and_a_bad_one_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.csv");
    std::fs::write(
        &file,
        format!("{HEADER}A,甲小学,primary,complete,100,3,45,4.2,1,0.9,450,750,200000,2.3\nB,乙小学,primary,complete,300,7,45,12.6,9,2.7,1350,2250,600000,6.9\n"),
    )
    .unwrap();
    // The backbone CV is 0.3464 (see above): within the national 0.50, not within 0.30.
    let ov = dir.path().join("province.toml");
    std::fs::write(
        &ov,
        "[[override]]\nid = \"school.cv_limit.primary\"\nvalue = 0.30\n",
    )
    .unwrap();
    let (code, out, err) = junheng(&[
        "balance",
        "--schools",
        file.to_str().unwrap(),
        "--overrides",
        ov.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let backbone = v["levels"][0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "teachers_backbone_per100")
        .unwrap();
    assert_eq!(backbone["cv_limit"], 0.30);
    assert_eq!(backbone["cv_ok"], false);
    assert_eq!(v["levels"][0]["passes"], false);

    std::fs::write(
        &ov,
        "[[override]]\nid = \"school.cv_limit.primary\"\nvalue = \"low\"\n",
    )
    .unwrap();
    let (code, _, err) = junheng(&[
        "balance",
        "--schools",
        file.to_str().unwrap(),
        "--overrides",
        ov.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("province.toml:3:"), "{err}");
}

//! `junheng import facilities`: every bad cell located, nothing written on failure (the database
//! file stays byte-identical), Chinese headers and GBK accepted, a clean file written.

mod common;
use common::junheng;

const HEADER: &str = "id,name,kind,township_code,lon,lat,ownership,inclusive,status,opening_year,service_mode,registered_slots,infant_classes,toddler_small_classes,toddler_large_classes,mixed_classes,nursery_classes,caregivers,beds,nursing_beds\n";

#[test]
fn a_bad_file_is_rejected_cell_by_cell_and_the_database_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let db = db.to_str().unwrap();
    assert_eq!(junheng(&["demo", "--db", db]).0, 0);
    let before = std::fs::read(db).unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        format!(
            "{HEADER}N1,新托育园,childcare_institution,331125001,119.5888,28.1523,public,true,existing,2026,full_day,60,0,2,1,0,0,9,,\n\
             N2,错误园,nursery,331125999,119.5888,28.1523,public,maybe,existing,2026,full_day,-3,0,2,1,0,0,9,,\n\
             N3,县外养老院,elderly_institution,331125001,121.0000,30.0000,public,true,existing,2026,,,,,,,,,100,80\n\
             N1,重复,childcare_institution,331125001,119.5888,28.1523,public,true,existing,2026,full_day,60,0,2,1,0,0,9,,\n"
        ),
    )
    .unwrap();
    let (code, out, err) = junheng(&["import", "facilities", file.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 1, "{out}");
    let f = file.to_str().unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{f}:3:kind: expected one of: childcare_center, childcare_institution, community_childcare, kindergarten_nursery_class, employer_childcare, family_childcare, elderly_institution, nursing_home, day_care_center, community_elderly_station, primary_school, junior_school, nine_year_school, twelve_year_school, senior_high_school, teaching_point, 托育综合服务中心, 托育机构, 社区嵌入式托育点, 幼儿园托班, 用人单位办托, 家庭托育点, 养老机构, 护理院, 老年人日间照料中心, 社区养老服务站, 小学, 初中, 九年一贯制学校, 十二年一贯制学校, 普通高中, 教学点 (\"nursery\")").as_str(),
            format!("{f}:3:township_code: not a township code of this county (\"331125999\")").as_str(),
            format!("{f}:3:inclusive: expected one of: true, false, 是, 否, 1, 0 (\"maybe\")").as_str(),
            format!("{f}:4:lon: the location lies outside the county (\"121.0000\")").as_str(),
            format!("{f}:5:id: duplicate id (\"N1\")").as_str(),
        ]
    );
    assert!(
        std::fs::read(db).unwrap() == before,
        "a rejected import changed the database"
    );
}

#[test]
fn chinese_headers_in_gbk_import_and_show_up_in_the_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let db = db.to_str().unwrap();
    assert_eq!(junheng(&["demo", "--db", db]).0, 0);
    let text = "编号,名称,类型,乡镇（街道）代码,经度,纬度,举办性质,普惠,状态,开办年份,服务模式,核定托位,乳儿班,托小班,托大班,混合班,幼儿园托班,保育人员\n\
                N1,浮云社区托育点,社区嵌入式托育点,331125001,119.5888,28.1523,公办,是,现状,2026,全日托,40,0,0,2,0,0,6\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let file = dir.path().join("托育.csv");
    std::fs::write(&file, &gbk).unwrap();
    let before = std::fs::read(db).unwrap();
    let (code, out, err) = junheng(&[
        "import",
        "facilities",
        file.to_str().unwrap(),
        "--db",
        db,
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 added") && out.contains("dry run"), "{out}");
    assert!(
        std::fs::read(db).unwrap() == before,
        "a dry run wrote to the database"
    );
    let (code, _, err) = junheng(&["import", "facilities", file.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = junheng(&["assess", "--db", db, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // 2 托大班 × 20 = 40 places; 6 caregivers × 7 = 42 ≥ 40; registered 40 → 40 more slots.
    assert_eq!(v["county"]["childcare_slots"], 452 + 40);
}

#[test]
fn township_populations_import_with_their_age_structure_and_the_county_follows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let db = db.to_str().unwrap();
    assert_eq!(junheng(&["demo", "--db", db]).0, 0);
    let before = std::fs::read(db).unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "code,resident_population\n331125001,-1\n331125999,100\n331125002,many\n",
    )
    .unwrap();
    let (code, _, err) = junheng(&["import", "zones", bad.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 1);
    let b = bad.to_str().unwrap();
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            format!("{b}:2:resident_population: expected a non-negative whole number, got a negative one (\"-1\")").as_str(),
            format!("{b}:3:code: not a township code of this county (\"331125999\")").as_str(),
            format!("{b}:4:resident_population: expected a non-negative whole number (\"many\")").as_str(),
        ]
    );
    assert!(
        std::fs::read(db).unwrap() == before,
        "a rejected import changed the database"
    );

    // 浮云街道 15,277 → 20,000 and 赤石乡 5,664 → 6,000: the county grows by 4,723 + 336.
    let good = dir.path().join("pop.csv");
    std::fs::write(
        &good,
        "乡镇（街道）代码,名称,常住人口\n331125001,,20000\n331125206,赤石乡,6000\n",
    )
    .unwrap();
    let (code, out, err) = junheng(&["import", "zones", good.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("county population 134275"), "{out}");
    let (_, out, _) = junheng(&["assess", "--db", db, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["county"]["resident_population"].as_f64(),
        Some((129_216 + 4_723 + 336) as f64)
    );
    let fuyun = v["townships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "331125001")
        .unwrap();
    assert_eq!(fuyun["resident_population"].as_f64(), Some(20_000.0));
    // The age structure is kept: the 60+ share stays within rounding of the old 3,096 / 15,277.
    let share = fuyun["population_60_plus"].as_f64().unwrap() / 20_000.0;
    assert!(
        (share - 3_096.0 / 15_277.0).abs() < 19.0 / 20_000.0,
        "{share}"
    );
}

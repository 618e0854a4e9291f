//! The UI's fixtures are the backend's real answers for the demo county. The UI type-checks
//! them against its TypeScript types (vue-tsc) and its tests run on them, so this test is the
//! link that makes a change of a response shape fail CI until both sides agree.
//! Regenerate with `UPDATE_UI_FIXTURES=1 cargo test -p junheng-api --test ui_fixtures`.

use std::path::PathBuf;

use junheng_api::{dispatch, Ctx};
use serde_json::{json, Value};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/fixtures")
        .join(name)
}

#[tokio::test]
async fn ui_fixtures_equal_the_real_responses() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = Ctx::open_sqlite(&dir.path().join("j.db"), true)
        .await
        .unwrap();
    let update = std::env::var_os("UPDATE_UI_FIXTURES").is_some();
    let mut stale = Vec::new();
    // A sample scenario for the scenario pages: a new 1+N centre, an 扩建 with nursing beds,
    // and a 转为普惠.
    dispatch(&ctx, "save_scenario", json!({ "scenario": {
        "id": "demo-1",
        "name": "方案一：新建社区托育与护理型床位扩建",
        "description": "2026年元和街道新建社区嵌入式托育点；2027年夕阳红老年公寓扩建为护理型；2028年用人单位托育点转为普惠",
        "interventions": [
            { "id": "i1", "year": 2026, "action": { "type": "build", "facility": {
                "id": "N-DEMO-1", "name": "元和街道社区嵌入式托育点（新建）", "kind": "community_childcare",
                "township_code": "", "location": { "lon": 119.6625, "lat": 28.1237 },
                "ownership": "public", "inclusive": true, "status": "planned", "opening_year": 2026,
                "sample": true,
                "childcare": { "service_mode": "full_day", "registered_slots": null, "infant_classes": 1,
                    "toddler_small_classes": 2, "toddler_large_classes": 2, "mixed_classes": 0,
                    "nursery_classes": 0, "caregivers": 14 },
                "elderly": null, "school_sections": [] } } },
            { "id": "i2", "year": 2027, "action": { "type": "expand", "facility_id": "EL03",
                "elderly": { "beds": 220, "nursing_beds": 180, "nursing_rooms": null,
                    "max_beds_per_room": null, "room_usable_area_m2": null } } },
            { "id": "i3", "year": 2028, "action": { "type": "make_inclusive", "facility_id": "CC06" } }
        ]
    }}))
    .await
    .unwrap();
    let siting =
        json!({"category": "childcare", "model": "pmedian", "new_sites": 2, "radius_m": 1000});
    for (cmd, file, payload) in [
        // Pinned to a year: the default (this year) would make the fixture depend on the date.
        (
            "get_dashboard",
            "dashboard.demo.json",
            json!({ "as_of": 2026 }),
        ),
        ("get_school_balance", "school_balance.demo.json", json!({})),
        // The census base, which a population edit sets.
        ("assess", "assess.demo.json", json!({})),
        ("list_norms", "norms.demo.json", json!({})),
        ("get_outlook", "outlook.demo.json", json!({})),
        ("optimize_sites", "siting.demo.json", siting),
        ("list_scenarios", "scenarios.demo.json", json!({})),
        ("get_facilities", "facilities.demo.json", json!({})),
        (
            "get_accessibility",
            "accessibility.demo.json",
            json!({ "category": "childcare" }),
        ),
        (
            "compare_scenarios",
            "compare.demo.json",
            json!({ "ids": ["base", "demo-1"] }),
        ),
        // 丽水市: nine counties, the demo county stored, the rest from the census alone.
        (
            "get_overview",
            "overview.331100.json",
            json!({ "scope": "331100", "year": 2026 }),
        ),
        (
            "preview_facility",
            "preview_facility.demo.json",
            json!({ "facility": new_centre("<b>新建</b>托育点") }),
        ),
    ] {
        record(&ctx, cmd, file, payload, update, &mut stale).await;
    }
    many_counties(update, &mut stale).await;
    imports(update, &mut stale).await;
    edited_county(update, &mut stale).await;
    markup_names(update, &mut stale).await;
    monitoring(update, &mut stale).await;
    assert!(
        stale.is_empty(),
        "UI fixtures differ from the backend: {stale:?}; run UPDATE_UI_FIXTURES=1 cargo test -p junheng-api --test ui_fixtures and check the UI types"
    );
}

/// Records (or checks) the answer of `cmd`: the response, or the error as `{code, message,
/// params}` when the command refuses.
async fn record(
    ctx: &Ctx,
    cmd: &str,
    file: &'static str,
    payload: Value,
    update: bool,
    stale: &mut Vec<&'static str>,
) {
    let mut real = match dispatch(ctx, cmd, payload).await {
        Ok(v) => v,
        Err(e) => serde_json::to_value(e).unwrap(),
    };
    // Timings and clock times differ run to run; the fixture holds the rest exactly.
    if let Some(s) = real.get_mut("seconds") {
        *s = json!(0.0);
    }
    blank_times(&mut real);
    // Compared as text: re-parsing printed floats is not always bit-exact.
    let real = serde_json::to_string_pretty(&real).unwrap() + "\n";
    let path = fixture(file);
    if update {
        std::fs::write(&path, real).unwrap();
    } else if std::fs::read_to_string(&path).unwrap_or_default() != real {
        stale.push(file);
    }
}

/// Change-log times (`at`) are the clock's: fixed to one instant so the fixture is stable.
fn blank_times(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if let Some(at) = m.get_mut("at") {
                if at.is_string() {
                    *at = json!("2026-03-02T08:30:00Z");
                }
            }
            m.values_mut().for_each(blank_times);
        }
        Value::Array(a) => a.iter_mut().for_each(blank_times),
        _ => {}
    }
}

/// A new 社区托育点 as the scenario form starts it (1 乳儿班, 2 托小班, 2 托大班, 14 保育人员).
fn new_centre(name: &str) -> Value {
    json!({
        "id": "N-DEMO-2", "name": name, "kind": "community_childcare", "township_code": "331125002",
        "location": { "lon": 119.6625, "lat": 28.1237 },
        "ownership": "public", "inclusive": true, "status": "planned", "opening_year": 2027,
        "sample": false,
        "childcare": { "service_mode": "full_day", "registered_slots": null, "infant_classes": 1,
            "toddler_small_classes": 2, "toddler_large_classes": 2, "mixed_classes": 0,
            "nursery_classes": 0, "caregivers": 14 },
        "elderly": null, "school_sections": []
    })
}

async fn demo_db(dir: &tempfile::TempDir) -> Ctx {
    Ctx::open_sqlite(&dir.path().join("j.db"), true)
        .await
        .unwrap()
}

/// The county switcher and the 新建县区 wizard: the division lists, a preview, and a database
/// holding the demo and 海原县 (640522: 19 of its 21 townships have bulletin figures, the rest
/// of the census total is 未分配, 待导入 townships, no township boundaries, an outline).
async fn many_counties(update: bool, stale: &mut Vec<&'static str>) {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_db(&dir).await;
    let calls: [(&str, &'static str, Value); 9] = [
        ("search_divisions", "divisions.provinces.json", json!({})),
        (
            "search_divisions",
            "divisions.330000.json",
            json!({ "within": "330000" }),
        ),
        (
            "search_divisions",
            "divisions.330100.json",
            json!({ "within": "330100" }),
        ),
        (
            "search_divisions",
            "divisions.search_tl.json",
            json!({ "query": "tl", "near": "331125" }),
        ),
        (
            "preview_county",
            "county_preview.330122.json",
            json!({ "code": "330122" }),
        ),
        (
            "create_county",
            "create_county.640522.json",
            json!({ "code": "640522" }),
        ),
        ("list_counties", "counties.json", json!({})),
        (
            "get_dashboard",
            "dashboard.640522.json",
            json!({ "county": "640522", "as_of": 2026 }),
        ),
        (
            "create_county",
            "create_county.330100.error.json",
            json!({ "code": "330100" }),
        ),
    ];
    for (cmd, file, payload) in calls {
        record(&ctx, cmd, file, payload, update, stale).await;
    }
}

/// The change log after edits and imports of every kind, and an import refused with more
/// errors than are listed (the closing line, row 0, counts the rest).
async fn edited_county(update: bool, stale: &mut Vec<&'static str>) {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_db(&dir).await;
    let author = json!("王规划");
    dispatch(
        &ctx,
        "edit_population",
        json!({ "author": author, "township_code": "331125001", "resident_population": 40000 }),
    )
    .await
    .unwrap();
    let zones = "乡镇（街道）代码,常住人口\n331125002,20000\n331125003,15000\n";
    dispatch(
        &ctx,
        "import_zones",
        json!({ "author": author, "file_name": "乡镇人口.csv", "base64": b64(zones) }),
    )
    .await
    .unwrap();
    let facilities: Vec<Value> =
        serde_json::from_value(dispatch(&ctx, "get_facilities", json!({})).await.unwrap()).unwrap();
    let cc01 = facilities
        .iter()
        .find(|f| f["id"] == "CC01")
        .unwrap()
        .clone();
    dispatch(
        &ctx,
        "edit_facility",
        json!({ "author": author, "action": "delete", "summary": "删除 城关托育中心",
                "before": cc01, "after": null }),
    )
    .await
    .unwrap();
    dispatch(&ctx, "clear_sample_facilities", json!({ "author": author }))
        .await
        .unwrap();
    dispatch(&ctx, "undo_edit", json!({})).await.unwrap();
    record(
        &ctx,
        "get_change_log",
        "change_log.demo.json",
        json!({}),
        update,
        stale,
    )
    .await;
    // 205 rows with an unknown township code: 200 listed, one line counting the other 5.
    let mut bad = String::from("编号,名称,类型,乡镇（街道）代码,经度,纬度,举办性质,普惠,状态,开办年份,服务模式,核定托位,乳儿班,托小班,托大班,混合班,幼儿园托班,保育人员\n");
    for i in 0..205 {
        bad.push_str(&format!(
            "X{i},托育点{i},社区嵌入式托育点,331125999,119.6625,28.1237,公办,是,现状,2024,全日托,,0,1,1,0,0,4\n"
        ));
    }
    record(
        &ctx,
        "import_facilities",
        "import_errors.demo.json",
        json!({ "file_name": "设施.csv", "base64": b64(&bad), "dry_run": true }),
        update,
        stale,
    )
    .await;
}

/// A township and a facility named with markup, as a careless or hostile file could name
/// them: the UI must show the text, never run it.
async fn markup_names(update: bool, stale: &mut Vec<&'static str>) {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_db(&dir).await;
    let markup = "<img src=x onerror=alert(1)>";
    dispatch(
        &ctx,
        "add_township",
        json!({ "author": "测试", "code": "331125990", "name": markup, "kind": "其他",
                "resident_population": 0 }),
    )
    .await
    .unwrap();
    // Its seat gives it an estimated boundary, so the name reaches the map's labels too.
    dispatch(
        &ctx,
        "set_township_seats",
        json!({ "author": "测试", "seats": [{ "code": "331125990", "seat": { "lon": 119.6625, "lat": 28.1237 } }] }),
    )
    .await
    .unwrap();
    let mut f = new_centre(markup);
    f["status"] = json!("existing");
    dispatch(
        &ctx,
        "edit_facility",
        json!({ "author": "测试", "action": "add", "summary": "新建", "before": null, "after": f }),
    )
    .await
    .unwrap();
    record(
        &ctx,
        "get_dashboard",
        "dashboard.markup.json",
        json!({ "as_of": 2026 }),
        update,
        stale,
    )
    .await;
}

fn b64(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
}

/// A zones file of three townships (the import page's test file), the demo boundaries and a
/// village file: previews and dry runs as the import page gets them.
pub const ZONES_CSV: &str = "乡镇（街道）代码,名称,常住人口,备注\n331125001,浮云街道,45210,\n331125002,元和街道,30500,新城区\n331125105,崇头镇,8900,\n";
const PLACES_CSV: &str = "村/社区代码,名称,经度,纬度,常住人口\n331125001001,城东社区,119.57,28.11,3200\n331125002001,元和社区,119.6625,28.1237,2100\n";

async fn imports(update: bool, stale: &mut Vec<&'static str>) {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_db(&dir).await;
    let geojson = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/townships.geojson"),
    )
    .unwrap();
    // 户籍: 19 age bands of 3,000 men and 3,500 women.
    let bands = [
        "0",
        "1-4",
        "5-9",
        "10-14",
        "15-19",
        "20-24",
        "25-29",
        "30-34",
        "35-39",
        "40-44",
        "45-49",
        "50-54",
        "55-59",
        "60-64",
        "65-69",
        "70-74",
        "75-79",
        "80-84",
        "85岁及以上",
    ];
    let hukou = std::iter::once("年龄组,男,女".to_string())
        .chain(bands.iter().map(|b| format!("{b},3000,3500")))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let calls: [(&str, &'static str, Value); 7] = [
        (
            "preview_import",
            "preview_import.hukou.json",
            json!({ "kind": "hukou", "file_name": "户籍.csv", "base64": b64(&hukou) }),
        ),
        (
            "import_hukou",
            "import_hukou.dry_run.json",
            json!({ "file_name": "户籍.csv", "base64": b64(&hukou), "dry_run": true }),
        ),
        (
            "preview_import",
            "preview_import.zones.json",
            json!({ "kind": "zones", "file_name": "乡镇人口.csv", "base64": b64(ZONES_CSV) }),
        ),
        (
            "import_zones",
            "import_zones.dry_run.json",
            json!({ "file_name": "乡镇人口.csv", "base64": b64(ZONES_CSV), "dry_run": true }),
        ),
        (
            "import_boundaries",
            "import_boundaries.dry_run.json",
            json!({ "file_name": "townships.geojson", "base64": b64(&geojson), "crs": "gcj02", "dry_run": true }),
        ),
        (
            "preview_import",
            "preview_import.places.json",
            json!({ "kind": "places", "file_name": "村社区.csv", "base64": b64(PLACES_CSV) }),
        ),
        (
            "import_places",
            "import_places.dry_run.json",
            json!({ "file_name": "村社区.csv", "base64": b64(PLACES_CSV), "crs": "gcj02", "dry_run": true }),
        ),
    ];
    for (cmd, file, payload) in calls {
        record(&ctx, cmd, file, payload, update, stale).await;
    }
}

/// Two years of actuals (2024 and 2025) for the 监测 page, its subsidy budget, and the next
/// year's file as the import tab validates it: CC07 (5 托位) with 30 children and EL04 (120
/// beds) with 150 residents are implausible, so the dry run warns.
async fn monitoring(update: bool, stale: &mut Vec<&'static str>) {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_db(&dir).await;
    let header = "设施编号,在托人数,入住人数,其中失能人数,出生登记人数,死亡登记人数,全县在托婴幼儿数,年末常住人口,年末户籍人口\n";
    let y2024 = format!(
        "{header}CC01,120,,,,,,,\nCC02,70,,,,,,,\nCC03,40,,,,,,,\nEL01,,250,150,,,,,\nEL02,,200,100,,,,,\n全县,,,,700,1000,260,128100,112400\n"
    );
    let y2025 = format!(
        "{header}CC01,130,,,,,,,\nCC02,80,,,,,,,\nCC03,50,,,,,,,\nEL01,,270,170,,,,,\nEL02,,210,110,,,,,\n全县,,,,650,1020,290,128300,112200\n"
    );
    for (year, text) in [(2024, &y2024), (2025, &y2025)] {
        dispatch(
            &ctx,
            "import_actuals",
            json!({ "author": "王规划", "file_name": "年度实际数.csv", "base64": b64(text), "year": year }),
        )
        .await
        .unwrap();
    }
    let y2026 = format!(
        "{header}CC01,135,,,,,,,\nCC07,30,,,,,,,\nEL01,,280,180,,,,,\nEL04,,150,90,,,,,\n全县,,,,620,1030,300,128400,112000\n"
    );
    let calls: [(&str, &'static str, Value); 5] = [
        (
            "get_monitoring",
            "monitoring.demo.json",
            json!({ "from": 2020, "to": 2030 }),
        ),
        (
            "get_subsidy",
            "subsidy.demo.json",
            json!({ "from": 2025, "to": 2035 }),
        ),
        ("get_actuals", "actuals.demo.json", json!({})),
        (
            "preview_import",
            "preview_import.actuals.json",
            json!({ "kind": "actuals", "file_name": "年度实际数.csv", "base64": b64(&y2026) }),
        ),
        (
            "import_actuals",
            "import_actuals.dry_run.json",
            json!({ "file_name": "年度实际数.csv", "base64": b64(&y2026), "year": 2026, "dry_run": true }),
        ),
    ];
    for (cmd, file, payload) in calls {
        record(&ctx, cmd, file, payload, update, stale).await;
    }
}

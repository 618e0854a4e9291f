//! The UI's fixtures are the backend's real answers for the demo county. The UI type-checks
//! them against its TypeScript types (vue-tsc) and its tests run on them, so this test is the
//! link that makes a change of a response shape fail CI until both sides agree.
//! Regenerate with `UPDATE_UI_FIXTURES=1 cargo test -p junheng-api --test ui_fixtures`.

use std::path::PathBuf;

use junheng_api::{dispatch, Ctx};
use serde_json::json;

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
    ] {
        let mut real = dispatch(&ctx, cmd, payload).await.unwrap();
        // Timings differ run to run; the fixture holds the rest exactly.
        if let Some(s) = real.get_mut("seconds") {
            *s = json!(0.0);
        }
        // Compared as text: re-parsing printed floats is not always bit-exact.
        let real = serde_json::to_string_pretty(&real).unwrap() + "\n";
        let path = fixture(file);
        if update {
            std::fs::write(&path, real).unwrap();
            continue;
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != real {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "UI fixtures differ from the backend: {stale:?}; run UPDATE_UI_FIXTURES=1 cargo test -p junheng-api --test ui_fixtures and check the UI types"
    );
}

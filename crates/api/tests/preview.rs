//! `preview_facility`: the capacity of a facility being typed into a form, from core with the
//! county's norms. Figures worked out by hand from the national class sizes and ratios
//! (乳儿班 10 children at 1:3, 托小班 15 at 1:5, 托大班 20 at 1:7).

use junheng_api::{dispatch, Ctx};
use serde_json::{json, Value};

async fn demo_ctx(dir: &tempfile::TempDir) -> Ctx {
    Ctx::open_sqlite(&dir.path().join("j.db"), true)
        .await
        .unwrap()
}

fn centre(caregivers: u32, registered: Option<u32>) -> Value {
    json!({
        "id": "", "name": "社区托育点", "kind": "community_childcare", "township_code": "",
        "location": { "lon": 119.6625, "lat": 28.1237 },
        "ownership": "public", "inclusive": true, "status": "planned", "opening_year": 2027,
        "sample": false,
        "childcare": { "service_mode": "full_day", "registered_slots": registered,
            "infant_classes": 1, "toddler_small_classes": 2, "toddler_large_classes": 2,
            "mixed_classes": 0, "nursery_classes": 0, "caregivers": caregivers },
        "elderly": null, "school_sections": []
    })
}

#[tokio::test]
async fn childcare_slots_and_binding_constraint_follow_the_county_norms() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    // Class places 10 + 2 × 15 + 2 × 20 = 80. Fourteen carers: six fill the 托大班 (40), six the
    // 托小班 (30), two take 2 × 3 = 6 infants: 76, so the carers bind.
    let a = dispatch(
        &ctx,
        "preview_facility",
        json!({ "facility": centre(14, None) }),
    )
    .await
    .unwrap();
    assert_eq!(a["childcare_slots"], 76);
    assert_eq!(a["binding_constraint"], "caregivers");
    let limits: Vec<(String, u64)> = a["childcare_capacity"]["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["constraint"].as_str().unwrap().to_string(),
                c["slots"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(limits.contains(&("class_places".into(), 80)), "{limits:?}");
    assert!(limits.contains(&("caregivers".into(), 76)), "{limits:?}");

    // A registered capacity below both binds.
    let a = dispatch(
        &ctx,
        "preview_facility",
        json!({ "facility": centre(14, Some(60)) }),
    )
    .await
    .unwrap();
    assert_eq!(a["childcare_slots"], 60);
    assert_eq!(a["binding_constraint"], "registered_slots");

    // With the county's infant ratio raised to 1:5, two carers take all 10 infants: the class
    // places (80) bind instead. The preview reads the county's overrides, not national values.
    dispatch(
        &ctx,
        "set_norm_override",
        json!({ "id": "childcare.ratio.infant", "value": 5, "source": "测试" }),
    )
    .await
    .unwrap();
    let a = dispatch(
        &ctx,
        "preview_facility",
        json!({ "facility": centre(14, None) }),
    )
    .await
    .unwrap();
    assert_eq!(a["childcare_slots"], 80);
    assert_eq!(a["binding_constraint"], "class_places");
}

#[tokio::test]
async fn out_of_range_inputs_are_refused_and_unknown_counties_named() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let mut f = centre(14, None);
    f["childcare"]["infant_classes"] = json!(500_000_000u64);
    let e = dispatch(&ctx, "preview_facility", json!({ "facility": f }))
        .await
        .unwrap_err();
    assert_eq!(e.code.as_str(), "edit.out_of_range");
    assert_eq!(e.params["field"], "infant_classes");
    let e = dispatch(
        &ctx,
        "preview_facility",
        json!({ "county": "330122", "facility": centre(14, None) }),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code.as_str(), "data.county_not_found");
}

//! One county view per request: the report reads its county once and projects each assumption
//! set once, and a projection cut from a longer one is the shorter projection bit for bit (so
//! that sharing one run changes no figure).

use junheng_api::{dispatch, Ctx, ProjectionSpec, Work};
use serde_json::json;

/// Without the read cache: these tests count the work of one request on its own.
async fn demo_ctx(dir: &tempfile::TempDir) -> Ctx {
    Ctx::open_sqlite(&dir.path().join("j.db"), true)
        .await
        .unwrap()
        .with_cache(None)
}

/// Work done by one command on a fresh context.
async fn work_of(cmd: &str, payload: serde_json::Value) -> Work {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let before = ctx.work();
    dispatch(&ctx, cmd, payload).await.unwrap();
    let after = ctx.work();
    Work {
        county_loads: after.county_loads - before.county_loads,
        projections: after.projections - before.projections,
    }
}

#[tokio::test]
async fn the_report_loads_the_county_once_and_projects_once() {
    // Before the county view the report loaded the county 7 times and ran 6 projections
    // (to 2026; to 2035 twice; to 2025 three times). The demo county has no 户籍 table and the
    // base scenario uses the medium variant, so one projection serves every section.
    for format in ["pdf", "xlsx"] {
        let w = work_of(
            "export_county_report",
            json!({ "format": format, "as_of": 2026 }),
        )
        .await;
        assert_eq!(
            w,
            Work {
                county_loads: 1,
                projections: 1
            },
            "{format}"
        );
    }
}

#[tokio::test]
async fn each_command_loads_its_county_once() {
    for (cmd, payload, projections) in [
        ("get_dashboard", json!({ "as_of": 2026 }), 1),
        ("get_outlook", json!({}), 1),
        ("get_accessibility", json!({ "category": "school" }), 1),
        ("get_school_balance", json!({}), 0),
        ("compare_scenarios", json!({ "ids": ["base"] }), 1),
        ("get_monitoring", json!({}), 1),
        // The resident projection for the 入托率 baseline and the subsidy's own basis are the
        // same assumption set without a 户籍 table: one run.
        ("get_subsidy", json!({}), 1),
        ("export_school_balance", json!({}), 0),
    ] {
        let w = work_of(cmd, payload).await;
        assert_eq!(
            w,
            Work {
                county_loads: 1,
                projections
            },
            "{cmd}"
        );
    }
}

#[tokio::test]
async fn a_projection_cut_from_a_longer_one_is_the_shorter_one() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let spec = ProjectionSpec::medium();
    let long = ctx.view(None).await.unwrap().with_horizon(2035);
    for to in [2021, 2025, 2026, 2030] {
        let own = ctx.view(None).await.unwrap();
        let direct = own.projection(&spec, to).await.unwrap();
        let cut = long.projection(&spec, to).await.unwrap();
        assert_eq!(direct.county.last().unwrap().year, to);
        assert!(direct.county == cut.county, "county series differ to {to}");
        assert!(direct.zones == cut.zones, "zone series differ to {to}");
        assert!(direct.rates == cut.rates, "rates differ to {to}");
    }
    let before = ctx.work().projections;
    long.projection(&spec, 2035).await.unwrap();
    assert_eq!(
        ctx.work().projections,
        before,
        "2035 is already in the view"
    );
}

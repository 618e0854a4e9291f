//! The county report against the commands it summarises, computed a second time on their own:
//! its KPI table is the dashboard of the same year, its 监测 and 补贴测算 sections are what
//! `get_monitoring` and `get_subsidy` answer, and its map is the one `export_map_png` draws.

use std::process::Command;

use base64::Engine;
use junheng_api::{
    county_report_model, current_year, dispatch, Ctx, Dashboard, ErrorCode, ExportFile,
    SubsidyBudget, REPORT_PLAN_YEARS,
};
use junheng_core::monitoring::Monitoring;
use junheng_report::kpi_value_text;
use junheng_report::map::class_breaks;
use serde_json::json;

async fn demo_ctx(dir: &tempfile::TempDir) -> Ctx {
    Ctx::open_sqlite(&dir.path().join("j.db"), true)
        .await
        .unwrap()
}

/// The report's model as `export_county_report` builds it: one view with the plan horizon.
async fn model(ctx: &Ctx, year: i32, lang: &str) -> junheng_report::CountyReport {
    let v = ctx
        .view(None)
        .await
        .unwrap()
        .with_horizon(REPORT_PLAN_YEARS.1);
    county_report_model(&v, lang, &[], year).await.unwrap()
}

async fn call<T: serde::de::DeserializeOwned>(
    ctx: &Ctx,
    cmd: &str,
    payload: serde_json::Value,
) -> T {
    serde_json::from_value(dispatch(ctx, cmd, payload).await.unwrap()).unwrap()
}

#[tokio::test]
async fn the_kpi_table_is_the_dashboard_of_the_same_year() {
    for year in [2020, 2025, 2026, 2030] {
        let dir = tempfile::tempdir().unwrap();
        let ctx = demo_ctx(&dir).await;
        let r = model(&ctx, year, "zh-CN").await;
        // A second context: the dashboard projects to its own year, not cut from 2035.
        let dir2 = tempfile::tempdir().unwrap();
        let ctx2 = demo_ctx(&dir2).await;
        let dash: Dashboard = call(&ctx2, "get_dashboard", json!({ "as_of": year })).await;
        assert_eq!(r.as_of, year);
        assert_eq!(r.kpis, dash.kpis, "{year}");
        for (t, z) in r.townships.iter().zip(&dash.townships) {
            assert_eq!(
                (t.population, t.slots_per_1000),
                (z.resident_population, z.slots_per_1000)
            );
        }
    }
}

#[tokio::test]
async fn monitoring_and_subsidy_sections_are_the_commands_answers() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    // The 监测 page looks from this year; so does a report as of this year.
    let now = current_year().clamp(2020, 2030);
    let r = model(&ctx, now, "zh-CN").await;
    let m: Monitoring = call(&ctx, "get_monitoring", json!({})).await;
    assert_eq!(r.monitoring.as_ref(), Some(&m));
    let b: SubsidyBudget = call(&ctx, "get_subsidy", json!({})).await;
    let s = r.subsidy.as_ref().unwrap();
    assert_eq!(s.years, b.years);
    assert_eq!(s.total_yuan, b.total_yuan);
    assert_eq!(s.per_child_year_yuan, 3_600.0);
    assert_eq!(s.on_hukou, b.basis == "hukou");
    // By hand: each year's 育儿补贴 is 3,600 元 × its person-years under 3.
    for y in &s.years {
        assert!((y.childcare_subsidy_yuan - 3_600.0 * y.children_under3_person_years).abs() < 1e-6);
    }
}

#[tokio::test]
async fn the_report_says_its_year_basis_and_the_mortality_used() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let r = model(&ctx, 2026, "zh-CN").await;
    assert_eq!(r.basis.census_date, "2020-11-01");
    // 云和县 is in Zhejiang, whose 2020 life expectancy moves the national path.
    assert_eq!(r.basis.mortality_province.as_deref(), Some("浙江"));
    let m = &r.assumptions.projection.mortality;
    assert_eq!(m.province_e0_2020, Some(80.19));
    assert!(m.source.as_deref().is_some_and(|s| !s.is_empty()));
    // Demand, cost and subsidy norms are listed with their units for the report to format.
    assert!(r
        .assumptions
        .norms
        .iter()
        .any(|n| n.id == "demand.childcare.uptake" && n.unit == "比例"));
    assert!(r
        .assumptions
        .norms
        .iter()
        .any(|n| n.id == "subsidy.childcare.per_child_year"));
    // The generated date is today in the local calendar.
    assert_eq!(
        r.generated_on,
        chrono::Local::now().format("%Y-%m-%d").to_string()
    );
}

#[tokio::test]
async fn the_map_breaks_at_the_target_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    // 2025: the 十四五 4.5‰ is in force, and the demo townships lie on both sides of it (the
    // dashboard's old class 3.25–6.49 straddled it).
    let r = model(&ctx, 2025, "zh-CN").await;
    assert_eq!(r.map.target, Some(4.5));
    let values: Vec<f64> = r.map.zones.iter().filter_map(|z| z.value).collect();
    assert!(values.iter().any(|v| *v < 4.5) && values.iter().any(|v| *v >= 4.5));
    let c = class_breaks(&values, r.map.target, 5, 0.01).unwrap();
    assert_eq!(c.breaks[c.target.unwrap()], 4.5);
    for v in values {
        assert_eq!(c.meets(c.index(v)), Some(v >= 4.5), "{v}");
    }
    // 2026: no 每千人口托位 target is in force any more, so none is drawn.
    assert_eq!(model(&ctx, 2026, "zh-CN").await.map.target, None);
}

/// Width and height from a PNG's header (the report crate's tests decode the pixels).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[tokio::test]
async fn export_map_png_draws_the_requested_size() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    for (layer, w, h, lang) in [
        ("slots_per_1000", 1200, 860, "zh-CN"),
        ("nursing_bed_share", 640, 900, "en"),
        ("enrolment_rate", 400, 400, "zh-CN"),
    ] {
        let f: ExportFile = call(
            &ctx,
            "export_map_png",
            json!({ "layer": layer, "as_of": 2026, "width": w, "height": h, "lang": lang }),
        )
        .await;
        assert_eq!(f.mime, "image/png");
        assert!(f.file_name.starts_with("云和县_") && f.file_name.ends_with("_2026.png"));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&f.base64)
            .unwrap();
        assert_eq!(png_size(&bytes), (w, h), "{layer}");
    }
    for (w, h) in [(399, 600), (600, 4001), (0, 0)] {
        let e = dispatch(
            &ctx,
            "export_map_png",
            json!({ "layer": "slots_per_1000", "width": w, "height": h }),
        )
        .await
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::ExportBadSize, "{w}×{h}");
        assert_eq!(e.params["width"], json!(w));
    }
    let e = dispatch(
        &ctx,
        "export_map_png",
        json!({ "layer": "beds", "width": 800 }),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::BadRequest);
    let e = dispatch(
        &ctx,
        "export_map_png",
        json!({ "layer": "slots_per_1000", "as_of": 2019 }),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::ProjectionBadYears);
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Text of a PDF through pdftotext, `None` locally without it; under CI its absence fails.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        assert!(
            !in_ci(),
            "pdftotext is required when CI is set (apt-get install poppler-utils)"
        );
        eprintln!("SKIPPED: pdftotext not installed; PDF text checks not run (required under CI)");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    Some(String::from_utf8(out.stdout).unwrap())
}

#[tokio::test]
async fn the_pdf_prints_the_dashboards_figures() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let f: ExportFile = call(
        &ctx,
        "export_county_report",
        json!({ "format": "pdf", "as_of": 2026 }),
    )
    .await;
    assert_eq!(f.file_name, "331125_云和县_公共服务能力规划报告.pdf");
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(&f.base64)
        .unwrap();
    let Some(text) = pdftotext(&pdf) else {
        return;
    };
    let squeezed: String = text.split_whitespace().collect();
    let dash: Dashboard = call(&ctx, "get_dashboard", json!({ "as_of": 2026 })).await;
    for k in &dash.kpis {
        if let Some(v) = k.value {
            assert!(
                squeezed.contains(&kpi_value_text(k.key, v)),
                "{:?} {v}",
                k.key
            );
        }
    }
    for needle in [
        "数据年份：2026年",
        "2030年目标≥73.0%",
        "2026年无现行目标",
        "五、动态监测",
        "六、补贴测算",
        "死亡水平按浙江",
    ] {
        assert!(squeezed.contains(needle), "{needle} missing:\n{text}");
    }
    for leak in ["Some(", "0.3比例", "可调整", "按全国路径"] {
        assert!(!squeezed.contains(leak), "{leak} in the report");
    }
}

//! The command surface end to end on the demo county: figures worked out by hand from the demo
//! files, township sums, and errors as `{code, message, params}`.

use junheng_api::{dispatch, Ctx, COMMANDS};
use serde_json::{json, Value};

async fn demo_ctx(dir: &tempfile::TempDir) -> Ctx {
    Ctx::open_sqlite(&dir.path().join("j.db"), true)
        .await
        .unwrap()
}

#[tokio::test]
async fn assess_reports_the_demo_county_consistently() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let out = dispatch(&ctx, "assess", json!({})).await.unwrap();
    let c = &out["county"];
    assert_eq!(c["code"], "331125");
    assert_eq!(c["name"], "云和县");
    // Without as_of: the census base itself, and it says so.
    assert_eq!(out["basis"], "census_2020");
    assert_eq!(c["resident_population"].as_f64(), Some(129_216.0));
    // Childcare places in service, effective slots worked out by hand from facilities.csv:
    // CC01 150 (registered) + CC02 56 (8 caregivers × 7) + CC03 68 (2×15 + 20 + 18 classes)
    // + CC04 80 (4 托班 × 20) + CC05 28 (4 × 7) + CC06 30 (registered) + CC07 5 (family cap)
    // + CC08 35 (classes) = 452. CC09 is planned and CC10 a candidate: not counted.
    assert_eq!(c["childcare_slots"], 452);
    let slots_per_1000 = c["slots_per_1000"].as_f64().unwrap();
    assert!((slots_per_1000 - 452.0 / 129_216.0 * 1000.0).abs() < 1e-12);
    // 60+ from the census row: sum of the 60-64 … 85+ bands of both sexes.
    let pop60 = c["population_60_plus"].as_f64().unwrap();
    let beds = c["institution_beds"].as_u64().unwrap();
    assert_eq!(beds, 970);
    assert_eq!(c["nursing_beds"], 584);
    assert!((c["nursing_bed_share"].as_f64().unwrap() - 584.0 / 970.0).abs() < 1e-12);
    assert!(
        (c["beds_per_1000_elderly"].as_f64().unwrap() - beds as f64 / pop60 * 1000.0).abs() < 1e-12
    );
    // 14 compulsory schools, SC07 a teaching point of 36 pupils excluded (< 50): 13 assessed,
    // of which SC02, SC04 and SC10 fail.
    assert_eq!(c["schools_total"], 13);
    assert_eq!(c["schools_meeting_standard"], 10);

    let towns = out["townships"].as_array().unwrap();
    assert_eq!(towns.len(), 10);
    for key in ["resident_population", "population_60_plus"] {
        let sum: f64 = towns.iter().map(|t| t[key].as_f64().unwrap()).sum();
        assert_eq!(sum, c[key].as_f64().unwrap(), "{key}");
    }
    for key in [
        "childcare_slots",
        "institution_beds",
        "nursing_beds",
        "schools_total",
        "schools_meeting_standard",
    ] {
        let sum: u64 = towns.iter().map(|t| t[key].as_u64().unwrap()).sum();
        assert_eq!(sum, c[key].as_u64().unwrap(), "{key}");
    }
}

#[tokio::test]
async fn dashboard_explains_each_kpi_with_the_target_in_force_that_year() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let targets = |d: &Value| -> Vec<Option<f64>> {
        d["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["target"]["value"].as_f64())
            .collect()
    };
    let d = dispatch(&ctx, "get_dashboard", json!({ "as_of": 2025 }))
        .await
        .unwrap();
    let kpis = d["kpis"].as_array().unwrap();
    let keys: Vec<&str> = kpis.iter().map(|k| k["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "slots_per_1000",
            "enrolment_rate",
            "nursing_bed_share",
            "beds_per_1000_elderly",
            "schools_meeting_standard"
        ]
    );
    // 2025: the 十四五 targets; no 入托率 target yet.
    assert_eq!(
        targets(&d),
        [Some(4.5), None, Some(0.55), Some(40.0), Some(1.0)]
    );
    for k in kpis.iter().filter(|k| !k["target"].is_null()) {
        assert!(!k["target"]["norm"]["source"].as_str().unwrap().is_empty());
        assert_eq!(k["year"], 2025);
        assert!(!k["formula"].as_str().unwrap().is_empty());
        assert_eq!(k["inputs"].as_array().unwrap().len(), 2);
    }
    assert_eq!(kpis[0]["meets"], false);
    // Without enrolment figures the 入托率 has no value and says why.
    assert!(kpis[1]["value"].is_null());
    assert!(kpis[1]["missing_zh"].as_str().unwrap().contains("在托"));
    // 2026: 4.5‰ has expired (no target, no verdict); 73% for nursing beds; 入托率 the national
    // 12% + 6 points.
    let d = dispatch(&ctx, "get_dashboard", json!({ "as_of": 2026 }))
        .await
        .unwrap();
    let t = targets(&d);
    assert_eq!(t[0], None);
    assert!((t[1].unwrap() - 0.18).abs() < 1e-12);
    assert_eq!(&t[2..], [Some(0.73), Some(40.0), Some(1.0)]);
    assert!(d["kpis"][0]["meets"].is_null());
    assert_eq!(d["kpis"][0]["target"]["by_year"], Value::Null);
    assert_eq!(d["kpis"][2]["target"]["by_year"], 2030);
    assert_eq!(d["boundaries"]["features"].as_array().unwrap().len(), 10);
    assert_eq!(d["facilities"].as_array().unwrap().len(), 33);
    // 2031: nothing of the 十五五 is in force any more, only the GB 50437 bed standard.
    let d = dispatch(&ctx, "get_dashboard", json!({ "as_of": 2031 }))
        .await
        .unwrap();
    assert_eq!(targets(&d), [None, None, None, Some(40.0), None]);
    // Years outside 2020–2035 are refused.
    let e = dispatch(&ctx, "get_dashboard", json!({ "as_of": 2040 }))
        .await
        .unwrap_err();
    assert_eq!(e.code.as_str(), "projection.bad_years");
}

#[tokio::test]
async fn the_dashboard_as_of_2026_equals_the_projection_of_2026() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let d = dispatch(&ctx, "get_dashboard", json!({ "as_of": 2026 }))
        .await
        .unwrap();
    let o = dispatch(&ctx, "get_outlook", json!({ "from": 2025, "to": 2030 }))
        .await
        .unwrap();
    let year = |zone: &Value| {
        zone["years"]
            .as_array()
            .unwrap()
            .iter()
            .find(|y| y["need"]["year"] == 2026)
            .unwrap()
            .clone()
    };
    let c = &d["county_assessment"];
    let y = year(&o["county"]);
    for (ours, theirs) in [
        ("resident_population", "population"),
        ("population_0_2", "children_0_2"),
        ("population_60_plus", "aged_60_plus"),
    ] {
        let (a, b) = (
            c[ours].as_f64().unwrap(),
            y["need"][theirs].as_f64().unwrap(),
        );
        assert!((a - b).abs() < 1e-9, "{ours}: {a} vs {b}");
    }
    // 35,400 aged 60+ at the end of 2026 (with Zhejiang's life expectancy; 34,552 on the national
    // path), against 26,194 in the census of 2020: 970 beds are 27.4 per 1,000, not 37.0.
    assert_eq!(c["population_60_plus"].as_f64().unwrap().round(), 35_400.0);
    let per_1000 = c["beds_per_1000_elderly"].as_f64().unwrap();
    assert!((per_1000 - 970.0 / c["population_60_plus"].as_f64().unwrap() * 1000.0).abs() < 1e-9);
    assert!((per_1000 - 27.40).abs() < 0.01, "{per_1000}");
    assert_eq!(d["as_of"], 2026);
    assert_eq!(d["basis"]["kind"], "projection");
    // Townships add up to the county (the demo has no unallocated remainder).
    let sum: f64 = d["townships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["resident_population"].as_f64().unwrap())
        .sum();
    assert!((sum - c["resident_population"].as_f64().unwrap()).abs() < 1e-6);
    assert!(d["unallocated"].is_null());
    // A facility planned for 2027 is not in service in 2026.
    let planned = d["facilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "planned")
        .unwrap();
    let opens = planned["opening_year"].as_i64().unwrap();
    assert_eq!(planned["in_service"], opens <= 2026);
}

#[tokio::test]
async fn errors_carry_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let empty = Ctx::open_sqlite(&dir.path().join("empty.db"), false)
        .await
        .unwrap();
    let e = dispatch(&empty, "get_dashboard", json!({}))
        .await
        .unwrap_err();
    assert_eq!(e.code.as_str(), "data.no_county");
    let e = dispatch(&empty, "no_such", json!({})).await.unwrap_err();
    assert_eq!(e.code.as_str(), "api.unknown_command");
    let e = dispatch(&empty, "assess", json!({"bogus": 1}))
        .await
        .unwrap_err();
    assert_eq!(e.code.as_str(), "api.bad_request");
    assert!(COMMANDS.iter().any(|c| c.name == "list_norms"));
}

#[tokio::test]
async fn a_norm_override_changes_the_verdict_and_is_traced() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    // 护理型床位占比 is 584/970 = 60.2%: in 2025 it meets 55% but not a county target of 65%.
    let as_of_2025 = json!({ "as_of": 2025 });
    let d = dispatch(&ctx, "get_dashboard", as_of_2025.clone())
        .await
        .unwrap();
    assert_eq!(d["kpis"][2]["meets"], true);
    let v = dispatch(
        &ctx,
        "set_norm_override",
        json!({"id": "elderly.nursing_bed_share.target_2025", "value": 0.65, "source": "县级规划"}),
    )
    .await
    .unwrap();
    let n = v["norms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "elderly.nursing_bed_share.target_2025")
        .unwrap();
    assert_eq!(n["value"], 0.65);
    assert_eq!(n["national_value"], 0.55);
    assert_eq!(n["overridden"], true);
    assert_eq!(n["origin"], "county_override");
    let d = dispatch(&ctx, "get_dashboard", as_of_2025.clone())
        .await
        .unwrap();
    assert_eq!(d["kpis"][2]["meets"], false);
    assert_eq!(d["kpis"][2]["target"]["norm"]["source"], "县级规划");
    let e = dispatch(
        &ctx,
        "set_norm_override",
        json!({"id": "no.such", "value": 1, "source": "x"}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code.as_str(), "norms.unknown_id");
    // Values outside a norm's domain are refused naming the range, and nothing is written: a
    // 托育需求率 of 250 % is not a share.
    let db = dir.path().join("j.db");
    let files =
        || ["", "-wal"].map(|s| std::fs::read(format!("{}{s}", db.display())).unwrap_or_default());
    let before = files();
    let e = dispatch(
        &ctx,
        "set_norm_override",
        json!({"id": "demand.childcare.uptake", "value": 2.5, "source": "县级规划"}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code.as_str(), "norms.invalid_value");
    assert_eq!(e.params["range"], "0–1");
    assert!(files() == before, "a refused override changed the database");
    // A class size of 0 is not a class; a year of 1800 is not a plan year.
    for (id, v) in [
        ("childcare.class_max.infant", 0.0),
        ("school.senior.enrolment_peak_year", 1800.0),
    ] {
        let e = dispatch(
            &ctx,
            "set_norm_override",
            json!({"id": id, "value": v, "source": "x"}),
        )
        .await
        .unwrap_err();
        assert_eq!(e.code.as_str(), "norms.invalid_value", "{id}");
    }
    // The source is required.
    let e = dispatch(
        &ctx,
        "set_norm_override",
        json!({"id": "demand.childcare.uptake", "value": 0.4, "source": "  "}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code.as_str(), "norms.no_source");
    let e = dispatch(
        &ctx,
        "set_norm_override",
        json!({"id": "elderly.beds_per_1000_elderly", "value": -1, "source": "x"}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code.as_str(), "norms.invalid_value");
    dispatch(
        &ctx,
        "clear_norm_override",
        json!({"id": "elderly.nursing_bed_share.target_2025"}),
    )
    .await
    .unwrap();
    let d = dispatch(&ctx, "get_dashboard", as_of_2025).await.unwrap();
    assert_eq!(d["kpis"][2]["meets"], true);
}

#[tokio::test]
async fn school_balance_of_the_demo_matches_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let b = dispatch(&ctx, "get_school_balance", json!({}))
        .await
        .unwrap();
    assert_eq!(b["excluded"], json!(["SC07"]));
    let levels = b["levels"].as_array().unwrap();
    assert_eq!(levels.len(), 2);
    // Sections: primary SC01–SC06 + SC12–SC14 = 9; junior SC08–SC11 + SC12–SC14 = 7.
    assert_eq!(levels[0]["school_count"], 9);
    assert_eq!(levels[1]["school_count"], 7);
    let failing: Vec<&str> = b["improvements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["school_code"].as_str().unwrap())
        .collect();
    assert_eq!(failing, ["SC02", "SC04", "SC10"]);
    // SC04 fails only on class size (47 > 45): it needs classes, not resources.
    let sc04 = &b["improvements"][1];
    assert!(sc04["extra_classes"].as_u64().unwrap() >= 1);
    assert!(sc04["additions"].as_array().unwrap().is_empty());
    // 129,216 residents ≥ 50,000: the county needs a 普通高中; it has SC14 (十二年一贯制) and SC15.
    assert_eq!(b["senior_high_rule"]["needs_senior_high"], true);
    assert_eq!(b["senior_high_rule"]["senior_high_schools"], 2);
    assert_eq!(b["senior_high_rule"]["satisfied"], true);
}

#[tokio::test]
async fn outlook_projects_the_demo_county_and_its_townships_consistently() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let o = dispatch(&ctx, "get_outlook", json!({})).await.unwrap();
    let years = o["county"]["years"].as_array().unwrap();
    assert_eq!(years.first().unwrap()["need"]["year"], 2025);
    assert_eq!(years.last().unwrap()["need"]["year"], 2035);
    assert_eq!(years.len(), 11);
    // Townships are raked to the county: every year's populations sum to the county's.
    for (k, y) in years.iter().enumerate() {
        let county = y["need"]["population"].as_f64().unwrap();
        let sum: f64 = o["townships"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["years"][k]["need"]["population"].as_f64().unwrap())
            .sum();
        assert!((sum - county).abs() < 1e-6 * county, "{sum} vs {county}");
        // Capacity in 2025 is the dashboard's: 452 slots, 970 beds; CC09 (planned 2027) adds 60.
        let slots = y["capacity"]["childcare_slots"].as_f64().unwrap();
        let year = y["need"]["year"].as_i64().unwrap();
        assert_eq!(slots, if year >= 2027 { 512.0 } else { 452.0 });
        let gap = y["gap"]["childcare_slots"].as_f64().unwrap();
        assert!((gap - (y["need"]["childcare_slots"].as_f64().unwrap() - slots)).abs() < 1e-9);
    }
    // The base pyramid is the census: 129,216 residents.
    let p0 = &o["pyramids"][0];
    assert_eq!(p0["date"], "2020-11-01");
    let total: f64 = p0["male"]
        .as_array()
        .unwrap()
        .iter()
        .chain(p0["female"].as_array().unwrap())
        .map(|v| v.as_f64().unwrap())
        .sum();
    assert!((total - 129_216.0).abs() < 1e-6);
    // A low variant has fewer children in 2035 than the high one.
    let low = dispatch(&ctx, "get_outlook", json!({"variant": "low"}))
        .await
        .unwrap();
    let high = dispatch(&ctx, "get_outlook", json!({"variant": "high"}))
        .await
        .unwrap();
    let kids = |v: &Value| {
        v["county"]["years"][10]["need"]["children_0_2"]
            .as_f64()
            .unwrap()
    };
    assert!(kids(&low) < kids(&o) && kids(&o) < kids(&high));
    let e = dispatch(&ctx, "get_outlook", json!({"from": 2030, "to": 2025}))
        .await
        .unwrap_err();
    assert_eq!(e.code.as_str(), "projection.bad_years");
}

#[tokio::test]
async fn school_balance_exports_to_xlsx_and_saves_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let f = dispatch(&ctx, "export_school_balance", json!({}))
        .await
        .unwrap();
    assert_eq!(f["file_name"], "331125_云和县_义务教育优质均衡.xlsx");
    let b64 = f["base64"].as_str().unwrap();
    assert!(b64.starts_with("UEsDB"), "an XLSX is a zip file");
    // Saving goes to $HOME/Downloads (XDG); point HOME at a temp folder for the test.
    let home = tempfile::tempdir().unwrap();
    std::env::set_var("HOME", home.path());
    std::env::remove_var("XDG_DOWNLOAD_DIR");
    let a = dispatch(
        &ctx,
        "save_to_downloads",
        json!({"file_name": f["file_name"], "base64": b64}),
    )
    .await
    .unwrap();
    let b = dispatch(
        &ctx,
        "save_to_downloads",
        json!({"file_name": f["file_name"], "base64": b64}),
    )
    .await
    .unwrap();
    assert_ne!(a["path"], b["path"]);
    assert!(b["path"]
        .as_str()
        .unwrap()
        .ends_with("义务教育优质均衡 (2).xlsx"));
    assert!(std::path::Path::new(a["path"].as_str().unwrap()).exists());
    // Bad bytes and bad names are told apart, each with its own code.
    let e = dispatch(
        &ctx,
        "save_to_downloads",
        json!({"file_name": "ok.xlsx", "base64": "!!"}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code.as_str(), "input.bad_base64");
    for name in ["", "..", ".hidden", "/"] {
        let e = dispatch(
            &ctx,
            "save_to_downloads",
            json!({"file_name": name, "base64": b64}),
        )
        .await
        .unwrap_err();
        assert_eq!(e.code.as_str(), "export.bad_name", "{name:?}");
    }
    // A name with directories in it is saved under its last part, inside Downloads.
    let c = dispatch(
        &ctx,
        "save_to_downloads",
        json!({"file_name": "../../etc/passwd.xlsx", "base64": b64}),
    )
    .await
    .unwrap();
    let saved = std::path::PathBuf::from(c["path"].as_str().unwrap());
    assert_eq!(
        saved.parent(),
        std::path::Path::new(a["path"].as_str().unwrap()).parent()
    );
    assert_eq!(saved.file_name().unwrap(), "passwd.xlsx");
}

/// Great-circle metres between (lon, lat) points, written out again here as a second method.
fn hav(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((b.0 - a.0).to_radians() / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().asin()
}

fn pos(v: &Value) -> (f64, f64) {
    (v["lon"].as_f64().unwrap(), v["lat"].as_f64().unwrap())
}

/// Indices of the sites that must stay and of those that may be chosen.
fn split_sites(sites: &[Value]) -> (Vec<usize>, Vec<usize>) {
    (0..sites.len()).partition(|&j| sites[j]["source"] == "existing")
}

/// Brute force over every set of `k` new sites: (least weighted distance, most covered demand).
fn brute_force(r: &Value, k: usize) -> (f64, f64) {
    let sites = r["sites"].as_array().unwrap();
    let alloc = r["allocation"].as_array().unwrap();
    let radius = r["radius_m"].as_f64().unwrap();
    let (existing, free) = split_sites(sites);
    let (mut best_d, mut best_c) = (f64::INFINITY, 0.0f64);
    let mut pick = vec![0usize; k];
    fn next(pick: &mut [usize], n: usize) -> bool {
        let k = pick.len();
        for i in (0..k).rev() {
            if pick[i] < n - k + i {
                pick[i] += 1;
                for j in i + 1..k {
                    pick[j] = pick[j - 1] + 1;
                }
                return true;
            }
        }
        false
    }
    for (i, p) in pick.iter_mut().enumerate() {
        *p = i;
    }
    loop {
        let open: Vec<usize> = existing
            .iter()
            .copied()
            .chain(pick.iter().map(|&i| free[i]))
            .collect();
        let (mut d, mut c) = (0.0, 0.0);
        for a in alloc {
            let w = a["demand"].as_f64().unwrap();
            let near = open
                .iter()
                .map(|&j| hav(pos(a), pos(&sites[j])))
                .fold(f64::INFINITY, f64::min);
            d += w * near;
            if near <= radius {
                c += w;
            }
        }
        best_d = best_d.min(d);
        best_c = best_c.max(c);
        if !next(&mut pick, free.len()) {
            break;
        }
    }
    (best_d, best_c)
}

/// Least inter-township CV of E2SFCA accessibility over every pair of new sites, recomputed here
/// from the response's townships, sites and capacities (second method: no code shared with the
/// search): Rⱼ = Sⱼ / Σᵢ Dᵢ W(dᵢⱼ), Aᵢ = Σⱼ Rⱼ W(dᵢⱼ), W stepped at ⅓, ⅔, 1 × catchment.
fn brute_force_access_cv(r: &Value) -> f64 {
    let sites = r["sites"].as_array().unwrap();
    let alloc = r["allocation"].as_array().unwrap();
    let catchment = r["catchment_m"].as_f64().unwrap();
    let w = |d: f64| {
        if d <= catchment / 3.0 {
            1.0
        } else if d <= 2.0 * catchment / 3.0 {
            0.68
        } else if d <= catchment {
            0.22
        } else {
            0.0
        }
    };
    let (existing, free) = split_sites(sites);
    let mut best = f64::INFINITY;
    for a in 0..free.len() {
        for b in a + 1..free.len() {
            let open: Vec<usize> = existing.iter().copied().chain([free[a], free[b]]).collect();
            let ratio: Vec<f64> = open
                .iter()
                .map(|&j| {
                    let reach: f64 = alloc
                        .iter()
                        .map(|z| z["demand"].as_f64().unwrap() * w(hav(pos(z), pos(&sites[j]))))
                        .sum();
                    if reach > 0.0 {
                        sites[j]["capacity"].as_f64().unwrap() / reach
                    } else {
                        0.0
                    }
                })
                .collect();
            let items: Vec<(f64, f64)> = alloc
                .iter()
                .map(|z| {
                    let acc: f64 = open
                        .iter()
                        .zip(&ratio)
                        .map(|(&j, r)| r * w(hav(pos(z), pos(&sites[j]))))
                        .sum();
                    (z["demand"].as_f64().unwrap(), acc)
                })
                .collect();
            let tw: f64 = items.iter().map(|x| x.0).sum();
            let mean = items.iter().map(|x| x.0 * x.1).sum::<f64>() / tw;
            let cv = (items
                .iter()
                .map(|x| x.0 / tw * (x.1 - mean).powi(2))
                .sum::<f64>())
            .sqrt()
                / mean;
            best = best.min(cv);
        }
    }
    best
}

#[tokio::test]
async fn site_search_on_the_demo_matches_brute_force() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let r = dispatch(
        &ctx,
        "optimize_sites",
        json!({"category": "childcare", "model": "pmedian", "new_sites": 2, "radius_m": 3000}),
    )
    .await
    .unwrap();
    let (best_d, _) = brute_force(&r, 2);
    assert!(
        (r["objective"].as_f64().unwrap() - best_d).abs() < 1e-6 * best_d,
        "{} vs {best_d}",
        r["objective"]
    );
    // The existing centres stay open; exactly two new sites are chosen.
    let sites = r["sites"].as_array().unwrap();
    assert!(sites
        .iter()
        .filter(|s| s["source"] == "existing")
        .all(|s| s["chosen"] == true));
    assert_eq!(
        sites
            .iter()
            .filter(|s| s["source"] != "existing" && s["chosen"] == true)
            .count(),
        2
    );
    assert!(r["coverage_after"].as_f64().unwrap() >= r["coverage_before"].as_f64().unwrap());

    let r = dispatch(
        &ctx,
        "optimize_sites",
        json!({"category": "elderly", "model": "mclp", "new_sites": 2, "radius_m": 5000}),
    )
    .await
    .unwrap();
    let (_, best_c) = brute_force(&r, 2);
    assert!(
        (r["objective"].as_f64().unwrap() - best_c).abs() < 1e-6 * best_c.max(1.0),
        "{} vs {best_c}",
        r["objective"]
    );
    let total: f64 = r["allocation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["demand"].as_f64().unwrap())
        .sum();
    assert!((r["coverage_after"].as_f64().unwrap() - best_c / total).abs() < 1e-9);
    // Proven, and the page is told by what.
    assert_eq!(r["proven_optimal"], true);
    assert!(
        r["proof"] == "lagrangian" || r["proof"] == "milp",
        "{}",
        r["proof"]
    );
    // The equity model enumerates every pair here: its accessibility CV is the least over all
    // pairs, and never above the p-median answer's.
    let eq = dispatch(
        &ctx,
        "optimize_sites",
        json!({"category": "childcare", "model": "equity", "new_sites": 2, "radius_m": 3000}),
    )
    .await
    .unwrap();
    let pm = dispatch(
        &ctx,
        "optimize_sites",
        json!({"category": "childcare", "model": "pmedian", "new_sites": 2, "radius_m": 3000}),
    )
    .await
    .unwrap();
    assert_eq!(eq["proven_optimal"], true);
    assert_eq!(eq["proof"], "enumeration");
    let cv_eq = eq["access_cv_after"].as_f64().unwrap();
    assert!((eq["objective"].as_f64().unwrap() - cv_eq).abs() < 1e-12);
    assert!(cv_eq <= pm["access_cv_after"].as_f64().unwrap() + 1e-12);
    assert!((brute_force_access_cv(&eq) - cv_eq).abs() < 1e-9);
    // The CV before (existing places only) is reported beside it, and the search lowers it.
    assert!(cv_eq < eq["access_cv_before"].as_f64().unwrap());
    let e = dispatch(
        &ctx,
        "optimize_sites",
        json!({"category": "school", "model": "pmedian", "new_sites": 1, "radius_m": -1}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code.as_str(), "siting.invalid");
}

#[tokio::test]
async fn the_overview_of_lishui_covers_its_nine_counties_and_shows_the_stored_ones_kpis() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let o = dispatch(
        &ctx,
        "get_overview",
        json!({ "scope": "331100", "year": 2025 }),
    )
    .await
    .unwrap();
    assert_eq!(o["scope_name"], "丽水市");
    let rows = o["counties"].as_array().unwrap();
    assert_eq!(rows.len(), 9);
    // Every county once: their 2020 census totals add up to the prefecture's census row.
    let n = junheng_reference::national();
    let sum: u64 = rows
        .iter()
        .map(|r| n.census(r["code"].as_str().unwrap()).unwrap().total)
        .sum();
    assert_eq!(sum, n.census_division("331100").unwrap().total);
    // 云和县 is stored: its row has the dashboard's figures of the same year.
    let yunhe = rows.iter().find(|r| r["code"] == "331125").unwrap();
    assert_eq!(yunhe["stored"], true);
    let d = dispatch(&ctx, "get_dashboard", json!({ "as_of": 2025 }))
        .await
        .unwrap();
    assert_eq!(
        yunhe["resident_population"],
        d["county_assessment"]["resident_population"]
    );
    assert_eq!(yunhe["slots_per_1000"], d["kpis"][0]["value"]);
    // The others come from their census projection only.
    let jingning = rows.iter().find(|r| r["code"] == "331127").unwrap();
    assert_eq!(jingning["stored"], false);
    assert!(jingning["slots_per_1000"].is_null());
    assert!(jingning["resident_population"].as_f64().unwrap() > 0.0);
    assert_eq!(o["outlines"]["features"].as_array().unwrap().len(), 9);
    // Bad scopes are refused.
    for scope in ["331125", "999900", "abc"] {
        let e = dispatch(&ctx, "get_overview", json!({ "scope": scope }))
            .await
            .unwrap_err();
        assert_eq!(e.code.as_str(), "county.unknown_code", "{scope}");
    }
    // The workbook has a row per county.
    let x = dispatch(
        &ctx,
        "export_overview",
        json!({ "scope": "331100", "year": 2025 }),
    )
    .await
    .unwrap();
    assert!(x["file_name"].as_str().unwrap().ends_with("区域总览.xlsx"));
}

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use junheng_core::balance::Indicator;
use junheng_core::standards::{Catalogue, Confidence};
use junheng_core::{FacilityCategory, SchoolLevel};
use junheng_report::{
    county_report_pdf, county_report_xlsx, kpi_title, kpi_value_text, CountyReport, ReportAccess,
    ReportAssumption, ReportCv, ReportKpi, ReportMap, ReportOutlookYear, ReportPoint,
    ReportScenario, ReportScenarioYear, ReportSchoolRow, ReportSchools, ReportTownship, ReportZone,
};

use crate::{
    accessibility_of, check_as_of, comparison_of, current_year, dashboard_of, outlook_of,
    school_balance_of, AccessibilityRequest, ApiError, Ctx, ErrorCode, ExportFile, OutlookRequest,
    BASE_SCENARIO_ID, MAX_COMPARED,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CountyReportRequest {
    #[serde(default)]
    pub county: Option<String>,
    pub format: ReportFormat,
    /// `zh-CN` (default) or `en`.
    #[serde(default)]
    pub lang: Option<String>,
    /// Scenarios compared in the report besides the base (at most two more).
    #[serde(default)]
    pub scenario_ids: Vec<String>,
    /// The year the report's figures are for; this year when absent.
    #[serde(default)]
    pub as_of: Option<i32>,
}

fn exterior_rings(geometry: &Value) -> Vec<Vec<[f64; 2]>> {
    let ring = |r: &Value| -> Vec<[f64; 2]> {
        r.as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| Some([p.get(0)?.as_f64()?, p.get(1)?.as_f64()?]))
            .collect()
    };
    match geometry["type"].as_str() {
        Some("Polygon") => geometry["coordinates"]
            .get(0)
            .map(ring)
            .into_iter()
            .collect(),
        Some("MultiPolygon") => geometry["coordinates"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.get(0).map(ring))
            .collect(),
        _ => vec![],
    }
}

fn confidence_text(c: Confidence, zh: bool) -> String {
    match (c, zh) {
        (Confidence::Confirmed, true) => "已核实",
        (Confidence::Secondary, true) => "二手来源",
        (Confidence::Unconfirmed, true) => "待核实（可调整）",
        (Confidence::Confirmed, false) => "confirmed",
        (Confidence::Secondary, false) => "secondary source",
        (Confidence::Unconfirmed, false) => "unconfirmed (editable)",
    }
    .to_string()
}

fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn assumptions(norms: &Catalogue, zh: bool) -> Vec<ReportAssumption> {
    let mut out = vec![ReportAssumption {
        label: if zh {
            "人口预测"
        } else {
            "Population projection"
        }
        .into(),
        value: if zh {
            "第七次人口普查为基数（2020-11-01），队列要素法逐岁推算；总和生育率中方案1.0；预期寿命按全国路径；净迁移为0（常住口径）；乡镇按县域结果按年龄性别迭代比例调整".into()
        } else {
            "7th census base (2020-11-01), cohort-component by single year; medium TFR 1.0; national life-expectancy path; zero net migration (residents); townships raked to the county by age and sex".into()
        },
        source: if zh {
            "均衡人口预测模块"
        } else {
            "Junheng projection"
        }
        .into(),
    }];
    for n in norms.norms().iter().filter(|n| {
        n.id.starts_with("demand.") || n.id.starts_with("cost.") || n.origin != "national"
    }) {
        out.push(ReportAssumption {
            label: if zh {
                n.title_zh.clone()
            } else {
                n.title_en.clone()
            },
            value: format!("{} {}", n.value, n.unit),
            source: format!("{}（{}）", n.source, confidence_text(n.confidence, zh)),
        });
    }
    out
}

/// The county report (PDF or XLSX): KPIs against targets with sources, the township map and
/// table, the plan-period outlook, school balance, the scenario comparison and the assumptions.
pub async fn export_county_report(
    ctx: &Ctx,
    req: CountyReportRequest,
) -> Result<ExportFile, ApiError> {
    let lang = req.lang.clone().unwrap_or_else(|| "zh-CN".into());
    let zh = !lang.starts_with("en");
    let year = check_as_of(req.as_of.unwrap_or_else(current_year))?;
    // One view for the whole report: the county is read once and every section's projection
    // is cut from one run to the end of the plan period.
    let v = ctx.view(req.county.as_deref()).await?.with_horizon(2035);
    let norms = &v.norms;
    let dash = dashboard_of(&v, year).await?;
    let outlook = outlook_of(
        &v,
        &OutlookRequest {
            county: None,
            variant: Default::default(),
            tfr: None,
            from: 2025,
            to: 2035,
            migration: None,
            basis: Default::default(),
        },
    )
    .await?;
    let balance = school_balance_of(&v);
    let mut ids = vec![BASE_SCENARIO_ID.to_string()];
    ids.extend(
        req.scenario_ids
            .iter()
            .filter(|i| *i != BASE_SCENARIO_ID)
            .cloned(),
    );
    ids.truncate(MAX_COMPARED);
    let cmp = comparison_of(&v, &ids, 2025, 2035).await?;

    let mut access = Vec::new();
    for category in [
        FacilityCategory::Childcare,
        FacilityCategory::Elderly,
        FacilityCategory::School,
    ] {
        let a = accessibility_of(
            &v,
            &AccessibilityRequest {
                county: None,
                category,
                year: 2025,
                catchment_m: None,
                radius_m: None,
                cell_m: None,
                variant: Default::default(),
            },
        )
        .await?;
        let name_of = |code: &String| {
            a.townships
                .iter()
                .find(|t| &t.code == code)
                .map_or(code.clone(), |t| t.name.clone())
        };
        access.push(ReportAccess {
            service: match (category, zh) {
                (FacilityCategory::Childcare, true) => "托育",
                (FacilityCategory::Elderly, true) => "养老机构",
                (FacilityCategory::School, true) => "义务教育",
                (FacilityCategory::Childcare, false) => "Childcare",
                (FacilityCategory::Elderly, false) => "Elderly care",
                (FacilityCategory::School, false) => "Schools",
            }
            .into(),
            year: a.year,
            radius_m: a.radius_m,
            coverage_share: a.county_coverage_share,
            access_per_1000: a.county_access_per_1000,
            supply_unit: match (category, zh) {
                (FacilityCategory::Childcare, true) => "托位",
                (FacilityCategory::Elderly, true) => "床",
                (FacilityCategory::School, true) => "学位",
                (FacilityCategory::Childcare, false) => "slots",
                (FacilityCategory::Elderly, false) => "beds",
                (FacilityCategory::School, false) => "places",
            }
            .into(),
            township_cv: a.township_cv,
            underserved: a.underserved.iter().map(name_of).collect(),
        });
    }
    let kpis = dash
        .kpis
        .iter()
        .map(|k| ReportKpi {
            title: kpi_title(k.key, &lang).to_string(),
            value: k.value,
            value_text: k
                .value
                .map(|v| kpi_value_text(k.key, v))
                .unwrap_or_else(|| "—".into()),
            target_text: junheng_report::kpi_target_text(k, &lang),
            meets: k.meets,
            formula: k.formula.clone(),
            source: k
                .target
                .as_ref()
                .map_or_else(|| "—".to_string(), |t| t.norm.source.clone()),
            confidence: k
                .target
                .as_ref()
                .map_or_else(String::new, |t| confidence_text(t.norm.confidence, zh)),
        })
        .collect();
    let zones = dash.boundaries["features"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let code = f["properties"]["code"].as_str().unwrap_or("").to_string();
            let t = dash.townships.iter().find(|t| t.code == code);
            ReportZone {
                name: f["properties"]["name"].as_str().unwrap_or("").to_string(),
                value: t.and_then(|t| t.slots_per_1000),
                rings: exterior_rings(&f["geometry"]),
                code,
            }
        })
        .collect();
    let points = dash
        .facilities
        .iter()
        .filter(|f| f.in_service)
        .map(|f| ReportPoint {
            lon: f.lon,
            lat: f.lat,
            category: match f.category {
                FacilityCategory::Childcare => "childcare",
                FacilityCategory::Elderly => "elderly",
                FacilityCategory::School => "school",
            }
            .into(),
        })
        .collect();
    let townships = dash
        .townships
        .iter()
        .map(|t| ReportTownship {
            code: t.code.clone(),
            name: t.name.clone(),
            kind: dash.boundaries["features"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|f| f["properties"]["code"] == t.code.as_str())
                .and_then(|f| f["properties"]["type"].as_str())
                .unwrap_or("")
                .to_string(),
            population: t.resident_population,
            under3: t.population_0_2,
            aged60: t.population_60_plus,
            slots: t.childcare_slots as f64,
            slots_per_1000: t.slots_per_1000,
            beds: t.institution_beds as f64,
            nursing_beds: t.nursing_beds as f64,
            beds_per_1000_elderly: t.beds_per_1000_elderly,
        })
        .collect();
    let outlook_rows = outlook
        .county
        .years
        .iter()
        .map(|y| ReportOutlookYear {
            year: y.need.year,
            need_slots: y.need.childcare_slots,
            slots: y.capacity.childcare_slots,
            need_beds: y.need.beds_by_norm,
            beds: y.capacity.institution_beds,
            need_nursing_beds: y.need.nursing_beds,
            nursing_beds: y.capacity.nursing_beds,
            primary_students: y.need.primary_students,
            primary_places: y.capacity.primary_places,
            junior_students: y.need.junior_students,
            junior_places: y.capacity.junior_places,
        })
        .collect();
    let level_name = |l: SchoolLevel| match (l, zh) {
        (SchoolLevel::Primary, true) => "小学",
        (SchoolLevel::Junior, true) => "初中",
        (SchoolLevel::Primary, false) => "Primary",
        (SchoolLevel::Junior, false) => "Junior",
    };
    let mut rows = Vec::new();
    let mut cvs = Vec::new();
    for lb in &balance.levels {
        for s in &lb.schools {
            let mut notes = Vec::new();
            if !s.class_size_ok {
                notes.push(if zh {
                    "超大班额"
                } else {
                    "class too large"
                });
            }
            if !s.size_ok {
                notes.push(if zh {
                    "规模超限"
                } else {
                    "school too large"
                });
            }
            if !s.remaining_ok {
                notes.push(if zh {
                    "未达指标低于85%"
                } else {
                    "missed indicator below 85%"
                });
            }
            rows.push(ReportSchoolRow {
                code: s.school_code.clone(),
                name: s.school_name.clone(),
                level: level_name(s.level).into(),
                students: s.students,
                indicators_met: s.met,
                passes: s.passes,
                note: notes.join("；"),
            });
        }
        for ind in &lb.indicators {
            let label = Indicator::ALL
                .iter()
                .find(|i| i.key() == ind.key)
                .map(|i| {
                    let n = norms.norm(&i.norm_id(lb.level));
                    if zh {
                        n.title_zh.clone()
                    } else {
                        n.title_en.clone()
                    }
                })
                .unwrap_or_else(|| ind.key.clone());
            cvs.push(ReportCv {
                level: level_name(lb.level).into(),
                indicator: label,
                cv: ind.cv,
                limit: ind.cv_limit,
                ok: ind.cv_ok,
            });
        }
    }
    let verdict_text = balance
        .levels
        .iter()
        .map(|l| {
            let ok = match (l.passes, zh) {
                (true, true) => "达到优质均衡",
                (false, true) => "未达到优质均衡",
                (true, false) => "meets the quality-balance standard",
                (false, false) => "does not meet the quality-balance standard",
            };
            if zh {
                format!(
                    "{}：{}/{} 所学校达标，{}",
                    level_name(l.level),
                    l.schools_passing,
                    l.school_count,
                    ok
                )
            } else {
                format!(
                    "{}: {}/{} schools pass; {}",
                    level_name(l.level),
                    l.schools_passing,
                    l.school_count,
                    ok
                )
            }
        })
        .collect::<Vec<_>>()
        .join(if zh { "；" } else { "; " });
    let scenarios = cmp
        .outcomes
        .iter()
        .map(|o| ReportScenario {
            name: if o.scenario_id == BASE_SCENARIO_ID && !zh {
                "Base (no interventions)".into()
            } else {
                o.name.clone()
            },
            years: o
                .years
                .iter()
                .map(|y| ReportScenarioYear {
                    year: y.year,
                    slots_per_1000: y.county.kpis.slots_per_1000,
                    nursing_share: y.county.kpis.nursing_share,
                    beds_per_1000_elderly: y.county.kpis.beds_per_1000_elderly,
                    cost_wan_yuan: y.cost.net,
                })
                .collect(),
            cost_total_wan_yuan: o.cost_totals.net,
            first_year_all_targets_met: o.targets_met.all,
        })
        .collect();
    let c = &dash.county;
    let report = CountyReport {
        lang: lang.clone(),
        county_code: c.code.clone(),
        county_name: c.name.clone(),
        province: c.province.clone(),
        prefecture: c.prefecture.clone(),
        generated_on: today(),
        sample_data_note: c.sample_facilities.then(|| {
            if zh {
                "本报告的设施与学校数据为示例数据（用于演示），人口为第七次人口普查县级数据及按面积估算的乡镇分配。".into()
            } else {
                "Facilities and schools in this report are sample data for demonstration; population is the 7th-census county row with townships estimated by area.".into()
            }
        }),
        kpis,
        map: ReportMap {
            title: if zh { "各乡镇每千人口托位数" } else { "Childcare slots per 1,000 residents by township" }.into(),
            legend_title: if zh { "托位/千人" } else { "slots per 1,000" }.into(),
            zones,
            points,
        },
        townships,
        outlook: outlook_rows,
        schools: ReportSchools { rows, cvs, verdict_text },
        scenarios,
        assumptions: assumptions(norms, zh),
        access,
    };
    let fail = |e: junheng_report::ReportError| {
        ApiError::new(ErrorCode::ExportFailed, e.to_string(), json!({}))
    };
    let (bytes, ext, mime) = match req.format {
        ReportFormat::Pdf => (
            county_report_pdf(&report).map_err(fail)?,
            "pdf",
            "application/pdf",
        ),
        ReportFormat::Xlsx => (
            county_report_xlsx(&report).map_err(fail)?,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    };
    let title = if zh {
        "公共服务能力规划报告"
    } else {
        "capacity_report"
    };
    Ok(ExportFile {
        file_name: format!("{}_{}_{}.{}", c.code, c.name, title, ext),
        mime: mime.into(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

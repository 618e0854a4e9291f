//! 导出报告 — the county report for an "as of" year, assembled from one county view: the
//! dashboard's KPIs, the township map and table, the outlook, monitoring, the subsidy budget,
//! school balance, scenarios, accessibility and the assumptions. The model holds figures, not
//! words; the report crate's labels write every sentence in the report's language.

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::assess::KpiKey;
use junheng_core::balance::Indicator;
use junheng_core::projection::{e0_path_for, BASE_DATE, NATIONAL_E0_2020};
use junheng_core::FacilityCategory;
use junheng_report::{
    county_report_file_name, county_report_pdf, county_report_xlsx, CountyReport, ReportAccess,
    ReportAssumptions, ReportBasis, ReportCv, ReportLevelVerdict, ReportMortality,
    ReportOutlookYear, ReportProjection, ReportScenario, ReportScenarioYear, ReportSchoolRow,
    ReportSchools, ReportSubsidy, ReportTownship,
};

use crate::{
    accessibility_of, check_as_of, comparison_of, current_year, dashboard_of, map_model,
    monitoring_of, outlook_of, school_balance_of, subsidy_of, AccessibilityRequest, ApiError,
    CountyView, Ctx, ErrorCode, ExportFile, OutlookRequest, BASE_SCENARIO_ID, MAX_COMPARED,
};

/// The plan period the report looks ahead to: the outlook, scenarios and budget end here, and
/// the report's one projection runs to it.
pub const REPORT_PLAN_YEARS: (i32, i32) = (2025, 2035);
/// Monitoring runs from the census year to the end of the 十五五 period (or the as-of year).
const MONITORING_YEARS: (i32, i32) = (2020, 2030);

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
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub format: ReportFormat,
    /// `zh-CN` (default) or `en`.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub lang: Option<String>,
    /// Scenarios compared in the report besides the base (at most two more).
    #[serde(default)]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub scenario_ids: Vec<String>,
    /// The year the report's figures are for; this year (local calendar) when absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub as_of: Option<i32>,
}

/// Today in the user's local calendar (before 08:00 in Beijing, UTC is still on yesterday).
fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// What the report assumes: the projection as run, the province's mortality where a source
/// gives it, and the demand, cost and subsidy norms plus any the county overrode.
fn assumptions(v: &CountyView, tfr_base_2020: f64, tfr_from_2021: f64) -> ReportAssumptions {
    let (_, province) = e0_path_for(&v.code);
    ReportAssumptions {
        projection: ReportProjection {
            census_date: BASE_DATE.into(),
            tfr_base_2020,
            tfr_from_2021,
            mortality: ReportMortality {
                province: province.map(|p| p.name.to_string()),
                province_e0_2020: province.map(|p| p.e0_2020),
                national_e0_2020: NATIONAL_E0_2020,
                source: province.map(|p| p.source.to_string()),
                confidence: province.map(|p| p.confidence),
            },
        },
        norms: v
            .norms
            .norms()
            .iter()
            .filter(|n| {
                ["demand.", "cost.", "subsidy."]
                    .iter()
                    .any(|p| n.id.starts_with(p))
                    || n.origin != "national"
            })
            .cloned()
            .collect(),
    }
}

/// The report's model for `year` in `lang`, every section from the one view `v`.
pub async fn county_report_model(
    v: &CountyView,
    lang: &str,
    scenario_ids: &[String],
    year: i32,
) -> Result<CountyReport, ApiError> {
    let (plan_from, plan_to) = REPORT_PLAN_YEARS;
    let dash = dashboard_of(v, year).await?;
    let outlook = outlook_of(
        v,
        &OutlookRequest {
            county: None,
            variant: Default::default(),
            tfr: None,
            from: plan_from,
            to: plan_to,
            migration: None,
            basis: Default::default(),
        },
    )
    .await?;
    let monitoring =
        monitoring_of(v, MONITORING_YEARS.0, MONITORING_YEARS.1.max(year), year).await?;
    let budget = subsidy_of(v, plan_from, plan_to, None).await?;
    let balance = school_balance_of(v);
    let mut ids = vec![BASE_SCENARIO_ID.to_string()];
    ids.extend(
        scenario_ids
            .iter()
            .filter(|i| *i != BASE_SCENARIO_ID)
            .cloned(),
    );
    ids.truncate(MAX_COMPARED);
    let cmp = comparison_of(v, &ids, plan_from, plan_to).await?;

    let mut access = Vec::new();
    for category in [
        FacilityCategory::Childcare,
        FacilityCategory::Elderly,
        FacilityCategory::School,
    ] {
        let a = accessibility_of(
            v,
            &AccessibilityRequest {
                county: None,
                category,
                // Accessibility starts with the first projected year-end.
                year: year.max(2021),
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
            category,
            year: a.year,
            radius_m: a.radius_m,
            cell_m: a.cell_m,
            coverage_share: a.county_coverage_share,
            access_per_1000: a.county_access_per_1000,
            township_cv: a.township_cv,
            underserved: a.underserved.iter().map(name_of).collect(),
        });
    }
    let townships = dash
        .townships
        .iter()
        .map(|t| ReportTownship {
            code: t.code.clone(),
            name: t.name.clone(),
            kind: v
                .data
                .townships
                .iter()
                .find(|s| s.code == t.code)
                .map_or_else(String::new, |s| s.kind.clone()),
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
    let mut rows = Vec::new();
    let mut cvs = Vec::new();
    for lb in &balance.levels {
        rows.extend(lb.schools.iter().map(|s| ReportSchoolRow {
            code: s.school_code.clone(),
            name: s.school_name.clone(),
            level: s.level,
            students: s.students,
            indicators_met: s.met,
            passes: s.passes,
            class_too_large: !s.class_size_ok,
            school_too_large: !s.size_ok,
            missed_below_85: !s.remaining_ok,
        }));
        for ind in &lb.indicators {
            let norm = Indicator::ALL
                .iter()
                .find(|i| i.key() == ind.key)
                .map(|i| v.norms.norm(&i.norm_id(lb.level)));
            cvs.push(ReportCv {
                level: lb.level,
                indicator_zh: norm.map_or_else(|| ind.key.clone(), |n| n.title_zh.clone()),
                indicator_en: norm.map_or_else(|| ind.key.clone(), |n| n.title_en.clone()),
                cv: ind.cv,
                limit: ind.cv_limit,
                ok: ind.cv_ok,
            });
        }
    }
    let levels = balance
        .levels
        .iter()
        .map(|l| ReportLevelVerdict {
            level: l.level,
            schools_passing: l.schools_passing,
            school_count: l.school_count,
            passes: l.passes,
        })
        .collect();
    let scenarios = cmp
        .outcomes
        .iter()
        .map(|o| ReportScenario {
            name: o.name.clone(),
            is_base: o.scenario_id == BASE_SCENARIO_ID,
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
    let hukou_source = v.hukou().await?.map(|h| h.source.clone());
    let c = &dash.county;
    Ok(CountyReport {
        lang: lang.to_string(),
        county_code: c.code.clone(),
        county_name: c.name.clone(),
        province: c.province.clone(),
        prefecture: c.prefecture.clone(),
        generated_on: today(),
        as_of: year,
        basis: ReportBasis {
            census_date: BASE_DATE.into(),
            census_year: c.census_year,
            mortality_province: e0_path_for(&v.code).1.map(|p| p.name.to_string()),
        },
        sample_data: c.sample_facilities,
        map: map_model(v, &dash, KpiKey::SlotsPer1000),
        kpis: dash.kpis,
        townships,
        outlook: outlook_rows,
        monitoring: Some(monitoring),
        subsidy: Some(ReportSubsidy {
            on_hukou: budget.basis == "hukou",
            hukou_source: hukou_source.filter(|_| budget.basis == "hukou"),
            per_child_year_yuan: budget.per_child_year_yuan,
            operating_per_child_month_yuan: budget.operating_per_child_month_yuan,
            years: budget.years,
            total_yuan: budget.total_yuan,
        }),
        schools: ReportSchools { rows, cvs, levels },
        scenarios,
        assumptions: assumptions(
            v,
            outlook.assumptions.tfr_base_2020,
            outlook.assumptions.tfr_from_2021,
        ),
        access,
    })
}

/// The county report (PDF or XLSX) for the request's "as of" year.
pub async fn export_county_report(
    ctx: &Ctx,
    req: CountyReportRequest,
) -> Result<ExportFile, ApiError> {
    let year = check_as_of(req.as_of.unwrap_or_else(current_year))?;
    let lang = req.lang.clone().unwrap_or_else(|| "zh-CN".into());
    // One view for the whole report: the county is read once and every section's projection
    // is cut from one run to the end of the plan period.
    ctx.progress("progress.stage.load", 0.02);
    let v = ctx
        .view(req.county.as_deref())
        .await?
        .with_horizon(REPORT_PLAN_YEARS.1);
    ctx.check_cancel()?;
    ctx.progress("progress.stage.report", 0.1);
    let report = county_report_model(&v, &lang, &req.scenario_ids, year).await?;
    ctx.check_cancel()?;
    // Measured on the demo: the sections take about a tenth of a PDF, the layout the rest.
    ctx.progress("progress.stage.render", 0.2);
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
    ctx.check_cancel()?;
    Ok(ExportFile {
        file_name: county_report_file_name(&report, ext),
        mime: mime.into(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

//! What a county report prints, as plain data in no language: the API layer fills it from the
//! county view (assessment, projection, monitoring, budgets, scenarios), and the renderers turn
//! it into words through the labels of the report's language, so the engine never reaches the
//! renderers and no sentence is written outside the labels.

use serde::{Deserialize, Serialize};

use junheng_core::assess::Kpi;
use junheng_core::monitoring::Monitoring;
use junheng_core::standards::{Confidence, Norm};
use junheng_core::subsidy::SubsidyYear;
use junheng_core::{FacilityCategory, SchoolLevel};

use crate::map::MapModel;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CountyReport {
    /// "zh-CN" (default) or "en"; any tag starting with "zh" gives Chinese labels.
    pub lang: String,
    pub county_code: String,
    pub county_name: String,
    pub province: String,
    pub prefecture: String,
    /// ISO date in the local calendar, e.g. "2026-11-28".
    pub generated_on: String,
    /// The year the figures are for.
    pub as_of: i32,
    /// How the residents of `as_of` were obtained.
    pub basis: ReportBasis,
    /// The facilities and schools are sample data (a boxed notice says so).
    pub sample_data: bool,
    /// The headline indicators in `as_of`, each against the target in force that year.
    pub kpis: Vec<Kpi>,
    pub map: MapModel,
    pub townships: Vec<ReportTownship>,
    /// County need against capacity, one entry per plan year.
    pub outlook: Vec<ReportOutlookYear>,
    pub schools: ReportSchools,
    /// Up to three scenarios for the comparison section.
    pub scenarios: Vec<ReportScenario>,
    /// 监测: tracks, actuals and warnings as the 监测 page computes them.
    pub monitoring: Option<Monitoring>,
    /// 补贴测算 by year.
    pub subsidy: Option<ReportSubsidy>,
    pub assumptions: ReportAssumptions,
    /// Reach of each service in `as_of`: coverage, accessibility and 盲区.
    #[serde(default)]
    pub access: Vec<ReportAccess>,
}

/// The population the figures stand on: the census base projected to year-end `as_of`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportBasis {
    /// "2020-11-01".
    pub census_date: String,
    pub census_year: i32,
    /// The province whose life expectancy moved the national mortality path, if a source
    /// gives one.
    pub mortality_province: Option<String>,
}

/// One service's accessibility for the report (E2SFCA on the township demand grid).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportAccess {
    pub category: FacilityCategory,
    pub year: i32,
    pub radius_m: f64,
    pub cell_m: f64,
    pub coverage_share: Option<f64>,
    /// Supply per 1 000 residents of the group, county-wide.
    pub access_per_1000: f64,
    /// Inter-township CV of accessibility (lower = more even).
    pub township_cv: Option<f64>,
    /// Names of the under-served townships (盲区), most uncovered demand first.
    pub underserved: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportTownship {
    pub code: String,
    pub name: String,
    /// 街道 / 镇 / 乡 (民族乡) as stored.
    pub kind: String,
    pub population: f64,
    pub under3: f64,
    pub aged60: f64,
    pub slots: f64,
    pub slots_per_1000: Option<f64>,
    pub beds: f64,
    pub nursing_beds: f64,
    pub beds_per_1000_elderly: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportOutlookYear {
    pub year: i32,
    pub need_slots: f64,
    pub slots: f64,
    pub need_beds: f64,
    pub beds: f64,
    pub need_nursing_beds: f64,
    pub nursing_beds: f64,
    pub primary_students: f64,
    pub primary_places: f64,
    pub junior_students: f64,
    pub junior_places: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportSchools {
    pub rows: Vec<ReportSchoolRow>,
    pub cvs: Vec<ReportCv>,
    pub levels: Vec<ReportLevelVerdict>,
}

/// One school section against the single-school standard.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportSchoolRow {
    pub code: String,
    pub name: String,
    pub level: SchoolLevel,
    pub students: u32,
    pub indicators_met: u32,
    pub passes: bool,
    /// 超大班额.
    pub class_too_large: bool,
    /// 规模超限.
    pub school_too_large: bool,
    /// A missed indicator is below 85 % of its standard.
    pub missed_below_85: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportCv {
    pub level: SchoolLevel,
    pub indicator_zh: String,
    pub indicator_en: String,
    pub cv: Option<f64>,
    pub limit: f64,
    pub ok: bool,
}

/// A school level's 优质均衡 verdict.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportLevelVerdict {
    pub level: SchoolLevel,
    pub schools_passing: u32,
    pub school_count: u32,
    pub passes: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportScenario {
    /// The scenario's own name; the base (no interventions) is named by the labels.
    pub name: String,
    pub is_base: bool,
    pub years: Vec<ReportScenarioYear>,
    pub cost_total_wan_yuan: f64,
    pub first_year_all_targets_met: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportScenarioYear {
    pub year: i32,
    pub slots_per_1000: Option<f64>,
    pub nursing_share: Option<f64>,
    pub beds_per_1000_elderly: Option<f64>,
    pub cost_wan_yuan: f64,
}

/// The subsidy budget by year (元) and the population it was counted on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportSubsidy {
    /// Counted on the 户籍 table (else 常住 stands in).
    pub on_hukou: bool,
    /// Where the 户籍 table came from, when used.
    pub hukou_source: Option<String>,
    pub per_child_year_yuan: f64,
    pub operating_per_child_month_yuan: f64,
    pub years: Vec<SubsidyYear>,
    pub total_yuan: f64,
}

/// What the figures assume: the projection and the editable norms behind need and cost.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportAssumptions {
    pub projection: ReportProjection,
    /// Demand, cost and subsidy norms, and any the county overrode, with their sources.
    pub norms: Vec<Norm>,
}

/// The projection's assumptions as used.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportProjection {
    pub census_date: String,
    pub tfr_base_2020: f64,
    pub tfr_from_2021: f64,
    /// The mortality path: the province's 2020 life expectancy moving the national path, or
    /// the national path where no source gives the province.
    pub mortality: ReportMortality,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportMortality {
    /// e.g. "浙江"; `None`: the national path.
    pub province: Option<String>,
    pub province_e0_2020: Option<f64>,
    pub national_e0_2020: f64,
    pub source: Option<String>,
    pub confidence: Option<Confidence>,
}

/// The charts a report can render on their own (for the UI's export buttons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportChart {
    Map,
    Outlook,
    Scenarios,
    Monitoring,
}

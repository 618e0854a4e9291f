//! What a county report prints, as plain data: the API layer fills it from an assessment, a
//! projection and scenarios, so the renderers never reach into the engine.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CountyReport {
    /// "zh-CN" (default) or "en"; any tag starting with "zh" gives Chinese labels.
    pub lang: String,
    pub county_code: String,
    pub county_name: String,
    pub province: String,
    pub prefecture: String,
    /// ISO date, e.g. "2026-11-28".
    pub generated_on: String,
    /// Shown as a boxed notice when the figures are demo or sample data.
    pub sample_data_note: Option<String>,
    pub kpis: Vec<ReportKpi>,
    pub map: ReportMap,
    pub townships: Vec<ReportTownship>,
    /// County need against capacity, one entry per plan year.
    pub outlook: Vec<ReportOutlookYear>,
    pub schools: ReportSchools,
    /// Up to three scenarios for the comparison section.
    pub scenarios: Vec<ReportScenario>,
    pub assumptions: Vec<ReportAssumption>,
    /// Reach of each service in the first plan year: coverage, accessibility and 盲区.
    #[serde(default)]
    pub access: Vec<ReportAccess>,
}

/// One service's accessibility for the report (E2SFCA on the township demand grid).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportAccess {
    pub service: String,
    pub year: i32,
    pub radius_m: f64,
    pub coverage_share: Option<f64>,
    /// Supply per 1 000 residents of the group, county-wide.
    pub access_per_1000: f64,
    pub supply_unit: String,
    /// Inter-township CV of accessibility (lower = more even).
    pub township_cv: Option<f64>,
    /// Names of the under-served townships (盲区), most uncovered demand first.
    pub underserved: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportKpi {
    pub title: String,
    pub value: Option<f64>,
    pub value_text: String,
    pub target_text: String,
    pub meets: Option<bool>,
    pub formula: String,
    pub source: String,
    pub confidence: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportMap {
    pub title: String,
    pub legend_title: String,
    pub zones: Vec<ReportZone>,
    pub points: Vec<ReportPoint>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportZone {
    pub code: String,
    pub name: String,
    pub value: Option<f64>,
    /// Exterior rings in lon/lat as stored (GCJ-02); multi-polygons are flattened into rings.
    pub rings: Vec<Vec<[f64; 2]>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportPoint {
    pub lon: f64,
    pub lat: f64,
    /// "childcare" | "elderly" | "school"
    pub category: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportTownship {
    pub code: String,
    pub name: String,
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
    pub verdict_text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportSchoolRow {
    pub code: String,
    pub name: String,
    pub level: String,
    pub students: u32,
    pub indicators_met: u32,
    pub passes: bool,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportCv {
    pub level: String,
    pub indicator: String,
    pub cv: Option<f64>,
    pub limit: f64,
    pub ok: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportScenario {
    pub name: String,
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportAssumption {
    pub label: String,
    pub value: String,
    pub source: String,
}

/// The charts a report can render on their own (for the UI's export buttons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportChart {
    Map,
    Outlook,
    Scenarios,
}

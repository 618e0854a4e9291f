//! 总览 — the county as of a year (default: this year): residents projected from the census base
//! to that year-end, facilities in service that year, every KPI against the target in force
//! that year; with the township table, the map layers and what data the county still lacks.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use junheng_core::assess::{
    assess_county, assess_county_in, CountyPeople, Enrolment, FacilityAssessment, Kpi,
    ZoneAssessment,
};
use junheng_core::projection::BASE_DATE;
use junheng_core::standards::EnrolmentBaseline;
use junheng_core::{
    Actuals, BoundaryStatus, County, CountyDataset, FacilityCategory, PopulationStatus,
};

use crate::{ApiError, CountyView, Ctx, ErrorCode, ProjectionSpec};

/// Years a dashboard can be looked at: the census year to the end of the plan horizon.
pub const AS_OF_YEARS: (i32, i32) = (2020, 2035);

/// This year in the user's local calendar (not UTC: before 08:00 in Beijing it is already the
/// new day there).
pub fn current_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year()
}

pub fn check_as_of(year: i32) -> Result<i32, ApiError> {
    if !(AS_OF_YEARS.0..=AS_OF_YEARS.1).contains(&year) {
        return Err(ApiError::new(
            ErrorCode::ProjectionBadYears,
            format!(
                "the year must be {}–{}, got {year}",
                AS_OF_YEARS.0, AS_OF_YEARS.1
            ),
            json!({ "from": AS_OF_YEARS.0, "to": AS_OF_YEARS.1, "year": year }),
        ));
    }
    Ok(year)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DashboardRequest {
    /// 6-digit county code; may be left out when one county is stored.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    /// The year the figures are for (2020–2035); this year when absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub as_of: Option<i32>,
}

/// How the figures' population was obtained, stated next to them.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct FigureBasis {
    /// `projection` (year-end of `as_of`) or `census` (the census base itself).
    pub kind: String,
    /// The census the projection starts from.
    pub census_date: String,
    pub census_year: i32,
    pub note_zh: String,
    pub note_en: String,
}

/// A township's state beside its figures: how its population and boundary are known.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct TownshipInfo {
    pub code: String,
    pub population_status: PopulationStatus,
    pub boundary_status: BoundaryStatus,
    pub seat: Option<junheng_core::LonLat>,
    pub user_defined: bool,
}

/// One line of the 数据完整度 list: what is there, how much, where to import it, and what its
/// absence limits.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CompletenessItem {
    /// `township_population`, `boundaries`, `places`, `childcare`, `elderly`, `schools`,
    /// `school_sections`, `hukou`, `actuals`.
    pub key: String,
    /// `complete`, `partial` or `missing`.
    pub state: String,
    pub have: u32,
    pub of: u32,
    /// The import tab that supplies it (`zones`, `boundaries`, `places`, `facilities`,
    /// `schools`, `hukou`, `actuals`).
    pub import_tab: String,
}

/// Everything the dashboard shows, computed from stored data in one call.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Dashboard {
    pub county: County,
    /// The year the figures are for.
    pub as_of: i32,
    pub basis: FigureBasis,
    pub county_assessment: ZoneAssessment,
    pub kpis: Vec<Kpi>,
    pub townships: Vec<ZoneAssessment>,
    pub township_info: Vec<TownshipInfo>,
    /// The residents no township holds yet (未分配), when there are any.
    pub unallocated: Option<ZoneAssessment>,
    pub facilities: Vec<FacilityAssessment>,
    /// Township boundaries (GeoJSON FeatureCollection; properties code, name, type, area_km2,
    /// boundary_status).
    #[ts(type = "unknown")]
    pub boundaries: Value,
    /// The county outline (GeoJSON geometry), where the national data have one.
    #[ts(type = "unknown")]
    pub outline: Option<Value>,
    pub completeness: Vec<CompletenessItem>,
}

fn item(key: &str, have: u32, of: u32, tab: &str) -> CompletenessItem {
    CompletenessItem {
        key: key.into(),
        state: match (have, of) {
            (0, _) => "missing",
            (h, o) if h >= o => "complete",
            _ => "partial",
        }
        .into(),
        have,
        of,
        import_tab: tab.into(),
    }
}

/// What the county's data hold and lack.
pub fn completeness(data: &CountyDataset, hukou: bool, actuals: &Actuals) -> Vec<CompletenessItem> {
    let n = data.townships.len() as u32;
    let count = |f: &dyn Fn(&junheng_core::Township) -> bool| {
        data.townships.iter().filter(|t| f(t)).count() as u32
    };
    let of_kind = |c: FacilityCategory| {
        data.facilities
            .iter()
            .filter(|f| f.kind.category() == c && !f.sample)
            .count() as u32
    };
    let schools = of_kind(FacilityCategory::School);
    let with_sections = data
        .facilities
        .iter()
        .filter(|f| f.kind.is_compulsory_school() && !f.sample && !f.school_sections.is_empty())
        .count() as u32;
    let compulsory = data
        .facilities
        .iter()
        .filter(|f| f.kind.is_compulsory_school() && !f.sample)
        .count() as u32;
    vec![
        item(
            "township_population",
            count(&|t| t.population_status != PopulationStatus::Pending),
            n,
            "zones",
        ),
        item(
            "boundaries",
            count(&|t| t.has_boundary() || t.seat.is_some()),
            n,
            "boundaries",
        ),
        item("places", data.places.len() as u32, 1, "places"),
        item(
            "childcare",
            of_kind(FacilityCategory::Childcare),
            1,
            "facilities",
        ),
        item(
            "elderly",
            of_kind(FacilityCategory::Elderly),
            1,
            "facilities",
        ),
        item("schools", schools, 1, "facilities"),
        item(
            "school_sections",
            with_sections,
            compulsory.max(1),
            "schools",
        ),
        item("hukou", u32::from(hukou), 1, "hukou"),
        item("actuals", actuals.years().len() as u32, 1, "actuals"),
    ]
}

/// The 在托 total of a year: the county figure where entered, else the sum over the
/// facilities' figures, else unknown.
pub fn enrolment_in(actuals: &Actuals, year: i32) -> Option<Enrolment> {
    if let Some(n) = actuals.county_year(year).and_then(|c| c.enrolled_under3) {
        return Some(Enrolment {
            enrolled: f64::from(n),
        });
    }
    let known: Vec<u32> = actuals
        .facilities
        .iter()
        .filter(|f| f.year == year)
        .filter_map(|f| f.enrolled)
        .collect();
    (!known.is_empty()).then(|| Enrolment {
        enrolled: known.iter().map(|&n| f64::from(n)).sum(),
    })
}

/// A county assessed as of `year` from its projection, with the 2025 入托率 baseline taken from
/// its own 2025 actuals where they exist.
pub async fn assess_as_of(
    v: &CountyView,
    year: i32,
) -> Result<junheng_core::assess::CountyAssessment, ApiError> {
    let actuals = v.actuals().await?;
    let to = year.max(2025);
    let p = v.projection(&ProjectionSpec::medium(), to).await?;
    let people = CountyPeople::projected(&p, year).ok_or_else(|| {
        ApiError::new(
            ErrorCode::ProjectionBadYears,
            format!("no projection for {year}"),
            json!({ "year": year }),
        )
    })?;
    let baseline = match (
        enrolment_in(actuals, 2025),
        CountyPeople::projected(&p, 2025),
    ) {
        (Some(e), Some(p25)) if p25.county.aged_0_2 > 0.0 => {
            EnrolmentBaseline::County(e.enrolled / p25.county.aged_0_2)
        }
        _ => EnrolmentBaseline::National,
    };
    Ok(assess_county_in(
        &v.data,
        &people,
        year,
        &v.norms,
        enrolment_in(actuals, year),
        baseline,
    ))
}

/// The dashboard of a county as of `year` (already checked against [`AS_OF_YEARS`]).
pub async fn dashboard_of(v: &CountyView, year: i32) -> Result<Dashboard, ApiError> {
    let hukou = v.hukou().await?.is_some();
    let a = assess_as_of(v, year).await?;
    let actuals = v.actuals().await?;
    let data = &v.data;
    let features: Vec<Value> = data
        .townships
        .iter()
        .filter(|t| t.has_boundary())
        .map(|t| {
            json!({
                "type": "Feature",
                "properties": {
                    "code": t.code, "name": t.name, "type": t.kind, "area_km2": t.area_km2,
                    "boundary_status": t.boundary_status,
                },
                "geometry": t.boundary,
            })
        })
        .collect();
    // The note names the mortality the projection really used: the province's where a source
    // gives its 2020 life expectancy, else the national path.
    let (mortality_zh, mortality_en) =
        match junheng_core::projection::e0_path_for(&data.county.code).1 {
            Some(p) => (
                format!("{}死亡水平（2020年预期寿命 {:.2} 岁）", p.name, p.e0_2020),
                format!(
                    "the mortality of {} (life expectancy {:.2} in 2020)",
                    p.name, p.e0_2020
                ),
            ),
            None => ("全国死亡水平".to_string(), "national mortality".to_string()),
        };
    Ok(Dashboard {
        as_of: year,
        basis: FigureBasis {
            kind: "projection".into(),
            census_date: BASE_DATE.into(),
            census_year: data.county.census_year,
            note_zh: format!(
                "{year}年末常住人口为预测值：以第七次全国人口普查（{BASE_DATE}）为基数，按中方案生育率、{mortality_zh}推算，不含迁移假设"
            ),
            note_en: format!(
                "Residents at year-end {year} are projected from the 7th census ({BASE_DATE}), medium fertility, {mortality_en}, no migration assumed"
            ),
        },
        township_info: data
            .townships
            .iter()
            .map(|t| TownshipInfo {
                code: t.code.clone(),
                population_status: t.population_status,
                boundary_status: t.boundary_status,
                seat: t.seat,
                user_defined: t.user_defined,
            })
            .collect(),
        completeness: completeness(data, hukou, actuals),
        outline: data.outline.clone(),
        county: data.county.clone(),
        county_assessment: a.county,
        kpis: a.kpis,
        townships: a.townships,
        unallocated: a.unallocated,
        facilities: a.facilities,
        boundaries: json!({ "type": "FeatureCollection", "features": features }),
    })
}

pub async fn get_dashboard(ctx: &Ctx, req: DashboardRequest) -> Result<Dashboard, ApiError> {
    let year = check_as_of(req.as_of.unwrap_or_else(current_year))?;
    let v = ctx.view(req.county.as_deref()).await?;
    dashboard_of(&v, year).await
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AssessRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    /// The year to assess (projected year-end); absent: the census base itself.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub as_of: Option<i32>,
}

/// `junheng assess` output: the county and its townships (townships and the remainder sum to
/// the county).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct AssessResponse {
    /// `census_2020` (the census base, facilities as they stand) or `as_of_YYYY` (projected).
    pub basis: String,
    pub year: i32,
    pub county: ZoneAssessment,
    pub townships: Vec<ZoneAssessment>,
    pub unallocated: Option<ZoneAssessment>,
    /// How far each township's 常住人口 is known, by code: a `pending` (待导入) township's
    /// figures are zeros that stand for "not yet known", never for an empty township.
    pub population_status: std::collections::BTreeMap<String, PopulationStatus>,
}

pub async fn assess(ctx: &Ctx, req: AssessRequest) -> Result<AssessResponse, ApiError> {
    let v = ctx.view(req.county.as_deref()).await?;
    let (basis, a) = match req.as_of {
        Some(y) => {
            let y = check_as_of(y)?;
            (format!("as_of_{y}"), assess_as_of(&v, y).await?)
        }
        None => (
            format!("census_{}", v.data.county.census_year),
            assess_county(&v.data, &v.norms),
        ),
    };
    let population_status = v
        .data
        .townships
        .iter()
        .map(|t| (t.code.clone(), t.population_status))
        .collect();
    Ok(AssessResponse {
        population_status,
        basis,
        year: a.year,
        county: a.county,
        townships: a.townships,
        unallocated: a.unallocated,
    })
}

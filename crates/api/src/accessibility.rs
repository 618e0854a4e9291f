use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::access::access_equity;
use junheng_core::demand::in_service;
use junheng_core::projection::Variant;
use junheng_core::scenario::{
    measures_by_facility, service_demand, service_distances, service_supply, CountyGrid,
    DemandPlacement, ScenarioFacility,
};
use junheng_core::FacilityCategory;

use crate::{ApiError, CountyView, Ctx, ErrorCode, ProjectionSpec};

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub category: FacilityCategory,
    /// Year whose projected residents are the demand (default 2025).
    #[serde(default = "default_year")]
    #[ts(optional, as = "Option<i32>")]
    pub year: i32,
    /// E2SFCA catchment (m); the steps are at ⅓, ⅔ and all of it. Default by category.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub catchment_m: Option<f64>,
    /// Coverage radius (m), the life-circle walk. Default by category.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub radius_m: Option<f64>,
    /// Grid cell size (m) of the demand points (default 1 000).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub cell_m: Option<f64>,
    #[serde(default)]
    #[ts(optional, as = "Option<Variant>")]
    pub variant: Variant,
}

fn default_year() -> i32 {
    2025
}

/// The 盲区 rule: a township is under-served when its accessibility is below this share of the
/// county's. Coverage is reported beside it but not used: with residents spread over the land
/// (no village data), a large 街道 of mostly hills shows low coverage even when its town is served.
pub const UNDERSERVED_ACCESS_RATIO: f64 = 0.5;

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct AccessCell {
    pub lon: f64,
    pub lat: f64,
    pub township_code: String,
    pub demand: f64,
    /// Supply per 1 000 residents of the group in reach (E2SFCA); `None` when no site is in the
    /// catchment.
    pub access_per_1000: Option<f64>,
    pub nearest_m: Option<f64>,
    pub covered: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct TownshipAccess {
    pub code: String,
    pub name: String,
    pub demand: f64,
    /// Demand-weighted mean of its cells (0 where nothing is in reach).
    pub access_per_1000: f64,
    pub coverage_share: Option<f64>,
    /// Demand farther than the radius from every site.
    pub uncovered_demand: f64,
    /// Access ÷ county access.
    pub access_ratio: Option<f64>,
    pub underserved: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct AccessibilityView {
    pub category: FacilityCategory,
    pub year: i32,
    pub method: String,
    pub catchment_m: f64,
    pub radius_m: f64,
    pub cell_m: f64,
    /// E2SFCA distance steps (m, weight).
    pub weights: Vec<(f64, f64)>,
    /// What the demand is (e.g. children aged 0–2).
    pub demand_group: String,
    /// What the supply is (托位, beds, places).
    pub supply_unit: String,
    pub demand_total: f64,
    pub supply_total: f64,
    /// Supply ÷ demand × 1 000 over the county: the benchmark the township values compare with.
    pub county_access_per_1000: f64,
    pub county_coverage_share: Option<f64>,
    /// Inter-township demand-weighted CV of accessibility (均衡): lower is more even.
    pub township_cv: Option<f64>,
    pub townships: Vec<TownshipAccess>,
    /// 盲区: the under-served townships, most uncovered demand first.
    pub underserved: Vec<String>,
    pub cells: Vec<AccessCell>,
    /// 盲区 when access ÷ county access is below this.
    pub rule_access_ratio: f64,
    pub demand_note: String,
    /// How residents were placed on the grid.
    pub placement: DemandPlacement,
}

/// What the demand and the supply of a service are, as the page names them.
fn group_and_unit(c: FacilityCategory) -> (&'static str, &'static str) {
    match c {
        FacilityCategory::Childcare => ("3岁以下婴幼儿 (0–2岁)", "托位"),
        FacilityCategory::Elderly => ("60岁及以上常住人口", "养老机构床位"),
        FacilityCategory::School => ("6–14岁义务教育适龄人口", "学位"),
    }
}

/// Accessibility of one service: E2SFCA per grid cell and township, coverage within the radius,
/// the inter-township CV and the under-served townships (盲区).
pub async fn get_accessibility(
    ctx: &Ctx,
    req: AccessibilityRequest,
) -> Result<AccessibilityView, ApiError> {
    if !(2021..=2060).contains(&req.year) {
        return Err(ApiError::new(
            ErrorCode::ProjectionBadYears,
            format!("the year must be 2021–2060, got {}", req.year),
            json!({ "from": req.year, "to": req.year }),
        ));
    }
    let (d_radius, d_catch) = service_distances(req.category);
    let catchment = req.catchment_m.unwrap_or(d_catch);
    let radius = req.radius_m.unwrap_or(d_radius);
    let cell = req.cell_m.unwrap_or(1000.0);
    for (name, v) in [
        ("catchment_m", catchment),
        ("radius_m", radius),
        ("cell_m", cell),
    ] {
        if !(v.is_finite() && v > 0.0 && v <= 100_000.0) || (name == "cell_m" && v < 100.0) {
            return Err(ApiError::new(
                ErrorCode::AccessBadDistance,
                format!(
                    "{name} must be a distance in metres (cell ≥ 100 m, all ≤ 100 km), got {v}"
                ),
                json!({ "name": name, "value": v }),
            ));
        }
    }
    let v = ctx.view(req.county.as_deref()).await?;
    accessibility_of(&v, &req).await
}

/// Accessibility of one service in a county (the request's distances already checked).
pub async fn accessibility_of(
    v: &CountyView,
    req: &AccessibilityRequest,
) -> Result<AccessibilityView, ApiError> {
    let (group, unit) = group_and_unit(req.category);
    let (d_radius, d_catch) = service_distances(req.category);
    let catchment = req.catchment_m.unwrap_or(d_catch);
    let radius = req.radius_m.unwrap_or(d_radius);
    let cell = req.cell_m.unwrap_or(1000.0);
    let (data, norms) = (&v.data, &v.norms);
    let spec = ProjectionSpec {
        variant: req.variant,
        ..ProjectionSpec::medium()
    };
    let p = v.projection(&spec, req.year).await?;
    let township_demand: Vec<f64> = p
        .zones
        .iter()
        .map(|series| {
            series
                .iter()
                .find(|y| y.year == req.year)
                .map_or(0.0, |y| service_demand(req.category, &y.population))
        })
        .collect();
    let grid = CountyGrid::new(data, cell);
    let points = grid.points();
    let states = ScenarioFacility::all_open(&data.facilities);
    let measures = measures_by_facility(&states, norms);
    let sites: Vec<([f64; 2], f64)> = data
        .facilities
        .iter()
        .filter(|f| f.kind.category() == req.category && in_service(f, req.year))
        .map(|f| {
            (
                [f.location.lon, f.location.lat],
                service_supply(req.category, &measures[&f.id]),
            )
        })
        .filter(|(_, s)| *s > 0.0)
        .collect();
    let r = grid.evaluate(&township_demand, &sites, radius, catchment);
    let cells: Vec<AccessCell> = grid
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| AccessCell {
            lon: points[i][0],
            lat: points[i][1],
            township_code: data
                .townships
                .get(c.zone)
                .map(|t| t.code.clone())
                .unwrap_or_default(),
            demand: r.demand[i],
            access_per_1000: r.access[i].map(|v| v * 1000.0),
            nearest_m: r.nearest[i],
            covered: r.nearest[i].is_some_and(|d| d <= radius),
        })
        .collect();
    let county_access = r.county_access() * 1000.0;
    // The remainder (未分配) counts for the county, not as a township.
    let towns = &r.zones[..data.townships.len()];
    let zone_pairs: Vec<(f64, f64)> = towns
        .iter()
        .map(|z| (z.demand, z.access() * 1000.0))
        .collect();
    let mut townships: Vec<TownshipAccess> = data
        .townships
        .iter()
        .zip(towns)
        .map(|(t, z)| {
            let access = z.access() * 1000.0;
            let ratio = (county_access > 0.0).then(|| access / county_access);
            TownshipAccess {
                code: t.code.clone(),
                name: t.name.clone(),
                demand: z.demand,
                access_per_1000: access,
                coverage_share: z.coverage(),
                uncovered_demand: z.demand - z.covered,
                access_ratio: ratio,
                underserved: z.demand > 0.0 && ratio.is_none_or(|r| r < UNDERSERVED_ACCESS_RATIO),
            }
        })
        .collect();
    let mut under: Vec<&TownshipAccess> = townships.iter().filter(|t| t.underserved).collect();
    under.sort_by(|a, b| b.uncovered_demand.total_cmp(&a.uncovered_demand));
    let underserved = under.iter().map(|t| t.code.clone()).collect();
    townships.shrink_to_fit();
    let weight = r.weight.clone();
    let demand_total = r.demand_total();
    let supply_total = r.supply_total;
    Ok(AccessibilityView {
        category: req.category,
        year: req.year,
        method: "e2sfca".into(),
        catchment_m: catchment,
        radius_m: radius,
        cell_m: cell,
        weights: weight.step_list().unwrap_or_default().to_vec(),
        demand_group: group.into(),
        supply_unit: unit.into(),
        demand_total,
        supply_total,
        county_access_per_1000: county_access,
        county_coverage_share: r.coverage_share(),
        township_cv: access_equity(&zone_pairs).map(|e| e.cv),
        townships,
        underserved,
        cells,
        rule_access_ratio: UNDERSERVED_ACCESS_RATIO,
        placement: grid.placement,
        demand_note: match grid.placement {
            DemandPlacement::Places => "需求按村/社区点位及其常住人口分布".into(),
            DemandPlacement::Mixed => "有村/社区数据的乡镇按点位分布，其余乡镇人口按面积均匀分布到格网".into(),
            DemandPlacement::Area => "乡镇人口按面积均匀分布到格网（无村级人口数据时的默认做法）；覆盖率反映乡镇土地在服务半径内的比例".into(),
            DemandPlacement::Coarse => "部分乡镇缺少边界和村级数据：其人口放在驻地或按县域轮廓均匀分布（粗略估算），请导入乡镇边界或村/社区人口".into(),
        },
    })
}

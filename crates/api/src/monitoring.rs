//! 监测 and 补贴 — is the plan working (each indicator by year against its target, what the
//! recorded actuals say, early warnings), and what the 育儿补贴 and 托育运营补贴 cost each year.

use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::assess::{assess_county_in, CountyAssessment, CountyPeople};
use junheng_core::demand::{in_service, year_need};
use junheng_core::monitoring::{
    monitor, AssessedYear, Monitoring, MonitoringInputs, TownshipCoverage,
};
use junheng_core::projection::CountyProjection;
use junheng_core::scenario::{
    measures_by_facility, service_demand, service_distances, service_supply, CountyGrid,
    ScenarioFacility,
};
use junheng_core::standards::{self as ids, target_in_force, EnrolmentBaseline};
use junheng_core::subsidy::{subsidy_years, EnrolledBasis, SubsidyYear};
use junheng_core::{Actuals, FacilityCategory};

use crate::dashboard::{current_year, enrolment_in};
use crate::scenarios::scenario_outcome;
use crate::{ApiError, CountyView, Ctx, ErrorCode, PopulationBasis, ProjectionSpec};

fn check_span(from: i32, to: i32) -> Result<(), ApiError> {
    if !(2020..=2035).contains(&from) || !(from..=2035).contains(&to) {
        return Err(ApiError::new(
            ErrorCode::ProjectionBadYears,
            format!("years must satisfy 2020 ≤ from ≤ to ≤ 2035, got {from}–{to}"),
            json!({ "from": from, "to": to }),
        ));
    }
    Ok(())
}

/// The 2025 入托率 the 十五五 rise counts from: the county's own when its 2025 actuals give it.
fn baseline(actuals: &Actuals, p: &CountyProjection) -> EnrolmentBaseline {
    let children = CountyPeople::projected(p, 2025).map(|c| c.county.aged_0_2);
    match (enrolment_in(actuals, 2025), children) {
        (Some(e), Some(c)) if c > 0.0 => EnrolmentBaseline::County(e.enrolled / c),
        _ => EnrolmentBaseline::National,
    }
}

/// Every year `from..=to` assessed as the dashboard would show it.
fn assessed_years(
    v: &CountyView,
    actuals: &Actuals,
    p: &CountyProjection,
    from: i32,
    to: i32,
) -> Vec<CountyAssessment> {
    let base = baseline(actuals, p);
    (from..=to)
        .filter_map(|y| {
            let people = CountyPeople::projected(p, y)?;
            Some(assess_county_in(
                &v.data,
                &people,
                y,
                &v.norms,
                enrolment_in(actuals, y),
                base,
            ))
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MonitoringRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    /// First and last year shown (default 2020–2030).
    #[serde(default = "default_monitor_from")]
    pub from: i32,
    #[serde(default = "default_monitor_to")]
    pub to: i32,
}

fn default_monitor_from() -> i32 {
    2020
}
fn default_monitor_to() -> i32 {
    2030
}

/// The 监测 page: every indicator's actual values by year, plan trajectory and target line,
/// traffic lights, progress, the year reached at the current pace, the actuals' own figures
/// and the early warnings.
pub async fn get_monitoring(ctx: &Ctx, req: MonitoringRequest) -> Result<Monitoring, ApiError> {
    check_span(req.from, req.to)?;
    let v = ctx.view(req.county.as_deref()).await?;
    monitoring_of(&v, req.from, req.to, current_year()).await
}

/// The monitoring of a county over `from..=to` (checked) seen from year `now` (this year for
/// the page; the report's "as of" year for the report): years up to `now` count as actual.
pub async fn monitoring_of(
    v: &CountyView,
    from: i32,
    to_year: i32,
    now: i32,
) -> Result<Monitoring, ApiError> {
    let actuals = v.actuals().await?;
    let now = now.clamp(from, to_year);
    let to = to_year.max(now).max(2025);
    let p = v.projection(&ProjectionSpec::medium(), to).await?;
    let assessed = assessed_years(v, actuals, &p, from, to_year);
    let years: Vec<AssessedYear<'_>> = assessed
        .iter()
        .filter_map(|a| {
            let y = p.county.iter().find(|y| y.year == a.year)?;
            Some(AssessedYear {
                assessment: a,
                projection: y,
            })
        })
        .collect();
    // This year's coverage of every service by township (盲区).
    let grid = CountyGrid::new(&v.data, 1000.0);
    let states = ScenarioFacility::all_open(&v.data.facilities);
    let measures = measures_by_facility(&states, &v.norms);
    let mut coverage = Vec::new();
    for c in [
        FacilityCategory::Childcare,
        FacilityCategory::Elderly,
        FacilityCategory::School,
    ] {
        let zone_demand: Vec<f64> = p
            .zones
            .iter()
            .map(|s| {
                s.iter()
                    .find(|y| y.year == now)
                    .map_or(0.0, |y| service_demand(c, &y.population))
            })
            .collect();
        let sites: Vec<([f64; 2], f64)> = v
            .data
            .facilities
            .iter()
            .filter(|f| f.kind.category() == c && in_service(f, now))
            .map(|f| {
                (
                    [f.location.lon, f.location.lat],
                    service_supply(c, &measures[&f.id]),
                )
            })
            .filter(|s| s.1 > 0.0)
            .collect();
        let (radius, catchment) = service_distances(c);
        let r = grid.evaluate(&zone_demand, &sites, radius, catchment);
        for (t, z) in v.data.townships.iter().zip(&r.zones) {
            coverage.push(TownshipCoverage {
                code: t.code.clone(),
                name: t.name.clone(),
                category: c,
                demand: z.demand,
                coverage: z.coverage(),
            });
        }
    }
    let senior_need: Vec<(i32, f64)> = p
        .county
        .iter()
        .filter(|y| y.year >= now)
        .map(|y| {
            (
                y.year,
                year_need(y.year, &y.population, &v.norms).senior_students,
            )
        })
        .collect();
    Ok(monitor(&MonitoringInputs {
        years,
        actuals,
        coverage,
        current_year: now,
        utilisation_warning: v.norms.value(ids::UTILISATION_WARNING),
        occupancy_warning: v.norms.value(ids::OCCUPANCY_WARNING),
        senior_need,
    }))
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SubsidyRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    #[serde(default = "default_subsidy_from")]
    pub from: i32,
    #[serde(default = "default_subsidy_to")]
    pub to: i32,
    /// A scenario whose builds' construction subsidies are added (none: the base data).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub scenario_id: Option<String>,
}

fn default_subsidy_from() -> i32 {
    2025
}
fn default_subsidy_to() -> i32 {
    2035
}

/// The subsidy budget by year, with the population it was counted on.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct SubsidyBudget {
    /// `hukou` (the county's 户籍 table: the 育儿补贴 is paid where a child is registered) or
    /// `resident` (no 户籍 table stored: 常住 as a stand-in).
    pub basis: String,
    pub basis_note_zh: String,
    pub basis_note_en: String,
    pub per_child_year_yuan: f64,
    pub operating_per_child_month_yuan: f64,
    pub years: Vec<SubsidyYear>,
    pub total_yuan: f64,
}

/// 育儿补贴 (3,600 元 × person-years under 3, on the 户籍 basis where a 户籍 table is stored),
/// its central/provincial/county shares, 托育运营补贴 for enrolled children (recorded, else the
/// children × the 入托率 target in force or the latest recorded rate), and a scenario's
/// construction subsidies.
pub async fn get_subsidy(ctx: &Ctx, req: SubsidyRequest) -> Result<SubsidyBudget, ApiError> {
    check_span(req.from, req.to)?;
    let v = ctx.view(req.county.as_deref()).await?;
    subsidy_of(&v, req.from, req.to, req.scenario_id.as_deref()).await
}

/// The subsidy budget of a county for `from..=to` (checked), with a scenario's construction
/// subsidies when one is named.
pub async fn subsidy_of(
    v: &CountyView,
    from: i32,
    to: i32,
    scenario_id: Option<&str>,
) -> Result<SubsidyBudget, ApiError> {
    let actuals = v.actuals().await?;
    let hukou = v.hukou().await?;
    let (basis, zh, en) = match hukou {
        Some(h) => (
            PopulationBasis::Hukou,
            format!("按户籍人口测算（{}）：育儿补贴在户籍地申领", h.source),
            format!("on the registered (户籍) population ({}): the subsidy is paid where a child is registered", h.source),
        ),
        None => (
            PopulationBasis::Resident,
            "尚未导入户籍人口，按常住人口代替测算；育儿补贴在户籍地申领，导入户籍表后更准确".to_string(),
            "no 户籍 table imported: the resident population stands in; the subsidy is paid where a child is registered, so import the 户籍 table for a closer figure".to_string(),
        ),
    };
    let resident = v.projection(&ProjectionSpec::medium(), to).await?;
    // Only the county series is used: on the 户籍 basis it is the 户籍 table projected.
    let p = v
        .projection(
            &ProjectionSpec {
                basis,
                ..ProjectionSpec::medium()
            },
            to,
        )
        .await?;
    let base = baseline(actuals, &resident);
    let latest_rate = actuals.years().into_iter().rev().find_map(|y| {
        let e = enrolment_in(actuals, y)?;
        let c = resident
            .county
            .iter()
            .find(|r| r.year == y)?
            .population
            .ages(0, 2);
        (c > 0.0).then(|| e.enrolled / c)
    });
    let construction: Vec<(i32, f64)> = match scenario_id {
        Some(id) => {
            let o = scenario_outcome(v, id, from, to).await?;
            // Scenario costs are in 万元.
            o.years
                .iter()
                .map(|y| (y.year, y.cost.subsidy * 10_000.0))
                .collect()
        }
        None => vec![],
    };
    let years: Vec<_> = p
        .county
        .iter()
        .filter(|y| y.year >= from - 1 && y.year <= to)
        .cloned()
        .collect();
    let norms = &v.norms;
    let rows = subsidy_years(
        &years,
        norms,
        &|year, children| match enrolment_in(actuals, year) {
            Some(e) => (e.enrolled, EnrolledBasis::Recorded),
            None => {
                let rate = target_in_force(
                    junheng_core::assess::KpiKey::EnrolmentRate,
                    year,
                    norms,
                    base,
                )
                .map(|t| t.value)
                .or(latest_rate)
                .unwrap_or_else(|| norms.value(ids::ENROLMENT_RATE_NATIONAL_2025));
                (children * rate, EnrolledBasis::Projected)
            }
        },
        &|year| {
            construction
                .iter()
                .find(|c| c.0 == year)
                .map_or(0.0, |c| c.1)
        },
    );
    Ok(SubsidyBudget {
        basis: match basis {
            PopulationBasis::Hukou => "hukou",
            PopulationBasis::Resident => "resident",
        }
        .into(),
        basis_note_zh: zh,
        basis_note_en: en,
        per_child_year_yuan: norms.value(ids::SUBSIDY_PER_CHILD_YEAR),
        operating_per_child_month_yuan: norms.value(ids::SUBSIDY_OPERATING_PER_CHILD_MONTH),
        total_yuan: rows.iter().map(|r| r.total_yuan).sum(),
        years: rows,
    })
}

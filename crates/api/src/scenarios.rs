use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::scenario::{
    evaluate_scenario, validate_interventions, Action, InterventionError, ProjectedPopulation,
    Scenario, ScenarioOutcome,
};
use junheng_core::standards::Catalogue;
use junheng_core::CountyDataset;

use crate::{townships_by_point, ApiError, CountyView, Ctx, ErrorCode, ProjectionSpec};

/// `Norm.origin` of a value a scenario overrides.
pub const SCENARIO_OVERRIDE_ORIGIN: &str = "scenario_override";

/// The id that names the base data without interventions (基准/现状延续) in comparisons.
pub const BASE_SCENARIO_ID: &str = "base";

/// At most this many scenarios are compared side by side.
pub const MAX_COMPARED: usize = 3;

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ListScenariosRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
}

pub async fn list_scenarios(
    ctx: &Ctx,
    req: ListScenariosRequest,
) -> Result<Vec<Scenario>, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    Ok(ctx.store.scenarios(&code).await?)
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SaveScenarioRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub scenario: Scenario,
}

fn intervention_error(e: InterventionError) -> ApiError {
    use junheng_core::scenario::InterventionProblem as P;
    let code = match e.reason {
        P::UnknownFacility => ErrorCode::ScenarioUnknownFacility,
        P::DuplicateFacility => ErrorCode::ScenarioDuplicateFacility,
        P::AlreadyClosed => ErrorCode::ScenarioAlreadyClosed,
        P::BadYear => ErrorCode::ScenarioBadYear,
    };
    ApiError::new(
        code,
        e.to_string(),
        json!({ "intervention": e.intervention_id, "facility": e.facility_id }),
    )
}

/// A short id unique among `taken`, from the clock (ids only need to be unique per county).
fn fresh_id(prefix: &str, taken: &[&str]) -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    (0u32..)
        .map(|n| format!("{prefix}{t:x}{n}"))
        .find(|id| !taken.contains(&id.as_str()))
        .expect("an unused id")
}

/// Fills what a new facility built by a scenario needs from where it stands: the township it
/// lies in (refused when outside the county) and an id.
fn place_builds(data: &CountyDataset, s: &mut Scenario) -> Result<(), ApiError> {
    let mut ids: Vec<String> = data.facilities.iter().map(|f| f.id.clone()).collect();
    let township_at = townships_by_point(data);
    for iv in &mut s.interventions {
        if let Action::Build { facility } = &mut iv.action {
            if facility.id.trim().is_empty() {
                let taken: Vec<&str> = ids.iter().map(String::as_str).collect();
                facility.id = fresh_id("N", &taken);
            }
            ids.push(facility.id.clone());
            let at = township_at(facility.location.lon, facility.location.lat)
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::ScenarioOutsideCounty,
                        format!(
                            "{} ({}, {}) is outside every township of the county",
                            facility.name, facility.location.lon, facility.location.lat
                        ),
                        json!({ "name": facility.name, "lon": facility.location.lon, "lat": facility.location.lat }),
                    )
                })?;
            facility.township_code = at;
        }
    }
    Ok(())
}

/// Saves (creates or replaces) a scenario after checking every intervention against the base
/// data in its year and every norm override against the catalogue; nothing is stored otherwise.
pub async fn save_scenario(ctx: &Ctx, req: SaveScenarioRequest) -> Result<Scenario, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let data = ctx.load_county(&code).await?;
    let mut s = req.scenario;
    if s.name.trim().is_empty() {
        return Err(ApiError::new(
            ErrorCode::ScenarioNoName,
            "a scenario needs a name",
            json!({}),
        ));
    }
    let existing = ctx.store.scenarios(&code).await?;
    if s.id.trim().is_empty() || s.id == BASE_SCENARIO_ID {
        let taken: Vec<&str> = existing.iter().map(|e| e.id.as_str()).collect();
        s.id = fresh_id("S", &taken);
    }
    let mut iv_ids: Vec<String> = Vec::new();
    for iv in &mut s.interventions {
        if iv.id.trim().is_empty() || iv_ids.contains(&iv.id) {
            let taken: Vec<&str> = iv_ids.iter().map(String::as_str).collect();
            iv.id = fresh_id("I", &taken);
        }
        iv_ids.push(iv.id.clone());
    }
    place_builds(&data, &mut s)?;
    validate_interventions(&data.facilities, &s.interventions).map_err(intervention_error)?;
    scenario_norms(ctx, &code, &s).await?;
    Ok(ctx.store.save_scenario(&code, &s).await?)
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DeleteScenarioRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub id: String,
}

pub async fn delete_scenario(
    ctx: &Ctx,
    req: DeleteScenarioRequest,
) -> Result<Vec<Scenario>, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    if !ctx.store.delete_scenario(&code, &req.id).await? {
        return Err(ApiError::new(
            ErrorCode::ScenarioNotFound,
            format!("scenario {} does not exist", req.id),
            json!({ "id": req.id }),
        ));
    }
    Ok(ctx.store.scenarios(&code).await?)
}

/// The norms a scenario is assessed with: national, the county's overrides, then its own.
async fn scenario_norms(ctx: &Ctx, county: &str, s: &Scenario) -> Result<Catalogue, ApiError> {
    with_scenario_norms(&ctx.norms_for(county).await?, s)
}

/// `county` (national with the county's overrides) with a scenario's own overrides on top.
fn with_scenario_norms(county: &Catalogue, s: &Scenario) -> Result<Catalogue, ApiError> {
    county
        .with_values(&s.norm_overrides, SCENARIO_OVERRIDE_ORIGIN)
        .map_err(|e| {
            let detail = e.to_string();
            ApiError::new(
                ErrorCode::StandardsInvalid,
                detail.clone(),
                json!({ "detail": detail }),
            )
        })
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CompareScenariosRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    /// Up to three scenario ids; `base` is the base data without interventions.
    pub ids: Vec<String>,
    #[serde(default = "default_from")]
    #[ts(optional, as = "Option<i32>")]
    pub from: i32,
    #[serde(default = "default_to")]
    #[ts(optional, as = "Option<i32>")]
    pub to: i32,
}

fn default_from() -> i32 {
    2025
}
fn default_to() -> i32 {
    2035
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ScenarioComparison {
    pub from: i32,
    pub to: i32,
    pub outcomes: Vec<ScenarioOutcome>,
}

/// The base data with no interventions, as a scenario.
pub fn base_scenario() -> Scenario {
    Scenario {
        id: BASE_SCENARIO_ID.into(),
        name: "基准（现状延续）".into(),
        description: String::new(),
        interventions: vec![],
        norm_overrides: vec![],
        assumptions: Default::default(),
        version: 0,
    }
}

/// One scenario (or `base`) assessed for every year `from..=to`.
pub async fn scenario_outcome(
    v: &CountyView,
    id: &str,
    from: i32,
    to: i32,
) -> Result<ScenarioOutcome, ApiError> {
    let s = if id == BASE_SCENARIO_ID {
        base_scenario()
    } else {
        v.scenarios()
            .await?
            .iter()
            .find(|s| s.id == id)
            .cloned()
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::ScenarioNotFound,
                    format!("scenario {id} does not exist"),
                    json!({ "id": id }),
                )
            })?
    };
    let norms = with_scenario_norms(&v.norms, &s)?;
    let spec = ProjectionSpec {
        variant: s.assumptions.variant,
        tfr: s.assumptions.tfr,
        migration: s.assumptions.migration.clone(),
        ..ProjectionSpec::medium()
    };
    let p = v.projection(&spec, to).await?;
    let pop = ProjectedPopulation {
        county: &p.county,
        townships: &p.zones,
    };
    evaluate_scenario(&v.data, &s, &pop, from, to, &norms).map_err(intervention_error)
}

/// Checks a comparison's scenario count and plan years.
fn check_comparison(req: &CompareScenariosRequest) -> Result<(), ApiError> {
    if req.ids.is_empty() || req.ids.len() > MAX_COMPARED {
        return Err(ApiError::new(
            ErrorCode::ScenarioCompareCount,
            format!(
                "compare 1 to {MAX_COMPARED} scenarios, got {}",
                req.ids.len()
            ),
            json!({ "max": MAX_COMPARED, "count": req.ids.len() }),
        ));
    }
    if req.from < 2021 || req.to < req.from || req.to > 2060 {
        return Err(ApiError::new(
            ErrorCode::ProjectionBadYears,
            format!(
                "plan years must satisfy 2021 ≤ from ≤ to ≤ 2060, got {}–{}",
                req.from, req.to
            ),
            json!({ "from": req.from, "to": req.to }),
        ));
    }
    Ok(())
}

/// Assesses up to three scenarios for every plan year: KPIs, gaps and costs per year.
pub async fn compare_scenarios(
    ctx: &Ctx,
    req: CompareScenariosRequest,
) -> Result<ScenarioComparison, ApiError> {
    check_comparison(&req)?;
    let v = ctx.view(req.county.as_deref()).await?;
    comparison_of(&v, &req.ids, req.from, req.to).await
}

/// Scenarios `ids` of a county assessed for every year `from..=to` (count and years checked).
pub async fn comparison_of(
    v: &CountyView,
    ids: &[String],
    from: i32,
    to: i32,
) -> Result<ScenarioComparison, ApiError> {
    let mut outcomes = Vec::new();
    for id in ids {
        outcomes.push(scenario_outcome(v, id, from, to).await?);
    }
    Ok(ScenarioComparison { from, to, outcomes })
}

use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::geo::geometry_contains;
use junheng_core::{CountyDataset, Facility};
use junheng_store::{ChangeEntry, FacilityChange};

use crate::{ApiError, Ctx};

/// The township whose boundary contains the point, if any.
pub fn township_at(data: &CountyDataset, lon: f64, lat: f64) -> Option<String> {
    data.townships
        .iter()
        .find(|t| geometry_contains(&t.boundary, lon, lat))
        .map(|t| t.code.clone())
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditFacilityRequest {
    #[serde(default)]
    pub county: Option<String>,
    /// The author field of the app (who is editing).
    pub author: String,
    /// `add`, `edit`, `move`, `close`, `reopen` or `delete`.
    pub action: String,
    pub summary: String,
    /// The facility as the editor read it (`None` when adding).
    #[serde(default)]
    pub before: Option<Facility>,
    /// The facility as it should be (`None` when deleting).
    #[serde(default)]
    pub after: Option<Facility>,
}

const ACTIONS: [&str; 6] = ["add", "edit", "move", "close", "reopen", "delete"];

/// One edit of the base data, checked, applied and logged in one transaction. A facility that
/// moves gets the township its new point lies in; a point outside the county is refused.
pub async fn edit_facility(ctx: &Ctx, req: EditFacilityRequest) -> Result<ChangeEntry, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    if !ACTIONS.contains(&req.action.as_str()) {
        return Err(ApiError::new(
            "edit.bad_action",
            format!("unknown edit action `{}`", req.action),
            json!({ "action": req.action }),
        ));
    }
    if req.author.trim().is_empty() {
        return Err(ApiError::new(
            "edit.no_author",
            "enter your name in the author field before editing",
            json!({}),
        ));
    }
    let mut after = req.after;
    if let Some(f) = &mut after {
        if f.name.trim().is_empty() || f.id.trim().is_empty() {
            return Err(ApiError::new(
                "edit.incomplete",
                "a facility needs an id and a name",
                json!({}),
            ));
        }
        let data = ctx.load_county(&code).await?;
        if req.before.is_none() && data.facilities.iter().any(|g| g.id == f.id) {
            return Err(ApiError::new(
                "edit.duplicate_id",
                format!("facility id {} is already used", f.id),
                json!({ "id": f.id }),
            ));
        }
        f.township_code = township_at(&data, f.location.lon, f.location.lat).ok_or_else(|| {
            ApiError::new(
                "edit.outside_county",
                format!(
                    "({}, {}) is outside every township of the county",
                    f.location.lon, f.location.lat
                ),
                json!({ "lon": f.location.lon, "lat": f.location.lat }),
            )
        })?;
    }
    let change = FacilityChange {
        author: req.author.trim().to_string(),
        action: req.action,
        summary: req.summary,
        before: req.before,
        after,
    };
    Ok(ctx.store.apply_change(&code, &change).await?)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditHistoryRequest {
    #[serde(default)]
    pub county: Option<String>,
}

/// What undo or redo did (`None`: nothing to undo/redo) and the log after it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EditStep {
    pub entry: Option<ChangeEntry>,
    pub can_undo: bool,
    pub can_redo: bool,
}

async fn step(ctx: &Ctx, req: EditHistoryRequest, undo: bool) -> Result<EditStep, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let entry = if undo {
        ctx.store.undo(&code).await?
    } else {
        ctx.store.redo(&code).await?
    };
    let log = ChangeLog::read(ctx, &code).await?;
    Ok(EditStep {
        entry,
        can_undo: log.can_undo,
        can_redo: log.can_redo,
    })
}

pub async fn undo_edit(ctx: &Ctx, req: EditHistoryRequest) -> Result<EditStep, ApiError> {
    step(ctx, req, true).await
}

pub async fn redo_edit(ctx: &Ctx, req: EditHistoryRequest) -> Result<EditStep, ApiError> {
    step(ctx, req, false).await
}

/// 修改记录 as the UI shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeLog {
    pub entries: Vec<ChangeEntry>,
    pub can_undo: bool,
    pub can_redo: bool,
}

impl ChangeLog {
    async fn read(ctx: &Ctx, county: &str) -> Result<ChangeLog, ApiError> {
        let entries = ctx.store.change_log(county, 500).await?;
        use junheng_store::ChangeState::*;
        Ok(ChangeLog {
            can_undo: entries.iter().any(|e| e.state == Done),
            can_redo: entries.iter().any(|e| e.state == Undone),
            entries,
        })
    }
}

pub async fn get_change_log(ctx: &Ctx, req: EditHistoryRequest) -> Result<ChangeLog, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    ChangeLog::read(ctx, &code).await
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditPopulationRequest {
    #[serde(default)]
    pub county: Option<String>,
    pub author: String,
    pub township_code: String,
    /// New 常住人口 of the township (whole persons).
    pub resident_population: f64,
}

/// Sets a township's 常住人口: its age/sex structure is kept at the new total (largest
/// remainder), the county becomes the sum of its townships; logged, undoable.
pub async fn edit_population(
    ctx: &Ctx,
    req: EditPopulationRequest,
) -> Result<ChangeEntry, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    if req.author.trim().is_empty() {
        return Err(ApiError::new(
            "edit.no_author",
            "enter your name in the author field before editing",
            json!({}),
        ));
    }
    let v = req.resident_population;
    if !v.is_finite() || v < 0.0 || v.fract() != 0.0 || v > 1e9 {
        return Err(ApiError::new(
            "edit.bad_population",
            format!("a population must be a non-negative whole number, got {v}"),
            json!({ "value": v }),
        ));
    }
    let data = ctx.load_county(&code).await?;
    let t = data
        .townships
        .iter()
        .find(|t| t.code == req.township_code)
        .ok_or_else(|| {
            ApiError::new(
                "edit.unknown_township",
                format!("township {} is not in county {code}", req.township_code),
                json!({ "code": req.township_code }),
            )
        })?;
    let after =
        junheng_core::population::rescale_age_sex(&t.population, v as u64, &data.population);
    let change = junheng_store::PopulationChange {
        author: req.author.trim().to_string(),
        summary: format!(
            "{} 常住人口 {} → {}",
            t.name,
            t.population.total(),
            after.total()
        ),
        township_code: t.code.clone(),
        before: t.population.clone(),
        after,
    };
    Ok(ctx.store.apply_population_change(&code, &change).await?)
}

use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::geo::Area;
use junheng_core::{CountyDataset, Facility};
use junheng_store::{Change, ChangeEntry, ChangeItem};

use crate::{ApiError, Ctx, ErrorCode};

/// The township whose boundary contains the point, if any.
pub fn township_at(data: &CountyDataset, lon: f64, lat: f64) -> Option<String> {
    townships_by_point(data)(lon, lat)
}

/// [`township_at`] for many points: the boundaries are read once, then every point is tested.
pub fn townships_by_point(data: &CountyDataset) -> impl Fn(f64, f64) -> Option<String> + '_ {
    let bounded: Vec<(&str, Area)> = data
        .townships
        .iter()
        .filter(|t| t.has_boundary())
        .map(|t| (t.code.as_str(), Area::of_stored(&t.boundary)))
        .collect();
    move |lon, lat| {
        bounded
            .iter()
            .find(|(_, a)| a.contains(lon, lat))
            .map(|(code, _)| code.to_string())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct EditFacilityRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    /// The author field of the app (who is editing).
    pub author: String,
    /// `add`, `edit`, `move`, `close`, `reopen` or `delete`.
    pub action: String,
    pub summary: String,
    /// The facility as the editor read it (`None` when adding).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub before: Option<Facility>,
    /// The facility as it should be (`None` when deleting).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub after: Option<Facility>,
}

const ACTIONS: [&str; 6] = ["add", "edit", "move", "close", "reopen", "delete"];

/// One edit of the base data, checked, applied and logged in one transaction. A facility that
/// moves gets the township its new point lies in; a point outside the county is refused.
pub async fn edit_facility(ctx: &Ctx, req: EditFacilityRequest) -> Result<ChangeEntry, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    if !ACTIONS.contains(&req.action.as_str()) {
        return Err(ApiError::new(
            ErrorCode::EditBadAction,
            format!("unknown edit action `{}`", req.action),
            json!({ "action": req.action }),
        ));
    }
    if req.author.trim().is_empty() {
        return Err(ApiError::new(
            ErrorCode::EditNoAuthor,
            "enter your name in the author field before editing",
            json!({}),
        ));
    }
    let data = ctx.load_county(&code).await?;
    let mut after = req.after;
    if let Some(f) = &mut after {
        if f.name.trim().is_empty() || f.id.trim().is_empty() {
            return Err(ApiError::with(ErrorCode::EditIncomplete, json!({})));
        }
        // The same value domains as an import (core::domain::limits): a typed 500000000
        // classes is refused here, not found later as an overflow.
        if let Some(e) = f.check_ranges().into_iter().next() {
            return Err(ApiError::new(
                ErrorCode::EditOutOfRange,
                e.message_en.clone(),
                json!({ "field": e.field, "detail_zh": e.message_zh, "detail": e.message_en }),
            ));
        }
        if req.before.is_none() && data.facilities.iter().any(|g| g.id == f.id) {
            return Err(ApiError::with(
                ErrorCode::EditDuplicateId,
                json!({ "id": f.id }),
            ));
        }
        let inside = crate::import::inside_county(&data);
        let township = township_at(&data, f.location.lon, f.location.lat);
        match township {
            Some(t) => f.township_code = t,
            // Without township boundaries the facility keeps the township it names, as long as
            // the point is in the county.
            None if inside(f.location.lon, f.location.lat)
                && data.township(&f.township_code).is_some()
                && !data.townships.iter().any(|t| t.has_boundary()) => {}
            None => {
                return Err(ApiError::with(
                    ErrorCode::EditOutsideCounty,
                    json!({ "lon": f.location.lon, "lat": f.location.lat }),
                ))
            }
        }
    }
    let id = after
        .as_ref()
        .or(req.before.as_ref())
        .map(|f| f.id.clone())
        .unwrap_or_default();
    if id.is_empty() {
        return Err(ApiError::with(ErrorCode::EditIncomplete, json!({})));
    }
    let change = Change {
        author: req.author.trim().to_string(),
        action: req.action,
        summary: req.summary,
        items: vec![ChangeItem::Facility {
            id,
            before: req.before,
            after,
            position: None,
        }],
    };
    Ok(ctx.store.apply(&code, &change).await?)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct EditHistoryRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
}

/// What undo or redo did (`None`: nothing to undo/redo) and the log after it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
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
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
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

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct EditPopulationRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub author: String,
    pub township_code: String,
    /// New 常住人口 of the township (whole persons).
    pub resident_population: f64,
}

/// Sets a township's 常住人口: its age/sex structure is kept at the new total (largest
/// remainder); what it gives up goes to the county's 未分配 remainder and what it gains comes
/// from there (the county grows only beyond it). Logged, undoable.
pub async fn edit_population(
    ctx: &Ctx,
    req: EditPopulationRequest,
) -> Result<ChangeEntry, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    if req.author.trim().is_empty() {
        return Err(ApiError::with(ErrorCode::EditNoAuthor, json!({})));
    }
    let v = req.resident_population;
    if !v.is_finite() || v < 0.0 || v.fract() != 0.0 || v > junheng_core::MAX_ZONE_POPULATION as f64
    {
        return Err(ApiError::with(
            ErrorCode::EditBadPopulation,
            json!({ "value": v }),
        ));
    }
    let author = req.author.trim().to_string();
    let (entry, ()) = crate::import::apply_fresh(ctx, &code, false, |data| {
        let t = data.township(&req.township_code).ok_or_else(|| {
            ApiError::with(
                ErrorCode::EditUnknownTownship,
                json!({ "code": req.township_code }),
            )
        })?;
        let (change, _) = crate::import::zone_totals_change(
            data,
            &[(t.code.clone(), v as u64)],
            junheng_core::PopulationStatus::Imported,
            &author,
            "population",
            format!(
                "{} 常住人口 {} → {}",
                t.name,
                t.population.total(),
                v as u64
            ),
        );
        Ok((Some(change), ()))
    })
    .await?;
    entry.ok_or_else(|| ApiError::with(ErrorCode::EditIncomplete, json!({})))
}

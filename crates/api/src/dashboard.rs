use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use junheng_core::assess::{assess_county, FacilityAssessment, Kpi, ZoneAssessment};
use junheng_core::County;

use crate::{ApiError, Ctx};

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DashboardRequest {
    /// 6-digit county code; the first stored county when absent.
    #[serde(default)]
    pub county: Option<String>,
}

/// Everything the dashboard shows, computed from stored data in one call.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Dashboard {
    pub county: County,
    pub county_assessment: ZoneAssessment,
    pub kpis: Vec<Kpi>,
    pub townships: Vec<ZoneAssessment>,
    pub facilities: Vec<FacilityAssessment>,
    /// Township boundaries (GeoJSON FeatureCollection; properties code, name, type, area_km2).
    pub boundaries: Value,
}

pub async fn get_dashboard(ctx: &Ctx, req: DashboardRequest) -> Result<Dashboard, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let data = ctx.load_county(&code).await?;
    let norms = ctx.norms_for(&code).await?;
    let a = assess_county(&data, &norms);
    let features: Vec<Value> = data
        .townships
        .iter()
        .map(|t| {
            json!({
                "type": "Feature",
                "properties": { "code": t.code, "name": t.name, "type": t.kind, "area_km2": t.area_km2 },
                "geometry": t.boundary,
            })
        })
        .collect();
    Ok(Dashboard {
        county: data.county,
        county_assessment: a.county,
        kpis: a.kpis,
        townships: a.townships,
        facilities: a.facilities,
        boundaries: json!({ "type": "FeatureCollection", "features": features }),
    })
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AssessRequest {
    #[serde(default)]
    pub county: Option<String>,
}

/// `junheng assess` output: the county and its townships (townships sum to the county).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct AssessResponse {
    pub county: ZoneAssessment,
    pub townships: Vec<ZoneAssessment>,
}

pub async fn assess(ctx: &Ctx, req: AssessRequest) -> Result<AssessResponse, ApiError> {
    let d = get_dashboard(ctx, DashboardRequest { county: req.county }).await?;
    Ok(AssessResponse {
        county: d.county_assessment,
        townships: d.townships,
    })
}

use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::standards::{Catalogue, Norm, NormOverride, NormScope};

use crate::{ApiError, Ctx, ErrorCode};

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NormsRequest {
    #[serde(default)]
    pub county: Option<String>,
}

/// A norm as the standards page shows it: the value in force and the national one it replaces.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NormView {
    #[serde(flatten)]
    pub norm: Norm,
    pub national_value: f64,
    pub overridden: bool,
    pub scope: NormScope,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NormsView {
    pub county: Option<String>,
    pub version: String,
    pub norms: Vec<NormView>,
}

async fn view(ctx: &Ctx, county: Option<String>) -> Result<NormsView, ApiError> {
    let code = match county {
        Some(c) => Some(c),
        None => ctx.county_code(None).await.ok(),
    };
    let catalogue = match &code {
        Some(c) => ctx.norms_for(c).await?,
        None => ctx.norms.clone(),
    };
    Ok(NormsView {
        county: code,
        version: catalogue.version.clone(),
        norms: catalogue
            .norms()
            .iter()
            .map(|n| {
                let national = Catalogue::national_value(&n.id).unwrap_or(n.value);
                NormView {
                    scope: n.scope(),
                    overridden: n.origin != "national",
                    national_value: national,
                    norm: n.clone(),
                }
            })
            .collect(),
    })
}

pub async fn list_norms(ctx: &Ctx, req: NormsRequest) -> Result<NormsView, ApiError> {
    view(ctx, req.county).await
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SetNormRequest {
    #[serde(default)]
    pub county: Option<String>,
    pub id: String,
    pub value: f64,
    #[serde(default)]
    pub source: Option<String>,
}

/// Overrides one norm for the county after checking it against the catalogue.
pub async fn set_norm_override(ctx: &Ctx, req: SetNormRequest) -> Result<NormsView, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let o = NormOverride {
        id: req.id.clone(),
        value: req.value,
        source: req.source.filter(|s| !s.trim().is_empty()),
    };
    ctx.norms
        .with_values(std::slice::from_ref(&o), "request")
        .map_err(|e| {
            let code = match e {
                junheng_core::standards::StandardsError::UnknownId { .. } => {
                    ErrorCode::NormsUnknownId
                }
                _ => ErrorCode::NormsInvalidValue,
            };
            ApiError::new(
                code,
                e.to_string(),
                json!({ "id": req.id, "value": req.value, "detail": e.to_string() }),
            )
        })?;
    ctx.store.set_norm_override(&code, &o).await?;
    view(ctx, Some(code)).await
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ClearNormRequest {
    #[serde(default)]
    pub county: Option<String>,
    pub id: String,
}

pub async fn clear_norm_override(ctx: &Ctx, req: ClearNormRequest) -> Result<NormsView, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    ctx.store.clear_norm_override(&code, &req.id).await?;
    view(ctx, Some(code)).await
}

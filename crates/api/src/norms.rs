use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::standards::{Catalogue, Norm, NormOverride, NormScope};

use crate::{ApiError, Ctx, ErrorCode};

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NormsRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
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
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub id: String,
    pub value: f64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub source: Option<String>,
}

/// Longest source text accepted for an override.
pub const MAX_SOURCE_CHARS: usize = 300;

/// A catalogue error as the command surface reports it: an unknown id, or a value outside the
/// norm's domain with the allowed range.
pub fn norms_error(e: junheng_core::standards::StandardsError, value: f64) -> ApiError {
    use junheng_core::standards::StandardsError as E;
    match &e {
        E::UnknownId { id, .. } => ApiError::new(
            ErrorCode::NormsUnknownId,
            e.to_string(),
            json!({ "id": id }),
        ),
        E::OutOfRange {
            id, range, unit, ..
        } => ApiError::new(
            ErrorCode::NormsInvalidValue,
            e.to_string(),
            json!({ "id": id, "value": value, "range": range, "unit": unit,
                    "detail": format!("允许范围 {range} {unit}") }),
        ),
        _ => ApiError::new(
            ErrorCode::NormsInvalidValue,
            e.to_string(),
            json!({ "value": value, "detail": e.to_string() }),
        ),
    }
}

/// Overrides one norm for the county after checking it against the catalogue: the value must
/// lie in the norm's domain and the source (the document behind it) must be named.
pub async fn set_norm_override(ctx: &Ctx, req: SetNormRequest) -> Result<NormsView, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let source = req
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    match &source {
        None => {
            return Err(ApiError::with(
                ErrorCode::NormsNoSource,
                json!({ "id": req.id }),
            ))
        }
        Some(s) if s.chars().count() > MAX_SOURCE_CHARS || s.chars().any(char::is_control) => {
            return Err(ApiError::with(
                ErrorCode::NormsNoSource,
                json!({ "id": req.id }),
            ))
        }
        _ => {}
    }
    let o = NormOverride {
        id: req.id.clone(),
        value: req.value,
        source,
    };
    ctx.norms
        .with_values(std::slice::from_ref(&o), "request")
        .map_err(|e| norms_error(e, req.value))?;
    ctx.store.set_norm_override(&code, &o).await?;
    view(ctx, Some(code)).await
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ClearNormRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub id: String,
}

pub async fn clear_norm_override(ctx: &Ctx, req: ClearNormRequest) -> Result<NormsView, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    ctx.store.clear_norm_override(&code, &req.id).await?;
    view(ctx, Some(code)).await
}

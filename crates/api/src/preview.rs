//! 设施预览 — what a facility being typed into a form would give (托位 with the binding
//! constraint, beds, the school verdicts) under the norms in force for the county, so that the
//! UI shows capacity without a second engine of its own. Nothing is stored.

use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::assess::{assess_facility, FacilityAssessment};
use junheng_core::Facility;

use crate::{ApiError, Ctx, ErrorCode};

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PreviewFacilityRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    /// The facility as the form holds it (id, name and location may be placeholders).
    pub facility: Facility,
}

/// The facility's assessment with the county's norms (national values with its overrides).
/// Values outside their domain are refused as an edit would refuse them, so a preview never
/// shows a figure the facility could not be saved with.
pub async fn preview_facility(
    ctx: &Ctx,
    req: PreviewFacilityRequest,
) -> Result<FacilityAssessment, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    if let Some(e) = req.facility.check_ranges().into_iter().next() {
        return Err(ApiError::new(
            ErrorCode::EditOutOfRange,
            e.message_en.clone(),
            json!({ "field": e.field, "detail_zh": e.message_zh, "detail": e.message_en }),
        ));
    }
    let norms = ctx.norms_for(&code).await?;
    Ok(assess_facility(&req.facility, &norms))
}

//! 地图导出 — the township map as a PNG for the dashboard, 选址优化 and 规划方案 pages, drawn by
//! the same renderer as the county report's map.

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::assess::{KpiKey, ZoneAssessment};
use junheng_core::geo::Area;
use junheng_core::BoundaryStatus;
use junheng_report::{map_png, map_png_file_name, MapModel, MapPoint, MapZone, MAP_PNG_SIDE};

use crate::{
    check_as_of, current_year, dashboard_of, ApiError, CountyView, Ctx, Dashboard, ErrorCode,
    ExportFile,
};

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MapPngRequest {
    #[serde(default)]
    pub county: Option<String>,
    /// The year the values are for (2020–2035); this year when absent.
    #[serde(default)]
    pub as_of: Option<i32>,
    /// The indicator the townships are shaded by.
    pub layer: KpiKey,
    /// Image size in pixels (400–4000 each; default 1600 × 1150).
    #[serde(default = "default_width")]
    pub width: u32,
    #[serde(default = "default_height")]
    pub height: u32,
    /// `zh-CN` (default) or `en`.
    #[serde(default)]
    pub lang: Option<String>,
}

fn default_width() -> u32 {
    1600
}
fn default_height() -> u32 {
    1150
}

/// A township's value of the indicator (the 入托率 is known for the county only).
fn township_value(z: &ZoneAssessment, layer: KpiKey) -> Option<f64> {
    match layer {
        KpiKey::SlotsPer1000 => z.slots_per_1000,
        KpiKey::NursingBedShare => z.nursing_bed_share,
        KpiKey::BedsPer1000Elderly => z.beds_per_1000_elderly,
        KpiKey::SchoolsMeetingStandard => (z.schools_total > 0)
            .then(|| z.schools_meeting_standard as f64 / z.schools_total as f64),
        KpiKey::EnrolmentRate => None,
    }
}

/// The map of a county's townships shaded by `layer` as the dashboard of that year has them,
/// with the target in force that year.
pub fn map_model(v: &CountyView, dash: &Dashboard, layer: KpiKey) -> MapModel {
    let zones = v
        .data
        .townships
        .iter()
        .map(|t| MapZone {
            code: t.code.clone(),
            name: t.name.clone(),
            value: dash
                .townships
                .iter()
                .find(|z| z.code == t.code)
                .and_then(|z| township_value(z, layer)),
            rings: Area::of_stored(&t.boundary).exterior_rings(),
            estimated: t.boundary_status == BoundaryStatus::Estimated,
            seat: t.seat.map(|s| [s.lon, s.lat]),
        })
        .collect();
    MapModel {
        county_name: v.data.county.name.clone(),
        year: dash.as_of,
        layer,
        target: dash
            .kpis
            .iter()
            .find(|k| k.key == layer)
            .and_then(|k| k.target.as_ref())
            .map(|t| t.value),
        zones,
        outline: v
            .data
            .outline
            .as_ref()
            .map(|o| Area::of_stored(o).exterior_rings())
            .unwrap_or_default(),
        points: dash
            .facilities
            .iter()
            .filter(|f| f.in_service)
            .map(|f| MapPoint {
                lon: f.lon,
                lat: f.lat,
                category: f.category,
            })
            .collect(),
        sample_data: v.data.county.sample_facilities,
    }
}

/// The township map as a PNG: townships shaded by the indicator with the target in force as a
/// class break, names without overlaps, scale bar, north arrow, title and source line.
pub async fn export_map_png(ctx: &Ctx, req: MapPngRequest) -> Result<ExportFile, ApiError> {
    let (lo, hi) = MAP_PNG_SIDE;
    if !(lo..=hi).contains(&req.width) || !(lo..=hi).contains(&req.height) {
        return Err(ApiError::with(
            ErrorCode::ExportBadSize,
            json!({ "min": lo, "max": hi, "width": req.width, "height": req.height }),
        ));
    }
    let year = check_as_of(req.as_of.unwrap_or_else(current_year))?;
    let lang = req.lang.unwrap_or_else(|| "zh-CN".into());
    let v = ctx.view(req.county.as_deref()).await?;
    let dash = dashboard_of(&v, year).await?;
    let model = map_model(&v, &dash, req.layer);
    let bytes = map_png(&model, &lang, req.width, req.height)
        .map_err(|e| ApiError::new(ErrorCode::ExportFailed, e.to_string(), json!({})))?;
    Ok(ExportFile {
        file_name: map_png_file_name(&model, &lang),
        mime: "image/png".into(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::geo::{Area, Crs};
use junheng_core::Facility;
use junheng_io::{import_template_xlsx, preview_table, read_boundaries, ImportPreview, TableKind};

use crate::import::{apply_fresh, decode};
use crate::{townships_by_point, ApiError, Ctx, ErrorCode, ExportFile};
use junheng_core::BoundaryStatus;
use junheng_store::{Change, ChangeItem, ZoneGeometry};

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateRequest {
    pub kind: TableKind,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub lang: Option<String>,
}

/// The XLSX template of an import kind (Chinese headers, an example row, a notes sheet).
pub async fn get_import_template(_ctx: &Ctx, req: TemplateRequest) -> Result<ExportFile, ApiError> {
    let lang = req.lang.unwrap_or_else(|| "zh-CN".into());
    let bytes = import_template_xlsx(req.kind, &lang)
        .map_err(|e| ApiError::new(ErrorCode::ExportFailed, e.to_string(), json!({})))?;
    let name = match (req.kind, lang.starts_with("en")) {
        (TableKind::Facilities, false) => "设施导入模板.xlsx",
        (TableKind::Facilities, true) => "facilities_template.xlsx",
        (TableKind::Zones, false) => "乡镇人口导入模板.xlsx",
        (TableKind::Zones, true) => "township_population_template.xlsx",
        (TableKind::Hukou, false) => "户籍人口导入模板.xlsx",
        (TableKind::Hukou, true) => "registered_population_template.xlsx",
        (TableKind::Places, false) => "村社区人口导入模板.xlsx",
        (TableKind::Places, true) => "village_population_template.xlsx",
        (TableKind::Schools, false) => "学校学段导入模板.xlsx",
        (TableKind::Schools, true) => "school_sections_template.xlsx",
        (TableKind::Actuals, false) => "年度实际数导入模板.xlsx",
        (TableKind::Actuals, true) => "annual_actuals_template.xlsx",
    };
    Ok(ExportFile {
        file_name: name.into(),
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PreviewImportRequest {
    pub kind: TableKind,
    pub file_name: String,
    pub base64: String,
}

/// Headers, first rows and the automatic column mapping of a file, before any checking.
pub async fn preview_import(
    _ctx: &Ctx,
    req: PreviewImportRequest,
) -> Result<ImportPreview, ApiError> {
    let bytes = decode(&req.base64)?;
    Ok(preview_table(req.kind, &req.file_name, &bytes)?)
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ImportBoundariesRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub file_name: String,
    pub base64: String,
    /// The frame of the file's coordinates (WGS84 / CGCS2000 are converted to GCJ-02).
    pub crs: Crs,
    #[serde(default)]
    #[ts(optional, as = "Option<bool>")]
    pub dry_run: bool,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub author: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct BoundariesReport {
    pub features: usize,
    pub updated: Vec<String>,
    /// Facilities that no longer lie inside their township's new boundary (left as they are;
    /// move them or check the boundary file).
    pub facilities_outside: Vec<String>,
    pub dry_run: bool,
    pub change: Option<junheng_store::ChangeEntry>,
}

/// Replaces township boundaries (and their area, centroid and label point) from a GeoJSON
/// file; every bad feature is reported and nothing is written unless the whole file is clean.
/// One logged, undoable change touching the townships the file names.
pub async fn import_boundaries(
    ctx: &Ctx,
    req: ImportBoundariesRequest,
) -> Result<BoundariesReport, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let bytes = decode(&req.base64)?;
    let (text, _) = junheng_io::decode_text(&req.file_name, &bytes)?;
    let author = req
        .author
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .unwrap_or("导入")
        .to_string();
    let (change, report) = apply_fresh(ctx, &code, req.dry_run, |data| {
        let codes = data.townships.iter().map(|t| t.code.clone()).collect();
        let features = read_boundaries(&req.file_name, &text, req.crs, &codes)?;
        let mut after = data.clone();
        let mut items = Vec::new();
        let mut updated = Vec::new();
        for f in &features {
            let t = after
                .townships
                .iter_mut()
                .find(|t| t.code == f.code)
                .expect("codes were checked against the townships");
            let before = ZoneGeometry::of(t);
            t.boundary = f.geometry.clone();
            t.boundary_status = BoundaryStatus::Surveyed;
            let area = Area::of_stored(&f.geometry);
            t.area_km2 = area.area_km2();
            if let Some(c) = area.centroid() {
                t.centroid = c;
            }
            if let Some(p) = area.interior_point() {
                t.interior = p;
            }
            let geometry = ZoneGeometry::of(t);
            if geometry != before {
                items.push(ChangeItem::Geometry {
                    township: f.code.clone(),
                    before,
                    after: geometry,
                });
            }
            updated.push(f.code.clone());
        }
        let township_at = townships_by_point(&after);
        let facilities_outside = after
            .facilities
            .iter()
            .filter(|f| {
                township_at(f.location.lon, f.location.lat).as_deref()
                    != Some(f.township_code.as_str())
            })
            .map(|f| f.id.clone())
            .collect();
        let report = BoundariesReport {
            features: features.len(),
            updated,
            facilities_outside,
            dry_run: req.dry_run,
            change: None,
        };
        let change = Change {
            author: author.clone(),
            action: "import_boundaries".into(),
            summary: format!("导入乡镇边界 {}（{} 个）", req.file_name, features.len()),
            items,
        };
        Ok((Some(change), report))
    })
    .await?;
    Ok(BoundariesReport { change, ..report })
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct FacilitiesRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
}

/// The county's facilities as stored (the raw inputs an edit starts from).
pub async fn get_facilities(ctx: &Ctx, req: FacilitiesRequest) -> Result<Vec<Facility>, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    Ok(ctx.load_county(&code).await?.facilities)
}

/// The county's 户籍 table as the population page shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct HukouStatus {
    pub total: u64,
    /// 户籍 minus 常住 (census): positive when more are registered than live here.
    pub minus_resident: i64,
    pub source: String,
    pub updated_at: String,
    pub bands: junheng_core::AgeSexBands,
}

async fn hukou_status(ctx: &Ctx, code: &str) -> Result<Option<HukouStatus>, ApiError> {
    let resident = ctx.load_county(code).await?.population.total() as i64;
    Ok(ctx
        .store
        .hukou_population(code)
        .await?
        .map(|h| HukouStatus {
            total: h.bands.total(),
            minus_resident: h.bands.total() as i64 - resident,
            source: h.source,
            updated_at: h.updated_at,
            bands: h.bands,
        }))
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct HukouRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
}

pub async fn get_hukou(ctx: &Ctx, req: HukouRequest) -> Result<Option<HukouStatus>, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    hukou_status(ctx, &code).await
}

pub async fn clear_hukou(ctx: &Ctx, req: HukouRequest) -> Result<Option<HukouStatus>, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    ctx.store.set_hukou_population(&code, None).await?;
    Ok(None)
}

/// Imports the county's 户籍人口 by age band and sex (one transaction; nothing written unless
/// the whole table is clean). Returns the table as stored (or as it would be, on a dry run).
pub async fn import_hukou(
    ctx: &Ctx,
    req: crate::ImportFileRequest,
) -> Result<Option<HukouStatus>, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let bytes = decode(&req.base64)?;
    let map = req.column_map.clone().unwrap_or_default();
    let bands = junheng_io::read_hukou_bands(&req.file_name, &bytes, &map)?;
    if req.dry_run {
        let resident = ctx.load_county(&code).await?.population.total() as i64;
        return Ok(Some(HukouStatus {
            total: bands.total(),
            minus_resident: bands.total() as i64 - resident,
            source: req.file_name,
            updated_at: String::new(),
            bands,
        }));
    }
    ctx.progress("progress.stage.commit", 0.9);
    ctx.check_cancel()?;
    ctx.store
        .set_hukou_population(&code, Some((&bands, &req.file_name)))
        .await?;
    hukou_status(ctx, &code).await
}

use std::collections::HashSet;

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::geo::geometry_contains;
use junheng_core::population::rescale_age_sex;
use junheng_core::AgeSexBands;
use junheng_io::{read_facilities_mapped, read_zone_populations_mapped};

use crate::{ApiError, Ctx};

/// A file to import, carried as base64 so every host can send it (facilities and zones alike).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportFileRequest {
    #[serde(default)]
    pub county: Option<String>,
    /// The file's name (its extension picks CSV or XLSX; it names the file in errors).
    pub file_name: String,
    /// The file's bytes, base64.
    pub base64: String,
    /// Check everything, write nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// The planner's column mapping (file header → field key; "" ignores the column).
    #[serde(default)]
    pub column_map: Option<junheng_io::ColumnMap>,
    /// Frame of the file's coordinates (facilities; default GCJ-02, the stored frame).
    #[serde(default)]
    pub crs: Option<junheng_core::geo::Crs>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportReport {
    pub rows: usize,
    /// Ids new to the county.
    pub added: Vec<String>,
    /// Ids that replaced a stored facility of the same id.
    pub updated: Vec<String>,
    pub dry_run: bool,
}

pub(crate) fn decode(b64: &str) -> Result<Vec<u8>, ApiError> {
    base64::engine::general_purpose::STANDARD
        .decode(b64.as_bytes())
        .map_err(|e| ApiError::new("export.bad_data", e.to_string(), json!({})))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ZonesReport {
    pub rows: usize,
    pub updated: Vec<String>,
    /// The county's resident population after the import (the sum of its townships).
    pub county_population: u64,
    pub dry_run: bool,
}

/// Imports township 常住人口: each listed township keeps its age/sex structure at the new total
/// (largest-remainder rounding), and the county becomes the sum of its townships. Every bad cell
/// is reported and nothing is written unless the whole file is clean.
pub async fn import_zones(ctx: &Ctx, req: ImportFileRequest) -> Result<ZonesReport, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let mut data = ctx.load_county(&code).await?;
    let bytes = decode(&req.base64)?;
    let codes: HashSet<String> = data.townships.iter().map(|t| t.code.clone()).collect();
    let map = req.column_map.clone().unwrap_or_default();
    let rows = read_zone_populations_mapped(&req.file_name, &bytes, &map, &codes)?;
    let county_shape = data.population.clone();
    let mut updated = Vec::new();
    for z in &rows {
        let t = data
            .townships
            .iter_mut()
            .find(|t| t.code == z.code)
            .expect("codes were checked against the townships");
        t.population = rescale_age_sex(&t.population, z.resident_population, &county_shape);
        if let Some(name) = &z.name {
            t.name = name.clone();
        }
        updated.push(z.code.clone());
    }
    let mut county = AgeSexBands::default();
    for t in &data.townships {
        county.add(&t.population);
    }
    data.population = county;
    if !req.dry_run {
        ctx.store.save_dataset(&data).await?;
    }
    Ok(ZonesReport {
        rows: rows.len(),
        updated,
        county_population: data.population.total(),
        dry_run: req.dry_run,
    })
}

/// Imports facilities: every cell is checked first (kinds, numbers, township codes, locations
/// inside the county) and every bad one reported; only a clean file is written, in one
/// transaction. Facilities with a stored id are replaced (their school sections kept).
pub async fn import_facilities(
    ctx: &Ctx,
    req: ImportFileRequest,
) -> Result<ImportReport, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let mut data = ctx.load_county(&code).await?;
    let bytes = decode(&req.base64)?;
    let codes: HashSet<String> = data.townships.iter().map(|t| t.code.clone()).collect();
    let boundaries: Vec<&serde_json::Value> = data.townships.iter().map(|t| &t.boundary).collect();
    let inside = |lon: f64, lat: f64| boundaries.iter().any(|g| geometry_contains(g, lon, lat));
    let map = req.column_map.clone().unwrap_or_default();
    let crs = req.crs.unwrap_or(junheng_core::geo::Crs::Gcj02);
    let imported =
        read_facilities_mapped(&req.file_name, &bytes, &map, crs, &codes, false, &inside)?;
    let mut report = ImportReport {
        rows: imported.len(),
        added: vec![],
        updated: vec![],
        dry_run: req.dry_run,
    };
    for mut f in imported {
        match data.facilities.iter_mut().find(|g| g.id == f.id) {
            Some(old) => {
                if f.school_sections.is_empty() {
                    f.school_sections = std::mem::take(&mut old.school_sections);
                }
                report.updated.push(f.id.clone());
                *old = f;
            }
            None => {
                report.added.push(f.id.clone());
                data.facilities.push(f);
            }
        }
    }
    data.county.sample_facilities = data.facilities.iter().any(|f| f.sample);
    if !req.dry_run {
        ctx.store.save_dataset(&data).await?;
    }
    Ok(report)
}

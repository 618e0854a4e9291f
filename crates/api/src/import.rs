//! 数据导入 — files into the county's data, row by row: every cell is checked first and every
//! bad one reported; a clean file becomes one logged, undoable change that touches only the
//! rows it names. A row someone else changed meanwhile makes the import read again and retry.

use std::collections::{HashMap, HashSet};

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::geo::Area;
use junheng_core::plausibility::{self, Warning};
use junheng_core::population::set_zone_totals;
use junheng_core::{CountyDataset, Facility, FacilityCategory, PopulationStatus};
use junheng_io::{
    read_facilities_mapped, read_places_mapped, read_school_sections_mapped,
    read_zone_populations_mapped, CellError, InputErrors,
};
use junheng_store::{Change, ChangeEntry, ChangeItem, StoreError, ZonePopulation};

use crate::{ApiError, Ctx, ErrorCode};

/// A file to import, carried as base64 so every host can send it (facilities and zones alike).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ImportFileRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    /// The file's name (its extension picks CSV or XLSX; it names the file in errors).
    pub file_name: String,
    /// The file's bytes, base64.
    pub base64: String,
    /// Check everything, write nothing.
    #[serde(default)]
    #[ts(optional, as = "Option<bool>")]
    pub dry_run: bool,
    /// The planner's column mapping (file header → field key; "" ignores the column).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub column_map: Option<junheng_io::ColumnMap>,
    /// Frame of the file's coordinates (facilities, places; default GCJ-02, the stored frame).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub crs: Option<junheng_core::geo::Crs>,
    /// Who imports (the app's author field); the change log records it.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub author: Option<String>,
    /// The year the figures are for (annual actuals).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

impl ImportFileRequest {
    fn author(&self) -> String {
        self.author
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .unwrap_or("导入")
            .to_string()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportReport {
    pub rows: usize,
    /// Ids new to the county.
    pub added: Vec<String>,
    /// Ids that replaced a stored facility of the same id.
    pub updated: Vec<String>,
    pub dry_run: bool,
    /// Values allowed but unlikely for their place, for the planner to look at again.
    pub warnings: Vec<Warning>,
    /// The change-log entry of the import (none on a dry run or when nothing changed).
    pub change: Option<ChangeEntry>,
}

pub(crate) fn decode(b64: &str) -> Result<Vec<u8>, ApiError> {
    base64::engine::general_purpose::STANDARD
        .decode(b64.as_bytes())
        .map_err(|e| ApiError::new(ErrorCode::BadBase64, e.to_string(), json!({})))
}

/// Attempts at an import whose rows were changed by someone else between its read and write.
const IMPORT_ATTEMPTS: u32 = 3;

/// Reads the county, builds a change from it and applies it; when a row changed in between
/// (a conflict), reads again and rebuilds, a bounded number of times. Imports set rows to the
/// file's values, so building them again on fresh data is what the planner meant.
pub(crate) async fn apply_fresh<T>(
    ctx: &Ctx,
    code: &str,
    dry_run: bool,
    build: impl Fn(&CountyDataset) -> Result<(Option<Change>, T), ApiError>,
) -> Result<(Option<ChangeEntry>, T), ApiError> {
    let mut attempt = 0;
    loop {
        ctx.progress("progress.stage.load", 0.05);
        let data = ctx.load_county(code).await?;
        ctx.check_cancel()?;
        ctx.progress("progress.stage.validate", 0.1);
        let (change, out) = build(&data)?;
        let Some(change) = change.filter(|c| !c.items.is_empty() && !dry_run) else {
            return Ok((None, out));
        };
        // The last moment to stop: past it, the change is one transaction that stands.
        ctx.progress("progress.stage.commit", 0.9);
        ctx.check_cancel()?;
        if attempt == 0 {
            ctx.store.backup(&change.action).await?;
        }
        match ctx.store.apply(code, &change).await {
            Ok(entry) => return Ok((Some(entry), out)),
            Err(StoreError::Conflict(_)) if attempt + 1 < IMPORT_ATTEMPTS => attempt += 1,
            Err(e) => return Err(e.into()),
        }
    }
}

/// Whether a point lies in the county: in a township boundary where there are any, else in the
/// county outline, else anywhere (a county with neither can only be checked by its codes).
pub fn inside_county(data: &CountyDataset) -> impl Fn(f64, f64) -> bool + '_ {
    // Read once here, tested for every row of an import.
    let bounded: Vec<Area> = data
        .townships
        .iter()
        .filter(|t| t.has_boundary())
        .map(|t| Area::of_stored(&t.boundary))
        .collect();
    let outline = data.outline.as_ref().map(Area::of_stored);
    move |lon, lat| {
        if !bounded.is_empty() {
            bounded.iter().any(|g| g.contains(lon, lat))
        } else if let Some(o) = &outline {
            o.contains(lon, lat)
        } else {
            true
        }
    }
}

/// Imports facilities: every cell is checked first (kinds, numbers, township codes, locations
/// inside the county) and every bad one reported; a clean file becomes one change adding or
/// replacing exactly the facilities it lists (school sections kept when the file has none).
pub async fn import_facilities(
    ctx: &Ctx,
    req: ImportFileRequest,
) -> Result<ImportReport, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let bytes = decode(&req.base64)?;
    let map = req.column_map.clone().unwrap_or_default();
    let crs = req.crs.unwrap_or(junheng_core::geo::Crs::Gcj02);
    let author = req.author();
    let (change, report) = apply_fresh(ctx, &code, req.dry_run, |data| {
        let codes: HashSet<String> = data.townships.iter().map(|t| t.code.clone()).collect();
        let inside = inside_county(data);
        let imported =
            read_facilities_mapped(&req.file_name, &bytes, &map, crs, &codes, false, &inside)?;
        let stored: HashMap<&str, &Facility> =
            data.facilities.iter().map(|f| (f.id.as_str(), f)).collect();
        let mut report = ImportReport {
            rows: imported.len(),
            added: vec![],
            updated: vec![],
            dry_run: req.dry_run,
            warnings: imported
                .iter()
                .flat_map(|f| {
                    let elderly = data
                        .township(&f.township_code)
                        .filter(|t| t.population_status != PopulationStatus::Pending)
                        .map(|t| t.population.aged_at_least(60) as f64);
                    plausibility::facility(f, elderly)
                })
                .collect(),
            change: None,
        };
        let mut items = Vec::new();
        for mut f in imported {
            let before = stored.get(f.id.as_str()).map(|g| (*g).clone());
            match &before {
                Some(old) => {
                    if f.school_sections.is_empty() {
                        f.school_sections = old.school_sections.clone();
                    }
                    report.updated.push(f.id.clone());
                }
                None => report.added.push(f.id.clone()),
            }
            if before.as_ref() != Some(&f) {
                items.push(ChangeItem::Facility {
                    id: f.id.clone(),
                    before,
                    after: Some(f),
                    position: None,
                });
            }
        }
        let change = Change {
            author: author.clone(),
            action: "import_facilities".into(),
            summary: format!(
                "导入设施 {}（新增 {}，更新 {}）",
                req.file_name,
                report.added.len(),
                report.updated.len()
            ),
            items,
        };
        Ok((Some(change), report))
    })
    .await?;
    Ok(ImportReport { change, ..report })
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ZonesReport {
    pub rows: usize,
    pub updated: Vec<String>,
    /// The county's resident population after the import: its townships plus 未分配.
    pub county_population: u64,
    /// 未分配 after the import.
    pub unallocated_population: u64,
    /// Persons the county gained because the townships now hold more than it had.
    pub county_growth: u64,
    pub dry_run: bool,
    /// Township figures far from what was known of them.
    pub warnings: Vec<Warning>,
    pub change: Option<ChangeEntry>,
}

/// The change that sets some townships' 常住人口: each keeps its age/sex structure at the new
/// total (a 待导入 township takes the remainder's), what they give up or take goes to or from
/// the county's 未分配 remainder, and the county only grows where they hold more than it had.
pub(crate) fn zone_totals_change(
    data: &CountyDataset,
    rows: &[(String, u64)],
    status: PopulationStatus,
    author: &str,
    action: &str,
    summary: String,
) -> (Change, u64) {
    let current: Vec<_> = rows
        .iter()
        .map(|(c, _)| {
            data.township(c)
                .map(|t| t.population.clone())
                .unwrap_or_default()
        })
        .collect();
    let totals: Vec<u64> = rows.iter().map(|(_, n)| *n).collect();
    let r = set_zone_totals(&current, &data.unallocated, &totals, &data.population);
    let mut items = Vec::new();
    for ((code, _), bands) in rows.iter().zip(r.zones) {
        let t = data
            .township(code)
            .expect("codes were checked against the townships");
        let before = ZonePopulation {
            bands: t.population.clone(),
            status: t.population_status,
        };
        let after = ZonePopulation { bands, status };
        if before != after {
            items.push(ChangeItem::Population {
                township: code.clone(),
                before,
                after,
            });
        }
    }
    if r.unallocated != data.unallocated {
        items.push(ChangeItem::Unallocated {
            before: data.unallocated.clone(),
            after: r.unallocated,
        });
    }
    (
        Change {
            author: author.to_string(),
            action: action.to_string(),
            summary,
            items,
        },
        r.growth.total(),
    )
}

/// Imports township 常住人口 (see [`zone_totals_change`]): a partial file never shrinks the
/// county. Every bad cell is reported and nothing is written unless the whole file is clean.
pub async fn import_zones(ctx: &Ctx, req: ImportFileRequest) -> Result<ZonesReport, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let bytes = decode(&req.base64)?;
    let map = req.column_map.clone().unwrap_or_default();
    let author = req.author();
    let (change, report) = apply_fresh(ctx, &code, req.dry_run, |data| {
        let codes: HashSet<String> = data.townships.iter().map(|t| t.code.clone()).collect();
        let rows = read_zone_populations_mapped(&req.file_name, &bytes, &map, &codes)?;
        let pairs: Vec<(String, u64)> = rows
            .iter()
            .map(|z| (z.code.clone(), z.resident_population))
            .collect();
        let (change, growth) = zone_totals_change(
            data,
            &pairs,
            PopulationStatus::Imported,
            &author,
            "import_zones",
            format!("导入乡镇人口 {}（{} 个乡镇）", req.file_name, rows.len()),
        );
        let mut after = data.clone();
        for item in &change.items {
            match item {
                ChangeItem::Population {
                    township, after: a, ..
                } => {
                    if let Some(t) = after.townships.iter_mut().find(|t| &t.code == township) {
                        t.population = a.bands.clone();
                    }
                }
                ChangeItem::Unallocated { after: a, .. } => after.unallocated = a.clone(),
                _ => {}
            }
        }
        after.recompute_population();
        let pending = data
            .townships
            .iter()
            .filter(|t| t.population_status == PopulationStatus::Pending)
            .count();
        let average = if pending > 0 {
            data.unallocated.total() as f64 / pending as f64
        } else {
            data.population.total() as f64 / data.townships.len().max(1) as f64
        };
        let warnings = rows
            .iter()
            .filter_map(|z| {
                let t = data.township(&z.code)?;
                let known = t.population_status != PopulationStatus::Pending;
                let previous = if known {
                    t.population.total() as f64
                } else {
                    average
                };
                plausibility::township_population(
                    &t.code,
                    &t.name,
                    previous,
                    z.resident_population as f64,
                    !known,
                )
            })
            .collect();
        let report = ZonesReport {
            warnings,
            rows: rows.len(),
            updated: rows.iter().map(|z| z.code.clone()).collect(),
            county_population: after.population.total(),
            unallocated_population: after.unallocated.total(),
            county_growth: growth,
            dry_run: req.dry_run,
            change: None,
        };
        Ok((Some(change), report))
    })
    .await?;
    Ok(ZonesReport { change, ..report })
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct PlacesReport {
    pub rows: usize,
    pub population: u64,
    /// Points per township (code → count); points in no township boundary are counted under "".
    pub by_township: HashMap<String, usize>,
    pub dry_run: bool,
    pub change: Option<ChangeEntry>,
}

/// Imports 村/社区 points with their 常住人口, replacing the county's points; each is placed in
/// the township whose boundary contains it. Points outside the county are errors.
pub async fn import_places(ctx: &Ctx, req: ImportFileRequest) -> Result<PlacesReport, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let bytes = decode(&req.base64)?;
    let map = req.column_map.clone().unwrap_or_default();
    let crs = req.crs.unwrap_or(junheng_core::geo::Crs::Gcj02);
    let author = req.author();
    let (change, report) = apply_fresh(ctx, &code, req.dry_run, |data| {
        let inside = inside_county(data);
        let mut places = read_places_mapped(&req.file_name, &bytes, &map, crs, &inside)?;
        let mut by_township: HashMap<String, usize> = HashMap::new();
        let township_at = crate::townships_by_point(data);
        for p in &mut places {
            p.township_code = township_at(p.location.lon, p.location.lat);
            *by_township
                .entry(p.township_code.clone().unwrap_or_default())
                .or_default() += 1;
        }
        let report = PlacesReport {
            rows: places.len(),
            population: places.iter().map(|p| p.population).sum(),
            by_township,
            dry_run: req.dry_run,
            change: None,
        };
        let change = (places != data.places).then(|| Change {
            author: author.clone(),
            action: "import_places".into(),
            summary: format!("导入村/社区 {}（{} 个点）", req.file_name, places.len()),
            items: vec![ChangeItem::Places {
                before: data.places.clone(),
                after: places,
            }],
        });
        Ok((change, report))
    })
    .await?;
    Ok(PlacesReport { change, ..report })
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct SchoolsReport {
    pub rows: usize,
    /// Schools whose sections were set.
    pub schools: Vec<String>,
    pub dry_run: bool,
    pub warnings: Vec<Warning>,
    pub change: Option<ChangeEntry>,
}

/// Imports school sections (the 督导评估 indicator inputs): each row's school code must be a
/// school among the county's facilities; the sections of every school listed are replaced.
pub async fn import_schools(ctx: &Ctx, req: ImportFileRequest) -> Result<SchoolsReport, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let bytes = decode(&req.base64)?;
    let map = req.column_map.clone().unwrap_or_default();
    let author = req.author();
    let (change, report) = apply_fresh(ctx, &code, req.dry_run, |data| {
        let sections = read_school_sections_mapped(&req.file_name, &bytes, &map)?;
        let schools: HashMap<&str, &Facility> = data
            .facilities
            .iter()
            .filter(|f| f.kind.category() == FacilityCategory::School)
            .map(|f| (f.id.as_str(), f))
            .collect();
        let mut errors = Vec::new();
        let mut by_school: Vec<(String, Vec<junheng_core::SchoolSection>)> = Vec::new();
        for (n, s) in sections.into_iter().enumerate() {
            if !schools.contains_key(s.school_code.as_str()) {
                errors.push(CellError::new(
                    &req.file_name,
                    n + 2,
                    "school_code",
                    &s.school_code,
                    "不是本县设施中的学校编号：请先在“设施”中导入该校（含位置）",
                    "not the id of a school among the county's facilities: import the school (with its location) as a facility first",
                ));
                continue;
            }
            match by_school.iter_mut().find(|(id, _)| *id == s.school_code) {
                Some((_, v)) => v.push(s),
                None => by_school.push((s.school_code.clone(), vec![s])),
            }
        }
        if !errors.is_empty() {
            return Err(InputErrors(errors).into());
        }
        let rows = by_school.iter().map(|(_, v)| v.len()).sum();
        let mut items = Vec::new();
        for (id, secs) in &by_school {
            let before = (*schools[id.as_str()]).clone();
            let mut after = before.clone();
            after.school_sections = secs.clone();
            if after != before {
                items.push(ChangeItem::Facility {
                    id: id.clone(),
                    before: Some(before),
                    after: Some(after),
                    position: None,
                });
            }
        }
        let report = SchoolsReport {
            rows,
            warnings: items
                .iter()
                .flat_map(|i| match i {
                    ChangeItem::Facility { after: Some(f), .. } => plausibility::facility(f, None),
                    _ => vec![],
                })
                .collect(),
            schools: by_school.iter().map(|(id, _)| id.clone()).collect(),
            dry_run: req.dry_run,
            change: None,
        };
        let change = Change {
            author: author.clone(),
            action: "import_schools".into(),
            summary: format!("导入学校学段 {}（{} 所学校）", req.file_name, by_school.len()),
            items,
        };
        Ok((Some(change), report))
    })
    .await?;
    Ok(SchoolsReport { change, ..report })
}

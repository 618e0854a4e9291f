//! 区域总览 — a prefecture, a province or the whole country as a table and a map of counties for
//! a chosen year: every county's residents, need and trend from its census projection, and the
//! KPIs of the counties whose data are stored.

use std::collections::HashMap;
use std::sync::Arc;

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use junheng_core::overview::{empty_row, projected_row, with_assessment, OverviewRow};
use junheng_core::projection::{
    e0_path_for, project_census, split_population, FertilityAssumption, Rates, RegionInputs,
};
use junheng_reference::{classify, national, CodeLevel};

use crate::dashboard::{assess_as_of, current_year, AS_OF_YEARS};
use crate::{ApiError, Ctx, ErrorCode, ExportFile};

/// The scope code of the whole country.
pub const NATIONAL_SCOPE: &str = "000000";
/// Above this many counties the outlines are left out of the answer (the national map would
/// be megabytes); the table is complete either way.
pub const MAX_OUTLINES: usize = 400;

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct OverviewRequest {
    /// A province (330000), a prefecture (331100) or `000000` for the whole country.
    pub scope: String,
    /// The year (2020–2035); this year when absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Overview {
    pub scope: String,
    pub scope_name: String,
    pub year: i32,
    pub counties: Vec<OverviewRow>,
    /// County outlines (GeoJSON FeatureCollection, property `code`), for scopes up to
    /// [`MAX_OUTLINES`] counties.
    #[ts(type = "unknown")]
    pub outlines: Option<Box<serde_json::value::RawValue>>,
    /// The national targets in force in `year`, one per KPI column that has one (the map's
    /// legend puts a class break at the target).
    pub targets: Vec<OverviewTarget>,
}

/// A KPI's target in force in the overview's year.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct OverviewTarget {
    /// The column of [`OverviewRow`] it judges: `slots_per_1000`, `enrolment_rate`,
    /// `nursing_bed_share`, `beds_per_1000_elderly` or `schools_meeting_share`.
    pub column: String,
    pub value: f64,
    pub norm_id: String,
    pub source: String,
}

/// The national targets in force in `year` (入托率 from the national 2025 level: a county's
/// own 2025 rate moves its target, which the overview's map cannot show per county).
fn targets_in_force(norms: &junheng_core::standards::Catalogue, year: i32) -> Vec<OverviewTarget> {
    use junheng_core::assess::KpiKey;
    use junheng_core::standards::{target_in_force, EnrolmentBaseline};
    [
        (KpiKey::SlotsPer1000, "slots_per_1000"),
        (KpiKey::EnrolmentRate, "enrolment_rate"),
        (KpiKey::NursingBedShare, "nursing_bed_share"),
        (KpiKey::BedsPer1000Elderly, "beds_per_1000_elderly"),
        (KpiKey::SchoolsMeetingStandard, "schools_meeting_share"),
    ]
    .into_iter()
    .filter_map(|(key, column)| {
        let t = target_in_force(key, year, norms, EnrolmentBaseline::National)?;
        Some(OverviewTarget {
            column: column.into(),
            value: t.value,
            norm_id: t.norm.id.clone(),
            source: t.norm.source.clone(),
        })
    })
    .collect()
}

/// The outlines of a scope's counties, thinned for its map (see `outline_simplify.rs`): a pure
/// function of the bundled data, kept per scope by the read cache.
fn scope_outlines(
    counties: &[&junheng_reference::CountyRef],
    n: &junheng_reference::National,
) -> Value {
    let tol = crate::outline_simplify::tolerance_deg(counties.len());
    let features: Vec<Value> = counties
        .iter()
        .filter_map(|c| {
            let g = crate::outline_simplify::simplify_geometry(&n.outline(&c.code)?, tol);
            Some(json!({ "type": "Feature", "properties": { "code": c.code, "name": c.name }, "geometry": g }))
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features })
}

fn bad_scope(scope: &str) -> ApiError {
    ApiError::with(ErrorCode::CountyUnknownCode, json!({ "code": scope }))
}

/// The overview of `scope` in `year`.
pub async fn get_overview(ctx: &Ctx, req: OverviewRequest) -> Result<Overview, ApiError> {
    overview_of(ctx, req).await
}

/// The counties an overview of `scope` lists (`None`: not a scope it accepts).
pub(crate) fn scope_counties(scope: &str) -> Option<Vec<&'static junheng_reference::CountyRef>> {
    let n = national();
    if scope == NATIONAL_SCOPE || scope == "national" {
        return Some(n.counties().iter().collect());
    }
    match classify(scope) {
        CodeLevel::Province | CodeLevel::Prefecture => Some(n.counties_in(scope)),
        _ => None,
    }
}

/// The data versions of the stored counties an overview of `scope` may list: for a province or
/// a prefecture, those of its province's code range (every county of a province has its two
/// digits), so that 浙江 reads 90 rows rather than the country's.
pub(crate) async fn scope_stored_versions(
    store: &dyn junheng_store::Store,
    scope: &str,
) -> Result<Vec<(String, i64)>, ApiError> {
    match scope.get(..2).and_then(|p| p.parse::<u32>().ok()) {
        Some(p) if scope != NATIONAL_SCOPE && (11..=99).contains(&p) => Ok(store
            .county_versions_between(&format!("{p:02}0000"), &format!("{:02}0000", p + 1))
            .await?),
        _ => Ok(store.county_versions().await?),
    }
}

/// The overview of a scope and year (the body of [`get_overview`], shared with its export).
pub async fn overview_of(ctx: &Ctx, req: OverviewRequest) -> Result<Overview, ApiError> {
    let year = req.year.unwrap_or_else(current_year);
    if !(AS_OF_YEARS.0..=AS_OF_YEARS.1).contains(&year) {
        return Err(ApiError::new(
            ErrorCode::ProjectionBadYears,
            format!(
                "the year must be {}–{}, got {year}",
                AS_OF_YEARS.0, AS_OF_YEARS.1
            ),
            json!({ "from": AS_OF_YEARS.0, "to": AS_OF_YEARS.1, "year": year }),
        ));
    }
    let n = national();
    let scope = req.scope.trim();
    let counties = scope_counties(scope).ok_or_else(|| bad_scope(scope))?;
    let scope_name = if scope == NATIONAL_SCOPE || scope == "national" {
        "全国".to_string()
    } else {
        n.division_name(scope)
            .ok_or_else(|| bad_scope(scope))?
            .to_string()
    };
    if counties.is_empty() {
        return Err(bad_scope(scope));
    }
    // The stored counties' data versions, read once for the scope's province: a stored
    // county's row is kept at its version, so a prefecture read again costs lookups, not
    // projections.
    let versions: HashMap<String, i64> = scope_stored_versions(ctx.store.as_ref(), scope)
        .await?
        .into_iter()
        .collect();
    // Rows kept at the stored county's version, else the census rows kept, else computed.
    let mut rows: Vec<Option<OverviewRow>> = Vec::with_capacity(counties.len());
    let mut stored_kept = vec![false; counties.len()];
    let mut missing = Vec::new();
    for (i, c) in counties.iter().enumerate() {
        let version = versions.get(&c.code).copied();
        let stored = version.and_then(|v| ctx.cache()?.stored_row(&c.code, v, year));
        stored_kept[i] = stored.is_some();
        let kept = stored.or_else(|| ctx.cache()?.census_row(&c.code, year));
        if kept.is_none() {
            missing.push(i);
        }
        rows.push(kept);
    }
    for (i, row) in census_rows(&counties, &missing, year, &ctx.norms)? {
        if let Some(k) = ctx.cache() {
            k.keep_census_row(&counties[i].code, year, row.clone());
        }
        rows[i] = Some(row);
    }
    let mut rows: Vec<OverviewRow> = rows.into_iter().map(|r| r.expect("every row")).collect();
    // Stored counties whose row is not kept at their version: (position, code, version, row
    // from the census). Only a county with a census projection gets its stored KPIs.
    let pending: Vec<_> = counties
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let v = *versions.get(&c.code)?;
            let row = &rows[i];
            (!stored_kept[i] && !row.no_population).then(|| (i, c.code.clone(), v, row.clone()))
        })
        .collect();
    for (i, row) in stored_rows(ctx, pending, year).await? {
        rows[i] = row;
    }
    let outlines = if counties.len() <= MAX_OUTLINES {
        let cached = ctx.cache().and_then(|k| k.scope_outlines(scope));
        Some(match cached {
            Some(v) => v,
            None => {
                let v: Arc<str> = serde_json::to_string(&scope_outlines(&counties, n))
                    .expect("outlines serialise")
                    .into();
                if let Some(k) = ctx.cache() {
                    k.keep_scope_outlines(scope, v.clone());
                }
                v
            }
        })
    } else {
        None
    };
    // Kept as text: copied into the answer as it is, not rebuilt value by value.
    let outlines = match outlines {
        Some(text) => Some(
            serde_json::value::RawValue::from_string(text.to_string())
                .map_err(|e| ApiError::internal(format!("outlines: {e}")))?,
        ),
        None => None,
    };
    Ok(Overview {
        scope: scope.to_string(),
        scope_name,
        year,
        counties: rows,
        outlines,
        targets: targets_in_force(&ctx.norms, year),
    })
}

/// The census rows of `counties[i]` for each `i` of `which`: each county's census population
/// projected on its province's mortality path (about 60 ms for the whole country).
fn census_rows(
    counties: &[&junheng_reference::CountyRef],
    which: &[usize],
    year: i32,
    norms: &junheng_core::standards::Catalogue,
) -> Result<Vec<(usize, OverviewRow)>, ApiError> {
    let n = national();
    let to = year.max(2021);
    let fertility = FertilityAssumption::default();
    // One set of rates per mortality path (a province's, or the national one).
    let mut rates: HashMap<String, Rates> = HashMap::new();
    let mut changed: HashMap<String, bool> = HashMap::new();
    let mut out = Vec::with_capacity(which.len());
    for &i in which {
        let c = counties[i];
        let division_changed = *changed.entry(c.prefecture.code.clone()).or_insert_with(|| {
            let ch = n.changes_in_prefecture(&c.prefecture.code);
            !ch.vanished.is_empty() || !ch.added.is_empty()
        });
        let parents = (c.prefecture.name.as_str(), c.province.name.as_str());
        let projected = match n.census(&c.code) {
            None => None,
            Some(census) => {
                if !rates.contains_key(&c.province.code) {
                    let (e0, _) = e0_path_for(&c.code);
                    let r = Rates::new(&e0, &fertility, to)
                        .map_err(|e| ApiError::internal(e.to_string()))?;
                    rates.insert(c.province.code.clone(), r);
                }
                let r = &rates[&c.province.code];
                let years = project_census(&census.population, r, &RegionInputs::default());
                let base = split_population(&census.population, &r.tails);
                projected_row(&c.code, &c.name, parents, &base, &years, year, norms)
            }
        };
        out.push((
            i,
            match projected {
                Some(mut row) => {
                    row.division_changed = division_changed;
                    row
                }
                None => empty_row(&c.code, &c.name, parents, year),
            },
        ));
    }
    Ok(out)
}

/// Stored counties evaluated at once, each on a task of its own: loading a county is about ten
/// database round trips, so a national overview needs many in flight to keep both cores busy
/// (2,907 stored counties, release, cold: 4 at once 3.0–3.2 s, 8 at once 2.9 s, 12 at once
/// 2.6 s). Each holds one of the PostgreSQL pool's 16 connections while it loads.
const STORED_AT_ONCE: usize = 12;

/// The rows of stored counties: each county's view at its version, assessed in `year`, on top
/// of its census row; kept in the cache by version.
async fn stored_rows(
    ctx: &Ctx,
    pending: Vec<(usize, String, i64, OverviewRow)>,
    year: i32,
) -> Result<Vec<(usize, OverviewRow)>, ApiError> {
    let mut out = Vec::with_capacity(pending.len());
    let mut pending = pending.into_iter();
    let mut running = tokio::task::JoinSet::new();
    loop {
        while running.len() < STORED_AT_ONCE {
            let Some((i, code, version, census_row)) = pending.next() else {
                break;
            };
            let ctx = ctx.clone();
            running.spawn(async move {
                let v = ctx.view_passing(&code, version).await?;
                let a = assess_as_of(&v, year).await?;
                // The stored county's own residents (its townships, its supplied table) are
                // what its KPIs were computed on.
                let mut row = with_assessment(census_row, &a);
                row.resident_population = a.county.resident_population;
                row.children_0_2 = a.county.population_0_2;
                row.aged_60_plus = a.county.population_60_plus;
                if let Some(k) = ctx.cache() {
                    k.keep_stored_row(&code, version, year, row.clone());
                }
                Ok::<_, ApiError>((i, row))
            });
        }
        // Leaving early (an error, a cancelled job) drops the set, which aborts the rest.
        let Some(done) = running.join_next().await else {
            break;
        };
        out.push(done.map_err(|e| ApiError::internal(format!("overview: {e}")))??);
        ctx.check_cancel()?;
    }
    Ok(out)
}

/// The overview as an XLSX workbook (one sheet, a row per county).
pub async fn export_overview(ctx: &Ctx, req: OverviewRequest) -> Result<ExportFile, ApiError> {
    let o = overview_of(ctx, req).await?;
    let bytes = junheng_report::overview_xlsx(&o.scope_name, o.year, &o.counties)
        .map_err(|e| ApiError::new(ErrorCode::ExportFailed, e.to_string(), json!({})))?;
    Ok(ExportFile {
        file_name: format!("{}_{}_区域总览.xlsx", o.scope, o.year),
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

//! 年度实际数 — importing and editing what facilities and the county actually served each year,
//! with what changed since the year before and warnings for figures unlikely for their place.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::assess::assess_facility;
use junheng_core::plausibility::{self, Warning};
use junheng_core::{Actuals, CountyActual, FacilityActual};
use junheng_io::read_actuals_mapped;
use junheng_store::{Change, ChangeEntry, ChangeItem};

use crate::import::{apply_fresh, decode, ImportFileRequest};
use crate::{ApiError, Ctx, ErrorCode};

/// Years actuals may be recorded for.
pub const ACTUAL_YEARS: (i32, i32) = (2020, 2035);

fn check_year(year: Option<i32>) -> Result<i32, ApiError> {
    match year {
        Some(y) if (ACTUAL_YEARS.0..=ACTUAL_YEARS.1).contains(&y) => Ok(y),
        other => Err(ApiError::new(
            ErrorCode::ProjectionBadYears,
            format!(
                "actuals need a year in {}–{}, got {other:?}",
                ACTUAL_YEARS.0, ACTUAL_YEARS.1
            ),
            json!({ "from": ACTUAL_YEARS.0, "to": ACTUAL_YEARS.1 }),
        )),
    }
}

/// One figure that differs from the year before.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ActualChange {
    /// The facility id, or `全县`.
    pub subject: String,
    pub name: String,
    pub field: String,
    pub previous: Option<f64>,
    pub value: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ActualsReport {
    pub year: i32,
    pub facilities: usize,
    pub county_row: bool,
    /// What differs from the year before (facility by facility, then the county).
    pub changes_since_previous_year: Vec<ActualChange>,
    pub warnings: Vec<Warning>,
    pub dry_run: bool,
    pub change: Option<ChangeEntry>,
}

fn facility_fields(a: &FacilityActual) -> [(&'static str, Option<u32>); 6] {
    [
        ("enrolled", a.enrolled),
        ("residents", a.residents),
        ("residents_disabled", a.residents_disabled),
        ("students_primary", a.students_primary),
        ("students_junior", a.students_junior),
        ("students_senior", a.students_senior),
    ]
}

fn county_fields(c: &CountyActual) -> [(&'static str, Option<f64>); 5] {
    [
        ("births", c.births.map(f64::from)),
        ("deaths", c.deaths.map(f64::from)),
        ("enrolled_under3", c.enrolled_under3.map(f64::from)),
        (
            "resident_population",
            c.resident_population.map(|v| v as f64),
        ),
        (
            "registered_population",
            c.registered_population.map(|v| v as f64),
        ),
    ]
}

/// The figures of `year` that differ from the year before.
pub fn changes_since(
    before: &Actuals,
    facilities: &[FacilityActual],
    county: Option<&CountyActual>,
    year: i32,
    names: &HashMap<String, String>,
) -> Vec<ActualChange> {
    let mut out = Vec::new();
    for a in facilities {
        let prev = before.facility_year(&a.facility_id, year - 1);
        for (i, (field, v)) in facility_fields(a).into_iter().enumerate() {
            let p = prev.and_then(|p| facility_fields(p)[i].1);
            if v.is_some() && v != p {
                out.push(ActualChange {
                    subject: a.facility_id.clone(),
                    name: names.get(&a.facility_id).cloned().unwrap_or_default(),
                    field: field.into(),
                    previous: p.map(f64::from),
                    value: v.map(f64::from),
                });
            }
        }
    }
    if let Some(c) = county {
        let prev = before.county_year(year - 1);
        for (i, (field, v)) in county_fields(c).into_iter().enumerate() {
            let p = prev.and_then(|p| county_fields(p)[i].1);
            if v.is_some() && v != p {
                out.push(ActualChange {
                    subject: junheng_io::COUNTY_ROW.into(),
                    name: junheng_io::COUNTY_ROW.into(),
                    field: field.into(),
                    previous: p,
                    value: v,
                });
            }
        }
    }
    out
}

/// Imports one year's actuals (the yearly template; `year` in the request): every cell checked,
/// one logged, undoable change setting exactly the facility-years and county-year the file has.
pub async fn import_actuals(ctx: &Ctx, req: ImportFileRequest) -> Result<ActualsReport, ApiError> {
    let year = check_year(req.year)?;
    let v = ctx.view(req.county.as_deref()).await?;
    let code = v.code.clone();
    let bytes = decode(&req.base64)?;
    let map = req.column_map.clone().unwrap_or_default();
    let author = req
        .author
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .unwrap_or("导入")
        .to_string();
    let stored = ctx.store.actuals(&code).await?;
    let norms = v.norms.clone();
    let (change, report) = apply_fresh(ctx, &code, req.dry_run, |data| {
        let ids: HashSet<String> = data.facilities.iter().map(|f| f.id.clone()).collect();
        let file = read_actuals_mapped(&req.file_name, &bytes, &map, year, &code, &ids)?;
        let names: HashMap<String, String> = data
            .facilities
            .iter()
            .map(|f| (f.id.clone(), f.name.clone()))
            .collect();
        let mut warnings = Vec::new();
        for a in &file.facilities {
            if let Some(f) = data.facilities.iter().find(|f| f.id == a.facility_id) {
                let fa = assess_facility(f, &norms);
                warnings.extend(plausibility::actual(
                    a,
                    &f.name,
                    fa.childcare_slots.map(f64::from),
                    fa.beds.map(f64::from),
                ));
            }
        }
        let mut items: Vec<ChangeItem> = file
            .facilities
            .iter()
            .filter_map(|a| {
                let before = stored.facility_year(&a.facility_id, year).cloned();
                (before.as_ref() != Some(a)).then(|| ChangeItem::FacilityActual {
                    facility: a.facility_id.clone(),
                    year,
                    before,
                    after: Some(a.clone()),
                })
            })
            .collect();
        if let Some(c) = &file.county {
            let before = stored.county_year(year).cloned();
            if before.as_ref() != Some(c) {
                items.push(ChangeItem::CountyActual {
                    year,
                    before,
                    after: Some(c.clone()),
                });
            }
        }
        let report = ActualsReport {
            year,
            facilities: file.facilities.len(),
            county_row: file.county.is_some(),
            changes_since_previous_year: changes_since(
                &stored,
                &file.facilities,
                file.county.as_ref(),
                year,
                &names,
            ),
            warnings,
            dry_run: req.dry_run,
            change: None,
        };
        Ok((
            Some(Change {
                author: author.clone(),
                action: "import_actuals".into(),
                summary: format!("导入{year}年实际数 {}", req.file_name),
                items,
            }),
            report,
        ))
    })
    .await?;
    Ok(ActualsReport { change, ..report })
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ActualsRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
}

/// The county's actuals, every year recorded.
pub async fn get_actuals(ctx: &Ctx, req: ActualsRequest) -> Result<Actuals, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    Ok(ctx.store.actuals(&code).await?)
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SetActualRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub author: String,
    /// One facility-year (its `facility_id` and `year`)…
    #[serde(default)]
    #[ts(optional = nullable)]
    pub facility: Option<FacilityActual>,
    /// …or the county's figures of one year.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county_year: Option<CountyActual>,
    /// What the editor read (`None` when the year had no figures): a figure changed meanwhile by
    /// someone else is a conflict.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub before_facility: Option<FacilityActual>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub before_county: Option<CountyActual>,
}

fn range_error(errors: Vec<junheng_core::limits::FieldError>) -> Result<(), ApiError> {
    match errors.into_iter().next() {
        None => Ok(()),
        Some(e) => Err(ApiError::new(
            ErrorCode::EditOutOfRange,
            e.message_en.clone(),
            json!({ "field": e.field, "detail_zh": e.message_zh, "detail": e.message_en }),
        )),
    }
}

/// Edits one facility-year or one county-year of actuals (logged, undoable).
pub async fn set_actual(ctx: &Ctx, req: SetActualRequest) -> Result<ChangeEntry, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    if req.author.trim().is_empty() {
        return Err(ApiError::with(ErrorCode::EditNoAuthor, json!({})));
    }
    let item = match (&req.facility, &req.county_year) {
        (Some(a), None) => {
            check_year(Some(a.year))?;
            let data = ctx.load_county(&code).await?;
            if !data.facilities.iter().any(|f| f.id == a.facility_id) {
                return Err(ApiError::with(
                    ErrorCode::ScenarioUnknownFacility,
                    json!({ "facility": a.facility_id }),
                ));
            }
            range_error(a.check_ranges())?;
            ChangeItem::FacilityActual {
                facility: a.facility_id.clone(),
                year: a.year,
                before: req.before_facility.clone(),
                after: Some(a.clone()),
            }
        }
        (None, Some(c)) => {
            check_year(Some(c.year))?;
            range_error(c.check_ranges())?;
            ChangeItem::CountyActual {
                year: c.year,
                before: req.before_county.clone(),
                after: Some(c.clone()),
            }
        }
        _ => {
            return Err(ApiError::bad_request(
                "set_actual",
                "give either `facility` or `county_year`",
            ))
        }
    };
    let change = Change {
        author: req.author.trim().to_string(),
        action: "actuals".into(),
        summary: "修改年度实际数".into(),
        items: vec![item],
    };
    Ok(ctx.store.apply(&code, &change).await?)
}

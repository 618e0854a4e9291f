//! 县区 — setting up counties from the bundled national data, listing and removing them, and
//! the search the 新建县区 wizard and the county switcher use.

use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::AgeSexBands;
use junheng_reference::{county_setup, national, SetupError, SetupReport};
use junheng_store::CountySummary;

use crate::import::decode;
use crate::{ApiError, Ctx, ErrorCode};

impl From<SetupError> for ApiError {
    fn from(e: SetupError) -> Self {
        let (code, params) = match &e {
            SetupError::UnknownCode { code } => {
                (ErrorCode::CountyUnknownCode, json!({ "code": code }))
            }
            SetupError::NotCountyLevel {
                code,
                name,
                level_zh,
                level_en,
            } => (
                ErrorCode::CountyNotCountyLevel,
                json!({ "code": code, "name": name, "level": level_zh, "level_en": level_en }),
            ),
            SetupError::Obsolete { code, name, added } => (
                ErrorCode::CountyObsoleteCode,
                json!({ "code": code, "name": name, "added": added }),
            ),
            SetupError::NoCensus { code, name } => (
                ErrorCode::CountyNoCensus,
                json!({ "code": code, "name": name }),
            ),
        };
        ApiError::new(code, e.to_string(), params)
    }
}

/// Whether `code` can be set up (with a supplied population table, a unit created after the
/// census can too), without touching any database: hosts check before they create a file.
pub fn check_county_code(code: &str, supplied: bool) -> Result<(), ApiError> {
    let mut p = AgeSexBands::default();
    p.male[0] = 1;
    county_setup(code.trim(), supplied.then_some(&p))?;
    Ok(())
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ListCountiesRequest {}

/// The counties stored, with the counts their data-completeness list is made of.
pub async fn list_counties(
    ctx: &Ctx,
    _req: ListCountiesRequest,
) -> Result<Vec<CountySummary>, ApiError> {
    Ok(ctx.store.counties().await?)
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CountyCodeRequest {
    /// 6-digit county-level code (NBS 2023).
    pub code: String,
}

/// What creating a county would give, without storing anything: the wizard's preview.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CountyPreview {
    pub report: SetupReport,
    /// The county outline (GeoJSON geometry, GCJ-02), for the preview map.
    #[ts(type = "unknown")]
    pub outline: Option<serde_json::Value>,
    /// The township list: code, name, kind, 2020 bulletin population where known.
    pub townships: Vec<PreviewTownship>,
    /// Whether a county of this code is already stored.
    pub exists: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct PreviewTownship {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub population: Option<u64>,
}

pub async fn preview_county(ctx: &Ctx, req: CountyCodeRequest) -> Result<CountyPreview, ApiError> {
    let setup = county_setup(req.code.trim(), None)?;
    let exists = ctx.store.county_codes().await?.contains(&setup.report.code);
    Ok(CountyPreview {
        townships: setup
            .dataset
            .townships
            .iter()
            .map(|t| PreviewTownship {
                code: t.code.clone(),
                name: t.name.clone(),
                kind: t.kind.clone(),
                population: (t.population_status != junheng_core::PopulationStatus::Pending)
                    .then(|| t.population.total()),
            })
            .collect(),
        outline: setup.dataset.outline.clone(),
        report: setup.report,
        exists,
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CreateCountyRequest {
    pub code: String,
    /// For a unit created after the census: its 常住人口 by age band and sex, as a file in the
    /// 户籍 table's layout (年龄组,男,女), base64.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub population_file_name: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub population_base64: Option<String>,
}

/// 新建县区: stores the county set up from the national data (see [`county_setup`]); a code
/// already stored is refused. The demo's township boundaries come with 云和县.
pub async fn create_county(ctx: &Ctx, req: CreateCountyRequest) -> Result<SetupReport, ApiError> {
    let supplied: Option<AgeSexBands> = match (&req.population_file_name, &req.population_base64) {
        (Some(name), Some(b64)) => {
            let bytes = decode(b64)?;
            Some(junheng_io::read_hukou_bands(
                name,
                &bytes,
                &Default::default(),
            )?)
        }
        _ => None,
    };
    let code = req.code.trim().to_string();
    let mut setup = county_setup(&code, supplied.as_ref())?;
    if ctx.store.county_codes().await?.contains(&code) {
        return Err(ApiError::with(
            ErrorCode::CountyExists,
            json!({ "code": code }),
        ));
    }
    junheng_io::attach_bundled_boundaries(&mut setup.dataset)?;
    ctx.progress("progress.stage.commit", 0.9);
    ctx.check_cancel()?;
    ctx.store.create_county(&setup.dataset).await?;
    Ok(setup.report)
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RemoveCountyRequest {
    pub code: String,
}

/// Removes a county and everything stored for it (its scenarios, overrides and change log).
pub async fn remove_county(
    ctx: &Ctx,
    req: RemoveCountyRequest,
) -> Result<Vec<CountySummary>, ApiError> {
    if !ctx.store.remove_county(&req.code).await? {
        return Err(ApiError::county_not_found(&req.code));
    }
    Ok(ctx.store.counties().await?)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DivisionsRequest {
    /// A name (汉字), pinyin initials or code prefix; empty lists by `within`.
    #[serde(default)]
    #[ts(optional, as = "Option<String>")]
    pub query: String,
    /// A province or prefecture code to list the divisions of; empty lists the provinces.
    #[serde(default)]
    #[ts(optional, as = "Option<String>")]
    pub within: String,
    /// A code to rank equal matches by nearness to (e.g. the current county's).
    #[serde(default)]
    #[ts(optional, as = "Option<String>")]
    pub near: String,
}

/// One division as the wizard lists it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct DivisionItem {
    pub code: String,
    pub name: String,
    /// `province`, `prefecture` or `county`.
    pub level: String,
    /// For a county: its prefecture and province names.
    pub parent: String,
    pub has_census: bool,
    pub has_outline: bool,
    pub townships: u32,
}

/// Maximum divisions one search returns.
pub const DIVISION_SEARCH_LIMIT: usize = 50;

/// The wizard's lists: provinces, a province's prefectures, a prefecture's counties, or the
/// counties matching a name, pinyin initials or code.
pub async fn search_divisions(
    _ctx: &Ctx,
    req: DivisionsRequest,
) -> Result<Vec<DivisionItem>, ApiError> {
    let n = national();
    let county = |c: &junheng_reference::CountyRef| DivisionItem {
        code: c.code.clone(),
        name: c.name.clone(),
        level: "county".into(),
        parent: format!("{} {}", c.province.name, c.prefecture.name),
        has_census: c.has_census,
        has_outline: c.has_outline,
        townships: c.township_count,
    };
    let query = req.query.trim();
    if !query.is_empty() {
        let near = (!req.near.is_empty()).then_some(req.near.as_str());
        let found = match near {
            Some(near) => n.search_near(query, DIVISION_SEARCH_LIMIT, near),
            None => n.search(query, DIVISION_SEARCH_LIMIT),
        };
        return Ok(found.into_iter().map(county).collect());
    }
    let within = req.within.trim();
    if within.is_empty() {
        return Ok(n
            .provinces()
            .into_iter()
            .map(|d| DivisionItem {
                code: d.code,
                name: d.name,
                level: "province".into(),
                parent: String::new(),
                has_census: true,
                has_outline: false,
                townships: 0,
            })
            .collect());
    }
    if within.ends_with("0000") {
        let province = n.division_name(within).unwrap_or_default().to_string();
        return Ok(n
            .prefectures(within)
            .into_iter()
            .map(|d| DivisionItem {
                code: d.code,
                name: d.name,
                level: "prefecture".into(),
                parent: province.clone(),
                has_census: true,
                has_outline: false,
                townships: 0,
            })
            .collect());
    }
    Ok(n.counties_in(within).into_iter().map(county).collect())
}

use serde::{Deserialize, Serialize};

use junheng_core::demand::{zone_outlook, ZoneOutlook};
use junheng_core::projection::{
    project_county, CountyAssumptions, CountyProjection, E0Path, MigrationAssumption, Variant,
    AGES, BASE_DATE, BASE_YEAR,
};
use junheng_core::Facility;

use crate::{no_hukou, ApiError, CountyView, Ctx, ErrorCode, ProjectionSpec};

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct OutlookRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    /// Fertility variant: low / medium / high (TFR −0.2 / as given / +0.2).
    #[serde(default)]
    #[ts(optional, as = "Option<Variant>")]
    pub variant: Variant,
    /// Medium TFR from 2021 (default 1.0).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub tfr: Option<f64>,
    /// First and last plan years (default 2025–2035).
    #[serde(default = "default_from")]
    #[ts(optional, as = "Option<i32>")]
    pub from: i32,
    #[serde(default = "default_to")]
    #[ts(optional, as = "Option<i32>")]
    pub to: i32,
    /// Net migration per year (常住 view); none = zero.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub migration: Option<MigrationAssumption>,
    /// 常住 (resident, default) or 户籍 (registered) base population.
    #[serde(default)]
    #[ts(optional, as = "Option<PopulationBasis>")]
    pub basis: PopulationBasis,
}

/// Which population the projection starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PopulationBasis {
    /// 常住人口 from the census (the planning base of the 2025 opinions).
    #[default]
    Resident,
    /// 户籍人口 from the county's imported table: births and deaths only, no residence moves.
    Hukou,
}

fn default_from() -> i32 {
    2025
}
fn default_to() -> i32 {
    2035
}

/// Population by single age and sex at one moment, for the pyramid.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct PyramidYear {
    /// `2020-11-01` for the census base, else `YYYY-12-31`.
    pub date: String,
    pub year: i32,
    pub male: Vec<f64>,
    pub female: Vec<f64>,
}

/// The assumptions behind a projection, shown next to every chart of it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ProjectionAssumptions {
    pub base_date: String,
    pub variant: Variant,
    pub tfr_base_2020: f64,
    pub tfr_from_2021: f64,
    pub sex_ratio_at_birth: f64,
    /// Both-sexes life expectancy knots (year, e0), linear between.
    pub e0_knots: Vec<(i32, f64)>,
    pub e0_female_minus_male: f64,
    pub migration: String,
    pub township_method: String,
    pub basis: PopulationBasis,
    /// Where the 户籍 base comes from, for the 户籍 view.
    pub basis_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Outlook {
    pub county: ZoneOutlook,
    pub townships: Vec<ZoneOutlook>,
    /// County pyramids: the census base and every projected year-end.
    pub pyramids: Vec<PyramidYear>,
    pub assumptions: ProjectionAssumptions,
}

pub async fn get_outlook(ctx: &Ctx, req: OutlookRequest) -> Result<Outlook, ApiError> {
    if req.from < BASE_YEAR || req.to < req.from || req.to > 2100 {
        return Err(ApiError::new(
            ErrorCode::ProjectionBadYears,
            format!(
                "plan years must satisfy {BASE_YEAR} ≤ from ≤ to ≤ 2100, got {}–{}",
                req.from, req.to
            ),
            serde_json::json!({ "from": req.from, "to": req.to }),
        ));
    }
    let v = ctx.view(req.county.as_deref()).await?;
    outlook_of(&v, &req).await
}

/// The plan-period outlook of a county on the request's assumptions (years already checked).
pub async fn outlook_of(v: &CountyView, req: &OutlookRequest) -> Result<Outlook, ApiError> {
    let hukou = match req.basis {
        PopulationBasis::Resident => None,
        PopulationBasis::Hukou => Some(v.hukou().await?.ok_or_else(|| no_hukou(&v.code))?),
    };
    if hukou.is_some() && req.migration.is_some() {
        return Err(ApiError::new(
            ErrorCode::ProjectionHukouMigration,
            "the 户籍 view counts registered residents wherever they live: it takes no migration",
            serde_json::json!({}),
        ));
    }
    let spec = ProjectionSpec {
        variant: req.variant,
        tfr: req.tfr,
        migration: req.migration.clone(),
        basis: req.basis,
    };
    let projected = v.projection(&spec, req.to).await?;
    let norms = &v.norms;
    let facilities = &v.data.facilities;
    let population = match hukou {
        Some(h) => &h.bands,
        None => &v.data.population,
    };
    let (county, towns, rates, fertility, e0) = (
        &projected.county,
        &projected.zones,
        &projected.rates,
        &projected.fertility,
        &projected.e0,
    );
    let base = junheng_core::projection::split_population(population, &rates.tails);
    let mut pyramids = vec![PyramidYear {
        date: BASE_DATE.to_string(),
        year: BASE_YEAR,
        male: base.male.to_vec(),
        female: base.female.to_vec(),
    }];
    pyramids.extend(county.iter().map(|y| PyramidYear {
        date: format!("{}-12-31", y.year),
        year: y.year,
        male: y.population.male[..AGES].to_vec(),
        female: y.population.female[..AGES].to_vec(),
    }));
    let all: Vec<&Facility> = facilities.iter().collect();
    let county_outlook = zone_outlook(
        &v.data.county.code,
        &v.data.county.name,
        county,
        &all,
        req.from,
        norms,
    );
    let townships = v
        .data
        .townships
        .iter()
        .zip(towns.iter())
        .map(|(t, series)| {
            let here: Vec<&Facility> = facilities
                .iter()
                .filter(|f| f.township_code == t.code)
                .collect();
            zone_outlook(&t.code, &t.name, series, &here, req.from, norms)
        })
        .collect();
    let knots = match e0 {
        E0Path::Total { knots, .. } => knots.clone(),
        E0Path::Fixed { .. } => vec![],
    };
    Ok(Outlook {
        county: county_outlook,
        townships,
        pyramids,
        assumptions: ProjectionAssumptions {
            base_date: BASE_DATE.to_string(),
            variant: req.variant,
            tfr_base_2020: fertility.tfr_base,
            tfr_from_2021: fertility.tfr + req.variant.tfr_offset(),
            sex_ratio_at_birth: fertility.srb,
            e0_knots: knots,
            e0_female_minus_male: 5.8,
            migration: match &req.migration {
                None => "none (常住 view, net migration 0 unless entered)".to_string(),
                Some(m) => format!(
                    "{:+} net migrants a year from {} to {}, {:?} age profile, {:.0}% men",
                    m.annual_net,
                    m.from,
                    m.to.unwrap_or(req.to),
                    m.profile,
                    m.male_share * 100.0
                ),
            },
            township_method: "townships projected with the county rates and raked (IPF by age × sex) to the county".to_string(),
            basis: req.basis,
            basis_note: hukou.map(|h| format!(
                "户籍人口 from {} (imported {}), taken as at the census date; townships keep their 常住 structure raked to the 户籍 county total",
                h.source, h.updated_at
            )),
        },
    })
}

/// The county, its townships and its 未分配 remainder projected from the base table to `to`.
pub fn project_dataset(
    data: &junheng_core::CountyDataset,
    variant: Variant,
    tfr: Option<f64>,
    to: i32,
    migration: Option<&MigrationAssumption>,
) -> Result<CountyProjection, ApiError> {
    project_county(
        data,
        &CountyAssumptions {
            variant,
            tfr,
            migration: migration.cloned(),
        },
        to,
    )
    .map_err(|e| ApiError::new(ErrorCode::ProjectionBadAssumption, e, serde_json::json!({})))
}

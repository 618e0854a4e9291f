//! A whole county projected: the county from its base table, its townships with the same rates
//! raked to it, and the 未分配 remainder as one more zone so that the townships and the
//! remainder always add up to the county.

use super::{
    check_migration, migration_schedule, project_census, project_townships, split_population,
    E0Path, FertilityAssumption, MigrationAssumption, Rates, RegionInputs, Variant, YearResult,
};
use crate::CountyDataset;

/// What a county projection assumes (beyond the base table).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CountyAssumptions {
    pub variant: Variant,
    /// TFR from 2021 on; the engine default when absent.
    pub tfr: Option<f64>,
    pub migration: Option<MigrationAssumption>,
}

/// The county and its zones projected to year-end of each year up to `to`.
pub struct CountyProjection {
    pub county: Vec<YearResult>,
    /// One series per township, in the dataset's order, then one for the 未分配 remainder
    /// (all zero when the townships hold the whole county).
    pub zones: Vec<Vec<YearResult>>,
    pub rates: Rates,
    pub fertility: FertilityAssumption,
    pub e0: E0Path,
}

impl CountyProjection {
    /// The townships' series (without the remainder).
    pub fn townships(&self) -> &[Vec<YearResult>] {
        &self.zones[..self.zones.len() - 1]
    }

    /// The 未分配 remainder's series.
    pub fn remainder(&self) -> &[YearResult] {
        self.zones.last().map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Projects a county (the national mortality path moved by its province's 2020 difference where
/// a source gives it, the given fertility variant, TFR and migration)
/// with its townships and remainder raked to it. The error names the assumption at fault.
pub fn project_county(
    data: &CountyDataset,
    a: &CountyAssumptions,
    to: i32,
) -> Result<CountyProjection, String> {
    let mut fertility = FertilityAssumption {
        variant: a.variant,
        ..Default::default()
    };
    if let Some(tfr) = a.tfr {
        fertility.tfr = tfr;
    }
    // The province's 2020 life expectancy, where a source gives it, moves the national path.
    let (e0, _) = super::e0_path_for(&data.county.code);
    let rates = Rates::new(&e0, &fertility, to).map_err(|e| e.to_string())?;
    let mut inputs = RegionInputs::default();
    if let Some(m) = &a.migration {
        check_migration(m)?;
        let base = split_population(&data.population, &rates.tails);
        inputs.migration = migration_schedule(m, &base, to);
    }
    let county = project_census(&data.population, &rates, &inputs);
    let mut bands: Vec<_> = data
        .townships
        .iter()
        .map(|t| t.population.clone())
        .collect();
    bands.push(data.unallocated.clone());
    let zones = project_townships(&bands, &county, &rates);
    Ok(CountyProjection {
        county,
        zones,
        rates,
        fertility,
        e0,
    })
}
